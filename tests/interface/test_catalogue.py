"""The interface speaks the site's language: every string it shows is in the French catalogue."""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po
from conftest import REPO
from lxml import html

from interface import untranslated

sys.path.insert(0, str(REPO / "theme" / "translations"))
import update_catalogues  # noqa: E402

PLACE = "name: Café\naddress:\n  street: 1 rue A\n  city: Lyon\n"


def test_french_catalogue_translates_every_string_of_the_interface():
    """Template strings and the field descriptions of the /contribute/ page alike."""
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in update_catalogues.strings_to_translate() if m.id}
    with (REPO / "theme/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id and not untranslated(m)}
    assert len(wanted) > 100
    assert sorted(wanted - translated) == []


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
