"""Level of detail for one frame: which parts of each lane are density, which are boxes.

Time is cut into tiles (16 density bins each) on a grid fixed in days per zoom bucket,
so nothing flickers while panning. A tile of a lane is dense when the events active in
it without a row outnumber those with one, or when boxes would exceed the frame's item
budget (densest tiles go first); a sparse tile with a few hidden events gets a '+n' mark.
Boxes per tile are binary searches on the packing's sorted (group, day) keys, for the rows
shown only; everything else (overflow) and the density bins are lookups in per-lane day
tables: the cost follows tiles and bins, not events in view.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .events import POINT, BoolArray, EventArrays, IntArray
from .lanes import DAY_KEY, BoxStyle, DayTable, KeyTable, Packing
from .viewport import Viewport

FloatArray = npt.NDArray[np.floating[Any]]


@dataclass(frozen=True, slots=True)
class Grid:
    """Density bins and tiles in days: bin b covers [b * bin_days, (b + 1) * bin_days)."""

    bin_days: float
    bins_per_tile: int
    first_tile: int
    tiles: int

    @classmethod
    def for_view(cls, viewport: Viewport, bucket: int, bin_px: float, bins_per_tile: int) -> Grid:
        bin_days = bin_px * 2.0 ** (bucket + 1)  # bin_px to 2 * bin_px wide in this bucket
        tile_days = bin_days * bins_per_tile
        first = math.floor(viewport.start / tile_days)
        last = math.floor(viewport.end / tile_days)
        return cls(bin_days, bins_per_tile, first, last - first + 1)

    @property
    def tile_days(self) -> float:
        return self.bin_days * self.bins_per_tile

    def tile_edges(self) -> FloatArray:
        return (self.first_tile + np.arange(self.tiles + 1)) * self.tile_days

    def tile_of(self, days: FloatArray) -> IntArray:
        tile = np.floor(days / self.tile_days).astype(np.int64)
        tile -= self.first_tile
        return np.minimum(np.maximum(tile, 0, out=tile), self.tiles - 1, out=tile)


class ShownRows(NamedTuple):
    """The (lane, row) pairs shown, `fits[lane]` rows from the top of each lane, lane
    after lane; `key` is `group * DAY_KEY` (see Packing) for binary searches."""

    lane: IntArray
    row: IntArray
    key: IntArray
    lanes: IntArray  # every lane, as a column
    used: IntArray  # the lanes with rows shown, and where their pairs begin
    first_pair: IntArray

    @classmethod
    def of(cls, fits: IntArray, classes: int) -> ShownRows:
        lanes = len(fits)
        lane = np.repeat(np.arange(lanes), fits)
        row = _ranges(np.zeros(lanes, dtype=np.int64), fits.astype(np.int64))
        used = np.flatnonzero(fits > 0)
        first_pair = (np.cumsum(fits) - fits)[used]
        every = np.arange(lanes)[:, None]
        return cls(lane, row, (lane * classes + row) * DAY_KEY, every, used, first_pair)


def active_counts(
    start_keys: IntArray, end_keys: IntArray, keys: IntArray, left: FloatArray, right: FloatArray
) -> IntArray:
    """Events of each group (`keys`: group * DAY_KEY) active somewhere in [left, right) days.

    An event covers [start, end + 1): it is active iff start < ceil(right) and
    end >= floor(left). Those ending before floor(left) all start before ceil(right),
    so the count is a difference of two binary searches. Shapes broadcast.
    """
    hi = keys + _day_keys(np.ceil(right))
    lo = keys + _day_keys(np.floor(left))
    counts: IntArray = start_keys.searchsorted(hi) - end_keys.searchsorted(lo)
    return counts


def _day_keys(days: FloatArray) -> IntArray:
    keys: IntArray = np.minimum(np.maximum(days, 0), DAY_KEY - 1).astype(np.int64)
    return keys


class GridCounts:
    """Counts per (lane, column) over the columns of a grid fixed in days (tiles or density
    bins, numbered from day 0), from `compute(lanes, first, stop)`: those of some lanes over
    columns first..stop - 1. What was computed is kept for one run of columns around the
    views asked for, so while the view pans or zooms within a zoom bucket only columns
    coming into view are new. A column's counts depend on its days alone: computed with
    its neighbours or on its own, they are the same. Columns outside `extent` (first, stop)
    are known to be empty (no event reaches them) and are not computed."""

    MAX_RUN = 8  # views wide: a longer run starts afresh

    def __init__(
        self,
        lanes: int,
        compute: Callable[[IntArray, int, int], npt.NDArray[Any]],
        dtype: type[np.integer[Any]],
        cell: tuple[int, ...] = (),
        extent: tuple[int, int] | None = None,
    ) -> None:
        self._counts = compute
        self._extent = extent
        self._first = 0
        self._values: npt.NDArray[Any] = np.zeros((lanes, 0, *cell), dtype=dtype)
        self._have = np.zeros(lanes, dtype=np.bool_)  # lanes computed over the whole run

    @property
    def lanes(self) -> int:
        return len(self._have)

    def _compute(self, lanes: IntArray, first: int, stop: int) -> npt.NDArray[Any]:
        if self._extent is None:
            return self._counts(lanes, first, stop)
        lo, hi = max(first, self._extent[0]), min(stop, self._extent[1])
        if lo == first and hi == stop:
            return self._counts(lanes, first, stop)
        shape = (len(lanes), stop - first, *self._values.shape[2:])
        out = np.zeros(shape, dtype=self._values.dtype)
        if lo < hi:
            out[:, lo - first : hi - first] = self._counts(lanes, lo, hi)
        return out

    def get(self, lanes: IntArray, first: int, stop: int, view: int) -> npt.NDArray[Any]:
        """A new (len(lanes), stop - first) array: columns first..stop - 1 of these lanes,
        for a view `view` columns wide."""
        self._cover(first, stop, view)
        missing = lanes[~self._have[lanes]]
        if len(missing):
            self._values[missing] = self._compute(missing, self._first, self._stop)
            self._have[missing] = True
        start = first - self._first
        found: npt.NDArray[Any] = self._values[lanes, start : start + stop - first]
        return found

    @property
    def _stop(self) -> int:
        return self._first + int(self._values.shape[1])

    def _cover(self, first: int, stop: int, view: int) -> None:
        """Make the run hold first..stop - 1, with half a view more on the side it grows."""
        run_first, run_stop = self._first, self._stop
        if run_first <= first and stop <= run_stop:
            return
        margin = max(view // 2, 1)
        new_first = first - margin if first < run_first else run_first
        new_stop = stop + margin if stop > run_stop else run_stop
        lanes = self._have.nonzero()[0]
        if stop < run_first or first > run_stop or new_stop - new_first > self.MAX_RUN * view:
            new_first, new_stop, lanes = first - margin, stop + margin, lanes[:0]
            self._have[:] = False
        shape = (len(self._have), new_stop - new_first, *self._values.shape[2:])
        values = np.zeros(shape, dtype=self._values.dtype)
        if len(lanes):
            parts = [self._values[lanes]]
            if new_first < run_first:
                parts.insert(0, self._compute(lanes, new_first, run_first))
            if run_stop < new_stop:
                parts.append(self._compute(lanes, run_stop, new_stop))
            values[lanes] = np.concatenate(parts, axis=1)
        self._first, self._values = new_first, values


def tile_counter(
    packing: Packing,
    shown: ShownRows,
    days: DayTable | KeyTable,
    tile_days: float,
    span: tuple[int, int] | None = None,
) -> GridCounts:
    """GridCounts of the events active per (lane, tile), in the rows shown (cell 0) and in
    all (cell 1; `days` holds the lane's events that are packed, i.e. without those
    stacked per unit). Every lane at once: ask for all of them. `span`: the first and last
    day any event covers (tiles beyond are empty)."""

    def compute(lanes: IntArray, first: int, stop: int) -> IntArray:
        edges = (first + np.arange(stop - first + 1)) * tile_days
        left, right = edges[None, :-1], edges[None, 1:]
        counts = np.zeros((len(shown.lanes), stop - first, 2), dtype=np.int64)
        if len(shown.used):
            keys = shown.key[:, None]
            per_row = active_counts(packing.start_keys, packing.end_keys, keys, left, right)
            counts[shown.used, :, 0] = np.add.reduceat(per_row, shown.first_pair, axis=0)
        counts[:, :, 1] = days.active(shown.lanes, left, right)
        return counts[lanes]

    return GridCounts(len(shown.lanes), compute, np.int64, (2,), _extent(span, tile_days))


def tile_counts(counter: GridCounts, grid: Grid) -> tuple[IntArray, IntArray]:
    """(boxes, overflow) active per (lane, tile) of the view: events in the rows shown, and
    the others of the lane; from a `tile_counter` of the grid's tiling."""
    lanes = np.arange(counter.lanes)
    counts = counter.get(lanes, grid.first_tile, grid.first_tile + grid.tiles, grid.tiles)
    boxes: IntArray = counts[:, :, 0]
    return boxes, counts[:, :, 1] - boxes


