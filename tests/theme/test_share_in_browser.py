"""Sharing in Chromium: no page asks anything of another host when it loads, nor while the reader moves over
its share links; the links are plain links to the networks; the Mastodon page sends the reader to the instance
they name (the navigation is intercepted: nothing leaves the machine); the copy and share-sheet buttons appear
only where they work."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import PAGES, axe_violations, site, visit  # noqa: F401 (site and visit are fixtures)

MASTODON = "/share/mastodon.html"
LOADED = ["home", "event", "story", "playlist", "place", "agenda-month", "places"]
SHARED = ["event", "story", "playlist"]


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("path", [PAGES[name] for name in LOADED] + [MASTODON + "?text=Bal%20https%3A%2F%2Fx.org"])
def test_no_request_leaves_the_site_on_load_nor_when_the_reader_points_at_a_link(visit, path):
    seen = visit(path)
    assert seen.errors == [] and seen.failed == []
    page = seen.page
    for link in page.locator("main a:visible").all()[:40]:
        link.hover()
        link.focus()
    page.wait_for_timeout(300)
    assert seen.outside == []
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in seen.requests) and seen.requests


@pytest.mark.parametrize("name", SHARED)
def test_the_share_links_are_plain_links_to_the_networks_and_the_sites_mastodon_page(visit, name):
    seen = visit(PAGES[name], javascript=False)
    links = seen.page.eval_on_selector_all(
        "section.share a", "links => links.map(a => [a.textContent, a.href, a.getAttribute('target')])"
    )
    address = seen.page.input_value("#share-address")
    assert urlsplit(address).path == PAGES[name]  # the page's own, whole address
    hosts = {text: (urlsplit(href).scheme, urlsplit(href).hostname) for text, href, _ in links}
    assert hosts == {
        "E-mail": ("mailto", None),
        "WhatsApp": ("https", "wa.me"),
        "Telegram": ("https", "t.me"),
        "Facebook": ("https", "www.facebook.com"),
        "Mastodon": ("http", "127.0.0.1"),
    }
    assert all(target is None for *_, target in links)
    hrefs = {text: href for text, href, _ in links}
    assert query(hrefs["Facebook"])["u"] == [address]
    assert query(hrefs["Telegram"])["url"] == [address]
    assert address in query(hrefs["WhatsApp"])["text"][0]
    assert urlsplit(hrefs["Mastodon"]).path == MASTODON and address in query(hrefs["Mastodon"])["text"][0]
    assert seen.page.locator("section.share button:visible").count() == 0  # nothing that would do nothing
    assert seen.outside == []


def test_the_mastodon_page_sends_the_reader_to_their_instance_with_the_message(visit):
    seen = visit(PAGES["event"])
    page = seen.page
    address, title = page.input_value("#share-address"), page.inner_text("main h1")
    landed = []
    page.route("https://mastodon.example/**", lambda route: (landed.append(route.request.url), route.fulfill(body="")))
    page.click("section.share a:text-is('Mastodon')")
    page.wait_for_url(lambda url: urlsplit(url).path == MASTODON)
    message = page.input_value("textarea[name=text]")
    assert message == f"{title} {address}"
    page.fill("input[name=instance]", "  @lucie@Mastodon.Example  ")  # as people copy their address
    page.click("form.mastodon-share button[type=submit]")
    page.wait_for_url(lambda url: url.startswith("https://mastodon.example/share?"))
    assert len(landed) == 1
    assert urlsplit(landed[0])[:3] == ("https", "mastodon.example", "/share")
    assert query(landed[0]) == {"text": [message]}
    assert page.evaluate("localStorage.length") == 0  # nothing remembered unless asked
    assert [url for url in seen.outside if urlsplit(url).hostname != "mastodon.example"] == []


def test_the_mastodon_page_remembers_the_instance_only_when_asked_and_refuses_what_is_not_one(visit, site):
    seen = visit(MASTODON + "?text=Bonjour")
    page = seen.page
    page.route("https://mastodon.example/**", lambda route: route.fulfill(body=""))
    page.fill("input[name=instance]", "not a server")
    page.click("form.mastodon-share button[type=submit]")
    assert page.url.startswith(site) and page.evaluate("document.querySelector('#instance').validity.valid") is False
    page.fill("input[name=instance]", "https://mastodon.example/home")
    page.check("input[name=remember]")
    page.click("form.mastodon-share button[type=submit]")
    page.wait_for_url("https://mastodon.example/share?text=Bonjour")
    page.goto(site + MASTODON + "?text=Encore")
    assert page.input_value("input[name=instance]") == "mastodon.example"
    assert page.is_checked("input[name=remember]")
    page.uncheck("input[name=remember]")
    page.click("form.mastodon-share button[type=submit]")
    page.wait_for_url("https://mastodon.example/share?text=Encore")
    page.goto(site + MASTODON)
    assert page.input_value("input[name=instance]") == ""  # forgotten when the reader unticks the box


def test_without_javascript_the_mastodon_page_says_how_to_share_by_hand(visit):
    seen = visit(MASTODON + "?text=Bonjour", javascript=False, width=360)
    page = seen.page
    assert not page.locator("form.mastodon-share").is_visible()
    assert page.locator("main button:visible").count() == 0
    assert "JavaScript" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


NO_SHARE_SHEET = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
SHARE_SHEET = "Navigator.prototype.share = data => { window.shared = data; return Promise.resolve(); };"


def test_the_share_sheet_button_appears_only_where_the_device_has_one(visit):
    seen = visit(PAGES["event"])
    seen.context.add_init_script(NO_SHARE_SHEET)
    seen.page.reload()
    assert seen.page.evaluate("typeof navigator.share") == "undefined"
    assert not seen.page.locator("button.share-sheet").is_visible()

    seen = visit(PAGES["event"])
    seen.context.add_init_script(SHARE_SHEET)
    seen.page.reload()
    seen.page.click("button.share-sheet")
    shared = seen.page.evaluate("window.shared")
    assert shared["url"] == seen.page.input_value("#share-address")
    assert shared["title"] == seen.page.inner_text("main h1")
    assert axe_violations(seen.page) == []  # with both buttons shown


def test_the_copy_button_copies_the_address_and_says_so(visit):
    seen = visit(PAGES["story"])
    seen.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = seen.page
    page.click("button.share-copy")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#share-address")
    assert page.inner_text(".share-done") == "Adresse copiée."


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_mastodon_page_passes_axe(visit, color_scheme):
    seen = visit(MASTODON + "?text=Bonjour", color_scheme=color_scheme)
    assert seen.page.locator("main h1").count() == 1
    assert axe_violations(seen.page) == []
