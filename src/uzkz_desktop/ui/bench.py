"""Timeline speed as the window sees it: build_frame + paint into a 1600 x 900 image.

    python -m uzkz_desktop.ui.bench                # 10k and 100k events, JSON
    python -m uzkz_desktop.ui.bench 1000000        # any sizes
    bench_timeline_paint(100_000) -> {"whole_mean_ms": ..., "pan_seq_max_ms": ..., ...}

A TimelineWidget of 1600 x 900 (legend column included; not shown) gets synthetic
history (`uzkz_desktop.timeline.bench.synthetic_events`, the 13 real categories, varied
titles, 10% candidates) and warms its packing as its idle timer would. Each figure times
what one paintEvent does: `widget.frame()` (one build_frame with cached title and width
callables) and `paint_frame` into a 1600 x 900 ARGB32 (premultiplied, as Qt's backing
stores are) QImage. After each frame the event loop runs what is pending (untimed), as
it does between two input events on screen: the widget then caches the texts the paint
drew and builds the frames of the next zoom buckets (see TimelineWidget._after_frame).

Per zoom level (whole, 5y, 1y, 1m, 1w) `frames` frames panned 40 px apart (the whole
range, which cannot pan, nudges its zoom instead), first plain (`<zoom>_...`), then with
5% of the events lit as search hits and the rest dimmed (`<zoom>_hl_...`): mean, p95 and
max of build + paint, with `_build_ms` and `_paint_ms` splitting the mean and `_cpu_*`
the thread's CPU time; `1y_marks` is the one-year level with coloured marks on 10% of
the events. Then 50 wheel notches from the whole range to the 2-day limit, with the
event loop's idle between notches (`zoom_seq`) and without any (`zoom_busy`: notches
faster than the widget's idle work; both start from a fresh layout and text cache), 50
drags of 25 px at one year, one year with search hits (`search_1y`), and the pointer
moving over a still one-year view (`hover_1y`, through paintEvent). `worst_p95_ms` and
`worst_max_ms` are the worst over every zoom level, plain or lit.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time
from datetime import date
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from uzkz_desktop.app import TimelineData
from uzkz_desktop.ingest.categories import categories
from uzkz_desktop.timeline import Viewport
from uzkz_desktop.timeline.bench import synthetic_events

from .timeline_painter import paint_frame
from .timeline_widget import TimelineWidget

SIZE = (1600, 900)
CENTRE = date(2024, 6, 15).toordinal()
TODAY = date(2026, 3, 1).toordinal()
ZOOMS = {"whole": None, "5y": 5 * 365.25, "1y": 365.25, "1m": 30.4, "1w": 7.0}
_WHAT = (
    "Intergovernmental commission",
    "Working group",
    "Business forum",
    "Joint statement",
    "Border delimitation talks",
    "Water allocation meeting",
    "Rail corridor agreement",
    "Cultural days",
    "University exchange",
    "Energy swap protocol",
    "Customs round table",
    "Parliamentary delegation",
    "Health ministers' call",
    "Tourism fair",
)
_WHERE = (
    "in Tashkent",
    "in Astana",
    "in Almaty",
    "in Samarkand",
    "in Shymkent",
    "in Turkistan",
    "in Bukhara",
    "on the border",
    "by video link",
    "",
)


def synthetic_data(n_events: int, seed: int = 1991) -> TimelineData:
    """History-shaped events with the real categories, titles and 10% candidates."""
    events = synthetic_events(n_events, seed)
    rng = np.random.default_rng(seed)
    what = rng.integers(0, len(_WHAT), n_events)
    where = rng.integers(0, len(_WHERE), n_events)
    titles = {
        int(i): f"{_WHAT[a]} {_WHERE[b]}".strip()
        for i, a, b in zip(events.ids.tolist(), what.tolist(), where.tolist(), strict=True)
    }
    candidates = frozenset(events.ids[rng.random(n_events) < 0.1].tolist())
    return TimelineData(events, tuple(categories()), titles, candidates)


def bench_timeline_paint(n_events: int, frames: int = 40) -> dict[str, float]:
    """ms per frame (build + paint) at five zoom levels, and pan / zoom / search runs."""
    _application()
    widget = TimelineWidget()
    widget.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    widget.setFont(QFont("DejaVu Sans"))
    widget.resize(*SIZE)
    data = synthetic_data(n_events)
    figures: dict[str, float] = {"events": float(n_events)}
    started = time.perf_counter()
    widget.set_data(data)
    widget.set_today(TODAY)
    figures["set_data_ms"] = _since(started)
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    first = _frame(widget, image)
    figures["first_frame_cold_ms"] = first.build + first.paint
    started = time.perf_counter()
    widget.warm_up()  # what the idle timer does in the first second after set_data
    figures["warm_up_ms"] = _since(started)
    whole = widget.viewport()
    hits = _hits(data)
    for lit in (False, True):
        widget.set_highlighted(hits.tolist() if lit else None)
        widget.warm_up()  # the hit tables the idle timer makes next
        for name, span in ZOOMS.items():
            times = _zoom_level(widget, image, whole, span, frames)
            _summary(figures, f"{name}_hl" if lit else name, times)
    widget.set_highlighted(None)
    widget.set_marks(_marks(data))
    _summary(figures, "1y_marks", _zoom_level(widget, image, whole, ZOOMS["1y"], frames))
    widget.set_marks({})
    levels = [f"{n}{s}" for n in ZOOMS for s in ("", "_hl")]
    figures["worst_p95_ms"] = max(figures[f"{n}_p95_ms"] for n in levels)
    figures["worst_max_ms"] = max(figures[f"{n}_max_ms"] for n in levels)
    _hover_moves(figures, widget)
    _sequences(figures, widget, image, whole, data)
    widget.deleteLater()
    return {k: round(v, 2) for k, v in figures.items()}


def _sequences(
    figures: dict[str, float],
    widget: TimelineWidget,
    image: QImage,
    whole: Viewport,
    data: TimelineData,
) -> None:
    for name, idle in (("zoom_seq", True), ("zoom_busy", False)):
        widget.set_data(data)  # afresh: nothing kept from earlier runs but the packings
        widget.warm_up()
        widget.set_viewport(whole)
        _frame(widget, image)
        zoom = []
        for _ in range(50):
            _wheel(widget, 1200.0)
            zoom.append(_frame(widget, image, idle=idle))
        _summary(figures, name, zoom)
    widget.set_viewport(Viewport(CENTRE - 182.6, CENTRE + 182.6, 1))
    _frame(widget, image)  # the view the drags start from is on screen already
    pan = []
    for _ in range(50):
        widget.set_viewport(widget.viewport().pan(-25.0))
        pan.append(_frame(widget, image))
    _summary(figures, "pan_seq", pan)
    hits = _hits(data)
    started = time.perf_counter()
    widget.set_highlighted(hits.tolist())
    figures["set_highlighted_ms"] = _since(started)
    widget.warm_up()
    widget.select(int(hits[len(hits) // 2]) if len(hits) else None, centre=True)
    widget.set_viewport(Viewport(CENTRE - 182.6, CENTRE + 182.6, 1))
    search = []
    for k in range(20):
        widget.set_viewport(widget.viewport().pan(40.0 if k % 2 else -40.0))
        search.append(_frame(widget, image))
    _summary(figures, "search_1y", search)


def _hits(data: TimelineData) -> npt.NDArray[np.int64]:
    """5% of the events, seeded: what a broad search lights."""
    events = data.events
    return events.ids[np.random.default_rng(7).random(len(events)) < 0.05]


def _marks(data: TimelineData) -> dict[int, list[QColor]]:
    """Coloured tags on 10% of the events: one to three marks each."""
    rng = np.random.default_rng(11)
    palette = [QColor(c) for c in ("#d62728", "#2ca02c", "#1f77b4", "#9467bd", "#ff7f0e")]
    chosen = data.events.ids[rng.random(len(data.events)) < 0.1].tolist()
    return {i: palette[: 1 + i % 3] for i in chosen}


def _zoom_level(
    widget: TimelineWidget, image: QImage, whole: Viewport, span: float | None, frames: int
) -> list[_Timing]:
    view = whole if span is None else Viewport(CENTRE - span / 2, CENTRE + span / 2, 1)
    times = []
    for k in range(frames):
        widget.set_viewport(Viewport(view.start, view.end, widget.viewport().width_px))
        if span is None:  # the whole range cannot pan: nudge the zoom instead
            widget.set_viewport(widget.viewport().zoom_in(1.0 + 0.01 * (k % 2)))
        else:
            widget.set_viewport(widget.viewport().pan(40.0 * k))
        times.append(_frame(widget, image))
    return times


class _Timing(NamedTuple):
    build: float  # wall ms
    paint: float
    cpu: float  # this thread's CPU ms for both: wall time less waiting for a core


def _frame(widget: TimelineWidget, image: QImage, *, idle: bool = True) -> _Timing:
    """One paintEvent's work, after a mouse move over the plot (the hover line moves, so
    even an unchanged view gets a new frame, as on screen); then, with idle, the event
    loop's pending work runs (untimed) as it does between two input events."""
    _move_mouse(widget)
    cpu, started = time.thread_time(), time.perf_counter()
    frame = widget.frame()
    built = time.perf_counter()
    painter = QPainter(image)
    paint_frame(painter, frame, widget.timeline_style())
    painter.end()
    cpu = (time.thread_time() - cpu) * 1000
    timing = _Timing((built - started) * 1000, _since(built), cpu)
    if idle:
        QApplication.processEvents()
    return timing


