"""Every catalogue of kiosque refreshed in one command: `make catalogues`.

For each domain, the English texts are gathered from where they are written — the templates and the bridge's
Python (`_()` and `N_()`, with Babel's extractors), the kinds' and fields' descriptions that /contribute/ shows,
and the tables of `make check`'s messages, the vocabularies and the agenda's wording — into its .pot, then
merged into each language's .po, keeping the translations made. New texts get an empty translation, and the
command says how many each language still lacks. A new language: copy a .pot to
`<folder>/<lang>/LC_MESSAGES/<domain>.po` for each domain, translate it, and run this command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from agenda import wording as agenda_wording
from bridge.i18n import CATALOGUES as BRIDGE
from contributions import Catalogues, Site, document, kernel_domains
from importing.report import CATALOGUES as IMPORTING
from interface import theme_catalogues

REPO = Path(__file__).resolve().parents[2]
JINJA = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
THEME = theme_catalogues(str(REPO / "theme"))


def _extracted(folder: Path, methods: list[tuple[str, str]], project: str) -> Catalog:
    catalogue = Catalog(project=project)
    options = {pattern: JINJA for pattern, method in methods if method == "jinja2"}
    for _file, _line, message, _comments, context in extract_from_dir(str(folder), methods, options_map=options):
        catalogue.add(message, context=context)
    return catalogue


def theme_texts() -> Catalog:
    """The templates' texts, and the kinds' and fields' descriptions that the /contribute/ page shows."""
    catalogue = _extracted(REPO / "theme" / "templates", [("**.html", "jinja2")], "kiosque")
    for message in _extracted(REPO / "plugins" / "search", [("*.py", "python")], "kiosque"):  # a result's kind
        if message.id:
            catalogue.add(message.id, locations=message.locations, context=message.context)
    for kind in document(Site(content=REPO / "content")):
        catalogue.add(kind.description, auto_comments=[f"kind {kind.kind.name}"])
        for field in kind.fields:
            catalogue.add(field.description, auto_comments=[f"{kind.kind.name}.{field.name}"])
    return catalogue


def bridge_texts() -> Catalog:
    """The bridge's templates and the sentences of its Python modules (the field descriptions are the theme's)."""
    methods = [("templates/**.html", "jinja2"), ("*.py", "python")]
    return _extracted(REPO / "bridge", methods, "kiosque-bridge")


def importing_texts() -> Catalog:
    """The sentences of `make import`'s reports: every `N_()` of importing/ (fetching, reading, syncing, report)."""
    return _extracted(REPO / "importing", [("*.py", "python")], "kiosque-importing")


# Each domain with what gathers its English texts.
DOMAINS: list[tuple[Catalogues, Callable[[], Catalog]]] = [
    *kernel_domains(),
    (agenda_wording.CATALOGUES, agenda_wording.to_translate),
    (THEME, theme_texts),
    (BRIDGE, bridge_texts),
    (IMPORTING, importing_texts),
]


def main() -> None:
    for catalogues, texts in DOMAINS:
        catalogues.refresh(texts(), REPO)


if __name__ == "__main__":
    main()
