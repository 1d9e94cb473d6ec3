"""Sync, not copy: given a source's events as read from its calendar and the files already in content/events/,
what to write, change or only report — one event file per source event, found again by its `source:` block
(partner and UID) whatever its name, and never a file the site's people made their own.

For each source event:
- its file's bytes are made as a person would write them: the front matter in the schema's order (as the
  sample files are), `source:` last (partner, UID and the hash of what was imported), then the Markdown text.
  They are validated as `make check` reads them (`validate_file` on the bytes) before anything is written: a
  file `make check` would refuse is not written, and the report gives `make check`'s own sentence;
- nothing changed at the source → the file is left as it is, byte for byte (not even written again);
- changed at the source → the file is rewritten (a new date makes the feeds' SEQUENCE grow by itself: it counts
  the date's changes in git history); cancelled there → `status: cancelled` here, through the same rewrite;
- a file edited here since its import (its fields and text no longer hash to `source.hash`): while the source
  stays the same, the edit stands (nothing written, one line in the report). When the source changed too, the
  proposal writes the source's version (with its new hash) and the report says first that merging it replaces
  what was edited here, with the file's value and the source's, field by field: the pull request shows both, and
  a moderator decides (edits the proposal, merges it or closes it). A file whose fields and text already are the
  source's (someone copied its values by hand) only gets its hash refreshed: taken in line with the partner again;
- an upcoming event that vanished from the source is never deleted: whatever the source's trust, the proposal
  marks it `status: postponed` with a note saying it is no longer in the partner's calendar (trusted only means
  the proposal may be merged without review): the agenda keeps it, but nobody reading it is told to come on the
  strength of a date its organiser withdrew (`postponed` claims no cancellation, and calendars show it
  TENTATIVE). A file edited here keeps its edits (and stays "edited here"); an event already cancelled here is
  left as it is. If it comes back at the source, the next import proposes it as the source says. A past event
  that vanished is nothing to say;
- an event already over when first seen, or an imported event that ended more than a year ago, is not imported:
  the agenda's archive stays as people wrote it (the report counts them);
- a new event that is the same as one already in the agenda (entered by hand or from another source:
  `duplicates.py`) is not written; the report names the other file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

import yaml

from contributions import (
    KINDS,
    Site,
    SourceError,
    occurrences,
    read_as_text,
    read_source,
    slug_of,
    validate_file,
    write_atomically,
)

from .duplicates import Known, duplicate_of, known_event, site_places
from .model import N_, Imported, Said, Skipped

EVENT = KINDS["event"]
NAME_LIMIT = 40  # characters of the title's slug in a file name
ARCHIVE = dt.timedelta(days=365)  # an imported event over for longer is the archive's, as people wrote it
FAR = dt.timedelta(days=3660)  # how far ahead a series is looked at to know whether it is still to come
VANISHED_STATUS = "postponed"
VANISHED_NOTE = N_("No longer in the calendar of %(partner)s: check with them before going.")

# What happens to one source event, in the order the report lists them.
NEW, CHANGED, CANCELLED, VANISHED, HAND_EDITED, REALIGNED, KEPT, DUPLICATE, REFUSED, PAST, UNCHANGED = (
    "new",
    "changed",
    "cancelled",
    "vanished",
    "hand_edited",  # edited here and changed at the source: the proposal writes the source's version
    "realigned",  # edited here to what the source says: only its hash is refreshed
    "kept",  # edited here, unchanged at the source: the edit stands, nothing written
    "duplicate",
    "refused",
    "past",
    "unchanged",
)


@dataclass
class Outcome:
    """One source event's fate: `path` is relative to content/ (events/2027/<name>.md), `raw` the bytes to
    write (None: nothing to write)."""

    action: str
    uid: str
    title: str
    start: str  # as the file writes it: 2027-01-09 10:30, or 2027-01-09
    path: str | None = None
    raw: bytes | None = None
    other: str | None = None  # a duplicate: the file of the event it is the same as (repository-relative)
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (field, the file's, the source's)
    problems: list[str | Said] = field(default_factory=list)  # make check's sentences (in the site's language)
    notes: list[Said] = field(default_factory=list)  # what the calendar's reading could not carry over
    cancelled: bool = False  # a new or hand-edited event that the source gives as cancelled


@dataclass
class Changes:
    """What a source's import changes in content/events/, and what it only reports."""

    content: Path
    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, action: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.action == action]

    @property
    def files(self) -> dict[str, bytes]:
        """content-relative path -> bytes, for every file to write."""
        return {outcome.path: outcome.raw for outcome in self.outcomes if outcome.raw is not None and outcome.path}

    def write(self) -> list[str]:
        """Write the new and changed files (each atomically); their paths relative to content/."""
        for relative, raw in self.files.items():
            write_atomically(self.content / relative, raw)
        return list(self.files)


