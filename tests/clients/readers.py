"""Run the programs people read our files with: Node packages from tests/clients (make test installs them
from package-lock.json) and Debian's GObject libraries through Debian's own Python (.ci/run installs
gir1.2-ical-3.0, gir1.2-totemplparser-1.0 and python3-gi). A missing reader fails the test with what to
install: a client test that skips would hide the very disagreement it is there to find."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
MODULES = CLIENTS / "node_modules"
DEBIAN_PYTHON = "/usr/bin/python3"


def node(script: str, *args: str, timeout: float = 120) -> str:
    """What `script` prints, run by Node with the clients' packages importable by name."""
    if not (MODULES / ".package-lock.json").is_file():
        raise AssertionError("the Node clients are not installed: run `make test` (it runs npm ci in tests/clients)")
    done = subprocess.run(
        ["node", "-e", script, "--", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NODE_PATH": str(MODULES)},
    )
    if done.returncode:
        raise AssertionError(f"node failed:\n{done.stderr}")
    return done.stdout


def node_json(script: str, *args: str, timeout: float = 120):
    """`node(...)` for a script that prints one JSON document."""
    return json.loads(node(script, *args, timeout=timeout))


def debian_python(script: str, *args: str, timeout: float = 120) -> str:
    """What `script` prints, run by Debian's Python, which sees Debian's GObject introspection libraries."""
    if not Path(DEBIAN_PYTHON).is_file():
        raise AssertionError(f"{DEBIAN_PYTHON} is missing: apt-get install python3-gi (as .ci/run does)")
    done = subprocess.run(
        [DEBIAN_PYTHON, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={key: value for key, value in os.environ.items() if not key.startswith("PYTHON")},
    )
    if done.returncode:
        raise AssertionError(
            f"Debian's Python failed (apt-get install gir1.2-ical-3.0 gir1.2-totemplparser-1.0 "
            f"python3-gi, as .ci/run does):\n{done.stderr}"
        )
    return done.stdout


def debian_python_json(script: str, *args: str, timeout: float = 120):
    return json.loads(debian_python(script, *args, timeout=timeout))
