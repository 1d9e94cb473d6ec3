"""playlists: collective playlists — the index, exports (XSPF, JSPF, M3U8), links by platform (open
ones first), total duration and contributors, MusicPlaylist JSON-LD. Built on the playlists and
tracks the contributions plugin publishes; the feeds of new tracks are written by the feeds plugin."""

from pelican import signals

from playlists.generator import PlaylistsGenerator
from publishing.build import needs


def _generators(pelican):
    return PlaylistsGenerator


def register() -> None:
    needs("playlists", "publishing")
    signals.get_generators.connect(_generators)
