"""Schema of an event (content/events/YYYY/<slug>.md): what, when, where, for whom, for how much."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from contributions.schemas.fields import (
    FIRST_YEAR,
    LAST_YEAR,
    Address,
    DateOrDateTime,
    Day,
    Email,
    EventDuration,
    ImageField,
    Language,
    Link,
    Matching,
    OneLine,
    OneOrMany,
    Phone,
    Schema,
    Shorthand,
    Slug,
    Term,
    Terms,
    Text,
    TextList,
    TimeZoneName,
    WebLink,
    invalid,
    site_rule,
    written_text,
)
from contributions.schemas.recurrence import first_start, moved_start, off_the_rule, rule_of, until_in_utc

UTC = ZoneInfo("UTC")
_RRULE_CHARACTERS = re.compile(r"[A-Za-z0-9=;,:+\-]+")


class PlaceRef(Schema):
    """Either a place file's slug, or a name and address written in the event itself."""

    slug: Text | None = Field(None, description="The place's file name without .yaml (content/places/<slug>.yaml).")
    name: Text | None = Field(None, description="Name of a place that has no place file.")
    address: Address | None = Field(None, description="Address of a place that has no place file.")

    @model_validator(mode="after")
    def _slug_or_name(self) -> PlaceRef:
        if not self.slug and not (self.name and self.address):
            raise invalid("place_incomplete")
        return self


def _place_shorthand(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return {"slug": value} if isinstance(value, str) else value


# Where something takes place, as events, their single dates and partner calendars' defaults write it.
PlaceField = Shorthand(PlaceRef, _place_shorthand, Slug)


def _decimal_comma(value: Any) -> Any:
    """French writes 5,50: accept it as 5.50."""
    if isinstance(value, str) and re.fullmatch(r"\d+,\d{1,2}", value.strip()):
        return value.strip().replace(",", ".")
    return value


class Amount(Schema):
    """One price: the full rate, a reduced rate, a membership rate..."""

    label: Text | None = Field(None, description="Who pays this price (e.g. 'plein tarif', 'réduit', 'adhérents').")
    amount: Annotated[Decimal, BeforeValidator(_decimal_comma), Field(ge=0, le=100_000, decimal_places=2)] = Field(
        description="The price, e.g. 8 or 5.50."
    )


class Price(Schema):
    """How much it costs: free, pay-what-you-can, 'au chapeau', or amounts."""

    kind: Term("price_kinds") = Field(description="The kind of price, from the site's list.")
    amounts: list[Amount] = Field(default_factory=list, description="Prices when the event is paid.")
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field("EUR", description="Currency code (EUR, CHF...).")
    note: Text | None = Field(None, description="Anything else about the price (e.g. 'goûter offert').")

    @model_validator(mode="after")
    def _amounts_when_paid(self) -> Price:
        if self.kind == "paid" and not self.amounts:
            raise invalid("price_amounts_missing", field="amounts")
        return self


def _price_shorthand(value: Any) -> Any:
    value = _decimal_comma(value)
    if isinstance(value, str) and re.fullmatch(r"\d+\.\d{1,2}", value):
        value = float(value)
    if isinstance(value, str):
        return {"kind": value}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"kind": "free" if value == 0 else "paid", "amounts": [] if value == 0 else [{"amount": value}]}
    return value


class Booking(Schema):
    """How to book or register."""

    url: WebLink | None = Field(None, description="Booking page (https://...).")
    email: Email | None = Field(None, description="A public booking e-mail address.")
    phone: Phone | None = Field(None, description="A public booking phone number.")
    required: bool = Field(False, description="true when people must book to come.")

    @model_validator(mode="after")
    def _one_way_to_book(self) -> Booking:
        if not (self.url or self.email or self.phone):
            raise invalid("booking_empty")
        return self


class Organizer(Schema):
    """Who organises the event."""

    name: Text = Field(description="Name of the organising association, venue or person.")
    url: Link | None = Field(None, description="Their web site or a public contact link.")


