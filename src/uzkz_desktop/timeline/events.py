"""The events the timeline draws, as numpy columns sorted by start day.

Days are `date.toordinal()` numbers; an event covers the days start_day..end_day inclusive,
so on the time axis it occupies [start_day, end_day + 1). Precision codes follow
`archive.models.PRECISION_CODES`: 0 day, 1 month, 2 year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

from uzkz_desktop.core.dates import Precision

DAY, MONTH, YEAR = 0, 1, 2
PRECISION_CODE: dict[Precision, int] = {
    Precision.DAY: DAY,
    Precision.MONTH: MONTH,
    Precision.YEAR: YEAR,
}

# What an event looks like on the axis (see `kinds`).
POINT, SPAN, FUZZY_SPAN = 0, 1, 2
KIND_NAMES = ("point", "span", "fuzzy-span")

EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal(): numpy's datetime64 day zero
_FIRST_ORDINAL, _LAST_ORDINAL = 1, date.max.toordinal()

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class MonthCounts:
    """counts[i] = events active in month first_month + i (months since January 1970)."""

    first_month: int
    counts: npt.NDArray[np.int32]


@dataclass(frozen=True, eq=False)
class EventArrays:
    """Columns of the same length, sorted by start_day (then as given).

    Build with `from_columns`, which casts, widens imprecise dates to the whole month or year
    they stand for and sorts when needed. Derived arrays are computed once, on first use.
    """

    ids: npt.NDArray[np.int64]
    start_day: npt.NDArray[np.int32]
    end_day: npt.NDArray[np.int32]
    precision: npt.NDArray[np.int8]
    category: npt.NDArray[np.int16]
    end_precision: npt.NDArray[np.int8] | None = None
    # Small derived values other modules keep per dataset (e.g. the overview strip).
    memo: dict[object, object] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.ids)
        columns = (self.start_day, self.end_day, self.precision, self.category)
        if any(len(c) != n for c in columns) or (
            self.end_precision is not None and len(self.end_precision) != n
        ):
            raise ValueError("event columns differ in length")
        if n and bool(np.any(np.diff(self.start_day) < 0)):
            raise ValueError("events must be sorted by start_day (use EventArrays.from_columns)")
        if n and bool(np.any(self.end_day < self.start_day)):
            raise ValueError("an event ends before it starts")

    @classmethod
    def from_columns(
        cls,
        ids: Iterable[int] | npt.ArrayLike,
        start_day: Iterable[int] | npt.ArrayLike,
        end_day: Iterable[int] | npt.ArrayLike,
        precision: Iterable[int] | npt.ArrayLike,
        category: Iterable[int] | npt.ArrayLike,
        end_precision: Iterable[int] | npt.ArrayLike | None = None,
    ) -> EventArrays:
        """Any int sequences (numpy arrays, `array.array`, lists) to sorted, typed columns."""
        prec = np.asarray(precision, dtype=np.int8)
        end_prec = None if end_precision is None else np.asarray(end_precision, dtype=np.int8)
        start = widen_start(np.asarray(start_day, dtype=np.int32), prec)
        end = widen_end(np.asarray(end_day, dtype=np.int32), prec if end_prec is None else end_prec)
        ident = np.asarray(ids, dtype=np.int64)
        cat = np.asarray(category, dtype=np.int16)
        if len(start) and bool(np.any(np.diff(start) < 0)):
            order = np.lexsort((ident, end, start))
            start, end, ident, cat, prec = (
                start[order],
                end[order],
                ident[order],
                cat[order],
                prec[order],
            )
            end_prec = None if end_prec is None else end_prec[order]
        return cls(ident, start, end, prec, cat, end_prec)

    @classmethod
    def empty(cls) -> EventArrays:
        return cls.from_columns([], [], [], [], [])

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def running_max_end(self) -> npt.NDArray[np.int32]:
        """max(end_day[:i + 1]): with it a binary search finds long periods begun earlier."""
        return np.maximum.accumulate(self.end_day) if len(self) else self.end_day

    @cached_property
    def kinds(self) -> npt.NDArray[np.int8]:
        """POINT (one known day), FUZZY_SPAN (one month or year, day unknown) or SPAN."""
        one_day = self.start_day == self.end_day
        one_unit = _unit_index(self.start_day, self.precision) == _unit_index(
            self.end_day, self.end_precision if self.end_precision is not None else self.precision
        )
        kinds = np.full(len(self), SPAN, dtype=np.int8)
        kinds[one_unit & (self.precision > DAY)] = FUZZY_SPAN
        kinds[one_day] = POINT
        return kinds

    @cached_property
    def _id_order(self) -> IntArray:
        return np.argsort(self.ids, kind="stable").astype(np.int64)

    @cached_property
    def _sorted_ids(self) -> npt.NDArray[np.int64]:
        return self.ids[self._id_order]

    def index_of(self, event_id: int) -> int | None:
        """Row of an event id in these arrays, or None."""
        found = self.indices_of(np.asarray([event_id], dtype=np.int64))
        return int(found[0]) if len(found) else None

    def indices_of(self, event_ids: npt.ArrayLike) -> IntArray:
        """Rows of the ids that are present (unknown ids are skipped), in ascending row order."""
        wanted = np.asarray(event_ids, dtype=np.int64).ravel()
        if not len(self) or not len(wanted):
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self._sorted_ids, wanted)
        pos = np.minimum(pos, len(self) - 1)
        hit = self._sorted_ids[pos] == wanted
        return np.unique(self._id_order[pos[hit]])

    def mask_of(self, event_ids: npt.ArrayLike) -> BoolArray:
        """Bool mask aligned with these arrays, True for the given ids."""
        mask = np.zeros(len(self), dtype=np.bool_)
        mask[self.indices_of(event_ids)] = True
        return mask

    @cached_property
    def month_counts(self) -> MonthCounts:
        """Events active in each month, first to last: the overview histogram."""
        if not len(self):
            return MonthCounts(0, np.zeros(0, dtype=np.int32))
        first, last = month_index(self.start_day), month_index(self.end_day)
        base = int(first.min())
        size = int(last.max()) - base + 2
        # +1 where an event starts, -1 the month after it ends; the running sum counts.
        deltas = np.bincount(first - base, minlength=size)
        deltas -= np.bincount(last - base + 1, minlength=size)
        return MonthCounts(base, np.cumsum(deltas)[:-1].astype(np.int32))

    def fit_days(self, margin_share: float = 0.05, min_margin: int = 365) -> tuple[int, int] | None:
        """The days a "fit all" frames (first and last, inclusive): where the events are,
        not where long periods end. On the right, what lies beyond the last one-day event
        plus a margin (a year, or `margin_share` of the span if more) is left out; on the
        left, what lies before the first event that is not a period (a day, a month or a
        year) less that margin. Periods cut this way still run off the edge of the view.
        Without such events, the first start and the last end."""
        if not len(self):
            return None
        point, period = self.kinds == POINT, self.kinds == SPAN
        first_start = int(self.start_day[~period].min()) if (~period).any() else None
        last_start = int(self.start_day[point].max()) if point.any() else None
        first = int(self.start_day[0]) if first_start is None else first_start
        last = int(self.running_max_end[-1]) if last_start is None else last_start
        margin = max(min_margin, round(margin_share * max(last - first, 0)))
        lo = int(self.start_day[0]) if first_start is None else first_start - margin
        hi = int(self.running_max_end[-1]) if last_start is None else last_start + margin
        inside = (self.end_day >= lo) & (self.start_day <= hi)
        return (
            int(np.maximum(self.start_day[inside], lo).min()),
            int(np.minimum(self.end_day[inside], hi).max()),
        )

    @property
    def first_day(self) -> int | None:
        return int(self.start_day[0]) if len(self) else None

    @property
    def last_day(self) -> int | None:
        return int(self.running_max_end[-1]) if len(self) else None


def to_datetime64(days: npt.ArrayLike) -> npt.NDArray[np.datetime64]:
    return (np.asarray(days, dtype=np.int64) - EPOCH_ORDINAL).astype("datetime64[D]")


def from_datetime64(values: npt.NDArray[np.datetime64]) -> npt.NDArray[np.int32]:
    days = values.astype("datetime64[D]").astype(np.int64) + EPOCH_ORDINAL
    return days.astype(np.int32)


def month_index(days: npt.ArrayLike) -> IntArray:
    """Months since January 1970 (negative before): for per-month counts."""
    return to_datetime64(days).astype("datetime64[M]").astype(np.int64)


def unit_bounds(precision: int, first_day: float, last_day: float) -> tuple[IntArray, IntArray]:
    """First days of the months (precision MONTH) or years (YEAR) meeting the days
    first_day..last_day (floats, inclusive of the day last_day falls in), and the first day
    of the unit after each."""
    first = unit_number(precision, math.floor(first_day))
    return unit_days(precision, first, unit_number(precision, math.floor(last_day)))


def unit_number(precision: int, day: int) -> int:
    """The month (precision MONTH) or year (YEAR) holding a day, counted from 1970."""
    if _FIRST_ORDINAL <= day <= _LAST_ORDINAL:
        when = date.fromordinal(day)
        years = when.year - 1970
        return years * 12 + when.month - 1 if precision == MONTH else years
    return int(to_datetime64([day]).astype(_unit_type(precision)).astype(np.int64)[0])


@lru_cache(maxsize=64)
def unit_days(precision: int, first: int, last: int) -> tuple[IntArray, IntArray]:
    """First days of the units (as `unit_number`) first..last, and of the unit after each
    (read-only: kept for the next frames)."""
    stamps = np.arange(first, last + 2).astype(_unit_type(precision))
    days = from_datetime64(stamps).astype(np.int64)
    days.flags.writeable = False
    return days[:-1], days[1:]


def _unit_type(precision: int) -> str:
    return "datetime64[M]" if precision == MONTH else "datetime64[Y]"


def widen_start(
    days: npt.NDArray[np.int32], precision: npt.NDArray[np.int8]
) -> npt.NDArray[np.int32]:
    """A month- or year-precision start moves back to the first day it stands for."""
    out = days.copy()
    for code, unit in _UNITS:
        sel = precision == code
        if bool(sel.any()):
            out[sel] = from_datetime64(to_datetime64(days[sel]).astype(unit))
    return out


def widen_end(
    days: npt.NDArray[np.int32], precision: npt.NDArray[np.int8]
) -> npt.NDArray[np.int32]:
    """A month- or year-precision end moves on to the last day it stands for."""
    out = days.copy()
    for code, unit in _UNITS:
        sel = precision == code
        if bool(sel.any()):
            # Units since 1970, plus one, back to a date: the first day of the next unit.
            following = (to_datetime64(days[sel]).astype(unit).astype(np.int64) + 1).astype(unit)
            out[sel] = from_datetime64(following) - 1
    return out


_UNITS = ((MONTH, "datetime64[M]"), (YEAR, "datetime64[Y]"))


def _unit_index(days: npt.NDArray[np.int32], precision: npt.NDArray[np.int8]) -> IntArray:
    # Day, month or year number depending on each event's precision: equal start and end
    # numbers mean the event is one unit of its precision ("2024", "2025-11").
    stamps = to_datetime64(days)
    months = stamps.astype("datetime64[M]").astype(np.int64)
    years = stamps.astype("datetime64[Y]").astype(np.int64)
    plain = days.astype(np.int64)
    return np.where(precision == YEAR, years, np.where(precision == MONTH, months, plain))
