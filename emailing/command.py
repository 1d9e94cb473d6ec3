"""`make digest` and `make send-digest`: this week's newsletter issue, as the build wrote it, into `digest/` (the
HTML, the text and the message, `issue.eml`), then to the community's mailing list through its SMTP server.

python -m emailing write [--week 2026-W50] [--filter category/concert] [--language nl]
python -m emailing send [--week 2026-W50] [--filter category/concert] [--language nl] [--force]

Both run in the site's folder, after `make publish`: they read `output/newsletter/`, write `digest/` and keep
what was sent in `cache/digest-sent.json`. A filter's issue that lists no date (`<body data-dates="0">`) is not
sent unless forced, and that is no failure: a cron job sends each filter's list what there is. Exit status: 0 done
(or that empty issue left unsent); 1 the server did not take the message (nothing is recorded as sent); 2 a
setting or the issue cannot be used; 3 this issue was sent already (FORCE=1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contributions import write_atomically

from .composing import compose
from .issues import Issue, find_issue
from .reading import IssueUnusable
from .record import RecordUnreadable, SentRecord
from .sending import SendingFailed, send
from .settings import DigestSettingError, message_settings, server_settings

OUTPUT = Path("output")
DIGEST = Path("digest")
NOT_SENT, UNUSABLE, SENT_ALREADY = 1, 2, 3
DESCRIPTION = "Write this week's newsletter issue into digest/, or send it to the list."  # one line of --help
EXIT = (
    "exit status: 0 done (or a filter's issue with nothing that week, not sent); 1 the server did not take the "
    "message; 2 a setting or the issue cannot be used; 3 this issue was sent already"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emailing", description=DESCRIPTION, epilog=EXIT)
    actions = parser.add_subparsers(dest="action", required=True)
    for action, text in (("write", "write the issue's files into digest/"), ("send", "send it to the list")):
        command = actions.add_parser(action, help=text)
        command.add_argument("--week", help="the issue's ISO week, like 2026-W50 (by default the newest built)")
        command.add_argument("--filter", default="", help="a filter's issue, like category/concert")
        command.add_argument("--language", default="", help="another of the site's languages' issue, like nl")
        if action == "send":
            command.add_argument("--force", action="store_true", help="send it even if sent already, or empty")
    arguments = parser.parse_args(argv)
    said = "make digest" if arguments.action == "write" else "make send-digest"
    try:
        settings = message_settings()
        server = server_settings() if arguments.action == "send" else None
        issue = find_issue(OUTPUT, arguments.week, arguments.filter, arguments.language, said)
        if server is None:
            message = compose(issue, settings)
            print(f"{issue.files.title}: {_write(issue, message.as_bytes())}/issue.eml, issue.html, issue.txt")
            return 0
        if issue.filter and issue.files.dates == 0 and not arguments.force:
            # a cron job's week with nothing for a filter: said, not sent, and no failure (the whole agenda's
            # issue always goes: it says the week is empty and links to the agenda)
            when = f"this week ({issue.week})" if arguments.week is None else f"in {issue.week}"
            in_language = f" in {issue.language}" if issue.language else ""
            print(
                f"nothing for {issue.filter} {when}, so its issue{in_language} was not sent; "
                "FORCE=1 make send-digest sends it anyway"
            )
            return 0
        record = SentRecord()
        with record.held():
            before = record.sent(issue.name)
            if before and not arguments.force:
                print(
                    f"{said}: the issue {issue.name} was sent to {before.get('to')} on {before.get('sent')} already "
                    f"(cache/digest-sent.json): FORCE=1 make send-digest sends it again",
                    file=sys.stderr,
                )
                return SENT_ALREADY
            message = compose(issue, settings)
            folder = _write(issue, message.as_bytes())
            send(message, server, settings.envelope_sender, settings.list_address)
            record.remember(issue.name, issue.week, issue.filter, message["Message-ID"], settings.list_address)
    except (DigestSettingError, IssueUnusable, RecordUnreadable) as error:
        print(f"{said}: {error}", file=sys.stderr)
        return UNUSABLE
    except SendingFailed as error:
        print(f"{said}: {error}; nothing was sent", file=sys.stderr)
        return NOT_SENT
    except OSError as error:  # digest/ or cache/ cannot be written
        print(f"{said}: {error.filename or DIGEST} cannot be written ({error.strerror})", file=sys.stderr)
        return UNUSABLE
    print(f"{issue.files.title}: sent to {settings.list_address} ({message['Message-ID']}); {folder}/issue.eml")
    return 0


def _write(issue: Issue, eml: bytes) -> Path:
    """The issue's three files under digest/<name>/: what `make send-digest` sends, to read or send by hand."""
    folder = DIGEST / issue.name
    write_atomically(folder / "issue.html", issue.files.html.encode("utf-8"))
    write_atomically(folder / "issue.txt", issue.files.text.encode("utf-8"))
    write_atomically(folder / "issue.eml", eml)
    return folder
