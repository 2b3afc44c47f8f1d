"""The review queue, driven from the keyboard over candidates imported from a document."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session, index_dir
from uzkz_desktop.archive.models import EventStatus
from uzkz_desktop.ui.curation.curator import Curator
from uzkz_desktop.ui.curation.review_queue import ReviewQueue

RELATIONS = 4  # the curated event: diplomatic relations, 23 November 1992

# A document in Uzbek Cyrillic: the first sentence tells the curated event 4 again (which
# the bundled archive has in Latin letters), the other two are new.
DOCUMENT = (
    "Ўзбекистон ва Қозоғистон ўртасида дипломатик муносабатлар 1992 йил 23 ноябрда"
    " ўрнатилган.\n\n"
    "Икки давлат раҳбарлари 2024 йил 5 мартда Тошкентда учрашди.\n\n"
    "2025 йил 14 апрелда Олмаота шаҳрида маданият кунлари очилди.\n"
)


@pytest.fixture(scope="session")
def imported_template(archive_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled archive with DOCUMENT imported (three candidates), made once."""
    folder = tmp_path_factory.mktemp("imported")
    target = folder / "archive.db"
    shutil.copyfile(archive_template, target)
    if index_dir(archive_template).is_dir():
        shutil.copytree(index_dir(archive_template), index_dir(target))
    document = folder / "relations.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    with Session.open(target) as session:
        (outcome,) = session.ingest([document])
        assert len(getattr(outcome, "event_ids", ())) == 3
    return target


@pytest.fixture
def imported(imported_template: Path, tmp_path: Path) -> Iterator[Session]:
    target = tmp_path / "archive.db"
    shutil.copyfile(imported_template, target)
    if index_dir(imported_template).is_dir():
        shutil.copytree(index_dir(imported_template), index_dir(target))
    session = Session.open(target)
    yield session
    session.close()


@pytest.fixture
def curator(imported: Session) -> Curator:
    return Curator(imported)


@pytest.fixture
def queue(qtbot: QtBot, curator: Curator) -> ReviewQueue:
    widget = ReviewQueue(curator)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    widget.setFocus()
    return widget


def _status(session: Session, event_id: int) -> EventStatus:
    return session.event(event_id).event.status


def _key(qtbot: QtBot, queue: ReviewQueue, key: Qt.Key, modifier: object = None) -> None:
    if modifier is None:
        qtbot.keyClick(queue, key)
    else:
        qtbot.keyClick(queue, key, modifier)  # type: ignore[arg-type]


def test_a_candidate_is_shown_with_its_sentence_source_and_duplicates(
    imported: Session, queue: ReviewQueue
) -> None:
    first, second, third = queue.candidate_ids()
    assert queue.count_label.text() == "1 of 3"
    assert queue.current_id() == first
    assert queue.title_label.text().startswith("Ўзбекистон ва Қозоғистон")
    assert queue.date_label.text() == "23 Nov 1992 (day) · 1992-11-23"
    assert queue.written_label.text() == "The source writes: “1992 йил 23 ноябрда”"
    assert queue.category_label.text() == "Category: Diplomacy & politics"

    shown = queue.paragraph_view.toPlainText()
    sentence = imported.event(first).excerpts[0].text
    assert sentence in shown
    cursor = QTextCursor(queue.paragraph_view.document())
    cursor.setPosition(shown.index(sentence) + 3)
    assert cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush  # highlighted
    assert queue.citation_label.text()  # the source named

    assert queue.duplicate_ids()[0] == RELATIONS
    listed = queue.duplicates_list.item(0).text()
    assert listed.startswith("1. Uzbekistan and Kazakhstan establish diplomatic relations")
    assert "23 Nov 1992" in listed
    assert "same day" in listed
    for button, key in (
        (queue.accept_button, "[A]"),
        (queue.edit_button, "[E]"),
        (queue.reject_button, "[R]"),
        (queue.merge_button, "[M]"),
        (queue.next_button, "J/↓"),
        (queue.previous_button, "K/↑"),
    ):
        assert key in button.text()
    assert {second, third}.isdisjoint(queue.duplicate_ids())


def test_j_k_and_the_arrows_move_through_the_queue(qtbot: QtBot, queue: ReviewQueue) -> None:
    ids = queue.candidate_ids()
    _key(qtbot, queue, Qt.Key.Key_J)
    assert queue.current_id() == ids[1]
    assert queue.count_label.text() == "2 of 3"
    assert queue.duplicates_list.count() == 0
    assert not queue.merge_button.isEnabled()
    _key(qtbot, queue, Qt.Key.Key_Down)
    _key(qtbot, queue, Qt.Key.Key_Down)  # stays on the last
    assert queue.count_label.text() == "3 of 3"
    _key(qtbot, queue, Qt.Key.Key_K)
    _key(qtbot, queue, Qt.Key.Key_Up)
    assert queue.current_id() == ids[0]
    assert queue.count_label.text() == "1 of 3"


