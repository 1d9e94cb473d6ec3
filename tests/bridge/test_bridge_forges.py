"""Each forge with real git: the site's own repository by default, GitLab's and Forgejo's push options
recorded by the remote's hooks, and the proposed file passing `make check` and building."""

from __future__ import annotations

from bridge_sites import (
    EVENT,
    STORY,
    TRACK,
    branches,
    client_for,
    git,
    make_remote,
    make_site,
    pushes,
    send,
    settings_for,
)
from conftest import build, make_check
from lxml import html

from bridge.proposals import description_in_one_line, description_of, title_of


def test_default_proposes_a_branch_of_the_site_repository(tmp_path):
    site = make_site(tmp_path)
    settings = settings_for(site, tmp_path)
    client = client_for(settings)
    answer = send(client, "/submit/event", EVENT)
    assert answer.status_code == 303
    receipt = answer.headers["location"].split("?")[0]
    assert "Reçue" in client.get(receipt).text  # told "received" before anything reached git
    assert branches(site) == []

    assert client.app.state.bridge.worker.run_once() == 1
    [branch] = branches(site)
    assert branch.startswith("contrib/event/") and branch.endswith(receipt.split("/")[-1][:8])
    changed = git(site, "diff", "--name-only", "main", branch).split()
    assert changed == [f"content/events/2026/atelier-velo-{receipt.split('/')[-1][:8]}.md"]
    text = git(site, "show", f"{branch}:{changed[0]}")
    assert "title: Atelier vélo" in text and "jo@example.org" not in text
    log = git(site, "log", "-1", "--format=%an <%ae>%n%B", branch)
    assert log.startswith("kiosque bridge <bridge@kiosque.invalid>")
    assert "Jo du quartier" in log and "jo@example.org" not in log
    page = html.fromstring(client.get(receipt).text)
    assert branch in page.text_content() and "jo@example.org" not in page.text_content()
    assert git(site, "rev-parse", "main") == git(site, "rev-parse", f"{branch}~1")  # from the latest main

    git(site, "merge", "-q", "--no-ff", "-m", "merge", branch)
    client.app.state.bridge.worker.follow()
    assert client.get(receipt.replace("/receipt/", "/api/receipts/")).json()["state"] == "merged"


def test_the_proposed_files_pass_make_check_and_build(tmp_path):
    site = make_site(tmp_path)
    client = client_for(settings_for(site, tmp_path))
    story = {**STORY, "body": STORY["body"] + "\n\n<script>alert('x')</script> <b onclick=\"steal()\">fort</b>"}
    for path, data in (
        ("/submit/event", EVENT),
        ("/submit/track/la-bande-son-du-quartier", TRACK),
        ("/submit/story/memoires-du-quartier", story),
    ):
        assert send(client, path, data).status_code == 303
    assert client.app.state.bridge.worker.run_once() == 3
    for branch in branches(site):
        git(site, "merge", "-q", "--no-ff", "-m", "merge", branch)
    check = make_check(site)
    assert check.returncode == 0, check.stdout
    built = build(site, today="2026-12-01")
    assert list((built.output / "agenda").glob("atelier-velo-*/index.html"))
    assert list((built.output / "playlists" / "la-bande-son-du-quartier").glob("le-temps-des-cerises-*/index.html"))
    [page] = (built.output / "stories" / "memoires-du-quartier").glob("la-crue-de-1957-*/index.html")
    text = page.read_text(encoding="utf-8")  # the Markdown was kept as text, and sanitized by the build
    assert "aux marches de l'église" in html.fromstring(text).text_content()
    assert "alert(" not in text and "steal()" not in text


def test_gitlab_push_options_open_a_merge_request(tmp_path):
    site = make_site(tmp_path)
    remote = make_remote(site, tmp_path)
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_FORGE="gitlab", KIOSQUE_BRIDGE_REMOTE=str(remote)))
    receipt = send(client, "/submit/event", EVENT).headers["location"].split("?")[0]
    client.app.state.bridge.worker.run_once()
    [push] = pushes(remote)
    [branch] = branches(remote)
    assert push["refs"][0][2] == f"refs/heads/{branch}"
    options = dict(option.partition("=")[::2] for option in push["options"])
    assert set(options) >= {
        "merge_request.create",
        "merge_request.target",
        "merge_request.title",
        "merge_request.description",
    }
    assert options["merge_request.target"] == "main"
    record = client.app.state.bridge.spool.load(receipt.split("/")[-1])
    assert options["merge_request.title"] == title_of(record) and "Atelier vélo" in title_of(record)
    # A push option holds no line break: GitLab makes one of each backslash-n, which gives back the Markdown
    description = options["merge_request.description"].replace("\\n", "\n")
    assert description == description_of({**record, "contact": "jo@example.org"})
    assert "Jo du quartier" in description
    assert "jo@example.org" in description  # for the moderators, in the request only
    state = client.get(receipt.replace("/receipt/", "/api/receipts/")).json()
    assert state["state"] == "proposed"
    assert state["link"] == "https://gitlab.example.org/quartier/site/-/merge_requests/1"
    assert "jo@example.org" not in str(state)
    assert "jo@example.org" not in (tmp_path / "state" / "spool" / f"{state['id']}.json").read_text()  # forgotten

    bridge = client.app.state.bridge
    bridge.spool.update(state["id"], state="received")  # as if the service died before saving "proposed"
    (site / "content" / "pages" / "news.md").write_text("Title: News\n\nmain moved on meanwhile\n")
    git(site, "add", ".")
    git(site, "commit", "-qm", "main moves on")
    git(site, "push", "-q", str(remote), "main")  # the same submission would now make another commit
    bridge.worker.run_once()
    assert len(pushes(remote)) == 2  # main's, and the first: the branch is not pushed, nor its request opened, again
    assert bridge.spool.load(state["id"])["state"] == "proposed"


def test_forgejo_agit_flow_and_a_second_attempt_updates_the_same_pull_request(tmp_path):
    site = make_site(tmp_path)
    remote = make_remote(site, tmp_path)
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_FORGE="forgejo", KIOSQUE_BRIDGE_REMOTE=str(remote)))
    receipt = send(client, "/submit/track/la-bande-son-du-quartier", TRACK).headers["location"].split("?")[0]
    bridge = client.app.state.bridge
    bridge.worker.run_once()
    [push] = pushes(remote)
    assert push["refs"][0][2] == "refs/for/main"
    options = dict(option.partition("=")[::2] for option in push["options"])
    record = bridge.spool.load(receipt.split("/")[-1])
    assert options["topic"] == record["branch"]
    assert options["title"] == title_of(record) and "Le Temps des cerises" in options["title"]
    # Forgejo takes a push option's description as it is: one line of HTML, its table included
    assert options["description"] == description_in_one_line(record) and options["description"].startswith("<p>")
    assert "Lucie" in options["description"]
    assert record["link"] == "https://forgejo.example.org/quartier/site/pulls/1"

    bridge.spool.update(record["id"], state="received")  # as if the service died before saving "proposed"
    bridge.worker.run_once()
    assert len(pushes(remote)) == 2
    assert branches(remote, "refs/agit/") == [f"agit/{record['branch']}"]  # one pull request, updated
    assert bridge.spool.load(record["id"])["link"] == "https://forgejo.example.org/quartier/site/pulls/1"
