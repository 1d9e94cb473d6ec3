"""The sample site served on 127.0.0.1 and opened in Chromium, one page type at a time. Test modules
import the fixtures from here (a second conftest.py would shadow the top one's helpers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from conftest import REPO, serve

AXE = REPO / "tests/theme/vendor/axe-core/axe.min.js"
ARTIFACTS = REPO / "tests/artifacts/screenshots"

# One page of each type the plugins write, in the sample site built on 2026-12-01.
PAGES = {
    "home": "/",
    "agenda-month": "/agenda/",
    "agenda-today": "/agenda/today/",
    "agenda-week": "/agenda/week/",
    "agenda-filter": "/agenda/category/concert/",
    "agenda-filters": "/agenda/filters/",
    "agenda-past": "/agenda/past/",
    "agenda-print": "/agenda/print/",
    "embed": "/embed/agenda/",
    "event": "/agenda/festival-kiosque-en-fete/",
    "event-past": "/agenda/vernissage-portraits-des-lilas/",
    "event-cancelled": "/agenda/concert-madame-suzie/",
    "event-rescheduled": "/agenda/lecture-musicale-les-voix-du-fleuve/",
    "places": "/places/",
    "place": "/places/mediatheque-des-lilas/",
    "playlists": "/playlists/",
    "playlist": "/playlists/la-bande-son-du-quartier/",
    "track": "/playlists/la-bande-son-du-quartier/douce-france/",
    "stories": "/stories/",
    "story-collection": "/stories/contes-d-ici-et-d-ailleurs/",
    "story": "/stories/contes-d-ici-et-d-ailleurs/la-soupe-au-caillou/",
    "stories-language": "/stories/language/ar/",
    "contribute": "/contribute/",
    "page": "/about/",
    "newsletter": "/newsletter/",
    "newsletter-issue": "/newsletter/2026-W49/",
    "search": "/search/",
}


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
        .then(result => result.violations.map(v => v.id + ": " + v.help + " -> "
              + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")))""",
        WCAG_21_AA,
    )


@pytest.fixture(scope="session")
def site(sample_build):
    with serve(sample_build.output) as address:
        yield address


@dataclass
class Visit:
    """A page opened in a fresh browser context, with what it asked for and what it complained about."""

    page: object
    context: object
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"]


@pytest.fixture
def visit(chromium, site):
    """visit(path, javascript=True, width=1280, color_scheme="light", media="screen") -> Visit."""
    opened = []

    def open_page(
        path: str, javascript: bool = True, width: int = 1280, color_scheme: str = "light", media: str = "screen"
    ) -> Visit:
        context = chromium.new_context(
            java_script_enabled=javascript, color_scheme=color_scheme, viewport={"width": width, "height": 900}
        )
        opened.append(context)
        page = context.new_page()
        page.emulate_media(media=media)
        seen = Visit(page=page, context=context)
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("response", lambda response: response.status >= 400 and seen.failed.append(response.url))
        page.on("console", lambda message: message.type == "error" and seen.errors.append(message.text))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        # Nothing leaves the machine, but every attempt is recorded.
        page.route(
            "**/*",
            lambda route: route.abort() if urlsplit(route.request.url).hostname != "127.0.0.1" else route.continue_(),
        )
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        return seen

    yield open_page
    for context in opened:
        context.close()
