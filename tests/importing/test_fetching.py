"""Fetching a partner's calendar without trusting the address or the server: real HTTP(S) servers on 127.0.0.1
(and 127.0.0.2), started by the tests, answer as partners' servers do, well and badly; every assertion is on the
sentence a moderator reads."""

from __future__ import annotations

import gzip
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from importing.fetching import fetch
from network import guard

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//Agenda//EN\r\nBEGIN:VEVENT\r\nUID:reading-1@partner\r\n"
    b"DTSTAMP:20261201T100000Z\r\nDTSTART:20261212T150000Z\r\nSUMMARY:Lecture contee\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)
CHANGED = CALENDAR.replace(b"Lecture contee", b"Lecture contee (complet)")


def said(fetched) -> str:
    """The sentence the moderator reads."""
    assert fetched.problem is not None, fetched
    assert fetched.data is None
    return fetched.problem.text % fetched.problem.values


# --- local servers ---------------------------------------------------------------------------------------------


class Server:
    """A threaded HTTP server on a random port; `routes` maps a path to a function answering with the handler."""

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Callable] = {}
        self.requests: list[tuple[str, dict]] = []
        self.names: list[str | None] = []  # the server names (SNI) that TLS clients asked for
        self.stopping = threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = owner.routes.get(self.path)
                try:
                    if route is None:
                        self.send_error(404)
                    else:
                        route(self)
                except OSError:  # the client went away: what a cut answer looks like from here
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            tls.sni_callback = lambda connection, name, context: self.names.append(name)
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str, host: str | None = None) -> str:
        return f"{self.scheme}://{host or self.host}:{self.port}{path}"

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    running = Server()
    yield running
    running.stop()


def answer(body: bytes, status: int = 200, headers: dict | None = None) -> Callable:
    def route(handler) -> None:
        handler.send_response(status)
        for name, value in {"Content-Type": "text/calendar; charset=utf-8", **(headers or {})}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


class Partner:
    """A partner's calendar that honours conditional requests, as a well-behaved server does."""

    def __init__(self, body: bytes, etag: str | None = None, last_modified: str | None = None) -> None:
        self.body, self.etag, self.last_modified = body, etag, last_modified

    def __call__(self, handler) -> None:
        if (self.etag and handler.headers.get("If-None-Match") == self.etag) or (
            self.last_modified and handler.headers.get("If-Modified-Since") == self.last_modified
        ):
            handler.send_response(304)
            handler.end_headers()
            return
        headers = {}
        if self.etag:
            headers["ETag"] = self.etag
        if self.last_modified:
            headers["Last-Modified"] = self.last_modified
        answer(self.body, headers=headers)(handler)


# --- conditional requests ----------------------------------------------------------------------------------------


def test_an_etag_is_sent_back_and_a_304_means_not_modified_then_a_changed_calendar_is_fetched_again(server):
    partner = server.routes["/agenda.ics"] = Partner(CALENDAR, etag='"v1"')
    first = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    assert first.problem is None and first.data == CALENDAR
    assert first.state["etag"] == '"v1"'
    assert first.state["address"] == server.url("/agenda.ics")
    assert "kiosque" in server.requests[0][1]["user-agent"]
    assert "if-none-match" not in server.requests[0][1]

    second = fetch(server.url("/agenda.ics"), Path("."), first.state, allow_private=True)
    assert server.requests[1][1]["if-none-match"] == '"v1"'
    assert (second.data, second.problem) == (None, None)  # not modified
    assert second.state == first.state  # the old state is kept

    partner.body, partner.etag = CHANGED, '"v2"'
    third = fetch(server.url("/agenda.ics"), Path("."), second.state, allow_private=True)
    assert third.problem is None and third.data == CHANGED
    assert third.state["etag"] == '"v2"' and third.state["sha256"] != first.state["sha256"]


