"""`make import [SOURCE=<slug>]` = `python -m importing [SOURCE]` (see `command.py`)."""

import sys

from importing.command import main

sys.exit(main())
