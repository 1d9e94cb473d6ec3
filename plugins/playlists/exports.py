"""A playlist for other players: M3U8 (VLC, mpv and most players), XSPF (the same with the album, the
note and every platform link: VLC, and Rhythmbox and GNOME Videos through totem-pl-parser) and JSPF (XSPF
in JSON, with who added each track and when as ListenBrainz writes it).

Every track that can be heard somewhere is in every format, under one address a player opens: its audio
file, else its best platform link (open platforms first, `platforms.ordered_links`). One address, never a
list: totem-pl-parser and VLC keep the last <location> of an XSPF track, not the first. XSPF and JSPF
also name the recording by each of its platform links (`identifier`), and give its page here (`info`).

Each format is encoded for itself, whatever a contributor wrote: XSPF holds only characters XML can hold;
M3U8 is one entry per line, so every value written there is one line without control characters, and a
track's address is an http(s) address percent-encoded where needed (`web_address`) or no entry at all."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from publishing.encoding import description_text, json_bytes, one_line, web_address, xml_safe

XSPF = "http://xspf.org/ns/0/"
TRACK_EXTENSION = "https://musicbrainz.org/doc/jspf#track"  # ListenBrainz' key for a track's added_by, added_at


def _location(track) -> str | None:
    """The one address a player opens for `track`: its audio file, else its best platform link."""
    return web_address(track.data.audio) or next((link.url for link in track.links), None)


def _identifiers(track) -> list[str]:
    """The track's platform links (open platforms first): each names the recording where it is published."""
    return [link.url for link in track.links]


def _milliseconds(duration) -> int | None:
    return int(duration.total_seconds() * 1000) if duration else None


def _added_at(day: dt.date) -> str:
    """The day a track was added as the date-time ListenBrainz writes (UTC midnight, as the feeds say it)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).isoformat()


def _add(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{XSPF}}}{name}").text = xml_safe(text)


def xspf(playlist, tracks, absolute) -> bytes:
    ET.register_namespace("", XSPF)
    root = ET.Element(f"{{{XSPF}}}playlist", version="1")
    _add(root, "title", one_line(playlist.title))
    if playlist.data.curators:
        _add(root, "creator", one_line(", ".join(playlist.data.curators)))
    _add(root, "annotation", description_text(playlist))
    _add(root, "info", absolute(playlist.url))
    listing = ET.SubElement(root, f"{{{XSPF}}}trackList")
    for track in tracks:
        data = track.data
        element = ET.SubElement(listing, f"{{{XSPF}}}track")
        if address := _location(track):
            _add(element, "location", address)
        for identifier in _identifiers(track):
            _add(element, "identifier", identifier)
        _add(element, "title", one_line(data.title))
        _add(element, "creator", one_line(data.artist))
        _add(element, "annotation", f"{one_line(data.added_by)} : {track.note_text}")
        _add(element, "info", absolute(track.url))
        if data.album:
            _add(element, "album", one_line(data.album))
        if data.duration:
            _add(element, "duration", str(_milliseconds(data.duration)))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def jspf(playlist, tracks, absolute) -> bytes:
    """JSPF's arrays where it has them (a track's `location` and `identifier`); the track's extension is
    an object under ListenBrainz' key, as ListenBrainz writes and reads it."""
    items = []
    for track in tracks:
        data = track.data
        item = {
            "title": one_line(data.title),
            "creator": one_line(data.artist),
            "annotation": track.note_text,
            "info": absolute(track.url),
            "extension": {TRACK_EXTENSION: {"added_by": one_line(data.added_by), "added_at": _added_at(data.added)}},
        }
        if address := _location(track):
            item["location"] = [address]
        if found := _identifiers(track):
            item["identifier"] = found
        if data.album:
            item["album"] = one_line(data.album)
        if data.duration:
            item["duration"] = _milliseconds(data.duration)
        items.append(item)
    document = {
        "playlist": {
            "title": one_line(playlist.title),
            "creator": one_line(", ".join(playlist.data.curators)),
            "annotation": description_text(playlist),
            "identifier": absolute(playlist.url),
            "track": items,
        }
    }
    return json_bytes(document)


def m3u8(playlist, tracks) -> bytes:
    """One #EXTINF line and one address line per track that can be heard somewhere (its audio file, else
    its platform link, which VLC and mpv open): nothing a contributor wrote can start another line."""
    lines = ["#EXTM3U", f"#PLAYLIST:{one_line(playlist.title)}"]
    for track in tracks:
        data = track.data
        address = _location(track)
        if address is None:
            continue
        seconds = int(data.duration.total_seconds()) if data.duration else -1
        lines += [f"#EXTINF:{seconds},{one_line(data.artist)} - {one_line(data.title)}", address]
    return ("\n".join(lines) + "\n").encode("utf-8")
