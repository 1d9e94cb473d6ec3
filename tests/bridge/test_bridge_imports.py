"""The bridge's scheduled import: one pull/merge request per source, updated in place across runs, on each
forge (a local bare repository as the forge, its hooks recording the pushes; GitHub's API faked); the interval
kept across restarts; failures logged in one line and tried again at the next interval.

The import is `make import`'s own (importing.command.run_import), on the sample site whose médiathèque's
calendar is served by a local HTTP server (ETag honoured: a "not modified" calendar is synced from its last
bytes, so the same files are written again while main does not hold them, and must not make a new commit)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import sys
import threading
import time

import pytest
from bridge_sites import client_for, git, make_remote, make_site, pushes, settings_for, updates
from conftest import REPO, make_check
from test_bridge_github import TOKEN, FakeGitHub, Handler

import bridge.imports
from bridge.proposals import say

sys.path.insert(0, str(REPO / "tests" / "importing"))
from importing_sites import calendar, calendar_server, source_file, vevent  # noqa: E402

SLUG = "mediatheque-des-lilas"
TODAY = dt.date(2026, 12, 7)
T0 = 1_800_000_000.0  # the time of the first run (seconds); the default interval is 6 hours
HOURS = 3600.0
CONTE = vevent("conte-0109@mediatheque-lilas", "Heure du conte", "20270109T103000", "20270109T113000")
CONTE_LATER = vevent("conte-0109@mediatheque-lilas", "Heure du conte", "20270109T143000", "20270109T153000")
BEBES = vevent("bebes-0116@mediatheque-lilas", "Bébés lecteurs", "20270116T100000", "20270116T110000")
# Past: in the calendar, never imported (a calendar with no event at all is taken for a server's mistake).
PAST = vevent("club-1205@mediatheque-lilas", "Club lecture", "20261205T100000", "20261205T110000")


@pytest.fixture
def served():
    with calendar_server() as found:
        yield found


def _site(tmp_path, served, trusted: bool = False):
    """The sample site whose médiathèque's calendar (one event) is served on 127.0.0.1."""
    site = make_site(tmp_path)
    address = served.put("/agenda.ics", calendar(CONTE))
    (site / "content" / "sources" / f"{SLUG}.yaml").write_text(source_file(address, trusted), encoding="utf-8")
    git(site, "commit", "-qam", "The médiathèque's calendar, as its server gives it")
    return site


def _worker(tmp_path, site, **environment):
    settings = settings_for(site, tmp_path, KIOSQUE_IMPORT_ALLOW_PRIVATE="1", **environment)
    return client_for(settings).app.state.bridge.worker


def _run(worker, hours: float):
    return worker.imports.run_if_due(now=T0 + hours * HOURS, today=TODAY)


def _options(push: dict) -> dict:
    return dict(option.partition("=")[::2] for option in push["options"])


def _changed(repository, base: str, commit: str) -> list[str]:
    return sorted(git(repository, "diff", "--name-only", base, commit).split())


