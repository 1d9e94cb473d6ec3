"""Issue 16, "Must show": a hostile corpus (public XSS payloads, the YAML test suite, our own odd strings and
files: see hostile_corpus.py and corpus/) run through the real pipeline. Every string goes into every field
it fits, one file each, in a few sites of about a thousand contributions; each site is checked (`make
check`) then built (`make html`) with the repository's settings, theme and plugins.

- The check and the build agree: nothing crashes; what the check accepts is published (with its calendar
  entry); what it refuses is named with its line and left out; every message is one plain line.
- Nothing runs in a browser: every page of the payload sites opened in Chromium, 0 dialogs, 0 calls of the
  probe; no javascript:/vbscript:/data: address in any attribute of any page; no request to another host.
- Feeds: every entry's HTML rendered as a reader does, 0 executions; XML and JSON well-formed; calendars
  read by icalendar and `ical`, holding only their events; M3U8 one entry per track.

    .venv/bin/python -m pytest tests/hostile
"""

from __future__ import annotations

import pytest
from hostile_browser import browse, static_scan
from hostile_feeds import FeedHtml, calendar_failures, feed_html, m3u8_failures, malformed, render_feed_html
from hostile_sites import HostileSite, hostile_sites  # noqa: F401 (the session fixture)
from hostile_verdicts import agreement_failures, message_failures, read_verdicts, report_failures

SHOWN = 60  # failures listed in full in an assertion's message


def listed(failures: list[str]) -> str:
    more = f"\n… and {len(failures) - SHOWN} more" if len(failures) > SHOWN else ""
    return f"{len(failures)} failure(s):\n" + "\n".join(failures[:SHOWN]) + more


# --- A: make check and make html agree ----------------------------------------------------------------


def test_no_contribution_stops_make_check_or_the_build(hostile_sites):
    failures = [f"{site.name}: {crash}" for site in hostile_sites for crash in site.crashes]
    failures += [f"{site.name}: the build logged {error[:200]}" for site in hostile_sites for error in site.errors]
    failures += [f"{site.name}: make check never finished" for site in hostile_sites if site.check_status is None]
    assert not failures, listed(failures)


def test_what_make_check_accepts_is_published_and_what_it_refuses_is_named_and_left_out(hostile_sites):
    failures = agreement_failures(hostile_sites)
    assert not failures, listed(failures)


def test_every_message_is_one_plain_line_naming_its_file(hostile_sites):
    failures = message_failures(hostile_sites)
    assert not failures, listed(failures)


def test_the_build_prints_the_problems_make_check_prints(hostile_sites):
    failures = report_failures(hostile_sites)
    assert not failures, listed(failures)


def _of(entries=(), fields=(), cases=()):
    def chosen(planned):
        if planned.entry is None:
            return planned.case in cases
        return planned.entry.key in entries and (not fields or planned.field in fields)

    return chosen


# Issue 16's crashes, each by what it protects: one file never stops the build, and what make check
# accepts is built.
CRASHES = {
    "control characters and non-characters in names": _of(
        [
            "odd-x00",
            "odd-x01",
            "odd-x0b",
            "odd-x0c",
            "odd-x1b",
            "odd-ansi",
            "odd-ufffe",
            "odd-uffff",
            "odd-ufdd0",
            "odd-raw-x0b",
            "odd-raw-x1b",
        ],
        ["event.title", "place.name", "track.title", "story.title", "playlist.title"],
    ),
    "a place name over two lines, and the events at that place": _of(
        [
            "odd-literal",
            "odd-folded",
            "odd-keep",
            "odd-plain-2-lines",
            "odd-single-2-lines",
            "odd-lf",
            "odd-crlf",
            "odd-cr",
            "odd-u2028",
            "odd-x85",
            "odd-raw-x85",
            "odd-raw-u2028",
        ],
        ["place.name", "event.place.name"],
    ),
    "a series without end": _of(
        cases=[
            "series-daily-9999",
            "series-weekly-9999",
            "series-rrule-9999",
            "series-rrule-count",
            "series-extra-9999",
            "start-9999",
            "all-day-until-9999",
            "start-year-1",
        ]
    ),
    "a lone surrogate": _of(["odd-ud800", "odd-udfff"], cases=["surrogate-bytes"]),
    "a description nested deeply": _of(
        cases=[
            "deep-dashes",
            "deep-list-levels",
            "deep-divs",
            "deep-quotes",
            "deep-emphasis",
            "yaml-deep-flow",
            "yaml-deep-block",
        ]
    ),
    "ordinary Markdown in an event's text": _of(
        cases=[
            "md-reference-link",
            "md-fenced-html",
            "md-attribute-list",
            "md-footnote",
            "md-abbreviation",
            "md-definition-table",
            "md-in-html",
        ]
    ),
    "injections into iCal, M3U8 and feeds": _of(
        ["odd-ical-attach", "odd-ical-vevent", "odd-ical-param", "odd-m3u8", "odd-feed-cdata", "odd-json-quote"]
    ),
}


