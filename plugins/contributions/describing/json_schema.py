"""JSON Schema of each kind, generated from the schemas, so that editors can check and complete a file.

The site's vocabularies are written in as `enum`s: the published schema always matches the site's settings.
"""

from __future__ import annotations

import copy
from typing import Any

from contributions.schemas.kinds import KINDS, Kind
from contributions.site import Site


def schema_file_name(kind: Kind) -> str:
    return kind.name.replace("_", "-") + ".json"


def json_schema(kind: Kind, site: Site, base_url: str = "") -> dict[str, Any]:
    """The JSON Schema of `kind` as the site accepts it."""
    schema = kind.schema.model_json_schema(by_alias=True, mode="validation")
    schema = _numbers_as_text(_with_vocabularies(schema, site.vocabularies))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if base_url:
        schema["$id"] = f"{base_url.rstrip('/')}/schema/{schema_file_name(kind)}"
    schema["x-kiosque-file"] = kind.pattern
    return schema


def all_schemas(site: Site, base_url: str = "") -> dict[str, dict[str, Any]]:
    return {schema_file_name(kind): json_schema(kind, site, base_url) for kind in KINDS.values()}


def _with_vocabularies(node: Any, vocabularies: dict) -> Any:
    if isinstance(node, dict):
        node = {key: _with_vocabularies(value, vocabularies) for key, value in node.items()}
        name = node.get("x-vocabulary")
        if name:
            node["enum"] = list(vocabularies.get(name, {}))
        return node
    if isinstance(node, list):
        return [_with_vocabularies(value, vocabularies) for value in node]
    return copy.copy(node)


def _numbers_as_text(node: Any) -> Any:
    """Free text fields take numbers too (`period: 1962`), as the schemas do (coerce_numbers_to_str)."""
    if isinstance(node, dict):
        node = {key: _numbers_as_text(value) for key, value in node.items()}
        free_text = not ({"pattern", "format", "enum", "x-vocabulary"} & node.keys())
        if node.get("type") == "string" and free_text:
            node["type"] = ["string", "number"]
        return node
    if isinstance(node, list):
        return [_numbers_as_text(value) for value in node]
    return node


def resolve(schema: dict, node: dict) -> dict:
    """Follow `$ref`s and choose the full form among a field's options (the block of fields or the list
    rather than its one-value shorthand, never `null`), to describe the field plainly."""
    while True:
        if "$ref" in node:
            node = {**schema["$defs"][node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
            continue
        options = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
        if options:
            full = [o for o in options if "$ref" in o or o.get("type") in ("array", "object")]
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            node = {**(full or options)[-1], **merged}
            continue
        return node
