"""HTTP Signatures as Mastodon, Mobilizon, Gancio and Fedify send and check them: draft-cavage-http-signatures-12
with `rsa-sha256` (or `hs2019` with an RSA key), the body's SHA-256 in a `Digest` header.

Written here rather than taken from a library: the one maintained Python library for this draft (apsig) accepts a
signature that does not cover the `Digest` or the `Date`, signs the path without its query and pulls a JSON-LD
processor and two HTTP clients; the protocol itself is a signing string and one RSA operation (`cryptography`).
What a valid request must show is the security of the inbox, so it is stated here in full:

- a `Signature` header with `keyId`, `headers` and `signature` (an unsigned request is refused);
- the signed headers include `(request-target)`, `host` and `date`, and `digest` when there is a body;
- `Date` within `MAX_AGE` in the past and `MAX_AHEAD` in the future (a captured request cannot be replayed later);
- `Digest` equal to the SHA-256 of the body received (the body cannot be swapped under a valid signature);
- the signature verifies with the key `keyId` names, as fetched from its owner's server (`remote.py`).
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

MAX_AGE = dt.timedelta(hours=12)  # Mastodon's window
MAX_AHEAD = dt.timedelta(hours=1)  # clocks differ; more ahead than this is not a clock
_PARAMETER = re.compile(r'\s*([A-Za-z]+)\s*=\s*"([^"]*)"\s*(?:,|$)')


class SignatureRefused(Exception):
    """Why a request is not taken as signed by anyone (said in the log, answered with 401)."""


@dataclass(frozen=True)
class Signature:
    key_id: str
    algorithm: str
    headers: tuple[str, ...]
    value: bytes


def digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(when: dt.datetime | None = None) -> str:
    return email.utils.format_datetime(when or dt.datetime.now(dt.UTC), usegmt=True)


def sign(
    method: str, url: str, key: rsa.RSAPrivateKey, key_id: str, body: bytes | None = None, **extra: str
) -> dict[str, str]:
    """The headers that make a request to `url` signed by `key_id`: Host, Date, Digest (with a body) and
    Signature, plus `extra` headers (signed too)."""
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = {"host": parts.netloc, "date": http_date()}
    if body is not None:
        headers["digest"] = digest(body)
    headers.update({name.lower(): value for name, value in extra.items()})
    names = ["(request-target)", *headers]
    values = {"(request-target)": f"{method.lower()} {target}", **headers}
    text = "\n".join(f"{name}: {values[name]}" for name in names).encode()
    value = base64.b64encode(key.sign(text, padding.PKCS1v15(), hashes.SHA256())).decode()
    headers["signature"] = f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",signature="{value}"'
    return headers


def parse(headers: Mapping[str, str]) -> Signature:
    """The request's signature, or SignatureRefused when it has none or it cannot be read."""
    header = headers.get("signature", "")
    if not header and headers.get("authorization", "").lower().startswith("signature "):
        header = headers["authorization"][len("signature ") :]
    if not header:
        raise SignatureRefused("the request is not signed")
    fields: dict[str, str] = {}
    position = 0
    while position < len(header):
        match = _PARAMETER.match(header, position)
        if not match:
            raise SignatureRefused("the Signature header cannot be read (draft-cavage expected)")
        fields[match[1]] = match[2]
        position = match.end()
    if "keyId" not in fields or "signature" not in fields:
        raise SignatureRefused("the Signature header has no keyId or no signature")
    algorithm = fields.get("algorithm", "hs2019").lower()
    if algorithm not in ("rsa-sha256", "hs2019"):
        raise SignatureRefused(f"the signature's algorithm {algorithm[:30]!r} is not rsa-sha256")
    try:
        value = base64.b64decode(fields["signature"], validate=True)
    except ValueError:
        raise SignatureRefused("the signature is not base64") from None
    names = tuple(fields.get("headers", "date").lower().split())
    return Signature(fields["keyId"], algorithm, names, value)


def check_freshness(signature: Signature, headers: Mapping[str, str], body: bytes, now: dt.datetime) -> None:
    """What can be judged before fetching the sender's key: what the signature covers, the date, the digest."""
    required = ["(request-target)", "host", "date"] + (["digest"] if body else [])
    missing = [name for name in required if name not in signature.headers]
    if missing:
        raise SignatureRefused(f"the signature does not cover {', '.join(missing)}")
    try:
        sent = email.utils.parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError):
        raise SignatureRefused("the Date header cannot be read") from None
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.UTC)
    if now - sent > MAX_AGE:
        raise SignatureRefused("the Date header is too old")
    if sent - now > MAX_AHEAD:
        raise SignatureRefused("the Date header is in the future")
    if body:
        given = [part.strip() for part in headers.get("digest", "").split(",")]
        sha256 = [part for part in given if part[:8].upper() == "SHA-256="]
        if not sha256:
            raise SignatureRefused("the request has no SHA-256 Digest of its body")
        if sha256[0][8:] != digest(body)[8:]:
            raise SignatureRefused("the Digest is not the body's")


def verify(signature: Signature, method: str, target: str, headers: Mapping[str, str], public_pem: str) -> None:
    """Checks the RSA signature over the signed headers; `target` is the path and query as received."""
    try:
        key = serialization.load_pem_public_key(public_pem.encode())
    except (ValueError, TypeError):
        raise SignatureRefused("the sender's public key cannot be read") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureRefused("the sender's key is not an RSA key")
    lines = []
    for name in signature.headers:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {target}")
        elif name in headers:
            lines.append(f"{name}: {headers[name]}")
        else:
            raise SignatureRefused(f"the signed header {name[:40]!r} is not in the request")
    try:
        key.verify(signature.value, "\n".join(lines).encode(), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise SignatureRefused("the signature does not match") from None