@pytest.mark.parametrize("forge", ["local", "gitlab", "forgejo"])
def test_one_request_per_source_kept_across_three_runs(tmp_path, served, forge):
    site = _site(tmp_path, served, trusted=True)
    remote = make_remote(site, tmp_path)
    worker = _worker(tmp_path, site, KIOSQUE_BRIDGE_FORGE=forge, KIOSQUE_BRIDGE_REMOTE=str(remote))
    main = git(remote, "rev-parse", "main").strip()
    ref = "refs/for/main" if forge == "forgejo" else f"refs/heads/import/{SLUG}"
    proposed = f"refs/agit/import-{SLUG}" if forge == "forgejo" else ref

    # 1. The first run: one commit on main's, the source's new file, one request.
    _run(worker, 0)
    assert (tmp_path / "state" / "import" / f"{SLUG}.json").is_file()  # the fetch state, in the bridge's state
    [push] = pushes(remote)
    assert [pushed[2] for pushed in push["refs"]] == [ref]
    first = git(remote, "rev-parse", proposed).strip()
    assert git(remote, "rev-parse", f"{first}~1").strip() == main
    [path] = _changed(remote, main, first)
    assert path.startswith(f"content/events/2027/{SLUG}-heure-du-conte-")
    assert "title: Heure du conte" in git(remote, "show", f"{first}:{path}")
    message = git(remote, "log", "-1", "--format=%an <%ae>%n%B", first)
    assert message.startswith("kiosque bridge <bridge@kiosque.invalid>\n[trusted] Import")
    assert "Médiathèque des Lilas" in message and "Heure du conte" in message  # the report, for the history
    options = _options(push)
    if forge == "gitlab":
        assert options["merge_request.target"] == "main" and "merge_request.create" in options
        assert "Médiathèque des Lilas" in options["merge_request.title"]
        assert not options["merge_request.title"].startswith("[")
        assert options["merge_request.label"] == "trusted"  # a label the forge's workflows can act on
        description = options["merge_request.description"]
        assert "\n" not in description and "Heure du conte" in description.replace("\\n", "\n")
    elif forge == "forgejo":
        assert options["topic"] == f"import-{SLUG}" and options["force-push"] == "true"
        assert options["title"].startswith("[trusted] Import") and "Médiathèque des Lilas" in options["title"]
        assert options["description"].startswith("<p>") and "\n" not in options["description"]
        assert "Heure du conte" in options["description"]
    else:
        assert options == {}

    # 2. Nothing changed at the source ("not modified"): the same file is written again, but no new commit
    # and no new request.
    requests = len(served.requests)
    _run(worker, 6)
    assert len(served.requests) == requests + 1 and served.statuses[-1] == ("/agenda.ics", 304)
    assert len(pushes(remote)) == 1 and git(remote, "rev-parse", proposed).strip() == first

    # 3. A change at the source (a new time, a new event): the same branch moved (forced: the new commit
    # starts from main again), the same single request updated.
    served.put("/agenda.ics", calendar(CONTE_LATER, BEBES))
    _run(worker, 12)
    assert len(pushes(remote)) == 2
    third = git(remote, "rev-parse", proposed).strip()
    assert third != first and git(remote, "rev-parse", f"{third}~1").strip() == main  # not on top of the first
    changed = _changed(remote, main, third)
    assert len(changed) == 2 and path in changed
    assert "14:30" in git(remote, "show", f"{third}:{path}")
    if forge == "forgejo":
        assert git(remote, "for-each-ref", "--format=%(refname)", "refs/agit/").split() == [proposed]
        assert _options(pushes(remote)[1])["topic"] == f"import-{SLUG}"  # the same pull request, updated
    else:
        assert git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/import/").split() == [ref]
        assert [update[2] for update in updates(remote)] == [ref, ref]
    if forge == "gitlab":  # a push to a branch whose merge request is open updates it (title, description)
        second = _options(pushes(remote)[1])
        assert "merge_request.create" in second
        assert "Bébés lecteurs" in second["merge_request.description"]

    # 4. Nothing changed again: nothing pushed.
    _run(worker, 18)
    assert len(pushes(remote)) == 2 and git(remote, "rev-parse", proposed).strip() == third


# GitHub: the same three runs through its REST API (the fake of test_bridge_github, with the Git data API,
# a pull request's update and labels, answering as GitHub documents them).


