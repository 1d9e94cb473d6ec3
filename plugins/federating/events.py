"""One event as an ActivityStreams `Event` for its followers, as Mastodon, Mobilizon and Gancio read one
(FEP-8a8e, "A common approach to using the Event object type", and Mobilizon's own extensions).

A series is one object: its next date (`event.agenda.next_occurrence`: the next one not cancelled, unless
every date left is), with that date's own time, place and status, so it moves on with the build's today.
Mastodon shows an Event as its `name`, `summary` and `url`: `summary` is the line followers read, the
status first when the event is not going ahead as planned, then when and where in the site's language.

Everything contributed is untrusted: plain text in `name` and `summary`, escaped into `content`, which keeps
only what Mastodon keeps (`html.mastodon_html`). No e-mail address reaches the object: a booking's e-mail,
a place's contact, an organizer's mailto: link and the contributor's credit stay on the site's pages.
The runtime (`federation/`) adds `id`, `attributedTo`, `to`, `cc`, `published` and `@context`."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape
from sharing.cards import card_of
from sharing.texts import hashtag, hashtags

from agenda.jsonld import STATUS, event_location
from agenda.wording import Wording
from federating.html import mastodon_html
from publishing.encoding import one_line, web_address

FEP = "https://w3id.org/fep/8a8e/"
# iCalendar's STATUS, as Mobilizon sends and reads it ("ical:status"): a postponed event's date is not known
ICAL_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}
ONLINE_LINK = "Website"  # the name of the attachment Mobilizon takes for an event's online address
SEPARATOR = " — "


class EventObjects:
    """Makes the `Event` of each event of one build, in the site's language."""

    def __init__(self, settings: dict, site, gettext: Callable[[str], str], absolute, category_pages: dict):
        self.settings, self.site, self._ = settings, site, gettext
        self.absolute = absolute  # path -> the whole address (`feed_address_maker`)
        self.category_pages = category_pages  # category -> its agenda filter's path
        self.wording = Wording(site.language, site.timezone)

    def __call__(self, event) -> dict[str, Any]:
        data, occurrence = event.data, event.agenda.next_occurrence
        status = occurrence.status
        page = self.absolute(event.url)
        location = self.location(event, occurrence)
        found: dict[str, Any] = {
            "type": "Event",
            "name": one_line(event.title),
            "summary": self.summary(event, status, location),
            "content": self.content(event, occurrence, location, page),
            "mediaType": "text/html",
            "startTime": occurrence.start.isoformat(),
            **({"endTime": occurrence.end.isoformat()} if occurrence.end is not None else {}),
            "timezone": getattr(occurrence.start.tzinfo, "key", self.site.timezone),
            "location": location,
            "url": page,
            "attachment": self.attachment(event),
            "tag": self.tags(event),
            "ical:status": ICAL_STATUS.get(status, "CONFIRMED"),
            "eventStatus": FEP + STATUS[status],
            "inLanguage": data.language or self.site.content_language,
        }
        if data.booking is not None and (booking := web_address(data.booking.url)):
            found["joinMode"], found["externalParticipationUrl"] = "external", booking
        return found

    def label(self, vocabulary: str, word: str) -> str:
        """A vocabulary word as readers see it: in the site's language, else in English, else the word."""
        labels = self.site.vocabularies[vocabulary].get(word, {})
        return labels.get(self.site.language) or labels.get("en", word)

    def summary(self, event, status: str, location: dict) -> str:
        """One line: the status in words when it is not the usual one, the next date in words, and where."""
        said = self.label("statuses", status) if status != "scheduled" else ""
        return one_line(SEPARATOR.join(filter(None, (said, *self.facts(event, location)))))

    @staticmethod
    def facts(event, location: dict) -> tuple[str, str]:
        """The next date in words, and where on one line (the place's name and town, else the online address)."""
        if location["type"] == "VirtualLocation":
            return event.agenda.when_text, location["url"]
        town = location.get("address", {}).get("addressLocality")
        return event.agenda.when_text, ", ".join(filter(None, (location["name"], town)))

    def location(self, event, occurrence) -> dict[str, Any]:
        """Where the date takes place: its Place (the one it moved to, if it did) with its postal address and
        coordinates, else — online, or moved online — its VirtualLocation. One object, as Mobilizon reads it."""
        places = event_location(event, self.site.country, occurrence.moved_to)
        physical = [place for place in places if place["@type"] == "Place"]
        if physical and occurrence.status != "moved-online":
            place = physical[0]
            found = {"type": "Place", "name": one_line(place["name"])}
            if "address" in place:
                address = {key: one_line(value) for key, value in place["address"].items() if key != "@type"}
                found["address"] = {"type": "PostalAddress", **address}
            if "geo" in place:
                found["latitude"] = float(place["geo"]["latitude"])
                found["longitude"] = float(place["geo"]["longitude"])
            return found
        return {"type": "VirtualLocation", "url": web_address(event.data.online) or self.absolute(event.url)}

    def content(self, event, occurrence, location: dict, page: str) -> str:
        """The status and its note, when and where with the address, the description, the price and booking."""
        data, _ = event.data, self._
        paragraphs = []
        changed = occurrence.status != "scheduled"
        if changed or occurrence.note:  # a date of a series may move, with a word why, and still be "scheduled"
            planned = occurrence.planned or (data.previous_start if occurrence.status == "rescheduled" else None)
            before = f"{_('First planned for')} {self.wording.moment(planned)}" if planned else ""
            words = SEPARATOR.join(filter(None, (before, occurrence.note or (data.status_note if changed else None))))
            status = Markup("<strong>{}</strong>").format(self.label("statuses", occurrence.status)) if changed else ""
            paragraphs.append(Markup("<p>{}{}{}</p>").format(status, SEPARATOR if status and words else "", words))
        paragraphs.append(Markup("<p>{}{}{}</p>").format(event.agenda.when_text, SEPARATOR, self._where(location)))
        online = web_address(data.online)
        if online and location["type"] == "Place":  # both here and online
            paragraphs.append(Markup('<p>{}{}<a href="{}">{}</a></p>').format(_("Online"), SEPARATOR, online, online))
        paragraphs.append(Markup(event.content or ""))
        paragraphs += self._price_and_booking(data)
        return mastodon_html("".join(paragraphs), page)

    def _where(self, location: dict) -> Markup:
        if location["type"] == "VirtualLocation":
            return Markup('<a href="{}">{}</a>').format(location["url"], location["url"])
        address = location.get("address", {})
        town = " ".join(filter(None, (address.get("postalCode"), address.get("addressLocality"))))
        return escape(", ".join(filter(None, (location["name"], address.get("streetAddress"), town))))

    def _price_and_booking(self, data) -> list[Markup]:
        """The price and how to book, as the event page words them (no booking e-mail: see the module)."""
        _, found = self._, []
        if data.price is not None:
            price = data.price
            amounts = [
                _("%(label)s: %(amount)s") % {"label": amount.label, "amount": self._money(amount, price)}
                if amount.label
                else self._money(amount, price)
                for amount in price.amounts
            ]
            said = SEPARATOR.join(filter(None, (self.label("price_kinds", price.kind), ", ".join(amounts), price.note)))
            found.append(Markup("<p>{}</p>").format(_("%(label)s: %(amount)s") % {"label": _("Price"), "amount": said}))
        booking = data.booking
        if booking is not None and (booking.required or booking.url or booking.phone):
            parts = [escape(_("Booking required.")) if booking.required else ""]
            if url := web_address(booking.url):
                parts.append(Markup('<a href="{}">{}</a>').format(url, _("Book online")))
            parts.append(escape(booking.phone or ""))
            said = Markup(" ").join(part for part in parts if part)
            if said:
                label = Markup(escape(_("%(label)s: %(amount)s"))) % {"label": _("Booking"), "amount": said}
                found.append(Markup("<p>{}</p>").format(label))
        return found

    def _money(self, amount, price) -> str:
        return self.wording.money(amount.amount, price.currency)

    def attachment(self, event) -> list[dict]:
        """Its share picture (the build's card: title, date, place and status drawn in the site's look), with
        its text for those who cannot see it; and its online address as Mobilizon reads it."""
        card = card_of(self.settings, event)
        found = [
            {
                "type": "Document",
                "mediaType": mimetypes.guess_type(card.path)[0] or "image/jpeg",
                "url": self.absolute(card.path),
                "name": one_line(card.alt),
            }
        ]
        if online := web_address(event.data.online):
            found.append({"type": "Link", "name": ONLINE_LINK, "mediaType": "text/html", "href": online})
        return found

    def tags(self, event) -> list[dict]:
        """Its categories (linking to their agenda page) and tags as hashtags, as the share kit makes them."""
        data = event.data
        labels = {category: self.label("categories", category) for category in data.categories}
        pages = {
            hashtag(label).casefold(): self.absolute(self.category_pages[category])
            for category, label in labels.items()
            if category in self.category_pages
        }
        return [
            {"type": "Hashtag", "name": tag, **({"href": pages[tag.casefold()]} if tag.casefold() in pages else {})}
            for tag in hashtags([*labels.values(), *data.tags])
        ]
