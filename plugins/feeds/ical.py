"""iCalendar files written with `icalendar`: one VEVENT per event (a series stays one VEVENT with RRULE,
EXDATE and RDATE), local times with their VTIMEZONE, stable UIDs, STATUS and SEQUENCE.

Every text goes through icalendar's own TEXT escaping (`vText`), never as a raw content line: icalendar
writes a property it does not type itself (NAME, X-WR-CALNAME) as it is given, so a line break in a
calendar's name — a place's name in its filter's calendar — made a content line icalendar refused
("Content line can not contain unescaped new line characters"). Addresses are http(s) with what cannot
be in an address percent-encoded (`web_address`), parameters are one line."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from importlib.metadata import version
from typing import TypeVar

from icalendar import Calendar, Event, Timezone, vCalAddress, vRecur, vText, vUri

from contributions import recurrence as series
from contributions.recurrence import first_start, rule_of, until_as_date, until_in_utc
from contributions.stored import Stored, code_version, digest

from . import encoding
from .encoding import clean_text, link_address, one_line, page_address, web_address

T = TypeVar("T")
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}  # every other status is CONFIRMED
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _rule(recurrence, zone, all_day: bool) -> vRecur:
    rule = {"freq": recurrence.frequency.upper(), "interval": recurrence.interval}
    if recurrence.weekdays:
        prefix = str(recurrence.week_of_month) if recurrence.week_of_month else ""
        rule["byday"] = [prefix + DAY_CODES[day] for day in recurrence.weekdays]
    if recurrence.until and all_day:
        rule["until"] = recurrence.until  # a date, like DTSTART
    elif recurrence.until:
        local_end = dt.datetime.combine(recurrence.until, dt.time(23, 59, 59), tzinfo=zone)
        rule["until"] = local_end.astimezone(dt.timezone.utc)  # RFC 5545: UNTIL in UTC with a TZID start
    if recurrence.count:
        rule["count"] = recurrence.count
    return vRecur(rule)


def _excluded(data, start: dt.datetime, zone) -> list:
    """Every occurrence the rule gives on an excepted day (a rule may give several a day)."""
    if data.all_day:
        return list(data.except_dates)
    rule = rule_of(data, zone)
    excluded = []
    for day in data.except_dates:
        morning = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        excluded += rule.between(morning, morning + dt.timedelta(days=1, microseconds=-1), inc=True) or [
            _at_start(day, start, False, zone)]
    return excluded


def _at_start(value, start: dt.datetime, all_day: bool, zone):
    if all_day:
        return value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone)
    return dt.datetime.combine(value, start.timetz())


def _text(value: str) -> vText:
    """A TEXT value: line breaks of any kind as the "\\n" icalendar writes, no control character."""
    return vText(clean_text(value))


def vevent(event, facts) -> Event:
    """`facts`: what the feeds generator knows of the event (uid, url, place line, history, categories)."""
    data = event.data
    zone = facts.zone
    start = first_start(data, zone)
    component = Event()
    component.add("uid", facts.uid)
    component.add("dtstamp", facts.history.modified or EPOCH)
    if facts.history.created:
        component.add("created", facts.history.created)
    if facts.history.modified:
        component.add("last-modified", facts.history.modified)
    component.add("sequence", facts.history.sequence)
    component.add("summary", _text(one_line(data.title)))
    component.add("status", STATUS.get(data.status, "CONFIRMED"))
    if data.all_day:
        component.add("dtstart", data.start)
        component.add("dtend", (data.end or data.start) + dt.timedelta(days=1))  # exclusive end
    else:
        component.add("dtstart", start)
        if data.end is not None:
            component.add("dtend", data.end.replace(tzinfo=zone))
        elif data.duration is not None:
            component.add("duration", data.duration)
    if data.recurrence:
        component.add("rrule", _rule(data.recurrence, zone, data.all_day))
    elif data.rrule:
        text = until_as_date(data.rrule) if data.all_day else until_in_utc(data.rrule, zone)
        component.add("rrule", vRecur.from_ical(text))
    if data.except_dates:
        component.add("exdate", _excluded(data, start, zone))
    if data.extra_dates:
        component.add("rdate", [_at_start(day, start, data.all_day, zone) for day in data.extra_dates])
    component.add("description", _text(facts.text))
    if page := page_address(facts.url):
        component.add("url", vUri(page))
    if facts.location:
        component.add("location", _text(one_line(facts.location)))
    if facts.geo:
        component.add("geo", facts.geo)
    if facts.categories:
        component.add("categories", [_text(one_line(word)) for word in facts.categories])
    address = link_address(data.organizer.url) if data.organizer else None
    address = address or web_address(facts.url)
    if data.organizer and address:  # ORGANIZER's value must be a full address (RFC 5545 CAL-ADDRESS)
        organizer = vCalAddress(address)
        organizer.params["cn"] = one_line(data.organizer.name)
        component.add("organizer", organizer)
    return component


def _head(name: str, source_url: str) -> Calendar:
    document = Calendar()
    document.add("prodid", "-//kiosque//agenda//FR")
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    name = _text(one_line(name))  # vText: icalendar would write NAME and X-WR-CALNAME raw
    document.add("name", name)
    document.add("x-wr-calname", name)
    document.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    document.add("x-published-ttl", "PT12H")
    if source := page_address(source_url):
        document.add("source", vUri(source), parameters={"VALUE": "URI"})
    return document


END = b"END:VCALENDAR\r\n"


def _written(event, facts) -> tuple[bytes, set[str]]:
    """An event's VEVENT as icalendar writes it, and the time zones it names."""
    component = vevent(event, facts)
    holder = Calendar()
    holder.add_component(component)
    return component.to_ical(), holder.get_missing_tzids()


