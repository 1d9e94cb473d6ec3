"""`make import` from end to end: a partner's server (a local HTTP server, ETag honoured) serves its calendar, the
import fetches, reads and syncs it into a site's repository, and the report says what a moderator must know."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from importing_sites import REPO, calendar, mtimes, repository, served, snapshot, source_file, vevent  # noqa: F401
from lxml import html
from markdown_it import MarkdownIt

from contributions import read_source
from importing.command import main, run_import
from importing.report import COUNTS, SENTENCES, translated


def said(sentence: str, **values) -> str:
    """A sentence of the report as the French site says it (translated or, until it is, in English)."""
    text = translated(sentence, "fr")
    return text % values if values else text


def counted(key: str, count: int) -> str:
    return said(dict(COUNTS)[key], count=count)


TODAY = dt.date(2026, 12, 7)

CONTE = vevent("conte@mediatheque.example.org", "Lectures au coin du feu", "20270109T103000", "20270109T113000")
ATELIER = vevent("atelier@mediatheque.example.org", "Atelier BD", "20270203T140000", "20270203T160000")
TROC = vevent("troc@mediatheque.example.org", "Troc de livres", "20270313T100000", "20270313T120000")


def imported_files(root: Path) -> dict[str, dict]:
    """uid -> the fields of its file, for every imported event file."""
    found = {}
    for path in (root / "content/events").rglob("*.md"):
        data = read_source(path.read_bytes(), True, 10**6).data
        if data.get("source"):
            found[data["source"]["uid"]] = {**data, "path": path.relative_to(root).as_posix()}
    return found


@pytest.fixture
def site(tmp_path, served):  # noqa: F811 (the fixture imported above)
    address = served.put("/agenda.ics", calendar(CONTE, ATELIER, TROC))
    return repository(tmp_path / "site", {"sources/mediatheque.yaml": source_file(address)}, sample=True)


def test_a_second_import_with_nothing_changed_changes_nothing_and_asks_with_the_etag(site, served):  # noqa: F811
    (first,) = run_import(site, today=TODAY, allow_private=True)
    assert not first.failed and len(first.written) == 3
    assert first.title == "Import : Médiathèque des Lilas — nouveaux : 3"
    before, times = snapshot(site / "content"), mtimes(site / "content")
    (second,) = run_import(site, today=TODAY, allow_private=True)
    assert second.written == [] and not second.failed
    assert second.title == "Import : Médiathèque des Lilas — rien à changer"
    assert snapshot(site / "content") == before and mtimes(site / "content") == times
    assert served.statuses == [("/agenda.ics", 200), ("/agenda.ics", 304)]
    assert served.requests[1][1] is not None  # If-None-Match sent
    state = (site / "cache/import/mediatheque.json").read_text(encoding="utf-8")
    assert '"etag"' in state


def test_a_change_a_cancellation_and_a_removal_at_the_source(site, served):  # noqa: F811
    run_import(site, today=TODAY, allow_private=True)
    before = imported_files(site)
    moved = vevent("conte@mediatheque.example.org", "Lectures au coin du feu", "20270116T103000", "20270116T113000")
    cancelled = ATELIER.replace("END:VEVENT", "STATUS:CANCELLED\r\nEND:VEVENT")
    served.put("/agenda.ics", calendar(moved, cancelled))  # the troc is gone
    (result,) = run_import(site, today=TODAY, allow_private=True)
    after = imported_files(site)
    conte, atelier, troc = (f"{uid}@mediatheque.example.org" for uid in ("conte", "atelier", "troc"))
    assert sorted(result.written) == sorted([before[conte]["path"], before[atelier]["path"], before[troc]["path"]])
    assert (after[conte]["start"], after[conte]["end"]) == ("2027-01-16 10:30", "2027-01-16 11:30")
    assert after[atelier]["status"] == "cancelled" and "status" not in before[atelier]
    assert after[troc]["status"] == "postponed" and after[troc]["title"] == before[troc]["title"]  # never deleted
    assert result.title == ("Import : Médiathèque des Lilas — modifiés : 1, annulés : 1, plus dans le calendrier : 1")
    text = result.description
    assert "Modifiés à la source, mis à jour ici :\n- Lectures au coin du feu — samedi 16 janvier 2027, 10:30" in text
    assert "Annulés à la source, annulés ici :\n- Atelier BD — mercredi 3 février 2027, 14:00" in text
    assert (
        "Plus dans le calendrier : marqués reportés dans l'agenda, avec une note qui le dit (jamais supprimés) :\n"
        "- Troc de livres — samedi 13 mars 2027, 10:00" in text
    )


def test_a_file_edited_here_whose_source_changed_is_proposed_as_the_source_says_showing_both(site, served):  # noqa: F811
    run_import(site, today=TODAY, allow_private=True)
    path = site / imported_files(site)["conte@mediatheque.example.org"]["path"]
    path.write_text(path.read_text(encoding="utf-8").replace("title: Lectures", "title: Grandes lectures"))
    (same,) = run_import(site, today=TODAY, allow_private=True)  # nothing changed there: the edit stands
    assert same.written == [] and counted("kept", 1) in same.description
    moved = vevent("conte@mediatheque.example.org", "Lectures au coin du feu", "20270116T103000", "20270116T113000")
    served.put("/agenda.ics", calendar(moved, ATELIER, TROC))
    (result,) = run_import(site, today=TODAY, allow_private=True)
    assert result.written == [path.relative_to(site).as_posix()]  # the proposal: the partner's version
    assert read_source(path.read_bytes(), True, 10**6).data["title"] == "Lectures au coin du feu"
    intro, first = result.description.split("\n\n")[:2]
    assert first == said(SENTENCES["hand_edited"])  # said first: merging replaces what was edited here
    rendered = html.fromstring(MarkdownIt("commonmark").enable("table").render(result.description))
    rows = [[cell.text_content() for cell in row.xpath("td")] for row in rendered.xpath("//tbody/tr")]
    assert rows == [
        ["title", "Grandes lectures au coin du feu", "Lectures au coin du feu"],
        ["start", "2027-01-09 10:30", "2027-01-16 10:30"],
        ["end", "2027-01-09 11:30", "2027-01-16 11:30"],
    ]
    assert rendered.xpath("//thead//th/text()") == [said(SENTENCES[name]) for name in ("field", "here", "source")]
    assert "title: Grandes lectures au coin du feu → Lectures au coin du feu" in result.text
    assert counted("hand_edited", 1) in result.title and counted("cancelled", 1) not in result.title


def test_a_cancellation_at_the_source_of_a_file_edited_here_is_in_the_title(site, served):  # noqa: F811
    run_import(site, today=TODAY, allow_private=True)
    path = site / imported_files(site)["atelier@mediatheque.example.org"]["path"]
    path.write_text(path.read_text(encoding="utf-8").replace("title: Atelier BD", "title: Atelier BD (8-12 ans)"))
    cancelled = ATELIER.replace("END:VEVENT", "STATUS:CANCELLED\r\nEND:VEVENT")
    served.put("/agenda.ics", calendar(CONTE, cancelled, TROC))
    (result,) = run_import(site, today=TODAY, allow_private=True)
    assert counted("cancelled", 1) in result.title and counted("hand_edited", 1) in result.title
    assert read_source(path.read_bytes(), True, 10**6).data["status"] == "cancelled"
    assert "| status | — | cancelled |" in result.description


def test_a_file_edited_to_what_the_source_says_is_taken_in_line_again_once(site, served):  # noqa: F811
    run_import(site, today=TODAY, allow_private=True)
    path = site / imported_files(site)["conte@mediatheque.example.org"]["path"]
    moved = vevent("conte@mediatheque.example.org", "Lectures au coin du feu", "20270109T103000", "20270109T120000")
    served.put("/agenda.ics", calendar(moved, ATELIER, TROC))
    path.write_text(path.read_text(encoding="utf-8").replace("end: 2027-01-09 11:30", "end: 2027-01-09 12:00"))
    (result,) = run_import(site, today=TODAY, allow_private=True)
    assert result.written == [path.relative_to(site).as_posix()]
    assert counted("realigned", 1) in result.title and said(SENTENCES["realigned"]) in result.description
    (again,) = run_import(site, today=TODAY, allow_private=True)
    assert again.written == [] and again.title == "Import : Médiathèque des Lilas — rien à changer"
    assert counted("kept", 0) in again.text


def test_an_event_already_entered_by_hand_is_not_imported_twice(tmp_path, served):  # noqa: F811
    nuit = vevent("nuit@mediatheque.example.org", "La Nuit de la lecture", "20270123T181500", "20270123T230000")
    address = served.put("/agenda.ics", calendar(nuit, CONTE))
    root = repository(tmp_path / "site", {"sources/mediatheque.yaml": source_file(address)})
    (result,) = run_import(root, today=TODAY, allow_private=True)
    assert list(imported_files(root)) == ["conte@mediatheque.example.org"]
    assert (
        "Déjà dans l'agenda, pas importés deux fois :\n- La Nuit de la lecture — samedi 23 janvier 2027, 18:15 : "
        "le même que content/events/2027/nuit-de-la-lecture.md" in result.description
    )


def test_a_source_that_fails_stops_no_other_and_make_import_says_so(tmp_path, served, monkeypatch, capsys):  # noqa: F811
    good = served.put("/agenda.ics", calendar(CONTE))
    files = {"sources/a-gone.yaml": source_file(served.address + "/gone.ics"), "sources/b-good.yaml": source_file(good)}
    root = repository(tmp_path / "site", files, sample=False)
    monkeypatch.chdir(root)
    monkeypatch.setenv("KIOSQUE_IMPORT_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("KIOSQUE_TODAY", TODAY.isoformat())
    assert main([]) == 1
    printed = capsys.readouterr().out
    assert "== Import : Médiathèque des Lilas — le calendrier n'a pas pu être lu" in printed
    failed = printed.split("== ")[1]
    assert failed.count(f"{served.address}/gone.ics") == 1 and "404" in failed  # the fetch's sentence, alone
    assert "n'a pas pu être lu :" not in failed and "lundi 7 décembre" not in failed  # never read: no date
    assert "Rien n'a été changé : les événements déjà importés restent tels quels." in printed
    assert "== Import : Médiathèque des Lilas — nouveaux : 1" in printed
    assert list(imported_files(root)) == ["conte@mediatheque.example.org"]
    assert main(["b-good", "--reports", str(tmp_path / "reports")]) == 0  # one source only: the one that works
    reports = tmp_path / "reports"  # what the forge's workflow reads (.github/workflows/import.yml)
    assert (reports / "b-good.title").read_text(encoding="utf-8") == "Import : Médiathèque des Lilas — rien à changer\n"
    assert (reports / "b-good.md").read_text(encoding="utf-8").startswith("Les événements du calendrier de Médiathèque")
    assert (reports / "b-good.label").read_text(encoding="utf-8") == ""
    capsys.readouterr()
    assert main(["nowhere"]) == 1
    printed = capsys.readouterr().out
    sentence = "There is no source named %(slug)s in content/sources/: the sources are %(sources)s."
    assert said(sentence, slug="nowhere", sources="a-gone, b-good") in printed
    assert said("Import: %(source)s — there is no such source", source="nowhere") in printed
    assert "()" not in printed and "décembre" not in printed


def test_a_source_file_make_check_refuses_says_so_without_a_date(tmp_path, served, monkeypatch, capsys):  # noqa: F811
    files = {"sources/src-passwd.yaml": source_file("../../etc/passwd")}
    root = repository(tmp_path / "site", files, sample=False)
    (result,) = run_import(root, today=TODAY, allow_private=True)
    assert result.failed and result.written == []
    title = "Import: %(source)s — its source file needs fixing"
    assert result.title == said(title, source="content/sources/src-passwd.yaml")
    first = result.text.split("\n\n")[0]  # make check's sentence is the first line: no intro, no date
    assert first.startswith("Le fichier de source content/sources/src-passwd.yaml est refusé par make check : calendar")
    assert "()" not in result.text and "décembre" not in result.text


def test_a_calendar_that_cannot_be_read_changes_nothing(site, served):  # noqa: F811
    run_import(site, today=TODAY, allow_private=True)
    before = snapshot(site / "content")
    served.put("/agenda.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:cut")
    (result,) = run_import(site, today=TODAY, allow_private=True)
    assert result.failed and result.written == []
    assert snapshot(site / "content") == before  # nothing vanished, nothing marked
    served.put("/agenda.ics", calendar())
    (empty,) = run_import(site, today=TODAY, allow_private=True)
    assert empty.failed and "Le calendrier ne contient aucun événement." in empty.description
    assert snapshot(site / "content") == before


HOSTILE = [
    "BEGIN:VEVENT",
    "UID:<script>alert('uid')</script>@evil.example.org",
    "DTSTAMP:20261201T090000Z",
    "DTSTART;TZID=Europe/Paris:20270110T150000",
    "DTEND;TZID=Europe/Paris:20270110T170000",
    "SUMMARY:<script>alert(1)</script> {{ config }} [clic](javascript:alert(2)) | @everyone",
    "DESCRIPTION:<img src=x onerror=alert(3)> {% for x in y %}{{ x }}{% endfor %}\\n[lien](javascript:alert(4))"
    "\\n<iframe src=https://evil.example.org></iframe>",
    'X-ALT-DESC;FMTTYPE=text/html:<p onclick="alert(5)">Bonjour <a href="javascript:alert(6)">ici</a>'
    "<script>alert(7)</script></p>",
    "LOCATION:<b>Salle</b> {{ 7*7 }}\\, 1 rue du <script>Pont</script>\\, 69007 Lyon",
    "URL:javascript:alert(8)",
    'ORGANIZER;CN="<script>alert(9)</script>":mailto:x@evil.example.org',
    "CATEGORIES:<script>,{{ x }}",
    "END:VEVENT",
]


def test_hostile_text_in_every_property_stays_inert_in_the_files_the_report_and_the_pages(tmp_path, served):  # noqa: F811
    from conftest import build

    address = served.put("/agenda.ics", calendar("\r\n".join(HOSTILE)))
    root = repository(tmp_path / "site", {"sources/mediatheque.yaml": source_file(address)}, sample=False)
    (result,) = run_import(root, today=TODAY, allow_private=True)
    assert not result.failed and len(result.written) == 1
    (path,) = (root / "content/events").rglob("*.md")
    assert re.fullmatch(r"mediatheque-script-alert-1-script-config-clic-[a-z0-9-]*[0-9a-f]{6}\.md", path.name)
    raw = path.read_text(encoding="utf-8")
    body = raw.split("\n---\n", 1)[1]  # the description: Markdown, sanitised; the fields are text the site escapes
    assert body == "Bonjour ici\n"
    assert "onerror" not in raw and "onclick" not in raw and "<iframe" not in raw
    rendered = MarkdownIt("commonmark").enable("table").render(result.description)
    page = html.fromstring(f"<div>{rendered}</div>")
    assert page.xpath("//script | //img | //iframe | //a") == []  # links, tags: all text
    assert "@\u2060everyone" in result.description  # no one notified
    assert "<script>alert(1)</script>" in page.text_content()  # shown as it was written
    built = build(root, today=TODAY.isoformat())
    assert not [w for w in built.warnings if "mediatheque-script" in w]
    for page_file in built.output.rglob("*.html"):
        tree = html.fromstring(page_file.read_bytes())
        scripts = tree.xpath("//script")
        code = [s for s in scripts if s.get("type") != "application/ld+json" and "alert(" in (s.text or "")]
        assert code == [] and not [s for s in scripts if "<" in (s.text or "")], page_file  # JSON-LD: \u003c
        assert not tree.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]"), page_file
        assert not tree.xpath("//*[@onerror or @onclick]"), page_file
    event_pages = [p for p in built.output.rglob("*.html") if "<script>alert(1)" in p.read_text(encoding="utf-8")]
    assert event_pages == []  # the title is escaped wherever it is shown
    assert any("&lt;script&gt;alert(1)" in p.read_text(encoding="utf-8") for p in built.output.rglob("*.html"))
    assert "{{ config }}" in raw and "{{ 7*7 }}" in raw  # Jinja syntax is text, never evaluated
    assert any("{{ 7*7 }}" in p.read_text(encoding="utf-8") for p in built.output.rglob("*.html"))


def test_every_setting_the_import_reads_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "importing").rglob("*.py"))
    names = set(re.findall(r"\bKIOSQUE_[A-Z_]+\b", code))
    assert "KIOSQUE_IMPORT_ALLOW_PRIVATE" in names
    assert sorted(name for name in names if name not in readme) == []


def test_an_event_the_filters_now_leave_out_has_not_vanished(tmp_path, served):  # noqa: F811
    address = served.put("/agenda.ics", calendar(CONTE, ATELIER))
    root = repository(tmp_path / "site", {"sources/mediatheque.yaml": source_file(address, trusted=True)}, False)
    run_import(root, today=TODAY, allow_private=True)
    before = snapshot(root / "content/events")
    source = root / "content/sources/mediatheque.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "keep:\n  words: [lectures]\n", encoding="utf-8")
    (result,) = run_import(root, today=TODAY, allow_private=True)
    assert result.written == [] and snapshot(root / "content/events") == before  # not marked postponed
    assert "plus dans le calendrier : 0" in result.text
    assert "écartés par les filtres de la source : 1" in result.text


BAD = "<script>alert(1)</script> [x](javascript:alert(2)) | ![i](https://evil.example.org/p.png) @admin\n# heading"


def test_every_line_of_the_report_keeps_hostile_text_inert():
    from importing.model import Said, Skipped
    from importing.report import write
    from importing.syncing import Changes, Outcome

    outcomes = [
        Outcome(
            action, BAD, BAD, "2027-01-09 10:30", path=f"events/2027/{action}.md", notes=[Said("%(x)s", {"x": BAD})]
        )
        for action in ("new", "changed", "cancelled", "vanished")
    ]
    outcomes.append(
        Outcome("hand_edited", "u", BAD, "2027-01-09", path="events/2027/e.md", differences=[(BAD, BAD, BAD)])
    )
    outcomes.append(Outcome("duplicate", "d", BAD, "2027-01-09", other=BAD))
    outcomes.append(Outcome("refused", "r", BAD, BAD, problems=[BAD, Said("%(why)s", {"why": BAD})]))
    skipped = [
        Skipped(BAD, BAD, Said("Two different events of the calendar have the same UID (%(uid)s).", {"uid": BAD}))
    ]
    report = write(BAD, BAD, Changes(Path("content"), outcomes), skipped, [Said("%(a)s", {"a": BAD})], "fr", TODAY)
    rendered = html.fromstring(f"<div>{MarkdownIt('commonmark').enable('table').render(report.markdown)}</div>")
    assert rendered.xpath("//script | //a | //img | //h1 | //h2") == []
    assert "@admin" not in report.markdown and report.markdown.count("@\u2060admin") >= 10
    assert rendered.text_content().count("<script>alert(1)</script>") >= 10  # shown, as text, everywhere
    assert "\n" not in report.title and "<script>" in report.title  # a title is text for the forges
    assert "\x1b" not in write("\x1b[31mred", "a", None, [], [], "fr", TODAY, problem=Said("x")).text


def test_a_new_event_already_cancelled_a_note_and_an_event_left_out_are_said_plainly():
    from types import SimpleNamespace

    from importing.model import Said, Skipped
    from importing.report import write
    from importing.syncing import NEW, Changes, Outcome

    tentative = Said("%(note)s", {"note": "Given as tentative by the partner: published as scheduled."})
    outcomes = [
        Outcome(NEW, "a", "Bal", "2027-01-09 20:00", path="events/2027/a.md", cancelled=True),
        Outcome(NEW, "b", "Troc", "2027-01-10", path="events/2027/b.md", notes=[tentative]),
    ]
    # An event left out, with its date when the reading gives one (`start`), and one without.
    dated = SimpleNamespace(uid="c", title="Conte", reason=Said("The event has no end."), start="2027-01-19")
    undated = Skipped("d", "Ciné", Said("The event has no start."))
    report = write(
        "Médiathèque", "https://m.example.org/a.ics", Changes(Path("c"), outcomes), [dated, undated], [], "fr", TODAY
    )
    bal = dict(title="Bal", when="samedi 9 janvier 2027, 20:00", path="content/events/2027/a.md")
    assert "- " + said(SENTENCES["event cancelled"], **bal) in report.text
    assert counted("new", 2) in report.title and counted("cancelled", 1) in report.title
    assert (
        said(SENTENCES["notes"]) + "\n- " + said(SENTENCES["note"], title="Troc", note="Given as tentative")
        in report.text
    )
    assert "Non repris" not in report.text and SENTENCES["notes"] == "Good to know:"
    conte = dict(title="Conte", when="mardi 19 janvier 2027", reason=said("The event has no end."))
    assert "- " + said(SENTENCES["skipped dated"], **conte) in report.text
    assert "- " + said(SENTENCES["skipped one"], title="Ciné", reason=said("The event has no start.")) in report.text


def test_the_readme_and_the_forge_workflow_say_what_the_import_does():
    import yaml

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Partner calendars", 1)[1].split("\n## ", 1)[0]
    assert "exits with status 1" not in section and "fails (a non-zero exit status)" in section  # make exits 2
    assert "whatever the source's trust" in section and "merging it replaces what was edited here" in section
    workflow = REPO / ".github/workflows/import.yml"
    assert "whatever the source's trust" in workflow.read_text(encoding="utf-8")
    steps = {
        step.get("name"): step
        for step in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["import"]["steps"]
    }
    assert steps["Import the source (its report is printed here too)"]["continue-on-error"] is True
    proposal = steps["Open, update or close the source's pull request"]
    assert proposal["if"] == "steps.import.outcome == 'success'" and proposal["with"]["delete-branch"] is True
    failure = steps["Say the failure in the open pull request"]
    assert failure["if"] == "steps.import.outcome == 'failure'" and "gh pr edit" in failure["run"]
    assert steps["The import failed (its report above says why)"]["run"] == "exit 1"
