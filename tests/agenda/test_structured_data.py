"""Event pages' JSON-LD read as Google's event search reads it, from the built HTML (Search Central, "Event
structured data"). Required: name, startDate, location (a Place with its address, or a VirtualLocation
with its url). Recommended: description, endDate, eventStatus, eventAttendanceMode, image, offers (price,
priceCurrency, availability, validFrom, url), organizer (name, url), performer (a Person or a
PerformingGroup, named). A series lists the dates its page shows, each an Event Google can take on its
own. Every type, property and value as schema.org defines them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import REPO, build, write_files
from lxml import html

from publishing.structured_data import address_region
from tests.agenda.structured_data_reader import SCHEMA, commit, first_commit, moment, nodes, vocabulary_errors

SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False}
STATUSES = {
    SCHEMA + name
    for name in ("EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline")
}
MODES = {f"{SCHEMA}{mode}EventAttendanceMode" for mode in ("Offline", "Online", "Mixed")}
ADDRESS = ("streetAddress", "addressLocality", "postalCode", "addressRegion", "addressCountry")


def google_event(event: dict, page_url: str) -> None:
    """Google's rules for one Event, each property it has checked as Google wants it."""
    assert event["name"].strip() and event["description"].strip()
    start = moment(event["startDate"])
    if "endDate" in event:
        end = moment(event["endDate"])
        assert type(end) is type(start) and end >= start
    assert event["eventStatus"] in STATUSES and event["eventAttendanceMode"] in MODES
    assert event["url"] == page_url
    for location in event["location"]:
        if location["@type"] == "Place":
            assert location["name"] and location["address"]["@type"] == "PostalAddress"
            assert all(location["address"].get(name) for name in ("streetAddress", "addressLocality", "addressCountry"))
        else:
            assert location["@type"] == "VirtualLocation" and location["url"].startswith("https://")
    for offer in event.get("offers", []):
        assert float(offer["price"]) >= 0 and re.fullmatch(r"[A-Z]{3}", offer["priceCurrency"])
        assert offer["availability"].startswith(SCHEMA) and offer["url"].startswith("https://")
        if "validFrom" in offer:  # present once the event is announced (asserted below)
            moment(offer["validFrom"])
    if "organizer" in event:
        assert event["organizer"]["name"]
    for performer in event.get("performer", []):
        assert performer["@type"] in ("Person", "PerformingGroup") and performer["name"]
    assert all(image.startswith("https://") for image in event.get("image", []))
    assert vocabulary_errors(event) == []


def next_dates(page: Path) -> list[str]:
    """The datetime of each date the page lists under "Next dates", as a reader sees them."""
    tree = html.fromstring(page.read_text(encoding="utf-8"))
    return tree.xpath("//dt[.='Prochaines dates']/following-sibling::dd[1]//time/@datetime")


# --- the sample site, built from the repository's content and its git history --------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample-structured")
    return build(root, PATH=str(REPO / "content"), **SITE)


def sample_events(sample) -> list[tuple[Path, dict]]:
    """Each event file of the sample with its page's Event."""
    found = []
    for source in sorted((REPO / "content/events").glob("*/*.md")):
        page = sample.output / "agenda" / source.stem / "index.html"
        found += [(source, event) for event in nodes(page, "Event")]
    return found


def test_every_sample_event_follows_googles_rules(sample):
    events = sample_events(sample)
    assert len(events) >= 35
    for source, event in events:
        google_event(event, f"https://agenda.example.org/agenda/{source.stem}/")
        for sub in event.get("subEvent", []):
            google_event({"@context": "https://schema.org", **sub}, event["url"])


def test_sample_offers_are_valid_from_the_day_the_event_reached_the_site(sample):
    priced = [(source, event) for source, event in sample_events(sample) if "offers" in event]
    assert len(priced) >= 35
    for source, event in priced:
        announced = first_commit(source)
        for offer in event["offers"] + [offer for sub in event.get("subEvent", []) for offer in sub["offers"]]:
            assert moment(offer["validFrom"]) == announced


def test_sample_places_are_in_their_region(sample):
    addresses = [
        location["address"]
        for _, event in sample_events(sample)
        for location in event["location"]
        if location["@type"] == "Place"
    ]
    assert len(addresses) >= 35
    assert {address["postalCode"] for address in addresses} == {"69007"}
    assert all(all(address.get(name) for name in ADDRESS) for address in addresses)
    assert {address["addressRegion"] for address in addresses} == {"Auvergne-Rhône-Alpes"}


def test_sample_organizers_have_their_site_or_the_sites_page_for_them(sample):
    organizers = {event["organizer"]["name"]: event["organizer"] for _, event in sample_events(sample)}
    assert (
        organizers["Médiathèque des Lilas"]["url"] == "https://mediatheque-lilas.example.org"
    )  # its place file's site
    assert organizers["Collectif des habitants des Lilas"]["url"] == "https://habitants-lilas.example.org"  # its own
    assert "url" not in organizers["Ciné-club des Tilleuls"]  # no site, no page: none made up
    assert sum("url" in organizer for organizer in organizers.values()) >= len(organizers) - 3


