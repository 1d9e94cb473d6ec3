"""What Apple Podcasts refuses in a story collection's podcast, made at build time into what it takes: a
square cover of 1400 to 3000 pixels from the collection's picture, and an MP3 copy of each WAV recording
(`static_files` says what Apple takes; `contributions.checking.podcast_notes` tells the curators).

Each conversion is kept in the content cache (`speed.store`) under a hash of the file's bytes and of the
build's code and the encoder's version: a rebuild neither encodes nor draws again, and gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import wave
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import lameenc
import mutagen
import mutagen.mp3
from PIL import Image, ImageFilter, ImageOps

from contributions import (
    PODCAST_COVER_SIDES,
    PODCAST_RECORDINGS,
    judge,
    podcast_convertible,
    podcast_takes_cover,
    recording_format,
)
from publishing.pelican_files import PICTURE_FILES, PUBLISHED
from speed.store import Store

_FRAMES = 1 << 16  # frames of a WAV read and encoded at a time: an hour of recording never sits in memory
_KBPS_PER_CHANNEL = 64  # speech: 64 kbit/s a channel is clear, and the most MPEG-2.5 (8 to 12 kHz) allows


@dataclass(frozen=True)
class Recording:
    """A recording as a podcast app fetches it: the path of the site's file, its bytes' type and size."""

    path: str  # relative to the output folder (a copy the build made) or to content/ (the file itself)
    type: str
    size: int
    seconds: float | None


class PodcastFiles:
    """The conversions of one build; `written` holds the files it made, to be written into the output."""

    def __init__(self, settings: dict, content: Path):
        self.content = content
        self.published: dict[str, bool] = settings.get(PUBLISHED, {})  # the check's verdicts (`pelican_files`)
        self.settings = settings  # its light copies of pictures (`pictures`), once made
        self.store = Store(settings, "podcast")
        self.written: dict[str, bytes] = {}

    def cover(self, src: str, stem: str) -> str | None:
        """The path of a cover Apple takes: the picture `src` as published when Apple takes it (its largest
        light copy, `pictures`: a square JPEG of 1400 to 1440 pixels; else the file itself), else a square copy
        named `stem` and a hash of its bytes (Apple fetches a cover again only when its address changes); None
        when the site does not publish `src`."""
        if not self._published(src):
            return None
        if podcast_takes_cover(self.content / src) and src.endswith((".jpg", ".png")):  # Apple reads the type there
            light_copies = self.settings.get(PICTURE_FILES)
            return src if light_copies is None else light_copies.get(src)
        square = self._from_store("cover", self.content / src, square_cover)
        target = f"{stem}-{hashlib.blake2b(square, digest_size=4).hexdigest()}.jpg"
        self.written[target] = square
        return target

    def recording(self, src: str) -> Recording | None:
        """The site's recording `src` as the podcast serves it: a WAV as an MP3 copy; None when it cannot be read."""
        source = self.content / src
        found = recording_format(source) if self._published(src) else ""
        if not found:
            return None
        if podcast_convertible(source):
            target = f"feeds/{PurePosixPath(src).with_suffix('.mp3')}"
            mp3 = self.written[target] = self._from_store("mp3", source, mp3_of_wav)
            return Recording(
                target, PODCAST_RECORDINGS["MP3"], len(mp3), _seconds(lambda: mutagen.mp3.MP3(io.BytesIO(mp3)))
            )
        kind = PODCAST_RECORDINGS.get(found) or _TYPES.get(found, "application/octet-stream")
        return Recording(src, kind, source.stat().st_size, _seconds(lambda: mutagen.File(source)))

    def _published(self, src: str) -> bool:
        """Whether the build publishes the site's file `src`: only those are opened, whatever a field says."""
        known = self.published.get(src)
        return judge(self.content / src) is None if known is None else known

    def save(self) -> None:
        self.store.save()

    def _from_store(self, name: str, source: Path, make) -> bytes:
        if not self.store.in_use:
            return make(source)
        hashed = hashlib.blake2b(digest_size=20)
        with source.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                hashed.update(block)
        return self.store.get(lambda: make(source), name, hashed.hexdigest())


# the types of what the build does not convert, for the podcast apps other than Apple's
_TYPES = {
    "Ogg Vorbis": "audio/ogg",
    "Ogg Opus": "audio/ogg",
    "Ogg FLAC": "audio/ogg",
    "Ogg Speex": "audio/ogg",
    "FLAC": "audio/flac",
    "AAC": "audio/aac",
    "WebM": "audio/webm",
    "WAV": "audio/wav",
}


def _seconds(read) -> float | None:
    """A recording's length as mutagen `read()`s it (None for WebM, which it does not read)."""
    try:
        found = read()
    except Exception:  # each reader raises its own errors; the check has judged the file already
        return None
    return found.info.length if found is not None else None


def square_cover(source: Path) -> bytes:
    """A square JPEG of 1400 to 3000 pixels: the picture whole, undistorted, on a blurred copy of itself."""
    with Image.open(source) as opened:
        picture = ImageOps.exif_transpose(opened).convert("RGB")
    low, high = PODCAST_COVER_SIDES
    side = min(high, max(low, *picture.size))
    canvas = ImageOps.fit(picture, (side, side)).filter(ImageFilter.GaussianBlur(side // 25))
    front = ImageOps.contain(picture, (side, side), Image.Resampling.LANCZOS)
    canvas.paste(front, ((side - front.width) // 2, (side - front.height) // 2))
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def mp3_of_wav(source: Path) -> bytes:
    """An MP3 of a PCM WAV recording (8 to 32 bits, mono or stereo), encoded by LAME."""
    with wave.open(str(source), "rb") as sound:
        channels, width, rate = sound.getnchannels(), sound.getsampwidth(), sound.getframerate()
        encoder = lameenc.Encoder()
        encoder.set_in_sample_rate(rate)
        encoder.set_channels(channels)
        encoder.set_bit_rate(_KBPS_PER_CHANNEL * (channels if rate >= 16000 else 1))
        encoder.set_quality(2)
        out = bytearray()
        while frames := sound.readframes(_FRAMES):
            out += encoder.encode(_sixteen_bits(frames, width))
    return bytes(out + encoder.flush())


_FLIP_SIGN = bytes(value ^ 0x80 for value in range(256))


def _sixteen_bits(frames: bytes, width: int) -> bytes:
    """PCM samples of `width` bytes as the signed 16-bit samples LAME reads: 8-bit WAV is unsigned, wider
    samples keep their two most significant bytes (WAV is little-endian)."""
    if width == 2:
        return frames
    out = bytearray(len(frames) // width * 2)
    if width == 1:
        out[1::2] = frames.translate(_FLIP_SIGN)
    else:
        out[0::2], out[1::2] = frames[width - 2 :: width], frames[width - 1 :: width]
    return bytes(out)
