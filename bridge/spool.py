"""The durable spool: every accepted submission is on disk before anyone is told "received".

Each submission is one JSON record, `<id>.json`, with its uploads beside it in `<id>.files/`. Files are
written to a temporary name, flushed to the disk (fsync), then renamed over the final name: a crash
leaves either the old record or the new one, never half of one. The record also holds the submission's
state, which the worker moves on: received → proposed (→ merged or closed), or failed (retried later).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import threading
from pathlib import Path

from contributions import write_atomically as saving

STATES = ("received", "failed", "proposed", "merged", "closed")
_ID = re.compile(r"[0-9a-f]{32}")


def new_id() -> str:
    """A random, unguessable id: knowing one receipt's address tells nothing about another's."""
    return secrets.token_hex(16)


def is_id(value: str) -> bool:
    return bool(_ID.fullmatch(value))


def write_atomically(path: Path, data: bytes) -> None:
    """What people sent is for the bridge alone: its files are readable by the bridge's user only."""
    saving(path, data, mode=0o600)


class Spool:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # (state, next try, received) of each record read or written by this process: the worker looks
        # for due submissions every few seconds, and years of receipts need not be read each time.
        self._known: dict[str, tuple[str, float, str]] = {}

    def _record_path(self, submission_id: str) -> Path:
        if not is_id(submission_id):
            raise KeyError(submission_id)
        return self.folder / f"{submission_id}.json"

    def accept(self, record: dict, uploads: dict[str, bytes]) -> None:
        """Store a new submission: its uploads first, the record last (the record's presence means accepted)."""
        for index, data in enumerate(uploads.values()):
            write_atomically(self.folder / f"{record['id']}.files" / str(index), data)
        record = {
            **record,
            "uploads": {target: str(index) for index, target in enumerate(uploads)},
            "state": "received",
            "attempts": 0,
            "next_try": 0.0,
            "link": "",
            "reason": "",
        }
        write_atomically(self._record_path(record["id"]), _encode(record))

    def load(self, submission_id: str) -> dict | None:
        try:
            return json.loads(self._record_path(submission_id).read_bytes())
        except (KeyError, FileNotFoundError):
            return None

    def upload(self, record: dict, target: str) -> bytes:
        return (self.folder / f"{record['id']}.files" / record["uploads"][target]).read_bytes()

    def update(self, submission_id: str, **changes) -> dict:
        with self._lock:
            record = self.load(submission_id)
            record.update(changes, updated=_now())
            write_atomically(self._record_path(submission_id), _encode(record))
            self._known[submission_id] = _summary(record)
            return record

    def records(self) -> list[dict]:
        found = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                found.append(json.loads(path.read_bytes()))
            except (OSError, ValueError):  # a stray file: never a reason to stop the others
                continue
        return sorted(found, key=lambda record: record["received"])

    def due(self, now: float) -> list[dict]:
        """The submissions to propose now, oldest first. Only records new to this process are read: the
        others changed state here, through `update` (the web service only ever adds records)."""
        with self._lock:
            for path in self.folder.glob("*.json"):
                if path.stem not in self._known and is_id(path.stem):
                    try:
                        self._known[path.stem] = _summary(json.loads(path.read_bytes()))
                    except (OSError, ValueError, KeyError):
                        continue
            wanted = sorted(
                (received, key)
                for key, (state, next_try, received) in self._known.items()
                if state in ("received", "failed") and next_try <= now
            )
        return [record for _, key in wanted if (record := self.load(key))]


def _summary(record: dict) -> tuple[str, float, str]:
    return record["state"], record["next_try"], record["received"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _encode(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode()
