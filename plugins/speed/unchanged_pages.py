"""Pages that a rebuild need not render again: their inputs are the same as last time and the last
build's page is still in the output folder.

On a 10,000-contribution site, rendering the event pages was a third of a rebuild after one more event,
while only that event's page had changed. A page's key is a hash of everything it is made from: the
files of the contributions it shows (an event page: the event, its place, its translations; a month of
the past: that month's events and their places) and what the generator says the page also depends on,
the build's "today", the site's settings and Pelican pages (the footer), the theme's templates and
translations, and the build's fingerprint (the plugins' code and the libraries' versions, see `store`).
A page that lists others (a place's events, a playlist's tracks, a collection's stories and their
places) counts all of them: which ones it shows (coming, the latest past) follows from their files and
"today". Pages that list what is coming across the site (months, today, week) change with almost every
contribution: they are always rendered.
Works with Pelican's content cache switches and kiosque's output sweep (`sweep.py`), which leaves the
output of the last build in place; with `KIOSQUE_SPEED` off, every page is rendered.
"""

from __future__ import annotations

import os
from pathlib import Path

from speed.output_record import output_record
from speed.store import Store, digest

KINDS = ("event", "track", "story")  # contribution pages that show only their own file and the ones it links to
LISTS = {
    "place": "events",
    "playlist": "tracks",
    "story_collection": "stories",
}  # pages listing the ones linked to them


class UnchangedPages:
    """One store of pages (`name`), for one generator of one build."""

    def __init__(self, generator, name: str):
        settings = generator.settings
        self.store = Store(
            settings,
            name,
            lambda: _files(Path(generator.theme) / "templates", "*"),
            lambda: _files(Path(generator.theme) / "translations", "*.po"),
            lambda: _settings(settings),
            lambda: generator.context["kiosque"]["today"],
            lambda: [(page.url, page.title) for page in generator.context.get("pages", [])],
        )
        self.output = generator.output_path
        self.record = output_record(settings)
        self.file_keys: dict[Path, str] = {}

    def reuse(self, save_as: str, shown: list, *details) -> bool:
        """Whether the last build wrote this very page, made from the contributions `shown` and `details`;
        if so, the page is kept in the output as it is (either way, the next build will know this one)."""
        if not self.store.in_use:
            return False
        inputs = (save_as, *details, *(self._file_key(item) for item in shown if item is not None))
        if self.store.seen(*inputs) and os.path.isfile(os.path.join(self.output, save_as)):
            self.record.add(save_as)
            return True
        return False

    def save(self) -> None:
        self.store.save()

    def _file_key(self, item) -> str:
        """The hash the reader made of the file's bytes (else made here)."""
        contribution = item.contribution
        if contribution.source:
            return contribution.source
        if contribution.file not in self.file_keys:
            self.file_keys[contribution.file] = digest(contribution.path, contribution.file.read_bytes())
        return self.file_keys[contribution.file]


def shown_on_its_page(item) -> list | None:
    """The contributions an item's own page is made from, or None when that is not known (always rendered)."""
    if item.kind in LISTS:  # a story's place is named in its collection's list
        listed = getattr(item, LISTS[item.kind])
        return [item, *(shown for other in listed for shown in (other, getattr(other, "place", None)))]
    if item.kind not in KINDS:
        return None
    return [
        item,
        getattr(item, "place", None),
        getattr(item, "organizer_place", None),
        getattr(item, "collection", None),
        *getattr(item, "translations", []),
    ]


def _files(folder: Path, pattern: str) -> str:
    return digest(
        *(
            part
            for path in sorted(folder.rglob(pattern))
            if path.is_file()
            for part in (path.relative_to(folder).as_posix(), path.read_bytes())
        )
    )


def _settings(settings: dict) -> str:
    """The settings as text: a value without a stable text (an object's address) only costs renderings."""
    return digest(*(f"{name}={settings[name]!r}" for name in sorted(settings) if not name.startswith("_")))