def test_last_modified_is_sent_back_as_if_modified_since(server):
    server.routes["/agenda.ics"] = Partner(CALENDAR, last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    first = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    assert first.data == CALENDAR and first.state["last_modified"] == "Tue, 01 Dec 2026 10:00:00 GMT"
    assert first.state["etag"] is None

    second = fetch(server.url("/agenda.ics"), Path("."), first.state, allow_private=True)
    assert server.requests[1][1]["if-modified-since"] == "Tue, 01 Dec 2026 10:00:00 GMT"
    assert (second.data, second.problem, second.state) == (None, None, first.state)


def test_the_state_of_another_address_is_not_sent_to_a_new_one(server):
    """A source that moves to a new address must not be told 'not modified' on the strength of the old one's
    dates."""
    server.routes["/new.ics"] = Partner(CALENDAR, etag='"old"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    state = {"address": "https://old.example/agenda.ics", "etag": '"old"', "last_modified": "Tue, 01 Dec 2026 "
             "10:00:00 GMT", "sha256": "0" * 64}  # fmt: skip
    fetched = fetch(server.url("/new.ics"), Path("."), state, allow_private=True)
    assert fetched.data == CALENDAR
    assert "if-none-match" not in server.requests[0][1] and "if-modified-since" not in server.requests[0][1]


# --- slow, broken and wrong answers ------------------------------------------------------------------------------


def trickle_body(server: Server) -> Callable:
    def route(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"BEGIN:VCALENDAR\r\n")
        while not server.stopping.is_set():
            handler.wfile.write(b"X")
            handler.wfile.flush()
            time.sleep(0.1)

    return route


def trickle_headers(server: Server) -> Callable:
    def route(handler) -> None:
        for byte in b"HTTP/1.0 200 OK\r\nContent-Type: text/calendar\r\n" + b"X-Slow: " + b"x" * 1000:
            if server.stopping.is_set():
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.1)

    return route


@pytest.mark.parametrize("trickle", [trickle_body, trickle_headers], ids=["body", "headers"])
def test_a_server_that_trickles_is_stopped_by_the_deadline(server, trickle):
    """Each byte comes well within a read's timeout: only the deadline for the whole fetch stops it."""
    server.routes["/slow.ics"] = trickle(server)
    started = time.monotonic()
    fetched = fetch(server.url("/slow.ics"), Path("."), None, allow_private=True, timeout=1.0)
    assert time.monotonic() - started < 2.5
    assert said(fetched) == (
        f"The calendar at {server.url('/slow.ics')} did not arrive within 1 seconds: it was not read (the import "
        "will try again next time)."
    )


def test_a_server_that_closes_in_the_middle_of_the_calendar(server):
    def route(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(CALENDAR[:100])
        handler.wfile.flush()
        handler.close_connection = True

    server.routes["/cut.ics"] = route
    fetched = fetch(server.url("/cut.ics"), Path("."), {"etag": '"kept"'}, allow_private=True)
    assert said(fetched) == (
        f"The connection to {server.url('/cut.ics')} broke before the whole calendar arrived: it was not read "
        "(the import will try again next time)."
    )
    assert fetched.state == {"etag": '"kept"'}  # a failure keeps the state given


def test_a_server_that_closes_without_answering(server):
    server.routes["/silent.ics"] = lambda handler: setattr(handler, "close_connection", True)
    fetched = fetch(server.url("/silent.ics"), Path("."), None, allow_private=True)
    assert said(fetched).startswith(f"The connection to {server.url('/silent.ics')} broke before the whole calendar")


def test_nobody_listening():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetched = fetch(f"http://127.0.0.1:{port}/agenda.ics", Path("."), None, allow_private=True)
    assert said(fetched) == (
        f"The calendar at http://127.0.0.1:{port}/agenda.ics could not be reached: its server did not answer (the "
        "partner's site may be down; the import will try again next time)."
    )


def test_a_name_nobody_knows(monkeypatch):
    def no_such_name(*args, **options):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(guard.socket, "getaddrinfo", no_such_name)
    fetched = fetch("https://agenda.médiathèque-des-lilas.example/agenda.ics", Path("."), None)
    assert said(fetched) == (
        "The calendar at https://agenda.médiathèque-des-lilas.example/agenda.ics could not be reached: there is no "
        "site named agenda.médiathèque-des-lilas.example (check the address; if it is right, the partner's site may "
        "be down)."
    )


NOT_FOUND = (
    "The server of {url} says this address does not exist, or no longer does ({code}): check the address, or ask "
    "the partner for the right one."
)
FORBIDDEN = (
    "The server of {url} refuses access to the calendar ({code}): it may be private; ask the partner for a public "
    "address."
)
SERVER_FAILED = (
    "The partner's server at {url} has a problem ({code}): the import will try again next time; if it lasts, tell "
    "the partner."
)
OTHER_ERROR = "The server of {url} answered with the error {code} instead of the calendar: check the address."


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        (404, NOT_FOUND),
        (410, NOT_FOUND),
        (401, FORBIDDEN),
        (403, FORBIDDEN),
        (429, "The server of {url} says it is asked too often ({code}): the import will try again next time."),
        (500, SERVER_FAILED),
        (502, SERVER_FAILED),
        (503, SERVER_FAILED),
        (504, SERVER_FAILED),
        (400, OTHER_ERROR),
        (418, OTHER_ERROR),
        (451, OTHER_ERROR),
    ],
)
def test_an_error_answer_is_said_in_words_of_the_sentence_never_in_the_servers_english(server, status, sentence):
    """The meaning of the code is said by the sentence (translated); the server's reason phrase ("Not Found",
    "Service Unavailable"), English whatever the reader's language, is never repeated."""
    phrase = http.HTTPStatus(status).phrase
    server.routes["/agenda.ics"] = answer(b"<html><body>Oops</body></html>", status, {"Content-Type": "text/html"})
    fetched = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    text = said(fetched)
    assert text == sentence.format(url=server.url("/agenda.ics"), code=status)
    assert phrase.lower() not in text.lower()


