"""What the moderators read: a source's import as a pull request's title and description (Markdown), in the site's
language, and the same as plain text for `make import`.

The pull request is the moderators' interface: what they must decide is a change in the proposal, and the report
says what each change is. First, when there are any, the files edited here whose event changed at the source:
merging writes the partner's version over the edit, and a before/after table (here → partner) shows each field
that differs. Then the counts (new, changed, cancelled, vanished and marked postponed, edited here, taken in line
with the partner again, duplicates skipped, left out, past), one line per event (its title and its date in words)
and the sentences about the calendar as a whole. A source that could not be imported says why in one sentence
(the fetch's own, which names the address; a mistyped source names the existing ones). Every text that came from a
partner's calendar or from a file is escaped for the Markdown it goes into, as the bridge escapes its pull
requests (bridge/proposals.py, of which this is a copy: `importing` imports nothing of the bridge): a `|`, a line
break, `<script>`, `](javascript:...)` or an `@mention` stays text. The sentences are the `importing` gettext
domain's (importing/translations/, `%(name)s` placeholders).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from contributions import Catalogues, markdown_text, one_line

from .model import N_, Said, Skipped
from .syncing import (
    CANCELLED,
    CHANGED,
    DUPLICATE,
    HAND_EDITED,
    KEPT,
    NEW,
    PAST,
    REALIGNED,
    REFUSED,
    VANISHED,
    Changes,
    Outcome,
)

CATALOGUES = Catalogues(Path(__file__).resolve().parent / "translations", "importing", placeholders="percent")
TITLE_LIMIT = 160
CELL_LIMIT = 300

TITLES = {
    "counts": N_("Import: %(source)s — %(counts)s"),
    "nothing": N_("Import: %(source)s — nothing to change"),
    "failed": N_("Import: %(source)s — the calendar could not be read"),
    "refused": N_("Import: %(source)s — its source file needs fixing"),
    "missing": N_("Import: %(source)s — there is no such source"),
}

# The counts, in the order the report gives them; the title names those that are not zero among the first ones
# (what the proposal changes, and the duplicates).
COUNTS = [
    ("new", N_("new: %(count)s")),
    ("changed", N_("changed: %(count)s")),
    ("cancelled", N_("cancelled: %(count)s")),
    ("vanished", N_("no longer in the calendar: %(count)s")),
    ("hand_edited", N_("edited here, the partner's version proposed: %(count)s")),
    ("realigned", N_("taken in line with the partner again: %(count)s")),
    ("duplicate", N_("duplicates not imported: %(count)s")),
    ("kept", N_("edited here, unchanged at the source, kept: %(count)s")),
    ("filtered", N_("left out by the source's filters: %(count)s")),
    ("left_out", N_("not imported, with a problem: %(count)s")),
    ("past", N_("past, not imported: %(count)s")),
]
IN_TITLE = 7

# How the import of a source failed: "fetch" (the fetch's sentence names the address: said alone), "read" (the
# bytes came but are no calendar), "source" (its file is refused by make check), "missing" (no such source
# file), "error" (an unexpected error).
FAILURES = ("fetch", "read", "source", "missing", "error")

SENTENCES = {
    "intro": N_("Events of the calendar of %(source)s (%(address)s), as it stood on %(date)s."),
    "trusted": N_("This source is trusted: its changes may be merged without review."),
    "failed": N_("The calendar of %(source)s (%(address)s) could not be read: %(problem)s"),
    "nothing lost": N_("Nothing was changed: the events already imported stay as they are."),
    "nothing": N_("Nothing to change: the agenda already says what the calendar says."),
    "counts": N_("In numbers:"),
    "calendar": N_("About the calendar as a whole:"),
    "event": N_("%(title)s — %(when)s (%(path)s)"),
    "event without file": N_("%(title)s — %(when)s"),
    "event cancelled": N_("%(title)s — %(when)s (%(path)s) (cancelled)"),
    "new": N_("New events:"),
    "changed": N_("Changed at the source, updated here:"),
    "cancelled": N_("Cancelled at the source, cancelled here:"),
    "vanished": N_("No longer in the calendar: marked postponed in the agenda, with a note saying so (never deleted):"),
    "hand_edited": N_(
        "Merging this proposal replaces what was edited here: these events were edited here after their import, "
        "and have changed at the source since; the proposal writes the partner's version. Compare the two below, "
        "then edit the proposal, merge it or close it."
    ),
    "hand_edited one": N_("%(title)s — %(when)s (%(path)s): what differs"),
    "hand_edited cancelled": N_("%(title)s — %(when)s (%(path)s), cancelled at the source: what differs"),
    "field": N_("Field"),
    "here": N_("Here (what merging replaces)"),
    "source": N_("At the partner (what the proposal writes)"),
    "realigned": N_(
        "Edited here to just what the partner's calendar says: taken in line with the partner again (only the "
        "file's hash is refreshed):"
    ),
    "kept": N_("Edited here, unchanged at the source: kept as edited here (nothing written):"),
    "duplicate": N_("Already in the agenda, not imported twice:"),
    "duplicate one": N_("%(title)s — %(when)s: the same as %(other)s"),
    "refused": N_("Not imported, make check would refuse the file:"),
    "refused one": N_("%(title)s — %(when)s: %(problem)s"),
    "skipped": N_("Left out of the calendar:"),
    "skipped one": N_("%(title)s: %(reason)s"),
    "skipped dated": N_("%(title)s — %(when)s: %(reason)s"),
    "untitled": N_("an event without a title"),
    "note": N_("%(title)s: %(note)s"),
    "notes": N_("Good to know:"),
    "past": N_("%(count)s events over (or over for more than a year) were not imported: the archive stays as it is."),
}

# A Babel (CLDR) date pattern for the 1st of a month, as the agenda has (French writes "1er"): "full" keeps the
# language's usual full date.
FIRST_OF_MONTH = N_("full")
_FILTERS = "left out by the source's filters"
FIELD_NAMES = {"text": N_("Description (text)")}


def translated(text: str, language: str) -> str:
    return CATALOGUES.translations(language).gettext(text)


def plain_text(text: str) -> str:
    """A value from outside in the plain-text report: one line, no terminal escape."""
    return one_line(text, CELL_LIMIT)


def moment_in_words(text: str, language: str) -> str:
    """'2027-01-09 10:30' as 'samedi 9 janvier 2027, 10:30' (Babel, the site's language); other text as it is."""
    found = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?\s*", str(text))
    if not found:
        return str(text)
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    try:
        date = dt.date.fromisoformat(found[1])
        pattern = translated(FIRST_OF_MONTH, language) if date.day == 1 else "full"
        day = format_date(date, pattern, locale=locale)
        if found[2] is None:
            return day
        hours, minutes = map(int, found[2].split(":"))
        return f"{day}, {format_time(dt.time(hours, minutes), 'short', locale=locale)}"
    except ValueError:
        return str(text)


@dataclass
class Report:
    title: str
    markdown: str  # the pull request's description
    text: str  # the same for a terminal (`make import`)


@dataclass
class _Line:
    """One sentence of the report: `text` is one of SENTENCES (translated when written); `values` came from
    outside (escaped when written); a value that is a `Said` is another step's sentence, written in turn."""

    text: str
    values: dict = field(default_factory=dict)


@dataclass
class _Block:
    """A paragraph (`heading` alone), a list under its heading, or a table of (field, here, at the source)."""

    heading: _Line
    items: list[_Line] = field(default_factory=list)
    header: list[str] | None = None
    rows: list[tuple[str, str, str]] = field(default_factory=list)


class _Writer:
    """A report's blocks, written twice: as Markdown (everything from outside escaped) and as plain text."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.blocks: list[_Block] = []

    def add(self, heading: str, items: list[_Line] | None = None, **values) -> None:
        self.blocks.append(_Block(_Line(heading, values), items or []))

    def line(self, line: _Line, escape) -> str:
        values = {name: self.value(value, escape) for name, value in line.values.items()}
        sentence = translated(line.text, self.language)
        try:
            return sentence % values if values else sentence
        except (KeyError, TypeError, ValueError):  # another step's sentence with a placeholder it does not fill
            return escape(line.text)

    def value(self, value, escape) -> str:
        if isinstance(value, Said):
            return self.line(_Line(value.text, value.values), escape)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return escape(str(value))

    def render(self, escape, markdown: bool) -> str:
        parts = []
        for block in self.blocks:
            heading = self.line(block.heading, escape)
            if block.header is not None:
                cells = [translated(cell, self.language) for cell in block.header]
                if markdown:
                    lines = ["| " + " | ".join(cells) + " |", "|" + " --- |" * len(cells)]
                    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
                    parts.append(heading + "\n\n" + "\n".join(lines))
                else:
                    lines = [f"  {escape(name)}: {escape(here)} → {escape(there)}" for name, here, there in block.rows]
                    parts.append(heading + "\n" + "\n".join(lines))
            elif block.items:
                parts.append(heading + "\n" + "\n".join(f"- {self.line(item, escape)}" for item in block.items))
            else:
                parts.append(heading)
        return "\n\n".join(parts) + "\n"


def write(
    source_name: str,
    address: str,
    changes: Changes | None,
    skipped: list[Skipped],
    said: list[Said],
    language: str,
    today: dt.date,
    *,
    trusted: bool = False,
    problem: Said | None = None,
    failure: str = "read",
    content: str = "content",
) -> Report:
    """The report of one source's import: `changes` None and `problem` given when the source could not be
    imported at all, `failure` saying how (one of FAILURES); `content`: the content folder's path in the
    repository (for the files' paths)."""
    writer = _Writer(language)
    filtered = [item for item in said if _FILTERS in item.text]  # calendars.read counts them in a sentence
    said = [item for item in said if item not in filtered]
    counts = _counts(changes, skipped) if changes is not None else {}
    counts["filtered"] = sum(int(item.values.get("count") or 0) for item in filtered)
    if problem is None:  # a calendar read: as it stood today
        writer.add(
            SENTENCES["intro"], source=source_name, address=address, date=moment_in_words(today.isoformat(), language)
        )
    if trusted:
        writer.add(SENTENCES["trusted"])
    if problem is not None:
        if failure == "read":
            writer.add(SENTENCES["failed"], source=source_name, address=address, problem=problem)
        else:  # its own sentence says it all (the fetch's names the address)
            writer.add("%(problem)s", problem=problem)
        writer.add(SENTENCES["nothing lost"])
    if changes is not None:
        _events(writer, changes, skipped, counts, content)
    if said:
        writer.add(SENTENCES["calendar"], [_Line("%(said)s", {"said": item}) for item in said])
    title = _title_of(source_name, counts, problem, failure, language)
    return Report(title, writer.render(markdown_text, True), writer.render(plain_text, False))


def _counts(changes: Changes, skipped: list[Skipped]) -> dict[str, int]:
    actions = (NEW, CHANGED, CANCELLED, VANISHED, HAND_EDITED, REALIGNED, KEPT, DUPLICATE, PAST)
    counts = {name: len(changes.of(name)) for name in actions}
    # A new event cancelled at first sight, a file edited here that the source cancels: cancelled too.
    counts[CANCELLED] += sum(1 for outcome in changes.of(NEW) + changes.of(HAND_EDITED) if outcome.cancelled)
    counts["left_out"] = len(skipped) + len(changes.of(REFUSED))
    return counts


def _title_of(source_name: str, counts: dict[str, int], problem: Said | None, failure: str, language: str) -> str:
    def say(text: str, **values) -> str:
        return translated(text, language) % values

    name = one_line(source_name, 80)
    if problem is not None:
        kind = {"source": "refused", "missing": "missing"}.get(failure, "failed")
        return one_line(say(TITLES[kind], source=name), TITLE_LIMIT)
    named = [say(text, count=counts[key]) for key, text in COUNTS[:IN_TITLE] if counts.get(key)]
    if not named:
        return one_line(say(TITLES["nothing"], source=name), TITLE_LIMIT)
    return one_line(say(TITLES["counts"], source=name, counts=", ".join(named)), TITLE_LIMIT)


def _events(writer: _Writer, changes: Changes, skipped: list[Skipped], counts: dict, content: str) -> None:
    """The files edited here that the proposal replaces first, then the counts, then each kind of outcome with
    one line per event."""
    language = writer.language

    def title(outcome: Outcome):
        return outcome.title if outcome.title.strip() else Said(SENTENCES["untitled"])

    def when(outcome: Outcome) -> str:
        return moment_in_words(outcome.start, language)

    def event(outcome: Outcome) -> _Line:
        if outcome.path:
            values = {"title": title(outcome), "when": when(outcome), "path": f"{content}/{outcome.path}"}
            return _Line(SENTENCES["event cancelled" if outcome.cancelled else "event"], values)
        return _Line(SENTENCES["event without file"], {"title": title(outcome), "when": when(outcome)})

    if changes.of(HAND_EDITED):
        writer.add(SENTENCES["hand_edited"])
        for outcome in changes.of(HAND_EDITED):
            values = {"title": title(outcome), "when": when(outcome), "path": f"{content}/{outcome.path}"}
            rows = [
                (translated(FIELD_NAMES[name], language) if name in FIELD_NAMES else name, here, there)
                for name, here, there in outcome.differences
            ]
            header = [SENTENCES["field"], SENTENCES["here"], SENTENCES["source"]]
            heading = SENTENCES["hand_edited cancelled" if outcome.cancelled else "hand_edited one"]
            writer.blocks.append(_Block(_Line(heading, values), header=header, rows=rows))
    writer.add(SENTENCES["counts"], [_Line(text, {"count": counts[key]}) for key, text in COUNTS])
    for action in (NEW, CHANGED, CANCELLED, VANISHED, REALIGNED, KEPT):
        if changes.of(action):
            writer.add(SENTENCES[action], [event(outcome) for outcome in changes.of(action)])
    duplicates = [
        _Line(SENTENCES["duplicate one"], {"title": title(o), "when": when(o), "other": o.other})
        for o in changes.of(DUPLICATE)
    ]
    if duplicates:
        writer.add(SENTENCES["duplicate"], duplicates)
    refused = [
        _Line(SENTENCES["refused one"], {"title": title(o), "when": when(o), "problem": problem})
        for o in changes.of(REFUSED)
        for problem in o.problems or [""]
    ]
    if refused:
        writer.add(SENTENCES["refused"], refused)
    if skipped:
        writer.add(SENTENCES["skipped"], [_skipped(item, language) for item in skipped])
    notes = [
        _Line(SENTENCES["note"], {"title": title(o), "note": note})
        for o in changes.outcomes
        if o.action in (NEW, CHANGED, CANCELLED, HAND_EDITED)
        for note in o.notes
    ]
    if notes:
        writer.add(SENTENCES["notes"], notes)
    if counts.get("past"):
        writer.add(SENTENCES["past"], count=counts["past"])


def _skipped(item: Skipped, language: str) -> _Line:
    """An event left out, with its date in words when it has one (`start`, as the files write it)."""
    name = item.title or Said(SENTENCES["untitled"])
    start = (item.start or "").strip()
    if start:
        return _Line(
            SENTENCES["skipped dated"], {"title": name, "when": moment_in_words(start, language), "reason": item.reason}
        )
    return _Line(SENTENCES["skipped one"], {"title": name, "reason": item.reason})
