"""GitHub: a branch, the files and a pull request through the REST API, with a token from the environment.

GET  /repos/{repo}/git/ref/heads/{main}        the commit to start from
POST /repos/{repo}/git/refs                    the branch
PUT  /repos/{repo}/contents/{path}             one commit per file, on the branch
POST /repos/{repo}/pulls                       the pull request
GET  /repos/{repo}/pulls?head=owner:branch     finds it again after a restart (nothing is opened twice)
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

import httpx

from . import Forge, ForgeError, description_of, title_of


class GitHub(Forge):
    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.settings.github_api,
            headers={
                "Authorization": f"Bearer {self.settings.github_token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "kiosque-bridge",
            },
            timeout=30,
        )

    def _call(self, client: httpx.Client, method: str, path: str, **options) -> httpx.Response:
        try:
            response = client.request(method, f"/repos/{self.settings.github_repository}{path}", **options)
        except httpx.HTTPError as error:
            raise ForgeError(f"GitHub could not be reached: {type(error).__name__}") from None
        if response.status_code >= 400 and response.status_code != 404:
            raise ForgeError(f"GitHub answered {response.status_code} to {method} {path}")
        return response

    def _pull(self, client: httpx.Client, branch: str) -> dict | None:
        owner = self.settings.github_repository.split("/")[0]
        found = self._call(client, "GET", "/pulls", params={"head": f"{owner}:{branch}", "state": "all"})
        pulls = found.json() if found.status_code == 200 else []
        return pulls[0] if pulls else None

    def already_proposed(self, record: dict, clone: Path) -> str | None:
        with self._client() as client:
            pull = self._pull(client, record["branch"])
        return pull["html_url"] if pull else None

    def propose(self, record: dict, clone: Path) -> str:
        branch, main = record["branch"], self.settings.main
        with self._client() as client:
            ref = self._call(client, "GET", f"/git/ref/heads/{quote(branch)}")
            if ref.status_code == 404:
                start = self._call(client, "GET", f"/git/ref/heads/{quote(main)}")
                if start.status_code == 404:
                    raise ForgeError(f"GitHub has no branch {main}")
                self._call(
                    client,
                    "POST",
                    "/git/refs",
                    json={"ref": f"refs/heads/{branch}", "sha": start.json()["object"]["sha"]},
                )
            for path in record["paths"]:
                where = f"/contents/{quote(path)}"
                if self._call(client, "GET", where, params={"ref": branch}).status_code == 200:
                    continue  # written before a restart
                content = (clone / path).read_bytes()
                self._call(
                    client,
                    "PUT",
                    where,
                    json={
                        "message": f"{title_of(record)}\n\nSubmission {record['id']}.",
                        "branch": branch,
                        "content": base64.b64encode(content).decode("ascii"),
                    },
                )
            pull = (
                self._pull(client, branch)
                or self._call(
                    client,
                    "POST",
                    "/pulls",
                    json={
                        "title": title_of(record),
                        "head": branch,
                        "base": main,
                        "body": description_of(record),
                        "maintainer_can_modify": True,
                    },
                ).json()
            )
        return pull["html_url"]

    def outcome(self, record: dict, clone: Path) -> str | None:
        with self._client() as client:
            pull = self._pull(client, record["branch"])
        if not pull or pull.get("state") != "closed":
            return None
        return "merged" if pull.get("merged_at") else "closed"
