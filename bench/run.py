"""`make bench`: build synthetic kiosque sites and their plain Pelican twins at several sizes, each build
in its own process, and print the table (also written into bench/README.md).

    python -m bench.run [--sizes 1000 10000] [--region] [--busy 10000] [--seed 10] [--work build/bench]
                        [--no-readme]

Per size: a fresh kiosque site (a git repository, all content in one commit) and its twins; a full build
of each with an empty cache and output folder; one event (one article) added and committed, then a
rebuild with the content cache on; `make check` over the whole site, first with nothing stored (a fresh
clone), then with what the builds stored; a full build again with only the converted photos kept, beside the
Hugo twin's build (`hugo.py`); the sizes of the feeds and pages. `--region` adds a region's archive of
100,000 contributions (an hour or more). Then a busy region (`busy.py`): every page weighed against the
theme's budgets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

from . import busy, hugo
from .generate import City, commit_all
from .measure import Measure, timed
from .report import SizeResult, machine, table, write_readme
from .sites import REPO, SETTINGS, write_kiosque_settings, write_plain_twin

TODAY = "2026-12-01"
WATCHED = (
    "feeds/agenda.ics",
    "feeds/agenda.rss.xml",
    "feeds/agenda.atom.xml",
    "index.html",
    "agenda/index.html",
    "agenda/past/index.html",
)

ADDED_EVENT = """---
title: Bal de la Saint-Nicolas, ajouté au dernier moment
start: 2026-12-06 20:00
end: 2026-12-06 23:30
place: lieu-0
categories: [party]
audience: [all-ages]
price: hat
---
Un bal improvisé sous la verrière : apportez vos chaussures de danse et un gâteau à partager.
"""

ADDED_ARTICLE = """Title: Bal de la Saint-Nicolas, ajouté au dernier moment
Date: 2026-12-06 20:00
Category: events
Slug: events-bal-ajoute

Un bal improvisé sous la verrière : apportez vos chaussures de danse et un gâteau à partager.
"""


def _pelican(site: Path, log: str) -> Measure:
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", SETTINGS]
    env = {"KIOSQUE_TODAY": TODAY, "PYTHONPATH": str(REPO / "plugins")}
    return timed(command, site, env, site / log)


def _check(site: Path, log: str) -> Measure:
    """`make check` over the whole site, as `make check` runs it."""
    return timed(
        [sys.executable, "-m", "contributions.check", "--settings", SETTINGS],
        site,
        {"PYTHONPATH": str(REPO / "plugins"), "KIOSQUE_TODAY": TODAY},
        site / log,
    )


def _keep_only_photos(site: Path) -> None:
    """Remove the output and every store but the converted photos': a full build that a site's CI makes
    when it keeps its pictures' store (and what the Hugo twin, without photos, is compared with)."""
    shutil.rmtree(site / "output", ignore_errors=True)
    for entry in (site / "cache").iterdir():
        if not entry.name.startswith("kiosque-pictures"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def bench_size(size: int, seed: int, work: Path) -> SizeResult:
    kiosque, plain, twin = (_fresh(work / f"{name}-{size}") for name in ("kiosque", "plain", "hugo"))
    City(size, seed, dt.date.fromisoformat(TODAY)).write(kiosque)
    write_kiosque_settings(kiosque)
    (kiosque / ".gitignore").write_text("output/\ncache/\n*.log\n")
    commit_all(kiosque, f"{size} synthetic contributions (seed {seed})")
    write_plain_twin(kiosque, plain)
    print(f"[{size}] sites written; building", file=sys.stderr, flush=True)

    full = _pelican(kiosque, "full.log")
    plain_full = _pelican(plain, "full.log")
    (kiosque / "content/events/2026/bal-ajoute.md").write_text(ADDED_EVENT, encoding="utf-8")
    commit_all(kiosque, "One more event")
    rebuild = _pelican(kiosque, "rebuild.log")
    (plain / "content/events/bal-ajoute.md").write_text(ADDED_ARTICLE, encoding="utf-8")
    plain_rebuild = _pelican(plain, "rebuild.log")
    (kiosque / "cache").rename(kiosque / "cache.built")  # the first check of a fresh clone finds nothing stored
    check = _check(kiosque, "check.log")
    shutil.rmtree(kiosque / "cache")
    (kiosque / "cache.built").rename(kiosque / "cache")
    warm_check = _check(kiosque, "check-after-build.log")
    files = {name: (kiosque / "output" / name).stat().st_size for name in WATCHED}
    _keep_only_photos(kiosque)
    photos_kept = _pelican(kiosque, "photos-kept.log")
    hugo.write_twin(kiosque, twin)
    hugo_full = hugo.build(twin, "full.log")
    result = SizeResult(
        size, full, plain_full, rebuild, plain_rebuild, check, warm_check, files, photos_kept, hugo_full
    )
    print(
        f"[{size}] kiosque {full.seconds:.1f} s, plain {plain_full.seconds:.1f} s, rebuild {rebuild.seconds:.1f} s, "
        f"check {check.seconds:.1f} s, after a build {warm_check.seconds:.1f} s, photos kept "
        f"{photos_kept.seconds:.1f} s, Hugo {hugo_full.seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--region", action="store_true", help="also a region's archive: 100,000 contributions")
    parser.add_argument("--busy", type=int, default=10_000, metavar="SIZE", help="the busy region's size (0: none)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--work", type=Path, default=REPO / "build" / "bench", help="where the sites are written and built"
    )
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    arguments = parser.parse_args(argv)
    load = os.getloadavg()[0]
    hugo.ensure_hugo()
    sizes = arguments.sizes + ([100_000] if arguments.region else [])
    results = [bench_size(size, arguments.seed, arguments.work.resolve()) for size in sizes]
    region = busy.bench_busy(arguments.busy, arguments.seed, arguments.work.resolve(), TODAY) if arguments.busy else ""
    text = (
        f"Machine: {machine()}, {hugo.version()}; load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (other work on the machine). Seed {arguments.seed}, today {TODAY}."
        f"\n\n{table(results)}" + (f"\n\n{region}" if region else "")
    )
    print(text)
    if not arguments.no_readme:
        write_readme(REPO / "bench" / "README.md", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
