"""`activitypub/events.json`, the one file the fediverse runtime reads (bridge/, federation/): written whole
at every build, whatever the speed machinery keeps, since what it says changes with the build's today.

    generated   the build's today, at midnight in the site's time zone (ISO 8601 with its offset): the day the
                file's "coming" and "past" were worked out for. Not the clock's time: a build writes the same
                site from the same files on the same day, speed machinery on or off (tests/speed)
    site        the account's profile: name, summary, url, language, icon (the site's share picture)
    events      slug -> the `Event` of every event coming or going on (`events.EventObjects`)
    past        the slugs of the other published events: a key gone from `events` was over, not withdrawn
    withheld    the slugs of the files this build left out for their errors: not withdrawn either

A translation is the same event as its original: it is in neither (its original is). What the build left out
(a draft, a file with errors) is in neither, so the runtime deletes what it had sent of it."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from pelican.generators import Generator
from sharing.cards import card_of

from contributions import slug_of
from federating.events import EventObjects
from interface import theme_catalogues
from publishing import left_out
from publishing.addresses import feed_address_maker
from publishing.build import site_of
from publishing.encoding import json_bytes, one_line
from speed.output_record import output_record

EVENTS_FILE = "activitypub/events.json"


class FederatingGenerator(Generator):
    """Writes the file once the agenda has worked out each event's dates and the share pictures are named."""

    def generate_output(self, writer):
        output_record(self.settings).write(EVENTS_FILE, json_bytes(self.document()))

    def document(self) -> dict:
        site = site_of(self.settings)
        absolute = feed_address_maker(self.settings)  # read on other servers: whole addresses, in a preview too
        agenda = self.context["agenda"]
        objects = EventObjects(
            self.settings,
            site,
            theme_catalogues(self.theme).translations(site.language).gettext,
            absolute,
            {found.value: found.url for found in agenda.filters.get("category", [])},
        )
        originals = [event for event in self.context.get("events", []) if not event.is_translation]
        coming = sorted(
            (event for event in originals if not event.agenda.is_past),
            key=lambda event: (event.agenda.next_occurrence.start, event.slug),
        )
        return {
            "generated": dt.datetime.combine(site.today, dt.time(), ZoneInfo(site.timezone)).isoformat(),
            "site": self.profile(site, absolute),
            "events": {event.slug: objects(event) for event in coming},
            "past": sorted(event.slug for event in originals if event.agenda.is_past),
            # a file left out for its errors is being fixed, not withdrawn: its followers hear nothing yet
            "withheld": sorted({slug_of(PurePosixPath(path).stem) for path in left_out.files(self.settings)}),
        }

    def profile(self, site, absolute) -> dict:
        """What the account says of itself: the site's name and subtitle, its address and share picture."""
        name = one_line(self.settings.get("SITENAME"))
        card = card_of(self.settings)
        return {
            "name": name,
            "summary": one_line(self.settings.get("SITESUBTITLE")) or name,
            "url": absolute(""),
            "language": site.language,
            "icon": {
                "url": absolute(card.path),
                "mediaType": mimetypes.guess_type(card.path)[0] or "image/jpeg",
                "name": one_line(card.alt),
            },
        }
