"""What the search index holds of each published contribution: one small HTML document per event, story,
track and place, made from its fields rather than from its page, so that the index has its words and facets
and nothing else (no menus, no share buttons, no name an anonymous teller did not give), and the pages carry
no search markup (an event page's budget is 40 KB).

Pagefind reads each document as a page: the `<h1>` weighs most, `data-pagefind-filter` gives the facets,
`data-pagefind-meta` what a result shows (date and place in words, status).
Every value is escaped and given as an attribute, never as a list Pagefind would split at its commas."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape

from agenda.listing import FACETS
from contributions import MarkdownRenderer
from interface.helpers import language_name
from publishing.encoding import description_text, html_of, text_of

MONTHS_AHEAD = 12  # an event of a long series is filed under its next months, not under every month of years


@dataclass
class Document:
    url: str  # relative to the site's root, as the pages link to it
    title: str
    words: list[str] = field(default_factory=list)  # names, places, tags: weighed more than the text
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def html(self, language: str) -> str:
        """The document as Pagefind reads a page. Escaped with the standard library's `escape`: markupsafe's
        formatting was a quarter of the search's time at 10,000 contributions."""
        heads = "".join(
            f'<meta data-pagefind-filter="{name}[content]" content="{escape(value)}">'
            for name, values in self.filters.items()
            for value in values
        )
        heads += "".join(
            f'<meta data-pagefind-meta="{name}[content]" content="{escape(value)}">'
            for name, value in self.meta.items()
            if value
        )
        words = "".join(f'<p data-pagefind-weight="3">{escape(word)}</p>' for word in dict.fromkeys(self.words) if word)
        title = escape(self.title)
        # the text before the names: a result's excerpt is taken from the first place its words are found
        return (
            f'<!doctype html><html lang="{escape(language)}"><head><title>{title}</title>{heads}</head>'
            f"<body data-pagefind-body><h1>{title}</h1>{html_of(self.text)}{words}</body></html>"
        )


