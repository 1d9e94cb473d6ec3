"""The theme's smallest, most used pieces as Python functions rather than Jinja macros.

`lang`, `label` and `status` are written thousands of times per build (on every event page and for every
item of every listing). A Jinja macro call builds a new context and a new output buffer each time: as
macros they were a fifth of an event page's rendering. They escape what they insert, as the macros did.
"""

from __future__ import annotations

from collections.abc import Callable

from babel import Locale
from jinja2 import pass_context
from markupsafe import Markup, escape

from publishing.addresses import feed_address_maker
from publishing.encoding import link_address, media_address, web_address


def helpers(direction: Callable[[str], str]) -> dict[str, Callable]:
    """The template globals, given the `direction` filter of the site's language."""

    def lang(code) -> Markup:
        """lang and dir of a contributor's text (dir="rtl" for Arabic, Hebrew...)."""
        return Markup('lang="%s" dir="%s"') % (code, direction(code))

    @pass_context
    def label(context, vocabulary: str, word) -> Markup:
        """What readers see for a vocabulary word, in the interface's language, else in English (a site's
        language without a catalogue), else the word itself."""
        labels = context["kiosque"]["vocabularies"][vocabulary].get(word, {})
        return escape(labels.get(context["interface_language"]) or labels.get("en", word))

    @pass_context
    def status(context, item) -> Markup:
        """A status badge in words for an event or one of its dates (`agenda.schedule.Occurrence`: a date
        of a series has its own), or nothing when scheduled."""
        value = item.data.status if hasattr(item, "data") else item.status
        if value == "scheduled":
            return Markup("")
        return Markup('<strong class="status status-%s">%s</strong>') % (value, label(context, "statuses", value))

    return {"lang": lang, "label": label, "status": status}


def address_filters(settings: dict) -> dict[str, Callable]:
    """Filters that turn a contributor's address into one a page can hold, or None (then the template
    shows no link, no player, no picture): built from the validated value only, percent-encoded where
    needed, so no character of it can end an attribute or make another scheme than the ones allowed (pictures:
    the `pictures` plugin's `light_picture`)."""

    @pass_context
    def media(context, src) -> str | None:
        """A recording: the site's own file, or an http(s) address."""
        base = context.get("SITEURL") or ""
        return media_address(src, lambda path: f"{base}/{path}")

    full_address = feed_address_maker(settings)  # path -> the whole address, in a preview build too

    return {
        "media_address": media,
        "full_address": full_address,
        "web_address": web_address,
        "link_address": link_address,
    }


def language_name(code: str, in_language: str) -> str:
    """'ar' -> 'arabe' on a French site: a story's language, a search facet."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(in_language) or code
    except (ValueError, TypeError):
        return code
