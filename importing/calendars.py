"""A partner's iCalendar file read as the programs people use write it, each event as the fields of an event file.

`read(data, source, site)` gives (the events, the events left out and why, sentences about the whole calendar).
What the issue left open, decided here:

- Times. Google's calendars are repaired first (`x_wr_timezone`: X-WR-TIMEZONE applied to UTC and floating
  times). A TZID of the IANA database is the event's zone; a Windows name (Outlook, Exchange) is read as the
  IANA zone icalendar's table gives; a zone only the file describes (a VTIMEZONE with its own name and rules)
  is read with icalendar's handling and the times are written in the site's zone; a TZID neither knows skips
  the event with a sentence naming it, X-WR-TIMEZONE or not (what each event's TZIDs said is noted before
  x_wr_timezone gives that zone to every time without one). UTC and floating times are written in the site's
  zone. `timezone:` is written only when the event's zone is not the site's. DTEND is exclusive for whole
  days: `end` is the last day; an end not after the start (Google writes some) is left out.
- Series. One file per UID: the master VEVENT and its overrides (RECURRENCE-ID). RRULE becomes `recurrence`
  when the friendly form says exactly the same (weekly on days, monthly on the nth weekday or on the same day,
  daily, yearly, interval, until or count), else `rrule:`; HOURLY, MINUTELY, SECONDLY and several RRULEs skip
  the event. EXDATE -> `except` (dates the rule does not give are dropped: they change nothing), RDATE ->
  `extra` (with no RRULE, a rule giving only the first date, FREQ=DAILY;COUNT=1, carries them). An override
  becomes one entry of `occurrences`: cancelled, or moved (start, end when its length changes, place), its
  changed SUMMARY as the entry's note; a changed DESCRIPTION or title is told in the report (`notes`). An
  override of a date the series does not give is left out with a note. Overrides whose master is missing
  are events of their own: the UID alone for one, the UID and the date (`<uid>#<YYYY-MM-DD>`) for several.
- Status. CANCELLED -> cancelled; TENTATIVE -> scheduled, with a note in the report (a partner's "maybe" is
  published as announced, the moderators decide); anything else -> scheduled.
- Texts. SUMMARY -> title (none: skipped), cut at a word under 300 characters; X-ALT-DESC (HTML), else
  DESCRIPTION (plain text, shown as written; HTML only from Google Calendar, which writes it so) -> Markdown
  (`calendar_text`), cut at a paragraph under 20,000 characters with a note. URL ->
  `organizer: {name: <source's name>, url}` (else the source's site); ORGANIZER's CN (or a name written as
  its value, as Mobilizon does) names the organizer; never an e-mail address.
- Categories. CATEGORIES words through `source.categories` (case-insensitive) to the site's categories, else
  `source.defaults.categories`; the words themselves in `source_categories`.
- Places. One of the site's places when LOCATION (or its name part) is its name (case, accents and a leading
  article aside) and GEO, if given, is within 100 m of it; or when LOCATION holds its name among other words
  with the same address (street, and postal code or town) and GEO, if given, within 100 m; or, LOCATION naming
  none of them, when GEO is within 100 m of it. A place LOCATION names but puts elsewhere is never the site's:
  the place is written inline, with a note (without an address to write, GEO far from it: skipped). Else the
  place written inline from LOCATION (first line or part: the name; then the address); else
  `source.defaults.place`; no place at all: skipped.
- Dates in notes are written in words in the site's language, as the report writes them.
- Filters (`source.keep`): an event left out by them is counted in one sentence, not listed as a problem.
- Every event is checked against the event schema before it is handed on: what it still refuses is told as
  the reason the event is left out, in the schema's own words.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import x_wr_timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from pydantic import ValidationError

from contributions import DEFAULT_TIMEZONE, KINDS, messages, scrubbed, validate_file
from importing.calendar_text import cut_words, description, folded, name_and_address, one_line
from importing.model import N_, Imported, Said, Skipped
from importing.report import moment_in_words

NEAR_METRES = 100  # GEO this close to a place of the site: that place
MAX_EVENTS = 5000  # VEVENTs read from one calendar: a partner's agenda, not an archive
_SUB_DAILY = {"HOURLY", "MINUTELY", "SECONDLY"}
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINAL_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_WEB = re.compile(r"^https?://[^\s<>\"]+$", re.I)


class _Left(Exception):
    """An event that cannot be imported, with the sentence saying why."""

    def __init__(self, reason: Said) -> None:
        super().__init__(reason.text)
        self.reason = reason


def read(data: bytes, source, site) -> tuple[list[Imported], list[Skipped], list[Said]]:
    """The events of a partner's calendar as event fields, the events left out (with why), and sentences about
    the calendar as a whole."""
    calendars, unknown_zones, problem = _parsed(data)
    if problem is not None:
        return [], [], [problem]
    reader = _Reader(source, site)
    reader.unknown_zones = unknown_zones
    said: list[Said] = []
    masters, overrides, skipped = reader.grouped([event for cal in calendars for event in cal.walk("VEVENT")])
    if len(masters) + sum(len(found) for found in overrides.values()) > MAX_EVENTS:
        said.append(Said(N_("Only the first %(limit)s events of the calendar were read."), {"limit": MAX_EVENTS}))
    imported: list[Imported] = []
    filtered = 0
    for uid, events in _series(masters, overrides):
        try:
            found = reader.imported(uid, *events)
        except _Left as left:
            skipped.append(_skipped(uid, events[0] or events[1][0], left.reason))
            continue
        except Exception:  # noqa: BLE001 — a partner's file never stops the import: one sentence, the rest goes on
            reason = Said(N_("This event could not be read."))
            skipped.append(_skipped(uid, events[0] or events[1][0], reason))
            continue
        for item in found:
            if reader.kept(item):
                imported.append(item)
            else:
                filtered += 1
    if filtered:
        text = N_("%(count)s event left out by the source's filters.")
        if filtered > 1:
            text = N_("%(count)s events left out by the source's filters.")
        said.append(Said(text, {"count": filtered}))
    if not imported and not skipped and not filtered:
        said.append(Said(N_("The calendar holds no event.")))
    return imported, skipped, said


# --- the file -------------------------------------------------------------------------------------


def _parsed(data: bytes) -> tuple[list, dict[int, str], Said | None]:
    """The calendars of the file, the TZIDs no database knows (by the `id` of the event using one), or the
    sentence saying why it is not one."""
    calendars, problem = _calendars(data)
    if problem is not None:
        return [], {}, problem
    repaired, unknown = [], {}
    for calendar in calendars:
        found = [_unknown_zone(component) for component in calendar.subcomponents]
        try:
            converted = x_wr_timezone.to_standard(calendar)
        except Exception:  # noqa: BLE001 — an X-WR-TIMEZONE that names no zone: the times stay as written
            converted = calendar
        # X-WR-TIMEZONE is given to the times without a zone, those of a TZID nothing knows too (their TZID
        # dropped): what each event said is kept from before (the walk keeps the components in their order)
        for component, zone in zip(converted.subcomponents, found, strict=True):
            if zone is not None:
                unknown[id(component)] = zone
        repaired.append(converted)
    return repaired, unknown, None


_ZONED = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")


def _unknown_zone(component) -> str | None:
    """The TZID of one of an event's times that neither the database nor the file describes (icalendar gives
    such a time without its zone), or None."""
    if not isinstance(component, icalendar.Event):
        return None
    for name in _ZONED:
        found = component.get(name)
        for prop in found if isinstance(found, list) else [found]:
            tzid = str(getattr(prop, "params", {}).get("TZID", "")).strip()
            values = [getattr(prop, "dt", None)] + [item.dt for item in getattr(prop, "dts", [])]
            if tzid and any(isinstance(value, dt.datetime) and value.tzinfo is None for value in values):
                return one_line(tzid, 80)
    return None


def _calendars(data: bytes) -> tuple[list, Said | None]:
    """The calendars of the file as icalendar reads them, or the sentence saying why it is not one."""
    if not data or not data.strip():
        return [], Said(N_("The file is empty: there is no calendar in it."))
    head = data[:2000].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in head[:500]:
        return [], Said(N_("This is a web page, not a calendar: the address should give an .ics file."))
    data = _FOLD.sub(b"", data)  # unfolded as bytes: a program may fold in the middle of a letter's bytes
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    text = _LONG_LINE.sub(_shortened, text)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return [], Said(N_("The file is not a valid calendar: it does not start as an iCalendar file does."))
    if not text.rstrip().upper().endswith("END:VCALENDAR"):
        return [], Said(N_("The file is not a valid calendar: it stops before its end, as if it had been cut short."))
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # noqa: BLE001 — whatever the parser says, the moderator reads one sentence
        detail = one_line(str(error), 120)
        return [], Said(
            N_("The file is not a valid calendar: reading it stopped at this: %(detail)s"), {"detail": detail}
        )
    if not calendars:
        return [], Said(N_("The file is not a valid calendar: no calendar could be read in it."))
    return calendars, None


_FOLD = re.compile(rb"\r?\n[ \t]")
MAX_LINE = 250_000  # characters of one property: more than any text kept, and the parser slows down beyond
_LONG_LINE = re.compile(rf"[^\r\n]{{{MAX_LINE + 1},}}")


def _shortened(match: re.Match) -> str:
    """A property far longer than anything imported, cut before the parser reads it (a 25 MB description took
    it half a minute): what is kept of it is cut again, with a note, where it is read."""
    return match.group()[:MAX_LINE].rstrip("\\")


def _series(masters: dict, overrides: dict):
    """(uid, (master or None, [its overrides])) in the file's order."""
    for uid, master in masters.items():
        yield uid, (master, overrides.pop(uid, []))
    for uid, orphans in overrides.items():
        yield uid, (None, orphans)


