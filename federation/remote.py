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

from network.guard import Deadline, GuardedBackend, GuardedTransport, Refused

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


def fetch_document(settings: FederationSettings, key: ActorKey, url: str) -> dict:
    """The JSON object at `url` (at most three redirects, each checked again), or RemoteError."""
    deadline = Deadline(TIMEOUT)
    with client(settings, deadline) as http:
        for _ in range(4):
            if urlsplit(url).scheme not in ("https", "http"):
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
                raise RemoteError(f"{refused.host} is at {refused.ip}, a private or local address") from None
            except httpx.HTTPError as error:
                raise RemoteError(f"{url[:200]} could not be reached ({type(error).__name__})") from None
            try:
                document = json.loads(body)
            except ValueError:
                raise RemoteError(f"{url[:200]} is not JSON") from None
            if not isinstance(document, dict):
                raise RemoteError(f"{url[:200]} is not a JSON object")
            return document
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
    """The parts of an actor document the federation uses; its id must be on the host it was fetched from."""
    actor_id = document.get("id")
    inbox = document.get("inbox")
    if not isinstance(actor_id, str) or not isinstance(inbox, str):
        raise RemoteError(f"{url[:200]} is not an actor (no id or inbox)")
    if urlsplit(actor_id).netloc != urlsplit(url).netloc or urlsplit(inbox).scheme not in ("https", "http"):
        raise RemoteError(f"{url[:200]} names an actor of another server")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    shared = endpoints.get("sharedInbox") if isinstance(endpoints.get("sharedInbox"), str) else ""
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
        url = urldefrag(key_id).url
        document = fetch_document(self.settings, self.key, url)
        if document.get("type") in ("Key", "CryptographicKey") and isinstance(document.get("owner"), str):
            owner_url = document["owner"]
            if urlsplit(owner_url).netloc != urlsplit(url).netloc:
                raise RemoteError(f"the key {key_id[:200]} names an owner on another server")
            owner = actor_of(fetch_document(self.settings, self.key, owner_url), owner_url)
        else:
            owner = actor_of(document, url)
        pem = owner.public_keys.get(key_id)
        if pem is None:
            raise RemoteError(f"{owner.id[:200]} has no key {key_id[:200]}")
        with self._lock:
            self._known[key_id] = (now, pem, owner)
        return pem, owner

    def actor(self, actor_id: str) -> Actor:
        return actor_of(fetch_document(self.settings, self.key, actor_id), actor_id)
