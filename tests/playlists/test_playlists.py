"""A collective playlist of tracks from several people: its page, its exports and its feed."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree, html

RNG = Path(__file__).parent / "data" / "xspf-1.rng"


def track(title, artist, who, added, extra=""):
    return f"title: {title}\nartist: {artist}\nadded_by: {who}\nadded: {added}\nnote: Parce que {who} l'aime.\n{extra}"


FILES = {
    "playlists/bande-son/index.md": "---\ntitle: La bande-son\ncurators: [Radio]\n---\nNos chansons.\n",
    "playlists/bande-son/boheme.yaml": track(
        "La Bohème",
        "Aznavour",
        "Mireille",
        "2026-11-02",
        "duration: '4:05'\nlinks:\n  - https://www.youtube.com/watch?v=abc\n  - https://archive.org/details/boheme\n",
    ),
    "playlists/bande-son/copains.yaml": track(
        "Les Copains d'abord",
        "Brassens",
        "Bernard",
        "2026-10-01",
        "duration: '3:30'\naudio: https://radio.example.org/copains.ogg\n",
    ),
    "playlists/bande-son/fonderie.yaml": "title: Rue de la Fonderie\nartist: Les Canuts\nadded_by: Théo\n"
    "added: 2026-11-10\n"
    "duration: '1:02:03'\naudio: https://canuts.example.org/fonderie.ogg\n"
    "note: 'Enregistrée au garage <script>alert(1)</script><b onclick=\"x()\">fort</b>'\n",
    "playlists/cuisines/index.md": "---\ntitle: Cuisines\nopen: false\nclosed_since: 2026-10-31\norder: curated\n---\n"
    "À table.\n",
    "playlists/cuisines/a.yaml": track("Chanson A", "X", "Ana", "2026-09-01", "position: 2\n"),
    "playlists/cuisines/b.yaml": track("Chanson B", "Y", "Bo", "2026-10-01", "position: 1\n"),
}
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("playlists")
    write_files(root / "content", FILES)
    return build_site(root, **SITE)


def test_builds_without_warning(build):
    assert build.warnings == []


def test_page_lists_tracks_in_order_with_counts_and_total(build):
    page = html.fromstring(build.read("playlists/bande-son/index.html"))
    assert [a.text for a in page.xpath("//ol[@class='tracks']/li/h2/a")] == [
        "Les Copains d'abord",
        "La Bohème",
        "Rue de la Fonderie",
    ]  # by date added
    assert (
        " ".join(page.findtext(".//p[@class='counts']").split())
        == "3 morceaux — 3 personnes ont contribué — 1:09:38 en tout"
    )
    curated = html.fromstring(build.read("playlists/cuisines/index.html"))
    assert [a.text for a in curated.xpath("//ol[@class='tracks']/li/h2/a")] == ["Chanson B", "Chanson A"]
    assert "Cette playlist est fermée." in curated.text_content()


def test_open_platforms_first_and_no_third_party_player_before_the_click(build):
    page = html.fromstring(build.read("playlists/bande-son/index.html"))
    boheme = page.get_element_by_id("boheme")
    assert [a.text for a in boheme.xpath(".//ul[contains(@class,'links')]//a")] == ["Internet Archive", "YouTube"]
    assert page.xpath("//iframe") == []
    assert all(src.startswith("https://agenda.example.org/") for src in page.xpath("//script/@src"))
    assert page.xpath("//button[@class='play-here']/@data-embed")  # the click loads it, see embeds.js
    assert page.get_element_by_id("copains").xpath(".//audio/@src") == ["https://radio.example.org/copains.ogg"]


def test_a_note_with_html_is_sanitized(build):
    page = html.fromstring(build.read("playlists/bande-son/index.html"))
    note = page.get_element_by_id("fonderie").xpath(".//blockquote")[0]
    assert note.xpath(".//script") == [] and note.xpath(".//*[@onclick]") == []
    assert "fort" in note.text_content()


def test_xspf_is_valid_and_plain(build):
    document = etree.parse(str(build.output / "playlists/bande-son.xspf"))
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    assert schema.validate(document), schema.error_log
    ns = {"x": "http://xspf.org/ns/0/"}
    tracks = document.findall(".//x:track", ns)
    assert [t.findtext("x:title", namespaces=ns) for t in tracks] == [
        "Les Copains d'abord",
        "La Bohème",
        "Rue de la Fonderie",
    ]
    # one address per track: the audio file, else the best platform link (Internet Archive before YouTube)
    assert [t.findtext("x:location", namespaces=ns) for t in tracks] == [
        "https://radio.example.org/copains.ogg",
        "https://archive.org/details/boheme",
        "https://canuts.example.org/fonderie.ogg",
    ]
    assert [[i.text for i in t.findall("x:identifier", ns)] for t in tracks] == [
        [],
        ["https://archive.org/details/boheme", "https://www.youtube.com/watch?v=abc"],
        [],
    ]
    # the note as its page shows it: the sanitizer removed the script and its content
    assert tracks[2].findtext("x:annotation", namespaces=ns) == "Théo : Enregistrée au garage fort"
    assert tracks[1].findtext("x:duration", namespaces=ns) == "245000"
    assert tracks[1].findtext("x:info", namespaces=ns) == "https://agenda.example.org/playlists/bande-son/boheme/"


def test_jspf_says_who_added_each_track_and_when(build):
    """Under ListenBrainz' track key, with a date-time as ListenBrainz writes it (midnight UTC, as the feeds)."""
    playlist = json.loads(build.read("playlists/bande-son.jspf"))["playlist"]
    extension = "https://musicbrainz.org/doc/jspf#track"
    assert [
        (t["title"], t["extension"][extension]["added_by"], t["extension"][extension]["added_at"])
        for t in playlist["track"]
    ] == [
        ("Les Copains d'abord", "Bernard", "2026-10-01T00:00:00+00:00"),
        ("La Bohème", "Mireille", "2026-11-02T00:00:00+00:00"),
        ("Rue de la Fonderie", "Théo", "2026-11-10T00:00:00+00:00"),
    ]


