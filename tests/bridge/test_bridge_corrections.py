"""Corrections of published files (issue 20): the proposal modifies the file on main with the smallest diff,
comments and field order kept; a file changed or removed on main since the form was opened loses nothing."""

from __future__ import annotations

import icalendar
import pytest
from bridge_sites import client_for, git, make_site, settings_for
from conftest import build, jpeg

from bridge import editing
from bridge.editing import REMOVED, EditError, changed_fields, edit

CONCERT = "events/2026/concert-au-chapeau-les-cordes-sensibles.md"
COMMENT = "# au chapeau : tout va aux musiciennes\n"


@pytest.fixture
def site_and_bridge(tmp_path, monkeypatch):
    """The sample site on `main`, one of its files with a comment written by hand, and the bridge's parts."""
    monkeypatch.setattr(editing, "FETCH_EVERY", 0)  # each form sees main as it is this moment
    site = make_site(tmp_path)
    concert = site / "content" / CONCERT
    concert.write_text(concert.read_text().replace("price: hat\n", COMMENT + "price: hat\n"))
    git(site, "commit", "-qam", "A comment")
    client = client_for(settings_for(site, tmp_path))
    return site, client, client.app.state.bridge


def _send(bridge, path, changes, action="correct", body=None, uploaded=None, base=None):
    base = base or bridge.intake.main.read(path)
    ui = bridge.interfaces["en"]
    found, problems = bridge.intake.submit_change("event", base, action, None, changes, body, "", uploaded or {}, ui)
    assert problems == [] and found
    return found


def _propose(bridge, found) -> dict:
    assert bridge.worker.run_once() == 1
    record = bridge.spool.load(found)
    assert record["state"] == "proposed", record
    return record


