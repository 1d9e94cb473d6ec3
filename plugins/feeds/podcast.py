"""A story collection with recordings as a podcast: RSS with enclosures and iTunes tags (feedgen's
podcast extension), so people follow it in their podcast app. Podcast apps read an episode's
description as HTML: the story's text goes there escaped; the other strings are plain text, on one line,
and an enclosure's address is built from the recording's validated path (`media_address`).

What Apple Podcasts asks of a feed is written here: a square cover, an owner with an email, the show's
type, and for each episode its type, picture and `itunes:explicit` as `true`/`false`.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from feeds.news import EPOCH
from feeds.podcast_files import Recording
from publishing.encoding import description_text, html_of, media_address, one_line, site_path, xml_safe

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: addresses are full ones, `image` is the square cover's (None without one)."""

    feed_url: str
    language: str
    author: str
    owner_email: str | None
    image: str | None


@dataclass(frozen=True)
class Episode:
    story: object
    added: object  # when the story reached the site (datetime)
    recording: Recording | None  # the site's own file as podcast apps get it; None for a web address
    image: str | None  # the episode's square picture (full address), else the show's


class _NotExplicit(BaseExtension):
    """`itunes:explicit` as Apple reads it today, `false` (feedgen writes `no`, which Apple refuses), on the
    channel and on each item: stories told by the inhabitants carry no explicit material."""

    def extend_ns(self):
        return {"itunes": ITUNES}

    def extend_rss(self, element):
        parent = element.find("channel") if element.tag == "rss" else element  # the feed's root, or an item
        parent.append(parent.makeelement(f"{{{ITUNES}}}explicit"))
        parent[-1].text = "false"
        return element


def podcast(collection, episodes: list[Episode], absolute, show: Show) -> bytes:
    """`episodes` oldest first (episode numbers follow)."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("not_explicit", _NotExplicit, _NotExplicit, atom=False)
    newest = max((episode.added for episode in episodes), default=EPOCH)
    summary = one_line(collection.data.theme or collection.title)
    feed.id(absolute(collection.url))
    feed.title(one_line(collection.title))
    feed.link(href=show.feed_url, rel="self")
    feed.link(href=absolute(collection.url), rel="alternate")  # last: RSS's <link> is the last one given
    feed.description(summary)
    feed.language(show.language)
    feed.lastBuildDate(newest)
    feed.generator("kiosque")
    feed.podcast.itunes_author(one_line(show.author))
    feed.podcast.itunes_summary(summary)
    feed.podcast.itunes_category("Society & Culture")
    feed.podcast.itunes_type("episodic")
    if show.owner_email:
        feed.podcast.itunes_owner(name=one_line(show.author), email=show.owner_email)
    if show.image:
        feed.podcast.itunes_image(show.image)
    number = 0
    for episode in episodes:
        story, audio = episode.story, episode.story.data.audio
        source = (
            absolute(site_path(episode.recording.path)) if episode.recording else media_address(audio.src, absolute)
        )
        if source is None:  # nothing a podcast app could fetch: no episode
            continue
        number += 1
        entry = feed.add_entry(order="append")
        entry.id(absolute(story.url))
        entry.guid(absolute(story.url), permalink=True)
        entry.title(one_line(story.title))
        entry.link(href=absolute(story.url))
        entry.description(xml_safe(html_of(description_text(story))))
        entry.published(episode.added)
        if episode.recording:  # the file says its own type, size and length
            size, kind, seconds = episode.recording.size, episode.recording.type, episode.recording.seconds
        else:
            size, kind, seconds = audio.size, audio.type or mimetypes.guess_type(audio.src)[0] or "audio/mpeg", None
        entry.enclosure(source, str(size or 0), one_line(kind))
        if audio.duration:
            seconds = audio.duration.total_seconds()
        if seconds is not None:
            whole = round(seconds)
            entry.podcast.itunes_duration(f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}")
        entry.podcast.itunes_episode(number)
        entry.podcast.itunes_episode_type("full")
        if episode.image or show.image:
            entry.podcast.itunes_image(episode.image or show.image)
        if not story.data.anonymous and story.data.teller:
            entry.podcast.itunes_author(one_line(story.data.teller))
    return feed.rss_str(pretty=True)
