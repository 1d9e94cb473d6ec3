"""Which issue: the newsletter's build writes one folder per ISO week, `newsletter/<YYYY-Www>/`, and the same per
filter, `newsletter/<facet>/<value>/<YYYY-Www>/`, each with `email.html` and `email.txt`. This week's issue is
the newest week built; a week or a filter nobody built is answered with those that were. A site in several
languages builds each other language's tree under `output/<code>/`, with its own issues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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


def find_issue(output: Path, week: str | None = None, wanted: str | None = None, language: str = "") -> Issue:
    """The issue of `week` (by default this week's: the newest built) for the filter `wanted` (by default the
    whole agenda) in `language` (by default the site's), read and checked."""
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
    wanted = (wanted or "").strip().strip("/")
    if week is not None and not WEEK.fullmatch(week.strip()):
        raise IssueUnusable(f"WEEK must be an ISO week like 2026-W50, found '{week[:40]}'")
    if wanted and wanted not in issues:
        shown = ", ".join(sorted(issues.keys() - {""})[:LISTED]) or "none"
        more = len(issues.keys() - {""}) - LISTED
        raise IssueUnusable(
            f"no issue for the filter '{wanted[:80]}' (FILTER is a facet and a value, like category/concert); "
            f"the filters built are: {shown}" + (f" and {more} more" if more > 0 else "")
        )
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
    files = read_email_files(folder, str(folder))
    return Issue(week=week, filter=wanted, folder=folder, files=files, language=language)


def _folders(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.iterdir() if path.is_dir() and not path.is_symlink())
    except (FileNotFoundError, NotADirectoryError):
        return []
