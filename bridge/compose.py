"""Turn a submission's fields into the contribution file(s) a contributor would have written by hand.

Nothing a person typed reaches a path: names are made by the server from a sanitized slug of the title
and the submission's id. The file is written with a YAML emitter, then read back and validated exactly
as `make check` reads it, in memory (nothing is written before the worker commits it): if what would be
committed differs from what was submitted, it is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml

from contributions import KINDS, Problem, Site, SourceError, read_as_text, read_source, slug_of, validate_bytes

from .uploads import Upload

MAX_SLUG = 50


@dataclass
class Draft:
    """What the worker will commit: repository-relative paths and their bytes, and where it goes."""

    branch: str
    main_file: str
    files: dict[str, bytes]
    title: str


class _Dumper(yaml.SafeDumper):
    """Text stays text for the contributions' own YAML 1.2 reader (`0o17`, `true` are quoted), and
    several lines are written as a readable literal block."""


def _text(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    style = None if read_as_text(value) else "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def render(markdown: bool, fields: dict, body: str) -> bytes:
    text = yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    if markdown:
        text = f"---\n{text}---\n{body.strip()}\n" if body.strip() else f"---\n{text}---\n"
    return text.encode("utf-8")


def file_slug(title: str) -> str:
    slug = slug_of(title)[:MAX_SLUG].strip("-")
    return slug or "contribution"


def compose(
    submission_id: str,
    kind_name: str,
    fields: dict,
    body: str,
    parent: str | None,
    uploads: dict[str, Upload],
    site: Site,
    content: PurePosixPath,
    today: dt.date,
) -> tuple[Draft | None, list[Problem]]:
    """The draft of a submission, or the problems found by the contributions' validation."""
    kind = KINDS[kind_name]
    body = body if kind.markdown else ""  # a YAML file has no text besides its fields
    name = f"{file_slug(str(fields.get('title', '')))}-{submission_id[:8]}"
    fields, files = with_uploads(fields, uploads, name, content)
    relative = PurePosixPath(_folder(kind_name, fields, parent, today)) / (name + (".md" if kind.markdown else ".yaml"))
    raw = render(kind.markdown, fields, body)
    problems = validate_bytes(raw, str(relative), relative, kind, site)
    if problems:
        return None, problems
    if not _reads_back(raw, kind.markdown, fields, body, site):
        return None, [Problem(str(relative), 1, "", "unsafe")]
    main_file = str(content / relative)
    files[main_file] = raw
    branch = f"contrib/{kind_name.replace('_', '-')}/{today.isoformat()}-{name}"
    return Draft(branch, main_file, files, str(fields.get("title", ""))), []


def with_uploads(
    fields: dict, uploads: dict[str, Upload], name: str, content: PurePosixPath
) -> tuple[dict, dict[str, bytes]]:
    """`fields` naming each upload under a file name made by the server (images/contrib/<name>.jpg), and the
    uploads' repository paths."""
    files: dict[str, bytes] = {}
    fields = dict(fields)
    for field_name, upload in uploads.items():
        folder = "images" if upload.mime.startswith("image/") else "media"
        source = f"{folder}/contrib/{name}{upload.extension}"
        files[str(content / source)] = upload.data
        block = fields.get(field_name)
        block = dict(block) if isinstance(block, dict) else {}
        block["src"] = source
        if folder == "media":
            block.update(type=upload.mime, size=len(upload.data))
        fields[field_name] = block
    return fields, files


def _folder(kind_name: str, fields: dict, parent: str | None, today: dt.date) -> str:
    if kind_name == "event":
        year = re.match(r"\s*(\d{4})-", str(fields.get("start", "")))
        return f"events/{year[1] if year else today.year}"
    return {"track": "playlists", "story": "stories"}[kind_name] + f"/{parent}"


def _reads_back(raw: bytes, markdown: bool, fields: dict, body: str, site: Site) -> bool:
    """The file, read as `make check` reads it, holds exactly the submitted fields and text."""
    try:
        source = read_source(raw, markdown, max(site.max_file_bytes, len(raw)))
    except SourceError:
        return False
    return source.data == fields and source.body.strip() == body.strip()
