"""A partner calendar (content/sources/<slug>.yaml) is a contribution like the others: `make check` reads it and
says what is wrong in plain words, /contribute/ and /schema/source.json describe it, and the build publishes
nothing of it. An imported event carries a `source` block that names a partner calendar of the site, once."""

from __future__ import annotations

import hashlib
import json

import jsonschema
import pytest
from conftest import REPO, write_files
from lxml import html

import contributions
from contributions.checking.harvest import harvest
from contributions.reading.loader import read_source
from contributions.schemas.kinds import KINDS
from contributions.site import Site

PLACE = "name: Médiathèque\naddress:\n  street: 1 rue des Lilas\n  postal_code: '69007'\n  city: Lyon\n"
SOURCE = """\
name: Ludothèque Zéphyr
site: https://ludo-zephyr.example.org
calendar: https://ludo-zephyr.example.org/agenda.ics
defaults:
  place: mediatheque
  categories: [games]
  audience: [families]
  price: free
  language: fr
categories:
  Jeux: games
  Lecture: reading
keep:
  categories: [Jeunesse]
  words: [jeu, conte]
  within_km: 15
trusted: true
"""
IMPORTED = """\
---
title: Après-midi jeux
start: 2026-12-12 14:00
duration: 3h
place: mediatheque
categories: [games]
source:
  partner: ludo-zephyr
  uid: jeux-42@ludo-zephyr.example.org
  hash: 3f2a9c1b0d5e7f11
---
Des jeux pour toute la famille.
"""
VALID = {
    "places/mediatheque.yaml": PLACE,
    "sources/ludo-zephyr.yaml": SOURCE,
    "events/2026/ludo-zephyr-apres-midi-jeux-1a2b3c.md": IMPORTED,
}
SOURCE_PATH = "content/sources/ludo-zephyr.yaml"
THREE_FORMS_EN = (
    "'{found}' is not a calendar kiosque can read; write an address starting with https:// (or http://), a "
    "webcal:// address, or the path of a .ics file inside the repository, from its root and without '..' "
    "(e.g. partners/mediatheque.ics)"
)
THREE_FORMS_FR = (
    "'{found}' n'est pas un calendrier que kiosque sait lire ; écrivez une adresse qui commence par https:// "
    "(ou http://), une adresse webcal://, ou le chemin d'un fichier .ics du dépôt, depuis sa racine et sans '..' "
    "(par exemple partners/mediatheque.ics)"
)


def checked(tmp_path, files: dict[str, str], language: str = "en"):
    write_files(tmp_path / "content", files)
    return harvest(Site(content=tmp_path / "content", language=language), shown_root=tmp_path)


def problems(result) -> list[tuple[str, int, str, str]]:
    return [(p.path, p.line, p.field, p.message) for p in result.problems]


def test_a_source_file_is_read_as_a_contribution_with_every_field(tmp_path):
    result = checked(tmp_path, VALID)
    assert problems(result) == []
    [source] = result.of_kind("source")
    assert (source.slug, source.path, source.kind) == ("ludo-zephyr", SOURCE_PATH, KINDS["source"])
    data = source.data
    assert isinstance(data, contributions.Source)  # the facade gives the model to `importing`
    assert (data.name, data.site, data.calendar) == (
        "Ludothèque Zéphyr",
        "https://ludo-zephyr.example.org",
        "https://ludo-zephyr.example.org/agenda.ics",
    )
    assert data.defaults.place.slug == "mediatheque"
    assert (data.defaults.categories, data.defaults.audience, data.defaults.price, data.defaults.language) == (
        ["games"],
        ["families"],
        "free",
        "fr",
    )
    assert data.categories == {"Jeux": "games", "Lecture": "reading"}
    assert (data.keep.categories, data.keep.words, data.keep.within_km, data.trusted) == (
        ["Jeunesse"],
        ["jeu", "conte"],
        15,
        True,
    )