def _summary(event) -> str | None:
    if event is None:
        return None
    return one_line(_text(event.get("SUMMARY"))) or None


def _skipped(uid: str | None, event, reason: Said) -> Skipped:
    """An event left out, with its title and its start as the partner wrote it, for the report to say which."""
    try:
        start = event.get("DTSTART").dt
        written = start.strftime("%Y-%m-%d %H:%M") if isinstance(start, dt.datetime) else start.isoformat()
    except Exception:  # noqa: BLE001 — no start, or one that cannot be read: the report says the title alone
        written = None
    return Skipped(uid, _summary(event), reason, written)


# --- the site's places ------------------------------------------------------------------------------


def _site_places(content: Path, site) -> tuple[tuple[tuple[str, str, tuple[float, float] | None], ...], dict]:
    """(slug, name, (lat, lon) or None) of each valid place of the site, and each one's address by its slug."""
    found, addresses = [], {}
    for path in sorted((content / "places").glob("*.yaml")):
        place, _ = validate_file(path, str(path), Path("places", path.name), KINDS["place"], site)
        if place is not None:
            where = place.data.coordinates
            found.append((place.slug, place.data.name, (where.lat, where.lon) if where else None))
            address = place.data.address
            if address is not None:
                addresses[place.slug] = {"street": address.street, "postal_code": address.postal_code}
                addresses[place.slug]["city"] = address.city
    return tuple(found), addresses


