"""Fewer passes of Python's garbage collector during a build.

A build makes millions of objects that live until it ends (parsed files, validated data, pages, feeds).
With CPython's default thresholds a collection starts every 700 new objects, and every tenth of those
looks at everything still alive: the same growing heap scanned again and again, a quarter of the time of
a 1,000-contribution build in the benchmark. Each build raises the first threshold and puts the old ones
back when it ends (autoreload runs many builds in one process). What is read or unpickled to last the
whole build (or `make check`) is moved to the oldest generation at once (`long_lived`).

When the build ends, all it made is still alive, and CPython's shutdown runs full collections that scan
every object: 1.2 s of a 4.8 s rebuild at 10,000 contributions. So the build freezes what it leaves
(`gc.freeze`: left out of every later collection); the next build in the same process thaws it first,
and collects it as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BUILD_THRESHOLD = 50_000  # new objects between two collections of the youngest generation


_frozen = False  # by the end of a build in this process: the next build thaws it, whichever Pelican runs it


def build_starts(pelican) -> None:
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False
    pelican.kiosque_gc_thresholds = gc.get_threshold()
    _raise(pelican.kiosque_gc_thresholds)


def build_ends(pelican) -> None:
    global _frozen
    thresholds = getattr(pelican, "kiosque_gc_thresholds", None)
    if thresholds is not None:
        gc.set_threshold(*thresholds)
    gc.freeze()
    _frozen = True


@contextmanager
def long_lived() -> Iterator[None]:
    """No collection while the objects made here are made, and then they join the oldest generation at
    once: for results that live as long as the build or check (read or unpickled contributions). Python
    would otherwise scan each of them twice on their way there (0.2 s of a check at 10,000 files).
    It moves every object of the process, whoever made it (and thaws what an earlier build froze): only
    a build or `make check`, on their main thread, use it; the bridge's service reads without it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # every tracked object, out of the young generations...
        gc.unfreeze()  # ...into the oldest one, which is scanned only by the rare full collections
        if enabled:
            gc.enable()


def _raise(thresholds: tuple[int, ...]) -> None:
    first, *older = thresholds
    gc.set_threshold(max(first, BUILD_THRESHOLD), *older)
