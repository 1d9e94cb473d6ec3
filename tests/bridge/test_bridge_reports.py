"""Reporting a cancellation or a new date of a published event (issue 20): the two short forms open from a
link naming the file on main, and what they send becomes a correction whose edited file passes `make check`."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from bridge_sites import axe_violations, client_for, git, make_site, running_service, send, settings_for
from lxml import html

from contributions import harvest, read_source

SERIES = "events/2026/repair-cafe-des-tilleuls.md"  # monthly on the first Saturday, 2027-01-02 excepted
CONCERT = "events/2027/concert-au-chapeau-trio-bouchon.md"  # 2027-02-06 20:30 to 23:00
GALETTE = "events/2027/galette-des-rois-aux-tilleuls.md"  # 2027-01-10 15:00 to 18:00


@pytest.fixture
def bridge_site(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSQUE_TODAY", "2026-12-01")
    site = make_site(tmp_path)
    client = client_for(settings_for(site, tmp_path))
    return site, client


def record_of(client, answer) -> dict:
    assert answer.status_code == 303, answer.text
    submission_id = re.fullmatch(r"/receipt/(\w+)\?lang=\w+", answer.headers["location"])[1]
    return client.app.state.bridge.spool.load(submission_id)


def edited(site: Path, client, record: dict) -> tuple[dict, list[str], list[str]]:
    """The fields of the file the change proposes once `make check` passed on the site holding it, and the
    lines it removes and adds."""
    path = record["change"]["path"]
    original = (site / path).read_text(encoding="utf-8")
    text = record["files"][path]
    (site / path).write_text(text, encoding="utf-8")
    assert harvest(client.app.state.bridge.site).problems == []
    diff = list(difflib.ndiff(original.splitlines(), text.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    return read_source(text.encode(), True, 1_000_000).data, removed, added


def test_a_whole_event_is_cancelled_with_a_note(bridge_site):
    site, client = bridge_site
    page = html.fromstring(client.get(f"/cancel?file={CONCERT}").text)
    assert not page.xpath("//select[@name='which']")  # one date: nothing to choose
    record = record_of(client, send(client, f"/cancel?file={CONCERT}", {"note": "Le trio est malade."}))
    assert record["action"] == "cancel"
    assert record["change"]["date"] == ""
    _, removed, added = edited(site, client, record)
    assert (removed, added) == ([], ["status: cancelled", "status_note: Le trio est malade."])


@pytest.mark.parametrize("day", ["2027-03-06", "2027-01-09"])  # a date of its rule, its extra date
def test_one_date_of_a_series_is_cancelled_and_the_others_stay(bridge_site, day):
    site, client = bridge_site
    page = html.fromstring(client.get(f"/cancel?file={SERIES}&date={day}").text)
    choices = page.xpath("//select[@name='which']/option/@value")
    assert choices[:4] == ["", "all", "2026-12-05", "2027-01-09"]  # the excepted Saturday is no choice, the extra is
    assert page.xpath("//select[@name='which']/option[@selected]/@value") == [day]
    answer = send(client, f"/cancel?file={SERIES}", {"which": day, "note": "Salle fermée pour travaux."})
    record = record_of(client, answer)
    assert record["change"]["date"] == day
    fields, removed, _ = edited(site, client, record)
    assert removed == []
    assert fields["occurrences"] == [{"date": day, "status": "cancelled", "note": "Salle fermée pour travaux."}]
    assert "status" not in fields


def test_a_whole_event_moves_with_its_length_and_its_first_date_kept(bridge_site):
    site, client = bridge_site
    answer = send(
        client,
        f"/move?file={GALETTE}",
        {"day": "2027-01-17", "time": "14:30", "note": "La salle était prise."},
    )
    record = record_of(client, answer)
    assert record["action"] == "move"
    fields, removed, added = edited(site, client, record)
    assert removed == ["start: 2027-01-10 15:00", "end: 2027-01-10 18:00"]
    assert fields["status"] == "rescheduled"
    assert fields["previous_start"] == "2027-01-10 15:00"
    assert (fields["start"], fields["end"]) == ("2027-01-17 14:30", "2027-01-17 17:30")
    assert fields["status_note"] == "La salle était prise."
    assert fields["place"] == "centre-social-les-tilleuls"


def test_one_date_of_a_series_moves_to_another_day_and_place(bridge_site):
    site, client = bridge_site
    answer = send(
        client,
        f"/move?file={SERIES}",
        {
            "which": "2027-02-06",
            "day": "2027-02-13",
            "time": "15:00",
            "end_time": "18:00",
            "place": "Café associatif La Fabrique",
        },
    )
    record = record_of(client, answer)
    assert record["change"]["date"] == "2027-02-06"
    fields, removed, _ = edited(site, client, record)
    assert removed == []
    assert fields["occurrences"] == [
        {
            "date": "2027-02-06",
            "status": "rescheduled",
            "start": "2027-02-13 15:00",
            "end": "2027-02-13 18:00",
            "place": "cafe-la-fabrique",
        }
    ]
    assert fields["start"] == "2026-10-03 14:00"  # the series itself does not move


def test_a_date_of_a_series_with_changes_already_goes_among_them(bridge_site):
    site, client = bridge_site
    story_hour = "events/2026/heure-du-conte.md"  # 2027-01-13 cancelled, 2027-01-20 moved to the 23rd
    answer = send(client, f"/cancel?file={story_hour}", {"which": "2027-01-27", "note": "Conteuse malade."})
    fields, removed, added = edited(site, client, record_of(client, answer))
    assert [item["date"] for item in fields["occurrences"]] == ["2027-01-13", "2027-01-20", "2027-01-27"]
    assert removed == []
    assert added == ["  - date: 2027-01-27", "    status: cancelled", "    note: Conteuse malade."]


def test_a_form_with_mistakes_comes_back_with_every_value_and_each_message_beside_its_field(bridge_site):
    _, client = bridge_site
    answer = send(
        client,
        f"/move?file={SERIES}",
        {
            "day": "",
            "time": "25:00",
            "end_time": "10:00",
            "place": "Nulle part",
            "note": "Gardée.",
            "contact": "a@b.org",
        },
    )
    assert answer.status_code == 422
    page = html.fromstring(answer.text)
    for name in ("which", "day", "time", "place"):
        (field,) = page.xpath(f"//*[@name='{name}']")
        assert field.get("aria-invalid") == "true", name
        assert f"f-{name}-error" in field.get("aria-describedby"), name
        assert page.xpath(f"//*[@id='f-{name}-error']/li/text()"), name
    assert page.xpath("//textarea[@name='note']/text()") == ["Gardée."]
    assert page.xpath("//input[@name='place']/@value") == ["Nulle part"]
    assert page.xpath("//input[@name='contact']/@value") == ["a@b.org"]
    assert page.xpath("//div[@role='alert']")


def test_a_cancellation_needs_its_note(bridge_site):
    _, client = bridge_site
    answer = send(client, f"/cancel?file={CONCERT}", {"note": "  "})
    assert answer.status_code == 422
    assert html.fromstring(answer.text).xpath("//*[@id='f-note-error']/li/text()")


def test_a_form_without_its_token_is_refused_and_kept(bridge_site):
    _, client = bridge_site
    client.get(f"/cancel?file={CONCERT}")
    answer = client.post(f"/cancel?file={CONCERT}", data={"note": "Annulé."}, follow_redirects=False)
    assert answer.status_code == 403
    assert html.fromstring(answer.text).xpath("//textarea[@name='note']/text()") == ["Annulé."]


@pytest.mark.parametrize(
    "file",
    [
        "../pelicanconf.py",
        "/etc/passwd",
        "%2e%2e/pelicanconf.py",
        "events/%2e%2e/%2e%2e/pelicanconf.py",
        "events/2026/..%2f..%2f..%2fpelicanconf.py",
        "places/cafe-la-fabrique.yaml",
        "events/2026/nothing-here.md",
        "playlists/la-bande-son-du-quartier/douce-france.yaml",  # a track gets only "Propose a correction"
        "",
    ],
)
@pytest.mark.parametrize("action", ["cancel", "move"])
def test_a_link_to_anything_but_an_event_on_main_is_a_plain_not_found(bridge_site, action, file):
    _, client = bridge_site
    for answer in (
        client.get(f"/{action}?file={file}"),
        client.post(f"/{action}?file={file}", data={"note": "x", "day": "2027-01-01"}),
    ):
        assert answer.status_code == 404
        assert (
            html.fromstring(answer.text).xpath("string(//p[@role='alert'])").strip() == "Il n'y a rien à cette adresse."
        )
        assert "Traceback" not in answer.text and "pelicanconf" not in answer.text


def test_a_new_date_is_reported_with_a_browser_without_javascript(tmp_path, chromium, monkeypatch):
    monkeypatch.setenv("KIOSQUE_TODAY", "2026-12-01")
    site = make_site(tmp_path)
    with running_service(site, tmp_path, KIOSQUE_BRIDGE_MIN_FILL_SECONDS="0", KIOSQUE_BRIDGE_WORKER="0") as base:
        context = chromium.new_context(java_script_enabled=False, locale="fr-FR")
        page = context.new_page()
        page.goto(f"{base}/cancel?file={SERIES}")
        page.get_by_role("button", name="Envoyer").click()  # no date chosen, no note
        assert page.locator("#f-which-error").is_visible() and page.locator("#f-note-error").is_visible()
        for scheme in ("light", "dark"):
            assert axe_violations(page, base, scheme) == []  # the cancellation's form with its messages
        page.goto(f"{base}/move?file={SERIES}&date=2027-02-06")
        for scheme in ("light", "dark"):
            assert axe_violations(page, base, scheme) == []
        assert page.locator("#f-which").input_value() == "2027-02-06"
        page.locator("#f-day").fill("2027-02-13")  # the browser's own date input
        page.get_by_role("button", name="Envoyer").click()  # the time is missing
        assert page.locator("#f-time-error").inner_text() == "Ce champ est obligatoire."
        assert page.locator("#f-day").input_value() == "2027-02-13"
        for scheme in ("light", "dark"):
            assert axe_violations(page, base, scheme) == []
        page.locator("#f-time").fill("15:00")
        page.get_by_role("button", name="Envoyer").click()
        assert page.url.startswith(f"{base}/receipt/")
        assert axe_violations(page, base) == []
        context.close()


@pytest.mark.parametrize("conflict", ["changed", "removed"])
def test_a_report_on_a_file_changed_or_removed_since_the_form_opened_is_kept_with_the_conflict_said(
    bridge_site, monkeypatch, conflict
):
    site, client = bridge_site
    monkeypatch.setattr("bridge.editing.FETCH_EVERY", 0)  # main is read afresh at each request
    page = html.fromstring(client.get(f"/cancel?file={CONCERT}").text)
    token, base = (page.xpath(f"string(//input[@name='{name}']/@value)") for name in ("csrf", "base"))
    concert = site / "content" / CONCERT
    if conflict == "changed":
        concert.write_text(concert.read_text(encoding="utf-8").replace("23:00", "23:30"), encoding="utf-8")
        git(site, "commit", "-qam", "The concert ends later")
    else:
        git(site, "rm", "-q", str(concert))
        git(site, "commit", "-qm", "No concert")
    answer = client.post(
        f"/cancel?file={CONCERT}", data={"csrf": token, "base": base, "note": "Annulé."}, follow_redirects=False
    )
    record = record_of(client, answer)
    assert (record["change"]["base"], record["conflict"]) == (base, conflict)
    assert record["change"]["after"] == {"status": "cancelled", "status_note": "Annulé."}
