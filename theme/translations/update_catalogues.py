"""Refresh the interface catalogues: `python theme/translations/update_catalogues.py` (from the repository).

Collects the strings to translate — those of the templates, and the kinds' and fields' descriptions that
the /contribute/ page shows — into messages.pot, then updates every language's messages.po, keeping the
translations already made. New strings get an empty translation for a translator to fill in.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from contributions import document  # noqa: E402
from contributions.site import Site  # noqa: E402
from interface import refresh_catalogues  # noqa: E402

JINJA_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def strings_to_translate() -> Catalog:
    template = Catalog(project="kiosque")
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO / "theme" / "templates"), [("**.html", "jinja2")], options_map=JINJA_OPTIONS
    ):
        template.add(message)
    for kind in document(Site(content=REPO / "content")):
        template.add(kind.description, auto_comments=[f"kind {kind.kind.name}"])
        for field in kind.fields:
            template.add(field.description, auto_comments=[f"{kind.kind.name}.{field.name}"])
    return template


def main() -> None:
    refresh_catalogues(HERE, strings_to_translate(), REPO)


if __name__ == "__main__":
    main()
