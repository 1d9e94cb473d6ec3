"""A calendar made of VEVENTs written once per build is, byte for byte, the calendar icalendar writes whole."""

from __future__ import annotations

import datetime as dt
import shutil

from icalendar import Calendar
from pelican import signals

from conftest import REPO, build
from feeds.generator import FeedsGenerator
from contributions.stored import Stored
from feeds.ical import Calendars, _head, vevent


def _whole(name: str, url: str, pairs: list) -> bytes:
    """What the feeds wrote before VEVENTs were reused: one Calendar, serialized at once."""
    document = _head(name, url)
    for event, facts in pairs:
        document.add_component(vevent(event, facts))
    years = [event.data.start.year for event, _ in pairs] or [2000]
    document.add_missing_timezones(first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 3, 1, 1))
    return document.to_ical()


def test_reused_vevents_give_the_bytes_icalendar_writes(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    seen = []

    def keep(generators):
        seen.extend(g for g in generators if isinstance(g, FeedsGenerator))

    signals.all_generators_finalized.connect(keep)
    try:
        build(tmp_path)
    finally:
        signals.all_generators_finalized.disconnect(keep)
    feeds = seen[0]
    pairs = [(event, feeds.facts[event.slug]) for event in feeds.context["events"]]
    calendars = Calendars(Stored({}, "vevents"))
    assert len(pairs) > 10 and any(event.data.recurrence for event, _ in pairs)
    for chosen in (pairs, pairs[:1], pairs[3:9], []):
        expected = _whole("Agenda", "https://example.org/a.ics", chosen)
        assert calendars.calendar("Agenda", "https://example.org/a.ics", chosen) == expected
    assert (tmp_path / "output/feeds/agenda.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert Calendar.from_ical((tmp_path / "output/feeds/agenda.ics").read_bytes()).walk("VEVENT")
