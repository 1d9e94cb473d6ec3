"""VTIMEZONEs that hold for every date a calendar client expands, written from the zone's TZif file.

icalendar's `Timezone.from_tzid` lists each change of a range of years in one comma-separated RDATE, at
the time after the change: ical.js reads only the first value of such a list (summer 2027 came an hour
late), vobject took 03:00 for the instant of a change at 02:00, and no client knew the offset past the
range's last year (a series with no end moved by an hour in 2029). Here, as Google, Apple and Outlook
write them, the zone's current rule is a yearly RRULE with no end, taken from the POSIX TZ string that
ends the TZif file (`CET-1CEST,M3.5.0,M10.5.0/3`), each DTSTART being the local time before the change
(RFC 5545); the changes before that rule, from the calendar's first year on, are written one value per
RDATE line. Each rule is a weekday of a month (`BYDAY=-1SU`); a change given past midnight (Israel's
`M3.4.4/26`, the Friday after the fourth Thursday) also names its days of the month. A rule that even
this cannot say (Egypt's autumn change may fall on the 1st of the next month) is written as a list of
its changes up to `LAST_YEAR`, the last year a date of the site may have."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import struct
import zoneinfo
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

LAST_YEAR = 2200  # dates of the site are between 1900 and 2199 (contributions' schema)
DAY_CODES = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX counts weekdays from Sunday
UNIX = dt.datetime(1970, 1, 1)
_NAME = r"([A-Za-z]{3,}|<[+\-0-9A-Za-z]+>)"
_TIME = r"([+-]?\d{1,3}(?::\d{2}){0,2})"
_DATE = rf",M(\d{{1,2}})\.([1-5])\.([0-6])(?:/{_TIME})?"
POSIX_TZ = re.compile(rf"{_NAME}{_TIME}(?:{_NAME}{_TIME}?{_DATE}{_DATE})?")


@dataclass(frozen=True)
class Change:
    """A change of the zone's offset or name, at a UTC instant (seconds since 1970)."""

    at: int
    before: int  # UTC offsets, in seconds
    after: int
    name: str
    dst: bool

    @property
    def local(self) -> dt.datetime:
        """The wall-clock time just before the change: an observance's DTSTART (RFC 5545)."""
        return UNIX + dt.timedelta(seconds=self.at + self.before)


@dataclass(frozen=True)
class YearlyDate:
    """`M<month>.<week>.<weekday>/<time>`: the week-th (5: last) weekday of a month, at a local time."""

    month: int
    week: int
    weekday: int  # 0 is Sunday
    time: int  # seconds after midnight, possibly negative or past 24 hours

    def local(self, year: int) -> dt.datetime:
        first_weekday, days = calendar.monthrange(year, self.month)  # Monday is 0
        first = (self.weekday - (first_weekday + 1)) % 7 + 1  # the month's first such weekday
        day = first + 7 * (self.week - 1)
        day = day - 7 if day > days else day
        return dt.datetime(year, self.month, day) + dt.timedelta(seconds=self.time)

    def rule(self) -> vRecur | None:
        """This date as a yearly RRULE, or None when no RRULE says it."""
        shift = self.time // 86400  # days after the weekday: the DTSTART gives the time
        rule = {"freq": "YEARLY", "bymonth": self.month}
        if not shift:
            return vRecur({**rule, "byday": f"{-1 if self.week == 5 else self.week}{DAY_CODES[self.weekday]}"})
        length = calendar.monthrange(2001, self.month)[1]  # a common year: February is at least that long
        if self.week == 5 and self.month == 2:  # no day of the month to count from (ical.js reads no negative one)
            return None
        first = length - 6 + shift if self.week == 5 else 7 * (self.week - 1) + 1 + shift
        days = range(first, first + 7)  # the days of the month the shifted weekday can fall on
        if not (1 <= days[0] and days[-1] <= length):
            return None
        return vRecur({**rule, "byday": DAY_CODES[(self.weekday + shift) % 7], "bymonthday": list(days)})


@dataclass(frozen=True)
class Footer:
    """The POSIX TZ string that gives a zone's changes after the last one its TZif file lists."""

    name: str
    offset: int  # UTC offset of standard time
    dst_name: str | None = None
    dst_offset: int | None = None
    dst_start: YearlyDate | None = None
    dst_end: YearlyDate | None = None

    def changes(self, year: int) -> list[Change]:
        if self.dst_start is None:
            return []
        start = Change(_at(self.dst_start.local(year), self.offset), self.offset, self.dst_offset, self.dst_name, True)
        end = Change(_at(self.dst_end.local(year), self.dst_offset), self.dst_offset, self.offset, self.name, False)
        return sorted([start, end], key=lambda change: change.at)

    def rrules(self) -> dict[bool, vRecur] | None:
        """The RRULE of the change to summer time (True) and of the change back, when RRULEs can say them."""
        if self.dst_start is None:
            return None
        rules = {True: self.dst_start.rule(), False: self.dst_end.rule()}
        return rules if None not in rules.values() else None


def _at(local: dt.datetime, offset: int) -> int:
    return int((local - UNIX).total_seconds()) - offset


def _seconds(text: str | None, default: int = 7200) -> int:
    if text is None:
        return default
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _date(month: str, week: str, weekday: str, time: str | None) -> YearlyDate:
    return YearlyDate(int(month), int(week), int(weekday), _seconds(time))


