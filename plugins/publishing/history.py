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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from contributions import SourceError, read_source

SCHEDULE_FIELDS = (
    "start",
    "end",
    "duration",
    "timezone",
    "status",
    "recurrence",
    "rrule",
    "except",
    "extra",
    "previous_start",
    "occurrences",  # a date of a series moved or cancelled: calendars must update that date
)


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


def histories(files: list[Path], within: Path | None = None) -> dict[Path, FileHistory]:
    """The history of each file, from one `git log`, one `git diff` and one `git cat-file --batch` for the
    whole site. Blob ids tell which versions differ: only those are read and parsed (most files were
    written once and never changed). A file moved in from elsewhere in `within` (the content folder)
    keeps its history; without it, the folder holding all the files is read."""
    if not files:
        return {}
    top = _git(files[0].parent, "rev-parse", "--show-toplevel")
    if top is None:
        return {path: FileHistory() for path in files}
    root = Path(top.decode().strip())
    folders: dict[Path, Path] = {}  # each folder resolved once: resolving every file twice was slow
    for path in files:
        if path.parent not in folders:
            folders[path.parent] = path.parent.resolve()
    in_repository = [(folders[path.parent] / path.name, path) for path in files]
    wanted = {full.relative_to(root).as_posix(): path for full, path in in_repository if full.is_relative_to(root)}
    # A folder, not the files: a move is only seen as one when both paths are in view.
    inside = within.resolve() if within is not None else None
    if inside is not None and inside.is_relative_to(root):
        folder = inside.relative_to(root).as_posix()
    else:
        folder = os.path.commonpath(sorted(wanted)) if len(wanted) > 1 else str(Path(next(iter(wanted), ".")).parent)
    log = _git(root, "log", "--format=%x00%H %ct", "--raw", "--no-abbrev", "-M", "--", folder or ".") or b""
    versions: dict[str, list[tuple[int, str]]] = {name: [] for name in wanted}  # (time, blob id), newest first
    following = {name: name for name in wanted}  # a path in older commits -> the file it is today
    for block in log.decode(errors="replace").split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line]
        timestamp = int(lines[0].split()[1])
        for change in lines[1:]:
            fields, *paths = change.split("\t")
            status, blob = fields.split()[4], fields.split()[3]
            old, new = (paths[0], paths[1]) if status.startswith("R") else (paths[-1], paths[-1])
            if new in following:
                today = following.pop(new)
                versions[today].append((timestamp, "" if status.startswith("D") else blob))
                if not status.startswith("D"):
                    following[old] = today
    uncommitted = _uncommitted(root, folder)
    # a file deleted in the last commit and written again is not in `git diff`: its working copy is new too
    uncommitted |= {name for name in wanted if versions[name] and versions[name][0][1] == ""}
    chains = {
        name: [blob for _, blob in reversed(versions[name])] + ([WORKING] if name in uncommitted else [])
        for name in wanted
    }
    needed = {
        blob
        for chain in chains.values()
        for before, after in zip(chain, chain[1:])
        if before != after
        for blob in (before, after)
        if blob not in ("", WORKING)
    }
    blobs = _contents(sorted(needed), root)
    prints: dict[str, str] = {}  # a version's schedule, parsed once whichever files share it

    def committed(blob: str) -> str:
        if blob not in prints:
            prints[blob] = schedule_fingerprint(blobs.get(blob, b""))
        return prints[blob]

    result = {}
    for name, path in wanted.items():
        working = schedule_fingerprint(path.read_bytes()) if name in uncommitted else ""
        changes = _schedule_changes(
            chains[name], lambda blob, working=working: working if blob == WORKING else committed(blob)
        )
        times = [dt.datetime.fromtimestamp(stamp, dt.UTC) for stamp, _ in versions[name]]
        result[path] = FileHistory(times[-1] if times else None, times[0] if times else None, changes)
    return {path: result.get(path, FileHistory()) for path in files}


WORKING = "working tree"  # the version of a file changed since the last commit


def _uncommitted(root: Path, folder: str) -> set[str]:
    """Files whose working copy differs from the last commit (git compares by size and date first)."""
    output = _git(root, "diff", "--name-only", "-z", "--no-renames", "HEAD", "--", folder or ".") or b""
    return {name for name in output.decode(errors="replace").split("\x00") if name}


def _schedule_changes(chain: list[str], fingerprint: Callable[[str], str]) -> int:
    """How many times the schedule changed from one version to the next, versions named by blob id: only
    versions that differ are compared (parsing every version was a third of a build's time)."""
    return sum(
        1 for before, after in zip(chain, chain[1:]) if before != after and fingerprint(before) != fingerprint(after)
    )


def _contents(blobs: list[str], root: Path) -> dict[str, bytes]:
    if not blobs:
        return {}
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in blobs).encode())
    contents, position = {}, 0
    for blob in blobs:
        if output is None:
            break
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        if len(header) < 3:  # "missing"
            position = header_end + 1
            continue
        size = int(header[2])
        contents[blob] = output[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
    return contents
