"""Read a contributor's file into plain data, remembering where each field was written.

Contributors write YAML by hand, so the loader follows YAML 1.2's simpler rules: `no`, `on` and `20:30`
stay text (YAML 1.1 would turn them into False, True and 1230) and dates stay text until the schema reads
them. Aliases are refused: they are never needed in a contribution and they allow "billion laughs" files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.events import AliasEvent
from yaml.nodes import ScalarNode, SequenceNode

from contributions.reading.characters import (
    PAGE_BREAKS,
    PASTED_BREAKS,
    Oversized,
    Refused,
    TextRules,
    code_point,
    first_refused,
    normalized,
)
from contributions.reading.yaml_tree import (
    MAP,
    MAX_FAST_DEPTH,
    SEQ,
    STR,
    CutByComment,
    Duplicate,
    NotPlain,
    Tree,
    read_tree,
)


class ContributionLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars and no aliases."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "alias", event.start_mark)
        return super().compose_node(parent, index)


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
# A leading zero keeps a value as text: postal codes (01000) and phone numbers are not numbers.
# Numbers longer than any year, price or count stay text too (and cannot overflow anything).
_INT = re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]{0,17})|0o[0-7]{1,20}|0x[0-9a-fA-F]{1,15})$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

ContributionLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
ContributionLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
ContributionLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))
ContributionLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
ContributionLoader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 0))


class SourceError(Exception):
    """A file that cannot be read as fields at all; `code` names the message in `messages.py`."""

    def __init__(self, code: str, line: int = 1, **context: Any):
        super().__init__(code)
        self.code = code
        self.line = line
        self.context = context


@dataclass
class SourceMap:
    """Line numbers of the fields of one parsed YAML document (1-based, in the whole file)."""

    lines: dict[tuple, int]  # field path -> line in the parsed text (0-based): see `yaml_tree.Tree`
    line_offset: int
    duplicates: list[Duplicate] = field(default_factory=list)
    cut_by_comment: list[CutByComment] = field(default_factory=list)

    def line_of(self, path: tuple) -> int:
        """The line where `path` (field names and list indexes) was written, or its nearest parent."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line + self.line_offset
        return self.lines[()] + self.line_offset


@dataclass
class Source:
    """A parsed contribution: its fields, its Markdown body (if any) and where each field stands."""

    data: Any
    body: str
    map: SourceMap
    body_line: int = 0  # file line where the Markdown body starts
    refused: list[Refused] = field(default_factory=list)  # characters no contribution may hold (`characters`)
    oversized: list[Oversized] = field(default_factory=list)  # see TextRules


def read_as_text(value: str) -> bool:
    """Whether `value`, written bare in a contribution, would be read back as text (not `true`, `0o17`,
    a number or nothing): the bridge quotes the others when it writes a file."""
    return ContributionLoader.resolve(ContributionLoader, ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


class FastContributionLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same YAML 1.2 rules read by libyaml (C) when PyYAML has it: PyYAML's pure-Python scanner was
    most of a build's time (the benchmark's profile). Its errors are not used: see `_parse_fast`."""

    yaml_implicit_resolvers = ContributionLoader.yaml_implicit_resolvers
    yaml_constructors = ContributionLoader.yaml_constructors

    def resolve(self, kind, value, implicit):
        """PyYAML's `resolve` for a loader without path resolvers or resolvers for any first character,
        as libyaml calls it for every node (40 a file): the same tags, without the steps that cannot
        apply (a test checks both conditions)."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP


def _parse_fast(text: str) -> Tree | None:
    """The document read by libyaml, or None when the exact parser must decide: an error (its message and
    line are the exact parser's), an alias (refused), a deep nesting, or no libyaml at all."""
    if not yaml.__with_libyaml__ or sum(text.count(mark) for mark in ":-[{") > 10 * MAX_FAST_DEPTH:
        return None  # a nesting depth is bounded by these marks: libyaml's C recursion stays shallow
    loader = FastContributionLoader(text)
    try:
        return read_tree(loader.get_single_node(), loader, text, check_plain=True)
    except (NotPlain, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()


def _parse_exactly(text: str, line_offset: int) -> Tree:
    """PyYAML's own parser: the reference, and the one whose errors name the cause and line of a problem."""
    loader = ContributionLoader(text)
    try:
        return read_tree(loader.get_single_node(), loader, text, check_plain=False)
    except yaml.composer.ComposerError as error:
        if error.problem == "alias":
            raise SourceError("yaml_alias", error.problem_mark.line + line_offset) from None
        raise _syntax_error(error, text, line_offset) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, line_offset) from None
    except RecursionError:
        raise SourceError("yaml_syntax", line_offset, problem="nesting") from None
    except (yaml.YAMLError, ValueError, TypeError) as error:
        raise SourceError("yaml_syntax", line_offset, problem=_problem(error)) from None
    finally:
        loader.dispose()


