"""The JSON API: the same submissions as the forms, described by OpenAPI at /api/openapi.json with the
very JSON Schemas the site publishes at /schema/<kind>.json."""

from __future__ import annotations

import base64
import binascii
import json
import math

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse

from contributions import KINDS, json_schema

from .forms import UPLOADS
from .spool import is_id
from .wording import MESSAGES

PUBLIC = ("id", "kind", "state", "link", "branch", "received", "updated", "title", "reason", "action", "conflict")


def public(record: dict) -> dict:
    """What a receipt shows: never the contact address, never an error's details."""
    return {key: record.get(key, "") for key in PUBLIC}


def problems_response(problems: list[tuple[str, str]], status: int, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(
        {"problems": [{"field": field, "message": message} for field, message in problems]},
        status_code=status,
        headers=headers,
    )


def _envelope(kind: str, prefix: str) -> dict:
    properties = {
        "fields": {"$ref": f"#/components/schemas/{prefix}"},
        "contact": {
            "type": "string",
            "format": "email",
            "description": "Your e-mail address, for the moderators only: it is never published.",
        },
    }
    if KINDS[kind].markdown:
        properties["text"] = {"type": "string", "description": "The description or the story, in Markdown."}
    if UPLOADS[kind]:
        properties["files"] = {
            "type": "object",
            "additionalProperties": False,
            "description": "Uploads, encoded in base64; the file's path is set by the bridge (image.src, audio.src).",
            "properties": {name: {"type": "string", "contentEncoding": "base64"} for name in UPLOADS[kind]},
        }
    required = ["fields"]
    if kind != "event":
        properties["parent"] = {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": "The playlist (open) or the story collection it goes in.",
        }
        required.append("parent")
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": False}


def add_routes(app: FastAPI, bridge) -> None:
    def make(kind: str):
        async def submit(request: Request):
            ui = bridge.ui(request)
            wait = bridge.too_many(request)
            if wait:
                return problems_response(
                    [("", ui.say(MESSAGES["rate_limited"], minutes=max(1, math.ceil(wait / 60))))],
                    429,
                    {"Retry-After": str(math.ceil(wait))},
                )
            if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return problems_response([("", ui.say(MESSAGES["expected_object"]))], 415)
            try:
                payload = json.loads(await request.body())
            except ValueError:
                payload = None
            if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
                return problems_response([("", ui.say(MESSAGES["expected_object"]))], 422)
            parent = str(payload.get("parent") or "") if kind != "event" else None
            if kind != "event" and bridge.intake.parent(kind, parent) is None:
                return problems_response([("parent", ui.say(MESSAGES["not_found"]))], 404)
            uploaded = _uploads(kind, payload.get("files"))
            if uploaded is None:
                return problems_response([("files", ui.say(MESSAGES["expected_base64"]))], 422)
            submission_id, problems = bridge.intake.submit(
                kind,
                parent,
                payload["fields"],
                str(payload.get("text") or ""),
                str(payload.get("contact") or ""),
                uploaded,
                ui,
            )
            if problems:
                return problems_response([(p.field, p.message) for p in problems], 422)
            return JSONResponse(
                {"id": submission_id, "state": "received", "receipt": f"/receipt/{submission_id}"}, status_code=202
            )

        submit.__name__ = f"submit_{kind}"
        return submit

    for kind in ("event", "track", "story"):
        prefix = kind.capitalize()
        app.add_api_route(
            f"/api/{kind}",
            make(kind),
            methods=["POST"],
            summary=f"Propose a {kind}",
            status_code=202,
            openapi_extra={
                "requestBody": {"required": True, "content": {"application/json": {"schema": _envelope(kind, prefix)}}},
                "responses": {
                    "202": {"description": "Received: kept in the spool, see the receipt"},
                    "422": {"description": "Problems to fix, one per field"},
                    "429": {"description": "Too many submissions from this address"},
                },
            },
        )

    @app.get("/api/receipts/{submission_id}", summary="The state of a submission")
    def receipt(request: Request, submission_id: str):
        record = bridge.spool.load(submission_id) if is_id(submission_id) else None
        if record is None:
            return problems_response([("", bridge.ui(request).say(MESSAGES["not_found"]))], 404)
        return public(record)

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(title=app.title, version="1", description=app.description, routes=app.routes)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for kind in ("event", "track", "story"):
            schemas.update(_components(json_schema(KINDS[kind], bridge.site), kind.capitalize()))
        app.openapi_schema = document
        return document

    app.openapi = openapi


def _uploads(kind: str, files) -> dict[str, bytes] | None:
    """The uploads of a JSON submission, decoded; None when they are not base64 text under known names."""
    if files is None:
        return {}
    if not isinstance(files, dict) or not set(files) <= set(UPLOADS[kind]):
        return None
    try:
        return {name: base64.b64decode(value, validate=True) for name, value in files.items()}
    except (binascii.Error, TypeError, ValueError):
        return None


def _components(schema: dict, prefix: str) -> dict:
    """A kind's JSON Schema as OpenAPI components: its `$defs` become `<Prefix><Name>` schemas."""
    text = json.dumps(schema).replace('"#/$defs/', f'"#/components/schemas/{prefix}')
    schema = json.loads(text)
    definitions = schema.pop("$defs", {})
    schema.pop("$schema", None)
    if prefix == "Track":  # the day it was added is the day the bridge receives it
        schema["required"] = [name for name in schema.get("required", []) if name != "added"]
    return {prefix: schema, **{prefix + name: value for name, value in definitions.items()}}
