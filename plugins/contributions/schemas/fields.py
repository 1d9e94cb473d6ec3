"""Field types shared by the schemas: dates as people write them, links, durations, vocabulary terms.

Every failure raises `invalid(code, ...)`: the code names a plain-language sentence in `messages.py`,
so no pydantic wording ever reaches a contributor.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from contributions.reading.characters import DIRECTION_OVERRIDES, LINE_BREAKS, code_point, visible
from contributions.reading.markup import structure_problem


def invalid(code: str, **context: Any) -> PydanticCustomError:
    """An error whose wording lives in messages.py under `code`."""
    return PydanticCustomError(code, code, context)


class Schema(BaseModel):
    """Base of every contribution schema: unknown fields are mistakes worth telling about."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)


def site_rule(info: ValidationInfo, name: str, default: Any = None) -> Any:
    """A site setting passed as validation context (vocabularies, time zone...)."""
    return (info.context or {}).get(name, default)


# --- text -----------------------------------------------------------------------------------------

_SPACES = re.compile("[\t\x0b\x0c]")  # tabs and PAGE_BREAKS


def _one_line(value: str) -> str:
    """A name or a title is shown on one line everywhere (pages, feeds, calendars, playlists): a line
    break is a mistake to tell about, and so is a character that reverses the direction of what follows
    (it can make a name read as another one); tabs and form feeds pasted from elsewhere become spaces."""
    if (line_break := LINE_BREAKS.search(value)) is not None:
        raise invalid("text_one_line", before=visible(value[: line_break.start()][-30:]))
    if (control := DIRECTION_OVERRIDES.search(value)) is not None:
        raise invalid("direction_control", character=code_point(control.group()))
    return _SPACES.sub(" ", value)


def _paragraphs(value: str) -> str:
    """Form feeds and vertical tabs (a word processor's page and line breaks) become line breaks; the
    text is Markdown, held to what Markdown renders in a moment (`markup.structure_problem`)."""
    if (too_much := structure_problem(value)) is not None:
        raise invalid(too_much.code, **too_much.context)
    return _SPACES.sub(lambda match: match.group() if match.group() == "\t" else "\n", value)


def OneLine(max_length: int):
    """One line of text of at most `max_length` characters (`Text` is one of 300)."""
    return Annotated[str, Field(min_length=1, max_length=max_length), AfterValidator(_one_line)]


Text = OneLine(300)
LongText = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_paragraphs)]


def Matching(pattern: str, code: str, json_schema: dict):
    """Text that must match `pattern` entirely; `code` names the message when it does not."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise invalid(code, found=value)
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", **json_schema})]


Slug = Matching(r"[a-z0-9]+(?:-[a-z0-9]+)*", "slug_format", {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"})


def one_or_many(value: Any) -> Any:
    """Let contributors write `categories: concert` for a one-item list."""
    return [value] if isinstance(value, (str, int, float, dict)) else value


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _language(value: str) -> str:
    """A BCP 47 tag as HTML's lang wants it (fr, en, pt-BR), for a language Babel knows."""
    if not _LANGUAGE.fullmatch(value):
        raise invalid("language_unknown", found=value)
    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise invalid("language_unknown", found=value) from None
    return value


Language = Annotated[
    str,
    AfterValidator(_language),
    WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "examples": ["fr", "en", "ar"]}),
]


@functools.cache
def _zone_names() -> frozenset[str]:
    """The IANA database's names, as the tzdata package lists them: the same on every machine."""
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


def _time_zone(value: str) -> str:
    """A zone of the IANA database by its name. The build machine's own zone files are not asked:
    `localtime` or `posixrules` would make times depend on where the site is built."""
    if value not in _zone_names():
        raise invalid("timezone_unknown", found=value)
    return value


TimeZoneName = Annotated[
    str, AfterValidator(_time_zone), WithJsonSchema({"type": "string", "examples": ["Europe/Paris"]})
]


# --- links ----------------------------------------------------------------------------------------

