"""The sample site (French) with its interface also in Arabic, Dutch and German (`KIOSQUE_LANGUAGES`), opened in
Chromium at a phone's width: the Arabic tree is laid out right to left (direction, alignment, arrows, the print
view) with the French contributions in it left to right, and passes axe-core; long Dutch and German words stay
on the screen. Screenshots are kept in tests/artifacts/screenshots/ to be looked at."""

from __future__ import annotations

import shutil

import pytest
from browsing import ARTIFACTS, PAGES, axe_violations
from conftest import REPO, build, serve

PHONE = 390
LANGUAGES = ("ar", "nl", "de")


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """The sample built in French, Arabic, Dutch and German."""
    root = tmp_path_factory.mktemp("sample-four-languages")
    shutil.copytree(REPO / "content", root / "content")
    build(root, KIOSQUE_LANGUAGES=["fr", *LANGUAGES])
    return root / "output"


@pytest.fixture(scope="module")
def sites(output):
    return {language: output / language for language in LANGUAGES}


@pytest.fixture(scope="module")
def addresses(output):
    with serve(output) as address:
        yield {language: f"{address}/{language}" for language in LANGUAGES}


@pytest.fixture
def opened(chromium, addresses):
    contexts = []

    def open_page(language: str, path: str, media: str = "screen"):
        context = chromium.new_context(viewport={"width": PHONE, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.emulate_media(media=media)
        page.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_())
        page.goto(addresses[language] + path)
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


@pytest.mark.parametrize("name", ["home", "event", "agenda-month"])
def test_an_arabic_interface_reads_right_to_left_and_passes_axe(opened, name):
    page = opened("ar", PAGES[name])
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    french = page.locator("main [lang='fr']")
    if french.count():  # what contributors wrote in French reads left to right inside the Arabic page
        assert french.first.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert axe_violations(page) == []
    shot(page, f"ar-{name}-phone")


def test_arabic_arrows_point_the_way_the_line_reads(sites):
    month = (sites["ar"] / "agenda" / "2027" / "01" / "index.html").read_text(encoding="utf-8")
    assert "→ " in month and " ←</a>" in month  # back points right, on points left


def test_the_arabic_print_view_is_right_to_left(opened):
    page = opened("ar", PAGES["agenda-print"], media="print")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    shot(page, "ar-agenda-print")


@pytest.mark.parametrize("language", ["nl", "de"])
@pytest.mark.parametrize("name", ["home", "event"])
def test_long_words_stay_on_a_phone_screen(opened, language, name):
    page = opened(language, PAGES[name])
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    shot(page, f"{language}-{name}-phone")
