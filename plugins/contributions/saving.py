"""Writing a file so that a crash never leaves half of it: the bridge's spool and state, the import's event files
and fetch state all write this way."""

from __future__ import annotations

import os
import secrets
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
