"""Read every contribution of a site: the valid ones, and a problem for each thing to fix.

Both `make check` and the Pelican build go through here, so they always agree.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from contributions.checking import messages
from contributions.checking.crossref import cross_check
from contributions.checking.static_files import PICTURES, judge, picture_notes
from contributions.checking.validate import Contribution, Problem, identity, validate_file
from contributions.checking.validated_before import ValidatedBefore
from contributions.reading.content_walk import walk
from contributions.schemas.kinds import FOLDERS, Placement, classify
from contributions.site import Site
from speed.store import Store, speed_on
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
        return sorted([*self.static_notes, *(note for item in self.contributions for note in item.notes)])

    static_notes: list[Problem] = field(default_factory=list)  # what the build converts in pictures
    paths: set[Path] = field(default_factory=set)  # every file read, resolved
    published_static: dict[str, bool] = field(default_factory=dict)  # static file under content/ -> published?

    def of_kind(self, name: str) -> list[Contribution]:
        return [item for item in self.contributions if item.kind.name == name]


class ContributionFile(NamedTuple):
    """A contribution's file found under content/, or a file that would be one elsewhere (`placement`)."""

    path: Path
    relative: PurePosixPath  # to content/: where it is says what it is
    placement: Placement


class Link(NamedTuple):
    """A link (symlink) found under content/, never followed."""

    path: Path
    to_folder: bool


@dataclass
class ContentFiles:
    """What walking content/ found, without following a link (`content_walk`)."""

    contributions: list[ContributionFile] = field(default_factory=list)
    static: list[Path] = field(default_factory=list)  # files of the static folders: pictures and recordings?
    links: list[Link] = field(default_factory=list)


class LocatedContribution(NamedTuple):
    """A `ContributionFile` with its path with its folder's links followed, and its path as shown to people."""

    path: Path
    relative: PurePosixPath
    placement: Placement
    resolved: Path
    shown: str


class LocatedFile(NamedTuple):
    """A static file, or a link (`to_folder` then says what it stands for), with its two paths as above."""

    path: Path
    resolved: Path
    shown: str
    to_folder: bool = False


@dataclass
class LocatedFiles:
    contributions: list[LocatedContribution]
    static: list[LocatedFile]
    links: list[LocatedFile]


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
        found.links += [Link(base / name, (base / name).is_dir()) for name in sorted(links) if not name.startswith(".")]
        for name in sorted(names):
            relative = relative_base / name
            if any(relative.parts[: len(parts)] == parts for parts in static):
                if not name.startswith("."):
                    found.static.append(base / name)
                continue
            placement = classify(relative, other_folders)
            if placement.concerns_contributors:
                found.contributions.append(ContributionFile(base / name, relative, placement))
    return found


