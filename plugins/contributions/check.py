"""`make check`: validate the contributions of a site and list every problem, one per line.

    python -m contributions.check [--settings pelicanconf.py] [FILE ...]

Prints `path:line: field: message` for each problem (only for FILEs when given: cross-references are
still checked against the whole site), then the notes (what publishing will remove, not blocking),
then counts. Exit status 1 when anything needs fixing, 2 when the site's settings are unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contributions.checking import messages
from contributions.checking.harvest import harvest
from contributions.checking.validate import Problem
from contributions.checking.validated_before import contributions_store
from contributions.site import SettingError, Site, read_site_settings
from speed import gc_tuning


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description="Check the contributions of a kiosque site.")
    parser.add_argument("--settings", default="pelicanconf.py", type=Path, help="the site's settings file")
    parser.add_argument(
        "files", nargs="*", type=Path, help="only report on these files (or the files of these folders)"
    )
    arguments = parser.parse_args(argv)

    try:
        settings = read_site_settings(arguments.settings)
        site = Site.from_settings(settings)
    except SettingError as error:
        print(f"{arguments.settings}: {error}", file=sys.stderr)
        return 2
    store = contributions_store(settings, site)  # files checked or built before (with the content cache on)
    with gc_tuning.long_lived(settings):  # what the check reads lives until it ends
        result = harvest(site, shown_root=Path.cwd(), store=store)
    store.save()
    problems, notes = result.problems, result.notes
    if arguments.files:
        folders = [_located(path) for path in arguments.files if path.is_dir()]
        files = [path for path in arguments.files if not path.is_dir()]
        wanted = {_located(path) for path in files} | {
            path for path in result.paths if any(path.is_relative_to(folder) for folder in folders)
        }
        problems = [p for p in problems if _located(Path(p.path)) in wanted]
        notes = [n for n in notes if _located(Path(n.path)) in wanted]
        problems += [_outsider(path, site) for path in files if _located(path) not in result.paths]
        checked = len(wanted)
    else:
        checked = result.checked
    for line in problems + notes:
        print(line)
    if notes:
        print(messages.render("summary_notes", site.language, notes=len(notes)))
    if problems:
        files = len({problem.path for problem in problems})
        print(messages.render("summary_problems", site.language, problems=len(problems), files=files, checked=checked))
        return 1
    print(messages.render("summary_ok", site.language, checked=checked))
    return 0


def _located(path: Path) -> Path:
    """A file's full path, without following the file itself if it is a link."""
    full = Path.cwd() / path
    return full.parent.resolve() / full.name


def _outsider(path: Path, site: Site) -> Problem:
    """A FILE given to check that is not among the site's contributions."""
    code = "file_not_found" if not path.exists() else "not_a_contribution"
    return Problem(path.as_posix(), 1, "", messages.render(code, site.language))


if __name__ == "__main__":
    sys.exit(main())  # all it read is alive until the exit: `gc_tuning` keeps it out of the last collections
