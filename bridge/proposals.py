"""Pull requests a moderator reads in ten seconds: the title and description of each proposal, in plain words in
the site's language ("New event: Concert au chapeau — samedi 5 décembre 2026, 20 h 30, Café La Fabrique"), and
for a change a before/after table of the fields it changes.

The intake words what it knows only while it has the site (`summary_of`: the when, the where, the places' names,
the vocabularies' labels) and keeps it in the spool record; the forges word the rest from the record alone.
Everything in a record came from a contributor or from the site's files: it is escaped for the Markdown (or
the HTML) it goes into, so that a `|`, a line break, `<script>` or `](javascript:...)` stays text.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_day_names
from babel.lists import format_list
from pydantic import ValidationError

from agenda.schedule import occurrences_between
from agenda.wording import Wording
from contributions import (
    KINDS,
    Site,
    SourceError,
    first_start,
    html_text,
    markdown_text,
    one_line,
    read_source,
    rule_of,
)

from .i18n import CATALOGUES
from .wording import LABELS

TITLE_LIMIT = 160
CELL_LIMIT = 300


def N_(text: str) -> str:
    """Marks a sentence for the catalogue; it is translated where it is shown."""
    return text


TITLES = {
    "new": N_("New contribution: %(title)s"),
    "new.event": N_("New event: %(title)s"),
    "new.track": N_("New track: %(title)s"),
    "new.story": N_("New story: %(title)s"),
    "correct": N_("Correction: %(title)s"),
    "cancel": N_("Cancellation: %(title)s (%(date)s)"),
    "cancel.whole": N_("Cancellation: %(title)s"),
    "move": N_("New date: %(title)s — %(when)s"),
    "details": N_("%(title)s — %(details)s"),
    "changed": N_("Check first, the page changed meanwhile — %(title)s"),
    "removed": N_("Check first, the page was removed meanwhile — %(title)s"),
}

SENTENCES = {
    "new": N_("A new contribution: %(what)s."),
    "new.event": N_("A new event for the agenda: %(what)s."),
    "new.track": N_("A new track for the playlist %(parent)s: %(what)s."),
    "new.story": N_("A new story for the collection %(parent)s: %(what)s."),
    "correct": N_("A correction of “%(title)s” (%(path)s)."),
    "cancel": N_("A cancellation of “%(title)s” (%(path)s), for %(date)s."),
    "move": N_("A new date for “%(title)s” (%(path)s): %(when)s."),
    "dates": N_("Dates: %(dates)s."),
    "changes": N_("What changes:"),
    "field": N_("Field"),
    "before": N_("Before"),
    "after": N_("Proposed"),
    "changed": N_("Warning: this file was changed on the site since the form was opened."),
    "changed_fields": N_("Changed on the site since the form was opened, now:"),
    "changed_elsewhere": N_("Other fields were changed there: this proposal applies its changes on top of them."),
    "removed": N_(
        "Warning: this file was removed from the site since the form was opened: this proposal puts it back, "
        "with the correction."
    ),
    "now": N_("%(field)s: %(value)s"),
    "passed": N_("make check: passed."),
    "failed": N_("make check found problems:"),
    "picture": N_("New picture %(path)s: %(width)s × %(height)s pixels."),
    "proposed": N_("Proposed through the form by %(name)s. Submission %(id)s."),
    "nobody": N_("someone who gave no public name"),
    "contact": N_("Contact (for the moderators only, never publish it): %(contact)s"),
}

WORDS = {
    "online": N_("online"),
    "and online": N_("%(place)s, and online"),
    "anonymous": N_("anonymous"),
    "yes": N_("yes"),
    "no": N_("no"),
    "every day": N_("every day"),
    "every days": N_("every %(count)s days"),
    "every weekday": N_("every %(days)s"),
    "every weeks": N_("every %(count)s weeks on %(days)s"),
    "every nth weekday": N_("every %(nth)s %(days)s of the month"),
    "every months nth weekday": N_("every %(count)s months, on the %(nth)s %(days)s"),
    "every month day": N_("every month on day %(day)s"),
    "every months day": N_("every %(count)s months on day %(day)s"),
    "every year": N_("every year on %(date)s"),
    "every years": N_("every %(count)s years on %(date)s"),
    "rule": N_("repeating by the rule %(rule)s"),
    "from until": N_("from %(first)s until %(last)s"),
    "from times": N_("from %(first)s, %(count)s times"),
    "from": N_("from %(first)s"),
    "except": N_("except %(dates)s"),
    "extra": N_("also %(dates)s"),
    "occurrence": N_("%(date)s: %(change)s"),
}

NTH = {
    1: N_("first"),
    2: N_("second"),
    3: N_("third"),
    4: N_("fourth"),
    5: N_("fifth"),
    -1: N_("last"),
}

# Top-level fields the form's labels (bridge/wording.py) do not name.
FIELDS = {
    "status": N_("Status"),
    "status_note": N_("Note about the status"),
    "previous_start": N_("Date first announced"),
    "occurrences": N_("Changes to single dates"),
    "recurrence": N_("Repetition"),
    "rrule": N_("Repetition rule"),
    "except": N_("Dates excepted"),
    "extra": N_("Dates added"),
    "tags": N_("Keywords"),
    "performers": N_("Performers"),
    "price": N_("Price"),
    "booking": N_("Booking"),
    "timezone": N_("Time zone"),
    "updated": N_("Updated"),
    "date": N_("Date"),
    "note": N_("Note"),
}

# Field name -> the vocabulary its terms come from.
VOCABULARIES = {
    "categories": "categories",
    "audience": "audiences",
    "accessibility": "accessibility",
    "kind": "price_kinds",
    "price": "price_kinds",
    "status": "statuses",
    "licence": "licences",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,20}")
_SENTENCES = re.compile(r"\n|; (?=\S+:\d+: )")  # make check's problems, one a line or "; " before "path:line:"


def say(language: str, text: str, **values) -> str:
    """One of this module's sentences in `language`, its placeholders filled."""
    translated = CATALOGUES.translations(language).gettext(text)
    return translated % values if values else translated


