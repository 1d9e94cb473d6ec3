"""A playlist for other players: XSPF (xml.etree), JSPF (JSON, with who added each track and when, as
ListenBrainz does) and M3U8 (for the tracks with an audio file)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

XSPF = "http://xspf.org/ns/0/"
ADDED_BY = "https://musicbrainz.org/doc/jspf#playlist"  # ListenBrainz' JSPF extension key


def _milliseconds(duration) -> int | None:
    return int(duration.total_seconds() * 1000) if duration else None


def xspf(playlist, tracks, absolute) -> bytes:
    ET.register_namespace("", XSPF)
    root = ET.Element(f"{{{XSPF}}}playlist", version="1")
    ET.SubElement(root, f"{{{XSPF}}}title").text = playlist.title
    if playlist.data.curators:
        ET.SubElement(root, f"{{{XSPF}}}creator").text = ", ".join(playlist.data.curators)
    ET.SubElement(root, f"{{{XSPF}}}annotation").text = playlist.plain_text
    ET.SubElement(root, f"{{{XSPF}}}info").text = absolute(playlist.url)
    listing = ET.SubElement(root, f"{{{XSPF}}}trackList")
    for track in tracks:
        data = track.data
        element = ET.SubElement(listing, f"{{{XSPF}}}track")
        if data.audio:
            ET.SubElement(element, f"{{{XSPF}}}location").text = data.audio
        ET.SubElement(element, f"{{{XSPF}}}title").text = data.title
        ET.SubElement(element, f"{{{XSPF}}}creator").text = data.artist
        ET.SubElement(element, f"{{{XSPF}}}annotation").text = f"{data.added_by} : {track.note_text}"
        ET.SubElement(element, f"{{{XSPF}}}info").text = absolute(track.url)
        if data.album:
            ET.SubElement(element, f"{{{XSPF}}}album").text = data.album
        if data.duration:
            ET.SubElement(element, f"{{{XSPF}}}duration").text = str(_milliseconds(data.duration))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def jspf(playlist, tracks, absolute) -> bytes:
    items = []
    for track in tracks:
        data = track.data
        item = {
            "title": data.title, "creator": data.artist, "annotation": track.note_text, "info": absolute(track.url),
            "extension": {ADDED_BY: {"added_by": data.added_by, "added_at": data.added.isoformat()}},
        }
        if data.audio:
            item["location"] = [data.audio]
        if data.album:
            item["album"] = data.album
        if data.duration:
            item["duration"] = _milliseconds(data.duration)
        items.append(item)
    document = {"playlist": {
        "title": playlist.title, "creator": ", ".join(playlist.data.curators), "annotation": playlist.plain_text,
        "identifier": absolute(playlist.url), "track": items,
    }}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def m3u8(playlist, tracks) -> bytes:
    lines = ["#EXTM3U", f"#PLAYLIST:{playlist.title}"]
    for track in tracks:
        data = track.data
        if not data.audio:
            continue
        seconds = int(data.duration.total_seconds()) if data.duration else -1
        lines += [f"#EXTINF:{seconds},{data.artist} - {data.title}", data.audio]
    return ("\n".join(lines) + "\n").encode()
