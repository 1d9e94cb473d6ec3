"""Texts that used to stop the whole build or reach contributors as Python: each is now either published
as written (normalized where nothing visible changes) or refused by `make check` and left out of the
build with the same sentence, while the rest of the site is built."""

from __future__ import annotations

from urllib.parse import unquote

import markdown
import pytest
from conftest import jpeg
from lxml import html
from test_check_command import make_site, run_check

from contributions.reading import markup
from contributions.reading.loader import read_source
from contributions.reading.markup import MarkdownRenderer, structure_problem
from contributions.schemas.kinds import KINDS

PLACE = "name: Médiathèque\naddress:\n  street: 1 rue A\n  city: Lyon\n"
EVENT = "---\ntitle: {title}\nstart: 2026-12-05 20:30\nplace: mediatheque\ncategories: [concert]\n{more}---\n{body}\n"


def event(title: str = "Concert", more: str = "", body: str = "Texte.") -> str:
    return EVENT.format(title=title, more=more, body=body)


def check_lines(tmp_path, files: dict) -> list[str]:
    make_site(tmp_path, {"places/mediatheque.yaml": PLACE, **files}, language="en")
    result = run_check(tmp_path)
    assert result.returncode in (0, 1), result.stderr  # a list of problems, never a traceback
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.splitlines()


def test_control_characters_are_refused_with_the_character_named(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/escaped.md": event(title='"Con\\x01cert"'),
            "events/2026/raw.md": event(title="Con\x1bcert"),
            "events/2026/nul.md": event(body="Texte\x00."),
            "events/2026/noncharacter.md": event(title='"Concert \\uffff"'),
            "events/2026/surrogate.md": event(title='"\\ud800"'),
        },
    )
    assert lines[:-1] == [
        "content/events/2026/escaped.md:2: title: this text holds an invisible character that is not text (U+0001, "
        "character 4) and that no page, feed or calendar can show; delete it (retype the text: it often comes with a "
        "copy from a word processor or a PDF)",
        "content/events/2026/noncharacter.md:2: title: this text holds an invisible character that is not text "
        "(U+FFFF, character 9) and that no page, feed or calendar can show; delete it (retype the text: it often "
        "comes with a copy from a word processor or a PDF)",
        "content/events/2026/nul.md:7: the file holds an invisible character that is not text (U+0000) on this line, "
        "and that no page, feed or calendar can show; delete it (it often comes with a copy from a word processor or "
        "a PDF: retype the text around it)",
        "content/events/2026/raw.md:2: the file holds an invisible character that is not text (U+001B) on this line, "
        "and that no page, feed or calendar can show; delete it (it often comes with a copy from a word processor or "
        "a PDF: retype the text around it)",
        "content/events/2026/surrogate.md:2: title: this text holds an invisible character that is not text (U+D800, "
        "character 1) and that no page, feed or calendar can show; delete it (retype the text: it often comes with a "
        "copy from a word processor or a PDF)",
    ]


def test_pasted_page_breaks_tabs_and_invisible_spaces_are_normalized_not_refused():
    text = (
        '---\ntitle: "Cafe\\u0301\\tconcert\\u200b"\nstart: 2026-12-05 20:30\nplace: mediatheque\n'
        "categories: [concert]\norganizer: La\x0cFabrique\n---\nLigne\x0bsuivante\r\nfin\u2028là\n"
    )
    source = read_source(text.encode(), markdown=True, max_bytes=10_000)
    assert source.refused == []
    assert source.data["title"] == "Café\tconcert"  # composed é, the zero-width space gone...
    assert source.data["organizer"] == "La Fabrique"
    assert source.body == "Ligne\nsuivante\nfin\nlà\n"


def test_a_one_line_field_refuses_line_breaks_and_direction_overrides(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/two-lines.md": event(title="|\n  Concert\n  du soir"),
            "events/2026/reversed.md": event(title='"Concert \\u202egpj.exe"'),
            "events/2026/tab.md": event(title='"Concert\\tdu soir"'),
            "places/two-lines.yaml": "name: >-\n  Salle\n\n  des fêtes\naddress:\n  street: 1 rue A\n  city: Lyon\n",
        },
    )
    assert lines == [
        "content/events/2026/reversed.md:2: title: this text holds an invisible character (U+202E) that reverses the "
        "order in which the letters after it are shown; delete it (retype the text): each text is already shown in "
        "its own direction",
        "content/events/2026/two-lines.md:2: title: this field is one line of text, but it goes to a new line after "
        "'Concert'; write it on one line (a longer text goes in the description)",
        "content/places/two-lines.yaml:1: name: this field is one line of text, but it goes to a new line after "
        "'Salle'; write it on one line (a longer text goes in the description)",
        "3 problem(s) in 3 file(s), out of 5 checked",
    ]


