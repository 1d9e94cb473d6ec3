"""Which languages the site speaks, and where each page is in each of them: the language menu and the
`hreflang` alternates of every page. The same page has the same address below each language's root; a
contribution's page leads to the member of its translation group listed in that language's tree."""

from __future__ import annotations

from babel import Locale
from jinja2 import Undefined, pass_context

from publishing.addresses import feed_address_maker
from publishing.build import site_of

MAIN_ADDRESS = "_KIOSQUE_MAIN_ADDRESS"  # the main tree's whole address, given to the other trees' builds


def languages_of(settings: dict) -> list[str]:
    """The site's languages, its own first (checked with the site's settings: `contributions.Site`)."""
    return list(site_of(settings).languages)


def native_name(code: str) -> str:
    """The language named in itself: "Nederlands", "العربية"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def install_alternates(generator) -> None:
    """The `language_versions(output_file, page)` template global: one entry per language of the site
    (none for a one-language site)."""
    settings = generator.settings
    languages = languages_of(settings)
    here = settings["DEFAULT_LANG"].split("_")[0].lower()
    main = languages[0]
    main_address = settings.get(MAIN_ADDRESS) or feed_address_maker(settings)("")

    @pass_context
    def language_versions(context, output_file: str | None, page=None) -> list[dict]:
        if len(languages) < 2:
            return []
        page = None if isinstance(page, Undefined) else page
        relative_root = (context.get("SITEURL") or "").rstrip("/")
        main_root = relative_root if here == main else f"{relative_root}/.."
        found = []
        for code in languages:
            path = _path_in(code, output_file or "", page, main)
            below = path if code == main else f"{code}/{path}"
            found.append(
                {
                    "code": code,
                    "name": native_name(code),
                    "href": f"{main_root}/{below}",
                    "absolute": f"{main_address}{below}",
                    "current": code == here,
                }
            )
        return found

    generator.env.globals["language_versions"] = language_versions


def _path_in(language: str, output_file: str, page, main: str) -> str:
    """The page's address below a language's root: a contribution's own, or that of the member of its group the
    language's tree lists (written in it, else the original); any other page's is the same everywhere."""
    translations = getattr(page, "translations", None)
    if page is not None and translations is not None and hasattr(page, "data"):
        group = [page, *translations]
        chosen = next((member for member in group if member.lang == language), None)
        chosen = chosen or next((m for m in group if not getattr(m.data, "translation_of", None)), page)
        return chosen.url
    return output_file.removesuffix("index.html")
