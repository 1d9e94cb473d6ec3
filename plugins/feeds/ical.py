"""iCalendar files written with `icalendar`: one VEVENT per event (a series: one with RRULE and EXDATE, one
per extra date and one per changed date, its override), local times with their VTIMEZONE (`timezones`),
stable UIDs, STATUS and SEQUENCE.

An extra date of a series is a VEVENT of its own (UID `<slug>.<local date>@<domain>`), not an RDATE:
node-ical (MagicMirror², home automation) never reads RDATE and libical reads `RDATE;TZID=...` as UTC,
while every client reads a plain VEVENT. No METHOD: a published calendar is not an iTIP message, and
METHOD:PUBLISH asks for an ORGANIZER (libical flags every event without one) that an event often does
not have. A calendar with no event holds its zone's VTIMEZONE: RFC 5545 wants at least one component.

Every text goes through icalendar's own TEXT escaping (`vText`), never as a raw content line: icalendar
writes a property it does not type itself (NAME, X-WR-CALNAME) as it is given, so a line break in a
calendar's name — a place's name in its filter's calendar — made a content line icalendar refused
("Content line can not contain unescaped new line characters"). Addresses are http(s) with what cannot
be in an address percent-encoded (`web_address`), parameters are one line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar
from zoneinfo import ZoneInfoNotFoundError

from icalendar import Calendar, Event, vCalAddress, vRecur, vText, vUri

from contributions import first_start, rule_of, until_as_date, until_in_utc
from feeds import timezones
from feeds.reminders import with_reminders
from publishing.encoding import clean_text, link_address, one_line, page_address, web_address
from speed.store import Store

T = TypeVar("T")
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}  # every other status is CONFIRMED
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _rule(recurrence, zone, all_day: bool) -> vRecur:
    rule = {"freq": recurrence.frequency.upper(), "interval": recurrence.interval}
    if recurrence.weekdays:
        prefix = str(recurrence.week_of_month) if recurrence.week_of_month else ""
        rule["byday"] = [prefix + DAY_CODES[day] for day in recurrence.weekdays]
    if recurrence.until and all_day:
        rule["until"] = recurrence.until  # a date, like DTSTART
    elif recurrence.until:
        local_end = dt.datetime.combine(recurrence.until, dt.time(23, 59, 59), tzinfo=zone)
        rule["until"] = local_end.astimezone(dt.UTC)  # RFC 5545: UNTIL in UTC with a TZID start
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
            _at_start(day, start, False, zone)
        ]
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


def _unambiguous(moment: dt.datetime) -> dt.datetime:
    """A local time that a change of time skips or repeats, as its UTC instant (the one RFC 5545 and
    zoneinfo give it): ical.js and libical take 02:30 of the spring night an hour early and all three
    clients take 02:30 of the autumn night as its second instant, while UTC is read alike by all."""
    if moment.replace(fold=1).utcoffset() != moment.utcoffset():
        return moment.astimezone(dt.UTC)
    return moment


def _repeat(component: Event, data, start: dt.datetime, zone) -> None:
    """A series' RRULE and EXDATE."""
    if data.recurrence:
        component.add("rrule", _rule(data.recurrence, zone, data.all_day))
    elif data.rrule:
        text = until_as_date(data.rrule) if data.all_day else until_in_utc(data.rrule, zone)
        component.add("rrule", vRecur.from_ical(text))
    if data.except_dates:
        component.add("exdate", _excluded(data, start, zone))


def _extra_uid(uid: str, moment) -> str:
    """An extra date's own UID: the series' with the local date, by a dot no file name holds."""
    name, _, domain = uid.rpartition("@")
    return f"{name}.{moment.strftime('%Y%m%dT%H%M%S' if isinstance(moment, dt.datetime) else '%Y%m%d')}@{domain}"


def vevents(event, facts) -> list[Event]:
    """The event's VEVENT, then one for each extra date of its series, then one for each date of the series
    that changed (`occurrences`): that date's override, with the series' UID and the start the rule gave as
    RECURRENCE-ID, cancelled with STATUS:CANCELLED rather than an EXDATE (RFC 5545 3.8.4.4), so that a
    calendar shows the date cancelled instead of silently dropping it. A changed extra date is its own VEVENT
    changed."""
    data, zone = event.data, facts.zone
    start = first_start(data, zone)
    changes = {change.date: change for change in data.occurrences}
    found = [vevent(event, facts)]
    for day in data.extra_dates:
        at = _at_start(day, start, data.all_day, zone)
        change = changes.pop(_date(at), None)
        found.append(vevent(event, facts, _extra_uid(facts.uid, at), _moved(change, at, data, zone), change))
    for day, change in sorted(changes.items()):
        for planned in _planned_on(data, day, zone):
            found.append(vevent(event, facts, None, _moved(change, planned, data, zone), change, planned))
    return found


