"""Fewer passes of Python's garbage collector during a build.

A build makes millions of objects that live until it ends (parsed files, validated data, pages, feeds).
With CPython's default thresholds a collection starts every 700 new objects, and every tenth of those
looks at everything still alive: the same growing heap scanned again and again, a quarter of the time of
a 1,000-contribution build in the benchmark. Each build raises the first threshold and puts the old ones
back when it ends (autoreload runs many builds in one process). What is read or unpickled to last the
whole build (or `make check`) is moved to the oldest generation at once (`long_lived`).

When the process exits, all the build made is still alive, and CPython's shutdown runs full collections
that scan every object: 1.2 s of a 4.8 s rebuild at 10,000 contributions. So a process that built a site
freezes what is alive when it exits (`gc.freeze` from an exit handler: left out of the shutdown's
collections), and nothing stays frozen while it runs (the next build, a test suite's next test).
With the speed machinery off (`store.speed_on`), the collector keeps Python's defaults.
"""

from __future__ import annotations

import atexit
import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from speed.store import speed_on

BUILD_THRESHOLD = 50_000  # new objects between two collections of the youngest generation
THRESHOLDS = "_kiosque_gc_thresholds"  # the collector's thresholds before the build, in Pelican's settings


def build_starts(pelican) -> None:
    if not speed_on(pelican.settings):
        return
    thresholds = pelican.settings[THRESHOLDS] = gc.get_threshold()
    first, *older = thresholds
    gc.set_threshold(max(first, BUILD_THRESHOLD), *older)
    freeze_at_exit()


def build_ends(pelican) -> None:
    thresholds = pelican.settings.pop(THRESHOLDS, None)
    if thresholds is not None:
        gc.set_threshold(*thresholds)


@functools.cache
def freeze_at_exit() -> None:
    """Once a process: its exit handlers run before the shutdown's collections."""
    atexit.register(gc.freeze)


@contextmanager
def long_lived(settings: dict | None = None) -> Iterator[None]:
    """No collection while the objects made here are made, and then they join the oldest generation at
    once: for results that live as long as the build or check (read or unpickled contributions). Python
    would otherwise scan each of them twice on their way there (0.2 s of a check at 10,000 files).
    It moves every object of the process, whoever made it: only a build or `make check`, on their main
    thread, use it; the bridge's service reads without it."""
    if not speed_on(settings):
        yield
        return
    freeze_at_exit()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # every tracked object, out of the young generations...
        gc.unfreeze()  # ...into the oldest one, which is scanned only by the rare full collections
        if enabled:
            gc.enable()
