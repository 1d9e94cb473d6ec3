"""Other servers, as the federation reads them: actor documents and their keys, each fetched through
`network/guard.py` (one deadline, never a private address unless the setting allows it) with a size cap, and
taken as plain JSON (no JSON-LD context is ever fetched). Our GETs are signed, so that servers in Mastodon's
"secure mode" answer them."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

import httpx

from network.guard import Deadline, GuardedBackend, GuardedTransport, Refused, Unresolved

from .keys import ActorKey
from .settings import FederationSettings
from .signatures import sign

log = logging.getLogger("kiosque.federation")

ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
USER_AGENT = "kiosque-federation/1.0 (kiosque, a community agenda)"
MAX_DOCUMENT = 1_000_000  # an actor document is a few kB; a key is never worth more
TIMEOUT = 10.0
KEY_MEMORY = 600.0  # seconds a fetched key is trusted before it is fetched again


class RemoteError(Exception):
    """A document that could not be fetched or used; `gone` when its server says it no longer exists."""

    def __init__(self, reason: str, gone: bool = False) -> None:
        super().__init__(reason)
        self.gone = gone


@dataclass(frozen=True)
class Actor:
    id: str
    inbox: str
    shared_inbox: str
    public_keys: dict[str, str]  # key id → PEM


def client(settings: FederationSettings, deadline: Deadline) -> httpx.Client:
    return httpx.Client(
        transport=GuardedTransport(GuardedBackend(deadline, settings.allow_private)),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(TIMEOUT),
        headers={"User-Agent": USER_AGENT},
    )


def web_address(value) -> str | None:
    """`value` if it is an http(s) address with a host that httpx can use, else None (a remote document's
    addresses are untrusted: "http://[zz/inbox" must not stop anything later)."""
    if not isinstance(value, str) or len(value) > 2000:
        return None
    try:
        url = httpx.URL(value)
        parts = urlsplit(value)  # stricter than httpx on some hosts ("[zz"); host_of relies on it
        parts.port  # noqa: B018  (reading it checks it)
    except (httpx.InvalidURL, ValueError, TypeError):
        return None
    return value if url.scheme in ("https", "http") and url.host and parts.hostname else None


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def fetch_document(settings: FederationSettings, key: ActorKey, url: str) -> tuple[dict, str]:
    """The JSON object at `url` and the address it came from after redirects (at most three, each checked
    again), or RemoteError — whatever went wrong, never another exception."""
    try:
        return _fetch(settings, key, url)
    except RemoteError:
        raise
    except Unresolved as unresolved:
        raise RemoteError(f"{unresolved.host[:200]} is not a known server name") from None
    except Exception as error:  # an address httpx cannot use, a broken connection...: one line, no traceback
        raise RemoteError(f"{url[:200]} could not be fetched ({type(error).__name__})") from None


def _fetch(settings: FederationSettings, key: ActorKey, url: str) -> tuple[dict, str]:
    deadline = Deadline(TIMEOUT)
    with client(settings, deadline) as http:
        for _ in range(4):
            if web_address(url) is None:
                raise RemoteError(f"{url[:200]} is not a web address")
            headers = sign("GET", url, key.private, settings.key_id, accept=ACCEPT)
            try:
                with http.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = str(response.url.join(response.headers["location"]))
                        continue
                    if response.status_code in (404, 410):
                        raise RemoteError(f"{url[:200]} is gone ({response.status_code})", gone=True)
                    if response.status_code != 200:
                        raise RemoteError(f"{url[:200]} answered {response.status_code}")
                    body = read_capped(response, deadline, MAX_DOCUMENT)
            except Refused as refused:
                raise RemoteError(f"{refused.host[:200]} is at {refused.ip}, a private or local address") from None
            except httpx.HTTPError as error:
                raise RemoteError(f"{url[:200]} could not be reached ({type(error).__name__})") from None
            try:
                document = json.loads(body)
            except ValueError:
                raise RemoteError(f"{url[:200]} is not JSON") from None
            if not isinstance(document, dict):
                raise RemoteError(f"{url[:200]} is not a JSON object")
            return document, url
    raise RemoteError(f"{url[:200]} redirects too often")


def read_capped(response: httpx.Response, deadline: Deadline, limit: int) -> bytes:
    announced = response.headers.get("content-length", "").strip()
    if announced.isdigit() and int(announced) > limit:
        raise RemoteError(f"{str(response.url)[:200]} is larger than {limit} bytes")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise RemoteError(f"{str(response.url)[:200]} is larger than {limit} bytes")
        if deadline.passed:
            raise RemoteError(f"{str(response.url)[:200]} took more than {TIMEOUT:g} seconds")
        chunks.append(chunk)
    return b"".join(chunks)


def actor_of(document: dict, url: str) -> Actor:
    """The parts of an actor document the federation uses. Its id, inbox and shared inbox must be on the server
    it was fetched from: nobody can make the agenda post to a third server by naming it as their inbox."""
    actor_id, inbox = web_address(document.get("id")), web_address(document.get("inbox"))
    if actor_id is None or inbox is None:
        raise RemoteError(f"{url[:200]} is not an actor (no id or inbox)")
    if host_of(actor_id) != host_of(url) or host_of(inbox) != host_of(url):
        raise RemoteError(f"{url[:200]} names an actor or an inbox of another server")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    shared = web_address(endpoints.get("sharedInbox")) or ""
    if shared and host_of(shared) != host_of(url):
        shared = ""
    keys = {}
    given = document.get("publicKey")
    for entry in given if isinstance(given, list) else [given]:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("publicKeyPem"), str):
            if entry.get("owner", actor_id) == actor_id:
                keys[entry["id"]] = entry["publicKeyPem"]
    return Actor(actor_id, inbox, shared, keys)


class Keys:
    """Senders' keys, fetched when a signature names one and remembered for a few minutes."""

    def __init__(self, settings: FederationSettings, key: ActorKey) -> None:
        self.settings = settings
        self.key = key
        self._known: dict[str, tuple[float, str, Actor]] = {}
        self._lock = threading.Lock()

    def public_key(self, key_id: str, fresh: bool = False) -> tuple[str, Actor]:
        """(PEM, its owner) for `key_id`; RemoteError when it cannot be had."""
        now = time.monotonic()
        with self._lock:
            known = self._known.get(key_id)
        if known and not fresh and now - known[0] < KEY_MEMORY:
            return known[1], known[2]
        document, url = fetch_document(self.settings, self.key, urldefrag(key_id).url)
        if document.get("type") in ("Key", "CryptographicKey") and isinstance(document.get("owner"), str):
            if host_of(document["owner"]) != host_of(url):
                raise RemoteError(f"the key {key_id[:200]} names an owner on another server")
            owner = actor_of(*fetch_document(self.settings, self.key, document["owner"]))
        else:
            owner = actor_of(document, url)
        pem = owner.public_keys.get(key_id)
        if pem is None:
            raise RemoteError(f"{owner.id[:200]} has no key {key_id[:200]}")
        with self._lock:
            self._known[key_id] = (now, pem, owner)
        return pem, owner

    def actor(self, actor_id: str) -> Actor:
        return actor_of(*fetch_document(self.settings, self.key, actor_id))
