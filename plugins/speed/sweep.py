"""`DELETE_OUTPUT_DIRECTORY` done at the end of the build instead of the start: the same output folder
(nothing removed or withdrawn stays online), without writing every unchanged page again.

When a site asks Pelican to empty the output folder, kiosque takes the job over: each build records every
file it writes or keeps (`OutputRecord`: Pelican's writer, the static files, kiosque's own files and the
pages it did not need to render again), and once the build has finished it removes the rest. A build
that stops halfway removes nothing, so the last complete site stays online.
"""

from __future__ import annotations

import logging
import os

from pelican.writers import Writer

from speed.output_record import RECORD, OutputRecord, output_record
from speed.store import speed_on

logger = logging.getLogger(__name__)


class RecordingWriter(Writer):
    """Pelican's writer, noting in the build's record each file it opens for writing."""

    def _open_w(self, filename, encoding, override=False):
        output_record(self.settings).add(filename)
        return super()._open_w(filename, encoding, override)


def take_over(pelican) -> None:
    """At start-up: empty the output folder at the end of each build rather than at its start (with the
    speed machinery off, Pelican empties it at the start, as it would without kiosque)."""
    pelican.kiosque_sweep = (
        bool(pelican.delete_outputdir) and not pelican.settings.get("OUTPUT_SOURCES") and speed_on(pelican.settings)
    )
    if pelican.kiosque_sweep and _holds_sources(pelican.output_path, pelican.path):
        pelican.kiosque_sweep = False  # Pelican's own rule: never empty a folder that holds the content
    if pelican.kiosque_sweep:
        pelican.delete_outputdir = False


def start(pelican) -> None:
    """A new record for each build (autoreload runs many builds with one Pelican object)."""
    pelican.settings[RECORD] = OutputRecord(pelican.output_path)


def writer(pelican):
    return RecordingWriter


def record_static(generator) -> None:
    """The static files are copied after every other file is written: they are noted by name."""
    record = output_record(generator.settings)
    for static in generator.staticfiles:
        record.add(static.save_as)
    theme_static = os.path.join(generator.output_path, generator.settings["THEME_STATIC_DIR"])
    for path in generator.settings["THEME_STATIC_PATHS"]:
        source = os.path.join(generator.theme, path)
        for folder, _, names in os.walk(source):
            for name in names:
                record.add(os.path.join(theme_static, os.path.relpath(os.path.join(folder, name), source)))
        if os.path.isfile(source):
            record.add(os.path.join(theme_static, os.path.basename(path)))


def finish(pelican) -> None:
    if getattr(pelican, "kiosque_sweep", False):
        removed = output_record(pelican.settings).sweep(pelican.output_retention)
        logger.info("kiosque: %d file(s) of an earlier build removed from %s", len(removed), pelican.output_path)


def _holds_sources(output: str, sources: str) -> bool:
    output, sources = os.path.realpath(output), os.path.realpath(sources)
    return os.path.commonpath([output, sources]) == output
