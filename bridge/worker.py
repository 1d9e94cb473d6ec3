"""The worker: turns each spooled submission into a branch from the latest main, a commit and a proposal.

It works in its own clone, under the state folder, one worker at a time. Every step can be interrupted and
done again: the branch name and the commit's dates come from the submission, and before proposing, the forge
is asked whether this submission was already proposed (a crash between the push and the record's update).
A failure leaves the submission in the spool, retried later, waiting twice as long each time.

    python -m bridge.worker      # the worker alone (`make bridge` runs it inside the web service)
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import logging
import re
import shutil
import threading
import time

from contributions import KINDS, Site, SourceError, harvest, one_line, read_source

from .editing import REMOVED, EditError, changed_fields, edit
from .forges import Forge, ForgeError, contributor, make_forge
from .git import GitError, run_git
from .imports import ScheduledImport
from .settings import BridgeSettings, settings_or_exit
from .spool import Spool

logger = logging.getLogger("kiosque.bridge")
LONGEST_WAIT = 3600.0


class Invalid(RuntimeError):
    """The file no longer passes `make check` in the latest main (e.g. its playlist was closed)."""


class Worker:
    def __init__(self, settings: BridgeSettings, spool: Spool, site: Site, content: str) -> None:
        self.settings, self.spool, self.site, self.content = settings, spool, site, content
        self.clone = settings.state / "work"
        self.forge: Forge = make_forge(settings)
        self.imports = ScheduledImport(self)  # the partner calendars, between submissions, in the same clone
        self.wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def git(self, *arguments: str, env: dict | None = None) -> str:
        return run_git(self.clone, *arguments, redact=self.settings.redact, env=env)

    def run_once(self, now: float | None = None) -> int:
        """Propose every submission that is due; the number proposed."""
        now = time.time() if now is None else now
        due = self.spool.due(now)
        if not due:
            return 0
        with self._owning_the_clone() as owner:
            if not owner:
                return 0
            try:
                self._fetch()
            except GitError as error:
                logger.warning("the site's repository cannot be reached: %s", error)
                for record in due:
                    self._failed(record, "unreachable", now)
                return 0
            return sum(self._process(record, now) for record in due)

    @contextlib.contextmanager
    def _owning_the_clone(self):
        """Yields whether this worker may use the clone now. The web service's worker and `python -m
        bridge.worker` may both be running: one at a time works in the clone, the other waits for its next
        round. The lock dies with its process (see `_set_aside_if_interrupted` for what it may leave)."""
        self.settings.state.mkdir(parents=True, exist_ok=True)
        with open(self.settings.state / "work.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                logger.info("another worker is at work in %s; trying again later", self.clone)
                yield False
                return
            try:
                self._set_aside_if_interrupted()
                yield True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _set_aside_if_interrupted(self) -> None:
        """A lock git left in the clone while no worker holds it means a worker was stopped in the middle of
        a git command, and every later command would fail on it. That git may even still be running (its
        worker was killed, not it): rather than take its lock away, the clone is set aside whole and the
        next fetch makes a fresh one, so that two gits never write the same refs. (No git outlives its
        command otherwise: `run_git` keeps automatic maintenance in the foreground.)"""
        for earlier in self.clone.parent.glob(f"{self.clone.name}.interrupted-*"):
            shutil.rmtree(earlier, ignore_errors=True)  # what a still running git kept from removing
        folder = self.clone / ".git"
        if not folder.is_dir():
            return
        locks = [*folder.glob("*.lock"), *(folder / "refs").rglob("*.lock")]
        if locks:
            logger.warning(
                "%s was left in the middle of a git command (%s): starting again from a fresh clone",
                self.clone,
                locks[0].relative_to(folder),
            )
            aside = self.clone.with_name(f"{self.clone.name}.interrupted-{time.time_ns()}")
            self.clone.rename(aside)
            shutil.rmtree(aside, ignore_errors=True)

    def _fetch(self) -> None:
        if not (self.clone / ".git").is_dir():
            self.clone.mkdir(parents=True, exist_ok=True)
            run_git(self.clone, "init", "-q")
            run_git(self.clone, "remote", "add", "origin", self.settings.remote_url)
        self.git("remote", "set-url", "origin", self.settings.remote_url)
        main = self.settings.main
        self.git("fetch", "-q", "--prune", "origin", f"+refs/heads/{main}:refs/remotes/origin/{main}")

    def _process(self, record: dict, now: float) -> int:
        try:
            earlier = self.forge.already_proposed(record, self.clone)
            if earlier is not None:
                self.spool.update(record["id"], state="proposed", link=earlier, reason="", contact="")
                return 1
            commit, record = self._commit(record)
            link = self.forge.propose(record, self.clone)
        except Invalid as error:
            logger.warning("submission %s no longer passes the checks: %s", record["id"], error)
            self._failed(record, "invalid", now)
            return 0
        except (GitError, ForgeError) as error:
            logger.warning("submission %s could not be proposed: %s", record["id"], error)
            self._failed(record, "unreachable", now)
            return 0
        # The contact address was only needed for the request's description: the spool forgets it.
        self.spool.update(record["id"], state="proposed", link=link, commit=commit, reason="", contact="")
        logger.info("submission %s proposed: %s", record["id"], link)
        return 1

    def _commit(self, record: dict) -> tuple[str, dict]:
        """The commit proposing the submission, and its record as the forge describes it (with the check's
        result and, for a correction, what happened on main since the form was opened)."""
        self.git("checkout", "-q", "-f", "-B", "bridge-work", f"origin/{self.settings.main}")
        self.git("clean", "-q", "-fdx")
        found = self._reapplied(record) if "change" in record else {}
        files = {**record["files"], **found.pop("files", {})}
        for path in record["paths"]:
            target = self.clone / path
            if target.is_symlink():  # main's symlink is replaced, never written through
                target.unlink()
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.parent.resolve().is_relative_to(self.clone.resolve()):
                raise Invalid(f"{path} is outside the repository")
            data = files[path].encode() if path in files else self.spool.upload(record, path)
            target.write_bytes(data)
        problems = self._check(record)
        if problems and "change" not in record:
            raise Invalid(problems)
        # a correction is proposed even when it no longer passes: the moderators see why, nothing is lost
        record = self.spool.update(record["id"], check=problems or "passed", **found)
        self.git("add", "--", *record["paths"])
        name, email = re.fullmatch(r"\s*(.*?)\s*<([^>]*)>\s*", self.settings.author).groups()
        when = record["received"]
        self.git(
            "commit",
            "-q",
            "--no-verify",
            "--allow-empty",  # a correction main already holds is still answered by a moderator
            "-m",
            _message(record),
            env={
                "GIT_AUTHOR_NAME": name,
                "GIT_AUTHOR_EMAIL": email,
                "GIT_COMMITTER_NAME": name,
                "GIT_COMMITTER_EMAIL": email,
                "GIT_AUTHOR_DATE": when,
                "GIT_COMMITTER_DATE": when,
            },
        )
        return self.git("rev-parse", "HEAD").strip(), record

    def _reapplied(self, record: dict) -> dict:
        """A correction's file as main has it now: the edited file when main's file is still the one the form
        showed; else the contributor's changed fields applied to main's file, the fields changed on both sides
        named in `conflicts`; a removed file comes back with the correction."""
        path, change = record["main_file"], record["change"]
        target = self.clone / path
        if target.is_symlink() or not target.is_file():
            return {"conflict": "removed", "conflicts": {}}
        if self.git("rev-parse", f"HEAD:{path}").strip() == change["base"]:
            return {"conflict": "", "conflicts": {}}
        markdown = KINDS[record["kind"]].markdown
        text = target.read_text(encoding="utf-8")
        try:
            now = read_source(text.encode("utf-8"), markdown, self.site.max_file_bytes)
        except SourceError:  # main's file is broken: the correction replaces it, the moderators compare
            return {"conflict": "changed", "conflicts": {}}
        values = {**now.data, "body": now.body.strip()}
        before, after = change["before"], change["after"]
        wanted = {name: value for name, value in after.items() if value is not None}
        on_main = changed_fields(record["kind"], before, values, after, self.site)  # since the form was opened
        differing = changed_fields(record["kind"], wanted, values, after, self.site)
        conflicts = {name: values.get(name) for name in after if name in on_main and name in differing}
        changes = {name: REMOVED if value is None else value for name, value in after.items() if name != "body"}
        try:
            edited = edit(text, markdown, changes, after.get("body"), kind=record["kind"])
        except EditError:
            return {"conflict": "changed", "conflicts": conflicts}
        return {"conflict": "changed", "conflicts": conflicts, "files": {path: edited}}

    def _check(self, record: dict) -> str:
        """`make check` on the clone: what is wrong with the file, with the site's other files around it."""
        site = dataclasses.replace(self.site, content=self.clone / self.content)
        problems = [p for p in harvest(site, shown_root=self.clone).problems if p.path == record["main_file"]]
        return "; ".join(str(problem) for problem in problems)

    def _failed(self, record: dict, reason: str, now: float) -> None:
        attempts = record["attempts"] + 1
        wait = min(self.settings.retry_seconds * 2 ** (attempts - 1), LONGEST_WAIT)
        self.spool.update(record["id"], state="failed", attempts=attempts, next_try=now + wait, reason=reason)

    def follow(self) -> None:
        """Learn whether proposed submissions were merged or closed, when the forge can tell."""
        proposed = [record for record in self.spool.records() if record["state"] == "proposed"]
        if not proposed:
            return
        with self._owning_the_clone() as owner:
            if not owner:
                return
            try:
                self._fetch()
                for record in proposed:
                    outcome = self.forge.outcome(record, self.clone)
                    if outcome:
                        self.spool.update(record["id"], state=outcome)
            except (GitError, ForgeError) as error:
                logger.info("outcomes not known for now: %s", error)

    def run_forever(self, follow_every: float = 300.0) -> None:
        followed = 0.0
        while not self._stop.is_set():
            try:
                self.run_once()
                if time.monotonic() - followed > follow_every:
                    self.follow()
                    followed = time.monotonic()
                self.imports.run_if_due()
            except Exception:  # never let one bad record stop every later one; the traceback is for the log
                logger.exception("the worker met an unexpected problem")
            self.wake.wait(self.settings.poll_seconds)
            self.wake.clear()

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run_forever, name="kiosque-bridge-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.wake.set()
        if self._thread:
            self._thread.join(timeout=30)


VERBS = {"new": "Add", "correct": "Correct", "cancel": "Cancel", "move": "Move"}
CONFLICTS = {
    "changed": "The file changed on the site since the form was opened: the corrected fields were applied to it.",
    "removed": "The file was removed from the site since the form was opened: it is proposed back, corrected.",
}


def _message(record: dict) -> str:
    action = record.get("action", "new")
    what = "the form" if action == "new" else "the correction form"
    text = f"{VERBS[action]} {record['kind']}: {one_line(record['title'], 100)}\n\n"
    text += f"Proposed through {what} by {contributor(record)}.\n"
    if record.get("conflict"):
        text += CONFLICTS[record["conflict"]] + "\n"
    if record.get("conflicts"):
        text += f"Changed on both sides: {', '.join(record['conflicts'])}.\n"
    return text + f"Submission {record['id']}.\n"


def main() -> None:
    from .app import load_site

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = settings_or_exit()
    site, content, _theme = load_site(settings)
    Worker(settings, Spool(settings.state / "spool"), site, content).run_forever()


if __name__ == "__main__":
    main()
