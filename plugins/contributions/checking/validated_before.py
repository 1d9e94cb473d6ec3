"""Contributions validated by an earlier build or check, found again by their bytes.

Reading and validating 10,000 files was most of a rebuild's preparation and of `make check`, while a
pull request changes one or two of them. With Pelican's content cache switches (`LOAD_CONTENT_CACHE`,
`CACHE_CONTENT`), each valid file's contribution is kept, pickled as it was validated (before the
checks across files add their notes), under a key made of the file's bytes, its names, the site's
vocabularies and limits, and the build's fingerprint (its code and libraries, see `speed.store`).
Files with problems are read again each time: their messages always come from the reader itself.
Costly results of the checks across files are kept the same way, by their inputs (`result`).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from contributions.checking.validate import Contribution
from contributions.site import Site
from speed.store import Store

T = TypeVar("T")


class ValidatedBefore:
    """What the store of one build or check holds for the contributions; `in_use` is false when the
    site's settings keep nothing (Pelican's cache switches, `KIOSQUE_SPEED`)."""

    def __init__(self, store: Store | None):
        self.store = store
        self.in_use = store is not None and store.in_use

    @property
    def recalling(self) -> bool:
        """Whether an earlier build or check left anything to find again."""
        return self.in_use and self.store.holds_results

    def key(self, raw: bytes | None, shown: str, relative, kind, resolved: Path) -> str | None:
        """The key of a file whose bytes are `raw`, or None when nothing is kept or the file could not be
        read (`raw` None: the reader will say why)."""
        if not self.in_use or raw is None:
            return None
        return self.store.key(shown, relative, kind.name, resolved, raw)

    def recall(self, key: str | None) -> Contribution | None:
        kept = None if key is None else self.store.recall(key)
        if kept is None:
            return None
        try:
            return pickle.loads(kept)
        except Exception:  # a store from another Python: read the file again, never fail
            self.store.forget(key)
            return None

    def result(self, make: Callable[[], T], *inputs: object) -> T:
        """`make()`, or what it gave the last time for the same inputs (and the same code)."""
        if not self.in_use:
            return make()
        return self.store.get(make, *inputs)

    def pickled(self, key: str | None, contribution: Contribution | None) -> bytes | None:
        """What the store will keep of a contribution just validated, or None when it keeps nothing. Made
        by the process that read the file (see `harvest`), before the checks across files add notes."""
        if key is None or contribution is None or not self.store.writing:
            return None
        return pickle.dumps(contribution, protocol=pickle.HIGHEST_PROTOCOL)

    def add(self, key: str, pickled: bytes) -> None:
        self.store.put(key, pickled)


def contributions_store(settings: dict, site: Site) -> Store:
    """The store of validated contributions, shared by the builds and `make check`: its results depend on
    the site's language, limits and vocabularies besides the files."""
    return Store(
        settings,
        "contributions",
        site.language,
        site.max_file_bytes,
        lambda: repr(sorted(site.validation_context().items())),
    )
