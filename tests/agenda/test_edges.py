"""Edges found by review: far-future events, ended series, several sessions a day, whole-day series,
translations, and what search engines and feed readers are told."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import icalendar
import pytest
from lxml import etree, html

PLACE = "name: Café\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"


def event(title, start, extra=""):
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [workshop]\n{extra}---\nTexte.\n"


FILES = {
    "places/cafe.yaml": PLACE,
    "events/2028/lointain.md": event("Très lointain", "2028-03-04 14:00"),
    "events/2026/fini.md": event(
        "Série finie", "2026-09-02 18:00", "recurrence: {frequency: weekly, until: 2026-11-25}\n"
    ),
    "events/2026/deux-seances.md": event(
        "Deux séances",
        "2026-12-10 10:00",
        "duration: 1h\nrrule: FREQ=DAILY;BYHOUR=10,14;COUNT=6\nexcept: [2026-12-11]\n",
    ),
    "events/2026/marche.md": event(
        "Marché du samedi", "2026-11-07", "recurrence: {frequency: weekly, weekdays: [saturday], until: 2027-02-27}\n"
    ),
    "events/2026/balade.md": event("Balade", "2026-12-05 10:00", "language: fr\n"),
    "events/2026/walk.md": event("Walk", "2026-12-05 10:00", "language: en\ntranslation_of: balade\n"),
    "events/2026/conte.md": event("Conte", "2026-09-16 10:30", "recurrence: {frequency: weekly, until: 2027-06-30}\n"),
}
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False, "KIOSQUE_UID_DOMAIN": "agenda.example.org"}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("edges")
    write_files(root / "content", FILES)
    return build_site(root, today="2026-12-01", **SITE)


def vevents(build):
    calendar = icalendar.Calendar.from_ical((build.output / "feeds/agenda.ics").read_bytes())
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_far_future_is_not_past_and_an_ended_series_is_dated_by_its_end(build):
    past = html.fromstring(build.read("agenda/past/index.html"))
    assert past.xpath("//ul[@class='events']//a/text()") == ["Série finie"]
    assert past.xpath("//li//time/@datetime")[0].startswith("2026-11-25")  # its last date, not its first
    assert "Série finie" in vevents(build)  # ended 6 days ago: still in the calendar feed's window


def test_every_session_of_an_excepted_day_is_excluded(build):
    exdates = vevents(build)["Deux séances"]["EXDATE"]
    assert exdates.to_ical() == b"20261211T100000,20261211T140000"
    december = html.fromstring(build.read("agenda/2026/12/index.html"))
    assert december.xpath("//section[.//a='Deux séances']//h2/time/@datetime") == ["2026-12-10", "2026-12-12"]


def test_a_whole_day_series_ends_on_a_date(build):
    rule = vevents(build)["Marché du samedi"]["RRULE"].to_ical()
    assert rule == b"FREQ=WEEKLY;UNTIL=20270227;INTERVAL=1;BYDAY=SA"


def test_a_translation_is_listed_once(build):
    december = html.fromstring(build.read("agenda/2026/12/index.html"))
    assert december.xpath("//ul[@class='events']//a[.='Walk']") == []
    assert "Walk" not in vevents(build)
    assert html.fromstring(build.read("agenda/walk/index.html")).findtext(".//h1") == "Walk"  # its page stays


def test_search_engines_are_given_the_next_date_of_a_series(build):
    ld = json.loads(
        html.fromstring(build.read("agenda/conte/index.html")).xpath("//script[@type='application/ld+json']")[0].text
    )
    assert ld["startDate"] == "2026-12-02T10:30:00+01:00"


def test_french_writes_the_first_of_the_month_1er():
    from agenda.wording import Wording

    assert Wording("fr").day(dt.date(2027, 1, 1)) == "vendredi 1er janvier 2027"
    assert Wording("fr").day(dt.date(2027, 1, 11)) == "lundi 11 janvier 2027"
    assert Wording("en").day(dt.date(2027, 1, 1)) == "Friday, January 1, 2027"


def test_under_a_day_heading_only_the_hours_are_said():
    from zoneinfo import ZoneInfo

    from agenda.schedule import Occurrence
    from agenda.wording import Wording

    paris, montreal = ZoneInfo("Europe/Paris"), ZoneInfo("America/Montreal")
    words = Wording("fr", "Europe/Paris")
    evening = Occurrence(
        None, dt.datetime(2026, 12, 5, 20, 30, tzinfo=paris), dt.datetime(2026, 12, 5, 23, tzinfo=paris), False
    )
    assert words.hours(evening, dt.date(2026, 12, 5)) == "20\u00a0h\u00a030 – 23\u00a0h"
    night = Occurrence(
        None, dt.datetime(2026, 12, 5, 22, tzinfo=paris), dt.datetime(2026, 12, 6, 2, tzinfo=paris), False
    )
    assert words.hours(night, dt.date(2026, 12, 5)) == "22\u00a0h – dimanche 6 décembre 2026, 2\u00a0h"
    festival = Occurrence(None, dt.datetime(2027, 6, 4, tzinfo=paris), dt.datetime(2027, 6, 7, tzinfo=paris), True)
    assert words.hours(festival, dt.date(2027, 6, 5)) == "jusqu'au dimanche 6 juin 2027"
    assert words.hours(festival, dt.date(2027, 6, 6)) == "toute la journée"
    elsewhere = Occurrence(None, dt.datetime(2026, 12, 5, 19, tzinfo=montreal), None, False)
    assert words.hours(elsewhere, dt.date(2026, 12, 5)) == "samedi 5 décembre 2026, 19\u00a0h (America/Montreal)"
    assert Wording("en", "Europe/Paris").hours(evening, dt.date(2026, 12, 5)) == "8:30\u00a0PM – 11\u00a0PM"


def test_rss_links_to_the_page_and_to_itself_and_atom_has_an_author(build):
    rss = etree.fromstring((build.output / "feeds/agenda.rss.xml").read_bytes())
    assert rss.findtext("channel/link") == "https://agenda.example.org/agenda/"
    self_link = rss.find("channel/{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href") == "https://agenda.example.org/feeds/agenda.rss.xml"
    atom = feedparser.parse((build.output / "feeds/agenda.atom.xml").read_bytes())
    assert atom.feed.author == "Quartier des Lilas — l'agenda partagé"
    assert (
        next(link.href for link in atom.feed.links if link.rel == "self")
        == "https://agenda.example.org/feeds/agenda.atom.xml"
    )