def parse_yaml(text: str, line_offset: int = 1) -> tuple[Any, SourceMap]:
    """Parse one YAML document; `line_offset` is the file line of the document's first line."""
    data, source_map, _ = parse_fields(text, line_offset)
    return data, source_map


def parse_fields(text: str, line_offset: int = 1) -> tuple[Any, SourceMap, TextRules]:
    """`parse_yaml`, and what the texts held that no contribution may (see `characters`)."""
    tree = _parse_fast(text) or _parse_exactly(text, line_offset)
    return (
        tree.data,
        SourceMap(
            tree.lines,
            line_offset,
            [
                twice._replace(first_line=twice.first_line + line_offset, second_line=twice.second_line + line_offset)
                for twice in tree.duplicates
            ],
            [cut._replace(line=cut.line + line_offset) for cut in tree.cut_by_comment],
        ),
        tree.rules,
    )


_PROBLEMS = (
    ("mapping values are not allowed", "colon"),
    ("'\\t'", "tab"),
    ("block end", "indent"),
    ("could not find expected ':'", "indent"),
    ("end of stream", "unclosed"),
    ("stream end", "unclosed"),
    ("expected ',' or", "unclosed"),
    ("constructor for the tag", "tag"),
)


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s'"#:][^:#]*:\s+(['"])""")


def _syntax_error(error: yaml.MarkedYAMLError, text: str, line_offset: int) -> SourceError:
    """Name the line and the likely cause; quotes are the usual culprit in French ('L'heure du conte')."""
    lines = text.split("\n")
    line = _mark_line(error, 0)
    problem = _problem(error)
    if line < len(lines) and "[" in lines[line] and "://" in lines[line]:  # PyYAML refuses ':' inside [ ]
        return SourceError("yaml_syntax", line + line_offset, problem="links_in_brackets")
    for number, content in enumerate(lines):
        quote = _QUOTED_VALUE.match(content)
        if quote:  # '' is how YAML writes an apostrophe between ' quotes: not a closing quote
            content = content.replace("''", "") if quote[1] == "'" else content.replace('\\"', "")
        if quote and content.count(quote[1]) == 1 and problem in ("unclosed", "indent", ""):
            return SourceError("yaml_syntax", number + line_offset, problem="unclosed")
        if quote and content.count(quote[1]) > 2 and number <= line:
            kind = "single" if quote[1] == "'" else "double"
            return SourceError("yaml_syntax", number + line_offset, problem=f"quote_{kind}")
    return SourceError("yaml_syntax", line + line_offset, problem=problem)


def _problem(error: Exception) -> str:
    """The code of a plain-language explanation of a YAML error, or '' when there is none."""
    text = str(getattr(error, "problem", None) or error)
    return next((code for needle, code in _PROBLEMS if needle in text), "")


def _mark_line(error: yaml.MarkedYAMLError, line_offset: int) -> int:
    mark = error.problem_mark or error.context_mark
    return (mark.line if mark else 0) + line_offset


_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


class FileParts(NamedTuple):
    """A contribution's fields (YAML text) and Markdown body, with the file lines where each starts."""

    fields: str
    body: str
    fields_line: int
    body_line: int


def split_front_matter(text: str) -> FileParts:
    """Split '---' fields '---' body."""
    lines = text.split("\n")  # not splitlines(): a form feed is no new line to YAML nor to a reader
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise SourceError("file_empty", 1)
    if lines[first].rstrip() != "---":
        raise SourceError("front_matter_missing", first + 1)
    for index in range(first + 1, len(lines)):
        if _FENCE.match(lines[index]):
            fields = "".join(line + "\n" for line in lines[first + 1 : index])
            return FileParts(fields, "\n".join(lines[index + 1 :]), first + 2, index + 2)
    raise SourceError("front_matter_unclosed", first + 1)


def read_source(raw: bytes, markdown: bool, max_bytes: int) -> Source:
    """Decode and parse a contribution file; raise SourceError with a message code when impossible."""
    if len(raw) > max_bytes:
        raise SourceError("file_too_large", 1, size=len(raw), limit=max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError("not_utf8", line) from None
    offset = first_refused(text)
    if offset is not None:
        raise SourceError("character_refused", text[:offset].count("\n") + 1, character=code_point(text[offset]))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        parts = split_front_matter(text)
        parts = parts._replace(body=normalized(PAGE_BREAKS.sub("\n", parts.body)))
    else:
        if not text.strip():
            raise SourceError("file_empty", 1)
        parts = FileParts(text, "", 1, 0)
    # breaks pasted from a word processor or a PDF: YAML refuses some and takes others as new lines
    # (shifting every line number after them); in a field they were meant as spaces
    data, source_map, rules = parse_fields(PASTED_BREAKS.sub(" ", parts.fields), line_offset=parts.fields_line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError("not_a_mapping", source_map.line_of(()))
    return Source(
        data=data,
        body=parts.body,
        map=source_map,
        body_line=parts.body_line,
        refused=rules.refused,
        oversized=rules.oversized,
    )
