"""A contribution's page as the site will publish it, before it is sent: the site's own Pelican, theme and
plugins build a content folder holding only this file, the site's places and its parent's index, in a
process of its own with a time limit; the page's <main> is shown by the bridge, under its strict CSP.

The resized pictures are left out (their plugin is the slow part, and the bridge shows the uploaded picture
itself): a preview takes about 4 s on the sample site, and it is rate-limited like sending.

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

TIMEOUT = 60.0
LEFT_OUT = ("pictures",)
REMOVED_ELEMENTS = ("script", "style", "link", "iframe", "object", "embed", "form", "source", "noscript")
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
    places = site_content / "places"
    if places.is_dir():
        shutil.copytree(places, folder / "places", ignore=shutil.ignore_patterns("*.jpg", "*.png", "*.webp"))
    relative = PurePosixPath(main_file).relative_to(content)
    parent_index = site_content / relative.parent / "index.md"
    if relative.parts[0] in ("playlists", "stories") and parent_index.is_file():
        (folder / relative.parent).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(parent_index, folder / relative.parent / "index.md")
    for path, data in files.items():
        target = folder / PurePosixPath(path).relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


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
    for element in list(main.iter()):
        for name in [name for name in element.attrib if name.startswith("on") or name in ("srcset", "style")]:
            del element.attrib[name]
        if element.tag == "a":
            element.attrib.pop("href", None)
        if element.tag == "img":
            source = element.get("src", "")
            served = next((address for path, address in pictures.items() if source.endswith(path)), None)
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
    base = read_settings(settings_file)
    settings = read_settings(
        settings_file,
        override={
            "PATH": str(Path(root, "content")),
            "OUTPUT_PATH": str(Path(root, "output")),
            "CACHE_PATH": str(Path(root, "cache")),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "PAGE_PATHS": [],
            "PLUGINS": [name for name in base["PLUGINS"] if name not in LEFT_OUT],
        },
    )
    Pelican(settings).run()


if __name__ == "__main__":
    _build(*sys.argv[1:3])
