"""The overview strip: the whole archive as a density histogram, and the visible window.

Counts are events active in each month (as the archive's `month_counts`), computed once
per EventArrays (`EventArrays.month_counts`); a frame only resamples them when the strip
width or the limits change. The strip maps days to x with a Viewport of its own spanning
the view limits; x in that Viewport is measured from the strip's left edge (Overview.x0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .events import EventArrays, MonthCounts, month_index
from .ticks import ENGLISH_MONTHS, Ticks, ticks
from .viewport import ViewLimits, Viewport

MIN_WINDOW_PX = 6.0  # a one-week window over 37 years must still be visible and draggable


@dataclass(frozen=True, eq=False)
class Overview:
    """What the painter draws in the strip at y0..y1 across x0..x1 (pixel columns)."""

    x0: float
    x1: float
    y0: float
    y1: float
    counts: npt.NDArray[np.int32]  # one per pixel column, the busiest month in it
    max: int
    window_x0: float  # the visible range, at least MIN_WINDOW_PX wide around its centre
    window_x1: float
    strip: Viewport  # days <-> strip x (x measured from x0)
    ticks: Ticks


def strip_viewport(limits: ViewLimits, width_px: int) -> Viewport:
    return Viewport(limits.first, limits.last, max(width_px, 1))


def build_overview(
    events: EventArrays,
    limits: ViewLimits,
    viewport: Viewport,
    box: tuple[float, float, float, float],
    *,
    min_spacing_px: float = 80.0,
    month_names: Sequence[str] = ENGLISH_MONTHS,
) -> Overview:
    """Overview for the strip box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    strip = strip_viewport(limits, round(x1 - x0))
    counts, strip_ticks = _strip(events, strip, min_spacing_px, tuple(month_names))
    wx0, wx1 = window_in_strip(viewport, strip)
    peak = int(counts.max()) if len(counts) else 0
    return Overview(x0, x1, y0, y1, counts, peak, x0 + wx0, x0 + wx1, strip, strip_ticks)


def _strip(
    events: EventArrays, strip: Viewport, spacing: float, month_names: tuple[str, ...]
) -> tuple[npt.NDArray[np.int32], Ticks]:
    # The strip only changes with the limits or the width: the last one is kept.
    key = (strip, spacing, month_names)
    found = events.memo.get("overview")
    if not (isinstance(found, _StripCache) and found.key == key):
        found = _StripCache(
            key, resample(events.month_counts, strip), ticks(strip, spacing, month_names)
        )
        events.memo["overview"] = found
    return found.counts, found.ticks


class _StripCache(NamedTuple):
    key: tuple[Viewport, float, tuple[str, ...]]
    counts: npt.NDArray[np.int32]
    ticks: Ticks


def resample(months: MonthCounts, strip: Viewport) -> npt.NDArray[np.int32]:
    """One count per strip pixel: the busiest month starting in that pixel's days (or,
    when a month is wider than a pixel, the month the pixel falls in)."""
    width = strip.width_px
    if not len(months.counts):
        return np.zeros(width, dtype=np.int32)
    edges = strip.start + np.arange(width + 1) * strip.days_per_px
    month = month_index(np.floor(edges)) - months.first_month
    padded = np.concatenate(([0], months.counts, [0])).astype(np.int32)
    index = np.clip(month + 1, 0, len(padded) - 1)
    # reduceat takes max over [index[i], index[i+1]) or the single value where they meet.
    # The last reduction runs to the end of the array and is dropped.
    return np.maximum.reduceat(padded, index)[:-1].astype(np.int32)


def window_in_strip(viewport: Viewport, strip: Viewport) -> tuple[float, float]:
    """The viewport's days as strip x, widened to MIN_WINDOW_PX around the centre."""
    a, b = strip.x_for(viewport.start), strip.x_for(viewport.end)
    if b - a < MIN_WINDOW_PX:
        mid = (a + b) / 2
        a, b = mid - MIN_WINDOW_PX / 2, mid + MIN_WINDOW_PX / 2
    return a, b


def viewport_from_overview_drag(
    pressed: Viewport, strip: Viewport, press_x: float, x: float, limits: ViewLimits | None = None
) -> Viewport:
    """The viewport while the window is dragged from press_x to x (strip coordinates):
    it moves by the same days as the pointer, keeping its span."""
    shift = (x - press_x) * strip.days_per_px
    moved = Viewport(pressed.start + shift, pressed.end + shift, pressed.width_px)
    return moved if limits is None else moved.clamped(limits)


def viewport_from_overview_click(
    viewport: Viewport, strip: Viewport, x: float, limits: ViewLimits | None = None
) -> Viewport:
    """Centre the viewport on the day under strip x (x - Overview.x0), for a click
    outside the window."""
    moved = viewport.centre_on(strip.day_at(x))
    return moved if limits is None else moved.clamped(limits)
