"""`make send-digest` against a real SMTP server on 127.0.0.1 (aiosmtpd): the list receives the issue as a
multipart message, over STARTTLS or TLS with a login; a week is sent once unless forced; a server that refuses,
never answers or is not there is one sentence, exit status 1, and nothing recorded as sent."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import pytest
from digest_sites import (
    LIST,
    PASSWORD,
    SITE,
    TITLE,
    USER,
    emailing,
    environment,
    free_port,
    make_certificate,
    record,
    said_plainly,
    smtp_server,
    write_issue,
)

# the test server asks a login in clear on purpose (a relay on this machine), or on TLS from the start, which
# aiosmtpd does not count as encrypted
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("certificate")) / "cert.pem"


def server(port: int, **more: str) -> dict[str, str]:
    return {"KIOSQUE_SMTP_HOST": "127.0.0.1", "KIOSQUE_SMTP_PORT": str(port), **more}


def logged_in(port: int, certificate, security: str = "starttls", **more: str) -> dict[str, str]:
    login = {"KIOSQUE_SMTP_USER": USER, "KIOSQUE_SMTP_PASSWORD": PASSWORD, "KIOSQUE_SMTP_CA_FILE": str(certificate)}
    return server(port, KIOSQUE_SMTP_SECURITY=security, **{**login, **more})


def nothing_sent(site, done: subprocess.CompletedProcess, *words: str) -> None:
    said_plainly(done, 1, *words)
    assert done.stderr.endswith("; nothing was sent\n") and "?;" not in done.stderr, done.stderr
    assert record(site) == {}


def test_the_list_receives_the_issue(tmp_path):
    folder = write_issue(tmp_path)
    leave = "mailto:lilas-agenda-unsubscribe@lists.example.org"
    with smtp_server() as (port, inbox):
        settings = server(port, KIOSQUE_SMTP_SECURITY="none", KIOSQUE_DIGEST_UNSUBSCRIBE=leave)
        done = emailing(tmp_path, "send", **settings)
    assert done.returncode == 0, done.stderr
    (received,) = inbox.received
    assert received.mail_from == "agenda@quartier-des-lilas.example.org" and received.rcpt_tos == [LIST]
    message = received.message
    assert message["Subject"] == TITLE
    assert message["From"].addresses[0].display_name == "Quartier des Lilas" and message["To"] == LIST
    assert message["Date"] and message["List-Unsubscribe"] == f"<{leave}>"
    assert message["Archived-At"] == f"<{SITE}/newsletter/2026-W50/>"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text.get_content().replace("\r\n", "\n") == (folder / "email.txt").read_text(encoding="utf-8")
    assert "<h2>Friday 11 December</h2>" in html.get_content()
    assert "Bal folk à la Maison des Lilas" in html.get_content()
    sent = record(tmp_path)["2026-W50"]
    assert sent["message_id"] == message["Message-ID"].strip() and sent["to"] == LIST and sent["week"] == "2026-W50"
    assert sent["filter"] == "" and sent["times"] == 1
    assert message["Message-ID"].strip() in done.stdout
    assert (tmp_path / "digest/2026-W50/issue.eml").read_bytes().replace(b"\r\n", b"\n") == received.data.replace(
        b"\r\n", b"\n"
    )  # digest/ holds what was sent


def test_starttls_and_a_login_the_password_of_which_is_never_shown(tmp_path, certificate):
    write_issue(tmp_path)
    with smtp_server("starttls", certificate, login=True) as (port, inbox):
        done = emailing(tmp_path, "send", **logged_in(port, certificate))
    assert done.returncode == 0, done.stderr
    assert inbox.logins == [(USER, PASSWORD)]  # the password, beyond ASCII, reached the server whole
    (received,) = inbox.received
    assert received.encrypted and received.message["Subject"] == TITLE
    shown = [done.stdout, done.stderr, *(p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())]
    assert not [text for text in shown if PASSWORD in text]


def test_tls_from_the_start(tmp_path, certificate):
    write_issue(tmp_path, wanted="category/concert")
    with smtp_server("tls", certificate, login=True) as (port, inbox):
        done = emailing(tmp_path, "send", "--filter", "category/concert", **logged_in(port, certificate, "tls"))
    assert done.returncode == 0, done.stderr
    assert [r.rcpt_tos for r in inbox.received] == [[LIST]] and inbox.received[0].encrypted
    assert list(record(tmp_path)) == ["2026-W50-category-concert"]
    assert record(tmp_path)["2026-W50-category-concert"]["filter"] == "category/concert"


def test_a_week_is_sent_once_unless_forced(tmp_path, certificate):
    write_issue(tmp_path)
    with smtp_server("starttls", certificate, login=True) as (port, inbox):
        first = emailing(tmp_path, "send", **logged_in(port, certificate))
        again = emailing(tmp_path, "send", **logged_in(port, certificate))
        assert first.returncode == 0, first.stderr
        said_plainly(again, 3, "2026-W50", "FORCE=1")
        assert len(inbox.received) == 1
        forced = emailing(tmp_path, "send", "--force", **logged_in(port, certificate))
    assert forced.returncode == 0, forced.stderr
    assert len(inbox.received) == 2
    first_id, second_id = (received.message["Message-ID"].strip() for received in inbox.received)
    assert first_id != second_id and record(tmp_path)["2026-W50"]["message_id"] == second_id
    assert record(tmp_path)["2026-W50"]["times"] == 2


def test_two_sends_at_once_send_once(tmp_path):
    write_issue(tmp_path)
    with smtp_server() as (port, inbox):
        command = [sys.executable, "-m", "emailing", "send"]
        settings = environment(**server(port, KIOSQUE_SMTP_SECURITY="none"))
        runs = [
            subprocess.Popen(command, cwd=tmp_path, env=settings, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        statuses = sorted(run.wait(timeout=60) for run in runs)
    assert statuses == [0, 3] and len(inbox.received) == 1


def test_a_server_that_refuses_the_list(tmp_path, certificate):
    write_issue(tmp_path)
    refusal = "550 5.1.1 <lilas-agenda@lists.example.org>: no such list here"
    with smtp_server("starttls", certificate, login=True, refuse_recipient=refusal) as (port, inbox):
        done = emailing(tmp_path, "send", **logged_in(port, certificate))
    nothing_sent(tmp_path, done, LIST, "550 5.1.1", "KIOSQUE_DIGEST_TO")
    assert inbox.received == []


def test_a_server_that_refuses_the_message(tmp_path):
    write_issue(tmp_path)
    with smtp_server(refuse_data="554 5.7.1 Message rejected as spam") as (port, inbox):
        done = emailing(tmp_path, "send", **server(port, KIOSQUE_SMTP_SECURITY="none"))
    nothing_sent(tmp_path, done, "554 5.7.1 Message rejected as spam")


def test_a_wrong_password(tmp_path, certificate):
    write_issue(tmp_path)
    with smtp_server("starttls", certificate, login=True) as (port, inbox):
        done = emailing(tmp_path, "send", **logged_in(port, certificate, KIOSQUE_SMTP_PASSWORD="not-the-password"))
    nothing_sent(tmp_path, done, "KIOSQUE_SMTP_USER", "KIOSQUE_SMTP_PASSWORD", "535")
    assert "not-the-password" not in done.stderr + done.stdout and inbox.received == []


def test_a_certificate_nobody_vouches_for(tmp_path, certificate):
    write_issue(tmp_path)
    with smtp_server("starttls", certificate, login=True) as (port, inbox):
        settings = logged_in(port, certificate)
        del settings["KIOSQUE_SMTP_CA_FILE"]
        done = emailing(tmp_path, "send", **settings)
    nothing_sent(tmp_path, done, "certificate", "KIOSQUE_SMTP_CA_FILE")
    assert inbox.logins == [] and inbox.received == []  # the password was never sent to an unverified server


def test_starttls_asked_of_a_server_that_does_not_offer_it(tmp_path, certificate):
    write_issue(tmp_path)
    with smtp_server() as (port, inbox):
        done = emailing(tmp_path, "send", **logged_in(port, certificate))
    nothing_sent(tmp_path, done, "STARTTLS", "KIOSQUE_SMTP_SECURITY=tls")
    assert inbox.received == []


def test_a_server_that_never_answers(tmp_path):
    write_issue(tmp_path)
    with socket.socket() as silent:  # the system accepts the connection; nobody ever says hello
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        done = emailing(tmp_path, "send", **server(silent.getsockname()[1], KIOSQUE_SMTP_TIMEOUT="1"))
    assert time.monotonic() - started < 30
    nothing_sent(tmp_path, done, "did not answer within 1 seconds", "KIOSQUE_SMTP_TIMEOUT")


def test_a_closed_port(tmp_path):
    write_issue(tmp_path)
    done = emailing(tmp_path, "send", **server(free_port()))
    nothing_sent(tmp_path, done, "refused the connection", "KIOSQUE_SMTP_PORT")


def test_a_password_to_a_server_on_this_machine_may_go_unencrypted(tmp_path):
    """A relay on the same machine (Postfix on localhost): the password never leaves it."""
    write_issue(tmp_path)
    with smtp_server("none", login=True) as (port, inbox):
        settings = server(port, KIOSQUE_SMTP_SECURITY="none", KIOSQUE_SMTP_USER=USER, KIOSQUE_SMTP_PASSWORD=PASSWORD)
        done = emailing(tmp_path, "send", **settings)
    assert done.returncode == 0, done.stderr
    assert inbox.logins == [(USER, PASSWORD)] and len(inbox.received) == 1


def test_a_server_name_that_is_not_found(tmp_path):
    write_issue(tmp_path)
    done = emailing(tmp_path, "send", KIOSQUE_SMTP_HOST="smtp.lilas.invalid")
    nothing_sent(tmp_path, done)
    assert done.stderr == (
        "make send-digest: the SMTP server smtp.lilas.invalid was not found: check its name in KIOSQUE_SMTP_HOST; "
        "nothing was sent\n"
    )


def test_tls_asked_of_a_server_that_starts_in_clear(tmp_path, certificate):
    write_issue(tmp_path)
    with smtp_server() as (port, inbox):
        done = emailing(tmp_path, "send", **server(port, KIOSQUE_SMTP_SECURITY="tls"))
    nothing_sent(tmp_path, done)
    assert re.fullmatch(
        rf"make send-digest: the encrypted connection to the SMTP server 127\.0\.0\.1:{port} failed \([^()]+\): "
        r"perhaps the server wants KIOSQUE_SMTP_SECURITY=starttls \(usually port 587\); nothing was sent\n",
        done.stderr,
    ), done.stderr
    assert inbox.received == []


@pytest.mark.parametrize("week", [None, "2026-W50"])
def test_a_filters_issue_with_nothing_that_week_is_not_sent(tmp_path, week):
    """A cron job sends each filter's list every Monday: a week with no concert is said, not sent, and no failure."""
    write_issue(tmp_path, dates=0)
    write_issue(tmp_path, wanted="category/concert", dates=0)
    options = ["--filter", "category/concert"] + (["--week", week] if week else [])
    with smtp_server() as (port, inbox):
        done = emailing(tmp_path, "send", *options, **server(port, KIOSQUE_SMTP_SECURITY="none"))
    assert (done.returncode, done.stderr) == (0, "")
    when = "in 2026-W50" if week else "this week (2026-W50)"
    assert done.stdout == (
        f"nothing for category/concert {when}, so its issue was not sent; FORCE=1 make send-digest sends it anyway\n"
    )
    assert inbox.received == [] and record(tmp_path) == {} and not (tmp_path / "digest").exists()


