"""A plugin that needs another says so in one sentence when the build starts, and the build stops there."""

from __future__ import annotations

import logging

import pytest
from conftest import build

ORDER = ["interface", "publishing", "agenda", "places", "stories", "playlists", "feeds", "sharing"]


@pytest.mark.parametrize(
    ("plugins", "sentence"),
    [
        (
            [name for name in ORDER if name != "agenda"],
            "the places plugin needs the agenda plugin: add 'agenda' before 'places' in PLUGINS",
        ),
        (
            ["interface", "publishing", "places", "stories", "playlists", "feeds", "agenda"],
            "the places plugin needs the agenda plugin: add 'agenda' before 'places' in PLUGINS",
        ),
        (
            ["interface", "publishing", "feeds", "agenda"],
            "the feeds plugin needs the agenda plugin: add 'agenda' before 'feeds' in PLUGINS",
        ),
        (
            ["interface", "agenda"],
            "the interface plugin needs the publishing plugin: add 'publishing' to PLUGINS",
        ),
    ],
)
def test_a_plugin_missing_or_out_of_order_stops_the_build_with_one_sentence(tmp_path, caplog, plugins, sentence):
    (tmp_path / "content").mkdir()
    with caplog.at_level(logging.CRITICAL), pytest.raises(SystemExit) as stopped:
        build(tmp_path, PLUGINS=plugins)
    assert stopped.value.code == 2
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.CRITICAL] == [sentence]
    assert not (tmp_path / "output").exists()  # stopped before any work


def test_the_plugins_in_the_documented_order_build(tmp_path):
    (tmp_path / "content").mkdir()
    assert (build(tmp_path, PLUGINS=ORDER).output / "agenda/index.html").is_file()
