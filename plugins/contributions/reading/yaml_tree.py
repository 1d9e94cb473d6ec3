"""One pass over a parsed YAML node tree: the data, the line of each field, and what the text hides.

It replaces PyYAML's constructor and three walks (duplicate keys, comments that cut a text, the checks
of libyaml's tree), and it lets the nodes go: kept for their line numbers until a build ends, the nodes of
10,000 files made Python's garbage collector scan them again and again (a fifth of `make check`). The
lines are kept as a small dict instead, so a validated contribution is plain data that pickles small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode

from contributions.reading.characters import MAX_FIELDS, MAX_ITEMS, Oversized, TextRules, normalized

STR, MAP, SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_CONSTRUCTED = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null")}
MAX_FAST_DEPTH = 100  # deeper than any contribution: let the exact parser decide (it refuses deep nesting)


def _refuse_tag(node: Node) -> None:
    """A tag other than YAML's core ones (`!!set`, `!!binary`, `!!timestamp`, `!!python/...`) makes data
    no field holds, shown to contributors as Python writes it: refused, as the loader names a tag."""
    raise ConstructorError(None, None, f"could not determine a constructor for the tag {node.tag!r}", node.start_mark)


class NotPlain(Exception):
    """libyaml's tree has what the exact parser must judge: see `read_tree`."""


class Duplicate(NamedTuple):
    """A field written twice in one block (`name` with the names of the blocks holding it)."""

    name: str
    first_line: int
    second_line: int


class CutByComment(NamedTuple):
    """A text that ' #' ended: YAML read the rest of its line, `dropped`, as a comment."""

    name: str
    line: int
    dropped: str


@dataclass
class Tree:
    """What the walk found, lines 0-based in the parsed text."""

    data: object
    lines: dict[tuple, int]  # field path (names and list indexes) -> line where it is first written
    duplicates: list[Duplicate] = field(default_factory=list)
    cut_by_comment: list[CutByComment] = field(default_factory=list)
    rules: TextRules = field(default_factory=TextRules)  # what the texts held that no contribution may


def read_tree(root: Node | None, loader, text: str, check_plain: bool) -> Tree:
    """The data of `root` as PyYAML's constructor makes it, and where each field stands. Texts, lists and
    mappings are built here; numbers, true/false and null by `loader`'s constructors; anything else (other
    tags, a key that is not a scalar) by its `construct_document`, which also raises its errors.

    With `check_plain` (libyaml's tree), raise NotPlain for a node reached twice (what an alias makes),
    a nesting deeper than MAX_FAST_DEPTH, or plain text with ':' inside [ ] or { } (libyaml reads
    `[https://...]`, PyYAML refuses it: the exact parser's message says to quote it)."""
    if root is None:
        return Tree(None, {(): 0})
    walk = _Walk(loader, text, check_plain)
    data = walk.value(root, (), "", 0, False, True)
    if walk.unusual:  # tags, keys or values the walk leaves to PyYAML: its data, or its error
        walk.rules = TextRules()
        data = walk.rules.value(loader.construct_document(root))
    walk.lines[()] = root.start_mark.line
    return Tree(data, walk.lines, walk.duplicates, walk.cut, walk.rules)


class _Walk:
    def __init__(self, loader, text: str, check_plain: bool):
        self.loader = loader
        self.text_lines = text.split("\n") if "#" in text else None  # no '#', no comment to look for
        self.check_plain = check_plain
        self.seen: set[int] | None = set() if "*" in text else None  # an alias needs a '*'
        self.unusual = False
        self.lines: dict[tuple, int] = {}
        self.duplicates: list[Duplicate] = []
        self.cut: list[CutByComment] = []
        self.rules = TextRules()  # every text is taken through it as it is made (`characters`)...
        # ...unless the document as a whole needs nothing: no escape can make a refused character, and
        # texts cut from a normalized document are normalized (most files: a tenth of a check saved)
        self.text = self.rules.text if "\\" in text or normalized(text) != text else None

    def value(self, node: Node, path: tuple, prefix: str, depth: int, in_flow: bool, record: bool):
        """The data of `node`; `prefix` is its dotted field name plus '.', `record` False under a key
        written twice (lines point to the first one)."""
        if self.check_plain:
            self._check(node, depth, in_flow)
            in_flow = in_flow or bool(getattr(node, "flow_style", False))
        if type(node) is ScalarNode:
            if node.tag != STR:
                return self._scalar(node)
            if self.text_lines is not None and not node.style and node.value:
                self._cut(node, prefix.rstrip("."))
            return node.value if self.text is None else self.text(node.value, path)
        if type(node) is MappingNode:
            return self._mapping(node, path, prefix, depth, in_flow, record)
        if node.tag != SEQ:
            _refuse_tag(node)
        if len(node.value) > MAX_ITEMS:
            self.rules.oversized.append(Oversized(path, len(node.value), MAX_ITEMS))
            return []
        items = []
        for index, item in enumerate(node.value):
            if record:
                self.lines[path + (index,)] = item.start_mark.line
            items.append(self.value(item, path + (index,), prefix, depth + 1, in_flow, record))
        return items

    def _mapping(self, node: MappingNode, path: tuple, prefix: str, depth: int, in_flow: bool, record: bool) -> dict:
        if node.tag != MAP:
            _refuse_tag(node)
        if len(node.value) > MAX_FIELDS:
            self.rules.oversized.append(Oversized(path, len(node.value), MAX_FIELDS))
            return {}
        mapping = {}
        first_lines: dict[str, int] = {}
        for key, value in node.value:
            if self.check_plain:
                self._check(key, depth + 1, in_flow)
            if type(key) is not ScalarNode:  # a list or mapping as a key: PyYAML's constructor refuses it
                self.unusual = True
                continue
            name, line = prefix + key.value, key.start_mark.line
            first = first_lines.get(key.value)
            if first is None:
                first_lines[key.value] = line
            else:
                self.duplicates.append(Duplicate(name, first, line))
            child = path + (key.value,)
            if record and first is None:
                self.lines[child] = line
            # a field's name is the text written, whatever it looks like: `null:` or `1:` is a mistyped
            # name to tell about by that name, not None or a number
            mapping[key.value if self.text is None else self.text(key.value, child)] = self.value(
                value, child, name + ".", depth + 1, in_flow, record and first is None
            )
        return mapping

    def _scalar(self, node: ScalarNode):
        """Numbers, true/false and null by PyYAML's own constructors; no other tag is taken."""
        if node.tag not in _CONSTRUCTED:
            _refuse_tag(node)
        try:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        except Exception:  # construct_document raises it again (or the error it meets first)
            self.unusual = True
            return None

    def _cut(self, node: ScalarNode, name: str) -> None:
        """A text followed by ' # ...': YAML drops that text as a comment ('Concert #3' becomes 'Concert').
        After a number or true/false, a comment is plainly a comment. (A plain scalar's style is None in
        PyYAML, '' in libyaml.)"""
        end = node.end_mark
        rest = self.text_lines[end.line][end.column :].lstrip() if end.line < len(self.text_lines) else ""
        if rest.startswith("#"):
            self.cut.append(CutByComment(name, end.line, rest[1:].strip()))

    def _check(self, node: Node, depth: int, in_flow: bool) -> None:
        if depth > MAX_FAST_DEPTH:
            raise NotPlain
        if self.seen is not None:
            if id(node) in self.seen:
                raise NotPlain
            self.seen.add(id(node))
        if in_flow and type(node) is ScalarNode and not node.style and ":" in node.value:
            raise NotPlain
