"""Where a prepared commit goes: the site's own repository (default), GitLab or Forgejo/Gitea through
push options (no API token needed), or GitHub through its REST API.

Each forge answers three questions for the worker: was this submission already proposed (after a crash
between the push and the record's update: nothing is proposed twice), propose it, and what became of it.
What a proposal says (its title and description, in the site's language) is written by `bridge.proposals`."""

from __future__ import annotations

import re
from pathlib import Path

from ..git import GitError, run_git
from ..proposals import contributor as contributor  # the worker's commit message names the same person
from ..proposals import description_in_one_line as description_in_one_line
from ..proposals import description_of as description_of
from ..proposals import title_of as title_of
from ..settings import BridgeSettings


class ForgeError(RuntimeError):
    """The forge refused or could not be reached; the message is already redacted."""


class Forge:
    def __init__(self, settings: BridgeSettings) -> None:
        self.settings = settings

    def git(self, clone: Path, *arguments: str) -> str:
        return run_git(clone, *arguments, redact=self.settings.redact)

    def remote_branch(self, clone: Path, branch: str) -> str:
        """The commit the remote's branch points to, or '' when it has no such branch."""
        listed = self.git(clone, "ls-remote", "origin", f"refs/heads/{branch}").split()
        return listed[0] if listed else ""

    def already_proposed(self, record: dict, clone: Path) -> str | None:
        """The link (or branch) of an earlier proposal of this submission, None when there is none."""
        return record["branch"] if self.remote_branch(clone, record["branch"]) else None

    def propose(self, record: dict, clone: Path) -> str:
        """Push the clone's HEAD for review; the link shown on the receipt (an address, or the branch)."""
        output = self.git(clone, "push", "origin", f"HEAD:refs/heads/{record['branch']}")
        return review_link(output) or record["branch"]

    def outcome(self, record: dict, clone: Path) -> str | None:
        """'merged' once the proposed commit is in main (the clone fetched it), else None (not known)."""
        commit = record.get("commit")
        if not commit:
            return None
        try:
            self.git(clone, "merge-base", "--is-ancestor", commit, f"origin/{self.settings.main}")
        except GitError:
            return None
        return "merged"


def review_link(push_output: str) -> str:
    """The merge/pull request's address that GitLab or Forgejo print while receiving a push."""
    for line in push_output.splitlines():
        match = re.search(r"https?://\S+/(?:-/merge_requests|pulls)/\d+", line)
        if match:
            return match.group(0)
    return ""


def make_forge(settings: BridgeSettings) -> Forge:
    from .github import GitHub
    from .push_options import Forgejo, GitLab

    return {"local": Forge, "gitlab": GitLab, "forgejo": Forgejo, "github": GitHub}[settings.forge](settings)
