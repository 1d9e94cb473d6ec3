"""schema.org Event for an event page, with the properties search engines require and recommend."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from publishing.encoding import web_address
from publishing.structured_data import address_region

NEXT_DATES = 10  # a series' dates given as sub-events: as many as its page lists (event.html, "Next dates")
# Contributors write performers as names only: a name whose first word (after an article) is one of these,
# or that starts with a plural article, is a group; anyone else is a person (speakers, hosts, artists).
GROUP_WORDS = frozenset(
    {
        "band",
        "batucada",
        "brass",
        "chorale",
        "choeur",
        "chœur",
        "choir",
        "cie",
        "club",
        "collectif",
        "collective",
        "company",
        "compagnie",
        "duo",
        "ensemble",
        "fanfare",
        "group",
        "groupe",
        "orchestra",
        "orchestre",
        "quartet",
        "quatuor",
        "quintet",
        "quintette",
        "trio",
        "troupe",
    }
)
ARTICLES, PLURAL_ARTICLES = frozenset({"l", "la", "le", "the"}), frozenset({"les"})
STATUS = {
    "scheduled": "EventScheduled",
    "full": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
    "moved-online": "EventMovedOnline",
}
SCHEMA = "https://schema.org/"


def _moment(value: dt.datetime, all_day: bool) -> str:
    return value.date().isoformat() if all_day else value.isoformat()


def _address(address, country: str) -> dict:
    country = address.country or country
    found = {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "addressLocality": address.city,
        "addressCountry": country,
    }
    if address.postal_code:
        found["postalCode"] = address.postal_code
    if region := address_region(country, address.postal_code):
        found["addressRegion"] = region
    return found


def event_location(event, country: str, moved_to=None) -> list[dict]:
    """Where the event is, as schema.org says it (the fediverse's Event says it alike: `federating`);
    `moved_to`: where one date of a series moved (a place file's content, or inline)."""
    data, found = event.data, []
    place = getattr(event, "place", None) if moved_to is None else moved_to
    inline = data.place if moved_to is None else moved_to
    if place is not None and hasattr(place, "data"):
        location = {"@type": "Place", "name": place.title, "address": _address(place.data.address, country)}
        if place.data.coordinates:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": place.data.coordinates.lat,
                "longitude": place.data.coordinates.lon,
            }
        found.append(location)
    elif inline is not None:
        location = {"@type": "Place", "name": inline.name}
        if inline.address:
            location["address"] = _address(inline.address, country)
        found.append(location)
    if data.online:
        found.append({"@type": "VirtualLocation", "url": data.online})
    return found


def _offers(data, page_url: str, published: dt.datetime | None) -> list[dict]:
    """Entry is open, or tickets on sale, from the day the event was announced here (`published`)."""
    price = data.price
    if price is None:
        return []
    common = {
        "@type": "Offer",
        "priceCurrency": price.currency,
        "availability": SCHEMA + {"full": "SoldOut", "cancelled": "Discontinued"}.get(data.status, "InStock"),
        "url": data.booking.url if data.booking and data.booking.url else page_url,
        **({"validFrom": published.isoformat()} if published else {}),
    }
    if not price.amounts:  # free, pay-what-you-can, au chapeau: nothing to pay to get in
        return [{**common, "price": 0}]
    return [
        {**common, "price": float(amount.amount), **({"name": amount.label} if amount.label else {})}
        for amount in price.amounts
    ]


def _organizer(organizer, page: str | None) -> dict:
    """Its own web site, else the site's page for it (a place of the site with its name), else no address.
    A contact link in mailto: is its e-mail, not its site."""
    found = {"@type": "Organization", "name": organizer.name}
    link = organizer.url or ""
    if link.lower().startswith("mailto:"):
        found["email"] = link[len("mailto:") :]
    if address := web_address(link) or page:
        found["url"] = address
    return found


def _performer(name: str) -> dict:
    """A Person or a PerformingGroup, as Google asks, told apart by the name alone (see GROUP_WORDS)."""
    words = re.findall(r"\w+", name.casefold())
    named = words[1:2] if words[:1] and words[0] in ARTICLES else words[:1]
    group = bool(words) and (words[0] in PLURAL_ARTICLES or bool(set(named) & GROUP_WORDS))
    return {"@type": "PerformingGroup" if group else "Person", "name": name}


def _dates(occurrence) -> dict[str, str]:
    """An all-day event's end is the day after its last one in the agenda; schema.org's is that last day."""
    found = {"startDate": _moment(occurrence.start, occurrence.all_day)}
    if occurrence.end is not None:
        end = occurrence.end - dt.timedelta(days=1) if occurrence.all_day else occurrence.end
        found["endDate"] = _moment(end, occurrence.all_day)
    return found


def event_json_ld(
    event,
    first,
    page_url: str,
    image_url: str | None,
    description: str,
    language: str,
    country: str,
    published: dt.datetime | None = None,
    organizer_page: str | None = None,
) -> dict[str, Any]:
    """`first` is the date given first (the next one); a series adds the dates its page lists as sub-events,
    each one whole, as Google reads each Event: name, dates, place, status, description, offers, page.
    `published`: when the event was announced here; `organizer_page`: the site's page for its organizer."""
    data = event.data
    modes = {(True, False): "Offline", (False, True): "Online", (True, True): "Mixed"}
    mode = modes.get((data.place is not None, data.online is not None), "Offline")
    common: dict[str, Any] = {
        "@type": "Event",
        "name": data.title,
        "eventStatus": SCHEMA + STATUS[data.status],
        "eventAttendanceMode": f"{SCHEMA}{mode}EventAttendanceMode",
        "location": event_location(event, country),
        "description": description,
        "url": page_url,
        "inLanguage": data.language or language,
    }
    if image_url:
        common["image"] = [image_url]
    if offers := _offers(data, page_url, published):
        common["offers"] = offers
    if data.organizer:
        common["organizer"] = _organizer(data.organizer, organizer_page)
    if data.performers:
        common["performer"] = [_performer(name) for name in data.performers]
    document: dict[str, Any] = {"@context": "https://schema.org", **_sub_event(common, first, event, country)}
    if data.previous_start is not None:
        previous = data.previous_start
        if isinstance(previous, dt.datetime):
            previous = previous.replace(tzinfo=first.start.tzinfo)  # the same zone as the event
        document["previousStartDate"] = previous.isoformat()
    ahead = event.agenda.occurrences_ahead
    if (data.recurrence or data.rrule) and ahead:
        document["subEvent"] = [_sub_event(common, occurrence, event, country) for occurrence in ahead[:NEXT_DATES]]
    return document


def _sub_event(common: dict, occurrence, event, country: str) -> dict:
    """One date of a series, as its change says: its own status, its new date and place (and the one planned)."""
    found = {**common, **_dates(occurrence)}
    if occurrence.change is not None:
        found["eventStatus"] = SCHEMA + STATUS[occurrence.status]
    if occurrence.planned is not None:
        found["previousStartDate"] = _moment(occurrence.planned, occurrence.all_day)
    if occurrence.moved_to is not None:
        found["location"] = event_location(event, country, occurrence.moved_to)
    return found
