"""The forms, derived from the contribution schemas: which widget, which allowed values, whether a field is
required and what it means all come from the published JSON Schema of each kind; this module only chooses
which fields a five-minute form shows, and turns what was posted back into the fields of a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contributions import KINDS, Problem, Site, document, json_schema, resolve

from .wording import HELP, LABELS

# The fields each form shows, in order: a dotted path into the file's fields (list items by index).
SHOWN = {
    "event": [
        "title",
        "start",
        "end",
        "place",
        "place.name",
        "place.address.street",
        "place.address.postal_code",
        "place.address.city",
        "online",
        "categories",
        "audience",
        "price.kind",
        "price.amounts.0.amount",
        "accessibility",
        "organizer",
        "booking.url",
        "image",
        "image.alt",
        "body",
        "credit",
        "contact",
    ],
    "track": ["title", "artist", "album", "year", "duration", "links.0.url", "note", "added_by", "contact"],
    "story": [
        "title",
        "teller",
        "anonymous",
        "language",
        "place",
        "period",
        "body",
        "audio",
        "transcript",
        "image",
        "image.alt",
        "licence",
        "consent",
        "collected_by",
        "contact",
    ],
}
UPLOADS = {"event": ("image",), "track": (), "story": ("audio", "image")}
EXTRA = ("body", "contact")  # not fields of the file: its Markdown text, and the moderators' contact


@dataclass
class FormField:
    name: str
    label: str
    help: str  # the schema's description (translated by the theme's catalogue) or the bridge's own words
    widget: str  # text, textarea, select, checkboxes, checkbox, file, url, number, email
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    schema_help: bool = True
    default: object = None


def plain_path(name: str) -> str:
    """`price.amounts.0.amount` as the schemas document it: `price.amounts.amount`."""
    return ".".join(part for part in name.split(".") if not part.isdigit())


def form_fields(kind_name: str, site: Site, places: list[tuple[str, str]] = ()) -> list[FormField]:
    schema = json_schema(KINDS[kind_name], site)
    docs = {doc.name: doc for doc in next(d for d in document(site) if d.kind.name == kind_name).fields}
    fields = []
    for name in SHOWN[kind_name]:
        if name in EXTRA:
            widget = "textarea" if name == "body" else "email"
            fields.append(FormField(name, LABELS[name], HELP[name], widget, schema_help=False))
            continue
        doc = docs[plain_path(name)]
        node = _node(schema, name)
        top_required = "." not in name and doc.required
        form_field = FormField(
            name,
            LABELS[name],
            doc.description,
            _widget(node),
            required=top_required,
            choices=[(value, label or value) for value, label in doc.allowed],
            default=doc.default,
        )
        if name in UPLOADS[kind_name]:
            form_field.widget, form_field.help, form_field.schema_help = "file", HELP[name], False
        elif kind_name == "event" and name == "place":
            form_field.widget, form_field.choices = "select", list(places)
            form_field.help, form_field.schema_help = HELP["place"], False
        fields.append(form_field)
    return fields


def _node(schema: dict, name: str) -> dict:
    node = schema
    for part in name.split("."):
        node = resolve(schema, node)
        node = node["items"] if part.isdigit() else node.get("properties", {}).get(part, {})
    return resolve(schema, node)


def _widget(node: dict) -> str:
    if node.get("type") == "array" and "enum" in resolve({}, node.get("items", {})):
        return "checkboxes"
    if "enum" in node:
        return "select"
    if node.get("type") == "boolean":
        return "checkbox"
    if node.get("type") == "integer":
        return "number"
    if node.get("format") == "uri":
        return "url"
    if node.get("maxLength", 0) > 300:
        return "textarea"
    return "text"


def read_form(fields: list[FormField], form) -> tuple[dict, str, str]:
    """(the file's fields, its Markdown text, the contact address) from a posted form (a Starlette FormData)."""
    data: dict = {}
    for form_field in fields:
        if form_field.widget == "file" or form_field.name in EXTRA:
            continue
        if form_field.widget == "checkboxes":
            value = [item.strip() for item in form.getlist(form_field.name) if isinstance(item, str) and item.strip()]
        elif form_field.widget == "checkbox":
            value = True if form.get(form_field.name) in ("on", "true", "yes") else None
        else:
            raw = form.get(form_field.name)
            value = raw.strip().replace("\r\n", "\n") if isinstance(raw, str) else ""
            if form_field.widget == "number" and re.fullmatch(r"\d{1,9}", value):
                value = int(value)
        if value not in ("", [], None):
            _set(data, form_field.name.split("."), value)
    body, contact = (str(form.get(name) or "").replace("\r\n", "\n").strip() for name in EXTRA)
    return data, body, contact


def _set(data, path: list[str], value) -> None:
    """Set a dotted path; a value already given in its short form (`place: a-slug`) wins over its details."""
    head, rest = path[0], path[1:]
    key = int(head) if head.isdigit() else head
    if not rest:
        if isinstance(data, list):
            data.append(value)
        else:
            data[key] = value
        return
    container = [] if rest[0].isdigit() else {}
    if isinstance(data, list):
        if key >= len(data):
            data.append(container)
        child = data[key]
    else:
        child = data.setdefault(key, container)
    if isinstance(child, (dict, list)):
        _set(child, rest, value)


def place_beside(problems: list[Problem], fields: list[FormField]) -> tuple[dict[str, list[str]], list[str]]:
    """Each problem beside the form field it is about ({field name: messages}), and those about no field."""
    beside: dict[str, list[str]] = {}
    general: list[str] = []
    names = [(plain_path(f.name), f.name) for f in fields]
    for problem in problems:
        wanted = problem.field
        own = [name for plain, name in names if wanted and (plain == wanted or wanted.startswith(plain + "."))]
        inner = [name for plain, name in names if wanted and plain.startswith(wanted + ".")]
        if own or inner:  # the most precise field about it, else the first of its details
            target = max(own, key=lambda name: len(plain_path(name))) if own else inner[0]
            beside.setdefault(target, []).append(problem.message)
        else:
            general.append(problem.message)
    return beside, general
