"""What the moderators read: a source's import as a pull request's title and description (Markdown), in the site's
language, and the same as plain text for `make import`.

The counts first (new, changed, cancelled, vanished, edited here and kept, duplicates skipped, left out, past),
then one line per event (its title and its date in words), a before/after table for each file edited here whose
event changed at the source, and the sentences about the calendar as a whole. Every text that came from a
partner's calendar or from a file is escaped for the Markdown it goes into, as the bridge escapes its pull
requests (bridge/proposals.py, of which this is a copy: `importing` imports nothing of the bridge): a `|`, a line
break, `<script>`, `](javascript:...)` or an `@mention` stays text. The sentences are the `importing` gettext
domain's (importing/translations/, `%(name)s` placeholders).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from contributions import Catalogues

from .model import N_, Said, Skipped
from .syncing import CANCELLED, CHANGED, DUPLICATE, HAND_EDITED, NEW, PAST, REFUSED, VANISHED, Changes, Outcome

CATALOGUES = Catalogues(Path(__file__).resolve().parent / "translations", "importing", placeholders="percent")
TITLE_LIMIT = 160
CELL_LIMIT = 300

TITLES = {
    "counts": N_("Import: %(source)s — %(counts)s"),
    "nothing": N_("Import: %(source)s — nothing to change"),
    "failed": N_("Import: %(source)s — the calendar could not be read"),
}

# The counts, in the order the report gives them; the title names those that are not zero.
COUNTS = [
    ("new", N_("new: %(count)s")),
    ("changed", N_("changed: %(count)s")),
    ("cancelled", N_("cancelled: %(count)s")),
    ("vanished", N_("no longer in the calendar: %(count)s")),
    ("hand_edited", N_("edited here, kept: %(count)s")),
    ("duplicate", N_("duplicates not imported: %(count)s")),
    ("filtered", N_("left out by the source's filters: %(count)s")),
    ("left_out", N_("not imported, with a problem: %(count)s")),
    ("past", N_("past, not imported: %(count)s")),
]

SENTENCES = {
    "intro": N_("Events of the calendar of %(source)s (%(address)s), as it stood on %(date)s."),
    "trusted": N_("This source is trusted: its changes may be merged without review."),
    "failed": N_("The calendar could not be read: %(problem)s"),
    "nothing lost": N_("Nothing was changed: the events already imported stay as they are."),
    "nothing": N_("Nothing to change: the agenda already says what the calendar says."),
    "counts": N_("In numbers:"),
    "calendar": N_("About the calendar as a whole:"),
    "event": N_("%(title)s — %(when)s (%(path)s)"),
    "event without file": N_("%(title)s — %(when)s"),
    "new": N_("New events:"),
    "changed": N_("Changed at the source, updated here:"),
    "cancelled": N_("Cancelled at the source, cancelled here:"),
    "vanished": N_("No longer in the calendar, still in the agenda (never deleted):"),
    "vanished trusted": N_(
        "No longer in the calendar: marked postponed in the agenda, with a note saying so (never deleted):"
    ),
    "hand_edited": N_("Edited here since they were imported, and changed at the source: kept as they are here."),
    "hand_edited one": N_("%(title)s — %(when)s (%(path)s): what differs"),
    "field": N_("Field"),
    "here": N_("In the file here"),
    "source": N_("At the source now"),
    "duplicate": N_("Already in the agenda, not imported twice:"),
    "duplicate one": N_("%(title)s — %(when)s: the same as %(other)s"),
    "refused": N_("Not imported, make check would refuse the file:"),
    "refused one": N_("%(title)s — %(when)s: %(problem)s"),
    "skipped": N_("Left out of the calendar:"),
    "skipped one": N_("%(title)s: %(reason)s"),
    "untitled": N_("an event without a title"),
    "note": N_("%(title)s: %(note)s"),
    "notes": N_("Not carried over:"),
    "past": N_("%(count)s events over (or over for more than a year) were not imported: the archive stays as it is."),
}

_FILTERS = "left out by the source's filters"
FIELD_NAMES = {"text": N_("Description (text)")}


def translated(text: str, language: str) -> str:
    return CATALOGUES.translations(language).gettext(text)


def one_line(text: str, limit: int = CELL_LIMIT) -> str:
    """One line of printable characters (no terminal escape, no line break), cut at `limit`."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# Markdown: what could start a construct is escaped; the HTML-sensitive characters become entities.
