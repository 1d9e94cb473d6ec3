"""Results kept between builds: a rebuild with Pelican's content cache on gives the site a fresh build
gives, and what changed is made again; with the speed machinery off the site is the same, byte for byte."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, build

from contributions import contributions_store
from contributions.schemas.kinds import KINDS
from speed.store import Store, digest, speed_on

pytestmark = pytest.mark.usefixtures("speed_machinery")

CACHE = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


def _outputs(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_store_gives_back_what_the_last_build_used_and_only_that(tmp_path, caplog):
    settings = {"CACHE_PATH": str(tmp_path), **CACHE}
    first = Store(settings, "x")
    assert (first.get(lambda: 1, "a"), first.get(lambda: 2, "b"), first.get(lambda: 9, "a")) == (1, 2, 1)
    first.save()
    second = Store(settings, "x")
    assert second.get(lambda: 9, "a") == 1 and second.get(lambda: 3, "c") == 3
    second.save()
    third = Store(settings, "x")
    assert (third.get(lambda: 9, "a"), third.get(lambda: 9, "b"), third.get(lambda: 9, "c")) == (1, 9, 3)  # 'b' gone
    assert Store(settings, "x", "other settings").get(lambda: 9, "a") == 9  # what all its results depend on
    assert not Store({"CACHE_PATH": str(tmp_path)}, "x").in_use  # Pelican's switches off: no store
    (tmp_path / "kiosque-x.pickle").write_bytes(b"half a pickl")
    with caplog.at_level("INFO"):
        assert not Store(settings, "x").holds_results  # a broken store is not an error...
    assert "kiosque-x.pickle not used" in caplog.text  # ...but it is said


def test_one_setting_or_the_environment_turns_every_store_off(tmp_path, monkeypatch):
    settings = {"CACHE_PATH": str(tmp_path), **CACHE}
    kept = Store(settings, "x")
    kept.get(lambda: 1, "a")
    kept.save()
    assert speed_on(settings) and Store(settings, "x").holds_results
    off = Store({**settings, "KIOSQUE_SPEED": False}, "x")
    assert not off.in_use and off.get(lambda: 2, "a") == 2
    off.save()
    monkeypatch.setenv("KIOSQUE_SPEED", "off")
    assert not speed_on(settings) and not Store(settings, "x").in_use
    monkeypatch.delenv("KIOSQUE_SPEED")
    assert Store(settings, "x").get(lambda: 3, "a") == 1  # what was kept is untouched by the builds without it


def test_keys_tell_apart_what_concatenation_would_not():
    assert digest("ab", "c") != digest("a", "bc") and digest("a", b"b") == digest("a", "b")


def test_a_rebuild_from_the_store_is_the_fresh_build_and_sees_a_changed_file(tmp_path):
    for name in ("fresh", "cached"):
        shutil.copytree(REPO / "content", tmp_path / name / "content")
    build(tmp_path / "cached", **CACHE)
    assert (tmp_path / "cached/cache/kiosque-vevents.pickle").exists()
    assert (tmp_path / "cached/cache/kiosque-html.pickle").exists()
    shutil.rmtree(tmp_path / "cached/output")
    rebuilt = build(tmp_path / "cached", **CACHE)
    fresh = build(tmp_path / "fresh")
    assert _outputs(rebuilt.output) == _outputs(fresh.output)

    concert = "content/events/2026/concert-madame-suzie.md"
    for name in ("fresh", "cached"):
        path = tmp_path / name / concert
        path.write_text(
            path.read_text(encoding="utf-8").replace("poignet", "bras").replace("2026-11-28 20:30", "2026-11-28 21:00"),
            encoding="utf-8",
        )
    rebuilt, fresh = build(tmp_path / "cached", **CACHE), build(tmp_path / "fresh")
    assert "bras" in rebuilt.read("agenda/concert-madame-suzie/index.html")
    assert "T210000" in rebuilt.read("agenda/concert-madame-suzie/event.ics")
    assert _outputs(rebuilt.output) == _outputs(fresh.output)


def _edit(root, relative: str, old: str, new: str) -> None:
    path = root / "content" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_renders_again_only_the_pages_whose_inputs_changed(tmp_path):
    """A page is kept from the last build only when its file and the files it shows are the same: its place
    (name on an event page), its translations (their titles), its playlist (the track page's link), the
    events of a place, the tracks of a playlist, the stories of a collection."""
    for name in ("fresh", "cached"):
        shutil.copytree(REPO / "content", tmp_path / name / "content")
    build(tmp_path / "cached", **CACHE)
    untouched = [
        tmp_path / "cached/output" / page
        for page in (
            "agenda/atelier-linogravure/index.html",
            "agenda/past/2026/06/index.html",  # a month of the past
            "agenda/place/mediatheque-des-lilas/index.html",  # a filter
            "places/mediatheque-des-lilas/index.html",
            "playlists/musiques-de-nos-cuisines/index.html",
            "stories/contes-d-ici-et-d-ailleurs/index.html",
        )
    ]
    written = [(page.stat().st_mtime_ns, page.stat().st_ino) for page in untouched]

    edits = [
        ("places/cafe-la-fabrique.yaml", "Café associatif La Fabrique", "Café La Fabrique rénové"),
        ("events/2027/balade-des-fresques.md", "title: ", "title: Nouvelle "),
        (
            "playlists/la-bande-son-du-quartier/index.md",
            "title: La bande-son du quartier",
            "title: La bande-son des Lilas",
        ),
        ("events/2027/galette-des-rois-aux-tilleuls.md", "title: Galette des rois", "title: Grande galette des rois"),
        ("playlists/la-bande-son-du-quartier/respect.yaml", "title: Respect", "title: Respect (live)"),
        ("stories/memoires-du-quartier/le-bal-du-kiosque.md", "title: Le bal", "title: Le grand bal"),
    ]
    for edit in edits:
        for name in ("fresh", "cached"):
            _edit(tmp_path / name, *edit)
        rebuilt, fresh = build(tmp_path / "cached", **CACHE), build(tmp_path / "fresh")
        assert _outputs(rebuilt.output) == _outputs(fresh.output)
    assert "Café La Fabrique rénové" in rebuilt.read("agenda/mural-walk/index.html")  # the place, on an event page
    assert "Nouvelle " in rebuilt.read("agenda/mural-walk/index.html")  # the translation's title
    assert "La bande-son des Lilas" in rebuilt.read("playlists/la-bande-son-du-quartier/respect/index.html")
    assert "Grande galette des rois" in rebuilt.read("places/centre-social-les-tilleuls/index.html")  # a place's events
    assert "Respect (live)" in rebuilt.read("playlists/la-bande-son-du-quartier/index.html")  # a playlist's tracks
    assert "Le grand bal" in rebuilt.read("stories/memoires-du-quartier/index.html")  # a collection's stories
    assert "Café La Fabrique rénové" in rebuilt.read("stories/memoires-du-quartier/index.html")  # and their places
    assert [(page.stat().st_mtime_ns, page.stat().st_ino) for page in untouched] == written  # not rendered again

    later = build(tmp_path / "cached", today="2027-06-01", **CACHE)  # another day: what is past changes
    assert _outputs(later.output) == _outputs(build(tmp_path / "fresh", today="2027-06-01").output)


def test_a_valid_file_unchanged_since_the_last_build_is_not_read_again(tmp_path, monkeypatch):
    import contributions.checking.harvest as collect
    from contributions.check import read_site_settings
    from contributions.site import Site

    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nTIMEZONE = "Europe/Paris"\nCACHE_PATH = "cache"\n'
        "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n",
        encoding="utf-8",
    )
    settings = read_site_settings(tmp_path / "pelicanconf.py")
    site = Site.from_settings(settings)
    read = []
    original = collect.validate_file
    monkeypatch.setattr(collect, "validate_file", lambda path, *rest: read.append(path.name) or original(path, *rest))

    def harvest():
        store = contributions_store(settings, site)
        found = collect.harvest(site, tmp_path, store)
        store.save()
        return found

    first = harvest()
    pictures_and_recordings = [path for folder in site.static_folders for path in (site.content / folder).iterdir()]
    assert len(read) == first.checked - len(pictures_and_recordings) > 40  # those are judged, not validated
    _edit(tmp_path, "events/2026/concert-madame-suzie.md", "poignet", "bras")
    read.clear()
    second = harvest()
    assert read == ["concert-madame-suzie.md"]
    assert [c.body for c in second.contributions] != [c.body for c in first.contributions]  # the change is seen
    assert [(c.path, c.data, c.notes) for c in second.contributions] == [
        (c.path, c.data, c.notes) for c in first.contributions
    ]
    assert second.problems == first.problems
    assert all(c.kind is KINDS[c.kind.name] for c in second.contributions)  # the one kind, not a pickled copy


def test_a_rebuild_prepares_only_the_event_pages_it_renders(tmp_path, monkeypatch):
    """JSON-LD and calendar links are worked out when a page asks for them: a rebuild asks for few."""
    import agenda.generator

    prepared: list[str] = []
    original = agenda.generator.event_json_ld
    monkeypatch.setattr(
        agenda.generator, "event_json_ld", lambda event, *rest: prepared.append(event.slug) or original(event, *rest)
    )
    shutil.copytree(REPO / "content", tmp_path / "content")
    build(tmp_path, **CACHE)
    assert len(prepared) == len(list((tmp_path / "content/events").rglob("*.md")))
    prepared.clear()
    _edit(tmp_path, "events/2026/concert-madame-suzie.md", "poignet", "bras")
    rebuilt = build(tmp_path, **CACHE)
    assert prepared == ["concert-madame-suzie"]
    page = rebuilt.read("agenda/concert-madame-suzie/index.html")
    document = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert "bras" in document["description"]


def _kiosque_stores(root) -> list[str]:
    return sorted(path.name for path in (root / "cache").glob("kiosque-*"))


def test_the_speed_machinery_off_builds_the_very_same_site(tmp_path):
    """Every file, at the same path, with the same bytes: a first build and a rebuild from the stores (pages
    left as they were, results read back), against builds that read, keep and skip nothing."""
    for name in ("off", "on"):
        shutil.copytree(REPO / "content", tmp_path / name / "content")
    off = build(tmp_path / "off", KIOSQUE_SPEED=False, **CACHE)
    assert _kiosque_stores(tmp_path / "off") == []  # nothing written to a store
    on = build(tmp_path / "on", **CACHE)
    assert len(_kiosque_stores(tmp_path / "on")) >= 7
    assert _outputs(on.output) == _outputs(off.output)

    untouched = on.output / "agenda/atelier-linogravure/index.html"
    written = untouched.stat().st_mtime_ns, untouched.stat().st_ino
    for name in ("off", "on"):
        _edit(tmp_path / name, "events/2026/concert-madame-suzie.md", "poignet", "bras")
    off = build(tmp_path / "off", KIOSQUE_SPEED=False, **CACHE)
    rebuilt = build(tmp_path / "on", **CACHE)
    assert (untouched.stat().st_mtime_ns, untouched.stat().st_ino) == written  # the rebuild reused its stores
    assert "bras" in off.read("agenda/concert-madame-suzie/index.html")
    assert _outputs(rebuilt.output) == _outputs(off.output)