class DataHandler(Handler):
    def _handle(self, method: str) -> None:
        path, _, query = self.path.partition("?")
        path = path.removeprefix("/repos/quartier/site")
        github: DataGitHub = self.server
        handled = path.startswith(("/git/blobs", "/git/trees", "/git/commits", "/issues/"))
        handled = handled or method in ("PATCH", "DELETE")
        if path == "/pulls" and method == "GET" and "state=open" in query:  # only the open ones
            github.calls.append(f"{method} {self.path}")
            head = query.split("head=")[1].split("&")[0].replace("%3A", ":").replace("%2F", "/")
            found = [p for p in github.pulls if f"quartier:{p['head']['ref']}" == head and p["state"] == "open"]
            return self._answer(200, found)
        if not handled:
            return super()._handle(method)
        github.calls.append(f"{method} {self.path}")
        if not self._check_headers():
            return
        body = self._body() if method in ("POST", "PATCH") else {}
        if method == "POST" and path == "/git/blobs":
            data = base64.b64decode(body["content"], validate=True)
            assert body["encoding"] == "base64"
            sha = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            github.blobs[sha] = data
            return self._answer(201, {"sha": sha})
        if method == "POST" and path == "/git/trees":
            entries = dict(github.trees[body["base_tree"]])
            for entry in body["tree"]:
                assert entry["mode"] == "100644" and entry["type"] == "blob" and entry["sha"] in github.blobs
                entries[entry["path"]] = entry["sha"]
            sha = hashlib.sha1(json.dumps(entries, sort_keys=True).encode()).hexdigest()
            github.trees[sha] = entries
            return self._answer(201, {"sha": sha})
        if method == "POST" and path == "/git/commits":
            assert body["tree"] in github.trees and all(parent in github.commits for parent in body["parents"])
            sha = hashlib.sha1(json.dumps([body, len(github.commits)]).encode()).hexdigest()
            github.commits[sha] = {"tree": body["tree"], "parents": body["parents"], "message": body["message"]}
            return self._answer(201, {"sha": sha})
        if method == "GET" and path.startswith("/git/commits/"):
            commit = github.commits[path.removeprefix("/git/commits/")]
            return self._answer(200, {"tree": {"sha": commit["tree"]}, "parents": commit["parents"]})
        if method == "PATCH" and path.startswith("/git/refs/heads/"):
            name = path.removeprefix("/git/refs/heads/").replace("%2F", "/")
            if name not in github.refs or body["sha"] not in github.commits:
                return self._answer(422, {"message": "Reference does not exist"})
            if not body.get("force"):
                github.violations.append("a branch moved without force")
            github.refs[name] = body["sha"]
            return self._answer(200, {"ref": f"refs/heads/{name}", "object": {"sha": body["sha"]}})
        if method == "PATCH" and path.startswith("/pulls/"):
            pull = github.pulls[int(path.removeprefix("/pulls/")) - 1]
            pull.update({key: body[key] for key in ("title", "body", "state") if key in body})
            return self._answer(200, pull)
        if method == "POST" and path.endswith("/comments"):
            github.pulls[int(path.split("/")[2]) - 1].setdefault("comments", []).append(body["body"])
            return self._answer(201, {"body": body["body"]})
        if method == "DELETE" and path.startswith("/git/refs/heads/"):
            name = path.removeprefix("/git/refs/heads/").replace("%2F", "/")
            if name not in github.refs:
                return self._answer(422, {"message": "Reference does not exist"})
            if any(pull["head"]["ref"] == name and pull["state"] == "open" for pull in github.pulls):
                github.violations.append("a branch deleted under its open pull request (GitHub closes it unsaid)")
            del github.refs[name]
            self.send_response(204)
            self.end_headers()
            return None
        if method == "POST" and path.endswith("/labels"):
            pull = github.pulls[int(path.split("/")[2]) - 1]
            pull.setdefault("labels", [])
            pull["labels"] += [{"name": name} for name in body["labels"] if {"name": name} not in pull["labels"]]
            return self._answer(200, pull["labels"])
        github.violations.append(f"unknown {method} {path}")
        return self._answer(404, {"message": "Not Found"})

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")


class DataGitHub(FakeGitHub):
    def __init__(self) -> None:
        super().__init__()
        self.RequestHandlerClass = DataHandler
        self.blobs: dict[str, bytes] = {}
        self.trees: dict[str, dict] = {"t" * 40: {"content/pages/about.md": "f" * 40}}
        self.commits: dict[str, dict] = {"a" * 40: {"tree": "t" * 40, "parents": [], "message": "The site"}}