def _date(moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _moved(change, planned, data, zone):
    """Where a change puts a date planned at `planned`: its new start, else the same."""
    if change is None or change.start is None:
        return planned
    return change.start if data.all_day else change.start.replace(tzinfo=zone)


def _planned_on(data, day: dt.date, zone) -> list:
    """The starts the rule gives on `day`: what an override's RECURRENCE-ID names."""
    if data.all_day:
        return [day]
    morning = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    return rule_of(data, zone).between(morning, morning + dt.timedelta(days=1, microseconds=-1), inc=True)


def vevent(event, facts, uid: str | None = None, at=None, change=None, planned=None) -> Event:
    """`facts`: what the feeds generator knows of the event (uid, url, place line, history, categories).
    With `at`, the single VEVENT `uid` of one date of the series, at that start: an extra date, or with
    `planned`, the override of the date the rule planned then; `change`: that date's item of `occurrences`."""
    data = event.data
    zone = facts.zone
    start = first_start(data, zone)
    component = Event()
    component.add("uid", uid or facts.uid)
    if planned is not None:
        component.add("recurrence-id", planned)  # as DTSTART: TZID and local time, or VALUE=DATE
    component.add("dtstamp", facts.history.modified or EPOCH)
    if facts.history.created:
        component.add("created", facts.history.created)
    if facts.history.modified:
        component.add("last-modified", facts.history.modified)
    component.add("sequence", facts.history.sequence)
    component.add("summary", _text(one_line(data.title)))
    component.add("status", STATUS.get(change.status if change is not None else data.status, "CONFIRMED"))
    shift = at - (data.start if data.all_day else start) if at is not None else dt.timedelta()  # local days and hours
    end = change.end if change is not None and change.end is not None else None  # a changed date's own end
    if data.all_day:
        component.add("dtstart", data.start + shift)
        last = end if end is not None else (data.end or data.start) + shift
        component.add("dtend", last + dt.timedelta(days=1))  # exclusive end
    else:
        single = at is not None or not (data.recurrence or data.rrule)
        kept = _unambiguous if single else (lambda moment: moment)  # a series' local time is its rule's
        component.add("dtstart", kept(start + shift))
        if end is not None or data.end is not None:
            component.add(
                "dtend", kept(end.replace(tzinfo=zone) if end is not None else data.end.replace(tzinfo=zone) + shift)
            )
        elif data.duration is not None:
            component.add("duration", data.duration)
    if at is None:
        _repeat(component, data, start, zone)
    note = change.note if change is not None else data.status_note
    component.add("description", _text(f"{note}\n\n{facts.text}" if note else facts.text))
    if page := page_address(facts.url):
        component.add("url", vUri(page))
    location, geo = facts.location, facts.geo
    if change is not None and change.place is not None:
        location, geo = dict(facts.elsewhere)[change.date]
    if location:
        component.add("location", _text(one_line(location)))
    if geo:
        component.add("geo", geo)
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
    name = _text(one_line(name))  # vText: icalendar would write NAME and X-WR-CALNAME raw
    document.add("name", name)
    document.add("x-wr-calname", name)
    document.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    document.add("x-published-ttl", "PT12H")
    if source := page_address(source_url):
        document.add("source", vUri(source), parameters={"VALUE": "URI"})
    return document


END = b"END:VCALENDAR\r\n"


def _written(event, facts, reminders: bool) -> tuple[bytes, set[str]]:
    """An event's VEVENTs as icalendar writes them, with their alarms if `reminders`, and the time zones they
    name."""
    components = with_reminders(vevents(event, facts)) if reminders else vevents(event, facts)
    holder = Calendar()
    for component in components:
        holder.add_component(component)
    return b"".join(component.to_ical() for component in components), holder.get_missing_tzids()


class Calendars:
    """The calendars of one build. An event is in several of them (the agenda, a filter per category,
    place, audience..., its own event.ics and reminder.ics) and they share their time zones: icalendar
    writes each VEVENT and each VTIMEZONE once, and every calendar holds those bytes where icalendar puts
    them (writing them again for every calendar was most of the feeds' time). VTIMEZONEs come sorted by
    name, so two builds write the same bytes. Only a calendar asked for with `reminders` has alarms
    (VALARM): its VEVENTs are kept apart from those of the others, which never get any."""

    def __init__(self, store: Store, zone: str = "UTC") -> None:
        # (uid, text, with alarms) -> (VEVENT, its zones)
        self._events: dict[tuple[str, str, bool], tuple[bytes, set[str]]] = {}
        self._zones: dict[tuple[str, int, int], bytes] = {}  # (zone, first year, last year) -> VTIMEZONE
        self.store = store  # what an earlier build wrote, by a key of everything it was made from
        self.zone = zone  # the VTIMEZONE of a calendar with no event (RFC 5545 wants one component)

    def _from_store(self, make: Callable[[], T], inputs: Callable[[], tuple]) -> T:
        """`make()`, or what it gave an earlier build for the same `inputs()` (worked out only if needed)."""
        if not self.store.in_use:
            return make()
        return self.store.get(make, *inputs())

    def _vevent(self, event, facts, reminders: bool) -> tuple[bytes, set[str]]:
        key = (facts.uid, facts.text, reminders)  # the agenda's brief text or an event.ics's whole one
        if key not in self._events:
            self._events[key] = self._from_store(
                lambda: _written(event, facts, reminders),
                lambda: ("vevent", event.data.model_dump_json(), repr(facts), reminders),
            )
        return self._events[key]

    def _vtimezone(self, name: str, first: int) -> bytes:
        key = (name, first)
        if key not in self._zones:
            try:
                self._zones[key] = timezones.vtimezone(name, first).to_ical()
            except (ValueError, ZoneInfoNotFoundError):  # not a zone of the database: none, as icalendar does
                self._zones[key] = b""
        return self._zones[key]

    def calendar(self, name: str, source_url: str, events: list, reminders: bool = False) -> bytes:
        """A whole VCALENDAR: `events` holds (event, facts) pairs, in a stable order; `reminders`: each VEVENT
        with its alarms (`feeds.reminders`), for an event's reminder.ics only."""
        written = [self._vevent(event, facts, reminders) for event, facts in events]
        # the changes of time before the current rules only from the year before the first event on
        first = min([event.data.start.year for event, _ in events], default=2000) - 1
        zones = sorted(set().union(*(names for _, names in written))) or [self.zone]
        return b"".join(
            [
                self._from_store(
                    lambda: _head(name, source_url).to_ical().removesuffix(END), lambda: ("head", name, source_url)
                ),
                *(self._vtimezone(zone, first) for zone in zones),
                *(ical for ical, _ in written),
                END,
            ]
        )
