"""Bands by category and, inside each band, rows where boxes never overlap.

Each band has two tracks, as in The Timeline Project: one-day points on top, bars below
(periods and dates known only to the month or year). Apart, a year of "2024" events
cannot push that year's dated points off the rows.

Rows depend on the zoom only through the pixel size of a box, so they are computed once
per zoom bucket (one octave of days-per-pixel) and cached: panning and zooming inside a
bucket reuse them, and rows stay put while the user moves around.

Packing is first fit in start order, capped at the most rows a track may show; the frame
shows as many of them as the visible events need and the window has room for, and what
is left is overflow, shown as density. Boxes are sized for the widest days-per-pixel of
the bucket, so they are at least `gap_px` apart anywhere in it.

Where a month (or a year) is at least `unit_px` wide, events known only as that one month
(or year) are not packed: they share their exact extent, so the frame stacks them per
unit ("12 events in March 2023") from `units(precision)`, and density leaves them out
(`days_without`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .events import FUZZY_SPAN, MONTH, POINT, YEAR, BoolArray, EventArrays, IntArray

DAY_KEY = 1 << 22  # above any day number (date.max is 3,652,059): key = group * DAY_KEY + day
_LANE_OFFSET = float(1 << 24)  # keeps lanes apart when all are packed in one pass
OVERFLOW = -1
UNIT = -2  # not packed at this zoom: stacked per month or year by the frame
POINTS, SPANS = 0, 1  # tracks; lane = band * 2 + track
UNIT_DAYS = {YEAR: 365, MONTH: 28}  # the shortest year and month


@dataclass(frozen=True, slots=True)
class BoxStyle:
    """Pixel sizes that packing and frames share."""

    point_px: float = 9.0  # width of the diamond drawn for a one-day event
    min_span_px: float = 3.0  # narrowest bar for a period or an imprecise date
    gap_px: float = 3.0  # free pixels between boxes in a row
    point_rows: int = 8  # most rows of the point track; what does not fit is density
    span_rows: int = 8  # most rows of the bar track
    unit_px: float = 200.0  # a month or year this wide stacks its one-unit events

    def __post_init__(self) -> None:
        if not 0 <= min(self.point_rows, self.span_rows) <= self.max_rows <= 100:
            raise ValueError(f"rows per track must be 0..100: {self}")
        if min(self.point_px, self.min_span_px, self.gap_px) < 0:
            raise ValueError(f"negative box size: {self}")

    @property
    def max_rows(self) -> int:
        return max(self.point_rows, self.span_rows)

    @property
    def classes(self) -> int:
        """Row classes of a lane: rows, then OVERFLOW_CLASS, then UNIT_CLASS."""
        return self.max_rows + 2

    @property
    def overflow_class(self) -> int:
        return self.max_rows

    @property
    def unit_class(self) -> int:
        return self.max_rows + 1

    def rows_of(self, track: int) -> int:
        return self.point_rows if track == POINTS else self.span_rows


@dataclass(frozen=True, eq=False)
class Packing:
    """Rows for one zoom bucket, and the events sorted by (lane, row class, start).

    A row is counted inside its track. Row class is the row, max_rows for overflow or
    max_rows + 1 for events stacked per unit (`units`); `group = lane * classes + class`.
    `start_keys`/`end_keys` are sorted `group * DAY_KEY + day` keys: a binary search gives
    the events of one band and row in any day range. Inside a row ends grow with starts
    (boxes do not overlap), so both searches index the same run of `order`.
    """

    bucket: int
    rows: npt.NDArray[np.int8]  # per event: row, OVERFLOW (also for hidden ones) or UNIT
    units: tuple[int, ...]  # precisions stacked per unit at this bucket (YEAR, MONTH)
    order: IntArray
    start_keys: IntArray
    end_keys: IntArray


class LanesLayout:
    """One band per category, in the given order, with cached per-bucket packing.

    `labels[c]` names category code c. `order` lists the category codes to show, top
    first (default: all codes in order); `only_present` drops those without events.
    `visible` (a bool mask over the events) keeps only those events, with their bands.
    Events of categories not shown, or not visible, are left out of bands, packing and
    density.
    """

    def __init__(
        self,
        events: EventArrays,
        labels: Sequence[str],
        order: Sequence[int] | None = None,
        *,
        only_present: bool = True,
        style: BoxStyle | None = None,
        visible: BoolArray | None = None,
    ) -> None:
        self.events = events
        self.style = style or BoxStyle()
        if visible is not None and visible.shape != (len(events),):
            raise ValueError("a visibility mask must have one entry per event")
        self.visible = visible
        codes = list(range(len(labels))) if order is None else list(order)
        if only_present:
            shown = events.category if visible is None else events.category[visible]
            present = set(np.unique(shown).tolist())
            codes = [c for c in codes if c in present]
        self.categories: tuple[int, ...] = tuple(codes)
        self.labels: tuple[str, ...] = tuple(
            labels[c] if 0 <= c < len(labels) else str(c) for c in codes
        )
        self.band_of = _band_lookup(events.category, self.categories)
        if visible is not None:
            self.band_of[~visible] = -1
        self.track_of = np.where(events.kinds == POINT, POINTS, SPANS).astype(np.int16)
        self.lane_of = np.where(self.band_of >= 0, self.band_of * 2 + self.track_of, -1).astype(
            np.int64
        )
        self._packings: dict[int, Packing] = {}
        self._highlight: tuple[object, Highlight] | None = None
        self._units: dict[int, UnitIndex] = {}
        self._days_without: dict[tuple[int, ...], DayTable | KeyTable] = {}
        # What frames of this layout keep between them (see frame._memo): per kind, a few
        # results by everything they depend on.
        self.memo: dict[str, dict[Hashable, object]] = {}
        # Events by start within each lane is also (lane, start) order: sort by lane once.
        self._shown = np.flatnonzero(self.lane_of >= 0)
        by_lane = self._shown[np.argsort(self.lane_of[self._shown].astype(np.int16), kind="stable")]
        self._by_lane = [by_lane[self.track_of[by_lane] == t] for t in (POINTS, SPANS)]
        self.days = DayTable.of(events, self.lane_of, self._shown, 2 * len(codes))
        # Per event: MONTH or YEAR when it is one whole month or year known only as that.
        end_precision = events.precision if events.end_precision is None else events.end_precision
        one_unit = (events.kinds == FUZZY_SPAN) & (events.precision == end_precision)
        self.unit_of = np.where(one_unit, events.precision, -1).astype(np.int8)

    @property
    def band_count(self) -> int:
        return len(self.categories)

    @staticmethod
    def bucket_for(days_per_px: float) -> int:
        """Zoom bucket: one per octave of days per pixel."""
        return math.floor(math.log2(days_per_px))

    @property
    def finest_bucket(self) -> int:
        """From here in, every box and gap fits inside its own days, and as all starts and
        ends are whole days, first fit makes the same rows: finer buckets share them."""
        s = self.style
        limit = min(
            _ratio(0.5, s.point_px / 2 + s.gap_px),
            _ratio(1.0, s.min_span_px),
            _ratio(0.999, s.gap_px),
        )
        return math.floor(math.log2(min(limit, 1.0))) - 1

    @property
    def lanes(self) -> int:
        return 2 * len(self.categories)

    @property
    def shown(self) -> IntArray:
        """Rows of the events in a band (in time order)."""
        return self._shown

    def unit_precisions(self, bucket: int) -> tuple[int, ...]:
        """The precisions whose one-unit events are stacked per unit at this bucket: those
        whose shortest unit is at least unit_px wide at the bucket's widest zoom."""
        widest = 2.0 ** (max(bucket, self.finest_bucket) + 1)
        return tuple(p for p, days in UNIT_DAYS.items() if days / widest >= self.style.unit_px)

    def units(self, precision: int) -> UnitIndex:
        """The shown one-unit events of a precision by (lane, start): see UnitIndex."""
        found = self._units.get(precision)
        if found is None:
            found = self._units[precision] = UnitIndex.of(self, precision)
        return found

    def days_without(
        self, units: tuple[int, ...], mask: BoolArray | None = None
    ) -> DayTable | KeyTable:
        """The day table of the shown events (or of those in `mask`) less the one-unit
        events of these precisions: density where those are stacked per unit."""
        if not units and mask is None:
            return self.days
        index = self._shown
        if mask is not None:
            index = index[mask[index]]
        if units:
            index = index[~np.isin(self.unit_of[index], units)]
        return DayTable.of(self.events, self.lane_of, index, self.lanes)

    def density_days(self, units: tuple[int, ...]) -> DayTable | KeyTable:
        found = self._days_without.get(units)
        if found is None:
            found = self._days_without[units] = self.days_without(units)
        return found

    def packing(self, bucket: int) -> Packing:
        """Rows for a bucket, computed on first use and kept."""
        bucket = max(bucket, self.finest_bucket)
        found = self._packings.get(bucket)
        if found is None:
            found = self._pack(bucket)
            self._packings[bucket] = found
        return found

    def highlight(self, highlighted: npt.NDArray[np.generic] | AbstractSet[int]) -> Highlight:
        """Highlight for a mask or ids, reused while the same hits come back each frame
        (the same read-only array costs nothing; equal contents cost a hash)."""
        found = self._highlight
        frozen = isinstance(highlighted, np.ndarray) and not highlighted.flags.writeable
        if found is not None and frozen and found[1].source is highlighted:
            return found[1]
        key = _content_key(highlighted)
        if found is None or found[0] != key:
            found = self._highlight = (key, Highlight.of(self, highlighted))
        found[1].source = highlighted
        return found[1]

    def warm(self, buckets: Iterable[int]) -> None:
        """Compute packings ahead of time (e.g. at idle after loading)."""
        for bucket in buckets:
            self.packing(bucket)

    def _pack(self, bucket: int) -> Packing:
        ev, style = self.events, self.style
        rows = np.full(len(ev), OVERFLOW, dtype=np.int8)
        units = self.unit_precisions(bucket)
        for track, index in enumerate(self._by_lane):
            if track == SPANS and units:
                stacked = np.isin(self.unit_of[index], units)
                rows[index[stacked]] = UNIT
                index = index[~stacked]
            lo, hi = packing_extents(ev, index, 2.0 ** (bucket + 1), style)
            offset = self.lane_of[index] * _LANE_OFFSET  # lanes never share a cluster
            rows[index] = first_fit(lo + offset, hi + offset, style.rows_of(track))
        return self._sorted(bucket, rows, units)

    def _sorted(self, bucket: int, rows: npt.NDArray[np.int8], units: tuple[int, ...]) -> Packing:
        style = self.style
        classes = style.classes
        shown = self._shown
        shown_rows = rows[shown]
        row_class = np.where(
            shown_rows == OVERFLOW,
            style.overflow_class,
            np.where(shown_rows == UNIT, style.unit_class, shown_rows),
        )
        group = self.lane_of[shown] * classes + row_class
        # Few distinct groups: a 16-bit stable argsort is a radix sort.
        small = group.astype(np.int16) if int(group.max(initial=0)) < 1 << 15 else group
        by_group = np.argsort(small, kind="stable")
        order = shown[by_group]
        base = group[by_group].astype(np.int64) * DAY_KEY
        start_keys = base + self.events.start_day[order]
        end_keys = np.sort(base + self.events.end_day[order], kind="stable")
        return Packing(bucket, rows, units, order, start_keys, end_keys)


