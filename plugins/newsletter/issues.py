"""What each weekly issue of the newsletter holds: the week's events by day, the events announced since the
last issue, the cancellations and changes published since then, and the stories and tracks added.

An issue belongs to an ISO week (Monday to Sunday) and is dated from its Monday: "since the last issue" is
the seven days before that Monday, so an issue says the same whichever day of its week the site is built.
This week's issue lists its days from today on, like `/agenda/week/` and the printed sheet: sent on Monday
morning it is the whole week, and paper and e-mail always match. What was announced or changed comes from
the files' git history (`publishing.history`): a site built outside git has those sections empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from agenda.listing import by_day
from agenda.schedule import HORIZON, Occurrence, occurrences_between
from publishing.history import FileHistory

WEEK = dt.timedelta(days=7)
LISTED = 10  # of the stories and of the tracks added in a week: the newest
NEWS = 20  # of the events announced, and of the changes, in one issue: the soonest (a partner's whole season
# imported in one week would otherwise make an e-mail of hundreds of events)


@dataclass(frozen=True)
class Week:
    monday: dt.date

    @property
    def key(self) -> str:
        """The issue's name in addresses: ISO 8601's week, as 2026-W50."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


@dataclass
class Issue:
    week: Week
    is_current: bool
    days: list[tuple[dt.date, list[Occurrence]]]
    announced: list[Occurrence]  # the next date after the week of each event announced since the last issue
    changes: list[Occurrence]  # the dates a published cancellation or change is about
    stories: list = field(default_factory=list)
    tracks: list = field(default_factory=list)

    @property
    def date_count(self) -> int:
        """How many dates the issue lists: none, and a filter's list may skip this week (`make send-digest`)."""
        return sum(len(found) for _, found in self.days) + len(self.announced) + len(self.changes)

    @property
    def news(self) -> list[tuple[str, list[Occurrence], int]]:
        """(section, the NEWS soonest dates, how many more) for the announced events and for the changes."""
        return [
            (section, found[:NEWS], max(len(found) - NEWS, 0))
            for section, found in (("announced", self.announced), ("changes", self.changes))
            if found
        ]

    def only(self, facet: str, value: str) -> Issue:
        """The same issue for one filter's readers: its events only (stories and tracks have no facets)."""

        def kept(occurrences: list[Occurrence]) -> list[Occurrence]:
            return [o for o in occurrences if value in o.event.agenda.facets[facet]]

        days = [(day, kept(occurrences)) for day, occurrences in self.days]
        return replace(
            self,
            days=[(day, occurrences) for day, occurrences in days if occurrences],
            announced=kept(self.announced),
            changes=kept(self.changes),
            stories=[],
            tracks=[],
        )


class Issues:
    """The issues of one build, from this week's back to `count` weeks."""

    def __init__(self, agenda, site, context: dict, histories: dict, count: int):
        self.zone = ZoneInfo(site.timezone)
        self.site_zone = site.timezone
        self.agenda = agenda
        self.histories = histories
        self.places = {place.slug: place for place in context.get("places", [])}
        current = Week(site.today - dt.timedelta(days=site.today.weekday()))
        self.weeks = [Week(current.monday - WEEK * back) for back in range(count)]
        self.events = [event for event in context.get("events", []) if not event.is_translation]
        self.stories = [story for story in context.get("stories", []) if not story.is_translation]
        self.tracks = context.get("tracks", [])
        self.created = {event.slug: self._history(event).created for event in self.events}
        self._past_days = self._days_before(current.monday)

    def all(self) -> list[Issue]:
        """Newest first."""
        return [self._issue(week, index == 0) for index, week in enumerate(self.weeks)]

    def _midnight(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=self.zone)

    def _history(self, item) -> FileHistory:
        return self.histories.get(item.contribution.file, FileHistory())

    def _issue(self, week: Week, is_current: bool) -> Issue:
        since, until = self._midnight(week.monday) - WEEK, self._midnight(week.monday)
        if is_current:
            days = self.agenda.week_days
        else:
            days = [(day, found) for day, found in self._past_days if week.monday <= day <= week.sunday]
        created = self.created
        new = [event for event in self.events if created[event.slug] and since <= created[event.slug] < until]
        after_week = self._midnight(week.sunday + dt.timedelta(days=1))
        announced = [found[0] for event in new if (found := self._dates(event, after_week, after_week + HORIZON))]
        changes = [
            occurrence
            for event in self.events
            if _changed(event, self._history(event), since, until)
            for occurrence in self._changed_dates(event, until)
        ]
        stories = [story for story in self.stories if since <= (self._history(story).created or _NEVER) < until]
        tracks = [track for track in self.tracks if since.date() <= track.data.added < until.date()]
        return Issue(
            week=week,
            is_current=is_current,
            days=days,
            announced=sorted(announced, key=_soonest),
            changes=sorted(changes, key=_soonest),
            stories=sorted(stories, key=lambda s: (self._history(s).created, s.slug), reverse=True)[:LISTED],
            tracks=sorted(tracks, key=lambda t: (t.data.added, t.slug), reverse=True)[:LISTED],
        )

    def _dates(self, event, after: dt.datetime, before: dt.datetime) -> list[Occurrence]:
        return occurrences_between(event, self.site_zone, after, before, self.places)

    def _changed_dates(self, event, since: dt.datetime) -> list[Occurrence]:
        """The dates from `since` on that a cancellation or change is about: the changed dates of a series,
        else its next date (a cancelled event's own date)."""
        found = self._dates(event, since, since + HORIZON)
        changed = [occurrence for occurrence in found if occurrence.change is not None]
        return changed or found[:1]

    def _days_before(self, monday: dt.date) -> list[tuple[dt.date, list[Occurrence]]]:
        """The days of the past weeks that have issues, from the events of those weeks."""
        first, last = self._midnight(self.weeks[-1].monday), self._midnight(monday)
        found = []
        for event in self.events:
            ended = event.agenda.last_occurrence
            if _first_day(event.data.start) > monday or (ended is not None and (ended.end or ended.start) < first):
                continue
            found += self._dates(event, first, last)
        found.sort(key=_soonest)
        return [(day, occurrences) for day, occurrences in by_day(found, first.date()) if day < monday]


_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def _first_day(start: dt.date | dt.datetime) -> dt.date:
    return start.date() if isinstance(start, dt.datetime) else start


def _soonest(occurrence: Occurrence) -> tuple:
    return occurrence.start, occurrence.event.slug


def _changed(event, history: FileHistory, since: dt.datetime, until: dt.datetime) -> bool:
    """Whether the file changed in the week before an issue, to say something readers must know: a status
    other than "scheduled", or dates of a series changed (a typo fixed is no news)."""
    if history.modified is None or not since <= history.modified < until:
        return False
    if history.created is not None and history.created >= since:
        return False  # announced this week: it is in "announced", or in the week's days
    data = event.data
    return data.status != "scheduled" or bool(data.occurrences)
