"""Helpers for the timeline tests: ISO dates to day numbers, small event sets."""

from __future__ import annotations

from datetime import date

from uzkz_desktop.timeline import EventArrays, LanesLayout

CATEGORIES = ("diplomacy", "trade", "energy", "water")


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def events_of(rows: list[tuple[int, str, str, int, int]]) -> EventArrays:
    """(id, first day, last day, precision, category) rows, in any order."""
    ids, starts, ends, precisions, categories = zip(*rows, strict=True)
    return EventArrays.from_columns(
        ids, [day(s) for s in starts], [day(e) for e in ends], precisions, categories
    )


def layout_of(events: EventArrays) -> LanesLayout:
    return LanesLayout(events, CATEGORIES)
