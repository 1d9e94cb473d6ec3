"""The pictures one build publishes: the light copies (`variants`) of every contribution's picture, and a
copy stripped of its metadata of every other picture of content/images (linked by the site's own pages).
The files of content/ are never published themselves.

Each picture is known by a hash of its bytes (worked out again only when its size or date changes). The
light copies' names hold that hash, so a page always names the copies of the picture it was made with,
and a reader's browser fetches a changed picture again. What a picture gave is kept in the content cache
(`speed.store`: sizes only) and its files under `CACHE_PATH/kiosque-pictures/`, so a rebuild converts
nothing again, even into an empty output folder (a forge's fresh run with the main branch's cache).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from pictures.variants import FORMATS, QUALITY, WIDTHS, Variant, light, stripped
from publishing.encoding import site_path
from publishing.pelican_files import PUBLISHED
from speed.output_record import output_record
from speed.store import Store, digest
from speed.two_processes import in_two_processes

logger = logging.getLogger(__name__)
PICTURES = "_KIOSQUE_PICTURES"  # this build's `Pictures`, kept in its settings


@dataclass(frozen=True)
class File:
    """One light copy as pages name it."""

    path: str  # under the output folder, as written
    width: int
    height: int
    extension: str

    @property
    def address(self) -> str:
        """The path percent-encoded, as an address holds it."""
        return site_path(self.path) or ""


@dataclass(frozen=True)
class Shown:
    """A picture as pages show it: its light copies, the largest last."""

    files: tuple[File, ...]

    @property
    def largest(self) -> File:
        """The largest JPEG: every reader, feed and search engine reads it."""
        return [file for file in self.files if file.extension == "jpg"][-1]

    def srcset(self, base: str, extension: str) -> str:
        return ", ".join(f"{base}/{file.address} {file.width}w" for file in self.files if file.extension == extension)


class Pictures:
    """The pictures of one build, made when its contributions are known and before any page is written."""

    def __init__(self, settings: dict):
        self.content = Path(settings["PATH"])
        self.output = Path(settings["OUTPUT_PATH"])
        self.published: dict[str, bool] = settings.get(PUBLISHED, {})
        self.store = Store(settings, "pictures", WIDTHS, QUALITY, FORMATS)
        self.kept = Path(settings["CACHE_PATH"]) / "kiosque-pictures" if self.store.writing else None  # its files
        self.record = output_record(settings)
        self.shown: dict[str, Shown | None] = {}

    def of(self, src: str) -> Shown | None:
        """The light copies of the site's picture `src`, made once a build; None when it is not published."""
        if src not in self.shown:
            self.prepare([src])
        return self.shown[src]

    def prepare(self, sources: list[str]) -> None:
        """The light copies of every picture of `sources`: found again in the output or the cache, else converted,
        half of them by a second process (a photo takes a good half-second)."""
        missing = []
        for src in sources:
            found = self._found(src) if self.published.get(src) else None
            self.shown[src] = found
            if found is None and self.published.get(src):
                missing.append(src)
        convert = partial(_converted, self.content, light)
        made = in_two_processes(lambda part: [convert(src) for src in part], missing, 2, self.store.speed)
        for src, variants in zip(missing, made):
            self.shown[src] = self._written(src, variants) if variants is not None else None

    def strip(self, src: str, save_as: str) -> None:
        """Publish the picture `src` at `save_as` (its own address), without its metadata."""
        hashed = self._hash(src)
        if self.store.seen("stripped", src, save_as, hashed) and (self.output / save_as).is_file():
            self.record.add(save_as)
            return
        kept = self._kept(f"{hashed}.stripped")
        content = kept.read_bytes() if kept and kept.is_file() else _converted(self.content, stripped, src)
        if content is not None:
            self._keep(kept, content)
            self.record.write(save_as, content)

    def save(self) -> None:
        self.store.save()

    def _found(self, src: str) -> Shown | None:
        """The light copies an earlier build made of this very picture, when all are in the output or the cache."""
        hashed = self._hash(src)
        sizes = self.store.recall(self.store.key("variants", hashed)) if self.store.in_use else None
        files = [
            File(self._name(src, hashed, width, extension), width, height, extension)
            for width, height, extension in sizes or ()
        ]
        return Shown(tuple(files)) if files and all(self._from_kept(hashed, file) for file in files) else None

    def _written(self, src: str, variants: list[Variant]) -> Shown:
        hashed = self._hash(src)
        files = [File(self._name(src, hashed, v.width, v.extension), v.width, v.height, v.extension) for v in variants]
        for file, variant in zip(files, variants):
            self._keep(self._kept(f"{hashed}.{file.width}.{file.extension}"), variant.content)
            self.record.write(file.path, variant.content)
        self.store.put(
            self.store.key("variants", hashed), [(file.width, file.height, file.extension) for file in files]
        )
        return Shown(tuple(files))

    @staticmethod
    def _name(src: str, hashed: str, width: int, extension: str) -> str:
        """images/affiche.jpg -> images/affiche.<hash>.960.webp: beside the picture, named after it and its bytes."""
        source = PurePosixPath(src)
        return f"{source.parent}/{source.stem}.{hashed[:10]}.{width}.{extension}"

    def _from_kept(self, hashed: str, file: File) -> bool:
        """Whether the light copy `file` is in the output, or could be copied there from the cache."""
        target = self.output / file.path
        if target.is_file():
            self.record.add(file.path)
            return True
        kept = self._kept(f"{hashed}.{file.width}.{file.extension}")
        if kept is None or not kept.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept, target)
        self.record.add(file.path)
        return True

    def _kept(self, name: str) -> Path | None:
        """Where the cache keeps a file the build made (None without the content cache)."""
        return self.kept / name if self.kept else None

    def _keep(self, kept: Path | None, content: bytes) -> None:
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_bytes(content)

    def _hash(self, src: str) -> str:
        """A hash of the picture's bytes, kept under its size and date: reading 1,000 photos takes seconds."""
        path = self.content / src
        status = os.stat(path)
        return self.store.get(lambda: digest(path.read_bytes()), "hash", src, status.st_size, status.st_mtime_ns)


def _converted(content: Path, convert, src: str) -> list[Variant] | bytes | None:
    """What `convert` makes of the picture `src`; None, with a warning, when it cannot (the check's verdict reads
    headers only: a rare file passes it that the decoder refuses)."""
    try:
        return convert((content / src).read_bytes())
    except Exception as error:  # Pillow raises many kinds; the page goes without its picture
        logger.warning("content/%s: this picture cannot be converted (%s); it is left out", src, error)
        return None


def pictures_of(settings: dict) -> Pictures | None:
    """This build's pictures, once its contributions are known."""
    return settings.get(PICTURES)
