"""The texts of a partner's event made safe to publish: a title on one line, a description as clean Markdown
(HTML sanitised with nh3, then written as Markdown by markdownify), a place's words read as a name and an
address. Everything a partner's calendar says is untrusted: scripts, `javascript:` links and raw HTML never
survive, and Jinja's `{{ }}` stays the plain text it is (nothing renders a contribution's text as a template)."""

from __future__ import annotations

import re
import unicodedata

import nh3
from markdownify import markdownify

from contributions import markup, scrubbed

TITLE_LIMIT = 300  # the schema's Text
TEXT_LIMIT = 20_000  # what an agenda's description needs; far under Markdown's bounds (markup.structure_problem)

# What a description may keep of its HTML before it becomes Markdown: structure and links, nothing active.
_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "code"}
_TAGS |= {"pre", "hr", "div", "span"}
_SCHEMES = {"http", "https", "mailto"}
_LOOKS_HTML = re.compile(r"<\s*(?:/?\s*(?:p|br|b|strong|i|em|u|a|ul|ol|li|div|span|h\d|blockquote)\b|!--)", re.I)
_SCRIPT_SCHEMES = re.compile(r"(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:|data\s*:\s*text/html", re.I)
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_BREAK_BEFORE_PARAGRAPH = re.compile(r" +\n\n")
HARD_BREAK = "  "  # Python-Markdown's hard line break: two spaces ending a line
# Plain text: what Markdown (and the "extra" extensions the site uses: tables, attribute lists, abbreviations,
# footnotes, fenced code) reads as markup, anywhere in a line ('&' too: '&lt;' as written shows as written).
_MARKUP = re.compile(r"[\\`*_\[\]{}|~<>&!#]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "~": "&#126;", "|": "&#124;", ":": "&#58;", "=": "&#61;"}
_LINE_START = re.compile(r"^[-+=:]")  # a list, a heading's underline, a definition (after the rest is escaped)
_NUMBERED = re.compile(r"^(\d+)\.(?=\s|$)")  # "1. " would start a numbered list
_BARE_ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.I)
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"/?#]+\.[^\s<>\"]*$", re.I)
_NOT_ADDRESS_END = ".,;:!?'\")»"


def one_line(value: object, limit: int = TITLE_LIMIT) -> str:
    """A text for a one-line field: control characters dropped, line breaks and runs of spaces as one space,
    cut at a word under `limit` characters."""
    text = _SPACES.sub(" ", scrubbed(str(value or ""))).strip()
    return cut_words(text, limit)


def cut_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def description(plain: str | None, rich: str | None) -> tuple[str, bool]:
    """The Markdown of an event's description, and whether it was cut. `rich` is X-ALT-DESC's HTML; a
    DESCRIPTION is plain text, which shows as written (its line breaks kept, its web addresses as links), unless
    it holds HTML tags: Google Calendar, Mobilizon, Gancio and rich-text editors write their descriptions in HTML
    there, so tags are read as HTML (sanitised) whoever wrote them, and a text without tags is never markup."""
    use_rich = bool(rich and rich.strip())
    source = rich if use_rich else plain
    if not source or not source.strip():
        return "", False
    size = len(source)
    source = scrubbed(source[: TEXT_LIMIT * 3])  # far more than is kept: a 50 MB text is not worth converting
    if use_rich or _LOOKS_HTML.search(source):
        text = _SCRIPT_SCHEMES.sub("", _from_html(source))
    else:
        text = _from_plain(source)
    text = _BLANK_LINES.sub("\n\n", "\n".join(_line_end(line) for line in text.split("\n"))).strip()
    text = _BREAK_BEFORE_PARAGRAPH.sub("\n\n", text)
    text, cut = _within_bounds(text)
    return text.rstrip(), cut or size > TEXT_LIMIT * 3


def _line_end(line: str) -> str:
    """A line without its trailing spaces, but for Markdown's hard line break (two spaces) where there is one."""
    kept = line.rstrip()
    return kept + HARD_BREAK if kept and line.endswith(HARD_BREAK) else kept


def _from_html(source: str) -> str:
    cleaned = nh3.clean(
        source,
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes=_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=None,
    )
    text = markdownify(
        cleaned,
        heading_style="ATX",
        bullets="-",
        autolinks=False,
        escape_misc=False,
        newline_style="SPACES",  # <br>: two spaces ending the line, the hard line break of the site's Markdown
    )
    return _inert(text)


