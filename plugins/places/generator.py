"""The places generator: /places/ (a list by area, and a map that loads only when asked), GeoJSON and
JSON for other maps, and what place pages show (upcoming and past events, OpenStreetMap link, JSON-LD)."""

from __future__ import annotations

from collections import defaultdict

from pelican.generators import Generator

from places.geo import geojson, plain_list
from publishing.addresses import address_maker
from publishing.build import site_of
from publishing.encoding import web_address
from speed.output_record import output_record

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def place_json_ld(place, absolute, country: str) -> dict:
    data, address = place.data, place.data.address
    document = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": place.title,
        "url": absolute(place.url),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            "addressLocality": address.city,
            "addressCountry": address.country or country,
            **({"postalCode": address.postal_code} if address.postal_code else {}),
        },
    }
    if data.coordinates:
        document["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": data.coordinates.lat,
            "longitude": data.coordinates.lon,
        }
    if website := web_address(data.website):
        document["sameAs"] = website
    if data.accessibility:
        document["amenityFeature"] = [
            {"@type": "LocationFeatureSpecification", "name": word, "value": True} for word in data.accessibility
        ]
    return document


class PlacesGenerator(Generator):
    def generate_context(self):
        self.site = site_of(self.settings)
        self.absolute = address_maker(self.settings)
        areas = defaultdict(list)
        agenda = self.context.get("agenda")
        past = set(agenda.past) if agenda else set()
        for place in self.context.get("places", []):
            events = [e for e in place.events if not e.is_translation]
            place.upcoming = sorted(
                (e for e in events if e.agenda.occurrences_ahead), key=lambda e: e.agenda.occurrences_ahead[0].start
            )
            place.past = sorted(
                (e for e in events if e in past),  # the agenda decides what is past; latest first
                key=lambda e: (e.agenda.last_occurrence.start, e.slug),
                reverse=True,
            )
            place.json_ld = place_json_ld(place, self.absolute, self.site.country)
            areas[place.data.area or ""].append(place)
        self.context["places_by_area"] = sorted(areas.items(), key=lambda item: (item[0] == "", item[0].lower()))
        self.context["map_tiles"] = self.settings.get("KIOSQUE_MAP_TILES", DEFAULT_TILES)
        self.context["map_on_load"] = bool(self.settings.get("KIOSQUE_MAP_ON_LOAD", False))

    def generate_output(self, writer):
        writer.write_file(
            "places/index.html",
            self.get_template("places_index"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="places/",
        )
        when = self.env.filters["when"]
        places = self.context.get("places", [])
        output_record(self.settings).write("places.geojson", geojson(places, self.absolute, when))
        output_record(self.settings).write("places.json", plain_list(places, self.absolute, when))
