"""With the content cache on, a rebuild takes the templates' compiled code from the last build, and
gets it again when a template or the interface's translations change."""

from __future__ import annotations

import shutil

import jinja2
import pytest
from conftest import REPO, build

CACHE = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
PLACE_PAGE = "places/cafe-la-fabrique/index.html"


def _pages(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.html")}


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.usefixtures("speed_machinery")  # a test of the speed machinery: on in both runs of make test
def test_a_rebuild_compiles_only_the_templates_whose_code_would_change(tmp_path, monkeypatch):
    shutil.copytree(REPO / "content", tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme, ignore=shutil.ignore_patterns("vendor"))
    compiled: list[str] = []
    original = jinja2.Environment._compile
    monkeypatch.setattr(
        jinja2.Environment,
        "_compile",
        lambda self, source, filename: compiled.append(filename) or original(self, source, filename),
    )

    first = build(tmp_path, THEME=str(theme), **CACHE)
    assert "À venir ici" in first.read(PLACE_PAGE)
    assert len(compiled) > 20  # each generator's environment compiles the templates it uses
    pages = _pages(first.output)
    shutil.rmtree(first.output)

    compiled.clear()
    again = build(tmp_path, THEME=str(theme), **CACHE)
    assert compiled == []
    assert _pages(again.output) == pages

    _replace(theme / "translations/fr/LC_MESSAGES/messages.po", 'msgstr "À venir ici"', 'msgstr "Bientôt ici"')
    translated = build(tmp_path, THEME=str(theme), **CACHE)
    assert "Bientôt ici" in translated.read(PLACE_PAGE)  # folded into the code: compiled again
    assert len(compiled) > 20

    compiled.clear()
    _replace(theme / "templates/place.html", '<article class="place">', '<article class="place lieu">')
    edited = build(tmp_path, THEME=str(theme), **CACHE)
    assert 'class="place lieu"' in edited.read(PLACE_PAGE)
    assert {name.rsplit("/", 1)[-1] for name in compiled} == {"place.html"}

    compiled.clear()
    build(tmp_path, THEME=str(theme), JINJA_FILTERS={"shout": str.upper}, **CACHE)  # what the compiler looks up
    assert len(compiled) > 20


def test_without_the_content_cache_nothing_is_kept(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    build(tmp_path, CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)  # the sample site has it on
    assert not (tmp_path / "cache" / "kiosque-templates.pickle").exists()
