"""schema.org CreativeWork for a story (AudioObject / VideoObject with its transcript when recorded).
The page writes it with Jinja's `tojson`, which escapes <, > and & so that no value closes its script."""

from __future__ import annotations

from typing import Any

from feeds.encoding import description_text, media_address


def story_json_ld(story, page_url: str, absolute, language: str, licence_url: str) -> dict[str, Any]:
    """`absolute(path)` turns a site path into a full address."""
    data = story.data
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": data.title,
        "url": page_url,
        "inLanguage": data.language or language,
        "license": licence_url,
        "isPartOf": {"@type": "CreativeWorkSeries", "name": story.collection.title, "url": absolute(story.collection.url)},
        "text": description_text(story),
    }
    if not data.anonymous and data.teller:
        document["author"] = {"@type": "Person", "name": data.teller}
    place = getattr(story, "place", None)
    if place is not None:
        document["contentLocation"] = {"@type": "Place", "name": place.title, "url": absolute(place.url)}
    elif data.place:
        document["contentLocation"] = {"@type": "Place", "name": data.place}
    if data.period:
        document["temporalCoverage"] = data.period
    for name, kind in (("audio", "AudioObject"), ("video", "VideoObject")):
        recording = getattr(data, name)
        address = media_address(recording.src, absolute) if recording is not None else None
        if address is not None:  # built from the validated path only, percent-encoded
            media = {"@type": kind, "contentUrl": address, "transcript": data.transcript or ""}
            if recording.duration:
                seconds = int(recording.duration.total_seconds())
                media["duration"] = f"PT{seconds // 60}M{seconds % 60}S"
            if recording.type:
                media["encodingFormat"] = recording.type
            document[name] = media
    return document
