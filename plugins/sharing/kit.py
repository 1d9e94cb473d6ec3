"""The social media kit, for the person who posts: `/share/<event>/` for each upcoming event (its pictures to
download and its texts ready to paste for each network) and `/share/` for the week (its events, the weekly
carousel, one picture per day with events, and the carousel's caption). Pages for whoever announces the
event, not for search engines (`noindex`); each event page links to its kit discreetly."""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from publishing.addresses import feed_address_maker
from publishing.build import site_of
from publishing.encoding import description_text
from publishing.pages import page_writer
from sharing.cards import card_of, day_card, kit_cards
from sharing.texts import Announcement, hashtags, place_line, week_caption
from speed.unchanged_pages import UnchangedPages, shown_on_its_page

KIT_URL = "share/{slug}/"
WEEK_URL = "share/"


def kit_url(event) -> str:
    """The address of an event's kit, under the site (for the templates too)."""
    return KIT_URL.format(slug=event.slug)


class KitGenerator(Generator):
    """Writes the kit's pages once the agenda has said which events are coming (`event.agenda`)."""

    def generate_context(self):
        self.site = site_of(self.settings)
        self.full_address = feed_address_maker(self.settings)  # pasted elsewhere: whole addresses, in a preview too

    def announcement(self, event) -> Announcement:
        """What the kit's texts say of an event, in the site's language."""
        data, language = event.data, self.site.language
        labels = self.site.vocabularies
        status = "" if data.status == "scheduled" else labels["statuses"][data.status].get(language, data.status)
        categories = [labels["categories"].get(word, {}).get(language, word) for word in data.categories]
        return Announcement(
            title=event.title,
            status=status,
            when=event.agenda.when_text,
            where=place_line(event),
            address=self.full_address(event.url),
            summary=description_text(event),
            tags=hashtags([*categories, *data.tags]),
        )

    def generate_output(self, writer):
        events = [event for event in self.context.get("events", []) if not event.agenda.is_past]
        pages = UnchangedPages(self, "share-kits")
        write = page_writer(self, writer, today=self.site.today)
        for event in events:
            save_as = f"{kit_url(event)}index.html"
            pictures = (card_of(self.settings, event), *kit_cards(self.settings, event))
            # a picture's name changes with what it shows, its own picture's bytes included (`cards`)
            if pages.reuse(save_as, shown_on_its_page(event), *(picture.path for picture in pictures)):
                continue
            write(save_as, "share_event", event=event, kit=self.announcement(event), pictures=pictures)
        pages.save()
        self._write_week(write)

    def _write_week(self, write) -> None:
        """/share/: this week's events from the build's today, and the carousel, one picture per day with events."""
        days = self.context["agenda"].week_days
        filters = self.env.filters
        write(
            f"{WEEK_URL}index.html",
            "share_week",
            days=days,
            carousel=[day_card(self.settings, day, [o.event for o in occurrences]) for day, occurrences in days],
            caption=lambda heading, closing: week_caption(
                heading, days, filters["day_words"], filters["hours"], closing
            ),
            week_address=self.full_address("agenda/week/"),
        )


def _generators(pelican):
    return KitGenerator


def _install(generator) -> None:
    generator.env.globals["kit_url"] = kit_url  # event pages and the week link to the kits


def connect() -> None:
    """Wire the kit's pages into the build (after the agenda's generator: `sharing` comes after `agenda`)."""
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)
