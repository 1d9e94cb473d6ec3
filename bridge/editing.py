"""Corrections of published files: the file as it is on the main branch, and its smallest edit.

A correction must be reviewed in seconds and must not undo what others wrote by hand, so only the
top-level fields that change are rewritten: every other line of the file, its comments, its field order,
quotes and blank lines, and the Markdown text, stay byte for byte. The new values are written by ruamel.yaml
(its round-trip emitter) with the contributions' YAML 1.2 rule for quotes, and the result is read back as
`make check` reads it: anything that would not read as the intended fields is refused.

The main branch is read from a bare mirror under the bridge's state folder, fetched at most every
`FETCH_EVERY` seconds when a form opens; when the site's repository cannot be reached, the last fetched
main is read. Paths come from links, so only a contribution's path under events/, playlists/ or stories/
is read, and only a regular file of git's tree (a symlink is no file to correct).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import BaseResolver
from ruamel.yaml.scalarstring import LiteralScalarString

from contributions import KINDS, Site, SourceError, read_as_text, read_source

from .git import GitError, run_git
from .settings import BridgeSettings

logger = logging.getLogger("kiosque.bridge")

FETCH_EVERY = 30.0  # seconds between two fetches of main
FETCH_TIMEOUT = 20.0  # a form never waits longer for the site's repository
MAX_FILE_BYTES = 1_000_000
WIDTH = 100  # as the bridge writes new files (compose.py)


class _Removed:
    def __repr__(self) -> str:
        return "REMOVED"


REMOVED = _Removed()  # in `changes`: delete this top-level field


class EditError(ValueError):
    """The file cannot be edited into exactly the intended fields (it is not YAML ruamel reads, or a value
    would not read back as written)."""


@dataclass(frozen=True)
class Current:
    """A contribution's file as it is on the main branch."""

    path: str  # content-relative, e.g. "events/2026/concert.md"
    repo_path: str  # repository-relative, e.g. "content/events/2026/concert.md"
    kind: str  # "event" | "track" | "story"
    text: str
    blob: str  # git blob id on main: the form carries it as "base"
    fields: dict  # as contributions.read_source gives them (dates as written text)
    body: str


_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}"
_PATHS = {
    "event": re.compile(rf"events/(?:{_SEGMENT}/){{0,2}}{_SEGMENT}\.md"),
    "track": re.compile(rf"playlists/{_SEGMENT}/{_SEGMENT}\.ya?ml"),
    "story": re.compile(rf"stories/{_SEGMENT}/{_SEGMENT}\.md"),
}
_BLOB = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def kind_of(path: str) -> str | None:
    """The kind of a content-relative path a link may name, or None: anything else (`..`, an absolute path,
    a playlist's or collection's index, another folder) is refused before git is asked."""
    for kind, pattern in _PATHS.items():
        if isinstance(path, str) and pattern.fullmatch(path) and PurePosixPath(path).name != "index.md":
            return kind
    return None


class MainBranch:
    """The site's main branch, as the correction forms read it."""

    def __init__(self, settings: BridgeSettings, content: str) -> None:
        self.settings = settings
        self.content = PurePosixPath(content)
        self.mirror = settings.state / "main.git"
        self._lock = threading.Lock()
        self._fetched = float("-inf")

    def _git(self, *arguments: str, timeout: float = FETCH_TIMEOUT) -> str:
        return run_git(self.mirror, *arguments, redact=self.settings.redact, timeout=timeout)

    def refresh(self) -> None:
        """Fetch main unless it was fetched moments ago; a failure keeps the last fetched main."""
        with self._lock:
            if time.monotonic() - self._fetched < FETCH_EVERY:
                return
            self._fetched = time.monotonic()
            try:
                if not (self.mirror / "HEAD").is_file():
                    self.mirror.mkdir(parents=True, exist_ok=True)
                    self._git("init", "-q", "--bare")
                main = self.settings.main
                self._git("fetch", "-q", "--no-tags", self.settings.remote_url, f"+refs/heads/{main}:refs/heads/{main}")
            except GitError as error:
                logger.warning("main could not be fetched, the last fetched main is read: %s", error)

    def read(self, path: str) -> Current | None:
        """The file at a content-relative path from a link: None when unsafe, of no known kind, or not on main."""
        kind = kind_of(path)
        if kind is None:
            return None
        self.refresh()
        repo_path = str(self.content / path)
        try:
            listing = self._git("ls-tree", "-z", f"refs/heads/{self.settings.main}", "--", repo_path)
        except GitError:
            return None
        entry = re.fullmatch(r"(100644|100755) blob ([0-9a-f]+)\t(.*)\0", listing)
        if not entry or entry[3] != repo_path:
            return None
        text = self.blob_text(entry[2])
        if text is None:
            return None
        try:
            source = read_source(text.encode("utf-8"), KINDS[kind].markdown, MAX_FILE_BYTES)
        except SourceError:
            return None
        return Current(path, repo_path, kind, text, entry[2], source.data, source.body)

    def blob_text(self, blob: str) -> str | None:
        """An earlier version by its blob id (the form's base), or None."""
        if not isinstance(blob, str) or not _BLOB.fullmatch(blob):
            return None
        try:
            if self._git("cat-file", "-t", blob).strip() != "blob":
                return None
            if int(self._git("cat-file", "-s", blob)) > MAX_FILE_BYTES:
                return None
            return self._git("cat-file", "blob", blob)
        except (GitError, ValueError, UnicodeDecodeError):
            return None


