"""One frame of the timeline as plain primitives: the painter draws exactly this.

    frame = build_frame(events, viewport, (w, h), lanes_layout=lanes, today=today)

Top to bottom: the axis (ticks), one band per category and the overview strip. A band has
rows of diamonds (one-day events), rows of bars (periods, imprecise dates), then, where a
month or a year is wide enough, rows of the events known only as one month or year,
stacked per unit with what does not fit gathered in a cluster ("12 events in March 2023").

Bands take the rows their events need around the visible days (a band with none there is
a thin strip), within the window's height: `Frame.rows` handed back as `rows_hint` to the
next frame keeps heights steady while panning (rows grow when events come near the view
and shrink only when they are well away from it).

Only the visible slice is touched: rows come cached from LanesLayout, boxes from two binary
searches per row, density counts from per-lane day tables, unit stacks from two binary
searches per (band, unit). Level of detail is per lane and per tile (see _lod): dense
tiles show counts, sparse ones boxes, boxes with room get labels. Items are numpy columns
(`Frame.columns`); `Frame.items` and `Frame.clusters` are the same as tuples.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, cast

import numpy as np
import numpy.typing as npt

from . import _lod
from .events import (
    MONTH,
    POINT,
    YEAR,
    BoolArray,
    EventArrays,
    IntArray,
    unit_bounds,
    unit_days,
    unit_number,
)
from .lanes import DAY_KEY, POINTS, SPANS, DayTable, Highlight, KeyTable, LanesLayout, Packing
from .overview import Overview, build_overview
from .ticks import ENGLISH_MONTHS, Ticks, TickUnit, choose_unit, format_day, ticks
from .viewport import ViewLimits, Viewport

TRACK_NAMES = ("points", "spans")
ITEM_KINDS = ("point", "span", "fuzzy-span", "cluster")
CLUSTER = 3  # ITEM_KINDS index of a cluster
FloatArray = _lod.FloatArray
# Columns of RowPlan.wanted: rows of diamonds, of packed bars, of years, of months.
_P, _S, _Y, _M = range(4)
_UNIT_COLUMN = {YEAR: _Y, MONTH: _M}


class Item(NamedTuple):
    """A box: a diamond (kind 'point') or a bar ('span', 'fuzzy-span') from x0 to x1,
    centred on y. 'fuzzy-span' is one month or year known only as that: draw it faint.
    A 'span' whose precision or end_precision is above 0 (day) has fuzzy ends.

    `label_x`, `label_w` hold the label block: `marks` coloured dots (Frame.mark_step px
    each), then the text (`label`, None when only the dots fit); a label that had to go
    left of its box (`label_left`) has the text first, the dots next to the box."""

    event_id: int
    band: int
    row: int  # within the band, top = 0: point rows, bar rows, then unit rows
    x0: float
    x1: float
    y: float
    kind: str
    precision: int
    end_precision: int
    category: int
    selected: bool  # in the selection
    dimmed: bool  # search hits are shown and everything else is dimmed
    label: str | None
    label_x: float
    label_w: float
    marks: int = 0
    current: bool = False  # the selected event the keys and the excerpt panel follow
    label_left: bool = False


class Cluster(NamedTuple):
    """`size` events of one band known only as one month or year (`precision`), not
    drawn one by one for want of rows: a bar over their unit, labelled."""

    band: int
    category: int
    row: int
    x0: float
    x1: float
    y: float
    size: int  # events in it
    hits: int | None  # search hits among them, when a search is active
    precision: int
    first_day: int  # the unit's days, inclusive
    last_day: int
    label: str | None
    label_x: float
    label_w: float


class Band(NamedTuple):
    category: int
    y0: float
    y1: float
    label: str
    point_rows: int  # rows of diamonds from the band top (after band_pad)
    span_rows: int  # rows of bars below them
    unit_rows: int = 0  # rows of one-month / one-year events below those

    @property
    def collapsed(self) -> bool:
        """Nothing of this band near the view: a thin strip with its name."""
        return not (self.point_rows or self.span_rows or self.unit_rows)


class DensityStrip(NamedTuple):
    """Density of one track of a band: counts[i] events (all rows, all precisions but the
    one-unit events stacked per unit) are active in bin i, which spans
    x0 + i * bin_px .. x0 + (i + 1) * bin_px. Draw the bins where `dense` is True over
    y0..y1; elsewhere the track shows boxes and the bins are only context."""

    band: int
    track: str  # 'points' or 'spans'
    x0: float
    x1: float
    y0: float
    y1: float
    counts: npt.NDArray[np.int32]
    dense: npt.NDArray[np.bool_]
    max: int  # over the dense bins of this strip; Frame.density_max over all strips
    bin_px: float
    first_day: float  # day where bin 0 begins; each bin is bin_days long
    bin_days: float
    hits: npt.NDArray[np.int32] | None  # search hits among counts, when a search is active


class OverflowMark(NamedTuple):
    """Where a track shows boxes but `hidden` more events (no row left) are active too:
    draw a thin line at y from x0 to x1 with '+hidden'."""

    band: int
    track: str
    x0: float
    x1: float
    y: float
    hidden: int


class Hover(NamedTuple):
    x: float
    day: float
    label: str  # at the axis resolution: '14 Mar 2024', 'Mar 2024' or '2024'


class DensityHit(NamedTuple):
    band: int
    category: int
    track: str
    first_day: int  # the bin's days, inclusive: list these events on click
    last_day: int
    events: int  # how many are active in the bin


@dataclass(frozen=True, slots=True)
class FrameGeometry:
    """Pixel layout and the level-of-detail budget."""

    axis_height: float = 24.0
    overview_height: float = 40.0
    row_height: float = 14.0
    min_row_height: float = 8.0
    band_pad: float = 3.0
    collapsed_height: float = 12.0  # a band with nothing near the view
    label_pad: float = 4.0
    label_gap: float = 4.0  # free px between a label's end and the next box
    min_label_px: float = 40.0  # room below which no title is even asked for
    edge_pad: float = 2.0  # labels end this far inside the right edge
    mark_step: float = 6.0  # px per coloured mark before a label
    cluster_glyph_px: float = 10.0  # room for a cluster's stack glyph before its label
    max_marks: int = 3
    bin_px: float = 2.0  # density bins are 2-4 px (fixed in days within a zoom bucket)
    bins_per_tile: int = 16
    max_items: int = 600
    dense_ratio: float = 1.0  # a tile turns to density when hidden events outnumber boxes
    max_labels: int = 300
    max_selected: int = 200  # selected events hidden in density still drawn, at most
    tick_spacing_px: float = 80.0
    grow_margin: float = 0.1  # rows grow for events within this share of the span ...
    shrink_margin: float = 1.0  # ... and shrink when none are within this share


@dataclass(frozen=True, eq=False)
class RowPlan:
    """The rows each band asks for, per column (diamonds, bars, years, months). Pass a
    frame's `rows` as the next frame's `rows_hint`: while the layout and zoom bucket are
    the same, rows grow at once but shrink only when nothing needs them nearby."""

    layout: LanesLayout
    bucket: int
    expand: int | None
    wanted: IntArray  # (bands, 4)
    start: float = 0.0  # the view the needs were measured around
    end: float = 0.0

    def fits(self, layout: LanesLayout, bucket: int, expand: int | None) -> bool:
        return self.layout is layout and self.bucket == bucket and self.expand == expand

    def near(self, viewport: Viewport, share: float) -> bool:
        """The view moved and zoomed by less than `share` of its span since the needs
        were measured: they still hold (the margins cover that much)."""
        slack = share * viewport.span
        return abs(viewport.start - self.start) < slack and abs(viewport.end - self.end) < slack


@dataclass(frozen=True, eq=False)
class ItemColumns:
    """Items and clusters as columns, in drawing order (the current selection last)."""

    ids: IntArray  # -1 for clusters
    band: IntArray
    row: IntArray
    x0: FloatArray
    x1: FloatArray
    y: FloatArray
    kind: npt.NDArray[np.int8]  # index in ITEM_KINDS
    precision: npt.NDArray[np.int8]
    end_precision: npt.NDArray[np.int8]
    category: IntArray
    selected: BoolArray
    current: BoolArray
    dimmed: BoolArray
    labels: list[str | None]
    label_x: FloatArray
    label_w: FloatArray
    label_left: BoolArray  # the label ends left of its box: marks after the text
    marks: npt.NDArray[np.int8]
    count: IntArray  # clusters: events in it
    hits: IntArray  # clusters: search hits in it (-1: no search)
    first_day: IntArray  # the event's (or the cluster's unit's) days, inclusive
    last_day: IntArray

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def empty(cls) -> ItemColumns:
        f, i, b, s = np.zeros(0), np.zeros(0, np.int64), np.zeros(0, np.bool_), np.zeros(0, np.int8)
        return cls(i, i, i, f, f, f, s, s, s, i, b, b, b, [], f, f, b, s, i, i, i, i)

    def take(self, order: IntArray) -> ItemColumns:
        labels = [self.labels[k] for k in order.tolist()]
        values = {name: getattr(self, name)[order] for name in _COLUMN_NAMES if name != "labels"}
        return ItemColumns(labels=labels, **values)

    @staticmethod
    def concat(parts: Sequence[ItemColumns]) -> ItemColumns:
        parts = [p for p in parts if len(p)]
        if not parts:
            return ItemColumns.empty()
        if len(parts) == 1:
            return parts[0]
        values = {
            name: np.concatenate([getattr(p, name) for p in parts])
            for name in _COLUMN_NAMES
            if name != "labels"
        }
        return ItemColumns(labels=[t for p in parts for t in p.labels], **values)


_COLUMN_NAMES = tuple(ItemColumns.__dataclass_fields__)


@dataclass(frozen=True, eq=False)
class DensityLayer:
    """The density grid placed on screen: grid row k is drawn over y0[k]..y1[k]."""

    grid: _lod.DensityGrid
    band: IntArray
    track: IntArray
    y0: FloatArray
    y1: FloatArray
    x0: float  # x of the first bin
    bin_px: float
    first_day: float
    bin_days: float
    max: int


@dataclass(frozen=True, eq=False)
class Frame:
    width: int
    height: int
    viewport: Viewport
    bucket: int
    row_height: float
    axis: tuple[float, float]  # y0, y1 of the tick axis
    ticks: Ticks
    bands: list[Band]
    layer: DensityLayer | None
    columns: ItemColumns
    overflow: list[OverflowMark]
    today_x: float | None
    hover: Hover | None
    overview: Overview
    in_view: int  # events (of the bands shown) active in the visible days, for a status line
    rows: RowPlan | None = None  # hand back as the next frame's rows_hint
    mark_step: float = 6.0

    @property
    def density_max(self) -> int:
        return 0 if self.layer is None else self.layer.max

    @cached_property
    def density(self) -> list[DensityStrip]:
        layer = self.layer
        if layer is None:
            return []
        grid, strips = layer.grid, []
        x1 = layer.x0 + grid.counts.shape[1] * layer.bin_px
        for k in range(len(grid.lanes)):
            counts, dense = grid.counts[k], grid.dense[k]
            peak = int(counts.max(initial=0, where=dense))
            strips.append(DensityStrip(
                int(layer.band[k]), TRACK_NAMES[int(layer.track[k])], layer.x0, x1,
                float(layer.y0[k]), float(layer.y1[k]), counts, dense, peak, layer.bin_px,
                layer.first_day, layer.bin_days, None if grid.hits is None else grid.hits[k],
            ))  # fmt: skip
        return strips

    @cached_property
    def items(self) -> list[Item]:
        """The events drawn, in drawing order (the current selection last)."""
        c = self.columns
        which = np.flatnonzero(c.kind != CLUSTER)
        return list(map(
            Item, c.ids[which].tolist(), c.band[which].tolist(), c.row[which].tolist(),
            c.x0[which].tolist(), c.x1[which].tolist(), c.y[which].tolist(),
            map(ITEM_KINDS.__getitem__, c.kind[which].tolist()),
            c.precision[which].tolist(), c.end_precision[which].tolist(),
            c.category[which].tolist(), c.selected[which].tolist(), c.dimmed[which].tolist(),
            [c.labels[k] for k in which.tolist()], c.label_x[which].tolist(),
            c.label_w[which].tolist(), c.marks[which].tolist(), c.current[which].tolist(),
            c.label_left[which].tolist(),
        ))  # fmt: skip

    @cached_property
    def clusters(self) -> list[Cluster]:
        c = self.columns
        out = []
        for k in np.flatnonzero(c.kind == CLUSTER).tolist():
            hits = int(c.hits[k])
            out.append(Cluster(
                int(c.band[k]), int(c.category[k]), int(c.row[k]), float(c.x0[k]),
                float(c.x1[k]), float(c.y[k]), int(c.count[k]), None if hits < 0 else hits,
                int(c.precision[k]), int(c.first_day[k]), int(c.last_day[k]), c.labels[k],
                float(c.label_x[k]), float(c.label_w[k]),
            ))  # fmt: skip
        return out

    def hit_test(self, x: float, y: float, radius: float = 4.0) -> int | None:
        """The event whose box or label is nearest to (x, y), within radius px."""
        k = self._nearest(x, y, radius, events=True)
        return None if k is None else int(self.columns.ids[k])

    def cluster_at(self, x: float, y: float, radius: float = 2.0) -> Cluster | None:
        """The cluster under (x, y): zoom into its unit or expand its band on click."""
        k = self._nearest(x, y, radius, events=False)
        if k is None:
            return None
        before = int(np.count_nonzero(self.columns.kind[:k] == CLUSTER))
        return self.clusters[before]

    def density_at(self, x: float, y: float) -> DensityHit | None:
        """The density bin under (x, y), for "list the events here"."""
        layer = self.layer
        if layer is None:
            return None
        grid = layer.grid
        bins = grid.counts.shape[1]
        i = int((x - layer.x0) // layer.bin_px)
        if not 0 <= i < bins:
            return None
        for k in np.flatnonzero((layer.y0 <= y) & (y <= layer.y1)).tolist():
            if not grid.dense[k, i]:
                continue
            # The days whose [d, d + 1) meets the bin, as the counts take them.
            first = layer.first_day + i * layer.bin_days
            last = int(np.ceil(first + layer.bin_days)) - 1
            band = int(layer.band[k])
            return DensityHit(
                band, self.bands[band].category, TRACK_NAMES[int(layer.track[k])],
                int(np.floor(first)), last, int(grid.counts[k, i]),
            )  # fmt: skip
        return None

    def _nearest(self, x: float, y: float, radius: float, *, events: bool) -> int | None:
        c = self.columns
        if not len(c):
            return None
        half = self.row_height / 2
        dy = np.maximum(np.abs(y - c.y) - half, 0)
        # The distance is at least dy: only rows within the radius are measured.
        near = ((dy <= radius) & ((c.kind == CLUSTER) != events)).nonzero()[0]
        if not len(near):
            return None
        dy, label_x, label_w = dy[near], c.label_x[near], c.label_w[near]
        box = np.hypot(np.maximum(np.maximum(c.x0[near] - x, x - c.x1[near]), 0), dy)
        text = np.hypot(np.maximum(np.maximum(label_x - x, x - label_x - label_w), 0), dy)
        dist = np.where(label_w > 0, np.minimum(box, text), box)
        # Later items are drawn on top, so among equals the last one wins.
        best = len(dist) - 1 - int(dist[::-1].argmin())
        return int(near[best]) if dist[best] <= radius else None


ClusterLabels = Callable[[int, int, int, int], Sequence[str]]
MEMO_SIZE = 6  # results of a kind kept per layout: a few heights or zoom levels at a time
# (the view's, and those of the next zoom buckets the widget builds at idle)
STACKS_KEPT = 3  # stacks kept per row layout, each over a run of units (see _stacked)


def _memo[T](lanes: LanesLayout, kind: str, key: Hashable, make: Callable[[], T]) -> T:
    """make(), or its result kept from an earlier frame with the same key: the key holds
    everything the result depends on besides the layout (the oldest of MEMO_SIZE goes)."""
    kept = lanes.memo.setdefault(kind, {})
    if key in kept:
        found = kept[key] = kept.pop(key)  # the most recently used last
        return cast(T, found)
    found = kept[key] = make()
    if len(kept) > MEMO_SIZE:
        del kept[next(iter(kept))]
    return found


def build_frame(
    events: EventArrays,
    viewport: Viewport,
    size: tuple[int, int],
    *,
    lanes_layout: LanesLayout,
    selected: int | None = None,
    selection: npt.ArrayLike | None = None,
    highlighted: npt.NDArray[np.generic] | AbstractSet[int] | None = None,
    marks: npt.NDArray[np.int8] | None = None,
    hover_x: float | None = None,
    label_width: Callable[[str], float] | None = None,
    titles: Callable[[int], str] | None = None,
    cluster_labels: ClusterLabels | None = None,
    today: int | None = None,
    limits: ViewLimits | None = None,
    month_names: Sequence[str] = ENGLISH_MONTHS,
    geometry: FrameGeometry | None = None,
    rows_hint: RowPlan | None = None,
    expand: int | None = None,
) -> Frame:
    """Everything the painter needs for a width x height widget.

    `selected` is the current event; `selection` more selected ids (drawn selected, and
    drawn even where density would hide them). `highlighted` is a bool mask aligned with
    `events` or a set/array of event ids (search hits: the others are dimmed). `marks`,
    aligned with `events`, is how many coloured marks each event carries (0-3).
    `titles(event_id)` and `label_width(text)` enable labels; both are called only for
    boxes with room, so pass cached callables. `cluster_labels(count, shown, first_day,
    precision)` gives a cluster's label texts, longest first (`shown`: events of that
    unit drawn above it). `expand` (a category code) gives that band all the rows it
    can use.
    """
    width, height = size
    if viewport.width_px != width:
        raise ValueError(f"viewport is {viewport.width_px} px wide, the frame {width}")
    if lanes_layout.events is not events:
        raise ValueError("lanes_layout was built for other events")
    geom = geometry or FrameGeometry()
    lanes = lanes_layout
    limits = limits or ViewLimits.around(events.first_day, events.last_day)
    bucket = LanesLayout.bucket_for(viewport.days_per_px)
    packing = lanes.packing(bucket)
    hits = None if highlighted is None else lanes.highlight(highlighted)
    expand_band = lanes.categories.index(expand) if expand in lanes.categories else None
    plan = _plan_rows(lanes, packing, viewport, geom, rows_hint, expand, bucket)
    layout, bands = _memo(
        lanes, "layout", (plan.wanted.tobytes(), height, geom, expand_band),
        lambda: _bands(lanes, _allocate(plan.wanted, height, geom, expand_band, lanes)),
    )  # fmt: skip
    density_units = packing.units
    grid = _lod.Grid.for_view(viewport, bucket, geom.bin_px, geom.bins_per_tile)
    days = lanes.density_days(density_units)
    tile_counter = _memo(
        lanes, "tiles", (packing.bucket, layout.fits.tobytes(), grid.tile_days),
        lambda: _lod.tile_counter(packing, layout.shown, days, grid.tile_days, _span(events)),
    )  # fmt: skip
    boxes, overflow = _lod.tile_counts(tile_counter, grid)
    dense = _lod.dense_tiles(boxes, overflow, geom.dense_ratio, geom.max_items)
    bin_counts = _bin_counter(lanes, "bins", days, grid)
    hit_counts = None if hits is None else _bin_counter(
        lanes, "hit bins", hits.days_without(density_units), grid
    )  # fmt: skip
    layer = _density(_lod.density_grid(bin_counts, hit_counts, dense, grid), grid, viewport, layout)
    edges_x = viewport.xs_for(grid.tile_edges())
    marks_out = _marks(_lod.overflow_runs(overflow, dense), edges_x, viewport, layout)
    found = _lod.candidates(events, packing, viewport, layout.shown, lanes.style, dense, grid)
    dense_x = _lod.dense_limit_x(dense, edges_x)
    dense_floor = _lod.dense_before_x(dense, edges_x)
    chosen = _Chosen.concat([
        _packed(events, found, layout, grid, (dense_x, dense_floor), viewport),
        _stacked(events, lanes, viewport, layout, packing.units, hits),
    ])  # fmt: skip
    selection_mask = _selection(events, selected, selection)
    columns = _columns(
        events, chosen, viewport, layout, geom, hits, selection_mask, marks, titles,
        label_width, cluster_labels, month_names,
    )  # fmt: skip
    columns = _with_selection(
        columns, events, lanes, packing, viewport, layout, geom, selected, selection_mask
    )
    unit = choose_unit(viewport.days_per_px, geom.tick_spacing_px)
    return Frame(
        width=width,
        height=height,
        viewport=viewport,
        bucket=bucket,
        row_height=layout.row_height,
        axis=(0.0, geom.axis_height),
        ticks=ticks(viewport, geom.tick_spacing_px, month_names),
        bands=list(bands),
        layer=layer,
        columns=columns,
        overflow=marks_out,
        today_x=_today_x(viewport, today),
        hover=_hover(viewport, hover_x, unit, month_names),
        in_view=_in_view(lanes, viewport),
        overview=build_overview(
            events, limits, viewport,
            (0.0, height - geom.overview_height, float(width), float(height)),
            min_spacing_px=geom.tick_spacing_px, month_names=month_names,
        ),
        rows=plan,
        mark_step=geom.mark_step,
    )  # fmt: skip


# -- rows per band ------------------------------------------------------------------------------


def _plan_rows(
    lanes: LanesLayout,
    packing: Packing,
    viewport: Viewport,
    geom: FrameGeometry,
    hint: RowPlan | None,
    expand: int | None,
    bucket: int,
) -> RowPlan:
    span, view = viewport.span, (viewport.start, viewport.end)
    # Measured afresh once the view has moved by the grow margin: before anything the
    # margin did not cover can come into view.
    if (
        hint is not None
        and hint.fits(lanes, bucket, expand)
        and hint.near(viewport, geom.grow_margin)
    ):
        return hint
    windows = [
        (viewport.start - margin * span, viewport.end + margin * span)
        for margin in (geom.grow_margin, geom.shrink_margin)
    ]
    if hint is None or not hint.fits(lanes, bucket, expand):
        return RowPlan(lanes, bucket, expand, _needs(lanes, packing, windows[:1])[0], *view)
    near, far = _needs(lanes, packing, windows)
    kept = hint.wanted
    wanted = np.where(near > kept, near, np.where(far < kept, far, kept))
    return RowPlan(lanes, bucket, expand, wanted, *view)


def _needs(
    lanes: LanesLayout, packing: Packing, windows: Sequence[tuple[float, float]]
) -> IntArray:
    """(windows, bands, 4): per [start, end) window, the rows the events active there
    need: packed rows up to the highest one used (all of them where some overflow), and
    per unit kind the most events of one unit. All windows in one pass."""
    style = lanes.style
    bands = lanes.band_count
    out = np.zeros((len(windows), bands, 4), dtype=np.int64)
    if not bands:
        return out
    left = np.array([w[0] for w in windows])
    right = np.array([w[1] for w in windows])
    lane = _memo(lanes, "lane rows", None, lambda: _LaneRows.of(lanes))
    counts = _lod.active_counts(
        packing.start_keys, packing.end_keys, lane.keys, left[:, None, None], right[:, None, None]
    )
    used = counts[..., : style.max_rows] > 0
    top = (used * lane.rank).max(axis=-1, initial=0)  # the highest row used
    need = np.where(counts[..., style.overflow_class] > 0, lane.cap, np.minimum(top, lane.cap))
    out[..., _P], out[..., _S] = need[:, 0::2], need[:, 1::2]
    first, last = min(w[0] for w in windows), max(w[1] for w in windows)
    for precision in packing.units:
        firsts, nexts = unit_bounds(precision, first, last - 1e-9)
        lo, hi = lanes.units(precision).runs(lane.spans, firsts)
        meets = (firsts[None, :] < right[:, None]) & (nexts[None, :] > left[:, None])
        per_window = np.where(meets[:, None, :], (hi - lo)[None, :, :], 0)
        out[..., _UNIT_COLUMN[precision]] = per_window.max(axis=-1, initial=0)
    return out


class _LaneRows(NamedTuple):
    """What _needs asks of every lane (band * 2 + track)."""

    keys: IntArray  # (1, lanes, rows + 1): group * DAY_KEY of each row and the overflow
    cap: IntArray  # the most rows of the lane's track
    rank: IntArray  # row + 1 of each row
    spans: IntArray  # (bands, 1): the lanes of bars

    @classmethod
    def of(cls, lanes: LanesLayout) -> _LaneRows:
        style = lanes.style
        lane = np.arange(lanes.lanes)
        groups = lane[:, None] * style.classes + np.arange(style.max_rows + 1)[None, :]
        cap = np.where(lane % 2 == POINTS, style.point_rows, style.span_rows)
        rank = np.arange(1, style.max_rows + 1)
        return cls(groups[None] * DAY_KEY, cap, rank, lane[SPANS::2, None])


@dataclass(frozen=True, eq=False)
class _Layout:
    """Rows per band and column (diamonds, bars, years, months) and where bands are.
    Kept from frame to frame (see _memo), so what is derived from it is cached."""

    rows: IntArray  # (bands, 4)
    row_height: float
    y0: FloatArray
    y1: FloatArray
    pad: float
    categories: IntArray  # category code of each band
    classes: int  # row classes of a lane (BoxStyle.classes)

    @cached_property
    def fits(self) -> IntArray:
        """Packed rows shown per lane (band * 2 + track)."""
        out = np.zeros(2 * len(self.rows), dtype=np.int64)
        out[0::2], out[1::2] = self.rows[:, _P], self.rows[:, _S]
        return out

    @cached_property
    def shown(self) -> _lod.ShownRows:
        return _lod.ShownRows.of(self.fits, self.classes)

    @cached_property
    def _column_starts(self) -> IntArray:
        out = np.zeros((len(self.rows), 5), dtype=np.int64)
        np.cumsum(self.rows, axis=1, out=out[:, 1:])
        return out

    def first_row(self, column: int) -> IntArray:
        """Per band, the row (in the band) where a column's rows begin."""
        return self._column_starts[:, column]

    @cached_property
    def lane_first_row(self) -> IntArray:
        """Per lane, the row (in the band) where its packed rows begin."""
        out = np.zeros(2 * len(self.rows), dtype=np.int64)
        out[1::2] = self.rows[:, _P]
        return out

    @cached_property
    def lane_top(self) -> FloatArray:
        """Per lane, y where its packed rows begin."""
        band = np.arange(len(self.lane_first_row)) // 2
        top: FloatArray = self.y0[band] + self.pad + self.lane_first_row * self.row_height
        return top

    @cached_property
    def lane_bottom(self) -> FloatArray:
        bottom: FloatArray = self.lane_top + self.fits * self.row_height
        return bottom

    def row_y(self, band: IntArray, row_in_band: IntArray) -> FloatArray:
        y: FloatArray = self.y0[band] + self.pad + (row_in_band + 0.5) * self.row_height
        return y