def test_sample_performers_are_people_or_groups(sample):
    kinds = {
        performer["name"]: performer["@type"]
        for _, event in sample_events(sample)
        for performer in event.get("performer", [])
    }
    for group in (
        "Les Cordes sensibles",
        "Chorale des Lilas",
        "Trio Bouchon",
        "Compagnie Pas de Loup",
        "Fanfare Les Cuivres Rouillés",
        "Les Canuts électriques",
    ):
        assert kinds[group] == "PerformingGroup"
    for person in ("Madame Suzie", "Odile Fabre (direction)", "Élise Marchand (historienne)", "Malik", "Siobhan"):
        assert kinds[person] == "Person"


def test_sample_series_give_the_dates_their_page_shows(sample):
    series = [(source, event) for source, event in sample_events(sample) if "subEvent" in event]
    assert series
    for source, event in series:
        shown = next_dates(sample.output / "agenda" / source.stem / "index.html")
        assert [sub["startDate"][:10] for sub in event["subEvent"]] == [day[:10] for day in shown]


# --- targeted fixtures: a git repository with known commit dates ---------------------------------------------


def event(title: str, start: str, extra: str = "", place: str = "place: mediatheque") -> str:
    return f"---\ntitle: {title}\nstart: {start}\n{place}\ncategories: [concert]\n{extra}---\nUn texte.\n"


PLACES = {
    "places/mediatheque.yaml": "name: Médiathèque des Lilas\naddress: {street: 14 rue des Lilas, postal_code: '75011', "
    "city: Paris}\nwebsite: https://mediatheque.example.org\n",
    "places/librairie.yaml": "name: Librairie du Coin\naddress: {street: 2 rue Haute, postal_code: '20000', "
    "city: Ajaccio}\n",
}
EVENTS = {
    "events/2027/concert.md": event(
        "Concert du printemps",
        "2027-03-20 20:30",
        "end: 2027-03-20 22:30\nprice: {kind: paid, amounts: [{label: plein, amount: 8}, {label: réduit, amount: 5}]}\n"
        "booking: {url: 'https://billets.example.org/concert'}\n"
        "organizer: {name: Les Amis du Concert, url: 'https://amis.example.org'}\n"
        "performers: [Les Cordes sensibles, Odile Fabre (direction), La Fanfare du Coin, Quatuor Ébène, "
        "Madame Suzie, Marie Curie]\n",
    ),
    "events/2027/atelier.md": event(
        "Atelier gravure", "2027-03-21 14:00", "price: free\norganizer: médiathèque  des lilas\n"
    ),
    "events/2027/lecture.md": event(
        "Lecture", "2027-03-22 18:00", "price: free\norganizer: Librairie du Coin\n", place="place: librairie"
    ),
    "events/2027/contact.md": event(
        "Rencontre",
        "2027-03-23 18:00",
        "price: free\norganizer: {name: Les Voisins, url: 'mailto:voisins@example.org'}\n",
    ),
    "events/2027/inconnu.md": event(
        "Projection",
        "2027-03-24 20:00",
        "price: free\norganizer: Ciné-club du Parc\n",
        place="place: {name: Salle Jaurès, address: {street: 1 rue Neuve, "
        "postal_code: '1000', city: Bruxelles, country: BE}}",
    ),
    "events/2027/club.md": event(
        "Club de lecture",
        "2027-01-06 18:00",
        "end: 2027-01-06 19:30\nprice: free\nrecurrence: {frequency: weekly, weekdays: "
        "[wednesday], until: 2027-12-29}\norganizer: Librairie du Coin\n"
        "performers: [Nora]\n",
    ),
}
LATER = {"events/2027/festival.md": event("Festival", "2027-06-04", "end: 2027-06-06\nprice: 12\n")}
UNCOMMITTED = {"events/2027/nouveau.md": event("Nouveau", "2027-04-01 10:00", "price: free\n")}
FIRST, SECOND = "2026-10-01T12:00:00+00:00", "2026-11-15T08:30:00+00:00"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("structured")
    write_files(root / "content", {**PLACES, **EVENTS})
    commit(root, FIRST, "content")
    write_files(root / "content", LATER)
    commit(root, SECOND, "content")
    write_files(root / "content", UNCOMMITTED)
    return build(root, **SITE)


def page_event(site, slug: str) -> dict:
    found = nodes(site.output / f"agenda/{slug}/index.html", "Event")
    assert len(found) == 1
    return found[0]


def test_fixture_events_follow_googles_rules(site):
    assert site.warnings == []
    for slug in ("concert", "atelier", "lecture", "contact", "inconnu", "club", "festival", "nouveau"):
        document = page_event(site, slug)
        google_event(document, f"https://agenda.example.org/agenda/{slug}/")
        for sub in document.get("subEvent", []):
            google_event({"@context": "https://schema.org", **sub}, document["url"])


