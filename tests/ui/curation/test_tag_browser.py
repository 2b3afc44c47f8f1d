"""The tag tree model and the tag browser on a copy of the bundled archive."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QTreeView
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session
from uzkz_desktop.archive.models import TagRow
from uzkz_desktop.search.model import SearchFilters
from uzkz_desktop.ui.curation.curator import Curator
from uzkz_desktop.ui.curation.tag_browser import TagBrowser
from uzkz_desktop.ui.curation.tag_model import (
    COLOR_ROLE,
    EVENT_IDS_MIME,
    FILTER_STATE_ROLE,
    NAME_ROLE,
    SHORTCUT_ROLE,
    TAG_ROLE,
    TagFilter,
    TagState,
    TagTreeModel,
    event_ids_from_mime,
    event_ids_mime,
    tag_match,
)


def row(tag_id: int, name: str, events: int = 1, color: str | None = None) -> TagRow:
    return TagRow(tag_id, name, color, None, events, 0)


@pytest.fixture
def browser(qtbot: QtBot, curator: Curator) -> TagBrowser:
    widget = TagBrowser(curator)
    qtbot.addWidget(widget)
    widget.resize(320, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def emitted(browser: TagBrowser) -> list[TagFilter]:
    out: list[TagFilter] = []
    browser.filter_changed.connect(out.append)
    return out


def view_index(browser: TagBrowser, name: str) -> QModelIndex:
    index = browser.proxy.mapFromSource(browser.model.index_of(name))
    browser.view.scrollTo(index)
    return index


def click(qtbot: QtBot, browser: TagBrowser, name: str) -> None:
    rect = browser.view.visualRect(view_index(browser, name))
    qtbot.mouseClick(browser.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- the model -------------------------------------------------------------------------------


def test_the_tag_model_passes_the_model_tester_also_while_it_changes(
    qtbot: QtBot, qtmodeltester: Any, session: Session
) -> None:
    model = TagTreeModel(editable=True, drop_target=True)
    model.set_tags(session.tags())
    qtmodeltester.check(model, force_py=True)
    # The tester checks the whole model again at each change: a smaller one changes.
    rows = [r for r in session.tags() if r.name[0] in "et"]
    changing = TagTreeModel(editable=True)
    changing.set_tags(rows)
    qtmodeltester.check(changing, force_py=True)
    changing.set_tags([r for r in rows if not r.name.startswith("energy")])  # rows go
    changing.set_tags([*rows, row(999, "zeta/eta/theta")])  # rows come, levels made up
    changing.set_tags(rows[::2])
    bigger = [TagRow(r.id, r.name, "#117733", None, r.event_count + 1, 0, 2) for r in rows]
    changing.set_tags(bigger)  # data changes
    assert changing.names() == [r.name for r in rows]


def test_levels_only_children_name_appear_without_counts(qtbot: QtBot) -> None:
    model = TagTreeModel()
    model.set_tags([row(1, "visits/count", 3, "#332288"), row(2, "trade", 2)])
    assert model.rowCount() == 2
    visits = model.index_of("visits")
    assert visits.data() == "visits"
    assert visits.data(TAG_ROLE) is None
    assert model.index_of("visits", 1).data() is None
    child = model.index(0, 0, visits)
    assert child.data() == "count"
    assert child.data(NAME_ROLE) == "visits/count"
    assert child.data(COLOR_ROLE) == "#332288"
    assert model.index_of("visits/count", 1).data() == 3
    assert child.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.names() == ["trade", "visits/count"]
    assert not model.flags(visits) & Qt.ItemFlag.ItemIsEditable


def test_a_refresh_keeps_what_was_expanded_and_selected(qtbot: QtBot, session: Session) -> None:
    model = TagTreeModel()
    rows = session.tags()
    model.set_tags(rows)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.expand(model.index_of("energy"))
    view.setCurrentIndex(model.index_of("energy/oil-gas"))
    changed = [
        TagRow(r.id, r.name, r.color, r.parent_id, r.event_count + 7, r.excerpt_count, 4)
        if r.name == "energy/oil-gas"
        else r
        for r in rows
        if r.name != "energy/electricity"
    ]
    model.set_tags([*changed, row(999, "energy/atom")])
    assert view.isExpanded(model.index_of("energy"))
    assert view.currentIndex().data(NAME_ROLE) == "energy/oil-gas"
    assert model.index_of("energy/oil-gas", 1).data() == 7 + next(
        r.event_count for r in rows if r.name == "energy/oil-gas"
    )
    assert model.index_of("energy/oil-gas").data(SHORTCUT_ROLE) == 4
    assert model.index_of("energy/oil-gas", 3).data() == "4"
    energy = model.index_of("energy")
    names = [model.index(r, 0, energy).data(NAME_ROLE) for r in range(model.rowCount(energy))]
    assert names == ["energy/atom", "energy/oil-gas"]


def test_matching_is_by_start_then_level_then_inside_in_any_case_or_script() -> None:
    assert tag_match("ener", "energy") == 0
    assert tag_match("ELEC", "energy/electricity") == 1
    assert tag_match("ctric", "energy/electricity") == 2
    assert tag_match("Энер", "energy") == 0
    assert tag_match("qozog'iston", "Qozogʻiston") == 0
    assert tag_match("xyz", "energy") is None


# -- the filter and the drag data ----------------------------------------------------------


def test_tag_filter_states_and_search_filters() -> None:
    empty = TagFilter()
    assert empty.is_empty
    assert empty.applied_to(None) is None
    f = empty.with_state("energy", TagState.INCLUDE).with_state("ussr", TagState.EXCLUDE)
    assert f == TagFilter(("energy",), ("ussr",), False)
    assert not f.is_empty
    assert f.state("ENERGY") == TagState.INCLUDE
    assert f.with_state("energy", TagState.EXCLUDE) == TagFilter((), ("ussr", "energy"))
    assert TagState.OFF.next() == TagState.INCLUDE
    assert TagState.INCLUDE.next() == TagState.EXCLUDE
    assert TagState.EXCLUDE.next() == TagState.OFF
    search = TagFilter(("energy",), ("ussr",), True).applied_to(
        SearchFilters(categories=("economy",), tags=("trade",))
    )
    assert search == SearchFilters(
        categories=("economy",),
        tags=("trade", "energy"),
        exclude_tags=("ussr",),
        all_tags=True,
    )


def test_event_ids_travel_as_a_json_list() -> None:
    data = event_ids_mime([4, 5, 4])
    assert data.hasFormat(EVENT_IDS_MIME)
    assert bytes(data.data(EVENT_IDS_MIME).data()) == b"[4, 5, 4]"
    assert event_ids_from_mime(data) == [4, 5]
    for bad in (b"{}", b"[1, true]", b"[1, 'x']", b"\xff", b'["3"]'):
        other = QMimeData()
        other.setData(EVENT_IDS_MIME, bad)
        assert event_ids_from_mime(other) == []
    assert event_ids_from_mime(QMimeData()) == []


# -- the browser -----------------------------------------------------------------------------


def test_clicking_a_tag_cycles_include_exclude_off(qtbot: QtBot, browser: TagBrowser) -> None:
    filters = emitted(browser)
    click(qtbot, browser, "energy")
    assert filters == [TagFilter(("energy",), (), False)]
    assert view_index(browser, "energy").data(FILTER_STATE_ROLE) == TagState.INCLUDE
    assert browser.summary.text() == "Events with energy"
    click(qtbot, browser, "energy")
    assert filters[-1] == TagFilter((), ("energy",), False)
    assert view_index(browser, "energy").data(FILTER_STATE_ROLE) == TagState.EXCLUDE
    click(qtbot, browser, "energy")
    assert filters[-1] == TagFilter()
    assert filters[-1].is_empty
    assert len(filters) == 3
    assert view_index(browser, "energy").data(FILTER_STATE_ROLE) == TagState.OFF


def test_space_cycles_the_current_tag(qtbot: QtBot, browser: TagBrowser) -> None:
    filters = emitted(browser)
    browser.view.setCurrentIndex(view_index(browser, "trade"))
    qtbot.keyClick(browser.view, Qt.Key.Key_Space)
    assert filters[-1] == TagFilter(("trade",))
    qtbot.keyClick(browser.view, Qt.Key.Key_Space)
    assert filters[-1] == TagFilter((), ("trade",))
    qtbot.keyClick(browser.view, Qt.Key.Key_Delete)
    assert filters[-1] == TagFilter()


def test_any_or_all_of_the_included_tags_and_clear(qtbot: QtBot, browser: TagBrowser) -> None:
    filters = emitted(browser)
    assert not browser.clear_button.isEnabled()
    click(qtbot, browser, "trade")
    click(qtbot, browser, "energy")
    click(qtbot, browser, "ussr")
    click(qtbot, browser, "ussr")
    assert filters[-1] == TagFilter(("trade", "energy"), ("ussr",), False)
    assert browser.summary.text() == "Events with trade or energy, without ussr"
    browser.all_button.click()
    assert filters[-1] == TagFilter(("trade", "energy"), ("ussr",), True)
    assert browser.summary.text() == "Events with trade and energy, without ussr"
    browser.any_button.click()
    assert filters[-1].all_tags is False
    assert browser.clear_button.isEnabled()
    browser.clear_button.click()
    assert filters[-1] == TagFilter()
    assert view_index(browser, "trade").data(FILTER_STATE_ROLE) == TagState.OFF
    assert not browser.summary.isVisible()


def test_a_deleted_tag_leaves_the_filter(
    qtbot: QtBot, curator: Curator, browser: TagBrowser
) -> None:
    filters = emitted(browser)
    click(qtbot, browser, "ecology/saiga")
    click(qtbot, browser, "trade")
    curator.delete_tag("ecology/saiga")
    assert filters[-1] == TagFilter(("trade",))
    assert not browser.model.index_of("ecology/saiga").isValid()


def drag_onto(browser: TagBrowser, name: str, data: QMimeData) -> QDropEvent:
    viewport = browser.view.viewport()
    pos = QPointF(browser.view.visualRect(view_index(browser, name)).center())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    QApplication.sendEvent(viewport, QDragEnterEvent(pos, copy, data, buttons, keys))
    move = QDragMoveEvent(pos, copy, data, buttons, keys)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(pos, copy, data, buttons, keys)
    if move.isAccepted():
        QApplication.sendEvent(viewport, drop)
    return drop


def test_dropping_events_on_a_tag_tags_them_in_one_step(
    session: Session, curator: Curator, browser: TagBrowser
) -> None:
    assert "border" not in session.event(4).tags
    drop = drag_onto(browser, "border", event_ids_mime([4, 5]))
    assert drop.isAccepted()
    assert "border" in session.event(4).tags
    assert "border" in session.event(5).tags
    assert curator.stack.count() == 1
    assert browser.model.tag("border").event_count >= 2  # type: ignore[union-attr]
    curator.stack.undo()
    assert "border" not in session.event(4).tags


def test_other_drops_and_a_browser_without_curator_tag_nothing(
    qtbot: QtBot, session: Session, curator: Curator, browser: TagBrowser
) -> None:
    text = QMimeData()
    text.setText("4")
    assert not drag_onto(browser, "border", text).isAccepted()
    reader = TagBrowser(session)
    qtbot.addWidget(reader)
    reader.resize(320, 600)
    reader.show()
    assert not drag_onto(reader, "border", event_ids_mime([4])).isAccepted()
    assert not reader.tag_events([4], "border")
    assert "border" not in session.event(4).tags
    assert curator.stack.count() == 0
    click(qtbot, reader, "border")  # it still filters
    assert reader.tag_filter() == TagFilter(("border",))