def test_a_source_needs_only_its_name_its_calendar_and_default_categories(tmp_path):
    minimal = "name: Ciné du coin\ncalendar: partners/cine.ics\ndefaults:\n  categories: film\n"
    result = checked(tmp_path, {**VALID, "sources/cine.yaml": minimal})
    assert problems(result) == []
    cine = next(item.data for item in result.of_kind("source") if item.slug == "cine")
    assert (cine.site, cine.categories, cine.trusted, cine.defaults.place) == (None, {}, False, None)
    assert (cine.keep.categories, cine.keep.words, cine.keep.within_km) == ([], [], None)


@pytest.mark.parametrize(
    "calendar",
    [
        "https://ludo.example.org/agenda.ics",
        "http://ludo.example.org/agenda.ics?export",
        "webcal://calendar.google.com/calendar/ical/ludo%40gmail.com/public/basic.ics",
        "https://ludo.example.org:8443/cal",
        "https://médiathèque.example.fr/agenda.ics",
        "partners/ludo-zephyr.ics",
        "partners/Ludo Zéphyr.ICS",
    ],
)
def test_the_three_forms_of_a_calendar_are_accepted(tmp_path, calendar):
    result = checked(
        tmp_path,
        {
            **VALID,
            "sources/ludo-zephyr.yaml": SOURCE.replace(
                "https://ludo-zephyr.example.org/agenda.ics", json.dumps(calendar, ensure_ascii=False)
            ),
        },
    )
    assert problems(result) == []
    assert result.of_kind("source")[0].data.calendar == calendar


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "calendar",
    [
        "ftp://ludo.example.org/agenda.ics",
        "javascript:alert(1)",
        "file:///etc/agenda.ics",
        "../agenda.ics",
        "partners/../../agenda.ics",
        "/etc/agenda.ics",
        "C:\\\\Users\\\\ludo\\\\agenda.ics",
        "partners/agenda.txt",
        "partners//agenda.ics",
        "https:///agenda.ics",
        "https://-ludo.example.org/agenda.ics",
        "https://ludo.example.org:99999/agenda.ics",
        "mailto:ludo@example.org",
    ],
)
def test_any_other_calendar_is_refused_with_the_three_forms_said(tmp_path, calendar, language):
    text = SOURCE.replace("https://ludo-zephyr.example.org/agenda.ics", f'"{calendar}"')
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.yaml": text}, language)
    found = calendar.replace("\\\\", "\\")
    sentence = (THREE_FORMS_EN if language == "en" else THREE_FORMS_FR).format(found=found)
    assert problems(result) == [(SOURCE_PATH, 3, "calendar", sentence)]
    # the rest of the site is still read: its imported event now names a calendar that has problems of its own
    assert [item.slug for item in result.of_kind("event")] == ["ludo-zephyr-apres-midi-jeux-1a2b3c"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_calendar_address_with_a_password_is_refused_without_repeating_it(tmp_path, language):
    text = SOURCE.replace("https://ludo-zephyr.example.org/agenda.ics", "https://ludo:s3cret@ludo.example.org/a.ics")
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.yaml": text}, language)
    [(path, line, field, message)] = problems(result)
    assert (path, line, field) == (SOURCE_PATH, 3, "calendar")
    assert (
        message
        == {
            "en": "this address holds a user name or a password, which would be published with the site's files; ask "
            "the partner for the public address of their calendar",
            "fr": "cette adresse contient un nom d'utilisateur ou un mot de passe, qui serait publié avec les fichiers "
            "du site ; demandez au partenaire l'adresse publique de son calendrier",
        }[language]
    )
    assert "s3cret" not in message


def test_a_calendar_address_with_spaces_is_refused(tmp_path):
    text = SOURCE.replace("https://ludo-zephyr.example.org/agenda.ics", '"https://ludo.example.org/mon agenda.ics"')
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.yaml": text})
    assert [p.message for p in result.problems] == [
        "a link cannot contain spaces: 'https://ludo.example.org/mon agenda.ics'; copy it again from the "
        "browser's address bar"
    ]


@pytest.mark.parametrize(
    "before, after, line, field, english",
    [
        (
            "categories: [games]",
            "categories: [jeux]",
            6,
            "defaults.categories",
            "expected one of: concert, show, film, exhibition, reading, talk, workshop, walk, open-mic, games, "
            "market, festival, repair-cafe, party, radio — found: 'jeux'; did you mean 'games'?",
        ),
        (
            "categories: [games]",
            "categories: []",
            6,
            "defaults.categories",
            "this list is empty; give at least one value",
        ),
        (
            "  Lecture: reading",
            "  Lecture: lecture",
            12,
            "categories.Lecture",
            "expected one of: concert, show, film, exhibition, reading, talk, workshop, walk, open-mic, games, "
            "market, festival, repair-cafe, party, radio — found: 'lecture'; did you mean 'reading'?",
        ),
        (
            "price: free",
            "price: gratos",
            8,
            "defaults.price",
            # 'gratos' is near the label Spanish and Portuguese readers see for 'free' ("Gratis", "Grátis")
            "expected one of: free, pay-what-you-can, hat, paid — found: 'gratos'; did you mean 'free'?",
        ),
        (
            "price: free",
            "price: paid",
            8,
            "defaults.price",
            "a paid price needs its amounts, which differ from one event to the next; choose another kind of "
            "price, or remove 'price'",
        ),
        (
            "place: mediatheque",
            "place: mediatek",
            5,
            "defaults.place",
            "there is no place 'mediatek' in content/places/; create content/places/mediatek.yaml, or give a name "
            "and address; did you mean 'mediatheque'?",
        ),
        ("within_km: 15", "within_km: 0", 16, "keep.within_km", "expected a number greater than 0, found '0'"),
        ("within_km: 15", "within_km: 501", 16, "keep.within_km", "expected a number of at most 500, found '501'"),
        ("trusted: true", "trusted: peut-être", 17, "trusted", "expected true or false, found 'peut-être'"),
        ("name: Ludothèque Zéphyr\n", "", 1, "name", "this field is required; add a line 'name: ...'"),
    ],
)
def test_what_a_source_says_of_the_site_is_checked_against_the_site(tmp_path, before, after, line, field, english):
    assert before in SOURCE
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.yaml": SOURCE.replace(before, after)})
    assert problems(result) == [(SOURCE_PATH, line, field, english)]


def test_an_unknown_default_category_is_said_in_french_too(tmp_path):
    text = SOURCE.replace("categories: [games]", "categories: [jeux]")
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.yaml": text}, "fr")
    [problem] = result.problems
    assert problem.message.startswith("valeurs possibles : concert, show") and "trouvé : 'jeux'" in problem.message


def test_a_file_of_the_sources_folder_that_is_no_source_is_told_where_sources_go(tmp_path):
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.ics": "BEGIN:VCALENDAR\n"}, "fr")
    assert problems(result) == [
        (
            "content/sources/ludo-zephyr.ics",
            1,
            "",
            "kiosque ne sait pas quoi faire de ce fichier ; un calendrier partenaire est un fichier .yaml dans "
            "content/sources/",
        )
    ]


def test_an_imported_event_keeps_its_source_block(tmp_path):
    result = checked(tmp_path, VALID)
    [event] = result.of_kind("event")
    assert isinstance(event.data.source, contributions.ImportedFrom)
    assert (event.data.source.partner, event.data.source.uid, event.data.source.hash) == (
        "ludo-zephyr",
        "jeux-42@ludo-zephyr.example.org",
        "3f2a9c1b0d5e7f11",
    )
    assert list(type(event.data).model_fields)[-1] == "source"  # written last, after the fields people write


@pytest.mark.parametrize(
    "before, after, line, field, english",
    [
        (
            "hash: 3f2a9c1b0d5e7f11",
            "hash: 3F2A9C1B0D5E7F11",
            10,
            "source.hash",
            "'3F2A9C1B0D5E7F11' is not a fingerprint as make import writes it (16 characters among 0-9 and a-f); "
            "leave the 'source' block as make import wrote it",
        ),
        (
            "uid: jeux-42@ludo-zephyr.example.org",
            "uid: " + "x" * 501,
            9,
            "source.uid",
            "this text is too long (501 characters, at most 500); shorten it",
        ),
        (
            "partner: ludo-zephyr",
            "partner: Ludo Zéphyr",
            8,
            "source.partner",
            "'Ludo Zéphyr' is not a slug; use lowercase letters without accents, digits and dashes (e.g. "
            "cafe-la-fabrique)",
        ),
        ("  hash: 3f2a9c1b0d5e7f11\n", "", 7, "source.hash", "this field is required; add a line 'hash: ...'"),
    ],
)
def test_a_source_block_not_as_make_import_writes_it_is_refused(tmp_path, before, after, line, field, english):
    event = "events/2026/ludo-zephyr-apres-midi-jeux-1a2b3c.md"
    result = checked(tmp_path, {**VALID, event: IMPORTED.replace(before, after)})
    assert problems(result) == [(f"content/{event}", line, field, english)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_event_from_a_partner_calendar_the_site_does_not_have_is_refused(tmp_path, language):
    event = "events/2026/ludo-zephyr-apres-midi-jeux-1a2b3c.md"
    text = IMPORTED.replace("partner: ludo-zephyr", "partner: ludo-zephir")
    result = checked(tmp_path, {**VALID, event: text}, language)
    assert problems(result) == [
        (
            f"content/{event}",
            8,
            "source.partner",
            {
                "en": "there is no partner calendar 'ludo-zephir' in content/sources/; the 'source' block is written "
                "by make import: write back the name it gave, or remove the block to make the event an ordinary "
                "one; did you mean 'ludo-zephyr'?",
                "fr": "il n'y a pas de calendrier partenaire 'ludo-zephir' dans content/sources/ ; le bloc 'source' "
                "est écrit par make import : remettez le nom qu'il avait donné, ou retirez le bloc pour faire de "
                "l'événement un événement ordinaire ; vouliez-vous dire 'ludo-zephyr' ?",
            }[language],
        )
    ]
    assert result.of_kind("event") == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_same_event_of_a_partner_in_two_files_is_refused_naming_the_other(tmp_path, language):
    first = "events/2026/ludo-zephyr-apres-midi-jeux-1a2b3c.md"
    second = "events/2027/apres-midi-jeux.md"  # the same partner's event, whatever its file's name
    result = checked(tmp_path, {**VALID, second: IMPORTED.replace("2026-12-12", "2027-01-09")}, language)
    assert problems(result) == [
        (
            f"content/{second}",
            9,
            "source.uid",
            {
                "en": "another file already holds this event of the partner calendar 'ludo-zephyr': "
                f"content/{first}; keep only one of them",
                "fr": "un autre fichier contient déjà cet événement du calendrier partenaire 'ludo-zephyr' : "
                f"content/{first} ; n'en gardez qu'un",
            }[language],
        )
    ]
    assert [item.path for item in result.of_kind("event")] == [f"content/{first}"]


def test_the_same_uid_from_two_partners_is_two_events(tmp_path):
    other = SOURCE.replace("Ludothèque Zéphyr", "Centre social")
    twin = IMPORTED.replace("partner: ludo-zephyr", "partner: centre-social")
    files = {**VALID, "sources/centre-social.yaml": other, "events/2026/centre-social-jeux.md": twin}
    result = checked(tmp_path, files)
    assert problems(result) == []
    assert len(result.of_kind("event")) == 2


def test_a_source_with_problems_of_its_own_keeps_its_events_published(tmp_path):
    """A typo in the partner's file is told; the events already imported from it stay on the site."""
    broken = SOURCE.replace("categories: [games]", "categories: [jeux]")
    result = checked(tmp_path, {**VALID, "sources/ludo-zephyr.yaml": broken})
    assert [p.path for p in result.problems] == [SOURCE_PATH]
    assert [item.slug for item in result.of_kind("event")] == ["ludo-zephyr-apres-midi-jeux-1a2b3c"]


def test_the_sample_site_has_a_partner_calendar_from_a_file_of_its_repository():
    result = harvest(Site(content=REPO / "content", area=(45.70, 4.76, 45.82, 4.92)), shown_root=REPO)
    [source] = result.of_kind("source")
    assert source.path == "content/sources/mediatheque-des-lilas.yaml"
    calendar = REPO / source.data.calendar
    assert calendar.is_file() and calendar.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_a_site_with_a_source_publishes_nothing_of_it_and_documents_the_kind(site_factory):
    build = site_factory(VALID)
    assert build.warnings == []
    # the imported event is an event like any other
    page = html.fromstring(build.read("agenda/ludo-zephyr-apres-midi-jeux-1a2b3c/index.html"))
    assert page.findtext(".//h1").strip() == "Après-midi jeux"
    # nothing of the source file, nor of the event's source block, is published: no page, no copy, no feed
    assert not list(build.output.rglob("*sources*")) and not list(build.output.rglob("ludo-zephyr.yaml"))
    for path in build.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".geojson", ".txt", ".webmanifest"):
            text = path.read_text(encoding="utf-8")
            for secret in ("Ludothèque Zéphyr", "ludo-zephyr.example.org", "3f2a9c1b0d5e7f11"):
                assert secret not in text, (path, secret)
    # its JSON Schema is published, accepts the example and refuses a calendar of another form
    schema = json.loads(build.read("schema/source.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    example = read_source(KINDS["source"].example.encode(), False, 10**6).data
    jsonschema.validate(example, schema)
    for wrong in ("ftp://ludo.example.org/a.ics", "../a.ics", "/etc/a.ics", "javascript:alert(1)", "a.txt"):
        assert not jsonschema.Draft202012Validator(schema).is_valid({**example, "calendar": wrong}), wrong
    # /contribute/ documents it, in the site's language
    contribute = html.fromstring(build.read("contribute/index.html"))
    section = contribute.get_element_by_id("source")
    assert "content/sources/<slug>.yaml" in section.text_content()
    fields = {code.text for code in section.xpath(".//dl/dt/code")}
    assert {"name", "calendar", "defaults.categories", "categories", "keep.within_km", "trusted"} <= fields
    assert "une adresse webcal://" in section.text_content()
    event = contribute.get_element_by_id("event")
    assert "source.partner" in {code.text for code in event.xpath(".//dl/dt/code")}


def test_of_an_imported_event_and_its_copy_the_copy_is_told_whatever_the_order_of_their_names(tmp_path):
    """A contributor takes an imported file as a model and forgets its `source` block: the file make import wrote
    (its name ends with 6 hex of the UID's sha256) stays, and the copy is the one refused."""
    tag = hashlib.sha256(b"jeux-42@ludo-zephyr.example.org").hexdigest()[:6]
    written = f"events/2026/ludo-zephyr-apres-midi-jeux-{tag}.md"
    copy = "events/2026/a-copy-of-it.md"  # sorts first
    files = {name: text for name, text in VALID.items() if not name.startswith("events/")}
    [imported] = [text for name, text in VALID.items() if name.startswith("events/")]
    result = checked(tmp_path, {**files, written: imported, copy: imported})
    assert [(path, field) for path, _line, field, _message in problems(result)] == [(f"content/{copy}", "source.uid")]
    assert [item.path for item in result.of_kind("event")] == [f"content/{written}"]
