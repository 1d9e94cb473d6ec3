"""A collection's podcast as podcast apps read it: gPodder's parser (podcastparser), feedparser, and what Apple
Podcasts requires of a feed (its "Podcaster's Guide to RSS": MP3 or M4A episodes, a square JPEG or PNG cover
of 1400 to 3000 pixels in RGB, itunes:explicit true or false, an owner with an email, atom:link rel=self,
itunes:type, and for each episode its type, picture, explicit flag, guid, date, length and duration)."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from urllib.parse import unquote

import feedparser
import mutagen
import podcastparser
import pytest
from conftest import build, jpeg, wav, write_files
from lxml import etree
from PIL import Image

from tests.contributions.test_podcast_notes import float_wav

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
ATOM = "{http://www.w3.org/2005/Atom}"
APPLE_TYPES = {"audio/mpeg", "audio/x-m4a", "video/mp4", "video/quicktime", "video/x-m4v"}
PODCAST = "feeds/stories/memoires-du-quartier.podcast.xml"


def served(output: Path, address: str) -> Path:
    """The file of the output folder that `address` (on the preview server) names."""
    assert address.startswith("http://127.0.0.1:8000/"), address
    return output / unquote(address.removeprefix("http://127.0.0.1:8000/"))


def assert_apple_takes(output: Path, relative: str) -> etree._Element:
    """Every tag Apple Podcasts requires, with the values it accepts, and files that are what they say."""
    channel = etree.parse(str(output / relative)).getroot().find("channel")
    for tag in ("title", "description", "language", "link"):
        assert channel.findtext(tag)
    assert channel.find(f"{ATOM}link[@rel='self']").get("href") == f"http://127.0.0.1:8000/{relative}"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}type") == "episodic"
    assert channel.find(f"{ITUNES}category").get("text") == "Society & Culture"
    assert "@" in channel.findtext(f"{ITUNES}owner/{ITUNES}email")
    assert_square_cover(output, channel.find(f"{ITUNES}image").get("href"))
    guids = [item.findtext("guid") for item in channel.iter("item")]
    assert guids and len(set(guids)) == len(guids)
    enclosures = [item.find("enclosure").get("url") for item in channel.iter("item")]
    assert len(set(enclosures)) == len(enclosures)  # Apple ignores an enclosure address it has seen
    for item in channel.iter("item"):
        assert item.findtext("title") and item.findtext("pubDate") and item.findtext(f"{ITUNES}duration")
        assert item.findtext(f"{ITUNES}explicit") == "false"
        assert item.findtext(f"{ITUNES}episodeType") == "full"
        assert_square_cover(output, item.find(f"{ITUNES}image").get("href"))
        enclosure = item.find("enclosure")
        assert enclosure.get("type") in APPLE_TYPES
        recording = served(output, enclosure.get("url"))
        assert int(enclosure.get("length")) == recording.stat().st_size
        assert mutagen.File(recording).info.length > 0  # it decodes
    return channel


def assert_square_cover(output: Path, address: str) -> None:
    assert address.endswith((".jpg", ".png"))
    with Image.open(served(output, address)) as cover:
        assert cover.format in ("JPEG", "PNG") and cover.mode == "RGB"
        assert cover.width == cover.height and 1400 <= cover.width <= 3000


def test_the_samples_podcast_is_what_apple_podcasts_takes(sample_build):
    channel = assert_apple_takes(sample_build.output, PODCAST)
    enclosure = channel.find("item/enclosure")
    assert enclosure.get("type") == "audio/mpeg"  # the sample's WAV, converted
    assert round(mutagen.File(served(sample_build.output, enclosure.get("url"))).info.length) == 3
    assert channel.findtext(f"item/{ITUNES}duration") == "00:00:03"


def test_gpodder_and_feedparser_read_every_episode(sample_build):
    path = sample_build.output / PODCAST
    with path.open("rb") as stream:
        read = podcastparser.parse(path.as_uri(), stream)  # opened from the folder, as a file
    (episode,) = read["episodes"]
    (enclosure,) = episode["enclosures"]
    assert enclosure["url"] == "http://127.0.0.1:8000/feeds/media/bal-du-kiosque.mp3"
    assert enclosure["mime_type"] == "audio/mpeg"
    assert enclosure["file_size"] == served(sample_build.output, enclosure["url"]).stat().st_size
    assert episode["total_time"] == 3 and episode["number"] == 1 and episode["type"] == "full"
    assert episode["guid"] == "http://127.0.0.1:8000/stories/memoires-du-quartier/le-bal-du-kiosque/"
    assert read["cover_url"].startswith("http://127.0.0.1:8000/feeds/stories/memoires-du-quartier.podcast-")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo
    # feedparser knows only the old "yes" (True) and "clean" (False): "false" is read as not explicit (None)
    assert not parsed.feed.itunes_explicit and not parsed.entries[0].itunes_explicit
    assert parsed.entries[0].enclosures[0].type == "audio/mpeg"


def pcm_wav(channels: int, width: int, rate: int, seconds: float) -> bytes:
    """A WAV of a tone of `width` bytes a sample (8-bit WAV is unsigned, wider is signed)."""
    frames = int(rate * seconds)
    step = [0, 60, 100, 60, 0, -60, -100, -60]
    sample = [
        (value + 128 if width == 1 else value << (8 * width - 8)).to_bytes(width, "little", signed=width > 1)
        for value in step
    ]
    data = io.BytesIO()
    with wave.open(data, "wb") as sound:
        sound.setnchannels(channels), sound.setsampwidth(width), sound.setframerate(rate)
        sound.writeframes(b"".join(sample[index % 8] * channels for index in range(frames)))
    return data.getvalue()


def png(size: tuple[int, int]) -> bytes:
    data = io.BytesIO()
    Image.new("RGBA", size, (200, 40, 40, 128)).save(data, "PNG")
    return data.getvalue()


def story(title: str, audio: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\nteller: Odette\naudio: {audio}\ntranscript: Tout.\nconsent: true\n"
        f"{extra}---\nUn récit.\n"
    )


COLLECTION = "---\ntitle: Voix\ncover: {{src: {cover}, alt: Une image}}\n---\nDes voix.\n"
FIXTURES = {
    "stories/voix/index.md": COLLECTION.format(cover="images/haute.png"),
    "stories/voix/stereo.md": story("Stéréo", "media/stereo 44k.wav", "date: 2026-03-01\n"),
    "stories/voix/fine.md": story(
        "Fine", "media/fine.wav", "date: 2026-03-02\nimage: {src: images/portrait.jpg, alt: Elle}\n"
    ),
    "stories/voix/mp3.md": story("Déjà MP3", "media/deja.mp3", "date: 2026-03-03\n"),
    "media/stereo 44k.wav": pcm_wav(2, 2, 44100, 1.5),
    "media/fine.wav": pcm_wav(1, 3, 22050, 2.0),
    "images/haute.png": png((300, 600)),
    "images/portrait.jpg": jpeg((2000, 3000)),
    "stories/carree/index.md": COLLECTION.format(cover="images/carree.jpg"),
    "stories/carree/un.md": story("Un", "media/court.wav"),
    "images/carree.jpg": jpeg((1500, 1500)),
    "media/court.wav": wav(),
}


@pytest.fixture
def voices(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    from feeds.podcast_files import mp3_of_wav

    source = tmp_path / "source.wav"
    source.write_bytes(pcm_wav(1, 2, 16000, 1.0))
    write_files(tmp_path / "content", {**FIXTURES, "media/deja.mp3": mp3_of_wav(source)})
    return tmp_path


def test_wav_of_any_depth_becomes_an_mp3_of_the_same_length_and_covers_become_square(voices):
    built = build(voices)
    channel = assert_apple_takes(built.output, "feeds/stories/voix.podcast.xml")
    lengths = {
        item.findtext("title"): mutagen.File(served(built.output, item.find("enclosure").get("url"))).info.length
        for item in channel.iter("item")
    }
    # an MP3 is a few frames longer than its sound (the encoder's delay and padding)
    assert lengths == {
        "Stéréo": pytest.approx(1.5, abs=0.15),
        "Fine": pytest.approx(2.0, abs=0.15),
        "Déjà MP3": pytest.approx(1.0, abs=0.15),
    }
    urls = [item.find("enclosure").get("url") for item in channel.iter("item")]
    assert urls == [
        "http://127.0.0.1:8000/feeds/media/stereo%2044k.mp3",
        "http://127.0.0.1:8000/feeds/media/fine.mp3",
        "http://127.0.0.1:8000/media/deja.mp3",
    ]  # an MP3 is served as it is
    covers = [item.find(f"{ITUNES}image").get("href") for item in channel.iter("item")]
    assert covers[0] == covers[2] == channel.find(f"{ITUNES}image").get("href")  # the collection's
    assert covers[1].startswith("http://127.0.0.1:8000/feeds/stories/voix/fine-")  # the story's own picture, squared
    with Image.open(served(built.output, covers[0])) as cover:  # the tall picture, whole and undistorted, in the middle
        assert cover.size == (1400, 1400)
        assert cover.getpixel((700, 700))[0] > 150 and cover.getpixel((700, 700))[1] < 120
    square = assert_apple_takes(built.output, "feeds/stories/carree.podcast.xml")
    cover = square.find(f"{ITUNES}image").get("href")  # taken as it is, published as its largest light copy
    assert cover.startswith("http://127.0.0.1:8000/images/carree.") and cover.endswith(".1440.jpg")


@pytest.mark.usefixtures("speed_machinery")  # a test of the speed machinery: on in both runs of make test
def test_a_rebuild_encodes_nothing_again_and_gives_the_same_bytes(voices, monkeypatch):
    first = build(voices)
    kept = {path: path.read_bytes() for path in (first.output / "feeds").rglob("*") if path.is_file()}

    def refuse(source):
        raise AssertionError(f"{source} encoded again")

    monkeypatch.setattr("feeds.podcast_files.mp3_of_wav", refuse)
    monkeypatch.setattr("feeds.podcast_files.square_cover", refuse)
    build(voices)
    assert {path: path.read_bytes() for path in (first.output / "feeds").rglob("*") if path.is_file()} == kept


def test_a_podcast_without_cover_or_owner_email_still_reads_in_every_app(site_factory):
    built = site_factory(
        {
            "stories/nue/index.md": "---\ntitle: Nue\n---\nSans image.\n",
            "stories/nue/un.md": story("Un", "https://radio.example.org/un.ogg", "date: 2026-03-01\n"),
            "stories/nue/deux.md": story("Deux", "media/flottant.wav", "date: 2026-03-02\n"),
            "media/flottant.wav": float_wav(),  # what the build cannot convert is served as it is
        },
        KIOSQUE_CONTACT_EMAIL=None,
    )
    path = built.output / "feeds/stories/nue.podcast.xml"
    with path.open("rb") as stream:
        read = podcastparser.parse(path.as_uri(), stream)
    assert [episode["enclosures"][0]["url"] for episode in read["episodes"]] == [
        "http://127.0.0.1:8000/media/flottant.wav",
        "https://radio.example.org/un.ogg",
    ]  # newest first
    assert read["episodes"][0]["enclosures"][0]["mime_type"] == "audio/wav"
    assert not feedparser.parse(path.read_bytes()).bozo
    channel = etree.parse(str(path)).getroot().find("channel")
    assert channel.find(f"{ITUNES}owner") is None and channel.find(f"{ITUNES}image") is None
