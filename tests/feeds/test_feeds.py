"""Feeds that calendar apps and feed readers trust, read back with independent parsers."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest
import recurring_ical_events
from conftest import build, write_files
from ical.calendar_stream import IcsCalendarStream
from lxml import etree, html

PLACE = (
    "name: Médiathèque des Lilas\naddress:\n  street: 14 rue des Lilas\n  postal_code: '69007'\n  city: Lyon\n"
    "coordinates: {lat: 45.75, lon: 4.84}\n"
)


def event(title, start, extra="", category="reading"):
    return (
        f"---\ntitle: {title}\nstart: {start}\nplace: mediatheque\ncategories: [{category}]\n{extra}---\n"
        "Une **histoire** 🎭 racontée à voix haute, « à l'ancienne », pour les grands et les petits ; "
        "avec des accents éèàù et une ligne très longue pour vérifier le pliage des lignes du fichier.\n"
    )


FILES = {
    "places/mediatheque.yaml": PLACE,
    "events/2027/conte.md": event(
        "Conte du dimanche",
        "2027-03-21 18:00",
        "end: 2027-03-21 19:00\n"
        "recurrence: {frequency: weekly, weekdays: [sunday], until: 2027-04-25}\n"
        "except: [2027-04-04]\nextra: [2027-04-07]\n",
    ),
    "events/2027/bal.md": event("Bal", "2027-03-13", "end: 2027-03-14\n", category="party"),
    "events/2027/concert.md": event("Concert", "2027-03-20 20:30", "end: 2027-03-20 23:00\n", category="concert"),
}
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False, "KIOSQUE_UID_DOMAIN": "agenda.example.org"}


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    write_files(tmp_path / "content", FILES)
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(
        tmp_path,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "commit",
        "-qm",
        "site",
        "--date=2026-11-01T10:00:00",
    )
    return tmp_path


def commit(root: Path, message: str) -> None:
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", message)


def vevents(path: Path) -> dict[str, icalendar.Event]:
    """Each event's own VEVENT by its title (an extra date of a series follows it with the same title)."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = {}
    for component in calendar.walk("VEVENT"):
        found.setdefault(str(component["SUMMARY"]), component)
    return found


def test_every_feed_reads_back_with_two_parsers(repo):
    built = build(repo, today="2027-03-01", **SITE)
    feeds = sorted((built.output / "feeds").rglob("*")) + sorted((built.output / "agenda").rglob("*.ics"))
    calendars = [path for path in feeds if path.suffix == ".ics"]
    assert len(calendars) >= 8  # agenda, filters, one per event
    for path in calendars:
        icalendar.Calendar.from_ical(path.read_bytes())
        IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))  # strict: raises on any error
    for path in feeds:
        if path.name.endswith((".rss.xml", ".atom.xml")):
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.bozo_exception)
            root = etree.fromstring(path.read_bytes())  # a second, strict XML parser
            assert root.tag in ("rss", "{http://www.w3.org/2005/Atom}feed")
            assert len(parsed.entries) == len(
                root.findall(".//item") or root.findall("{http://www.w3.org/2005/Atom}entry")
            )
        elif path.suffix == ".json":
            assert json.loads(path.read_text())["version"] == "https://jsonfeed.org/version/1.1"
    assert built.warnings == []


def test_local_times_series_and_exceptions_match_the_agenda_pages(repo):
    built = build(repo, today="2027-03-01", **SITE)
    calendar = icalendar.Calendar.from_ical((built.output / "feeds/agenda.ics").read_bytes())
    series = [
        e
        for e in recurring_ical_events.of(calendar).between(dt.date(2027, 3, 1), dt.date(2027, 5, 1))
        if str(e["SUMMARY"]) == "Conte du dimanche"
    ]
    starts = sorted(e["DTSTART"].dt for e in series)
    assert [s.strftime("%m-%d %H:%M %z") for s in starts] == [
        "03-21 18:00 +0100",
        "03-28 18:00 +0200",
        "04-07 18:00 +0200",
        "04-11 18:00 +0200",
        "04-18 18:00 +0200",
        "04-25 18:00 +0200",
    ]
    listed = set()
    for month in ("03", "04"):
        page = html.fromstring(built.read(f"agenda/2027/{month}/index.html"))
        listed |= set(page.xpath("//section[.//a='Conte du dimanche']//h2/time/@datetime"))
    assert sorted(listed) == [s.date().isoformat() for s in starts]


