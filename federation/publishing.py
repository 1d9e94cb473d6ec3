"""What changed since the last federation, as activities: the build's events (`activitypub/events.json`, written
by `plugins/federating/`) against what was last federated (`federated.json` in the state folder).

- a key new among the upcoming events: `Create`;
- a key federated before whose date, place, status or text changed: `Update` (the share picture's address alone
  changes with any new theme, and is not a change people need to hear of);
- a key federated before that is neither upcoming nor past any more (its file was removed): `Delete`, with a
  `Tombstone`; a passed event is left as it was, and so is an event whose file the build left out for its
  errors (`withheld`): a typo being fixed must not withdraw an event from every follower's timeline.

Each activity's id is made of the event's key and a digest of what it says: publishing the same site twice, or
again after a kill, makes the same activities, which are enqueued once and taken once by receivers."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from contributions import held, write_atomically

from . import objects
from .delivery import Deliveries
from .followers import Followers
from .settings import FederationSettings

log = logging.getLogger("kiosque.federation")

_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,150}")  # a slug: what the build names events with
SIGNIFICANT = ("name", "summary", "content", "startTime", "endTime", "location", "ical:status", "url", "timezone")
OUTBOX_KEPT = 500  # the newest activities listed by the outbox
MAX_EVENTS_FILE = 100_000_000


class EventsUnreadable(Exception):
    """The build's events file cannot be read; the message says where and why."""


@dataclass
class Published:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    deliveries: int = 0


def read_events(where: str, settings: FederationSettings) -> dict:
    """The build's events document, from a file of the built site or from the published site's address, checked
    as far as what follows relies on it."""
    try:
        if where.startswith(("https://", "http://")):
            response = httpx.get(where, timeout=30.0, follow_redirects=True)
            if response.status_code != 200:
                raise EventsUnreadable(f"{where} answered {response.status_code}: is the site built with federating?")
            data = response.content[:MAX_EVENTS_FILE]
        else:
            data = Path(where).read_bytes()
        document = json.loads(data)
    except FileNotFoundError:
        raise EventsUnreadable(f"{where} does not exist: build the site first (make publish)") from None
    except OSError as error:
        raise EventsUnreadable(f"{where} cannot be read: {error.strerror}") from None
    except httpx.HTTPError as error:
        raise EventsUnreadable(f"{where} could not be read ({type(error).__name__})") from None
    except ValueError:
        raise EventsUnreadable(f"{where} is not the JSON the build writes") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), dict):
        raise EventsUnreadable(f"{where} has no events: is it activitypub/events.json of a kiosque site?")
    for name in ("past", "withheld"):
        listed = document.get(name, [])
        if not isinstance(listed, list) or not all(isinstance(key, str) for key in listed):
            raise EventsUnreadable(f"{where}: '{name}' is not a list of event names")
    site = document.get("site") if isinstance(document.get("site"), dict) else {}
    built_for = site.get("url") if isinstance(site.get("url"), str) else ""
    if urlsplit(built_for.lower())[:2] != urlsplit(settings.url)[:2]:
        raise EventsUnreadable(
            f"{where} was built for {built_for[:200] or 'no address'}, not for {settings.url}: build the site with "
            f"its public address (make publish, SITEURL = '{settings.url}' in publishconf.py)"
        )
    return document


def fingerprint(event: dict) -> str:
    significant = {name: event.get(name) for name in SIGNIFICANT}
    return hashlib.sha256(json.dumps(significant, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


class Federated:
    """What was last federated (key → fingerprint, the object as sent, when), the site's profile, the outbox."""

    def __init__(self, settings: FederationSettings) -> None:
        self.settings = settings
        self.path = settings.state / "federated.json"
        self.profile_path = settings.state / "site.json"
        self.outbox_path = settings.state / "outbox.json"

    def load(self) -> dict[str, dict]:
        return _read(self.path, {})

    def save(self, federated: dict[str, dict]) -> None:
        write_atomically(self.path, json.dumps(federated, ensure_ascii=False, sort_keys=True).encode())

    def profile(self) -> dict:
        return _read(self.profile_path, {})

    def outbox(self) -> list[str]:
        """Activity names, newest first."""
        return _read(self.outbox_path, [])

    def remember(self, names: list[str], profile: dict) -> None:
        kept = [*reversed(names), *(name for name in self.outbox() if name not in names)]
        write_atomically(self.outbox_path, json.dumps(kept[:OUTBOX_KEPT]).encode())
        if profile:
            write_atomically(self.profile_path, json.dumps(profile, ensure_ascii=False).encode())


def publish(settings: FederationSettings, document: dict, deliveries: Deliveries, followers: Followers) -> Published:
    """One publish at a time per state folder (the bridge's loop and `make federate` may both try)."""
    with held(settings.state / ".publish.lock"):
        return _publish(settings, document, deliveries, followers)


def _publish(settings: FederationSettings, document: dict, deliveries: Deliveries, followers: Followers) -> Published:
    state = Federated(settings)
    federated = state.load()
    events: dict = document["events"]
    kept = set(document.get("past") or ()) | set(document.get("withheld") or ())
    when = objects.now()
    result = Published()
    names: list[str] = []
    inboxes = followers.inboxes()

    def send(name: str, kind: str, payload) -> None:
        deliveries.store(name, objects.activity(settings, name, kind, payload, when))
        result.deliveries += deliveries.enqueue(name, inboxes)
        names.append(name)

    for key, built in sorted(events.items()):
        if not isinstance(built, dict) or built.get("type") != "Event" or not _KEY.fullmatch(key):
            log.warning("the events file's %r is not an event kiosque wrote: left out", key[:100])
            continue
        version = fingerprint(built)
        before = federated.get(key)
        if before and not before.get("deleted") and before["version"] == version:
            continue
        if before and not before.get("deleted"):
            generation = before.get("generation", 0)
            sent = objects.event(settings, named(key, generation), built, before["published"], when)
            send(f"{named(key, generation)}-update-{version}", "Update", sent)
            result.updated.append(key)
        else:
            # back after a removal: a new id, since Mastodon refuses to create again what it saw deleted
            generation = before.get("generation", 0) + 1 if before else 0
            sent = objects.event(settings, named(key, generation), built, when, None)
            send(f"{named(key, generation)}-create-{version}", "Create", sent)
            result.created.append(key)
        federated[key] = {"version": version, "published": sent["published"], "object": sent, "generation": generation}
    for key, before in sorted(federated.items()):
        if key in events or key in kept or before.get("deleted"):
            continue
        name = named(key, before.get("generation", 0))
        send(f"{name}-delete-{before['version']}", "Delete", objects.tombstone(settings, name, when))
        federated[key] = {**before, "deleted": when}
        result.deleted.append(key)
    state.remember(names, document.get("site") or {})
    state.save(federated)
    deliveries.prune(set(state.outbox()))
    return result


def named(key: str, generation: int) -> str:
    """The event's name in its ids: its key, then which time it was created (after a removal) if not the first."""
    return key if not generation else f"{key}.{generation}"


def _read(path: Path, empty):
    try:
        return json.loads(path.read_bytes())
    except FileNotFoundError:
        return empty
