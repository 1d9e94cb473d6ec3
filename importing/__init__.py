"""importing: partner calendars flow in (issue 21). A source (`content/sources/<slug>.yaml`) names a partner's
calendar; `make import` fetches it, reads it and writes one event file per source event, kept in sync with the
source and never duplicated; the bridge runs the same on a schedule and proposes each source's changes as one
pull request.

- `fetching.py`: the calendar's bytes, fetched without trusting the address or the server;
- `calendars.py`: an iCalendar file read as partners' programs write it, each event as the fields of a file;
- `syncing.py`: what to write, change or report, given the files already in content/events/;
- `duplicates.py`: the same event from two sources, or already entered by hand;
- `report.py`: what the moderators read; `command.py`: the `make import` command.

Like the bridge, it imports the contributions facade and nothing deeper.
"""
