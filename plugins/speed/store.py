"""Results of costly pure functions kept from one build to the next: a description's Markdown rendered to
HTML, an event's VEVENT written by icalendar, a validated contribution, a page written. A rebuild (`make
devserver`, a site after one more pull request) then only redoes them for what changed.

Every store of the build goes through `Store`, the one place that reads and writes them. Pelican's own
switches decide: `LOAD_CONTENT_CACHE` reads the stores under `CACHE_PATH`, `CACHE_CONTENT` writes them;
the site's `KIOSQUE_SPEED = False` (or `KIOSQUE_SPEED=off` in the environment) turns them off with all the
rest of the speed machinery (`speed_on`). A result's key is a hash of its inputs and of the build's
fingerprint (the code of the plugins and the versions of the libraries that make results), so a stale
result is never used; a store keeps only what the last build used, so it never grows with deleted files.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")

PLUGINS = Path(__file__).resolve().parent.parent  # the code that makes every kept result
LIBRARIES = (  # the libraries whose versions change what the build makes
    "pelican",
    "jinja2",
    "markupsafe",
    "babel",
    "markdown",
    "nh3",
    "pydantic",
    "pydantic-core",
    "pyyaml",
    "python-dateutil",
    "icalendar",
    "lameenc",
    "Pillow",
    "pagefind_bin",
)


def speed_on(settings: dict | None = None) -> bool:
    """Whether the speed machinery works: the stores, unchanged pages, the second process, the collector's
    tuning and the output sweep. Off, a build does everything the plain way; its output is the same."""
    if os.environ.get("KIOSQUE_SPEED", "").strip().lower() in ("off", "0", "false", "no"):
        return False
    return bool((settings or {}).get("KIOSQUE_SPEED", True))


def digest(*parts: object) -> str:
    """One key for all the inputs of a result, each given as text or bytes."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.hexdigest()


@functools.cache
def build_fingerprint() -> str:
    """What makes every kept result besides its own inputs: the plugins' code and the libraries' versions.
    Worked out once a process: the code that runs is the code that was imported."""
    sources = sorted([*PLUGINS.rglob("*.py"), *PLUGINS.rglob("*.po")])  # the translations are code too
    return digest(
        *(part for path in sources for part in (path.relative_to(PLUGINS).as_posix(), path.read_bytes())),
        *(f"{name} {_version(name)}" for name in LIBRARIES),
    )


class Store:
    """One store (`name`) for one build or check, made afresh by what uses it. `depends_on`: what all its
    results depend on besides the build's fingerprint (the site's settings that change them); a part
    costly to work out may be given as a function, called only when the store is in use."""

    def __init__(self, settings: dict, name: str, *depends_on: object):
        folder = settings.get("CACHE_PATH")
        self.speed = speed_on(settings)
        self.file = Path(folder) / f"kiosque-{name}.pickle" if folder and self.speed else None
        self.writing = bool(settings.get("CACHE_CONTENT")) and self.file is not None
        reading = bool(settings.get("LOAD_CONTENT_CACHE")) and self.file is not None
        self._previous: dict[str, object] = self._load() if reading else {}
        self._used: dict[str, object] = {}
        self.in_use = self.writing or bool(self._previous)  # else a key is not worth working out
        self._fingerprint = (
            digest(build_fingerprint(), *(part() if callable(part) else part for part in depends_on))
            if self.in_use
            else ""
        )

    @property
    def holds_results(self) -> bool:
        """Whether the last build left anything to find again."""
        return bool(self._previous)

    def key(self, *inputs: object) -> str:
        """The key of a result made from `inputs` by this build's code."""
        return digest(self._fingerprint, *inputs)

    def get(self, make: Callable[[], T], *inputs: object) -> T:
        """`make()`, or what it gave the last build for the same inputs (`make()` alone when not in use)."""
        if not self.in_use:
            return make()
        key = self.key(*inputs)
        if key in self._used:
            return self._used[key]
        value = self._previous[key] if key in self._previous else make()
        self._used[key] = value
        return value

    def recall(self, key: str) -> object | None:
        """The value the last build kept under `key` (kept again by this one), or None."""
        if key not in self._previous:
            return None
        value = self._used[key] = self._previous[key]
        return value

    def forget(self, key: str) -> None:
        """Not to keep `key` after all (its value turned out unusable)."""
        self._used.pop(key, None)

    def put(self, key: str, value: object) -> None:
        self._used[key] = value

    def seen(self, *inputs: object) -> bool:
        """Whether the last build kept a result made from `inputs` (kept elsewhere, such as a written page);
        this build keeps it too."""
        if not self.in_use:
            return False
        key = self.key(*inputs)
        self._used[key] = True
        return key in self._previous

    def save(self) -> None:
        if not self.writing:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_suffix(".partial")
        with partial.open("wb") as stream:
            pickle.dump(self._used, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.file)  # a build stopped halfway never leaves half a store

    def _load(self) -> dict:
        try:
            with self.file.open("rb") as stream:
                found = pickle.load(stream)
        except FileNotFoundError:
            return {}
        except Exception as error:  # an interrupted write, another Python: start afresh, never fail the build
            logger.info("kiosque: cache %s not used (%s)", self.file, error)
            return {}
        if not isinstance(found, dict):
            logger.info("kiosque: cache %s not used (not a store)", self.file)
            return {}
        return found


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"
