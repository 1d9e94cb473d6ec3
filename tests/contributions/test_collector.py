"""A build collects garbage less often while it runs, and leaves the collector as it found it."""

import gc

from pelican import signals

from conftest import build, write_files

EVENT = "---\ntitle: Bal\nstart: 2027-03-13\nonline: https://visio.example.org/bal\ncategories: [party]\n---\nOn danse.\n"


def test_the_build_raises_the_threshold_and_puts_it_back(tmp_path):
    before = gc.get_threshold()
    during = []

    def look(generators):
        during.append(gc.get_threshold())

    write_files(tmp_path / "content", {"events/2027/bal.md": EVENT})
    signals.all_generators_finalized.connect(look)
    try:
        site = build(tmp_path)
    finally:
        signals.all_generators_finalized.disconnect(look)
    assert during[0][0] >= 50_000 and during[0][1:] == before[1:]
    assert gc.get_threshold() == before
    assert "Bal" in site.read("agenda/bal/index.html")
