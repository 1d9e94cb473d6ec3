"""The bridge as a fediverse actor for the federation's tests: served over HTTPS on 127.0.0.1 (Fedify looks a
handle up with https:// only), with a certificate made for 127.0.0.1 that Node is told to trust, and a tiny
site whose build writes the events `make federate` reads."""

from __future__ import annotations

import contextlib
import os
import shutil
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import REPO, build, free_port, make_certificate, write_files  # noqa: F401 (its tests use them)

sys.path.insert(0, str(REPO / "tests" / "bridge"))
from bridge_sites import client_for, make_site, settings_for  # noqa: E402,F401  (the federation's tests use them)


def environment(root: Path, port: int, **more: str) -> dict[str, str]:
    """What the bridge and `make federate` share: the state folder and the federation's settings."""
    return {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
        "KIOSQUE_BRIDGE_REPOSITORY": str(root / "site"),
        "KIOSQUE_BRIDGE_STATE": str(root / "state"),
        "KIOSQUE_BRIDGE_IMPORT_HOURS": "0",
        "KIOSQUE_BRIDGE_POLL_SECONDS": "0.5",
        "KIOSQUE_BRIDGE_RETRY_SECONDS": "1",
        "KIOSQUE_FEDERATION_URL": f"https://127.0.0.1:{port}",
        "KIOSQUE_FEDERATION_ALLOW_PRIVATE": "1",
        "KIOSQUE_FEDERATION_POLL_MINUTES": "0",
        **more,
    }


@contextlib.contextmanager
def running_bridge(root: Path, port: int, certificate: Path, **more: str):
    """`make bridge` behind TLS (as behind the site's reverse proxy); yields the uvicorn process."""
    if not (root / "site").exists():
        make_site(root)
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "bridge.app:create_app", "--host", "127.0.0.1",
        "--port", str(port), "--ssl-keyfile", str(certificate / "key.pem"),
        "--ssl-certfile", str(certificate / "cert.pem"),
    ]  # fmt: skip
    with (root / "bridge.log").open("ab") as log:
        service = subprocess.Popen(
            command, cwd=root / "site", env=environment(root, port, **more), stdout=log, stderr=log
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(
                        f"https://127.0.0.1:{port}/ap/actor",
                        verify=ssl.create_default_context(cafile=certificate / "cert.pem"),
                    )
                    break
                except httpx.ConnectError:
                    assert time.monotonic() < deadline and service.poll() is None, (root / "bridge.log").read_text()
                    time.sleep(0.2)
            yield service
        finally:
            if service.poll() is None:
                service.terminate()
                service.wait(timeout=30)


def federate(root: Path, port: int, events: Path, **more: str) -> subprocess.CompletedProcess:
    """`make federate` as the site's deploy runs it."""
    return subprocess.run(
        [sys.executable, "-m", "federation", "--events", str(events)],
        cwd=root / "site",
        env=environment(root, port, **more),
        capture_output=True,
        text=True,
        timeout=120,
    )


def build_events(root: Path, files: dict[str, str], address: str, today: str = "2026-12-01") -> Path:
    """Build a tiny site of `files` (relative to content/, replacing what was there) for its public `address`, as
    `make publish` does; its events file."""
    shutil.rmtree(root / "content", ignore_errors=True)
    write_files(root / "content", files)
    build(root, today=today, SITEURL=address)
    return root / "output" / "activitypub" / "events.json"
