"""Reporting a cancellation or a new date of a published event (issue 20): two short forms for what organizers
need most at the last minute. They build the changed fields themselves (a status and a note, a new start, or
one date of a series) and hand them to the intake, which checks and spools them as any correction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from babel.dates import format_date
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import MultiDict

from contributions import KINDS, Problem, SourceError, build_today, occurrences, read_source, validate_file

from .editing import REMOVED, Current, kind_of
from .protection import CSRF_COOKIE, CSRF_FIELD, HONEYPOT
from .wording import HELP, LABELS, MESSAGES, N_

ACTIONS = ("cancel", "move")
AHEAD = dt.timedelta(days=400)  # the coming dates a series offers: a little more than a season
MAX_DATES = 60
ALL = "all"
WORDS = {
    "cancel": N_("Report a cancellation"),
    "move": N_("Report a new date"),
    "which": N_("Which dates"),
    "which_help": N_("This event repeats: does the change concern all its dates, or only one?"),
    "all": N_("All dates"),
    "only": N_("Only %(day)s"),
    "cancel_note": N_("Why it is cancelled"),
    "cancel_note_help": N_("A short note for readers, shown on the event's page."),
    "move_note": N_("A note for readers (optional)"),
    "move_note_help": N_("Why it moved, or anything readers should know."),
    "day": N_("New date"),
    "time": N_("New start time"),
    "end_time": N_("New end time (optional)"),
    "end_time_help": N_("Leave it empty to keep the same length as before."),
    "place": N_("Another place (optional)"),
    "place_help": N_("Leave it empty if the place stays the same; otherwise choose one of the site's places."),
    "intro_cancel": N_(
        "Tell the moderators that “%(title)s” will not take place. They check it before it is published."
    ),
    "intro_move": N_("Tell the moderators that “%(title)s” takes place at another date or time."),
    "choose_dates": N_("Choose all dates, or the one date that changes."),
    "day_format": N_("Write the date like 2026-12-05."),
    "time_format": N_("Write the time like 20:30."),
    "end_before": N_("The end time must come after the start time."),
    "unknown_place": N_("This is not one of the site's places: choose one from the list, or leave it empty."),
    "send": N_("Send"),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
# where make check's problems are shown: the field of the file -> the field of the form
_BESIDE = {
    "start": "day",
    "previous_start": "day",
    "date": "which",
    "end": "end_time",
    "duration": "end_time",
    "place": "place",
    "status_note": "note",
    "note": "note",
    "contact": "contact",
}
_FORM_FIELDS = {"which", "day", "time", "end_time", "place", "note", "contact"}


@dataclasses.dataclass(frozen=True)
class Report:
    """The event as it is on the main branch, with what the forms need to know of its dates."""

    current: Current
    start: dt.date | dt.datetime  # as validated
    end: dt.date | dt.datetime | None
    series: bool
    dates: list[dt.date]  # the coming dates of a series

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def add_routes(app, bridge) -> None:
    """The routes /cancel and /move: the form (GET) and what it sends (POST)."""
    for action in ACTIONS:
        app.add_api_route(
            f"/{action}", _shower(bridge, action), methods=["GET"], response_class=HTMLResponse, include_in_schema=False
        )
        app.add_api_route(
            f"/{action}",
            _poster(bridge, action),
            methods=["POST"],
            response_class=HTMLResponse,
            include_in_schema=False,
        )


def _shower(bridge, action: str):
    async def show(request: Request, file: str = "", date: str = ""):
        report = read_report(bridge, bridge.main.read(file))
        if report is None:
            return bridge.message(request, "not_found", 404)
        values = MultiDict({"which": date} if date in {day.isoformat() for day in report.dates} else {})
        return form_page(bridge, request, action, report, values)

    show.__name__ = f"show_{action}"
    return show


def _poster(bridge, action: str):
    async def post(request: Request, file: str = ""):
        form, refused, refusal = await bridge.gate(request, 0)
        if refused:
            return refused
        report = read_report(bridge, shown(bridge, file, str(form.get("base") or "")))
        if report is None:
            return bridge.message(request, "not_found", 404)
        ui = bridge.ui(request)
        if refusal:
            status = 403 if refusal == "csrf" else 400
            return form_page(bridge, request, action, report, form, general=[ui.say(MESSAGES[refusal])], status=status)
        date, changes, problems = (cancelled if action == "cancel" else moved)(report, form, bridge, ui)
        if not problems:
            contact = str(form.get("contact") or "").strip()
            submission_id, problems = bridge.intake.submit_change(
                "event", report.current, action, date, changes, None, contact, {}, ui
            )
            if submission_id:
                return RedirectResponse(f"/receipt/{submission_id}?lang={ui.language}", status_code=303)
        beside, general = _placed(problems)
        return form_page(
            bridge, request, action, report, form, beside, [ui.say(MESSAGES["check_below"]), *general], status=422
        )

    post.__name__ = f"post_{action}"
    return post


def shown(bridge, file: str, base: str) -> Current | None:
    """The event as the form showed it: main's, or the version `base` the form carries when main moved since
    it opened or the file is gone (the intake then tells the moderators of the conflict)."""
    current = bridge.main.read(file)
    if not base or (current is not None and current.blob == base) or kind_of(file) != "event":
        return current
    text = bridge.main.blob_text(base)
    if text is None:
        return current
    try:
        source = read_source(text.encode("utf-8"), True, bridge.site.max_file_bytes)
    except SourceError:
        return current
    return Current(file, f"{bridge.intake.content}/{file}", "event", text, base, source.data, source.body)


def read_report(bridge, current: Current | None) -> Report | None:
    """What the forms need of an event's file; None for anything else (a link's path that is unsafe, not an
    event, not on main, or a file no longer valid)."""
    if current is None or current.kind != "event":
        return None
    site = bridge.site
    raw, relative = current.text.encode("utf-8"), PurePosixPath(current.path)
    found, _ = validate_file(
        bridge.settings.repository / current.repo_path, current.path, relative, KINDS["event"], site, raw=raw
    )
    if found is None:
        return None
    event = found.data
    series = bool(event.recurrence or event.rrule)
    dates = []
    if series:
        zone = ZoneInfo(site.timezone)
        today = dt.datetime.combine(build_today(None, site.timezone), dt.time(), tzinfo=zone)
        dates = sorted({dated.planned.date() for dated in occurrences(event, zone, today, today + AHEAD)})[:MAX_DATES]
    return Report(current, event.start, event.end, series, dates)


def form_page(bridge, request: Request, action: str, report: Report, values, beside=None, general=(), status=200):
    """The form of `action`, with a CSRF token bound to the visitor's cookie (as Bridge.form_page gives)."""
    ui = bridge.ui(request)
    nonce, token = bridge.tokens.issue(request.cookies.get(CSRF_COOKIE))
    places = bridge.intake.places() if action == "move" else []
    response = bridge.page(
        request,
        f"{action}.html",
        status,
        words={key: ui.say(text) for key, text in WORDS.items() if "%" not in text},
        intro=ui.say(WORDS[f"intro_{action}"], title=report.current.fields.get("title", "")),
        heading=ui.say(WORDS[action]),
        which=_which(report, ui),
        report=report,
        places=places,
        contact_label=ui.say(LABELS["contact"]),
        contact_help=ui.say(HELP["contact"]),
        values=values or MultiDict(),
        base=report.current.blob,
        beside=beside or {},
        general=list(general),
        token=token,
        honeypot=HONEYPOT,
        csrf_field=CSRF_FIELD,
    )
    response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


