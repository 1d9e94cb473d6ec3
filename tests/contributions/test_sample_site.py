"""The sample site is a living neighbourhood: it has every case the issue asks for, builds without a
single warning, and every contribution gets its page."""

from __future__ import annotations

import datetime as dt
import shutil
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO
from lxml import html

from contributions.checking.harvest import harvest
from contributions.schemas.kinds import KINDS
from contributions.schemas.recurrence import occurrences
from contributions.site import Site

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(scope="module")
def sample():
    return harvest(Site(content=REPO / "content", area=(45.70, 4.76, 45.82, 4.92)), shown_root=REPO)


def test_sample_content_has_no_problem(sample):
    assert [str(problem) for problem in sample.problems] == []


def test_sample_covers_the_cases_of_a_real_agenda(sample):
    events = [item.data for item in sample.of_kind("event")]
    assert len(events) >= 30
    assert {event.start.year for event in events} >= {2026, 2027}
    recurring = [e for e in events if e.recurrence or e.rrule]
    assert any(e.except_dates for e in recurring) and any(e.extra_dates for e in recurring)
    assert any(e.all_day and e.end and e.end > e.start for e in events)  # a festival over several days
    assert any(e.all_day and not e.end for e in events)  # a one-day market
    statuses = {e.status for e in events}
    assert {"cancelled", "rescheduled"} <= statuses
    assert any(e.online and not e.place for e in events)  # online only
    assert any(e.online and e.place for e in events)  # hybrid
    assert any(e.place and e.place.name and not e.place.slug for e in events)  # place written inline
    assert {e.price.kind for e in events if e.price} >= {"free", "pay-what-you-can", "hat", "paid"}
    assert any(e.language == "en" for e in events)


def test_sample_places_playlists_and_stories(sample):
    places = [item.data for item in sample.of_kind("place")]
    assert len([p for p in places if p.coordinates]) >= 6
    assert len(sample.of_kind("playlist")) == 2
    tracks = [item.data for item in sample.of_kind("track")]
    assert len(tracks) >= 12 and len({t.added_by for t in tracks}) >= 6
    assert len(sample.of_kind("story_collection")) == 2
    stories = [item.data for item in sample.of_kind("story")]
    assert any(s.audio and s.transcript for s in stories)
    assert any(s.anonymous for s in stories)
    originals = [s.translation_of for s in stories if s.translation_of]
    assert any(originals.count(slug) >= 2 for slug in originals)  # one story translated twice
    assert len({s.language for s in stories if s.language}) >= 3


def test_sample_builds_without_warning_and_every_contribution_has_its_page(sample_build, sample):
    assert sample_build.warnings == []
    for item in sample.contributions:
        if not item.kind.published:  # a partner calendar: read for `make import`, never a page
            assert not (sample_build.output / "sources").exists()
            continue
        folder = {
            "event": f"agenda/{item.slug}",
            "place": f"places/{item.slug}",
            "playlist": f"playlists/{item.slug}",
            "track": f"playlists/{item.parent}/{item.slug}",
            "story_collection": f"stories/{item.slug}",
            "story": f"stories/{item.parent}/{item.slug}",
        }[item.kind.name]
        page = html.fromstring(sample_build.read(f"{folder}/index.html"))
        title = getattr(item.data, "title", None) or item.data.name
        assert page.findtext(".//h1").strip() == title


def test_sample_home_page_shows_this_week_then_the_next_date_of_later_events(sample_build, sample):
    """Built on Tuesday 1 December 2026: every date until Sunday 6, then each later event once, soonest first."""
    today = dt.date(2026, 12, 1)  # the sample build's fixed today (conftest)
    midnight = dt.datetime(2026, 12, 1, tzinfo=PARIS)
    monday = midnight + dt.timedelta(days=6)

    def starts(event):
        if event.recurrence or event.rrule:  # expansion itself is tested in test_recurrence.py
            return [dated.start for dated in occurrences(event, PARIS, midnight, midnight + dt.timedelta(days=731))]
        end = event.end or event.start
        start = event.start if isinstance(event.start, dt.datetime) else dt.datetime.combine(event.start, dt.time())
        last_day = end.date() if isinstance(end, dt.datetime) else end
        return [start.replace(tzinfo=PARIS)] if last_day >= today else []

    events = [
        e.data for e in sample.of_kind("event") if not e.data.translation_of
    ]  # a translation is not a second event
    this_week = sorted((start, e.title) for e in events for start in starts(e) if start < monday)
    later = sorted(
        (min(s for s in starts(e) if s >= monday), e.title) for e in events if any(s >= monday for s in starts(e))
    )
    home = html.fromstring(sample_build.read("index.html"))
    listed = [a.text for a in home.xpath("//ul[@class='events']//a")]
    assert listed == [title for _, title in this_week] + [title for _, title in later][:8]
    assert "L'heure du conte du mercredi" in listed  # a weekly series begun before today is still coming


def test_each_example_of_the_contribute_page_works_when_copied_into_the_sample(tmp_path):
    """A newcomer copies the example of the guide into the site: it must pass the check as is."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    places = {
        "event": "events/2026/exemple.md",
        "place": "places/exemple.yaml",
        "playlist": "playlists/exemple/index.md",
        "track": "playlists/la-bande-son-du-quartier/exemple.yaml",
        "story_collection": "stories/exemple/index.md",
        "story": "stories/memoires-du-quartier/exemple.md",
        "source": "sources/exemple.yaml",
    }
    for kind in KINDS.values():
        (tmp_path / "content" / places[kind.name]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / places[kind.name]).write_text(kind.example, encoding="utf-8")
    result = harvest(Site(content=tmp_path / "content", area=(45.70, 4.76, 45.82, 4.92)), shown_root=tmp_path)
    assert [str(problem) for problem in result.problems] == []
    assert len(result.contributions) == len(harvest(Site(content=REPO / "content")).contributions) + len(places)
