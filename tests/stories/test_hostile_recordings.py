"""A story's recording and picture reach its page, its JSON-LD and its podcast only as addresses built from
the validated path: percent-encoded, on the site or http(s), never able to end an attribute, close a script
or name another scheme — whatever the `audio`, `video` or `image` field holds once read."""

from __future__ import annotations

import json
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from conftest import build as build_site
from conftest import changed_after_reading, jpeg, wav, write_files
from lxml import etree, html

from stories.jsonld import story_json_ld

CLOSING = "</script><script>alert(1)</script>"
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False}


CRAFTED = {  # story: (audio, video, picture) as they reach the writers
    "guillemets": ('media/x" onerror="alert(1)', None, 'images/y" onerror="alert(1)'),
    "tabulation": ("java\tscript://%0aalert(1)", "java\nscript:alert(1)", "ht\ttps://tracker.example/pixel.gif"),
    "script": ("javascript:alert(1)", "data:video/mp4;base64,AAAA", "https://tracker.example/pixel.gif"),
    "fermeture": (f"media/a b.wav?{CLOSING}", f"https://v.example.org/v.mp4#{CLOSING}", "images/a b.jpg"),
}


def story(slug: str) -> str:
    return (
        f"---\ntitle: Récit {slug}\nteller: Odette\nconsent: true\naudio: media/recit.wav\n"
        "image: {src: images/photo.jpg, alt: Une photo}\ntranscript: Tout.\n---\nIl était une fois.\n"
    )


FILES = {
    "media/recit.wav": wav(),
    "images/photo.jpg": jpeg(),
    "stories/contes/index.md": "---\ntitle: Contes\nlanguages: [fr]\ncover: {src: images/photo.jpg, alt: Une photo}\n"
    "---\nDes contes.\n",  # a podcast without cover would be told so
    **{f"stories/contes/{slug}.md": story(slug) for slug in CRAFTED},
}


def tamper(context) -> None:
    for item in context["stories"]:
        audio, video, picture = CRAFTED[item.slug]
        item.data.audio.src = audio
        item.data.video = SimpleNamespace(src=video, duration=None, type=None) if video else None
        item.data.image.src = picture


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-stories")
    write_files(root / "content", FILES)
    with changed_after_reading(tamper):
        built = build_site(root, **SITE)
    assert built.warnings == [] and (built.output / "media/recit.wav").is_file()
    return built


def addresses(page) -> list[str]:
    return page.xpath("//main//audio/@src | //main//video/@src | //main//img/@src | //main//a[@download]/@href")


@pytest.mark.parametrize("slug", sorted(CRAFTED))
def test_a_crafted_recording_path_never_makes_the_page_run_script(built, slug):
    source = built.read(f"stories/contes/{slug}/index.html")
    page = html.fromstring(source)
    assert [a for element in page.iter() for a in element.attrib if a.lower().startswith("on")] == []
    scripts = page.xpath("//script")
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/ld+json"]  # nothing else inline
    for address in addresses(page):
        parts = urlsplit(address)
        assert parts.scheme == "https" and not any(c in address for c in ' "<>\t\n'), address
        assert parts.netloc in ("agenda.example.org", "v.example.org"), address  # the site, or the video's host
    json.loads(scripts[0].text)  # the JSON-LD is whole: nothing closed its script


def test_addresses_keep_what_the_path_names_percent_encoded(built):
    page = html.fromstring(built.read("stories/contes/fermeture/index.html"))
    assert page.xpath("//main//audio/@src") == [
        "https://agenda.example.org/media/a%20b.wav%3F%3C/script%3E%3Cscript%3Ealert%281%29%3C/script%3E"
    ]
    assert page.xpath("//main//video/@src") == [
        "https://v.example.org/v.mp4#%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E"
    ]
    assert page.xpath("//main//img/@src") == []  # images/a b.jpg is no file: the page goes without it
    quotes = html.fromstring(built.read("stories/contes/guillemets/index.html"))
    assert quotes.xpath("//main//audio/@src") == ["https://agenda.example.org/media/x%22%20onerror%3D%22alert%281%29"]


def test_no_player_no_picture_for_what_is_not_an_address(built):
    for slug in ("tabulation", "script"):
        page = html.fromstring(built.read(f"stories/contes/{slug}/index.html"))
        assert page.xpath("//main//audio | //main//video | //main//img") == []  # not a link to elsewhere either


def test_the_podcast_has_episodes_only_for_recordings_it_can_address(built):
    feed = etree.parse(str(built.output / "feeds/stories/contes.podcast.xml"))
    enclosures = sorted(e.get("url") for e in feed.iter("enclosure"))
    assert enclosures == [
        "https://agenda.example.org/media/a%20b.wav%3F%3C/script%3E%3Cscript%3Ealert%281%29%3C/script%3E",
        "https://agenda.example.org/media/x%22%20onerror%3D%22alert%281%29",
    ]


def test_story_json_ld_builds_content_urls_from_the_path():
    data = SimpleNamespace(
        title=CLOSING,
        language="fr",
        anonymous=False,
        teller=CLOSING,
        place=None,
        period=None,
        transcript="x",
        image=None,
        audio=SimpleNamespace(src="media/a b.mp3", duration=None, type=None),
        video=SimpleNamespace(src="java\tscript:alert(1)", duration=None, type=None),
    )
    item = SimpleNamespace(
        data=data,
        collection=SimpleNamespace(title="C", url="stories/c/", data=SimpleNamespace(cover=None)),
        content=f"<p>{CLOSING}</p>",
    )
    document = story_json_ld(item, "https://a.example.org/s/", lambda path: f"https://a.example.org/{path}", "fr", "")
    assert document["audio"]["contentUrl"] == "https://a.example.org/media/a%20b.mp3"
    assert "video" not in document
    assert document["text"] == ""  # the description's script element has no text a reader sees
