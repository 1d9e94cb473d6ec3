"""Schema of a story collection (content/stories/<collection>/index.md): stories are files beside it."""

from __future__ import annotations

import mimetypes

from pydantic import Field

from .fields import ImageField, Language, Schema, Text
from .static_files import PODCAST_RECORDINGS, podcast_convertible, recording_format


class StoryCollection(Schema):
    """A collection of stories told by inhabitants: memories, testimonies, tales."""

    title: Text = Field(description="Name of the collection.")
    theme: Text | None = Field(None, description="What the stories are about, in a few words.")
    languages: list[Language] = Field(default_factory=list, description="Languages the stories are told in (fr, en, ar...).")
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


# the enclosure types Apple Podcasts takes, for a recording given by its web address
PODCAST_TYPES = frozenset({*PODCAST_RECORDINGS.values(), "audio/mp4", "audio/mp3", "video/mp4", "video/x-m4v",
                           "video/quicktime"})


def podcast_notes(collection, stories: list, site) -> list:
    """What Apple Podcasts would refuse in the podcast of `collection` (a Contribution) and of its `stories`
    once the build has converted what it can (`feeds.podcast_files`: a square cover from any picture, an
    MP3 from a WAV): notes for the collection's curators, as `path:line: field: message` (`validate.Problem`),
    never blocking, for other podcast apps take it all."""
    from . import messages
    from .validate import Problem

    recorded = [story for story in stories if story.data.audio]

    def note(item, field: tuple, code: str, **context) -> Problem:
        return Problem(item.path, item.source_map.line_of(field), ".".join(field),
                       messages.render(code, site.language, **context))

    notes = [note(collection, (), "podcast_cover_missing")] if recorded and collection.data.cover is None else []
    for story in recorded:
        audio = story.data.audio
        if "://" in audio.src:  # only its declared type tells
            found = audio.type or mimetypes.guess_type(audio.src)[0]
            refused = found and found not in PODCAST_TYPES
        else:
            found = recording_format(site.content / audio.src)
            refused = found and found not in PODCAST_RECORDINGS and not podcast_convertible(site.content / audio.src)
        if refused:
            notes.append(note(story, ("audio", "src"), "podcast_recording_refused", format=found))
    return notes