def test_an_empty_issue_is_sent_when_forced_and_written_always(tmp_path):
    write_issue(tmp_path, wanted="category/concert", dates=0)
    written = emailing(tmp_path, "write", "--filter", "category/concert")
    assert written.returncode == 0 and (tmp_path / "digest/2026-W50-category-concert/issue.eml").exists()
    with smtp_server() as (port, inbox):
        done = emailing(
            tmp_path, "send", "--filter", "category/concert", "--force", **server(port, KIOSQUE_SMTP_SECURITY="none")
        )
    assert done.returncode == 0, done.stderr
    assert len(inbox.received) == 1 and list(record(tmp_path)) == ["2026-W50-category-concert"]


@pytest.mark.parametrize("wanted, dates", [("", 0), ("category/concert", 3), ("category/concert", None)])
def test_the_whole_agenda_and_a_filter_with_dates_are_sent(tmp_path, wanted, dates):
    """The whole agenda's issue goes even when empty: it says so and links to the agenda. An e-mail that does
    not say how many dates it lists (no data-dates) is not taken for empty."""
    write_issue(tmp_path, dates=0)
    write_issue(tmp_path, wanted=wanted, dates=dates)
    options = ["--filter", wanted] if wanted else []
    with smtp_server() as (port, inbox):
        done = emailing(tmp_path, "send", *options, **server(port, KIOSQUE_SMTP_SECURITY="none"))
    assert done.returncode == 0, done.stderr
    assert len(inbox.received) == 1 and "sent to" in done.stdout
