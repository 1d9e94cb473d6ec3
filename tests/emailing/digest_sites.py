"""What the newsletter's tests share: a site folder holding issues as the newsletter's build writes them
(`output/newsletter/...`), `make digest` and `make send-digest` run in it as a maintainer runs them, and a real
SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, with STARTTLS or TLS on a certificate made for
127.0.0.1 by openssl, and a login it checks."""

from __future__ import annotations

import contextlib
import json
import os
import ssl
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from conftest import REPO, free_port, make_certificate  # noqa: F401 (its tests use them)

SITE = "https://quartier-des-lilas.fr"  # the site's address: an example.org one is refused
TITLE = "Quartier des Lilas — the week of 7 to 13 December"
SENDER = "Quartier des Lilas <agenda@quartier-des-lilas.example.org>"
LIST = "lilas-agenda@lists.example.org"
USER, PASSWORD = "agenda", "pâté-Sésame-8412"


def write_issue(
    site: Path,
    week: str = "2026-W50",
    wanted: str = "",
    address: str = SITE,
    title: str = TITLE,
    dates: int | None = None,
) -> Path:
    """One issue's folder as the newsletter's build writes it: the page, the e-mail's HTML and its text; `dates`:
    how many dates it lists, as `<body data-dates="N">` says (None: no such attribute, as older builds wrote)."""
    path = f"newsletter/{wanted + '/' if wanted else ''}{week}/"
    counted = "" if dates is None else f' data-dates="{dates}"'
    folder = site / "output" / path
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<!DOCTYPE html><title>{title}</title><p>the web page</p>", encoding="utf-8")
    html = f"""\
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>{title}</title>
        <link rel="alternate" type="text/html" href="{address}/{path}">
        </head><body{counted} style="margin:0">
        <h1 style="font-size:1.4em">{title}</h1>
        <h2>Friday 11 December</h2>
        <p><a href="{address}/agenda/bal-folk/" style="color:#503">Bal folk à la Maison des Lilas</a>, 20:30
        ({week})</p>
        <p><a href="{address}/{path}">Read it on the site</a></p>
        </body></html>
        """
    text = f"""\
        {title}

        Friday 11 December
        - Bal folk à la Maison des Lilas, 20:30 ({week})
          {address}/agenda/bal-folk/

        Read it on the site: {address}/{path}
        """
    (folder / "email.html").write_text(textwrap.dedent(html), encoding="utf-8")
    (folder / "email.txt").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def environment(**settings: str) -> dict[str, str]:
    """The test's environment: the machine's own KIOSQUE_* left out, the message's addresses given."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith("KIOSQUE_")}
    return {
        **kept,
        "PYTHONPATH": f"{REPO / 'plugins'}:{REPO}",
        "KIOSQUE_DIGEST_FROM": SENDER,
        "KIOSQUE_DIGEST_TO": LIST,
        **settings,
    }


def emailing(site: Path, *arguments: str, **settings: str) -> subprocess.CompletedProcess:
    """`python -m emailing ...` in the site's folder, as `make digest` and `make send-digest` run it."""
    return subprocess.run(
        [sys.executable, "-m", "emailing", *arguments],
        cwd=site,
        env=environment(**settings),
        capture_output=True,
        text=True,
        timeout=120,
    )


def said_plainly(done: subprocess.CompletedProcess, status: int, *words: str) -> None:
    """Refused with one sentence on stderr, no traceback, naming `words`."""
    assert done.returncode == status, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def record(site: Path) -> dict:
    path = site / "cache" / "digest-sent.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    encrypted: bool

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)


@dataclass
class Inbox:
    """aiosmtpd's handler: keeps every message; `refuse_recipient`/`refuse_data`: the reply that refuses it."""

    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    refuse_recipient: str = ""
    refuse_data: str = ""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_recipient:
            return self.refuse_recipient
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data
        encrypted = server.transport.get_extra_info("ssl_object") is not None
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content, encrypted)
        self.received.append(received)
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == (USER, PASSWORD), handled=False)  # refused: 535


@contextlib.contextmanager
def smtp_server(security: str = "none", certificate: Path | None = None, login: bool = False, **inbox):
    """A real SMTP server on 127.0.0.1: plain, STARTTLS required, or TLS from the start; with `login`, AUTH
    required (and only once encrypted, as servers do). Yields (its port, its Inbox)."""
    handler = Inbox(**inbox)
    context = None
    if certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificate, certificate.with_name("key.pem"))
    options: dict = {"hostname": "127.0.0.1", "port": free_port(), "server_hostname": "mail.example.org"}
    if security == "tls":
        options["ssl_context"] = context
    elif security == "starttls":
        options.update(tls_context=context, require_starttls=True)
    if login:  # (aiosmtpd counts STARTTLS only as encrypted: on TLS from the start, it must not ask for it)
        options.update(authenticator=handler.authenticate, auth_required=True, auth_require_tls=security == "starttls")
    controller = Controller(handler, **options)
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()
