"""Only the site's own files are published: links (symlinks) under content/ are never followed or read, and
only genuine pictures and recordings leave content/images and content/media. `make check` and the build
say the same thing about each file left out."""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from conftest import wav
from mutagen.ogg import OggPage
from PIL import Image

from contributions import check
from contributions.checking.harvest import harvest
from contributions.checking.static_files import judge
from contributions.site import Site

PLACE = "name: Médiathèque\naddress:\n  street: 1 rue des Lilas\n  city: Lyon\n"
EVENT = "---\ntitle: {title}\nstart: 2026-12-05 20:30\nplace: mediatheque\ncategories: [concert]\n---\nTexte.\n"
SECRET = "SECRET_TOKEN=ne-doit-jamais-sortir\n"
ACCEPTED = (
    "only pictures (.jpg, .jpeg, .png, .gif, .webp, .avif) and recordings (.mp3, .ogg, .oga, .opus, .wav, "
    ".flac, .m4a, .mp4, .aac, .webm) are"
)
LINKED_FILE = (
    "this file is a link (symlink) to another file: kiosque never follows links, so it is neither read nor "
    "published; replace the link by the file itself"
)
LINKED_FOLDER = (
    "this folder is a link (symlink) to another folder: kiosque never follows links, so nothing in it is "
    "read or published; replace the link by the folder itself and its files"
)
LINKED_FILE_FR = (
    "ce fichier est un lien (lien symbolique) vers un autre fichier : kiosque ne suit jamais les liens, "
    "il n'est donc ni lu ni publié ; remplacez le lien par le fichier lui-même"
)


# --- genuine files, made here --------------------------------------------------------------------


def picture(format: str) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (16, 9), (200, 40, 90)).save(data, format)
    return data.getvalue()


def mp3() -> bytes:
    """Twenty silent MPEG-1 layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each)."""
    return (b"\xff\xfb\x90\x64" + b"\x00" * 413) * 20


def ogg_opus() -> bytes:
    """An Ogg Opus stream: its two header packets, then one page of (silent) sound."""

    def page(packets: list[bytes], sequence: int, position: int, first=False, last=False) -> bytes:
        made = OggPage()
        made.packets, made.sequence, made.position, made.serial, made.first, made.last = (
            packets,
            sequence,
            position,
            7,
            first,
            last,
        )
        return made.write()

    head = b"OpusHead" + bytes([1, 1]) + struct.pack("<HIhB", 312, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 7) + b"kiosque" + struct.pack("<I", 0)
    return page([head], 0, 0, first=True) + page([tags], 1, 0) + page([b"\xf8\xff\xfe"] * 50, 2, 48000, last=True)


