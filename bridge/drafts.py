"""What a person typed, kept in the bridge's state between "See my event" and "Send" (or "Change"): a long
form is never lost to a preview or a back button, and a picture chosen once is not asked for again.

A draft is named by a random id the preview page carries (nobody can guess another's), holds the posted
values and the uploads as re-encoded by the intake's checks, and expires with the form's token."""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from .protection import FORM_LIFETIME

_ID = re.compile(r"[0-9a-f]{32}")
MAX_VALUES = 200_000  # characters of typed values a draft keeps (the form's limit is far above any real form)


@dataclass
class Draft:
    id: str
    values: list[tuple[str, str]]  # the form's (name, value) pairs, repeated names included, files left out
    files: dict[str, tuple[bytes, str]]  # field -> (re-encoded bytes, media type)


class Drafts:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, values: list[tuple[str, str]], files: dict[str, tuple[bytes, str]], draft_id: str = "") -> str:
        """Keep a draft (replacing the draft `draft_id` when it is still there); returns its id."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._forget_old()
        draft_id = draft_id if _ID.fullmatch(draft_id or "") and self._path(draft_id).is_dir() else ""
        draft_id = draft_id or secrets.token_hex(16)
        folder = self._path(draft_id)
        folder.mkdir(exist_ok=True)
        kept = [(name, value) for name, value in values if isinstance(value, str)]
        if sum(len(name) + len(value) for name, value in kept) > MAX_VALUES:
            raise ValueError("draft too large")
        media = {name: mime for name, (_, mime) in files.items()}
        (folder / "values.json").write_text(json.dumps({"values": kept, "media": media}), encoding="utf-8")
        for name, (data, _) in files.items():
            (folder / f"{name}.bin").write_bytes(data)
        return draft_id

    def load(self, draft_id: str) -> Draft | None:
        if not _ID.fullmatch(draft_id or ""):
            return None
        folder = self._path(draft_id)
        try:
            if time.time() - folder.stat().st_mtime > FORM_LIFETIME:
                return None
            stored = json.loads((folder / "values.json").read_text(encoding="utf-8"))
            files = {
                name: ((folder / f"{name}.bin").read_bytes(), mime)
                for name, mime in stored["media"].items()
                if re.fullmatch(r"[a-z]+", name)
            }
        except (OSError, ValueError, KeyError):
            return None
        return Draft(draft_id, [tuple(pair) for pair in stored["values"]], files)

    def _path(self, draft_id: str) -> Path:
        return self.folder / draft_id

    def _forget_old(self) -> None:
        now = time.time()
        for folder in self.folder.iterdir():
            try:
                if now - folder.stat().st_mtime > FORM_LIFETIME:
                    for part in folder.iterdir():
                        part.unlink()
                    folder.rmdir()
            except OSError:
                continue
