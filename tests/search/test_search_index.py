"""The search index holds what the build published and nothing else: an anonymous story's text but no name,
nothing of a file left out, the events' facets and dates in words, upcoming and past told apart; a rebuild
leaves no chunk of a withdrawn event; each language's tree has its own index in its language."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from conftest import build, write_files

EVENTS = {
    "places/salle.yaml": "name: Salle des fêtes\naddress:\n  street: 1 rue Haute\n  city: Lyon\n"
    "accessibility: [wheelchair]\n",
    "events/2026/bal.md": "---\ntitle: Bal folk des Lilas\nstart: 2026-12-12T20:00\nplace: salle\n"
    "categories: [concert]\nprice: free\nperformers: [Les Cordes Sensibles]\n---\nOn danse la bourrée.\n",
    "events/2026/expo.md": "---\ntitle: Exposition de linogravures\nstart: 2026-11-02\nplace: salle\n"
    "categories: [exhibition]\n"
    "---\nDes gravures du quartier.\n",
    "events/2026/hostile.md": "---\ntitle: 'Café & Co </title><script>alert(1)</script>'\nstart: 2026-12-20T18:00\n"
    "place: salle\ncategories: [concert]\n---\nUn texte.\n",
    "stories/recits/index.md": "---\ntitle: Récits du quartier\n---\nLes récits.\n",
    "stories/recits/anonyme.md": "---\ntitle: Le lavoir\nanonymous: true\nconsent: true\n---\n"
    "On lavait le linge au lavoir de la Quarantaine.\n",
    "stories/recits/nomme.md": "---\ntitle: La fonderie\nanonymous: true\nteller: Zéphyrine\nconsent: true\n---\n"
    "Mon grand-père coulait le bronze à la fonderie Brûlebois.\n",
    "stories/recits/sans-accord.md": "---\ntitle: Le marché\nteller: Eulalie\n---\nLe marché Pimprenelle.\n",
}


BUNDLES = ("pagefind", "pagefind-archive")  # what is current; the past events


def bundle_bytes(output: Path) -> bytes:
    """Every file of both search bundles, decompressed where Pagefind compressed it."""
    found = []
    for path in sorted(path for bundle in BUNDLES for path in (output / bundle).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(found)


def fragments(output: Path, bundle: str = "pagefind") -> dict[str, dict]:
    """Each result's fragment (what a result shows: its address, text, meta and filters), by address."""
    found = {}
    for path in (output / bundle / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[fragment["url"]] = fragment
    return found


def test_an_anonymous_story_is_found_without_a_name_and_what_was_left_out_is_not_there(site_factory):
    built = site_factory(EVENTS)
    found = fragments(built.output)
    past = fragments(built.output, "pagefind-archive")
    story = found["/stories/recits/anonyme/"]
    assert "lavoir de la Quarantaine" in story["content"]
    assert "who" not in story["meta"] and story["meta"]["collection"] == "Récits du quartier"
    everything = bundle_bytes(built.output).lower()
    # anonymous with a name, and without consent: both left out by the build, so out of the index too
    for word in ("zéphyrine", "zéphyr", "brûlebois", "eulalie", "pimprenelle"):
        assert word.encode() not in everything, word
    assert set(found) == {"/agenda/bal/", "/agenda/hostile/", "/stories/recits/anonyme/", "/places/salle/"}
    assert set(past) == {"/agenda/expo/"}  # over since 2 November: in the archive's index only


def test_an_event_is_described_in_words_with_its_facets(site_factory):
    built = site_factory(EVENTS)
    found = fragments(built.output)
    bal = found["/agenda/bal/"]
    assert bal["meta"]["title"] == "Bal folk des Lilas"
    assert bal["meta"]["when"] == "samedi 12 décembre 2026, 20\u00a0h"
    assert bal["meta"]["where"] == "Salle des fêtes"
    assert bal["filters"]["category"] == ["Concert"]
    assert bal["filters"]["price"] == ["Gratuit"]
    assert bal["filters"]["place"] == ["Salle des fêtes"]
    assert bal["filters"]["month"] == ["décembre 2026"] and bal["filters"]["language"] == ["français"]
    assert "Les Cordes Sensibles" in bal["content"]
    expo = fragments(built.output, "pagefind-archive")["/agenda/expo/"]
    assert expo["filters"]["month"] == ["novembre 2026"] and expo["meta"]["when"] == "lundi 2 novembre 2026"
    assert found["/places/salle/"]["filters"]["accessibility"] == ["Accessible en fauteuil roulant"]


def test_a_hostile_title_is_its_words(site_factory):
    hostile = fragments(site_factory(EVENTS).output)["/agenda/hostile/"]
    assert hostile["meta"]["title"] == "Café & Co </title><script>alert(1)</script>"


def test_the_bundle_holds_only_what_the_browser_loads_and_a_rebuild_leaves_no_stale_chunk(site_factory, tmp_path):
    built = site_factory(EVENTS)
    names = {path.name for path in (built.output / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "wasm.fr.pagefind"} <= names
    assert not [name for name in names if "-ui" in name or "worker" in name or "highlight" in name or "unknown" in name]
    archive = {path.name for path in (built.output / "pagefind-archive").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "wasm.fr.pagefind"} <= archive
    (tmp_path / "content/events/2026/bal.md").unlink()
    rebuilt = build(tmp_path)
    assert "/agenda/bal/" not in fragments(rebuilt.output)
    assert b"bourr" not in bundle_bytes(rebuilt.output)  # nor its words, in any chunk left behind
    entry = json.loads((rebuilt.output / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == 3  # an event, a story, a place


def test_each_language_tree_has_its_index_in_its_language(tmp_path):
    write_files(tmp_path / "content", EVENTS)
    built = build(tmp_path, KIOSQUE_LANGUAGES=["fr", "nl"])
    french = json.loads((built.output / "pagefind/pagefind-entry.json").read_text())
    dutch = json.loads((built.output / "nl/pagefind/pagefind-entry.json").read_text())
    assert list(french["languages"]) == ["fr"] and list(dutch["languages"]) == ["nl"]
    assert dutch["languages"]["nl"]["wasm"] == "nl"  # Dutch stemming
    bal = fragments(built.output / "nl")["/agenda/bal/"]  # the tree's own addresses, below /nl/ in the browser
    assert bal["meta"]["when"].startswith("zaterdag 12 december 2026")
    assert bal["filters"]["language"] == ["Frans"]
    page = (built.output / "nl/search/index.html").read_text()
    assert 'lang="nl"' in page and 'data-root="../"' in page


def test_without_pagefind_the_build_says_so_and_publishes_the_rest(site_factory, monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind-here"))
    built = site_factory(EVENTS)
    assert [w for w in built.warnings if "search index" in w] == [
        "kiosque: no search index: the search index needs Pagefind's program (the pagefind[bin] package): "
        "run `make install`"
    ]
    assert (built.output / "agenda/bal/index.html").exists() and (built.output / "search/index.html").exists()
    assert not (built.output / "pagefind").exists() and not (built.output / "pagefind-archive").exists()


def test_a_rebuild_after_one_more_event_keeps_the_archive_and_a_new_past_event_remakes_it(
    site_factory, tmp_path, speed_machinery
):
    built = site_factory(EVENTS)
    archive = built.output / "pagefind-archive"
    before = {path: path.stat().st_mtime_ns for path in archive.rglob("*") if path.is_file()}
    write_files(tmp_path / "content", {"events/2026/noel.md": EVENTS["events/2026/bal.md"].replace("12T", "24T")})
    rebuilt = build(tmp_path)
    assert "/agenda/noel/" in fragments(rebuilt.output)
    assert {path: path.stat().st_mtime_ns for path in archive.rglob("*") if path.is_file()} == before  # kept
    assert set(fragments(rebuilt.output, "pagefind-archive")) == {"/agenda/expo/"}
    write_files(tmp_path / "content", {"events/2026/troc.md": EVENTS["events/2026/expo.md"].replace("11-02", "10-10")})
    again = build(tmp_path)
    assert set(fragments(again.output, "pagefind-archive")) == {"/agenda/expo/", "/agenda/troc/"}
    assert len(list((archive / "fragment").iterdir())) == 2  # the first archive's chunks swept


def test_the_same_documents_give_the_same_bundle():
    """Pagefind writes facets in a random order; the bundle is sorted so that builds are reproducible."""
    from search.documents import Document
    from search.indexing import bundle

    documents = [
        Document(url=f"agenda/e{n}/", title=f"Concert {n}", text="On danse.", filters={"month": [f"mois {n % 9}"]})
        for n in range(40)
    ]
    first = bundle(documents, "fr")
    assert all(bundle(documents, "fr") == first for _ in range(3))
