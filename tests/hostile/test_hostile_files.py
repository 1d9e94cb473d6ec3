"""Issue 16: files that are not what they say. A picture that is a symbolic link to a secret of the build
machine (and to /proc/self/environ), a recordings folder that links elsewhere, contribution files and a
page that are links; HTML, SVG and XHTML with scripts among the pictures and recordings, and pictures that
are not pictures. Nothing of it may reach output/, and `make check` names each.

And pathological files (issue 16, "Slow"): each one costs the check and the build seconds, not minutes.

    .venv/bin/python -m pytest tests/hostile
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import REPO, build, jpeg, wav, write_files
from hostile_sites import settings_for
from PIL import Image

from contributions import check

TOKEN = f"SECRET_TOKEN=kiosque-{uuid.uuid4().hex}"
EVENT = "---\ntitle: {title}\nstart: 2026-12-05 20:30\nplace: salle\ncategories: [concert]\n{extra}---\nTexte.\n"
PLACE = "name: Salle\naddress:\n  street: 1 rue des Lilas\n  city: Lyon\n"
SCRIPTED = {
    "images/page.html": "<!doctype html><script>alert(document.domain)</script>",
    "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    "images/page.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(3)</script></html>',
    "images/vieux.htm": "<script>alert(4)</script>",
    "media/lecteur.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><body onload="alert(5)"/></html>',
    "media/notes.html": "<script>alert(6)</script>",
    "media/dessin.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(7)</script></svg>',
    "images/faux.jpg": "<!doctype html><script>alert(8)</script>",  # not a picture, whatever its name
    "media/faux.mp3": "<!doctype html><script>alert(9)</script>",
}


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    """A site whose content/ holds links to the outside and files that are not media; checked and built
    with SECRET_TOKEN in the build's environment."""
    root = tmp_path_factory.mktemp("linked")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text(TOKEN + "\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "secret.txt").write_text(TOKEN + "\n", encoding="utf-8")
    (outside / "folder" / "index.html").write_text(f"<p>{TOKEN}</p>", encoding="utf-8")
    (outside / "folder" / "son.wav").write_bytes(wav())
    (outside / "event.md").write_text(EVENT.format(title=TOKEN, extra=""), encoding="utf-8")
    (outside / "events").mkdir()
    (outside / "events" / "lointain.md").write_text(EVENT.format(title=TOKEN, extra=""), encoding="utf-8")
    (outside / "page.md").write_text(f"Title: Secret\nSlug: secret\n\n{TOKEN}\n", encoding="utf-8")
    content = root / "content"
    write_files(
        content,
        {
            "places/salle.yaml": PLACE,
            "images/vraie.jpg": jpeg(),
            "media/vrai.wav": wav(),
            "events/2026/affiche.md": EVENT.format(
                title="Affiche", extra="image:\n  src: images/affiche.jpg\n  alt: Affiche\n"
            ),
            "events/2026/environ.md": EVENT.format(
                title="Environ", extra="image:\n  src: images/environ.jpg\n  alt: Affiche\n"
            ),
            "events/2026/vraie.md": EVENT.format(
                title="Vraie", extra="image:\n  src: images/vraie.jpg\n  alt: Affiche\n"
            ),
            "stories/recits/index.md": "---\ntitle: Récits\n---\nDes souvenirs.\n",
            "stories/recits/lien.md": "---\ntitle: Lien\nteller: Odette\nconsent: true\naudio: media/x/son.wav\n"
            "transcript: Transcription.\n---\nTexte.\n",
            **SCRIPTED,
        },
    )
    (content / "images/affiche.jpg").symlink_to(outside / "secret.txt")
    (content / "images/environ.jpg").symlink_to("/proc/self/environ")
    (content / "media/x").symlink_to(outside / "folder", target_is_directory=True)
    (content / "events/2026/lien.md").symlink_to(outside / "event.md")
    (content / "events/2027").symlink_to(outside / "events", target_is_directory=True)
    (content / "pages").mkdir()
    (content / "pages/secret.md").symlink_to(outside / "page.md")
    (root / "pelicanconf.py").write_text(settings_for(root), encoding="utf-8")
    result = {"root": root, "crash": None}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECRET_TOKEN", TOKEN.split("=", 1)[1])
        patch.delenv("KIOSQUE_TODAY", raising=False)
        patch.chdir(root)
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                result["status"] = check.main(["--settings", "pelicanconf.py"])
        except Exception as error:  # the finding, reported by the tests below
            result["crash"] = f"make check crashed: {type(error).__name__}: {error}"
        result["check"] = out.getvalue()
        try:
            build(root)
        except Exception as error:
            result["crash"] = (result["crash"] or "") + f" make html crashed: {type(error).__name__}: {error}"
    return result


def _published(root: Path) -> list[Path]:
    return sorted(path for path in (root / "output").rglob("*") if path.is_file() or path.is_symlink())


def test_no_symlink_target_is_published(linked_site):
    root = linked_site["root"]
    leaks = [
        path.relative_to(root).as_posix()
        for path in _published(root)
        if path.is_symlink() or TOKEN.split("=", 1)[1].encode() in path.read_bytes()
    ]
    assert leaks == [], f"the build machine's secret or a link reached output/: {leaks}"
    assert linked_site["crash"] is None, linked_site["crash"]
    assert (root / "output" / "index.html").is_file()


def test_no_html_svg_or_xhtml_is_published_among_pictures_and_recordings(linked_site):
    root = linked_site["root"]
    scripted = [
        path.relative_to(root).as_posix()
        for folder in ("images", "media")
        for path in (root / "output" / folder).rglob("*")
        if path.suffix.lower() in (".html", ".htm", ".svg", ".svgz", ".xhtml", ".xht", ".xml")
    ]
    assert scripted == []


_RECORDINGS = (b"RIFF", b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"OggS", b"fLaC", b"\x1aE\xdf\xa3")


def test_only_real_pictures_and_recordings_are_published(linked_site):
    root = linked_site["root"]
    wrong = []
    for path in (root / "output" / "images").rglob("*"):
        if path.is_file():
            try:
                with Image.open(path) as picture:
                    picture.verify()
            except Exception:
                wrong.append(path.relative_to(root).as_posix())
    for path in (root / "output" / "media").rglob("*"):
        if path.is_file():
            head = path.read_bytes()[:12]
            if not (head.startswith(_RECORDINGS) or head[4:8] == b"ftyp"):
                wrong.append(path.relative_to(root).as_posix())
    shown = list((root / "output" / "images").glob("vraie.*.jpg"))  # the event's picture, as its light copies
    assert shown and (root / "output" / "media" / "vrai.wav").is_file()
    assert wrong == [], f"published as pictures or recordings, but are neither: {wrong}"


def test_make_check_names_every_link_and_every_file_that_is_not_media(linked_site):
    named = {line.split(":")[0] for line in linked_site["check"].splitlines() if ":" in line}
    expected = [
        "content/images/affiche.jpg",
        "content/images/environ.jpg",
        "content/media/x",
        "content/events/2026/lien.md",
        "content/events/2027",
        "content/pages/secret.md",
        *(f"content/{path}" for path in SCRIPTED),
    ]
    missing = [path for path in expected if not any(name == path or name.startswith(path + "/") for name in named)]
    assert linked_site["crash"] is None, linked_site["crash"]
    assert missing == [], f"make check says nothing about {missing}:\n{linked_site['check']}"


# --- pathological files --------------------------------------------------------------------------------

SECONDS = 20  # Python's start, the check and the build of a two-file site included, on a busy 2-core machine
PATHOLOGICAL = {
    "400 KB of '# h' lines": "# h\n" * 100_000,
    "600 KB of backslashes": "\\" * 600_000,
    "750 KB of '&amp;'": "&amp;" * 150_000,
    "900 KB on one line": "a" * 900_000,
    "50,000 unknown keys": None,
}
_RUN = """
import contextlib, io, sys
sys.path[:0] = [{tests!r}, {plugins!r}]
from pathlib import Path
from conftest import build
from contributions import check
with contextlib.redirect_stdout(io.StringIO()):
    check.main(["--settings", "pelicanconf.py"])
build(Path.cwd())
"""


def _site_with(root: Path, name: str, body: str | None) -> Path:
    extra = "".join(f"champ{i}: x\n" for i in range(50_000)) if body is None else ""
    write_files(
        root / "content",
        {
            "places/salle.yaml": PLACE,
            "events/2026/pathologique.md": EVENT.format(title=name, extra=extra) + (body or ""),
        },
    )
    (root / "pelicanconf.py").write_text(settings_for(root), encoding="utf-8")
    return root


def _run(script: str, folder: Path, seconds: int) -> tuple[int | None, str, str]:
    """(exit status, stdout, stderr) of `python -c script` in `folder`; None when it ran longer than
    `seconds`: then it is stopped with the processes it forked (its own session, made for it)."""
    environment = {key: value for key, value in os.environ.items() if key != "KIOSQUE_TODAY"}
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=seconds)
        return process.returncode, out, err
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None, "", ""


