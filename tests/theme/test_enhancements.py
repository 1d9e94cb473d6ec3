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
    assert not page.locator(
        "details.agenda-filter form[role=search]"
    ).is_visible()  # folded: the dates come first on a phone
    page.click("details.agenda-filter summary")

    page.select_option("select[name=audience]", "families")
    families = set(page.evaluate(SHOWN))
    assert families == everything & dates_listed(visit, "/agenda/audience/families/")
    assert 0 < len(families) < len(everything)
    assert page.locator(".filter-count").inner_text() == f"Dates affichées : {len(families)} sur {len(everything)}"
    assert "audience=families" in page.url  # the choice can be bookmarked...
    assert page.get_attribute("a[rel=next]", "href").endswith("?audience=families")  # ...and follows to next month

    page.select_option("select[name=price]", "free")
    both = set(page.evaluate(SHOWN))
    assert both == families & dates_listed(visit, "/agenda/price/free/")
    assert 0 < len(both) < len(families)

    assert axe_violations(page) == []  # the form, opened and in use

    page.click("details.agenda-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert set(page.evaluate(SHOWN)) == everything


def test_the_form_offers_only_choices_that_keep_something_and_says_when_nothing_is_left(visit):
    page = visit(PAGES["agenda-month"]).page
    page.click("details.agenda-filter summary")
    for value in page.eval_on_selector_all("select[name=category] option", "options => options.map(o => o.value)")[1:]:
        page.select_option("select[name=category]", value)
        assert page.evaluate(SHOWN), value
    assert not page.locator(".filter-empty").is_visible()
    page.select_option("select[name=category]", "concert")
    page.select_option("select[name=price]", "free")  # the only concert this month is au chapeau
    assert page.evaluate(SHOWN) == [] and page.locator(".filter-empty").is_visible()


def test_a_filtered_address_opens_filtered(visit):
    seen = visit(PAGES["agenda-month"] + "?category=concert")
    assert seen.page.input_value("select[name=category]") == "concert"
    assert set(seen.page.evaluate(SHOWN)) == dates_listed(visit, PAGES["agenda-month"]) & dates_listed(
        visit, "/agenda/category/concert/"
    )


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
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"  # the focus stays where the reader was
    page.wait_for_timeout(300)
    assert {urlsplit(url).hostname for url in seen.outside} == {host}


def test_the_map_once_shown_passes_axe(visit):
    page = visit(PAGES["places"]).page
    page.click("button.show-map")
    page.wait_for_selector("#places-map[data-markers]")
    assert page.evaluate("document.activeElement.id") == "places-map"  # the button is gone, the map has the focus
    names = page.eval_on_selector_all(".leaflet-marker-icon", "markers => markers.map(m => m.alt).sort()")
    assert names and all(names) and "Marker" not in names  # each marker is named after its place
    assert axe_violations(page) == []


def test_the_filter_form_fits_a_small_phone_at_double_zoom(visit):
    page = visit(PAGES["agenda-month"], width=320).page
    page.click("details.agenda-filter summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_recording_has_a_player_that_can_be_seen_and_a_download_link(visit):
    page = visit("/stories/memoires-du-quartier/le-bal-du-kiosque/", width=390).page
    box = page.locator("audio").bounding_box()
    assert box and box["height"] >= 30 and box["width"] >= 200
    assert page.locator("a[download]").get_attribute("href") == page.locator("audio").get_attribute("src")
