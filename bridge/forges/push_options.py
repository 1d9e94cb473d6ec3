"""GitLab and Forgejo/Gitea open the merge/pull request themselves when the push carries options."""

from __future__ import annotations

from pathlib import Path

from . import Forge, description_in_one_line, description_of, review_link, title_of


class GitLab(Forge):
    """`git push -o merge_request.create ...` (GitLab's documented push options). A push option cannot hold a
    line break: GitLab turns the two characters `\\n` of a description into one (the description writes a
    contributor's backslash as an entity, so that none of theirs becomes a line break)."""

    def propose(self, record: dict, clone: Path) -> str:
        main = self.settings.main
        output = self.git(
            clone,
            "push",
            "-o",
            "merge_request.create",
            "-o",
            f"merge_request.target={main}",
            "-o",
            f"merge_request.title={title_of(record)}",
            "-o",
            "merge_request.description=" + description_of(record).replace("\n", "\\n"),
            "-o",
            "merge_request.remove_source_branch",
            "origin",
            f"HEAD:refs/heads/{record['branch']}",
        )
        return review_link(output) or record["branch"]


class Forgejo(Forge):
    """The AGit flow: a push to `refs/for/<main>` with a topic opens a pull request, and pushing the same
    topic again updates that pull request rather than opening another. Forgejo takes the description as it
    is, on one line: it is written as HTML, which its Markdown keeps (sanitized)."""

    def already_proposed(self, record: dict, clone: Path) -> str | None:
        return None  # proposing again is harmless: the topic names the pull request

    def propose(self, record: dict, clone: Path) -> str:
        output = self.git(
            clone,
            "push",
            "-o",
            f"topic={record['branch']}",
            "-o",
            f"title={title_of(record)}",
            "-o",
            f"description={description_in_one_line(record)}",
            "-o",
            "force-push=true",  # a retry made from a newer main replaces the pull request's commit
            "origin",
            f"HEAD:refs/for/{self.settings.main}",
        )
        return review_link(output) or record["branch"]
