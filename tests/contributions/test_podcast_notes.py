"""A collection's curators are told, in plain words, what Apple Podcasts would refuse in its podcast once the build
has converted what it can: a podcast without cover, a recording in a format the build cannot convert. Notes,
never blocking: every other podcast app takes the podcast as it is."""

from __future__ import annotations

import struct
from pathlib import Path

from conftest import jpeg, wav, write_files

from contributions.check import read_site_settings
from contributions.checking.harvest import harvest
from contributions.checking.podcast_notes import podcast_notes
from contributions.site import Site


def story(audio: str) -> str:
    return f"---\ntitle: Un récit\nteller: Odette\naudio: {audio}\ntranscript: Tout.\nconsent: true\n---\nUn récit.\n"


def collection(cover: str = "") -> str:
    return f"---\ntitle: Voix\n{cover}---\nDes voix.\n"


def site_folder(root: Path, files: dict, language: str = "en") -> None:
    root.mkdir(exist_ok=True)
    (root / "pelicanconf.py").write_text(
        f'PATH = "content"\nTIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "{language}"\n'
        'STATIC_PATHS = ["images", "media"]\n',
        encoding="utf-8",
    )
    write_files(root / "content", files)


def notes(root: Path, files: dict, language: str = "en") -> list[str]:
    """What the check says of each collection's podcast, as `make check` prints a note."""
    site_folder(root, files, language)
    site = Site.from_settings(read_site_settings(root / "pelicanconf.py"))
    result = harvest(site, shown_root=root)
    assert result.problems == []
    found = result.of_kind("story")
    return [
        str(note)
        for item in result.of_kind("story_collection")
        for note in podcast_notes(item, [s for s in found if s.parent == item.slug], site)
    ]


def float_wav() -> bytes:
    """A genuine WAV of floating-point samples, which Python's `wave` (and so the build) does not read."""
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + 32, b"WAVE", b"fmt ", 16, 3, 1, 8000, 32000, 4, 32, b"data", 32
    )
    return header + bytes(32)


def test_what_the_build_converts_gives_no_note(tmp_path):
    """A WAV becomes an MP3 and any picture a square cover (tests/feeds/test_podcast.py): Apple takes them."""
    assert (
        notes(
            tmp_path,
            {
                "stories/voix/index.md": collection("cover: {src: images/bandeau.jpg, alt: Le kiosque}\n"),
                "stories/voix/bal.md": story("media/bal.wav"),
                "stories/voix/radio.md": story("https://radio.example.org/bal.mp3"),
                "images/bandeau.jpg": jpeg((400, 250)),
                "media/bal.wav": wav(),
                "stories/sans-son/index.md": collection(),  # no recording: no podcast, no cover needed
                "stories/sans-son/texte.md": "---\ntitle: Écrit\nteller: Odette\nconsent: true\n---\nUn récit.\n",
            },
        )
        == []
    )


def test_a_recording_the_build_cannot_convert_is_told_on_its_field(tmp_path):
    assert notes(
        tmp_path,
        {
            "stories/voix/index.md": collection("cover: {src: images/bandeau.jpg, alt: Le kiosque}\n"),
            "stories/voix/bal.md": story("media/bal.wav"),
            "images/bandeau.jpg": jpeg((400, 250)),
            "media/bal.wav": float_wav(),
        },
        language="fr",
    ) == [
        "content/stories/voix/bal.md:4: audio.src: remarque : Apple Podcasts n'accepte que les enregistrements MP3 "
        "(.mp3) et M4A (.m4a), et la construction du site ne sait pas convertir le format WAV : les autres "
        "applications de podcast auront cet épisode, pas Apple Podcasts ; exportez l'enregistrement en MP3 ou en M4A",
    ]


def test_a_podcast_without_cover_and_a_recording_no_one_converts_are_told(tmp_path):
    assert notes(
        tmp_path,
        {
            "stories/voix/index.md": collection(),
            "stories/voix/bal.md": story("{src: 'https://radio.example.org/bal', type: audio/ogg}"),
        },
    ) == [
        "content/stories/voix/index.md:2: note: this collection has recordings, so it has a podcast, but no cover: "
        "Apple Podcasts refuses a podcast without one; add a cover, a square picture of 1400 to 3000 pixels if you can",
        "content/stories/voix/bal.md:4: audio.src: note: Apple Podcasts only takes MP3 (.mp3) and M4A (.m4a) "
        "recordings, and the build cannot convert audio/ogg: other podcast apps get this episode, Apple Podcasts will "
        "not; export the recording as MP3 or M4A",
    ]


def test_make_check_and_make_html_print_them_without_failing(tmp_path, site_factory):
    from test_check_command import run_check

    files = {
        "stories/voix/index.md": collection(),
        "stories/voix/bal.md": story("media/bal.wav"),
        "media/bal.wav": wav(),
    }
    site_folder(tmp_path / "check", files)
    result = run_check(tmp_path / "check")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "content/stories/voix/index.md:2: note: this collection has recordings, so it has a podcast, but no cover: "
        "Apple Podcasts refuses a podcast without one; add a cover, a square picture of 1400 to 3000 pixels if you can"
    )
    assert [line.split("content/")[-1] for line in site_factory(files).warnings] == [
        "stories/voix/index.md:2: remarque : cette collection a des enregistrements, donc un podcast, mais pas de "
        "couverture : Apple Podcasts refuse un podcast sans couverture ; ajoutez une couverture, une image carrée de "
        "1400 à 3000 pixels si possible"
    ]
