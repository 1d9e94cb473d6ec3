"""The search generator: two indexes of this build's published contributions — what is current (`/pagefind/`:
upcoming events, stories, tracks, places) and the past events (`/pagefind-archive/`), which a reader's browser
loads only when asked: on a ten-year site they are nine in ten of the index — and the search page (`/search/`),
which also lists, for readers without JavaScript, the filter pages and the months."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from agenda.wording import Wording
from interface import theme_catalogues
from publishing.build import site_of
from publishing.pages import page_writer
from search.documents import Documents
from search.indexing import SearchIndexError, bundle
from speed.output_record import output_record

CURRENT, ARCHIVE = "pagefind/", "pagefind-archive/"

logger = logging.getLogger(__name__)


class SearchGenerator(Generator):
    def generate_output(self, writer):
        site = site_of(self.settings)
        gettext = theme_catalogues(self.theme).translations(site.language).gettext
        wording = Wording(site.language, site.timezone)
        documents = Documents(self.context, site, gettext, wording)
        record = output_record(self.settings)
        current, past = list(documents.current()), list(documents.archive())
        try:
            for folder, found in ((CURRENT, current), (ARCHIVE, past)):
                for path, content in bundle(found, site.language).items():
                    record.write(folder + path, content)
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
            past_count=len(past),
            months=agenda.months,
            past_months=agenda.past_months,
            month_order=month_order,
        )