def _timed(root: Path) -> tuple[float, str]:
    started = time.monotonic()
    returncode, _, stderr = _run(_RUN.format(tests=str(REPO / "tests"), plugins=str(REPO / "plugins")), root, SECONDS)
    if returncode is None:
        return time.monotonic() - started, f"still running after {SECONDS} s (stopped)"
    failed = "" if returncode == 0 else f"exit {returncode}: {stderr.strip().splitlines()[-1:]}"
    return time.monotonic() - started, failed


def test_one_pathological_file_costs_seconds_not_minutes(tmp_path):
    sites = {
        name: _site_with(tmp_path / f"site{index}", name, body)
        for index, (name, body) in enumerate(PATHOLOGICAL.items())
    }
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:  # the machine's two cores
        timed = dict(zip(sites, pool.map(_timed, sites.values())))
    slow = [
        f"{name}: {seconds:.0f} s {problem}".strip()
        for name, (seconds, problem) in timed.items()
        if problem or seconds > SECONDS
    ]
    assert slow == [], f"make check then make html, with one pathological file: {slow}"


# --- a crash that would hang -----------------------------------------------------------------------------

_CRASHING = """
import sys
sys.path[:0] = [{tests!r}, {plugins!r}]
from contributions import check
from contributions.checking import harvest as collect
read = collect.validate_file

def reader_that_stops(path, *arguments, **options):  # an error nobody foresaw, on one file
    if path.name == "aaa-boum.md":
        raise RuntimeError("an unforeseen error while reading aaa-boum.md")
    return read(path, *arguments, **options)

collect.validate_file = reader_that_stops
check.main(["--settings", "pelicanconf.py"])
"""


def test_an_unforeseen_error_while_reading_stops_make_check_instead_of_hanging(tmp_path):
    """A site large enough to be read by two processes (contributions.checking.harvest.PARALLEL_FROM), where reading
    the first file raises: make check must stop with its error, not wait forever for the other process
    (which keeps the pipe's reading end and blocks writing its half of the results)."""
    from contributions.checking.harvest import PARALLEL_FROM

    files = {"places/salle.yaml": PLACE, "events/2026/aaa-boum.md": EVENT.format(title="Boum", extra="")}
    files.update(
        {
            f"events/2026/concert-{i:04d}.md": EVENT.format(title=f"Concert {i} " + "é" * 200, extra="")
            for i in range(PARALLEL_FROM + 100)
        }
    )
    write_files(tmp_path / "content", files)
    (tmp_path / "pelicanconf.py").write_text(settings_for(tmp_path), encoding="utf-8")
    script = _CRASHING.format(tests=str(REPO / "tests"), plugins=str(REPO / "plugins"))
    returncode, _, stderr = _run(script, tmp_path, 30)
    if returncode is None:
        pytest.fail("make check still waits 30 s after an error while reading one file: it hangs")
    assert returncode != 0 and "an unforeseen error" in stderr
