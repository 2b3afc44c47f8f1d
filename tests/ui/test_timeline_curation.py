"""What curation asks of the timeline widget: several events selected (Ctrl+click,
Shift+click, Esc, `selection_changed`), coloured marks on items, and showing only some
events (`set_visible_ids`). Driven through real mouse and key events."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from test_timeline_widget import SIZE, centre_of, distance, empty_spot, item_of, make_widget

from uzkz_desktop.timeline import LanesLayout
from uzkz_desktop.ui import palette, timeline_widget
from uzkz_desktop.ui.timeline_widget import TimelineWidget

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
PLAIN = Qt.KeyboardModifier.NoModifier
RED, GREEN, BLUE = QColor("#d62728"), QColor("#2ca02c"), QColor("#1f77b4")


@pytest.fixture
def widget(qtbot: QtBot) -> TimelineWidget:
    return make_widget(qtbot)


def click_event(
    qtbot: QtBot, widget: TimelineWidget, event_id: int, mods: Qt.KeyboardModifier = PLAIN
) -> None:
    pos = centre_of(widget, item_of(widget.frame(), event_id)).toPoint()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, mods, pos)


def ids_are(expected: list[int]):  # type: ignore[no-untyped-def]
    return lambda ids: ids == expected


# -- several events selected --------------------------------------------------------------------


def test_ctrl_click_adds_and_removes_events(widget: TimelineWidget, qtbot: QtBot) -> None:
    with qtbot.waitSignals(
        [widget.selection_changed, widget.event_selected],
        check_params_cbs=[ids_are([1]), lambda i: i == 1],
    ):
        click_event(qtbot, widget, 1)
    with qtbot.waitSignals(
        [widget.selection_changed, widget.event_selected],
        check_params_cbs=[ids_are([1, 5]), lambda i: i == 5],
    ):
        click_event(qtbot, widget, 5, CTRL)
    with qtbot.waitSignal(widget.selection_changed, check_params_cb=ids_are([1, 5, 3])):
        click_event(qtbot, widget, 3, CTRL)
    assert (widget.selected_ids(), widget.selected_id()) == ([1, 5, 3], 3)
    flags = {i.event_id: (i.selected, i.current) for i in widget.frame().items}
    assert flags[1] == flags[5] == (True, False)
    assert flags[3] == (True, True)
    assert flags[2] == (False, False)
    # Ctrl+click on a selected event takes it out; the one selected before is current again.
    with qtbot.waitSignals(
        [widget.selection_changed, widget.event_selected],
        check_params_cbs=[ids_are([1, 5]), lambda i: i == 5],
    ):
        click_event(qtbot, widget, 3, CTRL)
    # Beside the events a Ctrl+click changes nothing; a plain click there clears.
    with qtbot.assertNotEmitted(widget.selection_changed):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, CTRL, empty_spot(widget).toPoint())
    with qtbot.waitSignal(widget.selection_changed, check_params_cb=ids_are([])):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, PLAIN, empty_spot(widget).toPoint())
    assert widget.selected_id() is None


def test_a_plain_click_replaces_the_selection(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.set_selected_ids([1, 5, 8])
    with qtbot.waitSignals(
        [widget.selection_changed, widget.event_selected],
        check_params_cbs=[ids_are([2]), lambda i: i == 2],
    ):
        click_event(qtbot, widget, 2)


def test_shift_click_adds_the_events_between_along_time_in_the_same_band(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    click_event(qtbot, widget, 1)  # diplomacy, 2019
    # Shift+click diplomacy's 2023 event: its 2021 event between them joins, in time order.
    with qtbot.waitSignals(
        [widget.selection_changed, widget.event_selected],
        check_params_cbs=[ids_are([1, 5, 8]), lambda i: i == 8],
    ):
        click_event(qtbot, widget, 8, SHIFT)
    # In another band (economy) it simply adds the event.
    with qtbot.waitSignal(widget.selection_changed, check_params_cb=ids_are([1, 5, 8, 2])):
        click_event(qtbot, widget, 2, SHIFT)
    # From 2 (economy, 2019) back to 6 (economy, 2021): 4 is between; 2 stays, 6 is current.
    with qtbot.waitSignal(widget.selection_changed, check_params_cb=ids_are([1, 5, 8, 2, 4, 6])):
        click_event(qtbot, widget, 6, SHIFT)
    assert widget.selected_id() == 6


def test_shift_click_with_nothing_selected_selects_that_event(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(widget.selection_changed, check_params_cb=ids_are([7])):
        click_event(qtbot, widget, 7, SHIFT)


def test_escape_clears_the_selection(widget: TimelineWidget, qtbot: QtBot) -> None:
    click_event(qtbot, widget, 1)
    click_event(qtbot, widget, 10, CTRL)
    with qtbot.waitSignals(
        [widget.selection_changed, widget.event_selected],
        check_params_cbs=[ids_are([]), lambda i: i == -1],
    ):
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert widget.selected_ids() == []
    assert not any(i.selected for i in widget.frame().items)


def test_arrow_keys_move_from_the_current_event_and_select_only_it(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    widget.set_selected_ids([1, 3])
    with qtbot.waitSignal(widget.selection_changed, check_params_cb=ids_are([4])):
        qtbot.keyClick(widget, Qt.Key.Key_Right)  # after 3 (Feb 2020) comes 4 (2021)


def test_set_selected_ids_is_quiet_and_the_selection_is_drawn(
    widget: TimelineWidget, qtbot: QtBot
) -> None:
    widget.show_range(widget_day("2021-04-01"), widget_day("2021-04-30"))
    item = item_of(widget.frame(), 5)
    probe = (centre_of(widget, item) + QPointF(6.0, 0.0)).toPoint()  # past a plain diamond
    plain = widget.render_to_image(QSize(*SIZE)).pixelColor(probe)
    with (
        qtbot.assertNotEmitted(widget.selection_changed),
        qtbot.assertNotEmitted(widget.event_selected),
    ):
        widget.set_selected_ids([5, 12345, 6])  # an unknown id is dropped
    assert (widget.selected_ids(), widget.selected_id()) == ([5, 6], 6)
    frame = widget.frame()
    assert item_of(frame, 5).selected
    assert not item_of(frame, 5).current
    assert item_of(frame, 6).current
    assert frame.items[-1].event_id == 6
    ringed = widget.render_to_image(QSize(*SIZE)).pixelColor(probe)
    # The selected diamond is drawn larger, ringed in the selection colour.
    assert distance(ringed, palette.SELECTION) < distance(plain, palette.SELECTION) / 2


# -- coloured marks -------------------------------------------------------------------------------


def test_marks_are_dots_before_the_label(widget: TimelineWidget) -> None:
    widget.show_range(widget_day("2023-03-01"), widget_day("2023-03-31"))
    before = item_of(widget.frame(), 8)
    widget.set_marks({8: [RED, GREEN, BLUE, RED], 999: [RED]})  # 3 drawn at most; 999 unknown
    item = item_of(widget.frame(), 8)
    step = widget.frame().mark_step
    assert (item.marks, item.label) == (3, before.label)
    assert item.label_w == pytest.approx(before.label_w + 3 * step)
    image = widget.render_to_image(QSize(*SIZE))
    offset = widget.frame_offset()
    for k, colour in enumerate((RED, GREEN, BLUE)):
        x = offset.x() + item.label_x + k * step + 3.0  # the middle of the k-th dot
        assert distance(image.pixelColor(round(x), round(item.y)), colour) < 60
    widget.set_marks({})
    assert item_of(widget.frame(), 8).marks == 0


def test_marks_cost_one_pixmap_per_marked_item(widget: TimelineWidget) -> None:
    from unittest.mock import MagicMock

    from PySide6.QtGui import QPainter

    from uzkz_desktop.ui.timeline_painter import paint_frame

    widget.show_range(widget_day("2021-04-01"), widget_day("2021-04-30"))
    frame = widget.frame()
    for _ in range(2):  # texts seen twice are cached pixmaps from then on
        paint_frame(MagicMock(spec=QPainter), frame, widget.timeline_style())
    plain = MagicMock(spec=QPainter)
    paint_frame(plain, frame, widget.timeline_style())
    widget.set_marks({5: [RED], 6: [GREEN, BLUE]})
    marked = MagicMock(spec=QPainter)
    paint_frame(marked, widget.frame(), widget.timeline_style())
    labelled = [i for i in widget.frame().items if i.marks]
    assert len(labelled) == 2
    assert marked.drawPixmap.call_count == plain.drawPixmap.call_count + 2
    assert marked.drawText.call_count == plain.drawText.call_count


# -- showing only some events ---------------------------------------------------------------------


def test_visible_ids_show_only_those_events(widget: TimelineWidget, qtbot: QtBot) -> None:
    widget.set_visible_ids(np.array([1, 8, 10, 12345]))
    frame = widget.frame()
    assert {i.event_id for i in frame.items} == {1, 8, 10}
    assert [b.category for b in frame.bands] == [0]  # the other bands have none of them
    assert frame.in_view == 3
    widget.select(1)
    with qtbot.waitSignal(widget.event_selected, check_params_cb=lambda i: i == 8):
        qtbot.keyClick(widget, Qt.Key.Key_Right)  # 5 is not shown: skipped
    np.testing.assert_array_equal(widget.visible_ids(), [1, 8, 10, 12345])
    widget.set_visible_ids(None)
    assert widget.visible_ids() is None
    assert {i.event_id for i in widget.frame().items} == set(range(1, 11))


def test_visible_ids_mask_the_arrays_without_reloading(
    widget: TimelineWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = widget.frame()  # the layout of all events is made (and kept)
    assert events.in_view == 10
    made: list[object] = []

    class Counting(LanesLayout):
        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(kwargs.get("visible"))
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline_widget, "LanesLayout", Counting)
    widget.set_visible_ids([2, 4])
    assert len(made) == 1
    mask = made[0]
    assert isinstance(mask, np.ndarray)
    assert mask.dtype == np.bool_
    assert int(mask.sum()) == 2
    widget.set_visible_ids(None)  # back to the layout kept from before: nothing rebuilt
    widget.set_visible_ids([2, 4, 6])
    widget.set_visible_ids(None)
    assert len(made) == 2
    assert widget.frame().in_view == 10


def widget_day(iso: str) -> int:
    from datetime import date

    return date.fromisoformat(iso).toordinal()