# --- The file's bytes -----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """YAML as the sample files write it: text stays text for the contributions' YAML 1.2 reader (`true`,
    `0o17` or a number-like hash are quoted), several lines become a literal block, short lists of words
    stay on one line (`categories: [reading]`), blocks are indented."""


def _text(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if read_as_text(value) else "'")


def _list(dumper: yaml.SafeDumper, value: list):
    flat = all(isinstance(item, str | int | float) and "\n" not in str(item) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat and len(str(value)) < 80)


def _mapping(dumper: yaml.SafeDumper, value: dict):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


# PyYAML quotes what its own YAML 1.1 rules would read as a date (2027-01-09); the contributions' YAML 1.2 reads
# it as text, as people write it: no quotes.
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _mapping)

FIELD_ORDER = [info.alias or name for name, info in EVENT.schema.model_fields.items()]


def in_schema_order(fields: dict) -> dict:
    """The fields in the order the schema lists them (that of the sample files), `source` last, anything
    unknown (which `make check` will name) after the known ones."""
    rank = {name: index for index, name in enumerate(FIELD_ORDER) if name != "source"}
    ordered = sorted((name for name in fields if name != "source"), key=lambda name: rank.get(name, len(rank)))
    result = {name: fields[name] for name in ordered}
    if "source" in fields:
        result["source"] = fields["source"]
    return result


def render(fields: dict, text: str) -> bytes:
    front = yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)
    body = text.strip()
    return (f"---\n{front}---\n{body}\n" if body else f"---\n{front}---\n").encode("utf-8")


def content_hash(fields: dict, text: str) -> str:
    """16 hex: sha256 of the fields (without `source`) and the text, as canonical JSON."""
    data = {name: value for name, value in fields.items() if name != "source"}
    canonical = json.dumps([data, text.strip()], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def file_name(partner: str, title: str, uid: str) -> str:
    """`<partner>-<slug of the title, at most 40 characters>-<6 hex of the UID's sha256>.md`: stable for the
    event's life (the file never moves), unique per UID, nothing of the calendar's text but a slug."""
    words = slug_of(title or "")[:NAME_LIMIT].strip("-") or "event"
    return f"{partner}-{words}-{hashlib.sha256(uid.encode('utf-8')).hexdigest()[:6]}.md"


@dataclass
class _File:
    """An event file already in content/events/: its path relative to content/, bytes, fields and text."""

    relative: str
    raw: bytes
    data: dict
    body: str

    @property
    def source(self) -> dict:
        block = self.data.get("source")
        return block if isinstance(block, dict) else {}

    @property
    def edited_here(self) -> bool:
        """Its fields and text no longer hash to what was imported: someone edited it since."""
        return content_hash(self.data, self.body) != str(self.source.get("hash"))


def _event_files(content: Path, site: Site) -> list[_File]:
    """Every readable event file under content/events/ (links and hidden files left out, as the build does)."""
    found = []
    folder = content / "events"
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        relative = path.relative_to(content)
        if path.is_symlink() or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            raw = path.read_bytes()
            source = read_source(raw, True, site.max_file_bytes)
        except (OSError, SourceError):
            continue
        found.append(_File(relative.as_posix(), raw, source.data, source.body))
    return found


# --- The sync -------------------------------------------------------------------------------------------


def sync(
    source_slug: str,
    source,
    imported: list[Imported],
    content: Path,
    today: dt.date,
    *,
    site: Site | None = None,
    skipped: Iterable[Skipped] = (),
    present: Iterable[str] = (),
) -> Changes:
    """What importing `imported` (the events read from the source `source_slug`) changes in `content`; nothing
    is written until `Changes.write()`. `site`: the site's rules (vocabularies, language, zone), by default
    the defaults'; `skipped` and `present` (UIDs): the source's events left out this time (a problem, its
    filters), which are still in its calendar, so not vanished."""
    site = site or Site(content=content, today=today)
    zone = ZoneInfo(site.timezone)
    files = _event_files(content, site)
    mine = {str(file.source.get("uid")): file for file in files if file.source.get("partner") == source_slug}
    places = site_places(content, site)
    others = [
        known
        for file in files
        if file.source.get("partner") != source_slug
        and (known := known_event(file.relative, file.data, places, zone, None, _dates(file, site))) is not None
    ]
    changes = Changes(content)
    seen: set[str] = set()
    mark = _vanished_note(source_slug, source, site)  # what a vanished event's note says
    for item in imported:
        if item.uid in seen:  # calendars.read gives one event per UID; never two files for one
            continue
        seen.add(item.uid)
        changes.outcomes.append(_one(source_slug, item, mine.get(item.uid), others, places, site, today, mark))
    still_there = seen | {item.uid for item in skipped if item.uid} | set(present)
    for uid, file in sorted(mine.items()):
        if uid not in still_there:
            outcome = _vanished(source_slug, source, file, site, today)
            if outcome is not None:
                changes.outcomes.append(outcome)
    return changes


def _one(
    partner: str,
    item: Imported,
    file: _File | None,
    others: list[Known],
    places: dict,
    site: Site,
    today: dt.date,
    mark: str = "",
) -> Outcome:
    fields = in_schema_order({name: value for name, value in item.fields.items() if name != "source"})
    title, start = str(fields.get("title", "")), str(fields.get("start", ""))
    outcome = Outcome(NEW, item.uid, title, start, notes=list(item.notes))
    if file is not None:
        outcome.path = file.relative
    else:
        year = re.match(r"\s*(\d{4})-", start)
        outcome.path = f"events/{year[1] if year else today.year}/{file_name(partner, title, item.uid)}"
    made = _made(partner, item.uid, fields, item.text, outcome.path, site)
    if isinstance(made, list):
        outcome.action, outcome.problems = REFUSED, made
        return outcome
    raw, event, data, body = made
    zone = ZoneInfo(event.timezone or site.timezone)
    if file is None:
        if not _takes_place_after(event, zone, today):
            outcome.action = PAST
            return outcome
        candidate = known_event(outcome.path, data, places, ZoneInfo(site.timezone), item.coordinates)
        twin = duplicate_of(candidate, others) if candidate is not None else None
        if twin is not None:
            outcome.action, outcome.other = DUPLICATE, f"{site.content.name}/{twin.path}"
            return outcome
        outcome.raw, outcome.cancelled = raw, data.get("status") == "cancelled"  # cancelled at first sight
        return outcome
    current = _validated(file.raw, file.relative, site)
    if current is not None and not _takes_place_after(current, zone, today - ARCHIVE):
        outcome.action = PAST  # the archive's: left as it is
        return outcome
    stored = str(file.source.get("hash"))
    new_hash = data["source"]["hash"]
    cancelled = data.get("status") == "cancelled" and file.data.get("status") != "cancelled"
    if not file.edited_here:
        if raw == file.raw or new_hash == stored:
            outcome.action = UNCHANGED
            return outcome
        outcome.action = CANCELLED if cancelled else CHANGED
        outcome.raw = raw
        return outcome
    if content_hash(file.data, file.body) == new_hash:  # edited here to just what the source says
        outcome.action = REALIGNED
        outcome.raw = _with_hash(file, new_hash) or raw
        return outcome
    # Marked postponed when it had vanished (its edits kept): back at the source, it is a change there too.
    back = file.data.get("status") == VANISHED_STATUS and file.data.get("status_note") == mark
    if new_hash == stored and not back:
        outcome.action = KEPT  # the edit made here stands
        return outcome
    outcome.action, outcome.raw, outcome.cancelled = HAND_EDITED, raw, cancelled
    outcome.differences = differences(file.data, file.body, data, body)
    return outcome


def _with_hash(file: _File, new_hash: str) -> bytes | None:
    """The file's own bytes with only its `source.hash` changed (None when that line cannot be found alone)."""
    text = file.raw.decode("utf-8")
    value = new_hash if read_as_text(new_hash) else f"'{new_hash}'"
    line = re.compile(r"^(  hash: *)(['\"]?)" + re.escape(str(file.source.get("hash"))) + r"\2 *$", re.MULTILINE)
    if len(line.findall(text)) != 1:
        return None
    raw = line.sub(lambda found: found[1] + value, text).encode("utf-8")
    try:
        read = read_source(raw, True, max(len(raw), 1))
    except SourceError:
        return None
    expected = {**file.data, "source": {**file.source, "hash": new_hash}}
    return raw if read.data == expected and read.body == file.body else None