def harvest(site: Site, shown_root: Path | None = None, store: Store | None = None) -> Harvest:
    """Validate all of `site.content`; paths in problems are shown relative to `shown_root`. Valid files
    unchanged since the build or check that filled `store` are not read again (see `validated_before`)."""
    result = Harvest()
    broken: set[tuple[str, str]] = set()
    located = _located_files(site, shown_root)
    files = located.contributions
    before = ValidatedBefore(store)
    keys = {
        file.resolved: before.key(_bytes(file.path), file.shown, file.relative, file.placement.kind, file.resolved)
        for file in files  # keys only to find files again
        if before.recalling and file.placement.kind is not None
    }
    recalled = {resolved: found for resolved, key in keys.items() if (found := before.recall(key)) is not None}
    readable = [file for file in files if file.placement.kind is not None and file.resolved not in recalled]
    validated = iter(
        in_two_processes(
            lambda entries: [_read(file, site, before, keys) for file in entries],
            readable,
            minimum=PARALLEL_FROM,
            allowed=store.speed if store is not None else speed_on(),
        )
    )
    for link in located.links:  # reported, never read (`content_walk`)
        result.checked += 1
        result.paths.add(link.resolved)
        code = "symlink_folder" if link.to_folder else "symlink_file"
        result.problems.append(Problem(link.shown, 1, "", messages.render(code, site.language)))
    for static in located.static:  # published only when genuine (`static_files`, as the build does)
        result.checked += 1
        result.paths.add(static.resolved)
        refusal = judge(static.path, site.picture_max_bytes)
        result.published_static[static.path.relative_to(site.content).as_posix()] = refusal is None
        if refusal is not None:
            result.problems.append(Problem(static.shown, 1, "", refusal.message(site.language)))
        elif static.path.suffix.lower().lstrip(".") in PICTURES:  # published as the build converts it
            codes = picture_notes(static.path)
            result.static_notes += [Problem(static.shown, 1, "", messages.render(c, site.language)) for c in codes]
    # static files left out: a contribution showing one is told so
    unpublished = {relative for relative, published in result.published_static.items() if not published}
    for file in files:
        result.checked += 1
        result.paths.add(file.resolved)
        if file.placement.misplaced == "misplaced":
            folder = (
                messages.suggestion(file.relative.parts[0], list(FOLDERS), site.language)
                if len(file.relative.parts) > 1
                else ""
            )
            result.problems.append(
                Problem(file.shown, 1, "", messages.render("misplaced", site.language, suggestion=folder))
            )
            continue
        if file.placement.kind is None:  # in a kind's folder, but not where that kind's files go
            expected = messages.render(file.placement.misplaced, site.language)
            result.problems.append(
                Problem(file.shown, 1, "", messages.render("file_unexpected", site.language, expected=expected))
            )
            continue
        if file.resolved in recalled:
            contribution, problems, key = recalled[file.resolved], [], keys[file.resolved]
        else:
            read = next(validated)
            contribution, problems, key = read.contribution, read.problems, read.key
            if read.pickled is not None:
                before.add(key, read.pickled)
        if contribution is not None and key is not None:
            contribution.source = key
        if contribution is None:
            slug, parent = identity(file.relative, file.placement.kind)
            broken.add((file.placement.kind.name, f"{parent}/{slug}" if parent else slug))
            result.problems += problems
        else:
            result.contributions.append(contribution)
    # A file left out can break the files pointing to it (a playlist and its tracks): repeat until stable.
    # A problem that `keeps_file` (a refused picture) is told, and its file published all the same.
    kept: set[Problem] = set()
    while cross := cross_check(result.contributions, broken, site, before, unpublished):
        kept.update(problem for problem in cross if problem.keeps_file)
        failing = {problem.path for problem in cross if not problem.keeps_file}
        if not failing:
            break
        broken |= {(item.kind.name, item.key) for item in result.contributions if item.path in failing}
        result.contributions = [item for item in result.contributions if item.path not in failing]
        result.problems += [problem for problem in cross if not problem.keeps_file]
    result.problems += kept
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


def _read(file: LocatedContribution, site: Site, before: ValidatedBefore, keys: dict[Path, str | None]) -> _Read:
    raw = _bytes(file.path)  # read once, for the key and the reader (which says why when it cannot be read)
    kind = file.placement.kind
    if file.resolved in keys:
        key = keys[file.resolved]
    else:
        key = before.key(raw, file.shown, file.relative, kind, file.resolved)
    contribution, problems = validate_file(file.path, file.shown, file.relative, kind, site, file.resolved, raw)
    return _Read(contribution, problems, key, before.pickled(key, contribution))


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _located_files(site: Site, shown_root: Path | None) -> LocatedFiles:
    """What `content_files` found, each with its path with its folder's links followed and its path as shown."""
    folders: dict[Path, tuple[Path, str]] = {}  # each folder resolved and shown once: pathlib is slow
    roots = (shown_root.absolute(), shown_root.resolve()) if shown_root is not None else None

    def located(path: Path) -> tuple[Path, str]:
        if path.parent not in folders:
            resolved_folder = path.parent.resolve()
            folders[path.parent] = resolved_folder, _shown(path.parent, resolved_folder, roots)
        resolved_folder, shown_folder = folders[path.parent]
        return resolved_folder / path.name, path.name if shown_folder == "." else f"{shown_folder}/{path.name}"

    found = content_files(site.content, site.static_folders + site.page_folders, site.static_folders)
    return LocatedFiles(
        [LocatedContribution(*file, *located(file.path)) for file in found.contributions],
        [LocatedFile(path, *located(path)) for path in found.static],
        [LocatedFile(link.path, *located(link.path), to_folder=link.to_folder) for link in found.links],
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
