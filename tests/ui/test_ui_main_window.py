"""The main window: selection kept in step, highlights, menus, settings, background import."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from ui_helpers import FakeSearch, type_text

from uzkz_desktop.app import Session
from uzkz_desktop.ui.main_window import MainWindow
from uzkz_desktop.ui.models import EVENT_ID_ROLE

HELDOUT = Path(__file__).resolve().parents[1] / "ingest" / "data" / "heldout"


@pytest.fixture
def window(
    qtbot: QtBot, session: Session, settings: QSettings, search_function: FakeSearch | None
) -> Iterator[MainWindow]:
    main = MainWindow(session, settings=settings, search=search_function)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.job is None, timeout=60000)  # the search index is ready
    yield main
    main.close()


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    panel = window.search_panel
    panel.query_box.setFocus()
    with qtbot.waitSignal(panel.results_ready, timeout=5000):
        type_text(qtbot, panel.query_box, text)


def _spy_highlights(window: MainWindow) -> list[Any]:
    calls: list[Any] = []
    original = window.timeline.set_highlighted

    def spy(ids: Any) -> None:
        calls.append(None if ids is None else list(ids))
        original(ids)

    window.timeline.set_highlighted = spy
    return calls


def test_opens_on_the_whole_archive_with_counts(window: MainWindow) -> None:
    assert window.counts_label.text() == "81 events · 5 sources"
    assert window.excerpt_panel.stack.currentWidget() is window.excerpt_panel.empty_view
    assert window.centralWidget() is window.timeline


def test_a_query_lights_its_hits_on_the_timeline_and_clearing_restores(
    qtbot: QtBot, window: MainWindow
) -> None:
    calls = _spy_highlights(window)
    _search(qtbot, window, "Abay")
    hits = window.search_panel.model.event_ids()
    assert 22 in hits
    assert sorted(calls[-1]) == sorted(hits)
    assert window.counts_label.text().endswith(f"· {len(hits)} hits")
    with qtbot.waitSignal(window.search_panel.hits_changed, timeout=3000):
        window.search_panel.query_box.clear()
        window.search_panel.search_now()
    assert calls[-1] is None
    assert window.counts_label.text() == "81 events · 5 sources"


def test_enter_on_a_result_selects_the_event_everywhere(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    _search(qtbot, window, "Abay")
    panel = window.search_panel
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Down)
    row = panel.model.row_of(22)
    assert row is not None
    for _ in range(row):
        qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.selected_event() == 22
    assert window.timeline.selected_id() == 22
    shown = window.excerpt_panel
    assert shown.title_label.text() == session.event(22).event.title_en
    assert shown.page_label.text() == "p. 411"
    assert "Abay" in shown.paragraph_view.toPlainText()
    assert "Qozog‘istonda O‘zbekistonning o‘rganilishi" in shown.citation_label.text()


def test_clicking_a_result_selects_and_centres_it(qtbot: QtBot, window: MainWindow) -> None:
    _search(qtbot, window, "saiga")
    panel = window.search_panel
    index = panel.model.index(0)
    event_id = index.data(EVENT_ID_ROLE)
    qtbot.mouseClick(
        panel.results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.results.visualRect(index).center(),
    )
    assert window.selected_event() == event_id
    assert window.timeline.selected_id() == event_id
    assert window.excerpt_panel.event_id() == event_id
    view = window.timeline.viewport()
    start = window.session.event(event_id).event.start_day
    assert view.start <= start <= view.end


def test_the_timeline_selection_fills_the_panel_and_marks_the_row(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Home)  # the first event, by keyboard
    first = window.timeline.selected_id()
    assert first is not None
    assert window.excerpt_panel.event_id() == first
    _search(qtbot, window, "Abay")
    window.timeline.event_selected.emit(22)  # as a click on the timeline does
    assert window.excerpt_panel.event_id() == 22
    assert window.search_panel.results.currentIndex().data(EVENT_ID_ROLE) == 22
    window.timeline.event_selected.emit(-1)
    assert window.excerpt_panel.event_id() is None


def test_go_next_and_previous_walk_the_hits_in_time(qtbot: QtBot, window: MainWindow) -> None:
    _search(qtbot, window, "Abay")
    hits = set(window.search_panel.hit_ids() or [])
    assert len(hits) >= 2
    window.next_action.trigger()
    first = window.selected_event()
    window.next_action.trigger()
    second = window.selected_event()
    assert {first, second} <= hits
    assert first != second
    window.previous_action.trigger()
    assert window.selected_event() == first


def test_copy_and_find_actions(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.copy_action.isEnabled()
    window.select_event(33)
    assert window.copy_action.isEnabled()
    window.copy_action.trigger()
    assert QGuiApplication.clipboard().text().endswith("2025, p. 414")
    window.find_action.trigger()
    qtbot.waitUntil(window.search_panel.query_box.hasFocus, timeout=2000)


def test_the_menus_have_the_standard_shortcuts(window: MainWindow) -> None:
    shortcuts = {
        action.objectName(): action.shortcut().toString()
        for action in (window.import_action, window.quit_action, window.copy_action,
                       window.find_action, window.fit_action, window.curation.undo_action,
                       window.curation.tag_action, window.curation.edit_action,
                       window.curation.review_action)
    }  # fmt: skip
    assert shortcuts == {
        "importDocuments": "Ctrl+I",
        "quit": "Ctrl+Q",
        "copyCitation": "Ctrl+Shift+C",
        "find": "Ctrl+F",
        "fitAll": "F",
        "undo": "Ctrl+Z",
        "tagEvents": "Ctrl+T",
        "editEvent": "Ctrl+E",
        "reviewQueue": "Ctrl+R",
    }
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Go", "&Curate", "&Help"]


def test_show_candidates_toggle_reloads_the_timeline(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    from uzkz_desktop.ingest.pipeline import ingest_files

    ingest_files(session.archive, [HELDOUT / "en_news_3.txt"])
    window.reload()
    with_candidates = len(window.timeline_data.events)
    assert with_candidates > 81
    window.candidates_action.trigger()
    assert len(window.timeline_data.events) == 81


def test_window_state_is_saved_and_restored(
    qtbot: QtBot, session: Session, settings: QSettings, fake_search: FakeSearch
) -> None:
    first = MainWindow(session, settings=settings, search=fake_search)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)  # the offscreen screen is 800×600
    first.excerpt_dock.hide()
    first.search_panel.filters_button.setChecked(True)
    first.close()
    assert settings.value("window/geometry") is not None
    second = MainWindow(session, settings=settings, search=fake_search)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (760, 560)
    assert second.excerpt_dock.isHidden()
    assert not second.search_dock.isHidden()
    assert second.search_panel.filters_button.isChecked()
    second.close()


def _documents(tmp_path: Path, names: list[str]) -> list[Path]:
    copies = []
    for name in names:
        copy = tmp_path / name
        shutil.copyfile(HELDOUT / name, copy)
        copies.append(copy)
    return copies


def test_an_import_runs_in_the_background_and_the_window_keeps_responding(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    files = _documents(tmp_path, ["en_news_3.txt", "ru_news_1.txt", "uzl_news_5.txt"])
    # and one long enough that the import lasts several ticks of the timer below however
    # fast the machine: the five corpus articles, twice, as one new document
    corpus = sorted((HELDOUT.parents[3] / "resources" / "corpus").glob("00*.txt"))
    anthology = tmp_path / "anthology.txt"
    anthology.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in corpus * 2))
    files.append(anthology)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(window.job_ended, timeout=60000):
        job = window.start_import(files)
        assert job is not None
        assert window.progress_bar.isVisible()
        assert window.cancel_button.isVisible()
        assert not window.import_action.isEnabled()
    timer.stop()
    assert len(ticks) >= 3  # the event loop ran while the files were imported
    assert not window.progress_bar.isVisible()
    assert window.import_action.isEnabled()
    assert "Imported 4 documents" in window.statusBar().currentMessage()
    assert len(window.timeline_data.events) > 81
    assert window.counts_label.text().startswith(f"{len(window.timeline_data.events)} events")
    assert "9 sources" in window.counts_label.text()


def test_cancel_before_the_first_file_imports_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, session: Session
) -> None:
    files = _documents(tmp_path, ["en_news_3.txt", "ru_news_1.txt"])
    with qtbot.waitSignal(window.job_ended, timeout=60000):
        job = window.start_import(files)
        assert job is not None
        window.cancel_job()
    assert session.archive.stats().sources == 5
    assert "Import cancelled" in window.statusBar().currentMessage()


def test_cancel_during_an_import_keeps_the_archive_whole(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, session: Session
) -> None:
    files = _documents(
        tmp_path, ["en_news_3.txt", "ru_news_1.txt", "uzl_news_5.txt", "ru_analysis_2.txt"]
    )
    with qtbot.waitSignal(window.job_ended, timeout=60000):
        job = window.start_import(files)
        assert job is not None
        job.progress.connect(lambda *_: window.cancel_job())
    stats = session.archive.stats()
    assert 5 <= stats.sources < 9
    session.archive.check_integrity()
    for source in session.archive.sources():  # every source came in whole, with its excerpts
        assert source.excerpt_count > 0
    assert "Import cancelled" in window.statusBar().currentMessage()


def test_the_about_box_is_offline_and_escapes_the_archive(window: MainWindow) -> None:
    dialog = window.about()
    text = dialog.view.toPlainText()  # type: ignore[attr-defined]
    assert "never opens a network connection" in text
    assert "Qozog‘istonda O‘zbekistonning o‘rganilishi" in text
    assert "MIT" in text
    dialog.close()


def test_imported_documents_are_found_by_the_search_and_reindex_works(
    qtbot: QtBot, real_search: None, session: Session, settings: QSettings, tmp_path: Path
) -> None:
    main = MainWindow(session, settings=settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.job is None, timeout=60000)
    with qtbot.waitSignal(main.job_ended, timeout=60000):
        main.start_import(_documents(tmp_path, ["en_news_3.txt"]))
    _search(qtbot, main, "industrial hub")
    found = main.search_panel.model.event_ids()
    assert found
    assert all(main.session.event(i).event.status == "candidate" for i in found)
    with qtbot.waitSignal(main.job_ended, timeout=60000):
        assert main.reindex() is not None
    assert "rebuilt" in main.statusBar().currentMessage()
    main.close()
