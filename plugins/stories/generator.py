"""The stories generator: the index of collections, a page per language across collections, and what
story and collection pages need (languages present, licence sentence, JSON-LD)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from pelican.generators import Generator

from interface.helpers import language_name
from publishing.addresses import address_maker, excerpt
from publishing.build import site_of
from publishing.encoding import description_text
from publishing.pages import page_writer
from publishing.structured_data import published
from stories.jsonld import story_json_ld


class StoriesGenerator(Generator):
    def generate_context(self):
        self.site = site_of(self.settings)
        self.absolute = address_maker(self.settings)
        licences = self.site.vocabularies["licences"]
        self.by_language = defaultdict(list)
        for collection in self.context.get("story_collections", []):
            announced = list(collection.data.languages)  # the collection's own order first
            present = sorted(
                {story.lang for story in collection.stories},
                key=lambda code: (announced.index(code) if code in announced else len(announced), code),
            )
            collection.languages_present = [(code, language_name(code, self.site.language)) for code in present]
            collection.by_language = [
                (code, name, [s for s in collection.stories if s.lang == code])
                for code, name in collection.languages_present
            ]
            collection.has_audio = any(story.data.audio for story in collection.stories)
        for story in self.context.get("stories", []):
            data = story.data
            story.excerpt = excerpt(description_text(story), 200)
            licence = licences.get(data.licence, {})
            credit = data.teller if not data.anonymous and data.teller else self.settings.get("SITENAME", "")
            terms = licence.get("terms", {})
            story.licence_terms = terms.get(self.site.language, terms.get("en", "")).format(credit=credit)
            story.json_ld_maker = partial(self._json_ld, story, licence.get("url", ""))
            self.by_language[story.lang].append(story)
        self.context["story_languages"] = sorted(
            (code, language_name(code, self.site.language), stories) for code, stories in self.by_language.items()
        )

    def _json_ld(self, story, licence_url: str) -> dict:
        """Asked by the story's page when it is rendered (a rebuild keeps unchanged pages)."""
        return story_json_ld(
            story,
            self.absolute(story.url),
            self.absolute,
            self.site.content_language,
            licence_url,
            published(self)(story),
            self.settings,
        )

    def generate_output(self, writer):
        write = page_writer(self, writer)
        write("stories/index.html", "stories_index")
        for code, name, stories in self.context["story_languages"]:
            write(
                f"stories/language/{code}/index.html",
                "stories_language",
                language=code,
                language_name=name,
                language_stories=stories,
            )
