"""What every plugin's output needs alike: full addresses, writing a generated file
(a feed, an export, a schema) only when its content changed, so that unchanged files keep their date and
a rebuild rewrites nothing needlessly, and the record of what a build wrote (see `sweep`)."""

from __future__ import annotations

from collections.abc import Callable


def address_maker(settings: dict) -> Callable[[str], str]:
    """path -> full address under SITEURL (a root-relative one when SITEURL is empty, as in `make html`)."""
    base = (settings.get("SITEURL") or "").rstrip("/")
    return lambda path: f"{base}/{path}"


PREVIEW_URL = "http://127.0.0.1:8000"  # `make serve`'s address, when KIOSQUE_PREVIEW_URL is not set


def feed_address_maker(settings: dict) -> Callable[[str], str]:
    """path -> full address, for what is read outside the site's pages (feeds, calendars, podcasts): a feed
    reader or a podcast app resolves no address against a page, so a build without SITEURL (`make html`,
    `make serve`) writes those of the local server, KIOSQUE_PREVIEW_URL. Pages stay relative."""
    return address_maker({"SITEURL": settings.get("SITEURL") or settings.get("KIOSQUE_PREVIEW_URL") or PREVIEW_URL})


def excerpt(text: str, limit: int) -> str:
    """The start of a text, cut at a word, with an ellipsis when something was left out."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
