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
  * density (more events than rows) is a comb of bins, never a solid bar;
  * events known only as one month or year that have no row left are a cluster: a hatched
    bar over their month or year, labelled with how many they are.

Selected events are ringed (diamonds) or framed (bars) in the selection colour, the
current one on top. Coloured marks (tags) are small dots before an item's label.

Batching: the frame's items come as numpy columns. Bars are grouped per (category, dimmed)
into one `drawRects` per part (bodies, faint bodies, solid caps, left fades, right fades,
candidate outlines); each diamond is one `drawPixmap`, and so are an item's marks. Texts
(labels, tick labels, '+n' counts) are one `drawText` the first time they are drawn and a
cached pixmap from the second (a blit is ~5x cheaper than laying text out); a label cut at
the right edge is elided once and cached. Density is one array with a row per strip, made
from the frame's count grid in numpy (resampled to pixel columns) and tiled down each
strip: one `drawTiledPixmap` per strip.
`paint_hover` draws only the hover line and date, over a frame painted before without.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

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

from uzkz_desktop.timeline import Frame, ItemColumns, Overview
from uzkz_desktop.timeline.frame import CLUSTER

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
MARK_PX = 5.0  # diameter of a coloured mark (Frame.mark_step px apart)
TEXT_CACHE_SIZE = 2500  # text pixmaps kept (labels, tick labels, counts; ~1.5 kB each)
MAX_PENDING_TEXTS = 1000  # texts drawn as text, queued for a pixmap at idle
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
        self.candidate_ids = np.array(sorted(self.candidates), dtype=np.int64)
        self.marks: dict[int, tuple[QColor, ...]] = {}  # event id -> its marks' colours
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
        self._pending_texts: dict[tuple[str, str, int], QColor] = {}  # to make at idle
        self.prepared: set[tuple[object, ...]] = set()  # see prepare_pixmaps
        self._elided: dict[tuple[str, str, int], str] = {}
        self._fonts = {
            "label": (self.label_font, self.label_metrics),
            "small": (self.small_font, self.small_metrics),
            "axis": (self.axis_font, self.axis_metrics),
        }
        self._overview: _OverviewCache | None = None
        self._legend_column: tuple[object, QPixmap] | None = None
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

    def elided(self, text: str, kind: str, width: float) -> str:
        """`text` elided to `width` px in a font kind, measured once per (text, width)."""
        key = (text, kind, math.floor(width))
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) > 5_000:
                self._elided.clear()
            metrics = self._fonts[kind][1]
            found = metrics.elidedText(text, Qt.TextElideMode.ElideRight, math.floor(width))
            self._elided[key] = found
        return found

    def is_candidate(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        known = self.candidate_ids
        if not len(known):
            return np.zeros(len(ids), dtype=np.bool_)
        pos = np.minimum(np.searchsorted(known, ids), len(known) - 1)
        found: npt.NDArray[np.bool_] = known[pos] == ids
        return found

    def set_marks(self, marks: dict[int, Sequence[QColor]]) -> None:
        self.marks = {int(k): tuple(QColor(c) for c in v) for k, v in marks.items() if v}

    def marks_pixmap(self, colors: tuple[QColor, ...], step: float) -> QPixmap:
        key = ("marks", tuple(c.rgba() for c in colors), step)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = _marks_pixmap(self, colors, step)
        return found

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
        """The text as a cached pixmap, or None: draw it as text this time.

        drawText lays out and rasterises on every call (~20 us); a cached pixmap is a blit
        (~2 us) but costs ~40 us to make. So a text not cached yet is drawn as text and
        queued; `make_pending_texts` (the widget calls it at idle, after a paint) makes the
        pixmaps, and the frames that follow (a pan, the next wheel notch) blit them."""
        key = (text, kind, color.rgba())
        cache = self._text_pixmaps
        found = cache.pop(key, None)
        if found is not None:
            cache[key] = found  # most recently used last
            return found
        if len(self._pending_texts) < MAX_PENDING_TEXTS:
            self._pending_texts[key] = color
        return None

    def pending_texts(self) -> int:
        return len(self._pending_texts)

    def make_pending_texts(self, limit: int) -> int:
        """Make up to `limit` of the queued text pixmaps, oldest first; how many are left."""
        cache, pending = self._text_pixmaps, self._pending_texts
        for key in list(itertools.islice(pending, limit)):
            color = pending.pop(key)
            if key in cache:
                continue
            if len(cache) >= TEXT_CACHE_SIZE:
                del cache[next(iter(cache))]
            cache[key] = _text_pixmap(self, key[0], key[1], color)
        return len(pending)

    def density_luts(
        self, categories: tuple[int, ...], bands: tuple[int, ...], searching: bool
    ) -> npt.NDArray[np.uint32]:
        """One density_lut row per strip (its band's category and parity), kept while the
        strips stay the same."""
        key = ("luts", categories, tuple(b % 2 for b in bands), searching)
        found = self._luts.get(key)
        if found is None:
            if len(self._luts) > 500:
                self._luts.clear()
            rows = [
                self.density_lut(c, b % 2, searching)
                for c, b in zip(categories, bands, strict=True)
            ]
            found = self._luts[key] = np.ascontiguousarray(np.stack(rows))
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

    def badge(self, text: str, height: float) -> QPixmap:
        """The hover date on its plate, kept per text (a hover moves through few)."""
        key = ("badge", text, height)
        found = self._pixmaps.get(key)
        if found is None:
            if len(self._pixmaps) > 5_000:
                self._pixmaps.clear()
            found = self._pixmaps[key] = _badge_pixmap(self, text, height)
        return found

    def cluster_glyph(self, category: int, dimmed: bool, height: float) -> QPixmap:
        """Three bars: the mark of a cluster, where it begins on screen."""
        key = ("glyph", category, dimmed, height)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = _glyph_pixmap(self, category, dimmed, height)
        return found

    def legend_column(self, frame: Frame) -> QPixmap:
        """The legend column of a frame (see _legend), kept while its bands stay put."""
        bands = tuple((b.category, b.label, b.y0, b.y1, b.collapsed) for b in frame.bands)
        key = (self.gutter, frame.height, frame.axis, frame.overview.y0, frame.overview.y1, bands)
        if self._legend_column is None or self._legend_column[0] != key:
            self._legend_column = (key, _legend_column_pixmap(self, frame))
        return self._legend_column[1]

    def legend(self, category: int, label: str, *, compact: bool = False) -> QPixmap:
        key = ("legend", category, label, self.gutter, compact)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = _legend_pixmap(self, category, label, compact)
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
    grid = _grid_columns(frame)
    _backgrounds(painter, frame, plot_bottom, grid)
    painter.setClipRect(QRectF(0.0, 0.0, float(frame.width), float(frame.height)))
    _density(painter, frame, style, grid)
    cols = _Columns(frame.columns, style, frame.row_height)
    if len(frame.columns):
        _items(painter, frame, style, cols)
    if frame.overflow:
        _overflow(painter, frame, style, cols)
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


def _backgrounds(painter: QPainter, frame: Frame, plot_bottom: float, grid: list[int]) -> None:
    """Each pixel of the plot is filled once: axis, bands (alternating) where no density
    strip will be, what is left above the strip. Below the axis the fill is a row pixmap
    tiled down, with the grid's 1-px vertical lines (opaque) already in it: full-height
    lines drawn one by one touch a cache line per pixel and cost more than the whole
    fill. The legend column is one cached pixmap."""
    width = frame.width
    ay0, ay1 = frame.axis
    painter.fillRect(QRectF(0.0, ay0, width, ay1 - ay0), palette.AXIS_BACKGROUND)
    rows: dict[int, QPixmap] = {}

    def fill(top: int, bottom: int, shade: QColor) -> None:
        if bottom > top:
            row = rows.get(shade.rgba())
            if row is None:
                row = rows[shade.rgba()] = _grid_row(width, shade, grid)
            painter.drawTiledPixmap(QRect(0, top, width, bottom - top), row)

    covered = _density_rows(frame)
    bottom = _row(ay1)
    for band_index, band in enumerate(frame.bands):
        shade = _band_shade(band_index)
        top = _row(band.y0)
        # Density strips paint their full-width rows themselves.
        for y0, y1 in [*covered.get(band_index, ()), (_row(band.y1), _row(band.y1))]:
            fill(top, y0, shade)
            top = max(top, y1)
        bottom = _row(band.y1)
    fill(bottom, _row(plot_bottom), palette.BACKGROUND)


def _row(y: float) -> int:
    """The first pixel row a fill from y covers (as Qt rounds a QRectF fill)."""
    return math.floor(y + 0.5)


def _grid_columns(frame: Frame) -> list[int]:
    """Pixel columns of the vertical grid lines (at major ticks) inside the frame."""
    return [c for c in (math.floor(t.x) for t in frame.ticks.major) if 0 <= c < frame.width]


def _grid_row(width: int, shade: QColor, grid: list[int]) -> QPixmap:
    row = np.full(max(width, 1), _argb(shade), dtype=np.uint32)
    row[np.asarray(grid, dtype=np.intp)] = _argb(palette.GRID)
    return QPixmap.fromImage(QImage(row.data, len(row), 1, 4 * len(row), _ROW_FORMAT))


def _argb(color: QColor) -> int:
    """An opaque colour as a premultiplied ARGB32 pixel."""
    return 0xFF000000 | (color.red() << 16) | (color.green() << 8) | color.blue()


def _density_rows(frame: Frame) -> dict[int, list[tuple[int, int]]]:
    """Per band, the pixel rows its density strips cover (top to bottom)."""
    layer = frame.layer
    rows: dict[int, list[tuple[int, int]]] = {}
    if layer is None:
        return rows
    for band, y0, y1 in zip(
        layer.band.tolist(), layer.y0.round().tolist(), layer.y1.round().tolist(), strict=True
    ):
        rows.setdefault(band, []).append((int(y0), int(y1)))
    return {band: sorted(spans) for band, spans in rows.items()}


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
    badge = style.badge(hover.label, ay1 - ay0 - 4)  # the date on a dark rounded plate
    width = badge.width() / style.dpr
    left = min(max(hover.x - width / 2, 0.0), frame.width - width)
    painter.drawPixmap(QPointF(round(left), ay0 + 2), badge)


def _badge_pixmap(style: TimelineStyle, text: str, height: float) -> QPixmap:
    metrics = style.axis_metrics
    width = math.ceil(metrics.horizontalAdvance(text) + 10)
    pixmap = QPixmap(math.ceil(width * style.dpr), math.ceil(height * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(palette.HOVER)
    p.drawRoundedRect(QRectF(0, 0, width, height), 3.0, 3.0)
    p.setFont(style.axis_font)
    p.setPen(palette.BACKGROUND)
    p.drawText(QPointF(5, _baseline(metrics, -2, height)), text)
    p.end()
    return pixmap


def _legend(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """The column left of the frame: its backgrounds, a chip and label per band (smaller
    and muted for a collapsed band) and its edge, as one pixmap kept while the bands stay
    where they are."""
    if style.gutter <= 0:
        return
    painter.drawPixmap(QPointF(-style.gutter, 0.0), style.legend_column(frame))


def _legend_column_pixmap(style: TimelineStyle, frame: Frame) -> QPixmap:
    gutter = math.ceil(style.gutter)
    pixmap = QPixmap(math.ceil(gutter * style.dpr), math.ceil(frame.height * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(palette.BACKGROUND)
    p = QPainter(pixmap)
    ay0, ay1 = frame.axis
    p.fillRect(QRectF(0.0, ay0, gutter, ay1 - ay0), palette.AXIS_BACKGROUND)
    for band_index, band in enumerate(frame.bands):
        p.fillRect(QRectF(0.0, band.y0, gutter, band.y1 - band.y0), _band_shade(band_index))
    overview = frame.overview
    p.fillRect(
        QRectF(0.0, overview.y0, gutter, overview.y1 - overview.y0), palette.OVERVIEW_BACKGROUND
    )
    for band in frame.bands:
        chip = style.legend(band.category, band.label, compact=band.collapsed)
        room = band.y1 - band.y0 - chip.height() / style.dpr
        top = band.y0 + min(6.0, max(room / 2, 0.0)) if not band.collapsed else band.y0 + room / 2
        p.drawPixmap(QPointF(0.0, round(top)), chip)
    p.setPen(QPen(palette.RULE, 1.0))
    p.drawLine(QLineF(gutter - 0.5, 0.0, gutter - 0.5, float(frame.height)))
    p.end()
    return pixmap


# -- density and overflow -----------------------------------------------------------------------


def _band_shade(band: int) -> QColor:
    return palette.BAND_ALTERNATE if band % 2 else palette.BACKGROUND


def _density(
    painter: QPainter, frame: Frame, style: TimelineStyle, grid_columns: list[int]
) -> None:
    """Each strip is one opaque row of pixels tiled down over the strip, full width: the
    category ink blended into the band's background, stronger where busier (square root,
    so a single event still shows); with a search, hit bins keep the ink and the rest fades
    to grey. The whole grid is coloured and resampled to pixel columns in one numpy pass;
    Qt only repeats rows."""
    layer = frame.layer
    if layer is None or not len(layer.band):
        return
    grid = layer.grid
    width, bins = max(frame.width, 1), grid.counts.shape[1]
    searching = grid.hits is not None
    strips = tuple(layer.band.tolist())
    lut = style.density_luts(tuple(frame.bands[b].category for b in strips), strips, searching)
    column_bin = np.floor((np.arange(width) + 0.5 - layer.x0) / layer.bin_px).astype(np.int64)
    # The first column of each bin shows the background (level 0): a comb reads as counts,
    # never as one long event.
    blank = (column_bin < 0) | (column_bin >= bins)
    blank[1:] |= column_bin[1:] != column_bin[:-1]
    offsets = np.arange(0, len(strips) * lut.shape[1], lut.shape[1])[:, None]
    colour = lut.ravel()[_density_levels(frame) + offsets]  # (strips, bins)
    rows = colour[:, np.minimum(np.maximum(column_bin, 0), max(bins - 1, 0))]
    rows[:, blank] = lut[:, :1]
    rows[:, np.asarray(grid_columns, dtype=np.intp)] = _argb(palette.GRID)  # as in the fills
    # One pixmap holds every strip's row; each strip tiles a 1-pixel-high copy of its row
    # down its height (cheaper than stretching an image, or making a pixmap per strip).
    data = np.ascontiguousarray(rows)
    pixmap = QPixmap.fromImage(QImage(data.data, width, len(strips), 4 * width, _ROW_FORMAT))
    tile = painter.drawTiledPixmap
    for k, (y0, y1) in enumerate(
        zip(layer.y0.round().tolist(), layer.y1.round().tolist(), strict=True)
    ):
        if y1 > y0:
            tile(QRect(0, int(y0), width, int(y1 - y0)), pixmap.copy(0, k, width, 1))


_ROW_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


DENSITY_LEVELS = 48
DENSITY_FULL = 12  # events in a bin for full strength, at least


def _density_levels(frame: Frame) -> npt.NDArray[np.int64]:
    """Per bin of the grid: 0 (nothing to show), 1..L (busyness), L+1..2L (search hits)."""
    assert frame.layer is not None
    grid = frame.layer.grid
    counts = grid.counts
    dense = grid.dense & (counts > 0)
    # Relative to the busiest bin, but a handful of events never looks like a crowd; one
    # table lookup per bin (counts are small integers) rather than a square root each.
    scale = (DENSITY_LEVELS - 1) / math.sqrt(max(frame.density_max, DENSITY_FULL))
    top = int(counts.max()) if counts.size else 0
    if grid.hits is not None:
        top = max(top, int(grid.hits.max()) if grid.hits.size else 0)
    steps = (np.sqrt(np.arange(top + 1)) * scale).astype(np.int64)
    level = np.where(dense, 1 + steps[counts], 0)
    if grid.hits is None:
        return level
    lit = dense & (grid.hits > 0)
    return np.where(lit, DENSITY_LEVELS + 1 + steps[grid.hits], level)


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
    right_free = fits.copy()
    right_free[fits] = cols.free(
        right[fits] - 2, right[fits] + width[fits] + 2, top[fits], y[fits]
    )  # fmt: skip
    left_free = fits & ~right_free
    left_free[left_free] = cols.free(
        left[left_free] - 2, left[left_free] + width[left_free] + 2, top[left_free], y[left_free]
    )  # fmt: skip
    at, base = np.where(right_free, right, left).tolist(), (y - 2).tolist()
    shown = np.flatnonzero(right_free | left_free).tolist()
    _Writer(painter, style, "small").texts(
        [(at[k], base[k], texts[k], palette.TEXT_MUTED) for k in shown]
    )


# -- boxes and labels ---------------------------------------------------------------------------


class _Columns:
    """The frame's item columns and what the drawing derives from them, once per frame."""

    def __init__(self, columns: ItemColumns, style: TimelineStyle, row_height: float) -> None:
        self.c = columns
        self.x0, self.x1, self.y = columns.x0, columns.x1, columns.y
        self.label_x, self.label_w = columns.label_x, columns.label_w
        self.labels = columns.labels
        self.category, self.dimmed = columns.category, columns.dimmed
        self.precision, self.end_precision = columns.precision, columns.end_precision
        self.selected = columns.selected
        self.point = columns.kind == 0
        self.faint = columns.kind == 2
        self.cluster = columns.kind == CLUSTER
        self.candidate = style.is_candidate(columns.ids) & ~self.cluster
        self.half_row = row_height / 2
        self._extent: tuple[npt.NDArray[Any], ...] = ()

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
        if not self._extent:  # box, or box and label; rows as bands of row height
            reach = np.maximum(self.x1, self.label_x + self.label_w)
            start = np.minimum(self.x0, np.where(self.label_w > 0, self.label_x, np.inf))
            self._extent = (start, reach, self.y - self.half_row, self.y + self.half_row)
        start, reach, top, bottom = self._extent
        clash = np.less.outer(x0, reach)
        clash &= np.greater.outer(x1, start)
        clash &= np.greater.outer(y1, top)
        clash &= np.less.outer(y0, bottom)
        free: npt.NDArray[np.bool_] = ~clash.any(axis=1)
        return free


def _point_size(row_height: float) -> float:
    return min(POINT_PX, max(row_height - 2, 5.0))


def _bar_height(row_height: float) -> float:
    return max(row_height - 3, 3.0)


def prepare_pixmaps(frame: Frame, style: TimelineStyle) -> bool:
    """Make the pixmaps that frames with these rows and bands may blit (each look of each
    band's diamond, its cluster glyphs, its legend chips) unless made before: the widget
    does it at idle, so the frame that first shows them does not. True if any were made."""
    key = (frame.row_height, tuple((band.category, band.label) for band in frame.bands))
    if key in style.prepared:
        return False
    style.prepared.add(key)
    size, height = _point_size(frame.row_height), _bar_height(frame.row_height)
    for band in frame.bands:
        for look in (NORMAL, DIMMED, CANDIDATE, CANDIDATE_DIMMED):
            style.diamond(band.category, look, size)
        style.diamond(band.category, SELECTED, size + 6)
        for dimmed in (False, True):
            style.cluster_glyph(band.category, dimmed, height)
        if style.gutter > 0:
            for compact in (False, True):
                style.legend(band.category, band.label, compact=compact)
    return True


def _items(painter: QPainter, frame: Frame, style: TimelineStyle, cols: _Columns) -> None:
    size = _point_size(frame.row_height)
    height = _bar_height(frame.row_height)
    plain = ~cols.selected
    _points(painter, style, cols, plain & cols.point, size)
    boxes = ~cols.point & ~cols.cluster
    # Bar geometry only for bars or a selected cluster (most zoom levels have neither).
    framed = boxes.any() or bool((cols.selected & ~cols.point).any())
    bars = _BarGeometry(cols, height, float(frame.width)) if framed else None
    if bars is not None:
        group = cols.category * 2 + cols.dimmed
        for key, parts in bars.grouped(plain & boxes, group).items():
            category, dimmed = divmod(key, 2)
            _draw_bars(painter, style, category, bool(dimmed), parts)
    if cols.cluster.any():
        _clusters(painter, style, cols, height, float(frame.width))
    for k in np.flatnonzero(cols.selected).tolist():  # the current one is last
        if cols.point[k]:
            _draw_selected_point(painter, style, cols, k, size)
        elif bars is not None:
            _draw_selected(painter, style, cols, k, bars)
    _labels(painter, frame, style, cols)


def _points(
    painter: QPainter,
    style: TimelineStyle,
    cols: _Columns,
    which: npt.NDArray[np.bool_],
    size: float,
) -> None:
    """One drawPixmap per diamond, in runs sharing a pixmap (category and look)."""
    rows = np.flatnonzero(which)
    if not len(rows):
        return
    look = np.where(cols.candidate[rows], CANDIDATE, 0) + cols.dimmed[rows]
    key = cols.category[rows] * 8 + look
    order = np.argsort(key, kind="stable")
    rows = rows[order]
    # Whole pixels: crisp diamonds, and the int overload is the cheapest call (~1 us).
    left = ((cols.x0[rows] + cols.x1[rows] - size) / 2).round().astype(np.int64).tolist()
    top = (cols.y[rows] - size / 2).round().astype(np.int64).tolist()
    draw, diamond = painter.drawPixmap, style.diamond
    keys = key[order].tolist()
    last = keys[0]
    pixmap = diamond(last // 8, last % 8, size)
    for k, x, y in zip(keys, left, top, strict=True):
        if k != last:
            last, pixmap = k, diamond(k // 8, k % 8, size)
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
        self.c0, self.c1 = c0, c1
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


def _clusters(
    painter: QPainter, style: TimelineStyle, cols: _Columns, height: float, width: float
) -> None:
    """A cluster is a thin rail over its unit with a stack glyph (three bars) where it
    begins on screen: many events, not one long one. One drawRects of rails per
    (category, dimmed) and one cached glyph pixmap per cluster; few pixels, whatever the
    unit's width."""
    which = np.flatnonzero(cols.cluster)
    key = cols.category[which] * 2 + cols.dimmed[which]
    order = np.argsort(key, kind="stable")
    which, key = which[order], key[order]
    # Clipped a little past the edges as bars are; an inset of 1 px on each side keeps
    # neighbouring months' clusters apart.
    c0, c1 = np.maximum(cols.x0[which], -2.0), np.minimum(cols.x1[which], width + 2)
    x0 = c0 + 1.0
    w = np.maximum(c1 - c0 - 2.0, 1.0)
    mid = cols.y[which]
    rail = min(RAIL_PX, height)
    rails = list(
        map(QRectF, x0.tolist(), (mid - rail / 2).tolist(), w.tolist(), [rail] * len(which))
    )
    keys = key.tolist()
    painter.setPen(Qt.PenStyle.NoPen)
    cuts = [0, *(np.flatnonzero(np.diff(key)) + 1).tolist(), len(keys)]
    for start, end in itertools.pairwise(cuts):
        painter.setBrush(style.brush(("body", *divmod(keys[start], 2))))
        painter.drawRects(rails[start:end])
    glyph_x = (np.maximum(x0, 0.0) + 1.0).round().astype(np.int64).tolist()
    glyph_y = (mid - height / 2).round().astype(np.int64).tolist()
    draw, glyph = painter.drawPixmap, style.cluster_glyph
    last = keys[0]
    pixmap = glyph(last // 2, bool(last % 2), height)
    for k, x, y in zip(keys, glyph_x, glyph_y, strict=True):
        if k != last:
            last, pixmap = k, glyph(k // 2, bool(k % 2), height)
        draw(x, y, pixmap)


def _glyph_pixmap(style: TimelineStyle, category: int, dimmed: bool, height: float) -> QPixmap:
    pixmap = QPixmap(math.ceil(8 * style.dpr), math.ceil(height * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(style.shade(category, dimmed))
    p.drawRects([QRectF(3.0 * j, 0.0, 2.0, height) for j in range(3)])
    p.end()
    return pixmap


RAIL_PX = 4.0  # height of a cluster's rail


def _draw_selected_point(
    painter: QPainter, style: TimelineStyle, cols: _Columns, k: int, size: float
) -> None:
    """A selected diamond: larger, ringed in the selection colour."""
    big = size + 6
    centre = (cols.x0[k] + cols.x1[k]) / 2
    pixmap = style.diamond(int(cols.category[k]), SELECTED, big)
    painter.drawPixmap(QPointF(centre - big / 2, cols.y[k] - big / 2), pixmap)


def _draw_selected(
    painter: QPainter, style: TimelineStyle, cols: _Columns, k: int, bars: _BarGeometry
) -> None:
    """A selected bar (or cluster): its bar with a selection frame."""
    category = int(cols.category[k])
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
    """Each label once, vertically centred on its row, after its marks; one the frame cut
    at the right edge is elided (or dropped when there is no room for a word)."""
    texts = _LabelTexts.of(frame, style, cols)
    if texts is None:
        return
    for event_id, x, row in texts.marks:
        _draw_marks(painter, style, event_id, x, row, frame.mark_step)
    if texts.plates:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.with_alpha(palette.BACKGROUND, 0.9))
        painter.drawRects(texts.plates)
    _Writer(painter, style, texts.kind).texts(texts.todo)


def queue_texts(frame: Frame, style: TimelineStyle) -> None:
    """Queue for a pixmap (see TimelineStyle.text_pixmap) the labels a paint of this frame
    would draw, without painting it: the widget does so at idle for the frames it
    expects next."""
    if not len(frame.columns):
        return
    texts = _LabelTexts.of(frame, style, _Columns(frame.columns, style, frame.row_height))
    if texts is not None:
        for _, _, text, color in texts.todo:
            style.text_pixmap(text, texts.kind, color)


class _LabelTexts(NamedTuple):
    """What _labels draws: marks (event id, x, row y), plain plates under cluster labels,
    then texts (x, baseline, text, colour) in one font kind."""

    kind: str
    marks: list[tuple[int, float, float]]
    plates: list[QRectF]
    todo: list[tuple[float, float, str, QColor]]

    @classmethod
    def of(cls, frame: Frame, style: TimelineStyle, cols: _Columns) -> _LabelTexts | None:
        labelled = np.flatnonzero(cols.label_w > 0)
        if not len(labelled):
            return None
        # Tight rows take the smaller font: it still fits the width the frame measured.
        kind = "small" if frame.row_height < 11 else "label"
        metrics = style.font(kind)[1]
        offset = (metrics.ascent() - metrics.descent()) / 2
        marks = cols.c.marks[labelled]
        dots = marks * frame.mark_step
        label_x, label_w, y = cols.label_x[labelled], cols.label_w[labelled], cols.y[labelled]
        # Marks sit next to the box: before the text, or after it when the label is left
        # of it.
        after = cols.c.label_left[labelled]
        text_x = np.where(after, label_x, label_x + dots).round().tolist()
        marks_x = np.where(after, label_x + label_w - dots, label_x).tolist()
        measure = style.label_width if kind == "label" else style.small_width
        backing = _backing(frame.row_height)
        out = cls(kind, [], [], [])
        texts = cols.labels
        for k, row, x, mx, base, room, mark, dimmed, cluster in zip(
            labelled.tolist(),
            y.tolist(),
            text_x,
            marks_x,
            (y + offset).round().tolist(),
            (label_w - dots).tolist(),
            marks.tolist(),
            cols.dimmed[labelled].tolist(),
            cols.cluster[labelled].tolist(),
            strict=True,
        ):
            if mark:
                out.marks.append((int(cols.c.ids[k]), mx, row))
            text = texts[k]
            if not text:
                continue
            width = measure(text)
            if width > room + 0.5:
                if room < MIN_ELIDED_PX:
                    continue
                text = style.elided(text, kind, room)
                width = room
            if cluster:  # on plain ground, not on the hatching
                color = palette.TEXT_DIMMED if dimmed else palette.TEXT_MUTED
                out.plates.append(QRectF(x - 2, row - backing / 2, width + 4, backing))
            else:
                color = palette.TEXT_DIMMED if dimmed else palette.TEXT
            out.todo.append((x, base, text, color))
        return out


def _backing(row_height: float) -> float:
    return max(row_height - 5, 4.0)


def _draw_marks(
    painter: QPainter, style: TimelineStyle, event_id: int, x: float, y: float, step: float
) -> None:
    colors = style.marks.get(event_id)
    if not colors:
        return
    pixmap = style.marks_pixmap(colors[:3], step)
    painter.drawPixmap(round(x), round(y - pixmap.height() / style.dpr / 2), pixmap)


def _marks_pixmap(style: TimelineStyle, colors: tuple[QColor, ...], step: float) -> QPixmap:
    """Dots of MARK_PX in these colours, `step` px apart, on transparency."""
    size = math.ceil(MARK_PX) + 2
    width = math.ceil(step * len(colors)) + 1
    pixmap = QPixmap(math.ceil(width * style.dpr), math.ceil(size * style.dpr))
    pixmap.setDevicePixelRatio(style.dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for i, color in enumerate(colors):
        p.setPen(QPen(palette.ink(color).darker(120), 0.8))
        p.setBrush(color)
        p.drawEllipse(QRectF(0.5 + i * step, 1.0, MARK_PX, MARK_PX))
    p.end()
    return pixmap


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
        self.texts([(x, baseline, text, color)])

    def texts(self, items: Iterable[tuple[float, float, str, QColor]]) -> None:
        """Each (x, baseline, text, colour): a cached pixmap's blit, else drawText."""
        lookup, kind, rise = self.style.text_pixmap, self.kind, self.rise
        draw = self.painter.drawPixmap
        for x, baseline, text, color in items:
            left, base = round(x), round(baseline)
            pixmap = lookup(text, kind, color)
            if pixmap is not None:
                draw(left - 1, base - rise, pixmap)
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
    for x, label in _strip_labels(overview, style.small_width, width):
        p.drawText(QPointF(x, top_text), label)
    p.end()
    return QPixmap.fromImage(image)


def _strip_labels(
    overview: Overview, measure: Callable[[str], float], width: float
) -> list[tuple[float, str]]:
    """Tick labels right of their tick, kept inside the strip: the last one moves left to
    end at the edge, and a label that would then touch the one before is left out."""
    out: list[tuple[float, str]] = []
    end = -math.inf
    for tick in overview.ticks.major:
        w = measure(tick.label)
        x = min(tick.x + 3, width - 2 - w)
        if x < max(end + 4, 0.0):
            continue
        out.append((x, tick.label))
        end = x + w
    return out


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
    if part == "hatch":
        return QBrush(palette.with_alpha(shade, 0.5), Qt.BrushStyle.BDiagPattern)
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


def _legend_pixmap(style: TimelineStyle, category: int, label: str, compact: bool) -> QPixmap:
    """Chip and label on transparency, the label elided to the legend column; compact (a
    collapsed band): a smaller chip and the small font, muted."""
    font, metrics = (style.small_font, style.small_metrics) if compact else (
        style.label_font, style.label_metrics)  # fmt: skip
    chip = LEGEND_CHIP - 3 if compact else LEGEND_CHIP
    height = math.ceil(metrics.height()) + (0 if compact else 2)
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
    left = LEGEND_PAD + 0.5 + (LEGEND_CHIP - chip) / 2
    p.drawRoundedRect(QRectF(left, (height - chip) / 2, chip, chip), 2.0, 2.0)
    p.setFont(font)
    p.setPen(palette.TEXT_MUTED if compact else palette.TEXT)
    p.drawText(QPointF(LEGEND_PAD + LEGEND_CHIP + 6, _baseline(metrics, 0, height)), text)
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
