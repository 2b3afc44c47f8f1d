"""The event editor: dates typed as people write them, one save = one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session
from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.ui.curation.curator import Curator
from uzkz_desktop.ui.curation.event_editor import EventEditor, coarsen, one_step

RELATIONS = 4  # 23 Nov 1992, diplomatic relations: two excerpts (Latin and Cyrillic)
KARIMOV = 1  # Islam Karimov's visits, 1991/2016, names Islam Karimov
NAZARBAYEV_VISITS = 2  # the Kazakh President's visits, 1991/2016, names nobody


@pytest.fixture
def open_editor(qtbot: QtBot, curator: Curator) -> Iterator[type[EventEditor]]:
    made: list[EventEditor] = []

    def make(event_id: int, **options: bool) -> EventEditor:
        editor = EventEditor(curator, event_id, None, **options)
        qtbot.addWidget(editor)
        editor.show()
        made.append(editor)
        return editor

    yield make  # type: ignore[misc]
    for editor in made:
        editor.close()


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _type_date(qtbot: QtBot, editor: EventEditor, text: str) -> None:
    editor.date_edit.clear()
    type_text(editor.date_edit, text)


def test_a_russian_date_is_read_back_normalised_and_saved_as_a_span(
    qtbot: QtBot, session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.canonical_dump()
    editor = open_editor(RELATIONS)
    assert editor.date_edit.text() == "1992-11-23"
    assert editor.date_preview.text() == "23 Nov 1992 · day · 1992-11-23"

    _type_date(qtbot, editor, "18 февраля 2023 г.")
    assert editor.date_preview.isVisible()
    assert not editor.date_error.isVisible()
    assert editor.date_preview.text() == "18 Feb 2023 · day · 2023-02-18"
    assert editor.precision_combo.currentData() == "day"

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    detail = session.event(RELATIONS)
    assert detail.span == DateSpan.day(2023, 2, 18)
    assert detail.event.precision is Precision.DAY
    assert detail.event.edtf == "2023-02-18"
    assert detail.event.title_en == "Uzbekistan and Kazakhstan establish diplomatic relations"
    assert not editor.isVisible()
    assert curator.stack.count() == 1
    assert curator.stack.undoText() == "Edit event 4"

    curator.stack.undo()
    assert session.archive.canonical_dump() == before


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("2023-yil 18-fevral", "18 Feb 2023 · day · 2023-02-18"),
        ("7 Apr 2024", "7 Apr 2024 · day · 2024-04-07"),
        ("2024–2034", "2024–2034 · year — not a day · 2024/2034"),
        ("2025-11", "Nov 2025 · month — not a day · 2025-11"),
        ("2024~", "2024 · year — not a day; approximate · 2024~"),
    ],
)
def test_dates_in_every_language_and_edtf_are_read(
    qtbot: QtBot, open_editor: type[EventEditor], typed: str, shown: str
) -> None:
    editor = open_editor(RELATIONS)
    _type_date(qtbot, editor, typed)
    assert editor.date_preview.text() == shown
    assert editor.save_button.isEnabled()


def test_a_date_that_cannot_be_read_is_said_and_nothing_is_written(
    qtbot: QtBot, session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.canonical_dump()
    editor = open_editor(RELATIONS)
    editor.title_en_edit.setText("A new title that must not be saved")
    _type_date(qtbot, editor, "sometime after the war")

    assert editor.date_error.isVisible()
    assert not editor.date_preview.isVisible()
    assert "not a date" in editor.date_error.text()
    assert editor.date_error.styleSheet().startswith("color: #")
    assert not editor.save_button.isEnabled()
    assert editor.save() is False
    assert editor.isVisible()
    assert editor.message_label.isVisible()
    assert session.archive.canonical_dump() == before
    assert curator.stack.count() == 0

    _type_date(qtbot, editor, "")
    assert editor.date_error.text() == "An event needs a date."
    assert not editor.save_button.isEnabled()


def test_an_empty_english_title_is_refused(
    session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    editor = open_editor(RELATIONS)
    editor.title_en_edit.setText("   ")
    assert editor.title_en_error.isVisible()
    assert editor.save() is False
    assert session.event(RELATIONS).event.title_en.startswith("Uzbekistan and Kazakhstan")
    assert curator.stack.count() == 0


def test_the_precision_can_be_made_coarser_never_finer(
    qtbot: QtBot, session: Session, open_editor: type[EventEditor]
) -> None:
    editor = open_editor(RELATIONS)
    _type_date(qtbot, editor, "2023-yil 18-fevral")
    assert [editor.precision_combo.itemData(i) for i in range(3)] == ["day", "month", "year"]
    assert editor.set_precision(Precision.MONTH)
    assert editor.date_preview.text() == "Feb 2023 · month — not a day · 2023-02"
    assert editor.save()
    assert session.event(RELATIONS).span == DateSpan.month(2023, 2)

    editor = open_editor(RELATIONS)
    assert editor.date_edit.text() == "2023-02"
    assert editor.precision_combo.count() == 2  # month or year: a day is not known
    assert not editor.set_precision(Precision.DAY)


def test_coarsen_keeps_a_coarser_end_and_the_qualifiers() -> None:
    span = DateSpan(date(2000, 4, 17), date(2008, 12, 31), Precision.DAY, approximate=True,
                    end_precision=Precision.YEAR)  # fmt: skip
    month = coarsen(span, Precision.MONTH)
    assert month.edtf == "2000-04~/2008~"
    assert (month.start, month.end) == (date(2000, 4, 1), date(2008, 12, 31))
    assert coarsen(span, Precision.YEAR).edtf == "2000~/2008~"
    assert coarsen(DateSpan.day(2024, 2, 10), Precision.MONTH) == DateSpan.month(2024, 2)


def test_several_fields_and_the_entities_are_one_undo_step(
    qtbot: QtBot, session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.canonical_dump()
    editor = open_editor(NAZARBAYEV_VISITS)
    editor.title_en_edit.setText("Nursultan Nazarbayev visits Uzbekistan 7 times")
    editor.title_uz_edit.setText("Nursulton Nazarboyev O‘zbekistonga 7 marta tashrif buyurgan")
    editor.category_combo.setCurrentIndex(editor.category_combo.findData("culture"))
    editor.verified_check.setChecked(False)
    editor.notes_edit.setPlainText("Checked with the teacher's handout.")
    assert editor.entities_box is not None
    # a name in another script (set, not typed: the completion popup cannot open offscreen)
    editor.entities_box.input.setText("ислом каримов")
    qtbot.keyClick(editor.entities_box.input, Qt.Key.Key_Return)
    assert editor.entity_names() == ["Islam Karimov"]
    assert not editor.merge_button.isEnabled()  # unsaved changes first

    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    detail = session.event(NAZARBAYEV_VISITS)
    assert detail.event.title_en == "Nursultan Nazarbayev visits Uzbekistan 7 times"
    assert detail.event.title_uz == "Nursulton Nazarboyev O‘zbekistonga 7 marta tashrif buyurgan"
    assert detail.event.category == "culture"
    assert detail.event.verified is False
    assert detail.notes == "Checked with the teacher's handout."
    assert [e.name for e in detail.entities] == ["Islam Karimov"]
    assert detail.span.edtf == "1991/2016"  # not touched
    assert curator.stack.count() == 1
    assert curator.stack.undoText() == "Edit event 2"

    curator.stack.undo()
    assert session.archive.canonical_dump() == before
    curator.stack.redo()
    assert [e.name for e in session.event(NAZARBAYEV_VISITS).entities] == ["Islam Karimov"]
    assert session.event(NAZARBAYEV_VISITS).event.category == "culture"


def test_only_changed_fields_are_written(
    session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    editor = open_editor(KARIMOV)
    assert not editor.planned()
    editor.summary_edit.setPlainText("A shorter summary.")
    planned = editor.planned()
    assert planned.fields == {"summary": "A shorter summary."}
    assert planned.entities is None
    assert editor.save()
    (newest,) = session.archive.history(1)
    assert newest.action == "edit event 1 (summary)"
    assert curator.stack.count() == 1


def test_saving_without_changes_writes_nothing(
    session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.history(1)
    editor = open_editor(KARIMOV)
    assert editor.save()
    assert session.archive.history(1) == before
    assert curator.stack.count() == 0


def test_an_unknown_person_is_said_and_refuses_the_save(
    qtbot: QtBot, session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.canonical_dump()
    editor = open_editor(KARIMOV)
    box = editor.entities_box
    assert box is not None
    assert box.names() == ["Islam Karimov"]
    box.input.setText("Somebody Nobody Knows")
    qtbot.keyClick(box.input, Qt.Key.Key_Return)
    assert box.error.isVisible()
    assert "Somebody Nobody Knows" in box.error.text()
    assert box.names() == ["Islam Karimov"]
    editor.title_en_edit.setText("Changed")
    assert editor.save() is False
    assert session.archive.canonical_dump() == before
    assert curator.stack.count() == 0

    box.list.setCurrentRow(0)
    box.remove_selected()
    box.input.clear()
    editor.title_en_edit.setText(session.event(KARIMOV).event.title_en)
    assert editor.save()
    assert session.event(KARIMOV).entities == ()


def test_accept_on_save_accepts_a_candidate_with_its_edits_in_one_step(
    session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    curator.update_event(KARIMOV, status="candidate")
    curator.stack.clear()
    before = session.archive.canonical_dump()
    editor = open_editor(KARIMOV, accept_on_save=True)
    assert editor.save_button.text() == "Save and accept"
    editor.title_en_edit.setText("Karimov visits Kazakhstan 25 times")
    assert editor.save()
    assert session.event(KARIMOV).event.status == "accepted"
    assert curator.stack.count() == 1
    assert curator.stack.undoText() == "Edit and accept event 1"
    curator.stack.undo()
    assert session.archive.canonical_dump() == before


def test_split_moves_the_chosen_excerpts_to_a_new_event(
    session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.canonical_dump()
    editor = open_editor(RELATIONS)
    assert editor.split_button.isEnabled()
    chooser = editor.choose_split()
    assert chooser is not None
    assert chooser.list.count() == 2
    assert not chooser.ok_button.isEnabled()
    cyrillic = next(x.id for x in session.event(RELATIONS).excerpts if "ноябрь" in x.text)
    chooser.set_checked([x.id for x in session.event(RELATIONS).excerpts])
    assert not chooser.ok_button.isEnabled()  # one must stay
    chooser.set_checked([cyrillic])
    chooser.title_edit.setText("Relations established (month only)")
    chooser.accept()

    remaining = session.event(RELATIONS)
    assert [x.id for x in remaining.excerpts] != [cyrillic]
    assert len(remaining.excerpts) == 1
    new = max(session.archive.event_titles())
    assert session.event(new).event.title_en == "Relations established (month only)"
    assert [x.id for x in session.event(new).excerpts] == [cyrillic]
    assert not editor.split_button.isEnabled()  # one excerpt left
    assert curator.stack.count() == 1
    curator.stack.undo()
    assert session.archive.canonical_dump() == before


def test_merge_offers_the_likely_duplicates_and_is_one_undo_step(
    session: Session, curator: Curator, open_editor: type[EventEditor]
) -> None:
    before = session.archive.canonical_dump()
    cyrillic = [x.id for x in session.event(RELATIONS).excerpts if "ноябрь" in x.text]
    twin = curator.split_event(RELATIONS, cyrillic)  # the same happening, from another source
    assert twin is not None
    after_split = session.archive.canonical_dump()

    editor = open_editor(RELATIONS)
    assert not editor.split_button.isEnabled()  # one excerpt left
    chooser = editor.choose_merge()
    assert chooser.listed()[0] == twin  # the likely duplicate first, without searching
    assert "likely duplicate: same day" in chooser.list.item(0).text()
    chooser.filter_edit.setText("ambassador")
    assert len(chooser.listed()) >= 5
    assert twin not in chooser.listed()
    assert RELATIONS not in chooser.listed()
    chooser.filter_edit.setText("")
    assert chooser.chosen() == twin
    assert chooser.keep_this()
    chooser.accept()

    assert session.event(twin).deleted_at is not None
    assert cyrillic[0] in [x.id for x in session.event(RELATIONS).excerpts]
    assert editor.isVisible()
    assert editor.event_id() == RELATIONS
    assert f"merged from event {twin}" in editor.notes_edit.toPlainText()  # shown again
    assert editor.split_button.isEnabled()  # two excerpts again
    assert curator.stack.count() == 2
    curator.stack.undo()
    assert session.archive.canonical_dump() == after_split
    curator.stack.undo()
    assert session.archive.canonical_dump() == before


def test_an_empty_step_leaves_nothing_on_the_stack(curator: Curator) -> None:
    with one_step(curator.stack, "Nothing at all"):
        pass
    assert curator.stack.count() == 0
    assert not curator.stack.canUndo()
    with one_step(curator.stack, "Two edits"):
        curator.update_event(KARIMOV, notes="one")
        curator.update_event(NAZARBAYEV_VISITS, notes="two")
    assert curator.stack.count() == 1
    assert curator.stack.undoText() == "Two edits"
