"""The social media kit of the sample site in Chromium: accessible, its texts selectable without JavaScript, and
the "Copy" button (shown only with JavaScript) puts the text on the clipboard. Screenshots for a human eye."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "tests" / "theme"))  # the browser fixtures of the theme's tests
from browsing import ARTIFACTS, axe_violations, site, visit  # noqa: E402, F401 (site and visit are fixtures)

KIT = "/share/festival-kiosque-en-fete/"
WEEK = "/share/"

SELECTED = """() => { const field = document.activeElement;
    return [field.tagName, field.selectionEnd - field.selectionStart, field.value.length]; }"""


@pytest.mark.parametrize("path", [KIT, WEEK])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_kit_pages_pass_axe_and_ask_nothing_of_another_host(visit, path, color_scheme):
    seen = visit(path, color_scheme=color_scheme)
    assert seen.page.locator("textarea").count() > 0
    assert axe_violations(seen.page) == []
    assert seen.outside == [] and seen.failed == [] and seen.errors == []


@pytest.mark.parametrize("path", [KIT, WEEK])
def test_without_javascript_the_texts_are_there_to_select_and_no_button_shows(visit, path):
    page = visit(path, javascript=False).page
    fields = page.locator("textarea")
    assert fields.count() > 0
    assert page.locator("button[data-copy]").count() == fields.count()
    assert not any(button.is_visible() for button in page.locator("button[data-copy]").all())
    field = fields.first
    assert field.is_visible() and field.input_value().strip()
    field.click()
    page.keyboard.press("Control+A")
    kind, selected, length = page.evaluate(SELECTED)
    assert kind == "TEXTAREA" and selected == length > 0


def test_with_javascript_copy_puts_the_text_on_the_clipboard(visit, site):
    seen = visit(KIT)
    seen.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = seen.page
    button = page.locator("button[data-copy='text-post']")
    assert button.is_visible() and button.inner_text() == "Copier"
    button.click()
    expected = page.locator("#text-post").input_value()
    assert "http://127.0.0.1:8000/agenda/festival-kiosque-en-fete/" in expected  # the preview's whole address
    page.wait_for_function("() => document.querySelector('#text-post ~ p [role=status]').textContent !== ''")
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    assert button.locator("xpath=following-sibling::*[@role='status']").inner_text() == "Copié."


@pytest.mark.parametrize(("name", "path"), [("share-kit", KIT), ("share-week", WEEK)])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_kit(visit, name, path, width):
    page = visit(path, width=width).page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # nothing wider than a phone
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
