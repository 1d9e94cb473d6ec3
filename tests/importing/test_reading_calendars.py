"""A partner's calendar read as its program wrote it (fixtures/README.md says where each file comes from): the
titles, local start times, time zones, series, statuses and places a moderator would see in the event files; and
one plain sentence for each broken or hostile calendar or event."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from contributions import KINDS, MarkdownRenderer, Site, Source, read_site_settings
from importing.calendars import read

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def site() -> Site:
    """The sample site: Europe/Paris, its places in content/places/ (the Médiathèque, the Garage...)."""
    return Site.from_settings(read_site_settings(REPO / "pelicanconf.py"))


def make_source(site: Site, **changes) -> Source:
    data = {
        "name": "Médiathèque des Lilas",
        "site": "https://mediatheque.example.org",
        "calendar": "https://mediatheque.example.org/agenda.ics",
        "defaults": {"place": "mediatheque-des-lilas", "categories": ["reading"]},
        "categories": {"Atelier": "workshop", "Lecture": "reading", "concert": "concert", "balade": "walk"},
    }
    data.update(changes)
    return Source.model_validate(data, context=site.validation_context())


def read_fixture(name: str, site: Site, **changes):
    return read((FIXTURES / name).read_bytes(), make_source(site, **changes), site)


def by_title(imported) -> dict:
    return {item.fields["title"]: item for item in imported}


def ics(*lines: str) -> bytes:
    return (
        "\r\n".join(("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *lines, "END:VCALENDAR")) + "\r\n"
    ).encode()


def event(*lines: str, uid: str = "a@example.org", summary: str | None = "Lecture au parc") -> tuple[str, ...]:
    head = [f"UID:{uid}"] if uid else []
    head += [f"SUMMARY:{summary}"] if summary is not None else []
    return ("BEGIN:VEVENT", *head, *lines, "END:VEVENT")


def reasons(skipped) -> list[str]:
    return [item.reason.text % item.reason.values for item in skipped]


def said(sentences) -> list[str]:
    return [item.text % item.values for item in sentences]


def shown(markdown: str) -> str:
    """An event's description as the site's pages show it (its Markdown rendered and sanitised)."""
    return str(MarkdownRenderer()(markdown))


# --- each program's calendar ------------------------------------------------------------------------


def test_google_calendar_series_in_its_own_zone_with_a_moved_date(site):
    imported, skipped, problems = read_fixture("google_x_wr_timezone.ics", site)
    assert not skipped and not problems
    [karaoke] = imported
    assert karaoke.uid == "38m812jicsrer5gorh3mlp7qhc@google.com"
    fields = karaoke.fields
    assert fields["title"] == "Karaoke"
    assert fields["start"] == "2021-11-26 21:30" and fields["timezone"] == "Europe/Berlin"
    assert "end" not in fields  # Google wrote DTEND = DTSTART: no end rather than a refused one
    assert fields["recurrence"] == {"frequency": "monthly", "week_of_month": -1, "weekdays": ["friday"]}
    assert fields["occurrences"] == [{"date": "2021-12-31", "start": "2021-12-17 21:30", "status": "rescheduled"}]
    assert karaoke.text == (
        "Jeden letzten Freitag im Monat "
        "[https://www.instagram.com/p/CWwxmqbKXsC/](https://www.instagram.com/p/CWwxmqbKXsC/)"
    )


def test_google_calendar_utc_times_are_read_in_the_calendars_x_wr_timezone(site):
    imported, skipped, _ = read_fixture("google_utc_times.ics", site)
    found = {item.fields["title"]: item.fields for item in imported}
    noon = found["Google Calendar says this is noon to 1PM on 12/22/2021"]
    assert (noon["start"], noon["end"], noon["timezone"]) == (
        "2021-12-22 12:00",
        "2021-12-22 13:00",
        "America/New_York",
    )
    nine = found["Google says this is 9PM to 10PM on 12/22/2021"]
    assert (nine["start"], nine["end"], nine["timezone"]) == (
        "2021-12-22 21:00",
        "2021-12-22 22:00",
        "America/New_York",
    )
    assert not skipped


def test_outlook_windows_zone_name_is_read_as_the_iana_zone(site):
    [found], skipped, _ = read_fixture("outlook_windows_zone.ics", site)
    assert found.fields["title"] == "Anonymous Test Event for TZID"
    assert (found.fields["start"], found.fields["end"]) == ("2024-10-28 17:00", "2024-10-28 18:00")
    assert found.fields["timezone"] == "America/New_York"  # TZID:Eastern Standard Time
    assert not skipped


def test_exchange_whole_day_series_every_other_week_with_moved_dates(site):
    imported, skipped, _ = read_fixture("outlook_exchange_series.ics", site)
    bins = by_title(imported)
    black = bins["Refuse black bin"].fields
    assert black["start"] == "2020-04-02" and "end" not in black and "timezone" not in black  # one whole day
    assert black["recurrence"] == {
        "frequency": "weekly",
        "interval": 2,
        "until": "2020-09-17",
        "weekdays": ["thursday"],
    }
    assert black["occurrences"] == [
        {"date": "2020-04-16", "start": "2020-04-17", "status": "rescheduled"},
        {"date": "2020-05-28", "start": "2020-05-29", "status": "rescheduled"},
        {"date": "2020-09-03", "start": "2020-09-04", "status": "rescheduled"},
    ]
    assert bins["Blue Recycle bin"].fields["recurrence"]["until"] == "2020-09-24"
    assert not skipped


def test_exchange_event_without_uid_is_left_out_with_a_sentence(site):
    imported, skipped, _ = read_fixture("exchange_custom_zone.ics", site)
    assert imported == []
    assert [(item.title, item.start) for item in skipped] == [("Sprint 25 Daily Standup", "2015-07-03 10:00")]
    assert reasons(skipped) == [
        "This event has no identifier (UID) in the partner's calendar, so it could not be followed from one import "
        "to the next: it is not imported. Ask the partner to have their calendar program give each event an "
        "identifier (most do it themselves)."
    ]


def test_a_zone_only_the_file_describes_is_read_with_its_rules_in_the_sites_zone(site):
    """The same Exchange file, given a UID: its zone 'GMT +0100 (Standard) / GMT +0200 (Daylight)' is in no
    database, but its VTIMEZONE says what it is: 10:00 in July there is 10:00 in Paris."""
    data = (FIXTURES / "exchange_custom_zone.ics").read_bytes().replace(b"BEGIN:VEVENT\n", b"BEGIN:VEVENT\nUID:s25\n")
    [found], skipped, _ = read(data, make_source(site), site)
    assert found.fields["start"] == "2015-07-03 10:00" and found.fields["end"] == "2015-07-03 10:30"
    assert "timezone" not in found.fields
    # Exchange wrote 'BYDAY=MO, TU, WE, TH, FR': read without the spaces, daily on weekdays is no friendly form
    assert found.fields["rrule"] == "FREQ=DAILY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU"
    assert said(found.notes) == [
        "“Sprint 25 Daily Standup” repeats at a time of its own time zone “GMT +0100 (Standard) / GMT +0200 "
        "(Daylight)”: its dates are written at the time of its first one in the site's time zone, which a change of "
        "summer time may move by an hour from the source's."
    ]
    assert not skipped


def test_thunderbird_series_with_one_cancelled_date(site):
    [found], skipped, _ = read_fixture("thunderbird_cancelled_date.ics", site)
    fields = found.fields
    assert fields["title"] == "one is cancelled"
    assert (fields["start"], fields["end"], fields["timezone"]) == (
        "2020-01-28 22:00",
        "2020-01-28 23:00",
        "Europe/Berlin",
    )
    assert fields["recurrence"] == {"frequency": "daily", "count": 3}
    assert fields["occurrences"] == [{"date": "2020-01-29", "status": "cancelled"}]
    assert "status" not in fields  # the series itself takes place
    assert not skipped


def test_nextcloud_date_renamed_keeps_the_series_and_says_so(site):
    [found], _, _ = read_fixture("nextcloud_edited_date.ics", site)
    fields = found.fields
    assert fields["recurrence"] == {"frequency": "daily", "until": "2019-03-20"}
    assert fields["start"] == "2019-03-18 04:00" and fields["timezone"] == "Europe/Berlin"
    # the renamed date: its new title as that date's note; its LOCATION 'location' is no address: not a place
    assert fields["occurrences"] == [{"date": "2019-03-19", "note": "test7 - edited"}]
    assert said(found.notes) == [
        "On mardi 19 mars 2019, “test7” is called “test7 - edited” at the source: it is said in that date's note."
    ]


def test_apple_rule_the_friendly_form_cannot_say_is_kept_as_rrule(site):
    [found], _, _ = read_fixture("apple_ical_daily_rule.ics", site)
    fields = found.fields
    assert fields["title"] == "Stuff"
    assert fields["rrule"] == "FREQ=DAILY;BYDAY=SU;BYMONTH=9,10"
    assert (fields["start"], fields["end"]) == ("2007-09-25 18:00", "2007-09-25 20:30")  # UTC times, in Paris
    assert "timezone" not in fields and "recurrence" not in fields
    assert said(found.notes) == [
        "“Stuff” repeats at a time its calendar gives in UTC: its dates are written at the time of its first one in "
        "the site's time zone, which a change of summer time may move by an hour from the source's."
    ]


def test_apple_whole_day_event_with_an_alarm(site):
    [found], _, _ = read_fixture("apple_all_day_alarm.ics", site)
    assert found.fields["title"] == "Start Vorbereitung"
    assert found.fields["start"] == "2012-07-16" and "end" not in found.fields  # DTEND is the next day, exclusive
    assert found.text == ""  # the alarm's sound and trigger are no description


def test_gancio_html_description_place_categories_and_link(site):
    imported, skipped, _ = read_fixture("gancio_export.ics", site)
    found = by_title(imported)
    velo = found["Atelier vélo participatif"]
    assert (velo.fields["start"], velo.fields["end"]) == ("2027-01-16 14:00", "2027-01-16 18:00")
    # 'Garage de la Fonderie' is the name of the site's 'Le Garage de la Fonderie', but the calendar gives another
    # address (3 impasse, not 52 bis rue de la Fonderie) and a GEO 101 m away: the place as the calendar gives it
    assert velo.fields["place"] == {
        "name": "Garage de la Fonderie",
        "address": {"street": "3 impasse de la Fonderie", "postal_code": "69007", "city": "Lyon"},
    }
    assert said(velo.notes) == [
        "The calendar names “Le Garage de la Fonderie” but gives another address or position: the place is written "
        "as the calendar gives it."
    ]
    assert velo.fields["categories"] == ["workshop"] and velo.source_categories == ["vélo", "atelier"]
    assert velo.coordinates == (45.7505, 4.8442)
    assert velo.text == "On répare ensemble vos vélos : **outils et pièces d'occasion** sur place.\n\nPrix libre."
    assert velo.fields["organizer"] == {
        "name": "Médiathèque des Lilas",
        "url": "https://gancio.example.org/event/atelier-velo-participatif",
    }
    concert = found["Concert de soutien"]
    assert concert.fields["place"] == {
        "name": "La Cave à Musique",
        "address": {"street": "12 rue Chevreul", "postal_code": "69007", "city": "Lyon"},
    }
    assert concert.fields["categories"] == ["concert"] and "end" not in concert.fields
    assert not skipped


def test_mobilizon_organizer_place_and_cancelled_event(site):
    imported, _, _ = read_fixture("mobilizon_export.ics", site)
    found = by_title(imported)
    walk = found["Balade des fresques"]
    assert (walk.fields["start"], walk.fields["end"]) == ("2027-03-13 15:00", "2027-03-13 17:00")
    assert walk.fields["place"] == "parc-jeanne-barret"
    assert walk.fields["categories"] == ["walk"]
    assert walk.fields["organizer"]["name"] == "Les Amis des Lilas"
    assert walk.text == (  # the line break kept (two spaces: Markdown's hard line break)
        "Une balade commentée dans les rues du quartier, à la découverte  \ndes fresques et de leurs auteurs"
    )
    meeting = found["Assemblée générale"]
    assert meeting.fields["status"] == "cancelled"
    assert meeting.fields["place"] == "mediatheque-des-lilas"  # no LOCATION: the source's default place


def test_a_kiosque_sites_own_agenda(site):
    imported, skipped, problems = read_fixture("kiosque_agenda.ics", site)
    found = {item.uid: item.fields for item in imported}
    tale = found["heure-du-conte@agenda.quartier-des-lilas.example.org"]
    assert tale["recurrence"] == {"frequency": "weekly", "weekdays": ["wednesday"], "until": "2027-06-30"}
    assert (tale["start"], tale["end"], tale["place"]) == (
        "2026-09-16 10:30",
        "2026-09-16 11:15",
        "mediatheque-des-lilas",
    )
    assert tale["except"][:2] == ["2026-10-21", "2026-10-28"] and len(tale["except"]) == 8
    assert tale["occurrences"] == [
        {"date": "2027-01-13", "status": "cancelled"},
        {
            "date": "2027-01-20",
            "start": "2027-01-23 10:30",
            "status": "rescheduled",
            "place": "librairie-les-mots-passants",
        },
    ]
    assert tale["categories"] == ["reading"]  # CATEGORIES:Lecture through the source's words
    online = found["atelier-en-ligne-publier-sur-l-agenda@agenda.quartier-des-lilas.example.org"]
    assert online["online"] == "https://visio.example.org/agenda-lilas" and "place" not in online
    assert found["concert-madame-suzie@agenda.quartier-des-lilas.example.org"]["status"] == "cancelled"
    market = found["marche-de-noel-solidaire@agenda.quartier-des-lilas.example.org"]
    assert (market["start"], market["place"]) == ("2026-12-12", "parc-jeanne-barret") and "end" not in market
    assert not skipped and not problems


def test_every_imported_event_passes_the_event_schema(site):
    for path in sorted(FIXTURES.glob("*.ics")):
        imported, _, _ = read(path.read_bytes(), make_source(site), site)
        for item in imported:
            KINDS["event"].schema.model_validate(item.fields, context=site.validation_context())
            assert "source" not in item.fields


# --- the whole calendar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"", "The file is empty: there is no calendar in it."),
        (
            b"<!DOCTYPE html><html><body>Agenda</body></html>",
            "This is a web page, not a calendar: the address should give an .ics file.",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2027",
            "The file is not a valid calendar: it stops before its end, as if it had been cut short.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "The file is not a valid calendar: it does not start as an iCalendar file does.",
        ),
    ],
)
def test_a_file_that_is_no_calendar_gives_one_sentence_and_nothing_else(site, data, sentence):
    imported, skipped, problems = read(data, make_source(site), site)
    assert (imported, skipped, said(problems)) == ([], [], [sentence])


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (
            b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "The file is not a valid calendar: reading it stopped at this: END encountered without an accompanying "
            "BEGIN!",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
            "The file is not a valid calendar: no calendar could be read in it.",
        ),
    ],
)
def test_a_calendar_the_parser_refuses_says_why_in_a_sentence(site, data, sentence):
    imported, skipped, problems = read(data, make_source(site), site)
    assert (imported, skipped, said(problems)) == ([], [], [sentence])


# --- events left out --------------------------------------------------------------------------------


def test_events_without_start_or_title_and_a_uid_used_twice_are_left_out_the_rest_goes_on(site):
    data = ics(
        *event(uid="no-start@x"),
        *event("DTSTART:20270110T100000Z", uid="no-title@x", summary=None),
        *event("DTSTART:20270111T100000Z", uid="twice@x", summary="Premier"),
        *event("DTSTART:20270112T100000Z", uid="twice@x", summary="Second"),
        *event("DTSTART:20270113T100000Z", uid="good@x", summary="Le bon"),
    )
    imported, skipped, _ = read(data, make_source(site), site)
    assert [item.fields["title"] for item in imported] == ["Le bon"]
    found = {(item.uid, item.title): item.reason.text % item.reason.values for item in skipped}
    assert found[("no-start@x", "Lecture au parc")] == (
        "This event has no start (DTSTART) that can be read: it is not imported."
    )
    assert found[("no-title@x", None)] == "This event has no title (SUMMARY): it is not imported."
    assert (
        found[("twice@x", "Premier")]
        == found[("twice@x", "Second")]
        == ("Two different events of the calendar have the same UID (twice@x): neither is imported.")
    )


def test_an_unknown_time_zone_is_named(site):
    data = ics(*event("DTSTART;TZID=Mars/Olympus_Mons:20270110T100000"))
    imported, skipped, _ = read(data, make_source(site), site)
    assert imported == []
    assert reasons(skipped) == ["The time zone “Mars/Olympus_Mons” of this event is unknown: it is not imported."]


def test_an_unknown_time_zone_is_named_even_when_the_calendar_has_a_zone_of_its_own(site):
    """X-WR-TIMEZONE (Google's calendar zone) is for times without a zone: a TZID nothing knows is not one."""
    data = ics(
        "X-WR-TIMEZONE:America/New_York",
        *event("DTSTART;TZID=Mars/Olympus:20270110T100000", "DTEND;TZID=Mars/Olympus:20270110T110000"),
        *event(
            "DTSTART:20270111T100000",
            "RRULE:FREQ=DAILY;COUNT=2",
            "EXDATE;TZID=Mars/Olympus:20270112T100000",
            uid="exdate@x",
            summary="Une date martienne",
        ),
        *event("DTSTART:20270112T100000", uid="floating@x", summary="Sans fuseau"),
    )
    imported, skipped, _ = read(data, make_source(site), site)
    assert [(item.uid, item.fields["start"], item.fields["timezone"]) for item in imported] == [
        ("floating@x", "2027-01-12 10:00", "America/New_York")
    ]
    assert [(item.uid, item.reason.text % item.reason.values) for item in skipped] == [
        ("a@example.org", "The time zone “Mars/Olympus” of this event is unknown: it is not imported."),
        ("exdate@x", "The time zone “Mars/Olympus” of this event is unknown: it is not imported."),
    ]


def test_a_sub_daily_series_without_end_is_left_out(site):
    data = ics(*event("DTSTART:20270110T100000Z", "RRULE:FREQ=HOURLY"))
    imported, skipped, _ = read(data, make_source(site), site)
    assert imported == []
    assert reasons(skipped) == ["This event repeats more often than once a day (FREQ=HOURLY): it is not imported."]
    assert [item.start for item in skipped] == ["2027-01-10 10:00"]  # the report says which, by its date


def test_a_start_the_agenda_cannot_hold_is_told_in_the_schemas_words(site):
    data = ics(*event("DTSTART:99991231T100000Z"))
    imported, skipped, _ = read(data, make_source(site), site)
    assert imported == []
    [reason] = reasons(skipped)
    assert reason.startswith("This event cannot be imported as the agenda writes events: ") and "9999" in reason


def test_hostile_text_stays_inert(site):
    data = ics(
        *event(
            "DTSTART:20270110T100000Z",
            "SUMMARY:<script>alert(1)</script> {{ config.items() }}",
            'X-ALT-DESC;FMTTYPE=text/html:<p onclick="steal()">Bonjour <a href="javascript:alert(1)">ici</a>'
            "<script>alert(2)</script><img src=x onerror=alert(3)> <iframe src=https://evil.example></iframe></p>",
            "DESCRIPTION:[clic](javascript:alert(4)) <b>gras</b> {% raw %}",
            "URL:javascript:alert(5)",
            summary=None,
        )
    )
    [found], skipped, _ = read(data, make_source(site), site)
    assert found.fields["title"] == "<script>alert(1)</script> {{ config.items() }}"  # text, escaped wherever shown
    text = found.text
    assert "Bonjour" in text and "ici" in text
    for danger in ("<script", "<img", "<iframe", "onclick", "onerror", "javascript:", "alert(2)", "<p"):
        assert danger not in text.lower()
    assert found.fields["organizer"]["url"] == "https://mediatheque.example.org"  # not the javascript: URL
    assert not skipped


def test_plain_text_with_markup_is_kept_as_text_without_raw_html(site):
    data = ics(
        *event("DTSTART:20270110T100000Z", "DESCRIPTION:Entrée < 5 € \\; {{ pas_de_jinja }} [clic](javascript:x)")
    )
    [found], _, _ = read(data, make_source(site), site)
    assert "<" not in found.text and "javascript:" not in found.text  # no raw HTML, no note from make check
    assert shown(found.text) == "<p>Entrée &lt; 5 € ; {{ pas_de_jinja }} [clic](javascript:x)</p>"


PLAIN = (
    "Atelier [lien](javascript:alert(1)) **x** _y_ `z` a|b ~~s~~ {: .c} &lt; & ![img](https://e.org/i.png) 3 < 4",
    "{onclick=x}",
    "",
    "- pas une liste",
    "1. pas une liste",
    "# pas un titre",
    "> pas une citation",
    "===",
    ": pas une définition",
    "*[HTML]: pas une abréviation",
    "Programme : https://mediatheque.example.org/agenda?mois=1&p=2_b.",
)


def test_a_plain_text_description_shows_as_written_with_its_lines_and_links(site):
    """A DESCRIPTION without HTML version is text: the page shows each character the partner wrote (nothing
    becomes bold, a link, a list or a heading), each line on its line, its paragraphs, and its web address as a
    link."""
    data = ics(*event("DTSTART:20270110T100000Z", "DESCRIPTION:" + "\\n".join(PLAIN).replace(",", "\\,")))
    [found], _, _ = read(data, make_source(site), site)
    page = shown(found.text)
    assert set(re.findall(r"<(\w+)", page)) == {"p", "br", "a"}
    paragraphs = re.findall(r"<p>(.*?)</p>", page, re.S)
    lines = [[html.unescape(re.sub(r"<[^>]+>", "", line)) for line in part.split("<br>\n")] for part in paragraphs]
    assert lines == [list(PLAIN[:2]), list(PLAIN[3:])]  # each character as written, each line on its own
    assert re.findall(r'<a href="([^"]*)"', page) == [
        "https://e.org/i.png",
        "https://mediatheque.example.org/agenda?mois=1&amp;p=2_b",
    ]


def test_a_description_in_html_is_read_as_html_whoever_wrote_it_and_its_line_breaks_are_kept(site):
    data = ics(
        *event(
            "DTSTART:20270110T100000Z",
            'DESCRIPTION:Yoga<br>doux <b>pour tous</b> <a href="https://yoga.example.org">ici</a>',
        )
    )  # as Google, Mobilizon, Gancio or Nextcloud's rich-text editor write it
    [found], _, _ = read(data, make_source(site), site)
    assert shown(found.text) == (
        '<p>Yoga<br>\ndoux <strong>pour tous</strong> <a href="https://yoga.example.org" '
        'rel="noopener noreferrer nofollow">ici</a></p>'
    )
    alt = ics(*event("DTSTART:20270110T100000Z", "X-ALT-DESC;FMTTYPE=text/html:<p>Yoga<br/>doux</p>"))
    [found], _, _ = read(alt, make_source(site), site)
    assert shown(found.text) == "<p>Yoga<br>\ndoux</p>"


def test_a_long_description_is_cut_at_a_paragraph_with_a_note(site):
    paragraph = "Une phrase assez longue pour remplir la description. " * 20
    data = ics(*event("DTSTART:20270110T100000Z", "DESCRIPTION:" + "\\n\\n".join([paragraph.strip()] * 40)))
    [found], _, _ = read(data, make_source(site), site)
    assert len(found.text) <= 20_000 and found.text.endswith("description.")
    assert said(found.notes) == ["The description of “Lecture au parc” was too long: it was cut."]


def test_a_huge_html_description_is_cut_and_what_is_kept_is_clean(site):
    html = "<p>" + "Un atelier <b>ouvert</b> à toutes et à tous. " * 30 + "</p>"
    data = ics(
        *event("DTSTART:20270110T100000Z", "X-ALT-DESC;FMTTYPE=text/html:" + html * 8000)
    )  # 10 MB, as much as a fetch takes
    [found], _, _ = read(data, make_source(site), site)
    assert 0 < len(found.text) <= 20_000 and "<" not in found.text and "**ouvert**" in found.text
    assert said(found.notes) == ["The description of “Lecture au parc” was too long: it was cut."]


def test_a_very_long_title_is_cut_at_a_word(site):
    data = ics(*event("DTSTART:20270110T100000Z", summary="mot " * 200))
    [found], _, _ = read(data, make_source(site), site)
    assert len(found.fields["title"]) <= 300 and found.fields["title"].endswith("mot…")


# --- series and statuses ----------------------------------------------------------------------------


def test_exdate_rdate_and_an_override_whose_series_is_missing(site):
    data = ics(
        *event(
            "DTSTART;TZID=Europe/Paris:20270106T180000",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE;TZID=Europe/Paris:20270113T180000,20270114T180000",  # the 14th is no date of the series
            "RDATE;TZID=Europe/Paris:20270201T180000",
        ),
        *event("DTSTART:20270301T170000Z", "RDATE:20270305T170000Z", uid="rdates@x", summary="Deux dates"),
        *event(
            "RECURRENCE-ID;TZID=Europe/Paris:20270401T180000",
            "DTSTART;TZID=Europe/Paris:20270402T190000",
            uid="orphan@x",
            summary="Une date seule",
        ),
    )
    imported, skipped, _ = read(data, make_source(site), site)
    found = {item.uid: item.fields for item in imported}
    series = found["a@example.org"]
    assert series["recurrence"] == {"frequency": "weekly", "count": 4}
    assert series["except"] == ["2027-01-13"] and series["extra"] == ["2027-02-01 18:00"]
    assert found["rdates@x"]["rrule"] == "FREQ=DAILY;COUNT=1" and found["rdates@x"]["extra"] == ["2027-03-05 18:00"]
    assert found["orphan@x"]["start"] == "2027-04-02 19:00" and "occurrences" not in found["orphan@x"]
    assert not skipped


def test_a_monthly_rule_on_the_second_tuesday_and_an_until_in_utc(site):
    data = ics(
        *event("DTSTART;TZID=Europe/Paris:20270112T200000", "RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270608T175959Z")
    )
    [found], _, _ = read(data, make_source(site), site)
    # 19:59:59 in Paris on 8 June comes before that day's 20:00: the last date is in May
    assert found.fields["recurrence"] == {
        "frequency": "monthly",
        "week_of_month": 2,
        "weekdays": ["tuesday"],
        "until": "2027-06-07",
    }


def test_tentative_is_published_as_scheduled_with_a_note(site):
    data = ics(*event("DTSTART:20270110T100000Z", "STATUS:TENTATIVE"))
    [found], _, _ = read(data, make_source(site), site)
    assert found.fields.get("status", "scheduled") == "scheduled"
    assert said(found.notes) == ["“Lecture au parc” is marked tentative at the source: it is published as scheduled."]


def test_defaults_apply_and_a_place_within_100_metres_is_the_sites(site):
    source = make_source(
        site,
        defaults={"place": "mediatheque-des-lilas", "categories": ["talk"], "audience": ["children"], "price": "free"},
    )
    data = ics(*event("DTSTART:20270110T100000Z", "GEO:45.7535;4.8463", "LOCATION:Salle du fond"))
    [found], _, _ = read(data, source, site)
    assert found.fields["place"] == "mediatheque-des-lilas"  # 40 m from the Médiathèque
    assert found.fields["categories"] == ["talk"] and found.fields["audience"] == ["children"]
    assert found.fields["price"] == "free"


VILLEURBANNE = {"street": "3 avenue Henri Barbusse", "postal_code": "69100", "city": "Villeurbanne"}
ELSEWHERE = (
    "The calendar names “Médiathèque des Lilas” but gives another address or position: the place is written as "
    "the calendar gives it."
)


@pytest.mark.parametrize(
    ("location", "geo", "place", "notes"),
    [
        (  # its name among other words, another address, GEO 3 km away: not the site's Médiathèque
            "Annexe de la Médiathèque des Lilas, 3 avenue Henri Barbusse, 69100 Villeurbanne",
            "45.7665;4.8798",
            {"name": "Annexe de la Médiathèque des Lilas", "address": VILLEURBANNE},
            [ELSEWHERE],
        ),
        (  # the same without GEO: the address alone says it is elsewhere
            "Annexe de la Médiathèque des Lilas, 3 avenue Henri Barbusse, 69100 Villeurbanne",
            None,
            {"name": "Annexe de la Médiathèque des Lilas", "address": VILLEURBANNE},
            [ELSEWHERE],
        ),
        (  # its name among other words, at its address (written otherwise): the Médiathèque
            "Salle d'animation de la Médiathèque des Lilas, 14, rue des Lilas, 69007 LYON",
            "45.7533;4.8462",
            "mediatheque-des-lilas",
            [],
        ),
        (  # at its address, but GEO 3 km away: the calendar's place
            "Salle d'animation de la Médiathèque des Lilas, 14 rue des Lilas, 69007 Lyon",
            "45.7665;4.8798",
            {
                "name": "Salle d'animation de la Médiathèque des Lilas",
                "address": {"street": "14 rue des Lilas", "postal_code": "69007", "city": "Lyon"},
            },
            [ELSEWHERE],
        ),
        (  # its very name, GEO 3 km away: never the site's place
            "Médiathèque des Lilas, 3 avenue Henri Barbusse, 69100 Villeurbanne",
            "45.7665;4.8798",
            {"name": "Médiathèque des Lilas", "address": VILLEURBANNE},
            [ELSEWHERE],
        ),
        ("  mediatheque des LILAS ", None, "mediatheque-des-lilas", []),  # the same name, case and accents aside
        ("Médiathèque des Lilas", "45.7534;4.8464", "mediatheque-des-lilas", []),  # the same name, GEO 30 m away
    ],
)
def test_a_place_of_the_site_is_its_name_or_within_100_metres_never_a_name_placed_elsewhere(
    site, location, geo, place, notes
):
    lines = ["DTSTART:20270110T100000Z", "LOCATION:" + location.replace(",", "\\,")]
    lines += [f"GEO:{geo}"] if geo else []
    [found], skipped, _ = read(ics(*event(*lines)), make_source(site), site)
    assert found.fields["place"] == place
    assert said(found.notes) == notes
    assert not skipped


def test_a_place_named_but_placed_far_away_without_an_address_is_left_out(site):
    data = ics(
        *event("DTSTART:20270110T100000Z", "LOCATION:Médiathèque des Lilas", "GEO:45.7665;4.8798"),
        *event(  # a series whose one date names it so: the date keeps the series' place, the series goes on
            "DTSTART:20270110T100000Z",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "LOCATION:Parc Jeanne-Barret et son kiosque",
            uid="series@x",
        ),
        *event(
            "RECURRENCE-ID:20270117T100000Z",
            "DTSTART:20270117T110000Z",
            "LOCATION:Médiathèque des Lilas",
            "GEO:45.7665;4.8798",
            uid="series@x",
        ),
    )
    imported, skipped, _ = read(data, make_source(site), site)
    assert reasons(skipped) == [
        "The calendar names the place “Médiathèque des Lilas” for this event, but gives coordinates far from it and "
        "no address: it is not imported."
    ]
    [series] = imported
    assert series.fields["place"] == "parc-jeanne-barret"
    assert series.fields["occurrences"] == [
        {"date": "2027-01-17", "start": "2027-01-17 12:00", "status": "rescheduled"}
    ]


# --- the source's filters ---------------------------------------------------------------------------


def test_filters_leave_events_out_and_count_them_in_one_sentence(site):
    data = ics(
        *event("DTSTART:20270110T100000Z", "CATEGORIES:Lecture", uid="1@x", summary="Conte du mercredi"),
        *event("DTSTART:20270111T100000Z", "CATEGORIES:Sport", uid="2@x", summary="Conte sportif"),
        *event("DTSTART:20270112T100000Z", "CATEGORIES:lecture", uid="3@x", summary="Réunion"),
        *event(
            "DTSTART:20270113T100000Z", "CATEGORIES:LECTURE", "GEO:48.8566;2.3522", uid="4@x", summary="Conte à Paris"
        ),
    )
    source = make_source(site, keep={"categories": ["lecture"], "words": ["conte"], "within_km": 15})
    imported, skipped, problems = read(data, source, site)
    assert [item.uid for item in imported] == ["1@x"]
    assert skipped == []
    assert said(problems) == ["3 events left out by the source's filters."]


def test_windows_zone_names_without_their_vtimezone_and_floating_times(site):
    data = ics(
        *event("DTSTART;TZID=Romance Standard Time:20270110T100000", uid="paris@x", summary="Paris"),
        *event("DTSTART;TZID=W. Europe Standard Time:20270110T100000", uid="berlin@x", summary="Berlin"),
        *event("DTSTART:20270110T100000", uid="floating@x", summary="Sans fuseau"),
    )
    imported, skipped, _ = read(data, make_source(site), site)
    found = {item.uid: item.fields for item in imported}
    assert found["paris@x"]["start"] == "2027-01-10 10:00" and "timezone" not in found["paris@x"]  # the site's
    assert (found["berlin@x"]["start"], found["berlin@x"]["timezone"]) == ("2027-01-10 10:00", "Europe/Berlin")
    assert found["floating@x"]["start"] == "2027-01-10 10:00" and "timezone" not in found["floating@x"]
    assert not skipped


def test_a_rule_the_schema_refuses_leaves_the_event_out_in_the_schemas_words(site):
    data = ics(*event("DTSTART:20270110T100000Z", "RRULE:FREQ=WEEKLY;UNTIL=23000101T000000Z"))
    imported, skipped, _ = read(data, make_source(site), site)
    assert imported == []
    [reason] = reasons(skipped)
    assert reason.startswith("This event cannot be imported as the agenda writes events: ")
    assert "write a year between 1900 and 2199" in reason