@pytest.fixture
def github():
    server = DataGitHub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_github_one_pull_request_created_then_updated_never_two(tmp_path, served, github):
    site = _site(tmp_path, served, trusted=True)
    remote = make_remote(site, tmp_path)  # main is fetched from it; nothing is pushed to it
    worker = _worker(
        tmp_path,
        site,
        KIOSQUE_BRIDGE_FORGE="github",
        KIOSQUE_BRIDGE_REMOTE=str(remote),
        KIOSQUE_BRIDGE_GITHUB_REPOSITORY="quartier/site",
        KIOSQUE_BRIDGE_GITHUB_TOKEN=TOKEN,
        KIOSQUE_BRIDGE_GITHUB_API=github.url,
    )

    assert _run(worker, 0) == {SLUG: "https://github.com/quartier/site/pull/1"}
    [pull] = github.pulls
    assert pull["head"]["ref"] == f"import/{SLUG}" and pull["base"]["ref"] == "main"
    assert "Médiathèque des Lilas" in pull["title"] and "Heure du conte" in pull["body"]
    assert pull["labels"] == [{"name": "trusted"}]
    first = github.refs[f"import/{SLUG}"]
    assert github.commits[first]["parents"] == ["a" * 40]  # on GitHub's main
    files = github.trees[github.commits[first]["tree"]]
    [path] = sorted(set(files) - {"content/pages/about.md"})
    assert path.startswith(f"content/events/2027/{SLUG}-heure-du-conte-")
    assert b"title: Heure du conte" in github.blobs[files[path]]
    assert pushes(remote) == [] and github.violations == []

    calls = len(github.calls)  # nothing changed: no commit, no request
    assert _run(worker, 6) == {}
    assert github.calls[calls:] == [] and github.refs[f"import/{SLUG}"] == first

    served.put("/agenda.ics", calendar(CONTE_LATER))
    assert _run(worker, 12) == {SLUG: "https://github.com/quartier/site/pull/1"}
    assert len(github.pulls) == 1 and github.violations == []
    third = github.refs[f"import/{SLUG}"]
    assert third != first and github.commits[third]["parents"] == ["a" * 40]  # moved, forced
    assert b"14:30" in github.blobs[github.trees[github.commits[third]["tree"]][path]]
    assert any(call.startswith("PATCH /repos/quartier/site/pulls/1") for call in github.calls[calls:])
    assert "POST /repos/quartier/site/pulls" not in github.calls[calls:]
    assert pull["labels"] == [{"name": "trusted"}] and "14" in pull["body"]

    pull.update(state="closed", merged_at=None)  # closed without merging: the next change opens another
    served.put("/agenda.ics", calendar(CONTE_LATER, BEBES))
    assert _run(worker, 18) == {SLUG: "https://github.com/quartier/site/pull/2"}
    assert [p["state"] for p in github.pulls] == ["closed", "open"] and github.violations == []


# A request that no longer holds what the partner's calendar says is withdrawn (review, 2).


def _github_worker(tmp_path, site, github):
    return _worker(
        tmp_path,
        site,
        KIOSQUE_BRIDGE_FORGE="github",
        KIOSQUE_BRIDGE_REMOTE=str(make_remote(site, tmp_path)),  # main is fetched from it; nothing is pushed to it
        KIOSQUE_BRIDGE_GITHUB_REPOSITORY="quartier/site",
        KIOSQUE_BRIDGE_GITHUB_TOKEN=TOKEN,
        KIOSQUE_BRIDGE_GITHUB_API=github.url,
    )


def _said(worker, key: str) -> str:
    return say(worker.site.language, bridge.imports.WORDS[key])


@pytest.mark.parametrize("forge", ["local", "gitlab", "forgejo"])
def test_an_event_the_partner_withdraws_is_no_longer_proposed(tmp_path, served, forge):
    site = _site(tmp_path, served)
    served.put("/agenda.ics", calendar(CONTE, PAST))
    remote = make_remote(site, tmp_path)
    worker = _worker(tmp_path, site, KIOSQUE_BRIDGE_FORGE=forge, KIOSQUE_BRIDGE_REMOTE=str(remote))
    main = git(remote, "rev-parse", "main").strip()
    proposed = f"refs/agit/import-{SLUG}" if forge == "forgejo" else f"refs/heads/import/{SLUG}"

    def holds() -> list[str]:  # what the request proposes: the files its commit changes
        found = git(remote, "for-each-ref", "--format=%(objectname)", proposed).split()
        return _changed(remote, main, found[0]) if found else []

    # 1. "Heure du conte" proposed.
    _run(worker, 0)
    [path] = holds()
    assert "heure-du-conte" in path

    # 2. The partner withdraws it: the import writes nothing, and the request no longer proposes it.
    served.put("/agenda.ics", calendar(PAST))
    _run(worker, 6)
    assert holds() == []
    if forge == "forgejo":  # a push cannot close an AGit pull request: main's own commit, so it holds no change
        assert git(remote, "rev-parse", proposed).strip() == main
        assert _options(pushes(remote)[-1]) == {"topic": f"import-{SLUG}", "force-push": "true"}
    else:  # the branch deleted (GitLab closes the merge request whose source branch is deleted)
        assert git(remote, "for-each-ref", "refs/heads/import/") == ""
        assert pushes(remote)[-1]["refs"][0][1:] == ["0" * 40, proposed]
    count = len(pushes(remote))
    _run(worker, 12)  # nothing changed since: nothing pushed
    assert len(pushes(remote)) == count

    # 3. The partner puts it back: proposed again (the same files as the first time).
    served.put("/agenda.ics", calendar(CONTE, PAST))
    _run(worker, 18)
    assert holds() == [path] and len(pushes(remote)) == count + 1
    if forge == "gitlab":
        assert "merge_request.create" in _options(pushes(remote)[-1])  # a new merge request


