"""What the plugins of one build share, set up by the publishing plugin when the build starts: the site's
settings, read and checked once (`site_of`), and the plugins each plugin needs (`needs`).

Every generator and template filter asks `site_of` rather than reading Pelican's settings itself: one
language, one time zone, one "today" for the whole build, with the defaults of `contributions.site`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from pelican import signals

from contributions import SettingError, Site

logger = logging.getLogger(__name__)

SITE = "_kiosque_site"  # where the build's Site is kept in Pelican's settings


def start_site(settings: dict) -> Site:
    """Read the site's settings for a build and keep them for its plugins; a setting that cannot be used
    stops the build with a sentence for the site's maintainers, not a traceback."""
    try:
        site = Site.from_settings(settings)
    except SettingError as error:
        logger.critical("%s", error)
        raise SystemExit(2) from None
    settings[SITE] = site
    return site


def site_of(settings: dict) -> Site:
    """The Site of the build these settings belong to."""
    site = settings.get(SITE)
    if site is None:  # `needs` stops such a build at its start: only code run outside a build gets here
        raise RuntimeError("the site's settings are read by the publishing plugin: add 'publishing' to PLUGINS")
    return site


def needs(plugin: str, *needed: str, before: bool = True) -> None:
    """Called by `plugin`'s register: when the build starts, stop it with one sentence if a plugin it needs is
    not in PLUGINS or (`before`: it reads what the other's generator made) comes after it."""
    signals.initialized.connect(_order_check(plugin, needed, before))


@functools.cache  # one receiver for each plugin, however many builds register it (tests, autoreload)
def _order_check(plugin: str, needed: tuple[str, ...], before: bool) -> Callable:
    def check(pelican) -> None:
        names = [_plugin_name(entry) for entry in pelican.settings.get("PLUGINS") or ()]
        if plugin not in names:  # registered by an earlier build of the same process, not by this one
            return
        for other in needed:
            if other in names and (not before or names.index(other) < names.index(plugin)):
                continue
            where = f"before '{plugin}' in" if before else "to"
            logger.critical("the %s plugin needs the %s plugin: add '%s' %s PLUGINS", plugin, other, other, where)
            raise SystemExit(2)

    return check


def _plugin_name(entry) -> str:
    """'agenda' for 'agenda', 'pelican.plugins.agenda' or the module itself (PLUGINS takes all three)."""
    return str(getattr(entry, "__name__", entry)).rsplit(".", 1)[-1]
