"""The issue as one e-mail: multipart/alternative, the text first and the HTML last (a mail client shows the last
part it can), both UTF-8 and 7-bit clean, so any relay carries them: the text in quoted-printable, so the raw
message and the list's archives stay readable, the HTML in quoted-printable or base64, whichever is shorter (an
Arabic issue's HTML does not triple in size). MIME-Version is the message's header only, not its parts'. The
message goes to the list's address once; the list sends it to its subscribers, so it names no reader."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, make_msgid
from urllib.parse import urlsplit

from .issues import Issue
from .settings import MessageSettings

SEVEN_BIT = policy.SMTP.clone(cte_type="7bit")  # CRLF lines; no 8-bit body, which needs the server's 8BITMIME


def compose(issue: Issue, settings: MessageSettings, now: dt.datetime | None = None) -> EmailMessage:
    """Subject: the issue's title (encoded as RFC 2047 says when it is not ASCII); Message-ID on the site's
    domain; Archived-At (RFC 5064): the issue's web page, where the message can be read and linked to;
    List-Unsubscribe (RFC 2369) when the list's way out is given. No List-Unsubscribe-Post (RFC 8058's
    one-click): it promises that a POST to the address unsubscribes the reader at once, and one message sent to
    the whole list cannot name which reader; no List-Id either: the list's own software names the list."""
    message = EmailMessage(policy=SEVEN_BIT)
    message["Subject"] = issue.files.title
    message["From"] = settings.sender
    message["To"] = settings.list_address
    message["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    message["Message-ID"] = make_msgid(idstring=issue.name, domain=urlsplit(issue.files.address).hostname)
    message["Archived-At"] = f"<{issue.files.address}>"
    if settings.unsubscribe:
        message["List-Unsubscribe"] = ", ".join(f"<{address}>" for address in settings.unsubscribe)
    message.set_content(issue.files.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    html = MIMEPart(policy=SEVEN_BIT)  # not add_alternative, whose EmailMessage part writes its own MIME-Version
    html.set_content(issue.files.html, subtype="html", charset="utf-8")
    message.make_alternative()
    message.attach(html)
    return message
