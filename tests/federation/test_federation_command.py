"""`make federate` as a maintainer meets it: every setting or file it cannot use is one sentence and exit status
2, never a traceback; and the key is one key whoever starts first."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

from bench.federation import EVENTS


def federate(tmp_path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "federation", *arguments],
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
            "KIOSQUE_BRIDGE_STATE": str(tmp_path / "state"),
            "KIOSQUE_FEDERATION_URL": "https://agenda.example.org",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def events(tmp_path, **changes) -> str:
    path = tmp_path / "events.json"
    path.write_text(json.dumps({**EVENTS, **changes}))
    return str(path)


def said_plainly(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    for word in words:
        assert word in done.stderr


def test_a_site_built_for_another_address_is_not_sent(tmp_path):
    preview = events(tmp_path, site={"url": "http://127.0.0.1:8000/"})
    said_plainly(federate(tmp_path, "--events", preview), "http://127.0.0.1:8000/", "make publish")


@pytest.mark.parametrize("changes", [{"past": 5}, {"withheld": [1]}, {"events": []}])
def test_an_events_file_kiosque_did_not_write(tmp_path, changes):
    said_plainly(federate(tmp_path, "--events", events(tmp_path, **changes)), "events.json")


def test_an_events_path_that_is_a_folder(tmp_path):
    said_plainly(federate(tmp_path, "--events", str(tmp_path)), str(tmp_path))


@pytest.mark.parametrize(
    "address",
    ["ftp://x", "https://x.org/path", "https://[zz", "https://x.org:abc", "https://u:p@x.org", "https://x.org#f"],
)
def test_a_federation_address_that_cannot_be_used(tmp_path, address):
    said_plainly(federate(tmp_path, KIOSQUE_FEDERATION_URL=address), "KIOSQUE_FEDERATION_URL")


def test_a_state_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    done = federate(tmp_path, "--events", events(tmp_path), KIOSQUE_BRIDGE_STATE=str(tmp_path / "file"))
    said_plainly(done, "KIOSQUE_BRIDGE_STATE")


def test_two_processes_starting_at_once_make_one_key(tmp_path):
    program = (
        "import sys; from pathlib import Path; from federation.keys import actor_key; "
        "from federation.settings import FederationSettings; "
        "s = FederationSettings(url='https://a.example', state=Path(sys.argv[1])); print(actor_key(s).public_pem)"
    )
    environment = {**os.environ, "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}"}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", program, str(tmp_path)], env=environment, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    keys = {process.communicate(timeout=60)[0] for process in started}
    assert len(keys) == 1 and "BEGIN PUBLIC KEY" in keys.pop()
