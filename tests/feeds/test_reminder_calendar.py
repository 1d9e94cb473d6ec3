"""An event's reminder.ics: its event.ics with two alarms on each VEVENT, the day before and an hour before,
read as such by icalendar, by the strict `ical` parser and by ical.js (Thunderbird, Nextcloud); offered where
"add to my calendar" is (not for a past or a cancelled event), and never an alarm in a subscription calendar
(the agenda's, a filter's) nor in event.ics, however the VEVENTs are kept from one build to the next."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from clients.readers import node_json
from conftest import REPO, build, write_files
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from pelican import signals

from feeds.generator import FeedsGenerator
from feeds.ical import Calendars
from interface import theme_catalogues
from speed.store import Store

SITE = "https://agenda.example.org"
DOMAIN = "agenda.example.org"
DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


def event(title: str, start: str, more: str = "") -> str:
    return (
        f"---\ntitle: {title}\nstart: {start}\nduration: 2 h\nplace: salle\ncategories: [concert]\n{more}---\nTexte.\n"
    )


FILES = {
    "places/salle.yaml": "name: Salle des fêtes\naddress: {street: 1 rue Haute, city: Lyon}\n",
    "events/2026/concert.md": event("Concert du soir", "2026-12-12 20:00"),
    # every Wednesday at 10:30 with an extra Saturday, one Wednesday cancelled and one moved to a Saturday
    "events/2026/conte.md": event(
        "Conte",
        "2026-12-02 10:30",
        "recurrence: {frequency: weekly, weekdays: [wednesday], until: 2027-01-27}\n"
        "extra: [2026-12-19 10:30]\n"
        "occurrences:\n"
        "  - {date: 2027-01-13, status: cancelled, note: Fermé.}\n"
        "  - {date: 2027-01-20, status: rescheduled, start: 2027-01-23 10:30}\n",
    ),
    "events/2026/annule.md": event("Annulé", "2026-12-20 18:00", "status: cancelled\n"),
    "events/2026/passe.md": event("Passé", "2026-11-20 18:00"),  # ended 11 days ago: in the feeds' window still
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built site's output, and the feeds generator that wrote it (its events and their facts)."""
    root = tmp_path_factory.mktemp("reminders")
    write_files(root / "content", FILES)
    seen = []

    def keep(generators):
        seen.extend(g for g in generators if isinstance(g, FeedsGenerator))

    signals.all_generators_finalized.connect(keep)
    try:
        built = build(root, today="2026-12-01", SITEURL=SITE, RELATIVE_URLS=False, KIOSQUE_UID_DOMAIN=DOMAIN)
    finally:
        signals.all_generators_finalized.disconnect(keep)
    return built.output, seen[0]


def vevents(path) -> list:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def alarms(vevent) -> list[tuple[str, str, dt.timedelta, str]]:
    """(ACTION, DESCRIPTION, TRIGGER, what it is related to) of each VALARM of a VEVENT, as icalendar reads it."""
    return sorted(
        (
            str(alarm["ACTION"]),
            str(alarm["DESCRIPTION"]),
            alarm["TRIGGER"].dt,
            alarm["TRIGGER"].params.get("RELATED", "START"),
        )
        for alarm in vevent.walk("VALARM")
    )


def both(title: str) -> list[tuple[str, str, dt.timedelta, str]]:
    return [("DISPLAY", title, -DAY, "START"), ("DISPLAY", title, -HOUR, "START")]


def without_alarms(vevent) -> bytes:
    vevent.subcomponents = [component for component in vevent.subcomponents if component.name != "VALARM"]
    return vevent.to_ical()


def test_the_reminder_is_the_event_ics_with_two_alarms_read_by_icalendar(site):
    output, _ = site
    raw = (output / "agenda/concert/reminder.ics").read_bytes()
    assert b"TRIGGER;RELATED=START:-P1D\r\n" in raw and b"TRIGGER;RELATED=START:-PT1H\r\n" in raw
    (reminded,) = vevents(output / "agenda/concert/reminder.ics")
    assert str(reminded["UID"]) == f"concert@{DOMAIN}"  # the same event: importing it after event.ics updates it
    assert alarms(reminded) == both("Concert du soir")
    (plain,) = vevents(output / "agenda/concert/event.ics")
    assert without_alarms(reminded) == plain.to_ical()  # nothing else differs
    head = Calendar.from_ical(raw)
    assert str(head["SOURCE"]) == f"{SITE}/agenda/concert/reminder.ics"


