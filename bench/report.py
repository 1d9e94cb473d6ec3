"""The benchmark's table in Markdown, the machine it ran on, and writing both into bench/README.md
between markers (the rest of the README is prose that people write)."""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .measure import Measure

BEGIN, END = "<!-- bench:results -->", "<!-- /bench:results -->"


@dataclass
class SizeResult:
    size: int
    kiosque: Measure
    plain: Measure
    rebuild: Measure
    plain_rebuild: Measure
    check: Measure  # the first check of the site: nothing stored yet
    warm_check: Measure  # the same after the builds, with what they stored (the content cache on)
    files: dict[str, int]  # output file -> bytes
    photos_kept: Measure | None = None  # a full build whose photos are converted already (their store kept)
    hugo: Measure | None = None  # the Hugo twin, without photos, from nothing


def machine() -> str:
    """One line: CPU, cores, memory, Python and Pelican versions."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Pelican {version('pelican')}"
    )


def _run(measure: Measure) -> str:
    return f"{measure.seconds:.1f} s ({measure.cpu:.1f} s), {measure.peak_mb:.0f} MB"


def _percent(part: Measure, whole: Measure) -> str:
    """Wall time and its share of the full build's, then the same for CPU time."""
    return (
        f"{part.seconds:.1f} s ({100 * part.seconds / whole.seconds:.0f}%), "
        f"CPU {part.cpu:.1f} s ({100 * part.cpu / max(whole.cpu, 1e-9):.0f}%)"
    )


def _hugo(r: SizeResult) -> str:
    if r.hugo is None or r.photos_kept is None:
        return "| – | – | – "
    ratio = f"{r.photos_kept.seconds / r.hugo.seconds:.2f} ({r.photos_kept.cpu / max(r.hugo.cpu, 1e-9):.2f})"
    return f"| {_run(r.photos_kept)} | {_run(r.hugo)} | {ratio} "


def table(results: list[SizeResult]) -> str:
    base = results[0]
    lines = [
        "| contributions | kiosque: wall (CPU), peak memory | plain Pelican | kiosque / plain: wall (CPU) | "
        "ms per contribution (vs first size) | "
        "rebuild +1 event | plain rebuild +1 | `make check`, first | `make check` after a build | "
        "kiosque, photos converted already | Hugo twin | kiosque / Hugo: wall (CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        per = 1000 * r.kiosque.seconds / r.size
        growth = per / (1000 * base.kiosque.seconds / base.size) - 1
        lines.append(
            f"| {r.size:,} | {_run(r.kiosque)} | {_run(r.plain)} | "
            f"{r.kiosque.seconds / r.plain.seconds:.2f} ({r.kiosque.cpu / max(r.plain.cpu, 1e-9):.2f}) | "
            f"{per:.2f} ({growth:+.0%}) | "
            f"{_percent(r.rebuild, r.kiosque)} | {_percent(r.plain_rebuild, r.plain)} | "
            f"{_percent(r.check, r.kiosque)} | "
            f"{_percent(r.warm_check, r.kiosque)} {_hugo(r)}|"
        )
    names = list(results[0].files)
    lines += [
        "",
        "| contributions | " + " | ".join(f"`{name}`" for name in names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    for r in results:
        lines.append(f"| {r.size:,} | " + " | ".join(f"{r.files[name] / 1024:.0f} KB" for name in names) + " |")
    return "\n".join(lines)


def write_readme(readme: Path, text: str) -> None:
    """Replace what stands between the markers (or add them at the end)."""
    current = readme.read_text(encoding="utf-8") if readme.exists() else ""
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in current:
        current = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, current, flags=re.S)
    else:
        current = current.rstrip("\n") + ("\n\n" if current else "") + block + "\n"
    readme.write_text(current, encoding="utf-8")
