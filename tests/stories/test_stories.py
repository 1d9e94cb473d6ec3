"""Story collections: many languages, recordings with transcripts, consent, anonymity, podcasts."""

from __future__ import annotations

import io
import json
import wave

import feedparser
import pytest
from lxml import html


def _wav(frames: int) -> bytes:
    """A real WAV recording (only genuine recordings are published): 44 bytes of header, one byte a frame."""
    sound = io.BytesIO()
    with wave.open(sound, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(1)
        recording.setframerate(8000)
        recording.writeframes(b"\x80" * frames)
    return sound.getvalue()


WAV = _wav(1960)  # 2004 bytes, the size the story gives

FILES = {
    "places/kiosque.yaml": "name: Le kiosque du parc\naddress:\n  street: Parc Jeanne-Barret\n  city: Lyon\n",
    "media/bal.wav": WAV,
    "stories/contes/index.md": "---\ntitle: Contes d'ici et d'ailleurs\ntheme: Des contes venus de loin\n"
    "languages: [fr, en, es, ar]\n---\nDes contes.\n",
    "stories/contes/la-soupe.md": "---\ntitle: La soupe au caillou\nteller: Amina\nlanguage: fr\nconsent: true\n"
    "---\nUn voyageur frappe à la porte.\n",
    "stories/contes/stone-soup.md": "---\ntitle: Stone soup\nteller: Amina\nlanguage: en\ntranslation_of: la-soupe\n"
    "translated_by: Tom\nconsent: true\n---\nA traveller knocks at the door.\n",
    "stories/contes/la-sopa.md": "---\ntitle: La sopa de piedra\nteller: Amina\nlanguage: es\n"
    "translation_of: la-soupe\nconsent: true\n---\nUn viajero llama a la puerta.\n",
    "stories/memoires/index.md": "---\ntitle: Mémoires\nlanguages: [fr]\n---\nSouvenirs.\n",
    "stories/memoires/le-bal.md": "---\ntitle: Le bal du kiosque\nteller: Odette\nplace: kiosque\nperiod: été 1958\n"
    "audio:\n  src: media/bal.wav\n  duration: '6:40'\n  type: audio/wav\n  size: 2004\n"
    "transcript: |\n  On dansait sous le kiosque jusqu'à deux heures.\n"
    "consent: true\n---\nOdette raconte les bals du samedi.\n",
    "stories/memoires/la-cave.md": "---\ntitle: La cave\nanonymous: true  # raconté par Paulette Vasseur\n"
    "consent: true\n---\nNous nous cachions dans la cave.\n",
    "stories/memoires/sans-accord.md": "---\ntitle: Sans accord\nteller: Marcel\nconsent: false\n---\nNon.\n",
}
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False, "DEFAULT_LANG": "fr"}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from conftest import build as build_site
    from conftest import write_files

    root = tmp_path_factory.mktemp("stories")
    write_files(root / "content", FILES)
    return build_site(root, **SITE)


def page(build, path):
    return html.fromstring(build.read(path))


def test_a_story_without_consent_is_left_out_with_the_check_message(build):
    assert [w.split("content/")[-1] for w in build.warnings] == [
        "stories/memoires/sans-accord.md:4: consent: un récit n'est publié qu'avec l'accord de la personne qui le "
        "raconte ; mettez 'consent: true' après le lui avoir demandé",
        "stories/memoires/index.md:2: remarque : cette collection a des enregistrements, donc un podcast, mais pas de "
        "couverture : Apple Podcasts refuse un podcast sans couverture ; ajoutez une couverture, une image carrée de "
        "1400 à 3000 pixels si possible",
    ]
    assert not (build.output / "stories/memoires/sans-accord").exists()
    assert not any("Sans accord" in p.read_text(errors="ignore") for p in build.output.rglob("*") if p.is_file())


def test_multilingual_collection_groups_stories_by_language(build):
    collection = page(build, "stories/contes/index.html")
    sections = {s.get("id"): [a.text for a in s.xpath(".//ul/li/a")] for s in collection.xpath("//section")}
    assert sections == {"lang-fr": ["La soupe au caillou"], "lang-en": ["Stone soup"], "lang-es": ["La sopa de piedra"]}
    assert collection.xpath("//section/h2/text()") == ["français", "anglais", "espagnol"]
    spanish = page(build, "stories/language/es/index.html")
    assert [a.text for a in spanish.xpath("//ul[@class='stories']/li/a")] == ["La sopa de piedra"]
    index = page(build, "stories/index.html")
    assert {a.text for a in index.xpath("//main//ul[1]/li/a")} == {"Contes d'ici et d'ailleurs", "Mémoires"}


def test_translations_link_each_other_both_ways(build):
    urls = {"fr": "la-soupe", "en": "stone-soup", "es": "la-sopa"}
    for language, slug in urls.items():
        links = page(build, f"stories/contes/{slug}/index.html").xpath("//link[@rel='alternate'][@hreflang]")
        assert {link.get("hreflang"): link.get("href").rsplit("/", 2)[-2] for link in links} == {
            other: other_slug for other, other_slug in urls.items() if other != language
        }


def test_recorded_story_has_its_player_transcript_and_json_ld(build):
    story = page(build, "stories/memoires/le-bal/index.html")
    assert story.xpath("//audio/@src") == ["https://agenda.example.org/media/bal.wav"]
    assert story.xpath("//audio/@preload") == ["none"]
    assert "On dansait sous le kiosque" in story.xpath("string(//section[@class='transcript'])")
    document = json.loads(story.xpath("//script[@type='application/ld+json']")[0].text)
    assert document["audio"]["@type"] == "AudioObject" and "deux heures" in document["audio"]["transcript"]
    assert document["audio"]["duration"] == "PT6M40S"
    assert (document["inLanguage"], document["temporalCoverage"]) == ("fr", "été 1958")
    assert document["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert document["contentLocation"]["name"] == "Le kiosque du parc"
    assert document["isPartOf"]["name"] == "Mémoires"
    assert "en créditant Odette et en partageant votre version sous la même licence" in story.text_content()


def test_an_anonymous_teller_is_named_nowhere(build):
    story = page(build, "stories/memoires/la-cave/index.html")
    assert "Raconté anonymement" in story.text_content()
    for path in build.output.rglob("*"):
        if path.is_file():
            assert "Paulette" not in path.read_text(errors="ignore"), path


def test_podcast_feed_of_a_collection_with_recordings(build):
    assert not (build.output / "feeds/stories/contes.podcast.xml").exists()  # no recording: no podcast
    podcast = feedparser.parse((build.output / "feeds/stories/memoires.podcast.xml").read_bytes())
    assert not podcast.bozo
    assert podcast.feed.language == "fr"
    (episode,) = podcast.entries
    assert episode.title == "Le bal du kiosque"
    enclosure = episode.enclosures[0]
    mp3 = build.output / "feeds/media/bal.mp3"  # Apple Podcasts refuses WAV: the podcast has an MP3 of it
    assert (enclosure.href, enclosure.length, enclosure.type) == (
        "https://agenda.example.org/feeds/media/bal.mp3",
        str(mp3.stat().st_size),
        "audio/mpeg",
    )
    assert episode.itunes_duration == "00:06:40"
    assert episode.itunes_episode == "1"
