"""GitHub through its REST API, against a local server that checks each request against the shapes GitHub
documents (headers, paths, bodies) and answers as GitHub does."""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bridge_sites import EVENT, client_for, make_remote, make_site, send, settings_for

from bridge.proposals import description_of, title_of

TOKEN = "ghp_" + "s3cr3t" * 6
SHA = re.compile(r"[0-9a-f]{40}")


class FakeGitHub(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.refs = {"main": "a" * 40}
        self.files: dict[tuple[str, str], str] = {}
        self.pulls: list[dict] = []
        self.violations: list[str] = []
        self.calls: list[str] = []
        self.failing = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, *arguments) -> None:
        pass

    def _answer(self, status: int, body) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _check_headers(self) -> bool:
        wanted = {
            "Authorization": f"Bearer {TOKEN}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }
        wrong = [name for name, value in wanted.items() if self.headers.get(name) != value]
        if wrong or not self.headers.get("User-Agent"):  # GitHub refuses requests without a User-Agent
            self.server.violations.append(f"headers {wrong}")
            self._answer(401, {"message": "Bad credentials"})
            return False
        return True

    def _body(self) -> dict:
        return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

    def _handle(self, method: str) -> None:
        self.server.calls.append(f"{method} {self.path}")
        if not self._check_headers():
            return
        if self.server.failing:
            return self._answer(503, {"message": "Service unavailable"})
        path, _, query = self.path.partition("?")
        base = "/repos/quartier/site"
        if not path.startswith(base):
            self.server.violations.append(f"path {path}")
            return self._answer(404, {"message": "Not Found"})
        path = path[len(base) :]
        body = self._body() if method in ("POST", "PUT") else {}
        if method == "GET" and path.startswith("/git/ref/heads/"):
            name = path.removeprefix("/git/ref/heads/").replace("%2F", "/")
            if name not in self.server.refs:
                return self._answer(404, {"message": "Not Found"})
            return self._answer(
                200, {"ref": f"refs/heads/{name}", "object": {"sha": self.server.refs[name], "type": "commit"}}
            )
        if method == "POST" and path == "/git/refs":
            if not (body.get("ref", "").startswith("refs/heads/") and SHA.fullmatch(body.get("sha", ""))):
                self.server.violations.append(f"create ref {body}")
                return self._answer(422, {"message": "Invalid request"})
            name = body["ref"].removeprefix("refs/heads/")
            if name in self.server.refs:
                return self._answer(422, {"message": "Reference already exists"})
            self.server.refs[name] = body["sha"]
            return self._answer(201, {"ref": body["ref"], "object": {"sha": body["sha"], "type": "commit"}})
        if path.startswith("/contents/"):
            file_path = path.removeprefix("/contents/").replace("%2F", "/")
            if method == "GET":
                branch = (
                    dict(part.split("=") for part in query.split("&") if part).get("ref", "main").replace("%2F", "/")
                )
                found = (branch, file_path) in self.server.files
                return self._answer(200 if found else 404, {"path": file_path} if found else {"message": "Not Found"})
            if not (isinstance(body.get("message"), str) and body.get("branch") in self.server.refs):
                self.server.violations.append(f"put contents {sorted(body)}")
                return self._answer(422, {"message": "Invalid request"})
            self.server.files[(body["branch"], file_path)] = base64.b64decode(body["content"], validate=True).decode(
                "utf-8", "replace"
            )
            return self._answer(201, {"content": {"path": file_path}, "commit": {"sha": "b" * 40}})
        if path == "/pulls" and method == "GET":
            head = (
                dict(part.split("=") for part in query.split("&"))
                .get("head", "")
                .replace("%3A", ":")
                .replace("%2F", "/")
            )
            return self._answer(200, [p for p in self.server.pulls if f"quartier:{p['head']['ref']}" == head])
        if path == "/pulls" and method == "POST":
            if (
                not all(isinstance(body.get(key), str) for key in ("title", "head", "base"))
                or body["head"] not in self.server.refs
            ):
                self.server.violations.append(f"create pull {sorted(body)}")
                return self._answer(422, {"message": "Validation Failed"})
            number = len(self.server.pulls) + 1
            pull = {
                "number": number,
                "html_url": f"https://github.com/quartier/site/pull/{number}",
                "state": "open",
                "merged_at": None,
                "head": {"ref": body["head"]},
                "base": {"ref": body["base"]},
                "title": body["title"],
                "body": body.get("body"),
            }
            self.server.pulls.append(pull)
            return self._answer(201, pull)
        self.server.violations.append(f"unknown {method} {path}")
        self._answer(404, {"message": "Not Found"})

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")


@pytest.fixture
def github():
    server = FakeGitHub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def _client(tmp_path, github):
    site = make_site(tmp_path)
    remote = make_remote(site, tmp_path)  # the worker still fetches main to check the file among the others
    return client_for(
        settings_for(
            site,
            tmp_path,
            KIOSQUE_BRIDGE_FORGE="github",
            KIOSQUE_BRIDGE_REMOTE=str(remote),
            KIOSQUE_BRIDGE_GITHUB_REPOSITORY="quartier/site",
            KIOSQUE_BRIDGE_GITHUB_TOKEN=TOKEN,
            KIOSQUE_BRIDGE_GITHUB_API=github.url,
        )
    )


def test_a_branch_the_file_and_a_pull_request_through_the_api(tmp_path, github):
    client = _client(tmp_path, github)
    receipt = send(client, "/submit/event", EVENT).headers["location"].split("?")[0]
    bridge = client.app.state.bridge
    assert bridge.worker.run_once() == 1
    assert github.violations == []
    [pull] = github.pulls
    record = bridge.spool.load(receipt.split("/")[-1])
    assert pull["head"]["ref"] == record["branch"] and pull["base"]["ref"] == "main"
    assert pull["title"] == title_of(record) and "Atelier vélo" in pull["title"]
    assert pull["body"] == description_of({**record, "contact": "jo@example.org"})  # the Markdown, as it is
    assert "jo@example.org" in pull["body"] and "Jo du quartier" in pull["body"]
    assert github.refs[record["branch"]] == "a" * 40  # branched from main's commit
    [(branch, path)] = github.files
    assert (branch, path) == (record["branch"], record["main_file"])
    assert "title: Atelier vélo" in github.files[(branch, path)]
    assert record["link"] == "https://github.com/quartier/site/pull/1"

    bridge.spool.update(record["id"], state="received")  # died before saving: nothing is opened twice
    bridge.worker.run_once()
    assert len(github.pulls) == 1 and github.violations == []

    github.pulls[0].update(state="closed", merged_at="2026-12-01T10:00:00Z")
    bridge.worker.follow()
    assert client.get(f"/api/receipts/{record['id']}").json()["state"] == "merged"


def test_a_failing_api_keeps_the_submission_and_never_shows_the_token(tmp_path, github, caplog):
    client = _client(tmp_path, github)
    github.failing = True
    receipt = send(client, "/submit/event", EVENT).headers["location"].split("?")[0]
    bridge = client.app.state.bridge
    with caplog.at_level(logging.DEBUG):
        assert bridge.worker.run_once() == 0
    state = client.get(receipt.replace("/receipt/", "/api/receipts/")).json()
    assert state["state"] == "failed"
    page = client.get(receipt).text
    assert "tried again automatically" in client.get(receipt + "?lang=en").text
    assert TOKEN not in caplog.text + json.dumps(state) + page
    assert TOKEN not in (tmp_path / "state" / "spool" / f"{state['id']}.json").read_text()
    github.failing = False
    assert bridge.worker.run_once() == 1
    assert len(github.pulls) == 1
