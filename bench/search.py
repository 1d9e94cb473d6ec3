"""`python -m bench.search`: what search costs on a 10,000-contribution site — the share of one full build spent
making the indexes and of a rebuild after one more event (timed inside the builds, so that the machine's load
weighs on both sides alike), the indexes' size on disk, and what a reader's browser downloads for a first search:
Debian's Chromium opens /search/, types a word, and every response from the site after the page itself is
counted, as sent and as a host compressing text with gzip would send it (Pagefind's chunks are compressed
already). `make bench` runs it."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from search.generator import SearchGenerator

from .generate import City
from .run import ADDED_EVENT, TODAY
from .sites import SETTINGS, write_kiosque_settings

WORDS = ("concert", "linogravure", "fonderie")  # a word of a thousand events, a rare one, a place's


def timed_build(site: Path) -> tuple[float, float]:
    """(seconds of the whole build, seconds of the search generator in it)."""
    spent = [0.0]
    original = SearchGenerator.generate_output

    def timed(generator, writer):
        start = time.perf_counter()
        try:
            return original(generator, writer)
        finally:
            spent[0] += time.perf_counter() - start

    write_kiosque_settings(site)
    os.environ["KIOSQUE_TODAY"] = TODAY
    settings = read_settings(
        str(site / SETTINGS), override={"PATH": str(site / "content"), "OUTPUT_PATH": str(site / "output")}
    )
    SearchGenerator.generate_output = timed
    try:
        start = time.perf_counter()
        Pelican(settings).run()
        return time.perf_counter() - start, spent[0]
    finally:
        SearchGenerator.generate_output = original


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments) -> None:
        pass


def first_search(output: Path, words: str, past: bool = False) -> tuple[int, int, int]:
    """(bytes as sent, bytes gzip-compressed, number of files) that typing `words` on /search/ downloads (`past`:
    with "search the past events too" ticked, which loads the archive's index as well)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    fetched: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
            page = browser.new_page()
            page.goto(address + "/search/" + ("?past=1" if past else ""))
            page.wait_for_load_state("networkidle")
            page.on("request", lambda request: fetched.append(request.url.removeprefix(address).split("?")[0]))
            page.locator("#search-words").press_sequentially(words, delay=40)
            page.wait_for_function(
                "() => document.querySelector('.search-results').getAttribute('aria-busy') === 'false'"
            )
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    files = [output / path.lstrip("/") for path in dict.fromkeys(fetched) if not path.endswith(".svg")]
    sent = sum(path.stat().st_size for path in files)
    compressed = sum(min(path.stat().st_size, len(gzip.compress(path.read_bytes()))) for path in files)
    return sent, compressed, len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        City(arguments.size, 10, dt.date.fromisoformat(TODAY)).write(site)
        os.chdir(site)  # the settings' relative folders (cache)
        build, search = timed_build(site)
        print(
            f"search: {arguments.size} contributions built in {build:.1f} s, of which the search indexes "
            f"{search:.1f} s ({search / build:.1%})"
        )
        (site / "content/events/2026/bal-ajoute.md").write_text(ADDED_EVENT, encoding="utf-8")
        rebuild, search = timed_build(site)
        print(f"search: rebuilt after one more event in {rebuild:.1f} s, of which search {search:.1f} s")
        for name in ("pagefind", "pagefind-archive"):
            bundle = [path for path in (site / "output" / name).rglob("*") if path.is_file()]
            size = sum(path.stat().st_size for path in bundle)
            print(f"search: /{name}/ is {size / 1e6:.1f} MB on disk in {len(bundle)} files")
        for words, past in [(words, past) for past in (False, True) for words in WORDS]:
            sent, compressed, count = first_search(site / "output", words, past)
            print(
                f"search: a first search for '{words}'{' with the past events' if past else ''} downloads "
                f"{sent / 1000:.0f} KB in {count} files ({compressed / 1000:.0f} KB compressed)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
