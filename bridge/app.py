"""The bridge's web service: forms for people without a git account, their receipts, and the JSON API.

uvicorn --factory bridge.app:create_app     (what `make bridge` runs)
"""

from __future__ import annotations

import logging
import math
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData, MultiDict, UploadFile
from starlette.exceptions import HTTPException

from contributions import KINDS as SCHEMAS
from contributions import Site, read_site_settings, read_source
from federation.service import Federation
from federation.settings import FederationSettingError, FederationSettings

from . import api, corrections, federating, preview
from .drafts import Drafts
from .editing import Current, MainBranch, changed_fields, kind_of
from .forms import (
    UPLOADS,
    covered,
    form_fields,
    form_values,
    in_their_order,
    place_beside,
    read_form,
    sections,
)
from .i18n import HERE, Interface, Interfaces, choose_language
from .intake import Intake
from .protection import CSRF_COOKIE, CSRF_FIELD, HONEYPOT, BodyLimit, RateLimit, SecurityHeaders, Tokens
from .settings import BridgeSettings, settings_or_exit
from .spool import Spool, is_id
from .wording import KINDS, MESSAGES, N_, STATES
from .worker import Worker

logger = logging.getLogger("kiosque.bridge")
WORDS = {
    "preview_event": N_("See my event"),
    "preview_track": N_("See my track"),
    "preview_story": N_("See my story"),
    "correct": N_("Propose a correction: %(title)s"),
    "only_one_date": N_("Only one date changes? Report a new date for it"),
    "draft_gone": N_("This preview is too old: the form was opened again for you, fill it in once more."),
    "not_on_main": N_("This page is not (or no longer) on the site: there is nothing to correct here."),
    "no_preview": N_("The preview could not be made just now; your contribution can still be sent."),
}
STEP_FIELDS = (CSRF_FIELD, HONEYPOT, "step", "draft", "from")  # the form's machinery, not what was typed


@dataclass
class Target:
    """What a form makes: a new contribution of `kind` (in `parent`), or a correction of `current`."""

    kind: str
    heading: str
    parent: str | None = None
    current: Current | None = None


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def load_site(settings: BridgeSettings) -> tuple[Site, str, str]:
    """The site's rules, its content folder relative to the repository, and its theme folder."""
    pelican = read_site_settings(settings.repository / settings.site_settings)
    site = Site.from_settings(pelican)
    return site, Path(pelican["PATH"]).resolve().relative_to(settings.repository).as_posix(), pelican["THEME"]