def _which(report: Report, ui) -> list[tuple[str, str]]:
    """The choices of a series: all its dates, or one of its coming dates in words."""
    if not report.series:
        return []
    days = [
        (day.isoformat(), ui.say(WORDS["only"], day=format_date(day, "full", locale=ui.language)))
        for day in report.dates
    ]
    return [(ALL, ui.say(WORDS["all"])), *days]


def _chosen_date(report: Report, form, ui) -> tuple[str | None, list[Problem]]:
    """None for the whole event, or the one date of a series the form chose."""
    if not report.series:
        return None, []
    which = str(form.get("which") or "")
    if which == ALL:
        return None, []
    if which in {day.isoformat() for day in report.dates}:
        return which, []
    return None, [Problem("", 0, "which", ui.say(WORDS["choose_dates"]))]


def _with_item(fields: dict, item: dict) -> list:
    """The file's `occurrences` with this date's item in place of any earlier one, in date order."""
    items = [old for old in fields.get("occurrences") or [] if str(old.get("date")) != item["date"]]
    return sorted([*items, item], key=lambda old: str(old.get("date")))


def cancelled(report: Report, form, bridge, ui) -> tuple[str | None, dict, list[Problem]]:
    """A cancellation: the whole event's status and note, or one date's item."""
    date, problems = _chosen_date(report, form, ui)
    note = str(form.get("note") or "").strip()
    if not note:
        problems.append(Problem("", 0, "note", ui.say(MESSAGES["required"])))
    if date is None:
        return None, {"status": "cancelled", "status_note": note}, problems
    item = {"date": date, "status": "cancelled", "note": note}
    return date, {"occurrences": _with_item(report.current.fields, item)}, problems


