"""A contribution's page as the site will publish it, before it is sent: the site's own Pelican, theme and
plugins build a content folder holding only this file, the site's places and its parent's index, in a
process of its own with a time limit; the page's <main> is shown by the bridge, under its strict CSP.

A preview takes 3 to 5 s on the sample site (most of it the share pictures), and it is rate-limited like
sending. The uploaded picture is shown as the bridge serves it from the draft; the other pictures and the
links are left out (they would point at the site, not at the bridge).

python -m bridge.preview <settings file> <folder>      (what `render` runs)
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

from lxml import html

from contributions import SourceError, read_source

TIMEOUT = 60.0
MAX_BYTES = 1_000_000
REMOVED_ELEMENTS = ("script", "style", "link", "iframe", "object", "embed", "form", "noscript")
logger = logging.getLogger("kiosque.bridge")


def render(
    settings_file: Path,
    repository: Path,
    site_content: Path,
    files: dict[str, bytes],
    main_file: str,
    content: PurePosixPath,
    scratch: Path,
    pictures: dict[str, str],
) -> str | None:
    """The <main> of the page of `main_file` (repository-relative, one of `files`), as HTML text, or None
    when the build fails. `pictures` maps a picture's path under content/ to the address the bridge serves
    it at; other pictures and links are shown without their targets."""
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="preview-", dir=scratch) as folder:
        root = Path(folder)
        _lay_out(root / "content", site_content, files, main_file, content)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bridge.preview", str(settings_file), str(root)],
                cwd=repository,
                env={**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)},
                capture_output=True,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            logger.warning("a preview took longer than %s s", TIMEOUT)
            return None
        if done.returncode != 0:
            logger.warning("a preview could not be built: %s", done.stderr.decode(errors="replace")[-2000:])
            return None
        page = _page(root / "output", PurePosixPath(main_file).stem)
        return _main_of(page, pictures) if page else None


def _lay_out(folder: Path, site_content: Path, files: dict[str, bytes], main_file: str, content: PurePosixPath):
    """The content folder of a preview: the file, the site's places, the parent's index and the pictures they
    show (a correction keeps the event's picture from main: without it, make check would leave the page out)."""
    relative = PurePosixPath(main_file).relative_to(content)
    kept = [path.relative_to(site_content) for path in sorted((site_content / "places").glob("*.y*ml"))]
    if relative.parts[0] in ("playlists", "stories") and (site_content / relative.parent / "index.md").is_file():
        kept.append(relative.parent / "index.md")
    for path in kept:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site_content / path, target)
    for path, data in files.items():
        target = folder / PurePosixPath(path).relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path in [*kept, relative]:
        for source in _sources(_fields_of(folder / path)):
            picture = (site_content / source).resolve()
            if not (folder / source).exists() and picture.is_relative_to(site_content.resolve()) and picture.is_file():
                (folder / source).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(picture, folder / source)


def _fields_of(path: Path) -> dict:
    try:
        return read_source(path.read_bytes(), path.suffix == ".md", MAX_BYTES).data
    except (OSError, SourceError):
        return {}


def _sources(value) -> list[str]:
    """The `src` of the pictures a file names (a playlist's cover, a place's photo)."""
    if isinstance(value, dict):
        own = [value["src"]] if isinstance(value.get("src"), str) and "://" not in value["src"] else []
        return own + [source for item in value.values() for source in _sources(item)]
    if isinstance(value, list):
        return [source for item in value for source in _sources(item)]
    return []


def _page(output: Path, slug: str) -> Path | None:
    found = [
        path
        for path in output.glob(f"**/{slug}/index.html")
        if path.relative_to(output).parts[0] not in ("share", "embed")
    ]
    return min(found, key=lambda path: len(path.parts)) if found else None


def _main_of(page: Path, pictures: dict[str, str]) -> str | None:
    tree = html.fromstring(page.read_bytes())
    main = tree.find(".//main")
    if main is None:
        return None
    for element in list(main.iter(*REMOVED_ELEMENTS)):
        element.drop_tree()
    for element in list(main.iter("source")):  # libxml2 reads what follows this void element as inside it
        element.drop_tag()
    for element in list(main.iter()):
        for name in [name for name in element.attrib if name.startswith("on") or name in ("srcset", "style")]:
            del element.attrib[name]
        if element.tag == "a":
            element.attrib.pop("href", None)
        if element.tag == "img":
            source = element.get("src", "")
            name = PurePosixPath(source).name  # the picture, or a size of it that the pictures plugin made
            served = next(
                (address for path, address in pictures.items() if name.startswith(PurePosixPath(path).stem + ".")),
                None,
            )
            if served:
                element.set("src", served)
            else:
                element.drop_tree()
    main.tag, main.attrib["class"] = "div", "preview-page"
    main.attrib.pop("id", None)
    main.attrib.pop("tabindex", None)
    return html.tostring(main, encoding="unicode")


def _build(settings_file: str, root: str) -> None:
    """Build `root`/content into `root`/output with the site's settings (in this process of its own)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    logging.disable(logging.WARNING)
    settings = read_settings(
        settings_file,
        override={
            "PATH": str(Path(root, "content")),
            "OUTPUT_PATH": str(Path(root, "output")),
            "CACHE_PATH": str(Path(root, "cache")),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "PAGE_PATHS": [],
        },
    )
    Pelican(settings).run()


if __name__ == "__main__":
    _build(*sys.argv[1:3])
