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
        tile = np.floor(days / self.tile_days).astype(np.int64) - self.first_tile
        return np.clip(tile, 0, self.tiles - 1)


def active_counts(
    start_keys: IntArray, end_keys: IntArray, groups: IntArray, left: FloatArray, right: FloatArray
) -> IntArray:
    """Events of each group active somewhere in [left, right) days.

    An event covers [start, end + 1): it is active iff start < ceil(right) and
    end >= floor(left). Those ending before floor(left) all start before ceil(right),
    so the count is a difference of two binary searches. Shapes broadcast.
    """
    hi = groups * DAY_KEY + np.clip(np.ceil(right), 0, DAY_KEY - 1).astype(np.int64)
    lo = groups * DAY_KEY + np.clip(np.floor(left), 0, DAY_KEY - 1).astype(np.int64)
    counts: IntArray = np.searchsorted(start_keys, hi) - np.searchsorted(end_keys, lo)
    return counts


def tile_counts(
    packing: Packing, grid: Grid, fits: IntArray, style: BoxStyle, days: DayTable | KeyTable
) -> tuple[IntArray, IntArray]:
    """(boxes, overflow) active per (lane, tile): events in the rows shown (`fits[lane]`
    rows from the top), and the others of the lane (`days` holds the lane's events that
    are packed, i.e. without those stacked per unit)."""
    edges = grid.tile_edges()
    lanes = len(fits)
    lane = np.repeat(np.arange(lanes), fits)
    row = _ranges(np.zeros(lanes, dtype=np.int64), fits.astype(np.int64))
    groups = lane * style.classes + row
    shown = active_counts(
        packing.start_keys, packing.end_keys, groups[:, None], edges[None, :-1], edges[None, 1:]
    )  # (lane and row pairs, tiles)
    boxes = np.zeros((lanes, grid.tiles), dtype=np.int64)
    np.add.at(boxes, lane, shown)
    every = days.active(np.arange(lanes)[:, None], edges[None, :-1], edges[None, 1:])
    return boxes, every.astype(np.int64) - boxes