# One reading of every address a contributor writes, whatever the field: as a browser reads it. The
# WHATWG URL parser drops tabs and line breaks anywhere and control characters and spaces around, so
# "java\tscript:" is "javascript:" to a browser; an address is judged on that reading, and one whose
# reading differs from what is written (or that holds any space) is refused rather than published.
_SPACE = re.compile(r"\s")  # the same characters as str.isspace(), found without a Python loop
_BROWSER_DROPS = re.compile("[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PATH_SHAPE = re.compile(r"^/|//|(?:^|/)\.{1,2}(?:/|$)")  # from the root, an empty part, a way up
_PATH_CHARACTERS = frozenset("\\:?#%\"'<>`")  # what a host or a browser would read as something else


def as_browsers_read(value: str) -> str:
    """`value` as the WHATWG URL parser sees it before anything else."""
    return _BROWSER_DROPS.sub("", value)


def _link(schemes: tuple[str, ...]):
    def check(value: str) -> str:
        if _SPACE.search(value) or as_browsers_read(value) != value:
            raise invalid("link_spaces", found=value)
        parts = urlsplit(value)
        if parts.scheme.lower() not in schemes or (parts.scheme != "mailto" and not parts.netloc):
            raise invalid("link_scheme" if "mailto" in schemes else "web_link_scheme", found=value)
        return value

    return check


def _local_path(value: str) -> str:
    """A file of the site's content/ folder, written as a plain relative path: no scheme, no way up,
    nothing a browser or a host would read as something else (the folder is checked with the site).
    Spaces are fine: the writers encode them."""
    if _PATH_SHAPE.search(value):
        raise invalid("media_path", found=value)
    for character in value:
        if character in _PATH_CHARACTERS or not (character.isprintable() or character == " "):
            shown = f"'{character}'" if character.isprintable() else code_point(character)
            raise invalid("media_path_character", found=value, character=shown)
    return value


WebLink = Annotated[
    str,
    AfterValidator(_link(("http", "https"))),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
Link = Annotated[
    str,
    AfterValidator(_link(("http", "https", "mailto"))),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^(https?://|mailto:)"}),
]


Email = Matching(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", "email_format", {"format": "email"})
Phone = Matching(r"\+?[0-9 .()\-]{6,20}", "phone_format", {"examples": ["01 23 45 67 89"]})


def _media_source(value: str) -> str:
    """A web address, or a path to a file of the site's `content/` folder (checked when the site is read)."""
    if _SCHEME.match(as_browsers_read(value)):
        return _link(("http", "https"))(value)
    return _local_path(value)


MediaSource = Annotated[
    str, AfterValidator(_media_source), WithJsonSchema({"type": "string", "examples": ["media/story.mp3"]})
]


def _local_picture(value: str) -> str:
    read = as_browsers_read(value)
    if _SCHEME.match(read) or read.startswith("//"):
        raise invalid("image_remote", found=value)
    return _local_path(value)


PictureSource = Annotated[
    str,
    AfterValidator(_local_picture),
    WithJsonSchema({"type": "string", "pattern": "^[^:]+$", "examples": ["images/poster.jpg"]}),
]


# --- dates, times and durations -------------------------------------------------------------------

_WHEN = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T]+(?P<h>\d{1,2})(?:(?::|h)(?P<mi>\d{2})?(?::(?P<s>\d{2}))?)?)?"
)


def written_text(value: Any) -> str:
    """What was written for a field read as text (a date, a duration, a day's name): nothing and lists
    or fields are told as such, never as Python writes them ('None', "['2026-12-12']")."""
    if value is None:
        raise invalid("text_empty")
    if isinstance(value, (list, dict, bool)):
        raise invalid("expected_text", found=value)
    return str(value).strip()


FIRST_YEAR, LAST_YEAR = 1900, 2199  # wider than any agenda or memory; 9999 overflows date arithmetic


def _parse_when(value: Any, allow_time: bool) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime):  # another program's date (the bridge's): judged as if written
        value = value.strftime("%Y-%m-%d %H:%M:%S") if allow_time else value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = written_text(value)
    match = _WHEN.fullmatch(text)
    if not match or (match["h"] is not None and not allow_time):
        raise invalid("datetime_format" if allow_time else "date_format", found=text)
    try:
        day = dt.date(int(match["y"]), int(match["mo"]), int(match["d"]))
    except ValueError:
        raise invalid("date_impossible", found=text) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise invalid("date_out_of_range", found=text, first=FIRST_YEAR, last=LAST_YEAR)
    if match["h"] is None:
        return day
    try:
        time = dt.time(int(match["h"]), int(match["mi"] or 0), int(match["s"] or 0))
    except ValueError:
        raise invalid("time_impossible", found=text) from None
    return dt.datetime.combine(day, time)


DateOrDateTime = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(lambda value: _parse_when(value, allow_time=True)),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^" + re.sub(r"\(\?P<\w+>", "(", _WHEN.pattern) + "$",
            "examples": ["2026-12-05 20:30", "2026-12-06"],
        }
    ),
]
Day = Annotated[
    dt.date,
    BeforeValidator(lambda value: _parse_when(value, allow_time=False)),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$", "examples": ["2026-12-05"]}),
]

_HOURS = re.compile(r"(?:(?P<h>\d{1,4})\s*h)?\s*(?:(?P<m>\d{1,5})\s*(?:min|mn|m)?)?", re.I)
_CLOCK = re.compile(r"(?:(?P<h>\d{1,4}):)?(?P<m>\d{1,2}):(?P<s>\d{2})")
_HOURS_MINUTES = re.compile(r"(?P<h>\d{1,4}):(?P<m>\d{2})")
_ISO = re.compile(r"PT(?:(?P<h>\d{1,4})H)?(?:(?P<m>\d{1,5})M)?(?:(?P<s>\d{1,6})S)?", re.I)
_LONGEST = dt.timedelta(days=366)  # a longer "duration" is a typo, and huge numbers would overflow