class Documents:
    """The documents of one build's published contributions, worded in the interface's language: the facets'
    labels are the filter pages' labels, the dates those of the agenda."""

    def __init__(self, context: dict, site, gettext: Callable[[str], str], wording):
        self.context, self.site, self.wording = context, site, wording
        _ = gettext  # the names below are in the theme's catalogues (`make catalogues` extracts them here too)
        self.kinds = {"event": _("Event"), "story": _("Story"), "track": _("Track"), "place": _("Place")}
        self.online = _("Online")
        self.events = [event for event in context.get("events", []) if not event.is_translation]
        self.past_events = [event for event in self.events if event.agenda.is_past]
        self.markdown = MarkdownRenderer()  # a transcript, a track's note: rendered as on their pages
        agenda = context["agenda"]
        self.labels = {(facet, item.value): item.label for facet, items in agenda.filters.items() for item in items}
        self.statuses, self.accessibility = (_labels(site, name) for name in ("statuses", "accessibility"))

    def current(self) -> Iterator[Document]:
        """What a first search looks in: the events still to come, the stories, the tracks and the places."""
        for event in self.events:
            if not event.agenda.is_past:
                yield self.event(event)
        for story in self.context.get("stories", []):
            if not story.is_translation:
                yield self.story(story)
        for track in self.context.get("tracks", []):
            yield self.track(track)
        for place in self.context.get("places", []):
            yield self.place(place)

    def archive(self) -> Iterator[Document]:
        """The events already over: nine in ten contributions of a ten-year site, in an index of their own that a
        reader's browser loads only when asked to search the past too."""
        for event in self.past_events:
            yield self.event(event)

    def _text(self, markdown: str | None) -> str:
        """A Markdown field's words (a transcript, a note) as a reader sees them."""
        return text_of(self.markdown(markdown)) if markdown else ""

    def _language(self, item) -> list[str]:
        return [language_name(item.lang, self.site.language)]

    def event(self, event) -> Document:
        data, facts = event.data, event.agenda
        filters = {"kind": [self.kinds["event"]]}
        for facet in FACETS:
            labels = [self.labels.get((facet, value), value) for value in facts.facets[facet]]
            if labels:
                filters[facet] = labels
        filters["language"] = self._language(event)
        if facts.is_past:
            occurrence = facts.last_occurrence
            months = [occurrence.day]
        else:
            occurrence = facts.next_occurrence
            months = sorted({o.day.replace(day=1) for o in facts.occurrences_ahead})[:MONTHS_AHEAD] or [occurrence.day]
        filters["month"] = list(dict.fromkeys(self.wording.month(day) for day in months))
        where = _where(event, occurrence) or (self.online if data.online else "")
        status = occurrence.status if occurrence.change is not None else data.status
        if facts.is_past and status == "full":  # over: being full says nothing any more
            status = "scheduled"
        organizer = data.organizer.name if data.organizer else ""
        return Document(
            url=event.url,
            title=event.title,
            words=[*data.performers, organizer, where, *data.tags],
            text=description_text(event),
            filters=filters,
            meta={
                "kind": self.kinds["event"],
                "when": self.wording.when(occurrence),
                "where": where,
                "status": self.statuses.get(status, status) if status != "scheduled" else "",
                "state": status if status != "scheduled" else "",
            },
        )

    def story(self, story) -> Document:
        data = story.data
        names = [] if data.anonymous else [data.teller or "", data.collected_by or "", data.translated_by or ""]
        place = story.place.title if story.place is not None else (data.place or "")  # a place's file, or a name
        filters = {"kind": [self.kinds["story"]], "language": self._language(story)}
        if story.place is not None:
            filters["place"] = [story.place.title]
        return Document(
            url=story.url,
            title=story.title,
            words=[*names, place, data.period or ""],
            text="\n\n".join(part for part in (description_text(story), self._text(data.transcript)) if part),
            filters=filters,
            meta={
                "kind": self.kinds["story"],
                "when": data.period or (self.wording.day(data.date) if data.date else ""),
                "where": place,
                "who": names[0] if names else "",
                "collection": story.collection.title,
            },
        )

    def track(self, track) -> Document:
        data = track.data
        return Document(
            url=track.url,
            title=track.title,
            words=[data.artist, data.album or ""],
            text="\n\n".join(part for part in (self._text(data.note), description_text(track)) if part),
            filters={"kind": [self.kinds["track"]]},
            meta={"kind": self.kinds["track"], "who": data.artist, "collection": track.collection.title},
        )

    def place(self, place) -> Document:
        data = place.data
        address = _address(data.address)
        filters = {"kind": [self.kinds["place"]], "place": [place.title]}
        accessibility = [self.accessibility.get(word, word) for word in data.accessibility]
        if accessibility:
            filters["accessibility"] = accessibility
        return Document(
            url=place.url,
            title=place.title,
            words=[data.area or "", address],
            text="\n\n".join(part for part in (self._text(data.description), self._text(data.access)) if part),
            filters=filters,
            meta={"kind": self.kinds["place"], "where": address},
        )


def _labels(site, vocabulary: str) -> dict[str, str]:
    """A vocabulary's words as readers see them, as the theme's `label` says them: in the interface's language,
    else in English, else the word itself."""
    return {
        word: labels.get(site.language) or labels.get("en", word)
        for word, labels in site.vocabularies.get(vocabulary, {}).items()
    }


def _address(address) -> str:
    if address is None:
        return ""
    parts = [getattr(address, name, None) for name in ("street", "postal_code", "city")]
    return " ".join(str(part) for part in parts if part)


def _where(event, occurrence) -> str:
    """The place in words, as the agenda lists it: a date's own place, the event's, or online."""
    if getattr(occurrence, "place_name", None):
        return occurrence.place_name
    if event.place is not None:
        return event.place.title
    if event.data.place is not None and event.data.place.name:
        return event.data.place.name
    return ""
