"""The share pictures the build draws: one per page that has its own (an upcoming event, a story, a
playlist, a place) and one for the site, in the announced size, light enough for messaging apps, with no
metadata of the contributed photo; a status band on a cancelled event; every title within the margins,
Arabic shaped right to left; nothing drawn again when nothing changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageFont
from sharing import layouts
from sharing.cards import name_of
from sharing.drawing import LAYOUT, STATUS_COLOURS, Fonts, Painter, Style
from sharing.layouts import BAR, FRAMES, SHAPES, Entry, Sheet, paint

REPO = Path(__file__).resolve().parents[2]
FONTS = Fonts(REPO / "theme/vendor/fonts")
PLACE = "name: Café des Lilas\narea: Les Lilas\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"
ARABIC = "مسمار جحا"


def photo_with_gps() -> bytes:
    """A phone photo as it comes: big, with a camera's EXIF and a GPS position."""
    picture = Image.effect_mandelbrot((2400, 1600), (-2.2, -1.2, 1.0, 1.2), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (45.0, 46.0, 0.0), 3: "E", 4: (4.0, 50.0, 0.0)}  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def event(title, start, extra=""):
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [concert]\n{extra}---\nUn bal.\n"


FILES = {
    "places/cafe.yaml": PLACE,
    "images/photo.jpg": photo_with_gps(),
    "events/2026/bal.md": event("Bal des Lilas", "2026-12-04 20:30", "image: {src: images/photo.jpg, alt: Le bal}\n"),
    "events/2026/annule.md": event("Concert annulé", "2026-12-05 18:00", "status: cancelled\n"),
    "events/2026/passe.md": event("Bal passé", "2026-11-20 20:00"),
    "stories/contes/index.md": "---\ntitle: Contes d'ici et d'ailleurs\nlanguages: [fr, ar]\n---\nDes contes.\n",
    "stories/contes/mismar.md": f"---\ntitle: {ARABIC}\nteller: Fatima\nlanguage: ar\nconsent: true\n---\nجحا\n",
    "playlists/bande/index.md": "---\ntitle: La bande-son\ncurators: [Lucie]\n"
    "cover: {src: images/photo.jpg, alt: Une radio}\n---\nNos chansons.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build, write_files

    root = tmp_path_factory.mktemp("cards")
    write_files(root / "content", FILES)
    found = build(root, today="2026-12-02", SITEURL="https://agenda.example.org", SITESUBTITLE="L'agenda partagé")
    assert not found.warnings
    return found


def own_picture(built, folder: str) -> Path:
    (found,) = (built.output / folder).glob("share-*.jpg")
    return found


def test_each_page_with_its_own_preview_has_one_of_the_announced_size_light_and_without_metadata(built):
    folders = [
        "agenda/bal",
        "agenda/annule",
        "places/cafe",
        "stories/contes/mismar",
        "stories/contes",
        "playlists/bande",
        ".",  # the site's own
    ]
    for folder in folders:
        path = own_picture(built, folder)
        assert path.stat().st_size < 300_000  # WhatsApp shows no preview of a heavier picture
        with Image.open(path) as picture:
            assert (picture.format, picture.size, picture.mode) == ("JPEG", (1200, 630), "RGB")
            assert not picture.getexif() and "exif" not in picture.info and "icc_profile" not in picture.info
            assert not picture.info.get("progressive")  # messaging apps fetch it whole: baseline is drawn faster
    assert not list((built.output / "agenda/passe").glob("share-*.jpg"))  # a past event gets the site's
    assert b"PhoneMaker" not in own_picture(built, "agenda/bal").read_bytes()


def test_the_event_picture_shows_the_photo_and_the_cancelled_one_its_status_band(built):
    with Image.open(own_picture(built, "agenda/bal")) as picture:
        right = picture.crop((1200 - FRAMES["wide"].picture, 0, 1200, 630)).convert("L")
        assert right.getextrema()[1] - right.getextrema()[0] > 100  # the photo, not the plain paper
        band = picture.crop((200, 10, 1000, 20)).getcolors(1 << 16)
        assert _near(max(band)[1], layouts.PAPER)  # no status: no band
    with Image.open(own_picture(built, "agenda/annule")) as picture:
        band = picture.crop((0, 0, 1200, FRAMES["wide"].band)).convert("RGB")
        commonest = max(band.getcolors(1 << 16))[1]
        assert _near(commonest, STATUS_COLOURS["cancelled"])


def test_a_newly_cancelled_event_gets_a_new_address_so_networks_fetch_it_again():
    scheduled = Sheet("wide", "Bal des Lilas", ("samedi 5 décembre",), None)
    cancelled = Sheet("wide", "Bal des Lilas", ("samedi 5 décembre",), ("Annulé", STATUS_COLOURS["cancelled"]))
    names = {name_of("agenda/bal/share", sheet) for sheet in (scheduled, cancelled)}
    assert len(names) == 2 and all(name.startswith("agenda/bal/share-") for name in names)


LONGEST = [
    "Conférence : l'eau et la soie, histoire des teintureries du quartier",  # the sample's longest
    "Cirque sous chapiteau des voisines et voisins (in English)",  # the benchmark's longest kind and topic
    "Grande soirée " + " ".join(["dansante et chantante avec tout le quartier"] * 6),  # 300 characters
    "Anticonstitutionnellement" * 6,  # a word longer than any line
    ARABIC,
    "حكايات Jouha في الحي — soirée contes بالعربية والفرنسية " * 3,
]


@pytest.mark.parametrize("title", LONGEST)
@pytest.mark.parametrize("shape", ["wide", "square", "story"])
@pytest.mark.parametrize("pictured", [False, True])
def test_the_longest_titles_stay_within_the_margins(title, shape, pictured, tmp_path):
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(FILES["images/photo.jpg"])
    sheet = Sheet(
        shape,
        title,
        ("du vendredi 4 juin 2027 au dimanche 6 juin 2027, 20 h 30 – 23 h", "Parc Jeanne-Barret " * 8),
        ("Reporté", "#7a4600"),
        picture if pictured else None,
        brand="Quartier des Lilas — l'agenda partagé du quartier où l'on vit",
    )
    width, height = SHAPES[shape]
    frame = FRAMES[shape]
    painter = paint(sheet, FONTS)
    assert len(painter.boxes) >= 5  # the band, the title, two details and the foot were drawn
    right = width - frame.picture if pictured and shape == "wide" else width
    for box in painter.boxes:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= right and box[3] <= height, box
        if box[1] >= frame.band:  # under the band, the text keeps the margins
            assert BAR + frame.margin - 2 <= box[0] and box[2] <= right - frame.margin + 2, box


def test_a_title_too_long_at_the_smallest_size_is_cut_with_an_ellipsis():
    painter = Painter(Image.new("RGB", (1200, 630)), FONTS)
    style = Style("bold", "#000", 62, 32, 3)
    laid = painter.lay(LONGEST[2], style, 600)
    assert laid.size == 32 and len(laid.lines) == 3 and laid.lines[-1].endswith("…")
    assert all(painter.width(line, "bold", 32) <= 600 for line in laid.lines)
    assert painter.lay("Bal des Lilas", style, 600).size == 62  # a short title keeps the largest size


def test_arabic_is_shaped_with_raqm_and_runs_right_to_left():
    raqm = ImageFont.truetype(str(FONTS.paths["arabic", "bold"]), 60, layout_engine=LAYOUT)
    basic = ImageFont.truetype(str(FONTS.paths["arabic", "bold"]), 60, layout_engine=ImageFont.Layout.BASIC)
    assert LAYOUT == ImageFont.Layout.RAQM
    assert raqm.getlength(ARABIC, direction="rtl") != basic.getlength(ARABIC)  # letters joined, not isolated
    painter = Painter(Image.new("RGB", (1200, 630), "white"), FONTS)
    painter.line(f"{ARABIC} Jouha", "bold", 60, "#000", 100, 300, 1000)
    latin, arabic = painter.boxes  # drawn from left to right
    assert latin[2] < arabic[0]  # the line starts on the right with its first (Arabic) word
    assert arabic[2] == pytest.approx(1100, abs=8)  # and is aligned on the right
    painter = Painter(Image.new("RGB", (1200, 630), "white"), FONTS)
    painter.line(f"Jouha {ARABIC}", "bold", 60, "#000", 100, 300, 1000)
    latin, arabic = painter.boxes
    assert latin[0] == pytest.approx(100, abs=8) and latin[2] < arabic[0]  # a Latin line starts on the left


def test_missing_fonts_or_text_layout_stop_the_build_with_what_to_install(tmp_path, monkeypatch):
    with pytest.raises(RuntimeError, match="run make install"):
        Fonts(tmp_path)
    monkeypatch.setattr("sharing.drawing.features.check", lambda feature: feature != "raqm")
    with pytest.raises(RuntimeError, match="apt-get install libraqm0 libfribidi0"):
        Fonts(REPO / "theme/vendor/fonts")


def test_a_days_picture_lists_what_fits_and_counts_the_rest():
    entries = tuple(Entry(f"{hour} h", LONGEST[2], "Café des Lilas") for hour in range(10, 20))
    painter = paint(Sheet("day", "samedi 5 décembre 2026", brand="Quartier des Lilas", entries=entries), FONTS)
    for box in painter.boxes:
        assert box[0] >= BAR and box[1] >= 0 and box[2] <= 1080 - 60 and box[3] <= 1080, box
    assert painter.boxes[-1][0] > 800  # "+ N": the rest, counted on the right


@pytest.mark.parametrize("shape", ["wide", "square", "story", "day"])
@pytest.mark.parametrize("pictured", [False, True])
def test_the_pasted_site_name_gives_the_picture_it_would_draw(shape, pictured, tmp_path, monkeypatch):
    """The site's name is drawn once and pasted on the next pictures: those are the same, pixel for pixel, as
    pictures on which it is drawn each time, with a photo, a status band, the longest texts, an Arabic name."""
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(FILES["images/photo.jpg"])
    entries = tuple(Entry(f"{hour} h", LONGEST[2], "Café des Lilas") for hour in range(10, 20))
    for brand in ("Quartier des Lilas — l'agenda partagé du quartier où l'on vit", ARABIC):
        sheet = Sheet(shape, LONGEST[2], ("samedi 5 décembre, 20 h 30", "Parc Jeanne-Barret " * 8),
                      ("Reporté", "#7a4600"), picture if pictured else None, brand=brand,
                      entries=entries if shape == "day" else ())  # fmt: skip
        pasted = [paint(sheet, FONTS) for _ in range(2)]  # the first fills the strip, the second reuses it
        with monkeypatch.context() as patch:
            patch.setattr(layouts, "_brand", layouts.draw_brand)
            drawn = paint(sheet, FONTS)
        for painter in pasted:
            assert painter.picture.tobytes() == drawn.picture.tobytes()
            assert painter.boxes == drawn.boxes


@pytest.mark.usefixtures("speed_machinery")  # a test of the cache: on in both runs of make test
def test_a_rebuild_with_nothing_changed_draws_nothing_and_keeps_every_picture(tmp_path, monkeypatch):
    from conftest import build, write_files

    write_files(tmp_path / "content", FILES)
    build(tmp_path, today="2026-12-02")
    pictures = {path: path.stat().st_mtime_ns for path in tmp_path.glob("output/**/*.jpg") if "share" in path.name}
    assert len(pictures) >= 6

    def refuse(sheet, fonts):
        raise AssertionError(f"drawn again: {sheet.title}")

    monkeypatch.setattr("sharing.cards.paint", refuse)
    build(tmp_path, today="2026-12-02")
    assert {path: path.stat().st_mtime_ns for path in pictures} == pictures
    monkeypatch.undo()
    (tmp_path / "content/events/2026/bal.md").write_text(event("Bal des Lilas", "2026-12-04 20:30", "status: full\n"))
    build(tmp_path, today="2026-12-02")
    assert not list((tmp_path / "output/agenda/bal").glob(pictures_of(pictures, "agenda/bal")))  # the old one swept
    assert len(list((tmp_path / "output/agenda/bal").glob("share-*.jpg"))) == 1


def pictures_of(pictures: dict[Path, int], folder: str) -> str:
    (name,) = (path.name for path in pictures if path.parent.as_posix().endswith(folder))
    return name


def _near(colour, expected: str, tolerance: int = 24) -> bool:
    wanted = Image.new("RGB", (1, 1), expected).getpixel((0, 0))
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], wanted, strict=True))


def test_the_site_picture_is_drawn_once_however_many_pages_name_it(tmp_path, monkeypatch):
    """Every listing page and past event names the site's picture, most after the drawing: each of them once
    drew it again (a tenth of a second a page)."""
    from conftest import build, write_files
    from sharing import cards

    painted = []
    real_paint = cards.paint
    monkeypatch.setattr(cards, "paint", lambda sheet, fonts: painted.append(sheet.shape) or real_paint(sheet, fonts))
    past = {f"events/2026/passe-{n}.md": event(f"Passé {n}", f"2026-10-0{n} 20:00") for n in range(1, 6)}
    write_files(tmp_path / "content", {"places/cafe.yaml": PLACE, **past})
    built = build(tmp_path, KIOSQUE_SPEED=False)
    assert painted.count("site") == 1
    assert (built.output / "agenda/passe-1/index.html").is_file()
