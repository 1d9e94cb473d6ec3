"""Writing a generated file (a feed, an export, a schema) the way Pelican writes pages: only when its
content changed, so that unchanged files keep their date and a rebuild rewrites nothing needlessly."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(output: str | Path, relative: str, content: bytes) -> None:
    target = Path(output) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != content:
        target.write_bytes(content)
