"""The share links of event, story and playlist pages: plain addresses written by the build, so that no
platform hears of the reader before they click one (no script, button or picture of theirs on the page).

Each network's own address for "post this", and the site's Mastodon page (`mastodon`) for the one network
that has no single address: it asks the reader for their instance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

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
    text: str  # what the message says before it
    links: tuple[ShareLink, ...]


def query(**fields: str) -> str:
    """Fields as a query string, spaces as %20: `mailto:` reads no `+` as a space (RFC 6068)."""
    return urlencode(fields, quote_via=quote)


def share_links(address: str, text: str, mastodon_page: str) -> Sharing:
    """The links that share `address` with `text` before it; `mastodon_page` is the site's Mastodon page as
    the sharing page links it (relative in a build with relative addresses)."""
    message = f"{text} {address}"
    return Sharing(
        address,
        text,
        (
            ShareLink("email", "mailto:?" + query(subject=text, body=f"{text}\r\n{address}")),
            ShareLink("whatsapp", "https://wa.me/?" + query(text=message)),
            ShareLink("telegram", "https://t.me/share/url?" + query(url=address, text=text)),
            ShareLink("facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=address)),
            ShareLink("mastodon", f"{mastodon_page}?" + query(text=message)),
        ),
    )


def page_links(full_address: Callable[[str], str]) -> Callable[[str, str, str], Sharing]:
    """The templates' `share_links(SITEURL, page.url, text)`: the page's address is whole, from SITEURL, or in
    a build without one (`make html`, `make serve`) the local server's, so that sharing works there too."""

    def links(siteurl: str, path: str, text: str) -> Sharing:
        return share_links(full_address(path), text, f"{siteurl}/{MASTODON_PAGE}")

    return links


def _install(generator) -> None:
    generator.env.globals["share_links"] = page_links(feed_address_maker(generator.settings))


def connect() -> None:
    """Give every template `share_links`."""
    signals.generator_init.connect(_install)
