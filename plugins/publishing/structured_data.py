"""What the JSON-LD of event and story pages both need and the contributions only imply: when a file
reached the site, a picture's full address, the region of an address."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pycountry

from publishing.encoding import site_file, site_path
from publishing.history import histories
from publishing.pelican_files import PICTURE_FILES


class Published:
    """When each event and story reached the site: its file's first commit (`publishing.history`), read from git
    once for all of them, when a page first asks. None for a file never committed, or in a build without
    history (a shallow clone): no date rather than a false one."""

    def __init__(self, items: list, content):
        self.items, self.content, self.found = items, content, None

    def __call__(self, item) -> dt.datetime | None:
        if self.found is None:
            read = histories([each.contribution.file for each in self.items], self.content)
            self.found = {path: history.created for path, history in read.items()}
        return self.found.get(item.contribution.file)


def published(generator) -> Published:
    """The build's one `Published`, shared by the agenda's and the stories' generators (one read of git)."""
    context = generator.context
    if "kiosque_published" not in context:
        context["kiosque_published"] = Published(
            context.get("events", []) + context.get("stories", []), Path(generator.settings.get("PATH") or "content")
        )
    return context["kiosque_published"]


def picture_address(picture, absolute, settings: dict | None = None) -> str | None:
    """The full address of a contribution's picture: only the site's own files (no request to another site),
    as the build publishes them (its largest light copy, `pictures`; none when the picture is refused)."""
    path = site_file(picture.src) if picture is not None else None
    files = (settings or {}).get(PICTURE_FILES)
    if path and files is not None:
        path = site_path(files.get(picture.src))
    return absolute(path) if path else None


def address_region(country: str, postal_code: str | None) -> str | None:
    """schema.org's addressRegion, the first-level division ("California"): for France, the région. A French
    postal code starts with its département (two digits, three overseas: 97x; both Corsican ones, 2A and
    2B, start with 20), and ISO 3166-2 (pycountry) says which région holds that département. None elsewhere
    (no such rule to go by) and for codes that name no département (Monaco's 980xx, CEDEX of the Pacific)."""
    code = (postal_code or "").strip()
    if country != "FR" or not re.fullmatch(r"\d{5}", code):
        return None
    department = "2A" if code.startswith("20") else code[:3] if code.startswith("97") else code[:2]
    # Paris is a "collectivity with special status" in ISO 3166-2 (FR-75C), not a département (FR-75)
    division = pycountry.subdivisions.get(code=f"FR-{department}") or pycountry.subdivisions.get(
        code=f"FR-{department}C"
    )
    while division is not None and division.parent_code:  # Bas-Rhin -> Alsace -> Grand Est
        division = pycountry.subdivisions.get(code=division.parent_code)
    return division.name if division is not None else None
