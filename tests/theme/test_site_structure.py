"""The theme over the whole built sample site, read with lxml: structure every page shares (landmarks,
one h1, headings in order, dates as <time>), the home page's sections, languages, and the weight budgets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from lxml import html

from bench.budgets import EVENT_BUDGET, HOME_BUDGET
from bench.budgets import weight as weigh

BAL = (
    "---\ntitle: Bal\nstart: 2026-12-12 20:00\ncategories: [party]\n"
    "place: {name: Parc, address: {street: 1 place du Parc, city: Lyon}}\n---\nOn danse.\n"
)


def pages(build) -> dict[str, html.HtmlElement]:
    """The site's pages; the newsletter's e-mails are documents for e-mail programs, which keep no site icon, menu
    or landmark (tests/newsletter checks their language, title and headings)."""
    return {
        str(path.relative_to(build.output)): html.parse(str(path)).getroot()
        for path in sorted(build.output.rglob("*.html"))
        if path.name != "email.html"
    }


@pytest.fixture(scope="module")
def sample_pages(sample_build):
    return pages(sample_build)


def test_every_page_has_landmarks_one_h1_and_headings_in_order(sample_pages):
    assert len(sample_pages) > 150
    for name, page in sample_pages.items():
        assert page.get("lang"), name
        assert len(page.xpath("//main")) == 1, name
        assert len(page.xpath("//h1")) == 1, name
        levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, name
        skipped = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert skipped == [], f"{name}: heading levels jump {skipped}"
        if not name.startswith(("embed/", "agenda/print/")):  # a frame and a sheet of paper have no menus
            assert page.xpath("//header//nav") and page.xpath("//footer"), name
        if not name.startswith("embed/"):  # a frame holds nothing but its content
            assert page.xpath("//body/*[1]/@href") == ["#main"], f"{name}: the skip link comes first"


def test_the_site_icon_is_at_the_root_and_every_page_links_it(sample_build, sample_pages):
    """Browsers and feed readers ask every site for /favicon.ico, iPhones for /apple-touch-icon.png; the pages'
    relative links find the icons (and the manifest's, for Android's home screen) under a sub-path too."""
    import json

    from PIL import Image

    with Image.open(sample_build.output / "favicon.ico") as icon:
        assert icon.format == "ICO"
    with Image.open(sample_build.output / "apple-touch-icon.png") as icon:
        assert icon.size == (180, 180) and icon.mode == "RGB"  # iOS draws a transparent corner black
    manifest = json.loads((sample_build.output / "manifest.webmanifest").read_text())
    for icon in manifest["icons"]:
        with Image.open(sample_build.output / icon["src"]) as drawn:
            assert icon["sizes"] == "{}x{}".format(*drawn.size)
    assert sorted(icon["sizes"] for icon in manifest["icons"]) == ["192x192", "512x512"]
    for name, page in sample_pages.items():
        links = page.xpath("//head/link[@rel='icon' or @rel='apple-touch-icon' or @rel='manifest']/@href")
        assert len(links) == 4, name
        assert all((sample_build.output / name).parent.joinpath(link).resolve().is_file() for link in links), name


def test_every_picture_gives_its_real_size_so_its_room_is_kept_while_it_loads(sample_build, sample_pages):
    from PIL import Image

    pictures = [(name, img) for name, page in sample_pages.items() for img in page.xpath("//main//img")]
    assert len(pictures) >= 4
    for name, img in pictures:
        with Image.open((sample_build.output / name).parent / img.get("src")) as picture:
            assert (img.get("width"), img.get("height")) == tuple(map(str, picture.size)), (name, img.get("src"))
        for source in img.xpath("ancestor::picture//source/@srcset") + img.xpath(
            "@srcset"
        ):  # each light copy (`pictures`)
            for candidate in source.split(", "):
                address, width = candidate.split(" ")
                with Image.open((sample_build.output / name).parent / address) as picture:
                    assert f"{picture.width}w" == width, (name, address)


def test_every_date_shown_in_a_listing_is_machine_readable(sample_pages):
    for name, page in sample_pages.items():
        for item in page.xpath("//li[contains(@class, 'event')]"):
            stamps = item.xpath(".//time/@datetime")
            assert stamps and all(len(s) >= 10 and s[4] == "-" for s in stamps), name


def test_home_shows_today_this_week_latest_stories_tracks_and_how_to_contribute(sample_pages):
    home = sample_pages["index.html"]
    headings = [" ".join(h.text_content().split()) for h in home.xpath("//main//h2")]
    assert headings[:3] == ["Aujourd'hui — mardi 1er décembre 2026", "Cette semaine", "Plus tard"]
    assert {"Participer", "Derniers récits", "Derniers morceaux ajoutés"} <= set(headings)
    week = home.xpath("//section[@aria-labelledby='week-title']//h3/time/@datetime")
    assert week and all("2026-12-02" <= day <= "2026-12-06" for day in week)  # Wednesday to Sunday
    later = home.xpath("//section[@aria-labelledby='later-title']//time/@datetime")
    assert later and min(later) >= "2026-12-07"
    assert len(home.xpath("//section[@aria-labelledby='tracks-title']//li")) == 5
    assert home.xpath("//section[@aria-labelledby='contribute-title']//a/@href")[0].endswith("contribute/")


def test_each_content_item_says_its_language_and_direction(sample_pages):
    """The teller's words are marked, the interface around them stays in the site's language."""
    arabic = sample_pages["stories/contes-d-ici-et-d-ailleurs/mismar-jouha/index.html"]
    assert arabic.xpath("//h1/@lang") == arabic.xpath("//div[@class='text']/@lang") == ["ar"]
    assert arabic.xpath("//div[@class='text']/@dir") == ["rtl"]
    assert arabic.xpath("//p[@class='licence']/ancestor-or-self::*/@lang") == ["fr"]  # only <html lang="fr">
    english = sample_pages["stories/contes-d-ici-et-d-ailleurs/stone-soup/index.html"]
    assert english.xpath("//div[@class='text']/@lang") == ["en"] and english.xpath("//div[@class='text']/@dir") == [
        "ltr"
    ]
    collection = sample_pages["stories/contes-d-ici-et-d-ailleurs/index.html"]
    assert {"ar", "en", "es", "fr"} <= set(collection.xpath("//ul[@class='stories']/li/a/@lang"))
    for name, page in sample_pages.items():  # an event's title in its language, its date in the interface's
        for item in page.xpath("//li[contains(@class, 'event')]"):
            assert (
                item.xpath("./a/@lang")
                and not item.xpath("./@lang")
                and not item.xpath(".//time/ancestor::*[@dir][not(self::html)]")  # the page's direction only
            ), name


def test_only_an_event_still_to_come_offers_to_add_it_to_a_calendar(site_factory):
    built = site_factory(
        {
            "events/2026/bal.md": BAL,
            "events/2026/annule.md": BAL.replace("title: Bal", "title: Annulé\nstatus: cancelled"),
            "events/2026/fini.md": BAL.replace("2026-12-12", "2026-11-12"),
        },
        today="2026-12-01",
    )

    def page(slug):
        return html.fromstring(built.read(f"agenda/{slug}/index.html"))

    assert page("bal").xpath("//section[@class='actions']//a[contains(@href, 'event.ics')]")
    assert not page("annule").xpath("//section[@class='actions']")
    assert not page("fini").xpath("//section[@class='actions']")
    assert page("fini").xpath("string(//p[@class='over'])").startswith("Cet événement est passé.")
    assert not page("bal").xpath("//p[@class='over']")


def test_a_published_event_on_paper_gives_its_address(site_factory):
    built = site_factory({"events/2026/bal.md": BAL}, SITEURL="https://lilas.example.org", RELATIVE_URLS=False)
    page = html.fromstring(built.read("agenda/bal/index.html"))
    assert page.xpath("string(//p[@class='print-address'])").endswith("https://lilas.example.org/agenda/bal/")


def test_a_new_interface_language_is_one_more_catalogue(site_factory, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme, ignore=shutil.ignore_patterns("vendor"))
    catalogue = theme / "translations/sv/LC_MESSAGES/messages.po"  # a language the interface does not speak yet
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Skip to content"\nmsgstr "Hoppa till innehållet"\n',
        encoding="utf-8",
    )
    built = site_factory({"events/2026/bal.md": BAL}, THEME=str(theme), DEFAULT_LANG="sv")
    page = html.fromstring(built.read("index.html"))
    assert page.get("lang") == "sv"
    assert page.findtext(".//a[@class='skip']") == "Hoppa till innehållet"
    assert "lördag 12 december 2026" in page.text_content()  # dates from Babel, in Swedish


def weight(build, page_path: str) -> int:
    """The HTML page plus the stylesheets and scripts it loads from the site (images excluded)."""
    return weigh(build.output, page_path)


def test_weight_budgets(sample_build):
    assert weight(sample_build, "index.html") <= HOME_BUDGET
    events = [
        str(p.relative_to(sample_build.output))
        for p in sample_build.output.glob("agenda/*/index.html")
        if '<article class="event' in p.read_text(encoding="utf-8")
    ]
    assert len(events) > 30
    heaviest = max(events, key=lambda path: weight(sample_build, path))
    assert weight(sample_build, heaviest) <= EVENT_BUDGET, heaviest


def test_the_budget_counts_what_the_page_loads(sample_build, tmp_path):
    """The measure itself: a page's CSS counts, so a heavier stylesheet shows in the weight."""
    copy = type(sample_build)(root=tmp_path)
    shutil.copytree(sample_build.output, copy.output)
    before = weight(copy, "index.html")
    stylesheet = next(Path(copy.output).glob("theme/css/kiosque.css"))
    stylesheet.write_text(stylesheet.read_text() + "/*" + "x" * 1000 + "*/")
    assert weight(copy, "index.html") == before + 1004


def test_with_a_bridge_the_contribute_page_offers_the_forms_first(site_factory):
    playlist = "---\ntitle: Sons\nopen: true\n---\nNos sons.\n"
    built = site_factory(
        {"events/2026/bal.md": BAL, "playlists/sons/index.md": playlist}, KIOSQUE_BRIDGE_URL="https://forms.example.org"
    )
    page = html.fromstring(built.read("contribute/index.html"))
    first_links = page.xpath("//main/section[1]//a/@href")
    assert first_links == ["https://forms.example.org/submit/event", "https://forms.example.org/submit/track/sons"]
    assert not html.fromstring(site_factory({}).read("contribute/index.html")).xpath("//a[contains(@href, '/submit/')]")
