"""Which files of the static folders (content/images, content/media) are published: genuine pictures and
recordings, nothing else.

A web host serves a file with the type its name says. An .html, .xhtml or .svg file committed among the
pictures would run its script on the site's own address when opened, and a .jpg that is really a web page
(or a .mp3 that is really a picture) is at best a broken file. So a file is published only when its name
ends in an accepted extension and its bytes are what that extension says: pictures opened and verified
by Pillow, recordings recognised by their first bytes and read by mutagen (WebM by its header alone).
SVG is refused whatever it holds: a drawing can carry a script.

`make check` and the build's warnings (`collect.harvest`) and the files Pelican copies (`pelican_files`)
all ask `judge`, so they always agree. It reads headers only (Pillow's `verify`, mutagen's stream info),
so judging every file at each build stays cheaper than hashing them to remember the verdict.

A picture is refused, and left out of the pages that show it (which are still published), when the build
could not make a light copy of it (`pictures.variants`): Pillow cannot open it, it is cut short (a JPEG
whose segments do not reach its end marker, a GIF whose first frame does not decode: decoding every photo
at each build would cost seconds), it has more pixels than `PIXEL_LIMIT` (a "decompression bomb": a
20,000 x 20,000 PNG weighs a few kilobytes and would take 1.2 GB to decode; its size is read from the
header, nothing is decoded), or its file is heavier than the site's limit (`KIOSQUE_PICTURE_MAX_MB`).
What the build converts is published with a note (`picture_notes`), since the contributor can do nothing
better with it and readers lose nothing: a CMYK picture (a print file) becomes sRGB, a 16-bit one 8 bits,
an animated GIF or WebP its first frame (pages play no animation: it distracts and weighs).
"""

from __future__ import annotations

import os
import re
import stat
import warnings
import wave as pcm_wave  # Python's reader of PCM samples (mutagen's `wave` reads headers)
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mutagen import aac, flac, mp3, mp4, oggflac, oggopus, oggspeex, oggvorbis, wave
from PIL import Image

from contributions.checking import messages
from contributions.site import DEFAULT_PICTURE_MAX_BYTES

# extension -> the formats (as `_sniff` names them) a file of that name may hold
PICTURES = {
    "jpg": ("JPEG", "MPO"),
    "jpeg": ("JPEG", "MPO"),
    "png": ("PNG",),
    "gif": ("GIF",),
    "webp": ("WEBP",),
    "avif": ("AVIF",),
}
_OGG = ("Ogg Vorbis", "Ogg Opus", "Ogg FLAC", "Ogg Speex")
RECORDINGS = {
    "mp3": ("MP3",),
    "ogg": _OGG,
    "oga": _OGG,
    "opus": ("Ogg Opus",),
    "wav": ("WAV",),
    "flac": ("FLAC",),
    "m4a": ("MP4",),
    "mp4": ("MP4",),
    "aac": ("AAC",),
    "webm": ("WebM",),
}
ACCEPTED = {**PICTURES, **RECORDINGS}
_SHOWN = {"JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP"}  # how a format is named to contributors
_RIGHT_EXTENSION = {
    "JPEG": "jpg",
    "MPO": "jpg",
    "PNG": "png",
    "GIF": "gif",
    "WEBP": "webp",
    "AVIF": "avif",
    "MP3": "mp3",
    "Ogg Vorbis": "ogg",
    "Ogg Opus": "opus",
    "Ogg FLAC": "ogg",
    "Ogg Speex": "ogg",
    "WAV": "wav",
    "FLAC": "flac",
    "MP4": "mp4",
    "AAC": "aac",
    "WebM": "webm",
}
_RECORDING_NAMES = {"ogg": "Ogg", "oga": "Ogg", "opus": "Opus"}  # what a name promises, when several formats fit
_READERS = {
    "MP3": mp3.MP3,
    "Ogg Vorbis": oggvorbis.OggVorbis,
    "Ogg Opus": oggopus.OggOpus,
    "Ogg FLAC": oggflac.OggFLAC,
    "Ogg Speex": oggspeex.OggSpeex,
    "WAV": wave.WAVE,
    "FLAC": flac.FLAC,
    "MP4": mp4.MP4,
    "AAC": aac.AAC,
}
_HEAD = 4096  # bytes read to recognise a file
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")  # in coded pixels, FF is followed by 00, a restart or FF
# What Apple Podcasts takes (its "Podcaster's Guide to RSS"): recordings in MP3 or AAC in MP4 (.m4a), and a
# square cover of 1400 to 3000 pixels, JPEG or PNG, in RGB. The build converts WAV (`feeds.podcast_files`).
PODCAST_RECORDINGS = {"MP3": "audio/mpeg", "MP4": "audio/x-m4a"}
PODCAST_COVER_SIDES = (1400, 3000)
PIXEL_LIMIT = 50_000_000  # a 48-megapixel phone photo passes; more is refused before anything is decoded
_HTML_TAGS = (
    "<html",
    "<!doctype html",
    "<head",
    "<body",
    "<script",
    "<iframe",
    "<object",
    "<embed",
    "<meta",
    "<a ",
    "<img",
    "<div",
    "<form",
    "<style",
    "<link",
    "<title",
    "<base",
    "<frameset",
)