@functools.lru_cache(maxsize=16)
def _wording(language: str, timezone: str = "Europe/Paris") -> Wording:
    return Wording(language, timezone)


# --- What the intake words while it has the site ------------------------------------------------------------


def summary_of(kind: str, data: dict, site: Site, parent: str | None = None, before: dict | None = None) -> dict:
    """The "when" and "where" of a contribution in plain words, in the site's language, and the names of
    what its fields refer to (places, vocabularies' terms) for the description's table. `data`: the fields
    as written (the file as it will be proposed); `parent`: a track's playlist or a story's collection;
    `before`: for a change, the changed fields as they were (their places and terms are named too)."""
    language = site.language
    summary: dict = {"labels": _labels([data, before or {}], site)}
    if kind == "event":
        model = _validated(kind, data, site)
        if model is not None:
            summary.update(_when(model, site))
        elif data.get("start"):  # a file main's changes made invalid: its start as written, in words
            summary["when"] = _moment(str(data["start"]), language)
        summary["places"] = _places([data, before or {}], site)
        place = data.get("place")
        where = summary["places"].get(_slug(place)) or _inline_place(place) or _slug(place)
        if data.get("online"):
            where = say(language, WORDS["and online"], place=where) if where else say(language, WORDS["online"])
        if where:
            summary["where"] = where
    elif kind == "track":
        summary["by"] = ", ".join(str(data[name]) for name in ("artist", "year") if data.get(name))
    elif kind == "story":
        summary["by"] = str(data.get("teller") or say(language, WORDS["anonymous"]))
    if parent and kind in ("track", "story") and _SLUG.fullmatch(parent):
        folder = "playlists" if kind == "track" else "stories"
        summary["in"] = _title_of_file(site.content / folder / parent / "index.md") or parent
    return summary


def _validated(kind: str, data: dict, site: Site):
    try:
        return KINDS[kind].schema.model_validate(data, context=site.validation_context())
    except ValidationError:
        return None


