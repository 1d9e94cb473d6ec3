"""Each activity to each inbox, without losing one and without pestering anyone.

An activity is written once (`activities/<name>.json`, also what `/ap/activities/<name>` serves); each delivery
is one small record (`deliveries/<digest>.json`, named by activity and inbox, so enqueuing twice is enqueuing
once). A record is removed only after the inbox said 2xx: a process killed in the middle delivers it again
after a restart, with the same activity id, which receivers take once. A failure is retried with a doubling wait
(from `retry_seconds`, at most an hour) for a day, then given up and logged; a 4xx answer other than 408/429 is
final at once. One request at a time per remote host, at most `GLOBAL_CAP` at once in all, and one deliverer
per state folder at a time (a lock file: the bridge and `make federate` never deliver the same record twice
together)."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from contributions import held, write_atomically
from network.guard import Deadline, Refused

from .keys import ActorKey
from .remote import client, host_of, web_address
from .settings import FederationSettings
from .signatures import sign

log = logging.getLogger("kiosque.federation")

GLOBAL_CAP = 8
GIVE_UP_AFTER = 24 * 3600.0
LONGEST_WAIT = 3600.0
TIMEOUT = 15.0
_NAME = re.compile(r"[A-Za-z0-9._-]{1,200}")
ANSWER = "accept-"  # the name of every answer to a follow starts so


@dataclass
class Outcome:
    delivered: int = 0
    retried: int = 0
    given_up: int = 0
    busy: bool = False  # another process was delivering: nothing was done here


class Deliveries:
    def __init__(self, settings: FederationSettings, key: ActorKey, retry_seconds: float = 60.0) -> None:
        self.settings = settings
        self.key = key
        self.retry_seconds = retry_seconds
        self.activities = settings.state / "activities"
        self.records = settings.state / "deliveries"
        self.records.mkdir(parents=True, exist_ok=True)
        self.activities.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    # --- what is sent --------------------------------------------------------------------------------------

    def store(self, name: str, activity: dict) -> None:
        if not _NAME.fullmatch(name):
            raise ValueError(f"not an activity name: {name!r}")
        write_atomically(self.activities / f"{name}.json", json.dumps(activity, ensure_ascii=False).encode())

    def activity(self, name: str) -> dict | None:
        if not _NAME.fullmatch(name):
            return None
        try:
            return json.loads((self.activities / f"{name}.json").read_bytes())
        except FileNotFoundError:
            return None

    def enqueue(self, name: str, inboxes: list[str]) -> int:
        """One record per inbox (an existing one is kept as it is: its attempts go on counting)."""
        made = 0
        for inbox in inboxes:
            path = self.records / f"{hashlib.sha256(f'{name} {inbox}'.encode()).hexdigest()[:32]}.json"
            if path.exists():
                continue
            record = {"activity": name, "inbox": inbox, "created": time.time(), "attempts": 0, "next_try": 0.0}
            write_atomically(path, json.dumps(record).encode(), mode=0o600)
            made += 1
        return made

    def pending(self) -> int:
        return sum(1 for _ in self.records.glob("*.json"))

    # --- sending -------------------------------------------------------------------------------------------

    def deliver_due(self, wanted: set[str], now: float | None = None) -> Outcome:
        """Every record due now whose inbox is still `wanted` (a follower's; the others are dropped: nobody
        left to tell), each remote server in turn from one thread; returns what happened."""
        outcome = Outcome()
        # another process delivering (the bridge while `make federate` runs, or the reverse) delivers this too
        with self._lock, held(self.records / ".lock", wait=False) as alone:
            if not alone:
                outcome.busy = True
                return outcome
            now = time.time() if now is None else now
            by_host: dict[str, list[tuple[Path, dict]]] = defaultdict(list)
            for path in sorted(self.records.glob("*.json")):
                try:
                    record = json.loads(path.read_bytes())
                    inbox = record["inbox"]
                except (OSError, ValueError, KeyError, TypeError):
                    continue
                if inbox not in wanted or web_address(inbox) is None:
                    path.unlink(missing_ok=True)
                elif record.get("next_try", 0) <= now:
                    by_host[host_of(inbox)].append((path, record))
            if not by_host:
                return outcome
            with ThreadPoolExecutor(max_workers=min(GLOBAL_CAP, len(by_host))) as pool:
                for result in pool.map(self._one_host, by_host.values()):
                    outcome.delivered += result.delivered
                    outcome.retried += result.retried
                    outcome.given_up += result.given_up
        return outcome

    def _one_host(self, records: list[tuple[Path, dict]]) -> Outcome:
        """One server's records, oldest first; once it fails to answer, the rest wait with it (a dead server
        costs one timeout a round, not one per record)."""
        outcome = Outcome()
        unreachable = False
        for path, record in sorted(records, key=lambda item: item[1]["created"]):
            result = "retry" if unreachable else self._send(record)
            unreachable = unreachable or result == "retry"
            if result == "delivered":
                outcome.delivered += 1
                path.unlink(missing_ok=True)
                if record["activity"].startswith(ANSWER):  # an answer to a follow is sent once, then forgotten
                    (self.activities / f"{record['activity']}.json").unlink(missing_ok=True)
            elif result == "final" or time.time() - record["created"] > GIVE_UP_AFTER:
                outcome.given_up += 1
                log.warning(
                    "gave up delivering %s to %s after %d attempts",
                    record["activity"],
                    record["inbox"][:200],
                    record["attempts"] + 1,
                )
                path.unlink(missing_ok=True)
            else:
                outcome.retried += 1
                attempts = record["attempts"] + 1
                wait = min(self.retry_seconds * 2 ** (attempts - 1), LONGEST_WAIT)
                write_atomically(
                    path, json.dumps({**record, "attempts": attempts, "next_try": time.time() + wait}).encode(), 0o600
                )
        return outcome

    def prune(self, kept: set[str]) -> None:
        """Forget the activities neither listed (`kept`: the outbox) nor waiting for a delivery."""
        waiting = set()
        for path in self.records.glob("*.json"):
            try:
                waiting.add(json.loads(path.read_bytes())["activity"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
        for path in self.activities.glob("*.json"):
            if path.stem not in kept and path.stem not in waiting:
                path.unlink(missing_ok=True)

    def _send(self, record: dict) -> str:
        activity = self.activity(record["activity"])
        if activity is None:
            log.warning("activity %s is missing from the state folder: its deliveries are dropped", record["activity"])
            return "final"
        body = json.dumps(activity, ensure_ascii=False).encode()
        url = record["inbox"]
        headers = sign(
            "POST", url, self.key.private, self.settings.key_id, body, **{"content-type": "application/activity+json"}
        )
        try:
            with client(self.settings, Deadline(TIMEOUT)) as http:
                response = http.post(url, content=body, headers=headers)
        except Refused as refused:
            log.warning("not delivering to %s: %s is a private or local address", url[:200], refused.ip)
            return "final"
        except Exception as error:  # unreachable, unknown name, cut connection...: the server may come back
            log.info("delivering %s to %s failed: %s", record["activity"], url[:200], type(error).__name__)
            return "retry"
        if 200 <= response.status_code < 300:
            return "delivered"
        log.info("delivering %s to %s: the inbox answered %d", record["activity"], url[:200], response.status_code)
        if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
            return "final"
        return "retry"
