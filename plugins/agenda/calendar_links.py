"""'Add to my calendar' links for the big online calendars (a link the reader chooses to follow; nothing
is loaded from those sites by the page itself)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

UTC = dt.UTC


def _utc(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(occurrence, details: str, location: str) -> dict[str, str]:
    """Google Calendar and Outlook links pre-filled with one occurrence of the event."""
    title = occurrence.event.title
    if occurrence.all_day:
        end = occurrence.end or occurrence.start + dt.timedelta(days=1)
        google_dates = f"{occurrence.day:%Y%m%d}/{end.date():%Y%m%d}"  # end exclusive, as iCalendar
        outlook_times = {"startdt": occurrence.day.isoformat(), "enddt": end.date().isoformat(), "allday": "true"}
    else:
        end = occurrence.end or occurrence.start + dt.timedelta(hours=1)
        google_dates = f"{_utc(occurrence.start)}/{_utc(end)}"
        outlook_times = {"startdt": occurrence.start.isoformat(), "enddt": end.isoformat()}
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {"action": "TEMPLATE", "text": title, "dates": google_dates, "details": details[:1000], "location": location}
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "body": details[:1000],
            "location": location,
            **outlook_times,
        }
    )
    return {"google": google, "outlook": outlook}  # the theme names them in the reader's language
