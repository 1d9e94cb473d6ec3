"""Dates, times and prices in words, in the site's language: "samedi 5 décembre 2026, 20 h 30 – 23 h"."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency

# Time patterns per language (Babel/CLDR syntax), with and without minutes.
TIME_PATTERNS = {"fr": ("H' h 'mm", "H' h'"), "en": ("h:mm a", "h a")}
RANGES = {
    "fr": {
        "days": "du {first} au {last}",
        "times": "{first} – {last}",
        "day_time": "{day}, {time}",
        "all_day": "toute la journée",
        "until": "jusqu'au {last}",
    },
    "en": {
        "days": "{first} to {last}",
        "times": "{first} – {last}",
        "day_time": "{day}, {time}",
        "all_day": "all day",
        "until": "until {last}",
    },
}


class Wording:
    """Formats for one language (English patterns when the language has none of its own).

    Days and hours are worded once each: a ten-year agenda says the same 3,000 days and few dozen hours
    25,000 times, and Babel takes 30 µs a date."""

    def __init__(self, language: str, timezone: str = "Europe/Paris"):
        self.language = language if language in TIME_PATTERNS else "en"
        self.locale = Locale.parse(language)
        self.timezone = timezone
        self.days: dict[dt.date, str] = {}
        self.hours_minutes: dict[tuple[int, int], str] = {}

    def day(self, value: dt.date) -> str:
        if value not in self.days:
            text = format_date(value, "full", locale=self.locale)
            if self.language == "fr" and value.day == 1:  # "1er décembre", as French writes it
                text = text.replace(" 1 ", " 1er ", 1)
            self.days[value] = text
        return self.days[value]

    def month(self, value: dt.date) -> str:
        return format_date(value, "LLLL y", locale=self.locale)

    def time(self, value: dt.datetime | dt.time) -> str:
        key = (value.hour, value.minute)  # the patterns show nothing else of a time
        if key not in self.hours_minutes:
            with_minutes, without = TIME_PATTERNS[self.language]
            text = format_time(value, with_minutes if value.minute else without, locale=self.locale)
            self.hours_minutes[key] = text.replace(" ", "\u00a0")  # "20 h 30" never broken across two lines
        return self.hours_minutes[key]

    def when(self, occurrence) -> str:
        """The whole span of an occurrence in words."""
        words = RANGES[self.language]
        if occurrence.all_day:
            if occurrence.last_day != occurrence.day:
                return words["days"].format(first=self.day(occurrence.day), last=self.day(occurrence.last_day))
            return self.day(occurrence.day)
        start = words["day_time"].format(day=self.day(occurrence.day), time=self.time(occurrence.start))
        zone = getattr(occurrence.start.tzinfo, "key", self.timezone)
        elsewhere = f" ({zone})" if zone != self.timezone else ""  # another clock than the site's, said so
        if occurrence.end is None:
            return start + elsewhere
        if occurrence.end.date() == occurrence.day:
            return words["times"].format(first=start, last=self.time(occurrence.end)) + elsewhere
        last = words["day_time"].format(day=self.day(occurrence.end.date()), time=self.time(occurrence.end))
        return words["times"].format(first=start, last=last) + elsewhere

    def hours(self, occurrence, day: dt.date) -> str:
        """The span of an occurrence listed under the heading of `day`: its date would be said twice."""
        words = RANGES[self.language]
        if occurrence.all_day:
            last = occurrence.last_day
            return words["until"].format(last=self.day(last)) if last > day else words["all_day"]
        zone = getattr(occurrence.start.tzinfo, "key", self.timezone)
        if occurrence.day != day or zone != self.timezone:  # a festival's later day, another clock: in full
            return self.when(occurrence)
        start = self.time(occurrence.start)
        if occurrence.end is None:
            return start
        if occurrence.end.date() == occurrence.day:
            return words["times"].format(first=start, last=self.time(occurrence.end))
        last = words["day_time"].format(day=self.day(occurrence.end.date()), time=self.time(occurrence.end))
        return words["times"].format(first=start, last=last)

    def moment(self, value: dt.date | dt.datetime) -> str:
        """A single date, or date and time, in words (a rescheduled event's former date)."""
        if isinstance(value, dt.datetime):
            return RANGES[self.language]["day_time"].format(day=self.day(value.date()), time=self.time(value))
        return self.day(value)

    def money(self, amount, currency: str) -> str:
        return format_currency(amount, currency, locale=self.locale)