def bin_counter(
    days: DayTable | KeyTable, lanes: int, bin_days: float, span: tuple[int, int] | None = None
) -> GridCounts:
    """GridCounts of the events active per (lane, density bin of bin_days); `span` as for
    tile_counter."""

    def compute(which: IntArray, first: int, stop: int) -> npt.NDArray[np.int32]:
        left = ((first + np.arange(stop - first)) * bin_days)[None, :]
        return days.active(which[:, None], left, left + bin_days)

    return GridCounts(lanes, compute, np.int32, extent=_extent(span, bin_days))


def _extent(span: tuple[int, int] | None, column_days: float) -> tuple[int, int] | None:
    """The columns that days first..last (whole days) can reach, and one more each side."""
    if span is None:
        return None
    first, last = span
    return math.floor(first / column_days) - 1, math.floor((last + 1) / column_days) + 2


def dense_tiles(boxes: IntArray, overflow: IntArray, ratio: float, max_items: int) -> BoolArray:
    """Dense where more than `ratio` hidden events per shown box are active (a few hidden
    ones are marked instead, see `overflow_runs`); then, sparsest first, tiles keep their
    boxes while the total stays within max_items."""
    dense = overflow > ratio * boxes
    load = np.where(dense, 0, boxes).ravel()
    if load.sum() <= max_items:  # the common case: nothing more to turn
        return dense
    order = np.argsort(load, kind="stable")
    over = np.cumsum(load[order]) > max_items
    flat = dense.ravel().copy()
    flat[order[over]] = True
    return flat.reshape(dense.shape)