@dataclass(frozen=True)
class Found:
    """What a file holds, as told to contributors: a message code and the format it names."""

    code: str  # found_picture, found_recording, found_html, found_svg, found_text...
    format: str = ""

    def render(self, language: str) -> str:
        return messages.render(self.code, language, format=_SHOWN.get(self.format, self.format))


@dataclass(frozen=True)
class Refusal:
    """Why a file of the static folders is not published."""

    code: str
    found: Found | None = None
    extension: str = ""
    size_mb: str = ""  # a file too heavy: its weight and the limit, in megabytes
    limit_mb: str = ""

    def message(self, language: str) -> str:
        return messages.render(
            self.code,
            language,
            extension=self.extension,
            found=self.found.render(language) if self.found else "",
            expected=_expected(self.extension).render(language) if self.extension in ACCEPTED else "",
            right=_RIGHT_EXTENSION.get(self.found.format, "") if self.found else "",
            pictures=", ".join(f".{name}" for name in PICTURES),
            recordings=", ".join(f".{name}" for name in RECORDINGS),
            limit=PIXEL_LIMIT // 1_000_000,
            size_mb=self.size_mb,
            limit_mb=self.limit_mb,
        )


def judge(path: Path | str, picture_max_bytes: int = DEFAULT_PICTURE_MAX_BYTES) -> Refusal | None:
    """None when the file at `path` may be published, else why not. Never follows a link."""
    extension = os.path.splitext(str(path))[1][1:].lower()
    try:
        handle = _open(path)
    except OSError:
        return Refusal("static_unreadable")
    with handle:
        found = _sniff(handle)
        allowed = ACCEPTED.get(extension)
        if found.format in (allowed or ()):
            size = os.fstat(handle.fileno()).st_size
            if found.code == "found_picture" and size > picture_max_bytes:
                return Refusal("static_heavy", found, extension, _megabytes(size), _megabytes(picture_max_bytes))
            handle.seek(0)
            return _verified(handle, found, extension)
    if found.code == "found_svg" or extension == "svg":
        return Refusal("static_svg")
    if found.format in _RIGHT_EXTENSION:  # a picture or recording under another name
        return Refusal("static_rename", found, extension)
    if allowed:
        return Refusal("static_mismatch", found, extension)
    return Refusal("static_refused", found, extension)


def recording_format(path: Path | str) -> str:
    """The format a published recording holds ('MP3', 'WAV'...), as its bytes say; '' when unreadable."""
    try:
        with _open(path) as handle:
            found = _sniff(handle)
    except (OSError, ValueError):  # no such file; a path no file can have (a NUL)
        return ""
    return found.format if found.code == "found_recording" else ""


