"""What the agenda works out for each event, as one declared, read-only object: `event.agenda`.

The agenda plugin attaches it to every event it lists (`listing.Agenda`); the other plugins (places, feeds)
and the templates read it and nothing else of the agenda's work. A plugin that reads it declares that it
needs the agenda (`publishing.build.needs`): an event without it is a build in the wrong order, never a
reason to fall back to defaults.

    upcoming or past   `is_past`, `last_occurrence` (None for a series without end), `occurrences_ahead`
    filters            `facets`: facet -> the values the event is filed under (`listing.FACETS`)
    event pages        `first_occurrence`, `address`, `json_ld`, `calendar_links`
    feeds              `when_text`: the next date in words, `next_occurrence`: that date

The last six are worked out when first read, by the agenda's generator (`FactMakers`): a rebuild renders
the pages of few events, but a ten-year site has 9,000 of them, and preparing all of it was a fifth of a
rebuild's time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from agenda.schedule import Occurrence


class FactMakers(Protocol):
    """What works out the parts of the facts read on demand (the agenda's generator)."""

    def first_occurrence(self, event) -> Occurrence: ...
    def address(self, event) -> str: ...
    def json_ld(self, event) -> dict: ...
    def when_text(self, event) -> str: ...
    def next_occurrence(self, event) -> Occurrence: ...
    def calendar_links(self, event) -> dict[str, str]: ...


@dataclass(frozen=True)
class AgendaFacts:
    event: object = field(repr=False)  # the event's Pelican content (publishing.content.ContributionContent)
    last_occurrence: Occurrence | None  # its last date; None for a series without end
    is_past: bool  # its last date was over before the build's today
    occurrences_ahead: tuple[Occurrence, ...]  # from today to the agenda's horizon; none for a past event
    facets: Mapping[str, tuple[str, ...]]  # facet -> values, for the filters
    makers: FactMakers = field(repr=False, compare=False)

    @cached_property
    def first_occurrence(self) -> Occurrence:
        """The date given first (a series' first date): what the event page names."""
        return self._made("first_occurrence")

    @cached_property
    def address(self) -> str:
        """The page's full address (for print, JSON-LD and calendars)."""
        return self._made("address")

    @cached_property
    def json_ld(self) -> dict:
        """The schema.org Event of the page, with its next date."""
        return self._made("json_ld")

    @cached_property
    def when_text(self) -> str:
        """The next date in words, for the feeds."""
        return self._made("when_text")

    @cached_property
    def next_occurrence(self) -> Occurrence:
        """The date a reader is told of: the next one taking place (a series' next date not cancelled)."""
        return self._made("next_occurrence")

    @cached_property
    def calendar_links(self) -> dict[str, str]:
        """'Add to my calendar' links by service; none for what is over or cancelled."""
        return self._made("calendar_links")

    def _made(self, name: str):
        try:
            return getattr(self.makers, name)(self.event)
        except AttributeError as error:  # else Jinja would take it for the fact missing, and print nothing
            raise RuntimeError(f"working out {name!r} of {self.event.contribution.path}: {error}") from error