def _when(event, site: Site) -> dict:
    """{"when": ...} for one date, or the repetition, its times and span, and "dates" for a series' exceptions."""
    zone = ZoneInfo(event.timezone or site.timezone)
    wording = _wording(site.language, site.timezone)
    start = first_start(event, zone)
    found = occurrences_between(SimpleNamespace(data=event), site.timezone, start, start + dt.timedelta(days=1))
    first = next((occurrence for occurrence in found if occurrence.start == start), None)
    if not (event.recurrence or event.rrule):
        return {"when": wording.when(first)} if first else {"when": wording.moment(event.start)}
    language = site.language
    rule = rule_of(event, zone)
    if event.recurrence:
        repeat = _repetition(event.recurrence, start.date(), language)
    else:
        repeat = say(language, WORDS["rule"], rule=event.rrule)
    first_day = wording.day(start.date())
    until, count = rule._until, rule._count  # noqa: SLF001 - dateutil exposes no other way to ask
    if until:
        span = say(language, WORDS["from until"], first=first_day, last=wording.day(until.astimezone(zone).date()))
    elif count:
        span = say(language, WORDS["from times"], first=first_day, count=count)
    else:
        span = say(language, WORDS["from"], first=first_day)
    hours = [] if event.all_day or first is None else [wording.hours(first, first.day)]
    summary = {"when": ", ".join([repeat, *hours, span])}
    dates = []
    if event.except_dates:
        dates.append(say(language, WORDS["except"], dates=_days(event.except_dates, language)))
    if event.extra_dates:
        dates.append(say(language, WORDS["extra"], dates=_days(event.extra_dates, language)))
    if dates:
        summary["dates"] = "; ".join(dates)
    return summary


def _repetition(recurrence, first: dt.date, language: str) -> str:
    """'every Wednesday', 'every first Saturday of the month'... from the friendly form of a repetition."""
    locale = Locale.parse(language)
    names = get_day_names("wide", locale=locale)
    days = format_list([names[day] for day in recurrence.weekdays or [first.weekday()]], locale=locale)
    count, frequency = recurrence.interval, recurrence.frequency
    if frequency == "daily":
        return say(language, WORDS["every day"]) if count == 1 else say(language, WORDS["every days"], count=count)
    if frequency == "weekly":
        if count == 1:
            return say(language, WORDS["every weekday"], days=days)
        return say(language, WORDS["every weeks"], count=count, days=days)
    if frequency == "monthly" and recurrence.week_of_month:
        nth = say(language, NTH[recurrence.week_of_month])
        if count == 1:
            return say(language, WORDS["every nth weekday"], nth=nth, days=days)
        return say(language, WORDS["every months nth weekday"], count=count, nth=nth, days=days)
    if frequency == "monthly":
        if count == 1:
            return say(language, WORDS["every month day"], day=first.day)
        return say(language, WORDS["every months day"], count=count, day=first.day)
    date = format_skeleton("MMMMd", first, locale=locale)
    if count == 1:
        return say(language, WORDS["every year"], date=date)
    return say(language, WORDS["every years"], count=count, date=date)


def _days(values, language: str) -> str:
    wording = _wording(language)
    return format_list([wording.moment(value) for value in values], locale=Locale.parse(language))


def _slug(value) -> str:
    """The place file a `place` field names (a slug, or `{slug: ...}`), '' when it names none."""
    slug = value.get("slug") if isinstance(value, dict) else value
    return slug if isinstance(slug, str) and _SLUG.fullmatch(slug) else ""


def _inline_place(value) -> str:
    if not isinstance(value, dict) or not value.get("name"):
        return ""
    address = value.get("address") if isinstance(value.get("address"), dict) else {}
    town = " ".join(str(address[part]) for part in ("postal_code", "city") if address.get(part))
    return ", ".join(str(part) for part in (value["name"], address.get("street"), town) if part)


def _places(versions: list[dict], site: Site) -> dict[str, str]:
    """{slug: name} of the site's places the event names, for itself and for single dates."""
    slugs = set()
    for data in versions:
        slugs.add(_slug(data.get("place")))
        for item in data.get("occurrences") or []:
            if isinstance(item, dict):
                slugs.add(_slug(item.get("place")))
    found = {}
    for slug in sorted(slugs - {""}):
        name = _title_of_file(site.content / "places" / f"{slug}.yaml", "name")
        if name:
            found[slug] = name
    return found


def _title_of_file(path: Path, field: str = "title") -> str:
    """A field of one of the site's files (a place's name, a collection's title), '' when it cannot be read."""
    try:
        source = read_source(path.read_bytes(), path.suffix == ".md", 1_000_000)
    except (OSError, SourceError):
        return ""
    value = source.data.get(field) if isinstance(source.data, dict) else None
    return value if isinstance(value, str) else ""


