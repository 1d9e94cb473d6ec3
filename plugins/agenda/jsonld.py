"""schema.org Event for an event page, with the properties search engines require and recommend."""

from __future__ import annotations

import datetime as dt
from typing import Any

STATUS = {
    "scheduled": "EventScheduled", "full": "EventScheduled", "cancelled": "EventCancelled",
    "postponed": "EventPostponed", "rescheduled": "EventRescheduled", "moved-online": "EventMovedOnline",
}
SCHEMA = "https://schema.org/"


def _moment(value: dt.datetime, all_day: bool) -> str:
    return value.date().isoformat() if all_day else value.isoformat()


def _address(address, country: str) -> dict:
    found = {"@type": "PostalAddress", "streetAddress": address.street, "addressLocality": address.city,
             "addressCountry": address.country or country}
    if address.postal_code:
        found["postalCode"] = address.postal_code
    return found


def _location(event, country: str) -> list[dict]:
    data, found = event.data, []
    place = getattr(event, "place", None)
    if place is not None:
        location = {"@type": "Place", "name": place.title, "address": _address(place.data.address, country)}
        if place.data.coordinates:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": place.data.coordinates.lat,
                               "longitude": place.data.coordinates.lon}
        found.append(location)
    elif data.place is not None:
        location = {"@type": "Place", "name": data.place.name}
        if data.place.address:
            location["address"] = _address(data.place.address, country)
        found.append(location)
    if data.online:
        found.append({"@type": "VirtualLocation", "url": data.online})
    return found


def _offers(data, page_url: str) -> list[dict]:
    price = data.price
    if price is None:
        return []
    availability = SCHEMA + {"full": "SoldOut", "cancelled": "Discontinued"}.get(data.status, "InStock")
    url = data.booking.url if data.booking and data.booking.url else page_url
    if not price.amounts:  # free, pay-what-you-can, au chapeau: nothing to pay to get in
        return [{"@type": "Offer", "price": 0, "priceCurrency": price.currency, "availability": availability, "url": url}]
    return [
        {"@type": "Offer", "price": float(amount.amount), "priceCurrency": price.currency, "availability": availability,
         "url": url, **({"name": amount.label} if amount.label else {})}
        for amount in price.amounts
    ]


def event_json_ld(event, first, page_url: str, image_url: str | None, description: str, language: str, country: str) -> dict[str, Any]:
    """`first` is the event's first occurrence; a series adds its next dates as sub-events."""
    data = event.data
    modes = {(True, False): "Offline", (False, True): "Online", (True, True): "Mixed"}
    mode = modes.get((data.place is not None, data.online is not None), "Offline")
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": data.title,
        "startDate": _moment(first.start, first.all_day),
        "eventStatus": SCHEMA + STATUS[data.status],
        "eventAttendanceMode": f"{SCHEMA}{mode}EventAttendanceMode",
        "location": _location(event, country),
        "description": description,
        "url": page_url,
        "inLanguage": data.language or language,
    }
    if first.end is not None:
        end = first.end - dt.timedelta(days=1) if first.all_day else first.end
        document["endDate"] = _moment(end, first.all_day)
    if data.previous_start is not None:
        previous = data.previous_start
        if isinstance(previous, dt.datetime):
            previous = previous.replace(tzinfo=first.start.tzinfo)  # the same zone as the event
        document["previousStartDate"] = previous.isoformat()
    if image_url:
        document["image"] = [image_url]
    if offers := _offers(data, page_url):
        document["offers"] = offers
    if data.organizer:
        document["organizer"] = {"@type": "Organization", "name": data.organizer.name,
                                 **({"url": data.organizer.url} if data.organizer.url else {})}
    if data.performers:
        document["performer"] = [{"@type": "PerformingGroup", "name": name} for name in data.performers]
    ahead = getattr(event, "occurrences_ahead", [])
    if (data.recurrence or data.rrule) and ahead:
        document["subEvent"] = [
            {"@type": "Event", "name": data.title, "startDate": _moment(o.start, o.all_day),
             **({"endDate": _moment(o.end, o.all_day)} if o.end and not o.all_day else {}),
             "location": document["location"], "eventAttendanceMode": document["eventAttendanceMode"],
             "eventStatus": document["eventStatus"]}
            for o in ahead[:20]
        ]
    return document
