"""The playlists generator: exports next to each playlist page, the /playlists/ index, and what the
pages show (total duration, contributors, links by platform, MusicPlaylist JSON-LD)."""

from __future__ import annotations

import datetime as dt

from pelican.generators import Generator

from contributions import MarkdownRenderer
from playlists.exports import jspf, m3u8, xspf
from playlists.platforms import ordered_links
from publishing.addresses import address_maker, feed_address_maker
from publishing.encoding import text_of
from speed.output_record import output_record

LATEST = 10  # tracks shown as "latest additions" on the index


def _iso_duration(duration: dt.timedelta) -> str:
    """schema.org's duration, in minutes and seconds: PT3M25S."""
    minutes, seconds = divmod(int(duration.total_seconds()), 60)
    return f"PT{minutes}M{seconds}S"


def music_playlist(playlist, absolute) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "MusicPlaylist",
        "name": playlist.title,
        "url": absolute(playlist.url),
        "numTracks": len(playlist.tracks),
        "track": [
            {
                "@type": "MusicRecording",
                "name": t.data.title,
                "byArtist": {"@type": "MusicGroup", "name": t.data.artist},
                "url": absolute(t.url),
                **({"inAlbum": {"@type": "MusicAlbum", "name": t.data.album}} if t.data.album else {}),
                **({"duration": _iso_duration(t.data.duration)} if t.data.duration else {}),
            }
            for t in playlist.tracks
        ],
    }


class PlaylistsGenerator(Generator):
    def generate_context(self):
        self.absolute = address_maker(self.settings)
        markdown = MarkdownRenderer()
        for playlist in self.context.get("playlists", []):
            playlist.total_duration = sum((t.data.duration for t in playlist.tracks if t.data.duration), dt.timedelta())
            playlist.contributors = sorted({t.data.added_by for t in playlist.tracks})
            playlist.json_ld = music_playlist(playlist, self.absolute)
            for track in playlist.tracks:
                track.links = ordered_links(track.data.links)
                # exports and feeds want the note's text as its page shows it: the Markdown rendered and
                # sanitized, then read as text (a note's "&lt;b&gt;" is the text "<b>", its "<script>" nothing)
                track.note_text = text_of(markdown(track.data.note))
        tracks = self.context.get("tracks", [])
        self.context["latest_tracks"] = sorted(tracks, key=lambda t: (t.data.added, t.slug), reverse=True)[:LATEST]

    def generate_output(self, writer):
        writer.write_file(
            "playlists/index.html",
            self.get_template("playlists_index"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="playlists/",
        )
        full = feed_address_maker(self.settings)  # a player resolves no address against a page: whole ones
        for playlist in self.context.get("playlists", []):
            stem = f"playlists/{playlist.slug}"
            for suffix, content in (
                (".xspf", xspf(playlist, playlist.tracks, full)),
                (".jspf", jspf(playlist, playlist.tracks, full)),
                (".m3u8", m3u8(playlist, playlist.tracks)),
            ):
                output_record(self.settings).write(stem + suffix, content)