@pytest.mark.parametrize("what", list(CRASHES))
def test_one_file_never_stops_the_build(hostile_sites, what):
    failures = agreement_failures(hostile_sites, CRASHES[what])
    assert not failures, listed(failures)


def test_event_times_never_depend_on_the_build_machine(hostile_sites):
    """`timezone: localtime` (and other names of the machine's own zone files) are refused."""
    failures = []
    for site in hostile_sites:
        verdicts = read_verdicts(site)
        for path, planned in site.planned.items():
            machine = planned.case in ("timezone-localtime", "timezone-posixrules", "timezone-path")
            if machine and planned.primary and not verdicts.refused(path) and path not in site.quarantined:
                failures.append(f"make check accepted {path} ({planned.case})")
    assert not failures, listed(failures)


def test_a_nul_byte_is_not_called_an_encoding_problem(hostile_sites):
    """A NUL character is named as such: "not saved as UTF-8" sends the contributor to the wrong fix."""
    failures = []
    for site in hostile_sites:
        verdicts = read_verdicts(site)
        for path, planned in site.planned.items():
            if planned.case == "nul-in-body" or (
                planned.entry
                and planned.entry.key in ("odd-x00", "odd-yaml0")
                and planned.primary
                and planned.field == "event.body"
            ):
                said = " ".join(message for _, message in verdicts.problems.get(path, []))
                if "UTF-8" in said or not said:
                    failures.append(f"{path}: {said[:200] or 'no message'}")
    assert not failures, listed(failures)


# --- B: nothing runs in a browser ---------------------------------------------------------------------

CONTROL = (
    "<!doctype html><title>t</title><script>kiosqueRan(1)</script><img src=x onerror=alert('control')>"
    "<img src='https://tracker.example/pixel.gif' alt=''>"
    '<a href="jav\tascript:kiosqueRan(2)">x</a><img src=" data:image/gif,x" alt="">'
)


def test_the_probes_see_a_script_a_dialog_a_remote_request_and_a_script_address(chromium, tmp_path):
    """The detectors themselves, on a page that does everything the corpus must not: without this, zero
    executions could mean a blind probe."""
    control = HostileSite("control", tmp_path, browse=True, built=True)
    (control.output / "control").mkdir(parents=True)
    (control.output / "control" / "index.html").write_text(CONTROL, encoding="utf-8")
    browsed = browse(chromium, [control])
    assert browsed.pages == 1 and browsed.unopened == []
    assert any("kiosqueRan" not in line and "alert('control')" in line for line in browsed.executions), (
        browsed.executions
    )
    assert any("probe 1" in line for line in browsed.executions), browsed.executions
    assert [request.split(" ")[0] for request in browsed.requests] == ["https://tracker.example/pixel.gif"]
    scripts, remote = static_scan([control])
    assert len(scripts) == 4, scripts
    assert [
        "<script" in scripts[0],
        "onerror=" in scripts[1],
        "javascript: address" in scripts[2],
        "data: address" in scripts[3],
    ] == [True] * 4, scripts
    assert remote == [
        "control:/control/index.html: <img src='https://tracker.example/pixel.gif'> loads from tracker.example"
    ]
    rendered = render_feed_html(chromium, [control], {CONTROL: FeedHtml(CONTROL, ["control feed"])})
    assert len(rendered.executions) == 2 and len(rendered.requests) == 1, rendered


@pytest.fixture(scope="module")
def browsed(chromium, hostile_sites):
    return browse(chromium, hostile_sites)


@pytest.fixture(scope="module")
def scanned(hostile_sites):
    return static_scan(hostile_sites)


def test_no_contributor_text_runs_script_in_a_readers_browser(browsed, hostile_sites):
    unbuilt = [
        f"{site.name} was not built: its pages could not be opened"
        for site in hostile_sites
        if site.browse and not site.built
    ]
    failures = browsed.executions + browsed.unopened + unbuilt
    assert browsed.pages > 0
    assert not failures, listed(failures)


def test_no_script_address_nor_event_handler_in_any_attribute(scanned):
    scripts, _ = scanned
    assert not scripts, listed(scripts)


def test_no_page_asks_anything_of_another_host(browsed, scanned):
    _, remote = scanned
    failures = remote + browsed.requests
    assert not failures, listed(failures)


# --- C: feeds, calendars and exports --------------------------------------------------------------------


def test_feed_readers_run_no_contributor_script(chromium, hostile_sites):
    entries = feed_html(hostile_sites)
    rendered = render_feed_html(chromium, hostile_sites, entries)
    failures = (
        rendered.executions
        + rendered.unopened
        + [f"feed HTML asks another host: {request}" for request in rendered.requests]
    )
    assert not failures, listed(failures)


def test_feeds_and_exports_are_well_formed_xml_and_json(hostile_sites):
    failures = malformed(hostile_sites)
    assert not failures, listed(failures)


def test_calendars_are_read_by_icalendar_and_ical_and_hold_only_their_events(hostile_sites):
    failures = calendar_failures(hostile_sites)
    assert not failures, listed(failures)


def test_m3u8_playlists_have_one_entry_per_track(hostile_sites):
    failures = m3u8_failures(hostile_sites)
    assert not failures, listed(failures)
