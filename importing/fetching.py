"""A partner's calendar fetched without trusting its address or its server.

`fetch(address, repository, state)` gives the calendar's bytes (decoding them is `calendars.py`'s job), the state
to keep for the next conditional request, or one plain sentence naming the address (never an exception):

- an `https://` or `http://` address is fetched with httpx; `webcal://` (and `webcals://`) is read as `https://`;
  any other scheme is refused; anything without a scheme is a file of the repository, relative to its root,
  that must stay inside it (no `..`, no absolute path, no symbolic link leading out);
- one deadline for the whole fetch (name look-up, connection, TLS, every redirect and the whole body): a server
  that trickles one byte a second is cut when it passes, not held for ever by per-read timeouts;
- the body is streamed and cut at `max_bytes` (counted after decompression, so a compressed bomb is cut too);
  an announced `Content-Length` above it is refused before reading;
- redirects are followed by hand, at most `MAX_REDIRECTS`, each target checked again (http or https only, and
  its address as below);
- conditional requests: `If-None-Match` / `If-Modified-Since` from `state` (only when the state was kept for this
  same address), 304 = not modified; a repository file is not modified when its sha256 is the state's;
- no connection to a private, loopback, link-local, multicast, reserved or unspecified address, IPv4 or IPv6
  (IPv4-mapped, 6to4 and NAT64 addresses are judged by the IPv4 address they carry), unless `allow_private`;
- what comes back must look like a calendar: after a byte order mark and blank lines it begins with
  `BEGIN:VCALENDAR`; otherwise the sentence says what it looks like (a web page, JSON, a PDF...). A body that
  does begin so is a calendar whatever the `Content-Type` (servers often send .ics files as text/plain or even
  text/html); a `text/html` answer that does not is said to be a web page.

How the address check cannot be sidestepped, and how the deadline is kept: `network/guard.py`, shared with
the federation's requests to other servers.
"""

from __future__ import annotations

import hashlib
import logging
import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

import httpx

from importing.model import N_, Said
from network.guard import Deadline, GuardedBackend, GuardedTransport, Refused, Unresolved

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
USER_AGENT = "kiosque-import/1.0 (kiosque, a community agenda, reading a partner's calendar)"
ACCEPT = "text/calendar, text/plain;q=0.8, */*;q=0.5"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SHOWN_LENGTH = 200  # an address longer than this is cut in the sentences
_HEADER_LENGTH = 500  # a longer ETag or Last-Modified is not kept (it would be sent back to the server)


@dataclass
class Fetched:
    """`data` None and `problem` None: not modified since last time (a 304, or a repository file whose bytes did
    not change). `state` is what to keep for the next conditional request (JSON-able):
    `{"address", "etag", "last_modified", "sha256"}`; after a problem it is the state given, unchanged."""

    data: bytes | None
    state: dict = field(default_factory=dict)
    problem: Said | None = None


def fetch(
    address: str,
    repository: Path,
    state: dict | None,
    *,
    allow_private: bool = False,
    max_bytes: int = 10_000_000,
    timeout: float = 20.0,
) -> Fetched:
    """The calendar at `address` (a web address or a file of `repository`), or one plain sentence saying why
    not. Never raises."""
    old = dict(state) if isinstance(state, dict) else {}
    try:
        address = str(address).strip()
        match = _SCHEME.match(address)
        if not match:
            return _from_repository(address, Path(repository), old, max_bytes)
        scheme = match.group(1).lower()
        if scheme in ("webcal", "webcals"):
            url = "https" + address[len(scheme) :]
        elif scheme in ("http", "https"):
            url = address
        else:
            return _failed(old, _OTHER_SCHEME, address=_shown(address))
        return _from_web(url, address, old, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout)
    except Exception:  # never a traceback for the moderators: one sentence, the details in the log
        log.exception("fetching %s failed unexpectedly", _shown(str(address)))
        return _failed(old, _UNEXPECTED, address=_shown(str(address)))


# --- the web -------------------------------------------------------------------------------------------------


