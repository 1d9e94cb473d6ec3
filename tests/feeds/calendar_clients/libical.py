"""Every start, in UTC, that libical's expander (Evolution's) gives each series of each file between two
instants, those of them it gives as cancelled, and what libical's restriction check says of each file.
Arguments: from, to (ISO, UTC), files.

libical expands one component at a time: a series' VEVENT gives every date of its rule, and an override
(RECURRENCE-ID) its own start. Putting an override in place of the date it names is its client's work
(Evolution's ECalClient does it for "detached instances"): this script does it as that client does, so that
a moved date is listed once, where it moved to, and a cancelled one once, with its status."""

import datetime as dt
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

UTC = ICalGLib.Timezone.get_utc_timezone()


def moment(text):
    return ICalGLib.Time.new_from_timet_with_zone(int(dt.datetime.fromisoformat(text).timestamp()), 0, UTC)


def iso(seconds):
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def errors(component):
    """The X-LIC-ERROR properties the restriction check wrote into `component` and its children."""
    found = []
    error = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while error:
        found.append(error.get_xlicerror())
        error = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child:
        found += errors(child)
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return found


def replaced_instant(vevent, calendar):
    """The instant (time_t) of the date an override replaces: its RECURRENCE-ID in its TZID's zone."""
    named = vevent.get_first_property(ICalGLib.PropertyKind.RECURRENCEID_PROPERTY)
    if named is None:
        return None
    moment = vevent.get_recurrenceid()
    zone = moment.get_timezone() or calendar.get_timezone(named.get_parameter_as_string("TZID") or "") or UTC
    return moment.as_timet_with_zone(zone)


def read(path, start, end):
    calendar = ICalGLib.Component.new_from_string(open(path, encoding="utf-8").read())
    found, cancelled, restrictions = {}, {}, ICalGLib.Component.check_restrictions(calendar)
    vevents, vevent = [], calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while vevent:
        vevents.append(vevent)
        vevent = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    replaced = {}  # uid -> the instants its overrides replace
    for vevent in vevents:
        if (instant := replaced_instant(vevent, calendar)) is not None:
            replaced.setdefault(vevent.get_uid(), set()).add(instant)
    for vevent in vevents:
        uid = vevent.get_uid()
        starts = found.setdefault(uid, [])
        skipped = set() if replaced_instant(vevent, calendar) is not None else replaced.get(uid, set())
        is_cancelled = vevent.get_status() == ICalGLib.PropertyStatus.CANCELLED

        def add(_, span, *__, starts=starts, skipped=skipped, is_cancelled=is_cancelled, uid=uid):
            if span.get_start() in skipped:
                return
            starts.append(iso(span.get_start()))
            if is_cancelled:
                cancelled.setdefault(uid, []).append(iso(span.get_start()))

        vevent.foreach_recurrence(start, end, add)  # called at once, for each occurrence
    return {"libical": found, "cancelled": cancelled, "errors": errors(calendar) if not restrictions else []}


start, end = moment(sys.argv[1]), moment(sys.argv[2])
print(json.dumps({path: read(path, start, end) for path in sys.argv[3:]}))
