"""The share pictures the build draws: the preview a link shows on messaging apps and social networks
(1200×630), and the social media kit's square and vertical pictures.

Contract for `metadata` and `kit` (keep these names and fields): `card_of`, `kit_cards`, `day_card` return
`Card`s whose addresses are known before any page is rendered (a pure function of what the picture shows)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Card:
    path: str  # where the picture is in the output folder, without a leading slash
    width: int
    height: int
    alt: str  # what the picture says, for og:image:alt and the kit's <img>


def card_of(settings: dict, obj=None) -> Card:
    """The 1200×630 preview of a page: an upcoming event's, a story's, a playlist's or a place's own; for
    every other page (and a past event), the site's."""
    if obj is None:
        return Card("share.jpg", 1200, 630, settings.get("SITENAME", ""))
    return Card(posixpath.join(posixpath.dirname(obj.save_as), "share.jpg"), 1200, 630, obj.title)


def kit_cards(settings: dict, event) -> tuple[Card, Card]:
    """An upcoming event's square (1080×1080) and vertical "story" (1080×1920) pictures for the kit."""
    return (
        Card(f"share/{event.slug}/square.jpg", 1080, 1080, event.title),
        Card(f"share/{event.slug}/story.jpg", 1080, 1920, event.title),
    )


def day_card(settings: dict, day: date, events: list) -> Card:
    """One picture of the weekly carousel: the events of `day` (1080×1080)."""
    return Card(f"share/week/{day:%Y-%m-%d}.jpg", 1080, 1080, f"{day:%Y-%m-%d}")


def connect() -> None:
    """Wire the drawing of the pictures into the build (a generator, after the agenda's)."""
