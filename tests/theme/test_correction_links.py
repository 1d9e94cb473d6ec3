"""Pages link the bridge's correction forms (issue 20): every event, track and story page "Propose a correction",
an event still to come also "Report a cancellation" and "Report a new date", each naming the page's own file;
only on a site with a bridge, discreet, accessible in light and dark, and left out of print."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import axe_violations
from conftest import REPO, build, serve
from lxml import html
from test_site_structure import EVENT_BUDGET, weight

BRIDGE = "https://forms.example.org"


@pytest.fixture(scope="module")
def bridged(tmp_path_factory):
    """The sample site built with a bridge, on 2026-12-01."""
    root = tmp_path_factory.mktemp("bridged")
    shutil.copytree(REPO / "content", root / "content")
    return build(root, KIOSQUE_BRIDGE_URL=BRIDGE)


def links(page_file: Path) -> dict[str, str]:
    """{form: the file it names} for the correction links of a page."""
    page = html.fromstring(page_file.read_text(encoding="utf-8"))
    found = {}
    for address in page.xpath("//main//ul[contains(@class, 'corrections')]//a/@href"):
        parts = urlsplit(address)
        assert f"{parts.scheme}://{parts.netloc}" == BRIDGE
        (file,) = parse_qs(parts.query)["file"]
        found[parts.path] = file
    return found


def pages_of(built, pattern: str, marker: str) -> list[Path]:
    return [path for path in built.output.glob(pattern) if marker in path.read_text(encoding="utf-8")]


def test_every_event_page_links_the_forms_for_its_own_file(bridged):
    events = pages_of(bridged, "agenda/*/index.html", '<article class="event')
    assert len(events) > 30
    reports = 0
    for page_file in events:
        found = links(page_file)
        file = found["/correct"]
        assert (bridged.root / "content" / file).is_file(), page_file
        assert Path(file).stem == page_file.parent.name, page_file
        if "/cancel" in found:
            reports += 1
            assert found == {"/correct": file, "/cancel": file, "/move": file}
        else:
            assert found == {"/correct": file}
            assert 'class="over"' in page_file.read_text(encoding="utf-8"), f"{page_file}: only a past event has none"
    assert reports > 20
    repair = links(bridged.output / "agenda/repair-cafe-des-tilleuls/index.html")
    assert set(repair.values()) == {"events/2026/repair-cafe-des-tilleuls.md"} and len(repair) == 3
    past = links(bridged.output / "agenda/vernissage-portraits-des-lilas/index.html")
    assert past == {"/correct": "events/2026/vernissage-portraits-des-lilas.md"}


@pytest.mark.parametrize(
    "pattern, marker",
    [("playlists/*/*/index.html", '<article class="track'), ("stories/*/*/index.html", '<article class="story')],
)
def test_every_track_and_story_page_links_a_correction_of_its_file(bridged, pattern, marker):
    found = pages_of(bridged, pattern, marker)
    assert found
    for page_file in found:
        file = links(page_file)
        assert list(file) == ["/correct"], page_file
        assert Path(file["/correct"]).parent.name == page_file.parent.parent.name, page_file
        assert (bridged.root / "content" / file["/correct"]).is_file()


def test_without_a_bridge_no_page_links_one(sample_build):
    for pattern in ("agenda/*/index.html", "playlists/*/*/index.html", "stories/*/*/index.html"):
        for page_file in sample_build.output.glob(pattern):
            text = page_file.read_text(encoding="utf-8")
            assert "corrections" not in text and "/correct?" not in text, page_file


def test_the_links_keep_the_event_pages_within_their_budget(bridged):
    events = pages_of(bridged, "agenda/*/index.html", '<article class="event')
    assert max(weight(bridged, str(path.relative_to(bridged.output))) for path in events) <= EVENT_BUDGET


@pytest.fixture(scope="module")
def bridged_site(bridged):
    with serve(bridged.output) as address:
        yield address


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_links_pass_axe_and_stay_out_of_print(chromium, bridged_site, scheme):
    context = chromium.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        for path in ("/agenda/repair-cafe-des-tilleuls/", "/playlists/la-bande-son-du-quartier/douce-france/"):
            page.goto(bridged_site + path)
            links = page.locator("main .corrections a")
            assert links.first.is_visible()
            assert links.first.inner_text() == "Proposer une correction"
            assert axe_violations(page) == []
            page.emulate_media(media="print")
            assert not links.first.is_visible()
            page.emulate_media(media="screen")
    finally:
        context.close()
