"""The site's rules for contributions, read once from Pelican's settings: language, time zone,
vocabularies, the area places lie in, size limits and the build's "today"."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from contributions.schemas import vocabularies

# The site's defaults, for every part of kiosque (build, `make check`, the bridge): a setting left out means these.
DEFAULT_LANGUAGE = "fr"  # only where Pelican gives none: its own DEFAULT_LANG is "en"
DEFAULT_TIMEZONE = "Europe/Paris"
DEFAULT_COUNTRY = "FR"
DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_PICTURE_MAX_BYTES = 15_000_000  # KIOSQUE_PICTURE_MAX_MB: a phone's photo weighs 2 to 8 MB
DEFAULT_STATIC_FOLDERS = ("images", "media")  # where pictures and recordings are copied from
DEFAULT_PAGE_FOLDERS = ("pages",)


CONTENT_LANGUAGE = "_KIOSQUE_CONTENT_LANG"  # set by `plugins/languages` in the tree of each other language


class SettingError(ValueError):
    """A site setting that cannot be used; its message is meant for the site's maintainers."""


@dataclass(frozen=True)
class Site:
    content: Path
    language: str = DEFAULT_LANGUAGE  # of the interface: every word the site, `make check` or the bridge says
    timezone: str = DEFAULT_TIMEZONE
    country: str = DEFAULT_COUNTRY
    vocabularies: dict = field(default_factory=lambda: vocabularies.from_settings({}))
    area: tuple[float, float, float, float] | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    picture_max_bytes: int = DEFAULT_PICTURE_MAX_BYTES  # KIOSQUE_PICTURE_MAX_MB: a heavier picture is refused
    static_folders: tuple[str, ...] = DEFAULT_STATIC_FOLDERS
    page_folders: tuple[str, ...] = DEFAULT_PAGE_FOLDERS
    today: dt.date = field(default_factory=dt.date.today)
    fediverse_creator: str | None = None  # the site's account, named in its pages' previews (`sharing.metadata`)
    # of a contribution that does not give its own: the site's language, but in the tree of another language of
    # a multilingual site (`plugins/languages`), whose interface speaks that other language
    content_language: str = ""
    languages: tuple[str, ...] = ()  # a multilingual site's, its own first (KIOSQUE_LANGUAGES); else its own only

    def __post_init__(self) -> None:
        if not self.content_language:
            object.__setattr__(self, "content_language", self.language)
        if not self.languages:
            object.__setattr__(self, "languages", (self.content_language,))

    @classmethod
    def from_settings(cls, settings: dict) -> Site:
        timezone = settings.get("TIMEZONE") or DEFAULT_TIMEZONE
        return cls(
            content=Path(settings.get("PATH") or "content"),
            language=(settings.get("DEFAULT_LANG") or DEFAULT_LANGUAGE).split("_")[0].lower(),
            timezone=timezone,
            country=settings.get("KIOSQUE_COUNTRY") or DEFAULT_COUNTRY,
            vocabularies=vocabularies.from_settings(settings),
            area=_area(settings.get("KIOSQUE_AREA")),
            max_file_bytes=int(settings.get("KIOSQUE_MAX_FILE_BYTES") or DEFAULT_MAX_FILE_BYTES),
            picture_max_bytes=_megabytes(settings.get("KIOSQUE_PICTURE_MAX_MB")) or DEFAULT_PICTURE_MAX_BYTES,
            today=build_today(settings.get("KIOSQUE_TODAY"), timezone),
            static_folders=tuple(settings.get("STATIC_PATHS") or DEFAULT_STATIC_FOLDERS),
            page_folders=tuple(settings.get("PAGE_PATHS") or DEFAULT_PAGE_FOLDERS),
            fediverse_creator=_fediverse_account(settings.get("KIOSQUE_FEDIVERSE_CREATOR")),
            content_language=(settings.get(CONTENT_LANGUAGE) or "").split("_")[0].lower(),
            languages=tuple(site_languages(settings)),
        )

    def validation_context(self) -> dict:
        return {"vocabularies": self.vocabularies, "area": self.area, "timezone": self.timezone}


