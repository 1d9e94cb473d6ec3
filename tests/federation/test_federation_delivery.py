"""Delivery that loses nothing and pesters no one: a `make federate` killed in the middle of a delivery delivers
it after a restart, once; failures are retried with a growing wait, then given up after a day; a 4xx is final;
one request at a time per server; 500 followers on 20 servers make one request per server."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import REPO

from bench.federation import EVENTS, run
from federation.service import Federation
from federation.settings import FederationSettings


class Inbox:
    """One remote server's inbox on 127.0.0.1: answers `status`, can hold the first request until released,
    and records every activity id it took in full, and the most requests it had at once."""

    def __init__(self, status: int = 202, hold_first: bool = False) -> None:
        self.status = status
        self.taken: list[str] = []
        self.arrived = threading.Event()
        self.released = threading.Event()
        self.hold_first = hold_first
        self.busy = self.most_busy = 0
        self.intervals: list[tuple[float, float]] = []
        self._lock = threading.Lock()
        inbox = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with inbox._lock:
                    inbox.busy += 1
                    inbox.most_busy = max(inbox.most_busy, inbox.busy)
                    holding, inbox.hold_first = inbox.hold_first, False
                try:
                    if holding:  # the sender is killed meanwhile: this request never completes
                        inbox.arrived.set()
                        inbox.released.wait(30)
                        return
                    started = time.monotonic()
                    time.sleep(0.05)
                    inbox.intervals.append((started, time.monotonic()))
                    if 200 <= inbox.status < 300:
                        inbox.taken.append(json.loads(body)["id"])
                    self.send_response(inbox.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                finally:
                    with inbox._lock:
                        inbox.busy -= 1

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/inbox"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()


def settings_in(state) -> FederationSettings:
    return FederationSettings(url="https://agenda.example.org", state=state / "federation", allow_private=True)


def events_file(tmp_path, count: int = 1):
    document = json.loads(json.dumps(EVENTS))
    base = document["events"].pop("bal")
    for number in range(count):
        document["events"][f"bal-{number}"] = {**base, "name": f"Bal {number}"}
    path = tmp_path / "events.json"
    path.write_text(json.dumps(document))
    return path


def follow(federation: Federation, inbox: Inbox, name: str = "ana") -> None:
    actor = inbox.url.replace("/inbox", f"/users/{name}")
    federation.followers.add(actor, inbox.url, "", f"{actor}#follow")


def test_a_delivery_cut_by_a_kill_is_made_after_the_restart_once(tmp_path):
    inbox = Inbox(hold_first=True)
    follow(Federation(settings_in(tmp_path)), inbox)
    environment = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
        "KIOSQUE_BRIDGE_STATE": str(tmp_path),
        "KIOSQUE_FEDERATION_URL": "https://agenda.example.org",
        "KIOSQUE_FEDERATION_ALLOW_PRIVATE": "1",
    }
    command = [sys.executable, "-m", "federation", "--events", str(events_file(tmp_path))]
    first = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert inbox.arrived.wait(60), first.communicate(timeout=5)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        inbox.released.set()
    assert inbox.taken == []
    assert len(list((tmp_path / "federation" / "deliveries").glob("*.json"))) == 1  # still waiting

    again = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert "0 new" in again.stdout and "1 delivered" in again.stdout
    [taken] = inbox.taken
    assert taken.startswith("https://agenda.example.org/ap/activities/bal-0-create-")
    assert list((tmp_path / "federation" / "deliveries").glob("*.json")) == []
    inbox.close()


def test_a_failing_inbox_is_retried_with_a_growing_wait_then_given_up_after_a_day(tmp_path, caplog):
    inbox = Inbox(status=503)
    federation = Federation(settings_in(tmp_path), retry_seconds=10)
    follow(federation, inbox)
    federation.publish(str(events_file(tmp_path)))
    [record_path] = federation.deliveries.records.glob("*.json")
    waits = []
    now = time.time()
    for _ in range(3):
        outcome = federation.deliver(now=now + 10**6)
        assert outcome.retried == 1
        record = json.loads(record_path.read_text())
        waits.append(record["next_try"] - time.time())
    assert [round(wait, -1) for wait in waits] == [10, 20, 40]
    record["created"] -= 25 * 3600  # a day has passed since it was first tried
    record_path.write_text(json.dumps(record))
    assert federation.deliver(now=now + 10**6).given_up == 1
    assert "gave up delivering" in caplog.text
    assert not record_path.exists()
    inbox.close()


def test_an_inbox_that_refuses_is_not_asked_again(tmp_path):
    inbox = Inbox(status=403)
    federation = Federation(settings_in(tmp_path))
    follow(federation, inbox)
    federation.publish(str(events_file(tmp_path)))
    assert federation.deliver().given_up == 1
    assert federation.deliveries.pending() == 0
    inbox.close()


def test_one_request_at_a_time_per_server_several_servers_at_once(tmp_path):
    inboxes = [Inbox(), Inbox(), Inbox()]
    federation = Federation(settings_in(tmp_path))
    for number, inbox in enumerate(inboxes):
        follow(federation, inbox, f"reader{number}")
    federation.publish(str(events_file(tmp_path, count=6)))
    assert federation.deliver().delivered == 18
    assert all(inbox.most_busy == 1 for inbox in inboxes)
    assert all(len(set(inbox.taken)) == len(inbox.taken) == 6 for inbox in inboxes)
    first, second = inboxes[0].intervals, inboxes[1].intervals  # served side by side, not one after the other
    assert any(a_start < b_end and b_start < a_end for a_start, a_end in first for b_start, b_end in second)
    for inbox in inboxes:
        inbox.close()


def test_the_same_publish_twice_enqueues_nothing_more(tmp_path):
    inbox = Inbox()
    federation = Federation(settings_in(tmp_path))
    follow(federation, inbox)
    events = str(events_file(tmp_path))
    assert federation.publish(events).deliveries == 1
    assert federation.publish(events).deliveries == 0
    assert federation.deliver().delivered == 1
    assert len(inbox.taken) == 1
    inbox.close()


@pytest.mark.parametrize("followers, hosts", [(500, 20)])
def test_five_hundred_followers_on_twenty_servers_make_one_request_per_server(tmp_path, followers, hosts):
    seconds, inboxes = run(tmp_path, followers, hosts)
    inboxes.close()
    ports = {server.server_port for server in inboxes.servers}
    assert len(inboxes.received) == hosts
    assert {port for port, _ in inboxes.received} == ports
    assert set(inboxes.received.values()) == {1}


def test_nothing_is_delivered_to_a_private_address(tmp_path, caplog):
    inbox = Inbox()
    settings = FederationSettings(url="https://agenda.example.org", state=tmp_path / "federation")
    federation = Federation(settings)  # allow_private off, as in production
    follow(federation, inbox)
    federation.publish(str(events_file(tmp_path)))
    assert federation.deliver().given_up == 1
    assert inbox.most_busy == 0  # no request reached it
    assert "private or local address" in caplog.text
    inbox.close()


def test_an_unknown_or_broken_inbox_never_holds_the_others_back(tmp_path, caplog):
    inbox = Inbox()
    federation = Federation(settings_in(tmp_path))
    follow(federation, inbox)
    federation.followers.add("https://nowhere.invalid/users/bob", "https://nowhere.invalid/inbox", "", "f")
    federation.followers.add("http://[zz/users/eve", "http://[zz/inbox", "", "f")  # as a broken file could hold
    federation.publish(str(events_file(tmp_path)))
    outcome = federation.deliver()
    assert outcome.delivered == 1 and len(inbox.taken) == 1
    assert outcome.retried == 1  # the unknown server may come back within the day
    assert "Traceback" not in caplog.text
    federation.followers.remove("https://nowhere.invalid/users/bob")
    federation.deliver(now=time.time() + 10**6)
    assert federation.deliveries.pending() == 0  # nobody left to tell there: its records are dropped
    inbox.close()


def test_a_server_that_does_not_answer_costs_one_timeout_a_round(tmp_path, monkeypatch):
    from federation import delivery

    monkeypatch.setattr(delivery, "TIMEOUT", 0.5)
    silent = Inbox(status=202)
    silent.hold_first = True  # the first request hangs past the timeout
    federation = Federation(settings_in(tmp_path))
    follow(federation, silent)
    federation.publish(str(events_file(tmp_path, count=3)))
    outcome = federation.deliver()
    assert outcome.retried == 3 and outcome.delivered == 0
    assert silent.taken == [] and silent.arrived.is_set()  # one request reached it, the two others waited
    silent.close()


def test_an_event_back_after_its_removal_is_created_under_a_new_id(tmp_path):
    inbox = Inbox()
    federation = Federation(settings_in(tmp_path))
    follow(federation, inbox)
    events = events_file(tmp_path)
    document = json.loads(events.read_text())
    federation.publish(str(events))
    events.write_text(json.dumps({**document, "events": {}}))
    assert federation.publish(str(events)).deleted == ["bal-0"]
    events.write_text(json.dumps(document))
    assert federation.publish(str(events)).created == ["bal-0"]
    federation.deliver()
    first, deleted, again = inbox.taken
    assert "-create-" in first and "-delete-" in deleted and "-create-" in again and again != first
    assert federation.federated.load()["bal-0"]["object"]["id"].endswith("/ap/events/bal-0.1")
    inbox.close()
