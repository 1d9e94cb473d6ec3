"""What Apple Podcasts would refuse in a story collection's podcast, told to its curators by `make check`
and the build alike (`crossref`), never blocking: other podcast apps take it all."""

from __future__ import annotations

import mimetypes

from contributions.checking import messages
from contributions.checking.static_files import PODCAST_RECORDINGS, podcast_convertible, recording_format
from contributions.checking.validate import Problem

# the enclosure types Apple Podcasts takes, for a recording given by its web address
PODCAST_TYPES = frozenset(
    {*PODCAST_RECORDINGS.values(), "audio/mp4", "audio/mp3", "video/mp4", "video/x-m4v", "video/quicktime"}
)


def podcast_notes(collection, stories: list, site) -> list:
    """What Apple Podcasts would refuse in the podcast of `collection` (a Contribution) and of its `stories`
    once the build has converted what it can (`feeds.podcast_files`: a square cover from any picture, an
    MP3 from a WAV): notes for the collection's curators, as `path:line: field: message` (`validate.Problem`)."""
    recorded = [story for story in stories if story.data.audio]

    def note(item, field: tuple, code: str, **context) -> Problem:
        return Problem(
            item.path, item.source_map.line_of(field), ".".join(field), messages.render(code, site.language, **context)
        )

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