def podcast_convertible(path: Path | str) -> bool:
    """Whether the build can make an MP3 of this recording for podcast apps: a WAV of PCM samples (what
    Python's `wave` reads), mono or stereo (what LAME encodes)."""
    if recording_format(path) != "WAV":
        return False
    try:
        with pcm_wave.open(str(path), "rb") as sound:
            return sound.getnchannels() <= 2
    except (pcm_wave.Error, EOFError, OSError):  # floating-point samples, WAVE_FORMAT_EXTENSIBLE (before Python 3.12)
        return False


def podcast_takes_cover(path: Path | str) -> bool:
    """Whether Apple Podcasts takes this published picture as a cover as it is: square, 1400 to 3000
    pixels, JPEG or PNG, in RGB."""
    try:
        with _open(path) as handle, Image.open(handle) as picture:
            width, height = picture.size
            return (
                picture.format in ("JPEG", "PNG")
                and picture.mode == "RGB"
                and width == height
                and PODCAST_COVER_SIDES[0] <= width <= PODCAST_COVER_SIDES[1]
            )
    except Exception:  # not a picture Pillow opens: a file the check refuses anyway
        return False


def _open(path: Path | str) -> BinaryIO:
    """The file for reading, refusing a link and anything that is not an ordinary file (a FIFO would
    wait forever)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError("not an ordinary file")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _verified(handle: BinaryIO, found: Found, extension: str) -> Refusal | None:
    """A file whose first bytes are what its extension says, read further by the library that knows it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's and mutagen's remarks are not for contributors
            if found.code == "found_picture":
                with Image.open(handle, formats=PICTURES[extension]) as picture:
                    if picture.width * picture.height > PIXEL_LIMIT:
                        return Refusal("static_huge", found, extension)
                    _whole(picture, handle)
            else:
                _read_recording(handle, found.format)
    except Image.DecompressionBombError:
        return Refusal("static_huge", found, extension)
    except Exception:  # each library raises its own kinds of error for a damaged file
        return Refusal("static_damaged", found, extension)
    return None


def _whole(picture: Image.Image, handle: BinaryIO) -> None:
    """Raises when the picture is damaged or cut short (see the module's docstring for what is read)."""
    if picture.format in ("JPEG", "MPO"):
        handle.seek(-2, os.SEEK_END)  # most photos end with their end marker, which no cut file can end with
        if handle.read() != b"\xff\xd9":
            handle.seek(0)
            if not _jpeg_complete(handle.read()):
                raise OSError("a JPEG cut short")
    if picture.format == "GIF":
        picture.load()  # its first frame: the one pages show
    else:
        picture.verify()


def _jpeg_complete(data: bytes) -> bool:
    """Whether a JPEG reaches its End Of Image marker: its segments walked by their lengths, the coded pixels
    of each scan searched for the next marker. What follows the end (a phone's motion video, a maker's trailer,
    the second picture of an MPO) is not read: it ends in no way that tells."""
    position = 2  # after Start Of Image
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xD9:
            return True
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:  # a fill byte; a marker without length
            position += 1 if marker == 0xFF else 2
            continue
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == 0xDA:  # Start Of Scan: coded pixels up to the next marker
            found = _JPEG_MARKER.search(data, position)
            if found is None:
                return False
            position = found.start()
    return data[position : position + 2] == b"\xff\xd9"


def picture_notes(path: Path | str) -> list[str]:
    """The message codes of what the build converts in a picture `judge` accepted (see the module's docstring)."""
    try:
        with warnings.catch_warnings(), _open(path) as handle, Image.open(handle) as picture:
            warnings.simplefilter("ignore")
            notes = ["picture_cmyk"] if picture.mode == "CMYK" else []
            if picture.mode.startswith("I;16") or picture.mode in ("I", "F") or _sixteen_bit_png(picture):
                notes.append("picture_16_bits")
            if getattr(picture, "n_frames", 1) > 1:
                notes.append("picture_animated")
            return notes
    except Exception:  # judged already: nothing to add
        return []


def _sixteen_bit_png(picture: Image.Image) -> bool:
    """Pillow reads a 16-bit colour PNG as 8-bit RGB(A) at once: its header says what the file holds."""
    return picture.format == "PNG" and picture.png is not None and picture.png.im_rawmode.endswith("16B")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0")