def test_offers_are_valid_from_the_first_commit_and_never_before_one(site):
    assert {offer["validFrom"] for offer in page_event(site, "concert")["offers"]} == {FIRST}
    assert [offer["validFrom"] for offer in page_event(site, "festival")["offers"]] == [SECOND]
    assert [offer["price"] for offer in page_event(site, "concert")["offers"]] == [8, 5]
    assert {offer["url"] for offer in page_event(site, "concert")["offers"]} == {"https://billets.example.org/concert"}
    assert page_event(site, "atelier")["offers"][0]["url"] == "https://agenda.example.org/agenda/atelier/"
    assert all("validFrom" not in offer for offer in page_event(site, "nouveau")["offers"])  # not announced yet


def test_organizers_url_is_their_site_else_the_sites_page_for_them(site):
    assert page_event(site, "concert")["organizer"]["url"] == "https://amis.example.org"
    assert page_event(site, "atelier")["organizer"]["url"] == "https://mediatheque.example.org"  # the place's site
    assert page_event(site, "lecture")["organizer"]["url"] == "https://agenda.example.org/places/librairie/"
    contact = page_event(site, "contact")["organizer"]
    assert contact == {"@type": "Organization", "name": "Les Voisins", "email": "voisins@example.org"}
    assert page_event(site, "inconnu")["organizer"] == {"@type": "Organization", "name": "Ciné-club du Parc"}


def test_performers_are_typed_person_or_performing_group(site):
    kinds = {performer["name"]: performer["@type"] for performer in page_event(site, "concert")["performer"]}
    assert kinds == {
        "Les Cordes sensibles": "PerformingGroup",
        "Odile Fabre (direction)": "Person",
        "La Fanfare du Coin": "PerformingGroup",
        "Quatuor Ébène": "PerformingGroup",
        "Madame Suzie": "Person",
        "Marie Curie": "Person",
    }


def test_addresses_have_their_region_where_one_can_be_told(site):
    def address(slug):
        return next(
            location["address"] for location in page_event(site, slug)["location"] if location["@type"] == "Place"
        )

    assert address("concert")["addressRegion"] == "Île-de-France"
    assert address("lecture")["addressRegion"] == "Corse"
    assert "addressRegion" not in address("inconnu")  # Belgium: no rule to derive it from, none invented


@pytest.mark.parametrize(
    "country, postal_code, region",
    [
        ("FR", "69007", "Auvergne-Rhône-Alpes"),
        ("FR", "75011", "Île-de-France"),
        ("FR", "67000", "Grand-Est"),
        ("FR", "20200", "Corse"),
        ("FR", "97400", "La Réunion"),
        ("FR", "13001", "Provence-Alpes-Côte-d’Azur"),
        ("FR", "98000", None),
        ("FR", "7500", None),
        ("FR", None, None),
        ("BE", "1000", None),
    ],
)
def test_the_region_of_a_postal_code(country, postal_code, region):
    assert address_region(country, postal_code) == region


def test_a_series_gives_the_dates_its_page_shows_each_whole(site):
    document = page_event(site, "club")
    shown = next_dates(site.output / "agenda/club/index.html")
    assert len(shown) == 10  # of 52 Wednesdays
    subs = document["subEvent"]
    assert [sub["startDate"] for sub in subs] == shown
    for sub in subs:
        assert sub["url"] == document["url"] and sub["description"] == document["description"]
        assert sub["offers"] == document["offers"] and sub["offers"][0]["validFrom"] == FIRST
        assert sub["location"] == document["location"] and sub["performer"] == [{"@type": "Person", "name": "Nora"}]
        assert moment(sub["endDate"]) - moment(sub["startDate"]) == dt.timedelta(minutes=90)
    assert document["startDate"] == subs[0]["startDate"]  # the next date first


def test_pages_written_in_a_shallow_copy_make_up_no_date(tmp_path):
    """Without git history (a copy, a shallow clone) no offer says when it opened."""
    write_files(tmp_path / "content", {**PLACES, "events/2027/concert.md": EVENTS["events/2027/concert.md"]})
    copy = build(tmp_path, **SITE)
    assert all("validFrom" not in offer for offer in page_event(copy, "concert")["offers"])


@pytest.mark.usefixtures("speed_machinery")  # a test of the speed machinery: on in both runs of make test
def test_a_page_kept_from_the_last_build_gets_its_date_once_its_file_is_committed(tmp_path):
    """Pages are kept when their files are unchanged; committing a file changes no byte of it but gives its offers a
    date, so the page is made again."""
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    write_files(tmp_path / "content", {**PLACES, "events/2027/concert.md": EVENTS["events/2027/concert.md"]})
    commit(tmp_path, FIRST, "content/places")
    before = build(tmp_path, **SITE, **cache)
    assert all("validFrom" not in offer for offer in page_event(before, "concert")["offers"])
    commit(tmp_path, SECOND, "content")
    after = build(tmp_path, **SITE, **cache)
    assert {offer["validFrom"] for offer in page_event(after, "concert")["offers"]} == {SECOND}
