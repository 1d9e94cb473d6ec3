"""An Event's `content` as Mastodon keeps it: the few tags it does not strip (paragraphs, line breaks, links,
emphasis, lists, quotes, code), links marked as the site's pages mark them, and nothing that runs or loads.

The description is already sanitized by the kernel when it is rendered (`contributions.markup`); this second
pass keeps only what followers' servers show, so that what they show is what the site meant: a heading
becomes a paragraph in bold rather than losing its line, and a link relative to the event's page is made whole."""

from __future__ import annotations

import re

import nh3

TAGS = {"p", "br", "a", "span", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre"}
SCHEMES = {"http", "https"}  # no mailto:, tel: — no contact detail leaves the site through the fediverse
_HEADING_START = re.compile(r"<h[1-6](?:\s[^>]*)?>", re.I)
_HEADING_END = re.compile(r"</h[1-6]\s*>", re.I)
_EMPTY = re.compile(r"<p>\s*</p>\s*")  # what held only a removed picture or script


def mastodon_html(html: str, page_address: str) -> str:
    """`html` with only what Mastodon keeps; relative links resolved against the event's page."""
    html = _HEADING_END.sub("</strong></p>", _HEADING_START.sub("<p><strong>", html))
    kept = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "iframe", "object", "noscript"},
        attributes={"a": {"href"}},
        url_schemes=SCHEMES,
        link_rel="nofollow noopener noreferrer",
        url_relative=("rewrite_with_base", page_address),
    )
    return _EMPTY.sub("", kept).strip()
