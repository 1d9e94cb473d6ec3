"""The federation's settings: environment variables `KIOSQUE_FEDERATION_*`, read by the bridge and by
`make federate`, checked once with a sentence for the site's maintainers when one cannot be used."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


class FederationSettingError(ValueError):
    """A setting that cannot be used; the message names the variable and what it expects."""


@dataclass(frozen=True)
class FederationSettings:
    url: str  # the site's public address, without the final slash; the actor's ids start with it
    state: Path  # <the bridge's state>/federation: keys, followers, what was federated, the delivery spool
    username: str = "agenda"
    events: str = ""  # where `make federate` and the bridge read the built events (a file or an address)
    poll_minutes: float = 10.0  # the bridge reads the published events so often; 0: only `make federate`
    allow_private: bool = False  # keys fetched and deliveries made to private addresses (tests, intranets)
    private_key: str = field(default="", repr=False)  # PEM, when the key comes from the environment

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def handle(self) -> str:
        return f"{self.username}@{self.host}"

    @classmethod
    def from_environment(cls, state: Path, environ: dict | None = None) -> FederationSettings | None:
        """The settings, or None when `KIOSQUE_FEDERATION_URL` is empty (the site does not federate)."""
        env = os.environ if environ is None else environ
        url = env.get("KIOSQUE_FEDERATION_URL", "").strip().rstrip("/")
        if not url:
            return None
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            parts, port = None, None
        if (
            parts is None
            or parts.scheme not in ("https", "http")
            or not parts.hostname
            or parts.path
            or parts.query
            or parts.fragment
            or "@" in parts.netloc
            or (port is not None and not 0 < port < 65536)
        ):
            raise FederationSettingError(
                f"KIOSQUE_FEDERATION_URL must be the site's address, like https://agenda.example.org, found '{url}'"
            )
        url = url.lower()  # a host name has no case; WebFinger asks for it in lower case
        username = env.get("KIOSQUE_FEDERATION_USERNAME", "agenda").strip()
        if not re.fullmatch(r"[a-z0-9_]{1,30}", username):
            raise FederationSettingError(
                f"KIOSQUE_FEDERATION_USERNAME must be lower-case letters, digits or _, found '{username}'"
            )
        minutes = env.get("KIOSQUE_FEDERATION_POLL_MINUTES", "10").strip() or "10"
        try:
            poll = float(minutes)
        except ValueError:
            poll = -1.0
        if poll < 0:
            raise FederationSettingError(
                f"KIOSQUE_FEDERATION_POLL_MINUTES must be a number of minutes, found '{minutes}'"
            )
        return cls(
            url=url,
            state=Path(state) / "federation",
            username=username,
            events=env.get("KIOSQUE_FEDERATION_EVENTS", "").strip() or f"{url}/activitypub/events.json",
            poll_minutes=poll,
            allow_private=env.get("KIOSQUE_FEDERATION_ALLOW_PRIVATE", "0") == "1",
            private_key=env.get("KIOSQUE_FEDERATION_PRIVATE_KEY", ""),
        )

    # the actor's addresses, in one place
    @property
    def actor(self) -> str:
        return f"{self.url}/ap/actor"

    @property
    def key_id(self) -> str:
        return f"{self.actor}#main-key"

    @property
    def inbox(self) -> str:
        return f"{self.url}/ap/inbox"

    @property
    def outbox(self) -> str:
        return f"{self.url}/ap/outbox"

    @property
    def followers(self) -> str:
        return f"{self.url}/ap/followers"

    def event_id(self, key: str) -> str:
        return f"{self.url}/ap/events/{key}"

    def activity_id(self, name: str) -> str:
        return f"{self.url}/ap/activities/{name}"
