"""What every plugin's output needs alike: full addresses, plain text from HTML, and writing a generated
file (a feed, an export, a schema) only when its content changed, as Pelican does for pages, so that
unchanged files keep their date and a rebuild rewrites nothing needlessly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup


def address_maker(settings: dict) -> Callable[[str], str]:
    """path -> full address under SITEURL (a root-relative one when SITEURL is empty, as in `make html`)."""
    base = (settings.get("SITEURL") or "").rstrip("/")
    return lambda path: f"{base}/{path}"


def plain_text(html: str) -> str:
    """What feeds, calendars and JSON-LD want of a description: text, no HTML."""
    return Markup(html).striptags()


def write_if_changed(output: str | Path, relative: str, content: bytes) -> None:
    target = Path(output) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != content:
        target.write_bytes(content)
