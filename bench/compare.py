"""Two versions of kiosque on the same city-sized site, each in turn, to say whether a change made the build
slower: the machine's load moves a single build's time by a third, but it moves both versions alike when
they alternate.

    python -m bench.compare --before <commit> [--size 10000] [--rounds 2] [--work build/compare]

The other version is checked out with `git worktree` (its vendored map files copied from this checkout).
One site is generated and committed, then cloned once per version, so both read the same files and history.
Each round, for each version: a full build with an empty cache and output folder, one event added and
committed then a rebuild with the content cache on, `make check` with nothing stored, then after the builds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from .generate import City, commit_all
from .measure import Measure, timed
from .run import ADDED_EVENT, TODAY
from .sites import REPO, SETTINGS, write_kiosque_settings

STEPS = ("full build", "rebuild after one more event", "`make check`, nothing stored", "`make check` after a build")


def _checkout(commit: str, folder: Path) -> Path:
    if folder.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=REPO, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(folder), commit], cwd=REPO, check=True, capture_output=True
    )
    vendor = Path("theme/static/vendor")
    shutil.copytree(REPO / vendor, folder / vendor, dirs_exist_ok=True)  # not in git: `make install` fetches it
    return folder


def _run(tree: Path, site: Path, command: list[str], log: str) -> Measure:
    env = {"KIOSQUE_TODAY": TODAY, "PYTHONPATH": str(tree / "plugins")}
    return timed([sys.executable, *command], site, env, site / log)


def _one_round(tree: Path, site: Path, first_commit: str) -> list[Measure]:
    subprocess.run(["git", "reset", "--quiet", "--hard", first_commit], cwd=site, check=True)
    for folder in ("output", "cache", "cache.built"):
        shutil.rmtree(site / folder, ignore_errors=True)
    build = ["-m", "pelican", "content", "-o", "output", "-s", SETTINGS]
    check = ["-m", "contributions.check", "--settings", SETTINGS]
    full = _run(tree, site, build, "full.log")
    (site / "content/events/2026/bal-ajoute.md").write_text(ADDED_EVENT, encoding="utf-8")
    commit_all(site, "One more event")
    rebuild = _run(tree, site, build, "rebuild.log")
    (site / "cache").rename(site / "cache.built")
    cold_check = _run(tree, site, check, "check.log")
    shutil.rmtree(site / "cache")
    (site / "cache.built").rename(site / "cache")
    warm_check = _run(tree, site, check, "check-after-build.log")
    return [full, rebuild, cold_check, warm_check]


def _span(measures: list[Measure]) -> str:
    walls, cpus = sorted(m.seconds for m in measures), sorted(m.cpu for m in measures)
    wall = f"{walls[0]:.2f}" if len(walls) == 1 else f"{walls[0]:.2f}–{walls[-1]:.2f}"
    cpu = f"{cpus[0]:.2f}" if len(cpus) == 1 else f"{cpus[0]:.2f}–{cpus[-1]:.2f}"
    return f"{wall} s / {cpu} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the commit to compare this checkout with")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "compare")
    arguments = parser.parse_args(argv)

    work = arguments.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    trees = {"before": _checkout(arguments.before, work / "before-tree"), "after": REPO}
    source = work / "site"
    shutil.rmtree(source, ignore_errors=True)
    City(arguments.size, arguments.seed, dt.date.fromisoformat(TODAY)).write(source)
    (source / ".gitignore").write_text("output/\ncache/\ncache.built/\n*.log\n" + SETTINGS + "\n")
    commit_all(source, f"{arguments.size} synthetic contributions (seed {arguments.seed})")
    first = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, check=True, capture_output=True, text=True)
    sites = {}
    for name, tree in trees.items():
        sites[name] = work / f"site-{name}"
        shutil.rmtree(sites[name], ignore_errors=True)
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(source), str(sites[name])], check=True)
        write_kiosque_settings(sites[name], tree)

    results: dict[str, list[list[Measure]]] = {name: [] for name in trees}
    for round_number in range(arguments.rounds):
        for name, tree in trees.items():
            print(f"round {round_number + 1}: {name}", file=sys.stderr, flush=True)
            results[name].append(_one_round(tree, sites[name], first.stdout.strip()))

    print(f"| {arguments.size:,} contributions, wall / CPU | before ({arguments.before[:7]}) | after |")
    print("|---|---:|---:|")
    for index, step in enumerate(STEPS):
        spans = [_span([rounds[index] for rounds in results[name]]) for name in trees]
        print(f"| {step} | {spans[0]} | {spans[1]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
