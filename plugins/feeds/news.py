"""RSS 2.0 and Atom (written by feedgen) and JSON Feed 1.1 (feedgen has none: `json`) from one list of
entries. Every date comes from the content, so two builds of the same content give the same bytes.

An entry's text is plain text. Feed readers read RSS `description` and `content:encoded` and Atom
`content type="html"` as HTML: the text goes there escaped (`html_of`), so that `<script>` in a title or
`&lt;img&gt;` in a description reaches readers as the words the contributor wrote, never as markup. An entry
may also carry HTML that the build's templates wrote, escaping what contributors wrote (a newsletter issue): it
is then the content, and the text stays the description.
Titles are one line; everything given to feedgen holds only characters XML can hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from publishing.encoding import html_of, json_bytes, one_line, xml_safe

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    text: str
    published: dt.datetime
    updated: dt.datetime
    html: str | None = None  # the entry as HTML the build wrote itself (a newsletter issue), for the content


@dataclass(frozen=True)
class Channel:
    title: str
    page_url: str  # the HTML page the feed follows
    feed_url: str  # without extension: .rss.xml, .atom.xml and .json are added
    language: str
    description: str
    author: str


def _for_xml(record):
    """A channel or an entry whose every string holds only what XML can hold (titles on one line)."""
    return dataclasses.replace(
        record,
        **{
            field.name: (one_line(value) if field.name == "title" else xml_safe(value))
            for field in dataclasses.fields(record)
            if isinstance(value := getattr(record, field.name), str)
        },
    )


def _feedgen(channel: Channel, entries: list[Entry], self_url: str) -> FeedGenerator:
    channel, entries = _for_xml(channel), [_for_xml(entry) for entry in entries]
    feed = FeedGenerator()
    updated = max((entry.updated for entry in entries), default=EPOCH)
    feed.id(channel.page_url)
    feed.title(channel.title)
    feed.author({"name": channel.author})  # Atom requires an author
    feed.link(href=self_url, rel="self")
    feed.link(href=channel.page_url, rel="alternate")  # last: RSS's <link> is the last one given
    feed.description(channel.description)
    feed.language(channel.language)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    feed.generator("kiosque")
    for item in reversed(entries):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(item.id)
        entry.guid(item.id, permalink=False)
        entry.title(item.title)
        entry.link(href=item.url)
        text = html_of(item.text)  # the text, escaped: readers read these as HTML
        entry.description(text)
        entry.content(item.html or text, type="html")
        entry.published(item.published)
        entry.updated(item.updated)
    return feed


def write_all(channel: Channel, entries: list[Entry]) -> dict[str, bytes]:
    """{extension: bytes} for .rss.xml, .atom.xml and .json; `entries` newest first. JSON Feed has its
    plain-text field, content_text: the text goes there as it is."""
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": one_line(channel.title),
        "home_page_url": channel.page_url,
        "feed_url": channel.feed_url + ".json",
        "description": channel.description,
        "language": channel.language,
        "authors": [{"name": channel.author}],
        "items": [
            {
                "id": e.id,
                "url": e.url,
                "title": one_line(e.title),
                "content_text": e.text,
                **({"content_html": e.html} if e.html else {}),
                "date_published": e.published.isoformat(),
                "date_modified": e.updated.isoformat(),
            }
            for e in entries
        ],
    }
    return {
        ".rss.xml": _feedgen(channel, entries, channel.feed_url + ".rss.xml").rss_str(pretty=True),
        ".atom.xml": _feedgen(channel, entries, channel.feed_url + ".atom.xml").atom_str(pretty=True),
        ".json": json_bytes(json_feed),
    }
