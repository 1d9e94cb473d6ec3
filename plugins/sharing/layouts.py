"""Where each thing goes on a share picture, for each shape: the link preview (1200×630), the kit's square
(1080×1080) and vertical story (1080×1920), a day of the weekly carousel (1080×1080), the site's own.

A `Sheet` holds everything a picture shows, so that its hash names the file and keys the cache; `paint`
draws it. The look is the theme's: paper background, the accent's bar on the left like an event in a
list, a status band in the status's colour, the site's name at the foot."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from sharing.drawing import ACCENT, ACCENT_INK, INK, LINE, MUTED, PAPER, Fonts, Painter, Style, fitted

SHAPES = {"wide": (1200, 630), "square": (1080, 1080), "story": (1080, 1920), "day": (1080, 1080), "site": (1200, 630)}


@dataclass(frozen=True)
class Entry:
    """One event on a day's picture."""

    time: str
    title: str
    place: str
    status: tuple[str, str] | None = None  # (words, colour)


@dataclass(frozen=True)
class Sheet:
    """What one picture shows."""

    shape: str  # a key of SHAPES
    title: str
    details: tuple[str, ...] = ()  # under the title: when, then where (or a collection, an author)
    status: tuple[str, str] | None = None  # (words, colour) of the band
    picture: Path | None = field(default=None, repr=False, compare=False)  # the contribution's own, under content/
    picture_digest: str = ""  # what the picture is: its bytes' hash (the repr names the sheet, not its path)
    brand: str = ""  # the site's name, at the foot
    entries: tuple[Entry, ...] = ()  # a day's events

    @property
    def size(self) -> tuple[int, int]:
        return SHAPES[self.shape]


@dataclass(frozen=True)
class Frame:
    """The measures of one shape: margin, picture's height (on top, or on the right for "wide"), status
    band's height, the styles of the title and of each detail, and the foot's size."""

    margin: int
    picture: int
    band: int
    title: Style
    details: tuple[Style, ...]
    brand: int


FRAMES = {
    "wide": Frame(
        56,
        480,
        84,
        Style("bold", INK, 62, 32, 3),
        (Style("bold", ACCENT, 36, 24, 2), Style("regular", MUTED, 32, 22, 2)),
        28,
    ),
    "square": Frame(
        72,
        520,
        104,
        Style("bold", INK, 84, 44, 4),
        (Style("bold", ACCENT, 50, 32, 2), Style("regular", MUTED, 44, 30, 2)),
        38,
    ),
    "story": Frame(
        84,
        1000,
        132,
        Style("bold", INK, 110, 56, 5),
        (Style("bold", ACCENT, 64, 40, 3), Style("regular", MUTED, 54, 36, 3)),
        50,
    ),
}
BAR = 16  # the accent's bar on the left


def paint(sheet: Sheet, fonts: Fonts) -> Painter:
    """The picture drawn, in a painter that knows where its text went."""
    painter = Painter(Image.new("RGB", sheet.size, PAPER), fonts)
    if sheet.shape == "day":
        _day(painter, sheet)
    elif sheet.shape == "site":
        _site(painter, sheet)
    else:
        _card(painter, sheet, FRAMES[sheet.shape])
    return painter


def jpeg(picture: Image.Image) -> bytes:
    """JPEG as messaging apps take it: no metadata, well under WhatsApp's 300 KB. Baseline, not progressive: the
    apps fetch it whole before showing it, and progressive encoding was a third of the drawing's time."""
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _card(painter: Painter, sheet: Sheet, frame: Frame) -> None:
    width, height = sheet.size
    margin, wide = frame.margin, sheet.shape == "wide"
    left, right, top = BAR + margin, width - margin, margin
    if sheet.picture is not None:
        if wide:  # on the right, the whole height
            shown = fitted(sheet.picture, (frame.picture, height))
            painter.picture.paste(shown, (width - frame.picture, 0))
            right = width - frame.picture - margin
        else:  # on top, the whole width
            painter.picture.paste(fitted(sheet.picture, (width, frame.picture)), (0, 0))
            top = frame.picture + margin
    painter.draw.rectangle((0, 0, BAR - 1, height), fill=ACCENT)
    if sheet.status is not None:
        words, colour = sheet.status
        band_top = 0 if sheet.picture is None or wide else frame.picture - frame.band
        painter.band(words, colour, (0, band_top, width, band_top + frame.band), round(frame.band * 0.5))
        if sheet.picture is None or wide:
            top = frame.band + margin
    foot = height - margin
    _brand(painter, sheet.brand, frame.brand, left, foot, right - left)
    blocks = [(sheet.title, frame.title), *zip(sheet.details, frame.details)]
    centred = sheet.picture is None and not wide  # a tall picture of words only: in its middle
    painter.stack(blocks, left, top, right - left, foot - frame.brand * 3 - top, round(frame.brand * 0.8), centred)