def _made(partner: str, uid: str, fields: dict, text: str, relative: str, site: Site, hash_value: str | None = None):
    """The file's bytes with its `source:` block, the event as `make check` reads it, its fields and text as
    read back; or `make check`'s sentences when it would refuse the file."""
    bare = render(fields, text)
    try:
        read = read_source(bare, True, max(site.max_file_bytes, len(bare)))
    except SourceError:
        read = None
    if read is None or read.data != fields:  # what would be read back is not what the calendar said
        return [Said(N_("Its fields cannot be written in a file that reads back the same."))]
    hashed = hash_value or content_hash(read.data, read.body)
    fields = {**read.data, "source": {"partner": partner, "uid": uid, "hash": hashed}}
    raw = render(fields, read.body)
    shown = f"{site.content.name}/{relative}"
    event, problems = validate_file(site.content / relative, shown, PurePosixPath(relative), EVENT, site, raw=raw)
    if event is None:
        return [f"{problem.field}: {problem.message}" if problem.field else problem.message for problem in problems]
    return raw, event.data, fields, read.body


def _validated(raw: bytes, relative: str, site: Site):
    event, _problems = validate_file(site.content / relative, relative, PurePosixPath(relative), EVENT, site, raw=raw)
    return event.data if event is not None else None


def _dates(file: _File, site: Site):
    """A series' dates between two moments, for the duplicates' comparison (None for a single event)."""
    if not (file.data.get("recurrence") or file.data.get("rrule")):
        return None
    event = _validated(file.raw, file.relative, site)
    if event is None:
        return None
    zone = ZoneInfo(event.timezone or site.timezone)
    return lambda after, before: [dated.start for dated in occurrences(event, zone, after, before)]