def test_a_place_named_over_two_lines_leaves_only_itself_and_its_events_out(site_factory):
    build = site_factory(
        {
            "places/mediatheque.yaml": PLACE,
            "places/salle.yaml": "name: |\n  Salle\n  des fêtes\naddress:\n  street: 1 rue A\n  city: Lyon\n",
            "events/2026/a-la-salle.md": event(title="Bal").replace("mediatheque", "salle"),
            "events/2026/ailleurs.md": event(title="Concert\tdu soir"),
        }
    )
    assert (build.output / "agenda/ailleurs/index.html").exists()
    assert "BEGIN:VEVENT" in build.read("agenda/ailleurs/event.ics")
    assert not (build.output / "places/salle").exists() and not (build.output / "agenda/a-la-salle").exists()
    page = html.fromstring(build.read("agenda/ailleurs/index.html"))
    assert page.findtext(".//h1").strip() == "Concert du soir"


def test_a_series_until_the_year_9999_is_refused_not_a_crash(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/daily.md": event(more="recurrence:\n  frequency: daily\n  until: 9999-12-31\n"),
            "events/2026/rule.md": event(more="rrule: FREQ=DAILY;UNTIL=99991231\n"),
            "events/2026/far.md": event().replace("2026-12-05 20:30", "9999-12-31 23:00"),
        },
    )
    assert lines[:-1] == [
        "content/events/2026/daily.md:8: recurrence.until: '9999-12-31' is too far in the past or the future; "
        "write a year between 1900 and 2199",
        "content/events/2026/far.md:3: start: '9999-12-31 23:00' is too far in the past or the future; "
        "write a year between 1900 and 2199",
        "content/events/2026/rule.md:6: rrule: 'UNTIL=9999' is too far in the past or the future; "
        "write a year between 1900 and 2199",
    ]


def test_messages_never_show_python_words_nor_spill_onto_other_lines(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/empty.md": event().replace("2026-12-05 20:30", ""),
            "events/2026/list.md": event().replace("2026-12-05 20:30", "['2026-12-12']"),
            "events/2026/fields.md": event().replace("2026-12-05 20:30", "{a: 1}"),
            "events/2026/null-key.md": event(more="null: 3\n"),
            "events/2026/break-key.md": event(more='"a\\nb": 3\n'),
            "events/2026/break-value.md": event(more='timezone: "Europe/\\nParis"\n'),
        },
    )
    assert all(line.startswith("content/events/2026/") for line in lines[:-1])
    assert not any(word in line for line in lines for word in ("None", "['", "{'", "<class"))
    allowed = (
        "title, start, end, duration, timezone, place, online, categories, tags, audience, price, booking, "
        "accessibility, organizer, performers, image, status, previous_start, status_note, recurrence, rrule, "
        "except, extra, occurrences, language, translation_of, credit, updated, source"
    )
    assert lines[:-1] == [
        f"content/events/2026/break-key.md:6: a⟨U+000A⟩b: unknown field; the fields allowed here are: {allowed}",
        "content/events/2026/break-value.md:6: timezone: 'Europe/⟨U+000A⟩Paris' is not a time zone; write it as "
        "Continent/City, e.g. Europe/Paris",
        "content/events/2026/empty.md:3: start: this field is empty; write something or remove the line",
        "content/events/2026/fields.md:3: start: expected text, found indented fields; write the text on the same "
        "line, between quotes if needed",
        "content/events/2026/list.md:3: start: expected text, found a list; write the text on the same line, "
        "between quotes if needed",
        f"content/events/2026/null-key.md:6: null: unknown field; the fields allowed here are: {allowed}",
    ]