def packing_extents(
    events: EventArrays, index: IntArray, days_per_px: float, style: BoxStyle
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """[lo, hi) in days holding each event's box plus the gap after it, at days_per_px.

    Every lo moves left by the same pad (a diamond reaches left of its day), so lo keeps
    the start order.
    """
    start = events.start_day[index].astype(np.float64)
    end = events.end_day[index].astype(np.float64) + 1
    half_point = style.point_px / 2 * days_per_px
    pad = max(0.0, half_point - 0.5)
    point_hi = start + 0.5 + half_point
    span_hi = np.maximum(end, start + style.min_span_px * days_per_px)
    hi = np.where(events.kinds[index] == POINT, point_hi, span_hi) + style.gap_px * days_per_px
    return start - pad, hi


def first_fit(
    lo: npt.NDArray[np.float64], hi: npt.NDArray[np.float64], max_rows: int
) -> npt.NDArray[np.int8]:
    """First-fit rows for intervals sorted by lo: each takes the lowest row whose last
    interval ended by its lo. OVERFLOW when all max_rows are taken.

    Row r of first fit is the greedy chain over what rows < r left, so it is built one row
    at a time, each with `greedy_row`.
    """
    rows = np.full(len(lo), OVERFLOW, dtype=np.int8)
    left = np.arange(len(lo))
    for row in range(max_rows):
        if not len(left):
            break
        chosen = greedy_row(lo[left], hi[left])
        rows[left[chosen]] = row
        left = left[~chosen]
    return rows


def greedy_row(lo: npt.NDArray[np.float64], hi: npt.NDArray[np.float64]) -> BoolArray:
    """The intervals a left-to-right greedy scan puts in one row (take it if it starts
    after the last taken one ended), for intervals sorted by lo.

    The scan restarts at every cluster start (an interval beginning after all earlier ones
    ended) and the chain from there cannot skip the next cluster start. So all clusters
    are followed at once, one numpy step per chain link instead of one Python step per
    interval.
    """
    n = len(lo)
    chosen = np.zeros(n, dtype=np.bool_)
    if not n:
        return chosen
    reach = np.maximum.accumulate(hi)
    chosen[0] = True
    chosen[1:] = lo[1:] >= reach[:-1]
    heads = np.flatnonzero(chosen)
    stops = np.append(heads[1:], n)
    current = heads
    while len(current):
        # At least one step on, so an empty interval (hi == lo) cannot stall the walk.
        following = np.maximum(np.searchsorted(lo, hi[current]), current + 1)
        inside = following < stops
        current, stops = following[inside], stops[inside]
        chosen[current] = True
    return chosen


def _band_lookup(
    category: npt.NDArray[np.int16], categories: Sequence[int]
) -> npt.NDArray[np.int16]:
    # Category code -> band index (or -1), then one fancy-index over all events.
    size = max([*categories, int(category.max()) if len(category) else 0, 0]) + 1
    table = np.full(size, -1, dtype=np.int16)
    for band, code in enumerate(categories):
        if code >= 0:
            table[code] = band
    valid = (category >= 0) & (category < size)
    out = np.full(len(category), -1, dtype=np.int16)
    out[valid] = table[category[valid]]
    return out


@dataclass(frozen=True, eq=False)
class UnitIndex:
    """The shown events of one precision that are one whole unit (a month, a year), sorted
    by `lane * DAY_KEY + start_day` (then in time order): all events of a lane and unit
    share the unit's first day, so they are one run of `order`, found by two binary
    searches on `keys`."""

    precision: int
    keys: IntArray
    order: IntArray

    @classmethod
    def of(cls, layout: LanesLayout, precision: int) -> UnitIndex:
        index = layout.shown[layout.unit_of[layout.shown] == precision]
        keys = layout.lane_of[index] * DAY_KEY + layout.events.start_day[index]
        by_key = np.argsort(keys, kind="stable")
        return cls(precision, keys[by_key], index[by_key])

    def runs(self, lane: IntArray, first_day: IntArray) -> tuple[IntArray, IntArray]:
        """[lo, hi) in `order` of the events of each (lane, unit starting on first_day)."""
        key = lane * DAY_KEY + first_day
        lo: IntArray = np.searchsorted(self.keys, key, side="left")
        hi: IntArray = np.searchsorted(self.keys, key, side="right")
        return lo, hi


MAX_TABLE_CELLS = 4_000_000  # lanes x days; 26 lanes cover 400 years in 32 MB


@dataclass(frozen=True, eq=False)
class DayTable:
    """Per lane, how many events start / end before each day: the events of a lane active
    in [a, b) are starts_before[ceil(b)] - ends_before[floor(a)] (an event covers
    [start, end + 1), and those ending before floor(a) started before ceil(b)). Density
    bins then cost two array lookups each, at any number of events.
    """

    origin: int  # day of column 0
    starts_before: npt.NDArray[np.int32]  # (lanes, days + 1)
    ends_before: npt.NDArray[np.int32]

    @classmethod
    def of(
        cls, events: EventArrays, lane_of: IntArray, index: IntArray, lanes: int
    ) -> DayTable | KeyTable:
        """A table, or for archives spanning centuries the binary-search equivalent."""
        if not len(index):
            empty = np.zeros((lanes, 1), dtype=np.int32)
            return cls(0, empty, empty)
        origin = int(events.start_day[index].min())
        days = int(events.end_day[index].max()) - origin + 2
        lane = lane_of[index]
        if lanes * (days + 1) > MAX_TABLE_CELLS:
            return KeyTable.of(events, lane, index)
        return cls(
            origin,
            _cumulative(lane, events.start_day[index] - origin, lanes, days),
            _cumulative(lane, events.end_day[index] - origin, lanes, days),
        )

    def active(
        self,
        lane: IntArray,
        left: npt.NDArray[np.floating[Any]],
        right: npt.NDArray[np.floating[Any]],
    ) -> npt.NDArray[np.int32]:
        """Events of `lane` active somewhere in [left, right) days (arrays broadcast)."""
        width = self.starts_before.shape[1]
        row = lane * width
        hi = row + _clamped(np.ceil(right) - self.origin, width - 1)
        lo = row + _clamped(np.floor(left) - self.origin, width - 1)
        counts: npt.NDArray[np.int32] = self.starts_before.ravel().take(hi)
        counts -= self.ends_before.ravel().take(lo)
        return counts

    def active_total(self, lanes: int, left: float, right: float) -> int:
        """Events of lanes 0..lanes - 1 active somewhere in [left, right) days."""
        last = self.starts_before.shape[1] - 1
        hi = min(max(math.ceil(right) - self.origin, 0), last)
        lo = min(max(math.floor(left) - self.origin, 0), last)
        starts, ends = self.starts_before[:lanes, hi], self.ends_before[:lanes, lo]
        return int(starts.sum()) - int(ends.sum())


@dataclass(frozen=True, eq=False)
class KeyTable:
    """DayTable.active by binary search on sorted lane * DAY_KEY + day keys."""

    start_keys: IntArray
    end_keys: IntArray

    @classmethod
    def of(cls, events: EventArrays, lane: IntArray, index: IntArray) -> KeyTable:
        return cls(
            np.sort(lane * DAY_KEY + events.start_day[index]),
            np.sort(lane * DAY_KEY + events.end_day[index]),
        )

    def active(
        self,
        lane: IntArray,
        left: npt.NDArray[np.floating[Any]],
        right: npt.NDArray[np.floating[Any]],
    ) -> npt.NDArray[np.int32]:
        # Those of the lane starting before ceil(right), less those ending before floor(left).
        hi = lane * DAY_KEY + _clamped(np.ceil(right), DAY_KEY - 1)
        lo = lane * DAY_KEY + _clamped(np.floor(left), DAY_KEY - 1)
        counts = self.start_keys.searchsorted(hi) - self.end_keys.searchsorted(lo)
        return counts.astype(np.int32)

    def active_total(self, lanes: int, left: float, right: float) -> int:
        """Events of lanes 0..lanes - 1 active somewhere in [left, right) days."""
        bounds = np.array([left]), np.array([right])
        return int(self.active(np.arange(lanes), *bounds).sum())


def _clamped(days: npt.NDArray[np.floating[Any]], last: int) -> IntArray:
    """Whole days as indexes 0..last (np.clip without its overhead)."""
    index: IntArray = np.minimum(np.maximum(days, 0), last).astype(np.int64)
    return index


def _cumulative(lane: IntArray, day: npt.ArrayLike, lanes: int, days: int) -> npt.NDArray[np.int32]:
    # out[l, i] = events of lane l whose day is before column i.
    flat = lane * days + np.asarray(day, dtype=np.int64)
    hist = np.bincount(flat, minlength=lanes * days).reshape(lanes, days)
    out = np.zeros((lanes, days + 1), dtype=np.int32)
    np.cumsum(hist, axis=1, out=out[:, 1:])
    return out


class Highlight:
    """Search hits: a bool mask over the events, and day tables for hit density."""

    def __init__(self, layout: LanesLayout, mask: BoolArray) -> None:
        self.mask = mask
        self.source: object = None  # what it was last asked for with (LanesLayout.highlight)
        self._layout = layout
        self._days: dict[tuple[int, ...], DayTable | KeyTable] = {}
        self.days = self.days_without(())

    def days_without(self, units: tuple[int, ...]) -> DayTable | KeyTable:
        """Hit density less the one-unit events of these precisions (see LanesLayout)."""
        found = self._days.get(units)
        if found is None:
            found = self._days[units] = self._layout.days_without(units, self.mask)
        return found

    @classmethod
    def of(
        cls, layout: LanesLayout, highlighted: npt.NDArray[np.generic] | AbstractSet[int]
    ) -> Highlight:
        """From a bool mask aligned with the events, or from event ids (array or set)."""
        if isinstance(highlighted, np.ndarray) and highlighted.dtype == np.bool_:
            if highlighted.shape != (len(layout.events),):
                raise ValueError("a highlight mask must have one entry per event")
            return cls(layout, highlighted.astype(np.bool_, copy=False))
        ids = (
            np.fromiter(highlighted, dtype=np.int64)
            if isinstance(highlighted, AbstractSet)
            else highlighted
        )
        return cls(layout, layout.events.mask_of(ids))


def _ratio(a: float, b: float) -> float:
    return a / b if b > 0 else math.inf


def _content_key(value: npt.NDArray[np.generic] | AbstractSet[int]) -> object:
    # Hashing the bytes (~0.1 ms for 100k) is cheaper than rebuilding the keys per frame.
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, hash(value.tobytes()))
    return frozenset(value)
