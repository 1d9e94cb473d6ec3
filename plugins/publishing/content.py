"""Pelican content types for contributions: each kind gets its own URL setting and template."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from pelican.contents import Content

from contributions import Contribution
from publishing.build import site_of

# Setting names follow Pelican's ARTICLE_URL / ARTICLE_SAVE_AS: EVENT_URL, STORY_COLLECTION_SAVE_AS, ...
URL_DEFAULTS = {
    "event": "agenda/{slug}/",
    "place": "places/{slug}/",
    "playlist": "playlists/{slug}/",
    "track": "playlists/{parent}/{slug}/",
    "story_collection": "stories/{slug}/",
    "story": "stories/{parent}/{slug}/",
}


def url_settings() -> dict[str, str]:
    """Default URL and SAVE_AS settings for every kind (a site may override any of them)."""
    settings = {}
    for kind, url in URL_DEFAULTS.items():
        for prefix in (kind.upper(), f"{kind.upper()}_LANG"):  # Pelican's *_LANG_* for other languages
            settings[f"{prefix}_URL"] = url
            settings[f"{prefix}_SAVE_AS"] = url + "index.html"
    return settings


class ContributionContent(Content):
    """A published contribution. Its validated fields are `.data`, its kind `.kind`; the rest
    (`.place`, `.tracks`, `.stories`...) is filled in by the generator when it links files together."""

    mandatory_properties = ("title",)
    is_translation = False  # listed under another member of its group (`PublishingGenerator._link_translations`)

    def __init__(self, contribution: Contribution, html: str, settings: dict, context: dict):
        data = contribution.data
        metadata = {
            "title": getattr(data, "title", None) or getattr(data, "name", ""),
            "slug": contribution.slug,
            "parent": contribution.parent or "",
            "lang": getattr(data, "language", None) or site_of(settings).content_language,
        }
        self.kind = contribution.kind.name
        self.default_template = self.kind
        self.data = data
        self.contribution = contribution
        super().__init__(html, metadata, settings, str(contribution.file), context)
        self._addresses: dict[str, str] = {}

    def _expand_settings(self, key: str, klass: str | None = None) -> str:
        """`url` and `save_as`, worked out once: they cannot change after reading, and pages ask for them
        all the time (an event page links to its place, translations, filters): 100,000 times, 5% of a
        10,000-contribution build, when Pelican formats them again at each use."""
        if key not in self._addresses:
            self._addresses[key] = super()._expand_settings(key, klass or self.kind)
        return self._addresses[key]

    def get_relative_source_path(self, source_path=None):
        """Worked out once: Pelican asks four times per contribution, each time through the file system's
        absolute and relative paths (1,000 calls cost 0.1 s)."""
        if source_path is not None:
            return super().get_relative_source_path(source_path)
        if "_relative_source_path" not in self.__dict__:
            self._relative_source_path = (
                _under(self.source_path, self.settings["PATH"]) or super().get_relative_source_path()
            )
        return self._relative_source_path

    json_ld_maker: Callable[[], dict] | None = None  # set by the plugin that describes this kind (stories)

    @functools.cached_property
    def json_ld(self) -> dict:
        """The page's JSON-LD, worked out when its page is rendered: a rebuild renders few of them. Places
        and playlists, whose JSON-LD costs little, set it directly."""
        try:
            return self.json_ld_maker()
        except AttributeError as error:  # else Jinja would take it for the attribute missing, and print nothing
            raise RuntimeError(f"working out the JSON-LD of {self.contribution.path}: {error}") from error

    def _update_content(self, content: str, siteurl: str) -> str:
        """No {filename}/{attach} link syntax for contributors: from untrusted text it could move
        another page's files or point to pages that do not exist. Their links stay as written."""
        return content


@functools.lru_cache(maxsize=8)
def _folder_prefix(folder: str) -> str:
    return os.path.join(os.path.abspath(folder), "")


def _under(path: str, folder: str) -> str | None:
    """`path` relative to `folder` (as Pelican writes it) when it is plainly inside, by its text alone:
    os.path.relpath for each of 10,000 files was 0.1 s of a rebuild."""
    prefix = _folder_prefix(folder)
    if not path.startswith(prefix) or os.path.normpath(path) != path:  # elsewhere, or with `..` and the like
        return None
    return path[len(prefix) :].replace(os.sep, "/")