def _from_web(url: str, address: str, old: dict, *, allow_private: bool, max_bytes: int, timeout: float) -> Fetched:
    shown = _shown(address)
    kept_for = _without_password(address)
    deadline = Deadline(timeout)
    headers = {}
    conditional = old.get("address") in (None, kept_for)
    if conditional and isinstance(old.get("etag"), str):
        headers["If-None-Match"] = old["etag"]
    if conditional and isinstance(old.get("last_modified"), str):
        headers["If-Modified-Since"] = old["last_modified"]
    client = httpx.Client(
        transport=GuardedTransport(GuardedBackend(deadline, allow_private)),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        event_hooks={"response": [_check_redirect]},
    )
    seconds = f"{timeout:g}"
    with client:
        target = httpx.URL(url) if _valid_url(url) else None
        if target is None or target.scheme not in ("http", "https") or not target.host:
            return _failed(old, _INVALID, address=shown)
        for hop in range(MAX_REDIRECTS + 1):
            try:
                response = client.send(client.build_request("GET", target, headers=headers), stream=True)
            except _BadRedirect as error:
                return _failed(old, error.sentence, address=shown, target=_shown(error.location))
            except Refused as error:
                log.info("not fetching %s: %s is %s, a private or local address", shown, error.host, error.ip)
                if hop == 0:
                    return _failed(old, _PRIVATE, address=shown)
                return _failed(old, _PRIVATE_REDIRECT, address=shown, target=_shown(str(target)))
            except Exception as error:  # every other way a connection fails, said in words
                return _failed(old, *_connection_problem(error, shown, seconds))
            try:
                if response.next_request is not None:  # a redirect, checked by _check_redirect
                    target = response.next_request.url
                    continue
                if response.status_code == 304:
                    if headers:
                        return Fetched(None, old, None)
                    return _failed(old, *_status_problem(response.status_code, shown))
                if not 200 <= response.status_code < 300:
                    return _failed(old, *_status_problem(response.status_code, shown))
                body, problem = _read_body(response, deadline, max_bytes, shown, seconds)
            finally:
                response.close()
            if problem is not None:
                return _failed(old, *problem)
            problem = _calendar_problem(body, response.headers.get("content-type", ""), shown)
            if problem is not None:
                return _failed(old, *problem)
            return Fetched(
                body,
                {
                    "address": kept_for,
                    "etag": _header(response, "etag"),
                    "last_modified": _header(response, "last-modified"),
                    "sha256": hashlib.sha256(body).hexdigest(),
                },
                None,
            )
    return _failed(old, _REDIRECTS, address=shown, count=MAX_REDIRECTS)


class _BadRedirect(Exception):
    def __init__(self, sentence: str, location: str) -> None:
        super().__init__(location)
        self.sentence = sentence
        self.location = location


def _check_redirect(response: httpx.Response) -> None:
    """Refuses a redirect to anything but an http(s) address. httpx builds the next request of a redirect (even
    when it does not follow it) right after this hook, and fails on some targets (`javascript:...`) with a
    message that would not name them."""
    if not response.has_redirect_location:
        return
    location = response.headers["location"]
    try:
        following = response.request.url.join(location)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise _BadRedirect(_INVALID_REDIRECT, location) from None
    if following.scheme not in ("http", "https"):
        raise _BadRedirect(_REDIRECT_SCHEME, location)


def _valid_url(url: str) -> bool:
    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        return False
    return True


def _read_body(
    response: httpx.Response, deadline: Deadline, max_bytes: int, shown: str, seconds: str
) -> tuple[bytes, tuple | None]:
    too_big = (_TOO_BIG, {"address": shown, "limit": _megabytes(max_bytes)})
    announced = response.headers.get("content-length", "").strip()
    if announced.isdigit() and int(announced) > max_bytes:
        return b"", too_big
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                return b"", too_big
            if deadline.passed:
                return b"", (_TIMEOUT, {"address": shown, "seconds": seconds})
            chunks.append(chunk)
    except Exception as error:
        return b"", _connection_problem(error, shown, seconds)
    return b"".join(chunks), None


def _connection_problem(error: BaseException, shown: str, seconds: str) -> tuple[str, dict]:
    if isinstance(error, Unresolved):
        return _UNRESOLVED, {"address": shown, "host": _host(error.host)}
    if isinstance(error, httpx.TimeoutException):
        return _TIMEOUT, {"address": shown, "seconds": seconds}
    if _caused_by(error, ssl.SSLError, ssl.CertificateError):
        return _TLS, {"address": shown}
    if isinstance(error, httpx.ConnectError):
        return _UNREACHABLE, {"address": shown}
    if isinstance(error, httpx.DecodingError):
        return _BROKEN_ENCODING, {"address": shown}
    if isinstance(error, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.CloseError)):
        return _BROKEN, {"address": shown}
    if isinstance(error, (httpx.InvalidURL, httpx.UnsupportedProtocol, httpx.LocalProtocolError)):
        return _INVALID, {"address": shown}
    if isinstance(error, httpx.TransportError):
        return _BROKEN, {"address": shown}
    raise error  # not a failure of the network: the unexpected error's sentence, and the log


