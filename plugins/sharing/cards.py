"""The share pictures the build draws: the preview a link shows on messaging apps and social networks
(1200×630), and the social media kit's square and vertical pictures.

Contract for `metadata` and `kit` (keep these names and fields): `card_of`, `kit_cards`, `day_card` return
`Card`s whose addresses are known before any page is rendered (a pure function of what the picture shows).

Each address ends with a hash of what its picture shows (`layouts.Sheet`) and of the drawing code: social
networks keep a picture by its address, so an event newly cancelled gets a new one, which they fetch. A
picture is drawn once all generators have said what they show (`CardsGenerator.generate_output`, after the
kit's: see `sharing.register`), on two processors; one asked for later is drawn at once. A rebuild draws
only what changed: the store remembers the names drawn, and a name's file still in the output is what that
name shows."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from agenda.wording import Wording
from contributions import judge
from publishing.build import site_of
from publishing.encoding import site_file
from publishing.pelican_files import PUBLISHED
from sharing.drawing import CHANGED, STATUS_COLOURS, Fonts
from sharing.layouts import Entry, Sheet, jpeg, paint
from speed.output_record import output_record
from speed.store import Store, digest, speed_on
from speed.two_processes import in_two_processes

logger = logging.getLogger(__name__)
REGISTRY = "_kiosque_cards"  # this build's `Cards`, kept in its settings like the output record
OWN_CARDS = ("event", "story", "story_collection", "playlist", "place")  # the kinds whose pages have their own
FONTS = ("vendor", "fonts")  # under the theme, where `make install` puts them
BUILT_IN_THEME = Path(__file__).resolve().parents[2] / "theme"  # its fonts serve a site with a theme of its own


@dataclass(frozen=True)
class Card:
    path: str  # where the picture is in the output folder, without a leading slash
    width: int
    height: int
    alt: str  # what the picture says, for og:image:alt and the kit's <img>


def card_of(settings: dict, obj=None) -> Card:
    """The 1200×630 preview of a page: an upcoming event's, a story's, a playlist's or a place's own; for
    every other page (and a past event), the site's."""
    cards = cards_of(settings)
    if obj is None or obj.kind not in OWN_CARDS or (obj.kind == "event" and obj.agenda.is_past):
        return cards.site_card
    return cards.own(obj, "wide", posixpath.join(posixpath.dirname(obj.save_as), "share"))


def kit_cards(settings: dict, event) -> tuple[Card, Card]:
    """An upcoming event's square (1080×1080) and vertical "story" (1080×1920) pictures for the kit."""
    cards = cards_of(settings)
    return (
        cards.own(event, "square", f"share/{event.slug}/square"),
        cards.own(event, "story", f"share/{event.slug}/story"),
    )


def day_card(settings: dict, day: date, events: list) -> Card:
    """One picture of the weekly carousel: the events of `day` (1080×1080)."""
    cards = cards_of(settings)
    title = cards.wording.day(day)
    entries = tuple(cards.entry(event, day) for event in events)
    sheet = Sheet("day", title, brand=cards.brand, entries=entries)
    alt = "; ".join([title, *(f"{entry.time} {entry.title}" for entry in entries)])
    return cards.card(f"share/week/{day:%Y-%m-%d}", sheet, alt)


def cards_of(settings: dict) -> Cards:
    """The pictures of the build these settings belong to."""
    found = settings.get(REGISTRY)
    if found is None:
        found = settings[REGISTRY] = Cards(settings)
    return found


