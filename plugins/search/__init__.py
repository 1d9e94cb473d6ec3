"""search: find an event, a story, a track or a place without a server and without a third party. A
Pagefind index is built with the site (`/pagefind/`, see `indexing`) from what the build published (see
`documents`); the `/search/` page loads it in chunks as the reader types, and without JavaScript leads to
the filter pages and the months of the agenda instead."""

from pelican import signals

from publishing.build import needs
from search.generator import SearchGenerator


def _generators(pelican):
    return SearchGenerator


def register() -> None:
    needs("search", "publishing", "agenda")
    signals.get_generators.connect(_generators)
