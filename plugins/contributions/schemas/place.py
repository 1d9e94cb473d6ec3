"""Schema of a place (content/places/<slug>.yaml): a venue that events and stories point to."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, ValidationInfo, model_validator

from contributions.schemas.fields import (
    Address,
    Email,
    LongText,
    Phone,
    Schema,
    Terms,
    Text,
    WebLink,
    invalid,
    site_rule,
)


class Coordinates(Schema):
    """Where the place is on a map, in decimal degrees (WGS 84, as OpenStreetMap gives them)."""

    lat: Annotated[float, Field(ge=-90, le=90)] = Field(description="Latitude, e.g. 48.8566 (north is positive).")
    lon: Annotated[float, Field(ge=-180, le=180)] = Field(description="Longitude, e.g. 2.3522 (east is positive).")

    @model_validator(mode="after")
    def _inside_site_area(self, info: ValidationInfo) -> Coordinates:
        area = site_rule(info, "area")
        if area:
            south, west, north, east = area
            if not (south <= self.lat <= north and west <= self.lon <= east):
                if south <= self.lon <= north and west <= self.lat <= east:
                    raise invalid("coordinates_swapped", lat=self.lat, lon=self.lon)
                raise invalid("coordinates_outside", lat=self.lat, lon=self.lon)
        return self


class Place(Schema):
    """A venue: the médiathèque, the café associatif, the park bandstand."""

    name: Text = Field(description="The name people know the place by.")
    address: Address = Field(description="Postal address.")
    area: Text | None = Field(None, description="Neighbourhood or part of town, used to group places.")
    coordinates: Coordinates | None = Field(None, description="Position on the map (lat and lon).")
    description: LongText | None = Field(None, description="A few words about the place (Markdown).")
    access: LongText | None = Field(
        None, description="How to get there: transport, entrance, steps, parking (Markdown)."
    )
    accessibility: Terms("accessibility") = Field(
        default_factory=list, description="Accessibility features of the place, from the site's list."
    )
    website: WebLink | None = Field(None, description="The place's web site (https://...).")
    email: Email | None = Field(
        None, description="A public contact address of the place (never a person's private e-mail)."
    )
    phone: Phone | None = Field(None, description="A public phone number of the place.")


EXAMPLE = """\
name: Médiathèque des Lilas
address:
  street: 12 rue des Lilas
  postal_code: "69007"
  city: Lyon
area: Les Lilas
coordinates:
  lat: 45.7521
  lon: 4.8462
access: Tram T2, arrêt Jean Macé ; entrée de plain-pied côté square.
accessibility: [wheelchair, hearing-loop]
website: https://mediatheque.example.org
"""