class Bridge:
    """Everything a request needs, made once when the service starts."""

    def __init__(self, settings: BridgeSettings) -> None:
        self.settings = settings
        self.site, self.content, self.theme = load_site(settings)
        content = self.content
        self.spool = Spool(settings.state / "spool")
        self.worker = Worker(settings, self.spool, self.site, content)
        self.main = MainBranch(settings, content)
        self.intake = Intake(
            settings, self.spool, self.site, PurePosixPath(content), self.worker.wake.set, main=self.main
        )
        self.drafts = Drafts(settings.state / "drafts")
        self.interfaces = Interfaces(self.site, self.theme)
        self.tokens = Tokens(settings.secret)
        self.rate = RateLimit(settings.rate_limit, settings.rate_window)

    def ui(self, request: Request) -> Interface:
        language = choose_language(
            request.query_params.get("lang"), request.headers.get("accept-language", ""), self.site.language
        )
        return self.interfaces[language]

    def too_many(self, request: Request) -> float:
        return self.rate.wait(request.client.host if request.client else "unknown")

    def page(self, request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        ui = self.ui(request)
        return HTMLResponse(ui.render(template, **context), status_code=status)

    def message(self, request: Request, code: str, status: int, **context) -> HTMLResponse:
        ui = self.ui(request)
        return self.page(request, "message.html", status, text=ui.say(MESSAGES[code], **context))

    async def gate(self, request: Request, max_files: int) -> tuple[FormData | None, Response | None, str | None]:
        """Every posted form passes here first: (the form, a refusal page, why its token is refused).
        A refusal page (rate limit, size, honeypot) ends the request; a refused token ('csrf',
        'form_expired', 'too_fast') lets the caller show its own form again with every value kept."""
        wait = self.too_many(request)
        if wait:
            response = self.message(request, "rate_limited", 429, minutes=max(1, math.ceil(wait / 60)))
            response.headers["Retry-After"] = str(math.ceil(wait))
            return None, response, None
        try:
            form = await request.form(max_files=max_files + 1, max_fields=200)
        except HTTPException:  # a part over 1 MB, too many fields: never Starlette's technical sentence
            return None, self.message(request, "too_large", 413), None
        if form.get(HONEYPOT):
            return None, self.message(request, "honeypot", 400), None
        refusal = self.tokens.refusal(
            str(form.get(CSRF_FIELD) or ""),
            request.cookies.get(CSRF_COOKIE),
            self.settings.min_fill_seconds,
            time.time(),
        )
        return form, None, refusal

    def fields(self, kind: str, ui: Interface):
        return form_fields(kind, ui.site, self.intake.places() if kind == "event" else ())

    def form_page(
        self,
        request: Request,
        target: Target,
        values=None,
        beside=None,
        general=(),
        status: int = 200,
        draft=None,
    ) -> HTMLResponse:
        ui = self.ui(request)
        nonce, token = self.tokens.issue(request.cookies.get(CSRF_COOKIE))
        fields = self.fields(target.kind, ui)
        limits = {"image": self.settings.max_image_bytes, "audio": self.settings.max_audio_bytes}
        hidden, links, kept = {}, [], []
        if target.current is not None:
            current = target.current
            hidden = {"base": current.blob}
            kept = sorted(set(current.fields) - set(self.representable(current, fields)))
            if current.kind == "event" and (current.fields.get("recurrence") or current.fields.get("rrule")):
                links = [(f"/move?file={current.path}&lang={ui.language}", ui.say(WORDS["only_one_date"]))]
        if draft is not None:
            hidden["draft"] = draft.id
        beside = beside or {}
        response = self.page(
            request,
            "form.html",
            status,
            kind=target.kind,
            heading=target.heading,
            sections=sections(fields, values, beside),
            values=values,
            beside=beside,
            general=list(general),
            token=token,
            honeypot=HONEYPOT,
            csrf_field=CSRF_FIELD,
            limits={name: f"{size / 1_000_000:g}" for name, size in limits.items()},
            multipart=bool(UPLOADS[target.kind]),
            hidden=hidden,
            links=links,
            kept=kept,
            kept_files={name: ui.say(LABELS_OF_FILES[name]) for name in (draft.files if draft else {})},
            preview_label=WORDS[f"preview_{target.kind}"],
        )
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response

    def representable(self, current: Current, fields) -> set[str]:
        """The fields of `current` its form shows as they are: those that come back from the form unchanged."""
        read_back, _, _ = read_form(fields, form_values(current.kind, fields, current.fields, current.body))
        names = covered(current.kind)
        return names - set(changed_fields(current.kind, current.fields, read_back, names, self.site))

    def accept(self, intake: Intake, target: Target, fields, values, uploaded: dict[str, bytes], ui: Interface):
        """Hand what was typed to `intake`: a new contribution, or the changed fields of a correction."""
        data, body, contact = read_form(fields, values)
        current = target.current
        if current is None:
            return intake.submit(target.kind, target.parent, data, body, contact, uploaded, ui)
        names = self.representable(current, fields)
        data = in_their_order(fields, data, current.fields)
        changes = changed_fields(current.kind, current.fields, data, names, ui.site)
        same_body = body.strip() == current.body.strip()
        return intake.submit_change(
            current.kind, current, "correct", None, changes, None if same_body else body, contact, uploaded, ui
        )

    async def handle(self, request: Request, kind: str, target_of) -> Response:
        """A posted form: "See my event" (a preview), or "Send" (from the form or from its preview).
        `target_of(form)` tells what it makes, or None when there is nothing to correct."""
        form, refused, refusal = await self.gate(request, len(UPLOADS[kind]))
        if refused:
            return refused
        target = target_of(form)
        if target is None:
            return _not_on_main(self, request)
        ui = self.ui(request)
        fields = self.fields(target.kind, ui)
        draft = self.drafts.load(str(form.get("draft") or ""))
        from_preview = form.get("from") == "preview"
        if from_preview and draft is None:
            return self.form_page(request, target, general=[ui.say(WORDS["draft_gone"])], status=410)
        values = MultiDict(draft.values) if from_preview else form
        if refusal:
            status = 403 if refusal == "csrf" else 400
            return self.form_page(
                request, target, values, general=[ui.say(MESSAGES[refusal])], status=status, draft=draft
            )
        uploaded = {
            name: await item.read()
            for name in UPLOADS[target.kind]
            if isinstance(item := form.get(name), UploadFile) and item.filename
        }
        uploaded = {**{name: data for name, (data, _) in (draft.files.items() if draft else ())}, **uploaded}
        if form.get("step") == "preview":
            return self.preview_page(request, target, fields, values, uploaded, draft, str(form.get(CSRF_FIELD)))
        submission_id, problems = self.accept(self.intake, target, fields, values, uploaded, ui)
        if submission_id:
            return RedirectResponse(f"/receipt/{submission_id}?lang={ui.language}", status_code=303)
        kept = self.keep(target, values, uploaded, ui, draft)
        beside, general = place_beside(problems, fields)
        notes = [ui.say(MESSAGES["check_below"])]
        if set(uploaded) - set(kept.files if kept else ()):
            notes.append(ui.say(MESSAGES["choose_again"]))
        return self.form_page(request, target, values, beside, notes + general, status=422, draft=kept)

    def keep(self, target: Target, values, uploaded: dict[str, bytes], ui: Interface, draft=None):
        """A draft of what was typed, with the uploads that passed their checks (re-encoded), or None."""
        checked, _ = self.intake._checked(target.kind, {}, "", uploaded, ui)
        typed = [(name, value) for name, value in values.multi_items() if name not in STEP_FIELDS]
        try:
            draft_id = self.drafts.save(
                typed,
                {name: (upload.data, upload.mime) for name, upload in checked.items()},
                draft.id if draft else "",
            )
        except (OSError, ValueError):
            return None
        return self.drafts.load(draft_id)

    def preview_page(self, request, target: Target, fields, values, uploaded, draft, token: str) -> Response:
        """The page as the site will publish it, from what `intake.submit` would spool (a scratch spool)."""
        ui = self.ui(request)
        with tempfile.TemporaryDirectory(prefix="preview-spool-", dir=self.scratch()) as folder:
            scratch = Intake(self.settings, Spool(Path(folder)), self.site, PurePosixPath(self.content), main=self.main)
            submission_id, problems = self.accept(scratch, target, fields, values, uploaded, ui)
            draft = self.keep(target, values, uploaded, ui, draft)
            if not submission_id:
                beside, general = place_beside(problems, fields)
                notes = [ui.say(MESSAGES["check_below"])]
                return self.form_page(request, target, values, beside, notes + general, status=422, draft=draft)
            record = scratch.spool.load(submission_id)
            files = {record["main_file"]: record["files"][record["main_file"]].encode("utf-8")}
            files.update({path: scratch.spool.upload(record, path) for path in record["uploads"]})
            pictures = {
                PurePosixPath(path).relative_to(self.content).as_posix(): f"/draft/{draft.id}/{name}"
                for path in record["uploads"]
                for name in (draft.files if draft else ())
                if name == "image" and path.startswith(f"{self.content}/images/")
            }
            started = time.monotonic()
            page = preview.render(
                self.settings.repository / self.settings.site_settings,
                self.settings.repository,
                self.site.content,
                files,
                record["main_file"],
                PurePosixPath(self.content),
                self.scratch(),
                pictures,
            )
            logger.info("preview built in %.1f s", time.monotonic() - started)
        response = self.page(
            request,
            "preview.html",
            kind=target.kind,
            heading=target.heading,
            page=page,
            notice=None if page else ui.say(WORDS["no_preview"]),
            draft=draft,
            token=token,
            honeypot=HONEYPOT,
            csrf_field=CSRF_FIELD,
            change=f"{request.url.path}?{_query(request, draft=draft.id if draft else '')}",
        )
        return response

    def scratch(self) -> Path:
        folder = self.settings.state / "previews"
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def _query(request: Request, **extra: str) -> str:
    return urlencode({**dict(request.query_params), **extra})


LABELS_OF_FILES = {"image": N_("Picture"), "audio": N_("Recording")}


def create_app(settings: BridgeSettings | None = None) -> FastAPI:
    settings = settings or settings_or_exit()
    if not (logging.getLogger().handlers or logger.handlers):  # uvicorn sets up its own loggers only
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        for name in ("kiosque.bridge", "kiosque.federation"):
            logging.getLogger(name).addHandler(handler)
            logging.getLogger(name).setLevel(logging.INFO)
    bridge = Bridge(settings)
    federation = _federation(settings)
    starting = [bridge.worker.start] if settings.run_worker else []
    stopping = [bridge.worker.stop] if settings.run_worker else []
    if federation and settings.run_worker:
        starting.append(federation.start)
        stopping.append(federation.stop)
    app = FastAPI(
        title="kiosque bridge",
        description="Contributions for the site, proposed to its moderators.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        on_startup=starting,
        on_shutdown=stopping,
    )
    app.state.bridge = bridge
    app.state.federation = federation

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return bridge.page(
            request,
            "home.html",
            playlists=_parents(bridge, "track", "playlists"),
            collections=_parents(bridge, "story", "stories"),
        )

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        files = {
            "kiosque.css": Path(bridge.theme) / "static" / "css" / "kiosque.css",
            "bridge.css": HERE / "static" / "bridge.css",
        }
        if name not in files or not files[name].is_file():
            return Response(status_code=404)
        return Response(files[name].read_bytes(), media_type="text/css")

    async def show(request: Request, kind: str, parent: str | None = None):
        heading = _heading(bridge, request, kind, parent)
        if heading is None:
            return bridge.message(request, "not_found", 404)
        return _again(bridge, request, Target(kind, heading, parent))

    async def post(request: Request, kind: str, parent: str | None = None):
        heading = _heading(bridge, request, kind, parent)
        if heading is None:
            return bridge.message(request, "not_found", 404)
        target = Target(kind, heading, parent)
        return await bridge.handle(request, kind, lambda form: target)

    @app.get("/correct", response_class=HTMLResponse, include_in_schema=False)
    def correct_form(request: Request, file: str = ""):
        target = _correction(bridge, request, file, "")
        if target is None:
            return _not_on_main(bridge, request)
        if request.query_params.get("draft"):
            return _again(bridge, request, target)
        ui = bridge.ui(request)
        fields = bridge.fields(target.kind, ui)
        values = form_values(target.kind, fields, target.current.fields, target.current.body)
        return bridge.form_page(request, target, values)

    @app.post("/correct", response_class=HTMLResponse, include_in_schema=False)
    async def correct(request: Request, file: str = ""):
        kind = kind_of(file)
        if kind is None:
            return _not_on_main(bridge, request)
        return await bridge.handle(
            request, kind, lambda form: _correction(bridge, request, file, str(form.get("base") or ""))
        )

    @app.get("/draft/{draft_id}/{name}", include_in_schema=False)
    def draft_picture(draft_id: str, name: str):
        draft = bridge.drafts.load(draft_id)
        found = draft.files.get(name) if draft and name == "image" else None
        if found is None:
            return Response(status_code=404)
        data, mime = found
        return Response(data, media_type=mime if mime.startswith("image/") else "application/octet-stream")

    for path, kind in (
        ("/submit/event", "event"),
        ("/submit/track/{parent}", "track"),
        ("/submit/story/{parent}", "story"),
    ):
        app.add_api_route(
            path, _bound(show, kind), methods=["GET"], response_class=HTMLResponse, include_in_schema=False
        )
        app.add_api_route(
            path, _bound(post, kind), methods=["POST"], response_class=HTMLResponse, include_in_schema=False
        )

    @app.get("/receipt/{submission_id}", response_class=HTMLResponse, include_in_schema=False)
    def receipt(request: Request, submission_id: str):
        record = bridge.spool.load(submission_id) if is_id(submission_id) else None
        if record is None:
            return bridge.message(request, "not_found", 404)
        ui = bridge.ui(request)
        return bridge.page(
            request, "receipt.html", record=api.public(record), state_text=ui.say(STATES[record["state"]])
        )

    async def unexpected(request: Request, error: Exception) -> Response:
        logger.error("unexpected problem on %s: %s", request.url.path, settings.redact(repr(error)))
        return bridge.message(request, "unexpected", 500)

    app.add_exception_handler(Exception, unexpected)
    api.add_routes(app, bridge)
    corrections.add_routes(app, bridge)
    if federation:
        federating.add_routes(app, federation)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, refuse=_too_large(bridge))
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)  # the last added is the outermost
    return app


