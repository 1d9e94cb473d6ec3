"""What every writer does to a contributor's string before it goes into a format: the one place where
text is made safe for HTML, XML, iCalendar, JSON, a playlist line or an address, whatever it holds.

Reading-time validation refuses much of what is dangerous; the writers do not count on it. Each helper
says what it guarantees for its format, and nothing here ever raises on odd text: a control character,
a lone surrogate or a line break in a one-line field is dropped or turned into a space, never a crash.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

import lxml.html
from lxml import etree
from markupsafe import escape

from contributions import LINE_ENDS, PAGE_BREAKS, without_refused

# --- characters --------------------------------------------------------------------------------------

# What XML 1.0 cannot hold (its Char production): the last line of defence of every XML writer.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_UNUSUAL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean_text(text: str | None) -> str:
    """A text of several lines as every format can hold it: line breaks of any kind become "\\n",
    characters no format can hold are removed."""
    if not text:
        return ""
    text = str(text)
    if _UNUSUAL.search(text) is None:  # nearly every text: nothing to do
        return text
    # the same characters as reading refuses, and every kind of line end, as the contributions kernel says
    return without_refused(LINE_ENDS.sub("\n", PAGE_BREAKS.sub("\n", text)))


def one_line(text: str | None) -> str:
    """A name or title for a format that holds one per line (M3U8, iCal parameters, feed titles): every
    line break and tab becomes a space, what no format holds is removed."""
    return " ".join(part.strip() for part in clean_text(text).replace("\t", " ").split("\n") if part.strip())


def xml_safe(text: str | None) -> str:
    """Only characters XML can hold (lxml and ElementTree would refuse or write a broken file)."""
    if not text:
        return ""
    return _NOT_XML.sub("", str(text))


# --- HTML ---------------------------------------------------------------------------------------------

_PARAGRAPH_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    }
)
_LINE_TAGS = frozenset({"br", "caption", "dd", "dt", "figcaption", "li", "tr"})
_UNREAD_TAGS = frozenset({"script", "style", "template", "head", "title", "noscript"})
_HTML_SPACES = re.compile("[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+")  # runs of HTML white space (single spaces left alone)


class _Preformatted(str):
    """Text of a <pre>: its spaces and line breaks are the text's own."""


def text_of(html: str | None) -> str:
    """The text a reader sees in an HTML fragment (a rendered description): entities decoded once, tags
    gone, paragraphs separated by a blank line and lines by a line break, spaces as a browser shows
    them. The result is plain text: it must be escaped again to go back into HTML (`html_of`)."""
    html = clean_text(html)  # libxml2 stops reading at a lone surrogate and loses the rest
    if not html.strip():
        return ""
    try:
        # huge_tree: libxml2 would stop reading at 256 nested elements and lose the text after them
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str | int] = []  # text, or the number of line breaks wanted before what follows
    skipped: list = []  # open elements whose text nobody reads
    preformatted = 0

    def text(value: str) -> str:
        if preformatted:
            return _Preformatted(value)
        return _HTML_SPACES.sub(" ", clean_text(value))  # a line break in HTML's text is a space

    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = element.tag
        if event in ("comment", "pi"):  # nobody reads them; what follows them, yes
            if element.tail and not skipped:
                pieces.append(text(element.tail))
            continue
        if event == "start":
            if skipped or tag in _UNREAD_TAGS or _back_to_text(element):
                skipped.append(element)
                continue
            if tag in _PARAGRAPH_TAGS or tag in _LINE_TAGS:
                pieces.append(2 if tag in _PARAGRAPH_TAGS else 1)
            preformatted += tag == "pre"
            if element.text:
                pieces.append(text(element.text))
            continue
        if skipped and skipped[-1] is element:
            skipped.pop()
        elif not skipped:
            preformatted -= tag == "pre"
            if tag in _PARAGRAPH_TAGS:
                pieces.append(2)
        if element.tail and not skipped and element is not root:
            pieces.append(text(element.tail))
    return clean_text(_joined(pieces))


def _back_to_text(element) -> bool:
    """A footnote's link back to where it is called (Markdown's "↩"): a sign for the eye, not text."""
    return element.tag == "a" and (
        "footnote-backref" in (element.get("class") or "") or (element.get("href") or "").startswith("#fnref")
    )


