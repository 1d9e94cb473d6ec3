"""The field reference of the /contribute/ page, read from the JSON Schemas (never written by hand)."""

from __future__ import annotations

from dataclasses import dataclass, field

from contributions.describing.json_schema import json_schema, resolve
from contributions.schemas.kinds import KINDS, Kind
from contributions.site import Site


@dataclass
class FieldDoc:
    name: str  # dotted, as in `make check` messages: image.alt
    required: bool  # within its parent: image.alt is required whenever there is an image
    description: str
    allowed: list[tuple[str, str]] = field(default_factory=list)  # (word to write, label for readers)
    default: object = None


@dataclass
class KindDoc:
    kind: Kind
    fields: list[FieldDoc]
    description: str


def document(site: Site) -> list[KindDoc]:
    return [_document_kind(kind, site) for kind in KINDS.values()]


def _document_kind(kind: Kind, site: Site) -> KindDoc:
    schema = json_schema(kind, site)
    rows: list[FieldDoc] = []
    _walk(schema, schema, "", rows, site)
    return KindDoc(kind=kind, fields=rows, description=schema.get("description", ""))


def _walk(schema: dict, node: dict, prefix: str, rows: list[FieldDoc], site: Site) -> None:
    required = set(node.get("required", []))
    for name, raw in node.get("properties", {}).items():
        prop = resolve(schema, raw)
        dotted = prefix + name
        items = resolve(schema, prop["items"]) if prop.get("type") == "array" and "items" in prop else None
        allowed_source = items if items and "enum" in items else prop
        rows.append(
            FieldDoc(
                name=dotted,
                required=name in required,
                description=raw.get("description") or prop.get("description", ""),
                allowed=_labelled(allowed_source, site),
                default=prop.get("default"),
            )
        )
        nested = prop if prop.get("properties") else (items if items and items.get("properties") else None)
        if nested:
            _walk(schema, nested, dotted + ".", rows, site)


def _labelled(node: dict, site: Site) -> list[tuple[str, str]]:
    values = node.get("enum", [])
    vocabulary = site.vocabularies.get(node.get("x-vocabulary", ""), {})
    return [(value, vocabulary.get(value, {}).get(site.language, "")) for value in values]
