"""Do a long list of independent work on two processors: half here, half in a forked process.

Reading and validating the files is most of `make check` and a good part of a build, and the machines
that build a site (CI runners too) often have two processors. A forked process needs nothing sent to
it and starts at once; only its results come back (pickled). When forking is not possible (Windows, one
processor, a short list, a call from another thread than the main one) or the other process fails,
everything is done here: the results are the same. A fork copies the locks other threads hold: the bridge
reads a site from its worker thread while its web service runs, and reads it in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_two_processes(
    work: Callable[[list[Item]], list[Result]], items: list[Item], minimum: int, allowed: bool = True
) -> list[Result]:
    """work(items), every other item done by a forked process when there are at least `minimum` items (and
    the speed machinery is on: `allowed`, see `store.speed_on`).
    Alternate items rather than two halves: a site's files come sorted by folder, some folders cost more
    than others, and with halves one process waited for the other (a tenth of a check at 10,000 files)."""
    if (
        not allowed
        or len(items) < minimum
        or _processors() < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.current_thread() is not threading.main_thread()
    ):  # the bridge's service: see below
        return work(items)
    mine, sent = items[0::2], items[1::2]
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    helper = context.Process(target=_send, args=(sending, receiving, work, sent), daemon=True)
    helper.start()
    sending.close()
    try:
        done_here = work(mine)
        try:
            done_there = receiving.recv()
        except (EOFError, OSError):  # the helper failed: its error, if any, comes again here
            done_there = work(sent)
    finally:
        receiving.close()
        helper.join()
    done = [None] * len(items)
    done[0::2], done[1::2] = done_here, done_there
    return done


def _send(connection, parents_end, work: Callable, items: list) -> None:
    """In the forked process. Its copy of the parent's end of the pipe is closed first: were the parent to
    stop reading (an error in its half), sending would fail at once instead of waiting for a reader."""
    parents_end.close()
    try:
        connection.send(work(items))
    except BaseException:  # nothing printed: the parent does this half again, and meets any error itself
        pass
    finally:
        connection.close()


def _processors() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the processors this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1
