"""The timeline widget, driven like a user would: wheel, drag, keys, clicks, the overview.

Positions come from the widget's own Frame (what it draws), moved into widget coordinates
with `frame_offset()` (the legend column on the left).
"""

from __future__ import annotations

import math
from datetime import date
from unittest.mock import MagicMock

import numpy as np
import numpy.typing as npt
import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import categories_by_id

from uzkz_desktop.app import TimelineData
from uzkz_desktop.timeline import EventArrays, Frame, Item, LanesLayout, Viewport
from uzkz_desktop.timeline.viewport import ZOOM_STEP
from uzkz_desktop.ui import palette, timeline_widget
from uzkz_desktop.ui.timeline_painter import paint_frame
from uzkz_desktop.ui.timeline_widget import TimelineWidget

# The archive's own categories (labels and colours from resources/categories.toml).
CATEGORIES = categories_by_id("diplomacy", "economy", "ecology")
DAY, MONTH, YEAR = 0, 1, 2
# id, first day, last day, precision, category, title
ROWS = [
    (1, "2019-03-14", "2019-03-14", DAY, 0, "Foreign ministers meet in Tashkent"),
    (2, "2019-06-01", "2019-06-30", MONTH, 1, "Trade mission to Almaty"),
    (3, "2020-02-10", "2020-02-10", DAY, 2, "Water commission session"),
    (4, "2021-01-01", "2021-12-31", YEAR, 1, "Annual trade report"),
    (5, "2021-04-15", "2021-04-15", DAY, 0, "State visit to Nur-Sultan"),
    (6, "2021-04-15", "2021-04-16", DAY, 1, "Business forum"),
    (7, "2022-09-05", "2022-09-05", DAY, 2, "Aral Sea conference"),
    (8, "2023-03-16", "2023-03-16", DAY, 0, "Summit in Tashkent"),
    (9, "2023-05-01", "2023-08-31", DAY, 1, "Rail corridor works"),
    (10, "2024-11-12", "2024-11-12", DAY, 0, "Strategic partnership talks"),
]
TODAY = date(2024, 6, 1).toordinal()
SIZE = (1000, 420)


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def timeline_data(rows: list[tuple[int, str, str, int, int, str]] = ROWS) -> TimelineData:
    ids, first, last, precision, category, titles = zip(*rows, strict=True)
    events = EventArrays.from_columns(
        ids, [day(d) for d in first], [day(d) for d in last], precision, category
    )
    return TimelineData(events, CATEGORIES, dict(zip(ids, titles, strict=True)), frozenset({7}))


def make_widget(
    qtbot: QtBot, data: TimelineData | None = None, *, show: bool = True
) -> TimelineWidget:
    """A 1000 x 420 widget (English, DejaVu Sans) on the sample events, shown unless not."""
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    w.setFont(QFont("DejaVu Sans"))
    w.resize(*SIZE)
    w.set_data(timeline_data() if data is None else data)
    w.set_today(TODAY)
    if show:
        w.show()
        qtbot.waitExposed(w)
    return w


@pytest.fixture
def widget(qtbot: QtBot) -> TimelineWidget:
    return make_widget(qtbot)


# -- helpers ------------------------------------------------------------------------------------


def at(widget: TimelineWidget, x: float, y: float) -> QPointF:
    """Frame coordinates to widget coordinates."""
    return QPointF(x, y) + widget.frame_offset()


def item_of(frame: Frame, event_id: int) -> Item:
    return next(i for i in frame.items if i.event_id == event_id)


def centre_of(widget: TimelineWidget, item: Item) -> QPointF:
    return at(widget, (item.x0 + item.x1) / 2, item.y)


