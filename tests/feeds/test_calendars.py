"""A calendar made of VEVENTs written once per build is, byte for byte, the calendar icalendar writes whole."""

from __future__ import annotations

import shutil

from conftest import REPO, build
from icalendar import Calendar
from pelican import signals

from feeds.generator import FeedsGenerator
from feeds.ical import Calendars, _head, vevents
from feeds.timezones import vtimezone
from speed.store import Store


def _whole(name: str, url: str, pairs: list) -> bytes:
    """What the feeds wrote before VEVENTs were reused: one Calendar, serialized at once."""
    document = _head(name, url)
    components = [component for event, facts in pairs for component in vevents(event, facts)]
    holder = Calendar()
    for component in components:
        holder.add_component(component)
    first = min((event.data.start.year for event, _ in pairs), default=2000) - 1
    for zone in sorted(holder.get_missing_tzids()) or ["UTC"]:
        document.add_component(vtimezone(zone, first))
    for component in components:
        document.add_component(component)
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
    pairs = [(event, feeds.facts[event.slug]) for event in feeds.with_calendar]
    calendars = Calendars(Store({}, "vevents"))
    assert len(pairs) > 10 and any(event.data.recurrence for event, _ in pairs)
    for chosen in (pairs, pairs[:1], pairs[3:9], []):
        expected = _whole("Agenda", "https://example.org/a.ics", chosen)
        assert calendars.calendar("Agenda", "https://example.org/a.ics", chosen) == expected
    assert (tmp_path / "output/feeds/agenda.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert Calendar.from_ical((tmp_path / "output/feeds/agenda.ics").read_bytes()).walk("VEVENT")


LONG = "Un texte qui prend son temps. " * 40  # 1,200 characters


def _event(title: str, start: str) -> str:
    return (
        f"---\ntitle: {title}\nstart: {start}\ncategories: [concert]\n"
        "place: {name: Parc, address: {street: 1 place du Parc, city: Lyon}}\n---\n" + LONG + "\n"
    )


def test_the_agenda_calendar_carries_a_brief_text_and_each_event_ics_the_whole(site_factory):
    built = site_factory(
        {
            "events/2026/long.md": _event("Long", "2026-12-12 20:00"),
            "events/2025/vieux.md": _event("Vieux", "2025-06-12 20:00"),
            "events/2026/recent.md": _event("Récent", "2026-11-20 20:00"),
        },
        today="2026-12-01",
        SITEURL="https://lilas.example.org",
        RELATIVE_URLS=False,
    )

    def description(path: str, title: str) -> str:
        calendar = Calendar.from_ical((built.output / path).read_bytes())
        return next(str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == title)

    brief = description("feeds/agenda.ics", "Long")
    assert brief.endswith("…\n\nhttps://lilas.example.org/agenda/long/") and len(brief) < 340
    assert description("feeds/agenda/category/concert.ics", "Long") == brief  # filters too
    assert description("agenda/long/event.ics", "Long").strip() == LONG.strip()
    assert (built.output / "agenda/recent/event.ics").exists()  # ended 11 days ago: still in the feeds' window
    assert not (built.output / "agenda/vieux/event.ics").exists()  # archived: no "add to my calendar"
