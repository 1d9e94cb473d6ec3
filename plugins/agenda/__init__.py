"""agenda: what is on, where, when, for whom — month pages, today, this week, the past, filter pages,
and event pages with their dates in words, next dates and JSON-LD. Built on the events and places
the contributions plugin publishes."""

from pelican import signals

from agenda.generator import AgendaGenerator
from agenda.wording import Wording
from publishing.build import needs, site_of


def _filters(generator) -> None:
    """The agenda's words in every template, for the same language and time zone as the agenda's dates."""
    site = site_of(generator.settings)
    wording = Wording(site.language, site.timezone)
    generator.env.filters.update(
        {
            "when": wording.when,
            "day_words": wording.day,
            "month_words": wording.month,
            "moment_words": wording.moment,
            "hours": wording.hours,
        }
    )


def _generators(pelican):
    return AgendaGenerator


def register() -> None:
    needs("agenda", "publishing")
    signals.generator_init.connect(_filters)
    signals.get_generators.connect(_generators)
