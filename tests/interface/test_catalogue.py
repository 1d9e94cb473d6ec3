"""The interface speaks the site's language (every catalogue complete: tests/translations/)."""

from __future__ import annotations

from lxml import html

from interface.catalogues import theme_texts

PLACE = "name: Café\naddress:\n  street: 1 rue A\n  city: Lyon\n"


def test_the_theme_catalogue_holds_the_templates_and_the_field_descriptions():
    """Template strings and the field descriptions of the /contribute/ page alike."""
    wanted = {message.id for message in theme_texts() if message.id}
    assert len(wanted) > 100
    assert "Skip to content" in wanted
    assert "The event's name, as it should appear in the agenda." in wanted


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