def test_a_reason_phrase_of_the_servers_own_is_not_repeated_either(server):
    def route(handler) -> None:
        handler.send_response(404, "Seite nicht gefunden")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server.routes["/agenda.ics"] = route
    text = said(fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True))
    assert text == NOT_FOUND.format(url=server.url("/agenda.ics"), code=404)
    assert "nicht" not in text


def test_a_password_in_the_address_is_never_shown(server):
    url = server.url("/missing.ics").replace("http://", "http://alice:s3cret@")
    fetched = fetch(url, Path("."), None, allow_private=True)
    assert said(fetched) == NOT_FOUND.format(url=server.url("/missing.ics"), code=404)


LOOK_FOR_ICAL = "check the address (look on the partner's site for an iCal or .ics link)."
HTML_SENTENCE = "The address {url} gives a web page, not a calendar: " + LOOK_FOR_ICAL


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<!DOCTYPE html>\n<html><head><title>Agenda</title></head><body>...</body></html>", "text/html"),
        (b"\n\n  <html lang='fr'><body>Agenda</body></html>", "text/plain"),  # what it is, whatever it is called
        (b"Bienvenue sur notre agenda !", "text/html; charset=utf-8"),  # what it is called
    ],
)
def test_a_web_page_is_not_a_calendar(server, body, content_type):
    server.routes["/agenda"] = answer(body, headers={"Content-Type": content_type})
    fetched = fetch(server.url("/agenda"), Path("."), None, allow_private=True)
    assert said(fetched) == HTML_SENTENCE.format(url=server.url("/agenda"))


@pytest.mark.parametrize(
    ("body", "what"),
    [
        (b'{"events": []}', "data in another format (JSON), not a calendar: " + LOOK_FOR_ICAL),
        (
            b"<?xml version='1.0'?><rss version='2.0'></rss>",
            "a news feed or another XML document, not a calendar: " + LOOK_FOR_ICAL,
        ),  # fmt: skip
        (b"%PDF-1.7\n", "a PDF document, not a calendar: check the address."),
        (b"", "an empty answer, not a calendar: check the address."),
        (b"Agenda 2027\n12 janvier : conte", "something that is not a calendar in iCal format: " + LOOK_FOR_ICAL),
    ],
)
def test_what_else_comes_back_is_named(server, body, what):
    server.routes["/agenda"] = answer(body, headers={"Content-Type": "application/octet-stream"})
    fetched = fetch(server.url("/agenda"), Path("."), None, allow_private=True)
    assert said(fetched) == f"The address {server.url('/agenda')} gives {what}"


