"""Each page's description, canonical address and Open Graph preview: what a link pasted into a messaging app,
a social network or a search engine shows.

How a page's metadata is found: `base.html` calls `page_metadata(self.title())` once in its <head> and gives the
result to `_share_meta.html`. The template being rendered says what the page is (`event.html`, `agenda.html`...):
`DESCRIBERS` names the function that describes that kind of page, and the function reads the page's own
variables — the ones its generator passes to the writer (`event`, `story`, `filter`, `heading`, `days`...).
A page template not listed there gets the sentence it sets in `page_description` (`contribute.html`), else
the site's subtitle; and the site's picture. The title is the page's <title>
without the site's name, which og:site_name gives: one wording of each title, the template's.

og:type: `article` for a story, with article:published_time from its file's first commit (the date its JSON-LD
gives); `website` for every other page, events included. Open Graph has no event type: Facebook's old `event`
object (with `event:start_time`) was one of its custom types, removed with them in 2017, and Facebook's
debugger now refuses unknown types. An event's date is in its description, in words, and in its JSON-LD
(schema.org Event), which search engines and the apps that preview events read.

Addresses are absolute (`feed_address_maker`): SITEURL, or in a build without it (`make html`, `make serve`)
the local server's, KIOSQUE_PREVIEW_URL, so previews can be tried there; the pages' own links stay relative.

A page kept from the last build (`speed.unchanged_pages`) is made again when its metadata would change: what
they are made from is in its key (its files, its place, listed items and translations, "today", the settings,
the story's first commit), and the address of its share picture, which follows the bytes of the item's own
picture, is added to it here (`publishing.generator.also_shown`).
"""

from __future__ import annotations

import functools
import mimetypes
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from publishing.addresses import excerpt, feed_address_maker
from publishing.build import site_of
from publishing.encoding import description_text, text_of
from publishing.generator import also_shown
from publishing.structured_data import Published, published
from sharing.cards import Card, card_of

DESCRIPTION_LIMIT = 160  # characters: what search engines and previews show before cutting
SEPARATOR = " — "


@dataclass(frozen=True)
class Metadata:
    title: str
    description: str
    canonical: str  # the page's absolute address, also og:url
    type: str  # og:type
    published: str | None  # article:published_time, for a story whose file was committed
    image: Card
    image_url: str
    image_type: str
    locale: str  # og:locale, language_TERRITORY
    fediverse_creator: str | None


class Page:
    """What a describer reads of the page being rendered: its variables, its title and the theme's words."""

    def __init__(self, context, title: str):
        self.context, self.title = context, title

    def __getitem__(self, name: str):
        return self.context.get(name)

    def _(self, text: str, **variables) -> str:
        """A text of the theme's catalogue, in the site's language (plain text: the template escapes it)."""
        return Markup(self.context.call(self.context.resolve("gettext"), text, **variables)).unescape()

    def label(self, vocabulary: str, word: str) -> str:
        return self.context.call(self.context.resolve("label"), vocabulary, word).unescape()


def _one_line(text: str) -> str:
    """A text's paragraphs on one line, each but the last ending as a sentence (a heading has no full stop)."""
    paragraphs = [" ".join(paragraph.split()) for paragraph in text.split("\n\n")]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    ended = [p if unicodedata.category(p[-1]).startswith("P") else f"{p}." for p in paragraphs[:-1]]
    return " ".join(ended + paragraphs[-1:])


def _joined(*parts: str | None) -> str:
    """The parts that say something, one after the other, cut to a description's length on a word."""
    text = SEPARATOR.join(part for part in map(_one_line, filter(None, parts)) if part)
    return excerpt(text, DESCRIPTION_LIMIT - 1)  # room for the ellipsis


def _titles(items) -> str:
    return ", ".join(dict.fromkeys(item.title for item in items))


def _listed(days) -> list:
    """The events of a list of days, in order, each once."""
    return [occurrence.event for _day, occurrences in days for occurrence in occurrences]


def event(page: Page) -> str:
    """Its status first when it is not going ahead as planned, then when, where, and the start of its text."""
    item = page["event"]
    data = item.data
    status = page.label("statuses", data.status) if data.status != "scheduled" else None
    place = item.place.title if item.place is not None else data.place.name if data.place is not None else None
    return _joined(status, item.agenda.when_text, place, description_text(item))


def story(page: Page) -> str:
    item = page["story"]
    data = item.data
    teller = page._("Told anonymously") if data.anonymous else page._("Told by %(name)s", name=data.teller)
    return _joined(teller, description_text(item))


def playlist(page: Page) -> str:
    item = page["playlist"]
    return _joined(description_text(item) or _titles(item.tracks))


def track(page: Page) -> str:
    data = page["track"].data
    return _joined(data.artist, data.note)


