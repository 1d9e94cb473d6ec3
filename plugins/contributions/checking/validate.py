"""Validate one contributor's file against its schema; every failure becomes a `Problem` in plain words."""

from __future__ import annotations

import re
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from contributions.checking import messages
from contributions.reading.characters import LINE_BREAKS as _ONE_LINE
from contributions.reading.characters import MAX_FIELDS, visible
from contributions.reading.loader import SourceError, SourceMap, read_source
from contributions.reading.markup import structure_problem, unpublished_parts
from contributions.schemas.kinds import Kind
from contributions.site import Site


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, located as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str
    keeps_file: bool = field(default=False, compare=False)  # the build still publishes the file, without one part

    def __str__(self) -> str:
        """One line whatever the file holds: a name or value with a line break must not spill onto a
        line without `path:line:` (tools and people read the output line by line)."""
        where = f"{visible(self.path, 500)}:{self.line}:"
        message = _ONE_LINE.sub(" ", self.message)
        return f"{where} {visible(self.field, 80)}: {message}" if self.field else f"{where} {message}"


@dataclass
class Contribution:
    """A file that passed its schema: the typed data, its Markdown body and where it came from."""

    kind: Kind
    file: Path
    path: str  # as shown to people: relative to the site folder, e.g. content/events/2026/concert.md
    slug: str
    parent: str | None  # the playlist or collection folder holding a track or a story
    data: Any
    body: str
    source_map: SourceMap
    notes: list[Problem] = field(default_factory=list)  # what publishing will change, not blocking
    source: str = ""  # a hash of the file's bytes and names, when a store is in use (see `validated_before`)

    @property
    def key(self) -> str:
        return f"{self.parent}/{self.slug}" if self.parent else self.slug


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug_of(name: str) -> str:
    """The address form of a file or folder name: lowercase ASCII letters, digits and dashes."""
    if _SLUG.fullmatch(name):  # already one, as almost every file name is: twice as fast for a check
        return name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def identity(relative: PurePath, kind: Kind) -> tuple[str, str | None]:
    """(slug, parent folder) of a file: its name for most kinds, the folder's name for an index."""
    if relative.name == "index.md":
        return slug_of(relative.parent.name), None
    parent = slug_of(relative.parent.name) if kind.parent else None
    return slug_of(relative.stem), parent


def _name_problems(shown_path: str, relative: PurePath, language: str) -> list[Problem]:
    """A file or folder name that is not already an address would be published under another name."""
    names = [relative.parent.name] if relative.name == "index.md" else [relative.stem]
    if relative.parent.name != names[0] and relative.parts[0] in ("playlists", "stories"):
        names.append(relative.parent.name)
    return [
        Problem(
            shown_path,
            1,
            "",
            messages.render(
                "file_name",
                language,
                found=visible(name),
                suggestion=slug_of(name) or messages.render("file_name_fallback", language),
            ),
        )
        for name in names
        if slug_of(name) != name
    ]