def test_a_calendar_is_a_calendar_after_a_byte_order_mark_and_blank_lines_whatever_it_is_called(server):
    body = b"\xef\xbb\xbf\r\n\r\n" + CALENDAR
    server.routes["/agenda.ics"] = answer(body, headers={"Content-Type": "text/html"})  # servers say so, wrongly
    fetched = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    assert fetched.problem is None and fetched.data == body  # bytes as they came: decoding is not fetching's job


def test_a_60_mb_answer_is_cut_at_the_limit_and_nothing_is_kept(server):
    def route(handler) -> None:  # streamed, no length announced: only counting stops it
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar")
        handler.end_headers()
        handler.wfile.write(b"BEGIN:VCALENDAR\r\n")
        chunk = b"X-FILLER:" + b"x" * 65_000 + b"\r\n"
        for _ in range(60_000_000 // len(chunk)):
            if server.stopping.is_set():
                return
            handler.wfile.write(chunk)

    server.routes["/huge.ics"] = route
    started = time.monotonic()
    fetched = fetch(server.url("/huge.ics"), Path("."), None, allow_private=True)
    assert time.monotonic() - started < 10
    assert said(fetched) == (
        f"The calendar at {server.url('/huge.ics')} is larger than 10 MB: it was not read (a partner's calendar is "
        "rarely more than a few megabytes; check the address)."
    )
    assert fetched.state == {}


def test_an_announced_length_over_the_limit_is_refused_before_reading(server):
    def route(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar")
        handler.send_header("Content-Length", "60000000")
        handler.end_headers()
        handler.wfile.write(CALENDAR)
        while not server.stopping.is_set():  # the rest never comes: reading would wait for it
            time.sleep(0.05)

    server.routes["/huge.ics"] = route
    started = time.monotonic()
    fetched = fetch(server.url("/huge.ics"), Path("."), None, allow_private=True, timeout=8)
    assert time.monotonic() - started < 4
    assert said(fetched).startswith(f"The calendar at {server.url('/huge.ics')} is larger than 10 MB: it was not read")


def test_a_compressed_bomb_is_cut_at_the_limit_after_decompression(server):
    bomb = gzip.compress(b"BEGIN:VCALENDAR\r\n" + b" " * 5_000_000)
    assert len(bomb) < 100_000
    server.routes["/bomb.ics"] = answer(bomb, headers={"Content-Encoding": "gzip"})
    fetched = fetch(server.url("/bomb.ics"), Path("."), None, allow_private=True, max_bytes=1_000_000)
    assert said(fetched).startswith(f"The calendar at {server.url('/bomb.ics')} is larger than 1 MB: it was not read")


def test_a_calendar_whose_compression_is_broken(server):
    server.routes["/agenda.ics"] = answer(b"\x1f\x8b this is not gzip at all", headers={"Content-Encoding": "gzip"})
    fetched = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    assert said(fetched) == (
        f"The calendar at {server.url('/agenda.ics')} arrived damaged and could not be read: the import will try "
        "again next time; if it lasts, tell the partner."
    )


def test_an_unexpected_error_is_one_sentence_not_an_exception(server, monkeypatch, caplog):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(guard, "ssl_context", broken)
    url = server.url("/agenda.ics").replace("http://", "http://alice:s3cret@")
    fetched = fetch(url, Path("."), {"etag": '"kept"'}, allow_private=True)
    assert said(fetched) == (
        f"The calendar at {server.url('/agenda.ics')} could not be read because of an unexpected error: tell the "
        "people who run the site (the details are in the log)."
    )
    assert fetched.state == {"etag": '"kept"'}
    assert "a bug" in caplog.text and "s3cret" not in caplog.text


# --- redirects --------------------------------------------------------------------------------------------------


def redirect(location: str, status: int = 302) -> Callable:
    def route(handler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


@pytest.fixture
def hops(server):
    server.routes["/hop/0"] = answer(CALENDAR)
    for n in range(1, 8):
        server.routes[f"/hop/{n}"] = redirect(f"/hop/{n - 1}", 301 if n % 2 else 308)
    return server


def test_five_redirects_are_followed(hops):
    fetched = fetch(hops.url("/hop/5"), Path("."), None, allow_private=True)
    assert fetched.problem is None and fetched.data == CALENDAR
    assert [path for path, _ in hops.requests] == ["/hop/5", "/hop/4", "/hop/3", "/hop/2", "/hop/1", "/hop/0"]


def test_six_redirects_are_refused(hops):
    fetched = fetch(hops.url("/hop/6"), Path("."), None, allow_private=True)
    assert said(fetched) == (
        f"The address {hops.url('/hop/6')} sends the import on to other addresses more than 5 times in a row: it "
        "was not read (check the address, or ask the partner for the calendar's own address)."
    )
    assert len(hops.requests) == 6


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://ftp.partner.example/agenda.ics", "javascript:alert(1)"]
)
def test_a_redirect_to_another_scheme_is_not_followed(server, target):
    server.routes["/agenda.ics"] = redirect(target)
    fetched = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    assert said(fetched) == (
        f"The address {server.url('/agenda.ics')} sends the import on to {target}, which is not a web address "
        "(http or https): it was not followed (ask the partner for the calendar's own address)."
    )


def test_a_redirect_to_an_address_that_is_not_one_is_not_followed(server):
    server.routes["/agenda.ics"] = redirect("http://[::1")
    fetched = fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True)
    assert said(fetched) == (
        f"The address {server.url('/agenda.ics')} sends the import on to http://[::1, which is not a valid web "
        "address: it was not followed (ask the partner for the calendar's own address)."
    )


# --- addresses that are not read -------------------------------------------------------------------------------


def refused(url: str) -> str:
    return (
        f"The calendar's address {url} leads to a private or local network: kiosque does not fetch from there unless "
        "KIOSQUE_IMPORT_ALLOW_PRIVATE=1 is set (for a calendar on an intranet)."
    )


def refused_after_redirect(url: str, target: str) -> str:
    return (
        f"The address {url} sends the import on to {target}, on a private or local network: kiosque does not fetch "
        "from there unless KIOSQUE_IMPORT_ALLOW_PRIVATE=1 is set (for a calendar on an intranet)."
    )


@pytest.mark.parametrize(
    ("host", "ip"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "127.0.0.1"),
        ("[::1]", "::1"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),
        ("2130706433", "127.0.0.1"),  # 127.0.0.1 as one number
    ],
)
def test_a_loopback_address_is_refused_without_allow_private(server, host, ip):
    server.routes["/agenda.ics"] = answer(CALENDAR)
    url = server.url("/agenda.ics", host=host)
    fetched = fetch(url, Path("."), None)
    assert said(fetched) == refused(url)
    assert said(fetched).count(host.strip("[]")) == 1  # the address once, not its host or its IP again
    assert server.requests == []  # nothing reached the server
    assert fetch(server.url("/agenda.ics"), Path("."), None, allow_private=True).data == CALENDAR  # tests' setting


