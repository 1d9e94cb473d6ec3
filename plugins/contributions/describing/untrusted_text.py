"""Text from outside (a contributor's title, a partner calendar's summary) written into what moderators read on
a forge: a pull request's title, its Markdown or HTML description. Shown as it is, it never becomes a link, a
picture, a tag, a heading, a table cell's end, a list, or a mention that notifies someone. The bridge's
proposals and the import's reports both write with these."""

from __future__ import annotations

import html
import re

CELL_LIMIT = 300

# What could start a Markdown construct is escaped; the HTML-sensitive characters become entities, and a
# backslash too (GitLab's push option turns the two characters backslash-n into a line break).
_MARKDOWN = re.compile(r"[\\`*_\[\]|~$#<>&!]")
_ENTITIES = {"\\": "&#92;", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MENTION = re.compile(r"(?<![\w@])@(?=\w)")  # "@someone" would notify a forge's user: a word joiner after @
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")  # a list or a heading's underline, after a list's "- "


def one_line(text: str, limit: int = 200) -> str:
    """A title, a push option, a cell: one line of printable characters (no terminal escape), cut at `limit`."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def markdown_text(text: str, limit: int = CELL_LIMIT) -> str:
    """Text from outside as Markdown that shows it as it is, on one line."""
    flat = _MENTION.sub("@\u2060", one_line(text, limit))
    flat = _MARKDOWN.sub(lambda match: _ENTITIES.get(match[0], "\\" + match[0]), flat)
    return _BLOCK_START.sub(lambda match: match[0] + "\\" if match[0].isdigit() else "\\" + match[0], flat)


def html_text(text: str, limit: int = CELL_LIMIT) -> str:
    """Text from outside as HTML that shows it as it is, on one line."""
    return html.escape(_MENTION.sub("@\u2060", one_line(text, limit)))