def _bands(lanes: LanesLayout, layout: _Layout) -> tuple[_Layout, tuple[Band, ...]]:
    bands = tuple(
        Band(c, float(layout.y0[b]), float(layout.y1[b]), label,
             int(layout.rows[b, _P]), int(layout.rows[b, _S]),
             int(layout.rows[b, _Y] + layout.rows[b, _M]))
        for b, (c, label) in enumerate(zip(lanes.categories, lanes.labels, strict=True))
    )  # fmt: skip
    return layout, bands


def _allocate(
    wanted: IntArray,
    height: int,
    geom: FrameGeometry,
    expand: int | None,
    lanes: LanesLayout,
) -> _Layout:
    """Rows for each band within the plot's height: all it wants when everything fits;
    else each wanted column keeps one row and the rest is shared out evenly (the most
    rows a band gets is as small as it can be), the expanded band first."""
    bands = len(wanted)
    plot = max(height - geom.axis_height - geom.overview_height, 0.0)
    total = wanted.sum(axis=1)
    empty = total == 0
    room = plot - empty.sum() * geom.collapsed_height - (~empty).sum() * 2 * geom.band_pad
    row_height = geom.row_height
    rows = wanted.copy()
    if total.sum() * row_height > room:
        least = (wanted > 0).astype(np.int64)
        if least.sum() * row_height > room:
            row_height = max(room / max(int(least.sum()), 1), geom.min_row_height)
        budget = max(int(room // row_height) - int(least.sum()), 0)
        extra = wanted - least
        band_extra = extra.sum(axis=1)
        given = np.zeros(bands, dtype=np.int64)
        if expand is not None:
            given[expand] = min(int(band_extra[expand]), budget)
            budget -= int(given[expand])
            band_extra = band_extra.copy()
            band_extra[expand] = 0
        given += _share(band_extra[None, :], np.array([budget]))[0]
        rows = least + _share(extra, given)
    heights = np.where(
        empty, geom.collapsed_height, 2 * geom.band_pad + rows.sum(axis=1) * row_height
    )
    y1 = geom.axis_height + np.cumsum(heights)
    codes = np.asarray(lanes.categories, dtype=np.int64)
    classes = lanes.style.classes
    return _Layout(rows, row_height, y1 - heights, y1, geom.band_pad, codes, classes)


def _share(wants: IntArray, budget: IntArray) -> IntArray:
    """Split each row's `budget` among its `wants` (water filling), see `_share_row`."""
    rows = [_share_row(w, b) for w, b in zip(wants.tolist(), budget.tolist(), strict=True)]
    return np.array(rows, dtype=np.int64).reshape(wants.shape)


def _share_row(wants: list[int], budget: int) -> list[int]:
    """The largest cap c with sum(min(wants, c)) <= budget, then one more each for those
    still short, the least short first (one row more may complete a small stack), then
    in order. Plain Python: a dozen numbers are cheaper so than as numpy arrays."""
    wants = [max(w, 0) for w in wants]
    if budget <= 0:
        return [0] * len(wants)
    if sum(wants) <= budget:
        return wants
    ascending = sorted(range(len(wants)), key=wants.__getitem__)
    below, cap = 0, 0  # sum of the wants fully met below the cap
    for i, j in enumerate(ascending):
        if below + wants[j] * (len(wants) - i) > budget:
            cap = (budget - below) // (len(wants) - i)
            break
        below += wants[j]
    out = [min(w, cap) for w in wants]
    left = budget - sum(out)
    for j in ascending:
        if left <= 0:
            break
        if wants[j] > cap:
            out[j] += 1
            left -= 1
    return out


# -- density and overflow -----------------------------------------------------------------------


def _bin_counter(
    lanes: LanesLayout, kind: str, days: DayTable | KeyTable, grid: _lod.Grid
) -> _lod.GridCounts:
    """The bin counts of a day table at the grid's bin size, kept while the table is (the
    counter holds it, so its id is not reused meanwhile)."""
    return _memo(
        lanes, kind, (id(days), grid.bin_days),
        lambda: _lod.bin_counter(days, lanes.lanes, grid.bin_days, _span(lanes.events)),
    )  # fmt: skip


def _span(events: EventArrays) -> tuple[int, int] | None:
    """The first and the last day an event covers."""
    first, last = events.first_day, events.last_day
    return None if first is None or last is None else (first, last)


def _density(
    grid: _lod.DensityGrid, tiles: _lod.Grid, viewport: Viewport, layout: _Layout
) -> DensityLayer | None:
    if not len(grid.lanes):
        return None
    band, track = np.divmod(grid.lanes, 2)
    first_day = grid.first_bin * tiles.bin_days
    peak = int(grid.counts.max(initial=0, where=grid.dense))
    return DensityLayer(
        grid, band, track, layout.lane_top[grid.lanes], layout.lane_bottom[grid.lanes],
        viewport.x_for(first_day), tiles.bin_days * viewport.px_per_day, first_day,
        tiles.bin_days, peak,
    )  # fmt: skip


def _marks(
    runs: _lod.Runs, edges: FloatArray, viewport: Viewport, layout: _Layout
) -> list[OverflowMark]:
    """The '+n' marks of the runs; `edges`: x of the tile edges."""
    if not len(runs.lane):
        return []
    band, track = np.divmod(runs.lane, 2)
    x0 = np.maximum(edges[runs.first], 0.0)
    x1 = np.minimum(edges[runs.first + runs.length], float(viewport.width_px))
    y = layout.lane_bottom[runs.lane] - 1
    return [
        OverflowMark(b, TRACK_NAMES[t], a, z, w, h)
        for b, t, a, z, w, h in zip(
            band.tolist(), track.tolist(), x0.tolist(), x1.tolist(), y.tolist(),
            runs.hidden.tolist(), strict=True,
        )
    ]  # fmt: skip


# -- boxes ---------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Chosen:
    """Boxes and clusters to draw, sorted by (band, row, x0) within each part."""

    index: IntArray  # event row, or -1 for a cluster
    band: IntArray
    row: IntArray  # in the band
    x0: FloatArray
    x1: FloatArray
    kind: npt.NDArray[np.int8]
    limit: FloatArray  # x a label must end before (density ahead in its lane)
    floor: FloatArray  # x a label moved left of its box must start after (density behind)
    count: IntArray  # clusters
    shown: IntArray  # clusters: events of the unit drawn above
    hits: IntArray  # clusters: hits among them (-1 without a search)
    first_day: IntArray
    last_day: IntArray
    precision: npt.NDArray[np.int8]

    @staticmethod
    def concat(parts: Sequence[_Chosen]) -> _Chosen:
        parts = [p for p in parts if len(p.index)]
        if not parts:
            return _Chosen.empty()
        # Copies even of a single part: what _stacked keeps must not reach the frame.
        names = tuple(_Chosen.__dataclass_fields__)
        return _Chosen(**{n: np.concatenate([getattr(p, n) for p in parts]) for n in names})

    @staticmethod
    def empty() -> _Chosen:
        i, f = np.zeros(0, dtype=np.int64), np.zeros(0)
        s = np.zeros(0, dtype=np.int8)
        return _Chosen(i, i, i, f, f, s, f, f, i, i, i, i, i, s)


def _packed(
    events: EventArrays,
    found: _lod.Candidates,
    layout: _Layout,
    grid: _lod.Grid,
    dense: tuple[FloatArray, FloatArray],
    viewport: Viewport,
) -> _Chosen:
    index, lane, x0, x1, kind = found.index, found.lane, found.x0, found.x1, found.kind
    in_band = layout.lane_first_row[lane] + found.row
    left = np.maximum(x0, 0.0)
    start = np.where(kind == POINT, x1, left)
    tile = grid.tile_of(viewport.start + start * viewport.days_per_px)
    first_tile = grid.tile_of(viewport.start + left * viewport.days_per_px)
    none = np.full(len(index), -1, dtype=np.int64)
    dense_x, dense_floor = dense
    return _Chosen(
        index, lane // 2, in_band, x0, x1, kind, dense_x[lane, tile], dense_floor[lane, first_tile],
        none, none, none, found.start_day.astype(np.int64), found.end_day.astype(np.int64),
        events.precision[index],
    )  # fmt: skip


def _stacked(
    events: EventArrays,
    lanes: LanesLayout,
    viewport: Viewport,
    layout: _Layout,
    precisions: tuple[int, ...],
    hits: Highlight | None,
) -> _Chosen:
    """The one-unit events (years, months), stacked per (band, unit) in the band's rows
    for that precision; where a unit has more events than rows, the last row is a cluster
    of the rest. Stacks are made for the units in view and as many again on either side,
    and kept: panning and zooming in reuse them (see _Stacks) until the view leaves them."""
    units = []
    for precision in precisions:
        if layout.rows[:, _UNIT_COLUMN[precision]].any():
            first = unit_number(precision, math.floor(viewport.start))
            last = unit_number(precision, math.floor(viewport.end - 1e-9))
            units.append((precision, first, last))
    if not units:
        return _Chosen.empty()
    kept: list[_Stacks] = _memo(lanes, "stacks", layout.rows.tobytes(), list)
    stacks = next((k for k in kept if k.covers(units)), None)
    if stacks is None:
        wider = [(p, first - (last - first + 1), last + (last - first + 1))
                 for p, first, last in units]  # fmt: skip
        stacks = _Stacks.of(events, lanes, layout, wider)
        kept.insert(0, stacks)
        del kept[STACKS_KEPT:]
    return stacks.chosen(viewport, hits, units)


@dataclass(frozen=True, eq=False)
class _Stacks:
    """The stacks of some units (precision, first and last unit number) in every band with
    rows for them: the chosen boxes and clusters but for x, which follows the view, and
    the clusters' search hits. One pass over every (band, unit) cell of both precisions:
    their sorted indexes are laid end to end."""

    index: IntArray
    band: IntArray
    row: IntArray
    kind: npt.NDArray[np.int8]
    limit: FloatArray
    floor: FloatArray
    count: IntArray
    shown: IntArray
    no_hits: IntArray
    first_day: IntArray
    last_day: IntArray
    following: IntArray  # first day of the next unit
    precision: npt.NDArray[np.int8]
    clusters: IntArray  # where the clusters are, in the order of their runs in `hidden`
    hidden: IntArray  # the rows of the events each cluster holds, cluster after cluster
    hidden_starts: IntArray
    units: tuple[tuple[int, int, int], ...]  # (precision, first, last unit) stacked

    @classmethod
    def of(
        cls,
        events: EventArrays,
        lanes: LanesLayout,
        layout: _Layout,
        units: Sequence[tuple[int, int, int]],
    ) -> _Stacks:
        cells: list[tuple[IntArray, ...]] = []
        orders, offset = [], 0
        for precision, first_unit, last_unit in units:
            column = _UNIT_COLUMN[precision]
            index = lanes.units(precision)
            bands = np.flatnonzero(layout.rows[:, column] > 0)
            firsts, nexts = unit_days(precision, first_unit, last_unit)
            lo, hi = index.runs((bands * 2 + SPANS)[:, None], firsts[None, :])
            per_band = len(firsts)
            cells.append((
                np.repeat(bands, per_band), np.tile(firsts, len(bands)), np.tile(nexts, len(bands)),
                lo.ravel() + offset, hi.ravel() + offset,
                np.repeat(layout.rows[bands, column], per_band),
                np.repeat(layout.first_row(column)[bands], per_band),
                np.full(lo.size, precision),
            ))  # fmt: skip
            orders.append(index.order)
            offset += len(index.order)
        band, first, following, lo, hi, room, row0, cell_precision = (
            np.concatenate(parts) for parts in zip(*cells, strict=True)
        )
        order = np.concatenate(orders)
        size = hi - lo
        clustered = size > room
        drawn = np.where(clustered, room - 1, size)
        cell = np.repeat(np.arange(len(drawn)), drawn)  # the cell of each event drawn
        rank = _lod._ranges(np.zeros(len(drawn), dtype=np.int64), drawn)
        event = order[lo[cell] + rank]
        c = np.flatnonzero(clustered)
        both = np.concatenate((cell, c))
        n, m = len(event), len(c)
        none = np.full(n, -1)
        row = row0[both] + np.concatenate((rank, drawn[c]))
        # By (band, row, x0): x0 grows with the first day, and no two boxes of a row share it.
        by_row = np.lexsort((first[both], row, band[both]))
        at = np.empty(n + m, dtype=np.int64)
        at[by_row] = np.arange(n + m)
        out = cls(
            np.concatenate((event, np.full(m, -1)))[by_row],
            band[both][by_row],
            row[by_row],
            np.concatenate((events.kinds[event], np.full(m, CLUSTER))).astype(np.int8)[by_row],
            np.full(n + m, np.inf),
            np.full(n + m, -np.inf),
            np.concatenate((none, size[c] - drawn[c]))[by_row],
            np.concatenate((none, drawn[c]))[by_row],
            np.full(n + m, -1),
            first[both][by_row],
            (following[both] - 1)[by_row],
            following[both][by_row],
            cell_precision[both].astype(np.int8)[by_row],
            at[n:],
            order[_lod._ranges(lo[c] + drawn[c], hi[c])],
            np.cumsum(size[c] - drawn[c]) - (size[c] - drawn[c]),
            tuple(units),
        )
        for value in vars(out).values():
            if isinstance(value, np.ndarray):  # shared by the frames of these units
                value.flags.writeable = False
        return out

    def covers(self, units: Sequence[tuple[int, int, int]]) -> bool:
        """Whether these (precision, first, last unit) are all stacked here."""
        if [p for p, _, _ in units] != [p for p, _, _ in self.units]:
            return False
        return all(
            have_first <= first and last <= have_last
            for (_, first, last), (_, have_first, have_last) in zip(units, self.units, strict=True)
        )

    def chosen(
        self, viewport: Viewport, hits: Highlight | None, units: Sequence[tuple[int, int, int]]
    ) -> _Chosen:
        """The boxes and clusters of these units (within those stacked), in order."""
        found = self.no_hits
        if hits is not None and len(self.clusters):
            found = self.no_hits.copy()
            lit = hits.mask[self.hidden].astype(np.int64)
            found[self.clusters] = np.add.reduceat(lit, self.hidden_starts)
        keep = np.zeros(len(self.index), dtype=np.bool_)
        for precision, first, last in units:
            firsts = unit_days(precision, first, last)[0]
            keep |= (
                (self.precision == precision)
                & (self.first_day >= firsts[0])
                & (self.first_day <= firsts[-1])
            )
        take = np.flatnonzero(keep)
        first_day, following = self.first_day[take], self.following[take]
        return _Chosen(
            self.index[take], self.band[take], self.row[take], viewport.xs_for(first_day),
            viewport.xs_for(following), self.kind[take], self.limit[take], self.floor[take],
            self.count[take], self.shown[take], found[take], first_day, self.last_day[take],
            self.precision[take],
        )  # fmt: skip


def _selection(
    events: EventArrays, selected: int | None, selection: npt.ArrayLike | None
) -> IntArray:
    """Sorted rows of the selected events (the current one included)."""
    ids: IntArray = np.zeros(0, dtype=np.int64)
    if selection is not None:
        ids = np.asarray(selection, dtype=np.int64).ravel()
    if selected is not None:
        ids = np.append(ids, selected)
    return events.indices_of(ids) if len(ids) else np.zeros(0, dtype=np.int64)


def _columns(
    events: EventArrays,
    chosen: _Chosen,
    viewport: Viewport,
    layout: _Layout,
    geom: FrameGeometry,
    hits: Highlight | None,
    selection: IntArray,
    marks: npt.NDArray[np.int8] | None,
    titles: Callable[[int], str] | None,
    label_width: Callable[[str], float] | None,
    cluster_labels: ClusterLabels | None,
    month_names: Sequence[str],
) -> ItemColumns:
    c = chosen
    n = len(c.index)
    is_event = c.index >= 0
    safe = np.where(is_event, c.index, 0)
    ids = np.where(is_event, events.ids[safe], -1)
    selected = is_event & _member(c.index, selection)
    if hits is None:
        dimmed = np.zeros(n, dtype=np.bool_)
    else:
        dimmed = np.where(is_event, ~hits.mask[safe], c.hits == 0) & ~selected
    mark_count = np.zeros(n, dtype=np.int8)
    if marks is not None:
        mark_count = np.where(is_event, np.minimum(marks[safe], geom.max_marks), 0).astype(np.int8)
    end_prec = events.precision if events.end_precision is None else events.end_precision
    labels, label_x, label_w, label_left = _labels(
        c, ids, mark_count, viewport, geom, titles, label_width,
        cluster_labels or _english_cluster_labels(month_names),
    )  # fmt: skip
    band_category = np.asarray(lanes_categories(layout, c.band), dtype=np.int64)
    return ItemColumns(
        ids, c.band, c.row, c.x0, c.x1, layout.row_y(c.band, c.row), c.kind,
        np.where(is_event, events.precision[safe], c.precision).astype(np.int8),
        np.where(is_event, end_prec[safe], c.precision).astype(np.int8),
        np.where(is_event, events.category[safe], band_category),
        selected, np.zeros(n, dtype=np.bool_), dimmed, labels, label_x, label_w, label_left,
        mark_count,
        np.maximum(c.count, 0), c.hits, c.first_day, c.last_day,
    )  # fmt: skip


def lanes_categories(layout: _Layout, band: IntArray) -> IntArray:
    found: IntArray = layout.categories[band]
    return found


def _member(rows: IntArray, sorted_rows: IntArray) -> BoolArray:
    if not len(sorted_rows):
        return np.zeros(len(rows), dtype=np.bool_)
    pos = np.minimum(np.searchsorted(sorted_rows, rows), len(sorted_rows) - 1)
    found: BoolArray = sorted_rows[pos] == rows
    return found


def _labels(
    c: _Chosen,
    ids: IntArray,
    marks: npt.NDArray[np.int8],
    viewport: Viewport,
    geom: FrameGeometry,
    titles: Callable[[int], str] | None,
    label_width: Callable[[str], float] | None,
    cluster_labels: ClusterLabels,
) -> tuple[list[str | None], FloatArray, FloatArray, BoolArray]:
    """Greedy, left to right in each row. A label block (marks, then the title) starts
    right of a diamond or inside a bar and must end before the next box of its row and
    before the next dense tile of its lane. One that would cross the right edge goes left
    of its box when the row has room there (after the box, label and dense tile before
    it); failing that it is cut (the painter elides it) on the side with more room, at
    the edge or before the box. One that does not fit is dropped; its marks stay when
    they fit. Labels of a row therefore never overlap, nor meet density."""
    n = len(c.index)
    kind, x0 = c.kind, c.x0
    cluster = kind == CLUSTER
    start = np.where(kind == POINT, c.x1, np.maximum(x0, 0.0)) + geom.label_pad
    start += np.where(cluster, geom.cluster_glyph_px, 0.0)
    texts: list[str | None] = [None] * n
    left_side = np.zeros(n, dtype=np.bool_)
    if not n:
        return texts, start, np.zeros(n), left_side
    marks_w = marks * geom.mark_step
    key = c.band * 4096 + c.row
    same_row = key[1:] == key[:-1]
    # The next box of the row begins at next_x0; the one before it ends at x1 before.
    next_x0, before = np.full(n, np.inf), np.full(n, -np.inf)
    np.copyto(next_x0[:-1], x0[1:], where=same_row)
    np.copyto(before[1:], c.x1[:-1], where=same_row)
    limit = np.minimum(next_x0 - geom.label_gap, c.limit)
    right = viewport.width_px - geom.edge_pad
    inside = np.minimum(limit, right)  # where a label that is not cut must end
    room = inside - start
    # Candidates for a title: room on the right, or (near the right edge, even when the
    # box ends at it) maybe on the left.
    near_edge = (start >= right) & (x0 - geom.label_pad >= geom.min_label_px) & (x0 < right)
    ask = ((limit - start >= geom.min_label_px) | (marks_w > 0)) & ((start < right) | near_edge)
    if titles is None or label_width is None:
        ask &= cluster
    asked = ask.nonzero()[0]
    if not len(asked):
        return texts, start, np.zeros(n), left_side
    # Plain Python values for the loop: numpy scalars are slow one at a time.
    columns = zip(
        asked.tolist(), key[asked].tolist(), kind[asked].tolist(), x0[asked].tolist(),
        start[asked].tolist(), limit[asked].tolist(), inside[asked].tolist(),
        room[asked].tolist(), marks_w[asked].tolist(),
        np.maximum(before, c.floor)[asked].tolist(),  # boxes and density behind
        ids[asked].tolist(), c.count[asked].tolist(), c.shown[asked].tolist(),
        c.first_day[asked].tolist(), c.precision[asked].tolist(), strict=True,
    )  # fmt: skip
    xs: list[float] = start.tolist()
    ws: list[float] = [0.0] * n
    measure = label_width or (lambda text: 7.0 * len(text))
    gap, pad, min_px = geom.label_gap, geom.label_pad, geom.min_label_px
    last_row, label_end = -1, -math.inf  # the row seen last and where its last label ends
    budget = geom.max_labels
    for (
        k, row, kind_k, x0_k, x_start, limit_k, inside_k, room_k, dots, behind, event_id,
        count, shown, first_day, precision,
    ) in columns:  # fmt: skip
        if row != last_row:
            last_row, label_end = row, -math.inf
        if kind_k == CLUSTER:
            for option in cluster_labels(count, shown, first_day, precision):
                w = measure(option)
                if w <= room_k:
                    texts[k], ws[k] = option, w
                    label_end = x_start + w
                    break
            continue
        if budget <= 0:
            continue
        budget -= 1
        text = titles(event_id) if titles is not None else ""
        w = dots + measure(text)
        if x_start + w <= inside_k:
            texts[k], ws[k] = text, w
        elif x_start + w <= limit_k:  # only the right edge is in the way
            free = max(behind, label_end) + gap
            outside = x0_k - pad - w  # the label left of the box
            if outside >= max(free, 0.0):
                texts[k], xs[k], ws[k] = text, outside, w
                left_side[k] = True
            else:  # cut (the painter elides it) where there is more room, if enough
                free = max(free, 0.0)
                left_room = x0_k - pad - free
                if max(room_k, left_room) >= max(min_px, dots + 1):
                    if room_k >= left_room:
                        texts[k], ws[k] = text, room_k
                    else:
                        texts[k], xs[k], ws[k] = text, free, left_room
                        left_side[k] = True
        if texts[k] is None and dots and x_start + dots <= inside_k:
            ws[k] = dots
        if ws[k]:
            label_end = xs[k] + ws[k]
    return texts, np.array(xs), np.array(ws), left_side


def _english_cluster_labels(month_names: Sequence[str]) -> ClusterLabels:
    from datetime import date

    def labels(count: int, shown: int, first_day: int, precision: int) -> tuple[str, ...]:
        when = date.fromordinal(first_day)
        unit = (
            f"{month_names[when.month - 1]} {when.year}" if precision == MONTH else str(when.year)
        )
        if shown:
            return (f"{count} more in {unit}", f"+{count} more", f"+{count}")
        return (f"{count} events in {unit}", f"{count} events", f"{count}")

    return labels


def _with_selection(
    columns: ItemColumns,
    events: EventArrays,
    lanes: LanesLayout,
    packing: Packing,
    viewport: Viewport,
    layout: _Layout,
    geom: FrameGeometry,
    selected: int | None,
    selection: IntArray,
) -> ItemColumns:
    """The selected events density or a cluster hides (in view, at most geom.max_selected)
    added on their own, and the current one moved last."""
    if not len(selection):
        return columns
    drawn = np.sort(columns.ids)
    rows = selection[lanes.lane_of[selection] >= 0]
    rows = rows[~_member(events.ids[rows], drawn)]
    x0, x1 = _lod.box_extents(events, rows, viewport, lanes.style)
    rows = rows[(x1 >= 0) & (x0 <= viewport.width_px)]
    current = None if selected is None else events.index_of(selected)
    if len(rows) > geom.max_selected:  # keep the current one
        keep = [current] if current is not None and bool(np.any(rows == current)) else []
        rows = np.union1d(rows[: geom.max_selected], np.asarray(keep, dtype=np.int64))
    extra = _alone(events, lanes, packing, viewport, layout, rows)
    columns = ItemColumns.concat([columns, extra])
    if current is None:
        return columns
    is_current = columns.ids == events.ids[current]
    if not is_current.any():
        return columns
    k = int(np.flatnonzero(is_current)[-1])
    order = np.append(np.delete(np.arange(len(columns)), k), k)
    current_flag = np.zeros(len(columns), dtype=np.bool_)
    current_flag[-1] = True
    return dataclasses.replace(columns.take(order), current=current_flag)


def _alone(
    events: EventArrays,
    lanes: LanesLayout,
    packing: Packing,
    viewport: Viewport,
    layout: _Layout,
    rows: IntArray,
) -> ItemColumns:
    """Selected events drawn on their own, unlabelled: in their row when it is shown, else
    in the first row of their track (one-unit events: the last row of their stack)."""
    n = len(rows)
    if not n:
        return ItemColumns.empty()
    x0, x1 = _lod.box_extents(events, rows, viewport, lanes.style)
    lane = lanes.lane_of[rows]
    band, track = lane // 2, lane % 2
    packed = packing.rows[rows].astype(np.int64)
    fits = layout.fits[lane]
    row = np.where((packed >= 0) & (packed < fits), packed, 0)
    in_band = np.where(track == SPANS, layout.rows[band, _P] + row, row)
    unit = lanes.unit_of[rows]
    for precision, column in _UNIT_COLUMN.items():
        stacked = (packed == -2) & (unit == precision)
        last = layout.first_row(column)[band] + np.maximum(layout.rows[band, column] - 1, 0)
        in_band = np.where(stacked, last, in_band)
    end_prec = events.precision if events.end_precision is None else events.end_precision
    dimmed = np.zeros(n, dtype=np.bool_)
    zeros, none = np.zeros(n), np.full(n, -1, dtype=np.int64)
    return ItemColumns(
        events.ids[rows], band, in_band, x0, x1, layout.row_y(band, in_band),
        events.kinds[rows].astype(np.int8), events.precision[rows], end_prec[rows],
        events.category[rows].astype(np.int64), np.ones(n, dtype=np.bool_),
        np.zeros(n, dtype=np.bool_), dimmed, [None] * n, x1.copy(), zeros,
        np.zeros(n, dtype=np.bool_), np.zeros(n, dtype=np.int8), np.zeros(n, dtype=np.int64), none,
        events.start_day[rows].astype(np.int64), events.end_day[rows].astype(np.int64),
    )  # fmt: skip


# -- the rest -------------------------------------------------------------------------------------


def _hover(
    viewport: Viewport, hover_x: float | None, unit: TickUnit, month_names: Sequence[str]
) -> Hover | None:
    if hover_x is None:
        return None
    day = viewport.day_at(hover_x)
    return Hover(hover_x, day, format_day(day, unit, month_names))


def _in_view(lanes: LanesLayout, viewport: Viewport) -> int:
    return lanes.days.active_total(lanes.lanes, viewport.start, viewport.start + viewport.span)


def _today_x(viewport: Viewport, today: int | None) -> float | None:
    if today is None:
        return None
    x = viewport.x_for(today + 0.5)
    return x if 0 <= x <= viewport.width_px else None
