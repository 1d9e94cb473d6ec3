"""What a moderator reads of a proposal: its title and description in the site's language, for a new event, a
correction (a before/after table), a cancellation or a new date of one date, a conflict and a picture; and hostile
text that cannot break the table nor become a link, a tag or a mention, in Markdown (as the forges read it) and in
the one line of HTML Forgejo gets."""

from __future__ import annotations

import pytest
from bridge_sites import client_for, git, make_remote, make_site, pushes, settings_for
from conftest import write_files
from lxml import html
from markdown_it import MarkdownIt

from bridge import editing
from bridge.proposals import description_in_one_line, description_of, summary_of, title_of
from contributions import Site

CONCERT = {
    "title": "Concert au chapeau",
    "start": "2026-12-05 20:30",
    "end": "2026-12-05 23:00",
    "place": "cafe-la-fabrique",
    "categories": ["concert"],
    "price": "hat",
}
SERIES = {
    "title": "Heure du conte",
    "start": "2027-01-06 10:30",
    "duration": "45 min",
    "place": "cafe-la-fabrique",
    "categories": ["reading"],
    "recurrence": {"frequency": "weekly", "weekdays": ["wednesday"], "until": "2027-06-30"},
    "except": ["2027-02-17"],
}


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    write_files(
        content,
        {
            "places/cafe-la-fabrique.yaml": "name: Café La Fabrique\naddress:\n  street: 27 rue des Teinturiers\n"
            "  postal_code: '69007'\n  city: Lyon\n",
            "places/maison-des-associations.yaml": "name: Maison des associations\naddress:\n"
            "  street: 2 place du Marché\n  postal_code: '69007'\n  city: Lyon\n",
            "playlists/la-bande-son/index.md": "---\ntitle: La bande-son du quartier\nopen: true\n---\n",
            "stories/memoires/index.md": "---\ntitle: Mémoires du quartier\n---\n",
        },
    )
    return lambda language: Site(content=content, language=language)


def record(site, language: str, data: dict = CONCERT, **fields) -> dict:
    """A spool record as the intake and the worker leave it for the forge."""
    return {
        "id": "0123456789abcdef0123456789abcdef",
        "kind": "event",
        "action": "new",
        "language": language,
        "title": data["title"],
        "credit": "Nadia",
        "contact": "nadia@example.org",
        "main_file": "content/events/2026/concert-au-chapeau-01234567.md",
        "summary": summary_of("event", data, site(language)),
        "check": "passed",
        **fields,
    }


def rendered(markdown: str) -> html.HtmlElement:
    """The description as a forge shows it: CommonMark with tables, raw HTML allowed (GitHub, GitLab)."""
    return html.fromstring(f"<div>{MarkdownIt('commonmark').enable('table').render(markdown)}</div>")


def table(page: html.HtmlElement) -> list[list[str]]:
    [found] = page.xpath("//table")
    return [[cell.text_content() for cell in row.xpath("./th|./td")] for row in found.xpath(".//tr")]


def test_a_new_event_says_what_when_and_where_in_the_sites_language(site):
    english = record(site, "en")
    assert title_of(english) == (
        "New event: Concert au chapeau — Saturday, December 5, 2026, 8:30 PM – 11 PM, Café La Fabrique"
    )
    page = rendered(description_of(english))
    text = " ".join(page.text_content().split())
    assert "A new event for the agenda: Concert au chapeau — Saturday, December 5, 2026" in text
    assert "make check: passed." in text
    assert "Proposed through the form by Nadia." in text
    assert "nadia@example.org" in text  # for the moderators, in the request only
    assert "nadia@example.org" not in title_of(english)

    french = record(site, "fr")
    assert "Concert au chapeau — samedi 5 décembre 2026, 20 h 30 – 23 h, Café La Fabrique" in title_of(french)
    assert "samedi 5 décembre 2026, 20\u00a0h\u00a030" in french["summary"]["when"]  # as the agenda says it


def test_a_track_says_its_artist_and_playlist_a_story_its_teller_and_collection(site):
    track = {"title": "Le Temps des cerises", "artist": "Cora Vaucaire", "year": 1955}
    proposal = {
        "id": "f" * 32,
        "kind": "track",
        "language": "en",
        "title": track["title"],
        "parent": "la-bande-son",
        "summary": summary_of("track", track, site("en"), parent="la-bande-son"),
    }
    assert title_of(proposal) == "New track: Le Temps des cerises — Cora Vaucaire, 1955, La bande-son du quartier"
    assert "A new track for the playlist La bande-son du quartier: Le Temps des cerises" in description_of(proposal)
    assert "someone who gave no public name" in description_of(proposal)
    story = {"title": "La crue de 1957", "anonymous": True}
    proposal = {**proposal, "kind": "story", "title": story["title"], "parent": "memoires"}
    proposal["summary"] = summary_of("story", story, site("en"), parent="memoires")
    assert title_of(proposal) == "New story: La crue de 1957 — anonymous, Mémoires du quartier"


