"""Screenshots of the pages people see most, at phone and desktop widths and on paper, kept in
tests/artifacts/screenshots/ for a human to look at (not committed). Each also checks the layout holds."""

from __future__ import annotations

import pytest
from browsing import ARTIFACTS, PAGES, site, visit  # noqa: F401 (site and visit are fixtures)

WIDTHS = {"phone": 390, "desktop": 1280}
SHOTS = [
    ("home", "screen"),
    ("event", "screen"),
    ("agenda-month", "screen"),
    ("agenda-print", "print"),
    ("newsletter-issue", "screen"),
    ("event", "print"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "media"), SHOTS)
def test_screenshot(visit, name, media, width):
    seen = visit(PAGES[name], width=WIDTHS[width], media=media)
    page = seen.page
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]  # nothing runs off the side
    if media == "print":
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
            "rgb(255, 255, 255)",
            "rgba(0, 0, 0, 0)",
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}-{media}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


def test_an_event_on_paper_keeps_the_facts_not_the_buttons(visit):
    page = visit(PAGES["event"], media="print").page
    assert page.locator("h1").is_visible() and page.locator("dl.facts").is_visible()
    assert page.locator(".actions").count() == 1
    assert not page.locator(".actions").is_visible()  # calendar buttons mean nothing on paper
    assert not page.locator("header nav").is_visible() and not page.locator("footer").is_visible()
