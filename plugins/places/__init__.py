"""places: venues and the collaborative cultural map — place pages with their events and feeds,
/places/ (a list that works without JavaScript, and a map loaded only when the reader asks),
/places.geojson and /places.json for other maps."""

from pelican import signals

from places.generator import PlacesGenerator
from publishing.build import needs


def _generators(pelican):
    return PlacesGenerator


def register() -> None:
    needs("places", "publishing", "agenda")
    signals.get_generators.connect(_generators)
