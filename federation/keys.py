"""The actor's key: made once into the state folder (readable by the bridge's user only) or given by the
environment (`KIOSQUE_FEDERATION_PRIVATE_KEY`, PEM). It signs every delivery; followers' servers check it
against the public half published in the actor document. Never logged, never shown."""

from __future__ import annotations

import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from contributions import held, write_atomically

from .settings import FederationSettings

_lock = threading.Lock()


class ActorKey:
    def __init__(self, private: rsa.RSAPrivateKey) -> None:
        self.private = private
        self.public_pem = (
            private.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )

    def __repr__(self) -> str:
        return "ActorKey(***)"


def actor_key(settings: FederationSettings) -> ActorKey:
    """The key from the environment, else the one in the state folder, made there the first time (RSA 2048,
    what Mastodon makes and every fediverse server verifies)."""
    if settings.private_key:
        return ActorKey(_load(settings.private_key.encode(), "KIOSQUE_FEDERATION_PRIVATE_KEY"))
    path = settings.state / "private-key.pem"
    with _lock, held(settings.state / ".key.lock"):  # the bridge and `make federate` may start at once
        if not path.exists():
            made = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            pem = made.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            write_atomically(path, pem, mode=0o600)
        return ActorKey(_load(path.read_bytes(), str(path)))


def _load(pem: bytes, where: str) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise ValueError(f"{where} is not an unencrypted RSA private key in PEM") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{where} is not an RSA key (the fediverse verifies rsa-sha256)")
    return key
