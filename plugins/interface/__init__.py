"""interface: the theme's language. Installs the gettext catalogue of the site's language
(theme/translations/<lang>/LC_MESSAGES/messages.po, read by the kernel's `Catalogues`) into every template
environment, and date/number filters formatted for that language with Babel."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency
from pelican import signals

from contributions import Catalogues
from interface import compiled_templates
from interface.constant_strings import ConstantStrings
from interface.helpers import address_filters, helpers
from publishing.build import needs, site_of
from publishing.encoding import json_bytes
from speed.output_record import output_record


def theme_catalogues(theme: str) -> Catalogues:
    """The theme's `messages` catalogues (theme/translations/<lang>/LC_MESSAGES/messages.po), `%(name)s`
    placeholders as Jinja's gettext fills them."""
    return Catalogues(Path(theme) / "translations", "messages", placeholders="percent")


@functools.cache
def direction(code: str) -> str:
    """rtl for a text in Arabic, Hebrew, Persian...: browsers need it to lay the text out right."""
    try:
        return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"
    except (ValueError, TypeError, UnknownLocaleError):
        return "ltr"


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
    catalogues = theme_catalogues(generator.theme)
    catalogue = catalogues.translations(language)
    env.install_gettext_translations(catalogue, newstyle=True)
    if ConstantStrings.identifier not in env.extensions:
        env.add_extension(ConstantStrings)
    env.extensions[ConstantStrings.identifier].catalogue = catalogue
    filters = _filters(language)
    env.filters.update(filters)
    env.filters.update(address_filters(generator.settings))
    env.globals.update(helpers(filters["direction"]))
    env.globals["interface_language"] = language
    env.globals["content_language"] = site_of(generator.settings).content_language  # the site's own texts
    # "back" points to where the line starts: to the right in Arabic or Hebrew
    env.globals["arrow_back"], env.globals["arrow_on"] = ("→", "←") if direction(language) == "rtl" else ("←", "→")
    # JSON-LD as compact as JSON allows: no spaces, letters as they are (`tojson` still escapes < > & ' for the
    # page); a weekly series' dates were 2 KB of its event page's 40 KB budget in spaces and \u escapes
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    compiled_templates.use(env, generator.settings, catalogues.po_file(language))


def _site_icon(generators) -> None:
    """Browsers and feed readers ask every site for /favicon.ico, and iPhones for /apple-touch-icon.png (to put
    the site on the home screen), whatever its pages link: the theme's icons at the site's root answer them
    instead of a 404 (the pages link them too, for a site under a sub-path). The web app manifest beside them
    names the site and its icons for Android's home screen (relative addresses: it works under a sub-path)."""
    settings = generators[0].settings
    static = Path(generators[0].theme) / "static"
    record = output_record(settings)
    for name in ("favicon.ico", "apple-touch-icon.png"):
        if (static / name).is_file():  # a site's own theme may have none
            record.write(name, (static / name).read_bytes())
    icons = [
        {"src": f"{settings['THEME_STATIC_DIR']}/icon-{side}.png", "sizes": f"{side}x{side}", "type": "image/png"}
        for side in (192, 512)
        if (static / f"icon-{side}.png").is_file()
    ]
    if icons:
        name = settings.get("SITENAME") or ""
        manifest = {"name": name, "short_name": name, "start_url": "./", "display": "browser", "icons": icons}
        record.write("manifest.webmanifest", json_bytes(manifest))


def register() -> None:
    # the site's language, read by the publishing plugin when the build starts (before or after this one)
    needs("interface", "publishing", before=False)
    signals.get_generators.connect(compiled_templates.begin)  # every build, before its generators
    signals.generator_init.connect(_install)
    signals.finalized.connect(compiled_templates.end)
    signals.all_generators_finalized.connect(_site_icon)
