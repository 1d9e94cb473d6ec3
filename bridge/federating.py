"""The bridge's fediverse addresses (README, "The fediverse"): WebFinger, NodeInfo, the actor, its inbox, outbox
and followers, and each federated event and activity. A static host sends these paths here (the reverse proxy
lines are in the README); everything else of the site stays static."""

from __future__ import annotations

import json
import logging
import math

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from federation import documents
from federation.inbox import MAX_BODY
from federation.objects import CONTEXT
from federation.service import Federation

from .protection import RateLimit

logger = logging.getLogger("kiosque.federation")
ACTIVITY = "application/activity+json; charset=utf-8"
INBOX_RATE = (120, 60.0)  # activities per minute from one address: a busy Mastodon server's share of follows


def _json(document: dict, media_type: str = ACTIVITY, status: int = 200) -> Response:
    return Response(json.dumps(document, ensure_ascii=False), status_code=status, media_type=media_type)


def add_routes(app: FastAPI, federation: Federation) -> None:
    settings = federation.settings
    rate = RateLimit(*INBOX_RATE)

    @app.get("/.well-known/webfinger", include_in_schema=False)
    def webfinger(resource: str = ""):
        found = documents.webfinger(settings, resource)
        if found is None:
            return JSONResponse({"error": "no such account here"}, status_code=404)
        return _json(found, "application/jrd+json; charset=utf-8")

    @app.get("/.well-known/nodeinfo", include_in_schema=False)
    def nodeinfo_links():
        return _json(documents.nodeinfo_links(settings), "application/json")

    @app.get("/nodeinfo/2.1", include_in_schema=False)
    def nodeinfo():
        document = documents.nodeinfo(settings, federation.followers.count(), federation.federated.profile())
        return _json(document, 'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"')

    @app.get("/ap/actor", include_in_schema=False)
    def actor(request: Request):
        accept = request.headers.get("accept", "")
        if "text/html" in accept and "json" not in accept:  # a person following the link: the site itself
            return RedirectResponse(f"{settings.url}/", status_code=303, headers={"Vary": "Accept"})
        found = _json(documents.actor(settings, federation.key, federation.federated.profile()))
        found.headers["Vary"] = "Accept"
        return found

    @app.post("/ap/inbox", include_in_schema=False)
    async def inbox(request: Request):
        wait = rate.wait(request.client.host if request.client else "unknown")
        if wait:
            return JSONResponse(
                {"error": "too many requests"}, status_code=429, headers={"Retry-After": str(math.ceil(wait))}
            )
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            return JSONResponse({"error": f"the body is larger than {MAX_BODY} bytes"}, status_code=413)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return JSONResponse({"error": f"the body is larger than {MAX_BODY} bytes"}, status_code=413)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        headers = {name.lower(): value for name, value in request.headers.items()}
        try:
            answer = await run_in_threadpool(federation.inbox.receive, request.method, target, headers, bytes(body))
        except Exception:  # said to the sender in one line; the details are for the log
            logger.exception("inbox: an activity could not be handled")
            return JSONResponse({"error": "the activity could not be handled"}, status_code=500)
        return JSONResponse({"status": answer.text}, status_code=answer.status)

    @app.get("/ap/outbox", include_in_schema=False)
    def outbox(page: int | None = None):
        if page is not None and page < 1:
            return JSONResponse({"error": "pages start at 1"}, status_code=400)
        return _json(documents.outbox(settings, federation.deliveries, page))

    @app.get("/ap/followers", include_in_schema=False)
    def followers():
        return _json(documents.followers_collection(settings, federation.followers.count()))

    @app.get("/ap/events/{name}", include_in_schema=False)
    def event(name: str):
        key, _, generation = name.partition(".")
        found = federation.federated.load().get(key)
        current = found.get("generation", 0) if found else 0
        if found is None or not (generation or "0").isdigit() or int(generation or 0) > current:
            return JSONResponse({"error": "no such event"}, status_code=404)
        if found.get("deleted") or int(generation or 0) < current:  # removed, or since created again
            tombstone = {"@context": CONTEXT[0], "id": settings.event_id(name), "type": "Tombstone"}
            return _json({**tombstone, "formerType": "Event", "deleted": found.get("deleted", "")}, status=410)
        return _json({"@context": CONTEXT, **found["object"]})

    @app.get("/ap/activities/{name}", include_in_schema=False)
    def activity(name: str):
        found = federation.deliveries.activity(name)
        if found is None or found.get("type") == "Accept":  # an answer to a follow is the follower's business
            return JSONResponse({"error": "no such activity"}, status_code=404)
        return _json(found)
