"""The bridge in the reader's language: the browser's preferences in their order, a menu of every language the
interface speaks (each named in itself, Arabic right to left), and what someone writes in a form of another
language than the site's marked as written in it."""

from __future__ import annotations

import pytest
from bridge_sites import EVENT, client_for, make_site, send, settings_for
from lxml import html

from bridge.i18n import CATALOGUES, choose_language, language_menu


@pytest.fixture
def client(tmp_path):
    return client_for(settings_for(make_site(tmp_path), tmp_path))


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.5", "nl"),
        ("en;q=0.5, de;q=0.9", "de"),  # the preference, not the order written
        ("pt-BR", "pt"),
        ("ar", "ar"),
        ("sv, fi;q=0.8", "fr"),  # none offered: the site's language
        ("de;q=0, tr", "tr"),  # q=0: not wanted at all
    ],
)
def test_the_browsers_preferences_choose_the_language(header, chosen):
    assert choose_language(None, header, "fr") == chosen


def test_every_language_is_in_the_menu_named_in_itself(client):
    page = html.fromstring(client.get("/submit/event?lang=nl").text)
    menu = {link.get("hreflang"): link.text_content() for link in page.xpath("//header//nav//a")}
    assert set(menu) == set(CATALOGUES.languages()) and len(menu) == 10
    assert menu["nl"] == "Nederlands" and menu["de"] == "Deutsch" and menu["ar"] == "العربية"
    assert page.xpath("//nav//a[@aria-current='page']/@hreflang") == ["nl"]
    assert [code for code, _ in language_menu()] == [link.get("hreflang") for link in page.xpath("//header//nav//a")]


def test_an_arabic_form_is_right_to_left(client):
    page = html.fromstring(client.get("/submit/event?lang=ar").text)
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")


def test_an_event_form_asks_what_language_it_is_written_in_and_the_submission_keeps_the_forms(tmp_path):
    """The text may be in the site's language whatever the form's (people often read a form in one language and
    write in another): the event form asks, like the story form, and the submission records the form's."""
    site = make_site(tmp_path)
    client = client_for(settings_for(site, tmp_path))
    dutch = html.fromstring(client.get("/submit/event?lang=nl").text)
    assert dutch.xpath("//input[@name='language']") or dutch.xpath("//select[@name='language']")
    bridge = client.app.state.bridge
    found = send(client, "/submit/event?lang=nl", EVENT)
    assert found.status_code in (200, 303), found.text[:500]
    [record] = bridge.spool.records()
    assert record["form_language"] == "nl" and record["language"] == "fr"
