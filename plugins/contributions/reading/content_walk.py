"""Walking content/ without ever following a link (symlink).

Contributions arrive by pull request, and a pull request can hold links: `content/images/affiche.jpg`
pointing at /proc/self/environ, `content/media/x` at /etc, an event file at any file of the build machine.
Followed, they would publish that machine's own files, and walking /etc or a loop of links would cost
minutes. So nothing under content/ is reached through a link: `make check` (`collect`) and Pelican's
generators (`pelican_files`) walk with `walk`, which lists the links apart, to be reported, never opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


def walk(top: str | os.PathLike) -> Iterator[tuple[str, list[str], list[str], list[str]]]:
    """(folder, sub-folders, files, links) for `top` and each folder under it, top-down like `os.walk`
    (the caller may remove sub-folders from the list to skip them). A link, to a file or to a folder, is
    only named in `links`: never entered, never listed as a file. Anything else that is not a folder (a
    FIFO, a device) is listed among the files, for the reader to refuse."""
    pending = [os.fspath(top)]
    while pending:
        folder = pending.pop()
        directories, files, links = [], [], []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        links.append(entry.name)
                    elif entry.is_dir(follow_symlinks=False):
                        directories.append(entry.name)
                    else:
                        files.append(entry.name)
        except OSError:  # a folder that cannot be listed holds nothing to publish
            continue
        yield folder, directories, files, links
        pending.extend(os.path.join(folder, name) for name in reversed(directories))


def linked_part(top: str | os.PathLike, relative: str) -> str | None:
    """The first part of `relative` (a path under `top`) that is a link, as a path under `top`, or None
    when the whole path is reached without one."""
    reached = ""
    for part in os.path.normpath(relative).split(os.sep):
        if part in ("", "."):
            continue
        reached = os.path.join(reached, part)
        if os.path.islink(os.path.join(top, reached)):
            return reached
    return None
