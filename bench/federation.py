"""`python -m bench.federation`: one publish of one new event to 500 followers spread over 20 servers (local
inboxes on 127.0.0.1, each server its shared inbox), with the real spool, signatures and per-host queues; prints
the time and each inbox's count. `make bench` runs it after the builds; tests/federation runs it for the counts."""

from __future__ import annotations

import argparse
import http.server
import json
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from federation.service import Federation
from federation.settings import FederationSettings

EVENTS = {
    "site": {"name": "Agenda du quartier", "url": "https://agenda.example.org/"},
    "events": {
        "bal": {
            "type": "Event",
            "name": "Bal",
            "summary": "samedi 5 décembre 2026, 20 h 30 — Salle des fêtes",
            "startTime": "2026-12-05T20:30:00+01:00",
            "url": "https://agenda.example.org/agenda/2026/12/bal/",
        }
    },
    "past": [],
}


class Inboxes:
    """`hosts` HTTP servers on 127.0.0.1 counting the activities posted to their shared inbox."""

    def __init__(self, hosts: int) -> None:
        self.received: Counter[tuple[int, str]] = Counter()
        self._lock = threading.Lock()
        counts = self
        self.servers = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with counts._lock:
                    counts.received[(self.server.server_port, json.loads(body)["id"])] += 1
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        for _ in range(hosts):
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()


def run(state: Path, followers: int = 500, hosts: int = 20, shared: bool = True) -> tuple[float, Inboxes]:
    """Seconds from `publish` to the last delivery, and the inboxes (what each received). `shared`: each server's
    followers share its inbox (as on Mastodon); else each has its own, and each is one request."""
    state.mkdir(parents=True, exist_ok=True)
    settings = FederationSettings(url="https://agenda.example.org", state=state / "federation", allow_private=True)
    federation = Federation(settings)
    inboxes = Inboxes(hosts)
    for number in range(followers):
        port = inboxes.servers[number % hosts].server_port
        actor = f"http://127.0.0.1:{port}/users/{number}"
        shared_inbox = f"http://127.0.0.1:{port}/inbox" if shared else ""
        federation.followers.add(actor, f"{actor}/inbox", shared_inbox, f"{actor}#follow")
    events = state / "events.json"
    events.write_text(json.dumps(EVENTS))
    started = time.perf_counter()
    federation.publish(str(events))
    federation.deliver()
    return time.perf_counter() - started, inboxes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.federation", description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=20)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        seconds, inboxes = run(Path(folder) / "spread", arguments.followers, arguments.hosts)
        inboxes.close()
        # the same number of requests to one server, one after the other: what the per-server queues save
        alone, one = run(Path(folder) / "one", arguments.hosts, 1, shared=False)
        one.close()
    print(
        f"federation: one new event to {arguments.followers} followers on {arguments.hosts} servers: "
        f"{len(inboxes.received)} requests (one per shared inbox) in {seconds:.2f} s; the same "
        f"{arguments.hosts} requests to one server in {alone:.2f} s (ratio {seconds / alone:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
