"""Drive an independent ActivityPub follower (Fedify, tests/federation/follower/follower.mjs) from pytest: it
finds the bridge by WebFinger, signs its Follow itself and records only what Fedify verified, so the bridge is
judged by another implementation's reading of ActivityPub rather than by our own.

    from tests.federation.fedify_follower import Follower

    with Follower(port, tmp_path / "received.jsonl", ca_file=ca) as reader:
        reader.follow("@agenda@127.0.0.1:8443")
        created = reader.wait_for(lambda r: r["type"] == "Create")
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "tests" / "federation" / "follower" / "follower.mjs"
FEDIFY = REPO / "tests" / "clients" / "node_modules" / "@fedify" / "fedify"


class Follower:
    """One Fedify follower process, actor `reader`, on 127.0.0.1:port; stopped (its whole process group) on exit.

    ca_file: a PEM certificate Node trusts on top of its own (NODE_EXTRA_CA_CERTS), for a peer served over
    HTTPS with a self-signed certificate, which a lookup by handle needs (Fedify asks https:// for acct:).
    tls: (certificate, key) PEM files to serve HTTPS itself (then its ids are https://127.0.0.1:port/...).
    log_level: Fedify's log level in node's output (shown on failures): only debug says why a signature failed.
    """

    def __init__(
        self,
        port: int,
        received_path: Path | str,
        ca_file: Path | str | None = None,
        tls: tuple[Path | str, Path | str] | None = None,
        log_level: str | None = "debug",
        startup: float = 30,
    ) -> None:
        self.port = port
        self.received_path = Path(received_path)
        self.ca_file = ca_file
        self.tls = tls
        self.log_level = log_level
        self.startup = startup
        self.origin = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        self._process: subprocess.Popen | None = None
        self._log = None
        self._client: httpx.Client | None = None

    @property
    def actor_id(self) -> str:
        return f"{self.origin}/users/reader"

    @property
    def inbox(self) -> str:
        return f"{self.actor_id}/inbox"

    @property
    def shared_inbox(self) -> str:
        return f"{self.origin}/inbox"

    @property
    def handle(self) -> str:
        return f"@reader@127.0.0.1:{self.port}"

    def __enter__(self) -> Follower:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        """Start node and wait until its control API answers; a failure says why, with node's own words."""
        if not (FEDIFY / "package.json").is_file():
            raise AssertionError("Fedify is not installed: run `make test` (it runs npm ci in tests/clients)")
        self.received_path.parent.mkdir(parents=True, exist_ok=True)
        self.received_path.touch()
        env = {**os.environ, "PORT": str(self.port), "RECEIVED": str(self.received_path)}
        if self.ca_file is not None:
            env["NODE_EXTRA_CA_CERTS"] = str(self.ca_file)
        if self.log_level:
            env["FEDIFY_LOG"] = self.log_level
        if self.tls is not None:
            env["TLS_CERT"], env["TLS_KEY"] = (str(path) for path in self.tls)
        self._log = tempfile.TemporaryFile(mode="w+b")
        self._process = subprocess.Popen(
            ["node", str(SCRIPT)],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed whole in stop()
        )
        verify = str(self.ca_file) if self.tls and self.ca_file else not self.tls
        self._client = httpx.Client(base_url=self.origin, timeout=30, verify=verify, trust_env=False)
        deadline = time.monotonic() + self.startup
        while True:
            if self._process.poll() is not None:
                output, code = self.output(), self._process.returncode
                self.stop()
                raise AssertionError(f"the Fedify follower exited ({code}):\n{output}")
            try:
                ready = self._client.get("/control/ready")
                # the pid: another program already on this port must not pass for ours
                if ready.status_code == 200 and ready.json().get("pid") == self._process.pid:
                    return
            except (httpx.TransportError, ValueError):
                pass
            if time.monotonic() > deadline:
                output = self.output()
                self.stop()
                raise AssertionError(f"the Fedify follower did not answer within {self.startup}s:\n{output}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._process is not None and self._process.poll() is None:
            try:
                os.killpg(self._process.pid, signal.SIGTERM)
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=5)
            except ProcessLookupError:
                pass
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def output(self, tail: int = 12000) -> str:
        """The end of what node printed (Fedify's errors, the listener's failures)."""
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-tail:]

    def _control(self, method: str, path: str, body: dict | None = None) -> dict | list:
        if self._client is None:
            raise AssertionError("the Fedify follower is not running")
        response = self._client.request(method, path, json=body)
        try:
            answer = response.json()
        except ValueError:
            answer = {"error": response.text}
        if response.status_code != 200:
            raise AssertionError(
                f"the Fedify follower's {path} answered {response.status_code}: {answer}\n{self.output()}"
            )
        return answer

    def follow(self, handle: str) -> dict:
        """Look `handle` (@user@host, or an actor URL) up through Fedify and send it a signed Follow."""
        return self._control("POST", "/control/follow", {"handle": handle})

    def unfollow(self, handle: str) -> dict:
        """Send an Undo of the Follow sent to `handle`."""
        return self._control("POST", "/control/unfollow", {"handle": handle})

    def received(self) -> list[dict]:
        """The activities Fedify verified and handed to the inbox listeners, oldest first."""
        return self._control("GET", "/control/received")

    def deliveries(self) -> list[dict]:
        """Every POST to an inbox: path, Fedify's status and answer, the request's headers and body."""
        return self._control("GET", "/control/deliveries")

    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 20) -> dict:
        """The first received record matching `predicate`, polled until `timeout` seconds have passed."""
        deadline = time.monotonic() + timeout
        while True:
            records = self.received()
            for record in records:
                if predicate(record):
                    return record
            if time.monotonic() > deadline:
                summary = json.dumps(
                    [{key: record.get(key) for key in ("type", "id", "actor", "object_type")} for record in records],
                    indent=1,
                )
                tried = json.dumps(
                    [{key: d[key] for key in ("path", "status", "answer")} for d in self.deliveries()], indent=1
                )
                raise AssertionError(
                    f"nothing matching arrived within {timeout}s; received:\n{summary}\n"
                    f"inbox requests:\n{tried}\nnode:\n{self.output()}"
                )
            time.sleep(0.2)
