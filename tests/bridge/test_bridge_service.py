"""The service as `make bridge` runs it: uvicorn in its own process, the worker inside it, real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest
from bridge_sites import EVENT, axe_violations, branches, make_site, running_service
from conftest import REPO

from bridge.settings import BridgeSettingError, BridgeSettings


def test_an_unusable_setting_is_one_sentence_for_the_maintainers(tmp_path):
    environment = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
        "KIOSQUE_BRIDGE_FORGE": "github",
        "KIOSQUE_BRIDGE_REMOTE": "https://github.com/quartier/site.git",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bridge.worker"], cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr == (
        "kiosque bridge: the github forge needs KIOSQUE_BRIDGE_GITHUB_TOKEN and "
        "KIOSQUE_BRIDGE_GITHUB_REPOSITORY (owner/name)\n"
    )


def test_uvicorn_serves_the_forms_and_its_worker_proposes_what_it_receives(tmp_path):
    site = make_site(tmp_path)
    with running_service(site, tmp_path, KIOSQUE_BRIDGE_POLL_SECONDS="30") as base:
        page = httpx.get(f"{base}/submit/event")
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


def test_a_person_contributes_with_a_browser_without_javascript(tmp_path, chromium):
    site = make_site(tmp_path)
    with running_service(site, tmp_path, KIOSQUE_BRIDGE_MIN_FILL_SECONDS="0", KIOSQUE_BRIDGE_WORKER="0") as base:
        context = chromium.new_context(java_script_enabled=False, locale="fr-FR")
        page = context.new_page()
        page.goto(f"{base}/submit/track/la-bande-son-du-quartier")
        assert axe_violations(page, base) == []
        page.get_by_label("Titre").fill("Le Temps des cerises")
        page.get_by_label("Artiste").fill("Cora Vaucaire")
        page.get_by_label("Votre nom public").fill("Lucie")
        page.get_by_role("button", name="Envoyer").click()  # the note is missing
        assert page.locator("#f-note-error").inner_text() == "Ce champ est obligatoire."
        assert page.get_by_label("Titre").input_value() == "Le Temps des cerises"  # kept
        assert axe_violations(page, base) == []  # the form with its messages
        assert axe_violations(page, base, "dark") == []  # the site's dark colours, which the bridge's use too
        page.get_by_role("textbox", name="Pourquoi celle-ci").fill("Ma grand-mère la chantait.")  # in its section
        page.get_by_role("button", name="Envoyer").click()
        assert page.url.startswith(f"{base}/receipt/")
        assert "Reçue" in page.locator("main").inner_text()
        assert axe_violations(page, base) == []
        context.close()


@pytest.mark.parametrize(
    "environment, message",
    [
        (
            {"KIOSQUE_BRIDGE_FORGE": "bitbucket"},
            "KIOSQUE_BRIDGE_FORGE must be one of local, gitlab, forgejo, github, found 'bitbucket'",
        ),
        (
            {"KIOSQUE_BRIDGE_RATE_LIMIT": "six"},
            "KIOSQUE_BRIDGE_RATE_LIMIT must be submissions/seconds, e.g. 6/300, found 'six'",
        ),
        ({"KIOSQUE_BRIDGE_SECRET": "short"}, "KIOSQUE_BRIDGE_SECRET must be at least 32 characters long"),
        ({"KIOSQUE_BRIDGE_MAIN": "../x"}, "KIOSQUE_BRIDGE_MAIN must be a branch name, found '../x'"),
        ({"KIOSQUE_BRIDGE_MAX_IMAGE_BYTES": "5 MB"}, "KIOSQUE_BRIDGE_MAX_IMAGE_BYTES must be a number, found '5 MB'"),
        ({"KIOSQUE_BRIDGE_FORGE": "gitlab"}, "the gitlab forge needs KIOSQUE_BRIDGE_REMOTE, the address git pushes to"),
    ],
)
def test_settings_are_checked_with_plain_sentences(environment, message):
    with pytest.raises(BridgeSettingError) as error:
        BridgeSettings.from_environment(environment)
    assert str(error.value) == message


def test_secrets_never_show_in_what_is_logged():
    settings = BridgeSettings.from_environment({"KIOSQUE_BRIDGE_SECRET": "k" * 40})
    assert "k" * 40 not in repr(settings)
    assert (
        settings.redact("push to https://bot:hunter2@forge.example/x.git with " + "k" * 40)
        == "push to https://***@forge.example/x.git with ***"
    )
