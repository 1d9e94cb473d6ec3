"""The documentation is generated or checked, so it cannot drift from the code."""

from __future__ import annotations

import re
import typing

import jsonschema
import pytest
from conftest import REPO
from pydantic import BaseModel, ValidationError

from contributions.describing.json_schema import json_schema
from contributions.reading.loader import read_source
from contributions.schemas.kinds import KINDS
from contributions.site import Site
from publishing.content import url_settings


def models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in models_in(argument)]


def all_fields():
    seen, todo = set(), [kind.schema for kind in KINDS.values()]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            yield model, name, info
            todo += models_in(info.annotation)


def test_every_schema_field_is_described_for_contributors():
    undescribed = [f"{model.__name__}.{name}" for model, name, info in all_fields() if not info.description]
    assert undescribed == []
    assert all(kind.schema.__doc__ for kind in KINDS.values())


def test_every_example_on_the_contribute_page_is_valid():
    site = Site(content=REPO / "content")
    for kind in KINDS.values():
        data = read_source(kind.example.encode(), kind.markdown, 10**6).data
        kind.schema.model_validate(data, context={**site.validation_context(), "area": None})


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "plugins").rglob("*.py"))
    settings = set(re.findall(r"\bKIOSQUE_[A-Z_]+\b", code)) | set(url_settings())
    undocumented = sorted(
        name for name in settings if name not in readme and not name.endswith(("_LANG_URL", "_LANG_SAVE_AS"))
    )
    assert undocumented == []


def _accepted_by_check(kind, data) -> bool:
    try:
        kind.schema.model_validate(data, context=Site(content=REPO / "content").validation_context())
        return True
    except ValidationError:
        return False


EVENT = {"title": "Bal", "start": "2026-12-05 20:30", "online": "https://example.org", "categories": ["concert"]}
STORY = {"title": "Le bal", "teller": "Jeanine", "consent": True}


@pytest.mark.parametrize(
    "kind, changes",
    [
        ("event", {"start": "2026-12-05 20h30"}),
        ("event", {"start": "2026-1-5"}),
        ("event", {"start": "5/12/2026"}),
        ("event", {"start": "2026-12-05T20:30"}),
        ("event", {"language": "FR"}),
        ("event", {"language": "pt-BR"}),
        ("event", {"language": "fr_FR"}),
        ("event", {"categories": "concert"}),
        ("event", {"categories": ["concer"]}),
        ("event", {"price": "hat"}),
        ("event", {"price": 8}),
        ("event", {"place": "mediatheque-des-lilas"}),
        ("event", {"except": "2026-12-12", "recurrence": {"frequency": "weekly"}}),
        ("event", {"tags": "jazz"}),
        ("event", {"title": 1984}),
        ("event", {"extra_field": 1}),
        ("story", {"consent": "yes"}),
        ("story", {"consent": False}),
        ("story", {"period": 1962}),
        ("story", {"licence": "CC0-1.0"}),
        ("story", {"licence": "WTFPL"}),
    ],
)
def test_the_published_json_schema_agrees_with_make_check(kind, changes):
    """An editor using /schema/<kind>.json and `make check` must never disagree on a single field."""
    kind = KINDS[kind]
    data = {**(EVENT if kind.name == "event" else STORY), **changes}
    schema = json_schema(kind, Site(content=REPO / "content"))
    by_schema = jsonschema.Draft202012Validator(schema).is_valid(data)
    assert by_schema == _accepted_by_check(kind, data)
