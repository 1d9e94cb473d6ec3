"""Uploaded pictures and recordings: what a file is comes from its content, never from its name.

Pictures are decoded and re-encoded with Pillow: what is published is new pixels only, without the
EXIF block (GPS position, camera serial number), comments or colour profiles of the original. The
picture is first turned upright, since the orientation tag goes away with the rest.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a poster
MAX_SIDE = 2400  # larger pictures are scaled down: the site's pages never show more


class UploadError(ValueError):
    """A refused upload; `code` names the sentence shown beside the field."""

    def __init__(self, code: str, **context) -> None:
        super().__init__(code)
        self.code = code
        self.context = context


@dataclass(frozen=True)
class Upload:
    data: bytes
    extension: str
    mime: str


def picture(data: bytes, max_bytes: int) -> Upload:
    """A JPEG (or PNG when the picture has transparency) made afresh from the uploaded picture's pixels."""
    if len(data) > max_bytes:
        raise UploadError("upload_too_large", limit_mb=_megabytes(max_bytes))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as original:
                if original.format not in ("JPEG", "PNG", "WEBP", "GIF"):
                    raise UploadError("picture_type")
                if original.width * original.height > MAX_PIXELS:
                    raise UploadError("picture_too_big")
                image = ImageOps.exif_transpose(original)
                image.thumbnail((MAX_SIDE, MAX_SIDE))
                transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                clean = Image.new("RGBA" if transparent else "RGB", image.size)
                clean.paste(image.convert(clean.mode))  # pixels only: no info, no EXIF, no ICC profile
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):  # a few kB that would fill the memory
        raise UploadError("picture_too_big") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise UploadError("picture_type") from None
    output = io.BytesIO()
    if transparent:
        clean.save(output, "PNG", optimize=True)
        return Upload(output.getvalue(), ".png", "image/png")
    clean.save(output, "JPEG", quality=85, optimize=True, progressive=True)
    return Upload(output.getvalue(), ".jpg", "image/jpeg")


# (test on the first bytes, extension, type) of the recordings a podcast app plays
_RECORDINGS = (
    (lambda head: head[:3] == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0), ".mp3", "audio/mpeg"),
    (lambda head: head[:4] == b"OggS", ".ogg", "audio/ogg"),
    (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE", ".wav", "audio/wav"),
    (lambda head: head[:4] == b"fLaC", ".flac", "audio/flac"),
    (lambda head: head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"mp4", b"iso", b"M4B"), ".m4a", "audio/mp4"),
)


def recording(data: bytes, max_bytes: int) -> Upload:
    if len(data) > max_bytes:
        raise UploadError("upload_too_large", limit_mb=_megabytes(max_bytes))
    head = data[:16]
    if len(head) >= 12:
        for test, extension, mime in _RECORDINGS:
            if test(head):
                return Upload(data, extension, mime)
    raise UploadError("recording_type")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g}"
