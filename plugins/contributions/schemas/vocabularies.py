"""Default vocabularies: the words contributors choose from, each with its label for readers.

A site replaces any of them in `pelicanconf.py` (KIOSQUE_CATEGORIES, ...), giving its own labels per language
({"concert": {"fr": "Concert", "en": "Concert"}}). The keys are what contributors write in their files; the
labels are what readers see. The defaults' labels are written here in English and translated in the
`vocabularies` catalogues (`contributions/translations/<lang>/LC_MESSAGES/vocabularies.po`, the vocabulary's
name as msgctxt): a language with a catalogue gets its labels with nothing to change here.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from contributions.translating import Catalogues, source

CATALOGUES = Catalogues(Path(__file__).resolve().parent.parent / "translations", "vocabularies")

CATEGORIES = {
    "concert": "Concert",
    "show": "Show",
    "film": "Film",
    "exhibition": "Exhibition",
    "reading": "Reading",
    "talk": "Talk",
    "workshop": "Workshop",
    "walk": "Walk",
    "open-mic": "Open mic",
    "games": "Games",
    "market": "Market",
    "festival": "Festival",
    "repair-cafe": "Repair café",
    "party": "Party",
    "radio": "Radio, podcast",
}

AUDIENCES = {
    "all-ages": "All ages",
    "children": "Children",
    "teens": "Teenagers",
    "adults": "Adults",
    "seniors": "Seniors",
    "families": "Families",
}

ACCESSIBILITY = {
    "wheelchair": "Wheelchair accessible",
    "hearing-loop": "Hearing loop",
    "sign-language": "Sign language interpretation",
    "subtitles": "Subtitles",
    "audio-description": "Audio description",
    "easy-to-read": "Easy to read",
    "relaxed-performance": "Relaxed performance",
    "large-print": "Large print",
}

PRICE_KINDS = {
    "free": "Free",
    "pay-what-you-can": "Pay what you can",
    "hat": "Pass the hat",
    "paid": "Paid",
}

# A licence's name (msgctxt "licences"), its address and what a reader may do with the story (msgctxt
# "licence terms", `{credit}` being who to credit).
LICENCES = {
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "You may share and adapt this story, even commercially, crediting {credit} and sharing your version under "
        "the same licence.",
    ),
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "You may share and adapt this story, even commercially, crediting {credit}.",
    ),
    "CC-BY-NC-SA-4.0": (
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "You may share and adapt this story for non-commercial purposes, crediting {credit} and sharing your "
        "version under the same licence.",
    ),
    "CC0-1.0": (
        "Public domain (CC0 1.0)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "This story is in the public domain: you may use it freely, without asking.",
    ),
}

# Event statuses are part of the calendar standards (iCal STATUS, schema.org eventStatus): not a setting.
STATUSES = {
    "scheduled": "Scheduled",
    "cancelled": "Cancelled",
    "postponed": "Postponed",
    "rescheduled": "Rescheduled",
    "moved-online": "Moved online",
    "full": "Full",
}

# setting name -> default; the vocabulary's name in schemas is the setting name without the prefix, lowercased.
SETTINGS = {
    "KIOSQUE_CATEGORIES": CATEGORIES,
    "KIOSQUE_AUDIENCES": AUDIENCES,
    "KIOSQUE_ACCESSIBILITY": ACCESSIBILITY,
    "KIOSQUE_PRICE_KINDS": PRICE_KINDS,
}


def labelled(name: str, words: dict[str, str]) -> dict[str, dict[str, str]]:
    """{word: {language: label}} for every language with a catalogue, from the English labels."""
    languages = _translated_first(CATALOGUES.languages())
    translations = {language: CATALOGUES.translations(language) for language in languages}
    return {
        word: {language: translations[language].pgettext(name, label) for language in languages}
        for word, label in words.items()
    }


def licences() -> dict[str, dict]:
    """{code: {language: name, "url": address, "terms": {language: sentence}}}."""
    languages = _translated_first(CATALOGUES.languages())
    translations = {language: CATALOGUES.translations(language) for language in languages}
    return {
        code: {
            **{language: translations[language].pgettext("licences", name) for language in languages},
            "url": url,
            "terms": {language: translations[language].pgettext("licence terms", terms) for language in languages},
        }
        for code, (name, url, terms) in LICENCES.items()
    }


def _translated_first(languages: list[str]) -> list[str]:
    """The translations, then the English source: the order the labels were always given in."""
    return [*languages[1:], languages[0]]


def from_settings(settings: dict) -> dict[str, dict]:
    """The vocabularies in force for a site: its settings where given, the defaults elsewhere."""
    vocabularies = {}
    for setting, default in SETTINGS.items():
        name = setting.removeprefix("KIOSQUE_").lower()
        vocabularies[name] = dict(settings.get(setting) or labelled(name, default))
    vocabularies["licences"] = dict(settings.get("KIOSQUE_LICENCES") or licences())
    vocabularies["statuses"] = labelled("statuses", STATUSES)
    return vocabularies


def to_translate() -> Catalog:
    """The `vocabularies` domain's texts: the default labels under their vocabulary's name, the licences."""
    vocabularies = [(name.removeprefix("KIOSQUE_").lower(), words) for name, words in SETTINGS.items()]
    return source(
        [
            *((name, label) for name, words in [*vocabularies, ("statuses", STATUSES)] for label in words.values()),
            *(("licences", name) for name, _url, _terms in LICENCES.values()),
            *(("licence terms", terms) for _name, _url, terms in LICENCES.values()),
        ]
    )
