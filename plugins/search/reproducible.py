"""Pagefind's bundle made the same for the same documents. Pagefind writes each facet's values, and the list of
facets in its metadata, in the order of a Rust hash map, which changes from one run to the next: two builds of
the same site would differ in a few files, and a rebuild would rewrite them. Here those lists are sorted, and
the files they change are renamed after their new content, as Pagefind names its chunks (pagefind.js finds
them by the names the metadata and the entry give, and checks nothing else).

A chunk is gzip over "pagefind_dcd" and CBOR (read and written with cbor2)."""

from __future__ import annotations

import gzip
import hashlib
import json

import cbor2

SIGNATURE = b"pagefind_dcd"


def reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    """`files` (a bundle: path -> content) with its facets and metadata in a stable order."""
    files = dict(files)
    entry = json.loads(files["pagefind-entry.json"])
    renamed: dict[str, str] = {}  # a filter chunk's old name -> its new one
    for path in [path for path in files if path.startswith("filter/")]:
        name, values = _read(files.pop(path))
        content = _written([name, sorted(values, key=lambda value: value[0])])
        old = path.removeprefix("filter/").removesuffix(".pf_filter")
        renamed[old] = _name(old, content)
        files[f"filter/{renamed[old]}.pf_filter"] = content
    for language in entry["languages"].values():
        old = language["hash"]
        meta = _read(files.pop(f"pagefind.{old}.pf_meta"))
        meta[3] = sorted([name, renamed.get(chunk, chunk)] for name, chunk in meta[3])  # the facets' chunks
        content = _written(meta)
        language["hash"] = _name(old, content, length=10)
        files[f"pagefind.{language['hash']}.pf_meta"] = content
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def _read(content: bytes):
    data = gzip.decompress(content)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind chunk")
    return cbor2.loads(data[len(SIGNATURE) :])


def _written(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def _name(old: str, content: bytes, length: int = 7) -> str:
    """`fr_1a2b3c4` as Pagefind names its chunks: the language, then a hash of the content."""
    language = old.rsplit("_", 1)[0]
    return f"{language}_{hashlib.sha256(content).hexdigest()[:length]}"