def test_a_series_in_words(site):
    english = summary_of("event", SERIES, site("en"))
    assert english["when"] == (
        "every Wednesday, 10:30 AM – 11:15 AM, from Wednesday, January 6, 2027 until Wednesday, June 30, 2027".replace(
            " AM", "\u00a0AM"
        )
    )
    assert english["dates"] == "except Wednesday, February 17, 2027"
    monthly = {
        **SERIES,
        "recurrence": {"frequency": "monthly", "weekdays": ["saturday"], "week_of_month": -1},
        "except": [],
    }
    assert summary_of("event", monthly, site("en"))["when"].startswith("every last Saturday of the month, ")
    french = summary_of("event", SERIES, site("fr"))
    assert "mercredi" in french["when"] and "30 juin 2027" in french["when"]


def test_a_correction_shows_the_changed_fields_before_and_after(site):
    change = {
        "path": "content/events/2026/concert-au-chapeau.md",
        "base": "a" * 40,
        "date": "",
        "before": {"start": "2026-12-05 20:30", "place": "cafe-la-fabrique", "price": "hat", "status_note": "Complet"},
        "after": {
            "start": "2026-12-06 18:00",
            "place": "maison-des-associations",
            "price": {"kind": "paid", "amounts": [{"amount": 8}]},
            "categories": ["concert", "party"],
            "status_note": None,
        },
    }
    after = {**CONCERT, **{k: v for k, v in change["after"].items() if v is not None}}
    for language, rows in (
        (
            "en",
            [
                ["Field", "Before", "Proposed"],
                ["Start", "Saturday, December 5, 2026, 8:30 PM", "Sunday, December 6, 2026, 6 PM"],
                ["Place", "Café La Fabrique", "Maison des associations"],
                ["Kind of event", "—", "Concert, Party"],
                ["Price", "Pass the hat", "Paid, €8.00"],
                ["Note about the status", "Complet", "—"],
            ],
        ),
        ("fr", [None, ["Début", "samedi 5 décembre 2026, 20 h 30", "dimanche 6 décembre 2026, 18 h"]]),
    ):
        correction = record(site, language, after, action="correct", change=change)
        correction["summary"] = summary_of("event", after, site(language), before=change["before"])
        assert "Concert au chapeau" in title_of(correction)
        found = table(rendered(description_of(correction)))
        for wanted, row in zip(rows, found):
            assert wanted is None or [" ".join(cell.split()) for cell in row] == wanted
        assert len(found) == 6
    assert "Au chapeau" in " ".join(map(str, table(rendered(description_of(correction)))))


def test_a_cancellation_and_a_new_date_of_one_date_of_a_series(site):
    cancelled = {"date": "2027-01-13", "status": "cancelled", "note": "Salle fermée pour travaux."}
    moved = {
        "date": "2027-01-20",
        "status": "rescheduled",
        "start": "2027-01-21 18:00",
        "place": "maison-des-associations",
    }
    data = {**SERIES, "occurrences": [cancelled, moved]}

    def change(date: str, item: dict) -> dict:
        return {
            "path": "content/events/2027/heure-du-conte.md",
            "base": "b" * 40,
            "date": date,
            "before": {"occurrences": None},
            "after": {"occurrences": [item]},
        }

    cancel = record(site, "en", data, action="cancel", change=change("2027-01-13", cancelled))
    assert title_of(cancel) == "Cancellation: Heure du conte (Wednesday, January 13, 2027)"
    rows = table(rendered(description_of(cancel)))
    assert rows[1][0] == "Changes to single dates" and rows[1][1] == "—"
    assert rows[1][2] == "Wednesday, January 13, 2027: Cancelled, Salle fermée pour travaux."

    move = record(site, "en", data, action="move", change=change("2027-01-20", moved))
    assert title_of(move) == "New date: Heure du conte — Thursday, January 21, 2027, 6 PM"
    [row] = table(rendered(description_of(move)))[1:]
    assert " ".join(row[2].split()) == (
        "Wednesday, January 20, 2027: Rescheduled, Thursday, January 21, 2027, 6 PM, Maison des associations"
    )

    french = record(site, "fr", data, action="cancel", change=change("2027-01-13", cancelled))
    assert "(mercredi 13 janvier 2027)" in title_of(french)
    assert "mercredi 13 janvier 2027" in table(rendered(description_of(french)))[1][2]
    assert "Annulé" in table(rendered(description_of(french)))[1][2]


