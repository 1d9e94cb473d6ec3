"""The agenda's pages: months with previous/next, today, this week, the past, print, embed, calendars."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html

PLACE = "name: Café\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"


def event(title, start, extra=""):
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [concert]\n{extra}---\nUn concert.\n"


FILES = {
    "places/cafe.yaml": PLACE,
    "places/vide.yaml": "name: Salle vide\naddress:\n  street: 1 rue Calme\n  city: Lyon\n",
    "events/2026/passe.md": event("Concert passé", "2026-11-20 20:00"),
    "events/2026/aujourdhui.md": event("Concert du jour", "2026-12-02 20:30", "end: 2026-12-02 23:00\n"),
    "events/2026/dimanche.md": event("Bal du dimanche", "2026-12-06 15:00"),
    "events/2026/lundi.md": event("Lundi suivant", "2026-12-07 18:00"),
    "events/2027/fevrier.md": event("Concert de février", "2027-02-10 20:00", "status: cancelled\n"),
}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("pages")
    write_files(root / "content", FILES)
    return build_site(root, today="2026-12-02")  # a Wednesday


def titles(build, path):
    return html.fromstring(build.read(path)).xpath("//ul[@class='events']//a/text()")


def test_month_pages_follow_each_other(build):
    december = html.fromstring(build.read("agenda/index.html"))
    assert december.findtext(".//h1") == "Agenda : décembre 2026"
    (following,) = december.xpath("//a[@rel='next']/@href")
    assert posixpath.normpath(posixpath.join("agenda", following)) == "agenda/2027/02"  # months with nothing skipped
    assert titles(build, "agenda/index.html") == ["Concert du jour", "Bal du dimanche", "Lundi suivant"]
    february = html.fromstring(build.read("agenda/2027/02/index.html"))
    assert february.xpath("//a[@rel='prev']/text()") == ["← décembre 2026"]
    assert titles(build, "agenda/2027/02/index.html") == ["Concert de février"]


def test_today_this_week_and_the_past(build):
    assert titles(build, "agenda/today/index.html") == ["Concert du jour"]
    assert titles(build, "agenda/week/index.html") == ["Concert du jour", "Bal du dimanche"]  # ends on Sunday
    assert titles(build, "agenda/past/index.html") == ["Concert passé"]


def test_the_past_is_archived_by_month_so_no_page_grows_with_the_years(site_factory):
    built = site_factory(
        {
            "places/cafe.yaml": PLACE,
            "events/2026/novembre.md": event("Novembre", "2026-11-20 20:00"),
            "events/2026/octobre.md": event("Octobre", "2026-10-03 20:00"),
            "events/2025/ancien.md": event("L'an dernier", "2025-11-14 20:00"),
            "events/2026/serie.md": event(
                "Série", "2026-09-02 18:00", "recurrence: {frequency: weekly, until: 2026-10-28}\n"
            ),
        },
        today="2026-12-02",
    )
    assert titles(built, "agenda/past/index.html") == ["Novembre"]  # the latest month
    assert titles(built, "agenda/past/2026/10/index.html") == ["Série", "Octobre"]  # a series by its last date
    assert titles(built, "agenda/past/2025/11/index.html") == ["L'an dernier"]
    archive = html.fromstring(built.read("agenda/past/2026/10/index.html"))
    assert archive.xpath("//nav[@aria-labelledby='archive-title']/h3/text()") == ["2026", "2025"]
    assert [
        " ".join(a.text_content().split())
        for a in archive.xpath("//nav[@aria-labelledby='archive-title']//a[@aria-current]")
    ] == ["octobre 2026 (2)"]


def test_print_view_has_the_week_and_the_month_without_site_chrome(build):
    sheet = html.fromstring(build.read("agenda/print/index.html"))
    week, month = sheet.xpath("//section[@class='sheet']")
    assert [b.text for b in week.xpath(".//li/b")] == ["Concert du jour", "Bal du dimanche"]
    assert [b.text for b in month.xpath(".//li/b")] == ["Concert du jour", "Bal du dimanche", "Lundi suivant"]
    assert sheet.xpath("//nav") == [] and sheet.xpath("//script") == []
    assert sheet.xpath("//link[@rel='stylesheet']/@href")[0].endswith("print.css")


def test_embed_is_minimal_and_shows_status(build):
    embed = html.fromstring(build.read("embed/agenda/index.html"))
    assert embed.xpath("//script") == [] and embed.xpath("//link[@rel='stylesheet']") == []
    assert embed.xpath("//base/@target") == ["_blank"]
    assert [a.text for a in embed.xpath("//li/a")][:3] == ["Concert du jour", "Bal du dimanche", "Lundi suivant"]
    assert embed.xpath("//li[a='Concert de février']/span[@class='status']/text()") == ["Annulé"]
    assert (build.output / "embed/agenda/category/concert/index.html").exists()
    assert len(build.read("embed/agenda/index.html")) < 5000


def test_add_to_my_calendar_links_carry_the_next_date(build):
    page = html.fromstring(build.read("agenda/aujourdhui/index.html"))
    google = next(href for href in page.xpath("//a/@href") if href.startswith("https://calendar.google.com/"))
    query = parse_qs(urlsplit(google).query)
    assert query["text"] == ["Concert du jour"]
    assert query["dates"] == ["20261202T193000Z/20261202T220000Z"]  # 20:30-23:00 in Paris, in UTC
    assert query["location"] == ["Café, 3 rue Haute, Lyon"]


def test_a_place_without_events_still_has_its_filter_page_and_feeds(build):
    assert "Rien d'annoncé" in build.read("agenda/place/vide/index.html")
    page = html.fromstring(build.read("places/vide/index.html"))
    for href in page.xpath("//link[@rel='alternate']/@href"):
        assert (build.output / posixpath.normpath(posixpath.join("places/vide", href))).exists(), href
