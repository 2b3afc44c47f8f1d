"""Stateless drawing of one timeline Frame: `paint_frame(painter, frame, style)`.

The Frame (uzkz_desktop.timeline) says where everything goes; this module only decides
how it looks. The band legend sits in a column `style.gutter` px wide left of the frame.
What may be cached lives in TimelineStyle: fonts and measured widths, one diamond pixmap
per category and look, legend chips, density colour tables, text pixmaps and the overview
strip (rebuilt only when the strip's counts or ticks change).

How precision is drawn:
  * a one-day event is a diamond;
  * a period is a light bar with solid end caps where its end days are known;
  * where an end is known only to the month or year, the bar fades out over a few pixels
    at that end (a date known as "2024" is a faint bar over the whole year, faded at both);
  * a candidate event (not yet reviewed) is hollow: an outlined diamond, a dashed bar;
  * density (more events than rows) is a comb of bins, never a solid bar.

Batching: bars are grouped per (category, dimmed) into one `drawRects` per part (bodies,
faint bodies, solid caps, left fades, right fades, candidate outlines); each diamond is one
`drawPixmap`. Texts (labels, tick labels, '+n' counts) are one `drawText` the first time
they are drawn and a cached pixmap from the second (a blit is ~5x cheaper than laying text
out). Density is one image with a row per strip, made from the counts in numpy (resampled
to pixel columns) and tiled down each strip: one `drawTiledPixmap` per strip.
`paint_hover` draws only the hover line and date, over a frame painted before without.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGradient,
    QImage,
    QLinearGradient,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)

from uzkz_desktop.timeline import Frame, Item, Overview

from . import palette

LABEL_PX = 10  # titles on the boxes
AXIS_PX = 10  # tick labels, hover date
SMALL_PX = 8  # overview ticks, '+n' counts, titles when rows are tight
POINT_PX = 9.0  # diamond width: BoxStyle.point_px, which packing reserves
FADE_PX = 10.0  # length of the fade at an end known only to the month or year
NARROW_BAR_PX = 8.0  # below this a bar is one rect: its ends are too small to show precision
CAP_PX = 2.0  # solid cap at an end known to the day
TICK_PX, MINOR_TICK_PX = 6.0, 3.0
MIN_COUNT_RUN_PX = 40.0  # an overflow run shorter than this gets its line but no '+n'
MIN_ELIDED_PX = 30.0  # a label cut by the right edge needs this much room to show at all
TEXT_CACHE_SIZE = 1500  # text pixmaps kept (labels, tick labels, counts; ~1.5 kB each)
LEGEND_PAD, LEGEND_CHIP = 6.0, 9.0
MIN_GUTTER, MAX_GUTTER = 90.0, 210.0
_CHIP_ROOM = LEGEND_PAD + LEGEND_CHIP + 6 + LEGEND_PAD
_BODY_ALPHA, _FAINT_ALPHA = 0.34, 0.2
_UNKNOWN_CATEGORY = QColor("#8a8a8a")

# Diamond looks.
NORMAL, DIMMED, CANDIDATE, CANDIDATE_DIMMED, SELECTED = range(5)


class TimelineStyle:
    """Fonts, category colours and the caches of the drawing. One per widget; rebuild it
    when the data (colours, candidates), the font or the device pixel ratio change."""

    def __init__(
        self,
        colors: Iterable[QColor | str],
        font: QFont | None = None,
        *,
        candidates: Iterable[int] = (),
        dpr: float = 1.0,
    ) -> None:
        self.colors = tuple(QColor(c) for c in colors)
        self.inks = tuple(palette.ink(c) for c in self.colors)
        self.candidates = frozenset(candidates)
        self.dpr = dpr
        base = QFont(font) if font is not None else QFont()
        self.label_font = _sized(base, LABEL_PX)
        self.axis_font = _sized(base, AXIS_PX)
        self.small_font = _sized(base, SMALL_PX)
        self.label_metrics = QFontMetricsF(self.label_font)
        self.axis_metrics = QFontMetricsF(self.axis_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self._widths: dict[str, float] = {}
        self._small_widths: dict[str, float] = {}
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}
        self._brushes: dict[tuple[object, ...], QBrush] = {}
        self._luts: dict[tuple[object, ...], npt.NDArray[np.uint32]] = {}
        self._text_pixmaps: dict[tuple[str, str, int], QPixmap] = {}
        self._texts_seen: set[tuple[str, str, int]] = set()
        self._fonts = {
            "label": (self.label_font, self.label_metrics),
            "small": (self.small_font, self.small_metrics),
            "axis": (self.axis_font, self.axis_metrics),
        }
        self._overview: _OverviewCache | None = None
        self.gutter = 0.0  # legend column left of the frame (set by fit_gutter)

    def fit_gutter(self, labels: Sequence[str]) -> float:
        """Width of the legend column for these band labels (longer ones are elided)."""
        if not labels:
            self.gutter = 0.0
        else:
            text = max(self.label_width(label) for label in labels)
            self.gutter = float(math.ceil(min(max(text + _CHIP_ROOM, MIN_GUTTER), MAX_GUTTER)))
        return self.gutter

    # -- measuring (memoised: build_frame asks for the same titles frame after frame) ------------

    def label_width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 100_000:
                self._widths.clear()
            width = self._widths[text] = self.label_metrics.horizontalAdvance(text)
        return width

    def small_width(self, text: str) -> float:
        width = self._small_widths.get(text)
        if width is None:
            width = self._small_widths[text] = self.small_metrics.horizontalAdvance(text)
        return width

    # -- colours ---------------------------------------------------------------------------------

    def color(self, category: int) -> QColor:
        return self.colors[category] if 0 <= category < len(self.colors) else _UNKNOWN_CATEGORY

    def ink(self, category: int) -> QColor:
        if 0 <= category < len(self.inks):
            return self.inks[category]
        return palette.ink(_UNKNOWN_CATEGORY)

    def shade(self, category: int, dimmed: bool) -> QColor:
        """The bar colour of a category; faded when a search dims the item."""
        ink = self.ink(category)
        return palette.washed(ink, 0.75) if dimmed else ink

    def font(self, kind: str) -> tuple[QFont, QFontMetricsF]:
        """'label' (titles), 'small' (counts; titles in tight rows) or 'axis'."""
        return self._fonts[kind]

    def text_pixmap(self, text: str, kind: str, color: QColor) -> QPixmap | None:
        """The text as a pixmap once it has been drawn before, else None (draw it as text).

        drawText lays out and rasterises on every call (~20 us); a cached pixmap is a blit
        (~4 us). Titles seen once may never come back, so the pixmap is made the second
        time: panning and zooming reuse it, a one-off text costs one drawText.
        """
        key = (text, kind, color.rgba())
        cache = self._text_pixmaps
        found = cache.pop(key, None)
        if found is not None:
            cache[key] = found  # most recently used last
            return found
        if key not in self._texts_seen:
            if len(self._texts_seen) > 20_000:
                self._texts_seen.clear()
            self._texts_seen.add(key)
            return None
        if len(cache) >= TEXT_CACHE_SIZE:
            del cache[next(iter(cache))]
        found = cache[key] = _text_pixmap(self, text, kind, color)
        return found

    def density_lut(self, category: int, parity: int, searching: bool) -> npt.NDArray[np.uint32]:
        key = ("density", category, parity, searching)
        found = self._luts.get(key)
        if found is None:
            shade = palette.BAND_ALTERNATE if parity else palette.BACKGROUND
            found = self._luts[key] = _density_lut(self.ink(category), shade, searching)
        return found

    def brush(self, key: tuple[object, ...]) -> QBrush:
        found = self._brushes.get(key)
        if found is None:
            found = self._brushes[key] = _make_brush(self, key)
        return found

    # -- pixmaps ---------------------------------------------------------------------------------

    def diamond(self, category: int, look: int, size: float) -> QPixmap:
        key = ("diamond", category, look, size)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = _diamond_pixmap(self, category, look, size)
        return found

    def legend(self, category: int, label: str) -> QPixmap:
        key = ("legend", category, label, self.gutter)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = _legend_pixmap(self, category, label)
        return found

    def overview(self, overview: Overview) -> QPixmap:
        cache = self._overview
        if cache is None or not cache.matches(overview):
            cache = _OverviewCache.of(overview, _overview_pixmap(self, overview))
            self._overview = cache
        return cache.pixmap


def paint_frame(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """Draw the legend column (style.gutter px wide) at the painter's origin and `frame`
    right of it: backgrounds, grid, density, boxes, labels, overflow marks, axis, today
    line, hover line and the overview strip."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.translate(style.gutter, 0.0)
    plot_bottom = frame.overview.y0
    _backgrounds(painter, frame, plot_bottom, style.gutter)
    painter.setClipRect(QRectF(0.0, 0.0, float(frame.width), float(frame.height)))
    _density(painter, frame, style)
    _grid(painter, frame, plot_bottom)
    if frame.items:
        cols = _Columns(frame.items, style, frame.row_height)
        _items(painter, frame, style, cols)
        _overflow(painter, frame, style, cols)
    elif frame.overflow:
        _overflow(painter, frame, style, _Columns([], style, frame.row_height))
    _axis(painter, frame, style)
    _today(painter, frame, plot_bottom)
    _hover(painter, frame, style, plot_bottom)
    _overview(painter, frame.overview, style)
    painter.setClipping(False)
    _legend(painter, frame, style)
    painter.restore()


