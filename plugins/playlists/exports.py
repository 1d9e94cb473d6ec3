"""A playlist for other players: XSPF (xml.etree), JSPF (JSON, with who added each track and when, as
ListenBrainz does) and M3U8 (for the tracks with an audio file).

Each format is encoded for itself, whatever a contributor wrote: XSPF holds only characters XML can hold;
M3U8 is one entry per line, so every value written there is one line without control characters, and a
track's address is an http(s) address percent-encoded where needed (`web_address`) or no entry at all."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.encoding import description_text, json_bytes, one_line, web_address, xml_safe

XSPF = "http://xspf.org/ns/0/"
ADDED_BY = "https://musicbrainz.org/doc/jspf#playlist"  # ListenBrainz' JSPF extension key


def _milliseconds(duration) -> int | None:
    return int(duration.total_seconds() * 1000) if duration else None


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
        if address := web_address(data.audio):
            _add(element, "location", address)
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
    items = []
    for track in tracks:
        data = track.data
        item = {
            "title": one_line(data.title), "creator": one_line(data.artist), "annotation": track.note_text,
            "info": absolute(track.url),
            "extension": {ADDED_BY: {"added_by": one_line(data.added_by), "added_at": data.added.isoformat()}},
        }
        if address := web_address(data.audio):
            item["location"] = [address]
        if data.album:
            item["album"] = one_line(data.album)
        if data.duration:
            item["duration"] = _milliseconds(data.duration)
        items.append(item)
    document = {"playlist": {
        "title": one_line(playlist.title), "creator": one_line(", ".join(playlist.data.curators)),
        "annotation": description_text(playlist), "identifier": absolute(playlist.url), "track": items,
    }}
    return json_bytes(document)


def m3u8(playlist, tracks) -> bytes:
    """One #EXTINF line and one address line per track that has an audio file: nothing a contributor
    wrote can start another line."""
    lines = ["#EXTM3U", f"#PLAYLIST:{one_line(playlist.title)}"]
    for track in tracks:
        data = track.data
        address = web_address(data.audio)
        if address is None:
            continue
        seconds = int(data.duration.total_seconds()) if data.duration else -1
        lines += [f"#EXTINF:{seconds},{one_line(data.artist)} - {one_line(data.title)}", address]
    return ("\n".join(lines) + "\n").encode("utf-8")
