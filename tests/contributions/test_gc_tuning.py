"""A build collects garbage less often while it runs, puts the thresholds back, and leaves what it made out
of the collections that follow (the shutdown's), until the next build in the same process."""

import gc

from conftest import build, write_files
from pelican import signals

from speed import gc_tuning

EVENT = (
    "---\ntitle: Bal\nstart: 2027-03-13\nonline: https://visio.example.org/bal\ncategories: [party]\n---\nOn danse.\n"
)


def test_each_build_raises_the_threshold_puts_it_back_and_freezes_what_it_leaves(tmp_path):
    before = gc.get_threshold()
    during = []

    def look(generators):
        during.append((gc.get_threshold(), gc.get_freeze_count()))

    write_files(tmp_path / "content", {"events/2027/bal.md": EVENT})
    signals.all_generators_finalized.connect(look)
    try:
        site = build(tmp_path)
        after_first = gc.get_threshold(), gc.get_freeze_count()
        build(tmp_path)  # another Pelican object, as autoreload or a test suite would
    finally:
        signals.all_generators_finalized.disconnect(look)
        gc.unfreeze()  # as the next build would: the tests after this one collect as usual
        gc_tuning._frozen = False
    assert "Bal" in site.read("agenda/bal/index.html")
    for thresholds, frozen in during:
        assert thresholds[0] >= 50_000 and thresholds[1:] == before[1:]
        assert frozen == 0  # the last build's objects are collected as usual during the next one
    assert after_first[0] == before and after_first[1] > 10_000


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