def _diff(site, branch) -> list[str]:
    """The changed lines of the proposed commit itself."""
    shown = git(site, "show", "--format=", "--unified=0", branch)
    return [line for line in shown.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _sequence_and_status(root) -> tuple[int, str]:
    built = build(root, today="2026-11-01")
    ics = (built.output / "agenda/concert-au-chapeau-les-cordes-sensibles/event.ics").read_bytes()
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    return int(event["SEQUENCE"]), str(event["STATUS"])


def test_a_correction_rewrites_only_the_changed_lines_and_calendars_update(site_and_bridge):
    site, _client, bridge = site_and_bridge
    sequence, _ = _sequence_and_status(site)
    found = _send(bridge, CONCERT, {"start": "2026-11-14 21:00", "end": "2026-11-14 23:30", "price": "free"})
    record = _propose(bridge, found)

    assert _diff(site, record["branch"]) == [
        "-start: 2026-11-14 20:30",
        "-end: 2026-11-14 23:00",
        "+start: 2026-11-14 21:00",
        "+end: 2026-11-14 23:30",
        "-price: hat",
        "+price: free",
    ]
    assert record["branch"].startswith("change/event/") and record["branch"].endswith(found[:8])
    assert record["change"]["before"] == {"start": "2026-11-14 20:30", "end": "2026-11-14 23:00", "price": "hat"}
    assert record["change"]["after"]["price"] == "free"
    assert (record["action"], record["conflict"], record["check"], record["language"]) == (
        "correct",
        "",
        "passed",
        "fr",
    )
    assert git(site, "log", "-1", "--format=%s", record["branch"]).startswith("Correct event: Concert au chapeau")

    git(site, "merge", "-q", "--ff-only", record["branch"])
    assert COMMENT in (site / "content" / CONCERT).read_text()
    assert _sequence_and_status(site) == (sequence + 1, "CONFIRMED")


def test_a_cancellation_adds_the_status_and_its_note_where_the_schema_puts_them(site_and_bridge):
    site, _client, bridge = site_and_bridge
    sequence, _ = _sequence_and_status(site)
    note = "La salle est fermée : dégât des eaux."
    record = _propose(bridge, _send(bridge, CONCERT, {"status": "cancelled", "status_note": note}, action="cancel"))

    assert _diff(site, record["branch"]) == ["+status: cancelled", f"+status_note: '{note}'"]
    lines = (git(site, "show", f"{record['branch']}:content/{CONCERT}")).splitlines()
    assert lines.index("status: cancelled") == lines.index("credit: Nadia") - 2  # after the picture, as the schema
    assert git(site, "log", "-1", "--format=%s", record["branch"]).startswith("Cancel event:")

    git(site, "merge", "-q", "--ff-only", record["branch"])
    assert _sequence_and_status(site) == (sequence + 1, "CANCELLED")


def test_a_file_changed_on_main_since_the_form_was_opened_keeps_both_sides(site_and_bridge):
    site, client, bridge = site_and_bridge
    opened = bridge.intake.main.read(CONCERT)
    concert = site / "content" / CONCERT
    concert.write_text(
        concert.read_text()
        .replace("end: 2026-11-14 23:00", "end: 2026-11-14 22:45")
        .replace("organizer: Café associatif La Fabrique", "organizer: La Fabrique")
    )
    git(site, "commit", "-qam", "A moderator's own correction")

    found = _send(bridge, CONCERT, {"end": "2026-11-14 23:30", "performers": ["Trio"]}, base=opened)
    assert bridge.spool.load(found)["conflict"] == "changed"
    assert "changed on the site since you opened the form" in client.get(f"/receipt/{found}?lang=en").text
    record = _propose(bridge, found)

    proposed = git(site, "show", f"{record['branch']}:content/{CONCERT}")
    assert "organizer: La Fabrique\n" in proposed and COMMENT in proposed  # main's change kept
    assert "end: 2026-11-14 23:30\n" in proposed and "performers: [Trio]\n" in proposed  # and the contributor's
    assert record["conflict"] == "changed" and record["conflicts"] == {"end": "2026-11-14 22:45"}
    assert "changed on the site" in git(site, "log", "-1", "--format=%b", record["branch"])


def test_a_file_removed_from_main_is_proposed_back_with_the_correction(site_and_bridge):
    site, client, bridge = site_and_bridge
    opened = bridge.intake.main.read(CONCERT)
    git(site, "rm", "-q", f"content/{CONCERT}")
    git(site, "commit", "-qm", "Removed")

    found = _send(bridge, CONCERT, {"status": "cancelled"}, action="cancel", base=opened)
    assert "removed from the site since you opened the form" in client.get(f"/receipt/{found}?lang=en").text
    record = _propose(bridge, found)
    assert record["conflict"] == "removed"
    proposed = git(site, "show", f"{record['branch']}:content/{CONCERT}")
    assert "status: cancelled\n" in proposed and COMMENT in proposed


def test_a_new_picture_replaces_the_old_one_and_its_dimensions_are_recorded(site_and_bridge):
    _site, _client, bridge = site_and_bridge
    found = _send(bridge, CONCERT, {}, uploaded={"image": jpeg((40, 30))})
    record = bridge.spool.load(found)
    source = record["change"]["after"]["image"]["src"]
    assert source.startswith("images/contrib/concert-au-chapeau-les-cordes-sensibles-") and source.endswith(".jpg")
    assert record["pictures"] == {f"content/{source}": [40, 30]}
    assert record["change"]["after"]["image"]["alt"].startswith("Trois musiciennes")  # the text that goes with it


def test_nothing_changed_is_said_plainly(site_and_bridge):
    _site, _client, bridge = site_and_bridge
    base = bridge.intake.main.read(CONCERT)
    unchanged = {"price": "hat", "start": base.fields["start"]}
    found, problems = bridge.intake.submit_change(
        "event", base, "correct", None, unchanged, base.body, "", {}, bridge.interfaces["en"]
    )
    assert found is None and [problem.message for problem in problems] == [
        "You changed nothing: change what is wrong, then send the form again."
    ]


def test_a_correction_that_breaks_the_file_is_refused_with_make_checks_sentence(site_and_bridge):
    _site, _client, bridge = site_and_bridge
    base = bridge.intake.main.read(CONCERT)
    found, problems = bridge.intake.submit_change(
        "event", base, "correct", None, {"status": "lost"}, None, "", {}, bridge.interfaces["en"]
    )
    assert found is None and [problem.field for problem in problems] == ["status"]


@pytest.mark.parametrize(
    "path",
    [
        "../pelicanconf.py",
        "/etc/passwd",
        "events/2026/../../../pelicanconf.py",
        "events/2026/lien.md",  # a symlink on main
        "places/cafe-la-fabrique.yaml",
        "playlists/la-bande-son-du-quartier/index.md",
        f"{CONCERT}\n",
        "events/2026/absent.md",
        "",
    ],
)
def test_links_to_anything_but_a_contribution_on_main_open_nothing(site_and_bridge, path):
    site, _client, bridge = site_and_bridge
    (site / "content/events/2026/lien.md").symlink_to("../../../pelicanconf.py")
    git(site, "add", "content/events/2026/lien.md")
    git(site, "commit", "-qm", "A symlink")
    assert bridge.intake.main.read(path) is None
    assert bridge.intake.main.read(CONCERT).kind == "event"
    assert bridge.intake.main.read("playlists/la-bande-son-du-quartier/respect.yaml").kind == "track"


def test_an_unreachable_repository_leaves_the_last_fetched_main_readable(site_and_bridge):
    site, _client, bridge = site_and_bridge
    opened = bridge.intake.main.read(CONCERT)
    site.rename(site.with_name("away"))  # the site's repository cannot be reached
    try:
        assert bridge.intake.main.read(CONCERT) == opened
    finally:
        site.with_name("away").rename(site)


# edit(): the smallest change of a file's text

FILE = """\
---
# written by hand
title: Bal   # the name
start: 2026-12-05 20:30
place: cafe-la-fabrique

price:
  kind: paid  # at the door
  amounts: [{amount: 5}]
credit: 'Nadia'
---
Le *bal* du quartier.

Venez nombreux.
"""


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    old, new = before.splitlines(), after.splitlines()
    return [line for line in old if line not in new], [line for line in new if line not in old]


def test_edit_keeps_every_untouched_line_and_the_text_byte_for_byte():
    edited = edit(FILE, True, {"start": "2026-12-06 21:00"}, kind="event")
    assert _changed_lines(FILE, edited) == (["start: 2026-12-05 20:30"], ["start: 2026-12-06 21:00"])
    assert edited.endswith("---\nLe *bal* du quartier.\n\nVenez nombreux.\n")


def test_edit_keeps_the_remark_at_the_end_of_a_rewritten_line():
    edited = edit(FILE, True, {"title": "Grand bal"}, kind="event")
    assert "title: Grand bal   # the name\n" in edited


def test_edit_quotes_what_would_not_read_back_as_text():
    edited = edit(FILE, True, {"title": "yes", "organizer": "0o17", "status_note": "Fermé: travaux"}, kind="event")
    assert "title: yes   # the name\n" in edited  # YAML 1.2: text
    assert "organizer: '0o17'\n" in edited and "status_note: 'Fermé: travaux'\n" in edited


def test_edit_writes_several_lines_as_a_block_and_nested_fields_as_they_are_written():
    edited = edit(
        FILE,
        True,
        {
            "status_note": "Première ligne.\nSeconde : ligne.",
            "place": {"name": "Salle des fêtes", "address": {"city": "Lyon", "postal_code": "69007"}},
            "price": {"kind": "paid", "amounts": [{"amount": 5}, {"amount": 3, "label": "réduit"}]},
        },
        kind="event",
    )
    assert "status_note: |-\n  Première ligne.\n  Seconde : ligne.\n" in edited
    assert "place:\n  name: Salle des fêtes\n  address:\n    city: Lyon\n    postal_code: '69007'\n" in edited
    assert "  - amount: 3\n    label: réduit\n" in edited
    assert "# written by hand\ntitle: Bal   # the name\n" in edited and "\n\nprice:" in edited  # blank line kept


def test_edit_puts_a_new_field_after_its_neighbour_and_removes_one_cleanly():
    edited = edit(FILE, True, {"end": "2026-12-06 01:00", "price": REMOVED, "audience": ["adults"]}, kind="event")
    lines = edited.splitlines()
    assert lines[3:6] == ["start: 2026-12-05 20:30", "end: 2026-12-06 01:00", "place: cafe-la-fabrique"]
    assert "price:" not in edited and "amounts" not in edited and "credit: 'Nadia'" in edited
    assert lines.index("audience:") < lines.index("credit: 'Nadia'")


def test_edit_follows_the_files_way_of_indenting_lists_and_of_writing_them_inline():
    track = "title: Respect\nlinks:\n  - https://a.example.org\ntags: [soul]\nadded_by: Nadia\n"
    edited = edit(track, False, {"links": ["https://b.example.org", "https://c.example.org"], "tags": ["funk"]})
    assert edited == (
        "title: Respect\nlinks:\n  - https://b.example.org\n  - https://c.example.org\ntags: [funk]\nadded_by: Nadia\n"
    )


def test_edit_refuses_a_file_it_cannot_rewrite_faithfully():
    with pytest.raises(EditError):
        edit("title: [unclosed\n", False, {"title": "Bal"})


def test_changed_fields_compare_meanings_not_spellings(site_and_bridge):
    _site, _client, bridge = site_and_bridge
    before = {"price": "hat", "start": "2026-12-05 20:30", "tags": ["a"]}
    after = {"price": {"kind": "hat"}, "start": "2026-12-05 21:00", "tags": []}
    assert changed_fields("event", before, after, ["price", "start", "tags"], bridge.site) == {
        "start": "2026-12-05 21:00",
        "tags": REMOVED,
    }
