"""Our calendars as the programs people subscribe with read them: ical.js (Thunderbird, Nextcloud), node-ical
(MagicMirror², home automation) and libical's expander (Evolution, GNOME), each told to list every start
of every event in a window, in UTC. A date an hour late, a dropped extra date or a file a client refuses
is what a reader sees; the python parsers of the other tests had said nothing of any of these
(issue 17). Each client runs once for many files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from clients.readers import debian_python_json, node_json
from conftest import build, write_files
from ical.calendar_stream import IcsCalendarStream

SCRIPTS = Path(__file__).parent / "calendar_clients"
CLIENTS = ("ical.js", "node-ical", "libical")
DOMAIN = "agenda.example.org"


def read_by_clients(files: list[Path], start: str, end: str) -> dict[str, dict[str, dict[str, list[str]]]]:
    """{file: {client: {uid: [UTC starts between start and end]}}}, {file: {"cancelled": {client: {uid: [those
    of the starts the client gives as cancelled]}}}} and {file: {"restrictions": libical's restriction errors}}."""
    names = [str(path) for path in files]
    found = node_json((SCRIPTS / "expand.js").read_text(), start, end, *names)
    libical = debian_python_json((SCRIPTS / "libical.py").read_text(), start, end, *names)
    for name in names:
        found[name]["libical"] = libical[name]["libical"]
        found[name]["cancelled"]["libical"] = libical[name]["cancelled"]
        found[name]["restrictions"] = libical[name]["errors"]
    return found


def starts(found: dict, client: str, uid: str) -> list[str]:
    return sorted(found[client].get(uid, []))


def uid(slug: str) -> str:
    return f"{slug}@{DOMAIN}"


@pytest.fixture(scope="module")
def sample(sample_build):
    files = sorted(sample_build.output.rglob("*.ics"))
    return files, read_by_clients(files, "2026-11-01T00:00:00Z", "2028-01-01T00:00:00Z")


def test_every_client_gives_the_sample_the_same_dates(sample):
    files, found = sample
    assert len(files) > 50
    for path in files:
        read = found[str(path)]
        for client in CLIENTS:
            assert "error" not in read[client], (path, client, read[client])
        uids = set().union(*(read[client] for client in CLIENTS))
        for event in uids:
            assert (
                starts(read, "ical.js", event) == starts(read, "node-ical", event) == starts(read, "libical", event)
            ), (path, event)
            assert (  # and on which of them are cancelled (a cancelled event, a cancelled date of a series)
                starts(read["cancelled"], "ical.js", event)
                == starts(read["cancelled"], "node-ical", event)
                == starts(read["cancelled"], "libical", event)
            ), (path, event)


def test_summer_2027_is_not_an_hour_late(sample):
    files, found = sample
    balade = next(str(path) for path in files if path.parts[-2:] == ("balade-des-fresques", "event.ics"))
    for client in CLIENTS:  # 14:30 in Lyon, summer time
        assert "2027-04-24T12:30:00.000Z" in starts(
            found[balade], client, "balade-des-fresques@agenda.quartier-des-lilas.example.org"
        )


def test_the_extra_saturday_of_the_story_hour_is_read_by_every_client(sample):
    files, found = sample
    conte = next(str(path) for path in files if path.parts[-2:] == ("heure-du-conte", "event.ics"))
    extra = "heure-du-conte.20261219T103000@agenda.quartier-des-lilas.example.org"
    for client in CLIENTS:
        assert starts(found[conte], client, extra) == ["2026-12-19T09:30:00.000Z"]  # 10:30 in Lyon
        assert "2026-12-23T09:30:00.000Z" not in starts(
            found[conte], client, "heure-du-conte@agenda.quartier-des-lilas.example.org"
        )


def test_a_moved_and_a_cancelled_story_hour_are_read_alike_by_every_client(sample):
    """A date of a series written as an override (RECURRENCE-ID): every client lists the moved date once, at
    its new start, and never at the date it left; and lists the cancelled date once, as cancelled (RFC 5545:
    a cancelled instance is still an instance, its STATUS says so): ical.js and node-ical put each override
    in place of the date it names themselves, and so does the client of libical (see libical.py), the status
    read from the override each one used."""
    files, found = sample
    series = "heure-du-conte@agenda.quartier-des-lilas.example.org"
    for name in ("heure-du-conte/event.ics", "feeds/agenda.ics", "feeds/agenda/place/mediatheque-des-lilas.ics"):
        read = found[next(str(path) for path in files if path.as_posix().endswith(name))]
        for client in CLIENTS:
            january = [start for start in starts(read, client, series) if start.startswith("2027-01")]
            assert january == [  # 10:30 in Lyon: the 20th moved to Saturday 23rd, the 13th cancelled
                "2027-01-06T09:30:00.000Z",
                "2027-01-13T09:30:00.000Z",
                "2027-01-23T09:30:00.000Z",
                "2027-01-27T09:30:00.000Z",
            ], (name, client)
            assert read["cancelled"][client][series] == ["2027-01-13T09:30:00.000Z"], (name, client)


def test_every_sample_calendar_is_valid_and_has_a_component(sample):
    files, found = sample
    for path in files:
        assert found[str(path)]["restrictions"] == [], path  # libical's check (METHOD:PUBLISH wanted ORGANIZER)
        calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))  # strict RFC 5545
        assert calendar.events or calendar.timezones, path


