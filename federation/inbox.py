"""What other servers send to the agenda: `Follow` (answered with `Accept`), `Undo` of a follow, `Delete` of an
actor. Anything else is taken (202) and ignored, logged by its type only: its content is somebody else's.

Order of the checks, cheapest and most telling first: a signature at all, what it covers, its `Date` and the
body's `Digest`, the body as a JSON object; only then the sender's key is fetched (bounded, never from a private
address) and the signature verified, and the activity's `actor` must be the key's owner. A refusal says why in
one line of the log and in the answer, never with what was sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from . import objects
from .delivery import ANSWER, Deliveries
from .followers import Followers
from .remote import Keys, RemoteError
from .settings import FederationSettings
from .signatures import SignatureRefused, check_freshness, parse, verify

log = logging.getLogger("kiosque.federation")

MAX_BODY = 256_000  # Mastodon's own limit for an inbox's activity is 1 MB; ours handles follows


@dataclass(frozen=True)
class Answer:
    status: int
    text: str


def _id(value) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


class Inbox:
    def __init__(
        self, settings: FederationSettings, keys: Keys, followers: Followers, deliveries: Deliveries, wake=None
    ) -> None:
        self.settings = settings
        self.keys = keys
        self.followers = followers
        self.deliveries = deliveries
        self.wake = wake or (lambda: None)

    def receive(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Answer:
        try:
            signature = parse(headers)
            check_freshness(signature, headers, body, dt.datetime.now(dt.UTC))
            if headers.get("host", "").lower() != self.settings.host.lower():  # signed for another server
                raise SignatureRefused("the request was signed for another server (Host)")
        except SignatureRefused as refused:
            log.info("inbox: refused a request: %s", refused)
            return Answer(401, str(refused))
        try:
            activity = json.loads(body)
        except ValueError:
            return Answer(400, "the body is not JSON")
        if not isinstance(activity, dict) or not isinstance(activity.get("type"), str):
            return Answer(400, "the body is not an activity")
        kind, sender = activity["type"], _id(activity.get("actor"))
        try:
            pem, owner = self.keys.public_key(signature.key_id)
        except RemoteError as error:
            if error.gone and kind == "Delete" and sender and _id(activity.get("object")) == sender:
                return self._actor_gone(sender)
            log.info("inbox: refused a %s: the key %s: %s", kind[:30], signature.key_id[:200], error)
            return Answer(401, "the sender's key could not be fetched")
        try:
            verify(signature, method, target, headers, pem)
        except SignatureRefused:
            try:  # a key that changed since it was remembered
                pem, owner = self.keys.public_key(signature.key_id, fresh=True)
                verify(signature, method, target, headers, pem)
            except (SignatureRefused, RemoteError) as refused:
                log.info("inbox: refused a %s signed by %s: %s", kind[:30], signature.key_id[:200], refused)
                return Answer(401, str(refused))
        if sender != owner.id:
            log.info("inbox: refused a %s: signed by %s for %s", kind[:30], owner.id[:200], sender[:200])
            return Answer(401, "the activity's actor did not sign it")
        if kind == "Follow":
            return self._follow(activity, owner)
        if kind == "Undo" and self._undoes_follow(activity.get("object"), sender):
            return self._unfollow(sender)
        if kind == "Delete" and _id(activity.get("object")) == sender:
            self.followers.remove(sender)
            log.info("inbox: %s was deleted: no longer a follower", sender[:200])
            return Answer(202, "taken")
        log.info("inbox: ignored a %s from %s", kind[:30], sender[:200])
        return Answer(202, "taken")

    def _follow(self, activity: dict, owner) -> Answer:
        if _id(activity.get("object")) != self.settings.actor or not _id(activity):
            log.info("inbox: ignored a Follow of someone else from %s", owner.id[:200])
            return Answer(202, "taken")
        if self.followers.add(owner.id, owner.inbox, owner.shared_inbox, _id(activity)):
            log.info("inbox: %s follows the agenda", owner.id[:200])
        name = ANSWER + hashlib.sha256(_id(activity).encode()).hexdigest()[:24]
        self.deliveries.store(name, objects.accept(self.settings, name, activity))
        self.deliveries.enqueue(name, [owner.inbox])
        self.wake()
        return Answer(202, "taken")

    def _undoes_follow(self, undone, sender: str) -> bool:
        """An Undo of a follow names the Follow in full (Mastodon) or by its id (others)."""
        if isinstance(undone, dict) and undone.get("type") == "Follow":
            return _id(undone.get("object")) == self.settings.actor
        follower = self.followers.get(sender)
        return bool(follower and _id(undone) and _id(undone) == follower.get("follow"))

    def _unfollow(self, sender: str) -> Answer:
        if self.followers.remove(sender):
            log.info("inbox: %s no longer follows the agenda", sender[:200])
        return Answer(202, "taken")

    def _actor_gone(self, sender: str) -> Answer:
        """A deleted actor's server no longer serves its key: its deletion is taken when its own server says
        the actor is gone too (otherwise anyone could unsubscribe anyone)."""
        try:
            self.keys.actor(sender)
        except RemoteError as error:
            if error.gone:
                self.followers.remove(sender)
                log.info("inbox: %s was deleted: no longer a follower", sender[:200])
                return Answer(202, "taken")
        return Answer(401, "the sender's key could not be fetched")