def test_the_build_machines_local_time_is_not_a_time_zone(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/local.md": event(more="timezone: localtime\n"),
            "events/2026/rules.md": event(more="timezone: posixrules\n"),
            "events/2026/brussels.md": event(more="timezone: Europe/Brussels\n"),
        },
    )
    assert lines == [
        "content/events/2026/local.md:6: timezone: 'localtime' is not a time zone; write it as Continent/City, "
        "e.g. Europe/Paris",
        "content/events/2026/rules.md:6: timezone: 'posixrules' is not a time zone; write it as Continent/City, "
        "e.g. Europe/Paris",
        "2 problem(s) in 2 file(s), out of 4 checked",
    ]


@pytest.mark.parametrize(
    "source",
    [
        "ht\ttps://tracker.example/pixel.gif",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "//tracker.example/x.gif",
        "\x00data:image/gif;base64,R0lGOD",
        "vbscript:msgbox(1)",
    ],
)
def test_a_picture_is_never_an_address_however_it_is_disguised(source):
    image = source.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\x00", "\\0")
    text = (
        "---\ntitle: T\nstart: 2026-12-05 20:30\nplace: p\ncategories: [concert]\n"
        f'image: {{src: "{image}", alt: A}}\n---\n'
    )
    data = read_source(text.encode(), markdown=True, max_bytes=10_000)
    if data.refused:  # NUL: refused with its character named, before any address is read
        return
    kind = KINDS["event"]
    context = {
        "vocabularies": {"categories": {"concert": {}}, "statuses": {"scheduled": {}}},
        "timezone": "Europe/Paris",
    }
    with pytest.raises(Exception) as error:
        kind.schema.model_validate(data.data, context=context)
    assert {detail["type"] for detail in error.value.errors()} <= {"image_remote", "media_path"}


def test_addresses_read_as_a_browser_reads_them(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/tab-link.md": event(more='online: "java\\tscript:alert(1)"\n'),
            "events/2026/up.md": event(more="image: {src: images/../../etc/passwd, alt: A}\n"),
            "events/2026/percent.md": event(more="image: {src: images/%2e%2e/x.jpg, alt: A}\n"),
            "stories/s/index.md": "---\ntitle: S\n---\n",
            "stories/s/a.md": '---\ntitle: A\nconsent: true\naudio: "media/a.mp3\\" onload=\\"alert(1)"\n'
            "transcript: T\n---\n",
        },
    )
    assert lines[:-1] == [
        "content/events/2026/percent.md:6: image.src: 'images/%2e%2e/x.jpg' holds '%', which the address of a file "
        "of the site cannot hold; rename the file with letters, digits and dashes (images/poster-concert.jpg) and "
        "write its new name here",
        "content/events/2026/tab-link.md:6: online: a link cannot contain spaces: 'java⟨U+0009⟩script:alert(1)'; "
        "copy it again from the browser's address bar",
        "content/events/2026/up.md:6: image.src: 'images/../../etc/passwd' must be a web address (https://...) "
        "or a path inside content/, like images/poster.jpg",
        "content/stories/s/a.md:4: audio.src: 'media/a.mp3\" onload=\"alert(1)' holds '\"', which the address of a "
        "file of the site cannot hold; rename the file with letters, digits and dashes (images/poster-concert.jpg) "
        "and write its new name here",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "- " * 500 + "x",
        "".join("    " * level + "- a\n" for level in range(400)),
        '<div markdown="1">\n' * 3000 + "x\n" + "</div>\n" * 3000,
        "1. " * 500 + "x",
    ],
)
def test_descriptions_nested_too_deeply_are_refused_before_markdown_recurses(body):
    assert structure_problem(body) is not None
    assert str(MarkdownRenderer()(body))  # were it asked, the renderer answers with the text, not a crash


def test_descriptions_too_large_for_markdown_are_refused_with_how_to_write_them(tmp_path):
    lines = check_lines(
        tmp_path,
        {
            "events/2026/paragraph.md": event(body="Intro.\n\n" + "\\" * 30_000),
            "events/2026/long.md": event(body=("Un paragraphe.\n\n" * 14_000)),
            "events/2026/deep.md": event(body="Intro.\n\n" + "- " * 30 + "x"),
        },
    )
    assert lines[:-1] == [
        "content/events/2026/deep.md:9: lists, quotes or indentation go more than 20 levels deep here; keep fewer "
        "levels inside one another",
        "content/events/2026/long.md:7: the text is 224001 characters long, more than the 200000 a page can hold; "
        "shorten it, or split it into several contributions",
        "content/events/2026/paragraph.md:9: a paragraph of 30001 characters starts here (at most 20000); separate "
        "the paragraphs with an empty line",
    ]