def _host(host: str) -> str:
    """A host name as people write it: `xn--mdiathque-...` is shown as `médiathèque`."""
    try:
        host = host.encode("ascii").decode("idna")
    except UnicodeError:
        pass
    return _clean(host)[:100]


def _caused_by(error: BaseException, *kinds: type[BaseException]) -> bool:
    seen = 0
    current: BaseException | None = error
    while current is not None and seen < 10:
        if isinstance(current, kinds):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


def _status_problem(code: int, shown: str) -> tuple[str, dict]:
    """The sentence for an error answer: its meaning in the reader's language and its number, never the server's
    English reason phrase ("Not Found"), which the server chooses and which is no help to a French reader."""
    values = {"address": shown, "code": code}
    if code in (404, 410):
        return _NOT_FOUND, values
    if code in (401, 403):
        return _FORBIDDEN, values
    if code == 429:
        return _TOO_MANY, values
    if code >= 500:
        return _SERVER_FAILED, values
    return _UNEXPECTED_STATUS, values


def _header(response: httpx.Response, name: str) -> str | None:
    value = response.headers.get(name)
    if value is None or len(value) > _HEADER_LENGTH or not value.isprintable():
        return None
    return value


# --- the repository ------------------------------------------------------------------------------------------


def _from_repository(address: str, repository: Path, old: dict, max_bytes: int) -> Fetched:
    shown = _shown(address) if address else '""'
    if not address:
        return _failed(old, _INVALID, address=shown)
    relative = PurePosixPath(address)
    if relative.is_absolute() or "\\" in address or ".." in relative.parts or "\x00" in address:
        return _failed(old, _OUTSIDE, address=shown)
    root = repository.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):  # a symbolic link leading out
        return _failed(old, _OUTSIDE, address=shown)
    if not path.is_file():
        return _failed(old, _NO_FILE, address=shown)
    if path.stat().st_size > max_bytes:
        return _failed(old, _TOO_BIG, address=shown, limit=_megabytes(max_bytes))
    with path.open("rb") as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _failed(old, _TOO_BIG, address=shown, limit=_megabytes(max_bytes))
    digest = hashlib.sha256(data).hexdigest()
    if old.get("sha256") == digest and old.get("address") in (None, address):
        return Fetched(None, old, None)
    problem = _calendar_problem(data, "", shown)
    if problem is not None:
        return _failed(old, *problem)
    return Fetched(data, {"address": address, "etag": None, "last_modified": None, "sha256": digest}, None)


# --- does it look like a calendar? ---------------------------------------------------------------------------


def _calendar_problem(body: bytes, content_type: str, shown: str) -> tuple[str, dict] | None:
    start = _beginning(body)
    if start.upper().startswith("BEGIN:VCALENDAR"):
        return None
    values = {"address": shown}
    lowered = start.lower()
    media = content_type.split(";", 1)[0].strip().lower()
    if not start:
        return _EMPTY, values
    if media in ("text/html", "application/xhtml+xml") or lowered.startswith(("<!doctype html", "<html")):
        return _HTML, values
    if re.match(r"<(!--|head|body|meta|title|script|div|p\b)", lowered):
        return _HTML, values
    if lowered.startswith(("<?xml", "<rss", "<feed", "<")):
        return _XML, values
    if lowered.startswith(("{", "[")) or media.endswith("json"):
        return _JSON, values
    if start.startswith("%PDF"):
        return _PDF, values
    if body[:4] in (b"PK\x03\x04",) or body[:2] == b"\x1f\x8b":
        return _ARCHIVE, values
    return _NOT_CALENDAR, values