def _wheel(widget: TimelineWidget, x: float) -> None:
    """One notch of the wheel (zoom in) with the pointer at x in the frame."""
    pos = QPointF(x + widget.frame_offset().x(), 400.0)
    wheel = QWheelEvent(
        pos,
        widget.mapToGlobal(pos),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, wheel)


_moves = itertools.count()


def _move_mouse(widget: TimelineWidget) -> None:
    x = widget.frame_offset().x() + 700.0 + 17.0 * (next(_moves) % 2)
    pos = QPointF(x, 400.0)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        pos,
        widget.mapToGlobal(pos),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, move)


def _hover_moves(figures: dict[str, float], widget: TimelineWidget) -> None:
    """The pointer moving over a still view (one year): what one paintEvent costs, through
    QWidget.render (the widget reuses its frame and a backdrop, and draws the hover)."""
    widget.set_viewport(Viewport(CENTRE - 182.6, CENTRE + 182.6, 1))
    target = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    times = []
    for k in range(22):
        _move_mouse(widget)
        cpu, started = time.thread_time(), time.perf_counter()
        widget.render(target)
        if k >= 2:  # the first paints of a new view build and cache
            times.append(_Timing(0.0, _since(started), (time.thread_time() - cpu) * 1000))
    _summary(figures, "hover_1y", times)


def _summary(figures: dict[str, float], name: str, times: list[_Timing]) -> None:
    totals = [t.build + t.paint for t in times]
    figures[f"{name}_mean_ms"] = statistics.fmean(totals)
    figures[f"{name}_p50_ms"] = statistics.median(totals)
    figures[f"{name}_p95_ms"] = _p95(totals)
    figures[f"{name}_max_ms"] = max(totals)
    figures[f"{name}_build_ms"] = statistics.fmean(t.build for t in times)
    figures[f"{name}_paint_ms"] = statistics.fmean(t.paint for t in times)
    figures[f"{name}_cpu_mean_ms"] = statistics.fmean(t.cpu for t in times)
    figures[f"{name}_cpu_max_ms"] = max(t.cpu for t in times)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _application() -> QApplication:
    found = QApplication.instance()
    if isinstance(found, QApplication):
        return found
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([])


def main(argv: list[str] | None = None) -> None:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [10_000, 100_000]
    print(json.dumps({str(n): bench_timeline_paint(n) for n in sizes}, indent=2))


if __name__ == "__main__":
    main()