def _takes_place_after(event, zone: ZoneInfo, day: dt.date) -> bool:
    """Whether the event has a date (a start, or the end of one that lasts) on `day` or later."""
    morning = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    if not (event.recurrence or event.rrule):
        last = event.end or event.start
        return (last if isinstance(last, dt.datetime) else dt.datetime.combine(last, dt.time(23, 59))).replace(
            tzinfo=zone
        ) >= morning
    length = dt.timedelta(days=1)  # a date of a series that began the day before may still be going on
    return bool(occurrences(event, zone, morning - length, morning + FAR))


def _vanished_note(partner: str, source, site: Site) -> str:
    name = str(getattr(source, "name", "") or partner)
    return _in_language(VANISHED_NOTE, site.language) % {"partner": name[:200]}


def _vanished(partner: str, source, file: _File, site: Site, today: dt.date) -> Outcome | None:
    """A file of this source whose event is no longer in its calendar: nothing when it is past or already
    cancelled here; else marked postponed with a note (see the module's docstring), its edits kept."""
    event = _validated(file.raw, file.relative, site)
    if event is None or file.data.get("status") == "cancelled":
        return None
    zone = ZoneInfo(event.timezone or site.timezone)
    if not _takes_place_after(event, zone, today):
        return None
    title, start = str(file.data.get("title", "")), str(file.data.get("start", ""))
    outcome = Outcome(VANISHED, str(file.source.get("uid")), title, start, path=file.relative)
    fields = {name: value for name, value in file.data.items() if name != "source"}
    fields["status"] = VANISHED_STATUS
    fields["status_note"] = _vanished_note(partner, source, site)
    # A file edited here keeps the hash of what was imported: it stays "edited here".
    kept = str(file.source.get("hash")) if file.edited_here else None
    made = _made(partner, outcome.uid, in_schema_order(fields), file.body, file.relative, site, kept)
    if isinstance(made, list):
        outcome.problems = made
        return outcome
    if made[0] != file.raw:
        outcome.raw = made[0]
    return outcome


def _in_language(text: str, language: str) -> str:
    from .report import translated  # the report owns the catalogue

    return translated(text, language)


def differences(before: dict, before_text: str, after: dict, after_text: str) -> list[tuple[str, str, str]]:
    """(field, the file's value, the source's value) for each field that differs, the text last."""
    found = []
    names = [name for name in in_schema_order({**before, **after}) if name != "source"]
    for name in names:
        if before.get(name) != after.get(name):
            found.append((name, shown_value(before.get(name)), shown_value(after.get(name))))
    if before_text.strip() != after_text.strip():
        found.append(("text", shown_value(before_text.strip()), shown_value(after_text.strip())))
    return found


def shown_value(value) -> str:
    """A field's value on one line, for the report's table."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {shown_value(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(shown_value(item) for item in value)
    return " ".join(str(value).split())
