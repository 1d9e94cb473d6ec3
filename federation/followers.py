"""Who follows the agenda: one JSON file in the state folder (actor → inbox, shared inbox, since when), written
whole or not at all at each change. Only the count is ever published."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

from contributions import write_atomically


class Followers:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict]:
        try:
            found = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        return found if isinstance(found, dict) else {}

    def _write(self, followers: dict[str, dict]) -> None:
        data = json.dumps(followers, ensure_ascii=False, indent=1, sort_keys=True).encode()
        write_atomically(self.path, data, mode=0o600)

    def add(self, actor: str, inbox: str, shared_inbox: str, follow_id: str) -> bool:
        """True when `actor` was not following yet."""
        with self._lock:
            followers = self._read()
            new = actor not in followers
            since = followers.get(actor, {}).get("since") or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            followers[actor] = {"inbox": inbox, "shared_inbox": shared_inbox, "follow": follow_id, "since": since}
            self._write(followers)
            return new

    def remove(self, actor: str) -> bool:
        with self._lock:
            followers = self._read()
            if followers.pop(actor, None) is None:
                return False
            self._write(followers)
            return True

    def get(self, actor: str) -> dict | None:
        return self._read().get(actor)

    def count(self) -> int:
        return len(self._read())

    def addresses(self) -> set[str]:
        """Every inbox a follower has, its own and its server's: what deliveries may still go to."""
        return {
            address
            for entry in self._read().values()
            for address in (entry.get("inbox"), entry.get("shared_inbox"))
            if address
        }

    def inboxes(self) -> list[str]:
        """Where one activity goes: each server's shared inbox once, else each follower's own inbox."""
        chosen = {entry.get("shared_inbox") or entry["inbox"] for entry in self._read().values() if entry.get("inbox")}
        return sorted(chosen)
