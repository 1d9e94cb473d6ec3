"""The kinds of contribution: where their files live and which schema reads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from contributions.schemas import event, place, playlist, source, story, story_collection, track
from contributions.schemas.fields import Schema


@dataclass(frozen=True)
class Kind:
    name: str
    schema: type[Schema]
    markdown: bool  # a Markdown file with front matter, else a plain YAML file
    pattern: str  # where contributors put such a file, as shown in the documentation
    example: str
    parent: str | None = None  # the kind of the folder's index (a track's playlist, a story's collection)
    published: bool = True  # False: read and checked, never a page (a partner calendar, for `make import`)

    def __reduce__(self):
        """Pickled by its name: a stored contribution comes back with the one kind (not a copy of it and of
        its example text, half of each of 10,000 pickles)."""
        return kind_named, (self.name,)


def kind_named(name: str) -> Kind:
    return KINDS[name]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("event", event.Event, True, "events/YYYY/<slug>.md", event.EXAMPLE),
        Kind("place", place.Place, False, "places/<slug>.yaml", place.EXAMPLE),
        Kind("playlist", playlist.Playlist, True, "playlists/<playlist>/index.md", playlist.EXAMPLE),
        Kind("track", track.Track, False, "playlists/<playlist>/<slug>.yaml", track.EXAMPLE, parent="playlist"),
        Kind(
            "story_collection",
            story_collection.StoryCollection,
            True,
            "stories/<collection>/index.md",
            story_collection.EXAMPLE,
        ),
        Kind("story", story.Story, True, "stories/<collection>/<slug>.md", story.EXAMPLE, parent="story_collection"),
        Kind("source", source.Source, False, "sources/<slug>.yaml", source.EXAMPLE, published=False),
    )
}

FOLDERS = {
    "events": "expected_event_file",
    "places": "expected_place_file",
    "playlists": "expected_playlist_file",
    "stories": "expected_story_file",
    "sources": "expected_source_file",
}

# Files that may sit among contributions without being one.
_IGNORED_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".mp3", ".ogg", ".opus", ".m4a", ".mp4", ".webm"}
_YAML = {".yaml", ".yml"}


@dataclass(frozen=True)
class Placement:
    """What a file's place under content/ makes of it: a contribution of `kind`; a contribution's file in the
    wrong place, with `misplaced` the message code saying where such files go; or neither (a page, a picture,
    a README: `NOT_A_CONTRIBUTION`)."""

    kind: Kind | None = None
    misplaced: str | None = None

    @property
    def concerns_contributors(self) -> bool:
        """A file that `make check` reads, or tells its author to move."""
        return self.kind is not None or self.misplaced is not None


NOT_A_CONTRIBUTION = Placement()
_MISPLACED = Placement(misplaced="misplaced")  # outside the kinds' folders
_UNEXPECTED = {folder: Placement(misplaced=code) for folder, code in FOLDERS.items()}  # in a folder, not as expected
_OF_KIND = {name: Placement(kind) for name, kind in KINDS.items()}


def classify(relative: PurePosixPath, other_folders: tuple[str, ...] = ()) -> Placement:
    """What a file under content/ is, from its path relative to content/; `other_folders` (pages,
    pictures) hold no contribution."""
    parts = relative.parts
    if not parts or parts[0] in other_folders or parts[-1].startswith("."):
        return NOT_A_CONTRIBUTION
    if parts[0] not in FOLDERS or len(parts) < 2:
        return _MISPLACED if relative.suffix.lower() in {".md", *_YAML} else NOT_A_CONTRIBUTION
    name = parts[-1]
    if name.startswith(".") or name.upper().startswith("README") or relative.suffix.lower() in _IGNORED_SUFFIXES:
        return NOT_A_CONTRIBUTION
    suffix = relative.suffix.lower()
    folder = parts[0]
    if folder == "events" and suffix == ".md":
        return _OF_KIND["event"]
    if folder == "places" and len(parts) == 2 and suffix in _YAML:
        return _OF_KIND["place"]
    if folder == "playlists" and len(parts) == 3:
        if name == "index.md":
            return _OF_KIND["playlist"]
        if suffix in _YAML:
            return _OF_KIND["track"]
    if folder == "stories" and len(parts) == 3 and suffix == ".md":
        return _OF_KIND["story_collection"] if name == "index.md" else _OF_KIND["story"]
    if folder == "sources" and len(parts) == 2 and suffix in _YAML:
        return _OF_KIND["source"]
    return _UNEXPECTED[folder]
