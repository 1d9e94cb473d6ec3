"""The scheduled import of the partner calendars: every `KIOSQUE_BRIDGE_IMPORT_HOURS` hours (default 6, 0 never)
the worker runs `make import`'s `run_import` in its clone, fresh from main, and keeps one open pull/merge
request per source, on the branch `import/<slug>`, updated in place.

- Each source whose import wrote files gets one commit on `import/<slug>` made from main each time, so that
  the branch holds exactly the source's current difference, and the branch is pushed forced. The same changes
  already proposed are not pushed again (a request closed without merging is not opened again until the
  source changes).
- A source whose import writes nothing while its request is open (the partner withdrew the only new event,
  or changed it back): the request no longer holds what the calendar says, and is withdrawn; the next change
  opens a new one. **local**: the branch deleted; **GitLab**: the branch deleted, which closes the merge
  request open for it (GitLab closes a merge request whose source branch is deleted); **GitHub**: the pull
  request closed with a comment saying why and the report, then the branch deleted; **Forgejo/Gitea**: a push
  can neither close an AGit pull request nor delete its head, so main's own commit is pushed to its topic: the
  pull request holds no change any more (a moderator closes it; pushed when none is open, Forgejo refuses it,
  since main already holds it: nothing is opened).
- A source that fails (or whose import says something the moderators must know, `notable`) while its request
  is open: on GitHub the request's description says it first, above the report of what it proposes, until
  the source is read again; GitLab and Forgejo change a request's description only with a new commit, so the
  log says it (a failure is always one line of the log). A request is never opened without a change.
- How each forge keeps one request: **local**: the branch only; **GitLab**: push options: a push with
  `merge_request.create` opens a merge request for the branch, or updates the title, description and labels
  of the one open for it; **Forgejo/Gitea**: the AGit flow, topic `import-<slug>`: a push to the same topic
  updates the same pull request's commit (`force-push=true`, since each commit starts from main again); its
  title and description are set when it is opened (Forgejo reads those push options only then);
  **GitHub**: the Git data API (blobs, tree, commit, the branch moved with `force`), then the open pull
  request for the branch is PATCHed, or one is opened when none is.
- A trusted source's request carries the label `trusted` (GitLab, GitHub), which the forge's workflows
  can act on; where a push cannot set a label (Forgejo's AGit flow, the local branch), its title starts with
  `[trusted]`.
- The time of the last run is kept in `<state>/import-schedule.json` (written atomically): a restart within the
  interval does not import again. A failure (a source unreachable, a push refused) is logged in one line and
  tried again at the next interval (the import syncs a calendar that answers "not modified" from its last
  bytes: changes not proposed are written again).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import markdown
import nh3

from contributions import one_line

from .forges import ForgeError, review_link
from .git import GitError
from .proposals import N_, say
from .spool import write_atomically

if TYPE_CHECKING:
    from .worker import Worker

logger = logging.getLogger("kiosque.bridge")
TRUSTED = "trusted"  # the label (or the title's tag) of a trusted source's request
PUSH_OPTION_BYTES = 60_000  # a push option is one pkt-line: at most 65516 bytes
GITHUB_BODY_CHARACTERS = 65_000  # GitHub refuses a pull request's body of more than 65536 characters
REPORT_MARK = "<!-- kiosque: the report of the last change proposed follows -->"  # after a note, in a body
WORDS = {
    "withdrawn": N_(
        "The partner's calendar no longer says what this request proposed (an event withdrawn, or changed back): "
        "the request is closed and its branch deleted. A later change at the source opens a new request. "
        "The import's report now:"
    ),
    "note": N_("The last import of this source has something to tell (the files proposed are unchanged):"),
    "proposed": N_("What this request proposes, as reported when it was last changed:"),
}


def run_import(repository: Path, **options) -> list:
    """`importing.command.run_import`, imported when first needed: the bridge runs without the importing
    package's dependencies as long as no import is scheduled."""
    from importing.command import run_import as imported

    return imported(repository, **options)