def _labels(versions: list[dict], site: Site) -> dict[str, dict[str, str]]:
    """{vocabulary: {term: label}} of the terms the fields use, as the site names them for readers."""
    found: dict[str, dict[str, str]] = {}

    def visit(name: str, value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                visit(key, item)
        elif isinstance(value, list):
            for item in value:
                visit(name, item)
        elif name in VOCABULARIES and isinstance(value, str):
            vocabulary = VOCABULARIES[name]
            label = _label(site.vocabularies.get(vocabulary, {}).get(value), site.language)
            if label:
                found.setdefault(vocabulary, {})[value] = label

    visit("", versions)
    return found


def _label(entry, language: str) -> str:
    if not isinstance(entry, dict):
        return ""
    label = entry.get(language) or entry.get("en")
    return label if isinstance(label, str) else ""


@functools.lru_cache(maxsize=1)
def _default_vocabularies() -> dict:
    """The default labels, for the terms a record's summary does not name (a value before a change)."""
    return Site(content=Path(".")).vocabularies


# --- Titles -------------------------------------------------------------------------------------------------


def _language(record: dict) -> str:
    """The site's language the record was made in; English for a record older than this module."""
    language = str(record.get("language") or "en")
    try:
        Locale.parse(language)
    except (ValueError, TypeError, UnknownLocaleError):
        return "en"
    return language


def _action(record: dict) -> str:
    return record.get("action") or "new"


def _details(record: dict) -> str:
    """The summary's words for a title: "Saturday 5 December 2026, 20:30, Café La Fabrique"."""
    summary = record.get("summary") or {}
    names = ("when", "where") if record.get("kind") == "event" else ("by", "in")
    return ", ".join(str(summary[name]) for name in names if summary.get(name))


def _change_date(record: dict) -> str:
    """The one date a change is for, in words; '' for a change of the whole event."""
    date = (record.get("change") or {}).get("date") or ""
    return _moment(date, _language(record)) if _DATE.fullmatch(date) else ""


def _new_when(record: dict) -> str:
    """For a new date: the date's new start in words, or the event's new "when"."""
    language = _language(record)
    change = record.get("change") or {}
    date = change.get("date") or ""
    for item in (change.get("after") or {}).get("occurrences") or []:
        if isinstance(item, dict) and str(item.get("date")) == date and item.get("start"):
            return _moment(str(item["start"]), language)
    return str((record.get("summary") or {}).get("when") or "")


def title_of(record: dict) -> str:
    """One line in the site's language: what is proposed, for what, when and where."""
    language = _language(record)
    action, title = _action(record), str(record.get("title") or "")
    if action == "new":
        text = say(language, TITLES.get(f"new.{record.get('kind')}", TITLES["new"]), title=title)
        details = _details(record)
        if details:
            text = say(language, TITLES["details"], title=text, details=details)
    elif action == "cancel":
        date = _change_date(record) or str((record.get("summary") or {}).get("when") or "")
        text = (
            say(language, TITLES["cancel"], title=title, date=date)
            if date
            else say(language, TITLES["cancel.whole"], title=title)
        )
    elif action == "move":
        text = say(language, TITLES["move"], title=title, when=_new_when(record))
    else:
        text = say(language, TITLES["correct"], title=title)
    if record.get("conflict") in ("changed", "removed"):
        text = say(language, TITLES[record["conflict"]], title=text)
    return one_line(text, TITLE_LIMIT)


# --- Values in words ----------------------------------------------------------------------------------------


def _moment(text: str, language: str) -> str:
    """A date or date and time as written in a file, in words; the text itself when it is not one."""
    value = text.strip()
    if not _DATE.fullmatch(value):
        return text
    try:
        moment = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
    except ValueError:
        return text
    return _wording(language).moment(moment)


class _Words:
    """A record's values in plain words: dates in words, terms by their labels, places by their names."""

    def __init__(self, record: dict) -> None:
        self.language = _language(record)
        summary = record.get("summary") or {}
        self.places = summary.get("places") or {}
        self.labels = summary.get("labels") or {}

    def say(self, text: str, **values) -> str:
        return say(self.language, text, **values)

    def term(self, vocabulary: str, value: str) -> str:
        known = self.labels.get(vocabulary, {}).get(value)
        return known or _label(_default_vocabularies().get(vocabulary, {}).get(value), self.language) or value

    def __call__(self, name: str, value) -> str:
        if value is None or value == "" or value == [] or value == {}:
            return "—"
        if isinstance(value, bool):
            return self.say(WORDS["yes" if value else "no"])
        if isinstance(value, (dt.date, dt.datetime)):
            return _wording(self.language).moment(value)
        if name == "place":
            return self.places.get(_slug(value)) or _inline_place(value) or self.flat(value, name)
        if name == "occurrences" and isinstance(value, list):
            return "; ".join(self.occurrence(item) for item in value)
        if name == "price" and isinstance(value, (str, dict)):
            return self.price(value)
        if isinstance(value, list):
            return ", ".join(self(name, item) for item in value)
        if isinstance(value, dict):
            return self.flat(value, name)
        text = str(value)
        if name in VOCABULARIES:
            return self.term(VOCABULARIES[name], text)
        return _moment(text, self.language)

    def flat(self, value: dict, within: str) -> str:
        """A block of fields (an organizer, a booking, a repetition...): its values, named."""
        parts = []
        for key, item in value.items():
            words = self(key, item)
            parts.append(words if key in ("name", "slug", "src") else f"{self.label(key, within)}: {words}")
        return ", ".join(parts)

    def price(self, value) -> str:
        value = {"kind": value} if isinstance(value, str) else value
        parts = [self.term("price_kinds", str(value.get("kind", "")))]
        wording = _wording(self.language)
        for amount in value.get("amounts") or []:
            if isinstance(amount, dict) and amount.get("amount") is not None:
                try:
                    money = wording.money(
                        Decimal(str(amount["amount"]).replace(",", ".")), value.get("currency") or "EUR"
                    )
                except (ValueError, ArithmeticError):
                    money = str(amount["amount"])
                parts.append(f"{amount['label']} {money}" if amount.get("label") else money)
        if value.get("note"):
            parts.append(str(value["note"]))
        return ", ".join(part for part in parts if part)

    def occurrence(self, item) -> str:
        """One date of a series changed: "Wednesday 13 January 2027: Cancelled, Salle fermée"."""
        if not isinstance(item, dict):
            return self("", item)
        change = [self(name, item[name]) for name in ("status", "start", "end", "place", "note") if item.get(name)]
        date = self("date", str(item.get("date", "")))
        return self.say(WORDS["occurrence"], date=date, change=", ".join(change))

    def label(self, name: str, within: str = "") -> str:
        """A field's name as the form or this module names it: "Start", "What the picture shows"."""
        keys = [f"{within}.{name}", name] if within else [name]
        labels = {**LABELS, **FIELDS}
        text = next((labels[key] for key in [*keys, f"{name}.kind", f"{name}.0.url"] if key in labels), "")
        return self.say(text) if text else name


# --- The description: blocks, written as Markdown or as one line of HTML -------------------------------------


class _Sentence:
    """One of our sentences (trusted) with values from outside (escaped when written); without a sentence,
    its one value alone."""

    def __init__(self, text: str | None, **values) -> None:
        self.text, self.values = text, values


def _blocks(record: dict) -> list[tuple]:
    """The description's content: ("p", sentence), ("list", [sentences]), ("table", header, rows)."""
    words = _Words(record)
    action, kind = _action(record), record.get("kind") or "event"
    change = record.get("change") or {}
    summary = record.get("summary") or {}
    title = str(record.get("title") or "")
    blocks: list[tuple] = []
    path = str(change.get("path") or record.get("main_file") or "")
    if action == "new":
        details = _details(record)
        what = say(words.language, TITLES["details"], title=title, details=details) if details else title
        parent = str(summary.get("in") or record.get("parent") or "")
        blocks.append(("p", _Sentence(SENTENCES.get(f"new.{kind}", SENTENCES["new"]), what=what, parent=parent)))
    elif action == "cancel":
        date = _change_date(record) or str(summary.get("when") or "")
        blocks.append(("p", _Sentence(SENTENCES["cancel"], title=title, path=path, date=date)))
    elif action == "move":
        blocks.append(("p", _Sentence(SENTENCES["move"], title=title, path=path, when=_new_when(record))))
    else:
        blocks.append(("p", _Sentence(SENTENCES["correct"], title=title, path=path)))
    if summary.get("dates"):
        blocks.append(("p", _Sentence(SENTENCES["dates"], dates=summary["dates"])))
    before, after = change.get("before") or {}, change.get("after") or {}
    names = sorted({*before, *after}, key=_reading_order(kind))
    if names:
        header = [_Sentence(SENTENCES[key]) for key in ("field", "before", "after")]
        rows = [[words.label(name), words(name, before.get(name)), words(name, after.get(name))] for name in names]
        blocks += [("p", _Sentence(SENTENCES["changes"])), ("table", header, rows)]
    blocks += _conflict(record, words)
    check = record.get("check")
    if check == "passed":
        blocks.append(("p", _Sentence(SENTENCES["passed"])))
    elif check:
        lines = [line for line in _SENTENCES.split(str(check)) if line.strip()]
        blocks += [("p", _Sentence(SENTENCES["failed"])), ("list", [_Sentence(None, line=line) for line in lines])]
    pictures = [
        _Sentence(SENTENCES["picture"], path=path, width=size[0], height=size[1])
        for path, size in (record.get("pictures") or {}).items()
        if isinstance(size, (list, tuple)) and len(size) == 2
    ]
    blocks += [("p", picture) for picture in pictures]  # paragraphs: a list after the check's would join it
    blocks.append(("p", _Sentence(SENTENCES["proposed"], name=contributor(record), id=str(record.get("id", "")))))
    if record.get("contact"):
        blocks.append(("p", _Sentence(SENTENCES["contact"], contact=str(record["contact"]))))
    return blocks


def _reading_order(kind: str):
    """The order of the kind's schema (what, when, where, for whom...): the spool keeps a record's fields
    sorted by name. Fields the schema does not name (the text) come last."""
    schema = KINDS[kind].schema if kind in KINDS else None
    order = [field.alias or name for name, field in schema.model_fields.items()] if schema else []
    return lambda name: (order.index(name) if name in order else len(order), name)


def _conflict(record: dict, words: _Words) -> list[tuple]:
    """Main moved since the form was opened: what is there now, so that nothing is lost by merging."""
    conflict = record.get("conflict")
    if conflict == "removed":
        return [("p", _Sentence(SENTENCES["removed"]))]
    if conflict != "changed":
        return []
    now = record.get("conflicts") or {}
    if not now:
        return [("p", _Sentence(SENTENCES["changed"])), ("p", _Sentence(SENTENCES["changed_elsewhere"]))]
    items = [
        _Sentence(SENTENCES["now"], field=words.label(name), value=words(name, value)) for name, value in now.items()
    ]
    return [("p", _Sentence(SENTENCES["changed"])), ("p", _Sentence(SENTENCES["changed_fields"])), ("list", items)]


def contributor(record: dict) -> str:
    """The contributor's public name, as the commit message and the request's description give it."""
    return one_line(record.get("credit") or "") or say(_language(record), SENTENCES["nobody"])


def _written(sentence: _Sentence, language: str, escape) -> str:
    values = {name: escape(str(value)) for name, value in sentence.values.items()}
    if sentence.text is None:
        return "".join(values.values())
    translated = CATALOGUES.translations(language).gettext(sentence.text)
    if escape is html_text:
        translated = html.escape(translated, quote=False)
    return translated % values if values else translated


def description_of(record: dict) -> str:
    """Markdown for the pull request: what it is, the changes as a table, the check, the pictures, who."""
    language = _language(record)
    parts = []
    for block in _blocks(record):
        if block[0] == "p":
            parts.append(_written(block[1], language, markdown_text))
        elif block[0] == "list":
            parts.append("\n".join(f"- {_written(item, language, markdown_text)}" for item in block[1]))
        else:
            header = [_written(cell, language, markdown_text) for cell in block[1]]
            lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
            lines += ["| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in block[2]]
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def description_in_one_line(record: dict) -> str:
    """The same description as one line of HTML, for a forge whose only channel is a push option (which
    cannot hold a line break): Forgejo's AGit flow. Forges render HTML blocks of their Markdown, sanitized."""
    language = _language(record)
    parts = []
    for block in _blocks(record):
        if block[0] == "p":
            parts.append(f"<p>{_written(block[1], language, html_text)}</p>")
        elif block[0] == "list":
            parts.append(
                "<ul>" + "".join(f"<li>{_written(item, language, html_text)}</li>" for item in block[1]) + "</ul>"
            )
        else:
            header = "".join(f"<th>{_written(cell, language, html_text)}</th>" for cell in block[1])
            rows = "".join(
                "<tr>" + "".join(f"<td>{html_text(cell)}</td>" for cell in row) + "</tr>" for row in block[2]
            )
            parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>")
    return "".join(parts)
