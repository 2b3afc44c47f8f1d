"""The zoomable timeline: gestures in, Viewport out; one Frame per paint, drawn as it is.

All layout is done by `uzkz_desktop.timeline` (see its docstring). This widget keeps the
per-dataset objects (EventArrays, LanesLayout, ViewLimits), replaces its Viewport on every
gesture, builds one Frame per paint with cached title and width callables, and asks that
same Frame for hit tests, density bins and the overview strip. Lane packing for the zoom
buckets not yet visited is warmed one bucket per idle tick after `set_data`.

Mouse: wheel zooms at the cursor (Ctrl+wheel: about the centre; Shift+wheel or a
horizontal wheel pans); drag pans; click selects (empty space clears; a density bin zooms
into it; a cluster of one-month or one-year events zooms into its unit and gives its band
all the rows it can use); Ctrl+click adds or removes an event from the selection,
Shift+click adds the events from the current one to it along time in the same band;
double-click opens. Overview strip: drag the window, click elsewhere to centre there.
Keys: see `keyPressEvent`.

For curation: `selection_changed(list)` (ids, the current one last) beside the single-event
signals, `selected_ids()` / `set_selected_ids()`, coloured marks on items (`set_marks`)
and a filter showing only some events (`set_visible_ids`, a mask over the same arrays).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from uzkz_desktop.app import TimelineData
from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.timeline import (
    Cluster,
    DensityHit,
    EventArrays,
    Frame,
    FrameGeometry,
    Hover,
    LanesLayout,
    RowPlan,
    TickUnit,
    ViewLimits,
    Viewport,
    build_frame,
    event_days,
    format_day,
    next_event,
    step_event,
    viewport_from_overview_click,
    viewport_from_overview_drag,
)
from uzkz_desktop.timeline.events import PRECISION_CODE
from uzkz_desktop.timeline.ticks import prepare as prepare_ticks

from . import palette
from .timeline_painter import (
    TimelineStyle,
    paint_frame,
    paint_hover,
    prepare_pixmaps,
    queue_texts,
)

if TYPE_CHECKING:
    from uzkz_desktop.ingest.categories import Category

WHEEL_ZOOM_BASE = 1.0015  # per 1/8 degree: one notch (120) zooms by 1.2
WHEEL_PAN_PX = 60.0  # one notch of Shift+wheel
PAGE_PAN = 0.8  # PageUp / PageDown move by this share of the width
DENSITY_ZOOM = 8.0  # a click on a density bin zooms in by up to this factor
WARM_INTERVAL_MS = 20  # between packing two zoom buckets at idle: input and paints go first
IDLE_TEXTS = 60  # text pixmaps made per idle tick (~40 us each)
NEAR_NOTCHES = 8  # wheel notches looked ahead, in and out, for the next zoom bucket's frame
# Level of detail: density bins of 3-6 px and at most 400 boxes keep a 1600 x 900 frame
# (build + paint) near 8 ms at 100k events; 400 boxes still fill a 65-row frame.
GEOMETRY = FrameGeometry(bin_px=3.0, max_items=250)
MAX_MARKS = 3  # coloured marks drawn per event
CLUSTER_ZOOM_SHARE = 0.6  # a clicked cluster narrower than this share of the view is zoomed to
_PRECISION_OF = {code: precision for precision, code in PRECISION_CODE.items()}


@dataclass
class _Gesture:
    kind: str  # 'press' (may still become a click), 'pan', 'overview'
    pos: QPointF
    view: Viewport  # the viewport when the gesture began
    strip: Viewport | None = None  # overview: days <-> strip x
    strip_x0: float = 0.0


class TimelineWidget(QWidget):
    """Events of the archive on a zoomable time axis, one band per category."""

    event_selected = Signal(int)  # the current event changed by a click or a key; -1 for none
    selection_changed = Signal(list)  # the selected ids changed by the user (current last)
    event_activated = Signal(int)  # double-click or Enter: open the excerpt
    viewport_changed = Signal()
    hovered = Signal(int)  # the event under the pointer changed; -1 for none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # every pixel is painted
        self.setMinimumSize(320, 200)
        self.setAccessibleName(self.tr("Timeline"))
        self._data = TimelineData(EventArrays.empty(), (), {}, frozenset())
        self._filter: frozenset[int] | None = None
        self._visible: npt.NDArray[np.bool_] | None = None  # set_visible_ids, as a mask
        self._visible_ids: npt.NDArray[np.int64] | None = None
        self._base_lanes: LanesLayout | None = None  # the unfiltered layout, kept for reuse
        self._selected: int | None = None  # the current event: the last one selected
        self._selection: list[int] = []  # selected ids, the current one last
        self._selection_array = np.zeros(0, dtype=np.int64)
        self._marks: dict[int, list[QColor]] = {}
        self._mark_counts: npt.NDArray[np.int8] | None = None
        self._marks_version = 0
        self._expanded: int | None = None  # category code of the band given all its rows
        self._rows_hint: RowPlan | None = None
        self._cluster_texts: dict[tuple[int, bool, int, int], tuple[str, ...]] = {}
        self._highlight_ids: npt.NDArray[np.int64] | None = None
        self._highlight: npt.NDArray[np.bool_] | None = None
        self._highlight_version = 0  # in frame keys: an array's id may be reused
        self._hover_x: float | None = None
        self._hovered_id: int | None = None
        self._today: int | None = None
        self._gesture: _Gesture | None = None
        self._months = self._month_names()
        self._style = self._make_style()
        self._shown: npt.NDArray[np.bool_] | None = None  # events of the bands shown, if filtered
        self._lanes = self._make_lanes()
        self._limits = ViewLimits.around(None, None)
        self._fit = self._limits  # what fit_all shows: where the events are dense
        self._view = self._whole_view()
        self._auto_fit = True  # follow resizes with fit_all until the user moves the view
        self._frame: Frame | None = None
        self._frame_key: tuple[object, ...] | None = None  # what the frame shows, hover aside
        self._painted_key: tuple[object, ...] | None = None
        self._backdrop: tuple[tuple[object, ...], QPixmap] | None = None
        self._titles_missing = self.tr("Event %1")
        self._warm_queue: list[Callable[[], object]] = []
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(WARM_INTERVAL_MS)
        self._warm_timer.timeout.connect(self._warm_next)
        self._zoom_x: float | None = None  # where the last wheel zoom was anchored
        self._near_key: tuple[object, ...] | None = None
        self._near_views: list[Viewport] = []
        self._idle_timer = QTimer(self)  # after a new frame: texts to cache, near frames
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(0)
        self._idle_timer.timeout.connect(self._after_frame)

    # -- the API the main window uses ------------------------------------------------------------

    def set_data(self, data: TimelineData) -> None:
        """Show another dataset: the view fits it all; selection and highlights that still
        exist are kept."""
        self._data = data
        self._style = self._make_style()
        self._base_lanes = None
        self._visible = self._visible_mask(self._visible_ids)
        self._lanes = self._make_lanes()
        self._limits = ViewLimits.around(data.events.first_day, data.events.last_day)
        fit = data.events.fit_days()
        self._fit = self._limits if fit is None else ViewLimits.around(*fit)
        self._set_selection([i for i in self._selection if data.events.index_of(i) is not None])
        self._mark_counts = self._counts_of(self._marks)
        self._highlight = self._mask(self._highlight_ids)
        self._highlight_version += 1
        self.fit_all()
        self._start_warming()
        self.update()

    def select(self, event_id: int | None, *, centre: bool = False) -> None:
        """Select an event (None clears) without emitting `event_selected`; with centre,
        bring it into the middle of the view."""
        if event_id is not None and self._data.events.index_of(event_id) is None:
            event_id = None
        self._set_selection([] if event_id is None else [event_id])
        if centre and event_id is not None:
            self.centre_on_event(event_id)
        self.update()

    def selected_id(self) -> int | None:
        """The current event: the one selected last."""
        return self._selected

    def selected_ids(self) -> list[int]:
        """Every selected event, in the order selected (the current one last)."""
        return list(self._selection)

    def set_selected_ids(self, ids: Iterable[int]) -> None:
        """Select these events (unknown ids are dropped; the last one is current), without
        emitting a signal."""
        events = self._data.events
        self._set_selection([int(i) for i in ids if events.index_of(int(i)) is not None])
        self.update()

    def set_marks(self, marks: dict[int, list[QColor]]) -> None:
        """Coloured marks (e.g. coloured tags) per event id: up to three small dots drawn
        before the label of the event's box. An empty dict clears them."""
        self._marks = {int(k): [QColor(c) for c in v][:MAX_MARKS] for k, v in marks.items() if v}
        self._style.set_marks(self._marks)
        self._mark_counts = self._counts_of(self._marks)
        self._marks_version += 1
        self.update()

    def set_visible_ids(self, ids: npt.ArrayLike | None) -> None:
        """Show only these events (e.g. those with a tag); None shows all. A mask over the
        same arrays: the data is not reloaded."""
        self._visible_ids = None if ids is None else np.asarray(ids, dtype=np.int64).ravel()
        self._visible = self._visible_mask(self._visible_ids)
        self._relayout()

    def visible_ids(self) -> npt.NDArray[np.int64] | None:
        return None if self._visible_ids is None else self._visible_ids.copy()

    def expanded_category(self) -> int | None:
        """The category whose band was given all its rows by a click on a cluster."""
        return self._expanded

    def set_expanded_category(self, category: int | None) -> None:
        self._expanded = category
        self.update()

    def set_highlighted(self, event_ids: Iterable[int] | None) -> None:
        """Light these events (search hits) and dim the rest; None clears."""
        if event_ids is None:
            self._highlight_ids = None
        else:
            self._highlight_ids = np.fromiter((int(i) for i in event_ids), dtype=np.int64)
        self._highlight = self._mask(self._highlight_ids)
        self._highlight_version += 1
        self._warm_hits()
        self.update()

    def fit_all(self) -> None:
        self._set_view(self._whole_view(), auto_fit=True)

    def show_range(self, first_day: int, last_day: int) -> None:
        """Fit the days first_day..last_day (inclusive), within the view limits."""
        first, last = sorted((first_day, last_day))
        self._set_view(self._view.fit(first, last + 1).clamped(self._limits))

    def centre_on_event(self, event_id: int) -> None:
        """Centre the event, keeping the zoom; a period longer than the view is fitted."""
        days = event_days(self._data.events, event_id)
        if days is None:
            return
        start, end = days
        view = self._view
        if end - start > 0.9 * view.span:
            view = view.fit(start, end)
        else:
            view = view.centre_on((start + end) / 2)
        self._set_view(view.clamped(self._limits))

    def viewport(self) -> Viewport:
        return self._view

    def zoom_in(self) -> None:
        """One step in, about the centre (the + key)."""
        self._zoom_x = None
        self._set_view(self._view.zoom_in().clamped(self._limits))

    def zoom_out(self) -> None:
        """One step out, about the centre (the − key)."""
        self._zoom_x = None
        self._set_view(self._view.zoom_out().clamped(self._limits))

    def set_viewport(self, view: Viewport) -> None:
        """Show these days (e.g. a view saved with the session), within the limits."""
        days = Viewport(view.start, view.end, self._frame_width())
        self._set_view(days.clamped(self._limits))

    def set_category_filter(self, categories: set[int] | None) -> None:
        """Show only the bands of these category codes (None shows all)."""
        self._filter = None if categories is None else frozenset(categories)
        self._relayout()

    def _relayout(self) -> None:
        self._lanes = self._make_lanes()
        if self._highlight is not None:
            self._lanes.highlight(self._highlight)
        self._start_warming()
        self.update()

    def render_to_image(self, size: QSize) -> QImage:
        """The current view drawn at `size` (same days, same drawing code, no hover)."""
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        self.render_into(image)
        return image

    # -- for tests, the benchmark and status lines -----------------------------------------------

    def render_into(self, image: QImage, *, hover: bool = False) -> Frame:
        """Build a frame for the image's logical size (the same days as on screen) and paint
        it there, with the hover line if asked; returns the frame."""
        dpr = image.devicePixelRatio()
        style = self._style if math.isclose(dpr, self._style.dpr) else self._make_style(dpr)
        width = round(image.width() / dpr) - round(style.gutter)
        size = (max(width, 1), max(round(image.height() / dpr), 1))
        view = self._view
        if view.width_px != size[0]:
            view = Viewport(view.start, view.end, size[0])
        frame = self._build(view, size, self._hover_x if hover else None, style)
        painter = QPainter(image)
        paint_frame(painter, frame, style)
        painter.end()
        return frame

    def frame(self) -> Frame:
        """The frame on screen (built now if the view changed since the last paint; when
        only the pointer moved, the same frame with the new hover)."""
        key, frame = self._key(), self._frame
        if frame is None or self._frame_key != key:
            size = (self._view.width_px, self._height())
            frame = self._build(self._view, size, self._hover_x)
            self._rows_hint = frame.rows
            self._plan_near(key)
            self._idle_timer.start()
        elif (frame.hover.x if frame.hover else None) != self._hover_x:
            frame = dataclasses.replace(frame, hover=self._hover_at(frame, self._hover_x))
        self._frame, self._frame_key = frame, key
        return frame

    def timeline_style(self) -> TimelineStyle:
        return self._style

    def warm_up(self) -> None:
        """Pack every zoom bucket now instead of at idle (benchmarks, tests)."""
        while self._warm_queue:
            self._warm_next()
        self._warm_timer.stop()

    def frame_offset(self) -> QPointF:
        """Where the frame's (0, 0) is in the widget: right of the legend column."""
        return QPointF(self._style.gutter, 0.0)

    def set_today(self, day: int | None) -> None:
        """Pin the day the today line marks (tests, screenshots); None follows the clock."""
        self._today = day
        self.update()

    def tooltip_text(self, pos: QPointF) -> str | None:
        """Rich text for the item or density bin at pos (widget coordinates), or None."""
        pos = self._local(pos)
        frame = self.frame()
        if pos.x() < 0 or pos.y() >= frame.overview.y0:
            return None
        hit = frame.hit_test(pos.x(), pos.y())
        if hit is not None:
            return self._event_tooltip(hit)
        cluster = frame.cluster_at(pos.x(), pos.y())
        if cluster is not None:
            return self._cluster_tooltip(cluster)
        density = frame.density_at(pos.x(), pos.y())
        return None if density is None else self._density_tooltip(density)

    # -- Qt events -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(1200, 520)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not math.isclose(self.devicePixelRatioF(), self._style.dpr):
            self._restyle()
        frame, painter = self.frame(), QPainter(self)
        if self._frame_key == self._painted_key:  # only the hover moved since the last paint
            painter.drawPixmap(0, 0, self._backdrop_for(frame))
            paint_hover(painter, frame, self._style)
        else:
            paint_frame(painter, frame, self._style)
        self._painted_key = self._frame_key
        if not len(self._data.events):
            self._paint_message(painter, self.tr("No events to show"))
        if self.hasFocus():
            painter.setPen(QPen(palette.with_alpha(palette.SELECTION, 0.7), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0.5, 0.5, self.width() - 1.0, self.height() - 1.0))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = self._frame_width(event.size().width())
        if self._auto_fit:
            self._set_view(self._whole_view(width), auto_fit=True)
        else:
            self._set_view(self._view.resized(width).clamped(self._limits))
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        dx, dy = delta.x(), delta.y()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if shift or abs(dx) > abs(dy):
            self._set_view(self._view.pan((dx or dy) / 120 * WHEEL_PAN_PX).clamped(self._limits))
        elif dy:
            centred = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            x = self._view.width_px / 2 if centred else self._local(event.position()).x()
            zoomed = self._view.zoom_at(x, WHEEL_ZOOM_BASE**dy)
            self._zoom_x = x
            self._set_view(zoomed.clamped(self._limits, anchor_x=x))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = self._local(event.position())
        overview = self.frame().overview
        if pos.x() < 0:
            return
        if pos.y() < overview.y0:
            self._gesture = _Gesture("press", pos, self._view)
            return
        if not overview.window_x0 <= pos.x() <= overview.window_x1:
            x = pos.x() - overview.x0
            self._set_view(
                viewport_from_overview_click(self._view, overview.strip, x, self._limits)
            )
        self._gesture = _Gesture("overview", pos, self._view, overview.strip, overview.x0)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos, gesture = self._local(event.position()), self._gesture
        if gesture is None:
            self._hover(pos)
        elif gesture.kind == "overview" and gesture.strip is not None:
            press_x, x = gesture.pos.x() - gesture.strip_x0, pos.x() - gesture.strip_x0
            self._set_view(
                viewport_from_overview_drag(gesture.view, gesture.strip, press_x, x, self._limits)
            )
        elif gesture.kind == "press" and _moved(gesture.pos, pos):
            gesture.kind = "pan"
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        if gesture is not None and gesture.kind == "pan":
            self._set_view(gesture.view.pan(pos.x() - gesture.pos.x()).clamped(self._limits))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, self._gesture = self._gesture, None
        self.unsetCursor()
        if gesture is not None and gesture.kind == "press":
            self._click(self._local(event.position()), event.modifiers())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = self._local(event.position())
        if pos.x() < 0 or pos.y() >= self.frame().overview.y0:
            return
        hit = self.frame().hit_test(pos.x(), pos.y())
        if hit is not None:
            self._select_by_user(hit)
            self.event_activated.emit(hit)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None, None)
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """←/→ previous/next event, Home/End first/last, +/=/− zoom, PageUp/PageDown pan,
        F fit all, Enter open the current event, Esc clear the selection (or, with nothing
        selected, give an expanded band its usual rows back)."""
        key = Qt.Key(event.key())
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        action = _KEYS.get(key)
        if action is None or (key == Qt.Key.Key_F and not plain):
            super().keyPressEvent(event)
            return
        action(self)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_text(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.LocaleChange, QEvent.Type.LanguageChange):
            self._months = self._month_names()
            self._cluster_texts.clear()
            self._titles_missing = self.tr("Event %1")
            self.setAccessibleName(self.tr("Timeline"))
            self._lanes = self._make_lanes()
            if self._highlight is not None:
                self._lanes.highlight(self._highlight)
            self._restyle()
            self._start_warming()
        elif kind == QEvent.Type.FontChange:
            self._restyle()
        super().changeEvent(event)

    # -- keys ------------------------------------------------------------------------------------

    def _key_step(self, direction: int) -> None:
        events, view = self._data.events, self._view
        if self._selected is not None:
            target = step_event(events, self._selected, direction, self._shown)
        else:  # from the edge of the view: the first event in it, or the last
            day = math.floor(view.start) - 0.5 if direction > 0 else view.end
            target = next_event(events, day, direction, self._shown)
        if target is not None:
            self._select_by_user(target)
            self._scroll_into_view(target)

    def _key_end(self, direction: int) -> None:
        edge = -math.inf if direction > 0 else math.inf
        target = next_event(self._data.events, edge, direction, self._shown)
        if target is not None:
            self._select_by_user(target)
            self.centre_on_event(target)

    def _key_page(self, direction: int) -> None:
        dx = -direction * PAGE_PAN * self._view.width_px
        self._set_view(self._view.pan(dx).clamped(self._limits))

    def _key_activate(self) -> None:
        if self._selected is not None:
            self.event_activated.emit(self._selected)

    def _key_clear(self) -> None:
        if self._selection:
            self._select_by_user(None)
        elif self._expanded is not None:
            self.set_expanded_category(None)

    # -- mouse -----------------------------------------------------------------------------------

    def _click(
        self, pos: QPointF, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        frame = self.frame()
        hit = frame.hit_test(pos.x(), pos.y())
        toggle = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        extend = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if hit is not None:
            if toggle:
                self._toggle_by_user(hit)
            elif extend:
                self._extend_by_user(hit)
            else:
                self._select_by_user(hit)
            return
        if toggle or extend:
            return  # a modified click beside the events keeps the selection
        cluster = frame.cluster_at(pos.x(), pos.y())
        if cluster is not None:
            self._open_cluster(cluster)
            return
        density = frame.density_at(pos.x(), pos.y())
        if density is not None:
            self._zoom_into(density)
        else:
            self._select_by_user(None)

    def _open_cluster(self, cluster: Cluster) -> None:
        """Zoom into the cluster's month or year (when it is narrower than most of the view)
        and give its band all the rows it can use."""
        first, last = cluster.first_day, cluster.last_day + 1
        if (last - first) < CLUSTER_ZOOM_SHARE * self._view.span:
            self._set_view(self._view.fit(first, last).clamped(self._limits))
        self.set_expanded_category(cluster.category)

    def _zoom_into(self, hit: DensityHit) -> None:
        days = hit.last_day + 1 - hit.first_day
        span = max(4.0 * days, self._view.span / DENSITY_ZOOM)
        centre = (hit.first_day + hit.last_day + 1) / 2
        view = Viewport(centre - span / 2, centre + span / 2, self._view.width_px)
        self._set_view(view.clamped(self._limits))

    def _hover(self, pos: QPointF) -> None:
        # The frame on screen: no build between a view change and its paint just for this.
        frame = self._frame if self._frame is not None else self.frame()
        if pos.x() < 0 or not frame.axis[1] <= pos.y() < frame.overview.y0:
            self._set_hover(None, None)
            return
        self._set_hover(pos.x(), frame.hit_test(pos.x(), pos.y()))

    def _set_hover(self, x: float | None, event_id: int | None) -> None:
        if x != self._hover_x:
            self._hover_x = x
            self.update()
        if event_id != self._hovered_id:
            self._hovered_id = event_id
            self.hovered.emit(-1 if event_id is None else event_id)

    # -- state changes ---------------------------------------------------------------------------

    def _set_view(self, view: Viewport, *, auto_fit: bool = False) -> None:
        self._auto_fit = auto_fit
        if view != self._view:
            self._view = view
            self.viewport_changed.emit()
            self.update()

    def _select_by_user(self, event_id: int | None) -> None:
        self._change_selection_by_user([] if event_id is None else [event_id])

    def _toggle_by_user(self, event_id: int) -> None:
        ids = list(self._selection)
        if event_id in ids:
            ids.remove(event_id)
        else:
            ids.append(event_id)
        self._change_selection_by_user(ids)

    def _extend_by_user(self, event_id: int) -> None:
        """Shift+click: the events of the clicked one's band from the current event to it,
        in time order, join the selection (the clicked one becomes current); in another
        band, or with nothing selected, the clicked event alone joins."""
        events, lanes, anchor = self._data.events, self._lanes, self._selected
        added = [event_id]
        i, a = events.index_of(event_id), None if anchor is None else events.index_of(anchor)
        if i is not None and a is not None and events.category[i] == events.category[a]:
            lo, hi = sorted((i, a))
            rows = np.arange(lo, hi + 1)
            rows = rows[(events.category[rows] == events.category[i]) & (lanes.lane_of[rows] >= 0)]
            added = [int(x) for x in events.ids[rows].tolist() if x != event_id] + [event_id]
        kept = [x for x in self._selection if x not in set(added)]
        self._change_selection_by_user(kept + added)

    def _change_selection_by_user(self, ids: list[int]) -> None:
        before, current = list(self._selection), self._selected
        self._set_selection(ids)
        if self._selected != current:
            self.event_selected.emit(-1 if self._selected is None else self._selected)
        if self._selection != before:
            self.selection_changed.emit(list(self._selection))
        self.update()

    def _set_selection(self, ids: list[int]) -> None:
        """The selection, each id once (at its last place); the last one is current."""
        seen: dict[int, None] = {}
        for event_id in reversed(ids):
            seen.setdefault(int(event_id), None)
        self._selection = list(reversed(seen))
        self._selected = self._selection[-1] if self._selection else None
        self._selection_array = np.asarray(self._selection, dtype=np.int64)

    def _scroll_into_view(self, event_id: int) -> None:
        days = event_days(self._data.events, event_id)
        if days is None:
            return
        margin = 0.05 * self._view.span
        if not (self._view.start + margin <= days[0] and days[1] <= self._view.end - margin):
            self.centre_on_event(event_id)

    # -- frames ----------------------------------------------------------------------------------

    def _build(
        self,
        view: Viewport,
        size: tuple[int, int],
        hover_x: float | None,
        style: TimelineStyle | None = None,
    ) -> Frame:
        return build_frame(
            self._data.events,
            view,
            size,
            lanes_layout=self._lanes,
            selected=self._selected,
            selection=self._selection_array,
            highlighted=self._highlight,
            marks=self._mark_counts,
            hover_x=hover_x,
            label_width=(style or self._style).label_width,
            titles=self._title,
            cluster_labels=self._cluster_labels,
            today=self._today_day(),
            limits=self._limits,
            month_names=self._months,
            geometry=GEOMETRY,
            rows_hint=self._rows_hint,
            expand=self._expanded,
        )

    def _hover_at(self, frame: Frame, x: float | None) -> Hover | None:
        """What build_frame would put in the frame's hover for x: the day at the axis's
        resolution."""
        if x is None:
            return None
        day = frame.viewport.day_at(x)
        return Hover(x, day, format_day(day, frame.ticks.unit, self._months))

    def _backdrop_for(self, frame: Frame) -> QPixmap:
        """The frame painted without hover, kept while only the pointer moves over it."""
        key = self._frame_key or ()
        if self._backdrop is not None and self._backdrop[0] == key:
            return self._backdrop[1]
        dpr = self._style.dpr
        pixmap = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
        pixmap.setDevicePixelRatio(dpr)
        painter = QPainter(pixmap)
        paint_frame(painter, dataclasses.replace(frame, hover=None), self._style)
        painter.end()
        self._backdrop = (key, pixmap)
        return pixmap

    def _key(self) -> tuple[object, ...]:
        return (
            self._view,
            self._height(),
            self._lanes,
            tuple(self._selection),
            self._highlight_version,
            self._marks_version,
            self._expanded,
            self._today_day(),
            self._months,
            self._style,
        )

    def _height(self) -> int:
        return max(self.height(), 1)

    def _whole_view(self, width: int | None = None) -> Viewport:
        """Fit all: where the events are (long periods may run off the edges)."""
        return Viewport(self._fit.first, self._fit.last, width or self._frame_width())

    def _frame_width(self, widget_width: int | None = None) -> int:
        width = self.width() if widget_width is None else widget_width
        return max(width - round(self._style.gutter), 1)

    def _local(self, pos: QPointF) -> QPointF:
        """Widget to frame coordinates."""
        return QPointF(pos.x() - self._style.gutter, pos.y())

    def _restyle(self) -> None:
        """New fonts or device pixel ratio: new style, legend column and frame width."""
        self._style = self._make_style()
        width = self._frame_width()
        if width != self._view.width_px:
            view = self._whole_view() if self._auto_fit else self._view.resized(width)
            self._set_view(view.clamped(self._limits), auto_fit=self._auto_fit)
        self.update()

    def _today_day(self) -> int:
        return self._today if self._today is not None else date.today().toordinal()

    def _title(self, event_id: int) -> str:
        title = self._data.titles.get(event_id)
        return title if title else self._titles_missing.replace("%1", str(event_id))

    def _paint_message(self, painter: QPainter, text: str) -> None:
        painter.setPen(palette.TEXT_MUTED)
        painter.setFont(self._style.label_font)
        frame = self.frame()
        box = QRectF(
            self._style.gutter, frame.axis[1], frame.width, frame.overview.y0 - frame.axis[1]
        )
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- per dataset -----------------------------------------------------------------------------

    def _make_style(self, dpr: float | None = None) -> TimelineStyle:
        colors = [QColor(c.color) for c in self._data.categories]
        ratio = self.devicePixelRatioF() if dpr is None else dpr
        style = TimelineStyle(colors, self.font(), candidates=self._data.candidate_ids, dpr=ratio)
        style.fit_gutter([self._category_label(c) for c in self._data.categories])
        return style

    def _make_lanes(self) -> LanesLayout:
        """Bands for the category filter and the visible events; the unfiltered layout
        (and its packings) is kept, so clearing a filter costs nothing."""
        labels = [self._category_label(c) for c in self._data.categories]
        unfiltered = self._filter is None and self._visible is None
        if (
            unfiltered
            and self._base_lanes is not None
            and self._base_lanes.labels == tuple(labels[c] for c in self._base_lanes.categories)
        ):
            lanes = self._base_lanes
        else:
            order = None
            if self._filter is not None:
                order = [code for code in range(len(labels)) if code in self._filter]
            lanes = LanesLayout(self._data.events, labels, order, visible=self._visible)
            if unfiltered:
                self._base_lanes = lanes
        self._shown = None if unfiltered else lanes.lane_of >= 0
        self._rows_hint = None
        return lanes

    def _visible_mask(self, ids: npt.NDArray[np.int64] | None) -> npt.NDArray[np.bool_] | None:
        return None if ids is None else self._data.events.mask_of(ids)

    def _counts_of(self, marks: dict[int, list[QColor]]) -> npt.NDArray[np.int8] | None:
        """How many marks each event has, aligned with the arrays (None without marks)."""
        if not marks:
            return None
        events = self._data.events
        ids = np.fromiter(marks, dtype=np.int64, count=len(marks))
        counts = np.fromiter((len(v) for v in marks.values()), dtype=np.int8, count=len(marks))
        out = np.zeros(len(events), dtype=np.int8)
        if not len(events):
            return out
        pos = np.minimum(np.searchsorted(events._sorted_ids, ids), len(events) - 1)
        known = events._sorted_ids[pos] == ids
        out[events._id_order[pos[known]]] = counts[known]
        return out

    def _category_label(self, category: Category) -> str:
        language = self.locale().language()
        if language == QLocale.Language.Uzbek:
            return category.label_uz
        if language == QLocale.Language.Russian:
            return category.label_ru
        return category.label_en

    def _month_names(self) -> tuple[str, ...]:
        locale, short = self.locale(), QLocale.FormatType.ShortFormat
        return tuple(locale.standaloneMonthName(m, short) for m in range(1, 13))

    def _mask(self, ids: npt.NDArray[np.int64] | None) -> npt.NDArray[np.bool_] | None:
        """Hits as a mask; the layout's per-lane hit tables are made now (it keeps them),
        not in the first frame of the search."""
        if ids is None:
            return None
        mask = self._data.events.mask_of(ids)
        mask.flags.writeable = False  # frames then know it by identity (LanesLayout.highlight)
        self._lanes.highlight(mask)
        return mask

    def _start_warming(self) -> None:
        """Pack the zoom buckets a gesture can reach, nearest to the current zoom first, and
        make the tables of events stacked per month or year (with the search hits'), one
        piece per idle tick: no frame pays for them."""
        lanes, width = self._lanes, max(self.width(), 1)
        current = LanesLayout.bucket_for(self._view.days_per_px)
        widest = LanesLayout.bucket_for(self._limits.max_span / min(width, 640)) + 1
        buckets = sorted(range(lanes.finest_bucket, max(widest, current) + 1),
                         key=lambda b: abs(b - current))  # fmt: skip
        units = sorted({lanes.unit_precisions(b) for b in buckets})
        tasks: list[Callable[[], object]] = [functools.partial(lanes.packing, b) for b in buckets]
        tasks[1:1] = [functools.partial(lanes.units, p) for p in {p for u in units for p in u}]
        tasks[1:1] = [functools.partial(lanes.density_days, u) for u in units]
        tasks.insert(1, prepare_ticks)
        self._warm_queue = tasks
        self._warm_hits()
        self._warm_timer.start()

    def _warm_hits(self) -> None:
        """The search hits' tables for each set of stacked units, first in the queue."""
        if self._highlight is None:
            return
        hits, lanes = self._lanes.highlight(self._highlight), self._lanes
        units = {lanes.unit_precisions(b) for b in range(lanes.finest_bucket, 8)}
        self._warm_queue[:0] = [functools.partial(hits.days_without, u) for u in sorted(units)]
        self._warm_timer.start()

    def _plan_near(self, key: tuple[object, ...]) -> None:
        """After a new frame: build, at idle, the frames the wheel reaches first in the next
        zoom bucket in and out (anchored where the wheel last zoomed). Their row layout,
        stacks and tile and bin counts are then kept (see build_frame), so a notch that
        crosses into another bucket costs what one within a bucket does. Planned again when
        the bucket, anything the frame shows but the view, or the view by half its span
        changes."""
        view = self._view
        x = self._zoom_x if self._zoom_x is not None else view.width_px / 2
        near = (LanesLayout.bucket_for(view.days_per_px), round(2 * view.start / view.span),
                round(x / 80), key[1:])  # fmt: skip
        if near == self._near_key:
            return
        self._near_key = near
        self._near_views = [v for v in (self._near_view(x, 1), self._near_view(x, -1)) if v]

    def _near_view(self, x: float, direction: int) -> Viewport | None:
        """The first view in another zoom bucket that wheel notches at x reach, if any."""
        view = self._view
        bucket = LanesLayout.bucket_for(view.days_per_px)
        factor = WHEEL_ZOOM_BASE ** (120 * direction)
        for _ in range(NEAR_NOTCHES):
            step = view.zoom_at(x, factor).clamped(self._limits, anchor_x=x)
            if step == view:
                return None  # at a limit
            view = step
            if LanesLayout.bucket_for(view.days_per_px) != bucket:
                return view
        return None

    def _after_frame(self) -> None:
        """Idle work after a paint, a few ms per tick so input is not kept waiting: the
        diamonds, glyphs and legend chips of the frame's rows and bands, the pixmaps of the
        texts the paint drew as text, then one near frame per tick (its labels are queued
        for pixmaps in turn)."""
        style, frame = self._style, self._frame
        made = frame is not None and prepare_pixmaps(frame, style)  # one piece per tick
        if not made and style.make_pending_texts(IDLE_TEXTS) == 0 and self._near_views:
            view = self._near_views.pop(0)
            near = self._build(view, (view.width_px, self._height()), None)
            queue_texts(near, style)
            prepare_pixmaps(near, style)
        if made or style.pending_texts() or self._near_views:
            self._idle_timer.start()

    def _warm_next(self) -> None:
        if not self._warm_queue:
            self._warm_timer.stop()
            return
        self._warm_queue.pop(0)()

    # -- tooltips --------------------------------------------------------------------------------

    def _event_tooltip(self, event_id: int) -> str | None:
        events = self._data.events
        i = events.index_of(event_id)
        if i is None:
            return None
        precision = int(events.precision[i])
        end_precision = precision if events.end_precision is None else int(events.end_precision[i])
        span = DateSpan(
            date.fromordinal(int(events.start_day[i])),
            date.fromordinal(int(events.end_day[i])),
            _PRECISION_OF[precision],
            end_precision=_PRECISION_OF[end_precision] if end_precision != precision else None,
        )
        lines = [
            f"<b>{html.escape(self._title(event_id))}</b>",
            f"{span.edtf} · {html.escape(self._precision_text(span))}",
            html.escape(self._category_name(int(events.category[i]))),
        ]
        if event_id in self._data.candidate_ids:
            lines.append(f"<i>{html.escape(self.tr('Candidate: not yet reviewed'))}</i>")
        return "<br>".join(lines)

    def _precision_text(self, span: DateSpan) -> str:
        names = {
            Precision.DAY: self.tr("day known"),
            Precision.MONTH: self.tr("known to the month"),
            Precision.YEAR: self.tr("known to the year"),
        }
        start = names[span.precision]
        end = span.end_precision
        if end is None or end == span.precision:
            return start
        return self.tr("start %1, end %2").replace("%1", start).replace("%2", names[end])

    def _category_name(self, code: int) -> str:
        categories = self._data.categories
        return self._category_label(categories[code]) if 0 <= code < len(categories) else ""

    def _cluster_labels(
        self, count: int, shown: int, first_day: int, precision: int
    ) -> tuple[str, ...]:
        """A cluster's label, longest first: "12 events in March 2023", "12 events", "12"
        (with events of that unit drawn above it: "11 more in March 2023", "+11 more")."""
        key = (count, shown > 0, first_day, precision)
        found = self._cluster_texts.get(key)
        if found is None:
            if len(self._cluster_texts) > 20_000:
                self._cluster_texts.clear()
            found = self._cluster_texts[key] = self._make_cluster_labels(*key)
        return found

    def _make_cluster_labels(
        self, count: int, shown: bool, first_day: int, precision: int
    ) -> tuple[str, ...]:
        when = self._unit_text(first_day, precision)
        if shown:
            long = self.tr("%n more in %1", "", count).replace("%1", when)
            return long, self.tr("+%n more", "", count), f"+{count}"
        long = self.tr("%n events in %1", "", count).replace("%1", when)
        return long, self.tr("%n events", "", count), str(count)

    def _unit_text(self, first_day: int, precision: int) -> str:
        when = date.fromordinal(first_day)
        if precision == PRECISION_CODE[Precision.MONTH]:
            month = self.locale().standaloneMonthName(when.month, QLocale.FormatType.LongFormat)
            return f"{month} {when.year}"
        return str(when.year)

    def _cluster_tooltip(self, cluster: Cluster) -> str:
        when = self._unit_text(cluster.first_day, cluster.precision)
        head = self.tr("%n events known only as %1", "", cluster.size).replace("%1", when)
        lines = [f"<b>{html.escape(head)}</b>", html.escape(self._category_name(cluster.category))]
        if cluster.hits is not None:
            lines.append(html.escape(self.tr("%n search hits among them", "", cluster.hits)))
        lines.append(f"<i>{html.escape(self.tr('Click to show them all'))}</i>")
        return "<br>".join(lines)

    def _density_tooltip(self, hit: DensityHit) -> str:
        count = self.tr("1 event") if hit.events == 1 else self.tr("%n events", "", hit.events)
        when = self._days_text(hit.first_day, hit.last_day)
        first = self.tr("%1, %2 — zoom in").replace("%1", count).replace("%2", when)
        return f"{html.escape(first)}<br>{html.escape(self._category_name(hit.category))}"

    def _days_text(self, first: int, last: int) -> str:
        """'14 Mar 2024', '14 Mar 2024 – 20 Mar 2024', 'Mar 2024 – Apr 2024' or '2024'."""
        days = last - first + 1
        unit = TickUnit.DAY if days < 62 else TickUnit.MONTH if days < 730 else TickUnit.YEAR
        a, b = format_day(first, unit, self._months), format_day(last, unit, self._months)
        return a if a == b else f"{a} – {b}"


def _moved(a: QPointF, b: QPointF) -> bool:
    return (b - a).manhattanLength() >= QApplication.startDragDistance()


_KEYS: dict[Qt.Key, Callable[[TimelineWidget], None]] = {
    Qt.Key.Key_Left: lambda w: w._key_step(-1),
    Qt.Key.Key_Right: lambda w: w._key_step(1),
    Qt.Key.Key_Home: lambda w: w._key_end(1),
    Qt.Key.Key_End: lambda w: w._key_end(-1),
    Qt.Key.Key_Plus: TimelineWidget.zoom_in,
    Qt.Key.Key_Equal: TimelineWidget.zoom_in,
    Qt.Key.Key_Minus: TimelineWidget.zoom_out,
    Qt.Key.Key_Underscore: TimelineWidget.zoom_out,
    Qt.Key.Key_PageUp: lambda w: w._key_page(-1),
    Qt.Key.Key_PageDown: lambda w: w._key_page(1),
    Qt.Key.Key_F: TimelineWidget.fit_all,
    Qt.Key.Key_Return: lambda w: w._key_activate(),
    Qt.Key.Key_Enter: lambda w: w._key_activate(),
    Qt.Key.Key_Escape: lambda w: w._key_clear(),
}
