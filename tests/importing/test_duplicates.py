"""The same event arriving twice is written once: a partner's event already entered by hand (or from another
partner) is recognised by its start, its place and its title; a different event is not taken for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from importing_sites import REPO, repository, source_file

from contributions import Site, read_site_settings
from importing.duplicates import known_event, plain, site_places
from importing.model import Imported
from importing.syncing import DUPLICATE, NEW, sync

TODAY = dt.date(2026, 12, 7)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(scope="module")
def site_root(tmp_path_factory) -> Path:
    """The sample site (its hand-written events), with two partners."""
    files = {
        "sources/mediatheque.yaml": source_file("partners/m.ics"),
        "sources/fabrique.yaml": source_file("partners/f.ics"),
    }
    return repository(tmp_path_factory.mktemp("duplicates") / "site", files)


def outcome(root: Path, partner: str, item: Imported):
    site = Site.from_settings(read_site_settings(root / "pelicanconf.py"))
    site = Site(**{**site.__dict__, "content": root / "content", "today": TODAY})
    source = SimpleNamespace(name=partner, trusted=False)
    (found,) = sync(partner, source, [item], root / "content", TODAY, site=site).outcomes
    return found


def event(uid: str = "n@m", **fields) -> Imported:
    base = {
        "title": "La nuit de la lecture",
        "start": "2027-01-23 18:00",
        "place": "mediatheque-des-lilas",
        "categories": ["reading"],
    }
    return Imported(uid, {**base, **fields})


def test_an_event_entered_by_hand_is_recognised(site_root):
    found = outcome(site_root, "mediatheque", event())  # by hand: "Nuit de la lecture à la médiathèque", 18:00
    assert (found.action, found.other) == (DUPLICATE, "content/events/2027/nuit-de-la-lecture.md")


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "2027-01-23 18:25"},  # within 30 minutes
        {"title": "NUIT DE LA LECTURE — à la Médiathèque !"},  # case, accents and punctuation aside
        {"place": {"name": "Médiathèque des Lilas", "address": {"street": "2 rue X", "city": "Lyon"}}},  # its name
        {
            "place": {
                "name": "Bibliothèque",
                "address": {"street": "14 rue des Lilas", "postal_code": "69007", "city": "Lyon"},
            }
        },  # its address
    ],
)
def test_the_same_event_said_another_way_is_still_recognised(site_root, changes):
    assert outcome(site_root, "mediatheque", event(**changes)).action == DUPLICATE


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "2027-01-23 18:45"},  # three quarters of an hour later
        {"start": "2027-01-24 18:00"},  # another day
        {"place": "cafe-la-fabrique"},  # another place
        {"title": "Atelier tricot"},  # another event
    ],
)
def test_a_different_event_is_not_taken_for_it(site_root, changes):
    assert outcome(site_root, "mediatheque", event(**changes)).action == NEW


def test_a_date_of_a_hand_written_series_is_recognised(site_root):
    # the sample's story hour: every Wednesday at 10:30 at the médiathèque, from September 2026
    story = event(title="Heure du conte", start="2027-01-06 10:30")
    assert outcome(site_root, "mediatheque", story).other == "content/events/2026/heure-du-conte.md"
    excepted = event(title="Heure du conte", start="2026-12-23 10:30")  # a date the series leaves out
    assert outcome(site_root, "mediatheque", excepted).action == NEW


def test_within_100_metres_is_the_same_place():
    places = site_places(REPO / "content", Site(content=REPO / "content"))
    lilas = places["mediatheque-des-lilas"].coordinates
    near = known_event(
        "a.md",
        {
            "title": "x",
            "start": "2027-01-23 18:00",
            "place": {"name": "Salle", "address": {"street": "1 rue", "city": "Lyon"}},
        },
        places,
        PARIS,
        (lilas[0] + 0.0008, lilas[1]),
    )
    far = known_event(
        "b.md",
        {
            "title": "x",
            "start": "2027-01-23 18:00",
            "place": {"name": "Salle", "address": {"street": "1 rue", "city": "Lyon"}},
        },
        places,
        PARIS,
        (lilas[0] + 0.0012, lilas[1]),
    )
    here = known_event(
        "c.md", {"title": "x", "start": "2027-01-23 18:00", "place": "mediatheque-des-lilas"}, places, PARIS
    )
    from importing.duplicates import same_place

    assert same_place(near, here) and not same_place(far, here)  # 89 m and 133 m


def test_an_event_from_another_partner_is_recognised_but_never_one_of_the_same_partner(site_root):
    first = outcome(site_root, "fabrique", event("f-1@fabrique", title="Soirée contes", start="2027-02-12 20:00"))
    assert first.action == NEW
    (site_root / "content" / first.path).write_bytes(first.raw)
    again = outcome(site_root, "mediatheque", event("m-9@mediatheque", title="Soirée Contes", start="2027-02-12 20:00"))
    assert (again.action, again.other) == (DUPLICATE, f"content/{first.path}")
    # another UID of the same partner: another event (a second session, say), even with the same title and time
    site = Site(**{**Site.from_settings(read_site_settings(site_root / "pelicanconf.py")).__dict__, "today": TODAY})
    site = Site(**{**site.__dict__, "content": site_root / "content"})
    both = [
        event("f-1@fabrique", title="Soirée contes", start="2027-02-12 20:00"),
        event("f-2@fabrique", title="Soirée contes", start="2027-02-12 20:00"),
    ]
    changes = sync("fabrique", SimpleNamespace(name="f", trusted=False), both, site_root / "content", TODAY, site=site)
    assert [(found.uid, found.action) for found in changes.outcomes] == [
        ("f-1@fabrique", "unchanged"),
        ("f-2@fabrique", NEW),
    ]


def test_titles_are_compared_without_case_or_accents():
    assert plain("L'Heure du Conte — Médiathèque") == "l heure du conte mediatheque"