# Editing


class _KernelResolver(BaseResolver):
    """Tells ruamel.yaml how the contributions' YAML 1.2 reader reads a bare value, so that text that
    would read as something else (`0o17`, `true`, `12`) is quoted and dates stay bare (`2026-12-05 20:30`)."""

    def __init__(self, version=None, loader=None, **_ignored) -> None:
        super().__init__(loadumper=loader)

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return "tag:yaml.org,2002:str" if read_as_text(value) else _tag_of(value)
        return super().resolve(kind, value, implicit)


def _tag_of(bare: str) -> str:
    if bare.lower() in ("true", "false"):
        return "tag:yaml.org,2002:bool"
    try:
        int(bare, 0)
        return "tag:yaml.org,2002:int"
    except ValueError:
        pass
    try:
        float(bare)
        return "tag:yaml.org,2002:float"
    except ValueError:
        return "tag:yaml.org,2002:null"


def edit(
    original: str, markdown: bool, changes: dict[str, object], body: str | None = None, kind: str | None = None
) -> str:
    """`original` with the top-level fields of `changes` rewritten (REMOVED deletes one) and, when `body` is
    given, its Markdown text replaced; a new field goes after its neighbour in `kind`'s schema, else last."""
    text = original.replace("\r\n", "\n")
    head, fields_text, tail = _split(text) if markdown else ("", text, "")
    if fields_text and not fields_text.endswith("\n"):
        fields_text += "\n"
    lines = _lines(fields_text)
    spans, flow, remarks = _spans(fields_text, lines)
    style = _indentation(lines)
    replaced: dict[int, tuple[int, str]] = {}
    inserted: dict[int, list[str]] = {}
    order = _schema_order(kind)
    for name in sorted(changes, key=lambda key: order.get(key, len(order))):
        value = changes[name]
        written = "" if value is REMOVED else _dump(name, as_written(value), style, name in flow)
        if name in remarks and written.count("\n") == 1:  # `price: hat  # cash only` keeps its remark
            written = written[:-1] + remarks[name] + "\n"
        if name in spans:
            replaced[spans[name][0]] = (spans[name][1], written)
        elif written:
            inserted.setdefault(_place_for(name, order, spans, len(lines)), []).append(written)
    out, index = [], 0
    while index <= len(lines):
        out += inserted.get(index, [])
        if index == len(lines):
            break
        if index in replaced:
            end, written = replaced[index]
            out.append(written)
            index = end
        else:
            out.append(lines[index])
            index += 1
    edited_fields = "".join(out)
    if body is not None and markdown:
        tail = _fence(tail) + (f"{body.strip()}\n" if body.strip() else "")
    result = head + edited_fields + tail
    if "\r\n" in original:
        result = result.replace("\n", "\r\n")
    _check_reads_back(original, result, markdown, changes, body)
    return result