def test_markdown_fields_are_held_to_the_same_bounds_as_descriptions(tmp_path):
    lines = check_lines(tmp_path, {"places/deep.yaml": PLACE + f'description: "{"- " * 30}x"\n'})
    assert lines[:-1] == [
        "content/places/deep.yaml:5: description: lists, quotes or indentation go more than 20 "
        "levels deep here; keep fewer levels inside one another"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|---|:-:|\n| 1 | 2 |",
        "a | b\n-- | --\n1 | 2",
        "| a |\n| - |\n| 1 |",
        "|a\n|-\n|1",
        "# h\n# i\n|a|b|\n|-|-|",
        "x | y\n\t| -- | -- |\nz",
        "a | b\n`|` | -\n1 | 2",
        "# h\n" * 50,
    ],
)
def test_the_quick_table_test_renders_exactly_what_python_markdown_renders(text):
    stock = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    assert str(MarkdownRenderer()(text)) == str(
        markup.Markup(
            markup.nh3.clean(
                stock.convert(text),
                tags=markup._ALLOWED_TAGS,
                clean_content_tags={"script", "style"},
                url_schemes=markup._ALLOWED_SCHEMES,
                link_rel="noopener noreferrer nofollow",
            )
        )
    )


def test_fields_by_the_thousand_are_told_once_not_one_by_one(tmp_path):
    many = "".join(f"  k{number}: 1\n" for number in range(5000))
    tags = "".join(f"  - t{number}\n" for number in range(5000))
    lines = check_lines(
        tmp_path,
        {"events/2026/many.md": event(more="booking:\n" + many), "events/2026/tags.md": event(more="tags:\n" + tags)},
    )
    assert lines == [
        "content/events/2026/many.md:6: booking: 5000 fields here, more than the 100 any contribution needs; "
        "keep only the fields of the contribute page",
        "content/events/2026/tags.md:6: tags: a list of 5000 items, more than the 1000 a page can show; "
        "keep the most important ones",
        "2 problem(s) in 2 file(s), out of 3 checked",
    ]


def test_a_strict_build_writes_everything_else_then_fails(site_factory, monkeypatch, tmp_path, caplog):
    files = {
        "places/mediatheque.yaml": PLACE,
        "events/2026/ok.md": event(),
        "events/2026/broken.md": event(title='"\\x01"'),
    }
    monkeypatch.setenv("KIOSQUE_STRICT", "1")
    with pytest.raises(SystemExit) as ended:
        site_factory(files)
    assert ended.value.code == 1
    assert (tmp_path / "output/agenda/ok/index.html").exists() and not (tmp_path / "output/agenda/broken").exists()
    assert "events/2026/broken.md:2: title:" in caplog.text and "U+0001" in caplog.text
    assert caplog.records[-1].getMessage() == (
        "1 fichier(s) laissé(s) hors du site, pour les raisons ci-dessus ; la construction échoue car "
        "KIOSQUE_STRICT est activé (make check les liste aussi)"
    )
    monkeypatch.setenv("KIOSQUE_STRICT", "0")  # by default the site is built and the build ends normally
    build = site_factory({})
    assert (build.output / "agenda/ok/index.html").exists() and not (build.output / "agenda/broken").exists()


