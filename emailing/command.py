"""`make digest` and `make send-digest`: this week's newsletter issue, as the build wrote it, into `digest/` (the
HTML, the text and the message, `issue.eml`), then to the community's mailing list through its SMTP server.

python -m emailing write [--week 2026-W50] [--filter category/concert] [--language nl]
python -m emailing send [--week 2026-W50] [--filter category/concert] [--language nl] [--force]

Both run in the site's folder, after `make publish`: they read `output/newsletter/`, write `digest/` and keep
what was sent in `cache/digest-sent.json`. Exit status: 0 done; 1 the server did not take the message (nothing
is recorded as sent); 2 a setting or the issue cannot be used; 3 this issue was sent already (FORCE=1)."""

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emailing", description=__doc__.splitlines()[0])
    actions = parser.add_subparsers(dest="action", required=True)
    for action, text in (("write", "write the issue's files into digest/"), ("send", "send it to the list")):
        command = actions.add_parser(action, help=text)
        command.add_argument("--week", help="the issue's ISO week, like 2026-W50 (by default the newest built)")
        command.add_argument("--filter", default="", help="a filter's issue, like category/concert")
        command.add_argument("--language", default="", help="another of the site's languages' issue, like nl")
        if action == "send":
            command.add_argument("--force", action="store_true", help="send it even if it was sent already")
    arguments = parser.parse_args(argv)
    said = "make digest" if arguments.action == "write" else "make send-digest"
    try:
        settings = message_settings()
        server = server_settings() if arguments.action == "send" else None
        issue = find_issue(OUTPUT, arguments.week, arguments.filter, arguments.language)
        if server is None:
            message = compose(issue, settings)
            print(f"{issue.files.title}: {_write(issue, message.as_bytes())}/issue.eml, issue.html, issue.txt")
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
