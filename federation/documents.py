"""What other servers read about the agenda: WebFinger (who `@agenda@<site>` is), the actor (an `Application`:
the agenda publishes and answers follows, nobody posts through it, and Mastodon marks it as automated), NodeInfo
(what software this is), the followers collection (its count only) and the outbox (recent activities, paged)."""

from __future__ import annotations

import html

from . import objects
from .delivery import Deliveries
from .keys import ActorKey
from .publishing import Federated
from .settings import FederationSettings

ACTIVITY_JSON = "application/activity+json"
OUTBOX_PAGE = 20
SOFTWARE = {"name": "kiosque", "version": "0.1.0", "repository": "https://github.com/kiosque/kiosque"}


def webfinger(settings: FederationSettings, resource: str) -> dict | None:
    """The JRD for `acct:agenda@<host>` or the actor's own address; None for anyone else."""
    wanted = {f"acct:{settings.handle}", settings.actor, settings.url, f"{settings.url}/"}
    if resource.strip().lower() not in wanted:
        return None
    return {
        "subject": f"acct:{settings.handle}",
        "aliases": [settings.actor, f"{settings.url}/"],
        "links": [
            {"rel": "self", "type": ACTIVITY_JSON, "href": settings.actor},
            {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": f"{settings.url}/"},
        ],
    }


def actor(settings: FederationSettings, key: ActorKey, profile: dict) -> dict:
    document = {
        "@context": objects.CONTEXT,
        "id": settings.actor,
        "type": "Application",
        "preferredUsername": settings.username,
        "name": profile.get("name") or settings.username,
        "summary": _paragraph(profile.get("summary", "")),
        "url": profile.get("url") or f"{settings.url}/",
        "inbox": settings.inbox,
        "outbox": settings.outbox,
        "followers": settings.followers,
        "endpoints": {"sharedInbox": settings.inbox},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "indexable": True,
        "publicKey": {"id": settings.key_id, "owner": settings.actor, "publicKeyPem": key.public_pem},
    }
    icon = profile.get("icon")
    if isinstance(icon, dict) and icon.get("url"):
        document["icon"] = {
            "type": "Image",
            **{name: icon[name] for name in ("url", "mediaType", "name") if name in icon},
        }
    return document


def nodeinfo_links(settings: FederationSettings) -> dict:
    return {
        "links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": f"{settings.url}/nodeinfo/2.1"}]
    }


def nodeinfo(settings: FederationSettings, followers: int, profile: dict) -> dict:
    return {
        "version": "2.1",
        "software": SOFTWARE,
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": False,
        "usage": {
            "users": {"total": 1, "activeMonth": 1, "activeHalfyear": 1},
            "localPosts": len(Federated(settings).load()),
        },
        "metadata": {"nodeName": profile.get("name") or settings.host, "followers": followers},
    }


def followers_collection(settings: FederationSettings, count: int) -> dict:
    """The count, never the list: who follows the agenda is nobody else's business."""
    return {"@context": objects.CONTEXT[0], "id": settings.followers, "type": "OrderedCollection", "totalItems": count}


def outbox(settings: FederationSettings, deliveries: Deliveries, page: int | None) -> dict:
    names = Federated(settings).outbox()
    if page is None:
        return {
            "@context": objects.CONTEXT[0],
            "id": settings.outbox,
            "type": "OrderedCollection",
            "totalItems": len(names),
            "first": f"{settings.outbox}?page=1",
        }
    chosen = names[(page - 1) * OUTBOX_PAGE : page * OUTBOX_PAGE]
    items = [found for name in chosen if (found := deliveries.activity(name))]
    for item in items:
        item.pop("@context", None)
    document = {
        "@context": objects.CONTEXT,
        "id": f"{settings.outbox}?page={page}",
        "type": "OrderedCollectionPage",
        "partOf": settings.outbox,
        "orderedItems": items,
    }
    if page * OUTBOX_PAGE < len(names):
        document["next"] = f"{settings.outbox}?page={page + 1}"
    if page > 1:
        document["prev"] = f"{settings.outbox}?page={page - 1}"
    return document


def _paragraph(text: str) -> str:
    """The site's sentence as the one paragraph of HTML an actor's summary is (escaped: still text)."""
    return f"<p>{html.escape(text)}</p>" if text else ""
