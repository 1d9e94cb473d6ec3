"""federating: what the site's fediverse account (ActivityPub) says of the agenda, written by the build for the
runtime that signs and delivers it — `activitypub/events.json`: the site's profile, one `Event` object per
event coming or going on, and the keys of the events that are over."""

from pelican import signals

from federating.generator import FederatingGenerator
from publishing.build import needs


def _generators(pelican):
    return FederatingGenerator


def register() -> None:
    needs("federating", "publishing", "agenda", "sharing")  # the events' facts, and their share pictures
    signals.get_generators.connect(_generators)
