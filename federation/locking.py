"""One process at a time on a piece of the state folder: the bridge and `make federate` share it, and both may
start, publish or deliver at once. An advisory lock on a file (flock): the system releases it when a process
dies, so a killed run never leaves the others waiting."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held(path: Path, wait: bool = True) -> Iterator[bool]:
    """True inside when this process holds the lock on `path`; with `wait=False`, False at once when another
    process holds it (the caller leaves the work to that one)."""
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