def build_today(setting: str | dt.date | None, timezone: str) -> dt.date:
    """The build's "today": $KIOSQUE_TODAY, else the KIOSQUE_TODAY setting, else the date in the site's zone.

    A fixed today makes "upcoming" and "past" reproducible (tests, previews of a future agenda).
    """
    value = os.environ.get("KIOSQUE_TODAY") or setting
    if not value:
        return dt.datetime.now(ZoneInfo(timezone)).date()
    if isinstance(value, dt.date):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value).strip()):
        raise SettingError(f"KIOSQUE_TODAY must be a date written YYYY-MM-DD, found '{value}'")
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SettingError(f"KIOSQUE_TODAY is not a real date: '{value}'") from None


def site_languages(settings: dict) -> list[str]:
    """The site's languages, its own first (`DEFAULT_LANG`, or the main tree's in another tree's build): every
    word of each vocabulary the site defines must have a label in each of them."""
    main = (settings.get(CONTENT_LANGUAGE) or settings.get("DEFAULT_LANG") or DEFAULT_LANGUAGE).split("_")[0].lower()
    listed = settings.get("KIOSQUE_LANGUAGES") or [main]
    if isinstance(listed, str) or not all(isinstance(code, str) for code in listed):
        raise SettingError(f"KIOSQUE_LANGUAGES must be a list of language codes, like ['fr', 'nl'], found {listed!r}")
    codes = [code.strip().lower() for code in listed]
    for code in codes:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise SettingError(
                f"KIOSQUE_LANGUAGES: '{code}' is not a language code Babel knows (fr, nl, ar...)"
            ) from None
    if main not in codes:
        raise SettingError(f"KIOSQUE_LANGUAGES must include the site's language, DEFAULT_LANG ('{main}')")
    if len(set(codes)) != len(codes):
        raise SettingError(f"KIOSQUE_LANGUAGES names a language twice: {listed!r}")
    languages = [main, *(code for code in codes if code != main)]
    for setting in vocabularies.SETTINGS if len(languages) > 1 else ():  # one language: English labels stand in
        for word, labels in (settings.get(setting) or {}).items():
            missing = [code for code in languages if not (isinstance(labels, dict) and labels.get(code))]
            if missing:
                shape = ", ".join(f"'{code}': '...'" for code in languages)
                raise SettingError(
                    f"{setting}: '{word}' has no label in {', '.join(missing)}; the site speaks "
                    f"{', '.join(languages)}: write it as '{word}': {{{shape}}}"
                )
    return languages


def _megabytes(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        megabytes = float(value)
    except (TypeError, ValueError):
        megabytes = 0
    if not megabytes > 0:
        raise SettingError(f"KIOSQUE_PICTURE_MAX_MB must be a number of megabytes above 0: '{value}'")
    return int(megabytes * 1_000_000)


def _area(value) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        south, west, north, east = (float(number) for number in value)
    except (TypeError, ValueError):
        raise SettingError("KIOSQUE_AREA must be four numbers: (south, west, north, east)") from None
    if not (south < north and west < east):
        raise SettingError("KIOSQUE_AREA must be (south, west, north, east) with south < north and west < east")
    return south, west, north, east


# @name@server, as Mastodon writes an account: the name, then the server's domain name
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
FEDIVERSE_ACCOUNT = re.compile(rf"@[A-Za-z0-9_][A-Za-z0-9_.-]*@(?:{_LABEL}\.)+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]")


def _fediverse_account(value) -> str | None:
    if not value:
        return None
    if not isinstance(value, str) or not FEDIVERSE_ACCOUNT.fullmatch(value.strip()):
        raise SettingError(
            "KIOSQUE_FEDIVERSE_CREATOR must be the site's fediverse account written @name@server, "
            f"like @agenda@mastodon.example.org: found '{value}'"
        )
    return value.strip()


def read_site_settings(settings_file: Path) -> dict:
    """Pelican's settings as a build would see them (defaults included), without starting a build.
    Pelican's own remarks about the settings (feeds, SITEURL) are for builds: they are kept quiet here."""
    from pelican.settings import read_settings

    logger = logging.getLogger("pelican.settings")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return read_settings(str(settings_file))
    finally:
        logger.setLevel(level)