def _read_recording(handle: BinaryIO, format: str) -> None:
    """Raises when mutagen cannot read the stream of a recording of `format`."""
    if format == "WebM":
        return  # mutagen does not read Matroska: its header (`_sniff`) is what is checked
    _READERS[format](handle)


def _expected(extension: str) -> Found:
    """What a file of that name should hold."""
    if extension in PICTURES:
        return Found("found_picture", PICTURES[extension][0])
    return Found("found_recording", _RECORDING_NAMES.get(extension, RECORDINGS[extension][0]))


def _sniff(handle: BinaryIO) -> Found:
    """What the first bytes of a file say it is."""
    head = handle.read(_HEAD)
    if not head:
        return Found("found_empty")
    picture = _picture_format(head)
    if picture:
        return Found("found_picture", picture)
    if head.startswith(b"ID3") and len(head) >= 10:  # a tag before the sound (MP3, AAC or FLAC): skip it
        size = sum((byte & 0x7F) << (7 * (3 - index)) for index, byte in enumerate(head[6:10]))  # "synchsafe"
        handle.seek(10 + size + (10 if head[5] & 0x10 else 0))
        recording = _tagged_sound(handle.read(4)) or "MP3"  # ID3 is MP3's tag: else an MP3 cut short
    else:
        recording = _recording_format(head)
    if recording:
        return Found("found_recording", recording)
    if head.startswith(b"%PDF-"):
        return Found("found_pdf")
    if head.startswith(b"PK\x03\x04"):
        return Found("found_zip")
    return _text(head)


def _picture_format(head: bytes) -> str:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        brands = {head[index : index + 4] for index in range(8, min(len(head), int.from_bytes(head[:4], "big")), 4)}
        if brands & {b"avif", b"avis"}:
            return "AVIF"
        if head[8:12] in (b"heic", b"heix", b"heif", b"mif1", b"msf1"):
            return "HEIC"
    if head[:2] == b"BM":
        return "BMP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    return ""


def _tagged_sound(sound: bytes) -> str:
    """The format of the sound that starts with `sound`, after an ID3 tag."""
    if len(sound) > 1 and sound[0] == 0xFF and sound[1] & 0xE0 == 0xE0:  # an MPEG frame's 11 bits of sync
        if sound[1] & 0x06:  # a layer: MPEG audio
            return "MP3"
        return "AAC" if sound[1] & 0xF0 == 0xF0 else ""  # no layer: an ADTS (AAC) frame
    return "FLAC" if sound.startswith(b"fLaC") else ""


def _recording_format(head: bytes) -> str:
    if head[:4] == b"OggS":
        first_packet = head[27 + head[26] :] if len(head) > 27 else b""
        for marker, format in (
            (b"\x01vorbis", "Ogg Vorbis"),
            (b"OpusHead", "Ogg Opus"),
            (b"\x7fFLAC", "Ogg FLAC"),
            (b"Speex   ", "Ogg Speex"),
            (b"\x80theora", "Ogg Theora"),
        ):
            if first_packet.startswith(marker):
                return format
        return "Ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "WAV"
    if head[4:8] == b"ftyp":
        return "MP4"
    if head[:4] == b"\x1a\x45\xdf\xa3":  # EBML: Matroska, or WebM when its document type says so
        return "WebM" if b"\x42\x82\x84webm" in head[:64] else "Matroska"
    return _tagged_sound(head[:4])


def _text(head: bytes) -> Found:
    """Markup or text, else something unknown."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 3 or len(head) < _HEAD:  # not a character cut by the read
                return Found("found_other")
            text = head[: error.start].decode("utf-8-sig")
    if "\x00" in text:
        return Found("found_other")
    text = text.lower()
    if "<svg" in text:
        return Found("found_svg")
    if "xhtml" in text or any(tag in text for tag in _HTML_TAGS):
        return Found("found_html")
    if text.lstrip().startswith("<?xml"):
        return Found("found_xml")
    return Found("found_text")
