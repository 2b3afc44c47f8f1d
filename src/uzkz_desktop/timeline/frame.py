"""One frame of the timeline as plain primitives: the painter draws exactly this.

    frame = build_frame(events, viewport, (w, h), lanes_layout=lanes, today=today)

Top to bottom: the axis (ticks), one band per category (point rows, then bar rows, with
density strips where boxes would not fit), and the overview strip. Only the visible
slice is touched: rows come cached from LanesLayout, boxes from two binary searches per
row, density counts from per-lane day tables. Level of detail is per lane and per tile
(see _lod): dense tiles show counts, sparse ones boxes, boxes with room get labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from . import _lod
from .events import KIND_NAMES, POINT, EventArrays
from .lanes import POINTS, SPANS, Highlight, LanesLayout
from .overview import Overview, build_overview
from .ticks import ENGLISH_MONTHS, Ticks, TickUnit, choose_unit, format_day, ticks
from .viewport import ViewLimits, Viewport

TRACK_NAMES = ("points", "spans")


class Item(NamedTuple):
    """A box: a diamond (kind 'point') or a bar ('span', 'fuzzy-span') from x0 to x1,
    centred on y. 'fuzzy-span' is one month or year known only as that: draw it faint.
    A 'span' whose precision or end_precision is above 0 (day) has fuzzy ends."""

    event_id: int
    band: int
    row: int  # within the band, top = 0: point rows first, then bar rows
    x0: float
    x1: float
    y: float
    kind: str
    precision: int
    end_precision: int
    category: int
    selected: bool
    dimmed: bool  # search hits are shown and everything else is dimmed
    label: str | None
    label_x: float  # text starts here (left aligned, vertically centred on y)
    label_w: float


class Band(NamedTuple):
    category: int
    y0: float
    y1: float
    label: str
    point_rows: int  # rows of diamonds from the band top (after band_pad)
    span_rows: int  # rows of bars below them


class DensityStrip(NamedTuple):
    """Density of one track of a band: counts[i] events (all rows, all precisions) are
    active in bin i, which spans x0 + i * bin_px .. x0 + (i + 1) * bin_px. Draw the bins
    where `dense` is True over y0..y1 (one small image per strip); elsewhere the track
    shows boxes and the bins are only context."""

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
    label_pad: float = 4.0
    label_gap: float = 4.0  # free px between a label's end and the next box
    min_label_px: float = 40.0  # room below which no title is even asked for
    bin_px: float = 2.0  # density bins are 2-4 px (fixed in days within a zoom bucket)
    bins_per_tile: int = 16
    max_items: int = 600
    dense_ratio: float = 1.0  # a tile turns to density when hidden events outnumber boxes
    max_labels: int = 300
    tick_spacing_px: float = 80.0


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
    density: list[DensityStrip]
    density_max: int
    items: list[Item]  # draw in order: the selected item comes last
    overflow: list[OverflowMark]
    today_x: float | None
    hover: Hover | None
    overview: Overview
    in_view: int  # events (of the bands shown) active in the visible days, for a status line

    def hit_test(self, x: float, y: float, radius: float = 4.0) -> int | None:
        """The event whose box or label is nearest to (x, y), within radius px."""
        if not self.items:
            return None
        a = self._hit_arrays
        half = self.row_height / 2
        dy = np.maximum(np.abs(y - a[2]) - half, 0)
        box = np.hypot(np.maximum(np.maximum(a[0] - x, x - a[1]), 0), dy)
        text = np.hypot(np.maximum(np.maximum(a[3] - x, x - a[3] - a[4]), 0), dy)
        dist = np.where(a[4] > 0, np.minimum(box, text), box)
        # Later items are drawn on top, so among equals the last one wins.
        best = len(dist) - 1 - int(np.argmin(dist[::-1]))
        return self.items[best].event_id if dist[best] <= radius else None

    def density_at(self, x: float, y: float) -> DensityHit | None:
        """The density bin under (x, y), for "list the events here"."""
        for strip in self.density:
            if strip.y0 <= y <= strip.y1 and strip.x0 <= x < strip.x1:
                i = min(int((x - strip.x0) // strip.bin_px), len(strip.counts) - 1)
                if not strip.dense[i]:
                    continue
                # The days whose [d, d + 1) meets the bin, as the counts take them.
                first = strip.first_day + i * strip.bin_days
                last = int(np.ceil(first + strip.bin_days)) - 1
                category = self.bands[strip.band].category
                return DensityHit(
                    strip.band, category, strip.track, int(np.floor(first)), last,
                    int(strip.counts[i]),
                )  # fmt: skip
        return None

    @cached_property
    def _hit_arrays(self) -> npt.NDArray[np.float64]:
        return np.array([(i.x0, i.x1, i.y, i.label_x, i.label_w) for i in self.items]).T


@dataclass(frozen=True, slots=True)
class _BandLayout:
    """Vertical layout shared by all bands."""

    band_height: float
    row_height: float
    fit: _lod.LaneRows
    top: float
    pad: float

    def band_top(self, band: int) -> float:
        return self.top + band * self.band_height

    def track_top(self, band: int, track: int) -> float:
        offset = 0 if track == POINTS else self.fit.points * self.row_height
        return self.band_top(band) + self.pad + offset

    def track_bottom(self, band: int, track: int) -> float:
        rows = self.fit.of(track)
        if not rows:  # no room for a row: density uses the whole band
            return self.band_top(band) + self.band_height - self.pad
        return self.track_top(band, track) + rows * self.row_height


def build_frame(
    events: EventArrays,
    viewport: Viewport,
    size: tuple[int, int],
    *,
    lanes_layout: LanesLayout,
    selected: int | None = None,
    highlighted: npt.NDArray[np.generic] | AbstractSet[int] | None = None,
    hover_x: float | None = None,
    label_width: Callable[[str], float] | None = None,
    titles: Callable[[int], str] | None = None,
    today: int | None = None,
    limits: ViewLimits | None = None,
    month_names: Sequence[str] = ENGLISH_MONTHS,
    geometry: FrameGeometry | None = None,
) -> Frame:
    """Everything the painter needs for a width x height widget.

    `highlighted` is a bool mask aligned with `events` or a set/array of event ids (search
    hits: the others are dimmed). `titles(event_id)` and `label_width(text)` enable labels;
    both are called only for boxes with room, so pass cached callables.
    """
    width, height = size
    if viewport.width_px != width:
        raise ValueError(f"viewport is {viewport.width_px} px wide, the frame {width}")
    if lanes_layout.events is not events:
        raise ValueError("lanes_layout was built for other events")
    geom = geometry or FrameGeometry()
    limits = limits or ViewLimits.around(events.first_day, events.last_day)
    layout = _band_layout(lanes_layout, height, geom)
    bucket = LanesLayout.bucket_for(viewport.days_per_px)
    hits = None if highlighted is None else lanes_layout.highlight(highlighted)
    bands = [
        Band(c, layout.band_top(b), layout.band_top(b) + layout.band_height, label,
             layout.fit.points, layout.fit.spans)
        for b, (c, label) in enumerate(
            zip(lanes_layout.categories, lanes_layout.labels, strict=True)
        )
    ]  # fmt: skip
    density, marks, found = _lanes(events, viewport, lanes_layout, bucket, layout, geom, hits)
    labelled = _label_and_build(
        events, found, viewport, layout, geom, lanes_layout, selected, hits, titles, label_width
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
        bands=bands,
        density=density,
        density_max=max((s.max for s in density), default=0),
        items=labelled,
        overflow=marks,
        today_x=_today_x(viewport, today),
        hover=_hover(viewport, hover_x, unit, month_names),
        in_view=_in_view(lanes_layout, viewport),
        overview=build_overview(
            events, limits, viewport,
            (0.0, height - geom.overview_height, float(width), float(height)),
            min_spacing_px=geom.tick_spacing_px, month_names=month_names,
        ),
    )  # fmt: skip


def _band_layout(lanes: LanesLayout, height: int, geom: FrameGeometry) -> _BandLayout:
    style = lanes.style
    wanted_rows = style.point_rows + style.span_rows
    plot = max(height - geom.axis_height - geom.overview_height, 0.0)
    wanted = wanted_rows * geom.row_height + 2 * geom.band_pad
    band_height = min(plot / max(lanes.band_count, 1), wanted)
    inner = max(band_height - 2 * geom.band_pad, 0.0)
    row_height = max(min(geom.row_height, inner / wanted_rows), geom.min_row_height)
    rows = min(int(inner // row_height), wanted_rows)
    # Shrinking windows lose rows from both tracks in proportion; the rest goes to density.
    points = min(style.point_rows, -(-rows * style.point_rows // wanted_rows))
    spans = min(style.span_rows, rows - points)
    fit = _lod.LaneRows(points, spans)
    return _BandLayout(band_height, row_height, fit, geom.axis_height, geom.band_pad)


class _Found(NamedTuple):
    candidates: _lod.Candidates
    dense: npt.NDArray[np.bool_]
    grid: _lod.Grid


def _lanes(
    events: EventArrays,
    viewport: Viewport,
    lanes: LanesLayout,
    bucket: int,
    layout: _BandLayout,
    geom: FrameGeometry,
    hits: Highlight | None,
) -> tuple[list[DensityStrip], list[OverflowMark], _Found]:
    n_lanes = 2 * lanes.band_count
    packing = lanes.packing(bucket)
    grid = _lod.Grid.for_view(viewport, bucket, geom.bin_px, geom.bins_per_tile)
    boxes, overflow = _lod.tile_counts(packing, grid, n_lanes, layout.fit, lanes.style)
    dense = _lod.dense_tiles(boxes, overflow, geom.dense_ratio, geom.max_items)
    density = _density(lanes, grid, dense, viewport, layout, hits)
    marks = _marks(_lod.overflow_runs(overflow, dense), grid, viewport, layout)
    found = _lod.candidates(events, packing, viewport, n_lanes, layout.fit, lanes.style)
    keep = _lod.keep_in_sparse(events, found, dense, grid)
    kept = _lod.Candidates(
        found.index[keep], found.lane[keep], found.row[keep], found.x0[keep], found.x1[keep]
    )
    return density, marks, _Found(kept, dense, grid)


def _marks(
    runs: _lod.Runs, grid: _lod.Grid, viewport: Viewport, layout: _BandLayout
) -> list[OverflowMark]:
    edges = viewport.xs_for(grid.tile_edges())
    marks = []
    for lane, first, length, hidden in zip(
        runs.lane.tolist(),
        runs.first.tolist(),
        runs.length.tolist(),
        runs.hidden.tolist(),
        strict=True,
    ):
        band, track = divmod(lane, 2)
        x0 = max(float(edges[first]), 0.0)
        x1 = min(float(edges[first + length]), float(viewport.width_px))
        y = layout.track_bottom(band, track) - 1
        marks.append(OverflowMark(band, TRACK_NAMES[track], x0, x1, y, hidden))
    return marks


def _density(
    lanes: LanesLayout,
    grid: _lod.Grid,
    dense: npt.NDArray[np.bool_],
    viewport: Viewport,
    layout: _BandLayout,
    hits: Highlight | None,
) -> list[DensityStrip]:
    bins = _lod.lane_bins(lanes.days, None if hits is None else hits.days, dense, grid)
    bin_px = grid.bin_days * viewport.px_per_day
    strips = []
    for lane in bins:
        band, track = divmod(lane.lane, 2)
        first_day = lane.first_bin * grid.bin_days
        x0 = viewport.x_for(first_day)
        peak = int(lane.counts.max(initial=0, where=lane.dense))
        strips.append(DensityStrip(
            band, TRACK_NAMES[track], x0, x0 + len(lane.counts) * bin_px,
            layout.track_top(band, track), layout.track_bottom(band, track),
            lane.counts, lane.dense, peak, bin_px, first_day, grid.bin_days, lane.hits,
        ))  # fmt: skip
    return strips


def _label_and_build(
    events: EventArrays,
    found: _Found,
    viewport: Viewport,
    layout: _BandLayout,
    geom: FrameGeometry,
    lanes: LanesLayout,
    selected: int | None,
    hits: Highlight | None,
    titles: Callable[[int], str] | None,
    label_width: Callable[[str], float] | None,
) -> list[Item]:
    c = found.candidates
    index = c.index
    band, track = c.lane // 2, c.lane % 2
    y = _row_y(layout, band, track, c.row)
    row_in_band = np.where(track == SPANS, layout.fit.points + c.row, c.row)
    texts, widths, label_x = _labels(events, found, viewport, geom, titles, label_width)
    ids = events.ids[index]
    dimmed = np.zeros(len(index), dtype=np.bool_) if hits is None else ~hits.mask[index]
    is_selected = ids == selected if selected is not None else np.zeros(len(index), dtype=np.bool_)
    end_prec = events.precision if events.end_precision is None else events.end_precision
    # One map over Python lists: the per-item cost is the tuple itself (~1 us).
    items = list(map(
        Item, ids.tolist(), band.tolist(), row_in_band.tolist(), c.x0.tolist(), c.x1.tolist(),
        y.tolist(), map(KIND_NAMES.__getitem__, events.kinds[index].tolist()),
        events.precision[index].tolist(), end_prec[index].tolist(),
        events.category[index].tolist(), is_selected.tolist(),
        (dimmed & ~is_selected).tolist(), texts, label_x.tolist(), widths,
    ))  # fmt: skip
    return _selected_last(items, events, viewport, layout, lanes, selected)


def _row_y(
    layout: _BandLayout,
    band: npt.NDArray[np.int64],
    track: npt.NDArray[np.int64],
    row: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    top = layout.top + band * layout.band_height + layout.pad
    top = top + np.where(track == SPANS, layout.fit.points * layout.row_height, 0.0)
    return top + (row + 0.5) * layout.row_height


def _labels(
    events: EventArrays,
    found: _Found,
    viewport: Viewport,
    geom: FrameGeometry,
    titles: Callable[[int], str] | None,
    label_width: Callable[[str], float] | None,
) -> tuple[list[str | None], list[float], npt.NDArray[np.float64]]:
    """Greedy, left to right in each row: a label starts right of a diamond or inside a bar
    and must end before the next box of its row and before the next dense tile of its lane;
    one that does not fit is dropped. Labels of a row therefore never overlap."""
    c = found.candidates
    n = len(c.index)
    point = events.kinds[c.index] == POINT
    label_x = np.where(point, c.x1, np.maximum(c.x0, 0.0)) + geom.label_pad
    texts: list[str | None] = [None] * n
    widths = [0.0] * n
    if titles is None or label_width is None or not n:
        return texts, widths, label_x
    same_row = (c.lane[1:] == c.lane[:-1]) & (c.row[1:] == c.row[:-1])
    next_x0 = np.append(np.where(same_row, c.x0[1:], np.inf), np.inf)
    tile = found.grid.tile_of(viewport.start + label_x * viewport.days_per_px)
    dense_x = _lod.dense_limit_x(found.dense, found.grid, viewport)[c.lane, tile]
    limit = np.minimum(next_x0 - geom.label_gap, dense_x)
    room = (limit - label_x >= geom.min_label_px) & (label_x < viewport.width_px)
    ids = events.ids[c.index]
    for k in np.flatnonzero(room)[: geom.max_labels].tolist():
        text = titles(int(ids[k]))
        w = label_width(text)
        if label_x[k] + w <= limit[k]:
            texts[k], widths[k] = text, float(w)
    return texts, widths, label_x


def _selected_last(
    items: list[Item],
    events: EventArrays,
    viewport: Viewport,
    layout: _BandLayout,
    lanes: LanesLayout,
    selected: int | None,
) -> list[Item]:
    """The selected item goes on top; if density hides it, it is added on its own (in its
    row, or the first row of its track when it has none that fits)."""
    if selected is None:
        return items
    for k, item in enumerate(items):
        if item.selected:
            return [*items[:k], *items[k + 1 :], item]
    i = events.index_of(selected)
    if i is None or lanes.lane_of[i] < 0:
        return items
    index = np.array([i])
    x0, x1 = _lod.box_extents(events, index, viewport, lanes.style)
    if x1[0] < 0 or x0[0] > viewport.width_px:
        return items
    band, track = divmod(int(lanes.lane_of[i]), 2)
    row = int(lanes.packing(LanesLayout.bucket_for(viewport.days_per_px)).rows[i])
    row = row if 0 <= row < layout.fit.of(track) else 0
    y = _row_y(layout, np.array([band]), np.array([track]), np.array([row]))
    end_prec = events.precision if events.end_precision is None else events.end_precision
    item = Item(
        selected, band, row + (layout.fit.points if track == SPANS else 0),
        float(x0[0]), float(x1[0]), float(y[0]), KIND_NAMES[int(events.kinds[i])],
        int(events.precision[i]), int(end_prec[i]), int(events.category[i]), True, False,
        None, float(x1[0]), 0.0,
    )  # fmt: skip
    return [*items, item]


def _hover(
    viewport: Viewport, hover_x: float | None, unit: TickUnit, month_names: Sequence[str]
) -> Hover | None:
    if hover_x is None:
        return None
    day = viewport.day_at(hover_x)
    return Hover(hover_x, day, format_day(day, unit, month_names))


def _in_view(lanes: LanesLayout, viewport: Viewport) -> int:
    lane = np.arange(2 * lanes.band_count)
    start = np.full(len(lane), viewport.start)
    return int(lanes.days.active(lane, start, start + viewport.span).sum())


def _today_x(viewport: Viewport, today: int | None) -> float | None:
    if today is None:
        return None
    x = viewport.x_for(today + 0.5)
    return x if 0 <= x <= viewport.width_px else None
