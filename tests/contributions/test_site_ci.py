"""The site's CI keeps Pelican's content cache for pull requests: their check and build start from what
the main branch's last run made of the unchanged files. The cache holds pickles, and a pull request's run
may follow its own edited copy of the workflow: so the main branch writes the cache and never loads it,
and only pull requests read it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO

from contributions.check import read_site_settings

SETTINGS = read_site_settings(REPO / "pelicanconf.py")
CACHE = Path(SETTINGS["CACHE_PATH"]).relative_to(REPO).as_posix()  # Pelican makes it absolute


def test_the_sample_site_keeps_and_reads_its_content_cache():
    assert SETTINGS["CACHE_CONTENT"] and SETTINGS["LOAD_CONTENT_CACHE"] and CACHE == "cache"


@pytest.mark.parametrize("workflow", [".github/workflows/check.yml", ".forgejo/workflows/check.yml"])
def test_actions_let_pull_requests_start_from_the_cache_that_only_main_writes(workflow):
    data = yaml.safe_load((REPO / workflow).read_text(encoding="utf-8"))
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    steps = data["jobs"]["check"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    runs = [step.get("run", "") for step in steps]
    restore = next(index for index, action in enumerate(uses) if action.startswith("actions/cache/restore@"))
    save = next(index for index, action in enumerate(uses) if action.startswith("actions/cache/save@"))
    assert restore < runs.index("make check") < runs.index("make html") < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == CACHE
    assert steps[save]["with"]["key"].startswith(steps[restore]["with"]["restore-keys"])
    assert steps[restore]["if"] == "github.event_name == 'pull_request'"
    assert steps[save]["if"] == "github.event_name == 'push'"
    assert not any(action.startswith("actions/cache@") for action in uses)  # it restores and saves on every run


def test_forgejo_runs_its_javascript_actions_in_an_image_with_node():
    job = yaml.safe_load((REPO / ".forgejo/workflows/check.yml").read_text(encoding="utf-8"))["jobs"]["check"]
    assert job["container"]["image"].startswith("node:")
    assert "python3-venv" in job["steps"][0]["run"]


def test_gitlab_lets_merge_requests_start_from_the_cache_that_only_the_default_branch_writes():
    data = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any("npm" in command for command in data["default"]["before_script"])  # Leaflet's package
    cache = data["default"]["cache"]
    assert cache["paths"] == [f"{CACHE}/"] and cache["policy"] == "$KIOSQUE_CACHE_POLICY"
    assert data["variables"]["KIOSQUE_CACHE_POLICY"] == "pull"
    for job in ("check", "build"):
        for rule in data[job]["rules"]:
            policy = rule.get("variables", {}).get("KIOSQUE_CACHE_POLICY", "pull")
            on_default_branch = rule["if"] == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
            assert policy == ("push" if on_default_branch else "pull"), (job, rule)
