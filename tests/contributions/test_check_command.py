"""`make check` as a pull request's CI runs it: one line per problem, a count, the exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, write_files

EVENT = "---\ntitle: Concert\nstart: 2026-12-05 20:30\nplace: mediatheque\ncategories: [concert]\n---\nTexte.\n"
PLACE = "name: Médiathèque\naddress:\n  street: 1 rue A\n  city: Lyon\n"


def make_site(root: Path, files: dict, language: str = "fr") -> None:
    (root / "pelicanconf.py").write_text(
        f'PATH = "content"\nTIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "{language}"\n', encoding="utf-8"
    )
    write_files(root / "content", files)


def run_check(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contributions.check", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "plugins"), "PATH": "/usr/bin:/bin"},
    )


def test_clean_site_exits_0_with_a_count(tmp_path):
    make_site(tmp_path, {"events/2026/concert.md": EVENT, "places/mediatheque.yaml": PLACE})
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "2 fichier(s) vérifié(s), aucun problème\n"


def test_notes_are_printed_but_do_not_fail_the_check(tmp_path):
    make_site(
        tmp_path,
        {
            "events/2026/concert.md": EVENT.replace("Texte.", '<iframe src="https://video.example.org/x"></iframe>'),
            "places/mediatheque.yaml": PLACE,
        },
        language="en",
    )
    result = run_check(tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "content/events/2026/concert.md:7: note: the description holds an embedded frame (<iframe>), which is removed "
        "when the page is published; put a picture in 'image' and a video as a plain link",
        "1 note(s) about what publishing will change",
        "2 file(s) checked, no problem found",
    ]


def test_every_problem_of_every_file_is_printed_then_counted(tmp_path):
    make_site(
        tmp_path,
        {
            "events/2026/concert.md": EVENT.replace("[concert]", "[concer]"),
            "events/2026/balade.md": EVENT.replace("mediatheque", "mediateque").replace(
                "2026-12-05 20:30", "2026-12-32"
            ),
            "places/mediatheque.yaml": PLACE,
        },
        language="en",
    )
    result = run_check(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "content/events/2026/balade.md:3: start: the date '2026-12-32' does not exist; check the day and the month "
        "(written year-month-day)",
        "content/events/2026/concert.md:5: categories: expected one of: concert, show, film, exhibition, reading, "
        "talk, workshop, walk, open-mic, games, market, festival, repair-cafe, party, radio — found: 'concer'; did "
        "you mean 'concert'?",
    ]
    assert lines[-1] == "2 problem(s) in 2 file(s), out of 3 checked"
    assert "Traceback" not in result.stderr


def test_files_argument_limits_the_report_but_not_the_cross_checks(tmp_path):
    make_site(
        tmp_path,
        {
            "events/2026/concert.md": EVENT.replace("mediatheque", "mediateque"),
            "events/2026/other.md": EVENT.replace("[concert]", "[nope]"),
            "places/mediatheque.yaml": PLACE,
        },
        language="en",
    )
    result = run_check(tmp_path, "content/events/2026/concert.md")
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["content/events/2026/concert.md"]
    assert result.stdout.splitlines()[-1] == "1 problem(s) in 1 file(s), out of 1 checked"


def test_a_folder_stands_for_its_files(tmp_path):
    make_site(
        tmp_path,
        {
            "events/2026/concert.md": EVENT.replace("[concert]", "[nope]"),
            "events/2027/other.md": EVENT.replace("[concert]", "[nope]"),
            "places/mediatheque.yaml": PLACE,
        },
        language="en",
    )
    result = run_check(tmp_path, "content/events/2026/")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["content/events/2026/concert.md"]
    assert result.stdout.splitlines()[-1] == "1 problem(s) in 1 file(s), out of 1 checked"


def test_files_that_are_not_contributions_are_named(tmp_path):
    make_site(tmp_path, {"places/mediatheque.yaml": PLACE, "pages/about.md": "Title: About\n\nHi.\n"}, language="en")
    result = run_check(tmp_path, "content/pages/about.md", "content/events/typo.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/pages/about.md:1: this file is not a contribution: contributions live in content/events, "
        "content/places, content/playlists and content/stories",
        "content/events/typo.md:1: there is no such file; check the path",
        "2 problem(s) in 2 file(s), out of 2 checked",
    ]


def test_a_broken_setting_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    make_site(tmp_path, {"places/mediatheque.yaml": PLACE})
    with (tmp_path / "pelicanconf.py").open("a") as settings:
        settings.write('KIOSQUE_TODAY = "01/12/2026"\n')
    result = run_check(tmp_path)
    assert result.returncode == 2
    assert result.stderr == "pelicanconf.py: KIOSQUE_TODAY must be a date written YYYY-MM-DD, found '01/12/2026'\n"


def test_the_sample_site_has_no_problem():
    result = subprocess.run(["make", "--no-print-directory", "check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("aucun problème\n")


@pytest.mark.usefixtures("speed_machinery")  # a test of the speed machinery: on in both runs of make test
def test_with_the_content_cache_a_second_check_says_exactly_what_the_first_said(tmp_path):
    """Valid files come back from the store (nothing reread), broken ones are read again, a changed file is
    read again, and the checks across files still run: a note they add is not given twice."""
    inline = EVENT.replace(
        "place: mediatheque", "place:\n  name: La Médiathèque\n  address:\n    street: 1 rue A\n    city: Lyon"
    )
    make_site(
        tmp_path,
        {
            "events/2026/concert.md": EVENT,
            "events/2026/inline.md": inline,
            "places/mediatheque.yaml": PLACE,
            "events/2026/broken.md": EVENT.replace("categories: [concert]", "categories: [concer]"),
        },
    )
    with (tmp_path / "pelicanconf.py").open("a") as settings:
        settings.write('CACHE_PATH = "cache"\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n')
    first = run_check(tmp_path)
    assert (tmp_path / "cache/kiosque-contributions.pickle").exists()
    assert "inline.md" in first.stdout and "concer" in first.stdout
    second = run_check(tmp_path)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)

    (tmp_path / "content/places/mediatheque.yaml").write_text(PLACE.replace("Lyon", "Lyon;"), encoding="utf-8")
    (tmp_path / "content/events/2026/concert.md").write_text(EVENT.replace("[concert]", "[concret]"), encoding="utf-8")
    third = run_check(tmp_path)
    assert "concert.md:5: categories" in third.stdout and third.stdout.count("inline.md") == first.stdout.count(
        "inline.md"
    )
