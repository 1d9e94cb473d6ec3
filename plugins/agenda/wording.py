"""Dates, times and prices in words, in the site's language: "samedi 5 décembre 2026, 20 h 30 – 23 h"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.catalog import Catalog
from babel.numbers import format_currency

from contributions import DEFAULT_TIMEZONE, Catalogues, translation_source

CATALOGUES = Catalogues(Path(__file__).resolve().parent / "translations", "agenda")

# Written in English, translated in the `agenda` catalogues (the key as msgctxt). The patterns are Babel's
# (CLDR syntax); "full" keeps the language's own full date.
TEXTS = {
    "time with minutes": "h:mm a",
    "time on the hour": "h a",
    "date on the first of a month": "full",
    "from day to day": "{first} to {last}",
    "from time to time": "{first} – {last}",
    "day and time": "{day}, {time}",
    "all day": "all day",
    "until a day": "until {last}",
}

NOTES = {
    "time with minutes": "A Babel (CLDR) time pattern: H hour 0-23, h hour 1-12, mm minutes, a AM/PM, 'quoted' text.",
    "time on the hour": "A Babel (CLDR) time pattern, for a time with no minutes.",
    "date on the first of a month": "A Babel (CLDR) date pattern used on the 1st of a month only (French writes "
    "'1er'): 'full' keeps the language's usual full date.",
}


def to_translate() -> Catalog:
    """The `agenda` domain's texts, each under its key."""
    return translation_source(TEXTS.items(), NOTES)


class Wording:
    """Formats for one language (English patterns when the language has no catalogue).

    Days and hours are worded once each: a ten-year agenda says the same 3,000 days and few dozen hours
    25,000 times, and Babel takes 30 µs a date."""

    def __init__(self, language: str, timezone: str = DEFAULT_TIMEZONE):
        self.language = language
        self.locale = Locale.parse(language)
        translations = CATALOGUES.translations(language)
        self.words = {key: translations.pgettext(key, text) for key, text in TEXTS.items()}
        self.timezone = timezone
        self.days: dict[dt.date, str] = {}
        self.hours_minutes: dict[tuple[int, int], str] = {}

    def day(self, value: dt.date) -> str:
        if value not in self.days:
            pattern = self.words["date on the first of a month"] if value.day == 1 else "full"  # "1er décembre"
            self.days[value] = format_date(value, pattern, locale=self.locale)
        return self.days[value]

    def month(self, value: dt.date) -> str:
        return format_date(value, "LLLL y", locale=self.locale)

    def time(self, value: dt.datetime | dt.time) -> str:
        key = (value.hour, value.minute)  # the patterns show nothing else of a time
        if key not in self.hours_minutes:
            pattern = self.words["time with minutes" if value.minute else "time on the hour"]
            text = format_time(value, pattern, locale=self.locale)
            self.hours_minutes[key] = text.replace(" ", "\u00a0")  # "20 h 30" never broken across two lines
        return self.hours_minutes[key]

    def when(self, occurrence) -> str:
        """The whole span of an occurrence in words."""
        words = self.words
        if occurrence.all_day:
            if occurrence.last_day != occurrence.day:
                first, last = self.day(occurrence.day), self.day(occurrence.last_day)
                return words["from day to day"].format(first=first, last=last)
            return self.day(occurrence.day)
        start = words["day and time"].format(day=self.day(occurrence.day), time=self.time(occurrence.start))
        zone = getattr(occurrence.start.tzinfo, "key", self.timezone)
        elsewhere = f" ({zone})" if zone != self.timezone else ""  # another clock than the site's, said so
        if occurrence.end is None:
            return start + elsewhere
        if occurrence.end.date() == occurrence.day:
            return words["from time to time"].format(first=start, last=self.time(occurrence.end)) + elsewhere
        last = words["day and time"].format(day=self.day(occurrence.end.date()), time=self.time(occurrence.end))
        return words["from time to time"].format(first=start, last=last) + elsewhere

    def hours(self, occurrence, day: dt.date) -> str:
        """The span of an occurrence listed under the heading of `day`: its date would be said twice."""
        words = self.words
        if occurrence.all_day:
            last = occurrence.last_day
            return words["until a day"].format(last=self.day(last)) if last > day else words["all day"]
        zone = getattr(occurrence.start.tzinfo, "key", self.timezone)
        if occurrence.day != day or zone != self.timezone:  # a festival's later day, another clock: in full
            return self.when(occurrence)
        start = self.time(occurrence.start)
        if occurrence.end is None:
            return start
        if occurrence.end.date() == occurrence.day:
            return words["from time to time"].format(first=start, last=self.time(occurrence.end))
        last = words["day and time"].format(day=self.day(occurrence.end.date()), time=self.time(occurrence.end))
        return words["from time to time"].format(first=start, last=last)

    def moment(self, value: dt.date | dt.datetime) -> str:
        """A single date, or date and time, in words (a rescheduled event's former date)."""
        if isinstance(value, dt.datetime):
            return self.words["day and time"].format(day=self.day(value.date()), time=self.time(value))
        return self.day(value)

    def money(self, amount, currency: str) -> str:
        return format_currency(amount, currency, locale=self.locale)
