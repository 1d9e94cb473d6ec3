"""What an issue's e-mail files say that the message needs: its subject (the HTML's `<title>`) and its web address
(`<link rel="alternate" type="text/html">`), and whether they were built for the site's public address: a
newsletter read in a mailbox must not lead to someone's preview (`make html`'s http://127.0.0.1:8000), nor to an
address reserved for examples (`make publish` without `SITEURL` builds for publishconf.py's
`https://agenda.example.org`). And how many dates it lists (`<body data-dates="N">`): a filter's issue with none
is not worth a mail."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

EXAMPLE = re.compile(r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)\.?$", re.I)  # RFC 2606, 6761
PUBLISHCONF = "agenda.example.org"  # publishconf.py's address when SITEURL is not set
PREVIEW = re.compile(r"\bhttps?://(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])(?::\d+)?(?![\w.-])", re.I)


class IssueUnusable(Exception):
    """An issue that cannot be sent; the message says which and what to do."""


@dataclass(frozen=True)
class EmailFiles:
    html: str
    text: str
    title: str  # the message's subject
    address: str  # the issue's web page
    dates: int | None = None  # how many dates it lists (`<body data-dates>`); None: not said, so not empty


class _Head(HTMLParser):
    """The `<title>` and the alternate `text/html` link of a page, read as mail clients read it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.in_title = False
        self.title_done = False
        self.alternate = ""
        self.dates: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "title" and not self.title_done:
            self.in_title = True
        elif tag == "link" and not self.alternate:
            relations = values.get("rel", "").lower().split()
            if "alternate" in relations and values.get("type", "text/html").lower() == "text/html":
                self.alternate = values.get("href", "").strip()
        elif tag == "body" and self.dates is None:
            written = values.get("data-dates", "").strip()
            self.dates = int(written) if written.isascii() and written.isdigit() else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title, self.title_done = False, True

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)


def read_email_files(folder: Path, shown: str, said: str = "make send-digest") -> EmailFiles:
    """The issue of `folder` (`email.html`, `email.txt`, UTF-8), checked as far as the message relies on it;
    `shown`: how to name the folder in a sentence; `said`: the command that was run, to run again."""
    html, text = (_read(folder / name, f"{shown}/{name}") for name in ("email.html", "email.txt"))
    head = _Head()
    head.feed(html)
    head.close()
    title = re.sub(r"[ \t\n\f\r]+", " ", "".join(head.title)).strip(" ")  # HTML's spaces: a thin one stays
    if not title:
        raise IssueUnusable(f"{shown}/email.html has no <title>: it is the message's subject (is it a newsletter?)")
    address = head.alternate
    parts = urlsplit(address)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise IssueUnusable(
            f'{shown}/email.html does not give its web address (<link rel="alternate" href="https://...">, '
            f"found '{address[:120]}'): build the site with its public address (make publish)"
        )
    if EXAMPLE.search(parts.hostname):
        why = " (publishconf.py's address when SITEURL is not set)" if parts.hostname.lower() == PUBLISHCONF else ""
        raise IssueUnusable(
            f"{shown} was built for {parts.scheme}://{parts.hostname}{why}, a name reserved for examples "
            "(example.org, .com, .net, anything under .example, .test or .invalid): no site is there and mail to "
            f"it goes nowhere, so it cannot be the public site; build it with the site's own address: "
            f"SITEURL=https://... {said}"
        )
    preview = PREVIEW.search(html) or PREVIEW.search(text)
    if preview:
        raise IssueUnusable(
            f"{shown} was built for a preview ({preview.group(0)}, make html): a newsletter must carry the site's "
            "public addresses; build it with make publish (SITEURL=https://... or publishconf.py)"
        )
    return EmailFiles(html=html, text=text, title=title, address=address, dates=head.dates)


def _read(path: Path, shown: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise IssueUnusable(f"{shown} does not exist: build the site first (make publish)") from None
    except UnicodeDecodeError:
        raise IssueUnusable(f"{shown} is not UTF-8 text: is it a file the newsletter's build wrote?") from None
    except OSError as error:
        raise IssueUnusable(f"{shown} cannot be read ({error.strerror})") from None
