"""Synthetic but realistic content for a kiosque site of a given size: places, events (series, exceptions,
statuses, festivals, online and inline places, translations), playlists with tracks, story collections.

    python -m bench.generate --size 1000 --seed 10 --today 2026-12-01 OUT

The city publishes at a constant rate (EVENTS_PER_YEAR) and announces events about three months ahead,
so a bigger site is a longer archive, not a busier agenda: what is upcoming stays the same size. A busy region
(`--busy`: BUSY_RATE times the rate, the agendas of many towns gathered) has about 4,000 events in the coming
three months once it holds 4,000 events or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
from pathlib import Path

import yaml

from . import pictures, words

EVENTS_PER_YEAR = 800
BUSY_RATE = 20  # a region that aggregates some twenty towns' agendas
ANNOUNCED_DAYS = 90  # how far ahead events are announced
PICTURE_SHARE = 0.1  # one event in ten has its own photo (issue 19's benchmark)
STATUSES = {"scheduled": 86, "cancelled": 4, "postponed": 2, "rescheduled": 2, "moved-online": 1, "full": 5}


def counts(size: int) -> dict[str, int]:
    """How many files of each kind make `size` contributions (events are the rest)."""
    found = {
        "place": max(5, size // 100),
        "playlist": max(2, size // 400),
        "track": size * 6 // 100,
        "story_collection": max(2, size // 1000),
        "story": size * 6 // 100,
    }
    found["event"] = size - sum(found.values())
    return found


def _front_matter(fields: dict, body: str | None) -> str:
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return text if body is None else f"---\n{text}---\n{body}"


def _write(root: Path, relative: str, text: str) -> None:
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _moment(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


class City:
    """One synthetic site; every random choice comes from one seeded generator, so a seed is a site."""

    def __init__(self, size: int, seed: int, today: dt.date, events_per_year: int = EVENTS_PER_YEAR):
        self.rng = random.Random(seed)
        self.photos = random.Random(seed + 1)  # apart, so that the rest of the site is the one earlier rounds measured
        self.size, self.today, self.events_per_year = size, today, events_per_year
        self.counts = counts(size)
        self.places: list[str] = []

    def write(self, root: Path) -> None:
        for index in range(self.counts["place"]):
            self._place(root, index)
        self._events(root)
        self._playlists(root)
        self._stories(root)

    def _place(self, root: Path, index: int) -> None:
        rng = self.rng
        room = rng.choice(["Salle", "Café", "Jardin", "Médiathèque", "Atelier", "Théâtre"])
        name = f"{room} {rng.choice(words.NAMES)} n° {index}"
        slug = f"lieu-{index}"
        self.places.append(slug)
        fields = {
            "name": name,
            "address": {
                "street": f"{index + 1} rue {rng.choice(words.TOPICS)}",
                "postal_code": "69007",
                "city": "Lyon",
            },
            "area": f"Secteur {index % 7 + 1}",
            "coordinates": {"lat": round(45.72 + rng.random() * 0.08, 5), "lon": round(4.78 + rng.random() * 0.12, 5)},
            "description": words.sentence_text(rng, 2),
            "accessibility": rng.sample(["wheelchair", "hearing-loop"], rng.randint(0, 2)),
        }
        _write(root, f"places/{slug}.yaml", _front_matter(fields, None))

    def _events(self, root: Path) -> None:
        count = self.counts["event"]
        last = self.today + dt.timedelta(days=ANNOUNCED_DAYS)
        span = max(1, round(count / self.events_per_year * 365))
        previous: tuple[str, dict] | None = None
        for index in range(count):
            if previous is not None and self.rng.random() < 0.01:  # an English version of the one before
                slug, fields = previous
                english = {
                    **fields,
                    "title": f"{fields['title']} (in English)",
                    "language": "en",
                    "translation_of": slug,
                }
                english.pop("credit", None)
                _write(
                    root,
                    f"events/{fields['start'][:4]}/{slug}-en.md",
                    _front_matter(english, words.markdown_body(self.rng)),
                )
                previous = None
                continue
            start = last - dt.timedelta(days=self.rng.randrange(span), hours=0)
            slug, fields = self._event(index, start)
            if self.photos.random() < PICTURE_SHARE:
                fields["image"] = {"src": f"images/{slug}.jpg", "alt": f"Photo : {fields['title']}"}
                picture = root / "content/images" / f"{slug}.jpg"
                picture.parent.mkdir(parents=True, exist_ok=True)
                picture.write_bytes(pictures.photo(self.photos))
            _write(root, f"events/{start.year}/{slug}.md", _front_matter(fields, words.markdown_body(self.rng)))
            previous = (slug, fields)

    def _event(self, index: int, day: dt.date) -> tuple[str, dict]:
        rng = self.rng
        category = rng.choice(list(words.EVENT_KINDS))
        title = f"{rng.choice(words.EVENT_KINDS[category])} {rng.choice(words.TOPICS)}"
        slug = f"evenement-{index}"
        start = dt.datetime.combine(day, dt.time(rng.choice([10, 14, 18, 20]), rng.choice([0, 30])))
        fields: dict = {"title": title, "start": _moment(start)}
        shape = rng.random()
        if category == "festival" or shape < 0.03:  # several whole days
            fields["start"] = day.isoformat()
            fields["end"] = (day + dt.timedelta(days=rng.randint(1, 3))).isoformat()
        elif rng.random() < 0.5:
            fields["end"] = _moment(start + dt.timedelta(hours=2))
        else:
            fields["duration"] = rng.choice(["1h30", "45 min", "2h"])
        where = rng.random()
        if where < 0.85:
            fields["place"] = rng.choice(self.places)
        elif where < 0.90:
            fields["place"] = {
                "name": f"Cour de l'immeuble {index}",
                "address": {"street": f"{index} impasse des Ormes", "city": "Lyon"},
            }
        else:
            fields["online"] = f"https://visio.example.org/salle-{index}"
        fields["categories"] = [category] + ([rng.choice(["workshop", "talk", "party"])] if rng.random() < 0.2 else [])
        fields["categories"] = list(dict.fromkeys(fields["categories"]))
        fields["tags"] = rng.sample(words.WORDS, rng.randint(0, 4))
        fields["audience"] = rng.sample(
            ["all-ages", "children", "teens", "adults", "seniors", "families"], rng.randint(1, 2)
        )
        fields["price"] = rng.choice(
            [
                "free",
                "pay-what-you-can",
                "hat",
                {
                    "kind": "paid",
                    "amounts": [{"label": "plein tarif", "amount": 8}, {"label": "réduit", "amount": 5.5}],
                },
            ]
        )
        fields["accessibility"] = rng.sample(
            ["wheelchair", "hearing-loop", "sign-language", "easy-to-read"], rng.randint(0, 2)
        )
        fields["organizer"] = {
            "name": f"Association {rng.choice(words.TOPICS)}",
            "url": f"https://asso-{index % 300}.example.org",
        }
        if rng.random() < 0.5:
            fields["performers"] = [words.person(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            fields["booking"] = {"url": f"https://billetterie.example.org/{slug}", "required": rng.random() < 0.5}
        if "end" not in fields or ":" in fields["end"]:
            self._repeat(fields, start, rng.random())
        self._status(fields, start)
        fields["credit"] = rng.choice(words.NAMES)
        return slug, fields

    def _repeat(self, fields: dict, start: dt.datetime, draw: float) -> None:
        """10% weekly series (with an exception and an extra date), 4% monthly, 1% raw RRULE."""
        weekday = start.strftime("%A").lower()
        if draw < 0.10:
            fields["recurrence"] = {
                "frequency": "weekly",
                "weekdays": [weekday],
                "until": (start + dt.timedelta(weeks=10)).date().isoformat(),
            }
            fields["except"] = (start + dt.timedelta(weeks=2)).date().isoformat()
            fields["extra"] = _moment(start + dt.timedelta(weeks=11, days=1))
        elif draw < 0.14:
            fields["recurrence"] = {
                "frequency": "monthly",
                "weekdays": [weekday],
                "week_of_month": min((start.day - 1) // 7 + 1, 4),
                "count": 6,
            }
        elif draw < 0.15:
            fields["rrule"] = f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday[:2].upper()};COUNT=8"

    def _status(self, fields: dict, start: dt.datetime) -> None:
        status = self.rng.choices(list(STATUSES), weights=list(STATUSES.values()))[0]
        if status == "scheduled":
            return
        fields["status"] = status
        if status == "rescheduled":
            fields["previous_start"] = _moment(start - dt.timedelta(days=7))
        if status == "moved-online":
            fields["online"] = "https://visio.example.org/direct"

    def _playlists(self, root: Path) -> None:
        rng, playlists = self.rng, self.counts["playlist"]
        for index in range(playlists):
            fields = {
                "title": f"La bande-son {rng.choice(words.TOPICS)} n° {index}",
                "curators": [words.person(rng)],
                "open": True,
            }
            _write(root, f"playlists/playlist-{index}/index.md", _front_matter(fields, words.markdown_body(rng)))
        for index in range(self.counts["track"]):
            added = self.today - dt.timedelta(days=rng.randrange(3650))
            fields = {
                "title": f"{rng.choice(words.SONG_WORDS)} ({index})",
                "artist": rng.choice(words.ARTISTS),
                "year": rng.randint(1950, 2025),
                "duration": f"{rng.randint(2, 6)}:{rng.randint(0, 59):02d}",
                "links": [f"{rng.choice(words.PLATFORMS)}morceau-{index}"],
                "added_by": rng.choice(words.NAMES),
                "added": added.isoformat(),
                "note": words.sentence_text(rng, rng.randint(1, 3)),
            }
            _write(root, f"playlists/playlist-{index % playlists}/morceau-{index}.yaml", _front_matter(fields, None))

    def _stories(self, root: Path) -> None:
        rng, collections = self.rng, self.counts["story_collection"]
        for index in range(collections):
            fields = {
                "title": f"Mémoires {rng.choice(words.TOPICS)} n° {index}",
                "theme": words.sentence_text(rng, 1),
                "languages": ["fr", "en"],
            }
            _write(root, f"stories/recits-{index}/index.md", _front_matter(fields, words.markdown_body(rng)))
        for index in range(self.counts["story"]):
            fields: dict = {"title": f"Souvenir {rng.choice(words.TOPICS)} ({index})"}
            if rng.random() < 0.2:
                fields["anonymous"] = True
            else:
                fields["teller"] = words.person(rng)
            if rng.random() < 0.1:
                fields["language"] = "en"
            fields.update(
                {
                    "place": rng.choice(self.places),
                    "period": f"années {rng.choice(range(1950, 2020, 10))}",
                    "date": (self.today - dt.timedelta(days=rng.randrange(3650))).isoformat(),
                    "consent": True,
                }
            )
            if rng.random() < 0.1:
                fields["audio"] = {
                    "src": f"https://archive.example.org/recit-{index}.mp3",
                    "duration": "12:30",
                    "type": "audio/mpeg",
                }
                fields["transcript"] = words.sentence_text(rng, 6)
            body = "\n\n".join(words.sentence_text(rng, rng.randint(3, 6)) for _ in range(rng.randint(2, 5))) + "\n"
            _write(root, f"stories/recits-{index % collections}/recit-{index}.md", _front_matter(fields, body))


def commit_all(root: Path, message: str) -> None:
    """A real site is a git repository: the feeds read its history (one commit holds everything here)."""

    def git(*arguments: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *arguments],
            cwd=root,
            check=True,
            capture_output=True,
        )

    if not (root / ".git").exists():
        git("init", "--quiet", "--initial-branch=main")
    git("add", "--all")
    git("commit", "--quiet", "--no-gpg-sign", "-m", message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the site folder to create (content/ goes inside)")
    parser.add_argument("--size", type=int, default=1000, help="number of contributions")
    parser.add_argument("--seed", type=int, default=10, help="random seed: the same seed gives the same site")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 12, 1), help="the build's today")
    parser.add_argument("--busy", action="store_true", help=f"a busy region: {BUSY_RATE} times as many events a year")
    parser.add_argument("--no-git", action="store_true", help="do not make the folder a git repository")
    arguments = parser.parse_args(argv)
    rate = EVENTS_PER_YEAR * (BUSY_RATE if arguments.busy else 1)
    City(arguments.size, arguments.seed, arguments.today, rate).write(arguments.out)
    if not arguments.no_git:
        commit_all(arguments.out, f"{arguments.size} synthetic contributions (seed {arguments.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
