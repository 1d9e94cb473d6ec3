"""The hostile corpus of issue 16: the strings a stranger's pull request may hold, each with how it is
written in a YAML field and in a Markdown description.

Four families:
- `xss`: public payloads (corpus/xss-payloadsallthethings.txt, MIT, its header says where each list comes
  from); they call alert/prompt/confirm as published, and the browser records every dialog;
- `marker`: ours, one per technique (script, handler, attribute and CDATA breakouts, entities that a
  careless `striptags()` turns back into markup, Markdown links, mutation XSS...); they call the probe
  `kiosqueRan(<number of the file>)` that the browser test defines, so an execution names its file;
- `url`: crafted addresses, with the tabs, line breaks and control characters that browsers strip when
  they parse a URL inside `javascript:`, `vbscript:` and `data:`, and remote trackers in disguise;
- `odd`: what is merely unusual, from the YAML test suite (corpus/yaml-test-suite.json, MIT) and our own:
  control characters, non-characters, lone surrogates, bidirectional overrides, line breaks, tabs, anchors,
  tags, values of the wrong shape, lengths at the limits, and injections into iCal, M3U8 and feeds.

`KQID` in a string is replaced by the number of the file that holds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
PROBE = "kiosqueRan"


@dataclass(frozen=True)
class Entry:
    key: str  # names the entry in file names and reports: xss-012, marker-03, url-05, odd-x01, yts-G4RS-a
    family: str  # xss, marker, url, odd
    source: str
    yaml: str  # the value as written after `field: ` (continuation lines indented as under a top-level key)
    text: str | None  # the same in a Markdown description; None when it only makes sense as YAML
    roles: tuple = ("text", "markdown", "body", "url", "value")  # the fields it goes to (hostile_fields.py)

    def written(self, number: int) -> tuple[str, str | None]:
        """(yaml, text) with the probe's argument set to the file's number."""
        mark = str(number)
        return self.yaml.replace("KQID", mark), None if self.text is None else self.text.replace("KQID", mark)


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly (escapes for what YAML may not hold raw)."""
    out = ['"']
    for character in text:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif character == "\n":
            out.append("\\n")
        elif character == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF, 0xFEFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(character)
    return "".join(out) + '"'


def xss_payloads() -> list[Entry]:
    """The public payloads, in the order of the data file (sections `#| from: <list>`)."""
    entries, source = [], ""
    lines = (CORPUS / "xss-payloadsallthethings.txt").read_text(encoding="utf-8").split("\n")
    for line in lines[lines.index("#| end of header") + 1 :]:
        if line.startswith("#| from: "):
            source = "PayloadsAllTheThings " + line.removeprefix("#| from: ")
        elif line:
            entries.append(Entry(f"xss-{len(entries):03d}", "xss", source, quoted(line), line))
    return entries


# Those written into every one-line text field too (the others go into descriptions only): what escapes
# an HTML attribute, an inline script, a CDATA section or a comment, and what striptags() revives.
IN_TEXT = {0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 21}
# Those written into every field that holds an address too: valid-looking web addresses.
IN_URL = {22, 23, 24}

MARKERS = [
    "<script>kiosqueRan(KQID)</script>",
    "<img src=x onerror=kiosqueRan(KQID)>",
    "<svg onload=kiosqueRan(KQID)>",
    '"><img src=x onerror=kiosqueRan(KQID)>',
    "'><img src=x onerror=kiosqueRan(KQID)>",
    "</script><script>kiosqueRan(KQID)</script>",  # out of JSON-LD and inline scripts
    "]]><script>kiosqueRan(KQID)</script><![CDATA[",  # out of a feed's CDATA section
    "--><script>kiosqueRan(KQID)</script><!--",
    "</title></textarea></style><script>kiosqueRan(KQID)</script>",
    "&lt;img src=x onerror=kiosqueRan(KQID)&gt;",  # text on the page; markup again after striptags()
    "&lt;script&gt;kiosqueRan(KQID)&lt;/script&gt;",
    "<details open ontoggle=kiosqueRan(KQID)>",
    '<iframe srcdoc="<script>parent.kiosqueRan(KQID)</script>"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=kiosqueRan(KQID)>",  # mutation XSS
    '<noscript><p title="</noscript><img src=x onerror=kiosqueRan(KQID)>">',
    "<scr<script>ipt>kiosqueRan(KQID)</scr</script>ipt>",
    "[clic](javascript:kiosqueRan(KQID))",
    '![x](x" onerror="kiosqueRan(KQID))',
    '<a href="jav&#x09;ascript:kiosqueRan(KQID)">clic</a>',
    '<object data="javascript:kiosqueRan(KQID)"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:kiosqueRan(KQID)">',
    "\u2028<script>kiosqueRan(KQID)</script>",
    'https://ok.example/"onmouseover="kiosqueRan(KQID)',  # valid-looking web addresses
    "https://ok.example/</script><script>kiosqueRan(KQID)</script>",
    "https://ok.example/]]><script>kiosqueRan(KQID)</script>",
]