class Cards:
    """The pictures of one build: each one asked for is named at once and drawn once (`draw`)."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.site = site_of(settings)
        self.brand = settings.get("SITENAME", "")
        self.wording = Wording(self.site.language, self.site.timezone)
        self.store = Store(settings, "cards", lambda: self.fonts.version)  # other fonts: the same pictures redrawn
        self.pending: dict[str, Sheet] = {}
        self.output: str | None = None  # the output folder, once the build draws: later pictures are drawn at once
        self._named: dict[tuple, Card] = {}
        self._asked: set[str] = set()  # every page names the site's picture: it is drawn once a build
        self._pictures: dict[str, tuple[Path, str] | None] = {}

    @functools.cached_property
    def fonts(self) -> Fonts:
        theme = Path(self.settings.get("THEME", BUILT_IN_THEME))
        return Fonts((theme if theme.joinpath(*FONTS).is_dir() else BUILT_IN_THEME).joinpath(*FONTS))

    @functools.cached_property
    def site_card(self) -> Card:
        """The site's picture, named by most pages of a build (17,000 times at 10,000 contributions)."""
        subtitle = self.settings.get("SITESUBTITLE") or ""
        host = urlsplit(self.settings.get("SITEURL") or "").netloc
        sheet = Sheet("site", self.brand, tuple(filter(None, (subtitle, host))), brand=self.brand)
        return self.card("share", sheet, " — ".join(filter(None, (self.brand, subtitle))))

    def own(self, obj, shape: str, stem: str) -> Card:
        """The picture of `obj`'s own page in `shape`."""
        known = (obj.kind, obj.save_as, shape)
        if known not in self._named:
            title, details, status, picture = self._shown(obj)
            path, hashed = picture or (None, "")
            sheet = Sheet(shape, title, details, status, path, hashed, self.brand)
            alt = " — ".join(filter(None, (status[0] if status else "", title, *details)))
            self._named[known] = self.card(stem, sheet, alt)
        return self._named[known]

    def card(self, stem: str, sheet: Sheet, alt: str) -> Card:
        name = name_of(stem, sheet)
        if name in self._asked:
            pass
        elif self.output is None:
            self.pending[name] = sheet
        else:
            self._draw({name: sheet})
        self._asked.add(name)
        return Card(name, *sheet.size, alt)

    def draw(self, output: str) -> None:
        """Draw every picture asked for so far into the output folder (those the last build drew for the
        same sheets are left as they are)."""
        self.output = output
        drawn = self._draw(self.pending)
        logger.info("kiosque: %d share picture(s) drawn, %d kept", drawn, len(self.pending) - drawn)
        self.pending = {}

    def save(self) -> None:
        self.store.save()

    def _draw(self, sheets: dict[str, Sheet]) -> int:
        """Write the pictures of `sheets` not kept from the last build; return how many were drawn."""
        record = output_record(self.settings)
        todo = []
        for name, sheet in sheets.items():
            record.add(name)
            if not (self.store.seen(name) and os.path.isfile(os.path.join(self.output, name))):
                todo.append((name, sheet))
        fonts = self.fonts
        drawn = in_two_processes(
            lambda items: [jpeg(paint(sheet, fonts).picture) for _, sheet in items],
            todo,
            minimum=8,
            allowed=speed_on(self.settings),
        )
        for (name, _), data in zip(todo, drawn, strict=True):
            record.write(name, data)
        return len(todo)

    def entry(self, event, day: date) -> Entry:
        """An event as a day's picture lists it: its time that day, title, place and status."""
        occurrence = next(
            (found for found in event.agenda.occurrences_ahead if day in found.days), event.agenda.first_occurrence
        )
        time = self.wording.words["all day"] if occurrence.all_day else self.wording.time(occurrence.start)
        return Entry(time, event.title, _place_name(event), self._status(event))

    def _shown(self, obj) -> tuple[str, tuple[str, ...], tuple[str, str] | None, tuple[Path, str] | None]:
        """What a page's picture shows: title, details, status band, picture."""
        data = obj.data
        if obj.kind == "event":
            return obj.title, (obj.agenda.when_text, _place_name(obj)), self._status(obj), self._picture(data.image)
        if obj.kind == "story":
            teller = "" if data.anonymous else data.teller or data.collected_by or ""
            cover = data.image or obj.collection.data.cover
            return obj.title, (obj.collection.title, teller), None, self._picture(cover)
        if obj.kind == "place":
            address = data.address
            return obj.title, (data.area or "", ", ".join(filter(None, (address.street, address.city)))), None, None
        about = data.theme if obj.kind == "story_collection" else ", ".join(data.curators)
        return obj.title, (about or "",), None, self._picture(data.cover)

    def _status(self, event) -> tuple[str, str] | None:
        status = event.data.status
        if status == "scheduled":
            return None
        labels = self.site.vocabularies["statuses"][status]
        return labels.get(self.site.language, status), STATUS_COLOURS.get(status, CHANGED)

    def _picture(self, image) -> tuple[Path, str] | None:
        """A contribution's own picture when the site publishes it (the check's verdict), with its digest."""
        src = site_file(image.src) if image is not None else None
        if src is None:
            return None
        if src not in self._pictures:
            path = self.site.content / src
            known = self.settings.get(PUBLISHED, {}).get(src)
            published = judge(path) is None if known is None else known
            self._pictures[src] = (path, _file_digest(path)) if published else None
        return self._pictures[src]


def name_of(stem: str, sheet: Sheet) -> str:
    """A picture's file: `stem` and a hash of what it shows and of the code that draws it."""
    return f"{stem}-{digest(_code(), repr(sheet))[:12]}.jpg"


def _place_name(event) -> str:
    place, data = getattr(event, "place", None), event.data
    if place is not None:
        return place.title
    if data.place is not None:
        return data.place.name
    return urlsplit(data.online).netloc if data.online else ""


def _file_digest(path: Path) -> str:
    hashed = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hashed.update(block)
    return hashed.hexdigest()


@functools.cache
def _code() -> str:
    """The drawing's code: a new look gives every picture a new address."""
    here = Path(__file__).parent
    return digest(*((here / name).read_bytes() for name in ("cards.py", "drawing.py", "layouts.py")))


class CardsGenerator(Generator):
    """Names the pictures of the pages that have their own once every other generator has read its
    content, and draws them all before the pages are written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.settings[REGISTRY] = Cards(self.settings)  # afresh for each build (autoreload runs many)

    def generate_context(self):
        card_of(self.settings)  # the site's, asked for before the drawing like every page's own
        for name in ("events", "stories", "story_collections", "playlists", "places"):
            for item in self.context.get(name, []):
                card_of(self.settings, item)

    def generate_output(self, writer):
        cards_of(self.settings).draw(self.output_path)


def _generators(pelican):
    return CardsGenerator


def _save(pelican) -> None:
    found = pelican.settings.get(REGISTRY)
    if found is not None:
        found.save()


def connect() -> None:
    """Wire the drawing of the pictures into the build (a generator, after the agenda's)."""
    signals.get_generators.connect(_generators)
    signals.finalized.connect(_save)