def place(page: Page) -> str:
    item = page["place"]
    data = item.data
    address = ", ".join(filter(None, (data.address.street, data.address.city))) if data.address else None
    described = text_of(page.context.environment.filters["markdown"](data.description)) if data.description else None
    return _joined(address, described)


def story_collection(page: Page) -> str:
    item = page["story_collection"]
    return _joined(description_text(item) or _titles(item.stories))


def agenda_listing(page: Page) -> str:
    """A month, today, the week or a filter's page (its label is in its title): the events it lists."""
    return _joined(page.title, _titles(_listed(page["days"])) or page._("Nothing yet."))


def past_month(page: Page) -> str:
    return _joined(page.title, _titles(page["events"]) or page._("Nothing yet."))


def filters(page: Page) -> str:
    return _joined(page.title, ", ".join(f.label for found in page["filters"].values() for f in found))


def places(page: Page) -> str:
    return _joined(page.title, _titles(page["places"]))


def playlists(page: Page) -> str:
    return _joined(page.title, _titles(page["playlists"]))


def stories(page: Page) -> str:
    return _joined(page.title, _titles(page["story_collections"]))


def stories_in_a_language(page: Page) -> str:
    return _joined(page.title, _titles(page["language_stories"]))


def home(page: Page) -> str:
    """The site's subtitle, then what is coming."""
    return _joined(page["SITESUBTITLE"], _titles(_listed(page["agenda"].days)))


def pelican_page(page: Page) -> str:
    return _joined(description_text(page["page"]))


def written(page: Page) -> str:
    """A page whose template writes its own description (`page_description`), else the site's."""
    own = page["page_description"]  # a template's text, escaped
    return _joined(Markup(own).unescape() if own else page["SITESUBTITLE"] or page.title)


# template -> how its pages are described
DESCRIBERS: dict[str, Callable[[Page], str]] = {
    "event.html": event,
    "story.html": story,
    "playlist.html": playlist,
    "track.html": track,
    "place.html": place,
    "story_collection.html": story_collection,
    "agenda.html": agenda_listing,
    "agenda_past.html": past_month,
    "agenda_filters.html": filters,
    "places_index.html": places,
    "playlists_index.html": playlists,
    "stories_index.html": stories,
    "stories_language.html": stories_in_a_language,
    "index.html": home,
    "page.html": pelican_page,
}
# the templates of contributions' pages, whose item (the variable named after the kind) may have its own share
# picture (`cards.card_of` says); every other page shows the site's
ITEM_TEMPLATES = {f"{kind}.html": kind for kind in ("event", "place", "playlist", "track", "story_collection", "story")}


@functools.cache
def og_locale(language: str, country: str) -> str:
    """Open Graph's language_TERRITORY (fr_FR): the site's language as written in its country, else in the
    country where Unicode's CLDR says it is most spoken (ar_EG for Arabic on a French site)."""
    try:
        locale = Locale(language, country)
    except UnknownLocaleError:
        try:
            locale = Locale.parse(get_global("likely_subtags").get(language, language))
        except (ValueError, UnknownLocaleError):
            return language
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def metadata_maker(settings: dict, first_commit: Callable[[], Published]) -> Callable:
    """The `page_metadata` template global of one build."""
    absolute = feed_address_maker(settings)
    site_settings = site_of(settings)
    locale = og_locale(site_settings.language, site_settings.country)

    @pass_context
    def page_metadata(context, title) -> Metadata:
        sitename = context.get("SITENAME") or ""
        page = Page(context, Markup(title).unescape().removesuffix(f"{SEPARATOR}{sitename}"))
        describe = DESCRIBERS.get(context.name, written)
        pictured = context.get(ITEM_TEMPLATES[context.name]) if context.name in ITEM_TEMPLATES else None
        card = card_of(settings, pictured)
        published = first_commit()(pictured) if context.name == "story.html" else None
        return Metadata(
            title=page.title,
            description=describe(page),
            canonical=absolute((context.get("output_file") or "").removesuffix("index.html")),
            type="article" if context.name == "story.html" else "website",
            published=published.isoformat() if published else None,
            image=card,
            image_url=absolute(card.path),
            image_type=mimetypes.guess_type(card.path)[0] or "image/jpeg",
            locale=locale,
            fediverse_creator=site_settings.fediverse_creator,
        )

    return page_metadata


def _install(generator) -> None:
    generator.env.globals["page_metadata"] = metadata_maker(generator.settings, lambda: published(generator))


def _picture_address(settings: dict, item) -> str:
    return card_of(settings, item).path


def connect() -> None:
    """Give every template environment `page_metadata`; a contribution's page kept from the last build is made
    again when the address of its share picture changes (its own picture replaced under the same name)."""
    signals.generator_init.connect(_install)
    also_shown(_picture_address)
