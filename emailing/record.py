"""What was sent: `cache/digest-sent.json`, one entry per issue (week and filter) with when, the Message-ID and
the list's address, so that a cron job run twice, or a CI schedule retried, does not send the same week twice.
Written whole or not at all, and only once the server has accepted the message; one sender at a time (a file
lock), so two runs at once send once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contributions import held, write_atomically

RECORD = Path("cache") / "digest-sent.json"


class RecordUnreadable(Exception):
    """The record exists but cannot be read: nobody can tell what was sent; the message says what to do."""


class SentRecord:
    def __init__(self, path: Path = RECORD) -> None:
        self.path = path
        self.lock = path.parent / f".{path.name}.lock"

    @contextmanager
    def held(self) -> Iterator[None]:
        """Held from the look at the record to the writing of the send: another run waits, then finds it sent."""
        with held(self.lock):
            yield

    def load(self) -> dict[str, dict]:
        try:
            record = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise RecordUnreadable(f"{self.path} cannot be read ({error.strerror})") from None
        except ValueError:
            record = None
        if not isinstance(record, dict) or not all(isinstance(entry, dict) for entry in record.values()):
            raise RecordUnreadable(
                f"{self.path} is not the record make send-digest writes, so what was sent is unknown: repair it, "
                "or remove it if you know no issue would be sent twice"
            )
        return record

    def sent(self, name: str) -> dict | None:
        return self.load().get(name)

    def remember(self, name: str, week: str, wanted: str, message_id: str, to: str) -> None:
        record = self.load()
        before = record.get(name, {})
        record[name] = {
            "week": week,
            "filter": wanted,
            "sent": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "message_id": message_id,
            "to": to,
            "times": (before["times"] if isinstance(before.get("times"), int) else 0) + 1,  # 2+: FORCE=1
        }
        text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomically(self.path, text.encode("utf-8"))
