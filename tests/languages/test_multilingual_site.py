"""A site in three languages (`KIOSQUE_LANGUAGES = ["fr", "nl", "en"]`): every page exists in each language's
tree, the language menu and the `hreflang` alternates lead to the same page in the others and back, no word of
another language's interface is on a page, feeds and calendars speak the tree's language; and a one-language
site is left exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import icalendar
import pytest
from conftest import REPO, build, make_check
from ical.calendar_stream import IcsCalendarStream
from lxml import html

from contributions import Catalogues, SettingError, Site
from contributions.schemas import vocabularies
from contributions.translating import read_catalogue

LANGUAGES = ["fr", "nl", "en"]
TREES = {"fr": "", "nl": "nl/", "en": "en/"}
BASE = "http://127.0.0.1:8000/"  # the preview address the feeds and alternates are written with


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("three-languages")
    shutil.copytree(REPO / "content", root / "content")
    build(root, KIOSQUE_LANGUAGES=LANGUAGES)
    return root / "output"


def pages_of(output: Path, language: str) -> set[str]:
    tree = output / TREES[language] if TREES[language] else output
    found = {path.relative_to(tree).as_posix() for path in tree.rglob("*.html")}
    return {page for page in found if page.split("/")[0] not in ("nl", "en")}


def test_every_page_exists_in_every_language(output):
    french = pages_of(output, "fr")
    assert len(french) > 100 and "agenda/mural-walk/index.html" in french
    assert pages_of(output, "nl") == french
    assert pages_of(output, "en") == french


def test_each_tree_speaks_its_language(output):
    for language, prefix in TREES.items():
        page = html.parse(str(output / prefix / "agenda" / "index.html")).getroot()
        assert page.get("lang") == language
        assert page.xpath("//nav[@class='languages']//a[@aria-current='page']/@hreflang") == [language]


def _alternates(page) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in page.xpath("//link[@rel='alternate'][@hreflang]")}


def test_language_menus_and_hreflang_are_reciprocal_and_resolve(output):
    """Each page leads to its version listed in each language's tree (for an event with translations, the one
    written in that language), and that version leads back to it."""
    for language, prefix in TREES.items():
        for relative in sorted(pages_of(output, language)):
            if relative.startswith(("embed/", "agenda/print/")) or "/share/" in f"/{relative}":
                continue  # pages without the site's header
            address = BASE + prefix + relative.removesuffix("index.html")
            page = html.parse(str(output / prefix / relative)).getroot()
            alternates = _alternates(page)
            if not alternates:
                continue
            assert set(alternates) == {*LANGUAGES, "x-default"}, relative
            listed_here = alternates[language] == address  # else a translation listed under another version here
            for other, target in alternates.items():
                found = output / urlsplit(target).path.lstrip("/") / "index.html"
                assert found.exists(), (relative, other, target)
                back = _alternates(html.parse(str(found)).getroot())
                assert not listed_here or back[language] == address, (relative, other)
            for link in page.xpath("//nav[@class='languages']//a"):
                target = urljoin(address, link.get("href"))
                assert target == alternates[link.get("hreflang")], (relative, target)


def _interface_texts(language: str) -> set[str]:
    """The theme's sentences as a language says them (its own words, long enough to be telling)."""
    catalogue = Catalogues(REPO / "theme" / "translations", "messages", placeholders="percent")
    translations = catalogue.translations(language)
    source = read_catalogue(catalogue.source_file)
    said = {translations.gettext(message.id) for message in source if message.id and isinstance(message.id, str)}
    return {text for text in said if len(text) >= 12 and "%(" not in text and "<" not in text}


def _visible_interface_text(page, language: str) -> str:
    """The page's text but what contributors wrote (marked with their own `lang`), scripts and styles, and the
    social media kit's ready-to-paste posts (textareas: the interface's words around contributors' text)."""
    for element in page.xpath("//script | //style | //textarea | //*[@lang][not(self::html)]"):
        if element.tag in ("script", "style", "textarea") or element.get("lang") != language:
            element.getparent().remove(element)
    return " ".join(page.xpath("//body//text()"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_of_another_interface_is_on_a_page(output, language):
    mine = _interface_texts(language)
    others = set().union(*(_interface_texts(other) for other in LANGUAGES if other != language)) - mine
    prefix = TREES[language]
    for relative in sorted(pages_of(output, language)):
        text = _visible_interface_text(html.parse(str(output / prefix / relative)).getroot(), language)
        strays = sorted(other for other in others if other in text)
        assert strays == [], (language, relative, strays[:5])


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_and_calendars_speak_the_trees_language(output, language):
    cancelled = vocabularies.from_settings({})["statuses"]["cancelled"][language]
    prefix = TREES[language]
    feed = feedparser.parse((output / prefix / "feeds" / "agenda.atom.xml").read_bytes())
    assert not feed.bozo and feed.entries
    assert any(entry.title.startswith(f"[{cancelled}] ") for entry in feed.entries), cancelled
    assert all(entry.link.startswith(BASE + prefix) for entry in feed.entries)
    raw = (output / prefix / "feeds" / "agenda.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    assert any(str(event.get("STATUS")) == "CANCELLED" for event in calendar.walk("VEVENT"))
    strict = IcsCalendarStream.calendar_from_ics(raw.decode())  # the strict parser: raises on any error
    assert len(strict.events) == len(list(calendar.walk("VEVENT")))
    assert {str(event.get("UID")) for event in calendar.walk("VEVENT")} == {
        str(event.get("UID"))
        for event in icalendar.Calendar.from_ical((output / "feeds" / "agenda.ics").read_bytes()).walk("VEVENT")
    }  # the same events whatever the language: a subscriber switching trees sees no duplicates


def test_a_one_language_site_is_left_as_it_was(sample_build):
    output = sample_build.output
    assert not (output / "nl").exists() and not (output / "en").exists()
    page = html.parse(str(output / "agenda" / "index.html")).getroot()
    assert page.xpath("//nav[@class='languages']") == [] and not _alternates(page)


def test_an_event_is_listed_in_each_tree_in_that_trees_language(output):
    """The sample's walk is written in French with an English translation: the English tree lists the English."""
    walk = ("balade-des-fresques", "mural-walk")
    for language, (listed, not_listed) in (("fr", walk), ("en", walk[::-1]), ("nl", walk)):
        month = (output / TREES[language] / "agenda" / "2027" / "04" / "index.html").read_text(encoding="utf-8")
        assert f"agenda/{listed}/" in month and f"agenda/{not_listed}/" not in month, language


def test_a_site_word_without_a_label_in_one_of_its_languages_is_named_by_make_check(tmp_path):
    site = tmp_path / "site"
    (site / "content" / "events").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        'PATH = "content"\nDEFAULT_LANG = "fr"\nKIOSQUE_LANGUAGES = ["fr", "nl", "en"]\n'
        'KIOSQUE_CATEGORIES = {"brocante": {"fr": "Brocante", "en": "Flea market"}}\n',
        encoding="utf-8",
    )
    done = make_check(site)
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "KIOSQUE_CATEGORIES: 'brocante' has no label in nl" in said and "Traceback" not in said


@pytest.mark.parametrize(
    ("languages", "sentence"),
    [(["nl", "en"], "must include the site's language"), (["fr", "xx-nope"], "not a language code"), ("fr", "a list")],
)
def test_a_list_of_languages_that_cannot_be_used_is_said(languages, sentence):
    with pytest.raises(SettingError, match=sentence):
        Site.from_settings({"DEFAULT_LANG": "fr", "KIOSQUE_LANGUAGES": languages})
