"""The bridge's web service: forms for people without a git account, their receipts, and the JSON API.

uvicorn --factory bridge.app:create_app     (what `make bridge` runs)
"""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path, PurePosixPath

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from contributions import Site, read_site_settings

from . import api, corrections
from .forms import UPLOADS, form_fields, place_beside, read_form
from .i18n import HERE, Interface, Interfaces, choose_language
from .intake import Intake
from .protection import CSRF_COOKIE, CSRF_FIELD, HONEYPOT, BodyLimit, RateLimit, SecurityHeaders, Tokens
from .settings import BridgeSettings, settings_or_exit
from .spool import Spool, is_id
from .wording import KINDS, MESSAGES, STATES
from .worker import Worker

logger = logging.getLogger("kiosque.bridge")
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
        self.site, content, self.theme = load_site(settings)
        self.spool = Spool(settings.state / "spool")
        self.worker = Worker(settings, self.spool, self.site, content)
        self.intake = Intake(settings, self.spool, self.site, PurePosixPath(content), self.worker.wake.set)
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

    def form_page(
        self,
        request: Request,
        kind: str,
        parent: str | None,
        heading: str,
        values=None,
        beside=None,
        general=(),
        status: int = 200,
    ) -> HTMLResponse:
        ui = self.ui(request)
        nonce, token = self.tokens.issue(request.cookies.get(CSRF_COOKIE))
        fields = form_fields(kind, ui.site, self.intake.places() if kind == "event" else ())
        limits = {"image": self.settings.max_image_bytes, "audio": self.settings.max_audio_bytes}
        response = self.page(
            request,
            "form.html",
            status,
            kind=kind,
            heading=heading,
            fields=fields,
            values=values,
            beside=beside or {},
            general=list(general),
            token=token,
            honeypot=HONEYPOT,
            csrf_field=CSRF_FIELD,
            limits={name: f"{size / 1_000_000:g}" for name, size in limits.items()},
            multipart=bool(UPLOADS[kind]),
        )
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response


def create_app(settings: BridgeSettings | None = None) -> FastAPI:
    settings = settings or settings_or_exit()
    if not (logging.getLogger().handlers or logger.handlers):  # uvicorn sets up its own loggers only
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    bridge = Bridge(settings)
    app = FastAPI(
        title="kiosque bridge",
        description="Contributions for the site, proposed to its moderators.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        on_startup=[bridge.worker.start] if settings.run_worker else [],
        on_shutdown=[bridge.worker.stop] if settings.run_worker else [],
    )
    app.state.bridge = bridge

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
        return bridge.form_page(request, kind, parent, heading)

    async def post(request: Request, kind: str, parent: str | None = None):
        heading = _heading(bridge, request, kind, parent)
        if heading is None:
            return bridge.message(request, "not_found", 404)
        form, refused, refusal = await bridge.gate(request, len(UPLOADS[kind]))
        if refused:
            return refused
        ui = bridge.ui(request)
        fields = form_fields(kind, ui.site, bridge.intake.places() if kind == "event" else ())
        if refusal:
            return bridge.form_page(
                request,
                kind,
                parent,
                heading,
                values=form,
                general=[ui.say(MESSAGES[refusal])],
                status=403 if refusal == "csrf" else 400,
            )
        data, body, contact = read_form(fields, form)
        uploaded = {
            name: await item.read()
            for name in UPLOADS[kind]
            if isinstance(item := form.get(name), UploadFile) and item.filename
        }
        submission_id, problems = bridge.intake.submit(kind, parent, data, body, contact, uploaded, ui)
        if submission_id:
            return RedirectResponse(f"/receipt/{submission_id}?lang={ui.language}", status_code=303)
        beside, general = place_beside(problems, fields)
        notes = [ui.say(MESSAGES["check_below"])] + ([ui.say(MESSAGES["choose_again"])] if uploaded else [])
        return bridge.form_page(
            request, kind, parent, heading, values=form, beside=beside, general=notes + general, status=422
        )

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
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, refuse=_too_large(bridge))
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)  # the last added is the outermost
    return app


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


def _too_large(bridge: Bridge):
    async def refuse(scope, receive, send):
        request = Request(scope, receive)
        response = bridge.message(request, "too_large", 413)
        if request.url.path.startswith("/api/"):
            ui = bridge.ui(request)
            response = api.problems_response([("", ui.say(MESSAGES["too_large"]))], 413)
        await response(scope, receive, send)

    return refuse
