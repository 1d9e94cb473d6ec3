"""The record of what a build wrote (see `sweep`), and writing a generated file only when its content
changed, so that unchanged files keep their date and a rebuild rewrites nothing needlessly."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_if_changed(output: str | Path, relative: str, content: bytes) -> None:
    """Asks the file system as little as it can: making the folder and checking the file first cost four
    `stat` calls a file, a third of the feeds' time for 9,000 files on a busy disk (the benchmark)."""
    target = Path(output) / relative
    try:
        if target.read_bytes() == content:
            return
    except FileNotFoundError:
        pass
    try:
        target.write_bytes(content)
    except FileNotFoundError:  # its folder is not there yet
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


RECORD = "_kiosque_output"  # where the build's OutputRecord is kept in Pelican's settings


class OutputRecord:
    """Every file one build wrote or left as it was, so that the build's end removes all the others.

    Made afresh at the start of each build (`start`). Pelican's `DELETE_OUTPUT_DIRECTORY` empties the
    output folder before the build: nothing removed or withdrawn stays online, but every page must then
    be written again, and deleting 20,000 files took seconds on the benchmark's disk. Removing only what
    this build did not write gives the same folder in the end, and lets unchanged pages stay as they are.
    """

    def __init__(self, folder: str | Path):
        self.folder = os.path.abspath(folder)
        self.paths: set[str] = set()  # absolute paths

    def add(self, path: str | Path) -> None:
        """Note a file of this build (written, or left as it was): the sweep leaves it."""
        self.paths.add(os.path.abspath(os.path.join(self.folder, path)))

    def write(self, relative: str, content: bytes) -> None:
        write_if_changed(self.folder, relative, content)
        self.add(relative)

    def sweep(self, retention: Iterable[str] = ()) -> list[str]:
        """Remove the files this build did not note (but what `retention`, Pelican's OUTPUT_RETENTION, names
        at the top), then the folders left empty; return what was removed, relative to the output folder."""
        removed, folders = [], []
        for folder, directories, names in os.walk(self.folder):
            if folder == self.folder:
                directories[:] = [name for name in directories if name not in retention]
                names = [name for name in names if name not in retention]
            folders.append(folder)
            links = [name for name in directories if os.path.islink(os.path.join(folder, name))]
            for name in names + links:
                path = os.path.join(folder, name)
                if path not in self.paths:
                    os.remove(path)
                    removed.append(os.path.relpath(path, self.folder))
        for folder in reversed(folders[1:]):  # the deepest first
            if os.path.isdir(folder) and not os.listdir(folder):
                os.rmdir(folder)
        return removed


def output_record(settings: dict) -> OutputRecord:
    """The record of the build these settings belong to (a build outside Pelican's run gets its own)."""
    record = settings.get(RECORD)
    if record is None:
        record = settings[RECORD] = OutputRecord(settings.get("OUTPUT_PATH", "output"))
    return record
