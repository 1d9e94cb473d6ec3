"""stories: collections of stories told by inhabitants — the index, a page per language, licence
sentences and JSON-LD for story pages. Built on the stories the contributions plugin publishes; the
podcast feeds are written by the feeds plugin."""

from pelican import signals

from publishing.build import needs
from stories.generator import StoriesGenerator


def _generators(pelican):
    return StoriesGenerator


def register() -> None:
    needs("stories", "publishing")
    signals.get_generators.connect(_generators)
