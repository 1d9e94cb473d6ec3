"""The round trip: each real partner calendar (tests/importing/fixtures/) imported into a copy of the sample site,
the site built, and the dates of the next 12 months that `recurring_ical_events` finds in the partner's calendar
and in the published agenda.ics are the same (in UTC; whole days as days, cancelled dates as cancelled), for
every imported event — apart from what the report lists (an event left out, a change one date cannot carry).

"Today" is each calendar's own first date: the fixtures were saved years ago. The copy of the sample site has
its places, pages and settings but not its events: the kiosque fixture is the sample's own agenda.ics, whose
events would all be recognised as duplicates of themselves (which `test_duplicates.py` shows)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import x_wr_timezone
from conftest import build
from importing_sites import REPO, write_files

from contributions import read_source
from importing.command import run_import
from importing.report import SENTENCES, translated

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.ics"))
SITE_ZONE = "Europe/Paris"
YEAR = dt.timedelta(days=365)

SOURCE = """\
name: Partenaire
calendar: partners/{name}
defaults:
  place: mediatheque-des-lilas
  categories: [reading]
"""


def first_date(calendar: icalendar.Calendar) -> dt.date:
    starts = [event["DTSTART"].dt for event in calendar.walk("VEVENT") if "DTSTART" in event]
    return min(start.date() if isinstance(start, dt.datetime) else start for start in starts)


def moment(value) -> dt.datetime | dt.date:
    """A start as compared: an aware time in UTC (floating: the site's zone), a day as a day."""
    if not isinstance(value, dt.datetime):
        return value
    if value.tzinfo is None:
        from zoneinfo import ZoneInfo

        value = value.replace(tzinfo=ZoneInfo(SITE_ZONE))
    return value.astimezone(dt.UTC)


def dates(calendar: icalendar.Calendar, today: dt.date) -> dict[str, set | None]:
    """UID -> {(start, cancelled)} for the dates starting within a year of `today`; None for an event that
    recurring_ical_events itself cannot expand (it must then be one the report lists)."""
    found: dict[str, set | None] = {}
    zones = calendar.walk("VTIMEZONE")
    by_uid: dict[str, list] = {}
    for event in calendar.walk("VEVENT"):
        if "UID" in event:
            by_uid.setdefault(str(event["UID"]), []).append(event)
    for uid, events in by_uid.items():
        for event in events:
            _whole_day_until(event)
        one = icalendar.Calendar()
        for component in [*zones, *events]:
            one.add_component(component)
        try:
            expanded = recurring_ical_events.of(one).between(today, today + YEAR)
        except Exception:  # noqa: BLE001 — the reference cannot read it either
            found[uid] = None
            continue
        for event in expanded:
            cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
            found.setdefault(uid, set()).add((moment(event["DTSTART"].dt), cancelled))
    return found


def _whole_day_until(event: icalendar.Event) -> None:
    """A whole-day series whose UNTIL is a time in UTC, as Exchange writes it (RFC 5545 wants a date): Exchange
    means the last day's local midnight (20200916T230000Z is 17 September in London), which recurring_ical_events
    cuts to the UTC date (the 16th), losing the last date. The reference reads it as the import does: the day it
    falls on in the site's zone."""
    rule = event.get("RRULE")
    if rule is None or isinstance(event["DTSTART"].dt, dt.datetime) or not rule.get("UNTIL"):
        return
    until = rule["UNTIL"][0]
    if isinstance(until, dt.datetime) and until.tzinfo is not None:
        from zoneinfo import ZoneInfo

        rule["UNTIL"] = [until.astimezone(ZoneInfo(SITE_ZONE)).date()]


def site_copy(root: Path, fixture: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    (root / "theme").symlink_to(REPO / "theme")
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("sources", "events"))
    write_files(root / "content", {"sources/partenaire.yaml": SOURCE.format(name=fixture.name)})
    (root / "partners").mkdir()
    shutil.copy(fixture, root / "partners" / fixture.name)
    return root


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_the_published_calendar_gives_the_partner_s_dates(fixture, tmp_path):
    source = x_wr_timezone.to_standard(icalendar.Calendar.from_ical(fixture.read_bytes()))
    today = first_date(source)
    root = site_copy(tmp_path / "site", fixture)
    (result,) = run_import(root, today=today)
    assert not result.failed, result.text
    files = {}  # source UID -> the imported files' slugs
    for path in (root / "content/events").rglob("*.md"):
        uid = read_source(path.read_bytes(), True, 10**6).data["source"]["uid"]
        files.setdefault(uid.split("#")[0], []).append(path.stem)
    built = build(root, today=today.isoformat())
    published = icalendar.Calendar.from_ical((built.output / "feeds/agenda.ics").read_bytes())
    published_dates = dates(published, today)
    expected = dates(source, today)
    assert files or expected == {} or result.written == [], result.text
    compared, differing = 0, []
    for uid, wanted in expected.items():
        if uid not in files or wanted is None:  # not imported: the report says why (left out, past, a problem)
            assert uid not in files and _listed(result.text, _title_of(source, uid)), (uid, result.text)
            continue
        got = set().union(
            *(found for key, found in published_dates.items() if key.split("@")[0].split(".")[0] in files[uid])
        )
        if got != wanted:  # only what the report lists as not carried over may differ
            assert _listed(result.text, _title_of(source, uid)), (uid, sorted(wanted - got), sorted(got - wanted))
            differing.append(uid)
        compared += 1
    assert compared or not expected, result.text


# The report's sections that list what was not carried over as the calendar says it (site in French).
NOT_AS_SAID = (
    translated(SENTENCES["notes"], "fr"),  # "À savoir :"
    "Écartés du calendrier :",
    "Non importés, make check refuserait le fichier :",
)


def _listed(report: str, title: str) -> bool:
    """Whether the report lists the event (by its title) among what it could not carry over or left out."""
    blocks = report.split("\n\n")
    return any(block.startswith(NOT_AS_SAID) and title in block for block in blocks)


def _title_of(calendar: icalendar.Calendar, uid: str) -> str:
    for event in calendar.walk("VEVENT"):
        if str(event.get("UID")) == uid and "SUMMARY" in event:
            return " ".join(str(event["SUMMARY"]).split())[:60]
    return uid
