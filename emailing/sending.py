"""The message handed to the site's SMTP server (smtplib): STARTTLS or TLS with the certificate verified, a login
when one is given, a bounded wait for each answer. Whatever goes wrong becomes one sentence for whoever reads
the cron mail or the CI log, never a traceback, and never the password, even if a server echoed it back."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from email.message import EmailMessage

from .settings import ServerSettings

DOING = {
    "connecting": "connecting",
    "greeting": "greeting it",
    "starttls": "starting TLS",
    "login": "logging in",
    "sending": "sending the message",
}


class SendingFailed(Exception):
    """The server did not take the message; the message says why in one sentence."""


def send(message: EmailMessage, server: ServerSettings, sender: str, recipient: str) -> None:
    """Returns once the server has accepted the message for `recipient`; raises SendingFailed otherwise."""
    context = ssl.create_default_context(cafile=str(server.ca_file) if server.ca_file else None)
    stage = "connecting"
    connection: smtplib.SMTP | None = None
    try:
        if server.security == "tls":
            connection = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        stage = "greeting"
        connection.ehlo()
        if server.security == "starttls":
            stage = "starttls"
            connection.starttls(context=context)
            connection.ehlo()
        if server.user:
            stage = "login"
            _login(connection, server.user, server.password)
        stage = "sending"
        connection.send_message(message, from_addr=sender, to_addrs=[recipient])
    except Exception as error:  # every failure is a sentence, which says which
        sentence = _sentence(error, stage, server, sender, recipient)
        raise SendingFailed(_without_secrets(sentence, server)) from None
    else:
        try:
            connection.quit()  # the message is the server's already: a failed goodbye changes nothing
        except (OSError, smtplib.SMTPException):
            pass
    finally:
        if connection is not None:
            connection.close()


def _login(connection: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login, whose methods encode the user and password as ASCII; a password with letters beyond it
    (pâté) goes as RFC 4616's AUTH PLAIN, whose credentials are UTF-8."""
    if (user + password).isascii() or not connection.has_extn("auth"):
        connection.login(user, password)
        return
    if "plain" not in connection.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPException("a user name or password beyond ASCII needs AUTH PLAIN, which it does not offer")
    credentials = base64.b64encode(f"\0{user}\0{password}".encode()).decode()
    code, reply = connection.docmd("AUTH", f"PLAIN {credentials}")
    if code not in (235, 503):  # 503: already logged in
        raise smtplib.SMTPAuthenticationError(code, reply)


def _sentence(error: Exception, stage: str, server: ServerSettings, sender: str, recipient: str) -> str:
    """What went wrong, in the words of whoever set the variables (the subclasses before their parents)."""
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(error.__context__, TimeoutError):
        error = error.__context__  # smtplib words a wait for an answer that timed out as a closed connection
    where = f"the SMTP server {server.host}:{server.port}"
    doing = DOING.get(stage, stage)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = error.recipients.get(recipient, (0, b""))
        return (
            f"{where} refused the list's address {recipient} ({_reply(code, reply)}): check KIOSQUE_DIGEST_TO, "
            "and that the list accepts posts from KIOSQUE_DIGEST_FROM"
        )
    if isinstance(error, smtplib.SMTPSenderRefused):
        return (
            f"{where} refused the sender {sender} ({_reply(error.smtp_code, error.smtp_error)}): write in "
            "KIOSQUE_DIGEST_FROM an address this server sends for"
        )
    if isinstance(error, smtplib.SMTPDataError):
        return f"{where} refused the message ({_reply(error.smtp_code, error.smtp_error)})"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return (
            f"{where} refused the user name and password ({_reply(error.smtp_code, error.smtp_error)}): check "
            "KIOSQUE_SMTP_USER and KIOSQUE_SMTP_PASSWORD"
        )
    if isinstance(error, smtplib.SMTPNotSupportedError) and stage == "starttls":
        return (
            f"{where} does not offer STARTTLS: if it encrypts from the start (usually port 465), write "
            "KIOSQUE_SMTP_SECURITY=tls"
        )
    if isinstance(error, smtplib.SMTPNotSupportedError) and stage == "login":
        return (
            f"{where} offers no login here: leave KIOSQUE_SMTP_USER empty if it needs none, or check "
            "KIOSQUE_SMTP_SECURITY (many servers offer it only once encrypted)"
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection while {doing}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{where} answered {_reply(error.smtp_code, error.smtp_error)} while {doing}"
    if isinstance(error, smtplib.SMTPException):  # smtplib's own words, e.g. no login method in common
        return f"{where} could not be used while {doing}: {' '.join(str(error).split())[:200].rstrip('.?')}"
    if isinstance(error, ssl.SSLCertVerificationError):
        return (
            f"the certificate of {where} could not be verified ({error.verify_message}): if your own authority "
            "signed it, give that authority's certificate in KIOSQUE_SMTP_CA_FILE"
        )
    if isinstance(error, ssl.SSLError):
        hint = "starttls (usually port 587)" if server.security == "tls" else "tls (usually port 465)"
        return (
            f"the encrypted connection to {where} failed ({error.reason or error}): perhaps the server wants "
            f"KIOSQUE_SMTP_SECURITY={hint}"
        )
    if isinstance(error, TimeoutError):
        hint = ", and port 465 usually needs KIOSQUE_SMTP_SECURITY=tls" if server.port == 465 else ""
        return f"{where} did not answer within {server.timeout:g} seconds while {doing} (KIOSQUE_SMTP_TIMEOUT{hint})"
    if isinstance(error, ConnectionRefusedError):
        return f"{where} refused the connection: check KIOSQUE_SMTP_HOST and KIOSQUE_SMTP_PORT"
    if isinstance(error, socket.gaierror):
        return f"the SMTP server {server.host} was not found: check its name in KIOSQUE_SMTP_HOST"
    if isinstance(error, OSError):
        return f"{where} could not be reached while {doing} ({error.strerror or type(error).__name__})"
    return f"{where} could not be used while {doing} ({type(error).__name__})"  # a failure smtplib does not document


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(f"{code} {text}".split())[:300]


def _without_secrets(sentence: str, server: ServerSettings) -> str:
    """The password, and what AUTH PLAIN and LOGIN send of it, never reach the output."""
    if not server.password:
        return sentence
    secrets = [
        server.password,
        base64.b64encode(server.password.encode()).decode(),
        base64.b64encode(f"\0{server.user}\0{server.password}".encode()).decode(),
    ]
    for secret in sorted(secrets, key=len, reverse=True):
        sentence = sentence.replace(secret, "***")
    return sentence