def _duration(match: re.Match | None, code: str, text: str) -> dt.timedelta:
    if not (text and match and any(match.groupdict().values())):
        raise invalid(code, found=text)
    parts = {key: int(value or 0) for key, value in match.groupdict().items()}
    if (match.re is not _HOURS and match.re is not _ISO) and (
        parts.get("s", 0) >= 60 or parts["m"] >= 60 and parts.get("h")
    ):
        raise invalid(code, found=text)
    duration = dt.timedelta(hours=parts.get("h", 0), minutes=parts.get("m", 0), seconds=parts.get("s", 0))
    if not dt.timedelta(0) < duration <= _LONGEST:
        raise invalid(code, found=text)
    return duration


def _parse_event_duration(value: Any) -> dt.timedelta:
    """'2h', '1h30', '90 min', '1:30' (hours:minutes) or ISO 8601 'PT1H30M'."""
    text = written_text(value)
    match = _ISO.fullmatch(text) or _HOURS_MINUTES.fullmatch(text) or _HOURS.fullmatch(text)
    return _duration(match, "event_duration_format", text)


def _parse_track_duration(value: Any) -> dt.timedelta:
    """'3:45', '1:02:03', a number of seconds, or ISO 8601 'PT3M45S'."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _LONGEST.total_seconds():
        return dt.timedelta(seconds=value)
    text = written_text(value)[:40]
    return _duration(_CLOCK.fullmatch(text) or _ISO.fullmatch(text), "track_duration_format", text)


EventDuration = Annotated[
    dt.timedelta,
    BeforeValidator(_parse_event_duration),
    WithJsonSchema({"type": "string", "examples": ["2h", "1h30", "90 min"]}),
]
TrackDuration = Annotated[
    dt.timedelta,
    BeforeValidator(_parse_track_duration),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["3:45", "1:02:03"]}),
]


# --- vocabularies ---------------------------------------------------------------------------------


def Term(vocabulary: str):
    """A word from one of the site's vocabularies (`vocabularies.py`, overridable in pelicanconf.py)."""

    def check(value: str, info: ValidationInfo) -> str:
        allowed = site_rule(info, "vocabularies", {}).get(vocabulary, {})
        if value not in allowed:
            labels = {
                key: [label for name, label in texts.items() if isinstance(label, str) and name != "url"]
                for key, texts in allowed.items()
            }
            raise invalid("vocabulary", vocabulary=vocabulary, found=value, allowed=list(allowed), labels=labels)
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "x-vocabulary": vocabulary})]


def OneOrMany(item):
    """A list that contributors may write as a single value when there is only one."""
    return Annotated[list[item], BeforeValidator(one_or_many, json_schema_input_type=item | list[item])]


def Shorthand(model, expand, short_type):
    """A block of fields that may also be written as one value (`place: mediatheque`)."""
    return Annotated[model, BeforeValidator(expand, json_schema_input_type=short_type | model)]


def _words(value: Any) -> Any:
    """`categories: concert, show` means two words: vocabulary words never hold a comma."""
    if isinstance(value, str):
        return [word.strip() for word in value.split(",") if word.strip()]
    return one_or_many(value)


def Terms(vocabulary: str):
    """One or several words of a vocabulary, written as a list (or a single word)."""
    item = Term(vocabulary)
    return Annotated[list[item], BeforeValidator(_words, json_schema_input_type=item | list[item])]


def TextList(item=Text):
    return OneOrMany(item)


# --- shared blocks --------------------------------------------------------------------------------


class Image(Schema):
    """A picture and the words that replace it for people who cannot see it."""

    src: PictureSource = Field(
        description="The picture: a file of the site, under content/images/ (images/poster.jpg)."
    )
    alt: Text = Field(description="What the picture shows, in one sentence, for people who cannot see it (mandatory).")
    credit: Text | None = Field(None, description="Who made the picture (photographer, illustrator).")


def image_shorthand(value: Any) -> Any:
    """`image: poster.jpg` still gets its alt text asked for, rather than a type error."""
    return {"src": value} if isinstance(value, str) else value


ImageField = Annotated[Image, BeforeValidator(image_shorthand)]


class Address(Schema):
    """A postal address, split so that maps and calendars can use it."""

    street: Text = Field(description="Number and street, as on a letter.")
    postal_code: Annotated[str, Field(min_length=2, max_length=12), AfterValidator(_one_line)] | None = Field(
        None, description="Postal code."
    )
    city: Text = Field(description="Town or city.")
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Country as a two-letter code (FR, BE, CH...); the site's country when left out."
    )
