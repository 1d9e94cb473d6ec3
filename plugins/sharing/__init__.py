"""sharing: every page travels well where people already talk — its description, canonical address and Open
Graph preview (`metadata`), the share pictures the build draws (`cards`), and the social media kit with the
share links (`kit`). Nothing is ever loaded from another platform: every picture, page and script is the
site's own."""

from publishing.build import needs
from sharing import cards, kit, links, mastodon, metadata


def register() -> None:
    needs("sharing", "publishing", "agenda", "places", "stories", "playlists")
    metadata.connect()
    kit.connect()
    cards.connect()  # after the kit: its generator asks for its pictures first, and they are drawn together
    links.connect()
    mastodon.connect()
