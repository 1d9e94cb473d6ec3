"""Results of costly pure functions kept from one build to the next: a description's Markdown rendered to
HTML, an event's VEVENT written by icalendar. A rebuild (`make devserver`, a site after one more pull
request) then only redoes them for what changed.

Pelican's own switches decide: `LOAD_CONTENT_CACHE` reads the store under `CACHE_PATH`, `CACHE_CONTENT`
writes it. A key is a hash of every input of the result and of the code and library versions that make
it, so a stale result is never used; the store keeps only what the last build used, so it never grows
with deleted files. Validated contributions (`remembered`) and pages (`unchanged_pages`) use it too.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")


def digest(*parts: object) -> str:
    """One key for all the inputs of a result, each given as text or bytes."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.hexdigest()


def code_version(*modules) -> str:
    """What makes the results: these modules' source (a change to them makes every key new)."""
    return digest(*(Path(module.__file__).read_bytes() for module in modules))


class Stored:
    """One store (`name`) for one build, made afresh by the generator that uses it."""

    def __init__(self, settings: dict, name: str):
        folder = settings.get("CACHE_PATH")
        self.file = Path(folder) / f"kiosque-{name}.pickle" if folder else None
        self.keep = bool(settings.get("CACHE_CONTENT")) and self.file is not None
        self.previous: dict[str, object] = self._load() if settings.get("LOAD_CONTENT_CACHE") and self.file else {}
        self.used: dict[str, object] = {}
        self.active = self.keep or bool(self.previous)  # else a key is not worth working out

    def _load(self) -> dict:
        try:
            with self.file.open("rb") as stream:
                found = pickle.load(stream)
        except FileNotFoundError:
            return {}
        except Exception as error:  # an interrupted write, another Python: start afresh, never fail the build
            logger.info("kiosque: cache %s not used (%s)", self.file, error)
            return {}
        return found if isinstance(found, dict) else {}

    def get(self, key: str, make: Callable[[], T]) -> T:
        if key in self.used:
            return self.used[key]
        value = self.previous[key] if key in self.previous else make()
        self.used[key] = value
        return value

    def seen(self, key: str) -> bool:
        """Whether the last build kept `key` (a result kept elsewhere, such as a written page); this build
        keeps it too."""
        self.used[key] = True
        return key in self.previous

    def save(self) -> None:
        if not self.keep:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_suffix(".partial")
        with partial.open("wb") as stream:
            pickle.dump(self.used, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.file)  # a build stopped halfway never leaves half a store