def test_ical_details_clients_rely_on(repo):
    built = build(repo, today="2027-03-01", **SITE)
    events = vevents(built.output / "feeds/agenda.ics")
    conte, bal = events["Conte du dimanche"], events["Bal"]
    assert conte["DTSTART"].params["TZID"] == "Europe/Paris"
    assert conte["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270425T215959Z;INTERVAL=1;BYDAY=SU"
    assert conte["EXDATE"].to_ical() == b"20270404T180000" and conte["EXDATE"].params["TZID"] == "Europe/Paris"
    assert "RDATE" not in conte  # node-ical drops RDATE, libical reads its TZID as UTC: a VEVENT of its own
    extra = [
        c
        for c in icalendar.Calendar.from_ical((built.output / "feeds/agenda.ics").read_bytes()).walk("VEVENT")
        if c["UID"] == "conte.20270407T180000@agenda.example.org"
    ]
    assert [(e["DTSTART"].dt.isoformat(), e["DTSTART"].params["TZID"]) for e in extra] == [
        ("2027-04-07T18:00:00+02:00", "Europe/Paris")
    ]
    assert (bal["DTSTART"].dt, bal["DTEND"].dt) == (dt.date(2027, 3, 13), dt.date(2027, 3, 15))  # exclusive end
    assert bal["DTSTART"].params["VALUE"] == "DATE"
    assert conte["UID"] == "conte@agenda.example.org" and conte["URL"] == "https://agenda.example.org/agenda/conte/"
    assert "<" not in str(conte["DESCRIPTION"]) and "**" not in str(conte["DESCRIPTION"])
    assert str(conte["LOCATION"]) == "Médiathèque des Lilas, 14 rue des Lilas, 69007 Lyon"
    assert (conte["GEO"].latitude, conte["GEO"].longitude) == (45.75, 4.84)
    assert conte["STATUS"] == "CONFIRMED"
    calendar = icalendar.Calendar.from_ical((built.output / "feeds/agenda.ics").read_bytes())
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT12H"


def test_lines_are_folded_at_75_octets_without_cutting_a_character(repo):
    built = build(repo, today="2027-03-01", **SITE)
    raw = (built.output / "feeds/agenda.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # a fold inside a character would fail here
    assert "🎭".encode() in raw.replace(b"\r\n ", b"")


def test_status_and_sequence_follow_the_history_and_the_uid_survives_a_new_title(repo):
    first = build(repo, today="2027-03-01", **SITE)
    before = vevents(first.output / "feeds/agenda.ics")["Concert"]
    assert (before["SEQUENCE"], before["STATUS"]) == (0, "CONFIRMED")

    concert = repo / "content/events/2027/concert.md"
    concert.write_text(concert.read_text().replace("title: Concert", "title: Grand concert"))
    commit(repo, "new title")
    renamed = vevents(build(repo, today="2027-03-01", **SITE).output / "feeds/agenda.ics")["Grand concert"]
    assert renamed["UID"] == before["UID"] and renamed["SEQUENCE"] == 0  # a title is not a schedule change

    concert.write_text(
        concert.read_text().replace("end: 2027-03-20 23:00\n", "end: 2027-03-20 23:00\nstatus: cancelled\n")
    )
    commit(repo, "cancelled")
    cancelled = vevents(build(repo, today="2027-03-01", **SITE).output / "feeds/agenda.ics")["Grand concert"]
    assert (cancelled["SEQUENCE"], cancelled["STATUS"]) == (1, "CANCELLED")

    concert.write_text(
        concert.read_text()
        .replace("2027-03-20 20:30", "2027-03-21 20:30")
        .replace("2027-03-20 23:00", "2027-03-21 23:00")
    )  # not committed yet: a preview must already tell
    moved = vevents(build(repo, today="2027-03-01", **SITE).output / "feeds/agenda.ics")["Grand concert"]
    assert moved["SEQUENCE"] == 2
    (repo / "content/events/2028").mkdir()
    git(repo, "mv", "content/events/2027/concert.md", "content/events/2028/concert.md")
    commit(repo, "moved")
    again = vevents(build(repo, today="2027-03-01", **SITE).output / "feeds/agenda.ics")["Grand concert"]
    assert (again["UID"], again["SEQUENCE"]) == (before["UID"], 2)  # history followed across the move

    feed = feedparser.parse((build(repo, today="2027-03-01", **SITE).output / "feeds/agenda.rss.xml").read_bytes())
    entry = next(e for e in feed.entries if "Grand concert" in e.title)
    assert entry.title == "[Annulé] Grand concert"


def test_atom_updated_is_when_each_entry_changed_even_when_several_share_it(repo):
    """The W3C validator warns when entries share atom:updated, for generators that stamp the build's time.
    Ours tell when each file changed: events committed together did change at that one moment."""

    def updated(built) -> dict[str, str]:
        root = etree.parse(str(built.output / "feeds/agenda.atom.xml")).getroot()
        return {entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}updated") for entry in root.iter(f"{ATOM}entry")}

    together = updated(build(repo, today="2027-03-01", **SITE))
    assert len(set(together.values())) == 1  # the one commit of the three files
    concert = repo / "content/events/2027/concert.md"
    concert.write_text(concert.read_text().replace("20:30", "21:00"))
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "later"],
        cwd=repo,
        check=True,
        env={**os.environ, "GIT_COMMITTER_DATE": "2026-12-05T09:00:00+00:00"},
    )
    later = updated(build(repo, today="2027-03-01", **SITE))
    assert later == {**together, "Concert": "2026-12-05T09:00:00+00:00"}


