"""The JSON the federation sends: its `@context` (plain JSON for the receivers that read it so, terms declared
inline so that no receiver has to fetch anything but the two contexts every fediverse server has built in),
events as they are federated, and the activities that carry them."""

from __future__ import annotations

import datetime as dt

from .settings import FederationSettings

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "Hashtag": "as:Hashtag",
        "sensitive": "as:sensitive",
        "toot": "http://joinmastodon.org/ns#",
        "discoverable": "toot:discoverable",
        "indexable": "toot:indexable",
        "ical": "http://www.w3.org/2002/12/cal/ical#",
        "eventStatus": {"@id": "https://w3id.org/fep/8a8e/eventStatus", "@type": "@id"},
        "inLanguage": "schema:inLanguage",
        "joinMode": "mz:joinMode",
        "externalParticipationUrl": "mz:externalParticipationUrl",
        "mz": "https://joinmobilizon.org/ns#",
        "timezone": {"@id": "mz:timezone", "@type": "xsd:string"},
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "schema": "http://schema.org#",
        "PostalAddress": "schema:PostalAddress",
        "address": {"@id": "schema:address", "@type": "@id"},
        "streetAddress": "schema:streetAddress",
        "postalCode": "schema:postalCode",
        "addressLocality": "schema:addressLocality",
        "addressRegion": "schema:addressRegion",
        "addressCountry": "schema:addressCountry",
        "VirtualLocation": "schema:VirtualLocation",
    },
]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def event(settings: FederationSettings, key: str, built: dict, published: str, updated: str | None) -> dict:
    """The event the build wrote, with what only the federation knows: its id, author, audience and dates."""
    found = {
        **built,
        "id": settings.event_id(key),
        "attributedTo": settings.actor,
        "to": [PUBLIC],
        "cc": [settings.followers],
        "published": published,
    }
    if updated:
        found["updated"] = updated
    return found


def tombstone(settings: FederationSettings, key: str, deleted: str) -> dict:
    return {"id": settings.event_id(key), "type": "Tombstone", "formerType": "Event", "deleted": deleted}


def activity(settings: FederationSettings, name: str, kind: str, payload: dict | str, when: str) -> dict:
    return {
        "@context": CONTEXT,
        "id": settings.activity_id(name),
        "type": kind,
        "actor": settings.actor,
        "published": when,
        "to": [PUBLIC],
        "cc": [settings.followers],
        "object": payload,
    }


def accept(settings: FederationSettings, name: str, follow: dict) -> dict:
    """The answer to a Follow: the Follow itself as received (its id, actor and object), not a copy of its
    whole body."""
    return {
        "@context": CONTEXT,
        "id": settings.activity_id(name),
        "type": "Accept",
        "actor": settings.actor,
        "object": {key: follow[key] for key in ("id", "type", "actor", "object") if key in follow},
    }
