"""Which characters a contribution may hold: one rule for every text of every kind, applied when a file
is read, so that what passes `make check` is what every writer of the build can publish.

Refused, with a sentence naming the character (nothing is guessed about what the contributor meant):
control characters other than tab and line breaks (NUL, ESC, DEL, the C1 range), lone surrogates (a
YAML escape such as "\\ud800") and Unicode's non-characters (U+FFFE, U+FFFF...). No feed, calendar or
page can carry them, and they are invisible in an editor and in a pull request's diff.

Silently normalized, because they change nothing a reader sees: line ends to "\\n" (CR LF, CR, NEL and
Unicode's line and paragraph separators), the composed form of accented letters (NFC: "é" typed as "e"
and a combining accent), the zero-width spaces and byte-order marks that copies from word processors
leave (U+200B, U+2060, U+FEFF), and the marks that isolate or embed a text in a direction (U+202A-C,
U+2066-9, which messaging apps put around names): pages give each text its own direction. The joiners
U+200C and U+200D are kept: Persian, Indic scripts and emoji need them.

The kinds of field then apply their own rule (`fields.Text`, `fields.LongText`): a one-line field
refuses line breaks and the overrides that reverse the text after them (U+202D, U+202E), and turns tabs
and form feeds into spaces; a longer text turns form feeds and vertical tabs (Word's manual line break)
into line breaks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

# The refused characters of the first plane, and all characters from U+1FFFE on: the non-characters of
# the other planes (U+1FFFE, U+1FFFF, U+2FFFE...) are found among those by `first_refused` (a class
# listing the 32 of them made the search ten times slower).
_REFUSED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"
)
LINE_ENDS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# zero-width spaces and byte-order marks, and the direction marks that only isolate or embed a text
# (messaging apps put them around names): the page gives each text its own direction itself
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u202a-\u202c\u2066-\u2069]")
_ASCII_PLAIN = re.compile("[ -~\n\t]*")  # the usual case: nothing to look at further
LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")
PAGE_BREAKS = re.compile("[\x0b\x0c]")  # a word processor's line and page breaks: YAML refuses them
PASTED_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")  # and the line ends a PDF or a web page brings
DIRECTION_OVERRIDES = re.compile("[\u202d\u202e]")  # they reverse what follows: "gpj.exe" reads "exe.jpg"
_HIDDEN = {"Cc", "Cf", "Cs", "Cn", "Co", "Zl", "Zp"}  # what a message names by its code point


@dataclass(frozen=True)
class Refused:
    """A character no contribution may hold, and where: the field's path and the offset in its text."""

    path: tuple
    character: str
    offset: int

    @property
    def code_point(self) -> str:
        return code_point(self.character)


def code_point(character: str) -> str:
    """How a character is named to people: U+0001, U+202E."""
    return f"U+{ord(character):04X}"


def first_refused(text: str) -> int | None:
    """The offset of the first refused character of `text`, or None."""
    match = _REFUSED.search(text)
    while match is not None:
        if _refused(match.group()):
            return match.start()
        match = _REFUSED.search(text, match.end())
    return None


def _refused(found: str) -> bool:
    """Whether a character `_REFUSED` found is refused: all are, but those of the other planes that are
    not non-characters."""
    return ord(found) < 0x1FFFE or ord(found) & 0xFFFE == 0xFFFE


def normalized(text: str) -> str:
    """`text` with its line ends, accents and zero-width characters normalized (see the module)."""
    if text.isascii() and _ASCII_PLAIN.fullmatch(text):
        return text
    text = LINE_ENDS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


MAX_FIELDS = 100  # in one block: no schema has that many, and each unknown one is looked up for a suggestion
MAX_ITEMS = 1000  # in one list: as many as a series' dates


def scrubbed(text: str) -> str:
    """`text` as a form may take it without asking: what reading refuses and the direction overrides
    dropped (a person typing in a form cannot see them), then normalized as reading does, so that the
    file written reads back exactly as submitted."""
    return normalized(DIRECTION_OVERRIDES.sub("", PAGE_BREAKS.sub("", without_refused(text))))


def without_refused(text: str) -> str:
    """`text` less the characters reading refuses (the writers' last line of defence uses it too)."""
    return _REFUSED.sub(lambda match: "" if _refused(match.group()) else match.group(), text)


class Oversized(NamedTuple):
    """A block or list far larger than any contribution: where it is, how many fields or items, at most."""

    path: tuple
    count: int
    limit: int


class TextRules:
    """The rules for the texts of one file: each text (names of fields included) normalized, and the
    refused characters collected with their place, so that all of them are told at once; blocks and
    lists far larger than any contribution are noted too (50,000 unknown fields took a check a minute).
    The YAML walk (`yaml_tree`) applies them as it makes each text; `value` walks data made otherwise."""

    def __init__(self) -> None:
        self.refused: list[Refused] = []
        self.oversized: list[Oversized] = []

    def value(self, data, path: tuple = ()):
        if type(data) is str:
            return self.text(data, path)
        if type(data) is dict:
            if len(data) > MAX_FIELDS:
                self.oversized.append(Oversized(path, len(data), MAX_FIELDS))
                return {}
            return {
                self.text(key, path + (key,)) if type(key) is str else key: self.value(item, path + (key,))
                for key, item in data.items()
            }
        if type(data) is list:
            if len(data) > MAX_ITEMS:
                self.oversized.append(Oversized(path, len(data), MAX_ITEMS))
                return []
            return [self.value(item, path + (index,)) for index, item in enumerate(data)]
        return data

    def text(self, text: str, path: tuple) -> str:
        if text.isascii() and _ASCII_PLAIN.fullmatch(text):  # most texts: nothing refused, nothing to change
            return text
        offset = first_refused(text)
        if offset is not None:
            self.refused.append(Refused(path, text[offset], offset))
            return text
        return normalized(text)


def visible(text: str, limit: int = 60) -> str:
    """`text` as a message may quote it: on one line, invisible characters named (⟨U+0009⟩), cut at
    `limit` characters. A quoted value must never spill onto a line of its own nor hide what is wrong."""
    shown = "".join(
        f"⟨{code_point(character)}⟩" if unicodedata.category(character) in _HIDDEN else character
        for character in text[:limit]
    )
    return shown + "..." if len(text) > limit else shown