def _joined(pieces: list[str | int]) -> str:
    """Text pieces and line breaks as one text: no space at either end of a line, one space between words."""
    out: list[str] = []
    breaks = 0
    for piece in pieces:
        if isinstance(piece, int):
            breaks = max(breaks, piece)
            continue
        plain = not isinstance(piece, _Preformatted)
        if plain and (breaks or not out or out[-1].endswith(("\n", " "))):
            piece = piece.lstrip(" ")
        if not piece:
            continue
        if breaks and out:
            out[-1] = out[-1].rstrip(" \n") if isinstance(out[-1], _Preformatted) else out[-1].rstrip()
            out.append("\n" * breaks)
        breaks = 0
        out.append(piece)
    return "".join(out).strip()


def html_of(text: str | None) -> str:
    """Plain text as HTML that shows exactly that text: every character escaped, a blank line starts a
    paragraph and a line break is a <br>. What a feed's description or content:encoded needs."""
    paragraphs = re.split(r"\n[ \t]*\n", clean_text(text).strip())
    return "".join(
        "<p>" + "<br>".join(str(escape(line.strip())) for line in paragraph.split("\n") if line.strip()) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def description_text(item) -> str:
    """`text_of` a contribution's description (its rendered `content`), worked out once per item: the
    feeds, calendars and JSON-LD all ask for it (the items are made afresh for each build)."""
    found = item.__dict__.get("_description_text")
    if found is None:
        found = item.__dict__["_description_text"] = text_of(item.content)
    return found


# --- addresses ----------------------------------------------------------------------------------------

# The characters an address may hold as they are (RFC 3986 reserved ones and "%" of existing escapes):
# quote() percent-encodes everything else (spaces, quotes, <, >, controls, line breaks, non-ASCII).
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~"
WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = ("http", "https", "mailto")


def web_address(url: str | None, schemes: tuple[str, ...] = WEB_SCHEMES) -> str | None:
    """An http(s) address as it can be written into an attribute, a feed, a calendar or a playlist; None
    for anything else. Nothing is dropped silently, as a browser would drop a tab inside "java\\tscript:":
    what cannot be in an address is percent-encoded first, so such a string has no scheme and is refused."""
    if not url:
        return None
    address = quote(_SURROGATE.sub("\ufffd", str(url)), safe=_URL_SAFE)
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme != "mailto" and not parts.netloc) or (scheme == "mailto" and not parts.path):
        return None
    return address


def link_address(url: str | None) -> str | None:
    """`web_address`, mailto: addresses too (an organizer's contact link)."""
    return web_address(url, LINK_SCHEMES)


def page_address(url: str | None) -> str | None:
    """An address the site made for one of its own pages or feeds: http(s), or root-relative in a build
    without SITEURL (`make html`); percent-encoded where needed, None for anything else."""
    if url and str(url).startswith("/") and not str(url).startswith("//"):
        return quote(_SURROGATE.sub("\ufffd", str(url)), safe=_URL_SAFE)
    return web_address(url)


def site_path(path: str | None) -> str | None:
    """A file of the site (images/poster.jpg, media/story one.mp3) as the path of its address: each
    segment percent-encoded, so that no character of a file name is read as part of the address's
    syntax; None for a path that is not plainly relative (empty, absolute, with `.` or `..` segments)
    or that holds a control character or a line break (no file of a site is named so)."""
    if not path or _CONTROL.search(str(path)):
        return None
    segments = str(path).split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    return "/".join(quote(_SURROGATE.sub("\ufffd", segment), safe="") for segment in segments)


_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def site_file(src: str | None) -> str | None:
    """The path of `src` when it names a file of the site rather than a web address (as the writers
    read it, scheme first), else None."""
    if not src or _SCHEME.match(str(src)) or str(src).startswith("//"):
        return None
    return site_path(src)


def media_address(src: str | None, absolute) -> str | None:
    """A picture's or recording's address from its validated `src`: a web address when it names a scheme,
    else the site's own file, through `absolute(path)` (the site's address maker); None when neither."""
    if not src:
        return None
    path = site_file(src)
    if path is not None:
        return absolute(path)
    return web_address(src) if _SCHEME.match(str(src)) else None


# --- JSON ---------------------------------------------------------------------------------------------


def json_bytes(document: Any, indent: int | None = 2) -> bytes:
    """A JSON file in UTF-8 (controls are escaped by json itself; a lone surrogate, which UTF-8 cannot
    encode, becomes U+FFFD)."""
    text = json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
    return _SURROGATE.sub("\ufffd", text).encode("utf-8")
