"""The interface speaks the site's language: every string of the templates is in the French catalogue."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from lxml import html

from conftest import REPO

PLACE = "name: Café\naddress:\n  street: 1 rue A\n  city: Lyon\n"


def template_strings() -> set:
    found = set()
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO / "theme" / "templates"), method_map, options_map=options
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_french_catalogue_translates_every_template_string():
    with (REPO / "theme/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id and m.string}
    assert template_strings() - translated == set()


def test_interface_language_follows_the_setting(site_factory):
    french = site_factory({"places/cafe.yaml": PLACE})
    page = html.fromstring(french.read("index.html"))
    assert page.get("lang") == "fr"
    assert page.findtext(".//a[@class='skip']") == "Aller au contenu"


def test_english_site(site_factory):
    english = site_factory({"places/cafe.yaml": PLACE}, DEFAULT_LANG="en")
    page = html.fromstring(english.read("index.html"))
    assert page.get("lang") == "en"
    assert page.findtext(".//a[@class='skip']") == "Skip to content"
