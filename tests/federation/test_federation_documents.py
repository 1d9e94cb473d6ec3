"""What other servers read about the agenda before following it, as Mastodon asks for it: WebFinger, the actor
(with its key, never the private half), NodeInfo, the followers' count, the outbox in pages, each event and
activity at its id; and the bridge's loop that reads the published events by itself."""

from __future__ import annotations

import json
import threading
import time

import pytest
from federation_sites import client_for, make_site, settings_for

from federation.documents import OUTBOX_PAGE

EVENT = {"type": "Event", "name": "Bal", "startTime": "2026-12-05T20:30:00+01:00", "url": "https://a.example/bal/"}
SITE = {
    "name": "Agenda des Lilas",
    "summary": "Ce qui se passe <vraiment> au quartier",
    "url": "https://agenda.example.org/",
    "icon": {"url": "https://agenda.example.org/share.png", "mediaType": "image/png", "name": "Le logo"},
}


@pytest.fixture
def bridge(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSQUE_FEDERATION_URL", "https://agenda.example.org")
    monkeypatch.setenv("KIOSQUE_FEDERATION_POLL_MINUTES", "0")
    client = client_for(settings_for(make_site(tmp_path), tmp_path))
    return client, client.app.state.federation


def publish(federation, tmp_path, events: dict, past=(), withheld=()):
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"site": SITE, "events": events, "past": list(past), "withheld": list(withheld)}))
    return federation.publish(str(path))


def test_webfinger_finds_the_account_and_nobody_else(bridge):
    client, _ = bridge
    found = client.get("/.well-known/webfinger", params={"resource": "acct:agenda@agenda.example.org"})
    assert found.headers["content-type"].startswith("application/jrd+json")
    [self_link] = [link for link in found.json()["links"] if link["rel"] == "self"]
    assert self_link == {
        "rel": "self",
        "type": "application/activity+json",
        "href": "https://agenda.example.org/ap/actor",
    }
    assert client.get("/.well-known/webfinger", params={"resource": "acct:root@agenda.example.org"}).status_code == 404
    # a host name has no case, and some servers write the account's name as it was typed
    assert (
        client.get("/.well-known/webfinger", params={"resource": "acct:Agenda@Agenda.Example.org"}).status_code == 200
    )


def test_the_actor_is_an_application_with_its_public_key_and_the_site_profile(bridge, tmp_path):
    client, federation = bridge
    publish(federation, tmp_path, {})
    answer = client.get("/ap/actor", headers={"accept": "application/activity+json"})
    assert answer.headers["content-type"].startswith("application/activity+json")
    actor = answer.json()
    assert actor["type"] == "Application" and actor["preferredUsername"] == "agenda"
    assert actor["name"] == "Agenda des Lilas"
    assert actor["summary"] == "<p>Ce qui se passe &lt;vraiment&gt; au quartier</p>"
    assert actor["icon"]["url"] == SITE["icon"]["url"] and actor["icon"]["name"] == "Le logo"
    assert actor["endpoints"]["sharedInbox"] == actor["inbox"] == "https://agenda.example.org/ap/inbox"
    assert actor["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in answer.text
    key_file = federation.settings.state / "private-key.pem"
    assert key_file.stat().st_mode & 0o077 == 0  # the bridge's user alone reads it
    person = client.get("/ap/actor", headers={"accept": "text/html"}, follow_redirects=False)
    assert person.status_code == 303 and person.headers["location"] == "https://agenda.example.org/"


def test_nodeinfo_says_what_software_this_is(bridge):
    client, _ = bridge
    [link] = client.get("/.well-known/nodeinfo").json()["links"]
    assert link["href"] == "https://agenda.example.org/nodeinfo/2.1"
    info = client.get("/nodeinfo/2.1").json()
    assert info["software"]["name"] == "kiosque" and info["protocols"] == ["activitypub"]


def test_the_outbox_lists_recent_activities_in_pages_and_each_event_is_at_its_id(bridge, tmp_path):
    client, federation = bridge
    events = {f"bal-{number:02}": {**EVENT, "name": f"Bal {number}"} for number in range(OUTBOX_PAGE + 5)}
    publish(federation, tmp_path, events)
    outbox = client.get("/ap/outbox").json()
    assert outbox["type"] == "OrderedCollection" and outbox["totalItems"] == OUTBOX_PAGE + 5
    first = client.get(outbox["first"].replace("https://agenda.example.org", "")).json()
    assert len(first["orderedItems"]) == OUTBOX_PAGE and first["next"].endswith("page=2")
    second = client.get("/ap/outbox?page=2").json()
    assert len(second["orderedItems"]) == 5 and "next" not in second
    created = first["orderedItems"][0]
    assert created["type"] == "Create" and created["object"]["type"] == "Event"
    at_its_id = client.get(created["object"]["id"].replace("https://agenda.example.org", "")).json()
    assert at_its_id["name"] == created["object"]["name"] and at_its_id["attributedTo"].endswith("/ap/actor")
    activity = client.get(created["id"].replace("https://agenda.example.org", "")).json()
    assert activity["id"] == created["id"]


def test_a_removed_event_is_a_tombstone_and_a_passed_or_broken_one_is_left_alone(bridge, tmp_path):
    client, federation = bridge
    events = {"bal": EVENT, "kermesse": {**EVENT, "name": "Kermesse"}, "loto": {**EVENT, "name": "Loto"}}
    publish(federation, tmp_path, events)
    result = publish(federation, tmp_path, {}, past=["kermesse"], withheld=["loto"])
    assert result.deleted == ["bal"]
    assert client.get("/ap/events/loto").json()["name"] == "Loto"
    gone = client.get("/ap/events/bal")
    assert gone.status_code == 410 and gone.json()["type"] == "Tombstone"
    assert client.get("/ap/events/kermesse").json()["name"] == "Kermesse"


def test_the_bridge_reads_the_published_events_by_itself(tmp_path, monkeypatch):
    events = tmp_path / "published.json"
    events.write_text(json.dumps({"site": SITE, "events": {"bal": EVENT}, "past": []}))
    monkeypatch.setenv("KIOSQUE_FEDERATION_URL", "https://agenda.example.org")
    monkeypatch.setenv("KIOSQUE_FEDERATION_EVENTS", str(events))
    monkeypatch.setenv("KIOSQUE_FEDERATION_POLL_MINUTES", "0.005")
    federation = client_for(settings_for(make_site(tmp_path), tmp_path)).app.state.federation
    loop = threading.Thread(target=federation.run_forever, daemon=True)
    loop.start()
    try:
        for _ in range(100):
            if "bal" in federation.federated.load():
                break
            time.sleep(0.1)
        assert "bal" in federation.federated.load()
        events.write_text(json.dumps({"site": SITE, "events": {}, "past": []}))
        for _ in range(100):
            if federation.federated.load()["bal"].get("deleted"):
                break
            time.sleep(0.1)
        assert federation.federated.load()["bal"].get("deleted")
    finally:
        federation.stop()
