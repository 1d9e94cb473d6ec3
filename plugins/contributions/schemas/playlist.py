"""Schema of a playlist (content/playlists/<playlist>/index.md): its presentation; tracks are files beside it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from contributions.schemas.fields import Day, ImageField, Language, Schema, Text, TextList, invalid


class Playlist(Schema):
    """A collective playlist."""

    title: Text = Field(description="Name of the playlist.")
    curators: TextList() = Field(default_factory=list, description="Public names of the people who look after it.")
    open: bool = Field(True, description="true when anyone may add a track, false when it is closed.")
    closed_since: Day | None = Field(
        None, description="For a closed playlist: the day it closed; tracks added later are refused."
    )
    order: Literal["added", "curated"] = Field(
        "added", description="Track order: 'added' (date added) or 'curated' (the tracks' position field)."
    )
    cover: ImageField | None = Field(None, description="A cover picture (src) with its alternative text (alt).")
    language: Language | None = Field(None, description="Language of the presentation, when not the site's.")

    @model_validator(mode="after")
    def _closing_day(self) -> Playlist:
        if not self.open and self.closed_since is None:
            raise invalid("closed_since_missing", field="closed_since", near="open")
        return self

    @field_validator("curators")
    @classmethod
    def _no_email(cls, value: list[str]) -> list[str]:
        if any("@" in name for name in value):
            raise invalid("credit_email")
        return value


EXAMPLE = """\
---
title: La bande-son du quartier
curators: [Radio Ménilmuche]
open: true
cover:
  src: images/bande-son.jpg
  alt: Un vieux poste de radio posé sur un rebord de fenêtre.
---
Les chansons qui ont accompagné nos vies dans le quartier. Ajoutez la vôtre, et dites-nous pourquoi.
"""
