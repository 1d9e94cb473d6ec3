"""Where a contributor's text goes: every field of every kind, as a file template with the corpus string in
one place (`@V@`: a YAML value, `@B@`: the Markdown description), and the companions that show it where
it matters (an event at a hostile place, a track in a hostile playlist, a story in a hostile collection).

Roles decide which families of the corpus a field receives: `text` (one-line text), `markdown` (text
rendered as Markdown, in YAML), `body` (the file's description), `url` (an address or a path), `value`
(dates, zones, durations, e-mail: only the odd strings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """What a file around the corpus string needs from its site: its number, date, place, parent."""

    number: int
    start: str
    place: str
    playlist: str
    collection: str


def event(s: Slot, title=None, start=None, place=None, extra="", body=None) -> str:
    return (
        "---\n"
        f"title: {title or f'Concert {s.number}'}\n"
        f"start: {start or s.start}\n"
        f"place: {place or s.place}\n"
        "categories: [concert]\n"
        + extra
        + "---\n"
        + (body if body is not None else f"Texte de l'événement {s.number}.")
        + "\n"
    )


def place(s: Slot, name=None, street=None, city=None, extra="") -> str:
    return (
        f"name: {name or f'Salle {s.number}'}\naddress:\n  street: {street or '1 rue des Lilas'}\n"
        f'  postal_code: "69007"\n  city: {city or "Lyon"}\n' + extra
    )


def track(s: Slot, title=None, artist=None, audio=None, note=None, added_by=None, extra="") -> str:
    return (
        f"title: {title or f'Titre {s.number}'}\nartist: {artist or f'Artiste {s.number}'}\n"
        f"added_by: {added_by or 'Lucie'}\nadded: 2026-11-02\n"
        f"audio: {audio or f'https://audio.example.org/{s.number}.mp3'}\n"
        f"note: {note or f'Une note {s.number}.'}\n" + extra
    )


def playlist(s: Slot, title=None, extra="", body=None) -> str:
    return (
        "---\n"
        f"title: {title or f'Playlist {s.number}'}\n"
        + extra
        + "---\n"
        + (body if body is not None else f"Nos chansons {s.number}.")
        + "\n"
    )


def collection(s: Slot, title=None, extra="", body=None) -> str:
    return (
        "---\n"
        f"title: {title or f'Recueil {s.number}'}\n"
        + extra
        + "---\n"
        + (body if body is not None else f"Des souvenirs {s.number}.")
        + "\n"
    )


def story(s: Slot, title=None, teller=None, audio=None, transcript=None, extra="", body=None) -> str:
    return (
        "---\n"
        f"title: {title or f'Récit {s.number}'}\n"
        f"teller: {teller or 'Odette'}\nconsent: true\n"
        f"audio: {audio or 'media/recit.wav'}\n"
        f"transcript: {transcript or f'Transcription {s.number}.'}\n"
        + extra
        + "---\n"
        + (body if body is not None else f"Le récit {s.number}.")
        + "\n"
    )


@dataclass(frozen=True)
class Field:
    name: str
    role: str
    write: Callable[[Slot], str]  # the file's text, with @V@ or @B@ where the corpus string goes


V, B = "@V@", "@B@"
FIELDS = [
    Field("event.title", "text", lambda s: event(s, title=V)),
    Field("event.body", "body", lambda s: event(s, body=B)),
    Field("event.start", "value", lambda s: event(s, start=V)),
    Field("event.timezone", "value", lambda s: event(s, extra=f"timezone: {V}\n")),
    Field("event.duration", "value", lambda s: event(s, extra=f"duration: {V}\n")),
    Field(
        "event.place.name",
        "text",
        lambda s: event(s, place=f"\n  name: {V}\n  address:\n    street: 1 rue des Lilas\n    city: Lyon"),
    ),
    Field(
        "event.place.street",
        "text",
        lambda s: event(s, place=f"\n  name: Salle {s.number}\n  address:\n    street: {V}\n    city: Lyon"),
    ),
    Field(
        "event.place.city",
        "text",
        lambda s: event(s, place=f"\n  name: Salle {s.number}\n  address:\n    street: 2 rue A\n    city: {V}"),
    ),
    Field("event.tags", "text", lambda s: event(s, extra=f"tags:\n  - {V}\n")),
    Field("event.performers", "text", lambda s: event(s, extra=f"performers:\n  - {V}\n")),
    Field(
        "event.organizer.name",
        "text",
        lambda s: event(s, extra=f"organizer:\n  name: {V}\n  url: https://asso.example.org\n"),
    ),
    Field(
        "event.organizer.url",
        "url",
        lambda s: event(s, extra=f"organizer:\n  name: Association {s.number}\n  url: {V}\n"),
    ),
    Field(
        "event.price.amount",
        "value",
        lambda s: event(s, extra=f"price:\n  kind: paid\n  amounts:\n    - amount: {V}\n"),
    ),
    Field("event.rrule", "value", lambda s: event(s, extra=f"rrule: {V}\n")),
    Field("event.price.note", "text", lambda s: event(s, extra=f"price:\n  kind: free\n  note: {V}\n")),
    Field("event.image.src", "url", lambda s: event(s, extra=f"image:\n  src: {V}\n  alt: Affiche {s.number}\n")),
    Field("event.image.alt", "text", lambda s: event(s, extra=f"image:\n  src: images/affiche.jpg\n  alt: {V}\n")),
    Field(
        "event.image.credit",
        "text",
        lambda s: event(s, extra=f"image:\n  src: images/affiche.jpg\n  alt: Affiche\n  credit: {V}\n"),
    ),
    Field("event.online", "url", lambda s: event(s, extra=f"online: {V}\n")),
    Field("event.booking.url", "url", lambda s: event(s, extra=f"booking:\n  url: {V}\n")),
    Field("event.credit", "text", lambda s: event(s, extra=f"credit: {V}\n")),
    Field("place.name", "text", lambda s: place(s, name=V)),
    Field("place.street", "text", lambda s: place(s, street=V)),
    Field("place.city", "text", lambda s: place(s, city=V)),
    Field("place.area", "text", lambda s: place(s, extra=f"area: {V}\n")),
    Field("place.description", "markdown", lambda s: place(s, extra=f"description: {V}\n")),
    Field("place.access", "markdown", lambda s: place(s, extra=f"access: {V}\n")),
    Field("place.website", "url", lambda s: place(s, extra=f"website: {V}\n")),
    Field("place.lat", "value", lambda s: place(s, extra=f"coordinates:\n  lat: {V}\n  lon: 4.84\n")),
    Field("place.email", "value", lambda s: place(s, extra=f"email: {V}\n")),
    Field("track.title", "text", lambda s: track(s, title=V)),
    Field("track.artist", "text", lambda s: track(s, artist=V)),
    Field("track.album", "text", lambda s: track(s, extra=f"album: {V}\n")),
    Field("track.note", "markdown", lambda s: track(s, note=V)),
    Field("track.links", "url", lambda s: track(s, extra=f"links:\n  - {V}\n")),
    Field(
        "track.links.label",
        "text",
        lambda s: track(s, extra=f"links:\n  - url: https://musique.example.org/{s.number}\n    label: {V}\n"),
    ),
    Field("track.audio", "url", lambda s: track(s, audio=V)),
    Field("track.added_by", "text", lambda s: track(s, added_by=V)),
    Field("track.duration", "value", lambda s: track(s, extra=f"duration: {V}\n")),
    Field("playlist.title", "text", lambda s: playlist(s, title=V)),
    Field("playlist.curators", "text", lambda s: playlist(s, extra=f"curators:\n  - {V}\n")),
    Field("playlist.body", "body", lambda s: playlist(s, body=B)),
    Field("playlist.cover.src", "url", lambda s: playlist(s, extra=f"cover:\n  src: {V}\n  alt: Pochette\n")),
    Field(
        "playlist.cover.alt", "text", lambda s: playlist(s, extra=f"cover:\n  src: images/affiche.jpg\n  alt: {V}\n")
    ),
    Field("collection.title", "text", lambda s: collection(s, title=V)),
    Field("collection.theme", "text", lambda s: collection(s, extra=f"theme: {V}\n")),
    Field("collection.body", "body", lambda s: collection(s, body=B)),
    Field("collection.cover.src", "url", lambda s: collection(s, extra=f"cover:\n  src: {V}\n  alt: Couverture\n")),
    Field(
        "collection.cover.alt",
        "text",
        lambda s: collection(s, extra=f"cover:\n  src: images/affiche.jpg\n  alt: {V}\n"),
    ),
    Field("story.title", "text", lambda s: story(s, title=V)),
    Field("story.teller", "text", lambda s: story(s, teller=V)),
    Field("story.body", "body", lambda s: story(s, body=B)),
    Field("story.period", "text", lambda s: story(s, extra=f"period: {V}\n")),
    Field("story.place", "text", lambda s: story(s, extra=f"place: {V}\n")),
    Field("story.audio", "url", lambda s: story(s, audio=V)),
    Field("story.audio.src", "url", lambda s: story(s, audio=f"\n  src: {V}\n  type: audio/wav")),
    Field("story.video", "url", lambda s: story(s, extra=f"video: {V}\n")),
    Field("story.transcript", "markdown", lambda s: story(s, transcript=V)),
    Field("story.image.src", "url", lambda s: story(s, extra=f"image:\n  src: {V}\n  alt: Photo {s.number}\n")),
    Field("story.image.alt", "text", lambda s: story(s, extra=f"image:\n  src: images/affiche.jpg\n  alt: {V}\n")),
    Field("story.collected_by", "text", lambda s: story(s, extra=f"collected_by: {V}\n")),
]

# The public payloads go everywhere a reader's browser meets them first: the title every list shows, the
# description, and the two paths that become attributes (a picture, a recording).
EVERY_PAYLOAD = {"event.title", "event.body", "event.image.src", "story.audio"}


def receives(field: Field, entry) -> bool:
    if entry.family == "xss":
        return field.name in EVERY_PAYLOAD
    return field.role in entry.roles  # our payloads where they matter; odd strings everywhere


def fill(template: str, yaml: str, text: str | None) -> str | None:
    """The template with the corpus string in place; continuation lines of a YAML value get the key's
    indentation (a value under `- ` one more step). None when the string has no Markdown form."""
    if B in template:
        return None if text is None else template.replace(B, text)
    out = []
    for line in template.split("\n"):
        if V not in line:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        if line.lstrip().startswith("- "):
            indent += 2
        first, *rest = yaml.split("\n")
        out.append(line.replace(V, first))
        out.extend(" " * indent + continued for continued in rest)
    return "\n".join(out)


def companion(field: Field, slug: str, s: Slot) -> tuple[str, str] | None:
    """A second file that shows the hostile one where readers meet it: (path under content/, text): an
    event at a place whose name or address is hostile (its page, calendar entry and feeds show them)."""
    kind = field.name.split(".")[0]
    if field.name in ("place.name", "place.street", "place.city"):
        return f"events/2026/chez-{slug}.md", event(s, title=f"Chez {s.number}", place=slug)
    if kind == "playlist":
        return f"playlists/{slug}/morceau-{s.number}.yaml", track(s)
    if kind == "collection":
        return f"stories/{slug}/recit-{s.number}.md", story(s)
    return None


def primary_path(field: Field, slug: str, s: Slot) -> str:
    kind = field.name.split(".")[0]
    return {
        "event": f"events/2026/{slug}.md",
        "place": f"places/{slug}.yaml",
        "track": f"playlists/{s.playlist}/{slug}.yaml",
        "playlist": f"playlists/{slug}/index.md",
        "collection": f"stories/{slug}/index.md",
        "story": f"stories/{s.collection}/{slug}.md",
    }[kind]


FIRST_DAY = dt.date(2026, 12, 2)  # the hostile sites are built on 2026-12-01: every date is to come


def start_of(index: int) -> str:
    return f"{FIRST_DAY + dt.timedelta(days=index % 120)} 20:30"
