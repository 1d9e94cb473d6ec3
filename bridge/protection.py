"""What keeps robots and abuse out without asking people to solve puzzles: a honeypot field, a minimum
time to fill a form, a CSRF token bound to a cookie, a rate limit per address and a size limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque

HONEYPOT = "website"  # hidden from people (and from screen readers), filled in by form-filling robots
CSRF_FIELD = "csrf"
CSRF_COOKIE = "kiosque_form"
FORM_LIFETIME = 4 * 3600.0  # a form left open a whole afternoon still works


class Tokens:
    """CSRF tokens `issued.nonce.mac`: the nonce is also in a same-site cookie, so another site cannot
    post a form in a visitor's name, and `issued` gives the time the form was served."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, issued: str, nonce: str) -> str:
        return hmac.new(self._secret, f"{issued}.{nonce}".encode(), hashlib.sha256).hexdigest()

    def issue(self, nonce: str | None = None, now: float | None = None) -> tuple[str, str]:
        """(nonce for the cookie, token for the form); a visitor keeps the nonce of their cookie."""
        nonce = nonce if nonce and len(nonce) == 32 and nonce.isalnum() else secrets.token_hex(16)
        issued = str(int(time.time() if now is None else now))
        return nonce, f"{issued}.{nonce}.{self._mac(issued, nonce)}"

    def refusal(self, token: str, cookie: str | None, min_fill: float, now: float | None = None) -> str | None:
        """Why a posted form is refused ('csrf', 'form_expired', 'too_fast'), or None when it is fine."""
        now = time.time() if now is None else now
        parts = (token or "").split(".")
        if len(parts) != 3 or not cookie or not hmac.compare_digest(parts[1], cookie):
            return "csrf"
        issued, nonce, mac = parts
        if not issued.isdigit() or not hmac.compare_digest(mac, self._mac(issued, nonce)):
            return "csrf"
        age = now - int(issued)
        if age > FORM_LIFETIME:
            return "form_expired"
        if age < min_fill:
            return "too_fast"
        return None


class RateLimit:
    """At most `limit` submissions per `window` seconds from one address (a sliding window)."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, address: str, now: float | None = None) -> float:
        """0 and the submission counts, or the seconds to wait before the next one is accepted."""
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]:
                del self._hits[key]  # forget quiet addresses: the table never grows without end
            hits = self._hits.setdefault(address, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return hits[0] + self.window - now
            hits.append(now)
            return 0.0


class BodyLimit:
    """ASGI middleware refusing a request body larger than `limit` bytes before reading all of it."""

    def __init__(self, app, limit: int, refuse) -> None:
        self.app, self.limit, self.refuse = app, limit, refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.limit:
            return await self.refuse(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:  # a body longer than it said (chunked uploads declare nothing)
                raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self.refuse(scope, receive, send)


class _TooLarge(Exception):
    pass


class SecurityHeaders:
    """ASGI middleware adding `headers` to every answer (pure ASGI: an exception raised while the body
    is read, like BodyLimit's, reaches BodyLimit as itself rather than inside an exception group)."""

    def __init__(self, app, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(name.lower().encode(), value.encode()) for name, value in headers.items()]

    async def __call__(self, scope, receive, send):
        async def with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)
