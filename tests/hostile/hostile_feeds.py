"""The hostile sites' feeds and exports as the programs that read them do: feedparser with its sanitizer
off (as a reader that trusts the feed's HTML), each entry's HTML rendered in Chromium where scripts would
run; lxml for every XML file, json for every JSON file, icalendar and `ical` for every calendar, and the
M3U8 playlists line by line."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import feedparser
from hostile_browser import Browsed, browser_context, who
from hostile_sites import UID_DOMAIN, HostileSite, page_of
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from lxml import etree

NEWS = (".rss.xml", ".atom.xml", ".podcast.xml")


@dataclass
class FeedHtml:
    html: str
    where: list[str] = field(default_factory=list)  # site:feed path "entry title", first few


def feed_html(sites: list[HostileSite]) -> dict[str, FeedHtml]:
    """Every distinct HTML of an entry (RSS description and content:encoded, Atom summary and content of
    an HTML type, JSON Feed content_html) that could hold markup at all (it has a '<')."""
    found: dict[str, FeedHtml] = {}

    def keep(html: str, where: str) -> None:
        if "<" in html:
            item = found.setdefault(html, FeedHtml(html))
            if len(item.where) < 3:
                item.where.append(where)

    for site in sites:
        if not site.built:
            continue
        for path in sorted((site.output / "feeds").rglob("*")):
            shown = f"{site.name}:/{path.relative_to(site.output).as_posix()}"
            if path.name.endswith(NEWS):
                parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
                for entry in parsed.entries:
                    details = [entry.get("summary_detail")] + list(entry.get("content") or [])
                    for detail in details:
                        if detail and "html" in (detail.get("type") or ""):
                            keep(detail.get("value") or "", f"{shown} entry {entry.get('title', '')[:60]!r}")
            elif path.suffix == ".json":
                for item in json.loads(path.read_text(encoding="utf-8")).get("items", []):
                    if item.get("content_html"):
                        keep(item["content_html"], f"{shown} item {item.get('title', '')[:60]!r}")
    return found


def render_feed_html(chromium, sites: list[HostileSite], entries: dict[str, FeedHtml]) -> Browsed:
    """Each entry's HTML as the whole of a page, scripts on, no sandbox: what would run in a reader."""
    record = Browsed()
    current = {"entry": None}
    context = browser_context(
        chromium,
        record,
        lambda number: who(sites, number),
        lambda page: f"the feed entry of {'; '.join(current['entry'].where)}",
    )
    page = context.new_page()
    page.on(
        "popup",
        lambda popup: record.executions.append(
            f"a pop-up opened {popup.url[:100]} from {'; '.join(current['entry'].where)}"
        ),
    )
    try:
        for entry in entries.values():
            current["entry"] = entry
            record.pages += 1
            try:
                page.set_content(entry.html, wait_until="load", timeout=10_000)
            except Exception as error:
                record.unopened.append(f"{entry.where[0]}: {str(error).splitlines()[0][:120]}")
                page.close()
                page = context.new_page()
    finally:
        context.close()
    return record


def malformed(sites: list[HostileSite]) -> list[str]:
    """XML that a strict parser refuses, JSON that is not JSON or holds text no UTF-8 reader can take."""
    failures = []
    for site in sites:
        if not site.built:
            continue
        for path in sorted(site.output.rglob("*")):
            shown = f"{site.name}:/{path.relative_to(site.output).as_posix()}"
            if path.name.endswith((".xml", ".xspf")):
                try:
                    etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False, no_network=True))
                except etree.XMLSyntaxError as error:
                    failures.append(f"{shown} is not well-formed XML: {error}")
            elif path.suffix in (".json", ".geojson", ".jspf") and path.relative_to(site.output).parts[0] != "schema":
                try:
                    _utf8_strings(json.loads(path.read_bytes().decode("utf-8")))
                except (ValueError, UnicodeError) as error:
                    failures.append(f"{shown} is not JSON a reader can use: {str(error)[:160]}")
    return failures


def _utf8_strings(value) -> None:
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, dict):
        for key, item in value.items():
            _utf8_strings(key)
            _utf8_strings(item)
    elif isinstance(value, list):
        for item in value:
            _utf8_strings(item)


# Every property kiosque writes in a VEVENT (plugins/feeds/ical.py): any other was injected.
VEVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "CREATED",
    "LAST-MODIFIED",
    "SEQUENCE",
    "SUMMARY",
    "STATUS",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "EXDATE",
    "RDATE",
    "DESCRIPTION",
    "URL",
    "LOCATION",
    "GEO",
    "CATEGORIES",
    "ORGANIZER",
}
CALENDAR_COMPONENTS = {"VEVENT", "VTIMEZONE"}


