"""Markdown written by contributors, turned into HTML that is safe to publish.

Everything a contributor writes is untrusted: scripts, event handlers, `javascript:` links, iframes
and remote pictures (a tracking pixel is a request to another host) are removed after rendering.
Pictures come through the `image` fields, which demand alternative text.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = nh3.ALLOWED_TAGS - {"img", "area", "map", "center", "strike", "acronym", "tt", "h1"}
_ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


class MarkdownRenderer:
    """One Markdown parser reused for a whole build (creating one per file is the slow part)."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(
            extensions=["extra", "sane_lists"],
            extension_configs={"extra": {"footnotes": {"BACKLINK_TITLE": ""}}},  # default: an English sentence
            output_format="html",
        )

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        html = self._markdown.reset().convert(text)
        return Markup(nh3.clean(
            html,
            tags=_ALLOWED_TAGS,
            clean_content_tags={"script", "style"},
            url_schemes=_ALLOWED_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        ))


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