def footer(text: str) -> Footer | None:
    """The POSIX TZ string's meaning, or None for a form this module does not read (`J` days)."""
    found = POSIX_TZ.fullmatch(text)
    if not found:
        return None
    name, offset, dst_name, dst_offset, *dates = found.groups()
    offset = -_seconds(offset)  # POSIX counts westwards
    if dst_name is None:
        return Footer(name.strip("<>"), offset)
    return Footer(
        name.strip("<>"),
        offset,
        dst_name.strip("<>"),
        -_seconds(dst_offset) if dst_offset else offset + 3600,
        _date(*dates[:4]),
        _date(*dates[4:]),
    )


def _tzif(name: str) -> bytes:
    """The zone's TZif file, found where `zoneinfo` finds it: the system's database, else `tzdata`."""
    zoneinfo.ZoneInfo(name)  # refuses a name that is not a zone (and any path)
    for folder in zoneinfo.TZPATH:
        if (path := Path(folder, name)).is_file():
            return path.read_bytes()
    return resources.files("tzdata").joinpath("zoneinfo", *name.split("/")).read_bytes()


def read_tzif(data: bytes) -> tuple[list[Change], int, str]:
    """The changes a TZif file (RFC 8536, version 2 or later) lists, the offset before the first, its footer."""

    def counts(at: int) -> tuple[int, ...]:
        return struct.unpack(">6l", data[at + 20 : at + 44])

    utc_flags, std_flags, leaps, times, types, chars = counts(0)
    at = 44 + times * 5 + types * 6 + chars + leaps * 8 + std_flags + utc_flags  # the 32-bit block
    utc_flags, std_flags, leaps, times, types, chars = counts(at)
    at += 44
    instants = struct.unpack(f">{times}q", data[at : at + 8 * times])
    at += 8 * times
    indices = data[at : at + times]
    at += times
    kinds = [struct.unpack(">lBB", data[at + 6 * i : at + 6 * i + 6]) for i in range(types)]
    at += 6 * types
    names = data[at : at + chars]
    at += chars + leaps * 12 + std_flags + utc_flags

    def name(index: int) -> str:
        return names[index : names.index(b"\0", index)].decode()

    changes, state = [], (kinds[0][0], bool(kinds[0][1]), name(kinds[0][2]))
    for instant, index in zip(instants, indices):
        offset, dst, label = kinds[index]
        if (offset, bool(dst), name(label)) != state:  # not the no-op that ends 32-bit data (2038)
            changes.append(Change(instant, state[0], offset, name(label), bool(dst)))
            state = (offset, bool(dst), name(label))
    return changes, kinds[0][0], data[at:].strip(b"\n").decode()


def _year(change: Change) -> int:
    return change.local.year


def _observance(changes: list[Change], rule: vRecur | None = None) -> TimezoneStandard | TimezoneDaylight:
    """One STANDARD or DAYLIGHT: changes of the same offsets and name, or the first change of a rule."""
    first = changes[0]
    component = TimezoneDaylight() if first.dst else TimezoneStandard()
    component.add("dtstart", first.local)
    if rule is not None:
        component.add("rrule", rule)
    for change in changes[1:]:
        component.add("rdate", change.local)  # one value a line: ical.js reads only a list's first
    component.add("tzname", first.name)
    component.add("tzoffsetfrom", dt.timedelta(seconds=first.before))
    component.add("tzoffsetto", dt.timedelta(seconds=first.after))
    return component


def vtimezone(name: str, first_year: int) -> Timezone:
    """The zone `name` for every date from `first_year` on. ValueError for a name that is not a zone."""
    changes, offset, text = read_tzif(_tzif(name))
    rule = footer(text)
    if rule is None:
        raise ValueError(f"{name}: a POSIX TZ string this module does not read: {text}")
    end = changes[-1].at if changes else None
    last = _year(changes[-1]) if changes else first_year
    changes += [
        change for year in range(last, last + 2) for change in rule.changes(year) if end is None or change.at > end
    ]
    rules = rule.rrules()
    ruled_from = LAST_YEAR + 1  # the first year of the RRULEs, none by default
    if rules:  # back while the listed changes are the rule's
        ruled_from = last + 2
        while [change for change in changes if _year(change) == ruled_from - 1] == rule.changes(ruled_from - 1):
            ruled_from -= 1
    elif rule.dst_start:  # no RRULE says the rule: its changes up to the last year a date may have
        changes += [change for year in range(last + 2, LAST_YEAR + 1) for change in rule.changes(year)]
    listed = [change for change in changes if _year(change) < ruled_from]
    in_force = [change for change in listed if _year(change) < first_year][-1:] if first_year < ruled_from else []
    listed = in_force + [change for change in listed if _year(change) >= first_year]
    if not listed and not rules:  # a zone that never changed (UTC)
        listed = [Change(0, offset, offset, rule.name, False)]
    zone = Timezone()
    zone.add("tzid", name)
    key = lambda change: (change.dst, change.before, change.after, change.name)  # noqa: E731
    observances = [list(same) for _, same in groupby(sorted(listed, key=lambda c: (key(c), c.at)), key)]
    for same in sorted(observances, key=lambda same: same[0].at):
        zone.add_component(_observance(same))
    for change in rule.changes(ruled_from) if rules else []:
        zone.add_component(_observance([change], rules[change.dst]))
    return zone
