"""The bridge's configuration: environment variables `KIOSQUE_BRIDGE_*`, read once and checked, with a
plain sentence for the site's maintainers when one cannot be used. Secrets (the HMAC key, the GitHub
token) come only from the environment and are never printed: `repr` hides them."""

from __future__ import annotations

import os
import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

FORGES = ("local", "gitlab", "forgejo", "github")


class BridgeSettingError(ValueError):
    """A setting that cannot be used; the message names the variable and what it expects."""


@dataclass(frozen=True)
class BridgeSettings:
    repository: Path  # the site's own repository: its settings, content and (by default) where branches go
    state: Path  # spool, work clone, receipts
    forge: str = "local"
    remote: str = ""  # where the worker fetches main and pushes; the site's repository when empty
    main: str = "main"
    site_settings: str = "pelicanconf.py"
    rate_limit: int = 6
    rate_window: float = 300.0
    min_fill_seconds: float = 3.0
    max_image_bytes: int = 5_000_000
    max_audio_bytes: int = 30_000_000
    max_form_bytes: int = 100_000  # everything but the uploads
    retry_seconds: float = 30.0  # first wait after a failure; doubled each time, up to an hour
    poll_seconds: float = 2.0
    github_repository: str = ""  # owner/name
    github_api: str = "https://api.github.com"
    author: str = "kiosque bridge <bridge@kiosque.invalid>"
    run_worker: bool = True
    import_hours: float = 6.0  # the partner calendars are imported every so many hours; 0: never
    import_allow_private: bool = False  # the import may fetch calendars at private addresses (intranets, tests)
    secret: bytes = field(default=b"", repr=False)
    github_token: str = field(default="", repr=False)

    @property
    def max_body_bytes(self) -> int:
        """The largest request accepted at all: a form with a picture and a recording."""
        return self.max_form_bytes + self.max_image_bytes + self.max_audio_bytes

    @property
    def remote_url(self) -> str:
        return self.remote or str(self.repository)

    @classmethod
    def from_environment(cls, environ: dict | None = None) -> BridgeSettings:
        env = os.environ if environ is None else environ
        repository = Path(env.get("KIOSQUE_BRIDGE_REPOSITORY") or ".").resolve()
        forge = env.get("KIOSQUE_BRIDGE_FORGE", "local").strip().lower()
        if forge not in FORGES:
            raise BridgeSettingError(f"KIOSQUE_BRIDGE_FORGE must be one of {', '.join(FORGES)}, found '{forge}'")
        limit, window = _rate(env.get("KIOSQUE_BRIDGE_RATE_LIMIT", "6/300"))
        secret = env.get("KIOSQUE_BRIDGE_SECRET", "")
        if secret and len(secret) < 32:
            raise BridgeSettingError("KIOSQUE_BRIDGE_SECRET must be at least 32 characters long")
        settings = cls(
            repository=repository,
            state=Path(env.get("KIOSQUE_BRIDGE_STATE") or repository / ".bridge").resolve(),
            forge=forge,
            remote=env.get("KIOSQUE_BRIDGE_REMOTE", ""),
            main=_branch(env.get("KIOSQUE_BRIDGE_MAIN", "main")),
            site_settings=env.get("KIOSQUE_BRIDGE_SITE_SETTINGS", "pelicanconf.py"),
            rate_limit=limit,
            rate_window=window,
            min_fill_seconds=_number(env, "KIOSQUE_BRIDGE_MIN_FILL_SECONDS", 3.0),
            max_image_bytes=int(_number(env, "KIOSQUE_BRIDGE_MAX_IMAGE_BYTES", 5_000_000)),
            max_audio_bytes=int(_number(env, "KIOSQUE_BRIDGE_MAX_AUDIO_BYTES", 30_000_000)),
            retry_seconds=_number(env, "KIOSQUE_BRIDGE_RETRY_SECONDS", 30.0),
            poll_seconds=_number(env, "KIOSQUE_BRIDGE_POLL_SECONDS", 2.0),
            github_repository=env.get("KIOSQUE_BRIDGE_GITHUB_REPOSITORY", ""),
            github_api=env.get("KIOSQUE_BRIDGE_GITHUB_API", "https://api.github.com").rstrip("/"),
            author=env.get("KIOSQUE_BRIDGE_AUTHOR", cls.author),
            run_worker=env.get("KIOSQUE_BRIDGE_WORKER", "1") != "0",
            import_hours=_number(env, "KIOSQUE_BRIDGE_IMPORT_HOURS", 6.0),
            import_allow_private=env.get("KIOSQUE_IMPORT_ALLOW_PRIVATE", "0") == "1",  # as `make import` reads it
            # Without a configured key, forms served before a restart must be filled in again: acceptable.
            secret=(secret or secrets.token_hex(32)).encode(),
            github_token=env.get("KIOSQUE_BRIDGE_GITHUB_TOKEN", ""),
        )
        if forge == "github" and not (
            settings.github_token and re.fullmatch(r"[\w.-]+/[\w.-]+", settings.github_repository)
        ):
            raise BridgeSettingError(
                "the github forge needs KIOSQUE_BRIDGE_GITHUB_TOKEN and KIOSQUE_BRIDGE_GITHUB_REPOSITORY (owner/name)"
            )
        if forge != "local" and not settings.remote:
            raise BridgeSettingError(f"the {forge} forge needs KIOSQUE_BRIDGE_REMOTE, the address git pushes to")
        return settings

    def redact(self, text: str) -> str:
        """`text` without the secrets or any password written in an address (for logs)."""
        for secret in (self.github_token, self.secret.decode()):
            if secret:
                text = text.replace(secret, "***")
        return re.sub(r"(://)[^/@\s]+@", r"\1***@", text)


def settings_or_exit() -> BridgeSettings:
    """The settings from the environment, or a sentence for the maintainers and exit status 2 (no traceback)."""
    try:
        return BridgeSettings.from_environment()
    except BridgeSettingError as error:
        print(f"kiosque bridge: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def _rate(value: str) -> tuple[int, float]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*", value)
    if not match or int(match[1]) < 1:
        raise BridgeSettingError(f"KIOSQUE_BRIDGE_RATE_LIMIT must be submissions/seconds, e.g. 6/300, found '{value}'")
    return int(match[1]), float(match[2])


def _number(env, name: str, default: float) -> float:
    value = env.get(name)
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except ValueError:
        raise BridgeSettingError(f"{name} must be a number, found '{value}'") from None
    if number < 0:
        raise BridgeSettingError(f"{name} cannot be negative, found '{value}'")
    return number


def _branch(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", value) or ".." in value or value.startswith(("-", "/")):
        raise BridgeSettingError(f"KIOSQUE_BRIDGE_MAIN must be a branch name, found '{value}'")
    return value
