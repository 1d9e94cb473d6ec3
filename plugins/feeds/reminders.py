"""Reminders: the alarms of an event's reminder.ics, the calendar file "add to my calendar" offers beside its
event.ics for a reader who wants to be told the day before and an hour before. Never in a subscription
calendar (the agenda's, a filter's): a subscriber would get two alarms for every event of the agenda."""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Event

# from the start: the day before, and an hour before; a whole day starts at midnight, so its alarms are Apple
# Calendar's defaults for one, the day before at 9:00 and the day itself at 9:00, rather than a call at 23:00
TIMED = (-dt.timedelta(days=1), -dt.timedelta(hours=1))
ALL_DAY = (-dt.timedelta(hours=15), dt.timedelta(hours=9))


def alarm(summary, offset: dt.timedelta) -> Alarm:
    """A notice shown at `offset` from the start that names the event (a DISPLAY alarm must have a DESCRIPTION)."""
    component = Alarm()
    component.add("action", "DISPLAY")
    component.add("description", summary)
    component.add("trigger", offset, parameters={"RELATED": "START"})
    return component


def with_reminders(components: list[Event]) -> list[Event]:
    """Each VEVENT with its alarms, but a cancelled date of a series: its override takes the place of that
    date, alarms included, so a reader is not called to a date that will not take place."""
    for component in components:
        if component.get("status") != "CANCELLED":
            whole_day = not isinstance(component.decoded("dtstart"), dt.datetime)
            for offset in ALL_DAY if whole_day else TIMED:
                component.add_component(alarm(component["summary"], offset))
    return components