def validate_file(
    path: Path,
    shown_path: str,
    relative: PurePath,
    kind: Kind,
    site: Site,
    folder_resolved: Path | None = None,
    raw: bytes | None = None,
) -> tuple[Contribution | None, list[Problem]]:
    """Read, parse and validate one file; (contribution, []) when valid, (None, problems) otherwise.
    `folder_resolved`: the file's path with its folder's links followed, and `raw` its bytes, when the
    caller has them."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError:  # a link to nowhere, a file without read permission
        return None, [Problem(shown_path, 1, "", messages.render("file_unreadable", site.language))]
    valid, problems = _validated(raw, shown_path, relative, kind, site)
    if valid is None:
        return None, problems
    slug, parent = identity(relative, kind)
    file = folder_resolved if folder_resolved is not None and not folder_resolved.is_symlink() else path.resolve()
    return Contribution(kind, file, shown_path, slug, parent, valid.data, valid.body, valid.map, valid.notes), []


def validate_bytes(raw: bytes, shown_path: str, relative: PurePath, kind: Kind, site: Site) -> list[Problem]:
    """What `validate_file` would say of a file holding `raw` at `relative` (under content/), without
    writing it anywhere: the bridge checks a submission so before it becomes a file."""
    return _validated(raw, shown_path, relative, kind, site)[1]


@dataclass(frozen=True)
class _Valid:
    """What a file that passed its schema holds, before it knows where it lives."""

    data: Any
    body: str
    map: SourceMap
    notes: list[Problem]


def _validated(
    raw: bytes, shown_path: str, relative: PurePath, kind: Kind, site: Site
) -> tuple[_Valid | None, list[Problem]]:
    """Parse and validate the bytes of one file: (what it holds, []) when valid, (None, problems) otherwise."""
    language = site.language
    try:
        source = read_source(raw, kind.markdown, site.max_file_bytes)
    except SourceError as error:
        context = dict(error.context)
        if error.code == "yaml_syntax":
            problem = error.context["problem"]
            context = {"problem": messages.render(f"yaml_problem_{problem}", language) if problem else ""}
        if error.code == "file_too_large":
            context = {"size_kb": (error.context["size"] + 999) // 1000, "limit_kb": error.context["limit"] // 1000}
        return None, [Problem(shown_path, error.line, "", messages.render(error.code, language, **context))]

    if source.refused or source.oversized:  # the schema would only repeat it, or take minutes to
        return None, sorted(
            {
                Problem(
                    shown_path,
                    source.map.line_of(refused.path),
                    _field_name(refused.path),
                    messages.render(
                        "character_refused_in_field",
                        language,
                        character=refused.code_point,
                        position=refused.offset + 1,
                    ),
                )
                for refused in source.refused
            }
            | {
                Problem(
                    shown_path,
                    source.map.line_of(too_large.path),
                    _field_name(too_large.path),
                    messages.render(
                        "too_many_fields" if too_large.limit == MAX_FIELDS else "too_many_items",
                        language,
                        found=too_large.count,
                        limit=too_large.limit,
                    ),
                )
                for too_large in source.oversized
            }
        )
    problems = (
        _name_problems(shown_path, relative, language)
        + [
            Problem(
                shown_path,
                twice.second_line,
                twice.name,
                messages.render("duplicate_field", language, first=twice.first_line, second=twice.second_line),
            )
            for twice in source.map.duplicates
        ]
        + [
            Problem(shown_path, cut.line, cut.name, messages.render("comment_cut", language, dropped=cut.dropped))
            for cut in source.map.cut_by_comment
        ]
    )
    if (too_much := structure_problem(source.body)) is not None:  # what Markdown cannot render in a moment
        problems.append(
            Problem(
                shown_path,
                source.body_line + source.body[: too_much.offset].count("\n"),
                "",
                messages.render(too_much.code, language, **too_much.context),
            )
        )
    try:
        data = kind.schema.model_validate(source.data, context=site.validation_context())
    except ValidationError as error:
        problems += [_problem(shown_path, detail, source.map, kind.schema, language) for detail in error.errors()]
        data = None
    if problems:
        return None, sorted(set(problems))
    notes = [
        Problem(
            shown_path,
            source.body_line + source.body[:offset].count("\n"),
            "",
            messages.render("unpublished", language, what=messages.render(what, language)),
        )
        for offset, what in unpublished_parts(source.body)
    ]
    return _Valid(data, source.body, source.map, notes), []


def _problem(shown_path: str, error: dict, source_map: SourceMap, schema: type[BaseModel], language: str) -> Problem:
    location = tuple(step for step in error["loc"] if not (isinstance(step, str) and step.startswith("function-")))
    context = error.get("ctx") or {}
    extra_path = (
        tuple(int(step) if step.isdigit() else step for step in str(context["field"]).split("."))
        if context.get("field")
        else ()
    )
    location = location + extra_path
    kind = error["type"]
    if context.get("near"):  # a missing field is best shown next to the one that requires it
        line = source_map.line_of(location[: len(location) - len(extra_path)] + (context["near"],))
    elif kind == "missing":
        line = source_map.line_of(location[:-1])
    else:
        line = source_map.line_of(location)
    return Problem(shown_path, line, _field_name(location), _message(kind, error, context, location, schema, language))


def _field_name(location: tuple) -> str:
    """`place.address.street`, as the contributor wrote the names (list positions left out)."""
    return ".".join(str(step) for step in location if not isinstance(step, int))


def _message(kind: str, error: dict, context: dict, location: tuple, schema: type[BaseModel], language: str) -> str:
    found = error.get("input")
    length = len(found) if isinstance(found, str) else len(str(found))  # before `visible` cuts it to quote it
    shown = messages.describe_value(found, language)
    name = str(location[-1]) if location else ""
    if isinstance(context.get("found"), str):  # quoted by the sentence: on one line, what is hidden named
        context = {**context, "found": visible(context["found"])}
    elif "found" in context and isinstance(
        context["found"], (list, dict, type(None))
    ):  # nothing, a list: told in words
        context = {**context, "found": messages.describe_value(context["found"], language)}
    if isinstance(found, str):
        found = visible(found)
    if kind in messages.MESSAGES and kind not in ("missing", "vocabulary"):
        context = {key: value for key, value in context.items() if key not in ("field", "near")}
        return messages.render(kind, language, **context)
    if kind == "vocabulary":
        allowed = context["allowed"]
        return messages.render(
            "vocabulary",
            language,
            allowed=", ".join(allowed),
            found=context["found"],
            suggestion=messages.suggestion(context["found"], allowed, language, context.get("labels")),
        )
    if kind == "missing":
        return messages.render(_MISSING.get(name, "missing"), language, name=name)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(schema, location[:-1])
        near = messages.closest(name, allowed)
        if near:
            return messages.render("unknown_field_suggest", language, suggestion=near)
        return messages.render("unknown_field", language, allowed=", ".join(allowed))
    if kind == "literal_error":
        allowed = [option.strip(" '") for option in context.get("expected", "").replace(" or ", ", ").split(",")]
        return messages.render(
            "vocabulary",
            language,
            allowed=", ".join(allowed),
            found=found,
            suggestion=messages.suggestion(found, allowed, language),
        )
    simple = {
        "string_type": "expected_text",
        "list_type": "expected_list",
        "model_type": "expected_fields",
        "model_attributes_type": "expected_fields",
        "dict_type": "expected_fields",
        "bool_type": "expected_bool",
        "bool_parsing": "expected_bool",
        "int_type": "expected_integer",
        "int_parsing": "expected_integer",
        "int_from_float": "expected_integer",
        "float_type": "expected_number",
        "float_parsing": "expected_number",
        "decimal_type": "expected_number",
        "decimal_parsing": "expected_number",
        "finite_number": "expected_number",
    }
    if kind in simple:
        return messages.render(simple[kind], language, found=shown)
    if kind == "greater_than_equal":
        return messages.render("number_too_small", language, limit=_number(context.get("ge")), found=shown)
    if kind == "greater_than":  # `0` is refused where any number above 0 is fine
        return messages.render("number_not_above", language, limit=_number(context.get("gt")), found=shown)
    if kind in ("less_than_equal", "less_than"):
        limit = _number(context.get("le", context.get("lt")))
        return messages.render("number_too_large", language, limit=limit, found=shown)
    if kind == "decimal_max_places":
        return messages.render("too_many_decimals", language, limit=context.get("decimal_places"), found=shown)
    if kind == "string_too_short":
        return messages.render("text_empty", language)
    if kind == "too_short":
        return messages.render("list_empty", language)
    if kind == "string_too_long":
        return messages.render("text_too_long", language, length=length, limit=context.get("max_length"))
    if kind == "string_pattern_mismatch":
        return messages.render("bad_form", language, found=found, hint=_form_hint(name))
    return messages.render("bad_value", language, found=shown)


def _number(limit: Any) -> Any:
    """A limit as people write it: 500, not the 500.0 of a field that takes decimals."""
    return int(limit) if isinstance(limit, float) and limit.is_integer() else limit


# Required fields whose absence deserves its own explanation.
_MISSING = {"alt": "alt_missing", "consent": "consent_missing"}

_FORM_HINTS = {"country": "FR, BE, CH", "currency": "EUR, CHF", "type": "audio/mpeg, audio/ogg, video/mp4"}


def _form_hint(name: str) -> str:
    return _FORM_HINTS.get(name, "…")


def _allowed_fields(schema: type[BaseModel], location: tuple) -> list[str]:
    """Field names accepted at `location` (as contributors write them: aliases first)."""
    model = schema
    for step in location:
        if isinstance(step, int):
            continue
        field = _field_by_name(model, step)
        nested = _nested_model(field.annotation) if field else None
        if nested is None:
            return []
        model = nested
    return [info.alias or name for name, info in model.model_fields.items()]


def _field_by_name(model: type[BaseModel], name: str):
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None
