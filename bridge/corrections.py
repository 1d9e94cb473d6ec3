"""Reporting a cancellation or a new date of a published event (issue 20): filled in by its own module."""

from __future__ import annotations


def add_routes(app, bridge) -> None:
    """The routes /cancel and /move."""
