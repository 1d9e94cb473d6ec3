"""`python -m bench.languages`: the same 1,000-contribution site built in one language, then in three
(`KIOSQUE_LANGUAGES = ["fr", "nl", "en"]`), each from nothing in its own process; prints both and their ratio
(issue 23 expects about 3: each language's tree is a build of its own). `make bench` runs it after the builds."""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from .generate import City
from .run import TODAY
from .sites import build_from_nothing


def build(site: Path, languages: list[str]) -> float:
    return build_from_nothing(site, TODAY, f"KIOSQUE_LANGUAGES = {languages!r}\n", f"build-{len(languages)}.log")


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
