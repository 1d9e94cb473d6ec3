"""A story collection with recordings as a podcast: RSS with enclosures and iTunes tags (feedgen's
podcast extension), so people follow it in their podcast app. Podcast apps read an episode's
description as HTML: the story's text goes there escaped; the other strings are plain text, on one line,
and an enclosure's address is built from the recording's validated path (`media_address`)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from feedgen.feed import FeedGenerator

from .encoding import description_text, html_of, media_address, one_line, site_file, xml_safe
from .news import EPOCH


def podcast(collection, stories: list, absolute, language: str, site_name: str, image: str | None, dates,
            content: Path) -> bytes:
    """`stories`: those with audio, oldest first (episode numbers follow); `dates(story)` gives when each was added."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    newest = max((dates(story) for story in stories), default=EPOCH)
    summary = one_line(collection.data.theme or collection.title)
    feed.id(absolute(collection.url))
    feed.title(one_line(collection.title))
    feed.link(href=absolute(collection.url), rel="alternate")
    feed.description(summary)
    feed.language(language)
    feed.lastBuildDate(newest)
    feed.generator("kiosque")
    feed.podcast.itunes_author(one_line(site_name))
    feed.podcast.itunes_summary(summary)
    feed.podcast.itunes_explicit("no")
    feed.podcast.itunes_category("Society & Culture")
    if image:
        feed.podcast.itunes_image(image)
    number = 0
    for story in stories:
        data, audio = story.data, story.data.audio
        source = media_address(audio.src, absolute)
        if source is None:  # nothing a podcast app could fetch: no episode
            continue
        number += 1
        entry = feed.add_entry(order="append")
        entry.id(absolute(story.url))
        entry.guid(absolute(story.url), permalink=True)
        entry.title(one_line(story.title))
        entry.link(href=absolute(story.url))
        entry.description(xml_safe(html_of(description_text(story))))
        entry.published(dates(story))
        size, kind = audio.size, audio.type or mimetypes.guess_type(audio.src)[0] or "audio/mpeg"
        if size is None and site_file(audio.src) is not None and (content / audio.src).is_file():
            size = (content / audio.src).stat().st_size  # a local file says its own size
        entry.enclosure(source, str(size or 0), one_line(kind))
        if audio.duration:
            seconds = int(audio.duration.total_seconds())
            entry.podcast.itunes_duration(f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}")
        entry.podcast.itunes_episode(number)
        if not data.anonymous and data.teller:
            entry.podcast.itunes_author(one_line(data.teller))
    return feed.rss_str(pretty=True)

