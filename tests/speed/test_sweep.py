"""DELETE_OUTPUT_DIRECTORY done at the end of the build: the output folder holds exactly what the build
wrote (a withdrawn contribution's page is gone), but what did not change is not written again."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO, build

pytestmark = pytest.mark.usefixtures("speed_machinery")

STORY = "stories/contes-d-ici-et-d-ailleurs/stone-soup.md"


def test_the_output_holds_this_build_only(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    first = build(tmp_path)
    output = first.output
    assert (output / "stories/contes-d-ici-et-d-ailleurs/stone-soup/index.html").exists()
    (output / "old-page/index.html").parent.mkdir()
    (output / "old-page/index.html").write_text("from an earlier build")
    (output / ".git").mkdir()
    (output / ".git/HEAD").write_text("kept by OUTPUT_RETENTION")
    schema = output / "schema/event.json"
    schema_written = schema.stat().st_mtime_ns

    (tmp_path / "content" / STORY).unlink()  # the teller withdrew their consent
    second = build(tmp_path, OUTPUT_RETENTION=[".git"])
    assert not (output / "stories/contes-d-ici-et-d-ailleurs/stone-soup").exists()
    assert "stone-soup" not in second.read("feeds/stories/contes-d-ici-et-d-ailleurs.rss.xml")
    assert not (output / "old-page").exists()
    assert (output / ".git/HEAD").read_text() == "kept by OUTPUT_RETENTION"
    assert schema.stat().st_mtime_ns == schema_written  # unchanged: not written again
    assert (output / "theme/css/kiosque.css").exists()  # the theme's files
    assert any((output / "images").iterdir())  # and the site's pictures, copied by Pelican


def test_without_delete_output_directory_nothing_is_removed(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    build(tmp_path)
    (tmp_path / "output/kept.html").write_text("the site's own")
    build(tmp_path, DELETE_OUTPUT_DIRECTORY=False)
    assert (tmp_path / "output/kept.html").exists()


def test_an_output_folder_holding_the_content_is_never_emptied(tmp_path):
    (tmp_path / "site").mkdir()
    shutil.copytree(REPO / "content", tmp_path / "site/content")
    build(tmp_path / "site", OUTPUT_PATH=str(tmp_path / "site"))
    assert (tmp_path / "site/content/places/cafe-la-fabrique.yaml").exists()
