"""`python -m bench.languages`: the same 1,000-contribution site built in one language, then in three
(`KIOSQUE_LANGUAGES = ["fr", "nl", "en"]`), each from nothing in its own process; prints both and their ratio
(issue 23 expects about 3: each language's tree is a build of its own). `make bench` runs it after the builds."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from .generate import City
from .measure import timed
from .run import SETTINGS, TODAY
from .sites import REPO, write_kiosque_settings


def build(site: Path, languages: list[str]) -> float:
    shutil.rmtree(site / "output", ignore_errors=True)
    shutil.rmtree(site / "cache", ignore_errors=True)
    settings = site / SETTINGS
    write_kiosque_settings(site)
    settings.write_text(settings.read_text(encoding="utf-8") + f"KIOSQUE_LANGUAGES = {languages!r}\n")
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", SETTINGS]
    env = {"KIOSQUE_TODAY": TODAY, "PYTHONPATH": str(REPO / "plugins")}
    return timed(command, site, env, site / f"build-{len(languages)}.log").seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.languages", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        City(arguments.size, 10, dt.date.fromisoformat(TODAY)).write(site)
        one = build(site, ["fr"])
        three = build(site, ["fr", "nl", "en"])
    print(
        f"languages: {arguments.size} contributions in one language {one:.1f} s, in three {three:.1f} s "
        f"(ratio {three / one:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
