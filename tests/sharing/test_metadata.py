"""What a link to any page shows where it is pasted: its own description, its canonical address and its Open
Graph preview, read back by an independent parser (extruct) and by an HTML parser."""

from __future__ import annotations

import logging

import extruct
import pytest
from conftest import build, jpeg, write_files
from lxml import html
from PIL import Image

from tests.agenda.structured_data_reader import commit
from tests.contributions.test_check_command import make_site, run_check

SITEURL = "https://agenda.quartier.example.org"
PLACE = "name: Médiathèque Louise-Michel\naddress:\n  street: 1 rue des Lilas\n  postal_code: '69004'\n  city: Lyon\n"
EVENT = "---\ntitle: {title}\nstart: {start}\nplace: mediatheque\ncategories: [concert]\n{more}---\n{body}\n"
LONG_TEXT = "Un trio de jazz manouche joue les standards de Django Reinhardt au chapeau, " * 6
FILES = {
    "places/mediatheque.yaml": PLACE + "description: Des livres, des disques et un piano.\n",
    "events/2026/concert.md": EVENT.format(
        title="Concert au chapeau", start="2026-12-05 20:30", more="", body=LONG_TEXT
    ),
    "events/2026/annule.md": EVENT.format(
        title="Bal des lumières", start="2026-12-12 19:00", more="status: cancelled\n", body="Le bal est annulé."
    ),
    "playlists/bande-son/index.md": "---\ntitle: La bande-son\n---\nNos chansons.\n",
    "playlists/bande-son/la-boheme.yaml": "title: La Bohème\nartist: Charles Aznavour\nadded_by: Mireille\n"
    "added: 2026-11-02\nnote: Ma mère la chantait.\n",
    "stories/memoires/index.md": "---\ntitle: Mémoires du quartier\n---\nDes souvenirs.\n",
    "stories/memoires/le-bal.md": "---\ntitle: Le bal\nteller: Jeanine\nlanguage: fr\nconsent: true\n---\n"
    "On dansait sous le kiosque.\n",
    "pages/about.md": "Title: À propos\nSlug: about\n\n## Qui sommes-nous\n\nUn agenda partagé.\n",
}

# page -> (og:title, words its description holds, og:type, the page whose own picture it shows or None: the site's)
PAGES = {
    "": ("Quartier des Lilas — l'agenda partagé", ["Ce qui se passe", "Concert au chapeau"], "website", None),
    "agenda/concert/": ("Concert au chapeau", ["samedi 5 décembre 2026", "Médiathèque", "Un trio"], "website", True),
    "agenda/": ("Agenda : décembre 2026", ["Concert au chapeau", "Bal des lumières"], "website", None),
    "agenda/today/": ("Aujourd'hui, mardi 1er décembre 2026", ["Rien pour l'instant"], "website", None),
    "agenda/week/": ("Cette semaine", ["Concert au chapeau"], "website", None),
    "agenda/past/": ("Événements passés", ["Rien pour l'instant"], "website", None),
    "agenda/category/concert/": ("Agenda : Concert", ["Concert au chapeau", "Bal des lumières"], "website", None),
    "places/mediatheque/": ("Médiathèque Louise-Michel", ["1 rue des Lilas, Lyon", "Des livres"], "website", True),
    "places/": ("Lieux", ["Médiathèque Louise-Michel"], "website", None),
    "playlists/bande-son/": ("La bande-son", ["Nos chansons."], "website", True),
    "playlists/bande-son/la-boheme/": ("La Bohème — Charles Aznavour", ["Ma mère la chantait"], "website", None),
    "stories/memoires/": ("Mémoires du quartier", ["Des souvenirs."], "website", True),
    "stories/memoires/le-bal/": ("Le bal", ["Raconté par Jeanine", "On dansait"], "article", True),
    "about/": ("À propos", ["Qui sommes-nous. Un agenda partagé."], "website", None),
    "contribute/": ("Contribuer", ["Comment ajouter un événement"], "website", None),
}


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    write_files(root / "content", FILES)
    commit(root, "2026-11-03T10:00:00+01:00", "content")
    return build(root, SITEURL=SITEURL, RELATIVE_URLS=False)


