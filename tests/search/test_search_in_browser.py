"""The search page in Debian's Chromium, on the sample site built on 2026-12-01: a reader types a word of an
event, of a story, of a track and sees each; upcoming events come before past ones; a facet narrows the
results; every request stays on the site; axe-core passes with results, light and dark; without JavaScript
the page leads to the filter pages and the months."""

from __future__ import annotations

import pytest

from tests.theme.browsing import ARTIFACTS, axe_violations, site, visit  # noqa: F401 (site and visit are fixtures)


def typed(seen, words: str):
    """Type as a reader does, key by key, and wait for the results of the last key."""
    page = seen.page
    page.locator("#search-words").press_sequentially(words, delay=40)
    done(page, words)
    return page


def done(page, words: str) -> None:
    """The search of `words` has shown its results (the results' box is busy while it loads them)."""
    page.wait_for_function(
        "words => new URLSearchParams(location.search).get('q') === words"
        " && document.querySelector('.search-results').getAttribute('aria-busy') === 'false'",
        arg=words,
    )


def narrowed(page, words: str):
    """Open "Narrow down": its counts come once the facets' chunks are loaded and the search has run again."""
    page.locator(".search-facets summary").click()
    page.wait_for_selector("fieldset[data-facet=kind]:not([hidden])")
    done(page, words)
    return page


def titles(page, which: str = "") -> list[str]:
    return page.locator(f".search-list{which} li .search-title a").all_inner_texts()


@pytest.mark.parametrize(
    "words, title, kind",
    [
        ("écriture", "Atelier d'écriture : lettres au quartier", "Événement"),  # an event's title
        ("voyageur", "La soupe au caillou", "Récit"),  # a word of a story's text
        ("Trenet", "Douce France", "Morceau"),  # a word of a track's note
        ("Carte de Séjour", "Douce France", "Morceau"),  # a track's artist
    ],
)
def test_a_word_of_an_event_a_story_or_a_track_finds_it(visit, words, title, kind):
    seen = visit("/search/")
    page = typed(seen, words)
    assert title in titles(page)
    result = page.locator(".search-list li").filter(has_text=title).first
    assert result.locator(".search-kind").inner_text() == kind
    assert result.locator(".search-excerpt mark").count() >= 1 or words == "Carte de Séjour"
    assert seen.outside == [] and seen.errors == [] and seen.failed == []
    # a first search loads the current index only, and no worker script
    assert not [url for url in seen.requests if "pagefind-archive" in url or "worker" in url]


def test_a_result_gives_its_date_place_and_status_in_words(visit):
    page = typed(visit("/search/?past=1"), "Madame Suzie")
    result = page.locator(".search-list li").filter(has_text="Concert de Madame Suzie").first
    assert result.locator(".search-facts").inner_text() == (
        "samedi 28 novembre 2026, 20\u00a0h\u00a030 – 22\u00a0h\u00a030 · Café associatif La Fabrique"
    )  # hours never broken across two lines, as in the agenda
    assert result.locator(".status.status-cancelled").inner_text().lower() == "annulé"


def test_past_events_come_after_upcoming_ones_when_asked_for(visit):
    page = typed(visit("/search/"), "concert")
    assert "Concert au chapeau — Les Cordes sensibles" not in titles(page)  # a first search: what is to come
    page.locator("input[name=past]").check()
    done(page, "concert")
    upcoming, past = titles(page, "[data-upcoming]"), titles(page, "[data-past]")
    assert "Concert au chapeau — Trio Bouchon" in upcoming  # 6 February 2027
    assert "Concert au chapeau — Les Cordes sensibles" in past  # 14 November 2026
    assert page.locator(".search-past-title").is_visible()
    everything = page.locator(".search-list li .search-title a").all_inner_texts()
    assert everything.index("Concert au chapeau — Les Cordes sensibles") > everything.index(
        "Concert au chapeau — Trio Bouchon"
    )


def test_stemming_finds_the_plural_of_a_word(visit):
    """The index is French: "ateliers" finds "Atelier d'écriture"."""
    page = typed(visit("/search/"), "ateliers")
    assert "Atelier d'écriture : lettres au quartier" in titles(page)


def test_a_past_event_is_found_in_the_archive_under_its_heading(visit):
    page = typed(visit("/search/"), "linogravure")
    assert titles(page) == [] and page.locator(".search-status").inner_text().startswith("Aucun résultat")
    page.locator("input[name=past]").check()
    done(page, "linogravure")
    assert titles(page, "[data-past]") == ["Atelier linogravure — cartes de vœux"]
    assert page.locator(".search-past-title").is_visible()
    assert "past=1" in page.url  # the choice is kept with the words


