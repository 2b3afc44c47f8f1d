"""Curation from the main window: Undo/Redo, number keys, trash, multi-selection, a second
window on the same archive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import type_text

from uzkz_desktop.app import Session
from uzkz_desktop.ui.curation.tag_model import EVENT_IDS_MIME
from uzkz_desktop.ui.main_window import MainWindow

# 1992-11-23: diplomatic relations (attested in a Latin and a Cyrillic source).
RELATIONS = 1


def _open(qtbot: QtBot, session: Session, settings: QSettings) -> MainWindow:
    main = MainWindow(session, settings=settings)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.job is None, timeout=60000)
    return main


@pytest.fixture
def window(qtbot: QtBot, session: Session, settings: QSettings) -> Iterator[MainWindow]:
    main = _open(qtbot, session, settings)
    yield main
    main.close()


def _some_event(window: MainWindow) -> int:
    data = window.timeline_data
    assert data is not None
    return int(data.events.ids[len(data.events) // 2])


def test_undo_and_redo_in_the_edit_menu_follow_the_changes(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    curation = window.curation
    assert not curation.undo_action.isEnabled()
    event_id = _some_event(window)
    window.select_event(event_id)
    assert curation.curator is not None
    curation.curator.tag([event_id], ["lesson"])
    assert curation.undo_action.isEnabled()
    assert curation.undo_action.text() == "&Undo Tag 1 event with lesson"
    chips = window.excerpt_panel.tags_box.findChildren(type(window.counts_label))
    assert "lesson" in [c.text() for c in chips]  # the side panel shows it at once

    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "lesson" not in session.event(event_id).tags
    assert curation.redo_action.isEnabled()
    assert not curation.undo_action.isEnabled()
    curation.redo_action.trigger()
    assert "lesson" in session.event(event_id).tags


def test_a_number_key_toggles_its_tag_on_the_selected_event(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    curator = window.curation.curator
    assert curator is not None
    curator.set_tag_color("teach", "#d62728")  # makes the tag
    event_id = _some_event(window)
    curator.tag([event_id], ["teach"])
    curator.set_tag_shortcut("teach", 3)
    other = int(window.timeline_data.events.ids[0])
    window.select_event(other)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_3)
    assert "teach" in session.event(other).tags
    qtbot.keyClick(window.timeline, Qt.Key.Key_3)
    assert "teach" not in session.event(other).tags
    assert window.curation.tag_for_key(3) == "teach"


def test_delete_on_the_timeline_trashes_and_undo_restores(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    event_id = _some_event(window)
    count = len(window.timeline_data.events)
    window.select_event(event_id)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert session.event(event_id).deleted_at is not None
    assert len(window.timeline_data.events) == count - 1
    window.curation.undo()
    assert session.event(event_id).deleted_at is None
    assert len(window.timeline_data.events) == count


def test_typing_digits_in_the_search_box_tags_nothing(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    before = session.archive.canonical_dump()
    window.select_event(_some_event(window))
    window.search_panel.query_box.setFocus()
    type_text(qtbot, window.search_panel.query_box, "1992")
    assert window.search_panel.query() == "1992"
    assert session.archive.canonical_dump() == before


def test_several_results_selected_are_tagged_at_once(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    panel = window.search_panel
    panel.query_box.setFocus()
    with qtbot.waitSignal(panel.results_ready, timeout=5000):
        type_text(qtbot, panel.query_box, "Abay")
    rows = min(3, panel.model.rowCount())
    assert rows >= 2
    panel.results.setFocus()
    qtbot.waitUntil(panel.results.hasFocus)
    selection = panel.results.selectionModel()
    for row in range(rows):
        selection.select(panel.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    ids = window.selected_ids()
    assert len(ids) == rows
    assert window.curation.curator is not None
    window.curation.curator.tag(ids, ["poets"])
    assert all("poets" in session.event(i).tags for i in ids)

    # dragged onto the tag browser, the rows carry their event ids
    dragged = panel.model.mimeData([panel.model.index(r) for r in range(rows)])
    assert json.loads(bytes(dragged.data(EVENT_IDS_MIME).data())) == sorted(
        ids, key=panel.model.event_ids().index
    )


def test_a_second_window_on_the_same_archive_is_read_only(
    qtbot: QtBot, window: MainWindow, archive_path: Path, settings: QSettings
) -> None:
    second_session = Session.open(archive_path)
    second = _open(qtbot, second_session, settings)
    try:
        assert second.curation.curator is not None
        assert second.curation.curator.readonly
        assert second.curation.readonly_label.isVisible()
        assert "open in another uzkz window" in second.curation.curator.readonly_reason
        assert not second.curation.tag_action.isEnabled()
        assert not second.import_action.isEnabled()
        event_id = _some_event(second)
        second.select_event(event_id)
        second.timeline.setFocus()
        before = second_session.archive.canonical_dump()
        qtbot.keyClick(second.timeline, Qt.Key.Key_Delete)
        assert second_session.archive.canonical_dump() == before
        assert window.curation.editable  # the first keeps editing
    finally:
        second.close()
        second_session.close()


def test_undo_reaches_a_change_made_before_the_window_opened(
    qtbot: QtBot, session: Session, settings: QSettings
) -> None:
    session.tag([RELATIONS], ["yesterday"])  # e.g. `uzkz tag` last week
    main = _open(qtbot, session, settings)
    try:
        action = main.curation.undo_action
        assert action.isEnabled()
        assert action.text() == "&Undo tag 1 event yesterday (earlier)"
        action.trigger()
        assert "yesterday" not in session.event(RELATIONS).tags
    finally:
        main.close()


def test_the_curate_menu_opens_each_tool_once(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    from uzkz_desktop.ui.curation.event_editor import EventEditor
    from uzkz_desktop.ui.curation.history import EventHistory
    from uzkz_desktop.ui.curation.review_queue import ReviewQueue
    from uzkz_desktop.ui.curation.tag_editor import TagEditor
    from uzkz_desktop.ui.curation.tag_manager import TagManager
    from uzkz_desktop.ui.curation.trash import TrashView

    curation = window.curation
    window.select_event(RELATIONS)
    expected = [
        (curation.tag_action, TagEditor),
        (curation.edit_action, EventEditor),
        (curation.review_action, ReviewQueue),
        (curation.tag_manager_action, TagManager),
        (curation.history_action, EventHistory),
        (curation.trash_view_action, TrashView),
    ]
    for action, kind in expected:
        assert action.isEnabled(), action.objectName()
        action.trigger()
        shown = [w for w in curation._dialogs.values() if isinstance(w, kind)]
        assert len(shown) == 1, action.objectName()
        qtbot.waitExposed(shown[0])
    curation.review_action.trigger()  # raised again, not a second one
    assert sum(isinstance(w, ReviewQueue) for w in curation._dialogs.values()) == 1

    history = next(w for w in curation._dialogs.values() if isinstance(w, EventHistory))
    rows = len(history.rows())
    assert curation.curator is not None
    curation.curator.tag([RELATIONS], ["seen-in-history"])
    assert len(history.rows()) > rows  # the history follows the change at once
    curation.detach()  # closes them all
    qtbot.waitUntil(lambda: not curation._dialogs)


def test_the_side_panel_tags_the_excerpt_shown(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    from uzkz_desktop.ui.curation.tag_editor import TagEditor

    window.select_event(RELATIONS)
    panel = window.excerpt_panel
    excerpt = panel.current_excerpt()
    assert excerpt is not None
    assert panel.tag_excerpt_button.isVisible()
    qtbot.mouseClick(panel.tag_excerpt_button, Qt.MouseButton.LeftButton)
    editor = window.curation._dialogs["tags"]
    assert isinstance(editor, TagEditor)
    assert editor.excerpts
    assert editor.apply_text("lesson/diplomacy")
    assert session.archive.excerpt_tags(excerpt.id) == ["lesson/diplomacy"]
    assert "lesson/diplomacy" not in session.event(RELATIONS).tags
    chips = panel.excerpt_tags_box.findChildren(type(window.counts_label))
    assert [c.text() for c in chips] == ["lesson/diplomacy"]
    window.curation.undo()
    assert session.archive.excerpt_tags(excerpt.id) == []


def test_the_tag_browser_filters_the_timeline_and_the_results(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    browser = window.curation.tag_browser
    assert browser is not None
    culture = sorted(int(i) for i in session.archive.tag_filter_ids(include=["culture"]))
    assert len(culture) >= 2
    panel = window.search_panel
    with qtbot.waitSignal(panel.results_ready, timeout=5000):
        browser.cycle("culture")  # shown: only events with culture or culture/…
    assert sorted(window.timeline.visible_ids().tolist()) == culture
    assert sorted(panel.model.event_ids()) == culture  # no query: the events that pass

    with qtbot.waitSignal(panel.results_ready, timeout=5000):
        browser.cycle("culture")  # hidden: everything but them
    hidden = window.timeline.visible_ids().tolist()
    assert not set(hidden) & set(culture)
    assert len(hidden) == len(window.timeline_data.events) - len(culture)

    browser.cycle("culture")  # off
    assert window.timeline.visible_ids() is None


def test_after_a_change_elsewhere_undo_offers_the_archive_s_newest_change(
    qtbot: QtBot, window: MainWindow, session: Session, archive_path: Path
) -> None:
    curation = window.curation
    assert curation.curator is not None
    curation.curator.tag([RELATIONS], ["mine"])
    with Session.open(archive_path) as other:
        other.tag([RELATIONS], ["theirs"])
    curation.undo()  # refused: not this window's newest change
    qtbot.waitUntil(lambda: curation.undo_action.text().endswith("(earlier)"))
    assert curation.undo_action.text() == "&Undo tag 1 event theirs (earlier)"
    curation.undo()
    assert "theirs" not in session.event(RELATIONS).tags
    assert "mine" in session.event(RELATIONS).tags
