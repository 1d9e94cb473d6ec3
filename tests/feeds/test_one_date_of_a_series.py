"""One date of a series moved and one cancelled (`occurrences`, issue 20): the event page, the month's page,
the JSON-LD, the event's own event.ics and the agenda's agenda.ics say the same dates, read back with
`icalendar`, `recurring_ical_events` and the strict `ical`; a cancelled date stays listed, marked cancelled."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from conftest import build
from ical.calendar_stream import IcsCalendarStream
from lxml import html
from test_feeds import SITE, commit, git, write_files

PARIS = ZoneInfo("Europe/Paris")
PLACES = {
    "places/salle.yaml": "name: Salle des fêtes\naddress: {street: 1 rue Haute, postal_code: '69007', city: Lyon}\n",
    "places/annexe.yaml": "name: L'Annexe\naddress: {street: 3 rue Basse, postal_code: '69007', city: Lyon}\n",
}
SERIES = """\
---
title: Atelier tricot
start: 2027-01-06 18:00
end: 2027-01-06 19:30
place: salle
categories: [workshop]
recurrence: {frequency: weekly, weekdays: [wednesday], until: 2027-02-24}
except: [2027-02-10]
occurrences:
  - date: 2027-01-13
    status: cancelled
    note: Salle fermée pour travaux.
  - date: 2027-01-20
    status: rescheduled
    start: 2027-01-21 19:00
    place: annexe
    note: Un jeudi, à l'Annexe.
---
On tricote ensemble.
"""
MARKET = """\
---
title: Marché des créateurs
start: 2027-01-02
place: salle
categories: [market]
recurrence: {frequency: monthly, weekdays: [saturday], week_of_month: 1, count: 4}
occurrences:
  - date: 2027-02-06
    status: cancelled
  - date: 2027-03-06
    start: 2027-03-13
    end: 2027-03-14
---
Des créateurs du quartier.
"""
CANCELLED = """\
---
title: Bal annulé
start: 2027-01-16 20:00
place: salle
categories: [party]
status: cancelled
status_note: L'orchestre est malade.
---
Un bal.
"""
FILES = {
    **PLACES,
    "events/2027/tricot.md": SERIES,
    "events/2027/marche.md": MARKET,
    "events/2027/bal.md": CANCELLED,
}
# (start in Lyon, status of the date) of the knitting workshop in January: the 20th moved to Thursday 21st
JANUARY = [
    ("2027-01-06T18:00:00+01:00", "scheduled"),
    ("2027-01-13T18:00:00+01:00", "cancelled"),
    ("2027-01-21T19:00:00+01:00", "rescheduled"),
    ("2027-01-27T18:00:00+01:00", "scheduled"),
]
UID = "tricot@agenda.example.org"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("series")
    write_files(root / "content", FILES)
    return build(root, today="2027-01-01", **SITE)


def page(site, path: str):
    return html.fromstring((site.output / path).read_text(encoding="utf-8"))


def listed_dates(items) -> list[tuple[str, str]]:
    """(start, status) of each list item: its <time>, and its badge (none: scheduled)."""
    found = []
    for item in items:
        badge = item.xpath(".//strong[contains(@class, 'status-')]/@class")
        status = badge[0].split("status-")[-1] if badge else "scheduled"
        found.append((item.xpath(".//time/@datetime")[0], status))
    return found


def january_of(calendar: icalendar.Calendar) -> list[tuple[str, str, str]]:
    """(start, STATUS, LOCATION) of the workshop's January dates, as recurring_ical_events expands them."""
    return [
        (event["DTSTART"].dt.isoformat(), str(event["STATUS"]), str(event["LOCATION"]))
        for event in recurring_ical_events.of(calendar).between(dt.date(2027, 1, 1), dt.date(2027, 2, 1))
        if str(event["UID"]) == UID
    ]


def test_the_event_page_lists_the_moved_date_where_it_moved_and_the_cancelled_one_marked(site):
    document = page(site, "agenda/tricot/index.html")
    items = document.xpath("//dt[.='Prochaines dates']/following-sibling::dd[1]//li")
    assert listed_dates(items)[:4] == JANUARY
    cancelled, moved = items[1], items[2]
    assert "is-cancelled" in cancelled.get("class") and "Salle fermée pour travaux." in cancelled.text_content()
    assert moved.xpath(".//del")[0].text_content() == "mercredi 20 janvier 2027, 18\u00a0h"  # first planned for
    assert "L'Annexe" in moved.text_content() and "Un jeudi, à l'Annexe." in moved.text_content()


