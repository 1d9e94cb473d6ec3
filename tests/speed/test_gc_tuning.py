"""A build collects garbage less often while it runs and puts the thresholds back; the process that ran it
leaves what it made out of the collections of its exit. Nothing stays frozen while it runs."""

import gc
import os
import subprocess
import sys

import pytest
from conftest import REPO, build, write_files
from pelican import signals

from speed import gc_tuning

EVENT = (
    "---\ntitle: Bal\nstart: 2027-03-13\nonline: https://visio.example.org/bal\ncategories: [party]\n---\nOn danse.\n"
)


def _thresholds_during_builds(tmp_path, **settings) -> tuple[list, object]:
    during = []

    def look(generators):
        during.append((gc.get_threshold(), gc.get_freeze_count()))

    write_files(tmp_path / "content", {"events/2027/bal.md": EVENT})
    signals.all_generators_finalized.connect(look)
    try:
        site = build(tmp_path, **settings)
        build(tmp_path, **settings)  # another Pelican object, as autoreload or a test suite would
    finally:
        signals.all_generators_finalized.disconnect(look)
    return during, site


@pytest.mark.usefixtures("speed_machinery")
def test_each_build_raises_the_threshold_and_puts_it_back_leaving_nothing_frozen(tmp_path):
    before = gc.get_threshold()
    during, site = _thresholds_during_builds(tmp_path)
    assert "Bal" in site.read("agenda/bal/index.html")
    assert len(during) == 2
    for thresholds, frozen in during:
        assert thresholds[0] >= 50_000 and thresholds[1:] == before[1:]
        assert frozen == 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0  # nothing for the next test to undo


def test_with_the_speed_machinery_off_the_collector_keeps_its_thresholds(tmp_path):
    before = gc.get_threshold()
    during, _ = _thresholds_during_builds(tmp_path, KIOSQUE_SPEED=False)
    assert [thresholds for thresholds, _ in during] == [before, before]


@pytest.mark.usefixtures("speed_machinery")
def test_a_process_that_built_a_site_leaves_it_out_of_the_collections_of_its_exit(tmp_path):
    """CPython's shutdown scans every object still alive: frozen by an exit handler, they are left out."""
    write_files(tmp_path / "content", {"events/2027/bal.md": EVENT})
    script = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count()))  # registered first: runs last\n"
        "from conftest import build\n"
        f"build(__import__('pathlib').Path({str(tmp_path)!r}))\n"
        "print('frozen during the run', gc.get_freeze_count())\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "tests"), str(REPO / "plugins"), str(REPO)])},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = dict(line.rsplit(" ", 1) for line in ran.stdout.splitlines() if line.startswith("frozen"))
    assert int(lines["frozen during the run"]) == 0 and int(lines["frozen"]) > 10_000


@pytest.mark.usefixtures("speed_machinery")
def test_what_is_made_to_last_joins_the_oldest_generation_at_once():
    """Contributions read for a whole build or check: never collected while they are made, and not
    scanned again and again on their way to the oldest generation."""

    class Made:
        pass

    assert gc.isenabled()
    with gc_tuning.long_lived():
        enabled_inside = gc.isenabled()
        made = [Made() for _ in range(1000)]
    young = {id(item) for generation in (0, 1) for item in gc.get_objects(generation=generation)}
    assert not enabled_inside and gc.isenabled() and gc.get_freeze_count() == 0
    assert not any(id(item) in young for item in made)
    assert any(item is made[0] for item in gc.get_objects(generation=2))