class DateChange(Schema):
    """One date of a series that changes: another time or place, cancelled, with a note, the rest of the
    series as it was. Calendars receive it as that date's override (same UID, RECURRENCE-ID)."""

    date: Day = Field(description="The date the series gives that changes (year-month-day), not one in 'except'.")
    status: Term("statuses") = Field(
        "scheduled", description="That date's status: cancelled, rescheduled, full... (scheduled by default)."
    )
    start: DateOrDateTime | None = Field(
        None, description="Its new start, same form as the event's start (2027-01-21 18:00), when it moves."
    )
    end: DateOrDateTime | None = Field(None, description="Its new end, when it changes; else it keeps its length.")
    place: PlaceField | None = Field(
        None, description="Its place when not the series' one: a place's slug, or a name and an address."
    )
    note: Text | None = Field(None, description="A short note for readers: why it is cancelled, what moved.")

    @model_validator(mode="after")
    def _changes_something(self) -> DateChange:
        if self.status == "scheduled" and self.start is None and self.end is None and not self.place and not self.note:
            raise invalid("occurrence_unchanged", found=self.date.isoformat())
        return self


class ImportedFrom(Schema):
    """Which event of which partner calendar an imported event file holds (written by `make import`)."""

    partner: Slug = Field(
        description="The partner calendar's file name without .yaml (content/sources/<partner>.yaml)."
    )
    uid: OneLine(500) = Field(description="The event's identifier (UID) in the partner's calendar, as it gives it.")
    hash: Matching(r"[0-9a-f]{16}", "source_hash_format", {"pattern": "^[0-9a-f]{16}$"}) = Field(
        description="A fingerprint of what was imported (16 characters, 0-9 and a-f): tells a change made here "
        "from a change at the partner's."
    )

    @property
    def file_tag(self) -> str:
        return imported_file_tag(self.uid)


def imported_file_tag(uid: str) -> str:
    """What ends the name of the file `make import` writes for a partner's event: 6 hex of its UID's sha256. A
    copy of that file (a contributor taking it as a model) is told apart by its name."""
    return hashlib.sha256(uid.encode("utf-8")).hexdigest()[:6]


WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "mo": 0,
    "tu": 1,
    "we": 2,
    "th": 3,
    "fr": 4,
    "sa": 5,
    "su": 6,
}


Weekday = Literal[tuple(WEEKDAYS)]


def _weekday(value: Any) -> int:
    key = written_text(value).lower()
    if key not in WEEKDAYS:
        raise invalid("weekday_unknown", found=key)
    return WEEKDAYS[key]


class Recurrence(Schema):
    """A friendly way to say 'every Wednesday until June, except during the holidays'."""

    frequency: Literal["daily", "weekly", "monthly", "yearly"] = Field(
        description="How often: daily, weekly, monthly or yearly."
    )
    interval: Annotated[int, Field(ge=1, le=52)] = Field(
        1, description="Every how many days/weeks/months (2 = every other)."
    )
    weekdays: OneOrMany(Annotated[int, BeforeValidator(_weekday, json_schema_input_type=Weekday)]) = Field(
        default_factory=list, description="On which days of the week: monday..sunday (or lundi..dimanche)."
    )
    week_of_month: Annotated[int, Field(ge=-1, le=5)] | None = Field(
        None,
        description="For a monthly event: 1 for the first of the month's weekdays, 2 for the second... "
        "-1 for the last.",
    )
    until: Day | None = Field(None, description="Last possible date (included).")
    count: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        None, description="Number of occurrences, instead of 'until'."
    )

    @model_validator(mode="after")
    def _coherent(self) -> Recurrence:
        if self.until and self.count:
            raise invalid("recurrence_until_and_count", field="count")
        if self.week_of_month and not (self.frequency == "monthly" and self.weekdays):
            raise invalid("recurrence_week_of_month", field="week_of_month")
        return self