def test_a_accepts_r_rejects_and_ctrl_z_brings_the_candidate_back(
    qtbot: QtBot, imported: Session, curator: Curator, queue: ReviewQueue
) -> None:
    start = imported.archive.canonical_dump()
    first, second, third = queue.candidate_ids()

    _key(qtbot, queue, Qt.Key.Key_A)
    assert _status(imported, first) is EventStatus.ACCEPTED
    assert queue.current_id() == second
    assert queue.count_label.text() == "1 of 2"
    assert curator.stack.count() == 1
    after_accept = imported.archive.canonical_dump()

    _key(qtbot, queue, Qt.Key.Key_R)
    assert _status(imported, second) is EventStatus.REJECTED
    assert queue.current_id() == third
    assert queue.count_label.text() == "1 of 1"
    assert curator.stack.count() == 2

    _key(qtbot, queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _status(imported, second) is EventStatus.CANDIDATE
    assert queue.current_id() == second
    assert queue.count_label.text() == "1 of 2"
    assert imported.archive.canonical_dump() == after_accept

    _key(qtbot, queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert queue.current_id() == first
    assert queue.count_label.text() == "1 of 3"
    assert imported.archive.canonical_dump() == start


def test_m_merges_the_candidate_into_the_chosen_duplicate(
    qtbot: QtBot, imported: Session, curator: Curator, queue: ReviewQueue
) -> None:
    start = imported.archive.canonical_dump()
    first, second, _ = queue.candidate_ids()
    excerpt = imported.event(first).excerpts[0].id
    _key(qtbot, queue, Qt.Key.Key_3)  # no third duplicate: nothing changes
    _key(qtbot, queue, Qt.Key.Key_1)
    assert queue.selected_duplicate() == RELATIONS

    _key(qtbot, queue, Qt.Key.Key_M)
    assert excerpt in [x.id for x in imported.event(RELATIONS).excerpts]
    assert imported.event(first).deleted_at is not None  # merged away, to the trash
    assert queue.current_id() == second
    assert curator.stack.count() == 1

    _key(qtbot, queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert imported.archive.canonical_dump() == start
    assert queue.current_id() == first


def test_m_without_a_duplicate_says_so_and_writes_nothing(
    qtbot: QtBot, imported: Session, curator: Curator, queue: ReviewQueue
) -> None:
    start = imported.archive.canonical_dump()
    _key(qtbot, queue, Qt.Key.Key_J)
    _key(qtbot, queue, Qt.Key.Key_M)
    assert "no duplicate" in queue.message_label.text()
    assert imported.archive.canonical_dump() == start
    assert curator.stack.count() == 0


def test_e_edits_then_accepts_in_one_undo_step(
    qtbot: QtBot, imported: Session, curator: Curator, queue: ReviewQueue
) -> None:
    start = imported.archive.canonical_dump()
    first, second, _ = queue.candidate_ids()
    _key(qtbot, queue, Qt.Key.Key_E)
    editor = queue.editor()
    assert editor is not None
    assert editor.isVisible()
    assert editor.event_id() == first
    editor.title_en_edit.setText("Diplomatic relations established (Cyrillic source)")
    editor.category_combo.setCurrentIndex(editor.category_combo.findData("law"))
    assert editor.save()

    event = imported.event(first).event
    assert event.status is EventStatus.ACCEPTED
    assert event.category == "law"
    assert event.title_en == "Diplomatic relations established (Cyrillic source)"
    assert queue.current_id() == second
    assert curator.stack.count() == 1

    _key(qtbot, queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert imported.archive.canonical_dump() == start
    assert queue.current_id() == first


def test_the_queue_keys_win_over_the_windows_shortcuts(
    qtbot: QtBot, imported: Session, curator: Curator
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    fired: list[str] = []
    for keys in ("1", "A", "Ctrl+Z"):
        action = QAction(keys, window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _=False, k=keys: fired.append(k))
        window.addAction(action)
    window.setCentralWidget(QWidget(window))
    queue = ReviewQueue(curator, window)
    assert queue.isWindow()  # on its own: a window over the main window
    dock = QDockWidget("Review", window)
    dock.setWidget(queue)  # docked: part of the main window
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    assert not queue.isWindow()
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts work then
    queue.setFocus()
    assert queue.hasFocus()
    first = queue.current_id()
    assert first is not None
    for key, modifier in (
        (Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(queue, key, modifier)
    assert fired == []
    assert _status(imported, first) is EventStatus.CANDIDATE  # accepted, then undone
    assert curator.stack.index() == 0
    assert curator.stack.canRedo()


def test_an_empty_queue_says_so(qtbot: QtBot, session: Session) -> None:
    queue = ReviewQueue(Curator(session))
    qtbot.addWidget(queue)
    queue.show()
    assert queue.count() == 0
    assert queue.current_id() is None
    assert queue.count_label.text() == "No candidates to review"
    assert not queue.accept_button.isEnabled()
    assert not queue.reject_button.isEnabled()
    qtbot.keyClick(queue, Qt.Key.Key_A)  # nothing to do, nothing breaks
    assert queue.count() == 0
