"""Story pages' JSON-LD read as Google reads an Article, from the built HTML (Search Central, "Article
structured data"): an Article with its headline (110 characters at most), datePublished, author and image
(full addresses), every type, property and value as schema.org defines them.
(Not test_structured_data.py: the agenda's tests have that name, and pytest imports test files by name.)"""

from __future__ import annotations

import pytest
from conftest import REPO, build, jpeg, write_files

from stories.jsonld import HEADLINE, headline
from tests.agenda.structured_data_reader import commit, first_commit, moment, nodes, vocabulary_errors

SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False}


def google_article(article: dict, page_url: str) -> None:
    """Google's rules for one Article, each property it has checked as Google wants it."""
    assert 0 < len(article["headline"]) <= HEADLINE
    assert article["url"] == page_url
    if "datePublished" in article:  # present once the story reached the site (asserted below)
        assert isinstance(moment(article["datePublished"]), type(moment("2026-01-01T00:00:00+00:00")))
    if "author" in article:
        assert article["author"]["@type"] == "Person" and article["author"]["name"]
    assert all(image.startswith("https://") for image in article.get("image", []))
    assert vocabulary_errors(article) == []


# --- the sample site, built from the repository's content and its git history --------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build(tmp_path_factory.mktemp("sample-stories"), PATH=str(REPO / "content"), **SITE)


def test_every_sample_story_is_an_article_google_takes(sample):
    sources = [path for path in sorted((REPO / "content/stories").glob("*/*.md")) if path.name != "index.md"]
    assert len(sources) >= 14
    for source in sources:
        url = f"https://agenda.example.org/stories/{source.parent.name}/{source.stem}/"
        [article] = nodes(sample.output / f"stories/{source.parent.name}/{source.stem}/index.html", "Article")
        google_article(article, url)
        assert moment(article["datePublished"]) == first_commit(source)
        assert article["headline"] == article["name"]  # the sample's titles are short: whole


# --- targeted fixtures: a git repository with known commit dates ---------------------------------------------

LONG = (
    "Le jour où la fanfare du quartier a joué sous la pluie battante devant la teinturerie fermée, "
    "et que personne n'est rentré chez soi avant la dernière note"
)


def story(title: str, extra: str = "teller: Nadia\n") -> str:
    return f'---\ntitle: "{title}"\n{extra}consent: true\n---\nUne histoire.\n'


FILES = {
    "images/couverture.jpg": jpeg(),
    "images/fanfare.jpg": jpeg(),
    "stories/memoires/index.md": "---\ntitle: Mémoires\ncover: {src: images/couverture.jpg, alt: Une rue.}\n---\n"
    "Souvenirs.\n",
    "stories/memoires/la-fanfare.md": story(
        LONG, "teller: Nadia\nimage: {src: images/fanfare.jpg, alt: Une fanfare.}\n"
    ),
    "stories/memoires/la-cave.md": story("La cave", "anonymous: true\n"),
    "stories/contes/index.md": "---\ntitle: Contes\n---\nDes contes.\n",
    "stories/contes/la-soupe.md": story("La soupe au caillou"),
}
COMMITTED = "2026-09-14T10:00:00+00:00"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("stories-structured")
    write_files(root / "content", FILES)
    commit(root, COMMITTED, "content")
    write_files(root / "content", {"stories/contes/le-renard.md": story("Le renard")})
    return build(root, **SITE)


def article(site, path: str) -> dict:
    [found] = nodes(site.output / path / "index.html", "Article")
    google_article(found, f"https://agenda.example.org/{path}/")
    return found


def test_a_long_title_is_cut_between_words_for_the_headline(site):
    found = article(site, "stories/memoires/la-fanfare")
    assert len(LONG) > HEADLINE and found["name"] == LONG
    assert found["headline"].endswith(" …") and LONG.startswith(found["headline"].removesuffix(" …"))
    assert LONG[len(found["headline"]) - 2] == " "  # the next word was left whole, not cut


def test_a_word_longer_than_a_headline_is_cut_within():
    assert headline("a" * 200) == "a" * (HEADLINE - 1) + "…"
    assert headline("Le renard") == "Le renard"


def test_a_story_is_published_the_day_it_was_committed_and_not_before(site):
    assert article(site, "stories/memoires/la-fanfare")["datePublished"] == COMMITTED
    assert "datePublished" not in article(site, "stories/contes/le-renard")  # not on the site's history yet


def test_the_picture_is_the_storys_else_its_collections(site):
    """As published: the largest light copy of the picture (`pictures`), named after it."""
    [own] = article(site, "stories/memoires/la-fanfare")["image"]
    [cover] = article(site, "stories/memoires/la-cave")["image"]
    for address, name in ((own, "fanfare"), (cover, "couverture")):
        assert address.startswith(f"https://agenda.example.org/images/{name}.") and address.endswith(".jpg")
        assert (site.output / address.removeprefix("https://agenda.example.org/")).is_file()
    assert "image" not in article(site, "stories/contes/la-soupe")  # neither has one


def test_the_teller_is_the_author_unless_anonymous(site):
    assert article(site, "stories/memoires/la-fanfare")["author"] == {"@type": "Person", "name": "Nadia"}
    assert "author" not in article(site, "stories/memoires/la-cave")