def send_wheel(
    widget: TimelineWidget,
    pos: QPointF,
    delta: int,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    event = QWheelEvent(
        pos,
        widget.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        mods,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def send_mouse(
    widget: TimelineWidget,
    kind: QEvent.Type,
    pos: QPointF,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    if kind == QEvent.Type.MouseMove and button == Qt.MouseButton.NoButton:
        held = Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        pos,
        widget.mapToGlobal(pos),
        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        held,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(widget: TimelineWidget, start: QPointF, end: QPointF, steps: int = 4) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, start)
    for k in range(1, steps + 1):
        send_mouse(widget, QEvent.Type.MouseMove, start + (end - start) * (k / steps))
    send_mouse(widget, QEvent.Type.MouseButtonRelease, end)


def click(widget: TimelineWidget, pos: QPointF) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, pos)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, pos)


def empty_spot(widget: TimelineWidget) -> QPointF:
    """A point in the plot with no item, label or density under it."""
    frame = widget.frame()
    for y in np.arange(frame.axis[1] + 2, frame.overview.y0 - 2, 5.0):
        for x in np.arange(20.0, frame.width - 20.0, 13.0):
            if frame.hit_test(x, y, radius=12) is None and frame.density_at(x, y) is None:
                return at(widget, float(x), float(y))
    raise AssertionError("no empty spot")


def plot_y(widget: TimelineWidget) -> float:
    frame = widget.frame()
    return (frame.axis[1] + frame.overview.y0) / 2


# -- wheel and drag -----------------------------------------------------------------------------


def test_wheel_up_zooms_in_keeping_the_day_under_the_cursor(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    before = widget.viewport()
    x = 400.0
    day_under = before.day_at(x - widget.frame_offset().x())
    with qtbot.waitSignal(widget.viewport_changed):
        send_wheel(widget, QPointF(x, plot_y(widget)), 120)
    after = widget.viewport()
    assert after.span == pytest.approx(before.span / 1.0015**120)
    assert after.day_at(x - widget.frame_offset().x()) == pytest.approx(day_under, abs=1e-6)


def test_wheel_down_zooms_out_and_wheel_reaches_a_single_day(widget: TimelineWidget) -> None:
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    before = widget.viewport()
    send_wheel(widget, QPointF(300, plot_y(widget)), -120)
    assert widget.viewport().span == pytest.approx(before.span * 1.0015**120)
    for _ in range(60):  # all the way in: the limit is a two-day span (one day, half width)
        send_wheel(widget, QPointF(300, plot_y(widget)), 120)
    assert widget.viewport().span == pytest.approx(2.0)
    for _ in range(80):  # and out: the whole archive, not beyond
        send_wheel(widget, QPointF(300, plot_y(widget)), -120)
    assert widget.viewport() == whole_view(widget)


def test_ctrl_wheel_zooms_about_the_centre(widget: TimelineWidget) -> None:
    before = widget.viewport()
    send_wheel(widget, QPointF(100, plot_y(widget)), 120, Qt.KeyboardModifier.ControlModifier)
    assert widget.viewport().centre == pytest.approx(before.centre)
    assert widget.viewport().span < before.span


def test_dragging_200_px_pans_by_200_px_of_days(widget: TimelineWidget) -> None:
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    before = widget.viewport()
    y = plot_y(widget)
    drag(widget, QPointF(300, y), QPointF(500, y))
    after = widget.viewport()
    assert after.span == pytest.approx(before.span)
    assert after.start == pytest.approx(before.start - 200 * before.days_per_px)
    assert widget.selected_id() is None  # a drag is not a click


def test_a_small_movement_is_still_a_click(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2023-03-01"), day("2023-03-31"))
    before = widget.viewport()
    pos = centre_of(widget, item_of(widget.frame(), 8))
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 8):
        drag(widget, pos, pos + QPointF(2, 1), steps=2)
    assert widget.viewport() == before


# -- keys ---------------------------------------------------------------------------------------


def test_plus_minus_and_f_zoom_about_the_centre_and_fit(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    whole = widget.viewport()
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    assert widget.viewport().span == pytest.approx(whole.span / ZOOM_STEP)
    assert widget.viewport().centre == pytest.approx(whole.centre)
    qtbot.keyClick(widget, Qt.Key.Key_Equal)
    assert widget.viewport().span == pytest.approx(whole.span / ZOOM_STEP**2)
    qtbot.keyClick(widget, Qt.Key.Key_Minus)
    assert widget.viewport().span == pytest.approx(whole.span / ZOOM_STEP)
    widget.show_range(day("2023-01-01"), day("2023-01-31"))
    qtbot.keyClick(widget, Qt.Key.Key_F)
    assert widget.viewport() == whole


def test_home_and_end_go_to_the_first_and_last_event(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2021-01-01"), day("2021-03-31"))
    span = widget.viewport().span
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 1):
        qtbot.keyClick(widget, Qt.Key.Key_Home)
    assert widget.viewport().centre == pytest.approx(day("2019-03-14") + 0.5)
    assert widget.viewport().span == pytest.approx(span)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 10):
        qtbot.keyClick(widget, Qt.Key.Key_End)
    view = widget.viewport()
    assert view.start < day("2024-11-12") < view.end


def test_arrows_step_through_events_in_time_order(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2021-04-01"), day("2021-04-30"))
    # Nothing selected: → takes the first event starting in the view (time order: start day,
    # then end day: the one-year event 4 began on 1 January, before the view).
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 5):
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 6):
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 7):
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    view = widget.viewport()  # scrolled so that the 2022 event is in view
    assert view.start < day("2022-09-05") < view.end
    for expected in (6, 5, 4):
        with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i, e=expected: i == e):
            qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert widget.selected_id() == 4


