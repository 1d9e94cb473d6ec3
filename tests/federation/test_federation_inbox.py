"""The inbox's bad paths, each refused with its status and nothing kept: unsigned, forged, replayed (an old
Date), a body swapped under a valid signature, an oversized body, a key on a private address, a flood; and what
it takes from a real sender: a follow, its undo, a deleted actor, an activity it does not handle."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import logging
import threading

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from federation_sites import client_for, make_site, settings_for

from bridge.federating import INBOX_RATE
from federation.signatures import http_date, sign

SECRET_WORDS = "a private message nobody else should read"


class RemoteActor:
    """A fediverse account on another server (127.0.0.1): its actor document and key, served; it signs."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.gone = False
        self.hits = 0
        self.shared_inbox = None
        actor = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                actor.hits += 1
                if actor.gone:
                    self.send_response(410)
                    self.end_headers()
                    return
                body = json.dumps(actor.document()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.id = f"http://127.0.0.1:{self.server.server_port}/users/ana"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def document(self) -> dict:
        pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return {
            "id": self.id,
            "type": "Person",
            "inbox": f"{self.id}/inbox",
            "endpoints": {"sharedInbox": self.shared_inbox or self.id.rsplit("/users", 1)[0] + "/inbox"},
            "publicKey": {"id": f"{self.id}#main-key", "owner": self.id, "publicKeyPem": pem.decode()},
        }

    def post(self, client, activity: dict, key=None, body: bytes | None = None, to="agenda.example.org", **headers):
        signed_body = json.dumps(activity).encode()
        signed = sign(
            "POST",
            f"https://{to}/ap/inbox",
            key or self.key,
            f"{self.id}#main-key",
            signed_body,
            **{"content-type": "application/activity+json", **headers},
        )
        return client.post("/ap/inbox", content=body if body is not None else signed_body, headers=signed)

    def follow(self, client):
        return self.post(
            client,
            {"id": f"{self.id}#follow-1", "type": "Follow", "actor": self.id, "object": AGENDA},
        )


AGENDA = "https://agenda.example.org/ap/actor"


@pytest.fixture
def remote():
    actor = RemoteActor()
    yield actor
    actor.server.shutdown()


def service(tmp_path, monkeypatch, allow_private: bool = True):
    monkeypatch.setenv("KIOSQUE_FEDERATION_URL", "https://agenda.example.org")
    monkeypatch.setenv("KIOSQUE_FEDERATION_ALLOW_PRIVATE", "1" if allow_private else "0")
    monkeypatch.setenv("KIOSQUE_FEDERATION_POLL_MINUTES", "0")
    site = make_site(tmp_path)
    client = client_for(settings_for(site, tmp_path))
    client.base_url = "https://agenda.example.org"
    return client, client.app.state.federation


@pytest.fixture
def bridge(tmp_path, monkeypatch):
    return service(tmp_path, monkeypatch)


def test_a_follow_is_taken_accepted_and_undone(bridge, remote):
    client, federation = bridge
    assert remote.follow(client).status_code == 202
    assert federation.followers.count() == 1
    assert federation.followers.inboxes() == [remote.document()["endpoints"]["sharedInbox"]]
    [accept] = [path.name for path in federation.deliveries.records.glob("*.json")]
    assert accept  # the Accept waits in the spool for its delivery
    assert client.get("/ap/followers").json()["totalItems"] == 1
    undo = {"id": f"{remote.id}#undo-1", "type": "Undo", "actor": remote.id, "object": f"{remote.id}#follow-1"}
    assert remote.post(client, undo).status_code == 202
    assert federation.followers.count() == 0


def test_an_unsigned_post_is_refused(bridge, remote):
    client, federation = bridge
    activity = {"id": f"{remote.id}#follow-1", "type": "Follow", "actor": remote.id, "object": AGENDA}
    answer = client.post("/ap/inbox", json=activity, headers={"content-type": "application/activity+json"})
    assert answer.status_code == 401
    assert federation.followers.count() == 0 and remote.hits == 0


def test_a_forged_signature_is_refused(bridge, remote):
    client, federation = bridge
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    activity = {"id": f"{remote.id}#follow-1", "type": "Follow", "actor": remote.id, "object": AGENDA}
    assert remote.post(client, activity, key=forger).status_code == 401
    assert federation.followers.count() == 0


def test_an_old_date_is_refused_before_any_key_is_fetched(bridge, remote):
    client, federation = bridge
    old = http_date(dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    activity = {"id": f"{remote.id}#follow-1", "type": "Follow", "actor": remote.id, "object": AGENDA}
    assert remote.post(client, activity, date=old).status_code == 401
    assert federation.followers.count() == 0 and remote.hits == 0


def test_a_body_swapped_under_a_valid_signature_is_refused(bridge, remote):
    client, federation = bridge
    activity = {"id": f"{remote.id}#follow-1", "type": "Undo", "actor": remote.id, "object": AGENDA}
    swapped = json.dumps({**activity, "type": "Follow"}).encode()
    assert remote.post(client, activity, body=swapped).status_code == 401
    assert federation.followers.count() == 0


def test_a_ten_megabyte_body_is_refused(bridge, remote):
    client, federation = bridge
    huge = {"type": "Create", "actor": remote.id, "object": {"content": "x" * 10_000_000}}
    assert remote.post(client, huge).status_code == 413
    assert remote.hits == 0


def test_a_key_on_a_private_address_is_never_fetched(tmp_path, monkeypatch, remote):
    client, federation = service(tmp_path, monkeypatch, allow_private=False)
    assert remote.follow(client).status_code == 401
    assert remote.hits == 0 and federation.followers.count() == 0


def test_the_actor_must_be_the_signer(bridge, remote):
    client, federation = bridge
    someone = "http://127.0.0.1:1/users/someone-else"
    activity = {"id": f"{someone}#follow", "type": "Follow", "actor": someone, "object": AGENDA}
    assert remote.post(client, activity).status_code == 401
    assert federation.followers.count() == 0


def test_a_deleted_actor_stops_following_only_when_its_server_says_so(bridge, remote):
    client, federation = bridge
    remote.follow(client)
    delete = {"id": f"{remote.id}#delete", "type": "Delete", "actor": remote.id, "object": remote.id}
    remote.gone = True
    federation.inbox.keys._known.clear()  # the key was remembered from the follow; it is asked for again
    assert remote.post(client, delete).status_code == 202
    assert federation.followers.count() == 0


def test_an_activity_it_does_not_handle_is_taken_and_logged_without_its_content(bridge, remote, caplog):
    client, federation = bridge
    note = {"id": f"{remote.id}#note", "type": "Create", "actor": remote.id, "object": {"content": SECRET_WORDS}}
    with caplog.at_level(logging.INFO, logger="kiosque.federation"):
        assert remote.post(client, note).status_code == 202
    assert "ignored a Create" in caplog.text
    assert SECRET_WORDS not in caplog.text


def test_a_flood_is_slowed_down(bridge):
    client, _ = bridge
    limit = INBOX_RATE[0]
    statuses = [client.post("/ap/inbox", content=b"{}").status_code for _ in range(limit + 5)]
    assert statuses[:limit] == [401] * limit
    assert set(statuses[limit:]) == {429}


def test_a_request_signed_for_another_server_is_refused(bridge, remote):
    """A Follow or an Undo signed for another kiosque cannot be replayed here."""
    client, federation = bridge
    activity = {"id": f"{remote.id}#follow-1", "type": "Follow", "actor": remote.id, "object": AGENDA}
    signed = sign(
        "POST",
        "https://other-agenda.example.net/ap/inbox",
        remote.key,
        f"{remote.id}#main-key",
        json.dumps(activity).encode(),
        **{"content-type": "application/activity+json"},
    )
    answer = client.post("/ap/inbox", content=json.dumps(activity).encode(), headers=signed)
    assert answer.status_code == 401
    assert federation.followers.count() == 0


def test_an_undo_of_a_follow_of_someone_else_leaves_the_follow(bridge, remote):
    client, federation = bridge
    remote.follow(client)
    elsewhere = {"id": f"{remote.id}#f2", "type": "Follow", "actor": remote.id, "object": "https://x.example/ap/actor"}
    undo = {"id": f"{remote.id}#undo-2", "type": "Undo", "actor": remote.id, "object": elsewhere}
    assert remote.post(client, undo).status_code == 202
    assert federation.followers.count() == 1


@pytest.mark.parametrize(
    "key_id",
    ["https://nowhere.invalid/users/x#main-key", "http://93.184.216.34:abc/k", "http://[zz/k", "https://" + "a" * 5000],
)
def test_a_key_that_cannot_be_had_is_a_refusal_not_an_error(bridge, remote, key_id, caplog):
    client, federation = bridge
    activity = {"id": f"{remote.id}#follow-1", "type": "Follow", "actor": remote.id, "object": AGENDA}
    body = json.dumps(activity).encode()
    signed = sign("POST", "https://agenda.example.org/ap/inbox", remote.key, key_id, body)
    with caplog.at_level(logging.INFO, logger="kiosque.federation"):
        answer = client.post("/ap/inbox", content=body, headers=signed)
    assert answer.status_code == 401 and answer.headers["content-type"] == "application/json"
    assert "Traceback" not in caplog.text and "a" * 300 not in caplog.text


def test_a_broken_shared_inbox_is_not_taken(bridge, remote):
    client, federation = bridge
    remote.shared_inbox = "http://[zz/inbox"
    assert remote.follow(client).status_code == 202
    assert federation.followers.inboxes() == [f"{remote.id}/inbox"]
