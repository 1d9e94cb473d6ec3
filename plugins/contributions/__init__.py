"""contributions: what a contribution is, how a file becomes one, and what is wrong with it — with no Pelican.

`make check`, the bridge and the Pelican plugins (`publishing`, `agenda`, `feeds`...) import what they need
from here and nothing deeper, so the folders below can change without breaking them:

- `schemas/`: one pydantic model per kind (a partner calendar, `Source`, among them), the shared fields, the
  vocabularies, repetition rules;
- `reading/`: a file's characters, its YAML and its Markdown, read without trusting them;
- `checking/`: the verdict on each file and across files, and the wording of every message;
- `describing/`: the schemas written out for others (JSON Schema, the fields' documentation), and outside text
  written for moderators so that it shows as it is (the bridge's proposals, the import's reports);
- `site.py`: the site's settings as contributions see them; `check.py`: the `make check` command;
- `saving.py`: a file written whole or not at all (the bridge's spool, the import's files), one writer at a time;
- `translating.py`: the gettext catalogues every text people read comes from (`make check`, theme, bridge).
"""

from contributions.checking import messages
from contributions.checking.harvest import harvest
from contributions.checking.static_files import (
    PICTURES,
    PIXEL_LIMIT,
    PODCAST_COVER_SIDES,
    PODCAST_RECORDINGS,
    judge,
    podcast_convertible,
    podcast_takes_cover,
    recording_format,
)
from contributions.checking.validate import Contribution, Problem, slug_of, validate_bytes, validate_file
from contributions.checking.validated_before import contributions_store
from contributions.describing.field_docs import document
from contributions.describing.json_schema import all_schemas, json_schema, resolve
from contributions.describing.untrusted_text import html_text, markdown_text, one_line
from contributions.reading import markup
from contributions.reading.characters import LINE_ENDS, PAGE_BREAKS, scrubbed, without_refused
from contributions.reading.content_walk import linked_part, walk
from contributions.reading.loader import SourceError, read_as_text, read_source
from contributions.reading.markup import MarkdownRenderer
from contributions.saving import held, write_atomically
from contributions.schemas import recurrence
from contributions.schemas.event import WEEKDAYS, ImportedFrom, imported_file_tag
from contributions.schemas.kinds import KINDS
from contributions.schemas.recurrence import (
    first_start,
    moved_start,
    occurrences,
    rule_of,
    until_as_date,
    until_in_utc,
)
from contributions.schemas.source import Source
from contributions.site import CONTENT_LANGUAGE, DEFAULT_TIMEZONE, SettingError, Site, build_today, read_site_settings
from contributions.translating import Catalogues, kernel_domains, untranslated
from contributions.translating import source as translation_source

__all__ = [
    "CONTENT_LANGUAGE",
    "DEFAULT_TIMEZONE",
    "KINDS",
    "LINE_ENDS",
    "PAGE_BREAKS",
    "PICTURES",
    "PIXEL_LIMIT",
    "PODCAST_COVER_SIDES",
    "PODCAST_RECORDINGS",
    "WEEKDAYS",
    "Catalogues",
    "Contribution",
    "ImportedFrom",
    "MarkdownRenderer",
    "Problem",
    "SettingError",
    "Site",
    "Source",
    "SourceError",
    "all_schemas",
    "build_today",
    "contributions_store",
    "document",
    "first_start",
    "harvest",
    "held",
    "html_text",
    "imported_file_tag",
    "json_schema",
    "judge",
    "kernel_domains",
    "linked_part",
    "markdown_text",
    "markup",
    "messages",
    "moved_start",
    "occurrences",
    "one_line",
    "podcast_convertible",
    "podcast_takes_cover",
    "read_as_text",
    "read_site_settings",
    "read_source",
    "recording_format",
    "recurrence",
    "resolve",
    "rule_of",
    "scrubbed",
    "slug_of",
    "translation_source",
    "until_as_date",
    "until_in_utc",
    "untranslated",
    "validate_bytes",
    "validate_file",
    "walk",
    "without_refused",
    "write_atomically",
]
