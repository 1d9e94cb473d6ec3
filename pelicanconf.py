"""Site settings of the kiosque sample site: a French neighbourhood's participatory agenda.

A community that starts its own site changes the values below; every KIOSQUE_* setting is
described in the README ("Settings").
"""

import os

SITENAME = "Quartier des Lilas — l'agenda partagé"
SITESUBTITLE = "Ce qui se passe près de chez vous, écrit par celles et ceux qui l'organisent"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = True  # nothing removed or broken since the last build stays online (kiosque removes
# what the build did not write once it has finished, so unchanged pages are not written again)
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"

# Pelican's content cache, under cache/: a rebuild reuses what the last build or `make check` made of the
# unchanged files (README, "Settings"). The site's CI keeps cache/ from one run to the next.
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "interface",
    "publishing",
    "agenda",
    "places",
    "stories",
    "playlists",
    "feeds",
    "newsletter",
    "search",
    "sharing",
    "pictures",
    "federating",
    "languages",
]

# Contributions are read by the contributions plugin; Pelican itself only reads the pages.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "media"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index"]
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True}
for _kind in ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS", "ARCHIVES"):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# kiosque
KIOSQUE_TODAY = os.environ.get("KIOSQUE_TODAY")  # a fixed "today" (YYYY-MM-DD) for previews and tests
KIOSQUE_COUNTRY = "FR"
KIOSQUE_UID_DOMAIN = "agenda.quartier-des-lilas.example.org"  # never change it once calendars subscribed
# Feeds, calendars and podcasts hold full addresses: without SITEURL (`make html`, `make serve`), those of the
# local server, whose port the Makefile passes (PORT=8080 make serve); pages stay relative.
KIOSQUE_PREVIEW_URL = os.environ.get("KIOSQUE_PREVIEW_URL", "http://127.0.0.1:8000")
KIOSQUE_CONTACT_EMAIL = "agenda@quartier-des-lilas.example.org"  # the podcasts' owner (Apple Podcasts writes to it)
KIOSQUE_AREA = (45.70, 4.76, 45.82, 4.92)  # (south, west, north, east): places outside are flagged
# KIOSQUE_CATEGORIES = {...}  # replace a vocabulary: see plugins/contributions/schemas/vocabularies.py
