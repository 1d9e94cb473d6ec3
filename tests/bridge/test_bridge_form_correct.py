"""'Propose a correction': the form opens filled in from the file as it is on the main branch, and what is
sent is only what the person changed; what the form cannot show is kept untouched, and said so."""

from __future__ import annotations

import re

import pytest
from bridge_sites import client_for, dedent, git, make_site, settings_for
from lxml import html

SERIES = "events/2026/repair-cafe-des-tilleuls.md"
EXPERT = dedent(
    """
    ---
    title: Chorale du jeudi
    # written by hand: the rule is an iCalendar one
    start: 2026-12-03 19:00
    place: cafe-la-fabrique
    categories: [concert]
    rrule: FREQ=WEEKLY;BYDAY=TH;COUNT=10
    ---
    On chante.
    """
)


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path)
    (site / "content/events/2026/chorale-du-jeudi.md").write_text(EXPERT, encoding="utf-8")
    git(site, "add", ".")
    git(site, "commit", "-qm", "An expert's event")
    return site


@pytest.fixture
def client(tmp_path, site):
    return client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="100/60"))


def _form(client, file: str):
    answer = client.get(f"/correct?file={file}&lang=en")
    assert answer.status_code == 200, answer.text
    page = html.fromstring(answer.text)
    fields = [(i.get("name"), i.get("value") or "") for i in page.xpath("//form//input[@name]") if _sent(i)]
    fields += [(s.get("name"), (s.xpath("option[@selected]/@value") or [""])[0]) for s in page.xpath("//form//select")]
    fields += [(t.get("name"), t.text or "") for t in page.xpath("//form//textarea")]
    return page, fields


def _sent(element) -> bool:
    """What a browser sends of an input: a checkbox or radio only when checked, never a file or the trap."""
    if element.get("type") in ("checkbox", "radio"):
        return element.get("checked") is not None
    return element.get("type") != "file" and element.get("name") != "website"


def _post(client, file: str, fields: list, **changed):
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changed.items()})
    return client.post(f"/correct?file={file}&lang=en", data=data, follow_redirects=False)


def test_the_form_opens_filled_in_from_main_with_its_base_and_a_link_for_one_date(client, site):
    page, fields = _form(client, SERIES)
    values = {}
    for name, value in fields:
        values.setdefault(name, value)  # the first of repeated inputs
    assert values["base"] == git(site, "rev-parse", f"main:content/{SERIES}").strip()
    assert values["title"] == "Repair café des Tilleuls"
    assert values["start.date"] == "2026-10-03" and values["start.time"] == "14:00"
    assert values["repeat"] == "monthly" and values["repeat.weekday"] == "saturday"
    assert values["except"] == "2027-01-02" and values["place"] == "Centre social et culturel Les Tilleuls"
    assert page.xpath("//p[@class='also']/a/@href") == [f"/move?file={SERIES}&lang=en"]
    assert page.xpath("//h1")[0].text_content() == "Propose a correction: Repair café des Tilleuls"
    assert not page.xpath("//p[@class='kept']")  # everything in this file is in the form


def test_only_the_changed_field_is_sent_and_the_file_keeps_the_rest_as_written(client, site):
    _, fields = _form(client, SERIES)
    answer = _post(client, SERIES, fields, title="Repair café des Tilleuls (nouvelle formule)")
    assert answer.status_code == 303, answer.text
    [record] = client.app.state.bridge.spool.records()
    assert record["action"] == "correct" and record["change"]["after"] == {
        "title": "Repair café des Tilleuls (nouvelle formule)"
    }
    before = (site / "content" / SERIES).read_text(encoding="utf-8").splitlines()
    after = record["files"][f"content/{SERIES}"].splitlines()
    assert [pair for pair in zip(before, after, strict=True) if pair[0] != pair[1]] == [
        ("title: Repair café des Tilleuls", "title: Repair café des Tilleuls (nouvelle formule)")
    ]


def test_sending_it_unchanged_says_so_and_a_preview_shows_the_corrected_page(client):
    _, fields = _form(client, SERIES)
    unchanged = _post(client, SERIES, fields)
    assert unchanged.status_code == 422 and "You changed nothing" in unchanged.text
    preview = _post(client, SERIES, fields, title="Repair café (aperçu)", step="preview")
    assert preview.status_code == 200
    assert "Repair café (aperçu)" in html.fromstring(preview.text).xpath("string(//section[@class='preview']//h1)")


def test_what_the_form_cannot_show_is_kept_untouched_and_said(client, site):
    page, fields = _form(client, "events/2026/chorale-du-jeudi.md")
    assert "rrule" in page.xpath("string(//p[@class='kept'])")
    assert page.xpath("//p[@class='also']/a/@href")  # a series all the same
    answer = _post(client, "events/2026/chorale-du-jeudi.md", fields, **{"start.time": "19:30"})
    assert answer.status_code == 303, answer.text
    [record] = client.app.state.bridge.spool.records()
    assert record["change"]["after"] == {"start": "2026-12-03 19:30"}
    text = record["files"]["content/events/2026/chorale-du-jeudi.md"]
    assert "rrule: FREQ=WEEKLY;BYDAY=TH;COUNT=10" in text and "# written by hand" in text


@pytest.mark.parametrize(
    "file", ["events/2026/nothing-here.md", "../../etc/passwd", "places/cafe-la-fabrique.yaml", "", "events/%00.md"]
)
def test_a_file_not_on_main_is_a_plain_not_found(client, file):
    answer = client.get(f"/correct?file={file}&lang=en")
    assert answer.status_code == 404
    assert html.fromstring(answer.text).xpath("string(//main//p[@role='alert'])").startswith("This page is not")
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/submit/event").text)[1]
    posted = client.post(f"/correct?file={file}", data={"csrf": token, "title": "x"})
    assert posted.status_code == 404 and "Traceback" not in posted.text
