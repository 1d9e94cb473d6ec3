"""Refresh the bridge's catalogues: `python bridge/translations/update_catalogue.py` (from the repository).

Collects the sentences of the bridge's templates and of its Python modules (marked `_(...)` or `N_(...)`)
into messages.pot, then updates each language's messages.po, keeping the translations already made.
The field descriptions come from the schemas and are translated in the theme's catalogue, not here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

HERE = Path(__file__).resolve().parent
BRIDGE = HERE.parent
sys.path.insert(0, str(BRIDGE.parent / "plugins"))

from interface import refresh_catalogues  # noqa: E402

METHODS = [("templates/**.html", "jinja2"), ("*.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def strings_to_translate() -> Catalog:
    template = Catalog(project="kiosque-bridge")
    for _file, _line, message, _comments, _context in extract_from_dir(str(BRIDGE), METHODS, options_map=OPTIONS):
        template.add(message)
    return template


def main() -> None:
    refresh_catalogues(HERE, strings_to_translate(), BRIDGE.parent)


if __name__ == "__main__":
    main()
