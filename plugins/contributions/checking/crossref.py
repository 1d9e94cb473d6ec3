"""Checks that look at several files at once: references to places, playlists, collections and
translations, files named alike, pictures and recordings that must exist under content/."""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple
from unicodedata import normalize

from contributions.checking import messages
from contributions.checking.podcast_notes import podcast_notes
from contributions.checking.validate import Contribution, Problem
from contributions.checking.validated_before import ValidatedBefore
from contributions.reading.content_walk import linked_part
from contributions.site import Site
from speed.store import digest

PICTURE_FIELDS = ("image", "cover")  # a page shows these: it is published without one the build refused


def cross_check(
    valid: list[Contribution],
    broken: set[tuple[str, str]],
    site: Site,
    before: ValidatedBefore,
    unpublished: set[str] = frozenset(),
) -> list[Problem]:
    """Problems between files; `broken` holds (kind, key) of files that failed their own validation,
    `unpublished` the static files refused (paths under content/, see `static_files`)."""
    language = site.language
    problems: list[Problem] = []
    by_kind: dict[str, dict[str, Contribution]] = defaultdict(dict)
    for item in sorted(valid, key=lambda c: c.path):
        seen = by_kind[item.kind.name].get(item.key)
        if seen is not None:
            problems.append(_at(item, (), messages.render("slug_duplicate", language, other=seen.path)))
        else:
            by_kind[item.kind.name][item.key] = item

    problems += _imported_problems(by_kind, broken, language)

    seen_tracks: dict[tuple[str, str], Contribution] = {}
    for item in sorted(by_kind["track"].values(), key=lambda c: c.path):  # the same song twice in one playlist
        song = (item.parent, messages.plain(f"{item.data.artist}|{item.data.title}"))
        if song in seen_tracks:
            problems.append(
                _at(item, ("title",), messages.render("track_duplicate", language, other=seen_tracks[song].path))
            )
        else:
            seen_tracks[song] = item

    @functools.cache  # worked out for the first inline place only, and once: it was quadratic
    def plain_places() -> list[_PlainPlace]:
        return [
            _PlainPlace(slug, messages.plain(place.data.name), messages.plain(place.data.address.street))
            for slug, place in by_kind["place"].items()
        ]

    @functools.cache
    def near_places() -> messages.NearWords:
        return messages.NearWords([place.name for place in plain_places()])

    @functools.cache
    def places_key() -> str:
        return digest(*(part for place in plain_places() for part in place))

    def known(kind: str, key: str) -> str | None:
        if key in by_kind[kind]:
            return "ok"
        return "broken" if (kind, key) in broken else None

    for item in valid:
        data, kind = item.data, item.kind.name
        # the event's place, and the places single dates of a series moved to
        slugs = [(("place",), data.place)] if kind == "event" else []
        slugs += [(("defaults", "place"), data.defaults.place)] if kind == "source" else []
        slugs += [
            (("occurrences", index, "place"), c.place) for index, c in enumerate(getattr(data, "occurrences", []))
        ]
        for field, ref in slugs:
            state = known("place", ref.slug) if ref is not None and ref.slug else "ok"
            if state != "ok":
                code = "place_broken" if state else "place_unknown"
                names = {slug: [place.data.name] for slug, place in by_kind["place"].items()}
                near = messages.suggestion(ref.slug, list(names), language, names)
                problems.append(_at(item, field, messages.render(code, language, found=ref.slug, suggestion=near)))
        if kind == "event" and data.place is not None and not data.place.slug:
            inline = data.place
            street = messages.plain(inline.address.street) if inline.address and inline.address.street else ""
            # 400 inline places against 100 place files: a quarter of a rebuild's checks, kept by their inputs
            slug = before.result(
                lambda inline=inline, street=street: _known_place(inline.name, street, plain_places(), near_places()),
                "known place",
                places_key(),
                inline.name,
                street,
            )
            note = slug and _at(
                item, ("place",), messages.render("place_known", language, found=inline.name, slug=slug)
            )
            if note and note not in item.notes:  # once: harvest may check again
                item.notes.append(note)
        if item.kind.parent:
            state = known(item.kind.parent, item.parent)
            if state != "ok":
                prefix = "playlist" if kind == "track" else "collection"
                code = f"{prefix}_broken" if state else f"{prefix}_unknown"
                problems.append(_at(item, (), messages.render(code, language, found=item.parent)))
            elif kind == "story":
                problems += _story_language_problems(item, by_kind["story_collection"][item.parent], site)
            elif kind == "track":
                problems += _closed_playlist_problems(item, by_kind["playlist"][item.parent], site)
        if getattr(data, "translation_of", None):
            problems += _translation_problems(item, by_kind[kind], site)
        for field, source in _media(data):
            if "://" in source:
                continue
            if source.split("/")[0] not in site.static_folders:
                folders = ", content/".join(f"{folder}/" for folder in site.static_folders)
                problems.append(
                    _at(item, field, messages.render("media_outside", language, found=source, folders=folders))
                )
            elif source in unpublished or linked_part(site.content, source) is not None:
                if field[0] in PICTURE_FIELDS:  # the page goes without it
                    problem = _at(item, field, messages.render("picture_left_out", language, found=source))
                    problems.append(dataclasses.replace(problem, keeps_file=True))
                else:
                    problems.append(_at(item, field, messages.render("media_unpublished", language, found=source)))
            elif not (site.content / source).is_file():
                # the field is read composed (NFC); macOS saves names with separate accents (NFD)
                code = (
                    "media_name_decomposed" if (site.content / normalize("NFD", source)).is_file() else "media_missing"
                )
                problems.append(_at(item, field, messages.render(code, language, found=source)))
    for collection in by_kind["story_collection"].values():  # what Apple Podcasts would refuse: told, not blocking
        stories = {item.path: item for item in by_kind["story"].values() if item.parent == collection.key}
        for note in podcast_notes(collection, list(stories.values()), site):
            owner = stories.get(note.path, collection)
            if note not in owner.notes:  # once: harvest may check again
                owner.notes.append(note)
    return problems


