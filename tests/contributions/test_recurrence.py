"""Repeating events expand in their own time zone: the wall-clock time holds across summer time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from contributions.schemas.event import Event
from contributions.schemas.recurrence import occurrences
from contributions.site import Site

PARIS = ZoneInfo("Europe/Paris")
CONTEXT = Site(content=None).validation_context()


def event(**fields) -> Event:
    base = {
        "title": "Heure du conte",
        "start": "2027-03-21 18:00",
        "online": "https://example.org",
        "categories": "reading",
    }
    return Event.model_validate({**base, **fields}, context=CONTEXT)


def window(first: str, last: str) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.fromisoformat(first).replace(tzinfo=PARIS), dt.datetime.fromisoformat(last).replace(tzinfo=PARIS)


def test_weekly_time_holds_across_the_spring_change():
    series = event(recurrence={"frequency": "weekly", "weekdays": ["sunday"], "count": 3})
    starts = [dated.start for dated in occurrences(series, PARIS, *window("2027-03-01", "2027-12-31"))]
    assert [s.isoformat() for s in starts] == [
        "2027-03-21T18:00:00+01:00",
        "2027-03-28T18:00:00+02:00",
        "2027-04-04T18:00:00+02:00",
    ]


def test_autumn_change_and_a_raw_rrule_with_a_local_until():
    series = event(start="2026-10-18 18:00", rrule="FREQ=WEEKLY;BYDAY=SU;UNTIL=20261101")
    starts = [dated.start for dated in occurrences(series, PARIS, *window("2026-10-01", "2026-12-31"))]
    assert [s.isoformat() for s in starts] == [
        "2026-10-18T18:00:00+02:00",
        "2026-10-25T18:00:00+01:00",
        "2026-11-01T18:00:00+01:00",
    ]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [16, 17, 17]


def test_utc_until_as_calendars_write_it():
    series = event(start="2026-10-18 18:00", rrule="FREQ=WEEKLY;UNTIL=20261025T170000Z")
    assert len(occurrences(series, PARIS, *window("2026-10-01", "2026-12-31"))) == 2


def test_exceptions_and_extra_dates():
    series = event(
        start="2026-12-02 10:00",
        recurrence={"frequency": "weekly", "weekdays": "mercredi", "until": "2026-12-31"},
        **{"except": ["2026-12-23", "2026-12-30"], "extra": ["2026-12-19"]},
    )
    starts = [dated.start for dated in occurrences(series, PARIS, *window("2026-12-01", "2027-01-31"))]
    assert [s.date().isoformat() for s in starts] == ["2026-12-02", "2026-12-09", "2026-12-16", "2026-12-19"]
    assert {s.hour for s in starts} == {10}


def test_first_saturday_of_the_month():
    series = event(
        start="2026-12-05 14:00",
        recurrence={"frequency": "monthly", "weekdays": ["saturday"], "week_of_month": 1, "count": 4},
    )
    starts = [dated.start for dated in occurrences(series, PARIS, *window("2026-12-01", "2027-12-31"))]
    assert [s.date().isoformat() for s in starts] == ["2026-12-05", "2027-01-02", "2027-02-06", "2027-03-06"]


def test_one_date_moved_and_one_cancelled_keep_the_rest_of_the_series():
    """A moved date is listed where it moved to (even from outside the span asked), a cancelled one stays
    listed with its change: pages and calendars say it is cancelled rather than drop it."""
    series = event(
        start="2027-01-06 18:00",
        recurrence={"frequency": "weekly", "weekdays": ["wednesday"], "until": "2027-01-27"},
        occurrences=[
            {"date": "2027-01-13", "status": "cancelled", "note": "Salle fermée."},
            {"date": "2027-01-20", "status": "rescheduled", "start": "2027-01-21 19:30", "place": "salle-b"},
            {"date": "2027-01-27", "start": "2027-02-03 18:00"},
        ],
    )
    found = occurrences(series, PARIS, *window("2027-01-01", "2027-01-31"))
    assert [(d.start.isoformat(), d.planned.date().isoformat()) for d in found] == [
        ("2027-01-06T18:00:00+01:00", "2027-01-06"),
        ("2027-01-13T18:00:00+01:00", "2027-01-13"),
        ("2027-01-21T19:30:00+01:00", "2027-01-20"),
    ]
    assert [d.change.status if d.change else None for d in found] == [None, "cancelled", "rescheduled"]
    assert found[2].change.place.slug == "salle-b"
    moved_in = occurrences(series, PARIS, *window("2027-02-01", "2027-02-28"))
    assert [(d.start.isoformat(), d.planned.date().isoformat()) for d in moved_in] == [
        ("2027-02-03T18:00:00+01:00", "2027-01-27")
    ]