PLACE = "name: Salle des fêtes\naddress: {street: 1 rue Haute, city: Lyon}\n"
EMPTY_PLACE = "name: Le Hangar\naddress: {street: 3 rue Basse, city: Lyon}\n"


def event(title: str, start: str, more: str = "") -> str:
    return (
        f"---\ntitle: {title}\nstart: {start}\nduration: 1 h\nplace: salle\ncategories: [concert]\n{more}---\nTexte.\n"
    )


FILES = {
    "places/salle.yaml": PLACE,
    "places/hangar.yaml": EMPTY_PLACE,  # nothing coming there
    # every Sunday at 10:30, with no end: far past the years a VTIMEZONE used to list
    "events/2026/marche.md": event(
        "Marché", "2026-12-06 10:30", "recurrence: {frequency: weekly, weekdays: [sunday]}\n"
    ),
    # a series with extra dates in winter and in summer, and an excepted date
    "events/2027/conte.md": event(
        "Conte",
        "2027-01-06 10:30",
        "recurrence: {frequency: weekly, weekdays: [wednesday], "
        "until: 2027-06-30}\nexcept: [2027-01-13]\nextra: [2027-01-09 10:30, 2027-05-08 10:30]\n",
    ),
    # the nights of the changes of time, 2027: 02:00 becomes 03:00 on 28 March, 03:00 becomes 02:00 on 31 October
    "events/2027/printemps-avant.md": event("Printemps avant", "2027-03-28 01:30"),
    "events/2027/printemps-creux.md": event("Printemps creux", "2027-03-28 02:30"),  # a time that does not exist
    "events/2027/printemps-trois.md": event("Printemps trois", "2027-03-28 03:00"),
    "events/2027/printemps-apres.md": event("Printemps après", "2027-03-28 03:30"),
    "events/2027/automne-avant.md": event("Automne avant", "2027-10-31 01:30"),
    "events/2027/automne-double.md": event("Automne double", "2027-10-31 02:30"),  # a time that comes twice
    "events/2027/automne-trois.md": event("Automne trois", "2027-10-31 03:00"),
    "events/2027/tokyo.md": event("Tokyo", "2027-07-01 19:00", "timezone: Asia/Tokyo\n"),  # a zone without summer time
}

# RFC 5545 3.3.5: a time in the gap takes the offset before it; a time that comes twice, its first instant
NIGHTS = {
    "printemps-avant": "2027-03-28T00:30:00.000Z",
    "printemps-creux": "2027-03-28T01:30:00.000Z",
    "printemps-trois": "2027-03-28T01:00:00.000Z",
    "printemps-apres": "2027-03-28T01:30:00.000Z",
    "automne-avant": "2027-10-30T23:30:00.000Z",
    "automne-double": "2027-10-31T00:30:00.000Z",
    "automne-trois": "2027-10-31T02:00:00.000Z",
    "tokyo": "2027-07-01T10:00:00.000Z",
}


@pytest.fixture(scope="module")
def targeted(tmp_path_factory):
    root = tmp_path_factory.mktemp("calendars")
    write_files(root / "content", FILES)
    built = build(
        root, today="2026-12-01", SITEURL="https://agenda.example.org", RELATIVE_URLS=False, KIOSQUE_UID_DOMAIN=DOMAIN
    )
    return built.output


