"""The benchmark's generator makes sites that pass `make check` and build, the same seed gives the same
site, a busy region has its events to come, the twins hold every contribution (Hugo's builds it), the busy
region's pages are weighed against the theme's budgets, and the runner's table lands between its markers (the
benchmark itself runs in `make bench`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import html

from bench import hugo
from bench.busy import page_kind, weigh_all
from bench.generate import BUSY_RATE, EVENTS_PER_YEAR, City, counts
from bench.measure import Measure
from bench.report import BEGIN, END, SizeResult, table, write_readme
from bench.sites import twins, write_plain_twin
from contributions.checking.harvest import harvest
from contributions.site import Site
from tests.conftest import build

TODAY = dt.date(2026, 12, 1)


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_generated_site_passes_the_check_and_builds(tmp_path):
    City(50, 3, TODAY).write(tmp_path)
    result = harvest(Site(content=tmp_path / "content", today=TODAY))
    assert [str(p) for p in result.problems + result.notes] == []
    photos = list((tmp_path / "content/images").glob("*.jpg"))
    assert photos, "one event in ten has its own photo"
    assert result.checked == 50 + len(photos)  # the check also judges every picture
    assert len(result.of_kind("event")) == counts(50)["event"]

    site = build(tmp_path, today=TODAY.isoformat())
    assert site.warnings == []
    assert len(list((site.output / "agenda").glob("evenement-*/index.html"))) == counts(50)["event"]
    assert "BEGIN:VEVENT" in site.read("feeds/agenda.ics")


@pytest.fixture(scope="module")
def small_city(tmp_path_factory):
    """A site of 50 contributions, built."""
    root = tmp_path_factory.mktemp("city")
    City(50, 3, TODAY).write(root)
    return root, build(root, today=TODAY.isoformat())


def test_a_busy_region_has_its_events_to_come(tmp_path):
    City(1000, 3, TODAY).write(tmp_path / "city")
    City(1000, 3, TODAY, EVENTS_PER_YEAR * BUSY_RATE).write(tmp_path / "busy")

    def upcoming(root: Path) -> int:
        return sum(1 for twin in twins(root) if twin.kind == "events" and twin.date[:10] >= TODAY.isoformat())

    events = counts(1000)["event"]
    assert upcoming(tmp_path / "busy") == pytest.approx(events, rel=0.03)  # 870 events: all within 20 days
    assert upcoming(tmp_path / "city") < events * 0.3  # 800 a year: over 13 months, 3 of them to come


def test_the_hugo_twin_has_every_contribution_with_its_terms_lists_and_feeds(small_city, tmp_path):
    kiosque, _ = small_city
    hugo.write_twin(kiosque, tmp_path / "hugo")
    measure = hugo.build(tmp_path / "hugo", "full.log")
    public = tmp_path / "hugo" / "public"
    pages = [path for path in public.rglob("index.html") if path.parent.parent.name in hugo_sections(kiosque)]
    assert len(pages) == 50 and measure.seconds > 0
    event = next(twin for twin in twins(kiosque) if twin.kind == "events" and twin.tags)
    page = html.parse(str(public / "events" / event.stem / "index.html")).getroot()
    assert page.findtext(".//h1") == event.title
    assert {f"#{tag}" for tag in event.tags} <= set(page.xpath("//a/text()"))
    assert (public / "tags" / "index.xml").exists() and (public / "index.xml").exists()  # Hugo's RSS
    assert (public / "page" / "5" / "index.html").exists()  # 50 pages, ten to a page


def hugo_sections(kiosque: Path) -> set[str]:
    return {twin.kind for twin in twins(kiosque)}


def test_the_hugo_twin_converts_photos_when_asked(small_city, tmp_path):
    kiosque, _ = small_city
    photographed = next(twin for twin in twins(kiosque) if twin.photo)
    hugo.write_twin(kiosque, tmp_path / "hugo", photos=True)
    hugo.build(tmp_path / "hugo", "full.log")
    page = html.parse(str(tmp_path / "hugo/public/events" / photographed.stem / "index.html")).getroot()
    sources = page.xpath("//source/@srcset")
    assert [source.count("w,") + 1 for source in sources] == [3, 3]  # 480, 960, 1440 in WebP, then JPEG
    assert " 1440w" in sources[0] and ".webp" in sources[0]


def test_every_page_is_weighed_against_its_budget(small_city):
    _, site = small_city
    rows = {kind: (count, path, weight, budget) for kind, count, path, weight, budget in weigh_all(site.output)}
    assert rows["index.html"][1:] == ("index.html", rows["index.html"][2], 60 * 1024)
    count, path, weight, budget = rows["event pages"]
    assert count == counts(50)["event"] and budget == 40 * 1024
    assert weight > len(site.read(path).encode())  # its stylesheet counts
    assert page_kind("agenda/place/lieu-12/index.html") == page_kind("agenda/place/lieu-3/index.html")
    assert not any(kind.endswith("email.html") for kind in rows)  # a newsletter's e-mail is sent, not browsed


def test_the_same_seed_gives_the_same_site(tmp_path):
    City(40, 7, TODAY).write(tmp_path / "a")
    City(40, 7, TODAY).write(tmp_path / "b")
    City(40, 8, TODAY).write(tmp_path / "c")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_the_plain_twin_has_one_article_per_contribution_with_its_body(tmp_path):
    City(30, 3, TODAY).write(tmp_path / "k")
    write_plain_twin(tmp_path / "k", tmp_path / "p")
    articles = list((tmp_path / "p" / "content").rglob("*.md"))
    assert len(articles) == 30
    event = next((tmp_path / "k" / "content" / "events").rglob("*.md")).read_text(encoding="utf-8")
    body = event.split("---\n", 2)[2]
    assert any(article.read_text(encoding="utf-8").endswith("\n\n" + body) for article in articles)


def test_the_table_replaces_what_stands_between_the_markers(tmp_path):
    run = Measure(10.0, 100.0, 0, 8.0)
    results = [
        SizeResult(
            size,
            run,
            Measure(5.0, 50.0, 0, 2.0),
            Measure(2.0, 90.0, 0),
            run,
            Measure(1.5, 40.0, 0),
            Measure(0.5, 40.0, 0, 0.4),
            {"feeds/agenda.ics": 2048},
        )
        for size in (100, 200)
    ]
    readme = tmp_path / "README.md"
    readme.write_text(f"# bench\n\nProse.\n\n{BEGIN}\nold table\n{END}\n\nMore prose.\n", encoding="utf-8")
    write_readme(readme, table(results))
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and text.startswith("# bench\n\nProse.") and text.endswith("More prose.\n")
    assert (
        "| 200 | 10.0 s (8.0 s), 100 MB | 5.0 s (2.0 s), 50 MB | 2.00 (4.00) | 50.00 (-50%) | "
        "2.0 s (20%), CPU 0.0 s (0%) |" in text
    )
    assert "| 1.5 s (15%), CPU 0.0 s (0%) | 0.5 s (5%), CPU 0.4 s (5%) |" in text  # make check: first, after a build
    assert "| 100 | 2 KB |" in text
