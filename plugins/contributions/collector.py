"""Fewer passes of Python's garbage collector during a build.

A build makes millions of objects that live until it ends (parsed files, validated data, pages, feeds).
With CPython's default thresholds a collection starts every 700 new objects, and every tenth of those
looks at everything still alive: the same growing heap scanned again and again, a quarter of the time of
a 1,000-contribution build in the benchmark. The build raises the first threshold and puts the old ones
back when it ends, on the Pelican object of that build (autoreload runs many builds in one process).
`make check`, which reads every file without a build around it, does the same while it reads.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BUILD_THRESHOLD = 50_000  # new objects between two collections of the youngest generation


def relax(pelican) -> None:
    pelican.kiosque_gc_thresholds = gc.get_threshold()
    _raise(pelican.kiosque_gc_thresholds)


def restore(pelican) -> None:
    thresholds = getattr(pelican, "kiosque_gc_thresholds", None)
    if thresholds is not None:
        gc.set_threshold(*thresholds)


@contextmanager
def fewer_collections() -> Iterator[None]:
    thresholds = gc.get_threshold()
    _raise(thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def paused() -> Iterator[None]:
    """No collection at all for a moment (restored as it was)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _raise(thresholds: tuple[int, ...]) -> None:
    first, *older = thresholds
    gc.set_threshold(max(first, BUILD_THRESHOLD), *older)
