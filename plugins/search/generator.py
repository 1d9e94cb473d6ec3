"""The search generator: two indexes of this build's published contributions — what is current (`/pagefind/`:
upcoming events, stories, tracks, places) and the past events (`/pagefind-archive/`), which a reader's browser
loads only when asked: on a ten-year site they are nine in ten of the index — and the search page (`/search/`),
which also lists, for readers without JavaScript, the filter pages and the months."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from agenda.wording import Wording
from interface import theme_catalogues
from publishing.build import site_of
from publishing.pages import page_writer
from search.documents import Documents
from search.indexing import SearchIndexError, bundle
from speed.output_record import output_record
from speed.unchanged_pages import UnchangedPages

CURRENT, ARCHIVE = "pagefind/", "pagefind-archive/"

logger = logging.getLogger(__name__)


class SearchGenerator(Generator):
    def generate_output(self, writer):
        site = site_of(self.settings)
        gettext = theme_catalogues(self.theme).translations(site.language).gettext
        wording = Wording(site.language, site.timezone)
        documents = Documents(self.context, site, gettext, wording)
        record = output_record(self.settings)
        current = list(documents.current())
        try:
            for path, content in bundle(current, site.language).items():
                record.write(CURRENT + path, content)
            if not self._archive_unchanged(documents.past_events, record):
                for path, content in bundle(documents.archive(), site.language).items():
                    record.write(ARCHIVE + path, content)
        except SearchIndexError as error:
            logger.error("kiosque: no search index: %s", error)
        agenda = self.context["agenda"]
        # the months facet in the calendar's order (the reader's browser cannot sort month names)
        month_order = [wording.month(day) for day in sorted({m for m, _ in agenda.months + agenda.past_months})]
        write = page_writer(self, writer)
        write(
            "search/index.html",
            "search",
            bundles={"current": CURRENT, "archive": ARCHIVE},
            current_count=len(current),
            past_count=len(documents.past_events),
            months=agenda.months,
            past_months=agenda.past_months,
            month_order=month_order,
        )

    def _archive_unchanged(self, events: list, record) -> bool:
        """Whether the last build made the archive's index from these very past events (their files and places,
        today, the settings, the code): a rebuild after one more event then keeps it as it is, and indexes only
        what is current (the archive was four fifths of the search's time at 10,000 contributions)."""
        pages = UnchangedPages(self, "search-archive")
        shown = [item for event in events for item in (event, event.place)]
        kept = pages.reuse(f"{ARCHIVE}pagefind-entry.json", shown) if events else False
        pages.save()
        if kept:  # the bundle's other files are those the last build wrote there: its sweep removed the rest
            folder = Path(self.output_path, ARCHIVE)
            for path in folder.rglob("*"):
                if path.is_file():
                    record.add(path.relative_to(self.output_path).as_posix())
        return kept
