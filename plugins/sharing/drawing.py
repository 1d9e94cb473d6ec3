"""Text and pictures laid out on a share picture: the theme's fonts, lines wrapped then shrunk then cut with
"…" so that nothing ever passes the margins, Arabic shaped and written right to left.

Pillow shapes text with raqm (HarfBuzz and FriBidi): Arabic letters join and a line runs right to left.
One font never covers every script, so a line is cut into runs of one script (`runs`), each drawn with its
own font and direction, and the runs are put in the order the line's own direction gives."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFilter, ImageFont, ImageOps, features

# the theme's colours (theme/static/css/kiosque.css, light scheme)
INK = "#1b1a17"
MUTED = "#4f4b43"
PAPER = "#fbfaf6"
LINE = "#d8d3c7"
ACCENT = "#0a5275"
ACCENT_INK = "#ffffff"
ACCENT_SOFT = "#e3eff5"
STATUS_COLOURS = {"cancelled": "#9b1c1c", "full": "#5b2a86"}  # every other change: "#7a4600" (--changed)
CHANGED = "#7a4600"

FONT_FILES = {
    ("latin", "regular"): "NotoSans-Regular.ttf",
    ("latin", "bold"): "NotoSans-Bold.ttf",
    ("arabic", "regular"): "NotoSansArabic-Regular.ttf",
    ("arabic", "bold"): "NotoSansArabic-Bold.ttf",
}
ELLIPSIS = "…"
LAYOUT = ImageFont.Layout.RAQM
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


class Fonts:
    """The theme's fonts (vendored by `make install` under theme/vendor/fonts) at any size."""

    def __init__(self, folder: Path):
        if not features.check("raqm"):
            raise RuntimeError(
                "kiosque: drawing share pictures needs Pillow's complex text layout (raqm): install libraqm0 "
                "and libfribidi0 (Debian: apt-get install libraqm0 libfribidi0)"
            )
        self.paths = {key: folder / name for key, name in FONT_FILES.items()}
        missing = [str(path) for path in self.paths.values() if not path.is_file()]
        if missing:
            raise RuntimeError(
                f"kiosque: the share pictures' fonts are missing ({', '.join(missing)}): run make install"
            )

        self.loaded: dict[tuple[str, str, int], ImageFont.FreeTypeFont] = {}
        self.version = " ".join(f"{path.name}:{path.stat().st_size}" for path in self.paths.values())

    def get(self, script: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
        key = (script, weight, size)
        if key not in self.loaded:
            self.loaded[key] = ImageFont.truetype(str(self.paths[script, weight]), size, layout_engine=LAYOUT)
        return self.loaded[key]


def script_of(character: str) -> str | None:
    """ "arabic", "latin" (every other letter the Latin font draws), or None for what takes its
    neighbours' font (spaces, punctuation, digits)."""
    code = ord(character)
    if any(low <= code <= high for low, high in _ARABIC):
        return "arabic"
    if unicodedata.bidirectional(character) in ("L", "R"):
        return "latin"
    return None


def runs(text: str) -> list[tuple[str, str]]:
    """`text` as (script, piece) runs in logical order; neutral characters go with the run they follow."""
    found: list[tuple[str, str]] = []
    for character in text:
        script = script_of(character)
        if found and (script is None or script == found[-1][0]):
            found[-1] = (found[-1][0], found[-1][1] + character)
        elif script is None:  # neutral at the start: it takes the first letter's script
            found.append((_first_script(text), character))
        else:
            found.append((script, character))
    return found


def _first_script(text: str) -> str:
    return next((script for script in map(script_of, text) if script), "latin")


def right_to_left(text: str) -> bool:
    """Whether a paragraph runs right to left: its first letter does (Unicode's rule P2)."""
    return _first_script(text) == "arabic"


@dataclass(frozen=True)
class Style:
    """How a block of text is drawn: weight, colour, largest and smallest sizes, at most how many lines."""

    weight: str
    colour: str
    largest: int
    smallest: int
    lines: int
    spacing: float = 1.22  # line height, in sizes


@dataclass
class Laid:
    """A block laid out: its lines at one size."""

    style: Style
    size: int
    lines: list[str]

    @property
    def height(self) -> int:
        return round(self.size * self.style.spacing * len(self.lines) + self.size * _DESCENT)


SCALES = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6, 0.5, 0.4)  # of the largest sizes, tried in turn
_DESCENT = 0.45  # room under the last baseline for descenders (Arabic goes deeper than Latin)
_ARABIC_SPACING = 1.45  # Arabic letters reach higher and lower than Latin ones: more room between lines


