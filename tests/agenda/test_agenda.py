"""The agenda around the hard cases: summer time, series with exceptions, midnight, festivals, whole
days, other time zones, every status, inline places, online and hybrid events, and exact filters."""

from __future__ import annotations

import json

import pytest
from lxml import html

PLACE = (
    "name: Médiathèque des Lilas\naddress:\n  street: 14 rue des Lilas\n  postal_code: '69007'\n  city: Lyon\n"
    "coordinates: {lat: 45.75, lon: 4.84}\n"
)


def event(title, start, extra="", categories="concert", place="place: mediatheque"):
    return f"---\ntitle: {title}\nstart: {start}\n{place}\ncategories: [{categories}]\n{extra}---\nTexte.\n"


FILES = {
    "places/mediatheque.yaml": PLACE,
    "events/2027/conte.md": event(
        "Conte du dimanche",
        "2027-03-21 18:00",
        "end: 2027-03-21 19:00\n"
        "recurrence: {frequency: weekly, weekdays: [sunday], until: 2027-04-11}\n"
        "except: [2027-04-04]\nextra: [2027-04-07]\n",
        categories="reading",
    ),
    "events/2027/nuit.md": event("Nuit blanche", "2027-03-27 22:00", "end: 2027-03-28 02:00\n"),
    "events/2027/festival.md": event("Festival", "2027-06-04", "end: 2027-06-06\n", categories="festival"),
    "events/2027/marche.md": event("Marché", "2027-03-13", "price: free\naudience: [all-ages]\n", categories="market"),
    "events/2027/montreal.md": event(
        "Duplex Montréal", "2027-03-20 19:00", "timezone: America/Montreal\nonline: https://live.example.org/duplex\n"
    ),
    "events/2027/annule.md": event("Concert annulé", "2027-03-18 20:00", "status: cancelled\n"),
    "events/2027/deplace.md": event(
        "Lecture déplacée",
        "2027-03-19 20:00",
        "status: rescheduled\nprevious_start: 2027-03-12 20:00\n",
        categories="reading",
    ),
    "events/2027/complet.md": event(
        "Atelier complet",
        "2027-03-17 14:00",
        "status: full\nprice: {kind: paid, amounts: [{label: plein, amount: 8}]}\n",
        categories="workshop",
    ),
    "events/2027/reporte.md": event(
        "Spectacle reporté",
        "2027-03-22 15:00",
        "status: postponed\naudience: [children]\naccessibility: [sign-language]\nprice: pay-what-you-can\n",
        categories="show",
    ),
    "events/2027/passe-en-ligne.md": event(
        "Rencontre passée en ligne",
        "2027-03-23 18:00",
        "status: moved-online\nonline: https://visio.example.org/r\naudience: [adults]\n",
        categories="talk",
    ),
    "events/2027/cour.md": event(
        "Fête de la cour",
        "2027-03-14 15:00",
        categories="party",
        place="place: {name: Cour de l'école, address: {street: 2 rue Basse, city: Lyon}}",
    ),
    "events/2027/en-ligne.md": event(
        "Atelier en ligne", "2027-03-16 18:00", "online: https://visio.example.org/a\n", categories="workshop", place=""
    ),
}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("agenda")
    write_files(root / "content", FILES)
    return build_site(root, today="2027-03-01")


def page(build, path):
    return html.fromstring(build.read(path))


def json_ld(build, slug):
    return json.loads(page(build, f"agenda/{slug}/index.html").xpath("//script[@type='application/ld+json']")[0].text)


def words(tree, xpath):
    return [" ".join(t.split()) for t in tree.xpath(xpath)]


def test_builds_without_warning(build):
    assert build.warnings == []


def test_series_keeps_its_local_time_across_the_spring_change(build):
    tree = page(build, "agenda/conte/index.html")
    assert words(tree, "//dt[.='Prochaines dates']/following-sibling::dd[1]//time/text()") == [
        "dimanche 21 mars 2027, 18 h – 19 h",
        "dimanche 28 mars 2027, 18 h – 19 h",
        "mercredi 7 avril 2027, 18 h – 19 h",
        "dimanche 11 avril 2027, 18 h – 19 h",
    ]  # 4 April is an exception, 7 April an extra date
    starts = [sub["startDate"] for sub in json_ld(build, "conte")["subEvent"]]
    assert starts == [
        "2027-03-21T18:00:00+01:00",
        "2027-03-28T18:00:00+02:00",
        "2027-04-07T18:00:00+02:00",
        "2027-04-11T18:00:00+02:00",
    ]


def test_an_event_crossing_midnight_belongs_to_its_evening(build):
    tree = page(build, "agenda/nuit/index.html")
    assert words(tree, "//dt[.='Quand']/following-sibling::dd[1]/time/text()") == [
        "samedi 27 mars 2027, 22 h – dimanche 28 mars 2027, 2 h"
    ]
    march = page(build, "agenda/2027/03/index.html")
    days_with_it = march.xpath("//section[.//a[.='Nuit blanche']]//h2/time/@datetime")
    assert days_with_it == ["2027-03-27"]


