"""Places: each page lists exactly its events, the GeoJSON other maps reuse, and a map that asks
nothing of another host until the reader wants it — checked in Chromium."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from conftest import serve
from lxml import html

PLACES = {
    "places/mediatheque.yaml": "name: Médiathèque\narea: Les Lilas\naddress:\n  street: 14 rue des Lilas\n"
    "  city: Lyon\n"
    "coordinates: {lat: 45.7532, lon: 4.8461}\n",
    "places/cafe.yaml": "name: Café\narea: Les Lilas\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"
    "coordinates: {lat: 45.751, lon: 4.849}\n",
    "places/garage.yaml": "name: Garage\narea: La Fonderie\naddress:\n  street: 8 impasse Basse\n  city: Lyon\n",
}


def event(title, start, place, extra=""):
    return f"---\ntitle: {title}\nstart: {start}\nplace: {place}\ncategories: [concert]\n{extra}---\nTexte.\n"


FILES = {
    **PLACES,
    "events/2026/passe.md": event("Concert passé", "2026-11-20 20:00", "mediatheque"),
    "events/2026/serie.md": event(
        "Conte", "2026-11-04 10:00", "mediatheque", "recurrence: {frequency: weekly, count: 10}\n"
    ),
    "events/2026/futur.md": event("Concert à venir", "2026-12-12 20:00", "mediatheque"),
    "events/2026/ailleurs.md": event("Au café", "2026-12-13 20:00", "cafe"),
}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("places")
    write_files(root / "content", FILES)
    return build_site(root, today="2026-12-01")


def test_a_place_page_lists_exactly_its_events_split_by_today(build):
    page = html.fromstring(build.read("places/mediatheque/index.html"))
    assert page.xpath("//ul[@class='events upcoming']//a/text()") == ["Conte", "Concert à venir"]  # series included
    assert page.xpath("//ul[@class='events past']//a/text()") == ["Concert passé"]
    assert "openstreetmap.org/?mlat=45.7532&mlon=4.8461" in build.read("places/mediatheque/index.html").replace(
        "&amp;", "&"
    )
    ld = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert (ld["@type"], ld["geo"]["latitude"]) == ("Place", 45.7532)
    assert page.xpath("//main//a[contains(., '(iCal)')]/@href")[0].endswith("feeds/agenda/place/mediatheque.ics")


def test_geojson_follows_rfc_7946(build):
    document = json.loads(build.read("places.geojson"))
    assert document["type"] == "FeatureCollection"
    features = {f["id"]: f for f in document["features"]}
    assert set(features) == {"mediatheque", "cafe"}  # every place with coordinates
    for feature in features.values():
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert features["mediatheque"]["geometry"]["coordinates"] == [4.8461, 45.7532]  # longitude first
    assert [e["title"] for e in features["mediatheque"]["properties"]["upcoming"]] == ["Conte", "Concert à venir"]
    listing = json.loads(build.read("places.json"))
    assert {item["slug"] for item in listing} == {"mediatheque", "cafe", "garage"}  # all places, mapped or not


def test_the_list_reads_without_javascript(build):
    page = html.fromstring(build.read("places/index.html"))
    assert page.xpath("//section/h2/text()")[1:] == ["La Fonderie", "Les Lilas"]
    assert [a.text for a in page.xpath("//ul[@class='places']//a")] == ["Garage", "Café", "Médiathèque"]
    assert page.xpath("//img") == [] and page.xpath("//iframe") == []
    loaded = page.xpath("//script/@src|//link[@rel!='canonical']/@href")  # the canonical address is named, not loaded
    assert loaded and all(not urlsplit(src).netloc for src in loaded)


@pytest.fixture(scope="module")
def server(build):
    with serve(build.output) as address:
        yield address


def visit(chromium, url, javascript=True, click=False):
    context = chromium.new_context(java_script_enabled=javascript)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(
        "**/*",
        lambda route: route.abort() if urlsplit(route.request.url).hostname != "127.0.0.1" else route.continue_(),
    )  # nothing leaves the machine, but every attempt is counted
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if click:
        page.click("button.show-map")
        page.wait_for_selector("#places-map[data-markers]")
    return context, page, [r for r in requests if urlsplit(r).hostname != "127.0.0.1"]


def test_without_the_button_no_request_leaves_the_site(chromium, server):
    for javascript in (False, True):
        context, page, outside = visit(chromium, f"{server}/places/", javascript=javascript)
        assert outside == []
        assert page.locator("ul.places li").count() == 3
        assert page.locator("button.show-map").is_visible() == javascript  # no dead button without JavaScript
        context.close()


def test_after_the_button_the_map_shows_a_marker_per_mapped_place(chromium, server):
    context, page, outside = visit(chromium, f"{server}/places/", click=True)
    assert page.locator("#places-map.leaflet-container").count() == 1
    assert page.get_attribute("#places-map", "data-markers") == "2"
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert outside and all(urlsplit(url).hostname == "tile.openstreetmap.org" for url in outside)  # tiles only
    context.close()


@pytest.fixture(scope="module")
def server_map_on_load(tmp_path_factory):
    """The same places on a site that shows the map as the page loads (KIOSQUE_MAP_ON_LOAD)."""
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("places-on-load")
    write_files(root / "content", FILES)
    with serve(build_site(root, today="2026-12-01", KIOSQUE_MAP_ON_LOAD=True).output) as address:
        yield address


def list_top(chromium, url, script=True) -> float:
    """Where the list of places stands once the page has loaded, with its map script run (and the map shown,
    when the site shows it on load) or with the script never arriving, as at the first paint."""
    context = chromium.new_context()
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.abort()
            if urlsplit(route.request.url).hostname != "127.0.0.1"
            or (not script and route.request.url.endswith("/places-map.js"))
            else route.continue_()
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if script and page.get_attribute("#places-map", "data-on-load"):
        page.wait_for_selector("#places-map[data-markers]")
    top = page.evaluate("document.querySelector('ul.places').getBoundingClientRect().top")
    context.close()
    return top


@pytest.mark.parametrize("address", ["server", "server_map_on_load"])
def test_the_places_do_not_move_when_the_map_comes(chromium, request, address):
    url = request.getfixturevalue(address) + "/places/"
    assert list_top(chromium, url) == list_top(chromium, url, script=False)


def test_a_place_page_shows_its_latest_past_events_not_its_whole_history(site_factory):
    files = {"places/mediatheque.yaml": PLACES["places/mediatheque.yaml"]}
    for day in range(1, 26):  # 25 past evenings, one a day in October
        files[f"events/2026/soiree-{day:02d}.md"] = event(f"Soirée {day}", f"2026-10-{day:02d} 20:00", "mediatheque")
    page = html.fromstring(site_factory(files, today="2026-12-01").read("places/mediatheque/index.html"))
    assert page.xpath("//ul[@class='events past']//a/text()") == [f"Soirée {day}" for day in range(25, 5, -1)]
    assert "5 événements plus anciens" in page.text_content()