class Painter:
    """Draws on one picture; keeps the box of every piece of text drawn (`boxes`) so tests can hold the
    margins to account."""

    def __init__(self, picture: Image.Image, fonts: Fonts):
        self.picture = picture
        self.draw = ImageDraw.Draw(picture)
        self.fonts = fonts
        self.boxes: list[tuple[int, int, int, int]] = []

    def width(self, text: str, weight: str, size: int) -> float:
        return sum(
            self.fonts.get(script, weight, size).getlength(piece, direction=_direction(script))
            for script, piece in runs(text)
        )

    def lay(self, text: str, style: Style, width: int, scale: float = 1.0) -> Laid:
        """`text` wrapped in `width` at the largest size (times `scale`) that needs no more than its lines,
        down to the smallest; what still does not fit is cut with "…"."""
        style = spacing_for(text, style)
        largest = max(style.smallest, round(style.largest * scale))
        for size in range(largest, style.smallest - 1, -2):
            lines = self.wrap(text, style.weight, size, width)
            if len(lines) <= style.lines:
                return Laid(style, size, lines)
        lines = self.wrap(text, style.weight, style.smallest, width)
        kept = lines[: style.lines - 1]
        kept.append(self.cut(" ".join(lines[style.lines - 1 :]), style.weight, style.smallest, width))
        return Laid(style, style.smallest, kept)

    def wrap(self, text: str, weight: str, size: int, width: int) -> list[str]:
        """Greedy wrapping at spaces; a word wider than the line is broken where it must be."""
        lines: list[str] = []
        current = ""
        for word in filter(None, text.split(" ")):  # never at a no-break space: "20 h 30" stays whole
            trial = f"{current} {word}" if current else word
            if self.width(trial, weight, size) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while self.width(word, weight, size) > width:
                head = self._longest_head(word, weight, size, width)
                lines.append(head)
                word = word[len(head) :]
            current = word
        if current:
            lines.append(current)
        return lines

    def cut(self, text: str, weight: str, size: int, width: int) -> str:
        """The start of `text` followed by "…", within `width`: at a space when one is near."""
        if self.width(text, weight, size) <= width:
            return text
        head = self._longest_head(text, weight, size, width - self.width(ELLIPSIS, weight, size))
        space = head.rfind(" ")
        if space > len(head) * 2 // 3:
            head = head[:space]
        return head.rstrip(" ,;:–—-") + ELLIPSIS

    def _longest_head(self, text: str, weight: str, size: int, width: float) -> str:
        low, high = 1, len(text)  # at least one character, whatever the width: the line must move on
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(text[:middle], weight, size) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low]

    def write(self, laid: Laid, left: int, top: int, width: int) -> int:
        """Draw a laid block in the box starting at (left, top), aligned to the side its text starts from;
        return the bottom of what was drawn."""
        step = laid.size * laid.style.spacing
        baseline = top + laid.size * (laid.style.spacing - 0.2)
        for line in laid.lines:
            self.line(line, laid.style.weight, laid.size, laid.style.colour, left, round(baseline), width)
            baseline += step
        return top + laid.height

    def line(self, text: str, weight: str, size: int, colour: str, left: int, baseline: int, width: int) -> None:
        """One line aligned to the side its text starts from, its ink kept within [left, left + width] (a
        glyph such as J reaches a little past where the pen starts)."""
        pieces = runs(text)
        backwards = right_to_left(text)
        if backwards:
            pieces.reverse()  # visual order of the runs; raqm orders the letters within each
        placed, x = [], 0.0
        for script, piece in pieces:
            font = self.fonts.get(script, weight, size)
            options = {"direction": _direction(script), "language": "ar" if script == "arabic" else None}
            core = piece.strip()
            # spaces between runs go on the side the line runs to: a run's start is its right in an RTL line
            before, after = len(piece) - len(piece.lstrip()), len(piece) - len(piece.rstrip())
            space = font.getlength(" ")
            x += space * (after if backwards else before)
            placed.append((x, core, font, options))
            x += font.getlength(core, direction=options["direction"]) + space * (before if backwards else after)
        if not placed:
            return
        inks = [font.getbbox(core, anchor="ls", **options) for _, core, font, options in placed]
        start = left + width - x if backwards else left  # x: the line's whole advance
        start += max(0, left - (start + placed[0][0] + inks[0][0]))
        start -= max(0, start + placed[-1][0] + inks[-1][2] - (left + width))
        for (offset, core, font, options), ink in zip(placed, inks, strict=True):
            self.draw.text((start + offset, baseline), core, font=font, fill=colour, anchor="ls", **options)
            if ink[2] > ink[0]:
                box = (start + offset + ink[0], baseline + ink[1], start + offset + ink[2], baseline + ink[3])
                self.boxes.append(tuple(round(value) for value in box))

    def stack(self, blocks: Iterable[tuple[str, Style]], left: int, top: int, width: int, height: int, gap: int,
              centred: bool = False):  # fmt: skip
        """Lay blocks one under the other in the box (in its middle when `centred`), all as large as the
        box's height allows together; at the smallest sizes, the last blocks lose lines (cut with "…")
        until they fit, then go."""
        blocks = [(text, style) for text, style in blocks if text]

        def laid_out(scale: float) -> list[Laid]:
            return [self.lay(text, style, width, scale) for text, style in blocks]

        def total(laid: list[Laid]) -> int:
            return sum(item.height for item in laid) + gap * (len(laid) - 1)

        def fits(laid: list[Laid]) -> bool:
            return total(laid) <= height

        for scale in SCALES:
            laid = laid_out(scale)
            if fits(laid):
                break
        while not fits(laid) and blocks:
            longest = max(range(len(laid)), key=lambda index: (len(laid[index].lines) > 1, index))
            text, style = blocks[longest]
            if style.lines > 1:
                blocks[longest] = (text, replace(style, lines=style.lines - 1))
            else:
                blocks.pop()
            laid = laid_out(SCALES[-1])
        y = top + (height - total(laid)) // 2 if centred else top
        for item in laid:
            y = self.write(item, left, y, width) + gap
        return y - gap

    def band(self, text: str, colour: str, box: tuple[int, int, int, int], size: int) -> None:
        """A full band of colour with its words in white, centred: what a status says on the picture."""
        self.draw.rectangle(box, fill=colour)
        left, top, right, bottom = box
        inner = right - left - 2 * size
        laid = self.lay(text.upper(), Style("bold", ACCENT_INK, size, size * 2 // 3, 1), inner)
        line_width = self.width(laid.lines[0], "bold", laid.size)
        baseline = (top + bottom) // 2 + round(laid.size * 0.36)
        self.line(
            laid.lines[0], "bold", laid.size, ACCENT_INK, round(left + (right - left - line_width) / 2), baseline, inner
        )


def _direction(script: str) -> str:
    return "rtl" if script == "arabic" else "ltr"


def spacing_for(text: str, style: Style) -> Style:
    """The style with room between lines for the script of `text`."""
    if any(script_of(character) == "arabic" for character in text):
        return Style(style.weight, style.colour, style.largest, style.smallest, style.lines, _ARABIC_SPACING)
    return style


def fitted(source: Path, size: tuple[int, int]) -> Image.Image:
    """A picture filling `size`: cropped about its centre when its shape is near, else whole on a blurred
    copy of itself (a poster keeps its words). A phone photo is decoded at the smallest scale that still
    covers `size` (JPEG's draft mode) and shrunk in two steps: a fraction of the time, the same look."""
    width, height = size
    with Image.open(source) as opened:
        turned = opened.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8)  # a quarter turn to come
        opened.draft("RGB", (height, width) if turned else size)
        picture = ImageOps.exif_transpose(opened.convert("RGB"))
    ratio = (picture.width / picture.height) / (width / height)
    if 0.75 <= ratio <= 1.33:
        return _shrunk(picture, size, _centred(picture.size, width / height))
    scale = min(width / picture.width, height / picture.height)
    front = _shrunk(picture, (max(1, round(picture.width * scale)), max(1, round(picture.height * scale))))
    small = _shrunk(front, (width // 12, height // 12), _centred(front.size, width / height))
    back = small.filter(ImageFilter.GaussianBlur(3)).resize(size, Image.Resampling.BICUBIC)
    back.paste(front, ((width - front.width) // 2, (height - front.height) // 2))
    return back


def _centred(size: tuple[int, int], shape: float) -> tuple[int, int, int, int]:
    """The largest box of `shape` (width / height) in a picture of `size`, a little above its centre where
    faces and titles usually are."""
    width, height = size
    if width / height > shape:
        cut = round(height * shape)
        return ((width - cut) // 2, 0, (width - cut) // 2 + cut, height)
    cut = round(width / shape)
    top = round((height - cut) * 0.4)
    return (0, top, width, top + cut)


def _shrunk(picture: Image.Image, size: tuple[int, int], box=None) -> Image.Image:
    return picture.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)
