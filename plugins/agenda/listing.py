"""The agenda of one build: upcoming occurrences by day and month, the past, and the filters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from zoneinfo import ZoneInfo

from agenda.facts import AgendaFacts, FactMakers
from agenda.schedule import HORIZON, Occurrence, last_occurrence, occurrences_between

# facet -> (what an event is filed under, the vocabulary that names it)
FACETS = {
    "category": (lambda data: data.categories, "categories"),
    "place": (lambda data: [data.place.slug] if data.place is not None and data.place.slug else [], None),
    "audience": (lambda data: data.audience, "audiences"),
    "price": (lambda data: [data.price.kind] if data.price is not None else [], "price_kinds"),
    "accessibility": (lambda data: data.accessibility, "accessibility"),
}


@dataclass
class Filter:
    facet: str
    value: str
    label: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"agenda/{self.facet}/{self.value}/"


def by_day(occurrences: list[Occurrence], first_day: dt.date) -> list[tuple[dt.date, list[Occurrence]]]:
    """Each occurrence under every day it covers from `first_day` on (a festival under each of its days)."""
    days: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        for day in occurrence.days:
            if day >= first_day:
                days[day].append(occurrence)
    return sorted(days.items())


class Agenda:
    """Everything the agenda pages show, computed once per build from the events; each event gets its
    facts (`event.agenda`, see `facts`), whose parts read on demand come from `makers`."""

    def __init__(self, events: list, site, places: list, makers: FactMakers):
        self.today = site.today
        zone = ZoneInfo(site.timezone)
        midnight = dt.datetime.combine(site.today, dt.time(), tzinfo=zone)
        self.upcoming: list[Occurrence] = []
        self.past: list = []
        by_slug = {place.slug: place for place in places}  # where a date of a series moved to
        for event in events:
            last = last_occurrence(event, site.timezone)
            is_past = last is not None and (last.end or last.start) < midnight
            event.agenda = facts = AgendaFacts(
                event=event,
                last_occurrence=last,
                is_past=is_past,
                # the last date over before today: nothing ahead (most of a ten-year archive, not worked out)
                occurrences_ahead=()
                if is_past
                else tuple(occurrences_between(event, site.timezone, midnight, midnight + HORIZON, by_slug)),
                facets=MappingProxyType(
                    {facet: tuple(values_of(event.data)) for facet, (values_of, _) in FACETS.items()}
                ),
                makers=makers,
            )
            if event.is_translation:  # a translation is the same event: listed once, under its original
                continue
            self.upcoming += facts.occurrences_ahead
            if is_past:
                self.past.append(event)
        self.upcoming.sort(key=lambda occurrence: (occurrence.start, occurrence.event.slug))
        self.past.sort(key=lambda event: (event.agenda.last_occurrence.start, event.slug), reverse=True)
        self.past_months = self._past_months()
        self.days = by_day(self.upcoming, self.today)
        self.week_end = week_end = self.today + dt.timedelta(days=6 - self.today.weekday())
        month_end = (self.today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        self.today_days = [(day, items) for day, items in self.days if day == self.today]
        self.week_days = [(day, items) for day, items in self.days if day <= week_end]
        self.rest_of_week_days = [(day, items) for day, items in self.week_days if day > self.today]
        self.month_days = [(day, items) for day, items in self.days if day <= month_end]
        self.months = self._months()
        self.filters = self._filters(events, site, places)

    def filters_in(self, days: list[tuple[dt.date, list[Occurrence]]]) -> dict[str, list[Filter]]:
        """The filters that would keep something of these days: a page offers no choice that empties it."""
        present = {
            (facet, value)
            for _, occurrences in days
            for occurrence in occurrences
            for facet, values in occurrence.event.agenda.facets.items()
            for value in values
        }
        found = {facet: [f for f in filters if (facet, f.value) in present] for facet, filters in self.filters.items()}
        return {facet: filters for facet, filters in found.items() if filters}

    def _past_months(self) -> list[tuple[dt.date, list]]:
        """The past by month of its last date, latest first: an archive page stays small however old the site."""
        months: dict[dt.date, list] = defaultdict(list)
        for event in self.past:  # already latest first
            months[event.agenda.last_occurrence.day.replace(day=1)].append(event)
        return list(months.items())

    def _months(self) -> list[tuple[dt.date, list]]:
        """(first day of the month, its days) from this month to the last month with something on."""
        months: dict[dt.date, list] = defaultdict(list)
        for day, items in self.days:
            months[day.replace(day=1)].append((day, items))
        first = self.today.replace(day=1)
        months.setdefault(first, [])
        return sorted(months.items())

    def _filters(self, events: list, site, places: list) -> dict[str, list[Filter]]:
        place_names = {place.slug: place.title for place in places}
        filters: dict[str, dict[str, Filter]] = {facet: {} for facet in FACETS}
        for place in places:  # every place has its page of events and its feeds, even before its first event
            filters["place"][place.slug] = Filter("place", place.slug, place.title)
        for facet, (values_of, vocabulary) in FACETS.items():
            labels = site.vocabularies.get(vocabulary, {}) if vocabulary else {}
            for event in events:
                if event.is_translation:
                    continue
                for value in values_of(event.data):
                    label = (
                        place_names.get(value, value)
                        if facet == "place"
                        else labels.get(value, {}).get(site.language, value)
                    )
                    filters[facet].setdefault(value, Filter(facet, value, label))
        for occurrence in self.upcoming:
            for facet, (values_of, _) in FACETS.items():
                for value in values_of(occurrence.event.data):
                    filters[facet][value].occurrences.append(occurrence)
        return {facet: sorted(found.values(), key=lambda f: f.label.lower()) for facet, found in filters.items()}


def next_of_each(occurrences: list[Occurrence], limit: int) -> list[Occurrence]:
    """The next occurrence of each event (a translation is not a second event), soonest first."""
    seen, found = set(), []
    for occurrence in occurrences:
        event = occurrence.event
        if event.slug in seen or event.is_translation:
            continue
        seen.add(event.slug)
        found.append(occurrence)
        if len(found) == limit:
            break
    return found
