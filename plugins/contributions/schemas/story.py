"""Schema of a story (content/stories/<collection>/<story>.md): a text, maybe a recording, always consent."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator
from pydantic.json_schema import WithJsonSchema

from contributions.schemas.fields import (
    Day,
    ImageField,
    Language,
    LongText,
    MediaSource,
    Schema,
    Shorthand,
    Slug,
    Term,
    Text,
    TrackDuration,
    invalid,
)


class Recording(Schema):
    """A sound or video recording of the story."""

    src: MediaSource = Field(description="The file: a path under content/ (media/story.mp3) or a web address.")
    duration: TrackDuration | None = Field(None, description="Length as minutes:seconds, e.g. 12:30.")
    size: Annotated[int, Field(ge=1)] | None = Field(None, description="File size in bytes (for podcast apps).")
    type: Annotated[str, Field(pattern=r"^(audio|video)/[a-z0-9.+-]+$")] | None = Field(
        None, description="File type, e.g. audio/mpeg, audio/ogg, video/mp4."
    )


def _recording_shorthand(value: Any) -> Any:
    return {"src": value} if isinstance(value, str) else value


PlaceMention = Text  # a place's slug or its name, on one line


class Story(Schema):
    """A story told by an inhabitant."""

    title: Text = Field(description="Title of the story.")
    teller: Text | None = Field(
        None, description="Who tells it (public name). Leave out and set anonymous: true to stay anonymous."
    )
    anonymous: bool = Field(False, description="true to publish without any name.")
    language: Language | None = Field(
        None, description="Language the story is told in (fr, en, ar...), when not the site's."
    )
    translation_of: Slug | None = Field(
        None, description="Slug of the story (same collection) that this file translates."
    )
    place: PlaceMention | None = Field(None, description="The place it speaks of: a place's slug, or a name.")
    period: Text | None = Field(None, description="The time it speaks of, e.g. 1968, 'the 1970s', 'winter 1954'.")
    audio: Shorthand(Recording, _recording_shorthand, MediaSource) | None = Field(
        None, description="A sound recording of the story (a transcript is then mandatory)."
    )
    video: Shorthand(Recording, _recording_shorthand, MediaSource) | None = Field(
        None, description="A video of the story (a transcript is then mandatory)."
    )
    transcript: LongText | None = Field(None, description="Everything said in the recording, written out (Markdown).")
    image: ImageField | None = Field(None, description="A picture (src) with its alternative text (alt, mandatory).")
    licence: Term("licences") = Field("CC-BY-SA-4.0", description="Licence under which the story is shared.")
    consent: Annotated[bool, WithJsonSchema({"type": "boolean", "const": True})] = Field(
        description="true once the teller has agreed to the publication of this story (mandatory)."
    )
    collected_by: Text | None = Field(None, description="Who collected the story (public name), if not the teller.")
    translated_by: Text | None = Field(None, description="Who translated the story (public name), for a translation.")
    date: Day | None = Field(None, description="When the story was collected, e.g. 2026-03-14.")

    @field_validator("consent", mode="before")
    @classmethod
    def _consent_given(cls, value: Any) -> bool:
        """Only an explicit `true`: 'yes', 1 or 'maybe' are not an agreement."""
        if value is not True:
            raise invalid("consent_missing")
        return value

    @model_validator(mode="after")
    def _coherent(self) -> Story:
        if (self.audio or self.video) and not self.transcript:
            raise invalid("transcript_missing", field="transcript", near="audio" if self.audio else "video")
        if self.anonymous and (self.teller or self.collected_by or self.translated_by):
            raise invalid("anonymous_with_name", field="teller")
        if not self.anonymous and not self.teller:
            raise invalid("teller_missing", field="teller")
        return self


EXAMPLE = """\
---
title: Le bal du 14 juillet 1962
teller: Jeanine
language: fr
place: parc-jeanne-barret
period: 1962
audio:
  src: media/bal-du-kiosque.wav
  duration: "0:03"
  type: audio/wav
transcript: |
  C'était en 1962, il y avait un bal sur la place, avec l'accordéon de monsieur Rossi...
licence: CC-BY-SA-4.0
consent: true
---
On dansait jusqu'à deux heures du matin, et les enfants s'endormaient sur les bancs.
"""
