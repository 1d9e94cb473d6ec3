"""The federation as one object, made once by the bridge or by `make federate`: the key, the followers, the
inbox, the delivery spool, and (in the bridge) the loop that delivers what is due and reads the published
events every `poll_minutes`."""

from __future__ import annotations

import logging
import threading
import time

from .delivery import Deliveries, Outcome
from .followers import Followers
from .inbox import Inbox
from .keys import actor_key
from .publishing import EventsUnreadable, Federated, Published, publish, read_events
from .remote import Keys
from .settings import FederationSettings

log = logging.getLogger("kiosque.federation")


class Federation:
    def __init__(self, settings: FederationSettings, retry_seconds: float = 60.0, poll_seconds: float = 2.0) -> None:
        self.settings = settings
        self.key = actor_key(settings)
        self.followers = Followers(settings.state / "followers.json")
        self.deliveries = Deliveries(settings, self.key, retry_seconds)
        self.federated = Federated(settings)
        self.wake = threading.Event()
        self.inbox = Inbox(settings, Keys(settings, self.key), self.followers, self.deliveries, self.wake.set)
        self.poll_seconds = poll_seconds
        self._stopping = False
        self._thread: threading.Thread | None = None

    def publish(self, where: str | None = None) -> Published:
        """The built events compared with what was federated, and the activities enqueued (EventsUnreadable when
        the events cannot be read: nothing is changed then)."""
        document = read_events(where or self.settings.events, self.settings)
        result = publish(self.settings, document, self.deliveries, self.followers)
        self.wake.set()
        return result

    def deliver(self, now: float | None = None) -> Outcome:
        return self.deliveries.deliver_due(self.followers.addresses(), now)

    def run_forever(self) -> None:
        next_read = time.monotonic()
        while not self._stopping:
            if self.settings.poll_minutes and time.monotonic() >= next_read:
                next_read = time.monotonic() + self.settings.poll_minutes * 60
                try:
                    self.publish()
                except EventsUnreadable as error:
                    log.warning("the published events could not be read: %s", error)
                except Exception:  # the loop outlives any surprise (a full disk...); the details go to the log
                    log.exception("publishing to the fediverse failed unexpectedly")
            try:
                self.deliver()
            except Exception:  # the loop must outlive any one surprise; the details go to the log
                log.exception("delivering failed unexpectedly")
            self.wake.wait(self.poll_seconds)
            self.wake.clear()

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run_forever, name="kiosque-federation", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        self.wake.set()
        if self._thread:
            self._thread.join(timeout=30)