@pytest.mark.parametrize(
    "addresses",
    [
        ["10.0.0.7"],
        ["192.168.1.20"],
        ["93.184.215.14", "172.16.4.4"],  # one private address among public ones is enough to refuse
        ["169.254.169.254"],  # a cloud's metadata service
        ["fd12:3456::1"],
        ["fe80::1%eth0"],
        ["::ffff:10.1.2.3"],
        ["64:ff9b::a9fe:a9fe"],  # NAT64 of 169.254.169.254
        ["2002:c0a8:0101::1"],  # 6to4 of 192.168.1.1
        ["0.0.0.0"],
        ["224.0.0.251"],
        ["240.0.0.1"],
        ["100.64.0.1"],  # shared address space of carriers
    ],
)
def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, addresses):
    looked_up = []

    def resolver(host, port, timeout):
        looked_up.append(host)
        return addresses

    monkeypatch.setattr(guard, "resolve", resolver)
    url = "https://calendar.partner.example/agenda.ics"
    started = time.monotonic()
    fetched = fetch(url, Path("."), None)
    assert time.monotonic() - started < 2  # refused before any connection is tried
    ip = next(address for address in addresses if guard.forbidden(address))
    assert said(fetched) == refused(url)
    assert ip not in said(fetched)
    assert looked_up == ["calendar.partner.example"]


@pytest.mark.parametrize("ip", ["93.184.215.14", "2606:4700:4700::1111", "::ffff:93.184.215.14"])
def test_public_addresses_are_not_refused(ip):
    assert not guard.forbidden(ip)


