"""Markdown written by contributors, turned into HTML that is safe to publish.

Everything a contributor writes is untrusted: scripts, event handlers, `javascript:` links, iframes
and remote pictures (a tracking pixel is a request to another host) are removed after rendering.
Pictures come through the `image` fields, which demand alternative text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import markdown
import nh3
from markdown.extensions.tables import TableProcessor
from markupsafe import Markup, escape

_ALLOWED_TAGS = nh3.ALLOWED_TAGS - {"img", "area", "map", "center", "strike", "acronym", "tt", "h1"}
_ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


class _QuickTable(TableProcessor):
    """Python-Markdown's table test splits the whole rest of a block into rows for each block it is
    asked about, and a block of headings is asked about line by line: 100 KB of '# h' lines took 17 s.
    A table's second line is its separator row, made of '|', ':', '-' and spaces only; any other
    character there and the original test would say no as well, without splitting anything."""

    def test(self, parent, block: str) -> bool:
        lines = block.split("\n", 2)
        if len(lines) < 2 or _NOT_SEPARATOR.search(lines[1]):
            return False
        return super().test(parent, block)


_NOT_SEPARATOR = re.compile(r"[^|:\-\s]")


class MarkdownRenderer:
    """One Markdown parser reused for a whole build (creating one per file is the slow part)."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(
            extensions=["extra", "sane_lists"],
            extension_configs={"extra": {"footnotes": {"BACKLINK_TITLE": ""}}},  # default: an English sentence
            output_format="html",
        )
        blocks = self._markdown.parser.blockprocessors
        blocks.register(_QuickTable(self._markdown.parser, blocks["table"].config), "table", 75)

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        try:
            html = self._markdown.reset().convert(text)
        except RecursionError:  # `structure_problem` refuses what nests this deep; never a stopped build
            html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in text.split("\n\n"))
        return Markup(
            nh3.clean(
                html,
                tags=_ALLOWED_TAGS,
                clean_content_tags={"script", "style"},
                url_schemes=_ALLOWED_SCHEMES,
                link_rel="noopener noreferrer nofollow",
            )
        )


# What the sanitizer will remove, so that contributors are told rather than surprised.
_UNPUBLISHED = (
    (re.compile(r"<\s*(script|style|iframe|object|embed|img|form|svg|video|audio)\b", re.I), "html_{0}"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "html_handler"),
    (re.compile(r"javascript\s*:", re.I), "html_javascript"),
    (re.compile(r"!\[[^\]]*\]\("), "html_picture"),
)


def unpublished_parts(text: str) -> list[tuple[int, str]]:
    """(offset, what) of each kind of thing in a contributor's Markdown that publishing removes."""
    found: dict[str, int] = {}
    for pattern, what in _UNPUBLISHED:
        for match in pattern.finditer(text or ""):
            name = what.format(match.group(1).lower() if match.groups() else "")
            found.setdefault(name, match.start())
    return sorted((offset, what) for what, offset in found.items())


# What Python-Markdown can render in a moment. It recurses once per level of nesting, and its inline
# patterns copy a paragraph's text at each match (a paragraph of 200 KB of backslashes took 15 s): a
# text is refused beyond these bounds, with a sentence saying how to write it, rather than stopping or
# stalling the build. Real descriptions stay far below them.
MAX_TEXT = 200_000  # characters: a long short story
MAX_PARAGRAPH = 20_000  # characters without an empty line
MAX_DEPTH = 20  # lists, quotes, indentation or HTML blocks inside one another
MAX_BRACKETS = 500  # '[': Markdown's link parsing slows down with their square; 10 000 took 10 s
MAX_TAGS = 1000  # '<' opening a tag or an address: unclosed, 33,000 of them took a build 75 s
_TAG = re.compile(r"<[A-Za-z/!?]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_TOO_DEEP = re.compile(  # more than MAX_DEPTH list or quote markers opening one line, or as much indentation
    rf"^(?:(?:[ \t]*(?:[-*+>]|\d{{1,9}}[.)])(?=[ \t]|$)){{{MAX_DEPTH + 1}}}|(?: {{4}}|\t){{{MAX_DEPTH + 1}}})", re.M
)
_MARKDOWN_INSIDE = re.compile(r"\bmarkdown\s*=", re.I)


class TooMuch(NamedTuple):
    """The first bound a Markdown text goes beyond: its message code, where in the text, the numbers told."""

    code: str
    offset: int
    context: dict


def structure_problem(text: str) -> TooMuch | None:
    """The first bound `text` goes beyond, or None."""
    if len(text) > MAX_TEXT:
        return TooMuch("markdown_too_long", 0, {"found": len(text), "limit": MAX_TEXT})
    start = 0
    for separator in (*_PARAGRAPHS.finditer(text), None) if len(text) > MAX_PARAGRAPH else ():
        end = separator.start() if separator else len(text)
        if end - start > MAX_PARAGRAPH:
            return TooMuch("markdown_paragraph_too_long", start, {"found": end - start, "limit": MAX_PARAGRAPH})
        start = separator.end() if separator else end
    if (deep := _TOO_DEEP.search(text)) is not None:
        return TooMuch("markdown_too_deep", deep.start(), {"limit": MAX_DEPTH})
    inside = [match.start() for match in _MARKDOWN_INSIDE.finditer(text)] if "=" in text else []
    if len(inside) > MAX_DEPTH:  # HTML blocks whose Markdown is rendered: each one a level deeper
        return TooMuch("markdown_too_deep", inside[MAX_DEPTH], {"limit": MAX_DEPTH})
    if text.count("[") > MAX_BRACKETS:
        return TooMuch("too_many_brackets", 0, {"found": text.count("["), "limit": MAX_BRACKETS})
    if text.count("<") > MAX_TAGS and len(tags := _TAG.findall(text)) > MAX_TAGS:
        return TooMuch("too_many_tags", 0, {"found": len(tags), "limit": MAX_TAGS})
    return None
