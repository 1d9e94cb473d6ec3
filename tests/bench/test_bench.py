"""The benchmark's generator makes sites that pass `make check` and build, the same seed gives the same
site, and the runner's table lands between its markers (the benchmark itself runs in `make bench`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.generate import City, counts
from bench.measure import Measure
from bench.report import BEGIN, END, SizeResult, table, write_readme
from bench.sites import write_plain_twin
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