class Runs(NamedTuple):
    """Runs of sparse tiles with hidden events: lane, first tile, tile count, most hidden."""

    lane: IntArray
    first: IntArray
    length: IntArray
    hidden: IntArray


def overflow_runs(overflow: IntArray, dense: BoolArray) -> Runs:
    """Per lane, the runs of sparse tiles where some events are hidden."""
    marked = (overflow > 0) & ~dense
    if not marked.any():
        empty = np.zeros(0, dtype=np.int64)
        return Runs(empty, empty, empty, empty)
    padded = np.zeros((marked.shape[0], marked.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = marked
    step = padded[:, 1:] - padded[:, :-1]
    lane, first = (step == 1).nonzero()
    stop = (step == -1).nonzero()[1]
    flat_first = lane * overflow.shape[1] + first
    most = np.maximum.reduceat(np.where(marked, overflow, 0).ravel(), flat_first)
    return Runs(lane, first, stop - first, most)


@dataclass(frozen=True, eq=False)
class DensityGrid:
    """Density of the lanes with dense tiles over one common run of bins: row k is lane
    `lanes[k]`, column i is bin `first_bin + i`. `dense` says where the lane shows density
    (elsewhere it shows boxes and the counts are only context)."""

    lanes: IntArray
    first_bin: int
    counts: npt.NDArray[np.int32]  # (lanes, bins)
    dense: BoolArray  # (lanes, bins)
    hits: npt.NDArray[np.int32] | None  # search hits among counts

    @classmethod
    def empty(cls) -> DensityGrid:
        none = np.zeros((0, 0), dtype=np.int32)
        return cls(np.zeros(0, dtype=np.int64), 0, none, none.astype(np.bool_), None)


def density_grid(
    counts: GridCounts, hit_counts: GridCounts | None, dense: BoolArray, grid: Grid
) -> DensityGrid:
    """Bin counts of the lanes with dense tiles, from the first dense tile of any of them
    to the last, from `bin_counter`s of the grid's bins (events, search hits)."""
    lanes = dense.any(axis=1).nonzero()[0]
    if not len(lanes):
        return DensityGrid.empty()
    rows = dense[lanes]
    any_dense = rows.any(axis=0)
    first = int(any_dense.argmax())
    stop = len(any_dense) - int(any_dense[::-1].argmax())
    per_tile = grid.bins_per_tile
    bin0 = (grid.first_tile + first) * per_tile
    bins = (bin0, bin0 + (stop - first) * per_tile, grid.tiles * per_tile)
    hits = None if hit_counts is None else hit_counts.get(lanes, *bins)
    tile_dense = rows[:, first:stop].repeat(per_tile, axis=1)
    return DensityGrid(lanes, bin0, counts.get(lanes, *bins), tile_dense, hits)


@dataclass(frozen=True, slots=True)
class Candidates:
    """Boxes to draw, sorted by (lane, row, start): event index, lane, row in track, x
    extents, and the event's kind and days."""

    index: IntArray
    lane: IntArray
    row: IntArray
    x0: FloatArray
    x1: FloatArray
    kind: npt.NDArray[np.int8]
    start_day: npt.NDArray[np.int32]
    end_day: npt.NDArray[np.int32]


def candidates(
    events: EventArrays,
    packing: Packing,
    viewport: Viewport,
    shown: ShownRows,
    style: BoxStyle,
    dense: BoolArray,
    grid: Grid,
) -> Candidates:
    """Events in the rows shown whose boxes reach into the view, and whose days reach at
    least one sparse tile of their lane (by days, not by the drawn box: a diamond spilling
    over from a dense tile stays in the density).

    Inside a row boxes do not overlap, so ends grow with starts and two binary searches
    bound the row's visible run, long periods begun far left included.
    """
    margin = style.point_px * viewport.days_per_px + 1
    lo = packing.end_keys.searchsorted(shown.key + _day_key(viewport.start - margin, np.floor))
    hi = packing.start_keys.searchsorted(shown.key + _day_key(viewport.end + margin, np.ceil))
    hi = np.maximum(hi, lo)
    index = packing.order[_ranges(lo, hi)]
    pair = np.arange(len(lo)).repeat(hi - lo)
    start, end = events.start_day[index], events.end_day[index]
    # Where sparse tiles are: the count of them before each tile of a lane.
    sparse_before = np.zeros((dense.shape[0], dense.shape[1] + 1), dtype=np.int64)
    np.cumsum(~dense, axis=1, out=sparse_before[:, 1:])
    lane = shown.lane[pair]
    t0 = grid.tile_of(start.astype(np.float64))
    t1 = grid.tile_of(end + 0.999)
    kept = (sparse_before[lane, t1 + 1] - sparse_before[lane, t0] > 0).nonzero()[0]
    index, pair, start, end = index[kept], pair[kept], start[kept], end[kept]
    kind = events.kinds[index]
    x0, x1 = _extents(start, end, kind, viewport, style)
    seen = ((x1 >= 0) & (x0 <= viewport.width_px)).nonzero()[0]
    pair = pair[seen]
    return Candidates(
        index[seen], shown.lane[pair], shown.row[pair], x0[seen], x1[seen], kind[seen],
        start[seen], end[seen],
    )  # fmt: skip


def box_extents(
    events: EventArrays, index: IntArray, viewport: Viewport, style: BoxStyle
) -> tuple[FloatArray, FloatArray]:
    """Drawn x extents: a diamond centred on its day, or a bar over the days covered."""
    start, end = events.start_day[index], events.end_day[index]
    return _extents(start, end, events.kinds[index], viewport, style)


def _extents(
    start_day: npt.NDArray[np.int32],
    end_day: npt.NDArray[np.int32],
    kind: npt.NDArray[np.int8],
    viewport: Viewport,
    style: BoxStyle,
) -> tuple[FloatArray, FloatArray]:
    start = start_day.astype(np.float64)
    point = kind == POINT
    origin, scale = viewport.start, viewport.px_per_day  # as Viewport.xs_for
    centre = (start + 0.5 - origin) * scale
    half = style.point_px / 2
    bar0 = (start - origin) * scale
    bar1 = np.maximum((end_day + 1.0 - origin) * scale, bar0 + style.min_span_px)
    return np.where(point, centre - half, bar0), np.where(point, centre + half, bar1)


def dense_limit_x(dense: BoolArray, edges_x: FloatArray) -> FloatArray:
    """Per (lane, tile): x where the first dense tile at or after it begins (inf if none).
    A label must end before it. `edges_x`: x of the tile edges."""
    at = np.where(dense, edges_x[None, :-1], np.inf)
    limit: FloatArray = np.minimum.accumulate(at[:, ::-1], axis=1)[:, ::-1]
    return limit


def dense_before_x(dense: BoolArray, edges_x: FloatArray) -> FloatArray:
    """Per (lane, tile): x where the last dense tile at or before it ends (-inf if none).
    A label placed left of its box must start after it. `edges_x`: x of the tile edges."""
    at = np.where(dense, edges_x[None, 1:], -np.inf)
    floor: FloatArray = np.maximum.accumulate(at, axis=1)
    return floor


def _day_key(day: float, rounding: np.ufunc) -> int:
    return int(min(max(float(rounding(day)), 0.0), DAY_KEY - 1.0))


def _ranges(lo: IntArray, hi: IntArray) -> IntArray:
    """Concatenated aranges lo[i]..hi[i]-1, without a Python loop."""
    lengths = hi - lo
    total = int(np.add.reduce(lengths))
    if not total:
        return np.zeros(0, dtype=np.int64)
    out: IntArray = (lo - lengths.cumsum() + lengths).repeat(lengths)
    out += np.arange(total)
    return out