def test_each_date_of_a_series_has_its_alarms_but_the_cancelled_one(site):
    output, _ = site
    found = {
        (str(v["UID"]), v.get("RECURRENCE-ID") and v["RECURRENCE-ID"].dt.date().isoformat()): alarms(v)
        for v in vevents(output / "agenda/conte/reminder.ics")
    }
    assert found == {
        (f"conte@{DOMAIN}", None): both("Conte"),  # the series, with its RRULE
        (f"conte.20261219T103000@{DOMAIN}", None): both("Conte"),  # its extra Saturday
        (f"conte@{DOMAIN}", "2027-01-20"): both("Conte"),  # the Wednesday moved to Saturday 23rd
        (f"conte@{DOMAIN}", "2027-01-13"): [],  # cancelled: no call to a date that will not take place
    }
    plain = vevents(output / "agenda/conte/event.ics")
    assert [without_alarms(v) for v in vevents(output / "agenda/conte/reminder.ics")] == [v.to_ical() for v in plain]


def test_the_strict_ical_parser_reads_the_alarms(site):
    output, _ = site
    for slug, title, count in (("concert", "Concert du soir", 1), ("conte", "Conte", 4)):
        calendar = IcsCalendarStream.calendar_from_ics((output / f"agenda/{slug}/reminder.ics").read_text())
        assert len(calendar.events) == count
        for item in calendar.events:
            expected = [] if item.status == "CANCELLED" else [(title, -DAY), (title, -HOUR)]
            assert sorted((alarm.description, alarm.trigger) for alarm in item.alarm) == expected, item.uid
            assert all(alarm.action == "DISPLAY" for alarm in item.alarm)


ICAL_JS = """
// Every date of each series of a file from ical.js, as Thunderbird expands it, with the alarms it rings for it.
const fs = require('fs');
const ICAL = require('ical.js');
const [from, to, ...files] = process.argv.slice(1);
const result = {};
for (const file of files) {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const dates = result[file] = [];
  const vevents = calendar.getAllSubcomponents('vevent');
  for (const vevent of vevents.filter(v => !v.hasProperty('recurrence-id'))) {
    const uid = vevent.getFirstPropertyValue('uid');
    const exceptions = vevents.filter(v => v !== vevent && v.getFirstPropertyValue('uid') === uid);
    const event = new ICAL.Event(vevent, {exceptions});
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      const moment = details.startDate.toJSDate();
      if (moment > new Date(to)) break;
      if (moment < new Date(from)) continue;
      const item = details.item.component;
      const alarms = item.getAllSubcomponents('valarm').map(alarm => {
        const trigger = alarm.getFirstProperty('trigger');
        return [alarm.getFirstPropertyValue('action'), alarm.getFirstPropertyValue('description'),
                trigger.getFirstValue().toSeconds(), trigger.getParameter('related') || 'START'];
      });
      dates.push([uid, moment.toISOString(), item.getFirstPropertyValue('status'), alarms]);
    }
  }
}
process.stdout.write(JSON.stringify(result));
"""


def test_ical_js_rings_the_day_before_and_an_hour_before_every_date_to_come(site):
    output, _ = site
    files = {
        "concert": "agenda/concert/reminder.ics",
        "conte": "agenda/conte/reminder.ics",
        "concert-plain": "agenda/concert/event.ics",
        "agenda": "feeds/agenda.ics",
    }
    found = node_json(
        ICAL_JS, "2026-11-01T00:00:00Z", "2027-03-01T00:00:00Z", *(str(output / f) for f in files.values())
    )
    read = {  # [uid, start, status, alarms] of each date, the alarms in a stable order
        name: [[*date[:3], sorted(date[3])] for date in found[str(output / path)]] for name, path in files.items()
    }

    def rings(title: str) -> list:
        return sorted([["DISPLAY", title, -86400, "START"], ["DISPLAY", title, -3600, "START"]])

    assert read["concert"] == [
        [f"concert@{DOMAIN}", "2026-12-12T19:00:00.000Z", "CONFIRMED", rings("Concert du soir")]  # 20:00 in Lyon
    ]
    conte = read["conte"]
    series = [date for date in conte if date[0] == f"conte@{DOMAIN}"]
    assert [date[1][:10] for date in series] == [
        *("2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23", "2026-12-30"),
        *("2027-01-06", "2027-01-13", "2027-01-23", "2027-01-27"),
    ]
    for _uid, start, status, found in conte:
        cancelled = start.startswith("2027-01-13")
        assert (status, found) == (("CANCELLED", []) if cancelled else ("CONFIRMED", rings("Conte"))), start
    assert [date[:2] for date in conte if date[0] != f"conte@{DOMAIN}"] == [
        [f"conte.20261219T103000@{DOMAIN}", "2026-12-19T09:30:00.000Z"]
    ]
    assert read["concert-plain"][0][3] == [] and len(read["agenda"]) > 10
    assert all(found == [] for *_, found in read["agenda"])  # a subscriber is never called