def _brand(painter: Painter, name: str, size: int, left: int, baseline: int, width: int) -> None:
    """The site's name at the foot, the same on every picture of a shape: drawn once on the bare paper, then its
    strip is pasted (a busy region's 8,000 pictures spent an eighth of their drawing on it). Nothing else is drawn
    in that strip, so the picture is the same as if the name were drawn on it each time (tested)."""
    key = (name, size, left, baseline, width, painter.picture.size, painter.fonts.version)
    if key not in _BRANDS:
        bare = Painter(Image.new("RGB", painter.picture.size, PAPER), painter.fonts)
        draw_brand(bare, name, size, left, baseline, width)
        strip = (left, baseline - size * 2, left + width + 1, min(painter.picture.height, baseline + size))
        _BRANDS[key] = (bare.picture.crop(strip), strip[:2], bare.boxes)
    piece, corner, boxes = _BRANDS[key]
    painter.picture.paste(piece, corner)
    painter.boxes += boxes


def draw_brand(painter: Painter, name: str, size: int, left: int, baseline: int, width: int) -> None:
    """The site's name at the foot, in the accent, over a short rule."""
    painter.draw.rectangle((left, baseline - size * 2, left + size * 3, baseline - size * 2 + size // 6), fill=ACCENT)
    laid = painter.lay(name, Style("bold", ACCENT, size, size * 3 // 4, 1), width)  # shrunk a little, then cut
    painter.line(laid.lines[0], "bold", laid.size, ACCENT, left, baseline, width)


_BRANDS: dict[tuple, tuple[Image.Image, tuple[int, int], list]] = {}  # the site's name's strip, by where it goes


def _site(painter: Painter, sheet: Sheet) -> None:
    width, height = sheet.size
    margin = 72
    painter.draw.rectangle((0, 0, width, 22), fill=ACCENT)
    painter.draw.rectangle((0, 0, BAR - 1, height), fill=ACCENT)
    left = BAR + margin
    blocks = [(sheet.title, Style("bold", INK, 104, 56, 2)), (sheet.details[0], Style("regular", MUTED, 48, 30, 3))]
    painter.stack(blocks, left, 22 + margin, width - left - margin, height - 22 - 2 * margin - 60, 28)
    if len(sheet.details) > 1:  # the site's address
        painter.line(painter.cut(sheet.details[1], "bold", 34, width - left - margin), "bold", 34, ACCENT, left,
                     height - margin, width - left - margin)  # fmt: skip


def _day(painter: Painter, sheet: Sheet) -> None:
    """A day's events as a list: the day on the accent, then each event's time, title and place."""
    width, height = sheet.size
    margin, head = 72, 196
    left, inner = BAR + margin, width - BAR - 2 * margin
    painter.draw.rectangle((0, 0, width, head), fill=ACCENT)
    painter.draw.rectangle((0, 0, BAR - 1, height), fill=ACCENT)
    painter.write(painter.lay(sheet.title, Style("bold", ACCENT_INK, 72, 40, 1), inner), left, 52, inner)
    foot = height - margin
    _brand(painter, sheet.brand, 34, left, foot, inner)
    bottom = foot - 34 * 2 - 24  # above the foot's rule
    y, shown = head + 40, 0
    for entry in sheet.entries:
        said = f"{entry.time} · {entry.status[0].upper()}" if entry.status else entry.time
        time = painter.lay(said, Style("bold", entry.status[1] if entry.status else ACCENT, 38, 28, 1), inner)
        title = painter.lay(entry.title, Style("bold", INK, 46, 34, 2), inner)
        place = painter.lay(entry.place, Style("regular", MUTED, 34, 28, 1), inner)
        parts = [time, title] + ([place] if entry.place else [])
        needed = sum(part.height for part in parts) + 12
        more = len(sheet.entries) - shown - 1
        if y + needed > bottom - (60 if more else 0):
            break
        if shown:
            painter.draw.line((left, y - 18, left + inner, y - 18), fill=LINE, width=2)
        for part in parts:
            y = painter.write(part, left, y, inner)
        y += 36
        shown += 1
    if shown < len(sheet.entries):
        rest = f"+ {len(sheet.entries) - shown}"
        painter.line(rest, "bold", 40, MUTED, left + inner - round(painter.width(rest, "bold", 40)), bottom, inner)
