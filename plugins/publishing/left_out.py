"""How a build ends when contributions were left out. By default it publishes everything else and ends
normally: one broken file must not hold a whole site back. With `KIOSQUE_STRICT` (the setting, or the
environment variable, which wins, as the forge workflows set it) it still writes everything, then fails,
so that a pull request's CI never lets a contribution be dropped without anyone noticing."""

from __future__ import annotations

import logging
import os

from contributions import messages
from publishing.build import site_of

logger = logging.getLogger(__name__)
LEFT_OUT = "_KIOSQUE_LEFT_OUT"  # what this build left out, kept in its settings like the sweep's record
LEFT_OUT_FILES = "_KIOSQUE_LEFT_OUT_FILES"


def record(settings: dict, paths: set[str]) -> None:
    settings[LEFT_OUT] = len(paths)
    settings[LEFT_OUT_FILES] = sorted(paths)


def files(settings: dict) -> list[str]:
    """The files this build left out (the fediverse must not take a broken file for a removed one)."""
    return settings.get(LEFT_OUT_FILES, [])


def strict(settings: dict) -> bool:
    value = os.environ.get("KIOSQUE_STRICT", settings.get("KIOSQUE_STRICT", False))
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no")
    return bool(value)


def finish(pelican) -> None:
    """Connected last to `finalized`: the site is written, the sweep is done."""
    files = pelican.settings.get(LEFT_OUT, 0)
    if files and strict(pelican.settings):
        logger.error("%s", messages.render("build_left_out", site_of(pelican.settings).language, files=files))
        raise SystemExit(1)