def _lines(text: str) -> list[str]:
    """Lines with their "\\n", split as the contributions' reader splits (a form feed is no new line)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def _split(text: str) -> tuple[str, str, str]:
    """(up to the opening '---' line, the fields, from the closing fence on), as contributions read it."""
    lines = _lines(text)
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].rstrip() != "---":
        raise EditError("no front matter")
    for index in range(first + 1, len(lines)):
        if _FENCE.fullmatch(lines[index].rstrip("\n")):
            return "".join(lines[: first + 1]), "".join(lines[first + 1 : index]), "".join(lines[index:])
    raise EditError("front matter not closed")


def _fence(tail: str) -> str:
    line = tail.split("\n", 1)[0]
    return line + "\n"


def _spans(fields_text: str, lines: list[str]) -> tuple[dict[str, tuple[int, int]], set[str], dict[str, str]]:
    """The lines [start, end) of each top-level field (without the comments and blank lines after it, which
    stay), the fields written in flow style (`[a, b]`), and the remark ending a one-line field (`  # …`)."""
    try:
        data = YAML(typ="rt").load(fields_text)
    except YAMLError as error:
        raise EditError(str(error)) from None
    if data is None:
        return {}, set(), {}
    if not isinstance(data, CommentedMap):
        raise EditError("not a mapping")
    starts = [(data.lc.key(key)[0], str(key)) for key in data]
    spans = {}
    for position, (start, name) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        spans[name] = (start, end)
    flow = {str(key) for key, value in data.items() if isinstance(value, CommentedSeq) and value.fa.flow_style()}
    remarks = {}
    for key in data:
        start, end = spans[str(key)]
        token = (data.ca.items.get(key) or [None, None, None])[2]
        if token is not None and token.start_mark.line == start and end == start + 1:
            line = lines[start].rstrip("\n")
            remarks[str(key)] = line[len(line[: token.start_mark.column].rstrip()) :]
    return spans, flow, remarks


def _indentation(lines: list[str]) -> dict[str, int]:
    """The file's way of indenting a list under a field (`- x` at the field's column, or two spaces in)."""
    for before, line in zip(lines, lines[1:]):
        if before.rstrip().endswith(":") and line.lstrip().startswith("- "):
            shift = (len(line) - len(line.lstrip())) - (len(before) - len(before.lstrip()))
            if shift >= 2:
                return {"mapping": 2, "sequence": shift + 2, "offset": shift}
            return {"mapping": 2, "sequence": 2, "offset": 0}
    return {"mapping": 2, "sequence": 2, "offset": 0}  # as PyYAML writes the bridge's new files


def as_written(value):
    """A value as the contributions' reader would give it back: dates and times as contributors write them."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(key): as_written(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_written(item) for item in value]
    return value


def _styled(value, flow: bool = False):
    """`value` as ruamel.yaml should write it: several lines as a literal block."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dict):
        return {key: _styled(item) for key, item in value.items()}
    if isinstance(value, list):
        items = CommentedSeq(_styled(item) for item in value)
        if flow and all(isinstance(item, str | int | float) and "\n" not in str(item) for item in value):
            items.fa.set_flow_style()
        return items
    return value


def _dump(name: str, value, style: dict[str, int], flow: bool) -> str:
    writer = YAML(typ="rt")
    writer.Resolver = _KernelResolver
    writer.width = WIDTH
    writer.allow_unicode = True
    writer.indent(**style)
    stream = io.StringIO()
    writer.dump({name: _styled(value, flow)}, stream)
    return stream.getvalue()


def _schema_order(kind: str | None) -> dict[str, int]:
    if kind not in KINDS:
        return {}
    fields = KINDS[kind].schema.model_fields
    return {(info.alias or name): position for position, (name, info) in enumerate(fields.items())}


def _place_for(name: str, order: dict[str, int], spans: dict[str, tuple[int, int]], end: int) -> int:
    """The line before which a new field goes: after the nearest field before it in the schema, else before
    the nearest after it, else at the end."""
    if name not in order:
        return end
    before = [(order[key], span[1]) for key, span in spans.items() if order.get(key, len(order)) < order[name]]
    if before:
        return max(before)[1]
    after = [(order[key], span[0]) for key, span in spans.items() if key in order]
    return min(after)[1] if after else end


def _check_reads_back(original: str, edited: str, markdown: bool, changes: dict, body: str | None) -> None:
    """The edited file, read as `make check` reads it, holds exactly the intended fields and text."""
    try:
        before = read_source(original.encode("utf-8"), markdown, MAX_FILE_BYTES * 4)
        after = read_source(edited.encode("utf-8"), markdown, MAX_FILE_BYTES * 4)
    except SourceError as error:
        raise EditError(error.code) from None
    intended = dict(before.data)
    for name, value in changes.items():
        if value is REMOVED:
            intended.pop(name, None)
        else:
            intended[name] = as_written(value)
    wanted_body = before.body if body is None else body
    if after.data != intended or after.body.strip() != wanted_body.strip():
        raise EditError("the edited file does not read back as intended")


# Comparing


def changed_fields(kind: str, before: dict, after: dict, names, site: Site) -> dict[str, object]:
    """Among `names`, the top-level fields whose meaning differs between `before` and `after` (`price: hat`
    means `price: {kind: hat}`): name -> the new value, or REMOVED."""
    changed = {}
    for name in names:
        if name not in after or after[name] in (None, "", [], {}):
            if before.get(name) not in (None, "", [], {}):
                changed[name] = REMOVED
            continue
        if name not in before or _meaning(kind, name, before[name], site) != _meaning(kind, name, after[name], site):
            changed[name] = after[name]
    return changed


def _meaning(kind: str, name: str, value, site: Site):
    """What the schema makes of a field's value; the value itself when the schema refuses it."""
    fields = KINDS[kind].schema.model_fields
    found = next((info for key, info in fields.items() if (info.alias or key) == name), None)
    if found is None:
        return value
    try:
        adapter = TypeAdapter(found.rebuild_annotation() if hasattr(found, "rebuild_annotation") else found.annotation)
        return adapter.validate_python(value, context=site.validation_context())
    except (ValidationError, TypeError, ValueError):
        return value
