"""Contributions validated by an earlier build or check, found again by their bytes.

Reading and validating 10,000 files was most of a rebuild's preparation and of `make check`, while a
pull request changes one or two of them. With Pelican's content cache switches (`LOAD_CONTENT_CACHE`,
`CACHE_CONTENT`), each valid file's contribution is kept, pickled as it was validated (before the
checks across files add their notes), under a key made of the file's bytes, its names, the site's
vocabularies and limits, the code of this package and the versions of the libraries that read it.
Files with problems are read again each time: their messages always come from the reader itself.
Costly results of the checks across files are kept the same way, by their inputs (`result`).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from contributions.checking.validate import Contribution
from contributions.site import Site
from speed.store import Stored, digest

T = TypeVar("T")
LIBRARIES = ("pydantic", "pydantic-core", "pyyaml", "markdown", "nh3", "python-dateutil")


class Remembered:
    """The store of one build or check; `active` is false when the site's settings keep nothing."""

    def __init__(self, stored: Stored | None, site: Site):
        self.stored = stored
        self.active = stored is not None and stored.active
        self.version = (
            digest(
                *(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))),
                *(f"{name} {version(name)}" for name in LIBRARIES),
                site.language,
                site.max_file_bytes,
                repr(sorted(site.validation_context().items())),
            )
            if self.active
            else ""
        )

    @property
    def recalling(self) -> bool:
        """Whether an earlier build or check left anything to find again."""
        return self.active and bool(self.stored.previous)

    def key(self, raw: bytes | None, shown: str, relative, kind, resolved: Path) -> str | None:
        """The key of a file whose bytes are `raw`, or None when nothing is kept or the file could not be
        read (`raw` None: the reader will say why)."""
        if not self.active or raw is None:
            return None
        return digest(self.version, shown, relative, kind.name, resolved, raw)

    def recall(self, key: str | None) -> Contribution | None:
        if key is None or key not in self.stored.previous:
            return None
        kept = self.stored.used[key] = self.stored.previous[key]
        try:
            return pickle.loads(kept)
        except Exception:  # a store from another Python: read the file again, never fail
            del self.stored.used[key]
            return None

    def result(self, make: Callable[[], T], *inputs: object) -> T:
        """`make()`, or what it gave the last time for the same inputs (and the same code)."""
        if not self.active:
            return make()
        return self.stored.get(digest(self.version, *inputs), make)

    def pickled(self, key: str | None, contribution: Contribution | None) -> bytes | None:
        """What the store will keep of a contribution just validated, or None when it keeps nothing. Made
        by the process that read the file (see `collect`), before the checks across files add notes."""
        if key is None or contribution is None or not self.stored.keep:
            return None
        return pickle.dumps(contribution, protocol=pickle.HIGHEST_PROTOCOL)

    def keep(self, key: str, pickled: bytes) -> None:
        self.stored.used[key] = pickled
