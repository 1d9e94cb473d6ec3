"""Pelican's generators read and copy only what `make check` accepts under content/.

Pelican walks its folders following links (`os.walk(..., followlinks=True)` in `Generator.get_files`)
and copies whatever the static folders hold, or whatever a page links with `{static}`. As each generator
is made (`generator_init`), kiosque gives it a `get_files` that walks with `content_walk`: a link is
never entered, read or copied. The static generator also keeps only the files `static_files` accepts:
genuine pictures and recordings of its folders. `collect.harvest` gives `make check` and the build's
warnings the reason for each file left out; a `{static}` link of a page to a file outside the static
folders is left out with a warning here.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import types

from pelican.generators import StaticGenerator

from contributions import judge, linked_part, messages, walk
from publishing.build import site_of

logger = logging.getLogger(__name__)
PUBLISHED = "_KIOSQUE_PUBLISHED_STATIC"  # this build's verdicts, kept in its settings like the sweep's record
PICTURE_FILES = "_KIOSQUE_PICTURE_FILES"  # a contribution's picture -> its largest light copy (`pictures`), or None


def remember(settings: dict, published: dict[str, bool]) -> None:
    """The verdicts `collect.harvest` gave (path under content/ -> published?): the static generator,
    which runs last, asks them instead of opening every picture and recording again."""
    settings[PUBLISHED] = published


def _published(generator, relative: str) -> bool:
    known = generator.settings.get(PUBLISHED, {}).get(relative.replace(os.sep, "/"))
    if known is None:
        return judge(os.path.join(generator.path, relative), site_of(generator.settings).picture_max_bytes) is None
    return known


def guard(generator) -> None:
    """At each generator's start: its files are found without following links (and, for the static
    generator, only genuine pictures and recordings are kept)."""
    generator.get_files = types.MethodType(_get_files, generator)
    if isinstance(generator, StaticGenerator):
        generate_context = generator.generate_context

        def generate_context_without_unsafe_links():
            _keep_safe_links(generator)
            generate_context()

        generator.generate_context = generate_context_without_unsafe_links


def _get_files(self, paths, exclude: list[str] | None = None, extensions=None) -> set[str]:
    """Pelican's `Generator.get_files` (4.x: same arguments, same answer), links never followed."""
    if isinstance(paths, str):
        paths = [paths]
    excluded: dict[str, set[str]] = {}  # the excluded folders by the folder holding them, as Pelican does
    for path in exclude or []:
        parent, name = os.path.split(os.path.join(self.path, path))
        excluded.setdefault(parent, set()).add(name)
    ignores = self.settings["IGNORE_FILES"]
    files = set()
    for path in paths:
        root = os.path.join(self.path, path) if path else self.path
        if path and linked_part(self.path, path):
            continue  # the folder itself is a link: `collect` reports it
        if os.path.isdir(root):
            for folder, directories, names, _links in walk(root):
                skipped = excluded.get(folder, ())
                directories[:] = [
                    name
                    for name in directories
                    if name not in skipped and not any(fnmatch.fnmatch(name, ignore) for ignore in ignores)
                ]
                relative_folder = os.path.relpath(folder, self.path)
                for name in names:
                    relative = os.path.join(relative_folder, name)
                    if self._include_path(relative, extensions):
                        files.add(relative)
        elif os.path.isfile(root) and self._include_path(path, extensions):
            files.add(path)
    if isinstance(self, StaticGenerator):
        files = {path for path in files if _published(self, path)}
    return files


def _keep_safe_links(generator: StaticGenerator) -> None:
    """A page's `{static}` links are copied as they are by Pelican: only those to an accepted file of the
    static folders, reached without a link, are kept."""
    folders = [os.path.normpath(folder) for folder in generator.settings["STATIC_PATHS"]]
    links = generator.context["static_links"]
    for link in sorted(links):
        relative = os.path.normpath(link)
        inside = any(relative == folder or relative.startswith(folder + os.sep) for folder in folders)
        if (
            inside
            and not relative.startswith(os.pardir)
            and not linked_part(generator.path, relative)
            and _published(generator, relative)
        ):
            continue
        links.discard(link)
        if not inside:
            site = site_of(generator.settings)
            shown = ", content/".join(f"{folder}/" for folder in site.static_folders)
            logger.warning("%s", messages.render("media_outside", site.language, found=link, folders=shown))
