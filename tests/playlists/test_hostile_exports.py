"""A playlist's exports hold what contributors wrote and nothing more: one M3U8 entry per track whatever a
title holds, XSPF that a strict XML parser reads, JSPF that json reads, pages whose players and links
are http(s) addresses that cannot end their attribute."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from conftest import build as build_site
from conftest import changed_after_reading, write_files
from lxml import etree, html

from playlists.exports import jspf, m3u8, xspf
from playlists.platforms import ordered_links

SCRIPT = "<script>alert(1)</script>"
XSPF_NS = {"x": "http://xspf.org/ns/0/"}
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False}


def track(
    title: str, artist: str, audio: str | None, links: tuple[str, ...] = (), note: str = "Parce que."
) -> SimpleNamespace:
    data = SimpleNamespace(
        title=title,
        artist=artist,
        audio=audio,
        album=None,
        duration=dt.timedelta(minutes=3),
        added_by="Mireille\n#EXTINF:1,x",
        added=dt.date(2026, 11, 2),
    )
    return SimpleNamespace(
        data=data,
        url="playlists/p/t/",
        note_text=note,
        links=ordered_links([SimpleNamespace(url=url, label=None) for url in links]),
    )


PLAYLIST = SimpleNamespace(
    title="La bande\n#EXTINF:9,injecté\nhttps://evil.example/p.mp3",
    url="playlists/p/",
    data=SimpleNamespace(curators=["Radio\x01"]),
    content="<p>Nos chansons\x02.</p>",
)
TRACKS = [
    track("Titre\n#EXTINF:0,Injecté\nhttps://evil.example/x.mp3", "Groupe\r\nA", "https://a.example.org/a.ogg"),
    track("Deux\u2028lignes\u2029et\x0bplus\x1c", "B\x00", "https://a.example.org/b.ogg\nhttps://evil.example/y.mp3"),
    track("Sans fichier", "C", None, ("https://archive.org/details/c\nhttps://evil.example/z.mp3",)),
    track("Adresse d'un script", "D", "javascript:alert(1)"),
    track("Contrôles \ufffe\uffff", "E", "https://a.example.org/c d.ogg"),
]


def absolute(path: str) -> str:
    return f"https://agenda.example.org/{path}"


def test_m3u8_has_one_entry_per_track_whatever_a_title_holds():
    lines = m3u8(PLAYLIST, TRACKS).decode("utf-8").split("\n")
    assert lines[-1] == "" and "\r" not in "".join(lines)
    lines = lines[:-1]
    assert lines[:2] == ["#EXTM3U", "#PLAYLIST:La bande #EXTINF:9,injecté https://evil.example/p.mp3"]
    entries = lines[2:]
    # three tracks have a file one can play and one a link: four #EXTINF lines, each followed by its address
    assert [line.startswith("#EXTINF:") for line in entries] == [True, False] * 4
    assert entries[0] == "#EXTINF:180,Groupe A - Titre #EXTINF:0,Injecté https://evil.example/x.mp3"
    assert entries[2] == "#EXTINF:180,B - Deux lignes et plus"
    assert entries[1::2] == [
        "https://a.example.org/a.ogg",
        "https://a.example.org/b.ogg%0Ahttps://evil.example/y.mp3",
        "https://archive.org/details/c%0Ahttps://evil.example/z.mp3",
        "https://a.example.org/c%20d.ogg",
    ]
    assert not any(line.startswith("https://evil.example") for line in lines)


def test_xspf_holds_only_what_xml_can_hold():
    document = etree.fromstring(xspf(PLAYLIST, TRACKS, absolute))  # strict
    titles = [t.findtext("x:title", namespaces=XSPF_NS) for t in document.findall(".//x:track", XSPF_NS)]
    assert titles[:2] == ["Titre #EXTINF:0,Injecté https://evil.example/x.mp3", "Deux lignes et plus"]
    assert titles[4] == "Contrôles"
    locations = [t.findtext("x:location", namespaces=XSPF_NS) for t in document.findall(".//x:track", XSPF_NS)]
    assert locations == [
        "https://a.example.org/a.ogg",
        "https://a.example.org/b.ogg%0Ahttps://evil.example/y.mp3",
        "https://archive.org/details/c%0Ahttps://evil.example/z.mp3",
        None,
        "https://a.example.org/c%20d.ogg",
    ]
    assert document.findtext("x:creator", namespaces=XSPF_NS) == "Radio"
    assert document.findtext("x:annotation", namespaces=XSPF_NS) == "Nos chansons."


def test_jspf_locations_are_http_addresses_only():
    document = json.loads(jspf(PLAYLIST, TRACKS, absolute))["playlist"]
    assert [item.get("location") for item in document["track"]] == [
        ["https://a.example.org/a.ogg"],
        ["https://a.example.org/b.ogg%0Ahttps://evil.example/y.mp3"],
        ["https://archive.org/details/c%0Ahttps://evil.example/z.mp3"],
        None,
        ["https://a.example.org/c%20d.ogg"],
    ]
    assert (
        document["track"][0]["extension"]["https://musicbrainz.org/doc/jspf#track"]["added_by"]
        == "Mireille #EXTINF:1,x"
    )


# --- a whole site ------------------------------------------------------------------------------------------

FILES = {
    "playlists/bande/index.md": f"---\ntitle: 'La bande {SCRIPT}'\ncurators: [Radio]\n---\n"
    "Nos &lt;b&gt;chansons&lt;/b&gt;.\n",
    "playlists/bande/un.yaml": f"title: 'Un {SCRIPT}'\nartist: A\nadded_by: Mireille\nadded: 2026-11-02\n"
    "audio: https://a.example.org/un.ogg\nlinks: [https://archive.org/details/un]\n"
    "note: 'Parce que &lt;img src=x onerror=alert(1)&gt; **vraiment**'\n",
    "playlists/bande/deux.yaml": "title: Deux\nartist: B\nadded_by: Théo\nadded: 2026-11-03\n"
    "audio: https://a.example.org/deux.ogg\nnote: Pour danser.\n",
}


def tamper(context) -> None:
    tracks = {t.slug: t for t in context["tracks"]}
    tracks["deux"].title = tracks["deux"].data.title = "Deux\n#EXTINF:0,Injecté\nhttps://evil.example/x.mp3"
    tracks["deux"].data.audio = 'https://a.example.org/deux.ogg" onerror="alert(1)'
    tracks["deux"].data.links = [
        SimpleNamespace(url="java\tscript:alert(1)", label=None),
        SimpleNamespace(url="https://archive.org/details/deux a", label=None),
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-playlists")
    write_files(root / "content", FILES)
    with changed_after_reading(tamper):
        return build_site(root, **SITE)


def test_the_m3u8_of_a_site_has_one_entry_per_track(built):
    lines = built.read("playlists/bande.m3u8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        "https://a.example.org/un.ogg",
        "https://a.example.org/deux.ogg%22%20onerror=%22alert(1)",
    ]
    assert "#EXTINF:-1,B - Deux #EXTINF:0,Injecté https://evil.example/x.mp3" in lines


def test_exports_carry_a_note_as_its_page_shows_it(built):
    document = etree.parse(str(built.output / "playlists/bande.xspf"))
    notes = [t.findtext("x:annotation", namespaces=XSPF_NS) for t in document.findall(".//x:track", XSPF_NS)]
    assert "Mireille : Parce que <img src=x onerror=alert(1)> vraiment" in notes
    assert document.findtext("x:annotation", namespaces=XSPF_NS) == "Nos <b>chansons</b>."
    jspf_document = json.loads(built.read("playlists/bande.jspf"))["playlist"]
    assert jspf_document["title"] == f"La bande {SCRIPT}"


def test_players_and_links_on_pages_are_http_addresses_that_stay_in_their_attribute(built):
    for path in ("playlists/bande/index.html", "playlists/bande/deux/index.html"):
        page = html.fromstring(built.read(path))
        assert page.xpath("//*[@onerror]") == []
        players = page.xpath("//audio/@src")
        assert "https://a.example.org/deux.ogg%22%20onerror=%22alert(1)" in players
        links = page.xpath("//main//a[not(starts-with(@href, 'mailto:?'))]/@href") + page.xpath("//@data-embed")
        assert {urlsplit(address).scheme for address in links + players} == {"https"}  # no javascript: link left
        assert "https://archive.org/details/deux%20a" in links
    ld = [
        json.loads(s.text)
        for s in html.fromstring(built.read("playlists/bande/index.html")).xpath(
            "//script[@type='application/ld+json']"
        )
    ]
    assert ld[0]["name"] == f"La bande {SCRIPT}"
