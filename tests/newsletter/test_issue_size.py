"""The e-mail stays under 100 KB (what Gmail shows before it clips a message) on the benchmark's
10,000-contribution site, in its worst week: every file committed in the week before the issue, as when a site
starts or a partner's whole season is imported, so that the announcements alone would list hundreds of events."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html

from bench import generate
from bench.generate import City, commit_all
from tests.conftest import build, git, write_files

TODAY = dt.date(2026, 12, 1)
PLACE = "name: Café\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"
# what the newsletter is made from; the share pictures (most of a first build's time) play no part in it
PLUGINS = ["interface", "publishing", "agenda", "places", "stories", "playlists", "feeds", "newsletter"]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    root = tmp_path_factory.mktemp("city")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(generate, "PICTURE_SHARE", 0)  # the e-mail has no picture: drawing them is half the time
        City(10_000, 10, TODAY).write(root)
        for variable in ("GIT_COMMITTER_DATE", "GIT_AUTHOR_DATE"):
            monkeypatch.setenv(variable, "2026-11-26T12:00:00+01:00")  # in the week before this week's issue
        commit_all(root, "a whole city's agenda at once")
    return build(root, today=TODAY.isoformat(), PLUGINS=PLUGINS, SITEURL="https://agenda.example.org")


def test_every_email_of_the_city_is_under_100_kb(city):
    emails = sorted((city.output / "newsletter").rglob("email.html"), key=lambda path: path.stat().st_size)
    assert len(emails) > 100  # the agenda's and its filters'
    assert emails[-1].stat().st_size < 100_000, emails[-1]
    this_week = html.fromstring(city.read("newsletter/2026-W49/email.html"))
    assert len(this_week.xpath("//h2[@class='day']")) >= 5  # the benchmark announces a dozen events a week
    (announced,) = this_week.xpath("//h2[not(@class)][1]/following::a[contains(., 'dans l')][1]/text()")
    assert announced.startswith("Et ") and int(announced.split()[1]) > 100  # the rest: one line, not hundreds


def test_a_busy_week_lists_the_soonest_announcements_and_counts_the_rest(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    files = {"places/cafe.yaml": PLACE}
    for day in range(1, 26):
        files[f"events/janvier-{day}.md"] = (
            f"---\ntitle: Soirée du {day} janvier\nstart: 2027-01-{day:02d} 20:00\nplace: cafe\n"
            "categories: [party]\n---\nDu texte.\n"
        )
    write_files(tmp_path / "content", files)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-26T12:00:00+01:00")
    git(tmp_path, "commit", "-q", "-m", "a season")
    site = build(tmp_path, today=TODAY.isoformat())
    assert site.warnings == []
    text = site.read("newsletter/2026-W49/email.txt")
    assert text.count("- Soirée du ") == 20 and "- Soirée du 20 janvier" in text and "Soirée du 21" not in text
    assert "Et 5 autres, dans l'agenda." in text