def dense_tiles(boxes: IntArray, overflow: IntArray, ratio: float, max_items: int) -> BoolArray:
    """Dense where more than `ratio` hidden events per shown box are active (a few hidden
    ones are marked instead, see `overflow_runs`); then, sparsest first, tiles keep their
    boxes while the total stays within max_items."""
    dense = overflow > ratio * boxes
    load = np.where(dense, 0, boxes).ravel()
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
    padded = np.zeros((marked.shape[0], marked.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = marked
    step = np.diff(padded, axis=1)
    lane, first = np.nonzero(step == 1)
    _, stop = np.nonzero(step == -1)
    if not len(lane):
        empty = np.zeros(0, dtype=np.int64)
        return Runs(empty, empty, empty, empty)
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
    days: DayTable | KeyTable,
    hit_days: DayTable | KeyTable | None,
    dense: BoolArray,
    grid: Grid,
) -> DensityGrid:
    """Bin counts of the lanes with dense tiles, from the first dense tile of any of them
    to the last: one 2-D lookup, no per-lane pieces."""
    lanes = np.flatnonzero(dense.any(axis=1))
    if not len(lanes):
        return DensityGrid.empty()
    rows = dense[lanes]
    any_dense = rows.any(axis=0)
    first = int(np.argmax(any_dense))
    stop = len(any_dense) - int(np.argmax(any_dense[::-1]))
    bins = (stop - first) * grid.bins_per_tile
    bin0 = (grid.first_tile + first) * grid.bins_per_tile
    left = ((bin0 + np.arange(bins)) * grid.bin_days)[None, :]
    column = lanes[:, None]
    counts = days.active(column, left, left + grid.bin_days)
    hits = None if hit_days is None else hit_days.active(column, left, left + grid.bin_days)
    tile_dense = np.repeat(rows[:, first:stop], grid.bins_per_tile, axis=1)
    return DensityGrid(lanes, bin0, counts, tile_dense, hits)


@dataclass(frozen=True, slots=True)
class Candidates:
    """Boxes in view, sorted by (lane, row, start): event index, lane, row in track."""

    index: IntArray
    lane: IntArray
    row: IntArray
    x0: FloatArray
    x1: FloatArray


def candidates(
    events: EventArrays,
    packing: Packing,
    viewport: Viewport,
    fits: IntArray,
    style: BoxStyle,
) -> Candidates:
    """Events in the rows shown (`fits[lane]` from the top), whose boxes reach into the view.

    Inside a row boxes do not overlap, so ends grow with starts and two binary searches
    bound the row's visible run, long periods begun far left included.
    """
    lanes = len(fits)
    lane = np.repeat(np.arange(lanes), fits)
    row = _ranges(np.zeros(lanes, dtype=np.int64), fits.astype(np.int64))
    groups = lane * style.classes + row
    margin = style.point_px * viewport.days_per_px + 1
    lo = np.searchsorted(
        packing.end_keys, groups * DAY_KEY + _day_key(viewport.start - margin, np.floor)
    )
    hi = np.searchsorted(
        packing.start_keys, groups * DAY_KEY + _day_key(viewport.end + margin, np.ceil)
    )
    hi = np.maximum(hi, lo)
    index = packing.order[_ranges(lo, hi)]
    lane, row = np.repeat(lane, hi - lo), np.repeat(row, hi - lo)
    x0, x1 = box_extents(events, index, viewport, style)
    seen = (x1 >= 0) & (x0 <= viewport.width_px)
    return Candidates(index[seen], lane[seen], row[seen], x0[seen], x1[seen])


def box_extents(
    events: EventArrays, index: IntArray, viewport: Viewport, style: BoxStyle
) -> tuple[FloatArray, FloatArray]:
    """Drawn x extents: a diamond centred on its day, or a bar over the days covered."""
    start = events.start_day[index].astype(np.float64)
    point = events.kinds[index] == POINT
    centre = viewport.xs_for(start + 0.5)
    half = style.point_px / 2
    bar0 = viewport.xs_for(start)
    bar1 = np.maximum(viewport.xs_for(events.end_day[index] + 1.0), bar0 + style.min_span_px)
    return np.where(point, centre - half, bar0), np.where(point, centre + half, bar1)


def keep_in_sparse(
    events: EventArrays, found: Candidates, dense: BoolArray, grid: Grid
) -> BoolArray:
    """Boxes whose days reach at least one sparse tile of their lane (by days, not by the
    drawn box: a diamond spilling over from a dense tile stays in the density)."""
    sparse_before = np.zeros((dense.shape[0], dense.shape[1] + 1), dtype=np.int64)
    sparse_before[:, 1:] = np.cumsum(~dense, axis=1)
    t0 = grid.tile_of(events.start_day[found.index].astype(np.float64))
    t1 = grid.tile_of(events.end_day[found.index] + 0.999)
    keep: BoolArray = sparse_before[found.lane, t1 + 1] - sparse_before[found.lane, t0] > 0
    return keep


def dense_limit_x(dense: BoolArray, grid: Grid, viewport: Viewport) -> FloatArray:
    """Per (lane, tile): x where the first dense tile at or after it begins (inf if none).
    A label must end before it."""
    left_x = viewport.xs_for(grid.tile_edges()[:-1])
    at = np.where(dense, left_x[None, :], np.inf)
    limit: FloatArray = np.minimum.accumulate(at[:, ::-1], axis=1)[:, ::-1]
    return limit


def dense_before_x(dense: BoolArray, grid: Grid, viewport: Viewport) -> FloatArray:
    """Per (lane, tile): x where the last dense tile at or before it ends (-inf if none).
    A label placed left of its box must start after it."""
    right_x = viewport.xs_for(grid.tile_edges()[1:])
    at = np.where(dense, right_x[None, :], -np.inf)
    floor: FloatArray = np.maximum.accumulate(at, axis=1)
    return floor


def _day_key(day: float, rounding: np.ufunc) -> int:
    return int(min(max(float(rounding(day)), 0.0), DAY_KEY - 1.0))


def _ranges(lo: IntArray, hi: IntArray) -> IntArray:
    """Concatenated aranges lo[i]..hi[i]-1, without a Python loop."""
    lengths = hi - lo
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
    out: IntArray = starts + np.arange(total)
    return out
