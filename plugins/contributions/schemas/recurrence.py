"""When a repeating event takes place: its rule (friendly form or raw RRULE), its exceptions and extra
dates, expanded in the event's own time zone so that 18:00 stays 18:00 across a change of summer time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr, weekday

FREQUENCIES = {"daily": DAILY, "weekly": WEEKLY, "monthly": MONTHLY, "yearly": YEARLY}
MAX_OCCURRENCES = 1000  # listed from one date on, whatever the rule: a build never expands without end


def first_start(event, zone: ZoneInfo) -> dt.datetime:
    """The event's start as an aware datetime (midnight for a whole-day event)."""
    start = event.start if isinstance(event.start, dt.datetime) else dt.datetime.combine(event.start, dt.time())
    return start.replace(tzinfo=zone)


def rule_of(event, zone: ZoneInfo):
    """The dateutil rule of a repeating event (exceptions and extra dates left out), or None."""
    start = first_start(event, zone)
    if event.rrule:
        return rrulestr(until_in_utc(event.rrule, zone), dtstart=start)
    recurrence = event.recurrence
    if recurrence is None:
        return None
    days = [weekday(day, recurrence.week_of_month) if recurrence.week_of_month else day for day in recurrence.weekdays]
    until = None
    if recurrence.until:
        until = dt.datetime.combine(recurrence.until, dt.time(23, 59, 59), tzinfo=zone)
    return rrule(
        FREQUENCIES[recurrence.frequency],
        dtstart=start,
        interval=recurrence.interval,
        byweekday=days or None,
        until=until,
        count=recurrence.count,
    )


@dataclass(frozen=True)
class Dated:
    """One date of an event: when it takes place, when its series planned it (the date a change names,
    calendars' RECURRENCE-ID) and the change written for that date (`occurrences`), if any."""

    start: dt.datetime
    planned: dt.datetime
    change: object | None = None


def occurrences(event, zone: ZoneInfo, after: dt.datetime, before: dt.datetime) -> list[Dated]:
    """Dates of the event that start between two aware datetimes, each where its change moved it (a date
    moved into the span from outside it included, a date moved out of it left out), soonest first."""
    changes = {change.date: change for change in event.occurrences}
    reach = max(
        (abs(moved_start(c, event, zone) - _at_start_time(day, event, zone)) for day, c in changes.items()),
        default=dt.timedelta(),
    ) + dt.timedelta(days=1)  # a change names a day: its time on that day is the rule's
    found = []
    for planned in _planned(event, zone, after - reach if changes else after, before + reach if changes else before):
        change = changes.get(planned.date())
        start = moved_start(change, event, zone) if change is not None else planned
        if after <= start <= before:
            found.append(Dated(start, planned, change))
    return sorted(found, key=lambda dated: (dated.start, dated.planned))


def moved_start(change, event, zone: ZoneInfo) -> dt.datetime:
    """Where a change puts its date: its new start, or the date's start as planned when it gives none."""
    return _at_start_time(change.start if change.start is not None else change.date, event, zone)


def _planned(event, zone: ZoneInfo, after: dt.datetime, before: dt.datetime) -> list[dt.datetime]:
    """Starts of the event between two aware datetimes: the rule, less exceptions, plus extra dates."""
    rule = rule_of(event, zone)
    starts = (
        set(islice(rule.xafter(after, count=MAX_OCCURRENCES, inc=True), MAX_OCCURRENCES)) if rule is not None else set()
    )
    starts = {start for start in starts if start <= before}
    if rule is None and after <= first_start(event, zone) <= before:
        starts.add(first_start(event, zone))
    excluded = set(event.except_dates)
    starts = {start for start in starts if start.date() not in excluded}
    for extra in event.extra_dates:
        moment = _at_start_time(extra, event, zone)
        if after <= moment <= before:
            starts.add(moment)
    return sorted(starts)


def off_the_rule(event, zone: ZoneInfo, days) -> list[dt.date]:
    """Days on which the rule gives no occurrence (an exception or a change with a typo, or a rule that changed)."""
    rule = rule_of(event, zone)
    if rule is None:
        return []
    wrong = []
    for day in days:
        morning = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        if not rule.between(morning, morning + dt.timedelta(days=1, microseconds=-1), inc=True):
            wrong.append(day)
    return wrong


def _at_start_time(value: dt.date | dt.datetime, event, zone: ZoneInfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone)
    return dt.datetime.combine(value, first_start(event, zone).time(), tzinfo=zone)


_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6}))?(Z?)", re.I)


def until_in_utc(text: str, zone: ZoneInfo) -> str:
    """RFC 5545 wants UNTIL in UTC when the start has a time zone; contributors write a local date."""

    def to_utc(match: re.Match) -> str:
        if match[3]:
            return match[0]
        day = dt.datetime.strptime(match[1], "%Y%m%d")
        moment = (
            dt.datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
            if match[2]
            else day.replace(hour=23, minute=59, second=59)
        )
        return "UNTIL=" + moment.replace(tzinfo=zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")

    return _UNTIL.sub(to_utc, text)


def until_as_date(text: str) -> str:
    """For a whole-day series RFC 5545 wants UNTIL as a date, like its DTSTART."""
    return _UNTIL.sub(lambda match: f"UNTIL={match[1]}", text)
