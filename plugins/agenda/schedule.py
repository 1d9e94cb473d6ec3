"""When each event takes place, as dated occurrences in the event's own time zone: what the agenda
pages, the filters and the home page list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from contributions import first_start, occurrences, rule_of

HORIZON = dt.timedelta(days=400)  # how far ahead the agenda lists a series


@dataclass(frozen=True)
class Occurrence:
    """One date of an event. Whole-day occurrences start at midnight and end at the next midnight."""

    event: object  # the event's Pelican content (publishing.content.ContributionContent)
    start: dt.datetime
    end: dt.datetime | None
    all_day: bool

    @property
    def day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        if self.end is None:
            return self.day
        return (self.end - dt.timedelta(microseconds=1)).date() if self.all_day else self.end.date()

    @property
    def days(self) -> list[dt.date]:
        """Every day the occurrence covers: a 3-day festival is listed on each of its days."""
        if not self.all_day and (self.end is None or self.end - self.start < dt.timedelta(days=1)):
            return [self.day]  # a concert ending at 2 a.m. belongs to its evening, not to the next day
        count = (self.last_day - self.day).days + 1
        return [self.day + dt.timedelta(days=offset) for offset in range(max(count, 1))]


def zone_of(event, site_timezone: str) -> ZoneInfo:
    return ZoneInfo(event.data.timezone or site_timezone)


def length_of(data, zone: ZoneInfo) -> dt.timedelta | None:
    """How long one occurrence lasts: from 'end' or 'duration'; a whole day when nothing is said."""
    start = first_start(data, zone)
    if data.all_day:
        last = data.end or data.start
        return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone) - start
    if data.end is not None:
        return data.end.replace(tzinfo=zone) - start
    return data.duration


def occurrences_between(event, site_timezone: str, after: dt.datetime, before: dt.datetime) -> list[Occurrence]:
    """Occurrences of `event` that are still going on at `after` and start before `before`."""
    data = event.data
    zone = zone_of(event, site_timezone)
    length = length_of(data, zone)
    earliest = after - (length or dt.timedelta(0))
    found = []
    for start in occurrences(data, zone, earliest, before):
        end = start + length if length else None
        # wall-clock end for whole days: the next local midnight, whatever the summer time
        if data.all_day:
            end = dt.datetime.combine(
                start.date() + dt.timedelta(days=(length.days if length else 1)), dt.time(), tzinfo=zone
            )
        if (end or start) >= after or start >= after:
            found.append(Occurrence(event, start, end, data.all_day))
    return found


def last_occurrence(event, site_timezone: str) -> Occurrence | None:
    """The event's last date; None for a series without end."""
    data = event.data
    zone = zone_of(event, site_timezone)
    length = length_of(data, zone)
    start = first_start(data, zone)
    if data.recurrence or data.rrule:
        rule = rule_of(data, zone)
        if not (rule._until or rule._count):  # noqa: SLF001 - dateutil exposes no other way to ask
            return None
        excluded = set(data.except_dates)
        starts = [s for s in rule if s.date() not in excluded] + [
            e.replace(tzinfo=zone) if isinstance(e, dt.datetime) else dt.datetime.combine(e, start.timetz())
            for e in data.extra_dates
        ]
        start = max(starts, default=start)
    end = start + length if length else None
    if data.all_day and length:
        end = dt.datetime.combine(start.date() + dt.timedelta(days=length.days), dt.time(), tzinfo=zone)
    return Occurrence(event, start, end, data.all_day)