def test_github_a_withdrawn_event_closes_the_pull_request_and_a_new_one_opens_later(tmp_path, served, github):
    site = _site(tmp_path, served)
    served.put("/agenda.ics", calendar(CONTE, PAST))
    worker = _github_worker(tmp_path, site, github)
    assert _run(worker, 0) == {SLUG: "https://github.com/quartier/site/pull/1"}

    served.put("/agenda.ics", calendar(PAST))
    calls = len(github.calls)
    assert _run(worker, 6) == {}
    [pull] = github.pulls
    assert pull["state"] == "closed" and f"import/{SLUG}" not in github.refs
    [comment] = pull["comments"]  # why, in plain words, with the import's report
    assert comment.startswith(_said(worker, "withdrawn")) and "Médiathèque des Lilas" in comment
    assert "POST /repos/quartier/site/pulls" not in github.calls[calls:] and github.violations == []

    calls = len(github.calls)
    assert _run(worker, 12) == {}  # nothing changed since: nothing asked
    assert github.calls[calls:] == []

    served.put("/agenda.ics", calendar(CONTE, PAST))
    assert _run(worker, 18) == {SLUG: "https://github.com/quartier/site/pull/2"}
    assert [p["state"] for p in github.pulls] == ["closed", "open"] and github.violations == []
    assert "Heure du conte" in github.pulls[1]["body"]


def test_github_a_failing_source_is_told_on_its_open_pull_request(tmp_path, served, github):
    site = _site(tmp_path, served)
    worker = _github_worker(tmp_path, site, github)
    _run(worker, 0)
    [pull] = github.pulls
    title, report, branch = pull["title"], pull["body"], github.refs[f"import/{SLUG}"]

    # The calendar cannot be read: the pull request's description says so first, then what it proposes.
    served.put("/agenda.ics", b"gone", status=404)
    calls = len(github.calls)
    assert _run(worker, 6) == {}
    assert pull["body"].startswith(_said(worker, "note")) and "404" in pull["body"]
    assert pull["body"].endswith(report.strip()) and _said(worker, "proposed") in pull["body"]
    assert pull["title"] == title and pull["state"] == "open" and github.refs[f"import/{SLUG}"] == branch
    assert [call.split("?")[0] for call in github.calls[calls:]] == [
        "GET /repos/quartier/site/pulls",
        "PATCH /repos/quartier/site/pulls/1",
    ]  # no commit, no new request, nothing closed

    calls = len(github.calls)
    _run(worker, 12)  # the same failure: told already
    assert github.calls[calls:] == []

    served.put("/agenda.ics", calendar(CONTE))  # read again: the description back to the report alone
    _run(worker, 18)
    assert pull["body"] == report.strip() and len(github.pulls) == 1 and github.violations == []


# The interval, and failures.


def test_a_restart_within_the_interval_does_not_import_again(tmp_path, served):
    site = _site(tmp_path, served)
    assert _run(_worker(tmp_path, site), 0) == {SLUG: f"import/{SLUG}"}
    assert git(site, "for-each-ref", "--format=%(refname)", "refs/heads/import/").split() == [
        f"refs/heads/import/{SLUG}"  # the local forge: the branch only, in the site's own repository
    ]
    assert len(served.requests) == 1
    restarted = _worker(tmp_path, site)  # a new process, the same state folder
    assert _run(restarted, 5.9) is None
    assert len(served.requests) == 1
    assert _run(restarted, 6) == {}
    assert len(served.requests) == 2
    hourly = _worker(tmp_path, site, KIOSQUE_BRIDGE_IMPORT_HOURS="1")
    assert _run(hourly, 6.5) is None
    _run(hourly, 7)
    assert len(served.requests) == 3