def test_a_conflict_is_said_first_and_explained(site):
    change = {
        "path": "content/events/2026/concert.md",
        "base": "c" * 40,
        "date": "",
        "before": {"end": "2026-12-05 23:00"},
    }
    changed = record(
        site,
        "en",
        action="correct",
        change={**change, "after": {"end": "2026-12-05 23:30"}},
        conflict="changed",
        conflicts={"end": "2026-12-06 00:30"},
    )
    assert title_of(changed).startswith("Check first, the page changed meanwhile — Correction: Concert au chapeau")
    text = " ".join(rendered(description_of(changed)).text_content().split())
    assert "this file was changed on the site since the form was opened" in text
    assert "End: Sunday, December 6, 2026, 12:30 AM" in text
    removed = record(site, "en", action="correct", change={**change, "after": {"end": None}}, conflict="removed")
    assert title_of(removed).startswith("Check first, the page was removed meanwhile")
    assert "puts it back" in rendered(description_of(removed)).text_content()


def test_a_picture_its_dimensions_and_the_checks_sentences(site):
    proposal = record(
        site,
        "en",
        pictures={"content/images/contrib/concert-01234567.jpg": [1200, 800]},
        check="content/events/2026/concert.md:3: end: The end is before the start; fix it.; "
        "content/events/2026/concert.md:5: place: No place cafe-la-fabriqu.",
    )
    page = rendered(description_of(proposal))
    text = " ".join(page.text_content().split())
    assert "New picture content/images/contrib/concert-01234567.jpg: 1200 × 800 pixels." in text
    assert "make check found problems:" in text and "passed" not in text
    assert [
        item.text_content().strip()
        for item in page.xpath("//p[starts-with(., 'make check')]/following-sibling::ul[1]/li")
    ] == [
        "content/events/2026/concert.md:3: end: The end is before the start; fix it.",
        "content/events/2026/concert.md:5: place: No place cafe-la-fabriqu.",
    ]


HOSTILE = "Fête | <script>alert(1)</script>\n| x | y | z |\n[clic](javascript:alert(1)) `code` **gras** @everyone \\n"


def test_hostile_text_stays_text_in_the_table_and_everywhere(site):
    data = {**CONCERT, "title": HOSTILE}
    change = {
        "path": "content/events/2026/concert.md",
        "base": "d" * 40,
        "date": "",
        "before": {"title": "Concert", "organizer": "<img src=x onerror=alert(1)>"},
        "after": {"title": HOSTILE, "organizer": "](javascript:alert(1))"},
    }
    proposal = record(site, "en", data, action="correct", change=change, credit="<b>Nadia</b> | @everyone")
    flat = " ".join(HOSTILE.split())
    assert "\n" not in title_of(proposal) and flat in title_of(proposal)

    markdown = description_of(proposal)
    assert "\\n" not in markdown  # GitLab would make a line break of a contributor's backslash-n
    for page in (rendered(markdown), html.fromstring(f"<div>{description_in_one_line(proposal)}</div>")):
        assert not page.xpath("//script|//img|//b|//strong|//code|//a")  # no tag, link, emphasis or code came in
        rows = table(page)
        assert [len(row) for row in rows] == [3, 3, 3]  # one row per changed field, three cells each
        assert rows[1][2].replace("@\u2060", "@") == flat
        assert rows[2][1:] == ["<img src=x onerror=alert(1)>", "](javascript:alert(1))"]
        text = page.text_content()
        assert "<b>Nadia</b> | @\u2060everyone" in text  # shown as written; the word joiner keeps it from notifying
        assert "@everyone" not in text


def test_a_correction_reaches_the_forge_as_a_table_and_the_contact_stays_out_of_the_repository(tmp_path, monkeypatch):
    monkeypatch.setattr(editing, "FETCH_EVERY", 0)  # the form sees main as it is this moment
    repository = make_site(tmp_path)
    remote = make_remote(repository, tmp_path)
    client = client_for(
        settings_for(repository, tmp_path, KIOSQUE_BRIDGE_FORGE="gitlab", KIOSQUE_BRIDGE_REMOTE=str(remote))
    )
    bridge = client.app.state.bridge
    base = bridge.intake.main.read("events/2026/concert-au-chapeau-les-cordes-sensibles.md")
    changes = {"start": "2026-11-14 21:00", "price": "free"}
    ui = bridge.interfaces["fr"]
    found, problems = bridge.intake.submit_change(
        "event", base, "correct", None, changes, None, "jo@example.org", {}, ui
    )
    assert problems == []
    assert bridge.worker.run_once() == 1

    [push] = pushes(remote)
    options = dict(option.partition("=")[::2] for option in push["options"])
    assert "Concert au chapeau — Les Cordes sensibles" in options["merge_request.title"]
    description = options["merge_request.description"].replace("\\n", "\n")  # as GitLab reads it
    assert table(rendered(description))[1:] == [
        ["Début", "samedi 14 novembre 2026, 20 h 30", "samedi 14 novembre 2026, 21 h"],
        ["Prix", "Au chapeau", "Gratuit"],
    ]
    assert "jo@example.org" in description
    record = bridge.spool.load(found)
    assert "jo@example.org" not in git(remote, "show", record["branch"])  # neither the commit nor its file
