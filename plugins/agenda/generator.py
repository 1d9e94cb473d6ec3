"""The agenda generator: month pages, today, this week, the past, the filter pages, and what event pages
need (their dates in words, next dates, JSON-LD). Reads the events the contributions plugin published."""

from __future__ import annotations

from pelican.generators import Generator

from agenda.calendar_links import calendar_links
from agenda.jsonld import event_json_ld
from agenda.listing import Agenda, by_day, next_of_each
from agenda.paging import cut, first_dates, paged, paged_events
from agenda.schedule import Occurrence, length_of, zone_of
from agenda.wording import Wording
from contributions import first_start
from publishing.addresses import address_maker
from publishing.build import site_of
from publishing.encoding import description_text
from publishing.pages import page_writer
from publishing.structured_data import picture_address, published
from speed.unchanged_pages import UnchangedPages

HOME_EVENTS = 8  # the home page's "later": the next date of that many events after this week
EMBED_DAYS = 14  # an embedded agenda shows the next two weeks that have something on


class AgendaGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site_of(self.settings)
        self.absolute = address_maker(self.settings)
        self.agenda: Agenda | None = None
        self.wording = Wording(self.site.language, self.site.timezone)

    def generate_context(self):
        events, places = self.context.get("events", []), self.context.get("places", [])
        self.agenda = Agenda(events, self.site, places, self)  # each event's facts: `event.agenda`
        # an organizer with a place file of the same name: the site's page for it, when it gives no site of its own;
        # the event's page is then made from that place's file too (`shown_on_its_page`)
        by_name = {_name_key(place.title): place for place in places}
        for event in events:
            organizer = event.data.organizer
            event.organizer_place = by_name.get(_name_key(organizer.name)) if organizer else None
        self.context["agenda"] = self.agenda
        self.context["agenda_address"] = self.absolute("agenda/")
        after_this_week = [o for o in self.agenda.upcoming if o.day > self.agenda.week_end]
        self.context["agenda_later"] = next_of_each(after_this_week, HOME_EVENTS)
        # the home's today and rest of the week, as many dates as it has room for beside its other sections
        shown, left_out = first_dates(self.agenda.today_days + self.agenda.rest_of_week_days)
        today = shown[:1] if self.agenda.today_days else []
        self.context["home_days"] = {"today": today, "week": shown[len(today) :], "left_out": left_out}

    # What event pages and feeds show of each event (`facts.FactMakers`): asked by the few rendered or in a feed

    def first_occurrence(self, event) -> Occurrence:
        zone = zone_of(event, self.site.timezone)
        start = first_start(event.data, zone)
        length = length_of(event.data, zone)
        return Occurrence(event, start, start + length if length else None, event.data.all_day)

    @staticmethod
    def next_occurrence(event) -> Occurrence:
        """Search engines, feeds and calendars want the next date, not a series' first one, nor one of its
        dates that is cancelled while the series goes on."""
        facts = event.agenda
        taking_place = [o for o in facts.occurrences_ahead if o.change is None or o.status != "cancelled"]
        return (taking_place or facts.occurrences_ahead or (facts.first_occurrence,))[0]

    def address(self, event) -> str:
        return self.absolute(event.url)

    def json_ld(self, event) -> dict:
        place = event.organizer_place
        organizer_page = (place.data.website or self.absolute(place.url)) if place is not None else None
        return event_json_ld(
            event,
            event.agenda.next_occurrence,
            event.agenda.address,
            picture_address(event.data.image, self.absolute, self.settings),
            description_text(event),
            self.site.content_language,
            self.site.country,
            published(self)(event),
            organizer_page,
        )

    def when_text(self, event) -> str:
        """For the feeds: the next date in words."""
        return self.wording.when(event.agenda.next_occurrence)

    def calendar_links(self, event) -> dict[str, str]:
        """ "Add to my calendar", offered only for what is still to come and not cancelled."""
        if event.agenda.is_past or event.data.status == "cancelled":
            return {}
        return calendar_links(event.agenda.next_occurrence, description_text(event), _where(event))

    def generate_output(self, writer):
        agenda = self.agenda
        write = page_writer(self, writer, today=self.site.today)
        months = agenda.months
        for index, (month, days) in enumerate(months):
            previous = months[index - 1][0] if index else None
            following = months[index + 1][0] if index + 1 < len(months) else None
            for base in [f"agenda/{month:%Y/%m}/"] + (["agenda/"] if index == 0 else []):
                for page in paged(days, base):
                    write(page.save_as, "agenda", month=month, days=page.shown, paging=page, previous=previous,
                          next=following)  # fmt: skip
        for listing, days in (("today", agenda.today_days), ("week", agenda.week_days)):
            for page in paged(days, f"agenda/{listing}/"):
                write(page.save_as, "agenda", listing=listing, days=page.shown, paging=page)
        self._write_past(write, agenda.past_months)
        week, month = (first_dates(days) for days in (agenda.week_days, agenda.month_days))
        write("agenda/print/index.html", "agenda_print", week=week, month=month)
        write("embed/agenda/index.html", "embed", days=cut(agenda.days[:EMBED_DAYS])[0])
        write("agenda/filters/index.html", "agenda_filters", filters=agenda.filters)
        self._write_filters(write, agenda)

    def _write_past(self, write, archive: list) -> None:
        """A month of the past only changes when one of its events or their places does (or the months
        the archive lists): on a ten-year site, a rebuild does not render 120 unchanged months again. A busy
        region's month (1,300 events) goes on in pages."""
        unchanged = UnchangedPages(self, "past-months")
        months = [(month.isoformat(), len(events)) for month, events in archive]
        lists = [(f"agenda/past/{month:%Y/%m}/", month, events) for month, events in archive]
        for base, month, events in lists + [("agenda/past/", *(archive[0] if archive else (None, [])))]:
            for page in paged_events(events, base):
                if not unchanged.reuse(page.save_as, _with_places(page.shown), months, month, page.count):
                    write(page.save_as, "agenda_past", month=month, events=page.shown, archive=archive, paging=page)
        unchanged.save()

    def _write_filters(self, write, agenda: Agenda) -> None:
        """A filter's pages (and its embed) list the coming events of one value: one more event changes few
        of them. Its choices of other filters come from those events too (their facets, places' names)."""
        unchanged = UnchangedPages(self, "filter-pages")
        for found in agenda.filters.values():
            for item in found:
                days = by_day(item.occurrences, agenda.today)
                pages = paged(days, item.url)
                embed = cut(days[:EMBED_DAYS])[0]
                lists = [(page.save_as, page.shown, page.count) for page in pages] + [
                    (f"embed/{item.url}index.html", embed, 1)
                ]
                reused = [
                    unchanged.reuse(save_as, _with_places([o.event for _, dates in shown for o in dates]), count,
                                    [(day, len(dates)) for day, dates in shown], item.facet, item.value, item.label)
                    for save_as, shown, count in lists
                ]  # fmt: skip
                if all(reused):  # every one asked, so that the next build knows them all
                    continue
                for page in pages:
                    write(page.save_as, "agenda", listing="filter", filter=item, days=page.shown, paging=page)
                write(f"embed/{item.url}index.html", "embed", filter=item, days=embed)
        unchanged.save()


def _with_places(events: list) -> list:
    """The contributions a list of events shows: the events and their places."""
    return [item for event in events for item in (event, getattr(event, "place", None))]


def _name_key(name: str) -> str:
    """A name as two files may write it: letter case and spacing aside."""
    return " ".join(name.casefold().split())


def _where(event) -> str:
    """The place as one line, for calendars."""
    place, data = getattr(event, "place", None), event.data
    if place is not None:
        address = place.data.address
        return f"{place.title}, {address.street}, {address.postal_code or ''} {address.city}".replace("  ", " ")
    if data.place is not None:
        address = data.place.address
        return f"{data.place.name}, {address.street}, {address.city}" if address else data.place.name
    return data.online or ""
