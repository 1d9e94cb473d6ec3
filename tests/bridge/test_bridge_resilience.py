"""Nothing is lost, nothing is duplicated: an unreachable remote, a worker killed in the middle of its
work, fifty people submitting at the same moment."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bridge_sites import (
    EVENT,
    TRACK,
    branches,
    client_for,
    git,
    make_remote,
    make_site,
    pushes,
    send,
    settings_for,
    updates,
)
from conftest import REPO
from fastapi.testclient import TestClient

from bridge.app import create_app


def test_an_unreachable_remote_keeps_the_submission_until_it_is_back(tmp_path):
    site = make_site(tmp_path)
    remote = tmp_path / "remote.git"  # not there yet: the forge is down
    client = client_for(
        settings_for(
            site,
            tmp_path,
            KIOSQUE_BRIDGE_FORGE="gitlab",
            KIOSQUE_BRIDGE_REMOTE=str(remote),
            KIOSQUE_BRIDGE_RETRY_SECONDS="60",
        )
    )
    receipt = send(client, "/submit/event", EVENT).headers["location"].split("?")[0]
    worker = client.app.state.bridge.worker
    now = time.time()
    assert worker.run_once(now) == 0
    record = client.get(receipt.replace("/receipt/", "/api/receipts/")).json()
    assert record["state"] == "failed"
    assert "tried again automatically" in client.get(receipt + "?lang=en").text

    make_remote(site, tmp_path)  # the forge is back
    assert worker.run_once(now + 30) == 0  # not yet: it waits before trying again
    assert worker.run_once(now + 61) == 1
    assert len(branches(remote)) == 1
    assert client.get(receipt.replace("/receipt/", "/api/receipts/")).json()["state"] == "proposed"
    assert worker.run_once(now + 3600) == 0  # proposed once, never again


def test_waits_grow_after_each_failure(tmp_path):
    site = make_site(tmp_path)
    client = client_for(
        settings_for(
            site,
            tmp_path,
            KIOSQUE_BRIDGE_FORGE="gitlab",
            KIOSQUE_BRIDGE_REMOTE=str(tmp_path / "nowhere.git"),
            KIOSQUE_BRIDGE_RETRY_SECONDS="10",
        )
    )
    send(client, "/submit/event", EVENT)
    spool, worker = client.app.state.bridge.spool, client.app.state.bridge.worker
    now = time.time()
    waits = []
    for _ in range(4):
        worker.run_once(now)
        [record] = spool.records()
        waits.append(round(record["next_try"] - now))
        now = record["next_try"]
    assert waits == [10, 20, 40, 80]


def _worker(site, state, remote, delay: str, log: Path) -> subprocess.Popen:
    """`python -m bridge.worker` in its own process group; what it logs goes to `log`, shown if a test fails."""
    environment = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
        "KIOSQUE_BRIDGE_REPOSITORY": str(site),
        "KIOSQUE_BRIDGE_STATE": str(state),
        "KIOSQUE_BRIDGE_FORGE": "gitlab",
        "KIOSQUE_BRIDGE_REMOTE": str(remote),
        "KIOSQUE_BRIDGE_POLL_SECONDS": "0.2",
        "KIOSQUE_BRIDGE_RETRY_SECONDS": "0",
        "TEST_PUSH_DELAY": delay,
    }
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "bridge.worker"],
            env=environment,
            cwd=site,
            start_new_session=True,
            stdout=output,
            stderr=output,
        )


def _wait(condition, seconds: float = 90, logs: tuple[Path, ...] = ()) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            told = "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in logs if log.exists())
            raise AssertionError(f"waited too long\n{told}")
        time.sleep(0.1)


def test_a_worker_killed_midway_loses_nothing_and_duplicates_nothing(tmp_path):
    site = make_site(tmp_path)
    remote = make_remote(site, tmp_path)
    hook = remote / "hooks" / "pre-receive"  # each push takes a while: the kill lands in the middle of one
    hook.write_text(
        hook.read_text().replace(
            "import json, os, sys",
            "import json, os, sys, time\ntime.sleep(float(os.environ.get('TEST_PUSH_DELAY', '0')))",
        )
    )
    settings = settings_for(site, tmp_path, KIOSQUE_BRIDGE_FORGE="gitlab", KIOSQUE_BRIDGE_REMOTE=str(remote))
    client = client_for(settings)
    ids = [
        send(client, "/submit/event", {**EVENT, "title": f"Atelier {n}"}).headers["location"].split("/")[-1][:32]
        for n in range(6)
    ]

    logs = (tmp_path / "first-worker.log", tmp_path / "second-worker.log")
    first = _worker(site, settings.state, remote, delay="0.6", log=logs[0])
    _wait(lambda: len(updates(remote)) >= 2, logs=logs)
    os.killpg(first.pid, signal.SIGKILL)  # the worker and its git push alike: no chance to tidy up
    first.wait()
    assert 0 < len(branches(remote)) < 6

    second = _worker(site, settings.state, remote, delay="0", log=logs[1])
    try:
        _wait(lambda: all(client.get(f"/api/receipts/{i}").json()["state"] == "proposed" for i in ids), logs=logs)
    finally:
        second.terminate()
        second.wait()
    assert len(branches(remote)) == 6
    created = [ref for old, new, ref in updates(remote)]
    assert len(created) == len(set(created)) == 6  # each branch written once: no second merge request
    assert len(pushes(remote)) >= 6  # (a push cut short by the kill was tried again)
    for branch in branches(remote):
        assert git(remote, "rev-list", "--count", f"main..{branch}").strip() == "1"


def _second_submission_waiting(tmp_path):
    """A site whose worker proposed one submission (its clone exists) and has a second one to propose."""
    site = make_site(tmp_path)
    settings = settings_for(site, tmp_path)
    client = client_for(settings)
    send(client, "/submit/event", EVENT)
    worker = client.app.state.bridge.worker
    assert worker.run_once() == 1
    send(client, "/submit/event", {**EVENT, "title": "Atelier vélo, la suite"})
    return site, settings, worker


def test_a_lock_left_in_the_clone_by_a_killed_git_does_not_stop_the_next_worker(tmp_path):
    site, settings, worker = _second_submission_waiting(tmp_path)
    git_folder = settings.state / "work" / ".git"
    # what `git checkout` and `git commit` leave when the worker is killed while they hold them
    stale = [git_folder / "index.lock", git_folder / "refs" / "heads" / "bridge-work.lock"]
    for lock in stale:
        lock.write_text("")
    (git_folder / "left-by-the-killed-worker").write_text("")
    assert worker.run_once() == 1
    assert not any(lock.exists() for lock in stale)
    # a fresh clone, the old one removed: a git of the killed worker may still be at work in it
    assert not (git_folder / "left-by-the-killed-worker").exists()
    assert sorted(path.name for path in settings.state.iterdir() if path.name.startswith("work")) == [
        "work",
        "work.lock",
    ]
    assert {record["state"] for record in worker.spool.records()} == {"proposed"}
    assert len(branches(site)) == 2


def test_one_worker_at_a_time_works_in_the_clone(tmp_path):
    site, settings, worker = _second_submission_waiting(tmp_path)
    index_lock = settings.state / "work" / ".git" / "index.lock"
    with (settings.state / "work.lock").open("a") as other_worker:  # as `python -m bridge.worker` holds it
        fcntl.flock(other_worker, fcntl.LOCK_EX)
        index_lock.write_text("")  # the other worker's git at work: not stale, left alone
        assert worker.run_once() == 0
        assert index_lock.exists()
        assert sorted(record["state"] for record in worker.spool.records()) == ["proposed", "received"]  # waiting
        index_lock.unlink()
    assert worker.run_once() == 1
    assert len(branches(site)) == 2


def test_fifty_people_at_once_give_fifty_branches_and_fifty_receipts(tmp_path):
    site = make_site(tmp_path)
    settings = settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="1000/60")
    app = create_app(settings)
    receipts: list[str] = []
    errors: list[str] = []
    start = threading.Barrier(50)

    def submit(number: int) -> None:
        client = TestClient(app)
        path = "/submit/track/la-bande-son-du-quartier"
        page_token = client.get(path).text.split('name="csrf" value="')[1].split('"')[0]
        start.wait()
        answer = client.post(
            path, data={**TRACK, "title": f"Chanson {number}", "csrf": page_token}, follow_redirects=False
        )
        (receipts if answer.status_code == 303 else errors).append(answer.headers.get("location") or answer.text[:200])

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(receipts)) == 50
    worker = app.state.bridge.worker
    while worker.run_once():
        pass
    assert len(branches(site)) == 50
    states = {
        TestClient(app).get(r.split("?")[0].replace("/receipt/", "/api/receipts/")).json()["state"] for r in receipts
    }
    assert states == {"proposed"}


def test_the_worker_sees_what_the_web_service_spools_and_leaves_no_half_written_file(tmp_path):
    from bridge.spool import Spool

    service, worker = Spool(tmp_path / "spool"), Spool(tmp_path / "spool")  # two processes, one folder
    record = {"id": "a" * 32, "kind": "event", "received": "2026-11-22T01:00:00+00:00", "files": {}}
    service.accept(record, {"content/images/contrib/x.jpg": b"picture"})
    assert [r["id"] for r in worker.due(time.time())] == ["a" * 32]
    worker.update("a" * 32, state="proposed")
    service.accept({**record, "id": "b" * 32}, {})
    assert [r["id"] for r in worker.due(time.time())] == ["b" * 32]
    assert worker.upload(service.load("a" * 32), "content/images/contrib/x.jpg") == b"picture"
    assert sorted(path.name for path in (tmp_path / "spool").rglob("*") if path.name.endswith(".tmp")) == []
    written = [path for path in (tmp_path / "spool").rglob("*") if path.is_file()]
    assert written and {path.stat().st_mode & 0o777 for path in written} == {0o600}  # e-mail addresses: the bridge's
