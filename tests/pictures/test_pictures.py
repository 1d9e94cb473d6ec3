"""Contributors' pictures as the site publishes them (`plugins/pictures`): light copies in three widths, WebP and
JPEG, upright, with no metadata left, never the original file; and what `make check` says of the pictures the
build cannot publish or converts, while the page that shows them is published all the same."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPO, build, write_files
from lxml import html
from pictures import published as pictures_published
from PIL import Image

PLACE = "name: Médiathèque\naddress:\n  street: 1 rue des Lilas\n  city: Lyon\n"
EVENT = """\
---
title: {title}
start: 2026-12-05 20:30
place: mediatheque
categories: [concert]
image: {{src: "images/{picture}", alt: Une affiche}}
---
Texte.
"""
HOME = (45.7578, 4.8320)  # where a phone put its owner's home in a photo's EXIF


def photo(size=(2000, 1000), orientation: int = 1, format: str = "JPEG", mode: str = "RGB") -> bytes:
    """A photo as phones save them: its left half red and its right half blue (so that a turn shows), with the
    camera, the GPS position, a comment, XMP and a colour profile written in the file."""
    picture = Image.new("RGB", size, "blue")
    picture.paste(Image.new("RGB", (size[0] // 2, size[1]), "red"))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (45.0, 45.0, 28.0), 3: "E", 4: (4.0, 49.0, 55.0)})
    out = io.BytesIO()
    xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>chez moi</x:xmpmeta>"
    picture.convert(mode).save(out, format, exif=exif, comment=b"chez moi", xmp=xmp, icc_profile=_srgb())
    return out.getvalue()


def _srgb() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def immense_png(side: int = 20_000) -> bytes:
    """The header of a PNG of side x side pixels (a decompression bomb weighs kilobytes): never decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit per pixel, grey
    rows = zlib.compress(b"\x00" * (side // 8 + 1) * 64)  # a few rows: the rest is never read
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def sixteen_bit_png() -> bytes:
    """An RGB PNG of 16 bits per channel, which Pillow cannot write itself."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width, height = 64, 32
    rows = b"".join(b"\x00" + b"\x80\x00\x20\x00\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (60, 40), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def make_site(root: Path, files: dict, settings: str = "") -> None:
    (root / "pelicanconf.py").write_text(
        f'PATH = "content"\nTIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "en"\n{settings}', encoding="utf-8"
    )
    write_files(root / "content", {"places/mediatheque.yaml": PLACE, **files})


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contributions.check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "plugins"), "PATH": "/usr/bin:/bin"},
    )


def shown_picture(built, slug: str):
    """The page's <img>, with the files its attributes name (relative to the output folder)."""
    page = built.output / "agenda" / slug / "index.html"
    images = html.fromstring(page.read_text(encoding="utf-8")).xpath("//main//img")
    return images[0] if images else None


def candidates(built, slug: str, srcset: str) -> list[tuple[Path, int]]:
    folder = built.output / "agenda" / slug
    return [
        ((folder / unquote(address)).resolve(), int(width.removesuffix("w")))
        for address, width in (candidate.split(" ") for candidate in srcset.split(", "))
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("pictures")
    write_files(
        root / "content",
        {
            "places/mediatheque.yaml": PLACE,
            "images/affiche du bal.jpg": photo(),
            "images/tourne.jpg": photo((800, 400), orientation=6),
            "images/vignette.png": photo((300, 200), format="PNG"),
            "events/2026/bal.md": EVENT.format(title="Bal", picture="affiche du bal.jpg"),
            "events/2026/tourne.md": EVENT.format(title="Tourné", picture="tourne.jpg"),
            "events/2026/vignette.md": EVENT.format(title="Vignette", picture="vignette.png"),
        },
    )
    return build(root)


def test_a_photo_is_published_in_three_widths_in_webp_and_jpeg_with_its_size_on_the_page(built):
    img = shown_picture(built, "bal")
    [webp] = img.xpath("ancestor::picture//source[@type='image/webp']")
    for srcset, format in ((webp.get("srcset"), "WEBP"), (img.get("srcset"), "JPEG")):
        published = candidates(built, "bal", srcset)
        assert [width for _, width in published] == [480, 960, 1440]
        for path, width in published:
            with Image.open(path) as copy:
                assert (copy.format, copy.size) == (format, (width, width // 2))
    assert img.get("sizes") and webp.get("sizes") == img.get("sizes")
    with Image.open(built.output / "agenda/bal" / unquote(img.get("src"))) as largest:
        assert (img.get("width"), img.get("height")) == tuple(str(side) for side in largest.size) == ("1440", "720")


def test_no_metadata_leaves_the_build_and_the_original_is_never_published(built):
    originals = {path.read_bytes() for path in (built.root / "content/images").iterdir()}
    published = [path for path in (built.output / "images").iterdir()]
    assert len(published) == 3 * 2 + 1 * 2 + 1 * 2  # 2000 px wide: 3 widths; 400 once turned; 300 px: 300
    for path in published:
        assert path.read_bytes() not in originals
        with Image.open(path) as copy:
            assert not copy.getexif(), path.name  # no camera, no GPS position
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(copy.info), path.name
            assert b"chez moi" not in path.read_bytes() and b"PhoneMaker" not in path.read_bytes()
    assert not (built.output / "images/affiche du bal.jpg").exists()


def test_the_orientation_is_applied_and_a_small_picture_is_never_enlarged(built):
    img = shown_picture(built, "tourne")
    assert [width for _, width in candidates(built, "tourne", img.get("srcset"))] == [400]  # 400 x 800 once turned
    with Image.open(built.output / "agenda/tourne" / img.get("src")) as turned:
        assert turned.size == (400, 800) and (img.get("width"), img.get("height")) == ("400", "800")
        top, bottom = turned.getpixel((200, 100)), turned.getpixel((200, 700))
        assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]  # the left (red) half is now on top
    small = shown_picture(built, "vignette")
    assert [width for _, width in candidates(built, "vignette", small.get("srcset"))] == [300]


def test_structured_data_names_the_largest_jpeg(built):
    page = html.fromstring(built.read("agenda/bal/index.html"))
    [data] = [json.loads(script.text) for script in page.xpath("//script[@type='application/ld+json']")]
    assert data["image"] == [shown_picture(built, "bal").get("src").replace("../..", "")]


def test_a_picture_only_the_sites_own_pages_link_keeps_its_address_without_its_metadata(tmp_path):
    write_files(
        tmp_path / "content",
        {
            "images/plan.jpg": photo((600, 300), orientation=6),
            "pages/acces.md": "Title: Accès\n\n![Plan]({static}/images/plan.jpg)\n",
        },
    )
    built = build(tmp_path)
    [src] = html.fromstring(built.read("acces/index.html")).xpath("//main//img/@src")
    with Image.open((built.output / "acces" / src).resolve()) as copy:
        assert copy.format == "JPEG" and copy.size == (300, 600) and not copy.getexif() and "comment" not in copy.info


@pytest.mark.usefixtures("speed_machinery")
def test_a_rebuild_converts_nothing_again_even_into_an_empty_output(tmp_path, monkeypatch):
    write_files(
        tmp_path / "content",
        {
            "places/mediatheque.yaml": PLACE,
            "images/a.jpg": photo(),
            "events/2026/a.md": EVENT.format(title="A", picture="a.jpg"),
        },
    )
    converted = []
    light = pictures_published.light
    monkeypatch.setattr(pictures_published, "light", lambda source: converted.append(1) or light(source))
    first = build(tmp_path)
    files = {path.name: path.read_bytes() for path in (first.output / "images").iterdir()}
    assert converted == [1] and len(files) == 6
    build(tmp_path)
    for path in (tmp_path / "output").iterdir():  # a forge's fresh run: the output empty, the cache kept
        if path.is_dir():
            subprocess.run(["rm", "-r", str(path)], check=True)
    again = build(tmp_path)
    assert converted == [1]
    assert {path.name: path.read_bytes() for path in (again.output / "images").iterdir()} == files
    (tmp_path / "content/images/a.jpg").write_bytes(photo((1000, 500)))
    changed = build(tmp_path)
    assert converted == [1, 1]
    widths = sorted(int(path.name.rsplit(".", 2)[1]) for path in (changed.output / "images").iterdir())
    assert widths == [480, 480, 960, 960, 1000, 1000]  # the old copies are gone
    assert "a.{}.1000.jpg".format(_hash(tmp_path / "content/images/a.jpg")) in changed.read("agenda/a/index.html")


def _hash(path: Path) -> str:
    from speed.store import digest

    return digest(path.read_bytes())[:10]


BAD = {  # file -> what `make check` says of it
    "illisible.jpg": (b"\xff\xd8\xff\xe0" + b"not a picture at all" * 50, "cannot be read as a picture in JPEG format"),
    "coupee.jpg": (photo((800, 600))[:4000], "cannot be read as a picture in JPEG format"),
    "bombe.png": (immense_png(), "more than 50 million pixels"),
    "lourde.jpg": (photo((1200, 900)) + b"\x00" * 200_000, "weighs 0.2 MB, more than the 0.1 MB"),
    "dessin.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "an SVG drawing"),
}
CONVERTED = {  # file -> the note `make check` gives, the page showing the picture
    "imprimerie.jpg": (photo((600, 400), mode="CMYK"), "in CMYK colours"),
    "seize.png": (sixteen_bit_png(), "16 bits per colour"),
    "anime.gif": (animated_gif(), "is animated"),
}


def _bad_site(root: Path) -> dict[str, str]:
    slugs = {name: name.split(".")[0] for name in {**BAD, **CONVERTED}}
    files = {f"images/{name}": data for name, (data, _) in {**BAD, **CONVERTED}.items()}
    files.update({f"events/2026/{slug}.md": EVENT.format(title=slug, picture=name) for name, slug in slugs.items()})
    make_site(root, files, "KIOSQUE_PICTURE_MAX_MB = 0.1\n")
    return slugs


def test_make_check_names_each_bad_picture_and_the_field_that_shows_it(tmp_path):
    _bad_site(tmp_path)
    result = check(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    for name, (_, message) in BAD.items():
        assert any(line.startswith(f"content/images/{name}:1: ") and message in line for line in lines), name
        slug = name.split(".")[0]
        assert any(
            line.startswith(f"content/events/2026/{slug}.md:")
            and f"image.src: the picture content/images/{name} is not published" in line
            for line in lines
        ), name
    for name, (_, message) in CONVERTED.items():
        assert any(line.startswith(f"content/images/{name}:1: note: ") and message in line for line in lines), name
        assert not any(line.startswith(f"content/events/2026/{name.split('.')[0]}.md") for line in lines), name


def test_the_build_publishes_each_event_without_a_bad_picture_and_with_a_converted_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    slugs = _bad_site(tmp_path)
    built = build(tmp_path, KIOSQUE_PICTURE_MAX_MB=0.1)
    for name, slug in slugs.items():
        img = shown_picture(built, slug)
        if name in BAD:
            assert img is None, name
            continue
        with Image.open(built.output / "agenda" / slug / unquote(img.get("src"))) as copy:
            assert copy.mode == "RGB" and (img.get("width"), img.get("height")) == tuple(map(str, copy.size)), name
            assert getattr(copy, "n_frames", 1) == 1
    assert not any(path.suffix in (".svg", ".png", ".gif") for path in (built.output / "images").iterdir())


def test_a_motion_photo_is_whole_and_a_photo_cut_short_is_not(tmp_path):
    """Phones append the video of a "motion photo" after the JPEG's end: the picture is whole. A copy cut short
    is not, wherever it stops (Pillow's `verify` reads a JPEG's header only)."""
    from contributions import judge

    whole = photo((800, 600))
    video = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4000 + b"\xff\xda\x00\x0c"  # any bytes, markers too
    (tmp_path / "motion.jpg").write_bytes(whole + video)
    assert judge(tmp_path / "motion.jpg") is None
    for end in (len(whole) // 3, len(whole) // 2, len(whole) - 2):
        (tmp_path / "cut.jpg").write_bytes(whole[:end])
        assert judge(tmp_path / "cut.jpg").code == "static_damaged", end
