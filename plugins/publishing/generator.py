"""The Pelican generator of contributions: reads them (through `collect`, like `make check`), links them
together, and writes their pages, the JSON Schemas and the /contribute/ page.

Everything a build gathers lives on the generator, made afresh for each build (autoreload runs many).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from pelican.generators import Generator

from contributions import MarkdownRenderer, all_schemas, contributions_store, document, harvest
from publishing import left_out, pelican_files
from publishing.build import site_of
from publishing.content import ContributionContent
from publishing.structured_data import published
from speed import gc_tuning
from speed.output_record import output_record
from speed.store import Store
from speed.unchanged_pages import UnchangedPages, shown_on_its_page

logger = logging.getLogger(__name__)

# context name under which each kind's published items are listed for templates
CONTEXT_NAMES = {
    "event": "events",
    "place": "places",
    "playlist": "playlists",
    "track": "tracks",
    "story_collection": "story_collections",
    "story": "stories",
}


# What a contribution's page also shows that no file of it says, from the plugins that put it there: each
# `(settings, item) -> str` is in the key of the page kept from the last build (`also_shown`).
ALSO_SHOWN: list[Callable[[dict, object], str]] = []


def also_shown(part: Callable[[dict, object], str]) -> None:
    """Make every contribution's page again when `part` of it changes (`sharing.metadata`: the address of its
    share picture, which follows the bytes of the item's own picture). Once, however many builds register it."""
    if part not in ALSO_SHOWN:
        ALSO_SHOWN.append(part)


class ContributionsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site_of(self.settings)
        self.render_markdown = MarkdownRenderer()
        self.rendered_html = Store(self.settings, "html")  # descriptions rendered by an earlier build
        self.items: dict[str, list[ContributionContent]] = {name: [] for name in CONTEXT_NAMES}
        self.env.filters["markdown"] = self.render_markdown

    def generate_context(self):
        store = contributions_store(self.settings, self.site)
        with gc_tuning.long_lived(self.settings):  # the contributions live as long as the build
            result = harvest(self.site, shown_root=Path.cwd(), store=store)
        store.save()
        for problem in result.problems + result.notes:
            logger.warning("%s", problem)
        left_out.record(self.settings, {problem.path for problem in result.problems})
        pelican_files.remember(self.settings, result.published_static)
        for contribution in result.contributions:
            if not contribution.kind.published:  # read and checked only: a partner calendar for `make import`
                continue
            html = self._html(contribution.body)
            item = ContributionContent(contribution, html, self.settings, self.context)
            if item.is_valid():
                self.items[contribution.kind.name].append(item)
                self.add_source_path(item)
        self._link()
        for kind, name in CONTEXT_NAMES.items():
            self.context[name] = self.items[kind]
        logger.info(
            "kiosque: %s, %d problem(s) left out",
            ", ".join(f"{len(items)} {CONTEXT_NAMES[kind]}" for kind, items in self.items.items()),
            len(result.problems),
        )
        self.rendered_html.save()
        self.context["kiosque"] = {"today": self.site.today, "vocabularies": self.site.vocabularies, "site": self.site}

    def _html(self, body: str):
        return self.rendered_html.get(lambda: self.render_markdown(body), body)

    def _link(self) -> None:
        """Give each item its neighbours: an event its place, a playlist its tracks, a story its collection."""
        places = {place.slug: place for place in self.items["place"]}
        by_place = defaultdict(list)
        for event in self.items["event"]:
            ref = event.data.place
            event.place = places.get(ref.slug) if ref is not None and ref.slug else None
            if event.place is not None:
                by_place[event.place.slug].append(event)
        self.items["event"].sort(key=lambda event: (str(event.data.start), event.slug))
        for place in self.items["place"]:
            place.events = by_place[place.slug]
        self.items["place"].sort(key=lambda place: place.title.lower())

        for parent_kind, child_kind, attribute in (
            ("playlist", "track", "tracks"),
            ("story_collection", "story", "stories"),
        ):
            parents = {parent.slug: parent for parent in self.items[parent_kind]}
            for parent in parents.values():
                setattr(parent, attribute, [])
            for child in self.items[child_kind]:
                child.collection = parents[child.contribution.parent]
                getattr(child.collection, attribute).append(child)
        for playlist in self.items["playlist"]:
            curated = playlist.data.order == "curated"
            playlist.tracks.sort(key=lambda t: ((t.data.position or 10**6) if curated else 0, t.data.added, t.slug))
        for collection in self.items["story_collection"]:
            collection.stories.sort(key=lambda story: story.title.lower())
            for story in collection.stories:
                story.place = places.get(story.data.place or "")
        self._link_translations("event")
        self._link_translations("story")

    def _link_translations(self, kind: str) -> None:
        """Each contribution knows its translations; one of each group is listed, the others only linked: the
        one in the interface's language (a multilingual site's tree of that language), else the original."""
        by_key = {item.contribution.key: item for item in self.items[kind]}
        groups = defaultdict(list)
        for item in self.items[kind]:
            original = item.data.translation_of
            root = f"{item.contribution.parent}/{original}" if original and item.contribution.parent else original
            groups[root or item.contribution.key].append(item)
        for root, members in groups.items():
            everyone = [by_key[root], *[m for m in members if m is not by_key.get(root)]] if root in by_key else members
            listed = next((m for m in everyone if m.lang == self.site.language), None)
            listed = listed or next((m for m in everyone if not m.data.translation_of), everyone[0])
            for item in everyone:
                item.translations = [other for other in everyone if other is not item]
                item.is_translation = item is not listed

    def generate_output(self, writer):
        pages = UnchangedPages(self, "pages")
        for kind, items in self.items.items():
            template = self.get_template(kind)
            for item in items:
                shown = shown_on_its_page(item)
                # the day its file was first committed is in its JSON-LD: a page made before the commit is made again
                also = (part(self.settings, item) for part in ALSO_SHOWN)
                if shown is not None and pages.reuse(item.save_as, shown, published(self)(item), *also):
                    continue
                writer.write_file(
                    item.save_as,
                    template,
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=item.url,
                    page=item,
                    **{kind: item},
                )
        pages.save()
        self._write_schemas()
        writer.write_file(
            self.settings.get("KIOSQUE_CONTRIBUTE_SAVE_AS", "contribute/index.html"),
            self.get_template("contribute"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            kinds=document(self.site),
        )

    def _write_schemas(self) -> None:
        site_url = self.settings.get("SITEURL", "") if not self.settings.get("RELATIVE_URLS") else ""
        for name, schema in all_schemas(self.site, site_url).items():
            text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            output_record(self.settings).write(f"schema/{name}", text.encode("utf-8"))