def test_the_history_follows_a_move_into_the_folder_of_every_coming_event(repo):
    """Once in the calendar's window, only files of one folder are asked about: the move into it must
    still be seen, or SEQUENCE would go down and calendar apps ignore the update."""
    concert = repo / "content/events/2027/concert.md"
    concert.write_text(
        concert.read_text()
        .replace("2027-03-20 20:30", "2027-03-27 20:30")
        .replace("2027-03-20 23:00", "2027-03-27 23:00")
    )
    commit(repo, "a week later")
    before = vevents(build(repo, today="2027-03-01", **SITE).output / "feeds/agenda.ics")["Concert"]
    assert before["SEQUENCE"] == 1
    (repo / "content/events/2028").mkdir()
    git(repo, "mv", "content/events/2027/concert.md", "content/events/2028/concert.md")
    commit(repo, "moved")
    # two years later: the concert moved to 2028 is the only event left in the window, alone in its folder
    moved = repo / "content/events/2028/concert.md"
    moved.write_text(moved.read_text().replace("2027-03-27", "2029-03-27"))
    commit(repo, "two years later")
    after = vevents(build(repo, today="2029-03-01", **SITE).output / "feeds/agenda.ics")["Concert"]
    assert after["SEQUENCE"] == 2 and after["CREATED"].dt == before["CREATED"].dt


def test_the_past_window_is_a_setting(repo):
    events = vevents(build(repo, today="2027-03-25", KIOSQUE_FEED_PAST_DAYS=7, **SITE).output / "feeds/agenda.ics")
    assert set(events) == {"Conte du dimanche", "Concert"}  # the concert ended 5 days ago, the ball 11
    events = vevents(build(repo, today="2027-03-25", KIOSQUE_FEED_PAST_DAYS=30, **SITE).output / "feeds/agenda.ics")
    assert set(events) == {"Conte du dimanche", "Concert", "Bal"}


def test_story_and_playlist_feeds_keep_anonymous_tellers_anonymous(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    write_files(
        tmp_path / "content",
        {
            **FILES,
            "stories/memoires/index.md": "---\ntitle: Mémoires\n---\nSouvenirs.\n",
            "stories/memoires/secret.md": "---\ntitle: Le secret\nanonymous: true\nconsent: true\n---\n"
            "J'avais 8 ans.\n",
            "stories/memoires/bal.md": "---\ntitle: Le bal\nteller: Jeanine Martin\nconsent: true\n---\nOn dansait.\n",
            "playlists/sons/index.md": "---\ntitle: Sons\n---\nNos sons.\n",
            "playlists/sons/boheme.yaml": "title: La Bohème\nartist: Aznavour\nadded_by: Mireille\nadded: 2026-11-02\n"
            "note: Ma mère la chantait.\n",
        },
    )
    built = build(tmp_path, today="2027-03-01", **SITE)
    stories = feedparser.parse((built.output / "feeds/stories/memoires.atom.xml").read_bytes())
    assert sorted(e.title for e in stories.entries) == ["Le bal", "Le secret"]
    secret = next(e for e in stories.entries if e.title == "Le secret")
    assert "Jeanine" not in secret.summary
    tracks = json.loads((built.output / "feeds/playlists/sons.json").read_text())
    assert [(i["title"], i["date_published"][:10]) for i in tracks["items"]] == [("Aznavour – La Bohème", "2026-11-02")]


def test_two_builds_of_the_same_content_give_the_same_bytes(repo):
    first = build(repo, today="2027-03-01", **SITE)
    files = {
        p.relative_to(first.output): p.read_bytes()
        for p in first.output.rglob("*")
        if p.suffix in (".ics", ".xml", ".json")
    }
    second = build(repo, today="2027-03-01", **SITE)
    again = {
        p.relative_to(second.output): p.read_bytes()
        for p in second.output.rglob("*")
        if p.suffix in (".ics", ".xml", ".json")
    }
    assert len(files) > 10 and files == again


def test_agenda_ics_stays_small_however_large_the_archive(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    archive = {
        f"events/2020/vieux-{n}.md": event(f"Vieux {n}", f"2020-{1 + n % 12:02d}-{1 + n % 28:02d} 20:00")
        for n in range(5000)
    }
    write_files(tmp_path / "content", {**FILES, **archive})
    built = build(tmp_path, today="2027-03-01", **SITE)
    size = (built.output / "feeds/agenda.ics").stat().st_size
    assert size < 300_000
    assert set(vevents(built.output / "feeds/agenda.ics")) == {"Conte du dimanche", "Bal", "Concert"}
    assert (built.output / "feeds/agenda.rss.xml").stat().st_size < 300_000