def calendar_failures(sites: list[HostileSite]) -> list[str]:
    failures = []
    for site in sites:
        if not site.built:
            continue
        events = {
            page_of(path).split("/")[1] for path in site.planned if path.startswith("content/events/") and page_of(path)
        }
        for path in sorted(site.output.rglob("*.ics")):
            shown = f"{site.name}:/{path.relative_to(site.output).as_posix()}"
            data = path.read_bytes()
            try:
                calendar = Calendar.from_ical(data)
            except Exception as error:
                failures.append(f"{shown}: icalendar cannot read it: {type(error).__name__}: {str(error)[:160]}")
                continue
            try:
                IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
            except Exception as error:
                failures.append(
                    f"{shown}: ical cannot read it: {type(error).__name__}: {' '.join(str(error).split())[:200]}"
                )
            failures += _calendar_content(shown, calendar, path, site, events)
    return failures


# reminder.ics's only components: its two alarms (an event's, a whole day's)
REMINDERS = {True: [("DISPLAY", "-PT15H"), ("DISPLAY", "PT9H")], False: [("DISPLAY", "-P1D"), ("DISPLAY", "-PT1H")]}


def _alarm(component, vevent) -> tuple[str, str] | None:
    """(action, trigger) of one of our alarms, which say the event's title; None for anything else."""
    if component.name != "VALARM" or str(component.get("DESCRIPTION")) != str(vevent.get("SUMMARY")):
        return None
    if set(component.keys()) != {"ACTION", "TRIGGER", "DESCRIPTION"}:
        return None
    return str(component.get("ACTION")), component.get("TRIGGER").to_ical().decode()


def _calendar_content(shown: str, calendar, path: Path, site: HostileSite, events: set[str]) -> list[str]:
    failures = []
    vevents = []
    for component in calendar.subcomponents:
        if component.name not in CALENDAR_COMPONENTS:
            failures.append(f"{shown}: a {component.name} component was injected")
        if component.name == "VEVENT":
            vevents.append(component)
    for vevent in vevents:
        uid = str(vevent.get("UID", ""))
        extra = {name for name in vevent.keys() if name not in VEVENT_PROPERTIES}
        if extra:
            failures.append(f"{shown}: VEVENT {uid} holds injected properties {sorted(extra)}")
        rings = path.name == "reminder.ics" and str(vevent.get("STATUS")) != "CANCELLED"  # not a cancelled date
        whole_day = not isinstance(vevent.decoded("DTSTART"), dt.datetime)
        if [_alarm(c, vevent) for c in vevent.subcomponents] != (REMINDERS[whole_day] if rings else []):
            failures.append(f"{shown}: VEVENT {uid} holds injected {[c.name for c in vevent.subcomponents]}")
        own = uid.removesuffix("@" + UID_DOMAIN).split(".")[0]  # an extra date's UID is <slug>.<date>@<domain>
        if not uid.endswith("@" + UID_DOMAIN) or own not in events:
            failures.append(f"{shown}: a VEVENT whose UID {uid[:80]!r} is no event of the site")
    if path.name in ("event.ics", "reminder.ics"):
        slug = path.parent.name
        uids = [str(vevent.get("UID")) for vevent in vevents]
        if uids[:1] != [f"{slug}@{UID_DOMAIN}"] or any(
            not re.fullmatch(
                rf"{re.escape(slug)}\.\d{{8}}(T\d{{6}})?@"
                rf"{re.escape(UID_DOMAIN)}",
                uid,
            )
            for uid in uids[1:]
        ):
            failures.append(f"{shown}: expected {slug}@{UID_DOMAIN}, then its extra dates; found {uids[:4]}")
    return failures


def m3u8_failures(sites: list[HostileSite]) -> list[str]:
    """One entry (#EXTINF and its address) per track a player can open (a recording or a platform link, which
    its page shows as <audio> or as a nofollow link), and nothing else."""
    failures = []
    for site in sites:
        if not site.built:
            continue
        for path in sorted(site.output.glob("playlists/*.m3u8")):
            shown = f"{site.name}:/{path.relative_to(site.output).as_posix()}"
            folder = site.output / "playlists" / path.name.removesuffix(".m3u8")
            expected = sum(
                1
                for page in folder.glob("*/index.html")
                if re.search(r'<audio|rel="nofollow noopener"', page.read_text(encoding="utf-8"))
            )
            lines = path.read_text(encoding="utf-8").split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            entries = [line for line in lines if line.startswith("#EXTINF:")]
            addresses = [line for line in lines if not line.startswith("#")]
            directives = [line for line in lines if line.startswith("#") and not line.startswith("#EXTINF:")]
            if lines[:1] != ["#EXTM3U"]:
                failures.append(f"{shown}: does not start with #EXTM3U")
            if len(entries) != expected or len(addresses) != expected:
                odd = [address[:60] for address in addresses if not re.match(r"https?://", address)][:3]
                failures.append(
                    f"{shown}: {expected} track(s) with a recording or a link, but {len(entries)} #EXTINF and "
                    f"{len(addresses)} address line(s): {odd}"
                )
            if len(directives) > 2 or any(not re.match(r"#(EXTM3U|PLAYLIST:)", line) for line in directives):
                failures.append(f"{shown}: unexpected directives {[line[:60] for line in directives[:4]]}")
            for index, line in enumerate(lines):
                if line.startswith("#EXTINF:") and (index + 1 >= len(lines) or lines[index + 1].startswith("#")):
                    failures.append(f"{shown}: {line[:60]!r} is not followed by its address")
    return failures
