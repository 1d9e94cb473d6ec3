"""Feeds and calendars encode what contributors write for their format: a payload in a title, a place's name
or a description reaches feed readers and calendar apps as the words written, never as markup, a second
property or a broken file. Read back with independent parsers (feedparser and lxml, json, icalendar and
`ical`); the HTML feed readers render is parsed with lxml.html and searched for what could run."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import feedparser
import icalendar
import pytest
from conftest import build as build_site
from conftest import changed_after_reading, wav, write_files
from ical.calendar_stream import IcsCalendarStream
from lxml import etree, html

from feeds.ical import _head, vevent
from feeds.news import Channel, Entry, write_all
from publishing.encoding import html_of, one_line, text_of, web_address
from publishing.history import FileHistory

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
CLOSING = "</script><script>alert(1)</script>"
TITLE = f"Bal {SCRIPT} {IMAGE}"
PLACE_NAME = f"Salle {IMAGE}"
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False, "KIOSQUE_UID_DOMAIN": "agenda.example.org"}


FILES = {
    "places/salle.yaml": f"name: '{PLACE_NAME}'\naddress:\n  street: '1 rue {SCRIPT}'\n  city: Lyon\n",
    # in Markdown, &lt;...&gt; is text: the page shows "<img src=x onerror=alert(1)>", and so must every feed
    "events/2027/bal.md": f"---\ntitle: '{TITLE}'\nstart: 2027-03-20 20:30\nplace: salle\ncategories: [concert]\n---\n"
    "On danse &lt;img src=x onerror=alert(1)&gt; jusqu'au bout.\n\n"
    "Fin &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; du texte.\n",
    "media/recit.wav": wav(),
    "stories/contes/index.md": f"---\ntitle: 'Contes {SCRIPT}'\nlanguages: [fr]\n---\nDes contes.\n",
    "stories/contes/recit.md": f"---\ntitle: 'Récit {CLOSING}'\nteller: 'Odette {IMAGE}'\nconsent: true\n"
    "audio: media/recit.wav\ntranscript: Tout.\n---\nIl était &lt;img src=x onerror=alert(1)&gt; une fois.\n",
    "playlists/bande/index.md": "---\ntitle: La bande\ncurators: [Radio]\n---\nNos chansons.\n",
    "playlists/bande/titre.yaml": f"title: 'Titre {SCRIPT}'\nartist: 'Groupe {IMAGE}'\nadded_by: Mireille\n"
    "added: 2026-11-02\n"
    "note: 'Parce que &lt;img src=x onerror=alert(1)&gt;'\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-feeds")
    write_files(root / "content", FILES)
    return build_site(root, today="2027-03-01", **SITE)


def inert(fragment: str) -> html.HtmlElement:
    """The HTML a feed reader renders, parsed; fails if anything in it could run or load."""
    tree = html.fragment_fromstring(fragment, create_parent="div")
    assert tree.xpath("//script | //img | //iframe | //svg | //object | //embed") == [], fragment
    assert [a for element in tree.iter() for a in element.attrib if a.lower().startswith("on")] == [], fragment
    return tree


def rss_items(path) -> list[etree._Element]:
    return etree.parse(str(path)).findall(".//item")  # a strict XML parser


def test_rss_shows_titles_place_names_and_escaped_markup_as_text(built):
    items = rss_items(built.output / "feeds/agenda.rss.xml")
    assert len(items) == 1
    for name in ("description", "{http://purl.org/rss/1.0/modules/content/}encoded"):
        shown = inert(items[0].findtext(name)).text_content()
        assert PLACE_NAME in shown and f"1 rue {SCRIPT}" in shown  # the place line, as written
        assert "On danse <img src=x onerror=alert(1)> jusqu'au bout." in shown  # the text as the page shows it
        assert f"Fin {CLOSING} du texte." in shown
    parsed = feedparser.parse((built.output / "feeds/agenda.rss.xml").read_bytes())
    assert not parsed.bozo and parsed.entries[0].title == TITLE


def test_atom_and_json_feed_carry_the_same_text(built):
    atom = etree.parse(str(built.output / "feeds/agenda.atom.xml"))
    content = atom.find(".//{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content")
    assert content.get("type") == "html"
    assert "On danse <img src=x onerror=alert(1)> jusqu'au bout." in inert(content.text).text_content()
    parsed = feedparser.parse((built.output / "feeds/agenda.atom.xml").read_bytes())
    assert not parsed.bozo and parsed.entries[0].title == TITLE
    item = json.loads(built.read("feeds/agenda.json"))["items"][0]
    assert item["title"] == TITLE and "content_html" not in item  # plain text, in the field made for it
    assert "On danse <img src=x onerror=alert(1)> jusqu'au bout.\n\nFin " in item["content_text"]


def test_paragraphs_of_a_description_stay_paragraphs_in_feeds(built):
    tree = inert(rss_items(built.output / "feeds/agenda.rss.xml")[0].findtext("description"))
    first, second = tree.xpath("//p")
    # when, where, then the text's first paragraph, one a line
    assert first.xpath("text()")[1:] == [
        f"{PLACE_NAME}, 1 rue {SCRIPT}, Lyon",
        "On danse <img src=x onerror=alert(1)> jusqu'au bout.",
    ]
    assert second.text_content() == f"Fin {CLOSING} du texte."


def test_story_playlist_and_podcast_feeds_show_what_was_written(built):
    story = rss_items(built.output / "feeds/stories/contes.rss.xml")[0]
    assert story.findtext("title") == f"Récit {CLOSING}"
    assert (
        inert(story.findtext("description")).text_content()
        == f"Odette {IMAGE}Il était <img src=x onerror=alert(1)> une fois."
    )  # two lines: <br> has no text
    episode = rss_items(built.output / "feeds/stories/contes.podcast.xml")[0]
    assert inert(episode.findtext("description")).text_content() == "Il était <img src=x onerror=alert(1)> une fois."
    assert episode.find("enclosure").get("url") == "https://agenda.example.org/feeds/media/recit.mp3"  # the WAV as MP3
    assert episode.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}author") == f"Odette {IMAGE}"
    track = rss_items(built.output / "feeds/playlists/bande.rss.xml")[0]
    assert track.findtext("title") == f"Groupe {IMAGE} – Titre {SCRIPT}"
    assert inert(track.findtext("description")).text_content() == "Mireille : Parce que <img src=x onerror=alert(1)>"


def test_calendars_carry_the_text_as_written(built):
    for path in ("feeds/agenda.ics", "agenda/bal/event.ics", "feeds/agenda/place/salle.ics"):
        raw = (built.output / path).read_bytes()
        IcsCalendarStream.calendar_from_ics(raw.decode())  # strict
        calendar = icalendar.Calendar.from_ical(raw)
        (event,) = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == TITLE
        assert str(event["LOCATION"]) == f"{PLACE_NAME}, 1 rue {SCRIPT}, Lyon"
        assert "On danse <img src=x onerror=alert(1)> jusqu'au bout." in str(event["DESCRIPTION"])
    place_calendar = icalendar.Calendar.from_ical((built.output / "feeds/agenda/place/salle.ics").read_bytes())
    assert str(place_calendar["X-WR-CALNAME"]).endswith(PLACE_NAME)


# --- ordinary Markdown in an event's text -----------------------------------------------------------------

MARKDOWN = {
    "reference": (
        'Voir [le site][1] du quartier.\n\n[1]: http://example.org/page "Le site"\n',
        "Voir le site du quartier.",
    ),
    "fenced": (
        'Le code :\n\n```html\n<div class="x">bonjour</div>\n<script>alert(1)</script>\n```\n',
        'Le code :\n\n<div class="x">bonjour</div>\n<script>alert(1)</script>',
    ),
    "attributes": ("Un paragraphe important.\n{: .important #un }\n", "Un paragraphe important."),
    "footnote": ("Un texte[^1].\n\n[^1]: La note.\n", "Un texte1.\n\nLa note."),
    "abbreviation": ("Du HTML ici.\n\n*[HTML]: Hyper Text Markup Language\n", "Du HTML ici."),
}


@pytest.fixture(scope="module")
def markdown_built(tmp_path_factory):
    root = tmp_path_factory.mktemp("markdown-calendars")
    files = {"places/salle.yaml": "name: Salle\naddress:\n  street: 1 rue Haute\n  city: Lyon\n"}
    for slug, (body, _) in MARKDOWN.items():
        files[f"events/2027/{slug}.md"] = (
            f"---\ntitle: {slug}\nstart: 2027-03-20 20:30\nplace: salle\ncategories: [concert]\n"
            "organizer: {name: Les Amis, url: 'mailto:amis@example.org'}\n---\n" + body
        )
    write_files(root / "content", files)
    return build_site(root, today="2027-03-01", **SITE)


def calendar_entry(built, slug: str) -> icalendar.Event:
    raw = (built.output / f"agenda/{slug}/event.ics").read_bytes()
    IcsCalendarStream.calendar_from_ics(raw.decode())
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    agenda = icalendar.Calendar.from_ical((built.output / "feeds/agenda.ics").read_bytes())
    assert slug in [str(e["SUMMARY"]) for e in agenda.walk("VEVENT")]
    assert str(event["ORGANIZER"]) == "mailto:amis@example.org" and event["ORGANIZER"].params["CN"] == "Les Amis"
    return event


def test_reference_links_in_text_keep_the_calendar_entry(markdown_built):
    assert str(calendar_entry(markdown_built, "reference")["DESCRIPTION"]) == MARKDOWN["reference"][1]


def test_fenced_code_with_html_keeps_the_calendar_entry(markdown_built):
    assert str(calendar_entry(markdown_built, "fenced")["DESCRIPTION"]) == MARKDOWN["fenced"][1]


def test_attribute_lists_keep_the_calendar_entry(markdown_built):
    assert str(calendar_entry(markdown_built, "attributes")["DESCRIPTION"]) == MARKDOWN["attributes"][1]


def test_footnotes_keep_the_calendar_entry(markdown_built):
    assert str(calendar_entry(markdown_built, "footnote")["DESCRIPTION"]) == MARKDOWN["footnote"][1]


def test_abbreviations_keep_the_calendar_entry(markdown_built):
    assert str(calendar_entry(markdown_built, "abbreviation")["DESCRIPTION"]) == MARKDOWN["abbreviation"][1]


# --- what reading-time validation refuses, given to the writers anyway ----------------------------------

BROKEN = "Ligne\x01 avec\x1b contrôles\x0b et\u2028séparateurs\ufffe\uffff fin"


def tamper(context) -> None:
    (place,) = context["places"]
    place.title = place.data.name = "Salle des fêtes\nsur deux lignes\r\net une troisième"
    (event,) = context["events"]
    event.title = event.data.title = BROKEN
    event._content = f"<p>Un texte {BROKEN}</p><p>Deuxième\rparagraphe</p>"
    event.data.organizer.name = "Les Amis\nX-INJECTED:1"
    event.data.organizer.url = "https://amis.example.org/\r\nX-INJECTED:2"


@pytest.fixture(scope="module")
def tampered(tmp_path_factory):
    root = tmp_path_factory.mktemp("tampered-feeds")
    write_files(
        root / "content",
        {
            "places/salle.yaml": "name: Salle\naddress:\n  street: 1 rue Haute\n  city: Lyon\n",
            "events/2027/bal.md": "---\ntitle: Bal\nstart: 2027-03-20 20:30\nplace: salle\ncategories: [concert]\n"
            "organizer: {name: Les Amis, url: 'https://amis.example.org/'}\n---\nTexte.\n",
        },
    )
    with changed_after_reading(tamper):
        return build_site(root, today="2027-03-01", **SITE)


def test_a_place_name_on_several_lines_keeps_its_calendars(tampered):
    place = (tampered.output / "feeds/agenda/place/salle.ics").read_bytes()
    IcsCalendarStream.calendar_from_ics(place.decode())
    calendar = icalendar.Calendar.from_ical(place)
    assert str(calendar["NAME"]).endswith("Salle des fêtes sur deux lignes et une troisième")
    assert str(calendar.walk("VEVENT")[0]["LOCATION"]).startswith("Salle des fêtes sur deux lignes et une troisième, ")


def test_control_characters_and_line_breaks_never_add_a_calendar_property(tampered):
    for path in ("feeds/agenda.ics", "agenda/bal/event.ics"):
        raw = (tampered.output / path).read_bytes()
        assert b"\r\nX-INJECTED" not in raw and b"\x01" not in raw and b"\x1b" not in raw
        IcsCalendarStream.calendar_from_ics(raw.decode())
        (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Ligne avec contrôles et séparateurs fin"
        # in HTML, a line break inside a paragraph is a space: the text as a browser shows it
        assert str(event["DESCRIPTION"]).startswith(
            "Un texte Ligne avec contrôles et séparateurs fin\n\nDeuxième paragraphe"
        )
        assert event["ORGANIZER"].params["CN"] == "Les Amis X-INJECTED:1"
        assert str(event["ORGANIZER"]) == "https://amis.example.org/%0D%0AX-INJECTED:2"


def test_characters_xml_cannot_hold_leave_the_news_feeds_readable(tampered):
    for extension in (".rss.xml", ".atom.xml"):
        raw = (tampered.output / f"feeds/agenda{extension}").read_bytes()
        etree.fromstring(raw)  # strict: fails on a character XML cannot hold
        parsed = feedparser.parse(raw)
        assert not parsed.bozo and parsed.entries[0].title == "Ligne avec contrôles et séparateurs fin"
    item = json.loads((tampered.output / "feeds/agenda.json").read_text(encoding="utf-8"))["items"][0]
    assert item["title"] == "Ligne avec contrôles et séparateurs fin"


# --- the writers, given crafted strings directly ----------------------------------------------------------


def test_the_news_writer_encodes_every_field_it_is_given():
    moment = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    channel = Channel(
        title=f"Agenda\n{SCRIPT}\x00",
        page_url="https://a.example.org/",
        feed_url="https://a.example.org/f",
        language="fr",
        description=f"Agenda {IMAGE}\x02",
        author="Radio\x1f",
    )
    entry = Entry(
        id="urn:x",
        title=f"Bal\n{SCRIPT}\x0c",
        url="https://a.example.org/bal/",
        text=f"{IMAGE}\x01\n\n&lt;b&gt; {CLOSING}\ud800",
        published=moment,
        updated=moment,
    )
    written = write_all(channel, [entry])
    rss = etree.fromstring(written[".rss.xml"])
    assert rss.findtext(".//item/title") == f"Bal {SCRIPT}"
    shown = inert(rss.findtext(".//item/description"))
    assert [p.text_content() for p in shown.xpath("//p")] == [IMAGE, f"&lt;b&gt; {CLOSING}"]
    atom = etree.fromstring(written[".atom.xml"])
    assert (
        inert(atom.findtext(".//{http://www.w3.org/2005/Atom}content")).text_content() == f"{IMAGE}&lt;b&gt; {CLOSING}"
    )
    assert json.loads(written[".json"])["items"][0]["title"] == f"Bal {SCRIPT}"


def test_the_calendar_writer_refuses_nothing_and_injects_nothing():
    head = _head(f"Salle\ndes fêtes\r{SCRIPT}\x00", "https://a.example.org/f.ics\r\nX-INJECTED:1").to_ical()
    calendar = icalendar.Calendar.from_ical(head)
    assert str(calendar["NAME"]) == f"Salle des fêtes {SCRIPT}" and "X-INJECTED" not in calendar
    assert str(calendar["SOURCE"]) == "https://a.example.org/f.ics%0D%0AX-INJECTED:1"
    data = SimpleNamespace(
        title="Bal\nX-INJECTED:2",
        status="scheduled",
        all_day=True,
        start=dt.date(2027, 3, 20),
        end=None,
        recurrence=None,
        rrule=None,
        except_dates=[],
        extra_dates=[],
        occurrences=[],
        status_note=None,
        organizer=SimpleNamespace(name='Amis"\n;X=1', url="javascript:alert(1)"),
    )
    facts = SimpleNamespace(
        uid="bal@a.example.org",
        url="https://a.example.org/bal/\nX-INJECTED:3",
        zone=None,
        text="Texte\rsur\x0bdes\u2029lignes\x00",
        location="Salle\ndes fêtes",
        geo=None,
        categories=["con\ncert"],
        history=FileHistory(),
    )
    written = vevent(SimpleNamespace(data=data), facts).to_ical()
    (event,) = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + written + b"END:VCALENDAR\r\n").walk("VEVENT")
    assert [name for name in event if name.startswith("X-")] == []
    assert (str(event["SUMMARY"]), str(event["LOCATION"])) == ("Bal X-INJECTED:2", "Salle des fêtes")
    assert str(event["DESCRIPTION"]) == "Texte\nsur\ndes\nlignes"
    assert event["CATEGORIES"].cats == ["con cert"]
    assert str(event["URL"]) == "https://a.example.org/bal/%0AX-INJECTED:3"
    assert str(event["ORGANIZER"]) == "https://a.example.org/bal/%0AX-INJECTED:3"  # never a javascript: address
    assert event["ORGANIZER"].params["CN"] == 'Amis" ;X=1'  # one parameter (RFC 6868 escapes the quote)


def test_html_to_text_and_back_keeps_exactly_the_text():
    description = (
        "<p>Texte &lt;img src=x onerror=alert(1)&gt; et <b>gras</b>.</p>\n<p>Deux<br>lignes</p>"
        "<ul><li>un</li><li>deux <i>mots</i></li></ul><!-- remarque -->"
        '<div class="footnote"><ol><li><p>Note&#160;<a class="footnote-backref" '
        'href="#r">&#8617;</a></p></li></ol></div>'
    )
    text = text_of(description)
    assert text == "Texte <img src=x onerror=alert(1)> et gras.\n\nDeux\nlignes\n\nun\ndeux mots\n\nNote"
    again = html.fragment_fromstring(html_of(text), create_parent="div")
    assert [p.text_content() for p in again.xpath("p")] == [
        "Texte <img src=x onerror=alert(1)> et gras.",
        "Deuxlignes",
        "undeux mots",
        "Note",
    ]
    assert again.xpath("//img | //b") == []
    assert one_line("Titre\r\n#EXTINF:0,x\u2028y\x00") == "Titre #EXTINF:0,x y"


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "ht\ttps://tracker.example/p.gif",
        " https://x.example.org/",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//x.example.org/a.mp3",
        "",
    ],
)
def test_only_http_addresses_are_written(address):
    assert web_address(address) is None


def test_an_address_cannot_end_its_attribute():
    assert (
        web_address('https://x.example.org/a b"><script>alert(1)</script>')
        == "https://x.example.org/a%20b%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    )
