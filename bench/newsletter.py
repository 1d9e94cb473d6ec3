"""`python -m bench.newsletter`: what the weekly newsletter costs on a 10,000-contribution site — the same site
built from nothing without the newsletter plugin, then with it, each in its own process after a first build that
warms the system's file cache (their ratio) — and the size of the largest e-mail the build wrote (issue 24's
budget: under 100 KB), in the newsletter's worst week: every file committed in the week before this week's issue,
so that all of the coming events are "announced". `make bench` runs it."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

from .generate import City, commit_all
from .run import TODAY
from .sites import build_from_nothing


def build(site: Path, newsletter: bool) -> float:
    without = "" if newsletter else 'PLUGINS = [name for name in PLUGINS if name != "newsletter"]\n'
    return build_from_nothing(site, TODAY, without, f"build-{newsletter}.log")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.newsletter", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        City(arguments.size, 10, dt.date.fromisoformat(TODAY)).write(site)
        os.environ["GIT_COMMITTER_DATE"] = "2026-11-26T12:00:00+01:00"  # in the week before TODAY's issue
        commit_all(site, "a whole city's agenda at once")
        build(site, newsletter=True)  # the first build of a new folder also fills the system's file cache
        without = build(site, newsletter=False)
        with_it = build(site, newsletter=True)
        emails = sorted((path.stat().st_size, path) for path in (site / "output/newsletter").rglob("email.html"))
        largest, where = emails[-1]
    print(
        f"newsletter: {arguments.size} contributions built without it {without:.1f} s, with it {with_it:.1f} s "
        f"(ratio {with_it / without:.2f}); {len(emails)} e-mails, the largest {largest / 1000:.1f} KB "
        f"({where.relative_to(site / 'output').as_posix()})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
