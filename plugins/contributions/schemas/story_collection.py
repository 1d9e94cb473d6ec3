"""Schema of a story collection (content/stories/<collection>/index.md): stories are files beside it."""

from __future__ import annotations

from pydantic import Field

from contributions.schemas.fields import ImageField, Language, Schema, Text


class StoryCollection(Schema):
    """A collection of stories told by inhabitants: memories, testimonies, tales."""

    title: Text = Field(description="Name of the collection.")
    theme: Text | None = Field(None, description="What the stories are about, in a few words.")
    languages: list[Language] = Field(
        default_factory=list, description="Languages the stories are told in (fr, en, ar...)."
    )
    cover: ImageField | None = Field(None, description="A cover picture (src) with its alternative text (alt).")
    language: Language | None = Field(None, description="Language of the presentation, when not the site's.")


EXAMPLE = """\
---
title: Mémoires du quartier
theme: La vie dans le quartier, des années 1950 à nos jours
languages: [fr]
---
Des habitantes et habitants racontent le quartier d'avant : les ateliers, les cafés, les fêtes de rue.
"""
