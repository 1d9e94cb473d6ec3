"""Every text people read comes from a gettext catalogue: each source (.pot) matches the code, each language
translates all of it with the same placeholders, and a language added as catalogues only is offered."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from agenda import wording as agenda_wording
from bridge import i18n as bridge_i18n
from contributions import Catalogues, messages
from contributions.schemas import vocabularies
from contributions.translating import read_catalogue
from interface.catalogues import DOMAINS

LANGUAGE_CATALOGUES = [
    pytest.param(catalogues, language, id=f"{catalogues.folder.parent.name}-{catalogues.domain}-{language}")
    for catalogues, _texts in DOMAINS
    for language in catalogues.languages()[1:]
]


def _keys(catalogue: Catalog) -> set:
    return {(message.context, message.id) for message in catalogue if message.id}


@pytest.mark.parametrize(
    "catalogues, texts",
    [pytest.param(*domain, id=domain[0].domain + "-" + domain[0].folder.parent.name) for domain in DOMAINS],
)
def test_each_source_catalogue_holds_exactly_the_texts_of_the_code(catalogues, texts):
    """`make catalogues` was run after the last change of a text (else the check below would miss it)."""
    assert _keys(read_catalogue(catalogues.source_file)) == _keys(texts())


INTERFACE_LANGUAGES = ["en", "ar", "de", "es", "fr", "it", "nl", "pl", "pt", "tr"]


def test_every_domain_speaks_every_interface_language():
    """The interface's ten languages (issue 23), each in every domain: a language half there would greet a
    reader in it and then answer in English."""
    assert {catalogues.domain for catalogues, _texts in DOMAINS} == {
        "check",
        "vocabularies",
        "agenda",
        "messages",
        "importing",
    }
    assert all(catalogues.languages() == INTERFACE_LANGUAGES for catalogues, _texts in DOMAINS)


@pytest.mark.parametrize("catalogues, language", LANGUAGE_CATALOGUES)
def test_every_language_translates_every_text_with_the_same_placeholders(catalogues, language):
    assert catalogues.problems(language) == []


def _write(path, language: str, entries: list[tuple[str | None, str, str]]) -> None:
    catalogue = Catalog(locale=language)
    for context, text, translation in entries:
        catalogue.add(text, string=translation, context=context)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue)


def test_a_missing_text_or_a_changed_placeholder_is_found(tmp_path):
    catalogues = Catalogues(tmp_path, "check")
    source = [("summary_ok", "{checked} file(s) checked, no problem found"), ("file_empty", "the file is empty")]
    _write(catalogues.source_file, "en", [(context, text, "") for context, text in source])
    _write(catalogues.po_file("nl"), "nl", [("summary_ok", source[0][1], "{gecontroleerd} bestand(en) gecontroleerd")])
    changed, missing = catalogues.problems("nl")
    assert changed.startswith("placeholders ['gecontroleerd'] instead of ['checked']: summary_ok | {checked} file(s)")
    assert missing == "not translated: file_empty | the file is empty"


@pytest.fixture
def swedish_kernel(tmp_path, monkeypatch):
    """The kernel's catalogues plus a Swedish one holding a single text each, in a folder of their own."""
    folder = tmp_path / "translations"
    shutil.copytree(messages.CATALOGUES.folder, folder)
    _write(
        folder / "sv/LC_MESSAGES/check.po",
        "sv",
        [("summary_ok", messages.MESSAGES["summary_ok"], "{checked} fil(er) kontrollerade, inga problem")],
    )
    _write(folder / "sv/LC_MESSAGES/vocabularies.po", "sv", [("categories", "Show", "Föreställning")])
    monkeypatch.setattr(messages, "CATALOGUES", Catalogues(folder, "check"))
    monkeypatch.setattr(vocabularies, "CATALOGUES", Catalogues(folder, "vocabularies"))
    messages.sentences.cache_clear()
    yield
    messages.sentences.cache_clear()


def test_a_language_added_as_catalogues_only_is_spoken_by_the_kernel(swedish_kernel):
    assert messages.render("summary_ok", "sv", checked=3) == "3 fil(er) kontrollerade, inga problem"
    assert messages.render("file_empty", "sv") == messages.render("file_empty", "en")  # not translated yet: English
    labels = vocabularies.from_settings({})["categories"]
    assert labels["show"]["sv"] == "Föreställning" and labels["show"]["fr"] == "Spectacle"
    assert labels["film"]["sv"] == "Film"


def test_a_language_added_as_catalogues_only_is_spoken_by_the_agenda_and_the_bridge(tmp_path, monkeypatch):
    agenda = tmp_path / "agenda"
    _write(
        agenda / "nl/LC_MESSAGES/agenda.po",
        "nl",
        [("all day", "all day", "de hele dag"), ("time with minutes", "h:mm a", "HH:mm")],
    )
    monkeypatch.setattr(agenda_wording, "CATALOGUES", Catalogues(agenda, "agenda"))
    words = agenda_wording.Wording("nl", "Europe/Amsterdam")
    assert words.words["all day"] == "de hele dag"
    assert words.time(dt.time(20, 30)) == "20:30"
    assert words.day(dt.date(2027, 1, 1)) == "vrijdag 1 januari 2027"  # Babel's Dutch date, untouched

    bridge = tmp_path / "bridge"
    shutil.copytree(bridge_i18n.CATALOGUES.folder, bridge)
    _write(bridge / "nl/LC_MESSAGES/messages.po", "nl", [(None, "Title", "Titel")])
    monkeypatch.setattr(bridge_i18n, "CATALOGUES", Catalogues(bridge, "messages", placeholders="percent"))
    assert bridge_i18n.choose_language(None, "nl-BE,nl;q=0.9,en;q=0.5", "fr") == "nl"
