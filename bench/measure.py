"""Run one build (or check) in its own process and measure it: wall time with `perf_counter`, peak
memory from the kernel's accounting of that one child (`os.wait4`), so builds never share a process."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measure:
    seconds: float  # wall time
    peak_mb: float
    status: int
    cpu: float = 0.0  # user + system seconds: less sensitive than wall time to other work on the machine


class BuildFailed(RuntimeError):
    pass


def timed(command: list[str], cwd: Path, env: dict[str, str], log: Path, allowed: tuple[int, ...] = (0,)) -> Measure:
    """Run `command`, its output to `log`; fail with the log's end when it exits with another status."""
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT)
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = status = os.waitstatus_to_exitcode(wait_status)
    if status not in allowed:
        tail = log.read_text(errors="replace")[-2000:]
        raise BuildFailed(f"{' '.join(command)} in {cwd} exited with {status}:\n{tail}")
    return Measure(seconds, usage.ru_maxrss / 1024, status, usage.ru_utime + usage.ru_stime)  # maxrss: KiB
