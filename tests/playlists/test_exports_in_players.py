"""A playlist's exports as players and importers read them. GNOME's playlist parser, totem-pl-parser (used
by GNOME Videos and Rhythmbox), reads the XSPF and the M3U8 through Debian's Python; the JSPF, which no
player reads, is held to the rules of JSPF and of ListenBrainz' extension (data/jspf.schema.json). Each
track that can be heard somewhere reaches the player with its title, under its audio file, else its best
platform link; every platform link reaches the importers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clients.readers import debian_python_json
from conftest import REPO, jpeg
from jsonschema import Draft202012Validator
from lxml import etree, html
from PIL import Image

JSPF_RULES = Draft202012Validator(json.loads((Path(__file__).parent / "data" / "jspf.schema.json").read_text()))
XSPF_RULES = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "data" / "xspf-1.rng")))
SAMPLE_PLAYLISTS = ("la-bande-son-du-quartier", "musiques-de-nos-cuisines")

TOTEM = r"""
import json, sys
import gi
gi.require_version("TotemPlParser", "1.0")
from gi.repository import Gio, TotemPlParser

def read(path):
    entries = []
    parser = TotemPlParser.Parser()
    parser.connect("entry-parsed", lambda _parser, uri, metadata: entries.append(
        {"uri": uri, **{key: metadata[key] for key in metadata.keys()}}))
    result = parser.parse(Gio.File.new_for_path(path).get_uri(), False)
    return {"result": result.value_nick, "entries": entries}

print(json.dumps({path: read(path) for path in sys.argv[1:]}))
"""


def totem(*paths: Path) -> dict[str, list[dict]]:
    """The entries totem-pl-parser reads from each file (by file name): its address ("uri") and metadata."""
    answers = debian_python_json(TOTEM, *map(str, paths))
    assert {path: answer["result"] for path, answer in answers.items()} == {str(path): "success" for path in paths}
    return {Path(path).name: answer["entries"] for path, answer in answers.items()}


def on_the_page(build, slug: str) -> list[tuple[str, str, str | None]]:
    """(title, artist, what a player should open) for each track the playlist's page lists, in its order:
    the recording it plays, else its first link (open platforms come first), else None."""
    page = html.fromstring(build.read(f"playlists/{slug}/index.html"))
    tracks = []
    for item in page.xpath("//ol[@class='tracks']/li"):
        title, artist = item.xpath("string(./h2)").split(" — ")
        address = (item.xpath(".//audio/@src") + item.xpath(".//ul[contains(@class,'links')]//a/@href") + [None])[0]
        tracks.append((title, artist, address))
    return tracks


# --- the sample site -------------------------------------------------------------------------------------


def test_totem_reads_every_track_of_the_sample_that_can_be_heard(sample_build):
    folder = sample_build.output / "playlists"
    read = totem(*(folder / f"{slug}{suffix}" for slug in SAMPLE_PLAYLISTS for suffix in (".xspf", ".m3u8")))
    for slug in SAMPLE_PLAYLISTS:
        audible = [(title, artist, address) for title, artist, address in on_the_page(sample_build, slug) if address]
        assert [(e["title"], e["author"], e["uri"]) for e in read[f"{slug}.xspf"]] == audible
        assert [(e["title"], e["uri"]) for e in read[f"{slug}.m3u8"]] == [
            (f"{artist} - {title}", address) for title, artist, address in audible
        ]
    # the kitchen's closed playlist has no recording, only links: its 7 tracks, all of them
    assert len(read["musiques-de-nos-cuisines.xspf"]) == len(read["musiques-de-nos-cuisines.m3u8"]) == 7
    # in the neighbourhood's, every track but the one with neither recording nor link
    left_out = [
        title for title, _artist, address in on_the_page(sample_build, "la-bande-son-du-quartier") if not address
    ]
    assert left_out == ["Ne me quitte pas"]


def test_the_sample_exports_follow_their_formats(sample_build):
    for slug in SAMPLE_PLAYLISTS:
        document = etree.parse(str(sample_build.output / f"playlists/{slug}.xspf"))
        assert XSPF_RULES.validate(document), XSPF_RULES.error_log
        errors = [
            error.message for error in JSPF_RULES.iter_errors(json.loads(sample_build.read(f"playlists/{slug}.jspf")))
        ]
        assert errors == []


def test_the_cover_keeps_its_room_while_it_loads(sample_build):
    """The page's largest picture is asked for at once, its width and height those of the file."""
    page = html.fromstring(sample_build.read("playlists/la-bande-son-du-quartier/index.html"))
    cover = page.xpath("//article[@class='playlist']//figure//img")[0]
    with Image.open(REPO / "content/images/bande-son.jpg") as picture:
        assert (int(cover.get("width")), int(cover.get("height"))) == picture.size
    assert cover.get("loading") is None


def test_the_page_says_what_each_export_is_for(sample_build):
    page = html.fromstring(sample_build.read("playlists/la-bande-son-du-quartier/index.html"))
    items = page.xpath("//section[@class='exports']//li")
    assert [item.xpath("./a/@href")[0].rsplit(".", 1)[1] for item in items] == ["m3u8", "xspf", "jspf"]
    uses = [" ".join(item.text_content().split()) for item in items]
    assert "VLC" in uses[0] and "lien" in uses[0]  # what to open it with, and that links are in it
    assert "album" in uses[1] and "liens" in uses[1]
    assert "JSON" in uses[2] and "ajouté" in uses[2]


# --- one track of each kind ------------------------------------------------------------------------------