def _from_plain(source: str) -> str:
    """Plain text as Markdown that shows it as written: each character that Markdown (with its "extra"
    extensions) would read as markup escaped, each line break a hard line break, empty lines between
    paragraphs, and web addresses (http, https) as Markdown's autolinks."""
    lines = [line.strip() for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    written = [_plain_line(line) for line in lines]
    return "\n".join(
        line + HARD_BREAK if line and index + 1 < len(written) and written[index + 1] else line
        for index, line in enumerate(written)
    )


def _plain_line(line: str) -> str:
    parts: list[str] = []
    position = 0
    for found in _BARE_ADDRESS.finditer(line):
        address = found.group()
        while address and address[-1] in _NOT_ADDRESS_END and not (address[-1] == ")" and "(" in address):
            address = address[:-1]
        if not _WEB_ADDRESS.match(address):
            continue
        parts.append(_escaped(line[position : found.start()], at_start=position == 0))
        parts.append(f"<{address}>")
        position = found.start() + len(address)
    parts.append(_escaped(line[position:], at_start=position == 0))
    return "".join(parts)


def _escaped(text: str, at_start: bool) -> str:
    text = _MARKUP.sub(lambda match: _ENTITIES.get(match[0], "\\" + match[0]), text)
    text = _SCRIPT_SCHEMES.sub(lambda match: match[0].replace(":", "&#58;", 1), text)  # text, never a link's scheme
    if at_start:
        text = _LINE_START.sub(lambda match: _ENTITIES.get(match[0], "\\" + match[0]), text, count=1)
        text = _NUMBERED.sub(r"\1\\.", text, count=1)
    return text


def _inert(text: str) -> str:
    """No raw HTML in the Markdown: a '<' is written as the entity, which Markdown shows as '<'."""
    return text.replace("<", "&lt;")


def _within_bounds(text: str) -> tuple[str, bool]:
    """`text` cut at a paragraph under TEXT_LIMIT (and under Markdown's bounds), and whether it was cut."""
    cut = False
    if len(text) > TEXT_LIMIT:
        head = text[:TEXT_LIMIT]
        end = head.rfind("\n\n")
        text = (head[:end] if end > TEXT_LIMIT // 4 else cut_words(head, TEXT_LIMIT)).rstrip()
        cut = True
    while text and (problem := markup.structure_problem(text)) is not None:
        end = text.rfind("\n\n", 0, problem.offset) if problem.offset else -1
        text = text[:end].rstrip() if end > 0 else ""
        cut = True
    return text, cut


# --- places ---------------------------------------------------------------------------------------

_POSTAL_TOWN = re.compile(r"^(?:[A-Z]{1,2}-)?(\d{4,5})\s+(\S.*)$")  # 69007 Lyon, D-33098 Paderborn
_POSTAL_AFTER = re.compile(r"^(\S.*?)\s+(\d{4,5})$")  # Paderborn 33098


def folded(text: str) -> str:
    """`text` for comparing names: lower case, without accents, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", plain)).strip()


def name_and_address(location: str) -> tuple[str, dict | None]:
    """A LOCATION read as a place's name and its address ({street, postal_code, city[, country]}), the
    address None when the words do not hold a street and a town. The first line is the name; on one line,
    Gancio writes 'name - address', most others 'name, street, postal code town, country'."""
    lines = [line.strip() for line in scrubbed(location).replace("\\n", "\n").split("\n") if line.strip()]
    if not lines:
        return "", None
    if len(lines) > 1:
        name, rest = lines[0].rstrip(","), ", ".join(lines[1:])
    elif " - " in lines[0]:
        name, rest = (part.strip() for part in lines[0].split(" - ", 1))
    else:
        name, _, rest = (part.strip() for part in lines[0].partition(","))
    parts = [part.strip() for part in rest.split(",") if part.strip()]
    country = _country(parts[-1]) if len(parts) > 1 else None
    if country:
        parts = parts[:-1]
    for index, part in enumerate(parts):
        town = _POSTAL_TOWN.match(part) or _POSTAL_AFTER.match(part)
        if town and index > 0 or town and index == 0 and _is_street(name):
            postal, city = (town[1], town[2]) if town.re is _POSTAL_TOWN else (town[2], town[1])
            street = ", ".join(parts[:index]) if index else name
            return _place(name, street, city, postal, country)
    if len(parts) >= 2:
        return _place(name, ", ".join(parts[:-1]), parts[-1], None, country)
    return one_line(name), None


def _is_street(text: str) -> bool:
    return bool(re.match(r"^\d", text))


def _place(name, street, city, postal, country) -> tuple[str, dict]:
    address = {"street": one_line(street), "postal_code": postal, "city": one_line(city), "country": country}
    return one_line(name), {key: value for key, value in address.items() if value}


def _country(text: str) -> str | None:
    """The ISO code of a country named in a place's last words, if it is one."""
    import pycountry

    names = {"deutschland": "DE", "allemagne": "DE", "belgique": "BE", "belgie": "BE", "suisse": "CH"}
    names |= {"schweiz": "CH", "espana": "ES", "italia": "IT", "nederland": "NL", "osterreich": "AT"}
    key = folded(text)
    if key in names:
        return names[key]
    if not re.fullmatch(r"[a-z ]{2,40}", key):
        return None
    try:
        return pycountry.countries.lookup(text.strip()).alpha_2
    except LookupError:
        return None
