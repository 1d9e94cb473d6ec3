"""Accepting a submission, for the forms and the JSON API alike: uploads checked, the file composed (or, for a
correction, edited) and validated as `make check` would, then stored in the spool before the answer "received"."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image

from contributions import (
    KINDS,
    Problem,
    Site,
    build_today,
    messages,
    read_source,
    scrubbed,
    validate_bytes,
    validate_file,
)

from . import uploads as files
from .compose import compose, file_slug, with_uploads
from .editing import REMOVED, Current, EditError, MainBranch, as_written, edit
from .forms import UPLOADS
from .i18n import Interface
from .proposals import summary_of
from .settings import BridgeSettings
from .spool import Spool, new_id
from .wording import MESSAGES, N_

PARENTS = {"track": ("playlist", "playlists"), "story": ("story_collection", "stories")}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,20}")
_CONTACT = re.compile(r"[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]{1,190}\.[^@\s<>\"',;.]{2,30}")
ACTIONS = ("correct", "cancel", "move")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CHANGE_MESSAGES = {
    "nothing_changed": N_("You changed nothing: change what is wrong, then send the form again."),
}


@dataclass
class Intake:
    settings: BridgeSettings
    spool: Spool
    site: Site
    content: PurePosixPath  # the content folder, relative to the repository
    accepted: Callable[[], None] = lambda: None  # wakes the worker
    main: MainBranch | None = None  # the main branch corrections start from; made from the settings if not given

    def __post_init__(self) -> None:
        if self.main is None:
            self.main = MainBranch(self.settings, str(self.content))

    def parent(self, kind: str, name: str) -> str | None:
        """The title of the open playlist or of the collection a track or story goes in; None if there is none."""
        if not _SLUG.fullmatch(name or ""):
            return None
        parent_kind, folder = PARENTS[kind]
        index = self.site.content / folder / name / "index.md"
        if not index.is_file():
            return None
        found, _ = validate_file(index, str(index), Path(folder, name, "index.md"), KINDS[parent_kind], self.site)
        if found is None or (kind == "track" and not found.data.open):
            return None
        return found.data.title

    def places(self) -> list[tuple[str, str]]:
        """(slug, name) of the site's places, for the event form's list."""
        found = []
        for path in sorted((self.site.content / "places").glob("*.yaml")):
            place, _ = validate_file(path, str(path), Path("places", path.name), KINDS["place"], self.site)
            if place is not None:
                found.append((place.slug, place.data.name))
        return sorted(found, key=lambda item: item[1].lower())

    def submit(
        self,
        kind: str,
        parent: str | None,
        fields: dict,
        body: str,
        contact: str,
        uploaded: dict[str, bytes],
        ui: Interface,
    ) -> tuple[str | None, list[Problem]]:
        """(the submission's id, []) once it is safely spooled, else (None, the problems to show)."""
        fields, body, contact = _clean(fields), _clean(body), _clean(contact)
        checked, problems = self._checked(kind, fields, contact, uploaded, ui)
        today = build_today(None, self.site.timezone)
        if kind == "track":
            fields = {**fields, "added": today.isoformat()}
        submission_id = new_id()
        draft, found = compose(submission_id, kind, fields, body, parent, checked, ui.site, self.content, today)
        problems += [_for_a_form(problem, ui) for problem in found]
        if problems or draft is None:
            return None, problems
        main_text = draft.files[draft.main_file].decode("utf-8")
        uploads = {path: data for path, data in draft.files.items() if path != draft.main_file}
        credit = (
            fields.get("credit") or fields.get("added_by") or fields.get("teller") or fields.get("collected_by") or ""
        )
        self.spool.accept(
            {
                "id": submission_id,
                "kind": kind,
                "parent": parent,
                "title": draft.title,
                "credit": str(credit),
                "contact": contact,
                "branch": draft.branch,
                "main_file": draft.main_file,
                "files": {draft.main_file: main_text},
                "paths": [draft.main_file, *uploads],
                "language": self.site.language,
                "form_language": ui.language,  # the contributor's: the language of the form they filled in
                "summary": summary_of(kind, fields, self.site, parent),
                "received": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
            uploads,
        )
        self.accepted()
        return submission_id, []

    def submit_change(
        self,
        kind: str,
        base: Current,
        action: str,
        date: str | None,
        changes: dict,
        body: str | None,
        contact: str,
        uploaded: dict[str, bytes],
        ui: Interface,
    ) -> tuple[str | None, list[Problem]]:
        """A correction (or a reported cancellation or new date) of `base`, the file as the form showed it:
        (its id, []) once it is spooled, else (None, the problems). The record says whether main moved since
        the form was opened (`conflict`): the worker then applies the same changes to main's file."""
        kind_info = KINDS[kind]
        changes = {name: value if value is REMOVED else _clean(value) for name, value in changes.items()}
        body, contact = (None if body is None else _clean(body)), _clean(contact)
        changes = {name: value for name, value in changes.items() if not _same(base.fields, name, value)}
        if not kind_info.markdown or (body is not None and body.strip() == base.body.strip()):
            body = None
        if not changes and body is None and not any(uploaded.get(name) for name in UPLOADS[kind]):
            return None, [Problem("", 0, "", ui.say(CHANGE_MESSAGES["nothing_changed"]))]
        checked, problems = self._checked(
            kind, {k: v for k, v in changes.items() if v is not REMOVED}, contact, uploaded, ui
        )
        submission_id = new_id()
        stem = PurePosixPath(base.path).stem
        name = f"{file_slug(stem)}-{submission_id[:8]}"
        replaced = {field: changes.get(field, base.fields.get(field)) for field in checked}
        uploaded_fields, upload_files = with_uploads(replaced, checked, name, self.content)
        changes.update(uploaded_fields)
        pictures = {  # the moderators see a new picture's size
            path: list(Image.open(io.BytesIO(data)).size)
            for path, data in upload_files.items()
            if PurePosixPath(path).relative_to(self.content).parts[0] == "images"
        }
        if problems:
            return None, problems
        try:
            text = edit(base.text, kind_info.markdown, changes, body, kind=kind)
        except EditError:
            return None, [Problem("", 0, "", ui.say(MESSAGES["unsafe"]))]
        relative = PurePosixPath(base.path)
        found = validate_bytes(text.encode("utf-8"), str(relative), relative, kind_info, ui.site)
        if found:
            return None, [_for_a_form(problem, ui) for problem in found]
        edited = read_source(text.encode("utf-8"), kind_info.markdown, len(text.encode("utf-8")) + 1).data
        now = self.main.read(base.path)
        conflict = "removed" if now is None else "" if now.blob == base.blob else "changed"
        before = {field: base.fields.get(field) for field in changes}
        after = {field: None if value is REMOVED else as_written(value) for field, value in changes.items()}
        if body is not None:
            before["body"], after["body"] = base.body.strip(), body.strip()
        today = build_today(None, self.site.timezone)
        parent = relative.parts[1] if kind in PARENTS else None
        self.spool.accept(
            {
                "id": submission_id,
                "kind": kind,
                "action": action if action in ACTIONS else "correct",
                "language": self.site.language,
                "form_language": ui.language,
                "parent": parent,
                "title": str(edited.get("title", "")),
                "credit": "",
                "contact": contact,
                "branch": f"change/{kind}/{today.isoformat()}-{file_slug(stem)}-{submission_id[:8]}",
                "main_file": base.repo_path,
                "files": {base.repo_path: text},
                "paths": [base.repo_path, *upload_files],
                "change": {
                    "path": base.repo_path,
                    "base": base.blob,
                    "date": date if _DATE.fullmatch(date or "") else "",
                    "before": before,
                    "after": after,
                },
                "conflict": conflict,
                "conflicts": {},
                "pictures": pictures,
                "summary": summary_of(kind, edited, self.site, parent, before=before),
                "received": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
            upload_files,
        )
        self.accepted()
        return submission_id, []

    def _checked(
        self, kind: str, fields: dict, contact: str, uploaded: dict[str, bytes], ui: Interface
    ) -> tuple[dict[str, files.Upload], list[Problem]]:
        """The uploads re-encoded, and the problems of the uploads, of the media named and of the contact."""
        problems: list[Problem] = []
        checked: dict[str, files.Upload] = {}
        for name in UPLOADS[kind]:
            data = uploaded.get(name)
            if not data:
                continue
            try:
                if name == "image":
                    checked[name] = files.picture(data, self.settings.max_image_bytes)
                else:
                    checked[name] = files.recording(data, self.settings.max_audio_bytes)
            except files.UploadError as error:
                problems.append(Problem("", 0, name, ui.say(MESSAGES[error.code], **error.context)))
        problems += self._missing_media(fields, checked, ui)
        if contact and not _CONTACT.fullmatch(contact):
            problems.append(Problem("", 0, "contact", ui.say(MESSAGES["contact_format"])))
        return checked, problems

    def _missing_media(self, fields: dict, uploaded: dict, ui: Interface) -> list[Problem]:
        """A picture or recording named by a JSON submission must already be a file of the site: the
        worker would otherwise find the file broken and retry it forever."""
        problems = []
        content = self.site.content.resolve()
        for name in ("image", "audio", "video"):
            value = fields.get(name)
            source = value.get("src") if isinstance(value, dict) else value
            if name in uploaded or not isinstance(source, str) or "://" in source:
                continue
            target = (content / source).resolve()
            if not (target.is_relative_to(content) and target.is_file()):
                problems.append(
                    Problem("", 0, f"{name}.src", messages.render("media_missing", ui.language, found=source))
                )
        return problems


def _for_a_form(problem: Problem, ui: Interface) -> Problem:
    """`make check`'s sentence, unless it speaks of lines of a file where a form has fields."""
    name = problem.field.split(".")[-1]
    if problem.message == messages.render("missing", ui.language, name=name):
        return Problem(problem.path, problem.line, problem.field, ui.say(MESSAGES["required"]))
    if problem.message == "unsafe":
        return Problem(problem.path, problem.line, problem.field, ui.say(MESSAGES["unsafe"]))
    return problem


def _same(fields: dict, name: str, value) -> bool:
    """Whether a change leaves the field as the file has it."""
    if value is REMOVED:
        return name not in fields
    return name in fields and fields[name] == as_written(value)


def _clean(value):
    """`value` (text, or fields holding text) without the invisible characters that copy-paste brings or
    that disguise a text (the bidirectional overrides that make "gpj.exe" read "exe.jpg")."""
    if isinstance(value, str):
        return scrubbed(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value
