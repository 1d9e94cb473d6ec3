"""interface: the theme's language. Installs the gettext catalogue of the site's language
(theme/translations/<lang>/LC_MESSAGES/messages.po, compiled in memory) into every template
environment, and date/number filters formatted for that language with Babel."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_currency
from pelican import signals

from interface import compiled_templates
from interface.constant_strings import ConstantStrings
from interface.helpers import address_filters, helpers
from publishing.build import needs, site_of
from speed.output_record import output_record


def catalogue_file(theme: str, language: str) -> Path:
    return Path(theme) / "translations" / language / "LC_MESSAGES" / "messages.po"


def load_catalogue(theme: str, language: str) -> gettext.NullTranslations:
    """The theme's translations for `language`; untranslated strings stay as written (English)."""
    po_file = catalogue_file(theme, language)
    if not po_file.is_file():
        return gettext.NullTranslations()
    with po_file.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def untranslated(message) -> bool:
    """A message with no translation, or a plural with a form missing."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and not all(forms)


def refresh_catalogues(folder: Path, template: Catalog, shown_from: Path) -> None:
    """Write `template` as folder/messages.pot and merge it into each language's messages.po, keeping
    the translations made; say how many strings each language still lacks."""
    with (folder / "messages.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, no_location=True, width=120)
    for po_file in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        with po_file.open("rb") as handle:
            catalogue = read_po(handle)
        catalogue.update(template, no_fuzzy_matching=True)
        with po_file.open("wb") as handle:
            write_po(handle, catalogue, no_location=True, width=120, ignore_obsolete=True)
        missing = sum(1 for message in catalogue if untranslated(message))
        print(f"{po_file.relative_to(shown_from)}: {missing} string(s) to translate")


def _filters(language: str) -> dict:
    locale = Locale.parse(language)

    def long_date(value: dt.date) -> str:
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day, "full", locale=locale)

    def short_time(value: dt.datetime) -> str:
        return format_time(value, "short", locale=locale)

    def long_datetime(value: dt.date) -> str:
        if isinstance(value, dt.datetime):
            return format_datetime(value, "EEEE d MMMM y, HH:mm", locale=locale)
        return long_date(value)

    def clock(value: dt.timedelta) -> str:
        """3:45, or 1:02:03 past an hour."""
        seconds = int(value.total_seconds())
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"

    def money(amount, currency: str = "EUR") -> str:
        return format_currency(amount, currency, locale=locale)

    @functools.cache
    def direction(code: str) -> str:
        """rtl for a text in Arabic, Hebrew, Persian...: browsers need it to lay the text out right."""
        try:
            return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"
        except (ValueError, TypeError, UnknownLocaleError):
            return "ltr"

    return {
        "long_date": long_date,
        "short_time": short_time,
        "long_datetime": long_datetime,
        "money": money,
        "clock": clock,
        "direction": direction,
    }


def _install(generator) -> None:
    language = site_of(generator.settings).language
    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    catalogue = load_catalogue(generator.theme, language)
    env.install_gettext_translations(catalogue, newstyle=True)
    if ConstantStrings.identifier not in env.extensions:
        env.add_extension(ConstantStrings)
    env.extensions[ConstantStrings.identifier].catalogue = catalogue
    filters = _filters(language)
    env.filters.update(filters)
    env.filters.update(address_filters(generator.settings))
    env.globals.update(helpers(filters["direction"]))
    env.globals["interface_language"] = language
    compiled_templates.use(env, generator.settings, catalogue_file(generator.theme, language))


def _site_icon(generators) -> None:
    """Browsers and feed readers ask every site for /favicon.ico, whatever its pages link: the theme's
    icon at the site's root answers them instead of a 404 (the pages link it too, for a site under a sub-path)."""
    icon = Path(generators[0].theme) / "static" / "favicon.ico"
    if icon.is_file():  # a site's own theme may have none
        output_record(generators[0].settings).write("favicon.ico", icon.read_bytes())


def register() -> None:
    # the site's language, read by the publishing plugin when the build starts (before or after this one)
    needs("interface", "publishing", before=False)
    signals.get_generators.connect(compiled_templates.begin)  # every build, before its generators
    signals.generator_init.connect(_install)
    signals.finalized.connect(compiled_templates.end)
    signals.all_generators_finalized.connect(_site_icon)
