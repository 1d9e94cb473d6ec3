"""Pagefind, run on the build's documents: the search bundle (its script, its WebAssembly, the index in
chunks, one fragment per result) that the reader's browser loads piece by piece, from the site itself.

The documents are written as a small site of their own in a temporary folder, each at its page's address,
and Pagefind's program (from the `pagefind_bin` wheel) indexes that folder in one run: its Python interface
waits a tenth of a second for each document's answer (17 minutes for 10,000). The bundle is handed back as
files, which the generator writes through the build's output record: unchanged chunks keep their date, and
those of an earlier index are swept with the rest of what the build did not write."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pagefind.service import get_executable

from search.reproducible import reproducible


class SearchIndexError(RuntimeError):
    """Pagefind could not make the index: the sentence says what to do."""


def bundle(documents: Iterable, language: str) -> dict[str, bytes]:
    """The search bundle's files (path inside the bundle -> content) for `documents`, in `language`: its
    stemming (a French index finds "atelier" from "ateliers") and the language the bundle announces."""
    documents = list(documents)
    if not documents:  # Pagefind refuses to index nothing; a site without past events has no archive yet
        return {}
    program = get_executable()
    if program is None or not program.is_file():
        raise SearchIndexError(
            "the search index needs Pagefind's program (the pagefind[bin] package): run `make install`"
        )
    # in memory where the system has a folder for it: a folder per document, 10,000 made and removed
    shared_memory = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="kiosque-search-", dir=shared_memory) as folder:
        site, out = Path(folder, "site"), Path(folder, "bundle")
        for document in documents:
            path = site / _file_of(document.url)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document.html(language), encoding="utf-8")
        command = [
            str(program),
            "--site",
            str(site),
            "--output-path",
            str(out),
            "--force-language",
            language,
            "--silent",
        ]
        done = subprocess.run(command, capture_output=True, text=True, errors="replace")
        if done.returncode != 0 or not (out / "pagefind-entry.json").is_file():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise SearchIndexError(f"Pagefind stopped ({said[-1] if said else f'exit {done.returncode}'})")
        files = {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*") if path.is_file()}
    entry = json.loads(files["pagefind-entry.json"])
    wasm = {f"wasm.{found['wasm']}.pagefind" for found in entry["languages"].values()}
    loaded = {path: content for path, content in files.items() if _loaded(path, wasm | {"pagefind.js"})}
    try:
        return reproducible(loaded)
    except (ValueError, LookupError, TypeError) as error:  # another Pagefind than the one pyproject.toml names
        raise SearchIndexError(
            f"Pagefind {entry.get('version')} writes its index in a form kiosque does not know"
        ) from error


def _file_of(url: str) -> str:
    """The file a page's address is served from: `agenda/bal/` from `agenda/bal/index.html` (Pagefind gives
    results the address of their file, without `index.html`)."""
    return f"{url}index.html" if url.endswith("/") or not url else url


def _loaded(path: str, wanted: set[str]) -> bool:
    """What the search page asks for: the script, the entry, the index's chunks and the WebAssembly of the
    bundle's language. Not Pagefind's worker (the search runs on the page's thread) nor its ready-made
    interfaces (400 KB): the page has its own."""
    return (
        path == "pagefind-entry.json"
        or path in wanted
        or path.endswith(".pf_meta")
        or path.split("/")[0] in ("index", "fragment", "filter")
    )
