"""Every sentence a contributor may read, and how it is filled in.

The sentences are written in English in `wording_files.py` (a file as a whole) and `wording_fields.py` (one
field), each under a code that the checks use; their translations are in the `check` catalogues
(`contributions/translations/<lang>/LC_MESSAGES/check.po`, the code as msgctxt, the English as msgid). They
say what was expected, what was found and how to fix it, in plain words: no type names, no tracebacks.
`{placeholders}` are filled from the error's context.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from contributions.checking.wording_fields import FIELD_MESSAGES
from contributions.checking.wording_files import FILE_MESSAGES
from contributions.reading.characters import visible
from contributions.translating import Catalogues, source

CATALOGUES = Catalogues(Path(__file__).resolve().parent.parent / "translations", "check")

# How a value that is not a word is named in a message ("found nothing").
SHAPES = {"shape_none": "nothing", "shape_list": "a list", "shape_fields": "indented fields"}

MESSAGES: dict[str, str] = {**FILE_MESSAGES, **FIELD_MESSAGES, **SHAPES}


@functools.cache
def sentences(language: str) -> dict[str, str]:
    """Every message in `language` (English where its catalogue has no translation), looked up once: `make check`
    writes thousands of messages."""
    translations = CATALOGUES.translations(language)
    return {code: translations.pgettext(code, text) for code, text in MESSAGES.items()}


def to_translate() -> Catalog:
    """The `check` domain's texts, each under its code."""
    return source(MESSAGES.items())


def render(code: str, language: str, **context: Any) -> str:
    """The message `code` in `language`, its placeholders filled from `context`."""
    return sentences(language)[code].format(**context)


def describe_value(value: Any, language: str) -> str:
    """How a found value is named in a message: quoted when short, by its shape otherwise."""
    if value is None:
        key = "shape_none"
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, (list, tuple)):
        key = "shape_list"
    elif isinstance(value, dict):
        key = "shape_fields"
    else:
        try:
            text = str(value)
        except ValueError:  # an integer too long to print
            text = "9" * 60 + "..."
        return f"'{visible(text, 57)}'"
    return sentences(language)[key]


def plain(text: Any) -> str:
    """Lowercase without accents, for comparing what was written with what was meant."""
    return "".join(c for c in unicodedata.normalize("NFKD", str(text).lower()) if not unicodedata.combining(c))


def closest(found: Any, allowed, labels: dict | None = None) -> str | None:
    """The allowed word nearest to what was written, if one is near enough to be a typo; with `labels`
    ({word: [labels...]}), a label written instead of its word ('gratuit' for 'free') counts too."""
    written = plain(found)
    by_word = {plain(word): word for word in allowed}
    matches = difflib.get_close_matches(written, list(by_word), n=1, cutoff=0.6)
    if matches:
        return by_word[matches[0]]
    if labels:
        by_label = {plain(label): word for word, names in labels.items() for label in names}
        matches = difflib.get_close_matches(written, list(by_label), n=1, cutoff=0.75)
        if matches:
            return by_label[matches[0]]
        inside = [word for label, word in by_label.items() if len(written) >= 4 and written in label]
        if len(set(inside)) == 1:
            return inside[0]
    return None


class NearWords:
    """Many candidates, already made `plain` by the caller, and for a written word the ones
    `closest(word, [candidate])` would accept. difflib compares the word with each candidate in turn,
    and its first bound alone (the characters both share) was most of the checks across 10,000 files;
    here that bound is counted for all candidates at once, through an index of their characters, and
    difflib's full ratio is worked out only for the candidates that pass it, as they are asked for."""

    def __init__(self, candidates: list[str], cutoff: float = 0.6):
        self.candidates = candidates
        self.cutoff = cutoff
        self._holding: dict[str, list[tuple[int, int]]] = {}  # character -> (candidate, how many times)
        for index, candidate in enumerate(candidates):
            for character, count in Counter(candidate).items():
                self._holding.setdefault(character, []).append((index, count))

    def near(self, found: Any) -> Iterator[bool]:
        """For each candidate, in order: whether it is near enough to `found` to be a typo of it."""
        written = plain(found)
        shared = [0] * len(self.candidates)
        for character, count in Counter(written).items():
            for index, theirs in self._holding.get(character, ()):
                shared[index] += count if count < theirs else theirs
        compare = difflib.SequenceMatcher()
        compare.set_seq2(written)
        for candidate, common in zip(self.candidates, shared):
            length = len(written) + len(candidate)
            bound = 2.0 * common / length if length else 1.0  # difflib's quick_ratio, worked out the same way
            if bound < self.cutoff:
                yield False
                continue
            compare.set_seq1(candidate)
            yield compare.ratio() >= self.cutoff


def suggestion(found: Any, allowed, language: str, labels: dict | None = None) -> str:
    """'; did you mean ...?' when a close word exists, else nothing."""
    near = closest(found, allowed, labels)
    return render("did_you_mean", language, suggestion=near) if near else ""