def read(site, path: str) -> tuple[dict, dict]:
    """The page's Open Graph properties as extruct reads them, and its other <head> metadata."""
    text = site.read(f"{path}index.html")
    graphs = extruct.extract(text, syntaxes=["opengraph"], base_url=f"{SITEURL}/{path}")["opengraph"]
    assert len(graphs) == 1
    head = html.fromstring(text).find("head")
    named = {meta.get("name"): meta.get("content") for meta in head.iter("meta") if meta.get("name")}
    named["canonical"] = [link.get("href") for link in head.iter("link") if link.get("rel") == "canonical"]
    return dict(graphs[0]["properties"]), named


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_describes_itself_for_previews(published_site, path):
    title, words, kind, own_picture = PAGES[path]
    og, named = read(published_site, path)
    assert og["og:title"] == title
    assert og["og:site_name"] == "Quartier des Lilas — l'agenda partagé"
    assert og["og:type"] == kind
    assert og["og:locale"] == "fr_FR"
    assert named["canonical"] == [f"{SITEURL}/{path}"] and og["og:url"] == f"{SITEURL}/{path}"
    description = named["description"]
    assert og["og:description"] == description and len(description) <= 160
    assert all(word in description for word in words), description
    assert og["og:image"].startswith(f"{SITEURL}/") and og["og:image:type"] == "image/jpeg"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630") and og["og:image:alt"]
    # a contribution with a picture of its own (`cards`) shows it, beside its page; other pages the site's
    picture = og["og:image"].removeprefix(f"{SITEURL}/")
    assert picture.startswith(path) and "/" not in picture.removeprefix(path) if own_picture else "/" not in picture
    with Image.open(published_site.output / picture) as drawn:
        assert drawn.size == (1200, 630) and drawn.format == "JPEG"
    assert named["twitter:card"] == "summary_large_image"
    assert "fediverse:creator" not in named  # no account set


def test_a_long_text_is_cut_on_a_word_with_an_ellipsis(published_site):
    description = read(published_site, "agenda/concert/")[1]["description"]
    assert description.endswith("…") and len(description) <= 160
    assert description.removesuffix("…").rsplit(" ", 1)[-1] in LONG_TEXT.split()


def test_a_cancelled_event_says_so_first(published_site):
    description = read(published_site, "agenda/annule/")[1]["description"]
    assert description.startswith("Annulé — samedi 12 décembre 2026, 19 h")
    assert "Médiathèque Louise-Michel" in description and "Le bal est annulé." in description


def test_a_story_gives_the_day_its_file_was_first_committed(published_site):
    og = read(published_site, "stories/memoires/le-bal/")[0]
    assert og["article:published_time"] == "2026-11-03T09:00:00+00:00"


def test_a_preview_build_gives_the_local_server_addresses_and_keeps_the_links_relative(site_factory):
    site = site_factory(FILES, KIOSQUE_PREVIEW_URL="http://127.0.0.1:8123")
    og, named = read(site, "agenda/concert/")
    assert named["canonical"] == ["http://127.0.0.1:8123/agenda/concert/"]
    assert og["og:url"] == "http://127.0.0.1:8123/agenda/concert/"
    assert og["og:image"].startswith("http://127.0.0.1:8123/agenda/concert/")
    page = html.fromstring(site.read("agenda/concert/index.html"))
    assert page.xpath("//a[@class='brand']/@href") == ["../../"]  # the page's own links stay relative


def test_the_sites_fediverse_account_is_named_only_when_set(site_factory):
    site = site_factory(FILES, KIOSQUE_FEDIVERSE_CREATOR="@agenda@quartier-des-lilas.example.org")
    for path in ("", "agenda/concert/", "about/"):
        assert read(site, path)[1]["fediverse:creator"] == "@agenda@quartier-des-lilas.example.org"