@pytest.fixture
def public_looking(monkeypatch):
    """A server on 127.0.0.2 that the tests treat as a public address, under the name partner.example; every other
    address is judged as always."""
    partner = Server("127.0.0.2")
    judged = guard.forbidden
    monkeypatch.setattr(guard, "forbidden", lambda ip: ip != "127.0.0.2" and judged(ip))
    names = {"partner.example": ["127.0.0.2"], "intranet.partner.example": ["10.20.30.40"]}
    resolve = guard.resolve
    monkeypatch.setattr(guard, "resolve", lambda host, port, timeout: names.get(host) or resolve(host, port, timeout))
    yield partner
    partner.stop()


def test_the_public_looking_server_answers_under_its_name(public_looking):
    public_looking.routes["/agenda.ics"] = answer(CALENDAR)
    fetched = fetch(public_looking.url("/agenda.ics", host="partner.example"), Path("."), None)
    assert fetched.problem is None and fetched.data == CALENDAR
    assert public_looking.requests[0][1]["host"] == f"partner.example:{public_looking.port}"


def test_a_redirect_to_a_loopback_address_is_refused(public_looking, server):
    server.routes["/agenda.ics"] = answer(CALENDAR)
    public_looking.routes["/agenda.ics"] = redirect(server.url("/agenda.ics"))
    url = public_looking.url("/agenda.ics", host="partner.example")
    fetched = fetch(url, Path("."), None)
    assert said(fetched) == refused_after_redirect(url, server.url("/agenda.ics"))
    assert len(public_looking.requests) == 1 and server.requests == []


def test_a_redirect_to_a_name_of_a_private_network_is_refused(public_looking):
    public_looking.routes["/agenda.ics"] = redirect("http://intranet.partner.example/agenda.ics")
    url = public_looking.url("/agenda.ics", host="partner.example")
    fetched = fetch(url, Path("."), None)
    assert said(fetched) == refused_after_redirect(url, "http://intranet.partner.example/agenda.ics")


@pytest.mark.parametrize("address", ["ftp://partner.example/agenda.ics", "file:///etc/passwd", "javascript:alert(1)"])
def test_an_address_of_another_scheme_is_not_read(address):
    assert said(fetch(address, Path("."), None, allow_private=True)) == (
        f"The calendar's address {address} is neither a web address (https://, http:// or webcal://) nor a file of "
        "the repository: correct it."
    )


@pytest.mark.parametrize(("address", "shown"), [("http://", "http://"), ("http://[not-an-ip]/x.ics", None), ("", '""')])
def test_an_address_that_is_not_one(address, shown):
    assert said(fetch(address, Path("."), None)) == (
        f"The calendar's address {shown or address} is not a valid address: check it."
    )


# --- HTTPS and webcal --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    """A self-signed certificate for calendar.partner.example, made by Debian's openssl command."""
    folder = tmp_path_factory.mktemp("tls")
    assert shutil.which("openssl"), "the openssl command makes the test's certificate"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"), "-days", "2",
         "-subj", "/CN=calendar.partner.example", "-addext", "subjectAltName=DNS:calendar.partner.example"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder


