"""What the steps of an import hand to each other: an event read from a source, an event left out and why, and
a sentence for the report that is translated only when the report is written (in the site's language)."""

from __future__ import annotations

from dataclasses import dataclass, field


def N_(text: str) -> str:
    """Marks a sentence for `make catalogues`; it is translated when the report is written."""
    return text


@dataclass(frozen=True)
class Said:
    """A sentence for the report: `text` is English with %(name)s placeholders, `values` fill them."""

    text: str
    values: dict = field(default_factory=dict)


@dataclass
class Imported:
    """One event of a source as the fields of an event file: `fields` are YAML-ready (dates as 'YYYY-MM-DD HH:MM'
    strings in the event's own time zone, lists, dicts) and never hold `source`, which the sync adds; `text` is
    the Markdown description."""

    uid: str
    fields: dict
    text: str = ""
    source_categories: list[str] = field(default_factory=list)  # the source's own words, for the source's filters
    coordinates: tuple[float, float] | None = None  # (latitude, longitude) when the source gives them
    notes: list[Said] = field(default_factory=list)  # what could not be carried over, for the report


@dataclass
class Skipped:
    """An event of a source that is not imported, and why, in one plain sentence."""

    uid: str | None
    title: str | None
    reason: Said
    start: str | None = None  # as the partner wrote it ('YYYY-MM-DD HH:MM' or 'YYYY-MM-DD'), when it can be read
