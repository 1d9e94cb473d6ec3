"""What people and programs see: forms generated from the schemas, accessible and in both languages, the
person's input kept with each message beside its field, the JSON API and its OpenAPI description."""

from __future__ import annotations

import re

import jsonschema
import pytest
from bridge_sites import EVENT, TRACK, client_for, make_site, send, settings_for
from conftest import REPO
from lxml import html

from interface.catalogues import bridge_texts


@pytest.fixture
def client(tmp_path):
    return client_for(settings_for(make_site(tmp_path), tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="100/60"))


def test_the_bridge_catalogue_holds_its_templates_and_its_python_sentences():
    """Every one translated: tests/translations/."""
    wanted = {message.id for message in bridge_texts() if message.id}
    assert len(wanted) > 60
    assert {"Propose an event", "This field is required."} <= wanted


def test_the_event_form_comes_from_the_schema_in_the_sites_language(client):
    page = html.fromstring(client.get("/submit/event").text)
    assert page.get("lang") == "fr"
    assert page.findtext(".//a[@class='skip']") == "Aller au contenu"
    assert (
        page.find(".//header") is not None
        and page.find(".//main[@id='main']") is not None
        and page.find(".//footer") is not None
    )
    categories = page.xpath("//fieldset[legend[starts-with(., 'Genre')]]//input/@value")
    assert categories[:3] == ["concert", "show", "film"]  # the site's vocabulary, in its order
    assert "Spectacle" in page.xpath("string(//fieldset[legend[starts-with(., 'Genre')]])")
    assert (
        page.xpath("string(//p[@id='f-title-help'])")
        == "Le nom de l'événement, tel qu'il doit apparaître dans l'agenda."
    )
    assert page.xpath("//input[@name='place']/@list") == ["f-place-list"]  # the site's places, searchable by name
    assert page.xpath("//datalist[@id='f-place-list']/option/@value")[0] == "Café associatif La Fabrique"
    for control in page.xpath(
        "//form//input[not(@type='hidden') and not(@type='checkbox')] | //form//select | //form//textarea"
    ):
        labels = page.xpath(f"//label[@for='{control.get('id')}']")
        assert labels and labels[0].text_content().strip(), control.get("name")  # every control has its label
    english = html.fromstring(client.get("/submit/event?lang=en").text)
    assert english.get("lang") == "en" and english.findtext(".//h1") == "Propose an event"


def test_a_form_with_problems_comes_back_with_the_input_kept_and_each_message_beside_its_field(client):
    answer = send(
        client,
        "/submit/event?lang=en",
        {**EVENT, "start.date": "12/12/2026", "categories": ["concer"], "title": "Fête"},
    )
    assert answer.status_code == 422
    page = html.fromstring(answer.text)
    assert page.xpath("//input[@name='title']/@value") == ["Fête"]
    assert page.xpath("//input[@name='categories'][@checked]/@value") == []  # 'concer' is no choice to tick
    assert page.xpath("//textarea[@name='body']/text()") == [EVENT["body"]]
    start = page.xpath("//input[@name='start.date']")[0]
    assert start.get("aria-invalid") == "true" and "f-start-date-error" in start.get("aria-describedby")
    assert page.xpath("string(//ul[@id='f-start-date-error'])") == (
        "'12/12/2026 14:00' is not a date and time; write it as "
        "2026-12-05 20:30 (year-month-day hour:minute), or 2026-12-05 for a whole day"
    )
    assert "did you mean 'concert'" in page.xpath("string(//ul[@id='f-categories-error'])")
    assert page.xpath("string(//div[@role='alert'])").strip().startswith("Some fields need your attention")
    empty = html.fromstring(send(client, "/submit/event?lang=en", {**EVENT, "title": " "}).text)
    assert (
        empty.xpath("string(//ul[@id='f-title-error'])") == "This field is required."
    )  # a field, not a line of a file
    assert empty.xpath("//input[@name='title']/@aria-required") == ["true"]


def test_the_home_page_offers_the_open_playlists_only(client):
    links = html.fromstring(client.get("/").text).xpath("//main//a/@href")
    assert "/submit/track/la-bande-son-du-quartier?lang=fr" in links
    assert not [link for link in links if "musiques-de-nos-cuisines" in link]  # closed
    assert "/submit/story/memoires-du-quartier?lang=fr" in links


def test_the_track_form_fills_in_the_day_and_the_receipt_follows(client):
    answer = send(client, "/submit/track/la-bande-son-du-quartier", TRACK)
    receipt = html.fromstring(client.get(answer.headers["location"]).text)
    assert "Le Temps des cerises" in receipt.text_content() and "Reçue" in receipt.text_content()
    [record] = client.app.state.bridge.spool.records()
    text = record["files"][record["main_file"]]
    assert re.search(r"^added: '\d{4}-\d{2}-\d{2}'$", text, re.M) and "year: 1955" in text
    assert "note: |-\n  Ma grand-mère la chantait.\n  Toujours au printemps.\n" in text  # readable for moderators


def test_the_json_api_accepts_explains_and_describes_itself(client):
    fields = {"title": "Bella ciao", "artist": "Giovanna Daffini", "added_by": "Lucie", "note": "Pour la manif."}
    accepted = client.post("/api/track", json={"parent": "la-bande-son-du-quartier", "fields": fields})
    assert accepted.status_code == 202
    assert client.get(accepted.json()["receipt"].replace("/receipt/", "/api/receipts/")).json()["state"] == "received"
    refused = client.post(
        "/api/track?lang=en",
        json={"parent": "la-bande-son-du-quartier", "fields": {**fields, "year": 3000, "colour": "red"}},
    )
    assert refused.status_code == 422
    problems = {problem["field"]: problem["message"] for problem in refused.json()["problems"]}
    assert problems["year"] == "expected a number of at most 2100, found '3000'"
    assert "colour" in problems
    assert client.post("/api/event", content="title=x", headers={"content-type": "text/plain"}).status_code == 415
    missing = client.get("/api/receipts/" + "0" * 32)
    assert missing.status_code == 404 and missing.json()["problems"][0]["message"] == "Il n'y a rien à cette adresse."
    assert client.get("/receipt/../../etc/passwd").status_code == 404

    document = client.get("/api/openapi.json").json()
    assert {"/api/event", "/api/track", "/api/story", "/api/receipts/{submission_id}"} <= set(document["paths"])
    body = document["paths"]["/api/track"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    resolver = {"components": document["components"], **body}
    validator = jsonschema.Draft202012Validator(resolver)
    assert validator.is_valid({"parent": "la-bande-son-du-quartier", "fields": fields})
    assert not validator.is_valid({"parent": "la-bande-son-du-quartier", "fields": {**fields, "year": 3000}})
    assert "Why this one" in document["components"]["schemas"]["Track"]["properties"]["note"]["description"]


def test_every_bridge_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "bridge").rglob("*.py"))
    settings = set(re.findall(r"\bKIOSQUE_BRIDGE_[A-Z_]+\b", code))
    assert len(settings) > 10
    assert sorted(name for name in settings if name not in readme) == []