@pytest.fixture
def tls_partner(certificate, monkeypatch):
    """An HTTPS server on 127.0.0.1 known as calendar.partner.example (a name the tests resolve themselves)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate / "cert.pem", certificate / "key.pem")
    partner = Server(tls=context)
    names = {"calendar.partner.example": ["127.0.0.1"], "other.partner.example": ["127.0.0.1"]}
    monkeypatch.setattr(guard, "resolve", lambda host, port, timeout: names[host])
    yield partner
    partner.stop()


def test_webcal_is_fetched_as_https_from_the_checked_address_with_the_right_host_and_sni(
    tls_partner, certificate, monkeypatch
):
    monkeypatch.setattr(guard, "ssl_context", lambda: ssl.create_default_context(cafile=certificate / "cert.pem"))
    tls_partner.routes["/agenda.ics"] = answer(CALENDAR, headers={"ETag": '"tls"'})
    address = f"webcal://calendar.partner.example:{tls_partner.port}/agenda.ics"
    fetched = fetch(address, Path("."), None, allow_private=True)
    assert fetched.problem is None and fetched.data == CALENDAR
    assert tls_partner.names == ["calendar.partner.example"]  # SNI: the name, though it connected to 127.0.0.1
    assert tls_partner.requests[0][1]["host"] == f"calendar.partner.example:{tls_partner.port}"
    assert fetched.state["address"] == address and fetched.state["etag"] == '"tls"'


def test_webcal_is_refused_when_its_name_resolves_to_loopback(tls_partner):
    tls_partner.routes["/agenda.ics"] = answer(CALENDAR)
    address = f"webcal://calendar.partner.example:{tls_partner.port}/agenda.ics"
    assert said(fetch(address, Path("."), None)) == refused(address)
    assert tls_partner.requests == []


TLS_SENTENCE = (
    "The calendar at {url} was not read: the security certificate of its site (HTTPS) could not be verified, so "
    "nothing proves the calendar comes from the partner; ask the partner to fix or renew the certificate."
)


def test_a_certificate_nobody_vouches_for_is_refused(tls_partner):
    tls_partner.routes["/agenda.ics"] = answer(CALENDAR)
    url = f"https://calendar.partner.example:{tls_partner.port}/agenda.ics"
    assert said(fetch(url, Path("."), None, allow_private=True)) == TLS_SENTENCE.format(url=url)
    assert tls_partner.requests == []


def test_a_certificate_is_checked_against_the_name_not_the_address(tls_partner, certificate, monkeypatch):
    monkeypatch.setattr(guard, "ssl_context", lambda: ssl.create_default_context(cafile=certificate / "cert.pem"))
    tls_partner.routes["/agenda.ics"] = answer(CALENDAR)
    url = f"https://other.partner.example:{tls_partner.port}/agenda.ics"  # same address, a name it is not for
    assert said(fetch(url, Path("."), None, allow_private=True)) == TLS_SENTENCE.format(url=url)
    assert tls_partner.requests == []


# --- a file of the repository -----------------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "partners").mkdir(parents=True)
    (root / "partners" / "mediatheque.ics").write_bytes(CALENDAR)
    (tmp_path / "outside.ics").write_bytes(CALENDAR)
    return root


def test_a_repository_file_is_read_and_then_not_modified_until_it_changes(repository):
    first = fetch("partners/mediatheque.ics", repository, None)
    assert first.problem is None and first.data == CALENDAR
    second = fetch("partners/mediatheque.ics", repository, first.state)
    assert (second.data, second.problem, second.state) == (None, None, first.state)
    (repository / "partners" / "mediatheque.ics").write_bytes(CHANGED)
    third = fetch("partners/mediatheque.ics", repository, second.state)
    assert third.data == CHANGED and third.state["sha256"] != first.state["sha256"]


OUTSIDE = (
    "The calendar's address {address} points outside the repository: give the path of a file inside it, such as "
    "partners/agenda.ics (without '..' and not starting with '/')."
)


@pytest.mark.parametrize("address", ["../outside.ics", "partners/../../outside.ics", "/etc/passwd"])
def test_a_repository_path_out_of_the_repository_is_refused(repository, address):
    assert said(fetch(address, repository, None)) == OUTSIDE.format(address=address)


def test_a_symbolic_link_out_of_the_repository_is_refused(repository):
    (repository / "partners" / "link.ics").symlink_to(repository.parent / "outside.ics")
    assert said(fetch("partners/link.ics", repository, None)) == OUTSIDE.format(address="partners/link.ics")


def test_a_missing_repository_file(repository):
    assert said(fetch("partners/cinema.ics", repository, None)) == (
        "There is no file partners/cinema.ics in the repository: check the calendar's address."
    )
    assert said(fetch("partners", repository, None)) == (
        "There is no file partners in the repository: check the calendar's address."
    )


def test_a_repository_file_that_is_a_web_page_or_too_big(repository):
    (repository / "partners" / "page.ics").write_bytes(b"<!doctype html><title>Agenda</title>")
    assert said(fetch("partners/page.ics", repository, None)) == HTML_SENTENCE.format(url="partners/page.ics")
    assert said(fetch("partners/mediatheque.ics", repository, None, max_bytes=100)) == (
        "The calendar at partners/mediatheque.ics is larger than 0.0001 MB: it was not read (a partner's calendar "
        "is rarely more than a few megabytes; check the address)."
    )
