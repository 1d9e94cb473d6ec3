"""What a file's git history says about an event: when it was announced, when it last changed, and how
many times its date, time or status changed — the iCalendar SEQUENCE, which must only ever grow.

Derived from git because it is the one record that every build of the site shares; a build outside a
git repository (or from a shallow clone) sees no history: SEQUENCE 0 and dates taken from the content.
Publish from a full clone (`fetch-depth: 0` on GitHub Actions).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from contributions.loader import SourceError, read_source

SCHEDULE_FIELDS = ("start", "end", "duration", "timezone", "status", "recurrence", "rrule", "except", "extra",
                   "previous_start")


@dataclass(frozen=True)
class FileHistory:
    created: dt.datetime | None = None
    modified: dt.datetime | None = None
    sequence: int = 0


def schedule_fingerprint(raw: bytes) -> str:
    """The part of an event file that calendar clients must be told about when it changes."""
    try:
        data = read_source(raw, markdown=True, max_bytes=10**7).data
    except SourceError:
        return ""
    return json.dumps({name: data.get(name) for name in SCHEDULE_FIELDS}, sort_keys=True, default=str)


def _git(root: Path, *arguments: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=root, input=stdin, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def histories(files: list[Path]) -> dict[Path, FileHistory]:
    """The history of each file, from one `git log` and one `git cat-file --batch` for the whole site."""
    if not files:
        return {}
    top = _git(files[0].parent, "rev-parse", "--show-toplevel")
    if top is None:
        return {path: FileHistory() for path in files}
    root = Path(top.decode().strip())
    wanted = {path.resolve().relative_to(root).as_posix(): path for path in files if path.resolve().is_relative_to(root)}
    # The folder holding them all, not the files: a move is only seen as one when both paths are in view.
    folder = os.path.commonpath(sorted(wanted)) if len(wanted) > 1 else str(Path(next(iter(wanted), ".")).parent)
    log = _git(root, "log", "--format=%x00%H %ct", "--name-status", "-M", "--", folder or ".") or b""
    versions: dict[str, list[tuple[str, int, str]]] = {name: [] for name in wanted}  # newest first
    following = {name: name for name in wanted}  # a path in older commits -> the file it is today
    for block in log.decode(errors="replace").split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line]
        commit, timestamp = lines[0].split()
        for change in lines[1:]:
            parts = change.split("\t")
            old, new = (parts[1], parts[2]) if parts[0].startswith("R") else (parts[-1], parts[-1])
            if new in following:
                today = following.pop(new)
                versions[today].append((commit, int(timestamp), new))
                if not parts[0].startswith("D"):
                    following[old] = today
    blobs = _contents([(commit, path) for found in versions.values() for commit, _, path in found], root)
    result = {}
    for name, path in wanted.items():
        found = versions[name]
        versions_read = [blobs.get((commit, old), b"") for commit, _, old in reversed(found)]
        versions_read.append(path.read_bytes())  # the working tree may hold an uncommitted change
        changes = _schedule_changes(versions_read)
        times = [dt.datetime.fromtimestamp(stamp, dt.timezone.utc) for _, stamp, _ in found]
        result[path] = FileHistory(times[-1] if times else None, times[0] if times else None, changes)
    return {path: result.get(path, FileHistory()) for path in files}


def _schedule_changes(versions: list[bytes]) -> int:
    """How many times the schedule changed from one version to the next. Only versions whose bytes differ
    are parsed (once each): most files never change, and parsing every version of every file was a third
    of a build's time."""
    prints: dict[bytes, str] = {}

    def fingerprint(raw: bytes) -> str:
        if raw not in prints:
            prints[raw] = schedule_fingerprint(raw)
        return prints[raw]

    return sum(1 for before, after in zip(versions, versions[1:]) if before != after and fingerprint(before) != fingerprint(after))


def _contents(wanted: list[tuple[str, str]], root: Path) -> dict[tuple[str, str], bytes]:
    if not wanted:
        return {}
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{c}:{p}\n" for c, p in wanted).encode())
    contents, position = {}, 0
    for key in wanted:
        if output is None:
            break
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        if len(header) < 3:  # "missing"
            position = header_end + 1
            continue
        size = int(header[2])
        contents[key] = output[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
    return contents
