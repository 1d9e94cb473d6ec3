"""The issue as e-mail programs get it: an HTML document an HTML parser reads without an error, every style on
its element, only full addresses, nothing fetched from anywhere (pictures off lose nothing), readable in light
and dark mode (axe-core's contrast rules in Chromium), and small."""

from __future__ import annotations

import re

import html5lib
import pytest
from lxml import html

from tests.theme.browsing import ARTIFACTS, axe_violations, site, visit  # noqa: F401 (site and visit are fixtures)

THIS_WEEK = "newsletter/2026-W49/"  # the sample site is built on Tuesday 1 December 2026
PREVIEW = "http://127.0.0.1:8000/"  # `make html`'s addresses: the site is built without SITEURL


def emails(sample_build):
    return sorted((sample_build.output / "newsletter").rglob("email.html"))


def test_an_html_parser_reads_every_issue_without_an_error(sample_build):
    found = emails(sample_build)
    assert len(found) > 8  # the whole agenda's issues and the filters'
    for path in found:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(path.read_bytes())  # raises at the first parse error
        assert parser.errors == [], path


def test_styles_are_inlined_and_every_address_is_full(sample_build):
    for path in emails(sample_build):
        document = html.fromstring(path.read_bytes())
        assert document.xpath("//link[@rel='stylesheet']") == [] and document.xpath("//script") == []
        (style,) = document.xpath("//style")  # what cannot be inlined: the dark mode's rules only
        assert style.text.strip().startswith("@media (prefers-color-scheme: dark)")
        assert document.xpath("//body/@style") and all(
            cell.get("style") for cell in document.xpath("//td[contains(@class, 'event')]")
        )
        addresses = document.xpath("//@href | //@src | //@background")
        assert addresses and all(a.startswith(PREVIEW) for a in addresses), path
        assert not re.search(r"url\(", path.read_text(encoding="utf-8"))


def test_each_email_says_its_language_and_has_one_title_and_headings_in_order(sample_build):
    for path in emails(sample_build):
        document = html.fromstring(path.read_bytes())
        assert document.get("lang") == "fr" and document.get("dir") == "ltr"
        assert len(document.xpath("//h1")) == 1 and document.findtext(".//title").endswith(
            "— Quartier des Lilas — l'agenda partagé"
        )
        levels = [int(heading.tag[1]) for heading in document.iter("h1", "h2", "h3")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), path


def test_the_email_is_under_100_kb(sample_build):
    assert max(path.stat().st_size for path in emails(sample_build)) < 100_000


def test_the_text_version_reads_alone(sample_build):
    text = sample_build.read(THIS_WEEK + "email.txt")
    assert "<" not in text and "&amp;" not in text and "&#" not in text  # no markup, no escaped character
    assert "Projection : « Le Quartier d'en bas », documentaire" in text and PREVIEW + "agenda/" in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_in_chromium_nothing_is_fetched_and_both_modes_are_readable_on_a_phone(visit, scheme):
    seen = visit("/" + THIS_WEEK + "email.html", color_scheme=scheme, width=390)
    assert [url.split("/", 3)[3] for url in seen.requests] == [THIS_WEEK + "email.html"]
    assert axe_violations(seen.page) == []
    background = seen.page.evaluate("getComputedStyle(document.querySelector('.sheet')).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 33, 38)")  # the site's card colours
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    seen.page.screenshot(path=str(ARTIFACTS / f"newsletter-email-{scheme}-phone.png"), full_page=True)
