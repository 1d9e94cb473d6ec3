"""A person enters a weekly event in a browser with JavaScript off, with the native date and time inputs:
two dates excepted, one added, a mistake shown beside its field and fixed, a preview, then "Send". The worker
proposes it, the branch is merged, `make check` passes and the site gives the same dates on the event's page
and in its calendar file, read by two independent iCalendar parsers. axe-core checks every page on the way."""

from __future__ import annotations

import datetime as dt
import time

import icalendar
import recurring_ical_events
from bridge_sites import axe_violations, branches, git, make_site, running_service
from conftest import build, make_check
from ical.calendar_stream import IcsCalendarStream
from lxml import html

WEDNESDAYS = [dt.date(2027, 1, 6) + dt.timedelta(weeks=week) for week in range(8)]  # until 2027-02-24
EXCEPTED = [dt.date(2027, 2, 10), dt.date(2027, 2, 17)]
ADDED = dt.date(2027, 3, 5)
EXPECTED = sorted([day for day in WEDNESDAYS if day not in EXCEPTED] + [ADDED])


def _accessible(page, base: str) -> None:
    for scheme in ("light", "dark"):
        assert axe_violations(page, base, scheme) == [], (page.url, scheme)


def _proposed(site, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while not (found := branches(site, "refs/heads/contrib/event/")):
        assert time.monotonic() < deadline, "the worker proposed nothing"
        time.sleep(0.5)
    return found[0]


def test_a_weekly_event_entered_without_javascript_is_published_with_the_same_dates_everywhere(tmp_path, chromium):
    site = make_site(tmp_path)
    with running_service(
        site, tmp_path, KIOSQUE_BRIDGE_MIN_FILL_SECONDS="0", KIOSQUE_BRIDGE_RATE_LIMIT="50/60"
    ) as base:
        context = chromium.new_context(java_script_enabled=False, locale="en-GB")
        page = context.new_page()
        for path in ("/submit/track/la-bande-son-du-quartier?lang=en", "/submit/story/memoires-du-quartier?lang=en"):
            page.goto(base + path)
            _accessible(page, base)
        page.goto(f"{base}/submit/event?lang=en")
        _accessible(page, base)
        page.locator("#f-title").fill("Atelier tricot")
        page.locator("input[name=categories][value=workshop]").check()
        page.locator("#f-body").fill("On tricote ensemble, *débutants bienvenus*.")
        page.locator("input[name='start.date']").fill("2027-01-06")
        page.locator("input[name='start.time']").fill("18:00")
        page.locator("input[name='end.time']").fill("19:30")
        page.locator("#s-repeat > summary").click()  # a folded section opens natively, without scripts
        page.get_by_label("Every week", exact=True).check()
        page.get_by_label("Wednesday", exact=True).check()
        page.locator("input[name='repeat.until']").fill("2027-02-24")
        excepted = page.locator("input[name=except]")
        excepted.nth(0).fill("2027-02-10")
        excepted.nth(1).fill("2027-02-18")  # the mistake: a Thursday, when the event is on Wednesdays
        page.locator("input[name='extra.date']").nth(0).fill("2027-03-05")
        page.get_by_label("Place", exact=True).fill("Café associatif La Fabrique")
        page.get_by_label("Your public name", exact=True).fill("Zoé")
        page.get_by_role("button", name="See my event").click()

        error = page.locator("#f-except-error")
        assert "2027-02-18" in error.inner_text()  # beside its field
        assert page.locator("input[name='start.date']").input_value() == "2027-01-06"  # every value kept
        assert page.locator("input[name='start.time']").input_value() == "18:00"
        assert (
            page.get_by_label("Every week", exact=True).is_checked()
            and page.get_by_label("Wednesday", exact=True).is_checked()
        )
        assert page.locator("input[name=except]").nth(1).input_value() == "2027-02-18"
        assert page.locator("input[name='extra.date']").nth(0).input_value() == "2027-03-05"
        assert page.get_by_label("Place", exact=True).input_value() == "Café associatif La Fabrique"
        assert page.locator("#s-repeat").get_attribute("open") is not None  # the folded section holding it
        _accessible(page, base)

        page.locator("input[name=except]").nth(1).fill("2027-02-17")
        page.get_by_role("button", name="See my event").click()
        preview = page.locator("section.preview")
        assert "Atelier tricot" in preview.inner_text() and "débutants bienvenus" in preview.inner_text()
        assert "It is not sent yet." in page.locator("main").inner_text()
        _accessible(page, base)
        page.get_by_role("link", name="Change").click()  # and back: nothing was lost
        assert page.locator("input[name=except]").nth(1).input_value() == "2027-02-17"
        page.get_by_role("button", name="See my event").click()
        page.get_by_role("button", name="Send").click()
        assert "/receipt/" in page.url
        context.close()
        branch = _proposed(site)

    git(site, "merge", "-q", "--no-ff", "-m", "merge", branch)
    check = make_check(site)
    assert check.returncode == 0, check.stdout
    built = build(site, today="2026-12-01")
    [folder] = (built.output / "agenda").glob("atelier-tricot-*")
    page_dates = [
        dt.date.fromisoformat(value[:10])
        for value in html.fromstring((folder / "index.html").read_bytes()).xpath("//dl[@class='facts']//time/@datetime")
    ]
    assert sorted(set(page_dates)) == EXPECTED  # the first date, and the coming ones
    text = (folder / "event.ics").read_text(encoding="utf-8")
    calendar = icalendar.Calendar.from_ical(text)
    found = recurring_ical_events.of(calendar).between(dt.date(2026, 12, 1), dt.date(2027, 12, 31))
    assert sorted(event["DTSTART"].dt.date() for event in found) == EXPECTED
    assert {event["DTSTART"].dt.time() for event in found} == {dt.time(18, 0)}
    strict = IcsCalendarStream.calendar_from_ics(text)  # another parser, strict: raises on any error
    timeline = strict.timeline.overlapping(dt.date(2026, 12, 1), dt.date(2027, 12, 31))
    assert sorted(event.dtstart.date() for event in timeline) == EXPECTED


def test_the_track_and_story_forms_their_problems_and_their_previews_are_accessible(tmp_path, chromium):
    site = make_site(tmp_path)
    with running_service(
        site,
        tmp_path,
        KIOSQUE_BRIDGE_MIN_FILL_SECONDS="0",
        KIOSQUE_BRIDGE_RATE_LIMIT="50/60",
        KIOSQUE_BRIDGE_WORKER="0",
    ) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        for path, button, missing, fill in (
            (
                "/submit/track/la-bande-son-du-quartier?lang=en",
                "See my track",
                "#f-note-error",
                {"#f-title": "Le Temps des cerises", "#f-artist": "Cora Vaucaire", "#f-added_by": "Lucie"},
            ),
            (
                "/submit/story/memoires-du-quartier?lang=en",
                "See my story",
                "#f-consent-error",
                {"#f-title": "La crue de 1957", "#f-body": "L'eau est montée.", "#f-teller": "Marcel"},
            ),
        ):
            page.goto(base + path)
            for selector, text in fill.items():
                page.locator(selector).fill(text)
            page.get_by_role("button", name=button).click()
            assert page.locator(missing).inner_text()  # beside its field
            _accessible(page, base)
            if "track" in path:
                page.locator("#f-note").fill("Ma grand-mère la chantait.")
            else:
                page.locator("#f-consent").check()
            page.get_by_role("button", name=button).click()
            assert fill["#f-title"] in page.locator("section.preview").inner_text()
            _accessible(page, base)
        context.close()


def test_the_correction_form_its_problems_and_its_preview_are_accessible(tmp_path, chromium):
    site = make_site(tmp_path)
    with running_service(site, tmp_path, KIOSQUE_BRIDGE_MIN_FILL_SECONDS="0", KIOSQUE_BRIDGE_WORKER="0") as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/correct?file=events/2026/concert-au-chapeau-les-cordes-sensibles.md&lang=en")
        assert page.locator("#f-title").input_value().startswith("Concert au chapeau")  # filled in from main
        _accessible(page, base)
        page.locator("#f-title").fill("")
        page.get_by_role("button", name="See my event").click()
        assert page.locator("#f-title-error").inner_text()  # beside its field
        _accessible(page, base)
        page.locator("#f-title").fill("Concert au chapeau : Les Cordes sensibles, en trio")
        page.get_by_role("button", name="See my event").click()
        assert "en trio" in page.locator("section.preview").inner_text()
        _accessible(page, base)
        context.close()
