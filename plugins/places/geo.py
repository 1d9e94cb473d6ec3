"""Places as data other maps can reuse: GeoJSON (RFC 7946, longitude before latitude) and a plain list."""

from __future__ import annotations

from publishing.encoding import json_bytes


def _upcoming(place, absolute, when) -> list[dict]:
    return [
        {"title": e.title, "url": absolute(e.url), "when": when(e.agenda.occurrences_ahead[0])} for e in place.upcoming
    ]


def _properties(place, absolute, when) -> dict:
    data = place.data
    address = data.address
    return {
        "name": place.title,
        "url": absolute(place.url),
        "area": data.area,
        "address": ", ".join(filter(None, [address.street, f"{address.postal_code or ''} {address.city}".strip()])),
        "accessibility": list(data.accessibility),
        "upcoming": _upcoming(place, absolute, when),
    }


def geojson(places, absolute, when) -> bytes:
    features = [
        {
            "type": "Feature",
            "id": place.slug,
            "geometry": {"type": "Point", "coordinates": [place.data.coordinates.lon, place.data.coordinates.lat]},
            "properties": _properties(place, absolute, when),
        }
        for place in places
        if place.data.coordinates
    ]
    return json_bytes({"type": "FeatureCollection", "features": features}, indent=1)


def plain_list(places, absolute, when) -> bytes:
    items = []
    for place in places:
        item = {"slug": place.slug, **_properties(place, absolute, when)}
        if place.data.coordinates:
            item["lat"], item["lon"] = place.data.coordinates.lat, place.data.coordinates.lon
        items.append(item)
    return json_bytes(items, indent=1)
