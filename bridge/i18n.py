"""The bridge's pages in the visitor's language: its own catalogue for its sentences, the theme's catalogue
for the schemas' field descriptions (translated once, for the /contribute/ page), and the contribution
messages of `make check`: all read by the kernel's `Catalogues`. A language is offered once
bridge/translations/<lang>/LC_MESSAGES/messages.po exists."""

from __future__ import annotations

import dataclasses
import gettext
from pathlib import Path

from babel import Locale
from jinja2 import Environment, FileSystemLoader, select_autoescape

from contributions import Catalogues, Site
from interface import direction, theme_catalogues

HERE = Path(__file__).resolve().parent
CATALOGUES = Catalogues(HERE / "translations", "messages", placeholders="percent")


@dataclasses.dataclass(frozen=True)
class Interface:
    language: str
    env: Environment
    translations: gettext.NullTranslations  # the bridge's sentences
    site: Site  # the site's rules, with `make check`'s messages in this language

    def say(self, text: str, **context) -> str:
        translated = self.translations.gettext(text)
        return translated % context if context else translated

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(lang=self.language, **context)


def choose_language(asked: str | None, accept_language: str, site_language: str) -> str:
    """`?lang=` first, then the browser's preferences in their order of preference (`q`), then the site's
    language. `pt-BR` is served the Portuguese catalogue."""
    offered = CATALOGUES.languages()
    if asked in offered:
        return asked
    preferences = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        code, _, parameters = part.partition(";")
        weight = 1.0
        if parameters.strip().startswith("q="):
            try:
                weight = float(parameters.strip()[2:])
            except ValueError:
                weight = 0.0
        preferences.append((-weight, position, code.strip().lower().split("-")[0]))
    for weight, _position, code in sorted(preferences):
        if weight < 0 and code in offered:
            return code
    return site_language if site_language in offered else "en"


def language_menu() -> list[tuple[str, str]]:
    """Each language offered, named in itself ("Nederlands", "العربية"), in the order of those names."""
    named = [(code, Locale.parse(code).get_display_name(code) or code) for code in CATALOGUES.languages()]
    return sorted(((code, name[:1].upper() + name[1:]) for code, name in named), key=lambda item: item[1].casefold())


class Interfaces:
    """One interface per language, made on first use."""

    def __init__(self, site: Site, theme: str) -> None:
        self.site, self.theme = site, theme
        self._made: dict[str, Interface] = {}

    def __getitem__(self, language: str) -> Interface:
        if language not in self._made:
            env = Environment(
                loader=FileSystemLoader(HERE / "templates"),
                autoescape=select_autoescape(default=True),
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                lstrip_blocks=True,
            )
            translations = CATALOGUES.translations(language)
            env.install_gettext_translations(translations, newstyle=True)
            env.filters["schema_text"] = theme_catalogues(self.theme).translations(language).gettext
            env.filters["direction"] = direction
            env.globals["languages"] = language_menu()
            self._made[language] = Interface(
                language, env, translations, dataclasses.replace(self.site, language=language)
            )
        return self._made[language]
