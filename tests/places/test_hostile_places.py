"""What other maps reuse of a place (GeoJSON, the plain list) is JSON that any parser reads, holding the
names as written, whatever characters they hold."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from conftest import build as build_site
from conftest import write_files

from places.geo import geojson, plain_list

CLOSING = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-places")
    write_files(
        root / "content",
        {
            "places/salle.yaml": f"name: 'Salle {CLOSING}'\narea: 'Les <b>Lilas</b>'\naddress:\n  street: 1 rue Haute\n"
            "  city: Lyon\ncoordinates: {lat: 45.75, lon: 4.84}\n",
        },
    )
    return build_site(root, today="2027-03-01")


def test_places_data_holds_names_as_written(built):
    (feature,) = json.loads(built.read("places.geojson"))["features"]
    assert feature["properties"]["name"] == f"Salle {CLOSING}" and feature["properties"]["area"] == "Les <b>Lilas</b>"
    assert json.loads(built.read("places.json"))[0]["name"] == f"Salle {CLOSING}"


def test_a_name_utf_8_cannot_encode_still_gives_json():
    place = SimpleNamespace(
        slug="salle",
        title="Salle \ud800 \x01 \u2028fin",
        url="places/salle/",
        upcoming=[],
        data=SimpleNamespace(
            area=None,
            accessibility=[],
            coordinates=SimpleNamespace(lat=1.0, lon=2.0),
            address=SimpleNamespace(street="1 rue", postal_code=None, city="Lyon"),
        ),
    )
    collection = json.loads(geojson([place], str, str).decode("utf-8"))  # strict: a lone surrogate would not encode
    listed = json.loads(plain_list([place], str, str).decode("utf-8"))
    assert collection["features"][0]["properties"]["name"] == listed[0]["name"] == "Salle \ufffd \x01 \u2028fin"
