"""The texts of the social media kit, ready to paste: what a person who posts for a cultural centre would
otherwise retype for each network, within each network's limits.

The facts (title, status, dates in words, place, address, description, hashtags) come from the build; the
few words around them ("link in bio", "Hello,") come from the theme's catalogue, through the template that
asks for each text, so that every word a reader sees is translated in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from publishing.addresses import excerpt

# What each text may hold, in characters (a character is at most one of Bluesky's graphemes, and Mastodon
# counts a link as 23 characters: a post within 300 fits both).
POST = 300  # Mastodon (500), Bluesky (300)
MESSAGE = 300  # WhatsApp, Telegram, SMS: what a phone shows without "read more"
EMAIL_SUMMARY = 1200  # the description's share of an e-mail's body
CAPTION = 2200  # Instagram's caption
CAPTION_HASHTAGS = 30  # Instagram takes no more
POST_HASHTAGS = 5  # more reads as spam on Mastodon and Bluesky
SHORTEST_SUMMARY = 60  # the start of a description shorter than this says nothing: left out

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})
_WORD = re.compile(r"[^\W_]+")


def hashtag(words: str) -> str:
    """`words` as one hashtag in CamelCase ("journées du patrimoine" -> "#JourneesDuPatrimoine"), or "" when
    nothing of it can be one. Latin letters lose their accents: networks match a hashtag character for
    character, and people type them without accents on a phone. Other scripts (Arabic...) are kept."""
    plain = "".join(_ascii_base(character) for character in words.translate(_LIGATURES))
    tag = "".join(word[:1].upper() + word[1:] for word in _WORD.findall(plain))
    return f"#{tag}" if tag and not tag.isdigit() else ""  # networks link no hashtag made of digits only


def _ascii_base(character: str) -> str:
    """A Latin letter without its accent ("é" -> "e"); any other character as it is."""
    base = unicodedata.normalize("NFKD", character)[:1]
    return base if base.isascii() and base.isalnum() else character


def hashtags(labels: Iterable[str]) -> tuple[str, ...]:
    """The hashtags of these labels (categories, then tags), each once whatever its letter case."""
    seen, found = set(), []
    for label in labels:
        tag = hashtag(label)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            found.append(tag)
    return tuple(found)


@dataclass(frozen=True)
class Announcement:
    """What every text of one event says, each in its network's shape."""

    title: str
    status: str  # the status in words ("Annulé") when it is not the usual one, else ""
    when: str  # the next date in words
    where: str  # the place on one line (or the online address)
    address: str  # the event page's full address
    summary: str  # the description's text
    tags: tuple[str, ...]  # hashtags

    @property
    def heading(self) -> str:
        """The title, after the status in capitals when there is one: "ANNULÉ — Concert de Madame Suzie"."""
        return f"{self.status.upper()} — {self.title}" if self.status else self.title

    def message(self) -> str:
        """For WhatsApp, Telegram, a text message: short, with the link (a hashtag means nothing there)."""
        return _fitted(
            MESSAGE, lambda title, summary, tags: _lines(title, self.when, self.where, "", self.address), self
        )

    def post(self) -> str:
        """For Mastodon and Bluesky: the facts, the start of the description, the link and a few hashtags."""
        return _fitted(
            POST,
            lambda title, summary, tags: _lines(
                title, self.when, self.where, "", summary, "", self.address, "", " ".join(tags)
            ),
            self,
            self.tags[:POST_HASHTAGS],
        )

    def email_subject(self) -> str:
        return f"{self.heading} — {self.when}"

    def email_body(self, greeting: str, more: str) -> str:
        """The e-mail's body: the facts, the description (its start when long) and where to read more."""
        summary = excerpt(self.summary, EMAIL_SUMMARY)
        lines = (_plain(greeting), "", self.heading, self.when, self.where, "", summary, "")
        return _lines(*lines, f"{_plain(more)} {self.address}")

    def caption(self, link_in_bio: str) -> str:
        """For Instagram, whose captions hold no link: the facts, the description, "link in bio", hashtags."""
        return _fitted(
            CAPTION,
            lambda title, summary, tags: _lines(
                title, self.when, self.where, "", summary, "", _plain(link_in_bio), "", " ".join(tags)
            ),
            self,
            self.tags[:CAPTION_HASHTAGS],
        )


def week_caption(heading: str, days: list, day_words: Callable, hours: Callable, closing: str) -> str:
    """The carousel's caption: each day with events, each event with its hours and place, within Instagram's
    limit (the last days are left out rather than cut in the middle of a line)."""
    blocks = [
        _lines(day_words(day)[:1].upper() + day_words(day)[1:], *(_item(o, hours(o, day)) for o in occurrences))
        for day, occurrences in days
    ]
    while True:
        text = "\n\n".join([_plain(heading), *blocks, _plain(closing)])
        if len(text) <= CAPTION or not blocks:
            return text[:CAPTION]
        blocks.pop()


def _item(occurrence, hours: str) -> str:
    event = occurrence.event
    return f"• {hours} — {event.title}" + (f" ({where})" if (where := place_line(event)) else "")


def place_line(event) -> str:
    """Where an event is, on one line: the place's name and town, else the online address."""
    data, place = event.data, getattr(event, "place", None)
    if place is not None:
        return f"{place.title}, {place.data.address.city}"
    if data.place is not None:
        return f"{data.place.name}, {data.place.address.city}" if data.place.address else data.place.name
    return data.online or ""


def _plain(words: str) -> str:
    """A template's translated words as plain text (Jinja escapes what it puts into them: "l&#39;agenda")."""
    return words.unescape() if isinstance(words, Markup) else words


def _lines(*lines: str) -> str:
    """Lines joined, with one empty line at most between two groups and none at either end."""
    text = "\n".join(line for line in lines if line is not None)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _fitted(limit: int, compose: Callable, announcement: Announcement, tags: tuple = ()) -> str:
    """The longest text `compose` makes within `limit`: the description is shortened (left out when less
    than a line would be left), then hashtags are dropped from the last, then the title is shortened."""
    title, summary = announcement.heading, announcement.summary
    while True:
        text = compose(title, summary, tags)
        over = len(text) - limit
        if over <= 0:
            return text
        if summary:
            summary = excerpt(summary, len(summary) - over - 1) if len(summary) - over > SHORTEST_SUMMARY else ""
        elif tags:
            tags = tags[:-1]
        elif len(title) > 1:
            title = excerpt(title, max(0, len(title) - over - 1))
        else:
            return text[:limit]  # only the facts and address are left: never reached with a sane SITEURL
