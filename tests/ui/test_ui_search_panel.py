"""The search panel on its own: typing, results, facets, did-you-mean, keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import CountingBackend, FakeSearch, type_text

from uzkz_desktop.app import Session
from uzkz_desktop.ui.models import BATCH, EVENT_ID_ROLE
from uzkz_desktop.ui.search_panel import SearchPanel
from uzkz_desktop.ui.services import SessionBackend


@pytest.fixture
def backend(session: Session, search_function: FakeSearch | None) -> CountingBackend:
    return CountingBackend(SessionBackend(session, search=search_function))


@pytest.fixture
def panel(qtbot: QtBot, session: Session, backend: CountingBackend) -> Iterator[SearchPanel]:
    widget = SearchPanel(backend)
    widget.set_sources(session.archive.sources())
    widget.set_categories(session.timeline_data().categories)
    qtbot.addWidget(widget)
    widget.resize(380, 700)
    widget.show()
    yield widget
    widget.shutdown()


def _type(qtbot: QtBot, panel: SearchPanel, text: str) -> list[object]:
    """Type like a user and wait for the results; returns what hits_changed sent."""
    sent: list[object] = []
    panel.hits_changed.connect(sent.append)
    panel.query_box.setFocus()
    type_text(qtbot, panel.query_box, text)
    qtbot.waitUntil(lambda: bool(sent) and not panel.searching, timeout=5000)
    return sent


def test_typing_searches_once_after_a_pause(
    qtbot: QtBot, panel: SearchPanel, backend: CountingBackend
) -> None:
    sent = _type(qtbot, panel, "Abay")
    assert panel.model.rowCount() >= 2
    assert 22 in panel.model.event_ids()
    assert sent[-1] == panel.model.event_ids()  # every hit's id, for the timeline
    assert backend.queries == ["Abay"]  # debounced: one search for four keys
    assert panel.status_label.text() == f"{panel.model.total} hits"


def test_a_query_in_cyrillic_finds_latin_excerpts(qtbot: QtBot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "Қозоғистон")
    assert panel.model.total > 20


def test_enter_searches_at_once_and_clearing_restores(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.query_box.setText("saiga")
    with qtbot.waitSignal(panel.results_ready, timeout=3000):
        qtbot.keyClick(panel.query_box, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 1
    with qtbot.waitSignal(panel.hits_changed, timeout=3000) as cleared:
        panel.query_box.clear()
        panel.search_now()
    assert cleared.args == [None]
    assert panel.model.rowCount() == 0
    assert panel.stack.currentWidget() is panel.hint


def test_a_facet_filter_narrows_the_results(qtbot: QtBot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "Qozog'iston")
    before = panel.model.total
    categories = panel.facet_models["category"]
    economy = [r for r in range(categories.rowCount()) if categories.value_at(r) == "economy"]
    assert economy, "the results have an economy facet"
    with qtbot.waitSignal(panel.results_ready, timeout=3000):
        categories.setData(
            categories.index(economy[0]), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
    assert 0 < panel.model.total < before
    for row in range(panel.model.rowCount()):
        assert panel.model.result_row(row).event.category == "economy"
    assert panel.filters_button.text() == "Filters (1 active)"
    with qtbot.waitSignal(panel.results_ready, timeout=3000):
        panel.clear_filters()
    assert panel.model.total == before


def test_did_you_mean_offers_the_archive_word(qtbot: QtBot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "hamkorlk")
    assert panel.model.total == 0
    assert panel.status_label.text() == "No event matches."
    assert panel.did_you_mean.isVisible()
    assert "hamkorlik" in panel.did_you_mean.text()
    with qtbot.waitSignal(panel.results_ready, timeout=3000):
        qtbot.mouseClick(panel.did_you_mean, Qt.MouseButton.LeftButton)
    assert panel.query() == "hamkorlik"
    assert panel.model.total > 0
    assert not panel.did_you_mean.isVisible()


def test_the_notice_is_shown_when_the_query_was_read_differently(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    _type(qtbot, panel, '"Abay')
    assert panel.notice_label.isVisible()
    assert "plain words" in panel.notice_label.text()


def test_keyboard_down_moves_into_the_list_and_enter_chooses(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    _type(qtbot, panel, "Abay")
    chosen: list[int] = []
    panel.event_chosen.connect(chosen.append)
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    first = panel.model.index(0).data(EVENT_ID_ROLE)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    second = panel.model.index(1).data(EVENT_ID_ROLE)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert chosen[0] == first
    assert chosen[-1] == second
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.query_box.hasFocus()


def test_scrolling_fetches_the_next_batch(qtbot: QtBot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "va")
    total = panel.model.total
    assert panel.model.rowCount() == BATCH < total
    with qtbot.waitSignal(panel.results_ready, timeout=3000):
        panel.results.scrollToBottom()
        if panel.model.canFetchMore(QModelIndex()):  # the view asks when it needs rows
            panel.model.fetchMore(QModelIndex())
    assert panel.model.rowCount() == total


def test_only_the_newest_search_is_shown(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.set_query("Abay", now=True)
    panel.set_query("saiga", now=True)
    qtbot.waitUntil(lambda: not panel.searching, timeout=3000)
    assert panel.model.rowCount() == 1
    assert 22 not in panel.model.event_ids()  # an Abay event