@pytest.mark.parametrize("account", ["agenda@quartier.example.org", "@agenda", "https://mastodon.example.org/@agenda"])
def test_a_fediverse_account_written_otherwise_stops_the_build_with_a_sentence(site_factory, caplog, account):
    with caplog.at_level(logging.CRITICAL), pytest.raises(SystemExit) as stopped:
        site_factory(FILES, KIOSQUE_FEDIVERSE_CREATOR=account)
    assert stopped.value.code == 2
    assert caplog.messages == [
        "KIOSQUE_FEDIVERSE_CREATOR must be the site's fediverse account written @name@server, like "
        f"@agenda@mastodon.example.org: found '{account}'"
    ]


def test_make_check_says_the_same_of_a_fediverse_account_written_otherwise(tmp_path):
    make_site(tmp_path, {"places/mediatheque.yaml": PLACE})
    with (tmp_path / "pelicanconf.py").open("a") as settings:
        settings.write('KIOSQUE_FEDIVERSE_CREATOR = "agenda@quartier.example.org"\n')
    result = run_check(tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "pelicanconf.py: KIOSQUE_FEDIVERSE_CREATOR must be the site's fediverse account written @name@server, like "
        "@agenda@mastodon.example.org: found 'agenda@quartier.example.org'\n"
    )


@pytest.mark.usefixtures("speed_machinery")
def test_a_kept_page_is_written_again_when_its_preview_changes(site_factory, tmp_path):
    site_factory(FILES)
    write_files(tmp_path / "content", {"places/mediatheque.yaml": PLACE.replace("Louise-Michel", "des Lilas")})
    site = build(tmp_path, KIOSQUE_FEDIVERSE_CREATOR="@agenda@quartier-des-lilas.example.org")
    og, named = read(site, "agenda/concert/")
    assert named["fediverse:creator"] == "@agenda@quartier-des-lilas.example.org"  # a setting changed
    assert "Médiathèque des Lilas" in named["description"]  # its place was renamed


def test_every_page_of_the_sample_has_a_description_and_absolute_addresses(sample_build):
    pages = sorted(sample_build.output.rglob("*.html"))
    described = 0
    for page in pages:
        head = html.fromstring(page.read_bytes()).find("head")
        descriptions = head.xpath("meta[@name='description']/@content")
        if page.parent.name == "print" or "embed" in page.parts:  # the notice board's and partners' views
            continue
        if page.name == "email.html":  # the newsletter's e-mails: e-mail programs share no preview
            continue
        relative = page.relative_to(sample_build.output).as_posix().removesuffix("index.html")
        assert len(descriptions) == 1 and 0 < len(descriptions[0]) <= 160, relative
        assert head.xpath("link[@rel='canonical']/@href") == [f"http://127.0.0.1:8000/{relative}"]
        assert head.xpath("meta[@property='og:image']/@content")[0].startswith("http://127.0.0.1:8000/")
        described += 1
    assert described > 100


@pytest.mark.usefixtures("speed_machinery")
def test_a_kept_pages_preview_picture_is_still_there_and_follows_a_replaced_picture(site_factory, tmp_path):
    poster = "events/2026/concert.md"
    event = FILES[poster].replace("categories:", "image: {src: images/affiche.jpg, alt: L'affiche}\ncategories:")
    site_factory({**FILES, poster: event, "images/affiche.jpg": jpeg((640, 480), "navy")})
    first = read(build(tmp_path), "agenda/concert/")[0]["og:image"]  # nothing changed: the page is kept
    assert (tmp_path / "output" / first.removeprefix("http://127.0.0.1:8000/")).is_file()
    write_files(tmp_path / "content", {"images/affiche.jpg": jpeg((640, 480), "orange")})  # same name, new picture
    second = read(build(tmp_path), "agenda/concert/")[0]["og:image"]
    assert second != first and (tmp_path / "output" / second.removeprefix("http://127.0.0.1:8000/")).is_file()