def _name_key(name: str) -> str:
    """A place's name for comparing: `folded`, without a leading article ("Le Garage" is "Garage")."""
    return _ARTICLE.sub("", folded(name))


_ARTICLE = re.compile(r"^(?:le|la|les|l|the)\s+(?=\S)")


def _same_address(given: dict | None, known: dict | None) -> bool:
    """Whether an address read in a LOCATION is a place's: the same street (or one part of the street given is
    it) and the same town (the postal code when both have one, else the city), letters compared as `folded`."""
    if not given or not known:
        return False
    street = folded(known.get("street") or "")
    streets = {folded(part) for part in str(given.get("street", "")).split(",")} | {folded(given.get("street", ""))}
    if not street or street not in streets:
        return False
    if given.get("postal_code") and known.get("postal_code"):
        return folded(given["postal_code"]) == folded(known["postal_code"])
    return folded(given.get("city") or "") == folded(known.get("city") or "")


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance between two points of the Earth (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(min(1.0, h)))


@functools.cache
def _iana() -> frozenset[str]:
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


# --- one event ------------------------------------------------------------------------------------


def _attr(thing, name, default=None):
    if thing is None:
        return default
    if isinstance(thing, dict):
        return thing.get(name, default)
    return getattr(thing, name, default)


def _yaml_place(value):
    """A source's default place (a model, a dict or a slug) as an event file writes it."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        if value.get("slug"):
            return value["slug"]
        return {key: item for key, item in value.items() if item not in (None, "", {})}
    return value


def _written(moment: dt.date | dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, dt.datetime) else moment.isoformat()


class _Reader:
    def __init__(self, source, site) -> None:
        self.source = source
        self.site = site
        self.site_zone = getattr(site, "timezone", None) or DEFAULT_TIMEZONE
        content = getattr(site, "content", None)
        self.places, self.addresses = _site_places(Path(content), site) if content is not None else ((), {})
        mapping = _attr(source, "categories") or {}
        self.categories = {folded(str(word)): str(term) for word, term in dict(mapping).items()}
        self.vocabulary = set((getattr(site, "vocabularies", None) or {}).get("categories", {}))
        self.language = getattr(site, "language", None) or "en"
        self.unknown_zones: dict[int, str] = {}

    # grouping ---------------------------------------------------------------------------------------

    def grouped(self, events: list) -> tuple[dict, dict, list[Skipped]]:
        """Masters by UID, overrides by UID, and the events left out already (no UID, a UID used twice)."""
        masters: dict = {}
        overrides: dict = defaultdict(list)
        twice: dict = {}
        skipped: list[Skipped] = []
        for event in events[:MAX_EVENTS]:
            uid = one_line(_text(event.get("UID")), 1000)
            if not uid:
                reason = Said(
                    N_(
                        "This event has no identifier (UID) in the partner's calendar, so it could not be followed "
                        "from one import to the next: it is not imported. Ask the partner to have their calendar "
                        "program give each event an identifier (most do it themselves)."
                    )
                )
                skipped.append(_skipped(None, event, reason))
            elif event.get("RECURRENCE-ID") is not None:
                overrides[uid].append(event)
            elif uid in masters and masters[uid].to_ical() != event.to_ical():
                twice.setdefault(uid, [masters[uid]]).append(event)
            else:
                masters[uid] = event
        for uid, events_of_uid in twice.items():
            masters.pop(uid)
            overrides.pop(uid, None)
            reason = Said(
                N_("Two different events of the calendar have the same UID (%(uid)s): neither is imported."),
                {"uid": uid},
            )
            skipped.extend(_skipped(uid, found, reason) for found in events_of_uid)
        return masters, dict(overrides), skipped

    # one series -------------------------------------------------------------------------------------

    def imported(self, uid: str, master, overrides: list) -> list[Imported]:
        for event in [master, *overrides]:
            if id(event) in self.unknown_zones:
                raise _Left(
                    Said(
                        N_("The time zone “%(zone)s” of this event is unknown: it is not imported."),
                        {"zone": self.unknown_zones[id(event)]},
                    )
                )
        if master is None:
            if len(overrides) == 1:
                return [self._event(uid, overrides[0], [])]
            found = []
            for override in overrides:
                day = _day_of(override["RECURRENCE-ID"].dt)
                found.append(self._event(f"{uid}#{day.isoformat()}", override, []))
            return found
        return [self._event(uid, master, overrides)]

    def _event(self, uid: str, event, overrides: list) -> Imported:
        notes: list[Said] = []
        title = one_line(_text(event.get("SUMMARY")))
        if not title:
            raise _Left(Said(N_("This event has no title (SUMMARY): it is not imported.")))
        start_value = self._value(event, "DTSTART")
        if start_value is None:
            raise _Left(Said(N_("This event has no start (DTSTART) that can be read: it is not imported.")))
        self.floated = None  # how the start's zone was guessed, when it was: said for a series
        zone_name, start = self._local(event["DTSTART"], start_value)
        zone = ZoneInfo(zone_name)
        fields: dict = {"title": title, "start": _written(start)}
        end = self._end(event, start, zone)
        if end is not None:
            fields["end"] = _written(end)
        if zone_name != self.site_zone:
            fields["timezone"] = zone_name
        location = one_line(_text(event.get("LOCATION")), 1000)
        if _WEB.match(location):  # a video call or a stream: the event takes place online
            fields["online"], coordinates = location, None
        else:
            where, coordinates = self._place(event, notes)
            if where is None:
                raise _Left(Said(N_("This event has no place, and the source gives no default place.")))
            fields["place"] = where
        words = self._words(event)
        fields["categories"] = self._categories(words)
        defaults = _attr(self.source, "defaults")
        if _attr(defaults, "audience"):
            fields["audience"] = list(_attr(defaults, "audience"))
        if _attr(defaults, "price"):
            fields["price"] = _attr(defaults, "price")
        organizer = self._organizer(event)
        if organizer:
            fields["organizer"] = organizer
        status = str(event.get("STATUS", "")).upper()
        if status == "CANCELLED":
            fields["status"] = "cancelled"
        elif status == "TENTATIVE":
            notes.append(
                Said(
                    N_("“%(title)s” is marked tentative at the source: it is published as scheduled."), {"title": title}
                )
            )
        if event.get("RRULE") is not None or event.get("RDATE") is not None:
            self._series_fields(fields, event, start, zone, overrides, notes)
        language = _attr(defaults, "language")
        if language and language != getattr(self.site, "language", None):
            fields["language"] = language
        text, cut = description(_text(event.get("DESCRIPTION")), _alt_html(event))
        if cut:
            notes.append(Said(N_("The description of “%(title)s” was too long: it was cut."), {"title": title}))
        fields = self._valid(fields, notes)
        return Imported(uid, fields, text, words, coordinates, notes)

    # times ------------------------------------------------------------------------------------------

    @staticmethod
    def _value(event, name):
        prop = event.get(name)
        value = getattr(prop, "dt", None)
        return value if isinstance(value, (dt.date, dt.datetime)) else None

    def _local(self, prop, value) -> tuple[str, dt.date | dt.datetime]:
        """The event's zone, and `value` as a time of that zone (without tzinfo) or a date."""
        if not isinstance(value, dt.datetime):
            return self.site_zone, value
        tzid = str(prop.params.get("TZID", "")).strip() if hasattr(prop, "params") else ""
        if value.tzinfo is None:
            if tzid:
                raise _Left(
                    Said(
                        N_("The time zone “%(zone)s” of this event is unknown: it is not imported."),
                        {"zone": one_line(tzid, 80)},
                    )
                )
            return self.site_zone, value  # floating: the site's zone
        name = self._zone_name(tzid, value.tzinfo)
        if name is None:  # a zone the file describes itself: its instant, in the site's zone
            name, self.floated = self.site_zone, one_line(tzid, 80)
        elif name == self.site_zone and self._is_utc(tzid, value.tzinfo):
            self.floated = "UTC"
        local = value.astimezone(ZoneInfo(name))
        return name, local.replace(tzinfo=None)

    @staticmethod
    def _is_utc(tzid: str, tzinfo) -> bool:
        return (
            getattr(tzinfo, "key", None) == "UTC"
            or tzid.upper() in ("UTC", "Z", "GMT", "ETC/UTC")
            or (tzinfo is dt.UTC)
        )

    def _zone_name(self, tzid: str, tzinfo) -> str | None:
        key = getattr(tzinfo, "key", None)
        if self._is_utc(tzid, tzinfo):
            return self.site_zone
        for candidate in (key, tzid.strip("/"), WINDOWS_TO_OLSON.get(tzid.strip("/"))):
            if candidate and candidate in _iana():
                return candidate
        if tzid.startswith("/"):  # a globally unique TZID: /vendor/Europe/Berlin
            parts = tzid.strip("/").split("/")
            for index in range(1, len(parts)):
                if "/".join(parts[index:]) in _iana():
                    return "/".join(parts[index:])
        return None

    def _in_zone(self, moment, zone: ZoneInfo, all_day: bool):
        """Another time of the event (an end, an exception, an override's date) as its zone writes it."""
        if all_day:
            return moment.date() if isinstance(moment, dt.datetime) else moment
        if not isinstance(moment, dt.datetime):
            return dt.datetime.combine(moment, dt.time())
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(zone).replace(tzinfo=None)

    def _end(self, event, start, zone: ZoneInfo):
        all_day = not isinstance(start, dt.datetime)
        end_value = self._value(event, "DTEND")
        if end_value is None and event.get("DURATION") is not None:
            duration = getattr(event["DURATION"], "dt", None)
            if isinstance(duration, dt.timedelta):
                if all_day:
                    end_value = start + dt.timedelta(days=duration.days)
                else:
                    end_value = start + duration
        if end_value is None:
            return None
        if all_day:
            last = self._in_zone(end_value, zone, True) - dt.timedelta(days=1)  # DTEND is exclusive
            return last if last > start else None
        end = self._in_zone(end_value, zone, False)
        return end.replace(second=0) if end > start else None

    # series -----------------------------------------------------------------------------------------

    def _series_fields(self, fields, event, start, zone, overrides, notes) -> None:
        rules = event.get("RRULE")
        all_day = not isinstance(start, dt.datetime)
        if isinstance(rules, list):
            if len(rules) > 1:
                raise _Left(Said(N_("This event repeats by several rules at once, which the agenda cannot say.")))
            rules = rules[0]
        if rules is not None:
            rules = _rule(rules)
            if self.floated == "UTC":
                notes.append(
                    Said(
                        N_(
                            "“%(title)s” repeats at a time its calendar gives in UTC: its dates are written at the "
                            "time of its first one in the site's time zone, which a change of summer time may move "
                            "by an hour from the source's."
                        ),
                        {"title": fields["title"]},
                    )
                )
            elif self.floated is not None:
                notes.append(
                    Said(
                        N_(
                            "“%(title)s” repeats at a time of its own time zone “%(zone)s”: its dates are written at "
                            "the time of its first one in the site's time zone, which a change of summer time may "
                            "move by an hour from the source's."
                        ),
                        {"title": fields["title"], "zone": self.floated},
                    )
                )
            frequency = (rules.get("FREQ") or [""])[0].upper()
            if frequency in _SUB_DAILY:
                raise _Left(
                    Said(
                        N_("This event repeats more often than once a day (%(rule)s): it is not imported."),
                        {"rule": one_line(rules.to_ical().decode("ascii", "replace"), 120)},
                    )
                )
            friendly = self._friendly(rules, start, zone)
            if friendly is not None:
                fields["recurrence"] = friendly
            else:
                fields["rrule"] = self._rrule_text(rules, all_day, zone)
        else:
            fields["rrule"] = "FREQ=DAILY;COUNT=1"  # only the first date: the RDATEs come as extra dates
        excepted = sorted({self._in_zone(day, zone, True) for day in _dates(event.get("EXDATE"))})
        if excepted:
            fields["except"] = [day.isoformat() for day in excepted]
        extra = sorted({self._in_zone(day, zone, all_day) for day in _dates(event.get("RDATE"))})
        extra = [moment for moment in extra if moment != start]
        if extra:
            fields["extra"] = [_written(moment) for moment in extra]
        changes = [self._change(event, override, start, zone, fields.get("place"), notes) for override in overrides]
        changes = sorted((change for change in changes if change), key=lambda change: change["date"])
        if changes:
            fields["occurrences"] = changes

    def _friendly(self, rule, start, zone: ZoneInfo) -> dict | None:
        """The friendly `recurrence` saying exactly what `rule` says, or None."""
        keys = {key.upper() for key in rule}
        if not keys <= {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"}:
            return None
        frequency = rule["FREQ"][0].upper()
        interval = int((rule.get("INTERVAL") or [1])[0])
        days = [str(day).upper() for day in rule.get("BYDAY") or []]
        wkst = str((rule.get("WKST") or ["MO"])[0]).upper()
        if not 1 <= interval <= 52 or (wkst != "MO" and interval > 1 and frequency == "WEEKLY" and len(days) > 1):
            return None
        friendly: dict = {"frequency": frequency.lower()}
        if interval > 1:
            friendly["interval"] = interval
        parsed = [_ORDINAL_DAY.match(day) for day in days]
        if not all(parsed):
            return None
        ordinals = {int(match[1]) if match[1] else None for match in parsed}
        names = [_DAY_NAMES[_DAYS.index(match[2])] for match in parsed]
        if frequency in ("DAILY", "YEARLY") and days:
            return None
        if frequency == "WEEKLY" and (ordinals - {None}):
            return None
        if frequency == "MONTHLY" and days:
            if len(ordinals) != 1 or None in ordinals or next(iter(ordinals)) not in (-1, 1, 2, 3, 4, 5):
                return None
            friendly["week_of_month"] = next(iter(ordinals))
        if days:
            friendly["weekdays"] = names
        if rule.get("COUNT"):
            count = int(rule["COUNT"][0])
            if count > 1000:
                return None
            friendly["count"] = count
        if rule.get("UNTIL"):
            until = rule["UNTIL"][0]
            if isinstance(until, dt.datetime):
                local = until.astimezone(zone).replace(tzinfo=None) if until.tzinfo else until
                day = local.date()
                start_time = start.time() if isinstance(start, dt.datetime) else dt.time()
                if start_time > local.time():  # that day's occurrence comes after UNTIL: it is not one
                    day -= dt.timedelta(days=1)
            else:
                day = until
            friendly["until"] = day.isoformat()
        return friendly

    def _rrule_text(self, rule, all_day: bool, zone: ZoneInfo) -> str:
        text = rule.to_ical().decode("ascii", "replace")
        until = rule.get("UNTIL")
        if until:  # UNTIL in UTC (or a date for whole days), as RFC 5545 wants and kiosque reads
            moment = until[0]
            if all_day:
                value = (moment.date() if isinstance(moment, dt.datetime) else moment).strftime("%Y%m%d")
            elif isinstance(moment, dt.datetime):
                aware = moment if moment.tzinfo else moment.replace(tzinfo=zone)
                value = aware.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            else:
                value = dt.datetime.combine(moment, dt.time(23, 59, 59), tzinfo=zone)
                value = value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            text = re.sub(r"UNTIL=[^;]*", f"UNTIL={value}", text)
        return re.sub(r"[^A-Za-z0-9=;,:+\-]", "", text)

    def _change(self, master, override, start, zone: ZoneInfo, series_place, notes: list[Said]) -> dict | None:
        """One override of the series as an entry of `occurrences`, or None when it changes nothing it can say."""
        all_day = not isinstance(start, dt.datetime)
        planned = self._in_zone(override["RECURRENCE-ID"].dt, zone, all_day)
        day = planned.date() if isinstance(planned, dt.datetime) else planned
        change: dict = {"date": day.isoformat()}
        title = one_line(_text(master.get("SUMMARY")))
        new_title = one_line(_text(override.get("SUMMARY")))
        if str(override.get("STATUS", "")).upper() == "CANCELLED":
            change["status"] = "cancelled"
            if new_title and new_title != title:
                change["note"] = new_title
            return change
        moved = self._value(override, "DTSTART")
        if moved is not None:
            moved = self._in_zone(moved, zone, all_day)
            if moved != planned:
                change["start"] = _written(moved)
                change["status"] = "rescheduled"
            master_end, new_end = self._end(master, start, zone), self._end(override, moved, zone)
            if new_end is not None:
                length = (master_end - start) if master_end is not None else None
                if length is None or new_end - moved != length:
                    change["end"] = _written(new_end)
        location = one_line(_text(override.get("LOCATION")), 1000)
        if location and folded(location) != folded(one_line(_text(master.get("LOCATION")), 1000)):
            try:
                place, _ = self._place(override, [], fallback=False)
            except _Left:  # a place the date's LOCATION names but puts far away, without an address: not said
                place = None
            if place is not None and place != series_place:
                change["place"] = place
        if new_title and new_title != title:
            change["note"] = new_title
            notes.append(
                Said(
                    N_("On %(date)s, “%(title)s” is called “%(new)s” at the source: it is said in that date's note."),
                    {"date": self._day(day), "title": title, "new": new_title},
                )
            )
        if _text(override.get("DESCRIPTION")) and _text(override.get("DESCRIPTION")) != _text(
            master.get("DESCRIPTION")
        ):
            notes.append(
                Said(
                    N_(
                        "On %(date)s, “%(title)s” has another description at the source, which one date "
                        "cannot carry: the series' description is kept."
                    ),
                    {"date": self._day(day), "title": title},
                )
            )
        return change if len(change) > 1 else None

    def _day(self, day: dt.date | str) -> str:
        """A date as the report says dates: in words, in the site's language."""
        return moment_in_words(day if isinstance(day, str) else day.isoformat(), self.language)

    # places, people, words --------------------------------------------------------------------------

    def _place(self, event, notes: list[Said], fallback: bool = True):
        """(the event's place as a file writes it, GEO's (lat, lon) or None)."""
        location = one_line(_text(event.get("LOCATION")), 1000)
        coordinates = None
        geo = event.get("GEO")
        if geo is not None:
            try:
                lat, lon = float(geo.latitude), float(geo.longitude)
                if -90 <= lat <= 90 and -180 <= lon <= 180:
                    coordinates = (lat, lon)
            except (AttributeError, TypeError, ValueError):
                coordinates = None
        name, address = name_and_address(_text(event.get("LOCATION"))) if location else ("", None)
        slug, elsewhere, far = self._named(location, name, address, coordinates)
        if slug is not None:
            return slug, coordinates
        if far and not (name and address):
            raise _Left(
                Said(
                    N_(
                        "The calendar names the place “%(place)s” for this event, but gives coordinates far from "
                        "it and no address: it is not imported."
                    ),
                    {"place": elsewhere},
                )
            )
        if elsewhere is not None and name and address:
            notes.append(
                Said(
                    N_(
                        "The calendar names “%(place)s” but gives another address or position: the place is "
                        "written as the calendar gives it."
                    ),
                    {"place": elsewhere},
                )
            )
        elif coordinates and not far:
            near = [(_metres(coordinates, where), slug) for slug, _name, where in self.places if where]
            near = sorted(item for item in near if item[0] <= NEAR_METRES)
            if near:
                return near[0][1], coordinates
        if name and address:
            return {"name": name, "address": address}, coordinates
        if not fallback:
            return None, coordinates
        default = _yaml_place(_attr(_attr(self.source, "defaults"), "place"))
        if location and default is not None:
            notes.append(
                Said(
                    N_(
                        "The place “%(place)s” has no address the agenda can use: the source's default "
                        "place is written instead."
                    ),
                    {"place": cut_words(location, 120)},
                )
            )
        return default, coordinates

    def _named(
        self, location: str, name: str, address: dict | None, coordinates
    ) -> tuple[str | None, str | None, bool]:
        """(the slug of the site's place LOCATION is, the name of a place LOCATION names but does not match, whether
        GEO is over NEAR_METRES from that place). LOCATION is a place when it has its name (case and accents
        aside) and GEO, if any, is near it; or when it holds its name among other words, with the same address
        and GEO, if any, near it."""
        wanted, whole = _name_key(name), _name_key(location)
        elsewhere, far_away = None, False
        for slug, place_name, where in self.places:
            key = _name_key(place_name)
            if not key:
                continue
            same = key in (wanted, whole)
            within = not same and len(key) >= 4 and re.search(rf"\b{re.escape(key)}\b", folded(location))
            if not (same or within):
                continue
            far = coordinates is not None and where is not None and _metres(coordinates, where) > NEAR_METRES
            if not far and (same or _same_address(address, self.addresses.get(slug))):
                return slug, None, False
            if elsewhere is None:
                elsewhere, far_away = place_name, far
        return None, elsewhere, far_away

    def place_coordinates(self, place) -> tuple[float, float] | None:
        if isinstance(place, str):
            return next((where for slug, _name, where in self.places if slug == place), None)
        return None

    def _organizer(self, event) -> dict | None:
        name = one_line(_attr(self.source, "name", "") or "")
        organizer = event.get("ORGANIZER")
        if isinstance(organizer, list):
            organizer = organizer[0] if organizer else None
        if organizer is not None:
            cn = one_line(getattr(organizer, "params", {}).get("CN", ""))
            value = one_line(str(organizer))
            if cn and "@" not in cn:
                name = cn
            elif value and ":" not in value and "@" not in value:
                name = value  # Mobilizon writes the organizer's name as the value
        url = scrubbed(_text(event.get("URL"))).strip()
        if not _WEB.match(url):
            url = str(_attr(self.source, "site", "") or "").strip()
        if not name:
            return None
        return {"name": name, "url": url} if _WEB.match(url) else {"name": name}

    def _words(self, event) -> list[str]:
        found = event.get("CATEGORIES")
        props = found if isinstance(found, list) else [found] if found is not None else []
        words: list[str] = []
        for prop in props:
            items = getattr(prop, "cats", None)
            if items is None:
                items = str(prop).split(",")
            for item in items:
                word = one_line(item, 100)
                if word and word not in words:
                    words.append(word)
        return words[:50]

    def _categories(self, words: list[str]) -> list[str]:
        mapped: list[str] = []
        for word in words:
            term = self.categories.get(folded(word))
            if term and (not self.vocabulary or term in self.vocabulary) and term not in mapped:
                mapped.append(term)
        return mapped or list(_attr(_attr(self.source, "defaults"), "categories") or [])

    # the source's filters ---------------------------------------------------------------------------

    def kept(self, item: Imported) -> bool:
        keep = _attr(self.source, "keep")
        if keep is None:
            return True
        wanted = {folded(str(word)) for word in _attr(keep, "categories") or []}
        if wanted and not wanted & {folded(word) for word in item.source_categories}:
            return False
        words = [folded(str(word)) for word in _attr(keep, "words") or []]
        if words:
            haystack = f" {folded(item.fields.get('title', ''))} {folded(item.text)} "
            if not any(f" {word} " in haystack for word in words if word):
                return False
        within = _attr(keep, "within_km")
        if within:
            centre = self._centre()
            where = item.coordinates or self.place_coordinates(item.fields.get("place"))
            if centre and where and _metres(centre, where) > float(within) * 1000:
                return False
        return True

    def _centre(self) -> tuple[float, float] | None:
        points = [where for _slug, _name, where in self.places if where]
        if not points:
            return None
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)

    # the schema's verdict ---------------------------------------------------------------------------

    def _valid(self, fields: dict, notes: list[Said]) -> dict:
        """`fields` as the event schema accepts them: harmless leftovers of the source (an exception or a change
        of a date the rule does not give, an end before the start) dropped; anything else leaves the event out."""
        schema = KINDS["event"].schema
        context = self.site.validation_context() if hasattr(self.site, "validation_context") else {}
        for _attempt in range(200):
            try:
                schema.model_validate(fields, context=context)
                return fields
            except ValidationError as error:
                detail = error.errors()[0]
                if not self._repaired(fields, detail, notes):
                    code = detail["type"]
                    context_values = {key: value for key, value in (detail.get("ctx") or {}).items()}
                    try:
                        problem = messages.render(code, "en", **context_values)
                    except (KeyError, IndexError, ValueError):
                        problem = one_line(detail.get("msg", code), 200)
                    raise _Left(
                        Said(
                            N_("This event cannot be imported as the agenda writes events: %(problem)s"),
                            {"problem": one_line(problem, 300)},
                        )
                    ) from None
        raise _Left(Said(N_("This event could not be read.")))

    def _repaired(self, fields: dict, detail: dict, notes: list[Said]) -> bool:
        code = detail["type"]
        where = str((detail.get("ctx") or {}).get("field", "")) or ".".join(str(step) for step in detail["loc"])
        parts = where.split(".")
        if parts[0] == "organizer" and isinstance(fields.get("organizer"), dict):
            if fields["organizer"].pop("url", None) is None:  # a name the agenda refuses: no organizer
                del fields["organizer"]
            return True
        default = _yaml_place(_attr(_attr(self.source, "defaults"), "place"))
        if parts[0] == "place" and isinstance(fields.get("place"), dict) and default is not None:
            notes.append(
                Said(
                    N_(
                        "The place “%(place)s” has no address the agenda can use: the source's default place is "
                        "written instead."
                    ),
                    {"place": fields["place"].get("name", "")},
                )
            )
            fields["place"] = default
            return True
        if parts[0] == "occurrences" and len(parts) > 2 and parts[2] == "place":
            fields["occurrences"][int(parts[1])].pop("place", None)
            return True
        if code == "except_not_occurrence" and parts[0] == "except" and len(parts) > 1:
            del fields["except"][int(parts[1])]
            if not fields["except"]:
                del fields["except"]
            return True
        if code in ("occurrence_not_in_series", "occurrence_excepted", "occurrence_twice") and len(parts) > 1:
            change = fields["occurrences"].pop(int(parts[1]))
            if not fields["occurrences"]:
                del fields["occurrences"]
            notes.append(
                Said(
                    N_("A change of the date %(date)s could not be carried over: the series gives no such date."),
                    {"date": self._day(change["date"])},
                )
            )
            return True
        if code == "end_before_start" and parts[0] == "occurrences" and len(parts) > 1:
            fields["occurrences"][int(parts[1])].pop("end", None)
            return True
        if code == "end_before_start" and "end" in fields:
            del fields["end"]
            return True
        return False


