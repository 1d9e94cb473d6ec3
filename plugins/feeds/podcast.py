"""A story collection with recordings as a podcast: RSS with enclosures and iTunes tags (feedgen's
podcast extension), so people follow it in their podcast app."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from feedgen.feed import FeedGenerator

from .news import EPOCH


def podcast(collection, stories: list, absolute, language: str, site_name: str, image: str | None, dates,
            content: Path) -> bytes:
    """`stories`: those with audio, oldest first (episode numbers follow); `dates(story)` gives when each was added."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    newest = max((dates(story) for story in stories), default=EPOCH)
    feed.id(absolute(collection.url))
    feed.title(collection.title)
    feed.link(href=absolute(collection.url), rel="alternate")
    feed.description(collection.data.theme or collection.title)
    feed.language(language)
    feed.lastBuildDate(newest)
    feed.generator("kiosque")
    feed.podcast.itunes_author(site_name)
    feed.podcast.itunes_summary(collection.data.theme or collection.title)
    feed.podcast.itunes_explicit("no")
    feed.podcast.itunes_category("Society & Culture")
    if image:
        feed.podcast.itunes_image(image)
    for number, story in enumerate(stories, start=1):
        data, audio = story.data, story.data.audio
        entry = feed.add_entry(order="append")
        entry.id(absolute(story.url))
        entry.guid(absolute(story.url), permalink=True)
        entry.title(story.title)
        entry.link(href=absolute(story.url))
        entry.description(story.plain_text)
        entry.published(dates(story))
        source = audio.src if "://" in audio.src else absolute(audio.src)
        size, kind = audio.size, audio.type or mimetypes.guess_type(audio.src)[0] or "audio/mpeg"
        if size is None and "://" not in audio.src and (content / audio.src).is_file():
            size = (content / audio.src).stat().st_size  # a local file says its own size
        entry.enclosure(source, str(size or 0), kind)
        if audio.duration:
            seconds = int(audio.duration.total_seconds())
            entry.podcast.itunes_duration(f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}")
        entry.podcast.itunes_episode(number)
        if not data.anonymous and data.teller:
            entry.podcast.itunes_author(data.teller)
    return feed.rss_str(pretty=True)

