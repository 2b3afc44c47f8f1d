"""Axis ticks that follow the zoom: centuries down to single days.

The unit is the finest one whose shortest instance (February for months) is still
`min_spacing_px` wide, so labels never crowd. Ticks are made for the visible days only.
Month names come from the caller, so the UI can pass translated ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from functools import cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .viewport import Viewport

ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
_FIRST_ORDINAL, _LAST_ORDINAL = 1, date.max.toordinal()
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class TickUnit(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    YEARS_2 = "2 years"
    YEARS_5 = "5 years"
    DECADE = "decade"
    YEARS_20 = "20 years"
    YEARS_50 = "50 years"
    CENTURY = "century"


class Tick(NamedTuple):
    day: float
    x: float
    label: str


class Ticks(NamedTuple):
    major: list[Tick]
    minor: list[Tick]  # unlabelled ("") subdivisions, never on a major tick
    unit: TickUnit


# The shortest length of each unit in days: the spacing guarantee holds for February too.
_SHORTEST: dict[TickUnit, int] = {
    TickUnit.DAY: 1, TickUnit.WEEK: 7, TickUnit.MONTH: 28, TickUnit.QUARTER: 90,
    TickUnit.YEAR: 365, TickUnit.YEARS_2: 730, TickUnit.YEARS_5: 1826, TickUnit.DECADE: 3652,
    TickUnit.YEARS_20: 7305, TickUnit.YEARS_50: 18262, TickUnit.CENTURY: 36524,
}  # fmt: skip
_YEAR_STEP = {TickUnit.YEAR: 1, TickUnit.YEARS_2: 2, TickUnit.YEARS_5: 5, TickUnit.DECADE: 10,
              TickUnit.YEARS_20: 20, TickUnit.YEARS_50: 50, TickUnit.CENTURY: 100}  # fmt: skip
# Subdivisions to try for each unit, finest first; the first one wide enough is drawn.
_MINORS: dict[TickUnit, tuple[TickUnit, ...]] = {
    TickUnit.DAY: (),
    TickUnit.WEEK: (TickUnit.DAY,),
    TickUnit.MONTH: (TickUnit.DAY, TickUnit.WEEK),
    TickUnit.QUARTER: (TickUnit.WEEK, TickUnit.MONTH),
    TickUnit.YEAR: (TickUnit.MONTH, TickUnit.QUARTER),
    TickUnit.YEARS_2: (TickUnit.MONTH, TickUnit.QUARTER, TickUnit.YEAR),
    TickUnit.YEARS_5: (TickUnit.QUARTER, TickUnit.YEAR),
    TickUnit.DECADE: (TickUnit.YEAR, TickUnit.YEARS_2, TickUnit.YEARS_5),
    TickUnit.YEARS_20: (TickUnit.YEAR, TickUnit.YEARS_5, TickUnit.DECADE),
    TickUnit.YEARS_50: (TickUnit.YEARS_5, TickUnit.DECADE),
    TickUnit.CENTURY: (TickUnit.DECADE, TickUnit.YEARS_50),
}


def choose_unit(days_per_px: float, min_spacing_px: float = 80.0) -> TickUnit:
    """The finest unit whose ticks stay at least min_spacing_px apart."""
    for unit, days in _SHORTEST.items():
        if days / days_per_px >= min_spacing_px:
            return unit
    return TickUnit.CENTURY


def ticks(
    viewport: Viewport, min_spacing_px: float = 80.0, month_names: Sequence[str] = ENGLISH_MONTHS
) -> Ticks:
    """Labelled major ticks and unlabelled minor ticks for the days in view."""
    _check_month_names(month_names)
    unit = choose_unit(viewport.days_per_px, min_spacing_px)
    first, last = _visible_days(viewport)
    major_days = unit_starts(unit, first, last)
    if unit is TickUnit.CENTURY:  # even centuries may crowd: keep every k-th
        k = math.ceil(min_spacing_px * viewport.days_per_px / _SHORTEST[unit])
        if k > 1:
            major_days = _year_starts(first, last, 100 * k)
    labels = _labels(unit, major_days, month_names)
    start, scale = viewport.start, viewport.px_per_day  # x as Viewport.x_for
    major = [Tick(d, (d - start) * scale, s) for d, s in zip(major_days, labels, strict=True)]
    minor_unit = _minor_unit(unit, viewport.days_per_px, max(6.0, min_spacing_px / 8))
    minor: list[Tick] = []
    if minor_unit is not None:
        on_major = set(major_days)
        minor = [
            Tick(d, (d - start) * scale, "")
            for d in unit_starts(minor_unit, first, last)
            if d not in on_major
        ]
    return Ticks(major, minor, unit)


def format_day(day: float, unit: TickUnit, month_names: Sequence[str] = ENGLISH_MONTHS) -> str:
    """A date at the resolution the axis shows: '14 Mar 2024', 'Mar 2024' or '2024'."""
    _check_month_names(month_names)
    d = date.fromordinal(min(max(int(day // 1), _FIRST_ORDINAL), _LAST_ORDINAL))
    if unit in (TickUnit.DAY, TickUnit.WEEK):
        return f"{d.day} {month_names[d.month - 1]} {d.year}"
    if unit in (TickUnit.MONTH, TickUnit.QUARTER):
        return f"{month_names[d.month - 1]} {d.year}"
    return str(d.year)


def unit_starts(unit: TickUnit, first_day: int, last_day: int) -> list[int]:
    """Day numbers in [first_day, last_day] where a unit begins (weeks begin on Monday)."""
    first, last = max(first_day, _FIRST_ORDINAL), min(last_day, _LAST_ORDINAL)
    if first > last:
        return []
    if unit is TickUnit.DAY:
        return list(range(first, last + 1))
    if unit is TickUnit.WEEK:
        monday = first + (-date.fromordinal(first).weekday()) % 7
        return list(range(monday, last + 1, 7))
    if unit in (TickUnit.MONTH, TickUnit.QUARTER):
        return _month_starts(first, last, 1 if unit is TickUnit.MONTH else 3)
    return _year_starts(first, last, _YEAR_STEP[unit])


def _visible_days(viewport: Viewport) -> tuple[int, int]:
    # Whole days d with start <= d < end: a tick at the right edge belongs to the next view.
    first = int(-(-viewport.start // 1))
    last = int(-(-viewport.end // 1)) - 1
    return first, last


def _month_starts(first: int, last: int, step: int) -> list[int]:
    """First days of the months in [first, last] whose number (year * 12 + month - 1) is a
    multiple of step."""
    return _starts_in(_month_table(), first, last, step, 12)


def _year_starts(first: int, last: int, step: int) -> list[int]:
    """January firsts in [first, last] of the years that are multiples of step."""
    return _starts_in(_year_table(), first, last, step, 1)


def _starts_in(
    table: npt.NDArray[np.int64], first: int, last: int, step: int, offset: int
) -> list[int]:
    # table[i] is unit number i + offset (months or years from year 1 on).
    lo, hi = int(table.searchsorted(first)), int(table.searchsorted(last, side="right"))
    lo += -(lo + offset) % step
    starts: list[int] = table[lo:hi:step].tolist()
    return starts


def prepare() -> None:
    """Make the month and year tables now (a few ms, once) rather than in a frame."""
    _month_table()
    _year_table()


@cache
def _month_table() -> npt.NDArray[np.int64]:
    """First day of every month of years 1..9999 (one lookup instead of a date per month)."""
    months = np.arange("0001-01", "10000-01", dtype="datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL


@cache
def _year_table() -> npt.NDArray[np.int64]:
    """January first of years 1..9999."""
    years = np.arange("0001", "10000", dtype="datetime64[Y]")
    return years.astype("datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL


def _labels(unit: TickUnit, days: list[int], month_names: Sequence[str]) -> list[str]:
    if unit in _YEAR_STEP:
        return [str(date.fromordinal(d).year) for d in days]
    with_day = unit in (TickUnit.DAY, TickUnit.WEEK)
    out: list[str] = []
    previous: date | None = None
    for day in days:
        d = date.fromordinal(day)
        out.append(_context_label(d, previous, with_day, month_names))
        previous = d
    return out


def _context_label(
    d: date, previous: date | None, with_day: bool, month_names: Sequence[str]
) -> str:
    # The first tick and each new year carry the year, so every view says where it is;
    # day ticks also name the month where it changes.
    month = month_names[d.month - 1]
    new_year = previous is None or previous.year != d.year
    if not with_day:
        return f"{month} {d.year}" if new_year else month
    if new_year:
        return f"{d.day} {month} {d.year}"
    if previous is not None and previous.month != d.month:
        return f"{d.day} {month}"
    return str(d.day)


def _minor_unit(unit: TickUnit, days_per_px: float, min_px: float) -> TickUnit | None:
    for minor in _MINORS[unit]:
        if _SHORTEST[minor] / days_per_px >= min_px:
            return minor
    return None


def _check_month_names(month_names: Sequence[str]) -> None:
    if len(month_names) != 12:
        raise ValueError(f"need 12 month names, got {len(month_names)}")
