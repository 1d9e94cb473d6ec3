"""pictures: contributors' pictures made light by the build (`variants`: upright, without metadata, in three
widths, WebP and JPEG), and every other picture of content/images stripped of its metadata (`published`).
The original files are never published: Pelican's static generator copies the site's recordings only.
Pages show a picture with the theme's `image` macro, which asks the `light_picture` filter for its copies."""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import StaticGenerator

from contributions import PICTURES as PICTURE_EXTENSIONS
from pictures.published import PICTURES, Pictures, pictures_of
from publishing.build import needs
from publishing.generator import also_shown
from publishing.pelican_files import PICTURE_FILES, PUBLISHED

_STATIC_PICTURES = "_KIOSQUE_STATIC_PICTURES"  # (path under content/, address) of the pictures Pelican found
_FIELDS = ("image", "cover")  # the fields of contributions that hold a picture
_KINDS = ("events", "places", "playlists", "story_collections", "stories")  # as the context lists them


def _is_picture(path: str) -> bool:
    return os.path.splitext(path)[1][1:].lower() in PICTURE_EXTENSIONS


def _take_pictures(generator: StaticGenerator) -> None:
    """Pelican copies no picture of content/: they are published by `_publish`, once converted."""
    pictures = [static for static in generator.staticfiles if _is_picture(static.source_path)]
    generator.settings[_STATIC_PICTURES] = [
        (os.path.relpath(static.source_path, generator.path).replace(os.sep, "/"), static.save_as)
        for static in pictures
    ]
    generator.staticfiles = [static for static in generator.staticfiles if not _is_picture(static.source_path)]
    generator.context["staticfiles"] = [
        static for static in generator.context["staticfiles"] if not _is_picture(static.source_path)
    ]


def _publish(generators) -> None:
    """Once every contribution is known, before any page is written: the light copies of the contributions'
    pictures, and a stripped copy of every other picture at its own address (for the site's own pages)."""
    settings = generators[0].settings
    context = generators[0].context
    pictures = settings[PICTURES] = Pictures(settings)
    shown = set()
    for name in _KINDS:
        for item in context.get(name, ()):
            for field in _FIELDS:
                picture = getattr(item.data, field, None)
                if picture is not None:  # always a file of the site (`schemas.fields`: no web address)
                    shown.add(picture.src)
    settings[PICTURE_FILES] = files = {}
    pictures.prepare(sorted(shown))
    for src in sorted(shown):
        light = pictures.of(src)
        files[src] = light.largest.path if light is not None else None
    linked = {os.path.normpath(link).replace(os.sep, "/") for link in context.get("static_links", ())}
    for src, save_as in settings.get(_STATIC_PICTURES, ()):
        if settings.get(PUBLISHED, {}).get(src, True) and (src not in shown or src in linked):
            pictures.strip(src, save_as)
    pictures.save()


def _copies_shown(settings: dict, item) -> str:
    """The light copies a contribution's page names (its own picture; a story's JSON-LD its collection's cover):
    their names follow the pictures' bytes, so a page kept from the last build is made again when one changes."""
    files = settings.get(PICTURE_FILES, {})
    shown = (item, getattr(item, "collection", None))
    pictures = (getattr(other.data, field, None) for other in shown if other is not None for field in _FIELDS)
    return " ".join(str(files.get(picture.src)) for picture in pictures if picture is not None)


def _install(generator) -> None:
    def light_picture(picture):
        """The light copies of a contribution's picture (`published.Shown`), None when it is not published."""
        pictures = pictures_of(generator.settings)
        return pictures.of(picture.src) if pictures is not None and picture is not None else None

    if hasattr(generator, "env"):
        generator.env.filters["light_picture"] = light_picture


def register() -> None:
    needs("pictures", "publishing")
    also_shown(_copies_shown)
    signals.generator_init.connect(_install)
    signals.static_generator_finalized.connect(_take_pictures)
    signals.all_generators_finalized.connect(_publish)
