"""The same event arriving twice: from a partner's calendar when the site's people already entered it by hand, or
from two partners' calendars. A new source event is the same as an event already in content/events/ when:

- it starts within 30 minutes of it (whole-day events: the same day);
- at the same place: the same place file, or the same name or address written in the event (compared without
  case, accents or punctuation; a place file's own name and address count), or within 100 m;
- under a similar title: rapidfuzz's token_set_ratio ≥ 85 once both are lowercased and rid of their accents
  ("Heure du conte" and "L'heure du conte du mercredi" are the same; "Concert" and "Conférence" are not).

Two events of the same source are never duplicates of each other: its UIDs tell them apart (the sync never
compares them). Only what is written in the files is used, never the Internet.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapidfuzz import fuzz

from contributions import Site, SourceError, read_source

SAME_START = dt.timedelta(minutes=30)
SAME_PLACE_METRES = 100
SAME_TITLE = 85  # token_set_ratio, 0-100
_START = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?")


@dataclass(frozen=True)
class PlaceFile:
    """A place of the site (content/places/<slug>.yaml) as the comparison needs it."""

    name: str
    address: str
    coordinates: tuple[float, float] | None


@dataclass(frozen=True)
class Known:
    """An event as the comparison sees it: where it is (relative to content/), when, where and what."""

    path: str
    start: dt.datetime | dt.date
    places: frozenset[tuple[str, str]]  # ("slug", ...), ("name", ...), ("address", ...), ("online", ...)
    coordinates: tuple[float, float] | None
    title: str
    # a series: its dates starting between two aware datetimes (`contributions.occurrences`), else None
    dates_between: Callable[[dt.datetime, dt.datetime], list[dt.datetime]] | None = field(default=None, compare=False)


def plain(text: str) -> str:
    """Lowercase, no accents, punctuation as spaces: 'Médiathèque des Lilas' and 'mediatheque des lilas'."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def _address(value) -> str:
    if isinstance(value, dict):
        return plain(" ".join(str(value.get(part) or "") for part in ("street", "postal_code", "city")))
    return plain(value) if isinstance(value, str) else ""


def _coordinates(value) -> tuple[float, float] | None:
    if not isinstance(value, dict):
        return None
    try:
        latitude, longitude = float(value["lat"]), float(value["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    return (latitude, longitude) if math.isfinite(latitude) and math.isfinite(longitude) else None


def site_places(content: Path, site: Site) -> dict[str, PlaceFile]:
    """The site's places by slug, read as `make check` reads them (a file it cannot read is left out)."""
    places = {}
    folder = content / "places"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.is_symlink():
            continue
        try:
            data = read_source(path.read_bytes(), False, site.max_file_bytes).data
        except (OSError, SourceError):
            continue
        places[path.stem] = PlaceFile(
            plain(data.get("name") or ""), _address(data.get("address")), _coordinates(data.get("coordinates"))
        )
    return places


def _start(value, zone: ZoneInfo) -> dt.datetime | dt.date | None:
    found = _START.match(str(value or ""))
    if not found:
        return None
    try:
        day = dt.date(int(found[1]), int(found[2]), int(found[3]))
        if found[4] is None:
            return day
        return dt.datetime.combine(day, dt.time(int(found[4]), int(found[5])), tzinfo=zone)
    except ValueError:
        return None


def known_event(
    path: str,
    data: dict,
    places: dict[str, PlaceFile],
    zone: ZoneInfo,
    coordinates: tuple[float, float] | None = None,
    dates_between: Callable[[dt.datetime, dt.datetime], list[dt.datetime]] | None = None,
) -> Known | None:
    """An event file's fields (as read, before the schema) as the comparison sees them; None without a start."""
    try:
        zone = ZoneInfo(str(data["timezone"])) if data.get("timezone") else zone
    except (ZoneInfoNotFoundError, ValueError):
        pass
    start = _start(data.get("start"), zone)
    if start is None:
        return None
    keys: set[tuple[str, str]] = set()
    place = data.get("place")
    place = {"slug": str(place)} if isinstance(place, str | int) and not isinstance(place, bool) else place
    if isinstance(place, dict):
        slug = place.get("slug")
        if slug:
            keys.add(("slug", str(slug)))
            known = places.get(str(slug))
            if known is not None:
                keys |= {("name", known.name), ("address", known.address)}
                coordinates = coordinates or known.coordinates
        if place.get("name"):
            keys.add(("name", plain(place["name"])))
        if place.get("address"):
            keys.add(("address", _address(place["address"])))
    if data.get("online") and not keys:
        keys.add(("online", str(data["online"]).strip()))
    keys = {(kind, value) for kind, value in keys if value}
    return Known(path, start, frozenset(keys), coordinates, plain(data.get("title") or ""), dates_between)


def metres(one: tuple[float, float], other: tuple[float, float]) -> float:
    """Distance on the Earth's surface (haversine), in metres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*one, *other))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(min(1.0, math.sqrt(h)))


def same_start(candidate: Known, other: Known) -> bool:
    """Starts within 30 minutes; for a series, one of its dates does (the candidate's first date is compared)."""
    one = candidate.start
    if other.dates_between is not None:
        if isinstance(one, dt.datetime):
            return bool(other.dates_between(one - SAME_START, one + SAME_START))
        morning = dt.datetime.combine(one, dt.time(), tzinfo=dt.UTC)
        days = other.dates_between(morning - dt.timedelta(days=1), morning + dt.timedelta(days=2))
        return any(date.date() == one for date in days)
    return _close(one, other.start)


def _close(one: dt.datetime | dt.date, other: dt.datetime | dt.date) -> bool:
    if isinstance(one, dt.datetime) and isinstance(other, dt.datetime):
        return abs(one - other) <= SAME_START
    if not isinstance(one, dt.datetime) and not isinstance(other, dt.datetime):
        return one == other
    return False


def same_place(one: Known, other: Known) -> bool:
    if one.places & other.places:
        return True
    return bool(one.coordinates and other.coordinates and metres(one.coordinates, other.coordinates) <= 100)


def similar_title(one: str, other: str) -> bool:
    return bool(one and other) and fuzz.token_set_ratio(one, other) >= SAME_TITLE


def duplicate_of(candidate: Known, known: list[Known]) -> Known | None:
    """The first event of `known` that `candidate` is the same as, or None."""
    for other in known:
        if same_start(candidate, other) and same_place(candidate, other):
            if similar_title(candidate.title, other.title):
                return other
    return None
