"""The share links of event, story and playlist pages: plain addresses written by the build, so that no
platform hears of the reader before they click one (no script, button or picture of theirs on the page).

Each network's own address for "post this", and the site's Mastodon page (`mastodon`) for the one network
that has no single address: it asks the reader for their instance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from pelican import signals

from publishing.addresses import feed_address_maker

MASTODON_PAGE = "share/mastodon.html"  # a file name, never the folder of an event's kit (/share/<slug>/)


@dataclass(frozen=True)
class ShareLink:
    name: str  # email, whatsapp, telegram, facebook, mastodon: the template names them in the reader's language
    href: str


@dataclass(frozen=True)
class Sharing:
    address: str  # the page's whole address, what every link shares
    links: tuple[ShareLink, ...]


def encoded(value: str) -> str:
    """A value of a query string, spaces as %20: `mailto:` reads no `+` as a space (RFC 6068). An address's `:`
    and `/` may stay as they are in a query: four addresses a page, the lighter the better."""
    return quote(value, safe=":/")


def share_links(address: str, title: str, mastodon_page: str, details: str = "") -> Sharing:
    """The links that share `address` with `title` before it. Messages say no more: the networks show the
    page's own preview (its picture, date and place); an e-mail shows none, so its text adds the `details` (an
    event's date) under the title, its subject. `mastodon_page` is the site's Mastodon page as the sharing page
    links it (relative in a build with relative addresses). Each value is encoded once, and nothing said twice:
    every event page of a big site calls this, and the heaviest event page is near its budget."""
    url, name = encoded(address), encoded(title)
    body = encoded(f"{details}\r\n") if details else ""  # the subject says the title
    message = f"{name}%20{url}"
    return Sharing(
        address,
        (
            ShareLink("email", f"mailto:?subject={name}&body={body}{url}"),
            ShareLink("whatsapp", f"https://wa.me/?text={message}"),
            ShareLink("telegram", f"https://t.me/share/url?url={url}&text={name}"),
            ShareLink("facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
            ShareLink("mastodon", f"{mastodon_page}?text={message}"),
        ),
    )


def page_links(full_address: Callable[[str], str]) -> Callable[..., Sharing]:
    """The templates' `share_links(SITEURL, page.url, title, details)`: the page's address is whole, from
    SITEURL, or in a build without one (`make html`, `make serve`) the local server's, so that sharing works
    there too."""

    def links(siteurl: str, path: str, title: str, details: str = "") -> Sharing:
        return share_links(full_address(path), title, f"{siteurl}/{MASTODON_PAGE}", details)

    return links


def _install(generator) -> None:
    generator.env.globals["share_links"] = page_links(feed_address_maker(generator.settings))


def connect() -> None:
    """Give every template `share_links`."""
    signals.generator_init.connect(_install)
