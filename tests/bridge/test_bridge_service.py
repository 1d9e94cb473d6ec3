"""The service as `make bridge` runs it: uvicorn in its own process, the worker inside it, real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from bridge.settings import BridgeSettingError, BridgeSettings
from bridge_sites import EVENT, branches, make_site
from conftest import REPO


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unusable_setting_is_one_sentence_for_the_maintainers(tmp_path):
    environment = {**os.environ, "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}", "KIOSQUE_BRIDGE_FORGE": "github",
                   "KIOSQUE_BRIDGE_REMOTE": "https://github.com/quartier/site.git"}
    done = subprocess.run([sys.executable, "-m", "bridge.worker"], cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == ("kiosque bridge: the github forge needs KIOSQUE_BRIDGE_GITHUB_TOKEN and "
                           "KIOSQUE_BRIDGE_GITHUB_REPOSITORY (owner/name)\n")


def test_uvicorn_serves_the_forms_and_its_worker_proposes_what_it_receives(tmp_path):
    site = make_site(tmp_path)
    port = _free_port()
    environment = {**os.environ, "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}", "KIOSQUE_BRIDGE_REPOSITORY": str(site),
                   "KIOSQUE_BRIDGE_STATE": str(tmp_path / "state"), "KIOSQUE_BRIDGE_POLL_SECONDS": "30"}
    log = (tmp_path / "service.log").open("wb")  # read it when this test fails
    service = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "bridge.app:create_app", "--host", "127.0.0.1",
                                "--port", str(port)], cwd=site, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"{base}/submit/event")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and service.poll() is None, "the service did not start"
                time.sleep(0.2)
        assert page.status_code == 200 and 'name="csrf"' in page.text
        assert httpx.get(f"{base}/static/kiosque.css").text == (REPO / "theme/static/css/kiosque.css").read_text()
        fields = {"title": "Bal", "start": "2026-12-05 20:30", "place": "cafe-la-fabrique", "categories": ["party"]}
        answer = httpx.post(f"{base}/api/event", json={"fields": fields, "text": EVENT["body"]})
        assert answer.status_code == 202
        receipt = f"{base}/api/receipts/{answer.json()['id']}"
        deadline = time.monotonic() + 20  # far less than the 30 s between two looks: the submission woke the worker
        while httpx.get(receipt).json()["state"] != "proposed":
            assert time.monotonic() < deadline, "not proposed"
            time.sleep(0.2)
        assert len(branches(site)) == 1
    finally:
        service.terminate()
        service.wait(timeout=30)
        log.close()


@pytest.mark.parametrize("environment, message", [
    ({"KIOSQUE_BRIDGE_FORGE": "bitbucket"}, "KIOSQUE_BRIDGE_FORGE must be one of local, gitlab, forgejo, github, found 'bitbucket'"),
    ({"KIOSQUE_BRIDGE_RATE_LIMIT": "six"}, "KIOSQUE_BRIDGE_RATE_LIMIT must be submissions/seconds, e.g. 6/300, found 'six'"),
    ({"KIOSQUE_BRIDGE_SECRET": "short"}, "KIOSQUE_BRIDGE_SECRET must be at least 32 characters long"),
    ({"KIOSQUE_BRIDGE_MAIN": "../x"}, "KIOSQUE_BRIDGE_MAIN must be a branch name, found '../x'"),
    ({"KIOSQUE_BRIDGE_MAX_IMAGE_BYTES": "5 MB"}, "KIOSQUE_BRIDGE_MAX_IMAGE_BYTES must be a number, found '5 MB'"),
    ({"KIOSQUE_BRIDGE_FORGE": "gitlab"}, "the gitlab forge needs KIOSQUE_BRIDGE_REMOTE, the address git pushes to"),
])
def test_settings_are_checked_with_plain_sentences(environment, message):
    with pytest.raises(BridgeSettingError) as error:
        BridgeSettings.from_environment(environment)
    assert str(error.value) == message


def test_secrets_never_show_in_what_is_logged():
    settings = BridgeSettings.from_environment({"KIOSQUE_BRIDGE_SECRET": "k" * 40})
    assert "k" * 40 not in repr(settings)
    assert settings.redact("push to https://bot:hunter2@forge.example/x.git with " + "k" * 40) == \
        "push to https://***@forge.example/x.git with ***"
