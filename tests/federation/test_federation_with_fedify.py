"""The agenda followed from another fediverse implementation (Fedify, run on 127.0.0.1 as a real server): it
finds the agenda by WebFinger, follows it, gets the Accept, then receives the new event, its cancellation and
its removal as the site's builds and `make federate` send them, each checked by Fedify's own signature checks."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import time

import httpx
import pytest
from federation_sites import build_events, federate, free_port, make_certificate, running_bridge
from fedify_follower import Follower

PLACE = """\
name: Salle des fêtes des Lilas
address:
  street: 3 place des Tisserands
  postal_code: "69007"
  city: Lyon
coordinates:
  lat: 45.7521
  lon: 4.8437
"""

EVENT = """\
---
title: Bal du printemps
start: 2027-03-28 20:30
duration: 3h
place: salle-des-fetes
categories: [concert]
tags: [bal, printemps]
{status}---
Un bal pour fêter le changement d'heure, avec l'orchestre du quartier.
"""


def trusting(certificate) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certificate / "cert.pem")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


def test_a_fedify_follower_hears_of_a_new_event_its_cancellation_and_its_removal(tmp_path, certificate):
    port = free_port()
    tiny = tmp_path / "tiny"
    with (
        running_bridge(tmp_path, port, certificate),
        Follower(free_port(), tmp_path / "received.jsonl", ca_file=certificate / "cert.pem") as reader,
    ):
        found = reader.follow(f"@agenda@127.0.0.1:{port}")
        assert found["actor"] == f"https://127.0.0.1:{port}/ap/actor"
        assert found["type"] == "Application"
        accepted = reader.wait_for(lambda record: record["type"] == "Accept")
        assert accepted["actor"] == found["actor"]
        answers = tmp_path / "state" / "federation" / "activities"
        for _ in range(50):  # an answer to a follow, once delivered, is not kept
            if not list(answers.glob("accept-*.json")):
                break
            time.sleep(0.1)
        assert not list(answers.glob("accept-*.json"))

        followers = httpx.get(f"https://127.0.0.1:{port}/ap/followers", verify=trusting(certificate)).json()
        assert followers["totalItems"] == 1
        assert reader.actor_id not in json.dumps(followers)  # the count, never who

        files = {"places/salle-des-fetes.yaml": PLACE, "events/2027/bal-du-printemps.md": EVENT.format(status="")}
        done = federate(tmp_path, port, build_events(tiny, files, f"https://127.0.0.1:{port}"))
        assert done.returncode == 0, done.stderr
        assert "1 new" in done.stdout

        created = reader.wait_for(lambda record: record["type"] == "Create")
        event = created["raw"]["object"]
        assert created["object_type"] == "Event"
        assert event["name"] == "Bal du printemps"
        # the evening after the change to summer time: +02:00, and Fedify's instant agrees
        assert event["startTime"] == "2027-03-28T20:30:00+02:00"
        start = dt.datetime.fromisoformat(created["parsed"]["startTime"].replace("Z", "+00:00"))
        assert start == dt.datetime(2027, 3, 28, 18, 30, tzinfo=dt.UTC)
        assert created["parsed"]["location"]["name"] == "Salle des fêtes des Lilas"
        assert event["location"]["address"]["streetAddress"] == "3 place des Tisserands"
        assert event["location"]["latitude"] == pytest.approx(45.7521)
        assert {"#Bal", "#Printemps"} <= {tag["name"] for tag in event["tag"]}

        files["events/2027/bal-du-printemps.md"] = EVENT.format(status="status: cancelled\n")
        done = federate(tmp_path, port, build_events(tiny, files, f"https://127.0.0.1:{port}"))
        assert "1 changed" in done.stdout, done.stdout + done.stderr
        updated = reader.wait_for(lambda record: record["type"] == "Update")
        assert updated["object_id"] == created["object_id"]
        assert updated["raw"]["object"]["ical:status"] == "CANCELLED"
        assert "nnulé" in updated["raw"]["object"]["summary"]  # "Annulé", in the site's language

        del files["events/2027/bal-du-printemps.md"]
        done = federate(tmp_path, port, build_events(tiny, files, f"https://127.0.0.1:{port}"))
        assert "1 removed" in done.stdout, done.stdout + done.stderr
        deleted = reader.wait_for(lambda record: record["type"] == "Delete")
        assert deleted["object_id"] == created["object_id"]

        # the same site federated again says nothing new, and sends nothing twice
        again = federate(tmp_path, port, tiny / "output" / "activitypub" / "events.json")
        assert "0 new, 0 changed, 0 removed" in again.stdout
        kinds = [record["type"] for record in reader.received()]
        assert kinds.count("Create") == kinds.count("Update") == kinds.count("Delete") == 1

        reader.unfollow(f"@agenda@127.0.0.1:{port}")
        for _ in range(50):
            count = httpx.get(f"https://127.0.0.1:{port}/ap/followers", verify=trusting(certificate))
            if count.json()["totalItems"] == 0:
                break
            time.sleep(0.1)
        assert count.json()["totalItems"] == 0