URLS = [
    "javascript:kiosqueRan(KQID)",
    "java\tscript:kiosqueRan(KQID)",
    "java\nscript:kiosqueRan(KQID)",
    "\x01javascript:kiosqueRan(KQID)",
    " JaVaScRiPt:kiosqueRan(KQID)",
    "javascript\t:kiosqueRan(KQID)",
    "java\tscript:kiosqueRan(KQID)//://",  # holds '://', as the web addresses that are not checked further
    "jav&#x09;ascript:kiosqueRan(KQID)",
    "&#106;avascript:kiosqueRan(KQID)",
    "vb\tscript:msgbox(KQID)",
    "d\ta\tt\ta:text/html,<script>parent.kiosqueRan(KQID)</script>",
    "data:text/html,<script>parent.kiosqueRan(KQID)</script>",
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='parent.kiosqueRan(KQID)'/>",
    "ht\ttps://tracker.example/pixel.gif",
    "h\nttps://tracker.example/pixel.gif",
    "https:\t//tracker.example/pixel.gif",
    "//tracker.example/pixel.gif",
    "\\\\tracker.example\\pixel.gif",
    "https://tracker.example/pixel.gif",
    "images/affiche.jpg?://tracker.example",
]


def _url_text(url: str) -> str:
    """A crafted address in a description: a Markdown link, a Markdown picture and raw HTML."""
    return f'[lien]({url})\n\n![photo]({url})\n\n<a href="{url}">lien</a> <img src="{url}" alt="photo">\n'


def own_payloads() -> list[Entry]:
    markers = [
        Entry(
            f"marker-{i:02d}",
            "marker",
            "kiosque (ours)",
            quoted(text),
            text,
            ("markdown", "body") + (("text",) if i in IN_TEXT else ()) + (("url",) if i in IN_URL else ()),
        )
        for i, text in enumerate(MARKERS)
    ]
    urls = [
        Entry(f"url-{i:02d}", "url", "kiosque (ours)", quoted(url), _url_text(url), ("url", "markdown", "body"))
        for i, url in enumerate(URLS)
    ]
    return markers + urls


# Characters that copy-paste from word processors and PDFs brings, and worse: each inside a title-like text.
_ESCAPED = {
    "x00": "\\x00",
    "x01": "\\x01",
    "x08": "\\x08",
    "x0b": "\\x0b",
    "x0c": "\\x0c",
    "x1b": "\\x1b",
    "ansi": "\\x1b[31mrouge\\x1b[0m",
    "x7f": "\\x7f",
    "x85": "\\x85",
    "x9b": "\\x9b",
    "cr": "\\r",
    "crlf": "\\r\\n",
    "lf": "\\n",
    "tab": "\\t",
    "ud800": "\\ud800",
    "udfff": "\\udfff",
    "ufffe": "\\ufffe",
    "uffff": "\\uffff",
    "ufdd0": "\\ufdd0",
    "U1fffe": "\\U0001FFFE",
    "U10ffff": "\\U0010FFFF",
    "u202e": "\\u202e",
    "u2066": "\\u2066",
    "u200b": "\\u200b",
    "ufeff": "\\ufeff",
    "u2028": "\\u2028",
    "u2029": "\\u2029",
    "yaml0": "\\0",
}
# The same written as they are in the file, not escaped.
_RAW = {
    "raw-u202e": "\u202e",
    "raw-u200b": "\u200b",
    "raw-x0b": "\x0b",
    "raw-x1b": "\x1b",
    "raw-x85": "\x85",
    "raw-u2028": "\u2028",
    "raw-tab": "\t",
    "raw-x7f": "\x7f",
    "raw-ufeff": "\ufeff",
}


def _unescape(escaped: str) -> str:
    return escaped.encode("ascii").decode("unicode_escape") if escaped != "\\0" else "\x00"


