"""Refresh the bridge's catalogues: `python bridge/translations/update_catalogue.py` (from the repository).

Collects the sentences of the bridge's templates and of its Python modules (marked `_(...)` or `N_(...)`)
into messages.pot, then updates each language's messages.po, keeping the translations already made.
The field descriptions come from the schemas and are translated in the theme's catalogue, not here.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
BRIDGE = HERE.parent
METHODS = [("templates/**.html", "jinja2"), ("*.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def strings_to_translate() -> Catalog:
    template = Catalog(project="kiosque-bridge")
    for _file, _line, message, _comments, _context in extract_from_dir(str(BRIDGE), METHODS, options_map=OPTIONS):
        template.add(message)
    return template


def main() -> None:
    template = strings_to_translate()
    with (HERE / "messages.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, no_location=True, width=120)
    for po_file in sorted(HERE.glob("*/LC_MESSAGES/messages.po")):
        with po_file.open("rb") as handle:
            catalogue = read_po(handle)
        catalogue.update(template, no_fuzzy_matching=True)
        with po_file.open("wb") as handle:
            write_po(handle, catalogue, no_location=True, width=120, ignore_obsolete=True)
        missing = sum(1 for message in catalogue if message.id and not message.string)
        print(f"{po_file.relative_to(BRIDGE.parent)}: {missing} string(s) to translate")


if __name__ == "__main__":
    main()
