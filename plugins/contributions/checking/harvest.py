"""Read every contribution of a site: the valid ones, and a problem for each thing to fix.

Both `make check` and the Pelican build go through here, so they always agree.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from contributions.checking import messages
from contributions.checking.crossref import cross_check
from contributions.checking.remembered import Remembered
from contributions.checking.static_files import judge
from contributions.checking.validate import Contribution, Problem, identity, validate_file
from contributions.reading.content_walk import walk
from contributions.schemas.kinds import FOLDERS, Kind, classify
from contributions.site import Site
from speed.store import Stored
from speed.two_processes import in_two_processes

PARALLEL_FROM = 500  # files: fewer are read sooner than a second process would start and send them back


@dataclass
class Harvest:
    """What reading the content folder gave: usable contributions and problems, per file."""

    contributions: list[Contribution] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    @property
    def notes(self) -> list[Problem]:
        """What publishing will change in the valid files (not blocking)."""
        return sorted(note for item in self.contributions for note in item.notes)

    paths: set[Path] = field(default_factory=set)  # every file read, resolved
    published_static: dict[str, bool] = field(default_factory=dict)  # static file under content/ -> published?

    def of_kind(self, name: str) -> list[Contribution]:
        return [item for item in self.contributions if item.kind.name == name]


@dataclass
class ContentFiles:
    """What walking content/ found, without following a link (`content_walk`)."""

    contributions: list[tuple[Path, PurePosixPath, Kind | str]] = field(default_factory=list)
    static: list[Path] = field(default_factory=list)  # files of the static folders: pictures and recordings?
    links: list[tuple[Path, bool]] = field(default_factory=list)  # each link, and whether it stands for a folder


def content_files(
    content: Path, other_folders: tuple[str, ...] = (), static_folders: tuple[str, ...] = ()
) -> ContentFiles:
    """The files under content/, in a stable order: contributions, files of `static_folders`, and links
    (never followed). Hidden files and folders are left out, as Pelican leaves them out."""
    found = ContentFiles()
    static = [PurePosixPath(folder).parts for folder in static_folders]
    for folder, directories, names, links in walk(content):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        base = Path(folder)
        relative_base = PurePosixPath(base.relative_to(content).as_posix())
        found.links += [(base / name, (base / name).is_dir()) for name in sorted(links) if not name.startswith(".")]
        for name in sorted(names):
            relative = relative_base / name
            if any(relative.parts[: len(parts)] == parts for parts in static):
                if not name.startswith("."):
                    found.static.append(base / name)
                continue
            kind = classify(relative, other_folders)
            if kind is not None:
                found.contributions.append((base / name, relative, kind))
    return found


def harvest(site: Site, shown_root: Path | None = None, stored: Stored | None = None) -> Harvest:
    """Validate all of `site.content`; paths in problems are shown relative to `shown_root`. Valid files
    unchanged since the build or check that filled `stored` are not read again (see `remembered`)."""
    result = Harvest()
    broken: set[tuple[str, str]] = set()
    files, static, links = _located_files(site, shown_root)
    remembered = Remembered(stored, site)
    keys = {
        resolved: remembered.key(_bytes(path), shown, relative, kind, resolved)  # only to find files again
        for path, relative, kind, resolved, shown in files
        if remembered.recalling and not isinstance(kind, str)
    }
    recalled = {resolved: found for resolved, key in keys.items() if (found := remembered.recall(key)) is not None}
    readable = [entry for entry in files if not isinstance(entry[2], str) and entry[3] not in recalled]
    validated = iter(
        in_two_processes(
            lambda entries: [_read(entry, site, remembered, keys) for entry in entries], readable, minimum=PARALLEL_FROM
        )
    )
    for _path, is_folder, resolved, shown in links:  # reported, never read (`content_walk`)
        result.checked += 1
        result.paths.add(resolved)
        result.problems.append(
            Problem(shown, 1, "", messages.render("symlink_folder" if is_folder else "symlink_file", site.language))
        )
    for path, resolved, shown in static:  # published only when genuine (`static_files`, as the build does)
        result.checked += 1
        result.paths.add(resolved)
        refusal = judge(path)
        result.published_static[path.relative_to(site.content).as_posix()] = refusal is None
        if refusal is not None:
            result.problems.append(Problem(shown, 1, "", refusal.message(site.language)))
    # static files left out: a contribution showing one is told so
    unpublished = {relative for relative, published in result.published_static.items() if not published}
    for _path, relative, kind, resolved, shown in files:
        result.checked += 1
        result.paths.add(resolved)
        if kind == "misplaced":
            folder = (
                messages.suggestion(relative.parts[0], list(FOLDERS), site.language) if len(relative.parts) > 1 else ""
            )
            result.problems.append(
                Problem(shown, 1, "", messages.render("misplaced", site.language, suggestion=folder))
            )
            continue
        if isinstance(kind, str):
            message = messages.render("file_unexpected", site.language, expected=messages.render(kind, site.language))
            result.problems.append(Problem(shown, 1, "", message))
            continue
        if resolved in recalled:
            contribution, problems, key = recalled[resolved], [], keys[resolved]
        else:
            read = next(validated)
            contribution, problems, key = read.contribution, read.problems, read.key
            if read.pickled is not None:
                remembered.keep(key, read.pickled)
        if contribution is not None and key is not None:
            contribution.source = key
        if contribution is None:
            slug, parent = identity(relative, kind)
            broken.add((kind.name, f"{parent}/{slug}" if parent else slug))
            result.problems += problems
        else:
            result.contributions.append(contribution)
    # A file left out can break the files pointing to it (a playlist and its tracks): repeat until stable.
    while cross := cross_check(result.contributions, broken, site, remembered, unpublished):
        failing = {problem.path for problem in cross}
        broken |= {(item.kind.name, item.key) for item in result.contributions if item.path in failing}
        result.contributions = [item for item in result.contributions if item.path not in failing]
        result.problems += cross
    result.problems.sort()
    return result


@dataclass
class _Read:
    """One file read by either process: what validation gave, its key in the store, and the pickled form
    the store keeps. From the other process it comes as that pickled form, unpickled once here: each
    contribution is pickled once in all, by the process that read it."""

    contribution: Contribution | None
    problems: list[Problem]
    key: str | None
    pickled: bytes | None

    def __getstate__(self) -> tuple:
        return (None if self.pickled else self.contribution), self.problems, self.key, self.pickled

    def __setstate__(self, state: tuple) -> None:
        self.contribution, self.problems, self.key, self.pickled = state
        if self.pickled:
            self.contribution = pickle.loads(self.pickled)


def _read(entry: tuple, site: Site, remembered: Remembered, keys: dict[Path, str | None]) -> _Read:
    path, relative, kind, resolved, shown = entry
    raw = _bytes(path)  # read once, for the key and the reader (which says why when it cannot be read)
    key = keys[resolved] if resolved in keys else remembered.key(raw, shown, relative, kind, resolved)
    contribution, problems = validate_file(path, shown, relative, kind, site, resolved, raw)
    return _Read(contribution, problems, key, remembered.pickled(key, contribution))


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _located_files(site: Site, shown_root: Path | None) -> tuple[list, list, list]:
    """What `content_files` found, each with its path with its folder's links followed and its path as
    shown: (path, relative to content/, kind, resolved, shown) of each contribution, (path, resolved,
    shown) of each static file and (path, is a folder, resolved, shown) of each link."""
    folders: dict[Path, tuple[Path, str]] = {}  # each folder resolved and shown once: pathlib is slow
    roots = (shown_root.absolute(), shown_root.resolve()) if shown_root is not None else None

    def located(path: Path) -> tuple[Path, str]:
        if path.parent not in folders:
            resolved_folder = path.parent.resolve()
            folders[path.parent] = resolved_folder, _shown(path.parent, resolved_folder, roots)
        resolved_folder, shown_folder = folders[path.parent]
        return resolved_folder / path.name, path.name if shown_folder == "." else f"{shown_folder}/{path.name}"

    found = content_files(site.content, site.static_folders + site.page_folders, site.static_folders)
    return (
        [(path, relative, kind, *located(path)) for path, relative, kind in found.contributions],
        [(path, *located(path)) for path in found.static],
        [(path, is_folder, *located(path)) for path, is_folder in found.links],
    )


def _shown(path: Path, resolved: Path, roots: tuple[Path, Path] | None) -> str:
    """`path` relative to the shown root (as written, else with links followed), or as it is."""
    if roots is None:
        return path.as_posix()
    for mine, theirs in zip((path.absolute(), resolved), roots):
        try:
            return mine.relative_to(theirs).as_posix()
        except ValueError:
            continue
    return path.as_posix()