def _rule(prop):
    """An RRULE as icalendar reads it; one a program wrote with spaces (Exchange: 'BYDAY=MO, TU') read without
    them; one that still cannot be read leaves the event out."""
    if isinstance(prop, icalendar.vRecur):
        return prop
    raw = re.sub(r"\s+", "", str(prop))  # a broken property keeps the text it was given
    try:
        return icalendar.vRecur.from_ical(raw.removeprefix("RRULE:"))
    except (ValueError, TypeError, KeyError):
        raise _Left(
            Said(N_("The repetition rule of this event cannot be read: %(rule)s"), {"rule": one_line(raw, 120)})
        ) from None


def _text(prop) -> str:
    if prop is None:
        return ""
    if isinstance(prop, list):
        prop = prop[0] if prop else ""
    return str(prop)


def _alt_html(event) -> str | None:
    alt = event.get("X-ALT-DESC")
    props = alt if isinstance(alt, list) else [alt] if alt is not None else []
    for prop in props:
        if "html" in str(getattr(prop, "params", {}).get("FMTTYPE", "")).lower():
            return str(prop)
    return None


def _dates(prop) -> list:
    """The dates and times of EXDATE or RDATE properties (periods by their start)."""
    if prop is None:
        return []
    props = prop if isinstance(prop, list) else [prop]
    found = []
    for item in props:
        for value in getattr(item, "dts", []):
            moment = value.dt
            if isinstance(moment, tuple):
                moment = moment[0]
            if isinstance(moment, (dt.date, dt.datetime)):
                found.append(moment)
    return found


def _day_of(moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment
