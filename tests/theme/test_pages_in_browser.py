"""Every page type in Chromium: loads clean, asks nothing of another host, passes axe-core at WCAG 2.1 A
and AA in light and dark, and can be entered with the keyboard."""

from __future__ import annotations

import pytest
from browsing import PAGES, axe_violations, site, visit  # noqa: F401 (site and visit are fixtures)


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_clean_from_this_host_only_and_passes_axe(visit, name):
    seen = visit(PAGES[name])
    assert seen.errors == []
    assert seen.failed == []
    assert seen.outside == []
    assert seen.page.locator("main h1").count() == 1
    assert axe_violations(seen.page) == []


@pytest.mark.parametrize("name", PAGES)
def test_dark_colours_pass_axe_too(visit, name):
    seen = visit(PAGES[name], color_scheme="dark")
    assert seen.page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(251, 250, 246)" or name in (
        "agenda-print",
        "embed",
    )  # the dark palette is really applied (paper and frames stay light)
    assert axe_violations(seen.page) == []


@pytest.mark.parametrize("name", ["home", "event", "agenda-month", "playlist", "places"])
def test_phone_width_without_javascript_reads_whole(visit, name):
    """An old phone with scripts off: no sideways scrolling, no button that would do nothing."""
    seen = visit(PAGES[name], javascript=False, width=360)
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert seen.page.locator("main button:visible").count() == 0
    assert seen.outside == []


@pytest.mark.parametrize("name", ["home", "event", "agenda-month", "story", "agenda-print"])
def test_the_keyboard_reaches_the_main_content_first(visit, name):
    seen = visit(PAGES[name])
    page = seen.page
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert skip == ["skip", "#main"]
    box = page.locator("a.skip").bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 0  # seen when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    focused_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused_outline not in ("none", "")  # the focus is visible
