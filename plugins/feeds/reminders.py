"""Reminders: the alarms of an event's reminder.ics, the calendar file "add to my calendar" offers beside its
event.ics for a reader who wants to be told the day before and an hour before. Never in a subscription
calendar (the agenda's, a filter's): a subscriber would get two alarms for every event of the agenda."""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Event

BEFORE = (dt.timedelta(days=1), dt.timedelta(hours=1))  # the day before, and an hour before


def alarm(summary, before: dt.timedelta) -> Alarm:
    """A notice shown `before` the start that names the event (a DISPLAY alarm must have a DESCRIPTION)."""
    component = Alarm()
    component.add("action", "DISPLAY")
    component.add("description", summary)
    component.add("trigger", -before, parameters={"RELATED": "START"})
    return component


def with_reminders(components: list[Event]) -> list[Event]:
    """Each VEVENT with its alarms, but a cancelled date of a series: its override takes the place of that
    date, alarms included, so a reader is not called to a date that will not take place."""
    for component in components:
        if component.get("status") != "CANCELLED":
            for before in BEFORE:
                component.add_component(alarm(component["summary"], before))
    return components