def test_a_contribution_showing_a_file_that_is_not_published_is_told_so(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET_TOKEN=x")
    (tmp_path / "content/images").mkdir(parents=True)
    (tmp_path / "content/images/affiche.jpg").symlink_to(secret)
    picture = "image: {{src: images/{name}, alt: Une affiche}}\n"
    lines = check_lines(
        tmp_path,
        {
            "images/page.jpg": "<html><script>alert(1)</script></html>",
            "events/2026/linked.md": event(more=picture.format(name="affiche.jpg")),
            "events/2026/page.md": event(more=picture.format(name="page.jpg")),
        },
    )
    assert [line for line in lines if line.startswith("content/events/")] == [
        "content/events/2026/linked.md:6: image.src: the picture content/images/affiche.jpg is not published (the "
        "message about it, or about the link on its way, says why): the page is published without it until a genuine "
        "picture takes its place",
        "content/events/2026/page.md:6: image.src: the picture content/images/page.jpg is not published (the message "
        "about it, or about the link on its way, says why): the page is published without it until a genuine picture "
        "takes its place",
    ]


def test_picture_names_with_spaces_are_published_and_odd_characters_named(tmp_path):
    picture = "image: {{src: '{src}', alt: Une affiche}}\n"
    decomposed = "images/photo-soire\u0301e.jpg"
    lines = check_lines(
        tmp_path,
        {
            "images/affiche concert.jpg": jpeg(),
            decomposed: jpeg(),
            "events/2026/space.md": event(more=picture.format(src="images/affiche concert.jpg")),
            "events/2026/query.md": event(more=picture.format(src="images/affiche.jpg?v=2")),
            "events/2026/decomposed.md": event(more=picture.format(src=decomposed)),
        },
    )
    assert lines == [
        "content/events/2026/decomposed.md:6: image.src: the file content/images/photo-soirée.jpg is there, but its "
        "name is saved with its accents apart from their letters (as some computers do), so the page could not find "
        "it; rename the file with plain letters, digits and dashes and write its new name here",
        "content/events/2026/query.md:6: image.src: 'images/affiche.jpg?v=2' holds '?', which the address of a file of "
        "the site cannot hold; rename the file with letters, digits and dashes (images/poster-concert.jpg) and write "
        "its new name here",
        "2 problem(s) in 2 file(s), out of 6 checked",
    ]


def test_a_picture_named_with_a_space_is_shown_on_its_page(site_factory):
    build = site_factory(
        {
            "places/mediatheque.yaml": PLACE,
            "images/affiche concert.jpg": jpeg(),
            "events/2026/space.md": event(more="image: {src: images/affiche concert.jpg, alt: Une affiche}\n"),
        }
    )
    [picture] = html.fromstring(build.read("agenda/space/index.html")).xpath("//main//img")
    published = unquote(picture.get("src").split("/images/")[1])  # its light copy (`pictures`), named after it
    assert published.startswith("affiche concert.") and (build.output / "images" / published).is_file()


def test_marks_that_only_isolate_a_name_are_dropped_and_overrides_refused():
    text = '---\nteller: "\\u2068Fatima Z.\\u2069"\ntitle: "\\u202bمرحبا\\u202c"\n---\n'
    source = read_source(text.encode(), markdown=True, max_bytes=10_000)
    assert source.data == {"teller": "Fatima Z.", "title": "مرحبا"}


def test_line_separators_pasted_into_a_field_are_spaces_and_lines_keep_their_numbers():
    text = "---\ntitle: Concert\u2028du\x85soir\nstart: x\u2029y\n---\nUne\u2028ligne\n"
    source = read_source(text.encode(), markdown=True, max_bytes=10_000)
    assert source.data == {"title": "Concert du soir", "start": "x y"}
    assert source.map.line_of(("start",)) == 3 and source.body == "Une\nligne\n"


def test_unclosed_tags_by_the_thousand_are_refused_before_markdown_stalls(tmp_path):
    lines = check_lines(tmp_path, {"events/2026/tags.md": event(body="\n\n".join(["<a " * 300] * 4))})
    assert lines[:-1] == [
        "content/events/2026/tags.md:7: the text holds 1200 '<' followed by a letter (at most 1000): in Markdown each "
        "one starts an HTML tag or an address; remove the extra ones",
    ]


@pytest.mark.parametrize(
    "value",
    [
        "!!set {a, b}",
        "!!binary aGVsbG8=",
        "!!timestamp 2001-12-14",
        "!!omap [a: 1]",
        "!!python/object:os.system 'id'",
        "!local truc",
    ],
)
def test_yaml_tags_that_make_data_no_field_holds_are_named_not_shown_as_python(tmp_path, value):
    lines = check_lines(tmp_path, {"events/2026/tagged.md": event(title=value)})
    assert lines[:-1] == [
        "content/events/2026/tagged.md:2: the fields cannot be read here (a '!' that starts a YAML "
        "tag); check the indentation, and put text containing ':' or '#' between quotes"
    ]
