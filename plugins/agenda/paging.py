"""Long lists of dates cut into pages. A city announces a few hundred dates a quarter, but a region gathering
twenty towns' agendas has 4,000: its month page would weigh a megabyte, far over the theme's budget (a list page
is held to the home page's 60 KB, stylesheet and scripts included). A list is cut between days, a page holding at
most PAGE_DATES dates; only a day with more dates than that is itself cut, its heading repeated on the next page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PAGE_DATES = 80  # about 40 KB of HTML at 470 bytes a date: under 60 KB with the page's stylesheet and scripts
SHORT_LIST_DATES = 40  # the home's today and this week, and each part of the printed sheet, beside what else they show

Days = list[tuple[dt.date, list]]


def cut(days: Days, limit: int | None = None) -> list[Days]:
    """`days` in pages of at most `limit` dates (PAGE_DATES when not given), each day whole when it fits on a
    page; always one page at least (an empty agenda's page says so)."""
    limit = limit or PAGE_DATES
    pages: list[Days] = []
    current: Days = []
    size = 0
    for day, dates in days:
        if current and size + len(dates) > limit:
            pages.append(current)
            current, size = [], 0
        while len(dates) > limit:
            pages.append([(day, dates[:limit])])
            dates = dates[limit:]
        if dates:
            current.append((day, dates))
            size += len(dates)
    return pages + [current] if current or not pages else pages


def first_dates(days: Days, limit: int | None = None) -> tuple[Days, int]:
    """The first page of `days` of at most `limit` dates (SHORT_LIST_DATES when not given), and how many dates
    it leaves out."""
    shown = cut(days, limit or SHORT_LIST_DATES)[0]
    return shown, _count(days) - _count(shown)


def _count(days: Days) -> int:
    return sum(len(dates) for _, dates in days)


@dataclass(frozen=True)
class Page:
    """One page of a list whose first page is at `base` (`agenda/2027/01/`), the next ones under `page/N/`."""

    base: str
    number: int
    count: int
    shown: list  # this page's part of the list: (day, dates) pairs, or events

    def address(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def save_as(self) -> str:
        return self.address(self.number) + "index.html"

    @property
    def previous(self) -> str | None:
        return self.address(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.address(self.number + 1) if self.number < self.count else None


def paged(days: Days, base: str) -> list[Page]:
    """The pages of the list `days` whose first page is at `base`."""
    return _pages(cut(days), base)


def paged_events(events: list, base: str) -> list[Page]:
    """The pages of a list of events (a month of the past), PAGE_DATES to a page."""
    return _pages([events[start : start + PAGE_DATES] for start in range(0, len(events), PAGE_DATES)] or [[]], base)


def _pages(parts: list[list], base: str) -> list[Page]:
    return [Page(base, number, len(parts), shown) for number, shown in enumerate(parts, 1)]
