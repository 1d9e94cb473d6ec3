"""When each event takes place, as dated occurrences in the event's own time zone: what the agenda
pages, the filters and the home page list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

from contributions import first_start, moved_start, occurrences, rule_of

HORIZON = dt.timedelta(days=400)  # how far ahead the agenda lists a series


@dataclass(frozen=True)
class Occurrence:
    """One date of an event. Whole-day occurrences start at midnight and end at the next midnight."""

    event: object  # the event's Pelican content (publishing.content.ContributionContent)
    start: dt.datetime
    end: dt.datetime | None
    all_day: bool
    change: object | None = None  # this date's item of the event's `occurrences`, when it changes
    planned: dt.datetime | None = None  # the start its series planned, when its change moved it
    moved_to: object | None = None  # the place it moved to: a place file's content, or a place written inline

    @property
    def status(self) -> str:
        """This date's status: its change's, else the event's (a cancelled date of a series stays listed)."""
        return self.change.status if self.change is not None else self.event.data.status

    @property
    def note(self) -> str | None:
        """What readers are told about this date's change (the event's own status note is on its page)."""
        return self.change.note if self.change is not None else None

    @property
    def place_name(self) -> str | None:
        """The name of the place this date moved to, if it moved."""
        return getattr(self.moved_to, "title", None) or getattr(self.moved_to, "name", None)

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


def occurrences_between(
    event,
    site_timezone: str,
    after: dt.datetime,
    before: dt.datetime,
    places: Mapping[str, object] = MappingProxyType({}),
) -> list[Occurrence]:
    """Occurrences of `event` that are still going on at `after` and start before `before`, each date of a
    series as its change says (moved, elsewhere, cancelled); `places`: the site's places by slug."""
    data = event.data
    zone = zone_of(event, site_timezone)
    length = length_of(data, zone)
    earliest = after - (length or dt.timedelta(0))
    found = []
    for dated in occurrences(data, zone, earliest, before):
        start, change = dated.start, dated.change
        end = _end(change.end, zone, data.all_day) if change is not None and change.end is not None else None
        if end is None and length:
            end = start + length
            if data.all_day:  # wall-clock end for whole days: the next local midnight, whatever the summer time
                end = dt.datetime.combine(start.date() + dt.timedelta(days=length.days), dt.time(), tzinfo=zone)
        if (end or start) >= after or start >= after:
            place = change.place if change is not None else None
            moved_to = places.get(place.slug, place) if place is not None and place.slug else place
            planned = dated.planned if dated.planned != start else None
            found.append(Occurrence(event, start, end, data.all_day, change, planned, moved_to))
    return found


def _end(value: dt.date | dt.datetime, zone: ZoneInfo, all_day: bool) -> dt.datetime:
    """An end as written, as an occurrence holds it: a whole day's is the next local midnight."""
    if all_day:
        return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return value.replace(tzinfo=zone)


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
        changes = {change.date: change for change in data.occurrences}  # a last date moved later counts
        starts = [moved_start(changes[s.date()], data, zone) if s.date() in changes else s for s in starts]
        start = max(starts, default=start)
    end = start + length if length else None
    if data.all_day and length:
        end = dt.datetime.combine(start.date() + dt.timedelta(days=length.days), dt.time(), tzinfo=zone)
    return Occurrence(event, start, end, data.all_day)