def test_enter_activates_and_escape_clears(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.select(3)
    with qtbot.waitSignal(widget.event_activated, check_params_cb=lambda i: i == 3):
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == -1):
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert widget.selected_id() is None


def test_page_keys_pan_by_most_of_a_screen(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    before = widget.viewport()
    qtbot.keyClick(widget, Qt.Key.Key_PageDown)
    assert widget.viewport().start == pytest.approx(before.start + 0.8 * before.span)
    qtbot.keyClick(widget, Qt.Key.Key_PageUp)
    assert widget.viewport().start == pytest.approx(before.start)


# -- clicks -------------------------------------------------------------------------------------


def test_clicking_an_item_selects_it_and_empty_space_clears(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    widget.show_range(day("2021-04-01"), day("2021-04-30"))
    pos = centre_of(widget, item_of(widget.frame(), 5))
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 5):
        click(widget, pos)
    assert widget.selected_id() == 5
    assert item_of(widget.frame(), 5).selected
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == -1):
        click(widget, empty_spot(widget))
    assert widget.selected_id() is None


def test_clicking_a_label_selects_its_event(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2023-03-01"), day("2023-03-31"))
    item = item_of(widget.frame(), 8)
    assert item.label == "Summit in Tashkent"
    pos = at(widget, item.label_x + item.label_w / 2, item.y)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 8):
        click(widget, pos)


