"""The six kinds of contribution: where their files live and which schema reads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from contributions.schemas import event, place, playlist, story, story_collection, track
from contributions.schemas.fields import Schema


@dataclass(frozen=True)
class Kind:
    name: str
    schema: type[Schema]
    markdown: bool  # a Markdown file with front matter, else a plain YAML file
    pattern: str  # where contributors put such a file, as shown in the documentation
    example: str
    parent: str | None = None  # the kind of the folder's index (a track's playlist, a story's collection)

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
    )
}

FOLDERS = {
    "events": "expected_event_file",
    "places": "expected_place_file",
    "playlists": "expected_playlist_file",
    "stories": "expected_story_file",
}

# Files that may sit among contributions without being one.
_IGNORED_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".mp3", ".ogg", ".opus", ".m4a", ".mp4", ".webm"}
_YAML = {".yaml", ".yml"}


def classify(relative: PurePosixPath, other_folders: tuple[str, ...] = ()) -> Kind | str | None:
    """The kind of a file under content/, a message code when it is misplaced, None when not a contribution
    (pages, pictures: `other_folders`)."""
    parts = relative.parts
    if not parts or parts[0] in other_folders or parts[-1].startswith("."):
        return None
    if parts[0] not in FOLDERS or len(parts) < 2:
        return "misplaced" if relative.suffix.lower() in {".md", *_YAML} else None
    name = parts[-1]
    if name.startswith(".") or name.upper().startswith("README") or relative.suffix.lower() in _IGNORED_SUFFIXES:
        return None
    suffix = relative.suffix.lower()
    folder = parts[0]
    if folder == "events" and suffix == ".md":
        return KINDS["event"]
    if folder == "places" and len(parts) == 2 and suffix in _YAML:
        return KINDS["place"]
    if folder == "playlists" and len(parts) == 3:
        if name == "index.md":
            return KINDS["playlist"]
        if suffix in _YAML:
            return KINDS["track"]
    if folder == "stories" and len(parts) == 3 and suffix == ".md":
        return KINDS["story_collection"] if name == "index.md" else KINDS["story"]
    return FOLDERS[folder]
