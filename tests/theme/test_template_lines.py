"""Templates keep to the code's line length (120 characters, as ruff does for Python): a long line is split
inside a tag or where Jinja's whitespace control (`-%}`, `{{-`) removes the break, so the pages stay the same."""

from __future__ import annotations

from conftest import REPO

LIMIT = 120
TEMPLATES = sorted(
    [*(REPO / "theme" / "templates").glob("**/*.html"), *(REPO / "bridge" / "templates").glob("**/*.html")]
)


def test_no_template_line_is_over_120_characters():
    assert len(TEMPLATES) > 20
    too_long = [
        f"{path.relative_to(REPO)}:{number}: {len(line)} characters"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LIMIT
    ]
    assert too_long == []
