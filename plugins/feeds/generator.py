"""The feeds generator: iCal for the agenda, each filter and each event; RSS, Atom and JSON Feed for the
agenda, each filter, each story collection and each playlist. Reads what the contributions and agenda
plugins put in the context (events, places, the agenda's filters), never their internals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from feeds.ical import Calendars
from feeds.news import EPOCH, Channel, Entry, write_all
from feeds.podcast import Episode, Show, podcast
from feeds.podcast_files import PodcastFiles
from publishing.addresses import address_maker, excerpt, feed_address_maker
from publishing.build import site_of
from publishing.encoding import description_text, one_line, site_file, site_path
from publishing.history import FileHistory, histories
from speed.output_record import output_record
from speed.store import Store

PAST_DAYS = 30  # default of KIOSQUE_FEED_PAST_DAYS: how long an ended event stays in the feeds
NEWS_ITEMS = 50  # entries in a news feed: the file stays small however large the archive grows
LATEST_STORIES = 3  # on the home page
BRIEF_TEXT = 280  # characters of an event's text in the agenda's calendars (all of it in its event.ics)


@dataclass(frozen=True)
class EventFacts:
    uid: str
    url: str
    zone: ZoneInfo
    text: str
    location: str
    geo: tuple[float, float] | None
    categories: list[str]
    history: FileHistory
    elsewhere: tuple[tuple[dt.date, tuple[str, tuple[float, float] | None]], ...] = ()  # a changed date's place


class FeedsGenerator(Generator):
    def generate_context(self):
        self.site = site_of(self.settings)
        self._url = feed_address_maker(self.settings)  # feeds and calendars are read outside the site's pages
        domain = (
            self.settings.get("KIOSQUE_UID_DOMAIN")
            or urlsplit(address_maker(self.settings)("")).netloc
            or "kiosque.invalid"
        )  # never the preview's address: the UIDs of `make html` stay those of `make publish`
        self.past_days = int(self.settings.get("KIOSQUE_FEED_PAST_DAYS", PAST_DAYS))
        events, stories = self.context.get("events", []), self.context.get("stories", [])
        self.window = [event for event in events if self._in_window(event)]
        # An archived event has no "add to my calendar", so no file either: of a ten-year archive, only
        # the events with a calendar file need their history and their facts.
        self.with_calendar = [event for event in events if not event.agenda.is_past or self._in_window(event)]
        found = histories([item.contribution.file for item in self.with_calendar + stories], self.site.content)
        self.facts = {
            event.slug: self._facts(event, domain, found[event.contribution.file]) for event in self.with_calendar
        }
        # The agenda's calendars carry the start of each text and the page's address: the whole text
        # stays in each event's own event.ics, and a city's agenda.ics stays a few hundred KB.
        self.brief = {
            slug: dataclasses.replace(facts, text=f"{excerpt(facts.text, BRIEF_TEXT)}\n\n{facts.url}")
            for slug, facts in self.facts.items()
        }
        self.added = {story.contribution.file: found[story.contribution.file].created for story in stories}
        self.calendars = Calendars(Store(self.settings, "vevents"), zone=self.site.timezone)
        self.podcast_files = PodcastFiles(self.settings, self.site.content)
        # Only the history knows when a story reached the site: the home page shows the newest originals.
        originals = [story for story in stories if not story.is_translation]
        self.context["latest_stories"] = sorted(originals, key=lambda s: (self._story_date(s), s.slug), reverse=True)[
            :LATEST_STORIES
        ]

    def _facts(self, event, domain: str, history: FileHistory) -> EventFacts:
        data = event.data
        location, geo = _where(getattr(event, "place", None), data.place, data.online)
        places = {place.slug: place for place in self.context.get("places", [])}
        elsewhere = tuple(
            (change.date, _where(places.get(change.place.slug or ""), change.place, None))
            for change in data.occurrences
            if change.place is not None
        )
        labels = self.site.vocabularies["categories"]
        return EventFacts(
            uid=f"{data.translation_of or event.slug}@{domain}",  # a translation is the same event to calendars
            url=self._url(event.url),
            zone=ZoneInfo(data.timezone or self.site.timezone),
            text=description_text(event),
            location=location,
            geo=geo,
            categories=[labels.get(word, {}).get(self.site.language, word) for word in data.categories],
            history=history,
            elsewhere=elsewhere,
        )

    def generate_output(self, writer):
        agenda = self.context.get("agenda")
        window = self.window
        name = self.settings.get("SITENAME", "kiosque")
        self._agenda_feeds("feeds/agenda", name, "agenda/", window)
        for found in agenda.filters.values() if agenda else []:
            for item in found:
                # the agenda files each event under its facets: a filter's feed has what its page has,
                # and the events of the window that ended lately
                chosen = [event for event in window if item.value in event.agenda.facets[item.facet]]
                self._agenda_feeds(f"feeds/{item.url.rstrip('/')}", f"{name} — {item.label}", item.url, chosen)
        for event in self.with_calendar:
            self._own_calendar(event, "event.ics")
            if event.agenda.calendar_links:  # the page links it with "add to my calendar": to come, not cancelled
                self._own_calendar(event, "reminder.ics", reminders=True)
        for collection in self.context.get("story_collections", []):
            self._news(
                f"feeds/stories/{collection.slug}",
                collection.title,
                collection.url,
                [self._story_entry(story) for story in collection.stories],
            )
            recorded = sorted(
                (s for s in collection.stories if s.data.audio), key=lambda s: (self._story_date(s), s.slug)
            )
            if recorded:
                self._podcast(collection, recorded)
        for playlist in self.context.get("playlists", []):
            self._news(
                f"feeds/playlists/{playlist.slug}",
                playlist.title,
                playlist.url,
                [self._track_entry(track) for track in playlist.tracks],
            )
        for relative, content in self.podcast_files.written.items():  # covers and recordings made for podcasts
            self._write(relative, content)
        self.calendars.store.save()
        self.podcast_files.save()

    def _own_calendar(self, event, name: str, reminders: bool = False) -> None:
        """An event's own calendar file beside its page, with its whole text; with alarms if `reminders`."""
        path = f"{event.url}{name}"
        pair = [(event, self.facts[event.slug])]
        self._write(path, self.calendars.calendar(event.title, self._url(path), pair, reminders=reminders))

    def _podcast(self, collection, recorded: list) -> None:
        """The collection's podcast, with what Apple Podcasts would refuse converted (`podcast_files`)."""
        path = f"feeds/stories/{collection.slug}"
        cover = self._square(collection.data.cover, path + ".podcast")
        episodes = [
            Episode(
                story,
                self._story_date(story),
                self._recording(story.data.audio.src),
                self._square(story.data.image, f"{path}/{story.slug}"),
            )
            for story in recorded
        ]
        show = Show(
            feed_url=self._url(path + ".podcast.xml"),
            language=self.site.language,
            author=self.settings.get("SITENAME", "kiosque"),
            owner_email=one_line(self.settings.get("KIOSQUE_CONTACT_EMAIL")),
            image=cover,
        )
        self._write(path + ".podcast.xml", podcast(collection, episodes, self._url, show))

    def _square(self, picture, stem: str) -> str | None:
        """The full address of a site's own picture as a cover Apple takes (square, 1400 to 3000 pixels), else None."""
        if picture is None or site_file(picture.src) is None:
            return None
        square = self.podcast_files.cover(picture.src, stem)
        return self._url(site_path(square)) if square else None

    def _recording(self, src: str):
        """A site's own recording as podcast apps get it (a WAV as an MP3); None for a web address."""
        return self.podcast_files.recording(src) if site_file(src) is not None else None

    def _in_window(self, event) -> bool:
        """Coming, or ended less than KIOSQUE_FEED_PAST_DAYS ago (a series by its last date); a
        translation is the same event as its original, not a second one."""
        if event.is_translation:
            return False
        last = event.agenda.last_occurrence
        if last is None or event.agenda.occurrences_ahead:
            return True
        return (last.end or last.start).date() >= self.site.today - dt.timedelta(days=self.past_days)

    def _agenda_feeds(self, path: str, title: str, page: str, events: list) -> None:
        ordered = sorted(events, key=lambda event: (str(event.data.start), event.slug))
        self._write(
            f"{path}.ics",
            self.calendars.calendar(title, self._url(f"{path}.ics"), [(e, self.brief[e.slug]) for e in ordered]),
        )
        self._news(path, title, page, [self._event_entry(event) for event in events])

    def _event_entry(self, event) -> Entry:
        facts = self.facts[event.slug]
        status = self.site.vocabularies["statuses"][event.data.status].get(self.site.language, event.data.status)
        prefix = f"[{status}] " if event.data.status != "scheduled" else ""
        when = event.agenda.when_text
        published = facts.history.created or facts.history.modified or EPOCH
        return Entry(
            id=f"urn:kiosque:{facts.uid}",
            title=prefix + event.title,
            url=facts.url,
            text="\n".join(filter(None, [when, facts.location, prefix.strip(" []"), facts.text])),
            published=published,
            updated=facts.history.modified or published,
        )

    def _story_date(self, story) -> dt.datetime:
        """When a story reached the site: its file's first commit, else the day it was collected."""
        data = story.data
        collected = dt.datetime.combine(data.date, dt.time(), tzinfo=dt.UTC) if data.date else None
        return self.added.get(story.contribution.file) or collected or EPOCH

    def _story_entry(self, story) -> Entry:
        data = story.data
        moment = self._story_date(story)
        teller = "" if data.anonymous else (data.teller or "")
        return Entry(
            id=self._url(story.url),
            title=story.title,
            url=self._url(story.url),
            text="\n".join(filter(None, [teller, description_text(story)])),
            published=moment,
            updated=moment,
        )

    def _track_entry(self, track) -> Entry:
        data = track.data
        moment = dt.datetime.combine(data.added, dt.time(), tzinfo=dt.UTC)
        note = getattr(track, "note_text", data.note)  # the note as its page shows it, in words (playlists plugin)
        return Entry(
            id=self._url(track.url),
            title=f"{data.artist} – {data.title}",
            url=self._url(track.url),
            text=f"{data.added_by} : {note}",
            published=moment,
            updated=moment,
        )

    def _news(self, path: str, title: str, page: str, entries: list[Entry]) -> None:
        newest = sorted(entries, key=lambda entry: (entry.published, entry.id), reverse=True)[:NEWS_ITEMS]
        channel = Channel(
            title=title,
            page_url=self._url(page),
            feed_url=self._url(path),
            language=self.site.language,
            description=title,
            author=self.settings.get("SITENAME", "kiosque"),
        )
        for extension, content in write_all(channel, newest).items():
            self._write(path + extension, content)

    def _write(self, relative: str, content: bytes) -> None:
        output_record(self.settings).write(relative, content)


def _where(place, inline, online: str | None) -> tuple[str, tuple[float, float] | None]:
    """A place as one line and its coordinates: a place file's content, else a place written inline, else
    the online link."""
    if place is not None:
        address = place.data.address
        location = ", ".join(
            filter(None, [place.title, address.street, f"{address.postal_code or ''} {address.city}".strip()])
        )
        coordinates = place.data.coordinates
        return location, (coordinates.lat, coordinates.lon) if coordinates else None
    if inline is not None:
        address = inline.address
        return ", ".join(
            filter(None, [inline.name, address.street if address else "", address.city if address else ""])
        ), None
    return online or "", None
