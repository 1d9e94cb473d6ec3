"""The site's Mastodon page (`share/mastodon.html?text=…`): Mastodon is many servers, so there is no one
address to post to. The page asks for the reader's instance and sends them to `https://<instance>/share`;
it is the same static page for every message (the text travels in its address), noindex, and stores
nothing unless the reader asks to remember their instance on their own device (theme/static/js/share-mastodon.js)."""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from sharing.links import MASTODON_PAGE


class MastodonPage(Generator):
    def generate_output(self, writer):
        writer.write_file(
            MASTODON_PAGE,
            self.get_template("share_mastodon"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=MASTODON_PAGE,
        )


def _generators(pelican):
    return MastodonPage


def connect() -> None:
    """Write the page with every build."""
    signals.get_generators.connect(_generators)