def test_double_click_activates(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2022-09-01"), day("2022-09-30"))
    pos = centre_of(widget, item_of(widget.frame(), 7))
    with qtbot.waitSignal(widget.event_activated, check_params_cb=lambda i: i == 7):
        qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert widget.selected_id() == 7


def test_programmatic_select_does_not_emit_and_can_centre(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    widget.show_range(day("2019-01-01"), day("2019-01-31"))
    with qtbot.assertNotEmitted(widget.event_selected):
        widget.select(10, centre=True)
    assert widget.selected_id() == 10
    assert widget.viewport().centre == pytest.approx(day("2024-11-12") + 0.5)
    widget.select(12345)  # unknown: nothing selected
    assert widget.selected_id() is None


# -- search highlights, filters, tooltips -------------------------------------------------------


def test_highlights_dim_the_other_items(widget: TimelineWidget) -> None:
    widget.show_range(day("2021-04-01"), day("2021-04-30"))
    item = item_of(widget.frame(), 5)
    size = QSize(*SIZE)
    plain = widget.render_to_image(size).pixelColor(centre_of(widget, item).toPoint())
    widget.set_highlighted([6])
    frame = widget.frame()
    assert item_of(frame, 5).dimmed
    assert not item_of(frame, 6).dimmed
    dimmed = widget.render_to_image(size).pixelColor(centre_of(widget, item).toPoint())
    assert distance(dimmed, palette.BACKGROUND) < distance(plain, palette.BACKGROUND) / 2
    widget.set_highlighted(None)
    assert not any(i.dimmed for i in widget.frame().items)


def test_category_filter_hides_bands_and_arrow_keys_skip_them(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    assert [b.category for b in widget.frame().bands] == [0, 1, 2]
    widget.set_category_filter({0, 2})
    assert [b.category for b in widget.frame().bands] == [0, 2]
    widget.select(1)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 3):
        qtbot.keyClick(widget, Qt.Key.Key_Right)  # event 2 (economy) is hidden
    widget.set_category_filter(None)
    assert len(widget.frame().bands) == 3


def test_tooltip_of_an_item_says_title_date_precision_and_category(
    widget: TimelineWidget,
) -> None:
    widget.show_range(day("2019-05-01"), day("2019-07-31"))
    text = widget.tooltip_text(centre_of(widget, item_of(widget.frame(), 2)))
    assert text is not None
    assert "<b>Trade mission to Almaty</b>" in text
    assert "2019-06 · known to the month" in text
    assert "Economy &amp; trade" in text
    widget.show_range(day("2022-09-01"), day("2022-09-30"))
    text = widget.tooltip_text(centre_of(widget, item_of(widget.frame(), 7)))
    assert text is not None
    assert "2022-09-05 · day known" in text
    assert "not yet reviewed" in text  # event 7 is a candidate
    assert widget.tooltip_text(empty_spot(widget)) is None


def test_density_bins_say_how_many_and_zoom_in_on_click(qtbot: QtBot) -> None:
    rng = np.random.default_rng(5)
    starts = day("2020-01-01") + np.sort(rng.integers(0, 40, 600))  # a crowded 40 days
    rows = [
        (
            k + 1,
            date.fromordinal(int(s)).isoformat(),
            date.fromordinal(int(s)).isoformat(),
            DAY,
            0,
            f"Event {k + 1}",
        )
        for k, s in enumerate(starts)
    ]
    rows.append((1000, "1995-01-01", "1995-01-01", DAY, 1, "Far away"))
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    w.resize(*SIZE)
    w.set_data(timeline_data(rows))
    frame = w.frame()
    strip = next(s for s in frame.density if s.dense.any() and s.counts.max() > 5)
    i = int(np.argmax(np.where(strip.dense, strip.counts, 0)))
    x = strip.x0 + (i + 0.5) * strip.bin_px
    y = (strip.y0 + strip.y1) / 2
    hit = frame.density_at(x, y)
    assert hit is not None
    text = w.tooltip_text(at(w, x, y))
    assert text is not None
    assert f"{hit.events} events, " in text
    assert "— zoom in" in text
    before = w.viewport()
    click(w, at(w, x, y))
    after = w.viewport()
    assert after.span == pytest.approx(before.span / 8)
    assert after.start < hit.first_day < hit.last_day + 1 < after.end


# -- overview strip -----------------------------------------------------------------------------


def test_dragging_the_overview_window_pans(widget: TimelineWidget) -> None:
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    before = widget.viewport()
    overview = widget.frame().overview
    y = (overview.y0 + overview.y1) / 2
    start = at(widget, (overview.window_x0 + overview.window_x1) / 2, y)
    drag(widget, start, start + QPointF(50, 0))
    after = widget.viewport()
    assert after.span == pytest.approx(before.span)
    assert after.start == pytest.approx(before.start + 50 * overview.strip.days_per_px)


def test_clicking_the_overview_centres_there(widget: TimelineWidget) -> None:
    widget.show_range(day("2021-01-01"), day("2021-01-31"))
    overview = widget.frame().overview
    target = day("2023-01-01")
    x = overview.x0 + overview.strip.x_for(target)
    click(widget, at(widget, x, overview.y1 - 5))
    assert widget.viewport().centre == pytest.approx(target, abs=overview.strip.days_per_px)


# -- data, locale, rendering --------------------------------------------------------------------


def test_set_data_fits_and_emits(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2021-01-01"), day("2021-01-31"))
    with qtbot.waitSignal(widget.viewport_changed):
        widget.set_data(timeline_data(ROWS[:3]))
    assert widget.viewport() == whole_view(widget)
    assert widget.frame().in_view == 3


def test_empty_data_draws_without_error(widget: TimelineWidget) -> None:
    widget.set_data(TimelineData(EventArrays.empty(), CATEGORIES, {}, frozenset()))
    image = widget.render_to_image(QSize(400, 200))
    assert not image.isNull()
    widget.repaint()


def test_labels_and_months_follow_the_locale(widget: TimelineWidget) -> None:
    widget.setLocale(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    frame = widget.frame()
    assert frame.bands[0].label == "Дипломатия и политика"
    russian = QLocale(QLocale.Language.Russian)
    april = russian.standaloneMonthName(4, QLocale.FormatType.ShortFormat)  # quarter ticks
    assert april in {t.label for t in frame.ticks.major}
    widget.setLocale(
        QLocale(QLocale.Language.Uzbek, QLocale.Script.LatinScript, QLocale.Country.Uzbekistan)
    )
    assert widget.frame().bands[2].label == "Ekologiya va suv"


def test_render_to_image_shows_the_same_days(widget: TimelineWidget) -> None:
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    view = widget.viewport()
    image = widget.render_to_image(QSize(1300, 500))
    assert (image.width(), image.height()) == (1300, 500)
    frame = widget.render_into(image)
    assert (frame.viewport.start, frame.viewport.end) == (view.start, view.end)
    assert frame.width == 1300 - widget.frame_offset().x()
    assert widget.viewport() == view  # rendering does not move the view


def test_hovering_emits_the_item_under_the_pointer(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.show_range(day("2023-03-01"), day("2023-03-31"))
    pos = centre_of(widget, item_of(widget.frame(), 8))
    with qtbot.waitSignal(widget.hovered, check_params_cb=lambda i: i == 8):
        send_mouse(widget, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton)
    widget.repaint()
    assert widget.frame().hover is not None


def test_hover_moves_reuse_the_frame_and_paint_like_a_full_paint(
    widget: TimelineWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget.show_range(day("2021-01-01"), day("2021-12-31"))
    widget.grab()  # a full paint of this view
    builds: list[object] = []
    real_build = timeline_widget.build_frame

    def counting_build(*args: object, **kwargs: object) -> Frame:
        builds.append(args)
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline_widget, "build_frame", counting_build)
    y = plot_y(widget)
    for x in (300.0, 420.0, 515.0):  # backdrop made once, then reused
        send_mouse(widget, QEvent.Type.MouseMove, QPointF(x, y), Qt.MouseButton.NoButton)
        shown = widget.grab().toImage()
    assert builds == []
    hover = widget.frame().hover
    assert hover is not None
    assert hover.x == 515.0 - widget.frame_offset().x()
    assert hover.label == "Jun 2021"  # the axis shows quarters: months in the hover
    full = QImage(shown.size(), QImage.Format.Format_ARGB32_Premultiplied)
    widget.render_into(full, hover=True)
    assert builds  # that one is built afresh
    inner = shown.rect().adjusted(1, 1, -1, -1)  # the focus frame may differ
    difference = np.abs(pixels(shown.copy(inner)) - pixels(full.copy(inner)))
    assert difference.max() <= 1  # text from the cache may round one level differently


def test_benchmark_runs(qtbot: QtBot) -> None:
    from uzkz_desktop.ui.bench import bench_timeline_paint

    figures = bench_timeline_paint(3_000, frames=3)
    levels = ("whole", "5y", "1y", "1m", "1w")
    for level in (*levels, *(f"{z}_hl" for z in levels), "1y_marks", "zoom_seq", "zoom_busy",
                  "pan_seq", "search_1y"):  # fmt: skip
        assert figures[f"{level}_mean_ms"] > 0
        assert figures[f"{level}_p50_ms"] <= figures[f"{level}_p95_ms"]
        assert figures[f"{level}_p95_ms"] <= figures[f"{level}_max_ms"]
        assert math.isfinite(figures[f"{level}_max_ms"])
    assert figures["worst_max_ms"] == max(
        figures[f"{z}{s}_max_ms"] for z in levels for s in ("", "_hl")
    )


def test_at_idle_the_frame_the_wheel_reaches_in_the_next_bucket_is_made_ready(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = make_widget(qtbot, show=False)  # not painted: only the idle work caches texts
    built: list[Viewport] = []
    real = timeline_widget.build_frame

    def recording(events: EventArrays, view: Viewport, *args: object, **kw: object) -> Frame:
        built.append(view)
        return real(events, view, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline_widget, "build_frame", recording)
    pos = at(widget, 300.0, plot_y(widget))
    for _ in range(6):  # in from fit-all, which is as far out as the view goes
        send_wheel(widget, pos, 120)
    built.clear()
    widget.frame()
    bucket = LanesLayout.bucket_for(widget.viewport().days_per_px)
    # This frame, then at idle one frame zoomed in and one out, in the next buckets.
    qtbot.waitUntil(lambda: len(built) >= 3)
    qtbot.waitUntil(lambda: widget.timeline_style().pending_texts() == 0)
    prepared = built[1:]
    steps = sorted(LanesLayout.bucket_for(v.days_per_px) - bucket for v in prepared)
    assert steps == [-1, 1]
    # Wheel on at the same place until the bucket changes: that view is the one made ready,
    # and its labels are cached pixmaps, not texts to lay out.
    while LanesLayout.bucket_for(widget.viewport().days_per_px) == bucket:
        send_wheel(widget, pos, 120)
    assert widget.viewport() in prepared
    frame = widget.frame()
    labels = {i.label for i in frame.items if i.label}
    assert labels
    painter = MagicMock(spec=QPainter)
    paint_frame(painter, frame, widget.timeline_style())
    drawn = {c.args[1] for c in painter.drawText.call_args_list}
    assert drawn <= {t.label for t in frame.ticks.major}


# -- lanes by content, month stacks and clusters, fit all ----------------------------------------


def test_bands_take_the_rows_their_events_need_and_empty_ones_are_thin(
    widget: TimelineWidget,
) -> None:
    widget.show_range(day("2022-09-01"), day("2022-09-30"))  # only the Aral Sea conference
    frame = widget.frame()
    rows = [(b.category, b.point_rows, b.span_rows, b.unit_rows) for b in frame.bands]
    assert rows == [(0, 0, 0, 0), (1, 0, 0, 0), (2, 1, 0, 0)]
    assert [b.collapsed for b in frame.bands] == [True, True, False]
    assert [b.y1 - b.y0 for b in frame.bands] == [12.0, 12.0, 6.0 + 14.0]


def month_data(count: int, economy: int = 0) -> TimelineData:
    """`count` events known only as "March 2023" (diplomacy), `economy` more in economy,
    and the sample events."""
    rows = [*ROWS, *[(100 + k, "2023-03-01", "2023-03-31", MONTH, 0, f"Meeting {k}")
                     for k in range(count)]]  # fmt: skip
    rows += [(200 + k, "2023-03-01", "2023-03-31", MONTH, 1, f"Fair {k}") for k in range(economy)]
    return timeline_data(rows)


def test_a_month_view_stacks_the_months_events_as_labelled_bars(qtbot: QtBot) -> None:
    w = make_widget(qtbot, month_data(4))
    w.show_range(day("2023-03-01"), day("2023-03-31"))
    frame = w.frame()
    months = [i for i in frame.items if i.kind == "fuzzy-span"]
    assert sorted(i.event_id for i in months) == [100, 101, 102, 103]
    assert all(i.label == f"Meeting {i.event_id - 100}" for i in months)
    assert len({i.row for i in months}) == 4  # one row each, no density comb
    assert not frame.density
    assert not frame.clusters


def test_clicking_a_cluster_zooms_into_its_month_and_gives_its_band_the_rows(
    qtbot: QtBot,
) -> None:
    w = make_widget(qtbot, month_data(40, economy=20))
    w.show_range(day("2023-02-10"), day("2023-04-20"))  # March is half the view
    frame = w.frame()
    cluster = next(c for c in frame.clusters if c.category == 0)
    assert cluster.size >= 20
    assert cluster.label is not None
    assert cluster.label.endswith("in March 2023")
    tip = w.tooltip_text(at(w, (cluster.x0 + cluster.x1) / 2, cluster.y))
    assert tip is not None
    assert "events known only as March 2023" in tip
    click(w, at(w, (max(cluster.x0, 0) + min(cluster.x1, frame.width)) / 2, cluster.y))
    view = w.viewport()
    assert view.start < day("2023-03-01") < day("2023-04-01") < view.end
    assert view.span < 40
    assert w.expanded_category() == 0
    expanded = w.frame()
    hidden = sum(c.size for c in expanded.clusters if c.category == 0)
    assert hidden < cluster.size  # more of March's events have a row of their own
    # The other bands keep a row each (or a thin strip); diplomacy has the rest.
    others = sum(b.y1 - b.y0 for b in expanded.bands[1:])
    assert expanded.bands[0].y1 - expanded.bands[0].y0 + others > expanded.overview.y0 - 24 - 14
    qtbot.keyClick(w, Qt.Key.Key_Escape)  # nothing selected: Esc gives the rows back
    assert w.expanded_category() is None
    assert sum(c.size for c in w.frame().clusters if c.category == 0) > hidden


def test_fit_all_frames_the_events_while_a_long_programme_runs_off_the_edge(
    qtbot: QtBot,
) -> None:
    rows = [*ROWS, (50, "2024-01-01", "2034-12-31", DAY, 1, "Cooperation programme 2024-2034")]
    w = make_widget(qtbot, timeline_data(rows))
    view = w.viewport()
    assert view.start < day("2019-03-14")
    assert day("2024-11-12") < view.end < day("2027-01-01")  # not 2035
    programme = item_of(w.frame(), 50)
    assert programme.x1 > w.frame().width  # drawn running off the right edge
    for _ in range(30):  # zooming out still reaches its end
        send_wheel(w, QPointF(300, plot_y(w)), -120)
    assert w.viewport().end > day("2034-12-31")
    qtbot.keyClick(w, Qt.Key.Key_F)
    assert w.viewport() == view


def test_newest_labels_stay_inside_the_frame(widget: TimelineWidget) -> None:
    frame = widget.frame()  # fit all: the newest event is near the right edge
    newest = item_of(frame, 10)
    # No room right of it: the label goes left of the diamond, cut before the label
    # of the 2023 summit (the painter elides it).
    assert newest.label == "Strategic partnership talks"
    assert newest.label_left
    assert newest.label_x + newest.label_w == newest.x0 - 4
    summit = item_of(frame, 8)
    assert summit.label_x + summit.label_w + 4 <= newest.label_x
    assert all(i.label_x + i.label_w <= frame.width for i in frame.items if i.label)


# -- small helpers ------------------------------------------------------------------------------


def whole_view(widget: TimelineWidget) -> Viewport:
    widget.fit_all()
    return widget.viewport()


def pixels(image: QImage) -> npt.NDArray[np.int16]:
    """RGB levels of an image, for comparisons with a tolerance."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return rows[:, : 3 * rgb.width()].astype(np.int16)  # a copy: rgb dies with this call


def distance(a: QColor, b: QColor) -> float:
    return math.dist((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))
