"""The one way kiosque translates: gettext catalogues, read with Babel, for the theme, the bridge, `make check`
and the agenda alike.

A domain is a set of catalogues kept beside what it translates: `<folder>/<domain>.pot` (the English source,
written by `make catalogues`) and `<folder>/<lang>/LC_MESSAGES/<domain>.po` per language. Texts are written in
English in the code (the msgid); a language is offered as soon as its .po exists, so adding a language is adding
catalogues, with nothing to change in Python. A .po is compiled in memory once per process (and again only when
the file changes); a message it lacks stays in English.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

SOURCE_LANGUAGE = "en"
_PERCENT = re.compile(r"%\((\w+)\)[sd]")


@dataclass(frozen=True)
class Catalogues:
    """The catalogues of one domain. `placeholders` is the one style its texts use: "format" (`{name}`, filled
    by str.format) or "percent" (`%(name)s`, as Jinja's and the bridge's gettext fill them)."""

    folder: Path
    domain: str
    placeholders: str = "format"

    @property
    def source_file(self) -> Path:
        return self.folder / f"{self.domain}.pot"

    def po_file(self, language: str) -> Path:
        return self.folder / language / "LC_MESSAGES" / f"{self.domain}.po"

    def languages(self) -> list[str]:
        """English (the source) and every language with a catalogue, in alphabetical order after English."""
        found = sorted(path.parent.parent.name for path in self.folder.glob(f"*/LC_MESSAGES/{self.domain}.po"))
        return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]

    def translations(self, language: str) -> gettext.NullTranslations:
        """The domain's texts in `language`; English (the source) for a language without a catalogue."""
        po_file = self.po_file(language)
        try:
            stamp = po_file.stat()
        except OSError:
            return gettext.NullTranslations()
        return _compiled(po_file, language, stamp.st_mtime_ns, stamp.st_size)

    def names_in(self, text: str) -> list[str]:
        """The placeholders of a text, in order, as this domain writes them."""
        if self.placeholders == "percent":
            return _PERCENT.findall(text)
        return [name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None]

    def problems(self, language: str) -> list[str]:
        """What `language`'s catalogue lacks against the source (.pot): a text missing, untranslated or marked
        fuzzy, or a translation whose placeholders are not the source's."""
        translated = {(message.context, message.id): message for message in read_catalogue(self.po_file(language))}
        found = []
        for wanted in read_catalogue(self.source_file):
            if not wanted.id:
                continue
            name = f"{wanted.context} | {wanted.id}" if wanted.context else wanted.id
            message = translated.get((wanted.context, wanted.id))
            if message is None or untranslated(message):
                found.append(f"not translated: {name}")
            elif message.fuzzy:
                found.append(f"fuzzy: {name}")
            else:
                sources = wanted.id if isinstance(wanted.id, tuple) else (wanted.id,)
                forms = message.string if isinstance(message.string, tuple) else (message.string,)
                expected = sorted(self.names_in(sources[-1]))
                for form in forms:
                    if sorted(self.names_in(form)) != expected:
                        found.append(f"placeholders {sorted(self.names_in(form))} instead of {expected}: {name}")
        return found

    def refresh(self, source: Catalog, shown_from: Path) -> dict[str, int]:
        """Write `source` as the .pot and merge it into each language's .po, keeping the translations made;
        say how many texts each language still lacks."""
        with self.source_file.open("wb") as handle:
            write_po(handle, source, omit_header=True, no_location=True, width=120, sort_output=False)
        missing = {}
        for language in self.languages()[1:]:
            po_file = self.po_file(language)
            with po_file.open("rb") as handle:
                catalogue = read_po(handle)
            created = catalogue.creation_date  # a refresh that changes no text changes no file
            catalogue.update(source, no_fuzzy_matching=True)
            catalogue.creation_date = created
            with po_file.open("wb") as handle:
                write_po(handle, catalogue, no_location=True, width=120, ignore_obsolete=True)
            missing[language] = sum(1 for message in catalogue if untranslated(message))
            print(f"{po_file.relative_to(shown_from)}: {missing[language]} text(s) to translate")
        return missing


@functools.lru_cache(maxsize=256)
def _compiled(po_file: Path, language: str, _mtime: int, _size: int) -> gettext.GNUTranslations:
    with po_file.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def untranslated(message: Message) -> bool:
    """A message with no translation, or a plural with a form missing."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and not all(forms)


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def source(texts: Iterable[tuple[str, str]], notes: dict[str, str] | None = None) -> Catalog:
    """A domain's texts to translate, given as (msgctxt, English text) in the order they are written in the code;
    `notes` adds a comment for translators to a msgctxt."""
    catalogue = Catalog(project="kiosque")
    for context, text in texts:
        comments = [notes[context]] if notes and context in notes else []
        catalogue.add(text, context=context, auto_comments=comments)
    return catalogue


def kernel_domains() -> list[tuple[Catalogues, Callable[[], Catalog]]]:
    """The kernel's domains, each with what gathers its English texts: `check` (`make check`'s messages, for
    contributors) and `vocabularies` (the default labels and licences, shown to readers and contributors)."""
    from contributions.checking import messages  # imported here: both modules read their catalogues with this one
    from contributions.schemas import vocabularies

    return [(messages.CATALOGUES, messages.to_translate), (vocabularies.CATALOGUES, vocabularies.to_translate)]
