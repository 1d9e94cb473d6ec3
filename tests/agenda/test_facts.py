"""What the agenda works out for each event is one declared, read-only object: `event.agenda`."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from agenda.facts import AgendaFacts


class Makers:
    def __init__(self):
        self.asked: list[str] = []

    def first_occurrence(self, event):
        self.asked.append("first_occurrence")
        return "first"

    def address(self, event):
        return event.not_there  # a slip inside a maker

    def json_ld(self, event):
        self.asked.append("json_ld")
        return {"name": event.title}

    def when_text(self, event):
        return "soon"

    def calendar_links(self, event):
        return {}


def facts(makers):
    event = SimpleNamespace(title="Bal", contribution=SimpleNamespace(path="content/events/2026/bal.md"))
    return AgendaFacts(event, None, False, (), {"category": ("bal",)}, makers)


def test_the_facts_cannot_be_changed_and_their_costly_parts_are_made_once_when_read():
    makers = Makers()
    found = facts(makers)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.is_past = True
    assert makers.asked == []  # nothing worked out before a page or a feed asks
    assert (found.json_ld, found.json_ld, found.first_occurrence) == ({"name": "Bal"}, {"name": "Bal"}, "first")
    assert makers.asked == ["json_ld", "first_occurrence"]


def test_a_slip_inside_a_maker_is_not_taken_for_a_missing_fact():
    """Jinja prints nothing for a missing attribute: the maker's own AttributeError must not pass for one."""
    with pytest.raises(RuntimeError, match="'address' of content/events/2026/bal.md: .*not_there"):
        _ = facts(Makers()).address