def track(title: str, added: str, extra: str) -> str:
    return f"title: {title}\nartist: Les Voisins\nadded_by: Ana\nadded: {added}\nnote: Pour le quartier.\n{extra}"


PEERTUBE = "https://tube.example.org/w/lien-seul"
AUDIO = "https://son.example.org/fichier-seul.ogg"
FILES = {
    "playlists/ecoutes/index.md": "---\ntitle: Écoutes\ncover:\n  src: images/large.jpg\n  alt: Une radio.\n---\n"
    "Tout.\n",
    "images/large.jpg": jpeg((640, 360)),
    "playlists/ecoutes/lien.yaml": track("Lien seul", "2026-11-01", f"duration: '3:00'\nlinks: [{PEERTUBE}]\n"),
    "playlists/ecoutes/fichier.yaml": track("Fichier seul", "2026-11-02", f"album: Démo\naudio: {AUDIO}\n"),
    "playlists/ecoutes/les-deux.yaml": track(
        "Les deux",
        "2026-11-03",
        "audio: https://son.example.org/deux.ogg\nlinks: [https://voisins.bandcamp.com/track/deux]\n",
    ),
    "playlists/ecoutes/rien.yaml": track("Rien", "2026-11-04", ""),
    "playlists/ecoutes/plusieurs.yaml": track(
        "Plusieurs",
        "2026-11-05",
        "links:\n  - https://www.youtube.com/watch?v=p\n"
        "  - https://open.spotify.com/track/p\n"
        "  - https://musique.example.org/library/tracks/plusieurs\n"
        "  - https://archive.org/details/plusieurs\n",
    ),
    "playlists/ecoutes/ferme.yaml": track("Seulement YouTube", "2026-11-06", "links: [https://youtu.be/f]\n"),
}
HEARD = [  # (title, what a player opens), in the playlist's order
    ("Lien seul", PEERTUBE),
    ("Fichier seul", AUDIO),
    ("Les deux", "https://son.example.org/deux.ogg"),
    ("Plusieurs", "https://musique.example.org/library/tracks/plusieurs"),  # the first open platform
    ("Seulement YouTube", "https://youtu.be/f"),  # no open platform: the link there is
]


@pytest.fixture(scope="module")
def kinds(tmp_path_factory):
    from conftest import build, write_files

    root = tmp_path_factory.mktemp("exports-in-players")
    write_files(root / "content", FILES)
    return build(root, SITEURL="https://agenda.example.org", RELATIVE_URLS=False)


def test_totem_reads_each_track_under_its_file_else_its_best_link(kinds):
    read = totem(kinds.output / "playlists/ecoutes.xspf", kinds.output / "playlists/ecoutes.m3u8")
    assert [(e["title"], e["uri"]) for e in read["ecoutes.xspf"]] == HEARD
    assert [(e["title"], e["uri"]) for e in read["ecoutes.m3u8"]] == [(f"Les Voisins - {t}", a) for t, a in HEARD]
    assert {e["author"] for e in read["ecoutes.xspf"]} == {"Les Voisins"}
    assert (read["ecoutes.xspf"][0]["duration-ms"], read["ecoutes.xspf"][1]["album"]) == ("180000", "Démo")


def test_importers_get_every_link_and_the_track_with_nothing_to_play(kinds):
    """XSPF and JSPF keep every track, the one with nothing to play too (by its title and its page here),
    and name each recording by all its platform links, open platforms first."""
    ns = {"x": "http://xspf.org/ns/0/"}
    document = etree.parse(str(kinds.output / "playlists/ecoutes.xspf"))
    assert XSPF_RULES.validate(document), XSPF_RULES.error_log
    xspf_tracks = [
        (
            [e.text for e in t.findall("x:location", ns)],
            [e.text for e in t.findall("x:identifier", ns)],
            t.findtext("x:info", namespaces=ns),
        )
        for t in document.findall(".//x:track", ns)
    ]
    jspf = json.loads(kinds.read("playlists/ecoutes.jspf"))
    assert list(JSPF_RULES.iter_errors(jspf)) == []
    jspf_tracks = [(t.get("location", []), t.get("identifier", []), t["info"]) for t in jspf["playlist"]["track"]]
    page = "https://agenda.example.org/playlists/ecoutes/"
    assert (
        xspf_tracks
        == jspf_tracks
        == [
            ([PEERTUBE], [PEERTUBE], page + "lien/"),
            ([AUDIO], [], page + "fichier/"),
            (["https://son.example.org/deux.ogg"], ["https://voisins.bandcamp.com/track/deux"], page + "les-deux/"),
            ([], [], page + "rien/"),
            (
                ["https://musique.example.org/library/tracks/plusieurs"],
                [
                    "https://musique.example.org/library/tracks/plusieurs",
                    "https://archive.org/details/plusieurs",
                    "https://www.youtube.com/watch?v=p",
                    "https://open.spotify.com/track/p",
                ],
                page + "plusieurs/",
            ),
            (["https://youtu.be/f"], ["https://youtu.be/f"], page + "ferme/"),
        ]
    )
    assert {
        t["extension"]["https://musicbrainz.org/doc/jspf#track"]["added_by"] for t in jspf["playlist"]["track"]
    } == {"Ana"}


def test_a_cover_of_any_size_keeps_its_room(kinds):
    cover = html.fromstring(kinds.read("playlists/ecoutes/index.html")).xpath("//figure//img")[0]
    assert (cover.get("width"), cover.get("height"), cover.get("loading")) == ("640", "360", None)
    assert cover.get("src").startswith("https://agenda.example.org/images/large.") and cover.get("src").endswith(
        ".640.jpg"
    )  # its largest light copy (`pictures`), named after it
