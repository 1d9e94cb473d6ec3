"""Long lists of dates in pages (a busy region's month holds a thousand dates): every date once, in order, days
kept whole when they fit, pages linked both ways with their number in the title; the home, the printed sheet and
the embed show their first dates and say how many are left out. The limits are lowered so a small site shows it."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from lxml import html

from agenda import paging

DAY = dt.date(2026, 12, 2)


def days(*sizes: int) -> list:
    return [(DAY + dt.timedelta(days=index), [f"{index}.{n}" for n in range(size)]) for index, size in enumerate(sizes)]


def flat(pages) -> list[str]:
    return [date for page in pages for _, dates in page for date in dates]


def test_days_stay_whole_when_they_fit_and_every_date_comes_once_in_order():
    listed = days(2, 3, 1, 4, 2)
    pages = paging.cut(listed, 5)
    assert [[len(dates) for _, dates in page] for page in pages] == [[2, 3], [1, 4], [2]]
    assert flat(pages) == flat([listed])


def test_a_day_longer_than_a_page_is_cut_and_its_heading_repeated():
    pages = paging.cut(days(1, 7, 1), 3)
    assert [[(day.day, len(dates)) for day, dates in page] for page in pages] == [
        [(2, 1)],
        [(3, 3)],
        [(3, 3)],
        [(3, 1), (4, 1)],
    ]
    assert max(len(dates) for page in pages for _, dates in page) <= 3


def test_an_empty_list_is_one_empty_page_and_first_dates_counts_what_it_leaves():
    assert paging.cut([], 3) == [[]]
    shown, left_out = paging.first_dates(days(2, 2, 2), 3)
    assert flat([shown]) == ["0.0", "0.1"] and left_out == 4


def test_pages_link_both_ways(monkeypatch):
    monkeypatch.setattr(paging, "PAGE_DATES", 3)
    pages = paging.paged(days(3, 3, 3), "agenda/2027/01/")
    assert [page.save_as for page in pages] == [
        "agenda/2027/01/index.html",
        "agenda/2027/01/page/2/index.html",
        "agenda/2027/01/page/3/index.html",
    ]
    assert (pages[0].previous, pages[0].next) == (None, "agenda/2027/01/page/2/")
    assert (pages[2].previous, pages[2].next) == ("agenda/2027/01/page/2/", None)


def event(title, start, categories="concert"):
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [{categories}]\n---\nUn concert.\n"


PAST = [(f"2026-11-{day:02d} 20:00", 100 + day) for day in range(3, 10)]  # seven in November, before today
# a Wednesday with four dates, then three more this week and one later in the month: eight in December
DATES = [(f"2026-12-02 1{n}:00", n) for n in range(4)] + [
    ("2026-12-03 20:00", 4),
    ("2026-12-05 18:00", 5),
    ("2026-12-05 21:00", 6),
    ("2026-12-20 20:00", 7),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import build, write_files

    files = {"places/cafe.yaml": "name: Café\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"}
    files.update({f"events/2026/e{n}.md": event(f"Date {n}", start) for start, n in DATES + PAST})
    root = tmp_path_factory.mktemp("paging")
    write_files(root / "content", files)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PAGE_DATES", 3)
        patch.setattr(paging, "SHORT_LIST_DATES", 2)
        built = build(root, today="2026-12-02")
    assert built.warnings == []
    return built


def listed(site, path: str) -> list[str]:
    return html.fromstring(site.read(path)).xpath("//ul[@class='events']//a/text()")


def follow(site, path: str, rel: str) -> str | None:
    found = html.fromstring(site.read(path)).xpath(f"//nav//a[@rel='{rel}']/@href")
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), found[0])) + "/index.html" if found else None


def test_the_month_is_in_pages_that_lead_to_each_other(site):
    path, seen, pages = "agenda/index.html", [], []
    while path:
        pages.append(path)
        seen += listed(site, path)
        path = follow(site, path, "next")
    assert pages == ["agenda/index.html", "agenda/page/2/index.html", "agenda/page/3/index.html"]
    assert seen == [f"Date {n}" for n in range(8)]  # each date once, in order
    assert follow(site, "agenda/page/3/index.html", "prev") == "agenda/page/2/index.html"
    assert not (site.output / "agenda/page/4").exists()
    assert listed(site, "agenda/2026/12/page/2/index.html") == listed(site, "agenda/page/2/index.html")


def test_a_page_says_which_it_is(site):
    second = html.fromstring(site.read("agenda/page/2/index.html"))
    assert second.findtext(".//title").startswith("Agenda : décembre 2026 (Page 2 sur 3)")
    assert second.xpath("//nav[@aria-label='Pages']//span[@aria-current='page']/text()") == ["Page 2 sur 3"]
    first = html.fromstring(site.read("agenda/index.html"))
    assert first.findtext(".//title").startswith("Agenda : décembre 2026 (Page 1 sur 3)")


def test_a_filter_and_this_week_are_in_pages_too(site):
    assert listed(site, "agenda/category/concert/page/3/index.html") == ["Date 5", "Date 6", "Date 7"]
    assert listed(site, "agenda/week/index.html") == ["Date 0", "Date 1", "Date 2"]
    assert (site.output / "agenda/week/page/3/index.html").exists()  # 7 dates this week


def test_the_home_print_and_embed_show_their_first_dates_and_say_what_is_left(site):
    home = html.fromstring(site.read("index.html"))
    assert home.xpath("//ul[@class='events']//a[starts-with(text(), 'Date')]/text()")[:2] == ["Date 0", "Date 1"]
    (more,) = home.xpath("//p[@class='more']/a[contains(@href, 'agenda/week')]")
    assert more.text == "Et 5 autres dates à l'agenda."  # 7 this week, 2 shown
    sheet = html.fromstring(site.read("agenda/print/index.html"))
    assert [p.text_content() for p in sheet.xpath("//section/p")] == [
        "Et 5 autres dates à l'agenda.",
        "Et 6 autres dates à l'agenda.",
    ]
    assert len(html.fromstring(site.read("embed/agenda/index.html")).xpath("//main//li")) == 3


def test_a_month_of_the_past_is_in_pages_latest_first(site):
    first = html.fromstring(site.read("agenda/past/2026/11/index.html"))
    assert first.xpath("//ul[@class='events']//a/text()") == ["Date 109", "Date 108", "Date 107"]
    (later,) = first.xpath("//nav[@aria-label='Pages']//a[@rel='next']")
    assert later.text_content().startswith("Dates précédentes")  # further down the list: earlier in time
    third = "agenda/past/2026/11/page/3/index.html"
    assert listed(site, third) == ["Date 103"]
    assert follow(site, third, "prev") == "agenda/past/2026/11/page/2/index.html"
    assert listed(site, "agenda/past/page/2/index.html") == ["Date 106", "Date 105", "Date 104"]
    assert (
        html.fromstring(site.read(third)).findtext(".//title").startswith("Événements passés : novembre 2026 (Page 3")
    )