def test_zero_hours_never_imports(tmp_path, served):
    site = _site(tmp_path, served)
    worker = _worker(tmp_path, site, KIOSQUE_BRIDGE_IMPORT_HOURS="0")
    for hours in (0, 6, 1000):
        assert _run(worker, hours) is None
    assert served.requests == [] and not (tmp_path / "state" / "import").exists()


def test_the_setting_is_checked_in_plain_words():
    from bridge.settings import BridgeSettingError, BridgeSettings

    for value, sentence in (
        ("often", "KIOSQUE_BRIDGE_IMPORT_HOURS must be a number, found 'often'"),
        ("-1", "KIOSQUE_BRIDGE_IMPORT_HOURS cannot be negative, found '-1'"),
    ):
        with pytest.raises(BridgeSettingError) as refused:
            BridgeSettings.from_environment({"KIOSQUE_BRIDGE_IMPORT_HOURS": value})
        assert str(refused.value) == sentence
    assert BridgeSettings.from_environment({}).import_hours == 6
    assert BridgeSettings.from_environment({"KIOSQUE_BRIDGE_IMPORT_HOURS": "0.5"}).import_hours == 0.5


REFUSING = f"""#!{sys.executable}
import os, sys
sys.stdin.read()
if os.path.exists(os.path.join(os.environ.get("GIT_DIR", "."), "refuse")):
    print("pushes are refused for now")
    sys.exit(1)
"""


def _warnings(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_failures_are_one_line_and_tried_again_at_the_next_interval(tmp_path, served, monkeypatch, caplog):
    site = _site(tmp_path, served)
    remote = make_remote(site, tmp_path)
    (remote / "hooks" / "pre-receive").write_text(REFUSING)
    (remote / "refuse").touch()
    worker = _worker(tmp_path, site, KIOSQUE_BRIDGE_REMOTE=str(remote))

    # A push refused: one line; at the next interval the same changes are proposed (the calendar said
    # "not modified", and its last bytes were synced again).
    with caplog.at_level(logging.INFO, logger="kiosque.bridge"):
        assert _run(worker, 0) == {}
    [line] = _warnings(caplog)
    assert line.startswith(f"the import of source {SLUG} could not be proposed, tried again in 6 hours: git push")
    assert "\n" not in line
    assert _run(worker, 1) is None  # the next interval, not at once
    (remote / "refuse").unlink()
    assert _run(worker, 6) == {SLUG: f"import/{SLUG}"}
    assert served.statuses[-1] == ("/agenda.ics", 304)

    # The source unreachable (404 here): one line with the report's reason; the branch stays as it is.
    caplog.clear()
    served.put("/agenda.ics", b"gone", status=404)
    branch = git(remote, "rev-parse", f"import/{SLUG}")
    with caplog.at_level(logging.INFO, logger="kiosque.bridge"):
        assert _run(worker, 12) == {}
    [line] = _warnings(caplog)
    assert line.startswith(f"the import of source {SLUG} failed, tried again in 6 hours: ") and "404" in line
    assert "\n" not in line and git(remote, "rev-parse", f"import/{SLUG}") == branch

    # The import itself failing unexpectedly: one line, and the worker goes on.
    caplog.clear()

    def broken(repository, **options):
        raise RuntimeError("pelicanconf.py cannot be read")

    monkeypatch.setattr(bridge.imports, "run_import", broken)
    with caplog.at_level(logging.INFO, logger="kiosque.bridge"):
        assert _run(worker, 18) == {}
    assert _warnings(caplog) == ["the scheduled import failed, tried again in 6 hours: pelicanconf.py cannot be read"]
    assert _run(worker, 19) is None


def test_the_worker_runs_the_import_between_submissions(tmp_path, served):
    site = _site(tmp_path, served)
    worker = _worker(tmp_path, site, KIOSQUE_BRIDGE_POLL_SECONDS="0.1")
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while not git(site, "for-each-ref", "refs/heads/import/") and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # a few more rounds
    finally:
        worker.stop()
    assert git(site, "for-each-ref", "--format=%(refname)", "refs/heads/import/").split() == [
        f"refs/heads/import/{SLUG}"
    ]
    assert len(served.requests) == 1  # once, not at every round: the next is in 6 hours
    git(site, "merge", "-q", "--no-ff", "-m", "merge", f"import/{SLUG}")
    check = make_check(site)  # what the branch proposes passes make check
    assert check.returncode == 0, check.stdout