def test_a_facet_narrows_the_results(visit):
    page = narrowed(typed(visit("/search/?past=1"), "concert"), "concert")
    before = set(titles(page))
    choice = page.locator("fieldset[data-facet=price] label").filter(has_text="Gratuit")
    count = int(choice.locator(".search-count").inner_text().strip("()"))
    choice.locator("input").check()
    page.wait_for_function("count => document.querySelectorAll('.search-list li').length === count", arg=count)
    done(page, "concert")
    after = set(titles(page))
    assert 0 < len(after) < len(before) and after < before
    assert "Concert au chapeau — Trio Bouchon" not in after  # au chapeau, not free


def test_the_months_facet_is_in_the_calendars_order(visit):
    page = narrowed(typed(visit("/search/?past=1"), "concert"), "concert")
    months = page.locator("fieldset[data-facet=month] label").all_inner_texts()
    names = [month.rsplit(" (", 1)[0].strip() for month in months]
    assert names.index("novembre 2026") < names.index("décembre 2026") < names.index("février 2027")


def test_the_header_field_leads_to_the_results(visit):
    seen = visit("/agenda/")
    field = seen.page.locator("header form.find input[name=q]")
    field.fill("caillou")
    field.press("Enter")
    seen.page.wait_for_url("**/search/?q=caillou")
    done(seen.page, "caillou")
    assert "La soupe au caillou" in titles(seen.page)
    assert seen.outside == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_with_results_passes_axe(visit, scheme):
    seen = visit("/search/?past=1", color_scheme=scheme)
    page = narrowed(typed(seen, "concert"), "concert")
    page.screenshot(path=str(ARTIFACTS / f"search-{scheme}.png"), full_page=True)
    assert axe_violations(page) == []


def test_without_javascript_the_page_says_so_and_leads_to_filters_and_months(visit):
    seen = visit("/search/?q=concert", javascript=False, width=360)
    page = seen.page
    assert page.locator(".search-fallback").is_visible()
    assert not page.locator("form.search-form").is_visible()  # a form that could do nothing is not offered
    assert "JavaScript" in page.locator(".search-fallback").inner_text()
    links = page.locator(".search-browse a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../agenda/filters/" in links
    assert "../agenda/2026/12/" in links and "../agenda/past/2026/11/" in links
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for link in ("../agenda/filters/", "../agenda/2026/12/", "../agenda/past/2026/11/"):
        assert page.request.get(f"{seen.page.url.split('/search/')[0]}/search/{link}").ok


def test_a_word_the_site_does_not_have_finds_nothing(visit):
    """Not the pages of its longest known beginning ("secretnom" would otherwise find "se")."""
    page = typed(visit("/search/?past=1"), "secretnom")
    assert titles(page) == []
    assert page.locator(".search-status").inner_text().startswith("Aucun résultat")
    page.locator("#search-words").fill("")
    page.locator("#search-words").press_sequentially("conc", delay=40)  # a word begun is found
    done(page, "conc")
    assert "Concert au chapeau — Trio Bouchon" in titles(page)


def test_more_results_shows_each_result_once_however_often_it_is_clicked(visit):
    page = typed(visit("/search/?past=1"), "la")
    count = page.locator(".search-status").inner_text()
    total = int(count.rsplit(" ", 1)[-1])
    assert total > 10 and len(titles(page)) == 10
    page.locator(".search-more").dblclick()
    page.wait_for_function(
        "total => document.querySelectorAll('.search-list li').length >= Math.min(total, 20)", arg=total
    )
    page.wait_for_timeout(300)
    shown = titles(page)
    assert len(shown) == len(set(shown)) == min(total, 20)


def test_ticking_a_facet_keeps_the_keyboard_on_it_and_its_other_values(visit):
    page = narrowed(typed(visit("/search/?past=1"), "concert"), "concert")
    box = page.locator("fieldset[data-facet=kind] input[value='Événement']")
    box.focus()
    page.keyboard.press("Space")
    done(page, "concert")
    page.wait_for_function("() => document.activeElement && document.activeElement.value === 'Événement'")
    assert page.locator("fieldset[data-facet=kind] input[value='Lieu']").count() == 1  # still there to add
    assert page.evaluate("document.activeElement.checked")
