"""Generated files are written into new folders, and left untouched when their content did not change."""

import os

from speed.output_record import write_if_changed


def test_a_file_is_written_once_and_rewritten_only_when_it_changes(tmp_path):
    write_if_changed(tmp_path, "feeds/agenda/place/x.ics", b"one")
    target = tmp_path / "feeds/agenda/place/x.ics"
    assert target.read_bytes() == b"one"
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    write_if_changed(tmp_path, "feeds/agenda/place/x.ics", b"one")
    assert target.stat().st_mtime_ns == 1_000_000_000  # same bytes: not written again
    write_if_changed(tmp_path, "feeds/agenda/place/x.ics", b"two")
    assert target.read_bytes() == b"two" and target.stat().st_mtime_ns != 1_000_000_000
