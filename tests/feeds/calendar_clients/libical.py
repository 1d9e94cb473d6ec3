"""Every start, in UTC, that libical's expander (Evolution's) gives each series of each file between two
instants, and what libical's restriction check says of each file. Arguments: from, to (ISO, UTC), files."""

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


def read(path, start, end):
    calendar = ICalGLib.Component.new_from_string(open(path, encoding="utf-8").read())
    found, restrictions = {}, ICalGLib.Component.check_restrictions(calendar)
    vevent = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while vevent:
        starts = found.setdefault(vevent.get_uid(), [])
        # called at once, for each occurrence
        vevent.foreach_recurrence(start, end, lambda _, span, *__, starts=starts: starts.append(iso(span.get_start())))
        vevent = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return {"libical": found, "errors": errors(calendar) if not restrictions else []}


start, end = moment(sys.argv[1]), moment(sys.argv[2])
print(json.dumps({path: read(path, start, end) for path in sys.argv[3:]}))
