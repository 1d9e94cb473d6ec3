"""Shared fixtures: build a real kiosque site into a temporary folder and read what it wrote."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import logging
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    root: Path  # the site folder: content/ and output/
    warnings: list[str] = field(default_factory=list)

    @property
    def output(self) -> Path:
        return self.root / "output"

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def write_files(content: Path, files: dict[str, str | bytes]) -> None:
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")


def git(cwd: Path, *arguments: str) -> str:
    """git in a test's repository, committing under a name (a fresh machine has none)."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def make_check(site: Path) -> subprocess.CompletedProcess:
    """`make check` on a test's site, as a pull request's CI runs it on what was proposed."""
    return subprocess.run(
        [sys.executable, "-m", "contributions.check"],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
    )


def build(root: Path, today: str = "2026-12-01", settings_file: Path = REPO / "pelicanconf.py", **overrides) -> Build:
    """Build the site whose content is in `root/content` with the repository's settings (or `settings_file`),
    theme and plugins."""
    settings = read_settings(
        str(settings_file),
        override={
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "THEME": str(REPO / "theme"),
            "PLUGIN_PATHS": [str(REPO / "plugins")],
            "CACHE_PATH": str(root / "cache"),
            "KIOSQUE_TODAY": today,
            **overrides,
        },
    )
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    try:
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(collector)
    return Build(root=root, warnings=collector.records)


def jpeg(size: tuple[int, int] = (8, 8), colour="white") -> bytes:
    """A real JPEG picture: only genuine pictures are published (`static_files`)."""
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, "JPEG")
    return data.getvalue()


def wav(frames: int = 800) -> bytes:
    """A real WAV recording, a tenth of a second of silence: only genuine recordings are published."""
    import wave

    data = io.BytesIO()
    with wave.open(data, "wb") as sound:
        sound.setnchannels(1), sound.setsampwidth(1), sound.setframerate(8000)
        sound.writeframes(b"\x80" * frames)
    return data.getvalue()


@contextlib.contextmanager
def changed_after_reading(change):
    """`change(context)` runs once the contributions are read, before any other plugin sees them: values
    that reach the writers whatever reading-time validation says (the writers' defence in depth)."""
    from agenda.generator import AgendaGenerator

    original = AgendaGenerator.generate_context

    def generate_context(self):
        change(self.context)
        return original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AgendaGenerator, "generate_context", generate_context)
        yield


@pytest.fixture
def speed_machinery(monkeypatch):
    """For a test of the speed machinery itself: on, even in the suite's run with `KIOSQUE_SPEED=off` (make test)."""
    monkeypatch.delenv("KIOSQUE_SPEED", raising=False)


@pytest.fixture
def site_factory(tmp_path, monkeypatch):
    """build a site from {relative path under content/: text}."""
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)

    def make(files: dict[str, str | bytes], **options) -> Build:
        write_files(tmp_path / "content", files)
        return build(tmp_path, **options)

    return make


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    """The repository's sample site, built once for the whole test session."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content", root / "content")
    return build(root)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port) for the browser; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate for the address 127.0.0.1 (cert.pem, key.pem), made by Debian's openssl: the
    federation's HTTPS and the newsletter's SMTP over TLS are tested with it."""
    folder.mkdir(parents=True, exist_ok=True)
    assert shutil.which("openssl"), "the openssl command makes the test's certificate"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "key.pem"),
         "-out", str(folder / "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (which never downloads a browser of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
