"""Keyboard navigation in time order (←/→), on the sorted arrays by binary search.

Time order is the order of the arrays: start day, then end day, then id. Stepping from
an event therefore visits every event of a busy day, one by one.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .events import POINT, BoolArray, EventArrays


def next_event(
    events: EventArrays, day: float, direction: int = 1, among: BoolArray | None = None
) -> int | None:
    """Id of the first event starting after `day` (direction > 0), or of the last one
    starting before it (direction < 0). `among` restricts the walk (e.g. search hits)."""
    starts = events.start_day if among is None else events.start_day[among]
    ids = events.ids if among is None else events.ids[among]
    if direction > 0:
        i = int(np.searchsorted(starts, day, side="right"))
        return int(ids[i]) if i < len(ids) else None
    i = int(np.searchsorted(starts, day, side="left")) - 1
    return int(ids[i]) if i >= 0 else None


def prev_event(events: EventArrays, day: float, among: BoolArray | None = None) -> int | None:
    return next_event(events, day, -1, among)


def step_event(
    events: EventArrays, event_id: int, direction: int = 1, among: BoolArray | None = None
) -> int | None:
    """The neighbour of an event in time order: → is direction 1, ← is -1. An unknown id
    gives None; with `among`, the nearest event of the subset on that side."""
    i = events.index_of(event_id)
    if i is None:
        return None
    if among is None:
        j = i + (1 if direction > 0 else -1)
        return int(events.ids[j]) if 0 <= j < len(events) else None
    rows = np.flatnonzero(among)
    k = int(np.searchsorted(rows, i, side="right" if direction > 0 else "left"))
    k = k if direction > 0 else k - 1
    return int(events.ids[rows[k]]) if 0 <= k < len(rows) else None


def event_days(events: EventArrays, event_id: int) -> tuple[int, int] | None:
    """[start, end + 1) of an event: for Viewport.centre_on / fit when it is selected."""
    i = events.index_of(event_id)
    if i is None:
        return None
    return int(events.start_day[i]), int(events.end_day[i]) + 1


def events_in(
    events: EventArrays,
    first_day: float,
    last_day: float,
    category: int | None = None,
    points: bool | None = None,
) -> npt.NDArray[np.int64]:
    """Ids of the events active on any day in [first_day, last_day], in time order: what a
    click on a density bin lists (DensityHit gives the days, category and track).

    The running maximum of end_day bounds the slice on the left, so a long period that
    began years before first_day is still found; only the slice is scanned.
    """
    lo = int(np.searchsorted(events.running_max_end, np.floor(first_day), side="left"))
    hi = int(np.searchsorted(events.start_day, np.floor(last_day), side="right"))
    keep = events.end_day[lo:hi] >= np.floor(first_day)
    if category is not None:
        keep &= events.category[lo:hi] == category
    if points is not None:
        keep &= (events.kinds[lo:hi] == POINT) == points
    found: npt.NDArray[np.int64] = events.ids[lo:hi][keep]
    return found
