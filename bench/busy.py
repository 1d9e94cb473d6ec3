"""A busy region: the agendas of some twenty towns gathered (`generate.BUSY_RATE` times the city's rate), so
that the coming three months hold about 4,000 events. The archive sizes of `run.py` only make the past grow;
here the pages that list what is coming (the home, the agenda, its filter pages, feeds) meet thousands of
events. The site is built once from nothing, and every HTML page is weighed as the theme's tests weigh the
sample's (`budgets.py`): the home against its 60 KB, an event against its 40 KB, every other page against the
home's 60 KB (the theme gives lists no budget of their own; a list longer than that must be cut in pages)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

from .budgets import EVENT_BUDGET, HOME_BUDGET, weight
from .generate import BUSY_RATE, EVENTS_PER_YEAR, City, commit_all
from .measure import timed
from .sites import REPO, SETTINGS, twins, write_kiosque_settings


def page_kind(path: str) -> str:
    """The kind of an output page: its path with every number and every synthetic name made generic
    (`agenda/place/lieu-12/` and `agenda/place/lieu-3/` are one kind)."""
    return re.sub(r"[^/]*\d[^/]*", "…", path)


def weigh_all(output: Path) -> list[tuple[str, int, str, int, int]]:
    """(kind, pages, heaviest page, its weight, its budget) for every kind of HTML page, the most over its budget
    first; the newsletter's `email.html` (sent, not browsed) left out."""
    heaviest: dict[str, tuple[int, str]] = {}
    counted: dict[str, int] = defaultdict(int)
    for file in sorted(output.rglob("*.html")):
        path = file.relative_to(output).as_posix()
        if path.endswith("email.html"):
            continue
        is_event = '<article class="event' in file.read_text(encoding="utf-8", errors="replace")
        kind = "event pages" if is_event else page_kind(path)
        counted[kind] += 1
        heaviest[kind] = max(heaviest.get(kind, (0, "")), (weight(output, path), path))
    rows = [
        (kind, counted[kind], path, size, EVENT_BUDGET if kind == "event pages" else HOME_BUDGET)
        for kind, (size, path) in heaviest.items()
    ]
    return sorted(rows, key=lambda row: row[3] / row[4], reverse=True)


def bench_busy(size: int, seed: int, work: Path, today: str) -> str:
    """Build the busy region of `size` contributions; the Markdown of its figures and of its pages' weights."""
    site = work / f"busy-{size}"
    shutil.rmtree(site, ignore_errors=True)
    City(size, seed, dt.date.fromisoformat(today), EVENTS_PER_YEAR * BUSY_RATE).write(site)
    write_kiosque_settings(site)
    (site / ".gitignore").write_text("output/\ncache/\n*.log\n")
    commit_all(site, f"A busy region of {size} contributions (seed {seed})")
    upcoming = sum(1 for twin in twins(site) if twin.kind == "events" and twin.date[:10] >= today)
    print(f"[busy {size}] site written ({upcoming} upcoming events); building", file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", SETTINGS]
    full = timed(command, site, {"KIOSQUE_TODAY": today, "PYTHONPATH": str(REPO / "plugins")}, site / "full.log")
    rows = weigh_all(site / "output")
    over = [row for row in rows if row[3] > row[4]]
    lines = [
        f"Busy region ({BUSY_RATE} × {EVENTS_PER_YEAR} events a year): {size:,} contributions, {upcoming:,} events "
        f"from today on; full build {full.seconds:.1f} s (CPU {full.cpu:.1f} s), {full.peak_mb:.0f} MB. "
        f"{len(over)} kinds of page over their budget.",
        "",
        "| page | pages | heaviest | weight with its CSS and JS | budget |",
        "|---|---:|---|---:|---:|",
    ]
    for kind, count, path, weighed, limit in rows[:15]:
        mark = " **over**" if weighed > limit else ""
        lines.append(f"| `{kind}` | {count:,} | `{path}` | {weighed / 1024:.0f} KB{mark} | {limit // 1024} KB |")
    return "\n".join(lines)
