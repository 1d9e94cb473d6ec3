"""What the import's tests share: a site's repository in a temporary folder, calendars written as partners'
programs write them, and a local HTTP server that serves them as a partner's server would (ETag honoured).
The fixtures are in conftest.py."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO, git, write_files

SOURCE = """\
name: Médiathèque des Lilas
site: https://mediatheque-lilas.example.org
calendar: {calendar}
defaults:
  place: mediatheque-des-lilas
  categories: [reading]
  audience: [all-ages]
  price: free
trusted: {trusted}
"""


def source_file(calendar: str, trusted: bool = False) -> str:
    return SOURCE.format(calendar=calendar, trusted=str(trusted).lower())


def repository(root: Path, files: dict[str, str | bytes], sample: bool = True) -> Path:
    """A site's repository: the sample's content (its own sources left out) or only its places, the
    repository's settings, and `files` (paths under content/)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    (root / "theme").symlink_to(REPO / "theme")  # Pelican reads the settings only with their theme there
    if sample:
        shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("sources"))
    else:
        shutil.copytree(REPO / "content" / "places", root / "content" / "places")
    write_files(root / "content", files)
    return root


def commit_all(root: Path, message: str) -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A", ".")
    git(root, "commit", "-qm", message, "--allow-empty")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def mtimes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()
    }


def vevent(uid: str, summary: str, start: str, end: str | None = None, **properties: str) -> str:
    """One VEVENT as a partner's program writes it: times in Europe/Paris with a TZID, any other property given
    by name (`rrule="FREQ=WEEKLY;COUNT=3"`, `status="CANCELLED"`, `location=...`)."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261201T090000Z",
        f"DTSTART;TZID=Europe/Paris:{start}",
    ]
    if end:
        lines.append(f"DTEND;TZID=Europe/Paris:{end}")
    lines.append(f"SUMMARY:{summary}")
    lines += [f"{name.upper().replace('_', '-')}:{value}" for name, value in properties.items()]
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


TIMEZONE = """BEGIN:VTIMEZONE\r
TZID:Europe/Paris\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE"""


def calendar(*events: str) -> bytes:
    """A VCALENDAR holding `events` (see `vevent`), as a Nextcloud would export it."""
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sabre//Sabre VObject 4.5.4//EN", TIMEZONE, *events]
    return ("\r\n".join([*parts, "END:VCALENDAR"]) + "\r\n").encode("utf-8")


@dataclass
class Served:
    """What the local server serves: path -> (status, bytes); the requests it received (path, If-None-Match)."""

    files: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    address: str = ""

    def put(self, path: str, data: bytes, status: int = 200) -> str:
        self.files[path] = (status, data)
        return self.address + path

    def answers(self, path: str) -> list[int]:
        return [status for requested, status in self.statuses if requested == path]

    statuses: list[tuple[str, int]] = field(default_factory=list)


@contextlib.contextmanager
def calendar_server():
    """A partner's server on 127.0.0.1 (a free port): each path's bytes with an ETag of them, a 304 to an
    If-None-Match that still matches."""
    served = Served()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            asked = self.headers.get("If-None-Match")
            served.requests.append((self.path, asked))
            status, data = served.files.get(self.path, (404, b"not found"))
            etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            if status == 200 and asked == etag:
                served.statuses.append((self.path, 304))
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            served.statuses.append((self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", "text/calendar; charset=utf-8" if status == 200 else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            if status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.address = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def served():
    """A partner's calendar server on 127.0.0.1 (see `calendar_server`). Test modules import it by name: a
    conftest.py here would take the place of tests/conftest.py as the module `conftest` for the whole suite."""
    with calendar_server() as found:
        yield found
