"""The sample site shows one date of a series moved and one cancelled (issue 20): the story hour of Wednesday
13 January 2027 is cancelled, that of the 20th moves to Saturday 23rd at the bookshop. Its page, the month's
page, its event.ics and the agenda's agenda.ics give the same dates."""

from __future__ import annotations

import datetime as dt

import icalendar
import recurring_ical_events
from lxml import html

UID = "heure-du-conte@agenda.quartier-des-lilas.example.org"
# (start, status) in January 2027, as every reader must see them
JANUARY = [
    ("2027-01-06T10:30:00+01:00", "scheduled"),
    ("2027-01-13T10:30:00+01:00", "cancelled"),
    ("2027-01-23T10:30:00+01:00", "rescheduled"),
    ("2027-01-27T10:30:00+01:00", "scheduled"),
]


def listed(items) -> list[tuple[str, str]]:
    found = []
    for item in items:
        badge = item.xpath(".//strong[contains(@class, 'status-')]/@class")
        found.append((item.xpath(".//time/@datetime")[0], badge[0].split("status-")[-1] if badge else "scheduled"))
    return [entry for entry in found if entry[0].startswith("2027-01")]


def test_the_story_hour_page_and_the_month_page_show_the_moved_and_the_cancelled_date(sample_build):
    event = html.fromstring(sample_build.read("agenda/heure-du-conte/index.html"))
    assert listed(event.xpath("//dt[.='Prochaines dates']/following-sibling::dd[1]//li")) == JANUARY
    month = html.fromstring(sample_build.read("agenda/2027/01/index.html"))
    items = month.xpath("//li[contains(@class, 'event')][a[contains(@href, 'heure-du-conte/')]]")
    assert listed(items) == JANUARY
    assert items[2].xpath("string(.//*[@class='where'])") == "Librairie Les Mots passants"


def test_its_calendars_give_the_same_dates_as_its_pages(sample_build):
    statuses = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "cancelled": "CANCELLED"}
    expected = [(dt.datetime.fromisoformat(start), statuses[status]) for start, status in JANUARY]
    for path in ("agenda/heure-du-conte/event.ics", "feeds/agenda.ics"):
        calendar = icalendar.Calendar.from_ical((sample_build.output / path).read_bytes())
        found = [
            (event["DTSTART"].dt, str(event["STATUS"]))
            for event in recurring_ical_events.of(calendar).between(dt.date(2027, 1, 1), dt.date(2027, 2, 1))
            if str(event["UID"]) == UID
        ]
        assert found == expected, path
