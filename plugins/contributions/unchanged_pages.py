"""Contribution pages that a rebuild need not render again: their inputs are the same as last time and
the last build's page is still in the output folder.

On a 10,000-contribution site, rendering the event pages was a third of a rebuild after one more event,
while only that event's page had changed. A page's key is a hash of everything it is made from: the
files of the contribution and of the ones it shows (its place, its collection, its translations), the
build's "today", the site's settings and Pelican pages (the footer), the code of the plugins, the theme's
templates and translations, and the versions of the libraries that write it. Pages of places, playlists
and collections list other contributions: they are always rendered. Works with Pelican's content cache
switches and kiosque's output sweep (`sweep.py`), which keeps the output of the last build.
"""

from __future__ import annotations

import os
from importlib.metadata import version
from pathlib import Path

from .stored import Stored, digest

KINDS = ("event", "track", "story")  # pages that show only their own contribution and the ones it links to
LIBRARIES = ("pelican", "jinja2", "markupsafe", "babel", "markdown", "nh3", "pydantic")


class UnchangedPages:
    """Made by the contributions generator for one build."""

    def __init__(self, generator, stored: Stored):
        self.stored = stored
        self.output = generator.output_path
        self.build_key = digest(
            _files(Path(__file__).resolve().parent.parent, "*.py"),
            _files(Path(generator.theme) / "templates", "*"),
            _files(Path(generator.theme) / "translations", "*.po"),
            *(f"{name} {version(name)}" for name in LIBRARIES),
            _settings(generator.settings),
            generator.context["kiosque"]["today"],
            [(page.url, page.title) for page in generator.context.get("pages", [])],
        )
        self.file_keys: dict[str, str] = {}

    def unchanged(self, item) -> bool:
        """Whether the last build wrote this very page (either way, the next build will know this one's)."""
        if item.kind not in KINDS or not self.stored.active:
            return False
        shown = [item, getattr(item, "place", None), getattr(item, "collection", None), *getattr(item, "translations", [])]
        key = digest(self.build_key, item.save_as, *(self._file_key(other) for other in shown if other is not None))
        return self.stored.seen(key) and os.path.isfile(os.path.join(self.output, item.save_as))

    def _file_key(self, item) -> str:
        path = item.contribution.path
        if path not in self.file_keys:
            self.file_keys[path] = digest(path, Path(path).read_bytes())
        return self.file_keys[path]


def _files(folder: Path, pattern: str) -> str:
    return digest(*(part for path in sorted(folder.rglob(pattern)) if path.is_file()
                    for part in (path.relative_to(folder).as_posix(), path.read_bytes())))


def _settings(settings: dict) -> str:
    """The settings as text: a value without a stable text (an object's address) only costs renderings."""
    return digest(*(f"{name}={settings[name]!r}" for name in sorted(settings) if not name.startswith("_")))
