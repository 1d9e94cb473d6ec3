"""languages: a multilingual site. `KIOSQUE_LANGUAGES = ["fr", "nl", "en"]` builds the whole site once per
language, the interface in that language: the site's language (`DEFAULT_LANG`) at the root, as a one-language
site has it, each other one under `/<code>/` with the same addresses below it. Content is written once: a
contribution without a translation is in every tree in its own language (marked with `lang`); one with
translations is listed in each tree in that tree's language when it has one (`publishing`'s translation groups).

Each other tree is a build of its own, started when the site's build has finished (`finalized`), with the same
settings but the interface's language, its own output folder, cache folder and address; the site's build
keeps those folders (its sweep leaves them to theirs). Every page links to itself in the other languages
(`alternates.py`: the language menu and `hreflang`)."""

from __future__ import annotations

import copy
import logging
import os

from pelican import signals

from contributions import CONTENT_LANGUAGE
from languages.alternates import MAIN_ADDRESS, install_alternates, languages_of
from publishing.addresses import feed_address_maker
from publishing.build import needs

logger = logging.getLogger(__name__)
TREE = "_KIOSQUE_LANGUAGE_TREE"  # set in the build of each other language's tree


def _keep_the_other_trees(pelican) -> None:
    """The site's own build leaves the other trees' folders to their builds (its sweep, or Pelican's emptying)."""
    if not pelican.settings.get(TREE):
        pelican.output_retention = [*pelican.output_retention, *languages_of(pelican.settings)[1:]]


def _build_the_other_trees(pelican) -> None:
    settings = pelican.settings
    if settings.get(TREE):
        return
    languages = languages_of(settings)
    for language in languages[1:]:
        tree = {name: value for name, value in settings.items() if not name.startswith("_KIOSQUE")}
        tree = copy.deepcopy(tree)
        tree.update(
            {
                "DEFAULT_LANG": language,
                "OUTPUT_PATH": os.path.join(settings["OUTPUT_PATH"], language),
                "CACHE_PATH": os.path.join(settings["CACHE_PATH"], "languages", language),
                "SITEURL": f"{settings['SITEURL']}/{language}" if settings.get("SITEURL") else "",
                TREE: language,
                CONTENT_LANGUAGE: languages[0],  # contributions' own language (`contributions.Site`)
                MAIN_ADDRESS: feed_address_maker(settings)(""),
            }
        )
        if settings.get("KIOSQUE_PREVIEW_URL"):
            tree["KIOSQUE_PREVIEW_URL"] = f"{settings['KIOSQUE_PREVIEW_URL'].rstrip('/')}/{language}"
        logger.info("kiosque: the site in %s, under /%s/", language, language)
        type(pelican)(tree).run()


def register() -> None:
    needs("languages", "publishing", "interface")
    signals.initialized.connect(_keep_the_other_trees)
    signals.generator_init.connect(install_alternates)
    signals.finalized.connect(_build_the_other_trees)
