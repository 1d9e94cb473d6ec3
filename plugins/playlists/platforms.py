"""Where a track can be heard: the platform of a link, and whether it is an open one (listed first)."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from publishing.encoding import web_address

# (host ending or path marker, name, open platform); checked in order
PLATFORMS = (
    ("archive.org", "Internet Archive", True),
    ("bandcamp.com", "Bandcamp", True),
    ("/library/tracks/", "Funkwhale", True),
    ("/library/albums/", "Funkwhale", True),
    ("/w/", "PeerTube", True),
    ("/videos/watch/", "PeerTube", True),
    ("freemusicarchive.org", "Free Music Archive", True),
    ("jamendo.com", "Jamendo", True),
    ("youtube.com", "YouTube", False),
    ("youtu.be", "YouTube", False),
    ("soundcloud.com", "SoundCloud", False),
    ("spotify.com", "Spotify", False),
    ("deezer.com", "Deezer", False),
    ("music.apple.com", "Apple Music", False),
)


def platform_of(url: str) -> tuple[str, bool]:
    """(name, open) of the platform a link points to; an unknown site counts as open, named by its host."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    for marker, name, is_open in PLATFORMS:
        if (
            marker.startswith("/")
            and parts.path.startswith(marker)
            or not marker.startswith("/")
            and (host == marker or host.endswith("." + marker))
        ):
            return name, is_open
    return host, True


class TrackLink(NamedTuple):
    """A track's link as pages and exports give it: its address as it can go into an attribute
    (`web_address`), its label (the contributor's, else the platform's name), and whether the platform is open."""

    url: str
    label: str
    is_open: bool


def ordered_links(links) -> list[TrackLink]:
    """Each http(s) link, open platforms first, in the contributor's order otherwise."""
    labelled = []
    for link in links:
        url = web_address(link.url)
        if url is None:
            continue
        name, is_open = platform_of(url)
        labelled.append(TrackLink(url, link.label or name, is_open))
    return sorted(labelled, key=lambda item: not item.is_open)
