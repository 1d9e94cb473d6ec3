"""The bridge judges a submission as `make check` judges the file it becomes, without writing that file
anywhere first: the same sentences at the same lines, and no temporary file."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import PurePosixPath

from bridge_sites import make_site, settings_for

from bridge.app import load_site
from bridge.compose import compose, render
from contributions import KINDS, validate_file

FIELDS = {
    "title": "Fête de la soupe",
    "start": "12/12/2026",  # not a date
    "categories": ["concer"],  # not a word of the vocabulary
    "price": {"kind": "free", "amount": 3},  # a free event has no price
    "credit": "Jo du quartier",
}
BODY = "Chacun apporte un légume."


def test_a_submission_gets_the_problems_its_file_would_get_and_no_temporary_file_is_written(tmp_path, monkeypatch):
    site_folder = make_site(tmp_path)
    site = load_site(settings_for(site_folder, tmp_path))[0]

    def written(*arguments, **options):
        raise AssertionError("the bridge wrote a temporary file to validate a submission")

    for name in ("mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory", "TemporaryFile"):
        monkeypatch.setattr(tempfile, name, written)
    today = dt.date(2026, 12, 1)
    draft, problems = compose(
        "0123456789abcdef", "event", FIELDS, BODY, None, {}, site, PurePosixPath("content"), today
    )
    monkeypatch.undo()

    assert draft is None and len(problems) >= 3
    relative = PurePosixPath(problems[0].path)
    assert relative.parts[:2] == ("events", "2026")
    file = site_folder / "content" / relative
    file.write_bytes(render(True, FIELDS, BODY))
    _, from_the_file = validate_file(file, str(relative), relative, KINDS["event"], site)
    assert problems == from_the_file
    assert {problem.field for problem in problems} >= {"start", "categories"}
    assert all(problem.line > 1 for problem in problems)  # each at its field's line, as `make check` says