def paint_hover(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """Only the hover line and date, over the same frame painted before without them."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.translate(style.gutter, 0.0)
    painter.setClipRect(QRectF(0.0, 0.0, float(frame.width), float(frame.height)))
    _hover(painter, frame, style, frame.overview.y0)
    painter.restore()


# -- backgrounds, grid, axis --------------------------------------------------------------------


def _backgrounds(painter: QPainter, frame: Frame, plot_bottom: float, gutter: float) -> None:
    # Each pixel is filled once: axis, bands (alternating, legend column included), what is
    # left above the strip, and the strip's part of the legend column.
    left, width = -gutter, frame.width + gutter
    ay0, ay1 = frame.axis
    painter.fillRect(QRectF(left, ay0, width, ay1 - ay0), palette.AXIS_BACKGROUND)
    bottom = ay1
    covered = _density_rows(frame)
    for band_index, band in enumerate(frame.bands):
        shade = _band_shade(band_index)
        if band_index not in covered:
            painter.fillRect(QRectF(left, band.y0, width, band.y1 - band.y0), shade)
        else:  # density strips paint their full-width rows themselves
            painter.fillRect(QRectF(left, band.y0, gutter, band.y1 - band.y0), shade)
            top = round(band.y0)
            for y0, y1 in [*covered[band_index], (round(band.y1), round(band.y1))]:
                if y0 > top:
                    painter.fillRect(QRect(0, top, frame.width, y0 - top), shade)
                top = max(top, y1)
        bottom = band.y1
    if plot_bottom > bottom:
        painter.fillRect(QRectF(left, bottom, width, plot_bottom - bottom), palette.BACKGROUND)
    if gutter > 0:
        overview = frame.overview
        strip = QRectF(left, overview.y0, gutter, overview.y1 - overview.y0)
        painter.fillRect(strip, palette.OVERVIEW_BACKGROUND)


def _density_rows(frame: Frame) -> dict[int, list[tuple[int, int]]]:
    """Per band, the pixel rows its density strips cover (top to bottom)."""
    rows: dict[int, list[tuple[int, int]]] = {}
    for strip in frame.density:
        rows.setdefault(strip.band, []).append((round(strip.y0), round(strip.y1)))
    return {band: sorted(spans) for band, spans in rows.items()}


def _grid(painter: QPainter, frame: Frame, plot_bottom: float) -> None:
    if frame.ticks.major:
        painter.setPen(QPen(palette.GRID, 1.0))
        painter.drawLines(_verticals([t.x for t in frame.ticks.major], frame.axis[1], plot_bottom))


def _verticals(xs: Sequence[float], y0: float, y1: float) -> list[QLineF]:
    """1-px vertical lines centred in the pixel columns of xs."""
    x = (np.floor(np.asarray(xs, dtype=np.float64)) + 0.5).tolist()
    n = len(x)
    return list(map(QLineF, x, [y0] * n, x, [y1] * n))


def _axis(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    ay0, ay1 = frame.axis
    painter.setPen(QPen(palette.RULE, 1.0))
    marks = _verticals([t.x for t in frame.ticks.major], ay1 - TICK_PX, ay1)
    marks += _verticals([t.x for t in frame.ticks.minor], ay1 - MINOR_TICK_PX, ay1)
    marks.append(QLineF(0.0, ay1 - 0.5, float(frame.width), ay1 - 0.5))
    painter.drawLines(marks)
    writer = _Writer(painter, style, "axis")
    baseline = _baseline(style.axis_metrics, ay0, ay1 - 2)
    for tick in frame.ticks.major:
        writer.text(tick.x + 3, baseline, tick.label, palette.TEXT_MUTED)


def _today(painter: QPainter, frame: Frame, plot_bottom: float) -> None:
    if frame.today_x is None:
        return
    x, top = frame.today_x, frame.axis[1]
    painter.setPen(QPen(palette.TODAY, 1.5))
    painter.drawLine(QLineF(x, top, x, plot_bottom))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.TODAY)
    painter.drawPolygon(
        QPolygonF([QPointF(x - 5, top - 6), QPointF(x + 5, top - 6), QPointF(x, top)])
    )
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def _hover(painter: QPainter, frame: Frame, style: TimelineStyle, plot_bottom: float) -> None:
    hover = frame.hover
    if hover is None:
        return
    ay0, ay1 = frame.axis
    painter.setPen(QPen(palette.with_alpha(palette.HOVER, 0.35), 1.0))
    painter.drawLine(QLineF(_px(hover.x), ay1, _px(hover.x), plot_bottom - 1))
    width = style.axis_metrics.horizontalAdvance(hover.label) + 10
    left = min(max(hover.x - width / 2, 0.0), frame.width - width)
    badge = QRectF(left, ay0 + 2, width, ay1 - ay0 - 4)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.HOVER)
    painter.drawRoundedRect(badge, 3.0, 3.0)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setFont(style.axis_font)
    painter.setPen(palette.BACKGROUND)
    painter.drawText(QPointF(left + 5, _baseline(style.axis_metrics, ay0, ay1 - 2)), hover.label)


def _legend(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """Category chip and label in the column left of each band, and the column's edge."""
    if style.gutter <= 0:
        return
    for band in frame.bands:
        chip = style.legend(band.category, band.label)
        top = band.y0 + min(6.0, max((band.y1 - band.y0 - chip.height() / style.dpr) / 2, 0.0))
        painter.drawPixmap(QPointF(-style.gutter, round(top)), chip)
    painter.setPen(QPen(palette.RULE, 1.0))
    painter.drawLine(QLineF(-0.5, 0.0, -0.5, float(frame.height)))


# -- density and overflow -----------------------------------------------------------------------


def _band_shade(band: int) -> QColor:
    return palette.BAND_ALTERNATE if band % 2 else palette.BACKGROUND


def _density(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """Each strip is one opaque row of pixels stretched down over the strip, full width: the
    category ink blended into the band's background, stronger where busier (square root,
    so a single event still shows); with a search, hit bins keep the ink and the rest fades
    to grey. Rows are resampled to pixel columns here, so Qt only stretches vertically."""
    strips = frame.density
    if not strips:
        return
    width, n = max(frame.width, 1), len(strips)
    searching = strips[0].hits is not None
    lut = np.stack(
        [style.density_lut(frame.bands[s.band].category, s.band % 2, searching) for s in strips]
    )
    sizes = np.array([len(s.counts) for s in strips], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    # Colour of every bin, then one sentinel per strip (its background) for the columns
    # outside it.
    colour = np.concatenate(
        (lut[np.repeat(np.arange(n), sizes), _density_levels(frame)], lut[:, 0])
    )
    # All strips share one bin grid: a column's bin differs between strips by a whole shift.
    bin_px, left = strips[0].bin_px, min(s.x0 for s in strips)
    shift = np.rint((np.array([s.x0 for s in strips]) - left) / bin_px).astype(np.int32)
    column_bin = np.floor((np.arange(width) + 0.5 - left) / bin_px).astype(np.int32)
    index = column_bin[None, :] - shift[:, None]
    # One unsigned compare finds both index < 0 and index >= size.
    outside = index.view(np.uint32) >= sizes[:, None].astype(np.uint32)
    # The first column of each bin shows the background: a comb reads as counts, never as
    # one long event.
    outside[:, 1:] |= index[:, 1:] != index[:, :-1]
    sentinel = (starts[-1] + np.arange(n, dtype=np.int32))[:, None]
    index = np.where(outside, sentinel, index + starts[:-1, None].astype(np.int32))
    rows = colour[index]
    data = rows.tobytes()
    stride = 4 * width
    for k, strip in enumerate(strips):
        # A 1-pixel-high pixmap tiled down the strip: cheaper than stretching an image.
        row = QImage(data[k * stride : (k + 1) * stride], width, 1, stride, _ROW_FORMAT)
        y0 = round(strip.y0)
        target = QRect(0, y0, width, round(strip.y1) - y0)
        painter.drawTiledPixmap(target, QPixmap.fromImage(row))


_ROW_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


DENSITY_LEVELS = 48
DENSITY_FULL = 12  # events in a bin for full strength, at least


def _density_levels(frame: Frame) -> npt.NDArray[np.int64]:
    """Per bin of all strips: 0 (nothing to show), 1..L (busyness), L+1..2L (search hits)."""
    strips = frame.density
    counts = np.concatenate([s.counts for s in strips])
    dense = np.concatenate([s.dense for s in strips]) & (counts > 0)
    # Relative to the busiest bin, but a handful of events never looks like a crowd.
    scale = (DENSITY_LEVELS - 1) / math.sqrt(max(frame.density_max, DENSITY_FULL))
    level = np.where(dense, 1 + (np.sqrt(counts) * scale).astype(np.int64), 0)
    if strips[0].hits is None:
        return level
    hits = np.concatenate([s.counts * 0 if s.hits is None else s.hits for s in strips])
    lit = dense & (hits > 0)
    lit_level = DENSITY_LEVELS + 1 + (np.sqrt(hits) * scale).astype(np.int64)
    return np.where(lit, lit_level, level)


def _density_lut(ink: QColor, shade: QColor, searching: bool) -> npt.NDArray[np.uint32]:
    """Opaque premultiplied colours by level: shade, L busyness steps, L hit steps."""
    steps = np.arange(DENSITY_LEVELS) / (DENSITY_LEVELS - 1)
    base = np.array(_rgb(palette.TEXT_DIMMED if searching else ink), dtype=np.float64)
    target = np.concatenate(
        (
            np.repeat(base[None, :], DENSITY_LEVELS + 1, 0),
            np.repeat(np.array([_rgb(ink)], np.float64), DENSITY_LEVELS, 0),
        )
    )
    alpha = np.concatenate(
        ([0.0], (0.1 + 0.5 * steps) * (0.45 if searching else 1.0), 0.3 + 0.5 * steps)
    )
    back = np.array(_rgb(shade), dtype=np.float64)
    c = np.clip(back + (target - back) * alpha[:, None] + 0.5, 0, 255).astype(np.uint32)
    return np.asarray(0xFF000000 | (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2], dtype=np.uint32)


def _overflow(painter: QPainter, frame: Frame, style: TimelineStyle, cols: _Columns) -> None:
    """A dotted line under each run of hidden events; '+n' where it touches no box or label
    (at the run's right end, else its left end)."""
    marks = frame.overflow
    if not marks:
        return
    x0, x1, y = np.array([(m.x0, m.x1, m.y) for m in marks], dtype=np.float64).T
    line_y = np.floor(y) + 0.5
    painter.setPen(QPen(palette.TEXT_MUTED, 1.0, Qt.PenStyle.DotLine))
    painter.drawLines(list(map(QLineF, x0.tolist(), line_y.tolist(), x1.tolist(), line_y.tolist())))
    long = np.flatnonzero(x1 - x0 >= MIN_COUNT_RUN_PX)
    if not len(long):
        return
    texts = [f"+{marks[k].hidden}" for k in long.tolist()]
    width = np.array([style.small_width(t) for t in texts])
    x0, x1, y = x0[long], x1[long], y[long]
    fits = x1 - x0 >= width + 6
    top = y - style.small_metrics.ascent() - 1
    right, left = x1 - width - 2, x0 + 2
    right_free = fits & cols.free(right - 2, right + width + 2, top, y)
    left_free = fits & ~right_free & cols.free(left - 2, left + width + 2, top, y)
    writer = _Writer(painter, style, "small")
    for k in np.flatnonzero(right_free | left_free).tolist():
        at = right[k] if right_free[k] else left[k]
        writer.text(at, y[k] - 2, texts[k], palette.TEXT_MUTED)


# -- boxes and labels ---------------------------------------------------------------------------


class _Columns:
    """The frame's items as numpy columns (one transpose per frame), for batching."""

    def __init__(self, items: Sequence[Item], style: TimelineStyle, row_height: float) -> None:
        n = len(items)
        columns = list(zip(*items, strict=True)) or [()] * len(Item._fields)
        (
            ids,
            _band,
            _row,
            x0,
            x1,
            y,
            kind,
            precision,
            end_precision,
            category,
            selected,
            dimmed,
            label,
            label_x,
            label_w,
        ) = columns
        self.labels: tuple[str | None, ...] = label
        floats = np.array((x0, x1, y, label_x, label_w), dtype=np.float64).reshape(5, n)
        self.x0, self.x1, self.y, self.label_x, self.label_w = floats
        ints = np.array((precision, end_precision, category), dtype=np.int64).reshape(3, n)
        self.precision, self.end_precision, self.category = ints
        self.selected, self.dimmed = np.array((selected, dimmed), dtype=np.bool_).reshape(2, n)
        self.point = np.fromiter(map("point".__eq__, kind), np.bool_, n)
        self.faint = np.fromiter(map("fuzzy-span".__eq__, kind), np.bool_, n)
        wanted = style.candidates
        self.candidate = (
            np.fromiter(map(wanted.__contains__, ids), np.bool_, n)
            if wanted
            else np.zeros(n, dtype=np.bool_)
        )
        self.half_row = row_height / 2

    def free(
        self,
        x0: npt.NDArray[np.float64],
        x1: npt.NDArray[np.float64],
        y0: npt.NDArray[np.float64],
        y1: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.bool_]:
        """Per box (x0, x1, y0, y1): True where no item's box or label meets it."""
        if not len(self.x0) or not len(x0):
            return np.ones(len(x0), dtype=np.bool_)
        reach = np.maximum(self.x1, self.label_x + self.label_w)  # box, or box and label
        clash = np.less.outer(x0, reach)
        clash &= np.greater.outer(x1, self.x0)
        clash &= np.greater.outer(y1, self.y - self.half_row)
        clash &= np.less.outer(y0, self.y + self.half_row)
        free: npt.NDArray[np.bool_] = ~clash.any(axis=1)
        return free


def _items(painter: QPainter, frame: Frame, style: TimelineStyle, cols: _Columns) -> None:
    size = min(POINT_PX, max(frame.row_height - 2, 5.0))
    height = max(frame.row_height - 3, 3.0)
    plain = ~cols.selected
    _points(painter, style, cols, plain & cols.point, size)
    bars = _BarGeometry(cols, height, float(frame.width))
    group = cols.category * 2 + cols.dimmed
    for key, parts in bars.grouped(plain & ~cols.point, group).items():
        category, dimmed = divmod(key, 2)
        _draw_bars(painter, style, category, bool(dimmed), parts)
    if cols.selected.any():
        _draw_selected(painter, style, cols, int(np.argmax(cols.selected)), size, bars)
    _labels(painter, frame, style, cols)


def _points(
    painter: QPainter,
    style: TimelineStyle,
    cols: _Columns,
    which: npt.NDArray[np.bool_],
    size: float,
) -> None:
    """One drawPixmap per diamond, grouped by pixmap (category and look)."""
    look = np.where(cols.candidate, CANDIDATE + cols.dimmed, cols.dimmed.astype(np.int64))
    key = cols.category * 8 + look
    # Whole pixels: crisp diamonds, and the int overload is the cheapest call (~1 us).
    left = np.rint((cols.x0 + cols.x1 - size) / 2).astype(np.int64)
    top = np.rint(cols.y - size / 2).astype(np.int64)
    draw = painter.drawPixmap
    for k in np.unique(key[which]).tolist():
        pixmap = style.diamond(k // 8, k % 8, size)
        chosen = which & (key == k)
        for x, y in zip(left[chosen].tolist(), top[chosen].tolist(), strict=True):
            draw(x, y, pixmap)


class _BarGeometry:
    """The parts of every bar: body (or faint body), then at each end a solid cap (end
    known to the day) or a fade (known to the month or year), skipped when off screen.
    A bar narrower than NARROW_BAR_PX is one rect: solid when both ends are known to the
    day, a body otherwise (at that size ends cannot show their precision)."""

    def __init__(self, cols: _Columns, height: float, width: float) -> None:
        x0, x1 = cols.x0, cols.x1
        self.height, self.width = height, width
        self.top = cols.y - height / 2
        fuzzy_left, fuzzy_right = cols.precision > 0, cols.end_precision > 0
        fuzzy = fuzzy_left | fuzzy_right | cols.faint
        wide = x1 - x0 >= NARROW_BAR_PX
        third = (x1 - x0) / 3
        left = np.minimum(np.where(fuzzy_left, FADE_PX, CAP_PX), third)
        right = np.minimum(np.where(fuzzy_right, FADE_PX, CAP_PX), third)
        show_left, show_right = wide & (x0 + left > -1), wide & (x1 - right < width + 1)
        b0, b1 = np.maximum(x0 + left, -2.0), np.minimum(x1 - right, width + 2)
        c0, c1 = np.maximum(x0, -2.0), np.minimum(x1, width + 2)
        body = wide & (b1 > b0)
        # part -> (mask, x, width) pieces; 'cap' and 'body' take narrow bars too.
        self.parts: list[
            tuple[str, npt.NDArray[np.bool_], npt.NDArray[np.float64], npt.NDArray[np.float64]]
        ] = [
            ("body", body & ~cols.faint, b0, b1 - b0),
            ("body", ~wide & fuzzy, c0, c1 - c0),
            ("faint", body & cols.faint, b0, b1 - b0),
            ("cap", show_left & ~fuzzy_left, x0, left),
            ("cap", show_right & ~fuzzy_right, x1 - right, right),
            ("cap", ~wide & ~fuzzy, c0, c1 - c0),
            ("fade_left", show_left & fuzzy_left, x0, left),
            ("fade_right", show_right & fuzzy_right, x1 - right, right),
            ("candidate", cols.candidate, c0 + 0.5, c1 - c0 - 1),
        ]

    def grouped(
        self, which: npt.NDArray[np.bool_], group: npt.NDArray[np.int64]
    ) -> dict[int, dict[str, list[QRectF]]]:
        """Rects of the chosen bars by group, then part: every piece in one pass, sorted
        by (group, part) and sliced."""
        index = [np.flatnonzero(mask & which) for _, mask, _, _ in self.parts]
        sizes = [len(i) for i in index]
        if not sum(sizes):
            return {}
        codes = np.array([_PARTS.index(part) for part, _, _, _ in self.parts])
        part = np.repeat(codes, sizes)
        rows = np.concatenate(index)
        x = np.concatenate([p[2][i] for p, i in zip(self.parts, index, strict=True)])
        w = np.concatenate([p[3][i] for p, i in zip(self.parts, index, strict=True)])
        inset = np.where(part == _PARTS.index("candidate"), 0.5, 0.0)
        key = group[rows] * len(_PARTS) + part
        order = np.argsort(key, kind="stable")
        rects = list(
            map(
                QRectF,
                x[order].tolist(),
                (self.top[rows] + inset)[order].tolist(),
                w[order].tolist(),
                (self.height - 2 * inset)[order].tolist(),
            )
        )
        key = key[order]
        starts = [0, *(np.flatnonzero(np.diff(key)) + 1).tolist()]
        out: dict[int, dict[str, list[QRectF]]] = {}
        for a, b in zip(starts, [*starts[1:], len(key)], strict=True):
            g, code = divmod(int(key[a]), len(_PARTS))
            out.setdefault(g, {})[_PARTS[code]] = rects[a:b]
        return out


_PARTS = ("body", "faint", "cap", "fade_left", "fade_right", "candidate")


def _draw_bars(
    painter: QPainter,
    style: TimelineStyle,
    category: int,
    dimmed: bool,
    parts: dict[str, list[QRectF]],
) -> None:
    """One drawRects per part of the (category, dimmed) group."""
    painter.setPen(Qt.PenStyle.NoPen)
    for part in ("body", "faint", "cap", "fade_left", "fade_right"):
        if part in parts:
            painter.setBrush(style.brush((part, category, dimmed)))
            painter.drawRects(parts[part])
    if "candidate" in parts:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(style.shade(category, dimmed), 1.0, Qt.PenStyle.DashLine))
        painter.drawRects(parts["candidate"])


def _draw_selected(
    painter: QPainter,
    style: TimelineStyle,
    cols: _Columns,
    k: int,
    size: float,
    bars: _BarGeometry,
) -> None:
    """The selected item on top: a larger diamond ringed in the selection colour, or its
    bar with a selection frame."""
    category = int(cols.category[k])
    if cols.point[k]:
        big = size + 6
        centre = (cols.x0[k] + cols.x1[k]) / 2
        pixmap = style.diamond(category, SELECTED, big)
        painter.drawPixmap(QPointF(centre - big / 2, cols.y[k] - big / 2), pixmap)
        return
    only = np.zeros(len(cols.x0), dtype=np.bool_)
    only[k] = True
    for parts in bars.grouped(only, cols.category).values():
        _draw_bars(painter, style, category, False, parts)
    x0, x1 = max(float(cols.x0[k]), -4.0), min(float(cols.x1[k]), bars.width + 4)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(palette.SELECTION, 2.0))
    top = float(bars.top[k])
    painter.drawRect(QRectF(x0 - 2, top - 2, x1 - x0 + 4, bars.height + 4))


def _labels(painter: QPainter, frame: Frame, style: TimelineStyle, cols: _Columns) -> None:
    """Each label once, vertically centred on its row; one running off the right edge is
    elided (or dropped when there is no room for a word)."""
    labelled = np.flatnonzero(cols.label_w > 0)
    if not len(labelled):
        return
    # Tight rows take the smaller font: it still fits the width the frame measured.
    writer = _Writer(painter, style, "small" if frame.row_height < 11 else "label")
    offset = (writer.metrics.ascent() - writer.metrics.descent()) / 2
    baseline = np.round(cols.y + offset).tolist()
    left = np.round(cols.label_x).tolist()
    right_edge = frame.width - 2.0
    for k in labelled.tolist():
        text = cols.labels[k]
        if not text:
            continue
        color = palette.TEXT_DIMMED if cols.dimmed[k] else palette.TEXT
        if left[k] + cols.label_w[k] <= right_edge:
            writer.text(left[k], baseline[k], text, color)
        elif right_edge - left[k] >= MIN_ELIDED_PX:
            room = right_edge - left[k]
            elided = writer.metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            writer.plain(left[k], baseline[k], elided, color)


def _text_pixmap(style: TimelineStyle, text: str, kind: str, color: QColor) -> QPixmap:
    """`text` as drawText would draw it: 1 px right of the pixmap's left edge, on a baseline
    _rise(metrics) px below its top."""
    font, metrics = style.font(kind)
    rise = _rise(metrics)
    width = math.ceil(metrics.horizontalAdvance(text)) + 3
    height = rise + math.ceil(metrics.descent()) + 1
    pixmap = QPixmap(math.ceil(width * style.dpr), math.ceil(height * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setFont(font)
    p.setPen(color)
    p.drawText(QPointF(1, rise), text)
    p.end()
    return pixmap


def _rise(metrics: QFontMetricsF) -> int:
    return math.ceil(metrics.ascent()) + 1


class _Writer:
    """Short texts on a baseline in one font: a cached pixmap when the text was drawn
    before, drawText otherwise (the pen changes only when the colour does)."""

    def __init__(self, painter: QPainter, style: TimelineStyle, kind: str) -> None:
        self.painter, self.style, self.kind = painter, style, kind
        font, metrics = style.font(kind)
        self.metrics, self.rise = metrics, _rise(metrics)
        self.pen: QColor | None = None
        painter.setFont(font)

    def text(self, x: float, baseline: float, text: str, color: QColor) -> None:
        left, base = round(x), round(baseline)
        pixmap = self.style.text_pixmap(text, self.kind, color)
        if pixmap is not None:
            self.painter.drawPixmap(left - 1, base - self.rise, pixmap)
        else:
            self.plain(left, base, text, color)

    def plain(self, x: float, baseline: float, text: str, color: QColor) -> None:
        """Always drawText (texts that change from frame to frame)."""
        if color is not self.pen:
            self.painter.setPen(color)
            self.pen = color
        self.painter.drawText(QPointF(x, baseline), text)


# -- overview -----------------------------------------------------------------------------------


def _overview(painter: QPainter, overview: Overview, style: TimelineStyle) -> None:
    painter.drawPixmap(QPointF(overview.x0, overview.y0), style.overview(overview))
    x0, x1 = overview.window_x0, overview.window_x1
    window = QRectF(_px(x0), overview.y0 + 1.5, max(x1 - x0, 1.0), overview.y1 - overview.y0 - 3)
    painter.setPen(QPen(palette.with_alpha(palette.OVERVIEW_WINDOW, 0.85), 1.0))
    painter.setBrush(palette.with_alpha(palette.OVERVIEW_WINDOW, 0.1))
    painter.drawRect(window)


class _OverviewCache(NamedTuple):
    counts: object
    ticks: object
    box: tuple[float, float, float, float]
    pixmap: QPixmap

    @classmethod
    def of(cls, overview: Overview, pixmap: QPixmap) -> _OverviewCache:
        return cls(overview.counts, overview.ticks, _box(overview), pixmap)

    def matches(self, overview: Overview) -> bool:
        # The frame reuses the same counts and ticks objects until the strip changes.
        return (
            self.counts is overview.counts
            and self.ticks is overview.ticks
            and self.box == _box(overview)
        )


def _box(overview: Overview) -> tuple[float, float, float, float]:
    return (overview.x0, overview.y0, overview.x1, overview.y1)


def _overview_pixmap(style: TimelineStyle, overview: Overview) -> QPixmap:
    width = max(round(overview.x1 - overview.x0), 1)
    height = max(round(overview.y1 - overview.y0), 1)
    image = QImage(
        round(width * style.dpr),
        round(height * style.dpr),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(style.dpr)
    image.fill(palette.OVERVIEW_BACKGROUND)
    p = QPainter(image)
    top_text = style.small_metrics.ascent() + 2
    bars = _histogram(overview.counts, overview.max, width, height, int(top_text) + 3)
    p.drawImage(QRectF(0, 0, width, height), bars)
    p.setPen(QPen(palette.RULE, 1.0))
    p.drawLine(QLineF(0, 0.5, width, 0.5))
    p.drawLines([QLineF(_px(t.x), 1, _px(t.x), height) for t in overview.ticks.major])
    p.drawLines([QLineF(_px(t.x), height - 3, _px(t.x), height) for t in overview.ticks.minor])
    p.setFont(style.small_font)
    p.setPen(palette.TEXT_MUTED)
    for tick in overview.ticks.major:
        p.drawText(QPointF(tick.x + 3, top_text), tick.label)
    p.end()
    return QPixmap.fromImage(image)


def _histogram(
    counts: npt.NDArray[np.int32], peak: int, width: int, height: int, top: int
) -> QImage:
    """Columns of OVERVIEW_BARS from the bottom, square-root scaled, on transparency."""
    room = max(height - top - 1, 1)
    values = np.zeros(width, dtype=np.float64)
    values[: min(width, len(counts))] = counts[:width]
    tall = np.where(values > 0, np.ceil(np.sqrt(values / max(peak, 1)) * room), 0)
    rows = np.arange(height)[:, None]
    filled = rows >= (height - tall)[None, :]
    color = palette.OVERVIEW_BARS
    pixel = np.uint32(0xFF000000 | (color.red() << 16) | (color.green() << 8) | color.blue())
    argb = np.where(filled, pixel, np.uint32(0)).astype(np.uint32)
    data = np.ascontiguousarray(argb).tobytes()
    return QImage(data, width, height, 4 * width, QImage.Format.Format_ARGB32_Premultiplied).copy()


# -- cached pixmaps and brushes -----------------------------------------------------------------


def _make_brush(style: TimelineStyle, key: tuple[object, ...]) -> QBrush:
    part, category, dimmed = key
    assert isinstance(category, int)
    shade = style.shade(category, bool(dimmed))
    if part == "cap":
        return QBrush(shade)
    if part in ("body", "faint"):
        return QBrush(palette.with_alpha(shade, _BODY_ALPHA if part == "body" else _FAINT_ALPHA))
    # A fade: transparent at the outer end, the faint body colour at the inner end.
    gradient = QLinearGradient(QPointF(0, 0), QPointF(1, 0))
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    solid, clear = palette.with_alpha(shade, _FAINT_ALPHA + 0.06), palette.with_alpha(shade, 0.0)
    gradient.setColorAt(0.0, clear if part == "fade_left" else solid)
    gradient.setColorAt(1.0, solid if part == "fade_left" else clear)
    return QBrush(gradient)


def _diamond_pixmap(style: TimelineStyle, category: int, look: int, size: float) -> QPixmap:
    pixmap = QPixmap(math.ceil(size * style.dpr), math.ceil(size * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill, outline = style.color(category), palette.ink(style.color(category)).darker(115)
    line = 1.0
    if look in (DIMMED, CANDIDATE_DIMMED):
        fill, outline = palette.washed(fill, 0.75), palette.washed(outline, 0.7)
    if look in (CANDIDATE, CANDIDATE_DIMMED):
        fill, line = palette.BACKGROUND, 1.6
    if look == SELECTED:
        outline, line = palette.SELECTION, 2.0
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(outline, line))
    p.setBrush(fill)
    half, inset = size / 2, line / 2 + 0.25
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(half, inset),
                QPointF(size - inset, half),
                QPointF(half, size - inset),
                QPointF(inset, half),
            ]
        )
    )
    p.end()
    return pixmap


def _legend_pixmap(style: TimelineStyle, category: int, label: str) -> QPixmap:
    """Chip and label on transparency, the label elided to the legend column."""
    metrics = style.label_metrics
    chip = LEGEND_CHIP
    height = math.ceil(metrics.height()) + 2
    width = max(math.floor(style.gutter), 1)
    room = width - _CHIP_ROOM
    text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
    pixmap = QPixmap(math.ceil(width * style.dpr), math.ceil(height * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(palette.ink(style.color(category)).darker(115), 1.0))
    p.setBrush(style.color(category))
    p.drawRoundedRect(QRectF(LEGEND_PAD + 0.5, (height - chip) / 2, chip, chip), 2.0, 2.0)
    p.setFont(style.label_font)
    p.setPen(palette.TEXT)
    p.drawText(QPointF(LEGEND_PAD + chip + 6, _baseline(metrics, 0, height)), text)
    p.end()
    return pixmap


# -- small helpers ------------------------------------------------------------------------------


def _sized(font: QFont, pixels: int) -> QFont:
    out = QFont(font)
    out.setPixelSize(pixels)
    return out


def _px(x: float) -> float:
    """Centre of the pixel column holding x: 1-px lines stay sharp without antialiasing."""
    return math.floor(x) + 0.5


def _baseline(metrics: QFontMetricsF, y0: float, y1: float) -> float:
    return round((y0 + y1 + metrics.ascent() - metrics.descent()) / 2)


def _rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()