def moved(report: Report, form, bridge, ui) -> tuple[str | None, dict, list[Problem]]:
    """A new date: the whole event's start (its end moved alike, the old start kept), or one date's item."""
    date, problems = _chosen_date(report, form, ui)
    day, time, end_time = (str(form.get(name) or "").strip() for name in ("day", "time", "end_time"))
    note = str(form.get("note") or "").strip()
    if not _DAY.fullmatch(day):
        problems.append(Problem("", 0, "day", ui.say(MESSAGES["required"] if not day else WORDS["day_format"])))
    if not report.all_day and not _TIME.fullmatch(time):
        problems.append(Problem("", 0, "time", ui.say(MESSAGES["required"] if not time else WORDS["time_format"])))
    if end_time and not report.all_day and not _TIME.fullmatch(end_time):
        problems.append(Problem("", 0, "end_time", ui.say(WORDS["time_format"])))
    elif end_time and _TIME.fullmatch(time) and end_time <= time:
        problems.append(Problem("", 0, "end_time", ui.say(WORDS["end_before"])))
    place = _place(str(form.get("place") or "").strip(), bridge)
    if place is None:
        problems.append(Problem("", 0, "place", ui.say(WORDS["unknown_place"])))
    if problems:
        return date, {}, problems
    start = day if report.all_day else f"{day} {time}"
    if date is not None:
        item = {"date": date, "status": "rescheduled", "start": start}  # without an end, it keeps its length
        item |= {"end": f"{day} {end_time}"} if end_time else {}
        item |= {"place": place} if place else {}
        item |= {"note": note} if note else {}
        return date, {"occurrences": _with_item(report.current.fields, item)}, []
    changes = {"status": "rescheduled", "previous_start": str(report.current.fields.get("start")), "start": start}
    end = _end(report, day, time, end_time)
    changes |= {"end": end} if end else {}
    changes |= {"duration": REMOVED} if end_time and "duration" in report.current.fields else {}
    changes |= {"place": place} if place else {}
    changes |= {"status_note": note} if note else {}
    return None, changes, []


def _end(report: Report, day: str, time: str, end_time: str) -> str | None:
    """The new end: the time written, else the old end moved by as much as the start."""
    if end_time:
        return f"{day} {end_time}"
    if report.end is None:
        return None
    if report.all_day:
        return (dt.date.fromisoformat(day) + (report.end - report.start)).isoformat()
    start = dt.datetime.fromisoformat(f"{day} {time}")
    return (start + (report.end - report.start)).strftime("%Y-%m-%d %H:%M")


def _place(text: str, bridge) -> str | None:
    """The slug of the site's place named (by its name or its slug), "" when none is, None when unknown."""
    if not text:
        return ""
    for slug, name in bridge.intake.places():
        if text in (slug, name):
            return slug
    return None


def _placed(problems: list[Problem]) -> tuple[dict[str, list[str]], list[str]]:
    """Each problem beside its field of the form ({name: messages}), and those about none."""
    beside: dict[str, list[str]] = {}
    general = []
    for problem in problems:
        name = problem.field
        inner = re.fullmatch(r"occurrences\.\d+\.(\w+)(?:\..*)?", name)
        target = _BESIDE.get(inner[1] if inner else name.split(".")[0], name if name in _FORM_FIELDS else None)
        if target:
            beside.setdefault(target, []).append(problem.message)
        else:
            general.append(problem.message)
    return beside, general
