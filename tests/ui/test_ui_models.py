"""The item models: Qt's model tester, batched fetching, checkable facets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from ui_helpers import FakeSearch

from uzkz_desktop.app import Session
from uzkz_desktop.ui.models import (
    BATCH,
    DATE_ROLE,
    EVENT_ID_ROLE,
    SNIPPET_ROLE,
    SOURCE_ROLE,
    FacetModel,
    SearchResultsModel,
)
from uzkz_desktop.ui.services import SearchRequest, SessionBackend


def _outcome(session: Session, fake: FakeSearch, query: str, limit: int) -> Any:
    return SessionBackend(session, search=fake).run(SearchRequest(query, None, limit))


def test_results_model_passes_the_model_tester(
    qtmodeltester: Any, session: Session, fake_search: FakeSearch
) -> None:
    model = SearchResultsModel()
    model.set_outcome(_outcome(session, fake_search, "Qozog'iston", 20))
    assert model.rowCount() == 20
    qtmodeltester.check(model, force_py=True)


def test_results_rows_say_date_source_and_page(session: Session, fake_search: FakeSearch) -> None:
    model = SearchResultsModel()
    model.set_source_labels({"000": "Study of Uzbekistan in Kazakhstan"})
    model.set_outcome(_outcome(session, fake_search, "Abay", 10))
    rows = [model.index(r) for r in range(model.rowCount())]
    ids = [index.data(EVENT_ID_ROLE) for index in rows]
    first = rows[ids.index(22)]
    assert first.data(Qt.ItemDataRole.DisplayRole) == session.event(22).event.title_en
    assert first.data(DATE_ROLE) == "2022"
    assert first.data(SOURCE_ROLE) == "Study of Uzbekistan in Kazakhstan, p. 411"
    snippet = first.data(SNIPPET_ROLE)
    assert "Abay" in [snippet.text[s:e] for s, e in snippet.highlights]


def test_more_rows_are_fetched_in_batches(session: Session, fake_search: FakeSearch) -> None:
    model = SearchResultsModel()
    first = _outcome(session, fake_search, "va", BATCH)
    assert first.result.total > BATCH
    model.set_outcome(first)
    asked: list[int] = []
    model.more_requested.connect(asked.append)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == [2 * BATCH]
    assert not model.canFetchMore(QModelIndex())  # one request at a time
    model.extend(_outcome(session, fake_search, "va", 2 * BATCH))
    assert model.rowCount() == first.result.total
    assert not model.canFetchMore(QModelIndex())


def test_facet_model_passes_the_model_tester_and_checks(qtmodeltester: Any) -> None:
    model = FacetModel("category", label=str.upper)
    model.set_counts({"economy": 3, "culture": 5, "diplomacy": 1})
    qtmodeltester.check(model, force_py=True)
    assert [model.value_at(r) for r in range(3)] == ["culture", "economy", "diplomacy"]
    changes: list[int] = []
    model.checks_changed.connect(lambda: changes.append(1))
    assert model.setData(
        model.index(1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.checked_values() == ("economy",)
    assert model.index(1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(1).data() == "ECONOMY  (3)"
    model.set_counts({"culture": 2})  # a narrower search: the checked value stays listed
    assert "economy" in [model.value_at(r) for r in range(model.rowCount())]
    assert changes == [1]


def test_decade_facet_is_single_choice_and_sorted() -> None:
    model = FacetModel("decade", single=True, sort_by_value=True)
    model.set_counts({"2020s": 40, "1990s": 3, "2010s": 12})
    assert [model.value_at(r) for r in range(3)] == ["1990s", "2010s", "2020s"]
    model.setData(model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(2), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_values() == ("2020s",)
