"""schema.org Article for a story, as Google reads one (headline, datePublished, author, image), with its
AudioObject / VideoObject and their transcript when recorded.
The page writes it with Jinja's `tojson`, which escapes <, > and & so that no value closes its script."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from publishing.encoding import description_text, media_address
from publishing.structured_data import picture_address

HEADLINE = 110  # characters at most: Google's Article rule; a longer title is cut between two words


def headline(title: str) -> str:
    """The title, cut after the last whole word that fits (and "…"); a word longer than that, within it."""
    cut = textwrap.shorten(title, HEADLINE, placeholder=" …")
    return cut if cut != "…" else title[: HEADLINE - 1] + "…"


def story_json_ld(
    story,
    page_url: str,
    absolute,
    language: str,
    licence_url: str,
    published: dt.datetime | None = None,
    settings: dict | None = None,
) -> dict[str, Any]:
    """`absolute(path)` turns a site path into a full address; `published` is when the story reached the
    site; its picture is its own, else its collection's cover."""
    data = story.data
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": headline(data.title),
        "name": data.title,
        "url": page_url,
        "inLanguage": data.language or language,
        "license": licence_url,
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": story.collection.title,
            "url": absolute(story.collection.url),
        },
        "text": description_text(story),
    }
    if published is not None:
        document["datePublished"] = published.isoformat()
    if image := picture_address(data.image or story.collection.data.cover, absolute, settings):
        document["image"] = [image]
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
