"""What JavaScript adds, checked in Chromium: combined filters on an agenda page (checked against the
filter pages the build wrote), and players that load from another site only after a click."""

from __future__ import annotations

from urllib.parse import urlsplit

from browsing import PAGES, axe_violations, site, visit  # noqa: F401 (site and visit are fixtures)

SHOWN = """() => [...document.querySelectorAll("main li.event")]
    .filter(item => item.offsetParent !== null)
    .map(item => item.querySelector("a").getAttribute("href").replace(/^(\\.\\.\\/)+/, "") + " "
                 + item.querySelector("time").getAttribute("datetime"))"""


def dates_listed(visit, path: str) -> set[str]:
    return set(visit(path).page.evaluate(SHOWN))


def test_agenda_filters_combine_and_agree_with_the_filter_pages(visit):
    month = visit(PAGES["agenda-month"])
    page = month.page
    everything = set(page.evaluate(SHOWN))
    assert not page.locator("form[role=search]").is_visible()  # folded: the dates come first on a phone
    page.click("details.agenda-filter summary")

    page.select_option("select[name=audience]", "families")
    families = set(page.evaluate(SHOWN))
    assert families == everything & dates_listed(visit, "/agenda/audience/families/")
    assert 0 < len(families) < len(everything)
    assert page.locator(".filter-count").inner_text().startswith(f"{len(families)} ")
    assert "audience=families" in page.url  # the choice can be bookmarked

    page.select_option("select[name=price]", "free")
    both = set(page.evaluate(SHOWN))
    assert both == families & dates_listed(visit, "/agenda/price/free/")
    assert 0 < len(both) < len(families)

    assert axe_violations(page) == []  # the form, opened and in use

    page.click("details.agenda-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert set(page.evaluate(SHOWN)) == everything


def test_a_filtered_address_opens_filtered(visit):
    seen = visit(PAGES["agenda-month"] + "?category=concert")
    assert seen.page.input_value("select[name=category]") == "concert"
    assert set(seen.page.evaluate(SHOWN)) == dates_listed(visit, PAGES["agenda-month"]) & dates_listed(
        visit, "/agenda/category/concert/")


def test_without_javascript_the_agenda_lists_everything_and_offers_the_filter_pages(visit):
    seen = visit(PAGES["agenda-month"], javascript=False)
    assert not seen.page.locator("details.agenda-filter").is_visible()
    assert seen.page.locator("a[href$='agenda/filters/']").first.is_visible()


def test_players_load_from_another_site_only_after_the_click(visit):
    seen = visit(PAGES["playlist"])
    page = seen.page
    buttons = page.locator("button.play-here:visible")
    assert buttons.count() > 0 and page.locator("iframe").count() == 0
    assert seen.outside == []
    buttons.first.click()
    frame = page.locator("iframe").first
    frame.wait_for(state="attached")
    host = urlsplit(frame.get_attribute("src")).hostname
    assert host and host != "127.0.0.1"
    assert frame.get_attribute("title")  # a frame a screen reader can name
    page.wait_for_timeout(300)
    assert {urlsplit(url).hostname for url in seen.outside} == {host}


def test_the_map_once_shown_passes_axe(visit):
    page = visit(PAGES["places"]).page
    page.click("button.show-map")
    page.wait_for_selector("#places-map[data-markers]")
    assert axe_violations(page) == []