class Event(Schema):
    """An event of the agenda: one file per event, a recurring event included."""

    title: Text = Field(description="The event's name, as it should appear in the agenda.")
    start: DateOrDateTime = Field(
        description="When it starts, in local time: 2026-12-05 20:30 — "
        "or only a date (2026-12-05) for a whole-day event."
    )
    end: DateOrDateTime | None = Field(
        None,
        description="When it ends: a time the same day (2026-12-05 23:00), or the last day of a several-day event.",
    )
    duration: EventDuration | None = Field(None, description="How long it lasts, instead of 'end': 2h, 1h30, 90 min.")
    timezone: TimeZoneName | None = Field(None, description="Time zone when not the site's (e.g. Europe/Brussels).")
    place: PlaceField | None = Field(
        None, description="Where: a place's slug (see content/places/), or a name and an address."
    )
    online: WebLink | None = Field(None, description="Link to follow online (stream, video call).")
    categories: Annotated[Terms("categories"), Field(min_length=1)] = Field(
        description="What kind of event, from the site's list (one or more)."
    )
    tags: TextList() = Field(default_factory=list, description="Free keywords.")
    audience: Terms("audiences") = Field(default_factory=list, description="For whom, from the site's list.")
    price: Shorthand(Price, _price_shorthand, Term("price_kinds") | Annotated[float, Field(ge=0)]) | None = Field(
        None, description="free, pay-what-you-can, hat (au chapeau), or kind: paid with amounts."
    )
    booking: Booking | None = Field(None, description="How to book or register.")
    accessibility: Terms("accessibility") = Field(
        default_factory=list, description="Accessibility features, from the site's list."
    )
    organizer: Shorthand(Organizer, lambda v: {"name": v} if isinstance(v, str) else v, Text) | None = Field(
        None, description="Who organises it: a name, or name and url."
    )
    performers: TextList() = Field(default_factory=list, description="Artists, speakers, hosts.")
    image: ImageField | None = Field(None, description="A picture (src) with its alternative text (alt, mandatory).")
    status: Term("statuses") = Field(
        "scheduled", description="scheduled, cancelled, postponed, rescheduled, moved-online or full."
    )
    previous_start: DateOrDateTime | None = Field(
        None, description="For a rescheduled event: the date and time first announced."
    )
    status_note: Text | None = Field(
        None, description="A short note for readers about the status: why it is cancelled, what moved."
    )
    recurrence: Recurrence | None = Field(None, description="When the event repeats (friendly form).")
    rrule: Annotated[str, Field(min_length=5, max_length=500)] | None = Field(
        None, description="When the event repeats, as an iCalendar RRULE (for experts), instead of 'recurrence'."
    )
    except_dates: OneOrMany(Day) = Field(
        default_factory=list, alias="except", description="Dates when a recurring event does not take place."
    )
    extra_dates: OneOrMany(DateOrDateTime) = Field(
        default_factory=list, alias="extra", description="Extra dates of a recurring event, outside its rule."
    )
    occurrences: list[DateChange] = Field(
        default_factory=list,
        description="Single dates of a recurring event that change (another time or place) or are cancelled.",
    )
    language: Language | None = Field(None, description="Language of this text (fr, en...), when not the site's.")
    translation_of: Slug | None = Field(None, description="Slug of the event this file translates.")
    credit: Text | None = Field(
        None, description="Your public name, to be thanked on the page (optional, never an e-mail)."
    )
    updated: DateOrDateTime | None = Field(
        None, description="When this file was last changed in a way readers should notice."
    )
    source: ImportedFrom | None = Field(
        None,
        description="Set by make import: which partner calendar this event comes from; do not edit.",
    )

    model_config = {"populate_by_name": True}

    @field_validator("rrule")
    @classmethod
    def _rrule_parses(cls, value: str | None) -> str | None:
        if value is None:
            return value
        text = value.removeprefix("RRULE:")
        if not _RRULE_CHARACTERS.fullmatch(text):  # a rule is written on one line of these, nothing else
            raise invalid("rrule_invalid", found=value)
        until = re.search(r"UNTIL=(\d{4})", text, re.I)
        if until and not FIRST_YEAR <= int(until[1]) <= LAST_YEAR:
            raise invalid("date_out_of_range", found=until[0], first=FIRST_YEAR, last=LAST_YEAR)
        if re.search(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", text, re.I):
            raise invalid("rrule_too_frequent", found=value)
        try:
            rrulestr(until_in_utc(text, UTC), dtstart=dt.datetime(2026, 1, 1, tzinfo=UTC))
        except (ValueError, TypeError, OverflowError):
            raise invalid("rrule_invalid", found=value) from None
        return text

    @field_validator("credit")
    @classmethod
    def _no_email_in_credit(cls, value: str | None) -> str | None:
        if value and "@" in value:
            raise invalid("credit_email")
        return value

    @model_validator(mode="after")
    def _coherent_dates(self, info: ValidationInfo) -> Event:
        all_day = not isinstance(self.start, dt.datetime)
        if self.end is not None and self.duration is not None:
            raise invalid("end_and_duration", field="duration")
        if self.end is not None:
            if isinstance(self.end, dt.datetime) == all_day:
                raise invalid("end_kind_mismatch", field="end")
            if self.end < self.start or (not all_day and self.end == self.start):
                raise invalid("end_before_start", field="end", start=_written(self.start), end=_written(self.end))
        if self.recurrence and self.rrule:
            raise invalid("recurrence_and_rrule", field="rrule")
        if self.recurrence and self.recurrence.until and self.recurrence.until < _day(self.start):
            raise invalid("until_before_start", field="recurrence.until", until=_written(self.recurrence.until))
        if (self.except_dates or self.extra_dates) and not (self.recurrence or self.rrule):
            raise invalid("exceptions_without_recurrence", field="except" if self.except_dates else "extra")
        if self.occurrences and not (self.recurrence or self.rrule):
            raise invalid("occurrences_without_recurrence", field="occurrences")
        if self.recurrence or self.rrule:
            self._check_series(ZoneInfo(self.timezone or site_rule(info, "timezone", "Europe/Paris")))
        if self.status == "rescheduled" and self.previous_start is None:
            raise invalid("previous_start_missing", field="previous_start")
        if self.status == "moved-online" and not self.online:
            raise invalid("online_link_missing", field="online")
        if self.place is None and self.online is None:
            raise invalid("where_missing", field="place")
        return self

    def _check_series(self, zone: ZoneInfo) -> None:
        rule = rule_of(self, zone)
        if rule.after(first_start(self, zone), inc=True) is None:
            raise invalid("rule_without_occurrence", field="rrule" if self.rrule else "recurrence")
        for index, day in enumerate(self.except_dates):
            if day in off_the_rule(self, zone, self.except_dates):
                raise invalid("except_not_occurrence", field=f"except.{index}", found=day.isoformat())
        extra = {_day(moment) for moment in self.extra_dates}
        off = set(off_the_rule(self, zone, [change.date for change in self.occurrences])) - extra
        seen: set[dt.date] = set()
        for index, change in enumerate(self.occurrences):
            self._check_change(index, change, seen, off, zone)

    def _check_change(self, index: int, change: DateChange, seen: set, off: set, zone: ZoneInfo) -> None:
        """One date's change: a date of the series, once, written like the series' own start and end."""
        where, found = f"occurrences.{index}", change.date.isoformat()
        if change.date in seen:
            raise invalid("occurrence_twice", field=f"{where}.date", found=found)
        seen.add(change.date)
        if change.date in self.except_dates:
            raise invalid("occurrence_excepted", field=f"{where}.date", found=found)
        if change.date in off:
            raise invalid("occurrence_not_in_series", field=f"{where}.date", found=found)
        for name in ("start", "end"):
            value = getattr(change, name)
            if value is not None and isinstance(value, dt.datetime) == self.all_day:
                raise invalid("occurrence_kind_mismatch", field=f"{where}.{name}", found=found)
        if change.end is not None:
            start = moved_start(change, self, zone).replace(tzinfo=None)
            start = start if isinstance(change.end, dt.datetime) else start.date()
            if change.end < start or (not self.all_day and change.end == start):
                raise invalid("end_before_start", field=f"{where}.end", start=_written(start), end=_written(change.end))

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def _written(value: dt.date | dt.datetime) -> str:
    """A date as contributors write it, for messages."""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else value.isoformat()


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


EXAMPLE = """\
---
title: Concert au chapeau — Les Cordes Sensibles
start: 2026-12-05 20:30
end: 2026-12-05 23:00
place: cafe-la-fabrique
categories: [concert]
audience: [all-ages]
price: hat
accessibility: [wheelchair]
organizer: Association La Fabrique
performers: [Les Cordes Sensibles]
image:
  src: images/cordes-sensibles.jpg
  alt: Trois musiciennes avec violon, violoncelle et guitare sur une petite scène.
credit: Nadia, du quartier
---
Un trio à cordes qui fait danser le folk d'ici et d'ailleurs. Entrée libre, participation au chapeau.
"""
