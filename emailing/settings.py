"""The newsletter's settings: environment variables `KIOSQUE_SMTP_*` (the server that sends) and
`KIOSQUE_DIGEST_*` (the message's addresses), read by `make digest` and `make send-digest` and checked once, with
a sentence naming the variable and what to write in it. Secrets come from the environment only, never a file of
the repository: a site's repository is public."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr
from pathlib import Path

SECURITIES = {"starttls": 587, "tls": 465, "none": 25}  # each with the port it usually listens on
_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")
_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")  # a server's name, or an IPv4 address
_WITH_PORT = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})")  # smtp.example.org:587
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


class DigestSettingError(ValueError):
    """A setting that cannot be used; the message names the variable and what to write."""


@dataclass(frozen=True)
class MessageSettings:
    sender: str  # the From header as written (a name may come with the address)
    list_address: str  # the list's address: the one recipient; the list sends to its subscribers
    unsubscribe: tuple[str, ...] = ()  # mailto: and https: addresses, for List-Unsubscribe

    @property
    def envelope_sender(self) -> str:
        return parseaddr(self.sender)[1]


@dataclass(frozen=True)
class ServerSettings:
    host: str
    port: int
    security: str  # starttls, tls or none
    user: str = ""
    password: str = field(default="", repr=False)  # never printed, logged or written
    timeout: float = 30.0  # seconds, for the connection and each answer
    ca_file: Path | None = None  # certificates to trust instead of the system's (a relay's own authority)


def _env(environ: dict | None) -> dict:
    return os.environ if environ is None else environ


def message_settings(environ: dict | None = None) -> MessageSettings:
    env = _env(environ)
    sender = env.get("KIOSQUE_DIGEST_FROM", "").strip()
    if not sender:
        raise DigestSettingError(
            "KIOSQUE_DIGEST_FROM is not set: write the newsletter's sender, like "
            "'Quartier des Lilas <agenda@quartier-des-lilas.example.org>'"
        )
    if not _one_address(sender, named=True):
        raise DigestSettingError(
            f"KIOSQUE_DIGEST_FROM must be one e-mail address, with a name or not, like "
            f"'Quartier des Lilas <agenda@quartier-des-lilas.example.org>', found '{_shown(sender)}'"
        )
    to = env.get("KIOSQUE_DIGEST_TO", "").strip()
    if not to:
        raise DigestSettingError(
            "KIOSQUE_DIGEST_TO is not set: write the address of your mailing list, like "
            "lilas-agenda@lists.example.org (the list sends the issue to its subscribers)"
        )
    if not _one_address(to, named=False):
        raise DigestSettingError(
            f"KIOSQUE_DIGEST_TO must be the one address of your mailing list, like "
            f"lilas-agenda@lists.example.org, found '{_shown(to)}'"
        )
    return MessageSettings(sender=sender, list_address=to, unsubscribe=_unsubscribe(env))


def _unsubscribe(env: dict) -> tuple[str, ...]:
    written = env.get("KIOSQUE_DIGEST_UNSUBSCRIBE", "").strip()
    addresses = tuple(part for part in re.split(r"[\s,]+", written) if part)
    for address in addresses:
        fine = (address.startswith("mailto:") and _ADDRESS.fullmatch(address[7:].split("?")[0])) or re.fullmatch(
            r"https://[^\s<>\"]+\.[^\s<>\"]+", address
        )
        if not fine or "<" in address or ">" in address or "\x00" in address:
            raise DigestSettingError(
                f"KIOSQUE_DIGEST_UNSUBSCRIBE must be how to leave the list, a mailto: or https: address (or both, "
                f"separated by a space), like mailto:lilas-agenda-unsubscribe@lists.example.org, "
                f"found '{_shown(address)}'"
            )
    return addresses


def server_settings(environ: dict | None = None) -> ServerSettings:
    env = _env(environ)
    host = env.get("KIOSQUE_SMTP_HOST", "").strip()
    if not host:
        raise DigestSettingError(
            "KIOSQUE_SMTP_HOST is not set: write the name of the server that sends your mail, like smtp.example.org"
        )
    with_port = _WITH_PORT.fullmatch(host)
    if with_port and _server(with_port["host"]):
        name, port = with_port["host"], with_port["port"]
        raise DigestSettingError(
            f"KIOSQUE_SMTP_HOST is the server's name alone, found '{_shown(host)}': the port goes in "
            f"KIOSQUE_SMTP_PORT, so write KIOSQUE_SMTP_HOST={name} and KIOSQUE_SMTP_PORT={port}"
        )
    if not _server(host):
        raise DigestSettingError(
            f"KIOSQUE_SMTP_HOST must be a server's name alone, like smtp.example.org (no smtp://, no port: "
            f"KIOSQUE_SMTP_PORT), found '{_shown(host)}'"
        )
    host = host.removeprefix("[").removesuffix("]")
    security = env.get("KIOSQUE_SMTP_SECURITY", "").strip().lower() or "starttls"
    if security not in SECURITIES:
        raise DigestSettingError(
            f"KIOSQUE_SMTP_SECURITY must be starttls (port 587), tls (port 465) or none, found '{_shown(security)}'"
        )
    written_port = env.get("KIOSQUE_SMTP_PORT", "").strip()
    port = int(written_port) if written_port.isdigit() else -1 if written_port else SECURITIES[security]
    if not 0 < port < 65536:
        raise DigestSettingError(
            f"KIOSQUE_SMTP_PORT must be a port number, like 587 (STARTTLS) or 465 (TLS), found '{_shown(written_port)}'"
        )
    user, password = env.get("KIOSQUE_SMTP_USER", "").strip(), env.get("KIOSQUE_SMTP_PASSWORD", "")
    if user and not password:
        raise DigestSettingError("KIOSQUE_SMTP_USER is set but KIOSQUE_SMTP_PASSWORD is not: set both, or neither")
    if password and not user:
        raise DigestSettingError("KIOSQUE_SMTP_PASSWORD is set but KIOSQUE_SMTP_USER is not: set both, or neither")
    if password and security == "none" and not _loopback(host):
        raise DigestSettingError(
            f"KIOSQUE_SMTP_SECURITY is none: the password would cross the network unencrypted to {host}; write "
            "starttls or tls (none with a password only for a server on this machine, like localhost)"
        )
    written_timeout = env.get("KIOSQUE_SMTP_TIMEOUT", "").strip() or "30"
    try:
        timeout = float(written_timeout)
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 3600:
        raise DigestSettingError(
            f"KIOSQUE_SMTP_TIMEOUT must be a number of seconds, like 30, found '{_shown(written_timeout)}'"
        )
    written_ca = env.get("KIOSQUE_SMTP_CA_FILE", "").strip()
    ca_file = Path(written_ca) if written_ca else None
    if ca_file is not None and not (ca_file.is_file() and os.access(ca_file, os.R_OK)):
        raise DigestSettingError(
            f"KIOSQUE_SMTP_CA_FILE must be a readable file of certificates (PEM), found '{_shown(written_ca)}'"
        )
    return ServerSettings(host, port, security, user, password, timeout, ca_file)


def _one_address(written: str, named: bool) -> bool:
    """One address (`named`: perhaps with a name, whose commas are then in quotes), ASCII: SMTPUTF8 is rare."""
    if any(character in written for character in "\r\n\x00"):
        return False
    found = getaddresses([written])
    if len(found) != 1 or (not named and found[0] != ("", written)):
        return False
    return bool(_ADDRESS.fullmatch(found[0][1])) and found[0][1].isascii()


def _server(host: str) -> bool:
    """A name (smtp.example.org), an IPv4 address (127.0.0.1) or an IPv6 one, bare (::1) or in brackets ([::1]);
    not a name with its port, whose colon the IPv6 branch must not take (127.0.0.1:8025 is no address)."""
    if _NAME.fullmatch(host):
        return True
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        return False
    return True


def _loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown(written: str) -> str:
    """What was written, on one line and short (a sentence, not a dump)."""
    return re.sub(r"\s+", " ", written)[:120]
