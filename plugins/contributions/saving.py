"""Writing a file so that a crash never leaves half of it: the bridge's spool and state, the import's event files
and fetch state all write this way; and one process at a time on a piece of state (`held`): the bridge and
`make federate` share the federation's, two `make send-digest` the newsletter's record."""

from __future__ import annotations

import fcntl
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Temp file in the same folder, fsync, rename, fsync of the folder: a reader sees the old bytes or the new,
    and the rename survives a power cut. `mode` before the umask: 0o666 gives the usual 0644 (content files);
    the spool asks 0o600, since what people sent (their e-mail address) is for the bridge alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


@contextmanager
def held(path: Path, wait: bool = True) -> Iterator[bool]:
    """True inside when this process holds the lock on `path`; with `wait=False`, False at once when another
    process holds it (the caller leaves the work to that one). An advisory lock (flock): the system releases it
    when a process dies, so a killed run never leaves the others waiting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