def _imported_problems(
    by_kind: dict[str, dict[str, Contribution]], broken: set[tuple[str, str]], language: str
) -> list[Problem]:
    """An imported event names a partner calendar of content/sources/ (one with problems of its own still is
    one: its events stay published), and no other file holds the same event of that calendar: of two, the one
    the import wrote (by its name) is kept and the other, a copy, is told."""
    problems = []
    seen: dict[tuple[str, str], Contribution] = {}

    def written_by_the_import_first(item: Contribution) -> tuple[bool, str]:
        imported = item.data.source
        return (imported is None or not item.slug.endswith("-" + imported.file_tag), item.path)

    for item in sorted(by_kind["event"].values(), key=written_by_the_import_first):
        imported = item.data.source
        if imported is None:
            continue
        partner = imported.partner
        if partner not in by_kind["source"] and ("source", partner) not in broken:
            names = {slug: [source.data.name] for slug, source in by_kind["source"].items()}
            near = messages.suggestion(partner, list(names), language, names)
            problems.append(
                _at(
                    item,
                    ("source", "partner"),
                    messages.render("source_unknown", language, found=partner, suggestion=near),
                )
            )
            continue
        other = seen.setdefault((partner, imported.uid), item)
        if other is not item:
            problems.append(
                _at(
                    item,
                    ("source", "uid"),
                    messages.render("source_uid_duplicate", language, partner=partner, other=other.path),
                )
            )
    return problems


def _translation_problems(item: Contribution, same_kind: dict[str, Contribution], site: Site) -> list[Problem]:
    language = site.language
    key = f"{item.parent}/{item.data.translation_of}" if item.parent else item.data.translation_of
    original = same_kind.get(key)
    if original is None:
        candidates = [c.slug for c in same_kind.values() if c.parent == item.parent and c is not item]
        return [
            _at(
                item,
                ("translation_of",),
                messages.render(
                    "translation_unknown",
                    language,
                    kind=messages.render(f"kind_{item.kind.name}", language),
                    found=item.data.translation_of,
                    suggestion=messages.suggestion(item.data.translation_of, candidates, language),
                ),
            )
        ]
    mine = item.data.language or site.content_language
    theirs = original.data.language or site.content_language
    if mine == theirs:
        return [
            _at(
                item,
                ("language",) if item.data.language else ("translation_of",),
                messages.render("translation_same_language", language, found=original.slug, other_language=theirs),
            )
        ]
    return []


def _story_language_problems(item: Contribution, collection: Contribution, site: Site) -> list[Problem]:
    """A collection that lists its languages promises readers which ones they will find."""
    listed = collection.data.languages
    spoken = item.data.language or site.content_language
    if not listed or spoken in listed:
        return []
    return [
        _at(
            item,
            ("language",),
            messages.render(
                "story_language_unlisted",
                site.language,
                found=spoken,
                allowed=", ".join(listed),
                collection=item.parent,
            ),
        )
    ]


def _closed_playlist_problems(item: Contribution, playlist: Contribution, site: Site) -> list[Problem]:
    """A closed playlist keeps the tracks it had; a track added after it closed is refused."""
    closed = playlist.data
    if closed.open or (closed.closed_since and item.data.added <= closed.closed_since):
        return []
    return [_at(item, ("added",), messages.render("playlist_closed", site.language, found=item.parent))]


class _PlainPlace(NamedTuple):
    """A place file's slug, and its name and street as `messages.plain` compares them."""

    slug: str
    name: str
    street: str


def _known_place(name: str, street: str, places: list[_PlainPlace], near_places: messages.NearWords) -> str | None:
    """The place file an inline place surely is already ('Mediatheque' for 'Médiathèque'), by its name or
    its plain street. `near_places`: the names of `places`, made once for all events."""
    for place, near in zip(places, near_places.near(name)):
        if near or (street and street == place.street):
            return place.slug
    return None


def _media(data) -> Iterable[tuple[tuple, str]]:
    """(field path, source) of every picture and recording a contribution points to."""
    fields = vars(data)  # a model's fields: asking the model for one it lacks costs an exception
    for name in ("image", "cover", "audio", "video"):
        value = fields.get(name)
        if isinstance(value, str):  # a track's audio: always a web address
            yield (name,), value
        elif value is not None:
            yield (name, "src"), value.src


def _at(item: Contribution, field: tuple, message: str) -> Problem:
    return Problem(
        item.path, item.source_map.line_of(field), ".".join(str(p) for p in field if isinstance(p, str)), message
    )