def test_no_subscription_calendar_and_no_event_ics_has_an_alarm(site):
    output, _ = site
    calendars = [
        "feeds/agenda.ics",
        "feeds/agenda/category/concert.ics",
        "feeds/agenda/place/salle.ics",
        *(f"agenda/{slug}/event.ics" for slug in ("concert", "conte", "annule", "passe")),
    ]
    for name in calendars:
        read = vevents(output / name)
        assert read and all(v.walk("VALARM") == [] for v in read), name
        assert b"VALARM" not in (output / name).read_bytes(), name
    uids = {str(v["UID"]) for v in vevents(output / "feeds/agenda.ics")}
    assert {f"concert@{DOMAIN}", f"conte@{DOMAIN}", f"passe@{DOMAIN}"} <= uids


def test_a_calendar_made_after_a_reminder_has_no_alarm(site):
    """The VEVENTs kept for one calendar are never those of another: asked for the reminder first, then for
    the agenda, a build's Calendars gives the agenda no alarm."""
    _, feeds = site
    pairs = [(event, feeds.facts[event.slug]) for event in feeds.with_calendar]
    calendars = Calendars(Store({}, "vevents"))
    reminded = Calendar.from_ical(calendars.calendar("Rappel", f"{SITE}/r.ics", pairs, reminders=True))
    plain = Calendar.from_ical(calendars.calendar("Agenda", f"{SITE}/a.ics", pairs))
    to_come = [v for v in reminded.walk("VEVENT") if v["STATUS"] != "CANCELLED"]  # a cancelled one rings not
    assert len(to_come) == 5 and all(len(v.walk("VALARM")) == 2 for v in to_come)
    assert plain.walk("VEVENT") and plain.walk("VALARM") == []


def test_a_rebuild_from_the_kept_vevents_keeps_the_alarms_apart(tmp_path, speed_machinery):
    """The second build takes every VEVENT from the store the first one wrote."""
    write_files(tmp_path / "content", FILES)
    for _ in range(2):
        output = build(tmp_path, today="2026-12-01", SITEURL=SITE, RELATIVE_URLS=False).output
        assert alarms(vevents(output / "agenda/concert/reminder.ics")[0]) == both("Concert du soir")
        for name in ("feeds/agenda.ics", "feeds/agenda/category/concert.ics", "agenda/concert/event.ics"):
            assert b"VALARM" not in (output / name).read_bytes(), name
        assert (tmp_path / "cache/kiosque-vevents.pickle").is_file()  # read by the next build


def test_the_link_is_offered_where_add_to_my_calendar_is_and_its_file_exists(site):
    output, _ = site
    page = (output / "agenda/concert/index.html").read_text()
    (link,) = re.findall(r'<a\s+href="([^"]*reminder\.ics)" type="text/calendar">([^<]*)</a>', page)
    interface = theme_catalogues(str(REPO / "theme")).translations("fr")  # the site's language
    words = interface.gettext("Calendar file with a reminder (the day before and an hour before)")
    assert (link[0], html.unescape(link[1])) == (f"{SITE}/agenda/concert/reminder.ics", words)
    assert (output / link[0].removeprefix(f"{SITE}/")).is_file()
    for slug in ("annule", "passe"):  # cancelled; over: neither a link nor a file
        assert (output / f"agenda/{slug}/index.html").is_file()
        assert "reminder.ics" not in (output / f"agenda/{slug}/index.html").read_text(), slug
        assert not (output / f"agenda/{slug}/reminder.ics").exists(), slug
        assert (output / f"agenda/{slug}/event.ics").is_file(), slug  # while its event.ics is still written
    assert (output / "agenda/conte/reminder.ics").is_file() and "reminder.ics" in (
        output / "agenda/conte/index.html"
    ).read_text()


def test_a_whole_day_rings_the_day_before_and_that_morning_not_at_night(site_factory):
    """A whole day starts at midnight: "an hour before" would ring at 23:00 the evening before."""
    site = site_factory(
        {
            "places/parc.yaml": "name: Parc\naddress:\n  street: 1 place du Parc\n  city: Lyon\n",
            "events/marche.md": "---\ntitle: Marché\nstart: 2026-12-12\nplace: parc\ncategories: [market]\n---\n",
        },
        today="2026-12-02",
    )
    (vevent,) = Calendar.from_ical(site.read("agenda/marche/reminder.ics")).walk("VEVENT")
    triggers = [alarm.decoded("trigger") for alarm in vevent.walk("VALARM")]
    assert triggers == [dt.timedelta(hours=-15), dt.timedelta(hours=9)]  # 9:00 on the 11th, 9:00 on the 12th