def odd_strings() -> list[Entry]:
    entries = []

    def odd(key: str, yaml: str, text: str | None, source: str = "kiosque (ours)") -> None:
        entries.append(Entry(f"odd-{key}", "odd", source, yaml, text))

    for key, escape in _ESCAPED.items():
        odd(key, f'"Concert {escape} fin"', f"Concert {_unescape(escape)} fin")
    for key, character in _RAW.items():
        odd(key, f"Concert {character} fin", f"Concert {character} fin")
    odd("literal", "|\n  Première ligne\n  Seconde ligne", "Première ligne\nSeconde ligne\n")
    odd("folded", ">\n  Première ligne\n  seconde ligne", None)
    odd("keep", "|+\n  Deux lignes\n  vides après\n\n", None)
    odd("plain-2-lines", "Première ligne\n  seconde ligne", None)
    odd("single-2-lines", "'Première ligne\n\n  seconde ligne'", None)
    odd("block-dashes", "|\n  avant\n  ---\n  après", "avant\n---\naprès\n")
    odd("anchor", "&ancre Concert ancré", None)
    odd("alias", "*ancre", None)
    for key, tagged in {
        "tag-str": "!!str 2026",
        "tag-binary": "!!binary Q29uY2VydA==",
        "tag-custom": "!kiosque Concert",
        "tag-python": '!!python/object/apply:os.system ["echo kiosque-pwned > /tmp/kiosque-pwned"]',
        "tag-python-name": "!!python/name:os.system",
        "tag-int": "!!int 42",
        "tag-float": "!!float 4.5",
        "tag-bool": "!!bool true",
        "tag-null": "!!null ''",
        "tag-timestamp": "!!timestamp 2026-12-01",
        "tag-set": "!!set {a, b}",
        "tag-omap": "!!omap [a: 1]",
        "tag-verbatim": "!<tag:yaml.org,2002:str> Concert",
        "tag-nonspecific": "! Concert",
    }.items():
        odd(key, tagged, None)
    for key, value in {
        "null": "~",
        "null-word": "null",
        "empty-list": "[]",
        "empty-map": "{}",
        "list": "[2026-12-12]",
        "map": "{a: 1}",
        "int": "42",
        "negative": "-1",
        "float": "4.5",
        "nan": ".nan",
        "inf": ".inf",
        "bool": "true",
        "hex": "0x1F",
        "huge-float": "1e400",
        "huge-int": "123456789012345678901234567890",
        "date": "2026-12-01",
        "datetime": "2026-12-01 20:30",
        "none-word": '"None"',
        "empty": "''",
        "spaces": "'   '",
        "python-list": "\"['2026-12-12']\"",
        "python-dict": "\"{'a': 1}\"",
    }.items():
        odd(key, value, None)
    odd("len-300", quoted("é" * 300), "é" * 300)
    odd("len-301", quoted("a" * 301), None)
    odd("len-20001", quoted("Texte " * 3334), "Texte " * 3334)
    for key, value in {
        "arabic": "حفلة موسيقية في الحديقة",
        "combining": "Cafe\u0301 conce\u0301rt",
        "zalgo": "Z\u0337\u0322a\u0338l\u0336g\u0335o\u0334",
        "emoji": "Concert 🎻🎉",
        "homoglyph": "Сoncert",
        "fullwidth": "Ｃｏｎｃｅｒｔ",
    }.items():
        odd(key, quoted(value), value)
    for key, value in {  # injections into the formats a text is written to
        "ical-attach": "Concert\r\nATTACH:https://tracker.example/pixel.gif",
        "ical-vevent": "Concert\nEND:VEVENT\nBEGIN:VEVENT\nUID:piege@tracker.example\nSUMMARY:Piège",
        "ical-param": 'Concert";X-PIEGE=1:mailto:piege@tracker.example',
        "m3u8": "Titre\n#EXTINF:1,Piège\nhttps://tracker.example/evil.mp3",
        "feed-cdata": "]]></description><item><title>Piège</title><link>https://tracker.example/</link></item>",
        "json-quote": '", "url": "https://tracker.example/',
        "csv-formula": '=HYPERLINK("https://tracker.example")',
    }.items():
        odd(key, quoted(value), value)
    data = json.loads((CORPUS / "yaml-test-suite.json").read_text(encoding="utf-8"))
    for item in data["entries"]:
        entries.append(Entry(item["key"], "odd", item["from"], item["yaml"], item["text"]))
    return entries


def corpus() -> list[Entry]:
    return xss_payloads() + own_payloads() + odd_strings()