_MARKDOWN = re.compile(r"[\\`*_\[\]|~$#<>&!]")
_ENTITIES = {"\\": "&#92;", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MENTION = re.compile(r"(?<![\w@])@(?=\w)")  # "@someone" would notify a forge's user: a word joiner after @
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")  # a list or a heading's underline


def markdown_text(text: str, limit: int = CELL_LIMIT) -> str:
    """Text from outside as Markdown that shows it as it is: one line, nothing that makes a link, a tag,
    emphasis, code, a table cell's end, a list or a mention."""
    flat = _MENTION.sub("@\u2060", one_line(text, limit))
    flat = _MARKDOWN.sub(lambda match: _ENTITIES.get(match[0], "\\" + match[0]), flat)
    return _BLOCK_START.sub(lambda match: match[0] + "\\" if match[0].isdigit() else "\\" + match[0], flat)


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
        day = format_date(dt.date.fromisoformat(found[1]), "full", locale=locale)
        if found[2] is None:
            return day
        hours, minutes = map(int, found[2].split(":"))
        return f"{day}, {format_time(dt.time(hours, minutes), 'short', locale=locale)}"
    except ValueError:
        return str(text)


@dataclass
class Report:
    title: str
    markdown: str
    text: str


class _Writer:
    """One report's blocks, rendered twice: Markdown (escaped) and plain text."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.blocks: list[tuple] = []

    def say(self, text: str, escape, **values) -> str:
        filled = {name: escape(str(value)) for name, value in values.items()}
        sentence = translated(text, self.language)
        return sentence % filled if filled else sentence

    def said(self, said: Said, escape) -> str:
        """A sentence of another step (fetching, reading): its values came from outside."""
        values = {
            name: value if isinstance(value, int | float) else escape(str(value)) for name, value in said.values.items()
        }
        sentence = translated(said.text, self.language)
        try:
            return sentence % values if values else sentence
        except (KeyError, TypeError, ValueError):
            return escape(said.text)

    def render(self, escape, markdown: bool) -> str:
        parts = []
        for block in self.blocks:
            kind = block[0]
            if kind == "p":
                parts.append(block[1](escape))
            elif kind == "list":
                parts.append(block[1](escape) + "\n" + "\n".join(f"- {line(escape)}" for line in block[2]))
            elif kind == "table":
                caption, header, rows = block[1], block[2], block[3]
                cells = [self.say(cell, escape) for cell in header]
                if markdown:
                    lines = ["| " + " | ".join(cells) + " |", "|" + " --- |" * len(cells)]
                    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
                else:
                    lines = [f"  {escape(row[0])}: {escape(row[1])} → {escape(row[2])}" for row in rows]
                parts.append(
                    caption(escape) + "\n\n" + "\n".join(lines)
                    if markdown
                    else caption(escape) + "\n" + "\n".join(lines)
                )
        return "\n\n".join(parts) + "\n"


def _title(outcome: Outcome, writer: _Writer, escape) -> str:
    return escape(outcome.title) if outcome.title.strip() else writer.say(SENTENCES["untitled"], escape)


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
    content: str = "content",
) -> Report:
    """The report of one source's import; `problem`: why the calendar could not be read at all."""
    writer = _Writer(language)
    filtered = [item for item in said if _FILTERS in item.text]  # calendars.read counts them in a sentence
    said = [item for item in said if item not in filtered]
    counts = _counts(changes, skipped) if changes is not None else {}
    counts["filtered"] = sum(int(item.values.get("count") or 0) for item in filtered)
    writer.blocks.append(
        (
            "p",
            lambda e: writer.say(
                SENTENCES["intro"],
                e,
                source=source_name,
                address=address,
                date=moment_in_words(today.isoformat(), language),
            ),
        )
    )
    if trusted:
        writer.blocks.append(("p", lambda e: writer.say(SENTENCES["trusted"], e)))
    if problem is not None:
        writer.blocks.append(
            ("p", lambda e: writer.say(SENTENCES["failed"], lambda v: v, problem=writer.said(problem, e)))
        )
        writer.blocks.append(("p", lambda e: writer.say(SENTENCES["nothing lost"], e)))
    if changes is not None:
        _events(writer, changes, skipped, counts, trusted, content)
    if said:
        writer.blocks.append(
            ("list", lambda e: writer.say(SENTENCES["calendar"], e), [_bound(writer.said, s) for s in said])
        )
    title = _title_of(source_name, counts, problem, language)
    return Report(title, writer.render(markdown_text, True), writer.render(one_line, False))


def _bound(function, value):
    return lambda escape: function(value, escape)


def _counts(changes: Changes, skipped: list[Skipped]) -> dict[str, int]:
    counts = {name: len(changes.of(name)) for name in (NEW, CHANGED, CANCELLED, VANISHED, HAND_EDITED, DUPLICATE, PAST)}
    counts["left_out"] = len(skipped) + len(changes.of(REFUSED))
    return counts


def _title_of(source_name: str, counts: dict[str, int], problem: Said | None, language: str) -> str:
    def say(text: str, **values) -> str:
        return translated(text, language) % values

    name = one_line(source_name, 80)
    if problem is not None:
        return one_line(say(TITLES["failed"], source=name), TITLE_LIMIT)
    named = [say(text, count=counts[key]) for key, text in COUNTS[:6] if counts.get(key)]
    if not named:
        return one_line(say(TITLES["nothing"], source=name), TITLE_LIMIT)
    return one_line(say(TITLES["counts"], source=name, counts=", ".join(named)), TITLE_LIMIT)


def _events(
    writer: _Writer, changes: Changes, skipped: list[Skipped], counts: dict, trusted: bool, content: str
) -> None:
    language = writer.language
    writer.blocks.append(
        (
            "list",
            lambda e: writer.say(SENTENCES["counts"], e),
            [_bound(lambda item, e: writer.say(item[1], e, count=counts[item[0]]), item) for item in COUNTS],
        )
    )

    def line(outcome: Outcome):
        def words(escape) -> str:
            when = moment_in_words(outcome.start, language)
            if outcome.path:
                return writer.say(
                    SENTENCES["event"], escape, title=outcome.title or "…", when=when, path=f"{content}/{outcome.path}"
                )
            return writer.say(SENTENCES["event without file"], escape, title=outcome.title or "…", when=when)

        return words

    for action in (NEW, CHANGED, CANCELLED):
        if changes.of(action):
            writer.blocks.append(
                ("list", lambda e, a=action: writer.say(SENTENCES[a], e), [line(o) for o in changes.of(action)])
            )
    if changes.of(VANISHED):
        heading = SENTENCES["vanished trusted" if trusted else "vanished"]
        writer.blocks.append(("list", lambda e: writer.say(heading, e), [line(o) for o in changes.of(VANISHED)]))
    edited = changes.of(HAND_EDITED)
    if edited:
        writer.blocks.append(("p", lambda e: writer.say(SENTENCES["hand_edited"], e)))
        for outcome in edited:
            rows = [
                (translated(FIELD_NAMES.get(name, ""), language) if name in FIELD_NAMES else name, before, after)
                for name, before, after in outcome.differences
            ]
            caption = _bound(
                lambda o, e: writer.say(
                    SENTENCES["hand_edited one"],
                    e,
                    title=o.title,
                    when=moment_in_words(o.start, language),
                    path=f"{content}/{o.path}",
                ),
                outcome,
            )
            writer.blocks.append(("table", caption, [SENTENCES["field"], SENTENCES["here"], SENTENCES["source"]], rows))
    duplicates = changes.of(DUPLICATE)
    if duplicates:
        writer.blocks.append(
            (
                "list",
                lambda e: writer.say(SENTENCES["duplicate"], e),
                [
                    _bound(
                        lambda o, e: writer.say(
                            SENTENCES["duplicate one"],
                            e,
                            title=o.title,
                            when=moment_in_words(o.start, language),
                            other=o.other,
                        ),
                        o,
                    )
                    for o in duplicates
                ],
            )
        )
    refused = changes.of(REFUSED)
    if refused:
        lines = []
        for outcome in refused:
            for problem in outcome.problems or [""]:
                lines.append(
                    _bound(
                        lambda pair, e: writer.say(
                            SENTENCES["refused one"],
                            lambda v: v,
                            title=e(pair[0].title),
                            when=e(moment_in_words(pair[0].start, language)),
                            problem=writer.said(pair[1], e) if isinstance(pair[1], Said) else e(pair[1]),
                        ),
                        (outcome, problem),
                    )
                )
        writer.blocks.append(("list", lambda e: writer.say(SENTENCES["refused"], e), lines))
    if skipped:
        lines = [
            _bound(
                lambda s, e: writer.say(
                    SENTENCES["skipped one"],
                    lambda v: v,
                    title=e(s.title) if s.title else writer.say(SENTENCES["untitled"], e),
                    reason=writer.said(s.reason, e),
                ),
                s,
            )
            for s in skipped
        ]
        writer.blocks.append(("list", lambda e: writer.say(SENTENCES["skipped"], e), lines))
    noted = [(o, note) for o in changes.outcomes if o.action in (NEW, CHANGED, CANCELLED) for note in o.notes]
    if noted:
        lines = [
            _bound(
                lambda pair, e: writer.say(
                    SENTENCES["note"], lambda v: v, title=e(pair[0].title), note=writer.said(pair[1], e)
                ),
                pair,
            )
            for pair in noted
        ]
        writer.blocks.append(("list", lambda e: writer.say(SENTENCES["notes"], e), lines))
    if counts.get("past"):
        writer.blocks.append(("p", lambda e: writer.say(SENTENCES["past"], e, count=counts["past"])))