class Calendars:
    """The calendars of one build. An event is in several of them (the agenda, a filter per category,
    place, audience..., its own event.ics) and they share their time zones: icalendar writes each VEVENT
    and each VTIMEZONE once, and every calendar holds those bytes where icalendar puts them (writing them
    again for every calendar was most of the feeds' time). VTIMEZONEs come sorted by name, so two
    builds write the same bytes (icalendar adds the missing ones in a set's order)."""

    def __init__(self, stored: Stored) -> None:
        self._events: dict[tuple[str, str], tuple[bytes, set[str]]] = {}  # (uid, text) -> (VEVENT, its zones)
        self._zones: dict[tuple[str, int, int], bytes] = {}  # (zone, first year, last year) -> VTIMEZONE
        self.stored = stored  # what an earlier build wrote, by a key of everything it was made from
        self.version = digest(code_version(sys.modules[__name__], series, encoding), version("icalendar"))

    def _kept(self, make: Callable[[], T], inputs: Callable[[], tuple]) -> T:
        """`make()`, or what it gave an earlier build for the same `inputs()`."""
        if not self.stored.active:
            return make()
        return self.stored.get(digest(self.version, *inputs()), make)

    def _vevent(self, event, facts) -> tuple[bytes, set[str]]:
        key = (facts.uid, facts.text)  # the agenda's brief text or an event.ics's whole one
        if key not in self._events:
            self._events[key] = self._kept(lambda: _written(event, facts),
                                           lambda: ("vevent", event.data.model_dump_json(), repr(facts)))
        return self._events[key]

    def _vtimezone(self, name: str, first: int, last: int) -> bytes:
        key = (name, first, last)
        if key not in self._zones:
            try:
                zone = Timezone.from_tzid(name, first_date=dt.date(first, 1, 1), last_date=dt.date(last, 1, 1))
            except ValueError:  # a zone icalendar does not know: none, as add_missing_timezones does
                self._zones[key] = b""
            else:
                self._zones[key] = zone.to_ical()
        return self._zones[key]

    def calendar(self, name: str, source_url: str, events: list) -> bytes:
        """A whole VCALENDAR: `events` holds (event, facts) pairs, in a stable order."""
        written = [self._vevent(event, facts) for event, facts in events]
        # VTIMEZONE only for the years the events span: the file stays small
        years = [event.data.start.year for event, _ in events] or [2000]
        zones = sorted(set().union(*(names for _, names in written)))
        return b"".join([
            self._kept(lambda: _head(name, source_url).to_ical().removesuffix(END), lambda: ("head", name, source_url)),
            *(self._vtimezone(zone, min(years) - 1, max(years) + 3) for zone in zones),
            *(ical for ical, _ in written),
            END,
        ])
