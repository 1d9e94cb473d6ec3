"""Production settings: `make publish` builds with these, on top of pelicanconf.py."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://agenda.example.org")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
