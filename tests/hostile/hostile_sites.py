"""The hostile corpus as real sites: every string of the corpus in every field it fits, one file per string
and field, written into a few sites of about a thousand contributions each, then checked (`make check`,
in this process) and built (`make html`: tests/conftest.py's `build`, the repository's settings).

A crash must not hide what the rest of the corpus finds: when the check or the build stops on a file, the
file that was being read or written is found in the traceback, set aside with the crash as its verdict,
and the site checked or built again (at most `ATTEMPTS` times). A string that crashes twice in fields of
one kind is set aside in all that kind's fields at once. The tests then fail on every crash, and still
look at everything else.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import re
import shutil
import signal
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO, build, jpeg, wav
from hostile_corpus import Entry, corpus
from hostile_fields import FIELDS, Slot, companion, fill, primary_path, receives, start_of
from hostile_specials import specials

from contributions import check

TODAY = "2026-12-01"
PER_SITE = 1000  # files: a crash costs one more build of this many
PER_PARENT = 40  # events per place, tracks per playlist, stories per collection: news feeds keep 50
ATTEMPTS = 20
UID_DOMAIN = "agenda.quartier-des-lilas.example.org"


@dataclass(frozen=True)
class Planned:
    """One file of the corpus."""

    path: str  # under content/
    case: str  # "<entry> in <field>": the string and the field, or a special's key
    entry: Entry | None
    field: str
    number: int
    primary: bool  # the file holding the string (else a companion showing it elsewhere)
    dated: bool  # an event of the default date: its calendar entry must exist


@dataclass
class Crash:
    phase: str  # "make check" or "make html"
    culprit: str | None  # content/... of the file being read or written
    error: str

    def __str__(self) -> str:
        return f"{self.phase} crashed on {self.culprit or 'an unknown file'}: {self.error}"


@dataclass
class HostileSite:
    name: str
    root: Path
    browse: bool  # holds script payloads: its pages are opened in the browser
    planned: dict[str, Planned] = field(default_factory=dict)  # content/... -> what it holds
    quarantined: dict[str, Crash] = field(default_factory=dict)  # content/... set aside -> why
    crashes: list[Crash] = field(default_factory=list)
    check_status: int | None = None
    check_lines: list[str] = field(default_factory=list)  # stdout of make check, line by line
    check_other: list[str] = field(default_factory=list)  # stderr and log records of make check
    warnings: list[str] = field(default_factory=list)  # the build's warnings
    errors: list[str] = field(default_factory=list)  # the build's ERROR and CRITICAL records
    built: bool = False

    @property
    def output(self) -> Path:
        return self.root / "output"

    def by_number(self, number: int) -> Planned | None:
        return next((p for p in self.planned.values() if p.number == number and p.primary), None)


# --- planning --------------------------------------------------------------------------------------


class _Site:
    """Fills one site: numbers its files, gives each event a date and a place, each track a playlist."""

    def __init__(self, name: str, root: Path, browse: bool, first_number: int):
        self.site = HostileSite(name, root, browse)
        self.files: dict[str, str | bytes] = {}
        self.number = first_number
        self.counts = {"event": 0, "track": 0, "story": 0}

    def slot(self, kind: str) -> Slot:
        self.number += 1
        if kind in self.counts:
            self.counts[kind] += 1
        parent = {k: v // PER_PARENT for k, v in self.counts.items()}
        return Slot(
            self.number,
            start_of(self.counts["event"]),
            f"salle-{parent['event']}",
            f"bande-{parent['track']}",
            f"recits-{parent['story']}",
        )

    def add(self, path: str, text, case: str, entry, field_name: str, number: int, primary: bool, dated: bool):
        self.files[path] = text
        self.site.planned[f"content/{path}"] = Planned(
            f"content/{path}", case, entry, field_name, number, primary, dated
        )

    def add_entry(self, entry: Entry) -> None:
        for spec in FIELDS:
            if not receives(spec, entry):
                continue
            kind = spec.name.split(".")[0]
            s = self.slot({"place": "event", "playlist": "track", "collection": "story"}.get(kind, kind))
            yaml, text = entry.written(s.number)
            content = fill(spec.write(s), yaml, text)
            if content is None:
                continue
            slug = f"{spec.name.replace('.', '-').replace('_', '-')}-{entry.key.lower()}"
            case = f"{entry.key} in {spec.name}"
            dated = kind in ("event", "place") and spec.name not in (
                "event.start",
                "event.rrule",
                "event.duration",
                "event.timezone",
            )
            self.add(
                primary_path(spec, slug, s), content, case, entry, spec.name, s.number, True, dated and kind == "event"
            )
            extra = companion(spec, slug, s)
            if extra:
                self.add(extra[0], extra[1], case, entry, spec.name, s.number, False, extra[0].startswith("events/"))

    def add_specials(self) -> None:
        for special in specials(lambda: self.slot("event")):
            for index, (path, text) in enumerate(special.files.items()):
                if path.startswith(("images/", "media/")):
                    self.files[path] = text
                else:
                    self.add(path, text, special.key, None, "file", special.number, index == 0, False)

    def finish(self) -> HostileSite:
        """The base every site needs (places, playlists, collections its files point to, a picture and a
        recording), written with the corpus."""
        base: dict[str, str | bytes] = {"images/affiche.jpg": jpeg(), "media/recit.wav": wav()}
        for index in range(self.counts["event"] // PER_PARENT + 1):
            base[f"places/salle-{index}.yaml"] = (
                f"name: Salle {index}\naddress:\n  street: {index} rue des Lilas\n  city: Lyon\n"
            )
        for index in range(self.counts["track"] // PER_PARENT + 1):
            base[f"playlists/bande-{index}/index.md"] = f"---\ntitle: Bande {index}\n---\nNos chansons.\n"
        for index in range(self.counts["story"] // PER_PARENT + 1):
            base[f"stories/recits-{index}/index.md"] = f"---\ntitle: Récits {index}\n---\nDes souvenirs.\n"
        for path in base:
            if not path.startswith(("images/", "media/")):
                self.site.planned[f"content/{path}"] = Planned(f"content/{path}", "base", None, "base", 0, True, False)
        content = self.site.root / "content"
        for path, text in {**base, **self.files}.items():
            target = content / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate stays as bad bytes
        (self.site.root / "pelicanconf.py").write_text(settings_for(self.site.root), encoding="utf-8")
        return self.site


def settings_for(root: Path) -> str:
    """The repository's settings with the overrides of tests/conftest.py's `build`, for `make check`."""
    return (
        f"exec(compile(open({str(REPO / 'pelicanconf.py')!r}, encoding='utf-8').read(), 'pelicanconf.py', 'exec'))\n"
        f"PATH = {str(root / 'content')!r}\nOUTPUT_PATH = {str(root / 'output')!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\nPLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"CACHE_PATH = {str(root / 'cache')!r}\nKIOSQUE_TODAY = {TODAY!r}\n"
    )


def plan(root: Path) -> list[HostileSite]:
    """The corpus spread over sites: the payloads first (their pages go to the browser), then the odd
    strings, then the special files."""
    entries = corpus()
    sites: list[HostileSite] = []
    number = 0

    def start(family: str, browse: bool) -> _Site:
        return _Site(f"{family}-{len(sites) + 1}", root / f"{family}-{len(sites) + 1}", browse, number)

    for browse, families in ((True, ("xss", "marker", "url")), (False, ("odd",))):
        current = None
        for entry in (e for e in entries if e.family in families):
            if current is None:
                current = start("payloads" if browse else "odd", browse)
            current.add_entry(entry)
            if len(current.files) >= PER_SITE:
                sites.append(current.finish())
                number = current.number
                current = None
        if current is not None:
            sites.append(current.finish())
            number = current.number
    special = start("special", True)
    special.add_specials()
    sites.append(special.finish())
    return sites


# --- checking and building, a crash at a time --------------------------------------------------------


@contextlib.contextmanager
def _inside(root: Path):
    """In the site's folder (paths in messages are shown from there, as `make` runs them), with no
    KIOSQUE_TODAY from the environment."""
    before, today = Path.cwd(), os.environ.pop("KIOSQUE_TODAY", None)
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(before)
        if today is not None:
            os.environ["KIOSQUE_TODAY"] = today


class _Records(logging.Handler):
    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _recording(level: int):
    records = _Records(level)
    logging.getLogger().addHandler(records)
    try:
        yield records.records
    finally:
        logging.getLogger().removeHandler(records)


def _run_check(site: HostileSite) -> None:
    out, err = io.StringIO(), io.StringIO()
    with (
        _recording(logging.WARNING) as records,
        _inside(site.root),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        site.check_status = check.main(["--settings", "pelicanconf.py"])
    printed = out.getvalue()
    site.check_lines = printed.removesuffix("\n").split("\n") if printed else []
    site.check_other = [line for line in err.getvalue().split("\n") if line] + [
        f"{record.levelname}: {record.getMessage()}" for record in records
    ]


def _run_build(site: HostileSite) -> None:
    with _recording(logging.ERROR) as records, _inside(site.root):
        built = build(site.root, today=TODAY)
    site.warnings = built.warnings
    site.errors = [f"{record.levelname}: {record.getMessage()}" for record in records]


def _chain(error: BaseException):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


# The addresses a file's page, filter page, feeds and exports are written at, up to the slug.
_ADDRESS = re.compile(
    r"(agenda/place/[a-z0-9-]+|agenda/[a-z0-9-]+|places/[a-z0-9-]+"
    r"|(?:playlists|stories)/[a-z0-9-]+(?:/[a-z0-9-]+)?)[/.]"
)


def page_of(path: str) -> str | None:
    """The folder of output/ where the page of a contribution file (content/...) is written."""
    from contributions.checking.validate import slug_of

    parts = path.split("/")[1:]
    stem = parts[-1].rsplit(".", 1)[0]
    if parts[0] == "events":
        return f"agenda/{slug_of(stem)}/"
    if parts[0] == "places":
        return f"places/{slug_of(stem)}/"
    if parts[0] in ("playlists", "stories") and len(parts) == 3:
        return f"{parts[0]}/{slug_of(parts[1])}/" + ("" if parts[2] == "index.md" else f"{slug_of(stem)}/")
    return None


def _culprit(error: BaseException, site: HostileSite) -> str | None:
    """The contribution file the check or the build was reading or writing when it stopped: a contribution
    in the locals of the innermost frame that has one, else a page address in what the frames hold."""
    content = site.root / "content"

    def named(value) -> str | None:
        if isinstance(getattr(getattr(value, "contribution", None), "path", None), str):
            return value.contribution.path
        if all(hasattr(value, name) for name in ("path", "kind", "slug", "source_map")):
            return value.path
        if isinstance(value, tuple) and value and isinstance(value[0], Path):
            value = value[0]
        if isinstance(value, Path) and value.is_relative_to(content):
            return f"content/{value.relative_to(content).as_posix()}"
        return value if isinstance(value, str) and value in site.planned else None

    frames = [frame for error in _chain(error) for frame, _ in reversed(list(traceback.walk_tb(error.__traceback__)))]
    addresses = {}
    for path in site.planned:
        page = (page_of(path) or "").removesuffix("/")
        addresses[page] = path
        if page.startswith("places/"):
            addresses["agenda/place/" + page.removeprefix("places/")] = path

    def addressed(value) -> str | None:
        for text in [value, *getattr(value, "__dict__", {}).values()]:
            if isinstance(text, str) and len(text) < 500:  # an address or an id, not a whole page or feed
                for address in _ADDRESS.findall(text):
                    if address in addresses:
                        return addresses[address]
        return None

    for frame in frames:  # the innermost frame that names a file: an outer one may hold a loop's last item
        for value in frame.f_locals.values():
            if (found := named(value)) in site.planned or (found := addressed(value)):
                return found
    return None


def _described(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(REPO / "plugins"))]
    where = [f"{Path(f.filename).relative_to(REPO)}:{f.lineno}" for f in ours[-1:]]
    where += [f"{Path(f.filename).name}:{f.lineno}" for f in frames[-1:] if f not in ours]
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message[:160]} ({', '.join(where)})"


def _kind(planned: Planned) -> str:
    return planned.field.split(".")[0]


def _set_aside(site: HostileSite, culprit: str, crash: Crash, crashed: set[tuple[str, str]]) -> None:
    """The culprit's case out of the site; when its string already crashed the build in a field of the same
    kind, all the cases of that string in that kind's fields (a writer that stops on it in one field often
    stops in its neighbours). Its other fields stay: an M3U8 export is still looked at when the calendar
    writer stopped on an event."""
    planned = site.planned[culprit]
    string = (planned.entry.key if planned.entry else planned.case, _kind(planned))
    same = (
        (lambda p: ((p.entry.key if p.entry else p.case), _kind(p)) == string)
        if string in crashed
        else (lambda p: p.case == planned.case)
    )
    crashed.add(string)
    for path, other in site.planned.items():
        if same(other) and path not in site.quarantined and other.case != "base":
            site.quarantined[path] = crash
            target = site.root / "aside" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(site.root / path, target)


class Hung(Exception):
    """The check or the build still running after `DEADLINE` seconds."""


DEADLINE = 60  # seconds for one check or build of a site (they take one to three)


@contextlib.contextmanager
def _deadline(seconds: int):
    """Interrupts a check or a build that hangs, and ends the helper process it forked (two_processes)."""

    def interrupt(signum, frame):
        raise Hung(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(seconds)
    try:
        yield
    except Hung:
        for helper in multiprocessing.active_children():  # only the processes this one started
            helper.kill()
        raise
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _until_it_passes(site: HostileSite, phase: str, run) -> bool:
    crashed: set[tuple[str, str]] = set()
    for _ in range(ATTEMPTS):
        try:
            with _deadline(DEADLINE):
                run(site)
            return True
        except Exception as error:  # a crash is the finding: recorded, and the rest still looked at
            culprit = None if isinstance(error, Hung) else _culprit(error, site)
            crash = Crash(phase, culprit, _described(error))
            site.crashes.append(crash)
            if culprit is None or culprit in site.quarantined or site.planned[culprit].case == "base":
                return False
            _set_aside(site, culprit, crash, crashed)
    return False


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory) -> list[HostileSite]:
    sites = plan(tmp_path_factory.mktemp("hostile"))
    for site in sites:
        _until_it_passes(site, "make check", _run_check)
        site.built = _until_it_passes(site, "make html", _run_build)
    return sites
