"""A contributor's picture as the site publishes it: upright, in screen colours, without any metadata, and
in a few widths, so that a phone never downloads a 6 MB photo to show it 400 pixels wide.

Everything a camera or an editor writes in a file goes: EXIF (the camera, the date, the GPS position of the
contributor's home), XMP, comments and the colour profile. The orientation EXIF gives is applied first
(`exif_transpose`), and a picture with a profile (a CMYK print file, Adobe RGB) is converted to sRGB before
the profile is dropped, since browsers read a picture without one as sRGB. A 16-bit picture becomes 8 bits
(screens show no more), an animated one its first frame, a transparent one keeps its transparency in WebP
and is laid on white in JPEG, which has none.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

from contributions import PIXEL_LIMIT

WIDTHS = (480, 960, 1440)  # a phone, a phone at 2x or a laptop, a large screen at 2x
FORMATS = (("webp", "WEBP"), ("jpg", "JPEG"))  # WebP first: 30% lighter; JPEG for the browsers without it
QUALITY = 80  # both formats: no difference a reader sees on a photo, half the weight of 95
# Hamming's filter, not Lanczos': as sharp to the eye when shrinking a photo, in half the time. With WebP's
# fastest method and baseline JPEG, a 1600-pixel photo's six files take half of what they took (0.2 s): a site of
# 10,000 contributions has 900 photos to convert on its first build
RESAMPLE = Image.Resampling.HAMMING
_SRGB = ImageCms.createProfile("sRGB")
# what each kept format of a picture that no contribution shows is saved as (its own name stays)
_SAVED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "WEBP", "AVIF": "AVIF"}


@dataclass(frozen=True)
class Variant:
    """One file the build made of a picture: its width and height, and its bytes."""

    width: int
    height: int
    extension: str  # webp, jpg
    content: bytes


def widths(original: int) -> list[int]:
    """The widths published of a picture `original` pixels wide: never wider than it (a picture enlarged
    only weighs more), at most the largest of `WIDTHS`."""
    return sorted({width for width in WIDTHS if width < original} | {min(original, WIDTHS[-1])})


def light(source: bytes) -> list[Variant]:
    """Every published variant of the picture `source` (the bytes of a file `static_files.judge` accepted)."""
    picture = screen_ready(source, WIDTHS[-1])
    variants = []
    resized = picture
    for width in reversed(widths(picture.width)):  # each from the one above it: a third of the resampling
        height = max(1, round(picture.height * width / picture.width))
        if width != resized.width:
            resized = resized.resize((width, height), RESAMPLE)
        for extension, format in FORMATS:
            variants.append(Variant(width, height, extension, _encoded(resized, format)))
    return variants[::-1]


def stripped(source: bytes) -> bytes:
    """The picture `source` at its own size and in its own format (a GIF as a PNG of its first frame: the
    browser reads the bytes, not the name), with nothing but its pixels: for the pictures the site's own
    pages link (`{static}`), which keep their address."""
    with Image.open(io.BytesIO(source)) as opened:
        format = opened.format
    return _encoded(screen_ready(source), _SAVED_AS.get(format, "PNG"))


def screen_ready(source: bytes, largest: int | None = None) -> Image.Image:
    """The first frame of `source`, upright, in 8-bit sRGB (RGB, or RGBA when it has transparency), with
    no metadata left in `info`; a JPEG decoded at the smallest scale still `largest` pixels on each side
    (its decoder shrinks by 2, 4 or 8 at once: four to ten times faster)."""
    with Image.open(io.BytesIO(source)) as opened:
        if opened.width * opened.height > PIXEL_LIMIT:  # the check refuses it: never allocated, even here
            raise Image.DecompressionBombError(f"{opened.width}x{opened.height}")
        opened.seek(0)
        if largest:
            opened.draft(opened.mode, (largest, largest))
        profile = opened.info.get("icc_profile")
        picture = ImageOps.exif_transpose(opened)
    transparent = picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
    picture = _eight_bits(picture)
    mode = "RGBA" if transparent else "RGB"
    if profile:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            picture = ImageCms.profileToProfile(picture, source_profile, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):  # a damaged profile: the colours as they are
            picture = picture.convert(mode)
    else:
        picture = picture.convert(mode)
    picture.info = {}
    return picture


def _eight_bits(picture: Image.Image) -> Image.Image:
    """16-bit and 32-bit grey (modes I;16, I) scaled to 8 bits; Pillow's own conversion would clip them."""
    if picture.mode.startswith("I;16") or picture.mode == "I":
        top = 65535 if picture.mode.startswith("I;16") or (picture.getextrema()[1] or 0) > 255 else 255
        return picture.convert("I").point(lambda value: value * (255 / top)).convert("L")
    if picture.mode == "F":
        return picture.convert("L")
    return picture


def _encoded(picture: Image.Image, format: str) -> bytes:
    if format == "JPEG" and picture.mode == "RGBA":  # JPEG has no transparency: on white, as pages are
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    out = io.BytesIO()
    options = {"quality": QUALITY} if format in ("JPEG", "WEBP", "AVIF") else {}
    if format == "JPEG":
        options.update(optimize=True)  # progressive would cost three times as much for 10% fewer bytes
    if format == "WEBP":
        options.update(method=0)  # a fifth of the time of the default (4) for 4% more bytes
    picture.save(out, format, **options)
    return out.getvalue()
