"""Which issue: the newsletter's build writes one folder per ISO week, `newsletter/<YYYY-Www>/`, and the same per
filter, `newsletter/<facet>/<value>/<YYYY-Www>/`, each with `email.html` and `email.txt`. This week's issue is
the newest week built; a week or a filter nobody built is answered with those that were. A site in several
languages builds each other language's tree under `output/<code>/`, with its own issues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from urllib.parse import urlsplit

from .reading import EmailFiles, IssueUnusable, read_email_files

FACETS = ("category", "place", "audience", "price", "accessibility")
WEEK = re.compile(r"\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3])")
_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
LISTED = 12  # the available filters a sentence names before "and N more"


@dataclass(frozen=True)
class Issue:
    week: str  # 2026-W50
    filter: str  # "" for the whole agenda, else "<facet>/<value>"
    folder: Path
    files: EmailFiles
    language: str = ""  # "" for the site's language (the root tree), else another of its languages

    @property
    def name(self) -> str:
        """Its folder under digest/ and its key in the record of what was sent."""
        prefix = f"{self.language}-" if self.language else ""
        return prefix + self.week + ("-" + self.filter.replace("/", "-") if self.filter else "")


def built_issues(newsletter: Path) -> dict[str, dict[str, Path]]:
    """filter ("" for the whole agenda) → week → folder, for every issue whose two e-mail files were written."""
    found: dict[str, dict[str, Path]] = {}

    def weeks_in(folder: Path, name: str) -> None:
        for week in _folders(folder):
            if WEEK.fullmatch(week.name) and (week / "email.html").is_file() and (week / "email.txt").is_file():
                found.setdefault(name, {})[week.name] = week

    weeks_in(newsletter, "")
    for facet in FACETS:
        for value in _folders(newsletter / facet):
            if _VALUE.fullmatch(value.name):
                weeks_in(value, f"{facet}/{value.name}")
    return found


def find_issue(
    output: Path, week: str | None = None, wanted: str | None = None, language: str = "", said: str = "make digest"
) -> Issue:
    """The issue of `week` (by default this week's: the newest built) for the filter `wanted` (by default the
    whole agenda; `category/concert`, or its agenda page's path, `/agenda/category/concert/`) in `language` (by
    default the site's), read and checked; `said`: the command that was run, for its sentences."""
    language = language.strip()
    if language:
        trees = sorted(path.parent.name for path in output.glob("*/newsletter") if LANGUAGE.fullmatch(path.parent.name))
        if language not in trees:
            raise IssueUnusable(
                f"no issue in the language '{language[:20]}': LANGUAGE is another of the site's languages, whose "
                f"issues are under output/<code>/newsletter/; built: {', '.join(trees) or 'none'}"
            )
        output = output / language
    newsletter = output / "newsletter"
    issues = built_issues(newsletter)
    if not issues:
        raise IssueUnusable(
            f"{newsletter} holds no issue: build the site with the newsletter plugin first (make publish)"
        )
    wanted = _filter(wanted or "")
    if week is not None and not WEEK.fullmatch(week.strip()):
        raise IssueUnusable(f"WEEK must be an ISO week like 2026-W50, found '{week[:40]}'")
    if wanted and wanted not in issues:
        raise IssueUnusable(_unknown_filter(wanted, sorted(issues.keys() - {""})))
    weeks = issues[wanted]
    if week is None:
        # this week's: the newest of the site, not an old one a filter happens to have kept
        week = max(week for weeks_of in issues.values() for week in weeks_of)
    week = week.strip()
    if week not in weeks:
        where = f"for {wanted}" if wanted else "of the whole agenda"
        raise IssueUnusable(
            f"no issue of {week} {where} in {newsletter}; the weeks built are: {', '.join(sorted(weeks))}"
        )
    folder = weeks[week]
    files = read_email_files(folder, str(folder), said)
    return Issue(week=week, filter=wanted, folder=folder, files=files, language=language)


def _filter(written: str) -> str:
    """FILTER as written, `category/concert`, or as copied from the address bar: the filter's agenda page,
    `https://.../agenda/category/concert/` or its path, or its newsletter's, `/newsletter/category/concert/`."""
    wanted = written.strip()
    if re.match(r"https?://", wanted, re.I):
        wanted = urlsplit(wanted).path
    wanted = wanted.strip("/")
    for prefix in ("agenda/", "newsletter/"):
        if wanted.startswith(prefix) and wanted != prefix:
            return wanted.removeprefix(prefix).strip("/")
    return wanted


def _unknown_filter(wanted: str, built: list[str]) -> str:
    """The sentence for a filter nobody built, naming those that were and that it may have meant: the facet's
    when the facet is known, the filters of that value when the facet is not (or a value came alone)."""
    facet, _, value = wanted.rpartition("/")
    shown = f"'{wanted[:80]}'"
    if facet in FACETS:
        values = [name for name in built if name.startswith(facet + "/")]
        if not values:
            return f"no issue for the filter {shown}: no {facet} filter was built; " + _built(built)
        close = [f"{facet}/{its}" for its in get_close_matches(value, [name[len(facet) + 1 :] for name in values])]
        first = close + [name for name in values if name not in close]  # what was meant first: a place has many
        return f"no issue for the filter {shown}: the {facet} filters built are {_listed(first)}"
    of_value = {name: name.split("/", 1)[1].lower() for name in built}
    meant = [name for name, its in of_value.items() if its == value.lower()] or [
        name for name, its in of_value.items() if its in get_close_matches(value.lower(), of_value.values(), cutoff=0.8)
    ]
    guess = f"did you mean {' or '.join(meant[:LISTED])}?" if meant else ""
    if not facet:
        return f"FILTER is a facet and its value, like category/concert, found {shown}" + (
            f": {guess}" if guess else f" (a facet is {_facets()})"
        )
    return f"no issue for the filter {shown}: its facet must be {_facets()}" + (f"; {guess}" if guess else "")


def _built(built: list[str]) -> str:
    if not built:
        return "only the whole agenda's issue was (without FILTER)"
    if len(built) <= LISTED:
        return f"the filters built are {_listed(built)}"
    return f"the facets built are {', '.join(sorted({name.split('/', 1)[0] for name in built}))}"


def _facets() -> str:
    return f"{', '.join(FACETS[:-1])} or {FACETS[-1]}"


def _listed(names: list[str]) -> str:
    more = len(names) - LISTED
    return ", ".join(names[:LISTED]) + (f" and {more} more" if more > 0 else "")


def _folders(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.iterdir() if path.is_dir() and not path.is_symlink())
    except (FileNotFoundError, NotADirectoryError):
        return []
