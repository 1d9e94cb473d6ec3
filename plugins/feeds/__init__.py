"""feeds: the one place that writes calendar (iCal, with icalendar) and news feeds (RSS/Atom with
feedgen, JSON Feed) for the agenda and its filters, each event, each story collection and playlist."""

from pelican import signals

from feeds.generator import FeedsGenerator
from publishing.build import needs


def _generators(pelican):
    return FeedsGenerator


def register() -> None:
    needs("feeds", "publishing", "agenda")
    signals.get_generators.connect(_generators)
