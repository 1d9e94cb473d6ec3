"""Real sites for the bridge's tests: a git repository with the sample content, a bare repository as its
remote (with hooks that record what each push carried), the bridge's settings and a form filler."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
from conftest import REPO, git
from fastapi.testclient import TestClient

from bridge.app import create_app
from bridge.settings import BridgeSettings

sys.path.insert(0, str(REPO / "tests" / "theme"))
from browsing import axe_violations as theme_axe  # noqa: E402

# Records every push: its options and its refs (a pre-receive hook sees both before anything is written),
# then speaks like GitLab when asked to open a merge request.
PRE_RECEIVE = f"""#!{sys.executable}
import json, os, sys
options = [os.environ[f"GIT_PUSH_OPTION_{{i}}"] for i in range(int(os.environ.get("GIT_PUSH_OPTION_COUNT", "0")))]
refs = [line.split() for line in sys.stdin.read().splitlines()]
pushes = os.path.join(os.environ.get("GIT_DIR", "."), "pushes.log")
with open(pushes, "a") as log:
    log.write(json.dumps({{"options": options, "refs": refs}}) + "\\n")
if "merge_request.create" in options:
    print("View merge request for " + refs[0][2] + ":")
    print("  https://gitlab.example.org/quartier/site/-/merge_requests/" + str(sum(1 for _ in open(pushes))))
"""

# Records the refs a push really updated, then, like Forgejo's AGit flow, makes a push to refs/for/<main>
# the pull request named by its topic.
POST_RECEIVE = f"""#!{sys.executable}
import json, os, subprocess, sys
pushed = [os.environ[f"GIT_PUSH_OPTION_{{i}}"] for i in range(int(os.environ.get("GIT_PUSH_OPTION_COUNT", "0")))]
options = dict(option.split("=", 1) for option in pushed if "=" in option)
updates = [line.split() for line in sys.stdin.read().splitlines()]
with open(os.path.join(os.environ.get("GIT_DIR", "."), "updates.log"), "a") as log:
    log.write(json.dumps(updates) + "\\n")
for old, new, ref in updates:
    if ref.startswith("refs/for/"):
        topic = options["topic"]
        subprocess.run(["git", "update-ref", "refs/agit/" + topic, new], check=True)
        subprocess.run(["git", "update-ref", "-d", ref], check=True)
        topics = subprocess.run(
            ["git", "for-each-ref", "--format=%(refname)", "refs/agit/"], capture_output=True, text=True
        ).stdout.split()
        print("Visit the existing pull request:")
        print("  https://forgejo.example.org/quartier/site/pulls/" + str(topics.index("refs/agit/" + topic) + 1))
"""


def make_site(root: Path) -> Path:
    """The sample site, committed on `main` of a new repository."""
    site = root / "site"
    shutil.copytree(REPO / "content", site / "content")
    settings = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    (site / "pelicanconf.py").write_text(settings + f"\nTHEME = {str(REPO / 'theme')!r}\n", encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", ".")
    git(site, "commit", "-qm", "The site")
    return site


def make_remote(site: Path, root: Path) -> Path:
    """A bare clone of the site that accepts push options and records every push in pushes.log."""
    remote = root / "remote.git"
    git(root, "clone", "-q", "--bare", str(site), str(remote))
    git(remote, "config", "receive.advertisePushOptions", "true")
    for name, script in (("pre-receive", PRE_RECEIVE), ("post-receive", POST_RECEIVE)):
        hook = remote / "hooks" / name
        hook.write_text(script)
        hook.chmod(0o755)
    return remote


def pushes(remote: Path) -> list[dict]:
    """Every push the remote was asked to receive: its options and its refs."""
    log = remote / "pushes.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def updates(remote: Path) -> list[list[str]]:
    """Every ref a push really changed, as (old, new, ref)."""
    log = remote / "updates.log"
    return [update for line in log.read_text().splitlines() for update in json.loads(line)] if log.exists() else []


def branches(repository: Path, pattern: str = "refs/heads/contrib/") -> list[str]:
    return git(repository, "for-each-ref", "--format=%(refname:short)", pattern).split()


def settings_for(site: Path, root: Path, **environment: str) -> BridgeSettings:
    return BridgeSettings.from_environment(
        {
            "KIOSQUE_BRIDGE_REPOSITORY": str(site),
            "KIOSQUE_BRIDGE_STATE": str(root / "state"),
            "KIOSQUE_BRIDGE_MIN_FILL_SECONDS": "0",
            "KIOSQUE_BRIDGE_WORKER": "0",
            "KIOSQUE_BRIDGE_RETRY_SECONDS": "0",
            **environment,
        }
    )


def client_for(settings: BridgeSettings) -> TestClient:
    return TestClient(create_app(settings))


def token(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


def send(client: TestClient, path: str, data: dict, files: dict | None = None, **options):
    """Open the form (for its token and cookie), then post it as a browser would."""
    return client.post(path, data={"csrf": token(client, path), **data}, files=files, follow_redirects=False, **options)


EVENT = {
    "title": "Atelier vélo",
    "start.date": "2026-12-12",
    "start.time": "14:00",
    "end.time": "17:00",
    "place": "garage-de-la-fonderie",
    "categories": ["workshop", "repair-cafe"],
    "price.kind": "free",
    "credit": "Jo du quartier",
    "body": "On répare ensemble : **apportez** votre vélo.",
    "contact": "jo@example.org",
}
TRACK = {
    "title": "Le Temps des cerises",
    "artist": "Cora Vaucaire",
    "year": "1955",
    "duration": "3:40",
    "links.url": "https://archive.org/details/temps-des-cerises",
    "note": "Ma grand-mère la chantait.\nToujours au printemps.",
    "added_by": "Lucie",
}
STORY = {
    "title": "La crue de 1957",
    "teller": "Marcel",
    "period": "1957",
    "licence": "CC-BY-SA-4.0",
    "consent": "on",
    "body": "L'eau est montée jusqu'aux marches de l'église.",
}


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()


@contextlib.contextmanager
def running_service(site: Path, root: Path, **environment: str):
    """The bridge as `make bridge` runs it (uvicorn, worker inside), in its own process; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
        "KIOSQUE_BRIDGE_REPOSITORY": str(site),
        "KIOSQUE_BRIDGE_STATE": str(root / "state"),
        **environment,
    }
    with (root / "service.log").open("wb") as log:  # read it when a test fails
        service = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "bridge.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=site,
            env=environment,
            stdout=log,
            stderr=log,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"{base}/static/bridge.css")
                    break
                except httpx.ConnectError:
                    assert time.monotonic() < deadline and service.poll() is None, "the service did not start"
                    time.sleep(0.2)
            yield base
        finally:
            service.terminate()
            service.wait(timeout=30)


def axe_violations(page, base: str, scheme: str = "light") -> list[str]:
    """The theme tests' axe-core check (WCAG 2.1 A and AA), run on a copy of the page in a browser allowed
    to run scripts: the bridge's own page runs none, and its Content-Security-Policy would refuse axe."""
    context = page.context.browser.new_context(bypass_csp=True, color_scheme=scheme)
    copy = context.new_page()
    copy.set_content(page.content().replace("<head>", f'<head><base href="{base}/">', 1))
    copy.wait_for_load_state("load")
    try:
        return theme_axe(copy)
    finally:
        context.close()
