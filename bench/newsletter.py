"""`python -m bench.newsletter`: what the weekly newsletter costs on a 10,000-contribution site — the share of one
full build spent in the newsletter's generator (timed inside the build, so that the machine's load weighs on both
sides alike: two builds on this shared machine differ by more than the newsletter costs) — and the size of the
largest e-mail the build wrote (issue 24's budget: under 100 KB), in the newsletter's worst week: every file
committed in the week before this week's issue, so that all of the coming events are "announced".
`make bench` runs it."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from newsletter.generator import NewsletterGenerator

from .generate import City, commit_all
from .run import TODAY
from .sites import SETTINGS, write_kiosque_settings


def timed_build(site: Path) -> tuple[float, float]:
    """(seconds of the whole build, seconds of the newsletter's generator in it)."""
    spent = [0.0]

    def timing(method):
        def timed(generator, *arguments):
            start = time.perf_counter()
            try:
                return method(generator, *arguments)
            finally:
                spent[0] += time.perf_counter() - start

        return timed

    write_kiosque_settings(site)
    os.environ["KIOSQUE_TODAY"] = TODAY
    settings = read_settings(
        str(site / SETTINGS), override={"PATH": str(site / "content"), "OUTPUT_PATH": str(site / "output")}
    )
    originals = NewsletterGenerator.generate_context, NewsletterGenerator.generate_output
    NewsletterGenerator.generate_context, NewsletterGenerator.generate_output = map(timing, originals)
    try:
        start = time.perf_counter()
        Pelican(settings).run()
        return time.perf_counter() - start, spent[0]
    finally:
        NewsletterGenerator.generate_context, NewsletterGenerator.generate_output = originals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.newsletter", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        City(arguments.size, 10, dt.date.fromisoformat(TODAY)).write(site)
        os.environ["GIT_COMMITTER_DATE"] = "2026-11-26T12:00:00+01:00"  # in the week before TODAY's issue
        commit_all(site, "a whole city's agenda at once")
        os.chdir(site)  # the settings' relative folders (cache)
        build, newsletter = timed_build(site)
        emails = sorted((path.stat().st_size, path) for path in (site / "output/newsletter").rglob("email.html"))
        largest, where = emails[-1]
    print(
        f"newsletter: {arguments.size} contributions built in {build:.1f} s, of which the newsletter "
        f"{newsletter:.1f} s ({newsletter / build:.1%}); {len(emails)} e-mails, the largest {largest / 1000:.1f} KB "
        f"({where.relative_to(site / 'output').as_posix()})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