def test_an_open_ended_series_keeps_its_local_time_in_2031_and_2045(targeted):
    agenda = targeted / "feeds/agenda.ics"
    for start, end, expected in [
        (
            "2031-03-20T00:00:00Z",
            "2031-04-10T00:00:00Z",  # the change of time of 2031 in between
            ["2031-03-23T09:30:00.000Z", "2031-03-30T08:30:00.000Z", "2031-04-06T08:30:00.000Z"],
        ),
        ("2045-07-01T00:00:00Z", "2045-07-10T00:00:00Z", ["2045-07-02T08:30:00.000Z", "2045-07-09T08:30:00.000Z"]),
    ]:
        found = read_by_clients([agenda], start, end)[str(agenda)]
        for client in CLIENTS:  # 10:30 in Lyon, winter and summer
            assert starts(found, client, uid("marche")) == expected, client


def test_extra_dates_and_the_nights_of_the_changes_of_time(targeted):
    files = [targeted / "feeds/agenda.ics", targeted / "agenda/conte/event.ics"]
    found = read_by_clients(files, "2026-12-01T00:00:00Z", "2028-01-01T00:00:00Z")
    assert all(found[str(path)]["restrictions"] == [] for path in files)  # events without an organizer
    for client in CLIENTS:
        for path in files:
            conte = starts(found[str(path)], client, uid("conte"))
            assert conte[:2] == ["2027-01-06T09:30:00.000Z", "2027-01-20T09:30:00.000Z"], client  # 13 January excepted
            assert conte[-1] == "2027-06-30T08:30:00.000Z" and len(conte) == 25, client
            assert starts(found[str(path)], client, "conte.20270109T103000@" + DOMAIN) == ["2027-01-09T09:30:00.000Z"]
            assert starts(found[str(path)], client, "conte.20270508T103000@" + DOMAIN) == ["2027-05-08T08:30:00.000Z"]
        for slug, expected in NIGHTS.items():
            assert starts(found[str(files[0])], client, uid(slug)) == [expected], (client, slug)


def test_a_place_with_nothing_coming_has_a_valid_calendar(targeted):
    path = targeted / "feeds/agenda/place/hangar.ics"
    found = read_by_clients([path], "2026-12-01T00:00:00Z", "2028-01-01T00:00:00Z")[str(path)]
    assert found["restrictions"] == [] and all(found[client] == {} for client in CLIENTS)
    calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    assert calendar.timezones and not calendar.events


# zones whose rule is a weekday of a month, one past midnight (Jerusalem, Nuuk, Santiago), one no RRULE can
# say (Cairo's autumn change may fall on the 1st of November), the southern hemisphere, no summer time
ZONES = (
    "America/New_York",
    "Australia/Sydney",
    "America/Santiago",
    "Asia/Jerusalem",
    "America/Nuuk",
    "Africa/Cairo",
    "Asia/Tokyo",
    "Europe/Paris",
)


def zone_slug(zone: str) -> str:
    return zone.split("/")[1].lower().replace("_", "-")


@pytest.fixture(scope="module")
def zoned(tmp_path_factory):
    root = tmp_path_factory.mktemp("zones")
    write_files(
        root / "content",
        {
            "places/salle.yaml": PLACE,
            **{
                f"events/2039/{zone_slug(zone)}.md": event(
                    zone, "2039-12-05 10:00", f"timezone: {zone}\nrecurrence: {{frequency: daily}}\n"
                )
                for zone in ZONES
            },
        },
    )
    return build(
        root, today="2026-12-01", SITEURL="https://agenda.example.org", RELATIVE_URLS=False, KIOSQUE_UID_DOMAIN=DOMAIN
    ).output


def test_a_daily_series_keeps_its_local_time_in_every_zone_in_2040(zoned):
    agenda = zoned / "feeds/agenda.ics"
    found = read_by_clients([agenda], "2040-01-01T00:00:00Z", "2041-01-01T00:00:00Z")[str(agenda)]
    for zone in ZONES:
        local = ZoneInfo(zone)
        days = [dt.date(2040, 1, 1) + dt.timedelta(days=n) for n in range(367)]
        expected = [
            moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            for moment in (dt.datetime.combine(day, dt.time(10), tzinfo=local) for day in days)
            if "2040-01-01" <= moment.astimezone(dt.UTC).isoformat() < "2041-01-01"
        ]
        for client in CLIENTS:  # 10:00 in the zone, every day of 2040: both changes of time in between
            assert starts(found, client, uid(zone_slug(zone))) == expected, (zone, client)
