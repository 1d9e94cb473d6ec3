"""Reading a big site on two processors gives exactly what reading it on one gives."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from conftest import REPO

import contributions.checking.harvest as collect
from contributions.site import Site
from speed.two_processes import _processors, in_two_processes

pytestmark = pytest.mark.usefixtures("speed_machinery")


def test_every_other_item_is_done_by_another_process_when_there_are_enough():
    if _processors() < 2:
        pytest.skip("one processor: everything is done here")
    done = in_two_processes(lambda items: [(item, os.getpid()) for item in items], list(range(1001)), minimum=500)
    assert [item for item, _ in done] == list(range(1001))
    assert {pid for _, pid in done[0::2]} == {os.getpid()} and os.getpid() not in {pid for _, pid in done[1::2]}
    assert len({pid for _, pid in done[1::2]}) == 1
    assert set(in_two_processes(lambda items: [os.getpid() for _ in items], [1] * 499, 500)) == {os.getpid()}
    off = in_two_processes(lambda items: [os.getpid() for _ in items], [1] * 1000, 500, allowed=False)
    assert set(off) == {os.getpid()}  # the speed machinery off: all done here


def test_a_call_from_another_thread_does_everything_itself():
    """Forking copies the locks other threads hold: the bridge reads sites from its worker thread."""
    found = []
    reader = threading.Thread(
        target=lambda: found.extend(
            in_two_processes(lambda items: [os.getpid() for _ in items], list(range(1000)), 500)
        )
    )
    reader.start()
    reader.join()
    assert len(found) == 1000 and set(found) == {os.getpid()}


def test_a_failing_helper_process_costs_time_not_results():
    parent = os.getpid()

    def work(items):
        if os.getpid() != parent:
            raise RuntimeError("lost")
        return [item * 2 for item in items]

    assert in_two_processes(work, list(range(1000)), minimum=2) == [item * 2 for item in range(1000)]


def test_a_site_read_on_two_processors_gives_the_same_problems_notes_and_contributions(tmp_path, monkeypatch):
    shutil.copytree(REPO / "content", tmp_path / "content")
    events = tmp_path / "content" / "events" / "2026"
    (events / "a-broken.md").write_text("---\ntitle: 'L'heure du conte\n---\n", encoding="utf-8")
    (events / "b-nowhere.md").write_text(
        "---\ntitle: Bal\nstart: 2026-12-05 20:00\nplace: nulle-part\ncredit: A\ncredit: B\n---\n", encoding="utf-8"
    )
    first = sorted(events.glob("*.md"))[-1]
    first.write_text(first.read_text(encoding="utf-8") + "\n<script></script>\n", encoding="utf-8")
    site = Site(content=tmp_path / "content")

    def read():
        result = collect.harvest(site, shown_root=tmp_path)
        return (
            [str(p) for p in result.problems],
            [str(n) for n in result.notes],
            [
                (c.path, c.file, c.kind, c.slug, c.parent, c.data, c.body, c.source_map, c.notes)
                for c in result.contributions
            ],
        )

    one = read()
    monkeypatch.setattr(collect, "PARALLEL_FROM", 2)
    assert read() == one
    assert len(one[0]) >= 3 and one[1] and len(one[2]) > 60


def test_what_the_other_process_read_is_kept_in_the_store_and_found_again(tmp_path, monkeypatch):
    """Each process pickles what it read for the store: a second read finds every valid file there."""
    from contributions import contributions_store

    shutil.copytree(REPO / "content", tmp_path / "content")
    site = Site(content=tmp_path / "content")
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    monkeypatch.setattr(collect, "PARALLEL_FROM", 2)

    def read():
        store = contributions_store(settings, site)
        result = collect.harvest(site, shown_root=tmp_path, store=store)
        store.save()
        return [
            (c.path, c.file, c.kind, c.slug, c.data, c.body, c.source_map, c.notes, c.source)
            for c in result.contributions
        ]

    first = read()
    monkeypatch.setattr(collect, "validate_file", lambda *args: pytest.fail(f"read again: {args[0]}"))
    assert read() == first
    assert len(first) > 60 and all(source for *_, source in first)
