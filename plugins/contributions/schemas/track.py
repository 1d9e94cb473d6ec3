"""Schema of a track (content/playlists/<playlist>/<track>.yaml): one song, added by one person, with why."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from contributions.schemas.fields import (
    Day,
    LongText,
    OneOrMany,
    Schema,
    Shorthand,
    Text,
    TrackDuration,
    WebLink,
    invalid,
)


class TrackLink(Schema):
    """Where to listen: open platforms first (Funkwhale, PeerTube, Bandcamp, Internet Archive)."""

    url: WebLink = Field(description="Address of the track's page (https://...).")
    label: Text | None = Field(None, description="Name of the platform when it cannot be guessed from the address.")


class Track(Schema):
    """A track of a collective playlist."""

    title: Text = Field(description="Title of the track.")
    artist: Text = Field(description="Who performs it.")
    album: Text | None = Field(None, description="Album or record it comes from.")
    year: Annotated[int, Field(ge=1000, le=2100)] | None = Field(None, description="Year of release, e.g. 1978.")
    duration: TrackDuration | None = Field(None, description="Length as minutes:seconds, e.g. 3:45.")
    links: OneOrMany(Shorthand(TrackLink, lambda v: {"url": v} if isinstance(v, str) else v, WebLink)) = Field(
        default_factory=list, description="Where to listen to it (web addresses), open platforms first."
    )
    audio: WebLink | None = Field(
        None, description="Direct address of an audio file that may be played here (freely licensed)."
    )
    added_by: Text = Field(description="Your public name or nickname, shown next to the track.")
    added: Day = Field(description="The day you added it, e.g. 2026-11-21.")
    note: LongText = Field(description="Why this one: a memory, a moment, what it means to you (a few lines).")
    position: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Place in the playlist, set by the curators."
    )

    @field_validator("added_by")
    @classmethod
    def _no_email(cls, value: str) -> str:
        if "@" in value:
            raise invalid("credit_email")
        return value


EXAMPLE = """\
title: La Bohème
artist: Charles Aznavour
album: La Bohème
year: 1965
duration: "4:05"
links:
  - https://archive.org/details/example-la-boheme
added_by: Mireille
added: 2026-11-02
note: >
  Ma mère la chantait en étendant le linge dans la cour de l'immeuble.
  Quand je l'entends, je revois les draps qui claquent au vent.
"""