def test_a_festival_is_listed_on_each_of_its_days(build):
    june = page(build, "agenda/2027/06/index.html")
    assert june.xpath("//section[.//a[.='Festival']]//h2/time/@datetime") == ["2027-06-04", "2027-06-05", "2027-06-06"]
    tree = page(build, "agenda/festival/index.html")
    assert words(tree, "//dt[.='Quand']/following-sibling::dd[1]/time/text()") == [
        "du vendredi 4 juin 2027 au dimanche 6 juin 2027"
    ]
    document = json_ld(build, "festival")
    assert (document["startDate"], document["endDate"]) == ("2027-06-04", "2027-06-06")


def test_a_whole_day_event_has_no_time(build):
    document = json_ld(build, "marche")
    assert document["startDate"] == "2027-03-13" and "endDate" in document and document["endDate"] == "2027-03-13"
    assert words(page(build, "agenda/marche/index.html"), "//dt[.='Quand']/following-sibling::dd[1]/time/text()") == [
        "samedi 13 mars 2027"
    ]
    assert document["offers"][0]["price"] == 0


def test_an_event_in_another_time_zone_keeps_its_own_clock(build):
    tree = page(build, "agenda/montreal/index.html")
    assert words(tree, "//dt[.='Quand']/following-sibling::dd[1]//text()") == [
        "samedi 20 mars 2027, 19 h (America/Montreal)"
    ]
    march = page(build, "agenda/2027/03/index.html")  # listings say whose clock it is, too
    assert words(march, "//li[a='Duplex Montréal']//time/text()") == ["samedi 20 mars 2027, 19 h (America/Montreal)"]
    document = json_ld(build, "montreal")
    assert document["startDate"] == "2027-03-20T19:00:00-04:00"
    assert document["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in document["location"]] == ["Place", "VirtualLocation"]


@pytest.mark.parametrize(
    "slug, status, badge",
    [
        ("annule", "EventCancelled", "Annulé"),
        ("deplace", "EventRescheduled", "Déplacé à une nouvelle date"),
        ("complet", "EventScheduled", "Complet"),
        ("conte", "EventScheduled", None),
        ("reporte", "EventPostponed", "Reporté (date à venir)"),
        ("passe-en-ligne", "EventMovedOnline", "Passé en ligne"),
    ],
)
def test_status_cannot_be_missed(build, slug, status, badge):
    document = json_ld(build, slug)
    assert document["eventStatus"] == f"https://schema.org/{status}"
    tree = page(build, f"agenda/{slug}/index.html")
    assert tree.xpath("//article/strong[contains(@class,'status')]/text()") == ([badge] if badge else [])
    march = page(build, "agenda/2027/03/index.html")
    title = tree.findtext(".//h1")
    in_listing = march.xpath(f"//li[a='{title}']/strong[contains(@class,'status')]/text()")
    assert set(in_listing) == ({badge} if badge else set())


def test_rescheduled_shows_the_former_date_struck_through(build):
    tree = page(build, "agenda/deplace/index.html")
    assert words(tree, "//dd/del/text()") == ["vendredi 12 mars 2027, 20 h"]
    assert json_ld(build, "deplace")["previousStartDate"] == "2027-03-12T20:00:00+01:00"


def test_full_event_offers_are_sold_out(build):
    offers = json_ld(build, "complet")["offers"]
    assert offers == [
        {
            "@type": "Offer",
            "price": 8.0,
            "priceCurrency": "EUR",
            "name": "plein",
            "availability": "https://schema.org/SoldOut",
            "url": "/agenda/complet/",
        }
    ]


def test_inline_place_and_online_only(build):
    inline = json_ld(build, "cour")
    assert inline["location"] == [
        {
            "@type": "Place",
            "name": "Cour de l'école",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "2 rue Basse",
                "addressLocality": "Lyon",
                "addressCountry": "FR",
            },
        }
    ]  # no postal code given: none invented
    assert "Cour de l'école, 2 rue Basse" in page(build, "agenda/cour/index.html").text_content()
    online = json_ld(build, "en-ligne")
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == [{"@type": "VirtualLocation", "url": "https://visio.example.org/a"}]


def test_filter_pages_list_exactly_the_matching_events(build):
    expected = {}  # facet/value -> titles, counted from the files themselves
    for text in FILES.values():
        if not text.startswith("---"):
            continue
        title = text.split("title: ")[1].split("\n")[0]
        for category in text.split("categories: [")[1].split("]")[0].split(","):
            expected.setdefault(f"category/{category.strip()}", set()).add(title)
        if "place: mediatheque" in text:
            expected.setdefault("place/mediatheque", set()).add(title)
        for facet, field in (("audience", "audience"), ("accessibility", "accessibility")):
            if f"{field}: [" in text:
                for value in text.split(f"{field}: [")[1].split("]")[0].split(","):
                    expected.setdefault(f"{facet}/{value.strip()}", set()).add(title)
        for kind in ("free", "pay-what-you-can"):
            if f"price: {kind}\n" in text:
                expected.setdefault(f"price/{kind}", set()).add(title)
    for key, titles in expected.items():
        tree = page(build, f"agenda/{key}/index.html")
        assert set(tree.xpath("//ul[@class='events']//a/text()")) == titles, key
    index = page(build, "agenda/filters/index.html")
    assert len(index.xpath("//a")) >= len(expected)
