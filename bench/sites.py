"""The settings of the sites a benchmark builds, what a twin of a kiosque site takes from each contribution,
and the plain Pelican twin: the same Markdown bodies as ordinary articles (title, date, category, tags),
default theme, pagination on. The Hugo twin is `hugo.py`."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .measure import timed

REPO = Path(__file__).resolve().parent.parent
SETTINGS = "benchconf.py"  # not pelicanconf.py: the kiosque one imports the repository's pelicanconf


def kiosque_settings(repo: Path = REPO) -> str:
    """kiosque's own settings, with `repo`'s theme and plugins (another checkout's, to compare two versions)."""
    return f'''"""kiosque's own settings, with this repository's theme and plugins; the content cache on."""
import sys
sys.path.insert(0, {str(repo)!r})
from pelicanconf import *  # noqa: F401,F403
THEME = {str(repo / "theme")!r}
PLUGIN_PATHS = [{str(repo / "plugins")!r}]
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
'''


PLAIN_SETTINGS = '''"""Plain Pelican: default theme, no plugins, every file an article, ten to a page."""
SITENAME = "Plain Pelican"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_PAGINATION = 10
ARTICLE_PATHS = [""]
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
'''


def write_kiosque_settings(root: Path, repo: Path = REPO) -> None:
    (root / SETTINGS).write_text(kiosque_settings(repo), encoding="utf-8")


def build_from_nothing(site: Path, today: str, more_settings: str, log: str) -> float:
    """Seconds of one kiosque build of `site` in a process of its own, its output and cache removed first, with
    `more_settings` (Python) after the site's settings: what a comparison changes between two builds."""
    shutil.rmtree(site / "output", ignore_errors=True)
    shutil.rmtree(site / "cache", ignore_errors=True)
    write_kiosque_settings(site)
    settings = site / SETTINGS
    settings.write_text(settings.read_text(encoding="utf-8") + more_settings, encoding="utf-8")
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", SETTINGS]
    env = {"KIOSQUE_TODAY": today, "PYTHONPATH": str(REPO / "plugins")}
    return timed(command, site, env, site / log).seconds


def _split(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        _, fields, body = text.split("---\n", 2)
        return yaml.safe_load(fields), body
    return yaml.safe_load(text), ""


def _date(fields: dict) -> str:
    value = str(fields.get("start") or fields.get("added") or fields.get("date") or "2026-01-01")
    return value if " " in value else f"{value} 12:00"


@dataclass(frozen=True)
class Twin:
    """One contribution as the twins publish it: an ordinary page with the same Markdown body."""

    kind: str  # events, places, playlists, stories: the section
    stem: str  # unique within the site
    title: str
    date: str  # YYYY-MM-DD HH:MM
    tags: list[str]
    categories: list[str]
    body: str
    photo: Path | None  # the event's own photo, if it has one


def twins(kiosque: Path) -> Iterator[Twin]:
    """Every contribution of the kiosque site at `kiosque`, in a stable order."""
    content = kiosque / "content"
    for path in sorted(content.rglob("*")):
        if path.suffix not in (".md", ".yaml"):
            continue
        relative = path.relative_to(content)
        stem = relative.parent.name if path.name == "index.md" else f"{relative.parent.name}-{path.stem}"
        fields, body = _split(path.read_text(encoding="utf-8"))
        image = fields.get("image")
        yield Twin(
            kind=relative.parts[0],
            stem=stem,
            title=str(fields.get("title") or fields.get("name")),
            date=_date(fields),
            tags=list(fields.get("tags") or []),
            categories=list(fields.get("categories") or []),
            body=body or fields.get("note") or fields.get("description") or fields.get("theme") or "",
            photo=content / image["src"] if isinstance(image, dict) else None,
        )


def plain_article(twin: Twin) -> str:
    """One contribution as an ordinary Pelican article (one category: its kind)."""
    head = f"Title: {twin.title}\nDate: {twin.date}\nCategory: {twin.kind}\nSlug: {twin.kind}-{twin.stem}\n"
    return head + (f"Tags: {', '.join(twin.tags)}\n" if twin.tags else "") + "\n" + twin.body


def write_plain_twin(kiosque: Path, plain: Path) -> None:
    """An article for every contribution of the kiosque site at `kiosque`."""
    for twin in twins(kiosque):
        target = plain / "content" / twin.kind / f"{twin.stem}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_article(twin), encoding="utf-8")
    (plain / SETTINGS).write_text(PLAIN_SETTINGS, encoding="utf-8")