class ScheduledImport:
    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.settings = worker.settings
        self.schedule = self.settings.state / "import-schedule.json"
        self.fetch_state = self.settings.state / "import"

    # -- the schedule -------------------------------------------------------------------------------------

    def _read_schedule(self) -> dict:
        try:
            schedule = json.loads(self.schedule.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return schedule if isinstance(schedule, dict) else {}

    def _write_schedule(self, schedule: dict) -> None:
        write_atomically(self.schedule, json.dumps(schedule, indent=1, sort_keys=True).encode())

    def due(self, now: float) -> bool:
        hours = self.settings.import_hours
        if hours <= 0:
            return False
        last = self._read_schedule().get("last_run")
        return not isinstance(last, (int, float)) or now - last >= hours * 3600 or last > now

    # -- a run --------------------------------------------------------------------------------------------

    def run_if_due(self, now: float | None = None, today: dt.date | None = None) -> dict[str, str] | None:
        """Import and propose when the interval has passed: the link (or branch) of each source's request
        pushed this time; None when no import was due or another worker holds the clone. Never raises."""
        now = time.time() if now is None else now
        if not self.due(now):
            return None
        with self.worker._owning_the_clone() as owner:
            if not owner or not self.due(now):  # the other worker may just have run it
                return None
            schedule = self._read_schedule()
            self._write_schedule({**schedule, "last_run": now})  # a failure waits for the next interval too
            try:
                return self._run(schedule, today or dt.date.today())
            except Exception as error:  # one plain line: the worker goes on, the next interval tries again
                logger.warning(
                    "the scheduled import failed, tried again in %g hours: %s",
                    self.settings.import_hours,
                    one_line(self.settings.redact(str(error) or type(error).__name__), 500),
                )
                return {}

    def _run(self, schedule: dict, today: dt.date) -> dict[str, str]:
        worker, hours = self.worker, self.settings.import_hours
        worker._fetch()
        self._fresh_from_main()
        results = run_import(
            worker.clone, today=today, state_folder=self.fetch_state, allow_private=self.settings.import_allow_private
        )
        written: dict[str, dict[str, bytes]] = {}
        for result in results:
            if result.failed:
                said = one_line(f"{result.title}: {getattr(result, 'text', '') or result.description}", 500)
                logger.warning("the import of source %s failed, tried again in %g hours: %s", result.slug, hours, said)
            elif result.written:
                written[result.slug] = self._read_written(result.written)
        links: dict[str, str] = {}
        proposed = dict(schedule.get("proposed") or {})  # slug -> the fingerprint of its open request ("": none)
        noted = dict(schedule.get("noted") or {})  # slug -> the note its open request's description carries
        for result in results:
            slug = result.slug
            try:
                if slug not in written:
                    if proposed.get(slug) and result.failed:
                        self._note(result, noted)  # what the moderators must know, on the request still open
                    elif proposed.get(slug):
                        self._fresh_from_main()
                        link = self._withdraw(result)
                        proposed[slug] = ""  # the same changes coming back are proposed again
                        noted.pop(slug, None)
                        logger.info("the import of source %s proposes nothing any more: %s is withdrawn", slug, link)
                    continue
                files = written[slug]
                digest = _digest(files)
                if proposed.get(slug) == digest:  # already proposed (or closed without merging)
                    if _must_know(result) or slug in noted:
                        self._note(result, noted)
                    continue
                self._fresh_from_main()
                if not self._commit(result, files):
                    continue
                links[slug] = self._publish(result, files)
            except (GitError, ForgeError, OSError) as error:
                logger.warning(
                    "the import of source %s could not be proposed, tried again in %g hours: %s",
                    slug,
                    self.settings.import_hours,
                    one_line(str(error), 500),
                )
                continue
            proposed[slug] = digest
            noted.pop(slug, None)  # the description is the new report
            logger.info("the import of source %s is proposed: %s", slug, links[slug])
        self._write_schedule({**self._read_schedule(), "proposed": proposed, "noted": noted})
        return links

    def _note(self, result, noted: dict) -> None:
        """Tell the moderators on the source's open request what its import now says (a failure, events left
        out), the files proposed unchanged; the description back to the report alone once nothing is to tell.
        Only GitHub can: GitLab's and Forgejo's push options change a request only with a new commit."""
        telling = _must_know(result)
        mark = hashlib.sha256(result.description.encode()).hexdigest()[:16] if telling else ""
        if noted.get(result.slug, "") == mark:
            return  # told already (or nothing to tell, nothing told)
        if self.settings.forge != "github":
            if telling and not result.failed:  # a failure is logged already
                logger.warning(
                    "the import of source %s has something to tell that its open request cannot show before the "
                    "source's next change (%s changes a request's description only with a new commit): %s",
                    result.slug,
                    self.settings.forge,
                    one_line(getattr(result, "text", "") or result.description, 500),
                )
        elif not self._github_describe(result, telling):
            noted.pop(result.slug, None)
            return
        if telling:
            noted[result.slug] = mark
        else:
            noted.pop(result.slug, None)

    def _withdraw(self, result) -> str:
        """The source's request no longer proposes anything: its branch deleted (GitLab then closes the merge
        request open for it; GitHub's pull request is closed first, with a comment saying why), or on Forgejo,
        which a push cannot close, the topic given main's own commit: the pull request then holds no change
        (and a push cannot open a new one with it). What was withdrawn, or the branch name."""
        forge, branch, main, clone = self.settings.forge, f"import/{result.slug}", self.settings.main, self.worker.clone
        if forge == "github":
            return self._github_withdraw(result)
        git = self.worker.forge.git
        if forge == "forgejo":
            options = [f"topic=import-{result.slug}", "force-push=true"]
            try:
                output = git(clone, "push", *(f"-o{option}" for option in options), "origin", f"HEAD:refs/for/{main}")
            except GitError as error:  # no pull request open for the topic (merged, closed), or already so
                if "already contains this commit" in str(error) or "same as the old commit" in str(error):
                    return f"import-{result.slug}"
                raise
            return review_link(output) or f"import-{result.slug}"
        if self.worker.forge.remote_branch(clone, branch):
            git(clone, "push", "origin", "--delete", f"refs/heads/{branch}")
        return branch

    def _github_open_pull(self, client, branch: str) -> dict | None:
        owner = self.settings.github_repository.split("/")[0]
        found = self.worker.forge._call(client, "GET", "/pulls", params={"head": f"{owner}:{branch}", "state": "open"})
        if found.status_code != 200:
            raise ForgeError(f"GitHub answered {found.status_code} for the pull requests of {branch}")
        pulls = [pull for pull in found.json() if pull.get("state") == "open"]
        return pulls[0] if pulls else None

    def _github_describe(self, result, telling: bool) -> bool:
        """The open pull request's body: the note, then the report of the change it proposes (kept from its body),
        or that report alone; False when no pull request is open."""
        forge, branch, language = self.worker.forge, f"import/{result.slug}", self.worker.site.language
        with forge._client() as client:
            pull = self._github_open_pull(client, branch)
            if pull is None:
                return False
            body = pull.get("body") or ""
            proposed = body.split(REPORT_MARK, 1)[1].strip() if REPORT_MARK in body else body.strip()
            if telling:
                told = f"{say(language, WORDS['note'])}\n\n{result.description.strip()}"
                body = f"{told}\n\n---\n\n{say(language, WORDS['proposed'])}\n{REPORT_MARK}\n\n{proposed}"
            else:
                body = proposed
            moved = forge._call(client, "PATCH", f"/pulls/{pull['number']}", json={"body": _cut(body, None)})
            if moved.status_code != 200:
                raise ForgeError(f"GitHub answered {moved.status_code} for the import of {result.slug}")
        return True

    def _github_withdraw(self, result) -> str:
        """The open pull request closed, with a comment saying why and the report; then the branch deleted."""
        forge, branch, language = self.worker.forge, f"import/{result.slug}", self.worker.site.language
        withdrawn = branch
        with forge._client() as client:
            call = forge._call
            pull = self._github_open_pull(client, branch)
            if pull is not None:
                comment = _cut(f"{say(language, WORDS['withdrawn'])}\n\n{result.description.strip()}", None)
                for answered in (
                    call(client, "POST", f"/issues/{pull['number']}/comments", json={"body": comment}),
                    call(client, "PATCH", f"/pulls/{pull['number']}", json={"state": "closed"}),
                ):
                    if answered.status_code not in (200, 201):
                        raise ForgeError(f"GitHub answered {answered.status_code} for the import of {result.slug}")
                withdrawn = pull["html_url"]
            call(client, "DELETE", f"/git/refs/heads/{quote(branch)}")  # 404: deleted already
        return withdrawn

    def _fresh_from_main(self) -> None:
        self.worker.git("checkout", "-q", "-f", "-B", "import-work", f"origin/{self.settings.main}")
        self.worker.git("clean", "-q", "-fdx")

    def _read_written(self, paths: list[str]) -> dict[str, bytes]:
        clone = self.worker.clone.resolve()
        files = {}
        for path in paths:
            target = (clone / path).resolve()
            if not target.is_relative_to(clone) or ".git" in Path(path).parts:
                raise OSError(f"{path} is outside the repository")
            files[path] = target.read_bytes()
        return files

    def _commit(self, result, files: dict[str, bytes]) -> bool:
        """Commit the source's files on main's commit; False when they change nothing."""
        for path, data in files.items():
            target = self.worker.clone / path
            if target.is_symlink():
                target.unlink()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.worker.git("add", "--", *files)
        try:
            self.worker.git("diff", "--cached", "--quiet")
            return False
        except GitError:
            pass  # differences: to commit
        name, email = re.fullmatch(r"\s*(.*?)\s*<([^>]*)>\s*", self.settings.author).groups()
        identity = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
        identity |= {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
        message = f"{self._title(result, tagged=True)}\n\n{result.description.strip()}\n\nSource {result.slug}.\n"
        self.worker.git("commit", "-q", "--no-verify", "-m", message, env=identity)
        return True

    def _title(self, result, tagged: bool) -> str:
        """The request's title; tagged when the forge cannot label a trusted source's request."""
        title = one_line(result.title, 240)
        return f"[{TRUSTED}] {title}" if tagged and result.trusted else title

    # -- the forges ---------------------------------------------------------------------------------------

    def _publish(self, result, files: dict[str, bytes]) -> str:
        forge = self.settings.forge
        if forge == "github":
            return self._github(result, files)
        branch, clone = f"import/{result.slug}", self.worker.clone
        git = self.worker.forge.git
        if forge == "gitlab":
            options = [
                "merge_request.create",  # or, when one is open for the branch, update it (title, description, labels)
                f"merge_request.target={self.settings.main}",
                f"merge_request.title={self._title(result, tagged=False)}",
                "merge_request.description=" + _gitlab_description(result.description),
                "merge_request.remove_source_branch",
            ]
            if result.trusted:
                options.append(f"merge_request.label={TRUSTED}")
            pushed = ["push", "--force", *(f"-o{option}" for option in options), "origin"]
            output = git(clone, *pushed, f"HEAD:refs/heads/{branch}")
        elif forge == "forgejo":
            options = [
                f"topic=import-{result.slug}",
                f"title={self._title(result, tagged=True)}",
                f"description={_one_line_html(result.description)}",
                "force-push=true",  # each commit starts from main again: the topic's commit is replaced
            ]
            output = git(
                clone, "push", *(f"-o{option}" for option in options), "origin", f"HEAD:refs/for/{self.settings.main}"
            )
        else:
            output = git(clone, "push", "--force", "origin", f"HEAD:refs/heads/{branch}")
        return review_link(output) or branch

    def _github(self, result, files: dict[str, bytes]) -> str:
        """The commit through the Git data API (the token's "contents" access; no git push to GitHub), then
        the branch moved to it and the one open pull request for it updated, or opened."""
        forge, branch, main = self.worker.forge, f"import/{result.slug}", self.settings.main
        commit_message = self.worker.git("log", "-1", "--format=%B").strip()

        def answer(response, *wanted: int) -> dict:
            if response.status_code not in wanted:
                raise ForgeError(f"GitHub answered {response.status_code} for the import of {result.slug}")
            return response.json()

        with forge._client() as client:
            call = forge._call
            start = answer(call(client, "GET", f"/git/ref/heads/{quote(main)}"), 200)["object"]["sha"]
            base_tree = answer(call(client, "GET", f"/git/commits/{start}"), 200)["tree"]["sha"]
            entries = []
            for path, data in sorted(files.items()):
                encoded = base64.b64encode(data).decode("ascii")
                blob = answer(call(client, "POST", "/git/blobs", json={"content": encoded, "encoding": "base64"}), 201)
                entries.append({"path": path, "mode": "100644", "type": "blob", "sha": blob["sha"]})
            tree = answer(call(client, "POST", "/git/trees", json={"base_tree": base_tree, "tree": entries}), 201)
            commit = answer(
                call(
                    client,
                    "POST",
                    "/git/commits",
                    json={"message": commit_message, "tree": tree["sha"], "parents": [start]},
                ),
                201,
            )["sha"]
            if call(client, "GET", f"/git/ref/heads/{quote(branch)}").status_code == 404:
                answer(call(client, "POST", "/git/refs", json={"ref": f"refs/heads/{branch}", "sha": commit}), 201)
            else:
                moved = call(client, "PATCH", f"/git/refs/heads/{quote(branch)}", json={"sha": commit, "force": True})
                answer(moved, 200)
            owner = self.settings.github_repository.split("/")[0]
            found = call(client, "GET", "/pulls", params={"head": f"{owner}:{branch}", "state": "open"})
            open_pulls = [pull for pull in answer(found, 200) if pull.get("state") == "open"]
            wording = {"title": self._title(result, tagged=False), "body": _cut(result.description, None)}
            if open_pulls:
                pull = answer(call(client, "PATCH", f"/pulls/{open_pulls[0]['number']}", json=wording), 200)
            else:
                opened = call(
                    client,
                    "POST",
                    "/pulls",
                    json={**wording, "head": branch, "base": main, "maintainer_can_modify": True},
                )
                pull = answer(opened, 201)
            if result.trusted:
                answer(call(client, "POST", f"/issues/{pull['number']}/labels", json={"labels": [TRUSTED]}), 200)
        return pull["html_url"]


def _must_know(result) -> bool:
    """Whether a source's report has something the moderators must know even when it writes nothing: its
    failure, or what the import says so (`notable`, when it says it: events left out with a problem)."""
    return bool(result.failed or getattr(result, "notable", False))


def _digest(files: dict[str, bytes]) -> str:
    """What a source's changes are: its paths and their bytes."""
    hashed = hashlib.sha256()
    for path, data in sorted(files.items()):
        hashed.update(f"{path}\0{hashlib.sha256(data).hexdigest()}\0".encode())
    return hashed.hexdigest()


def _cut(text: str, limit_bytes: int | None) -> str:
    """The description, shortened at a line's end when a forge would refuse it whole (the commit keeps it all)."""
    if limit_bytes is None:
        if len(text) <= GITHUB_BODY_CHARACTERS:
            return text
        shortened = text[:GITHUB_BODY_CHARACTERS]
    else:
        if len(text.encode("utf-8")) <= limit_bytes:
            return text
        shortened = text.encode("utf-8")[:limit_bytes].decode("utf-8", "ignore")
    return shortened[: shortened.rfind("\n") + 1 or len(shortened)].rstrip() + "\n\n…"


def _gitlab_description(description: str) -> str:
    """GitLab makes a line break of each backslash-n of a push option: the Markdown's line breaks are written
    so, and a backslash of the text before an `n` as an entity (it shows the same), so that none of the
    partner's becomes a line break."""
    text = _cut(re.sub(r"\\(?=n)", "&#92;", description), PUSH_OPTION_BYTES // 2)
    return text.replace("\n", "\\n")


def _one_line_html(description: str) -> str:
    """The Markdown report as one line of sanitized HTML, for Forgejo's push option (no line break)."""
    rendered = markdown.markdown(_cut(description, PUSH_OPTION_BYTES // 2), extensions=["tables"])
    return " ".join(nh3.clean(rendered).split("\n"))