def test_the_month_lists_each_date_on_its_day_with_its_place_and_note(site):
    document = page(site, "agenda/2027/01/index.html")
    items = document.xpath("//li[contains(@class, 'event')][a[contains(@href, 'tricot')]]")
    assert listed_dates(items) == JANUARY
    assert [item.xpath("string(.//*[contains(@class, 'where')])") for item in items] == [
        "Salle des fêtes",
        "Salle des fêtes",
        "L'Annexe",
        "Salle des fêtes",
    ]
    assert "is-cancelled" in items[1].get("class") and items[1].xpath("string(.//*[@class='note'])")
    assert not document.xpath("//section[@aria-labelledby='day-2027-01-20']//a[contains(@href, 'tricot')]")


def test_search_engines_get_each_date_with_its_status_and_place(site):
    document = page(site, "agenda/tricot/index.html")
    data = json.loads(document.xpath("//script[@type='application/ld+json']")[0].text)
    dates = {sub["startDate"]: sub for sub in data["subEvent"]}
    assert dates["2027-01-13T18:00:00+01:00"]["eventStatus"] == "https://schema.org/EventCancelled"
    moved = dates["2027-01-21T19:00:00+01:00"]
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2027-01-20T18:00:00+01:00"
    assert moved["endDate"] == "2027-01-21T20:30:00+01:00"  # the same length
    assert [place["name"] for place in moved["location"]] == ["L'Annexe"]
    assert dates["2027-01-27T18:00:00+01:00"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert "2027-01-20T18:00:00+01:00" not in dates


@pytest.mark.parametrize("calendar", ["agenda/tricot/event.ics", "feeds/agenda.ics", "feeds/agenda/place/salle.ics"])
def test_the_calendars_write_overrides_that_three_parsers_read_as_the_pages_do(site, calendar):
    text = (site.output / calendar).read_text(encoding="utf-8")
    parsed = icalendar.Calendar.from_ical(text)
    series = [event for event in parsed.walk("VEVENT") if str(event["UID"]) == UID]
    master, *overrides = series
    assert "RECURRENCE-ID" not in master and "EXDATE" in master  # the 10 February, excepted, and nothing else
    assert [moment.dt.date() for moment in master["EXDATE"].dts] == [dt.date(2027, 2, 10)]
    by_date = {event["RECURRENCE-ID"].dt: event for event in overrides}
    assert set(by_date) == {dt.datetime(2027, 1, 13, 18, tzinfo=PARIS), dt.datetime(2027, 1, 20, 18, tzinfo=PARIS)}
    assert all(event["RECURRENCE-ID"].params["TZID"] == "Europe/Paris" for event in overrides)
    assert all(event["SEQUENCE"] >= master["SEQUENCE"] for event in overrides)
    cancelled = by_date[dt.datetime(2027, 1, 13, 18, tzinfo=PARIS)]
    assert str(cancelled["STATUS"]) == "CANCELLED" and "Salle fermée pour travaux." in str(cancelled["DESCRIPTION"])
    moved = by_date[dt.datetime(2027, 1, 20, 18, tzinfo=PARIS)]
    assert (moved["DTSTART"].dt, moved["DTEND"].dt) == (
        dt.datetime(2027, 1, 21, 19, tzinfo=PARIS),
        dt.datetime(2027, 1, 21, 20, 30, tzinfo=PARIS),
    )
    assert str(moved["LOCATION"]) == "L'Annexe, 3 rue Basse, 69007 Lyon" and "RRULE" not in moved

    at_salle, at_annexe = "Salle des fêtes, 1 rue Haute, 69007 Lyon", "L'Annexe, 3 rue Basse, 69007 Lyon"
    expected = [
        (
            start,
            "CANCELLED" if status == "cancelled" else "CONFIRMED",
            at_annexe if status == "rescheduled" else at_salle,
        )
        for start, status in JANUARY
    ]
    assert january_of(parsed) == expected
    strict = IcsCalendarStream.calendar_from_ics(text)  # RFC 5545 strictly: raises on any mistake
    timeline = strict.timeline_tz(PARIS).overlapping(dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    assert [
        (event.dtstart.isoformat(), event.status.value, event.location) for event in timeline if event.uid == UID
    ] == expected


def test_a_whole_day_series_names_its_dates_as_dates(site):
    calendar = icalendar.Calendar.from_ical((site.output / "agenda/marche/event.ics").read_bytes())
    master, *overrides = calendar.walk("VEVENT")
    assert [(event["RECURRENCE-ID"].to_ical(), event["RECURRENCE-ID"].params.get("VALUE")) for event in overrides] == [
        (b"20270206", "DATE"),
        (b"20270306", "DATE"),
    ]
    moved = overrides[1]
    assert (moved["DTSTART"].dt, moved["DTEND"].dt) == (dt.date(2027, 3, 13), dt.date(2027, 3, 15))  # end exclusive
    found = [
        (event["DTSTART"].dt, str(event["STATUS"]))
        for event in recurring_ical_events.of(calendar).between(dt.date(2027, 1, 1), dt.date(2027, 5, 1))
    ]
    assert found == [
        (dt.date(2027, 1, 2), "CONFIRMED"),
        (dt.date(2027, 2, 6), "CANCELLED"),
        (dt.date(2027, 3, 13), "CONFIRMED"),
        (dt.date(2027, 4, 3), "CONFIRMED"),
    ]
    items = page(site, "agenda/marche/index.html").xpath("//dt[.='Prochaines dates']/following-sibling::dd[1]//li")
    assert listed_dates(items) == [
        ("2027-01-02T00:00:00+01:00", "scheduled"),
        ("2027-02-06T00:00:00+01:00", "cancelled"),
        ("2027-03-13T00:00:00+01:00", "scheduled"),  # moved, its status unchanged: its change is its date
        ("2027-04-03T00:00:00+02:00", "scheduled"),
    ]
    assert IcsCalendarStream.calendar_from_ics((site.output / "agenda/marche/event.ics").read_text(encoding="utf-8"))


def test_a_cancelled_event_says_why_next_to_its_status(site):
    document = page(site, "agenda/bal/index.html")
    assert document.xpath("string(//strong[contains(@class, 'status-cancelled')])") == "Annulé"
    assert document.xpath("string(//*[@class='status-note'])") == "L'orchestre est malade."
    vevent = icalendar.Calendar.from_ical((site.output / "agenda/bal/event.ics").read_bytes()).walk("VEVENT")[0]
    assert str(vevent["DESCRIPTION"]).startswith("L'orchestre est malade.\n\n")


def test_changing_one_date_grows_the_sequence_of_the_series_and_its_overrides(tmp_path, monkeypatch):
    """Calendar apps only take an update whose SEQUENCE grew: a cancelled date is a change of schedule."""
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    plain = SERIES.split("occurrences:")[0] + "---\nOn tricote ensemble.\n"
    write_files(tmp_path / "content", {**PLACES, "events/2027/tricot.md": plain})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    commit(tmp_path, "site")

    def series() -> list:
        built = build(tmp_path, today="2027-01-01", **SITE)
        calendar = icalendar.Calendar.from_ical((built.output / "agenda/tricot/event.ics").read_bytes())
        return calendar.walk("VEVENT")

    assert [event["SEQUENCE"] for event in series()] == [0]
    (tmp_path / "content/events/2027/tricot.md").write_text(SERIES, encoding="utf-8")
    commit(tmp_path, "one date cancelled, one moved")
    assert [event["SEQUENCE"] for event in series()] == [1, 1, 1]


def test_a_last_date_moved_later_keeps_the_series_coming(tmp_path):
    """The last date of a series, moved a week later, is still ahead after the day the rule had planned it."""
    last_moved = MARKET.replace(
        "  - date: 2027-03-06\n    start: 2027-03-13\n    end: 2027-03-14\n",
        "  - date: 2027-04-03\n    start: 2027-04-13\n",
    )
    write_files(tmp_path / "content", {**PLACES, "events/2027/marche.md": last_moved})
    built = build(tmp_path, today="2027-04-05", **SITE)
    document = page(built, "agenda/marche/index.html")
    assert not document.xpath("//p[@class='over']")
    assert listed_dates(document.xpath("//dt[.='Prochaines dates']/following-sibling::dd[1]//li")) == [
        ("2027-04-13T00:00:00+02:00", "scheduled")
    ]


def test_a_hostile_note_is_text_on_the_page_and_in_the_calendar(tmp_path):
    """A note is one line (make check refuses a line break): its markup is text wherever it is shown."""
    script = "<script>alert(1)</script>;X-INJECTED:1"
    hostile = SERIES.replace("note: Salle fermée pour travaux.", f"note: '{script}'")
    write_files(tmp_path / "content", {**PLACES, "events/2027/tricot.md": hostile})
    built = build(tmp_path, today="2027-01-01", **SITE)
    document = page(built, "agenda/tricot/index.html")
    assert not document.xpath("//script[contains(., 'alert')]") and script in document.text_content()
    calendar = icalendar.Calendar.from_ical((built.output / "agenda/tricot/event.ics").read_bytes())
    assert all(name != "X-INJECTED" for event in calendar.walk("VEVENT") for name in event)
    assert any(str(event["DESCRIPTION"]).startswith(script) for event in calendar.walk("VEVENT"))


def test_the_next_date_offered_is_not_a_cancelled_one(tmp_path):
    """On 10 January the next date of the workshop is the 13th, cancelled: search engines and "add to my
    calendar" are given the next date that takes place, the 21st."""
    write_files(tmp_path / "content", FILES)
    built = build(tmp_path, today="2027-01-10", **SITE)
    document = page(built, "agenda/tricot/index.html")
    data = json.loads(document.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["startDate"] == "2027-01-21T19:00:00+01:00"  # that date as it changed: status, place
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert [place["name"] for place in data["location"]] == ["L'Annexe"]
    assert "20270121T180000Z" in document.xpath("//a[contains(@href, 'calendar.google.com')]/@href")[0]
