"""`make import [SOURCE=<slug>]`: every partner calendar of content/sources/ (or one) fetched, read and synced into
content/events/, with one report per source.

One source's failure never stops the others, and nothing already published is lost: a calendar that cannot be
fetched or read changes no file. What the fetch needs for its next conditional request (ETag, Last-Modified) is
kept in `cache/import/<slug>.json`, with the calendar's last bytes beside it (`<slug>.ics`): when the server says
"not modified", the sync still runs on those bytes, so files that were not kept (a pull request closed, a work
tree reset) are written again, and a "not modified" never hides what the calendar says. Both are written
atomically (temp file, fsync, rename).

`KIOSQUE_IMPORT_ALLOW_PRIVATE=1` lets the fetch reach private and loopback addresses (tests, intranets).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from contributions import KINDS, SettingError, Site, read_site_settings, validate_file, write_atomically

from . import report as reporting
from .calendars import read
from .fetching import fetch
from .model import N_, Said
from .syncing import Changes, sync

SETTINGS_FILE = "pelicanconf.py"
ALLOW_PRIVATE = "KIOSQUE_IMPORT_ALLOW_PRIVATE"
_FILTERS = "left out by the source's filters"  # calendars.read's sentences about the calendar as a whole
_EMPTY = "The calendar holds no event."


@dataclass
class SourceResult:
    slug: str
    trusted: bool
    written: list[str]  # repository-relative paths of files written or changed (empty: nothing to propose)
    title: str  # a pull request title in the site's language
    description: str  # the report as Markdown in the site's language (what a moderator reads)
    failed: bool  # the source could not be read at all (nothing written; the description says why)
    text: str = ""  # the same report as plain text (`make import` prints it)


def run_import(
    repository: Path,
    *,
    only: str | None = None,
    today: dt.date | None = None,
    allow_private: bool = False,
    state_folder: Path | None = None,
) -> list[SourceResult]:
    """Import each source of `repository`'s site (or only `only`); see the module's docstring."""
    repository = Path(repository).resolve()
    settings = read_site_settings(repository / SETTINGS_FILE)
    site = Site.from_settings(settings)
    site = dataclasses.replace(site, content=Path(site.content).resolve(), today=today or site.today)
    state_folder = Path(state_folder) if state_folder is not None else repository / "cache" / "import"
    folder = site.content / "sources"
    paths = sorted(path for path in folder.glob("*.yaml") if not path.is_symlink()) if folder.is_dir() else []
    if only is not None:
        existing = [path.stem for path in paths]
        paths = [path for path in paths if path.stem == only]
        if not paths:
            if existing:
                sentence = N_("There is no source named %(slug)s in content/sources/: the sources are %(sources)s.")
            else:
                sentence = N_("There is no source named %(slug)s: content/sources/ has no source file yet.")
            problem = Said(sentence, {"slug": only, "sources": ", ".join(existing)})
            return [_failed(only, only, "", False, problem, site, "missing")]
    results = []
    for path in paths:
        try:
            results.append(_import_one(path, repository, site, allow_private, state_folder))
        except Exception as error:  # one source's failure never stops the others
            print(f"{path.name}: {type(error).__name__}: {str(error)[:300]}", file=sys.stderr)
            problem = Said(
                N_("An unexpected error stopped the import of %(path)s (%(error)s)."),
                {"path": f"content/sources/{path.name}", "error": type(error).__name__},
            )
            results.append(_failed(path.stem, path.stem, "", False, problem, site, "error"))
    return results


def _failed(
    slug: str, name: str, address: str, trusted: bool, problem: Said, site: Site, failure: str = "read"
) -> SourceResult:
    """A source not imported; `failure`: how (report.FAILURES)."""
    written = reporting.write(
        name, address, None, [], [], site.language, site.today, trusted=trusted, problem=problem, failure=failure
    )
    return SourceResult(slug, trusted, [], written.title, written.markdown, True, written.text)


def _import_one(path: Path, repository: Path, site: Site, allow_private: bool, state_folder: Path) -> SourceResult:
    slug = path.stem
    relative = PurePosixPath("sources") / path.name
    shown = f"{site.content.relative_to(repository).as_posix()}/{relative}"
    if "source" not in KINDS:
        return _failed(slug, slug, "", False, Said(N_("This site does not know partner calendars yet.")), site, "error")
    contribution, problems = validate_file(path, shown, relative, KINDS["source"], site)
    if contribution is None:
        sentences = "; ".join(
            f"{problem.field}: {problem.message}" if problem.field else problem.message for problem in problems
        )
        problem = Said(
            N_("The source file %(path)s is refused by make check: %(problems)s"),
            {"path": shown, "problems": sentences},
        )
        return _failed(slug, shown, "", False, problem, site, "source")
    source = contribution.data
    name, address, trusted = str(source.name), str(source.calendar), bool(source.trusted)
    state_file, cached_file = state_folder / f"{slug}.json", state_folder / f"{slug}.ics"
    state = _state(state_file)
    cached = cached_file.read_bytes() if state is not None and cached_file.is_file() else None
    fetched = fetch(address, repository, state if cached is not None else None, allow_private=allow_private)
    if fetched.problem is not None:  # its sentence names the address
        return _failed(slug, name, address, trusted, fetched.problem, site, "fetch")
    data = fetched.data if fetched.data is not None else cached
    if data is None:  # "not modified" with nothing kept: ask again, without the conditions
        fetched = fetch(address, repository, None, allow_private=allow_private)
        if fetched.problem is not None:
            return _failed(slug, name, address, trusted, fetched.problem, site, "fetch")
        data = fetched.data or b""
    events, skipped, said = read(data, source, site)
    if not events and not skipped:
        # Unreadable, or empty (more often a server's mistake than a partner's whole agenda withdrawn): nothing
        # is changed, its events have not vanished. Every event left out by the filters is not that.
        problems = [item for item in said if _FILTERS not in item.text]
        if problems or not said:
            return _failed(slug, name, address, trusted, problems[0] if problems else Said(_EMPTY), site)
    present = _filtered_out(data, source, site)
    changes: Changes = sync(slug, source, events, site.content, site.today, site=site, skipped=skipped, present=present)
    written = [f"{site.content.relative_to(repository).as_posix()}/{relative}" for relative in changes.write()]
    write_atomically(cached_file, data)
    write_atomically(state_file, json.dumps(fetched.state, indent=2, sort_keys=True).encode("utf-8"))
    content_name = site.content.relative_to(repository).as_posix()
    report = reporting.write(
        name, address, changes, skipped, said, site.language, site.today, trusted=trusted, content=content_name
    )
    return SourceResult(slug, trusted, written, report.title, report.markdown, False, report.text)


def _filtered_out(data: bytes, source, site: Site) -> set[str]:
    """The UIDs of the calendar's events that the source's filters (`keep:`) leave out: they are still in the
    calendar, so an event imported before and filtered out now has not vanished (and is not marked)."""
    keep = source.keep
    if not (keep.categories or keep.words or keep.within_km):
        return set()
    everything, skipped, _said = read(data, source.model_copy(update={"keep": type(keep)()}), site)
    return {item.uid for item in everything} | {item.uid for item in skipped if item.uid}


def _state(path: Path) -> dict | None:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def main(argv: list[str] | None = None) -> int:
    """`python -m importing [--reports FOLDER] [SOURCE]`, from the site's repository: each source's report as
    plain text; with `--reports`, each source's pull request also as files for a forge's workflow
    (`<slug>.title`, `<slug>.md`, `<slug>.label`: `trusted` or nothing). The exit status is 1 when a source
    failed, 2 when the site's settings are unusable."""
    parser = argparse.ArgumentParser(prog="make import", description="Import the partners' calendars.")
    parser.add_argument("source", nargs="?", default=None, help="only this source (content/sources/<slug>.yaml)")
    parser.add_argument("--reports", type=Path, default=None, help="write each source's pull request here")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        results = run_import(
            Path.cwd(), only=arguments.source or None, allow_private=os.environ.get(ALLOW_PRIVATE) == "1"
        )
    except (SettingError, ValueError, OSError) as error:  # Pelican's own refusals are ValueErrors
        print(f"{SETTINGS_FILE}: {error}", file=sys.stderr)
        return 2
    for result in results:
        print(f"== {result.title}\n")
        print(result.text)
        if arguments.reports is not None:
            arguments.reports.mkdir(parents=True, exist_ok=True)
            (arguments.reports / f"{result.slug}.title").write_text(result.title + "\n", encoding="utf-8")
            (arguments.reports / f"{result.slug}.md").write_text(result.description, encoding="utf-8")
            (arguments.reports / f"{result.slug}.label").write_text("trusted" if result.trusted else "", "utf-8")
    if not results:
        print("content/sources/: no source file (README, 'Partner calendars').")
    return 1 if any(result.failed for result in results) else 0
