"""Sync, not copy: the events of a source (as `calendars.read` gives them) against the files already in
content/events/ — nothing written when nothing changed, a change or a cancellation rewritten, a vanished event
never deleted but marked postponed whatever the source's trust, a file edited here replaced only in a proposal
that shows both versions, the archive left alone."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import SimpleNamespace

import icalendar
import pytest
from importing_sites import commit_all, mtimes, repository, snapshot, source_file

from contributions import Site, read_site_settings, read_source
from importing.model import Imported, Said
from importing.syncing import (
    CANCELLED,
    CHANGED,
    HAND_EDITED,
    KEPT,
    NEW,
    PAST,
    REALIGNED,
    REFUSED,
    UNCHANGED,
    VANISHED,
    content_hash,
    file_name,
    sync,
)

TODAY = dt.date(2026, 12, 7)
PARTNER = "mediatheque-des-lilas"


def conte(start: str = "2027-01-09 10:30", **changes) -> Imported:
    fields = {
        "title": "Lectures au coin du feu",
        "start": start,
        "end": start[:10] + " 11:30",
        "place": "mediatheque-des-lilas",
        "categories": ["reading"],
        "audience": ["children"],
        "price": "free",
        "organizer": {"name": "Médiathèque des Lilas", "url": "https://mediatheque-lilas.example.org"},
        **changes,
    }
    return Imported("conte-42@mediatheque.example.org", fields, "Des histoires pour les 4-8 ans.\n\nGoûter offert.")


def atelier(**changes) -> Imported:
    fields = {
        "title": "Atelier BD",
        "start": "2027-02-03 14:00",
        "duration": "2h",
        "place": "mediatheque-des-lilas",
        "categories": ["workshop"],
        **changes,
    }
    return Imported("atelier-7@mediatheque.example.org", fields, "")


@pytest.fixture
def site_root(tmp_path) -> Path:
    return repository(tmp_path / "site", {"sources/mediatheque-des-lilas.yaml": source_file("partners/m.ics")}, False)


def site_of(root: Path, today: dt.date = TODAY) -> Site:
    site = Site.from_settings(read_site_settings(root / "pelicanconf.py"))
    return Site(**{**site.__dict__, "content": root / "content", "today": today})


def run(root: Path, events: list[Imported], trusted: bool = False, today: dt.date = TODAY, skipped=()):
    source = SimpleNamespace(name="Médiathèque des Lilas", trusted=trusted)
    changes = sync(PARTNER, source, events, root / "content", today, site=site_of(root, today), skipped=skipped)
    changes.write()
    return changes


def imported_file(root: Path, item: Imported) -> Path:
    found = [
        path
        for path in (root / "content/events").rglob("*.md")
        if (read_source(path.read_bytes(), True, 10**6).data.get("source") or {}).get("uid") == item.uid
    ]
    assert len(found) == 1
    return found[0]


def test_a_new_event_is_written_as_a_person_would_write_it(site_root):
    changes = run(site_root, [conte()])
    assert [outcome.action for outcome in changes.outcomes] == [NEW]
    path = imported_file(site_root, conte())
    expected_name = file_name(PARTNER, "Lectures au coin du feu", conte().uid)
    assert path.relative_to(site_root / "content").as_posix() == f"events/2027/{expected_name}"
    uid_hash = hashlib.sha256(b"conte-42@mediatheque.example.org").hexdigest()[:6]
    assert expected_name == f"mediatheque-des-lilas-lectures-au-coin-du-feu-{uid_hash}.md"
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    names = [line.split(":")[0] for line in front.splitlines() if line and not line.startswith(" ")]
    # the schema's order, as in the sample files; source last
    assert names == ["title", "start", "end", "place", "categories", "audience", "price", "organizer", "source"]
    assert "categories: [reading]\n" in front
    read = read_source(path.read_bytes(), True, 10**6)
    assert read.data["source"] == {
        "partner": PARTNER,
        "uid": "conte-42@mediatheque.example.org",
        "hash": content_hash(read.data, read.body),
    }
    assert text.endswith("---\nDes histoires pour les 4-8 ans.\n\nGoûter offert.\n")


def test_nothing_changed_at_the_source_writes_nothing(site_root):
    run(site_root, [conte(), atelier()])
    before, times = snapshot(site_root / "content"), mtimes(site_root / "content")
    changes = run(site_root, [conte(), atelier()])
    assert [outcome.action for outcome in changes.outcomes] == [UNCHANGED, UNCHANGED]
    assert changes.files == {}
    assert snapshot(site_root / "content") == before  # byte for byte
    assert mtimes(site_root / "content") == times  # not even written again


def test_a_change_at_the_source_rewrites_the_file_in_place_and_its_title_does_not_move_it(site_root):
    run(site_root, [conte()])
    path = imported_file(site_root, conte())
    changes = run(site_root, [conte("2027-01-16 10:30", title="Lectures d'hiver")])
    assert [(outcome.action, outcome.path) for outcome in changes.outcomes] == [
        (CHANGED, path.relative_to(site_root / "content").as_posix())
    ]
    data = read_source(path.read_bytes(), True, 10**6).data
    assert (data["title"], data["start"], data["end"]) == ("Lectures d'hiver", "2027-01-16 10:30", "2027-01-16 11:30")
    assert len(list((site_root / "content/events").rglob("*.md"))) == 1


def test_a_cancellation_at_the_source_cancels_the_event_here(site_root):
    run(site_root, [conte()])
    changes = run(site_root, [conte(status="cancelled")])
    assert [outcome.action for outcome in changes.outcomes] == [CANCELLED]
    assert read_source(imported_file(site_root, conte()).read_bytes(), True, 10**6).data["status"] == "cancelled"
    assert [outcome.action for outcome in run(site_root, [conte(status="cancelled")]).outcomes] == [UNCHANGED]


def test_a_vanished_upcoming_event_is_marked_postponed_never_deleted_whatever_the_source_s_trust(site_root):
    run(site_root, [conte(), atelier()])  # an untrusted source: the proposal marks it all the same
    changes = run(site_root, [conte()])
    assert [(outcome.action, outcome.title) for outcome in changes.outcomes] == [
        (UNCHANGED, "Lectures au coin du feu"),
        (VANISHED, "Atelier BD"),
    ]
    assert list(changes.files) == [imported_file(site_root, atelier()).relative_to(site_root / "content").as_posix()]
    assert read_source(imported_file(site_root, atelier()).read_bytes(), True, 10**6).data["status"] == "postponed"


def test_an_event_left_out_this_time_has_not_vanished(site_root):
    from importing.model import Skipped

    run(site_root, [conte(), atelier()])
    skipped = [Skipped(atelier().uid, "Atelier BD", Said("The event has no start."))]
    assert [outcome.action for outcome in run(site_root, [conte()], skipped=skipped).outcomes] == [UNCHANGED]


@pytest.mark.parametrize("trusted", [False, True])
def test_a_vanished_event_is_marked_postponed_with_a_note_and_comes_back_as_the_source_says(site_root, trusted):
    run(site_root, [atelier()], trusted=trusted)
    changes = run(site_root, [], trusted=trusted)
    assert [outcome.action for outcome in changes.outcomes] == [VANISHED]
    path = imported_file(site_root, atelier())
    read = read_source(path.read_bytes(), True, 10**6)
    assert read.data["status"] == "postponed"
    assert read.data["status_note"] == (
        "N'est plus dans le calendrier de Médiathèque des Lilas : vérifiez auprès d'eux avant de vous déplacer."
    )
    assert read.data["source"]["hash"] == content_hash(read.data, read.body)  # not taken for an edit made here
    again = run(site_root, [], trusted=trusted)
    assert [outcome.action for outcome in again.outcomes] == [VANISHED] and again.files == {}
    back = run(site_root, [atelier()], trusted=trusted)  # back in the calendar: as the source says
    assert [outcome.action for outcome in back.outcomes] == [CHANGED]
    assert "status" not in read_source(path.read_bytes(), True, 10**6).data


def test_a_past_event_that_vanished_is_nothing_to_say(site_root):
    run(site_root, [conte()])
    assert run(site_root, [], today=dt.date(2027, 1, 10)).outcomes == []


def test_a_file_edited_here_stands_while_the_source_stays_the_same(site_root):
    run(site_root, [conte()])
    path = imported_file(site_root, conte())
    edited = path.read_text(encoding="utf-8").replace("end: 2027-01-09 11:30", "end: 2027-01-09 12:00")
    path.write_text(edited, encoding="utf-8")
    changes = run(site_root, [conte()])
    assert [outcome.action for outcome in changes.outcomes] == [KEPT] and changes.files == {}
    assert path.read_text(encoding="utf-8") == edited


def test_a_file_edited_here_whose_source_changed_gets_the_source_s_version_in_the_proposal(site_root):
    run(site_root, [conte()])
    path = imported_file(site_root, conte())
    edited = path.read_text(encoding="utf-8").replace("end: 2027-01-09 11:30", "end: 2027-01-09 12:00")
    path.write_text(edited, encoding="utf-8")
    changes = run(site_root, [conte("2027-01-09 10:00", end="2027-01-09 11:30", price="hat")])
    (outcome,) = changes.outcomes
    assert outcome.action == HAND_EDITED and not outcome.cancelled
    assert list(changes.files) == [path.relative_to(site_root / "content").as_posix()]
    assert outcome.differences == [
        ("start", "2027-01-09 10:30", "2027-01-09 10:00"),
        ("end", "2027-01-09 12:00", "2027-01-09 11:30"),
        ("price", "free", "hat"),
    ]
    read = read_source(path.read_bytes(), True, 10**6)  # the source's version, with its new hash
    assert (read.data["start"], read.data["end"], read.data["price"]) == ("2027-01-09 10:00", "2027-01-09 11:30", "hat")
    assert read.data["source"]["hash"] == content_hash(read.data, read.body)
    assert [outcome.action for outcome in run(site_root, [conte("2027-01-09 10:00", price="free")]).outcomes] == [
        CHANGED  # no longer edited here: an ordinary change
    ]


def test_a_cancellation_at_the_source_of_a_file_edited_here_is_said(site_root):
    run(site_root, [conte()])
    path = imported_file(site_root, conte())
    path.write_text(path.read_text(encoding="utf-8").replace("price: free", "price: hat"), encoding="utf-8")
    (outcome,) = run(site_root, [conte(status="cancelled")]).outcomes
    assert (outcome.action, outcome.cancelled) == (HAND_EDITED, True)
    assert ("status", "—", "cancelled") in outcome.differences
    assert read_source(path.read_bytes(), True, 10**6).data["status"] == "cancelled"


def test_a_file_edited_to_just_what_the_source_says_only_gets_its_hash_refreshed(site_root):
    run(site_root, [conte()])
    path = imported_file(site_root, conte())
    # The source changes its end; someone copies it by hand (and writes the file their own way: a comment).
    path.write_text(
        path.read_text(encoding="utf-8").replace("end: 2027-01-09 11:30", "end: 2027-01-09 12:00  # as they say"),
        encoding="utf-8",
    )
    by_hand = path.read_text(encoding="utf-8")
    changes = run(site_root, [conte(end="2027-01-09 12:00")])
    (outcome,) = changes.outcomes
    assert outcome.action == REALIGNED and list(changes.files) == [path.relative_to(site_root / "content").as_posix()]
    read = read_source(path.read_bytes(), True, 10**6)
    assert read.data["source"]["hash"] == content_hash(read.data, read.body)  # no longer "edited here"
    old_hash = read_source(by_hand.encode(), True, 10**6).data["source"]["hash"]
    assert path.read_text(encoding="utf-8") == by_hand.replace(old_hash, read.data["source"]["hash"])
    assert [outcome.action for outcome in run(site_root, [conte(end="2027-01-09 12:00")]).outcomes] == [UNCHANGED]


def test_a_vanished_file_edited_here_keeps_its_edits_and_comes_back_shown_as_both(site_root):
    run(site_root, [atelier()])
    path = imported_file(site_root, atelier())
    path.write_text(path.read_text(encoding="utf-8").replace("duration: 2h", "duration: 3h"), encoding="utf-8")
    (gone,) = run(site_root, []).outcomes
    assert gone.action == VANISHED and gone.raw is not None
    read = read_source(path.read_bytes(), True, 10**6)
    assert (read.data["duration"], read.data["status"]) == ("3h", "postponed")
    assert read.data["source"]["hash"] != content_hash(read.data, read.body)  # still edited here
    assert run(site_root, []).files == {}
    (back,) = run(site_root, [atelier()]).outcomes  # back, unchanged at the source: the mark must go
    assert back.action == HAND_EDITED
    assert ("status", "postponed", "—") in back.differences and ("duration", "3h", "2h") in back.differences
    assert "status" not in read_source(path.read_bytes(), True, 10**6).data


def test_an_event_cancelled_here_that_vanished_is_left_as_it_is(site_root):
    run(site_root, [conte(), atelier()])
    run(site_root, [conte(), atelier(status="cancelled")])
    before = snapshot(site_root / "content")
    assert [outcome.action for outcome in run(site_root, [conte()]).outcomes] == [UNCHANGED]
    assert snapshot(site_root / "content") == before


def test_a_new_event_cancelled_at_first_sight_is_said_cancelled(site_root):
    (outcome,) = run(site_root, [conte(status="cancelled")]).outcomes
    assert (outcome.action, outcome.cancelled) == (NEW, True)


def test_files_are_written_with_the_usual_mode(site_root):
    import os

    previous = os.umask(0o022)
    try:
        run(site_root, [conte()])
    finally:
        os.umask(previous)
    assert imported_file(site_root, conte()).stat().st_mode & 0o777 == 0o644


def test_the_archive_stays_as_people_wrote_it(site_root):
    changes = run(site_root, [conte("2026-11-28 10:30")])  # already over when first seen
    assert [outcome.action for outcome in changes.outcomes] == [PAST] and changes.files == {}
    run(site_root, [conte()])
    later = dt.date(2028, 3, 1)  # over for more than a year: a change at the source changes nothing here
    changes = run(site_root, [conte(title="Lectures au coin du feu (annulé)")], today=later)
    assert [outcome.action for outcome in changes.outcomes] == [PAST] and changes.files == {}


def test_a_file_make_check_would_refuse_is_not_written_and_its_sentence_is_said(site_root):
    changes = run(site_root, [atelier(categories=["knitting"])])
    (outcome,) = changes.outcomes
    assert outcome.action == REFUSED and changes.files == {}
    assert not (site_root / "content/events/2027").exists()
    assert outcome.problems == [
        "categories: valeurs possibles : concert, show, film, exhibition, reading, talk, workshop, walk, "
        "open-mic, games, market, festival, repair-cafe, party, radio — trouvé : 'knitting'"
    ]


def test_a_date_changed_at_the_source_makes_the_calendar_s_sequence_grow(site_root):
    from conftest import build

    run(site_root, [conte()])
    commit_all(site_root, "imported")
    first = _vevent(build(site_root, today="2026-12-07").output / "feeds/agenda.ics")
    run(site_root, [conte("2027-01-16 10:30")])
    commit_all(site_root, "changed at the source")
    second = _vevent(build(site_root, today="2026-12-07").output / "feeds/agenda.ics")
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 1)
    assert second["UID"] == first["UID"]
    assert second["DTSTART"].dt.isoformat() == "2027-01-16T10:30:00+01:00"


def _vevent(path: Path) -> icalendar.Event:
    found = [
        event
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        if str(event["SUMMARY"]) == "Lectures au coin du feu"
    ]
    assert len(found) == 1
    return found[0]