def test_m3u8_lists_every_track_by_its_audio_file_else_its_best_link(build):
    assert build.read("playlists/bande-son.m3u8").splitlines() == [
        "#EXTM3U",
        "#PLAYLIST:La bande-son",
        "#EXTINF:210,Brassens - Les Copains d'abord",
        "https://radio.example.org/copains.ogg",
        "#EXTINF:245,Aznavour - La Bohème",
        "https://archive.org/details/boheme",
        "#EXTINF:3723,Les Canuts - Rue de la Fonderie",
        "https://canuts.example.org/fonderie.ogg",
    ]


def test_feed_of_additions_and_the_index(build):
    feed = feedparser.parse((build.output / "feeds/playlists/bande-son.atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == [
        "Les Canuts – Rue de la Fonderie",
        "Aznavour – La Bohème",
        "Brassens – Les Copains d'abord",
    ]  # newest first
    index = html.fromstring(build.read("playlists/index.html"))
    assert [a.text for a in index.xpath("//ul[@class='tracks']/li/a")][:2] == ["Rue de la Fonderie", "La Bohème"]
    assert "3 morceaux" in index.text_content() and "2 morceaux" in index.text_content()
    ld = json.loads(
        html.fromstring(build.read("playlists/bande-son/index.html"))
        .xpath("//script[@type='application/ld+json']")[0]
        .text
    )
    assert (ld["@type"], ld["numTracks"], ld["track"][1]["duration"]) == ("MusicPlaylist", 3, "PT4M5S")


def test_exports_of_a_build_without_siteurl_give_whole_addresses(sample_build):
    """A player or an importer opens the file on its own, with no page to resolve an address against: in
    `make html` and `make serve` too, every address in the exports is a whole one (the local server's)."""
    for path in sorted((sample_build.output / "playlists").glob("*.[xj]spf")):
        if path.suffix == ".xspf":
            root = etree.parse(str(path)).getroot()
            found = [e.text for e in root.iter() if e.tag.split("}")[1] in ("info", "identifier", "location")]
        else:
            playlist = json.loads(path.read_text(encoding="utf-8"))["playlist"]
            found = [
                playlist["identifier"],
                *(
                    address
                    for track in playlist["track"]
                    for address in [track["info"], *track.get("location", []), *track.get("identifier", [])]
                ),
            ]
        assert found and all(address.startswith(("http://", "https://")) for address in found), (path, found)
        assert "http://127.0.0.1:8000/playlists/" in " ".join(found)