def png_claiming(width: int, height: int) -> bytes:
    """The start of a PNG picture announcing these dimensions (its header is all Pillow reads to refuse it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


GENUINE = {
    "images/photo.jpg": picture("JPEG"),
    "images/photo-2.jpeg": picture("JPEG"),
    "images/plan.png": picture("PNG"),
    "images/anime.gif": picture("GIF"),
    "images/leger.webp": picture("WEBP"),
    "media/bal.wav": wav(),
    "media/chanson.mp3": mp3(),
    "media/conte.ogg": ogg_opus(),
    "media/conte.opus": ogg_opus(),
}
HOSTILE = {
    "images/page.html": "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n",
    "images/dessin.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n',
    "media/lecteur.xhtml": '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body '
    'onload="alert(1)"/></html>\n',
    "images/affiche-piegee.jpg": "<html><script>fetch('/').then(r => alert(r.status))</script></html>\n",
    "media/chanson-piegee.mp3": picture("PNG"),
    "media/notes.txt": "rien qu'une note\n",
}
HOSTILE_MESSAGES = [
    "content/images/affiche-piegee.jpg:1: the file's name ends in '.jpg', which promises a picture in JPEG format, "
    "but it holds a web page (HTML); replace it by a real .jpg file, or remove it",
    "content/images/dessin.svg:1: an SVG drawing is not published, as it can hold a script that would run on the "
    "site; export it as a PNG picture (.png)",
    f"content/images/page.html:1: this file holds a web page (HTML), which is not published: {ACCEPTED}; save it in "
    "one of these formats, or remove it",
    "content/media/chanson-piegee.mp3:1: this file holds a picture in PNG format but its name does not end in "
    "'.png'; rename it so that it does",
    f"content/media/lecteur.xhtml:1: this file holds a web page (HTML), which is not published: {ACCEPTED}; save it "
    "in one of these formats, or remove it",
    f"content/media/notes.txt:1: this file holds text, which is not published: {ACCEPTED}; save it in one of these "
    "formats, or remove it",
]


# --- helpers -------------------------------------------------------------------------------------


def run_check(root: Path, monkeypatch, capsys, *files: str) -> tuple[int, list[str]]:
    """`make check` in the site folder `root` (English messages), as a contributor runs it."""
    (root / "pelicanconf.py").write_text(
        'PATH = "content"\nTIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "en"\nSTATIC_PATHS = ["images", "media"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    capsys.readouterr()  # what the build printed before
    status = check.main(["--settings", str(root / "pelicanconf.py"), *files])
    return status, capsys.readouterr().out.splitlines()


@contextlib.contextmanager
def touched_paths():
    """Every path opened or listed while inside, links followed (so a link's target shows as itself)."""
    seen: list[str] = []

    def spying(real):
        def spy(path=None, *arguments, **options):
            if isinstance(path, (str, bytes, os.PathLike)):
                seen.append(os.path.realpath(os.fsdecode(path)))
            return real(path, *arguments, **options) if path is not None else real()

        return spy

    with pytest.MonkeyPatch.context() as patch:  # undone on leaving, whatever the test patched besides
        for module, name in ((builtins, "open"), (io, "open"), (os, "open"), (os, "scandir"), (os, "listdir")):
            patch.setattr(module, name, spying(getattr(module, name)))
        yield seen


def inside(paths: list[str], folder: Path) -> list[str]:
    folder = os.path.realpath(folder)
    return [path for path in paths if path == folder or path.startswith(folder + os.sep)]


def published(build) -> dict[str, bytes]:
    return {
        path.relative_to(build.output).as_posix(): path.read_bytes()
        for path in build.output.rglob("*")
        if path.is_file()
    }


# --- links ---------------------------------------------------------------------------------------


def test_a_link_to_a_file_of_the_build_machine_is_refused_and_never_read(site_factory, tmp_path, monkeypatch, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "environ").write_text(SECRET, encoding="utf-8")
    (tmp_path / "content/images").mkdir(parents=True)
    (tmp_path / "content/images/affiche.jpg").symlink_to(outside / "environ")
    files = {"places/mediatheque.yaml": PLACE, "events/2026/concert.md": EVENT.format(title="Concert")}

    with touched_paths() as seen:
        build = site_factory(files)
    assert inside(seen, outside) == []  # not even opened
    assert not (build.output / "images/affiche.jpg").exists()
    assert not any(b"SECRET_TOKEN" in data for data in published(build).values())
    assert (build.output / "agenda/concert/index.html").exists()  # everything else is published
    assert [w.split("/content/", 1)[1] for w in build.warnings if "/content/" in w] == [
        f"images/affiche.jpg:1: {LINKED_FILE_FR}"
    ]

    status, lines = run_check(tmp_path, monkeypatch, capsys)
    assert status == 1
    assert lines == [f"content/images/affiche.jpg:1: {LINKED_FILE}", "1 problem(s) in 1 file(s), out of 3 checked"]


def test_a_linked_folder_is_never_walked(site_factory, tmp_path, monkeypatch, capsys):
    etc = tmp_path / "etc"
    etc.mkdir()
    for index in range(300):
        (etc / f"fichier-{index}.jpg").write_bytes(picture("JPEG"))
    (etc / "shadow").write_text(SECRET, encoding="utf-8")
    (tmp_path / "content/media").mkdir(parents=True)
    (tmp_path / "content/media/archives").symlink_to(etc, target_is_directory=True)
    (tmp_path / "content/media/boucle").symlink_to(tmp_path / "content", target_is_directory=True)  # a loop
    files = {"places/mediatheque.yaml": PLACE, "media/bal.wav": wav()}

    with touched_paths() as seen:
        build = site_factory(files)
    assert inside(seen, etc) == []
    assert sorted(path for path in published(build) if path.startswith("media/")) == ["media/bal.wav"]
    assert not any(b"SECRET_TOKEN" in data for data in published(build).values())

    with touched_paths() as seen:
        status, lines = run_check(tmp_path, monkeypatch, capsys)
    assert inside(seen, etc) == []
    assert status == 1
    assert lines == [
        f"content/media/archives:1: {LINKED_FOLDER}",
        f"content/media/boucle:1: {LINKED_FOLDER}",
        "2 problem(s) in 2 file(s), out of 4 checked",
    ]


def test_a_linked_contribution_is_refused_and_never_read(site_factory, tmp_path, monkeypatch, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(EVENT.format(title="SECRET_TOKEN"), encoding="utf-8")
    (outside / "about.md").write_text(f"Title: À propos\n\n{SECRET}", encoding="utf-8")
    for folder in ("events/2026", "pages"):
        (tmp_path / "content" / folder).mkdir(parents=True)
    (tmp_path / "content/events/2026/secret.md").symlink_to(outside / "secret.md")
    (tmp_path / "content/pages/about.md").symlink_to(outside / "about.md")  # Pelican's pages too
    files = {"places/mediatheque.yaml": PLACE, "events/2026/concert.md": EVENT.format(title="Concert")}

    with touched_paths() as seen:
        build = site_factory(files)
    assert inside(seen, outside) == []
    assert not (build.output / "agenda/secret").exists() and not (build.output / "about").exists()
    assert not any(b"SECRET_TOKEN" in data for data in published(build).values())
    assert (build.output / "agenda/concert/index.html").exists()

    status, lines = run_check(tmp_path, monkeypatch, capsys)
    assert lines == [
        f"content/events/2026/secret.md:1: {LINKED_FILE}",
        f"content/pages/about.md:1: {LINKED_FILE}",
        "2 problem(s) in 2 file(s), out of 4 checked",
    ]
    status, lines = run_check(tmp_path, monkeypatch, capsys, "content/events/2026/secret.md")
    assert status == 1 and lines == [
        f"content/events/2026/secret.md:1: {LINKED_FILE}",
        "1 problem(s) in 1 file(s), out of 1 checked",
    ]


def test_a_page_cannot_publish_a_file_outside_the_static_folders(site_factory, tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    build = site_factory(
        {
            "pages/about.md": "Title: À propos\n\n[voir]({static}/../secret.txt) [page]({static}/pages/piege.txt)\n",
            "pages/piege.txt": "<script>alert(1)</script>",
        }
    )
    assert not any(b"SECRET_TOKEN" in data or b"<script>alert" in data for data in published(build).values())
    assert not any(path.endswith(("secret.txt", "piege.txt")) for path in published(build))
    assert any("'../secret.txt' n'est pas publié depuis là" in warning for warning in build.warnings)


# --- pictures and recordings ---------------------------------------------------------------------


def test_genuine_pictures_and_recordings_are_published(site_factory, tmp_path, monkeypatch, capsys):
    """Recordings as they are; pictures that no contribution shows at their own address, re-encoded without their
    metadata (`pictures`): the same pixels, in a format the browser reads."""
    build = site_factory({"places/mediatheque.yaml": PLACE, **GENUINE})
    assert build.warnings == []
    files = {path: data for path, data in published(build).items() if path.startswith(("images/", "media/"))}
    assert sorted(files) == sorted(GENUINE)
    assert {path: data for path, data in files.items() if path.startswith("media/")} == {
        path: data for path, data in GENUINE.items() if path.startswith("media/")
    }
    for path, data in files.items():
        if path.startswith("images/"):
            with Image.open(io.BytesIO(data)) as copy, Image.open(io.BytesIO(GENUINE[path])) as original:
                assert copy.size == original.size
    status, lines = run_check(tmp_path, monkeypatch, capsys)
    assert (status, lines) == (0, [f"{len(GENUINE) + 1} file(s) checked, no problem found"])


def test_markup_and_disguised_files_are_refused_by_the_check_and_left_out_of_the_build(
    site_factory, tmp_path, monkeypatch, capsys
):
    build = site_factory({"places/mediatheque.yaml": PLACE, "images/photo.jpg": GENUINE["images/photo.jpg"], **HOSTILE})
    assert sorted(path for path in published(build) if path.startswith(("images/", "media/"))) == ["images/photo.jpg"]
    assert not any(b"alert(" in data for data in published(build).values())
    assert sorted(w.split("/content/", 1)[1] for w in build.warnings if "/content/" in w) == [
        "images/affiche-piegee.jpg:1: le nom du fichier se termine par '.jpg', ce qui annonce une image au format "
        "JPEG, mais il contient une page web (HTML) ; remplacez-le par un vrai fichier .jpg, ou retirez-le",
        "images/dessin.svg:1: un dessin SVG n'est pas publié, car il peut contenir un script qui s'exécuterait sur "
        "le site ; exportez-le en image PNG (.png)",
        "images/page.html:1: ce fichier contient une page web (HTML), qui n'est pas publié : seuls les images (.jpg, "
        ".jpeg, .png, .gif, .webp, .avif) et les enregistrements (.mp3, .ogg, .oga, .opus, .wav, .flac, .m4a, .mp4, "
        ".aac, .webm) le sont ; enregistrez-le dans l'un de ces formats, ou retirez-le",
        "media/chanson-piegee.mp3:1: ce fichier contient une image au format PNG mais son nom ne se termine pas par "
        "'.png' ; renommez-le ainsi",
        "media/lecteur.xhtml:1: ce fichier contient une page web (HTML), qui n'est pas publié : seuls les images "
        "(.jpg, .jpeg, .png, .gif, .webp, .avif) et les enregistrements (.mp3, .ogg, .oga, .opus, .wav, .flac, "
        ".m4a, .mp4, .aac, .webm) le sont ; enregistrez-le dans l'un de ces formats, ou retirez-le",
        "media/notes.txt:1: ce fichier contient du texte, qui n'est pas publié : seuls les images (.jpg, .jpeg, "
        ".png, .gif, .webp, .avif) et les enregistrements (.mp3, .ogg, .oga, .opus, .wav, .flac, .m4a, .mp4, .aac, "
        ".webm) le sont ; enregistrez-le dans l'un de ces formats, ou retirez-le",
    ]

    status, lines = run_check(tmp_path, monkeypatch, capsys)
    assert status == 1
    assert lines == HOSTILE_MESSAGES + ["6 problem(s) in 6 file(s), out of 8 checked"]
    status, lines = run_check(tmp_path, monkeypatch, capsys, "content/images/")
    assert lines == HOSTILE_MESSAGES[:3] + ["3 problem(s) in 3 file(s), out of 4 checked"]


def test_a_file_published_by_an_earlier_build_is_withdrawn_once_refused(site_factory, tmp_path):
    first = site_factory({"places/mediatheque.yaml": PLACE, "images/affiche.jpg": GENUINE["images/photo.jpg"]})
    assert (first.output / "images/affiche.jpg").exists()
    second = site_factory({"images/affiche.jpg": HOSTILE["images/affiche-piegee.jpg"]})
    assert not (second.output / "images/affiche.jpg").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "cut.png",
            picture("PNG")[:60],
            "the file cannot be read as a picture in PNG format (it is damaged, or was cut "
            "short when copied); export it again from the original",
        ),
        (
            "immense.png",
            png_claiming(20_000, 20_000),
            "this picture has more than 50 million pixels, far too many for "
            "a web page; make it smaller (2000 pixels wide is plenty)",
        ),
        (
            "vide.jpg",
            b"",
            "the file's name ends in '.jpg', which promises a picture in JPEG format, but it holds nothing "
            "(the file is empty); replace it by a real .jpg file, or remove it",
        ),
        (
            "faux.wav",
            b"RIFF" + b"\x00" * 2000,
            "the file's name ends in '.wav', which promises a recording in WAV format, "
            "but it holds something that is neither a picture nor a recording; replace "
            "it by a real .wav file, or remove it",
        ),
        (
            "etiquette.mp3",
            b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"\x00" * 16 + b"<script>",
            "the file cannot be read as a "
            "recording in MP3 format (it is damaged, or was cut short when copied); export it again from the original",
        ),
        (
            "photo.heic",
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            "this file holds a picture in HEIC format, "
            f"which is not published: {ACCEPTED}; save it in one of these formats, or remove it",
        ),
        (
            "conte.mp3",
            ogg_opus(),
            "this file holds a recording in Ogg Opus format but its name does not end in '.opus'; "
            "rename it so that it does",
        ),
        (
            "script.js",
            "alert(1)",
            f"this file holds text, which is not published: {ACCEPTED}; save it in one of these formats, or remove it",
        ),
        (
            "dessin.png",
            '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "an SVG drawing is not "
            "published, as it can hold a script that would run on the site; export it as a PNG picture (.png)",
        ),
        (
            "doc.xml",
            '<?xml version="1.0"?><note>x</note>',
            f"this file holds an XML document, which is not published: "
            f"{ACCEPTED}; save it in one of these formats, or remove it",
        ),
    ],
)
def test_each_refusal_says_what_was_found_and_how_to_fix_it(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    assert judge(path).message("en") == message


def test_a_fifo_among_the_pictures_is_refused_without_waiting(tmp_path):
    (tmp_path / "content/images").mkdir(parents=True)
    os.mkfifo(tmp_path / "content/images/tuyau.jpg")  # opening it to read would wait for a writer
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert [str(problem) for problem in result.problems] == [
        "content/images/tuyau.jpg:1: this file cannot be read (no permission to read it, or not an ordinary file); "
        "replace it by the picture or recording itself"
    ]


def test_a_build_judges_each_static_file_once(site_factory, monkeypatch):
    from contributions.checking import harvest, static_files
    from publishing import pelican_files

    judged: list[str] = []

    def counting(path, *limit):
        judged.append(Path(path).name)
        return static_files.judge(path, *limit)

    monkeypatch.setattr(harvest, "judge", counting)
    monkeypatch.setattr(pelican_files, "judge", counting)
    build = site_factory(
        {
            "places/mediatheque.yaml": PLACE,
            "events/2026/a.md": EVENT.format(title="A"),
            "images/photo.jpg": picture("JPEG"),
            "media/bal.wav": wav(),
            "images/page.html": "<script>alert(1)</script>",
        }
    )
    assert sorted(judged) == ["bal.wav", "page.html", "photo.jpg"]  # the static generator reuses the check's verdicts
    assert (build.output / "images/photo.jpg").exists() and not (build.output / "images/page.html").exists()  # stripped
