"""Running git for the worker: no shell, no prompt for a password, a time limit, and errors whose text
has every secret and every password written in an address taken out before anyone logs it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(RuntimeError):
    """git failed; the message is already redacted."""


def run_git(cwd: Path, *arguments: str, redact=lambda text: text, env: dict | None = None, timeout: float = 120) -> str:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
    try:
        # automatic maintenance in the foreground: no git of the worker outlives its command
        done = subprocess.run(
            ["git", "-c", "gc.autoDetach=false", "-c", "maintenance.autoDetach=false", *arguments],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {arguments[0]} took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        raise GitError(redact(f"git {arguments[0]} failed: {done.stderr.strip()[-2000:]}"))
    return done.stdout + done.stderr  # the forges speak on stderr ("remote: View merge request ...")
