"""The one way kiosque's programs reach a server they do not trust (a partner's calendar, another fediverse
server): one deadline for everything, and never a private or local address unless a setting allows it.

How the address check cannot be sidestepped: the check and the connection happen in one place, a custom httpcore
*network backend* (`GuardedBackend`) given to httpx's own transport. httpx asks it to connect to the URL's host
name; it resolves the name once, refuses if any of its addresses is forbidden, then opens the TCP connection to
one of the addresses it has just checked (so a DNS answer that changes between check and connection, "DNS
rebinding", cannot slip a private address in). The URL itself is left untouched, so httpx sends the right `Host`
header, and httpcore starts TLS with the host name as SNI and verifies the certificate against it, exactly as for
any request. The other way (rewriting each URL to the checked IP, then setting `Host` and the `sni_hostname`
extension by hand) must redo URL building, IPv6 brackets, ports and the fallback between several addresses, and a
forgotten case connects unchecked; the backend is also where the deadline is kept, by shortening every socket
operation's timeout to the time left. httpx has no public argument for the backend, so `GuardedTransport` builds
the same connection pool httpx builds, with the backend (the tests' refusal of 127.0.0.1 fails if that stops
working). Proxies from the environment and `.netrc` are not used (`trust_env=False`): a proxy would make the
connection somewhere else than the checked address.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable

import httpcore
import httpx

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def forbidden(ip: str) -> bool:
    """True for an address kiosque must not connect to: private, loopback, link-local, multicast, reserved,
    unspecified or otherwise not global, IPv4 or IPv6; an IPv6 address carrying an IPv4 one (IPv4-mapped, 6to4,
    NAT64, Teredo) is judged by that one too."""
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])  # a scope ("fe80::1%eth0") says nothing more
    except ValueError:
        return True
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d
            return forbidden(str(address.ipv4_mapped))
        carried = [address.sixtofour]
        if address.teredo:
            carried.extend(address.teredo)
        if address in _NAT64:
            carried.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(inner is not None and forbidden(str(inner)) for inner in carried):
            return True
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def resolve(host: str, port: int, timeout: float) -> list[str]:
    """The addresses of `host`, in the resolver's order, looked up within `timeout` seconds (the system's
    look-up has no timeout of its own, so it runs in a thread that is left behind if it hangs)."""
    found: dict = {}

    def look_up() -> None:
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            found["error"] = error

    thread = threading.Thread(target=look_up, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(max(timeout, 0.0))
    if thread.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if "error" in found:
        raise Unresolved(host)
    addresses: list[str] = []
    for *_, sockaddr in found["infos"]:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    if not addresses:
        raise Unresolved(host)
    return addresses


class Unresolved(Exception):
    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


class Refused(Exception):
    def __init__(self, host: str, ip: str) -> None:
        super().__init__(host, ip)
        self.host = host
        self.ip = ip


class Deadline:
    """The one deadline of a fetch; every socket operation waits at most for the time left."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self, timeout: float | None, late: type[Exception]) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise late("the fetch's deadline passed")
        return remaining if timeout is None else min(timeout, remaining)

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.end


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout), self._deadline)

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks every address, then connects to a checked one (see the module's docstring)."""

    def __init__(self, deadline: Deadline, allow_private: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port, self._deadline.left(timeout, httpcore.ConnectTimeout))
        if not self._allow_private:
            for ip in addresses:
                if forbidden(ip):
                    raise Refused(host, ip)
        failure: Exception | None = None
        for ip in addresses:
            try:
                stream = self._inner.connect_tcp(
                    ip,
                    port,
                    timeout=self._deadline.left(timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return _DeadlineStream(stream, self._deadline)
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("kiosque does not connect to local sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def ssl_context() -> ssl.SSLContext:
    """The certificates trusted for HTTPS: httpx's (certifi's); the tests trust their own authority here."""
    return httpx.create_ssl_context()


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the same connection pool it builds, given the guarded network backend."""

    def __init__(self, backend: GuardedBackend) -> None:
        context = ssl_context()
        super().__init__(verify=context, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=4,
            max_keepalive_connections=2,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=backend,
        )