def _beginning(body: bytes) -> str:
    """The first characters of `body` after a byte order mark and blank lines (UTF-8, or UTF-16 with its mark)."""
    head = body[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    return text.lstrip("\ufeff \t\r\n")[:200]


# --- sentences -----------------------------------------------------------------------------------------------


def _failed(old: dict, text: str, values: dict | None = None, **more) -> Fetched:
    return Fetched(None, old, Said(text, {**(values or {}), **more}))


def _without_password(address: str) -> str:
    """The address without any user name and password in it."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    if "@" not in parts.netloc:
        return address
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _clean(text: str) -> str:
    return "".join(character if character.isprintable() else "?" for character in text)


def _shown(address: str) -> str:
    """The address as the sentences show it: without user name and password, printable, not too long."""
    shown = _clean(_without_password(address))
    return shown if len(shown) <= _SHOWN_LENGTH else shown[: _SHOWN_LENGTH - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


_INVALID = N_("The calendar's address %(address)s is not a valid address: check it.")
_OTHER_SCHEME = N_(
    "The calendar's address %(address)s is neither a web address (https://, http:// or webcal://) nor a file of "
    "the repository: correct it."
)
_UNEXPECTED = N_(
    "The calendar at %(address)s could not be read because of an unexpected error: tell the people who run the "
    "site (the details are in the log)."
)
_OUTSIDE = N_(
    "The calendar's address %(address)s points outside the repository: give the path of a file inside it, such as "
    "partners/agenda.ics (without '..' and not starting with '/')."
)
_NO_FILE = N_("There is no file %(address)s in the repository: check the calendar's address.")
_UNRESOLVED = N_(
    "The calendar at %(address)s could not be reached: there is no site named %(host)s (check the address; if it "
    "is right, the partner's site may be down)."
)
_UNREACHABLE = N_(
    "The calendar at %(address)s could not be reached: its server did not answer (the partner's site may be down; "
    "the import will try again next time)."
)
_PRIVATE = N_(
    "The calendar's address %(address)s leads to a private or local network: kiosque does not fetch from there "
    "unless KIOSQUE_IMPORT_ALLOW_PRIVATE=1 is set (for a calendar on an intranet)."
)
_PRIVATE_REDIRECT = N_(
    "The address %(address)s sends the import on to %(target)s, on a private or local network: kiosque does not "
    "fetch from there unless KIOSQUE_IMPORT_ALLOW_PRIVATE=1 is set (for a calendar on an intranet)."
)
_TIMEOUT = N_(
    "The calendar at %(address)s did not arrive within %(seconds)s seconds: it was not read (the import will try "
    "again next time)."
)
_TLS = N_(
    "The calendar at %(address)s was not read: the security certificate of its site (HTTPS) could not be verified, "
    "so nothing proves the calendar comes from the partner; ask the partner to fix or renew the certificate."
)
_BROKEN = N_(
    "The connection to %(address)s broke before the whole calendar arrived: it was not read (the import will try "
    "again next time)."
)
_BROKEN_ENCODING = N_(
    "The calendar at %(address)s arrived damaged and could not be read: the import will try again next time; if it "
    "lasts, tell the partner."
)
_NOT_FOUND = N_(
    "The server of %(address)s says this address does not exist, or no longer does (%(code)s): check the address, "
    "or ask the partner for the right one."
)
_FORBIDDEN = N_(
    "The server of %(address)s refuses access to the calendar (%(code)s): it may be private; ask the partner for a "
    "public address."
)
_TOO_MANY = N_("The server of %(address)s says it is asked too often (%(code)s): the import will try again next time.")
_SERVER_FAILED = N_(
    "The partner's server at %(address)s has a problem (%(code)s): the import will try again next time; if it "
    "lasts, tell the partner."
)
_UNEXPECTED_STATUS = N_(
    "The server of %(address)s answered with the error %(code)s instead of the calendar: check the address."
)
_TOO_BIG = N_(
    "The calendar at %(address)s is larger than %(limit)s: it was not read (a partner's calendar is rarely more "
    "than a few megabytes; check the address)."
)
_REDIRECTS = N_(
    "The address %(address)s sends the import on to other addresses more than %(count)s times in a row: it was not "
    "read (check the address, or ask the partner for the calendar's own address)."
)
_INVALID_REDIRECT = N_(
    "The address %(address)s sends the import on to %(target)s, which is not a valid web address: it was not "
    "followed (ask the partner for the calendar's own address)."
)
_REDIRECT_SCHEME = N_(
    "The address %(address)s sends the import on to %(target)s, which is not a web address (http or https): it was "
    "not followed (ask the partner for the calendar's own address)."
)
_HTML = N_(
    "The address %(address)s gives a web page, not a calendar: check the address (look on the partner's site for an "
    "iCal or .ics link)."
)
_XML = N_(
    "The address %(address)s gives a news feed or another XML document, not a calendar: check the address (look on "
    "the partner's site for an iCal or .ics link)."
)
_JSON = N_(
    "The address %(address)s gives data in another format (JSON), not a calendar: check the address (look on the "
    "partner's site for an iCal or .ics link)."
)
_PDF = N_("The address %(address)s gives a PDF document, not a calendar: check the address.")
_ARCHIVE = N_("The address %(address)s gives a compressed archive, not a calendar: check the address.")
_EMPTY = N_("The address %(address)s gives an empty answer, not a calendar: check the address.")
_NOT_CALENDAR = N_(
    "The address %(address)s gives something that is not a calendar in iCal format: check the address (look on the "
    "partner's site for an iCal or .ics link)."
)