def _federation(settings: BridgeSettings) -> Federation | None:
    """The fediverse actor when `KIOSQUE_FEDERATION_URL` is set; a setting that cannot be used stops the service
    with its sentence, as the bridge's own settings do."""
    try:
        found = FederationSettings.from_environment(settings.state)
        return Federation(found, settings.retry_seconds, settings.poll_seconds) if found else None
    except (FederationSettingError, ValueError) as error:
        print(f"kiosque bridge: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def _bound(handler, kind: str):
    async def route(request: Request, parent: str | None = None):
        return await handler(request, kind, parent)

    route.__name__ = f"{handler.__name__}_{kind}"
    return route


def _heading(bridge: Bridge, request: Request, kind: str, parent: str | None) -> str | None:
    ui = bridge.ui(request)
    if kind == "event":
        return ui.say(KINDS["event"])
    found = bridge.intake.parent(kind, parent or "")
    return ui.say(KINDS[kind], parent=found) if found else None


def _parents(bridge: Bridge, kind: str, folder: str) -> list[tuple[str, str]]:
    names = sorted(path.name for path in (bridge.site.content / folder).glob("*/index.md") for path in [path.parent])
    return [(name, found) for name in names if (found := bridge.intake.parent(kind, name))]


def _again(bridge: Bridge, request: Request, target: Target) -> HTMLResponse:
    """The form, empty, or filled in again from a draft ("Change" on a preview)."""
    draft = bridge.drafts.load(request.query_params.get("draft", ""))
    return bridge.form_page(request, target, MultiDict(draft.values) if draft else None, draft=draft)


def _correction(bridge: Bridge, request: Request, file: str, base: str) -> Target | None:
    """A correction of `file` as it is on main, or as it was at `base` when the form was opened (main may
    have moved since, or the file may be gone: the moderators then read the conflict)."""
    current = bridge.main.read(file)
    if base and (current is None or current.blob != base):
        kind = kind_of(file)
        text = bridge.main.blob_text(base) if kind else None
        if text is None:
            return None
        source = read_source(text.encode("utf-8"), SCHEMAS[kind].markdown, max(len(text.encode("utf-8")), 1) + 1)
        current = Current(file, f"{bridge.content}/{file}", kind, text, base, source.data, source.body)
    if current is None:
        return None
    ui = bridge.ui(request)
    title = str(current.fields.get("title") or PurePosixPath(file).stem)
    return Target(current.kind, ui.say(WORDS["correct"], title=title), current=current)


def _not_on_main(bridge: Bridge, request: Request) -> HTMLResponse:
    ui = bridge.ui(request)
    return bridge.page(request, "message.html", 404, text=ui.say(WORDS["not_on_main"]))


def _too_large(bridge: Bridge):
    async def refuse(scope, receive, send):
        request = Request(scope, receive)
        response = bridge.message(request, "too_large", 413)
        if request.url.path.startswith("/ap/"):  # another server: a short answer it can log
            response = JSONResponse({"error": "the body is too large"}, status_code=413)
        elif request.url.path.startswith("/api/"):
            ui = bridge.ui(request)
            response = api.problems_response([("", ui.say(MESSAGES["too_large"]))], 413)
        await response(scope, receive, send)

    return refuse
