"""The tag editor on a copy of the bundled archive, through a real Curator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import type_text

from uzkz_desktop.app import Session
from uzkz_desktop.ui.curation.curator import Curator
from uzkz_desktop.ui.curation.tag_editor import TagEditor, parse_tags


@pytest.fixture
def editor(qtbot: QtBot, curator: Curator) -> TagEditor:
    widget = TagEditor(curator, None, [4])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tags_of(session: Session, event_id: int) -> set[str]:
    return set(session.event(event_id).tags)


def test_the_editor_takes_its_parent_and_events_in_either_order(
    qtbot: QtBot, curator: Curator
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    editor = TagEditor(curator, [4], window)
    assert editor.parent() is window
    assert editor.event_ids() == (4,)
    assert editor.heading.text() == f"Tags of “{curator.session.event(4).event.title_en}”"
    other = TagEditor(curator, window, [5, 6])
    assert other.parent() is window
    assert other.event_ids() == (5, 6)


def test_parse_tags_splits_normalises_and_refuses_empty_levels() -> None:
    assert parse_tags(" trade ,Energy / Electricity,, trade") == (
        ["trade", "Energy/Electricity"],
        [],
    )
    assert parse_tags("energy//x, ok, /lead") == (["ok"], ["energy//x", "/lead"])


def test_typing_part_of_a_name_offers_the_existing_tags(qtbot: QtBot, editor: TagEditor) -> None:
    field = editor.line_edit
    qtbot.keyClicks(field, "ener")
    offered = field.completions()
    assert offered[:3] == ["energy", "energy/electricity", "energy/oil-gas"]
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "energy"
    assert field.completions() == []


def test_down_and_enter_in_the_list_take_a_suggestion(
    qtbot: QtBot, curator: Curator, editor: TagEditor
) -> None:
    field = editor.line_edit
    qtbot.keyClicks(field, "trade, oil")
    popup = field.tag_completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the keys go to the list while it is open
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "trade, energy/oil-gas"
    assert not popup.isVisible()
    assert curator.stack.count() == 0  # that Enter chose; the next one adds
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert curator.stack.count() == 1
    assert {"trade", "energy/oil-gas"} <= set(curator.session.event(4).tags)


def test_completion_works_on_the_segment_being_typed_in_any_case_or_script(
    qtbot: QtBot, editor: TagEditor
) -> None:
    field = editor.line_edit
    qtbot.keyClicks(field, "trade, ELEC")
    offered = field.completions()
    assert offered[0] == "energy/electricity"  # a level of the name starts so
    assert "telecom" in offered  # inside a name: offered after
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "trade, energy/electricity"
    field.clear()
    type_text(qtbot, field, "Энер")  # typed with a Cyrillic keyboard
    assert field.completions()[0] == "energy"
    field.clear()
    qtbot.keyClicks(field, "trade")  # the tags already typed are not offered again
    assert "trade" in field.completions()
    qtbot.keyClicks(field, ", trade/")
    assert "trade" not in field.completions()
    assert "trade/turnover" in field.completions()


def test_enter_adds_every_tag_typed_in_one_undo_step(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    editor = TagEditor(curator, None, [4, 5])
    qtbot.addWidget(editor)
    editor.show()
    before = {4: tags_of(session, 4), 5: tags_of(session, 5)}
    qtbot.keyClicks(editor.line_edit, "a, b/c")
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    assert editor.isVisible()  # Enter is the field's, not the dialog's default button
    assert curator.stack.count() == 1
    assert tags_of(session, 4) == before[4] | {"a", "b/c"}
    assert tags_of(session, 5) == before[5] | {"a", "b/c"}
    assert editor.tag_states()["a"] == Qt.CheckState.Checked
    assert editor.tag_states()["b/c"] == Qt.CheckState.Checked
    assert editor.line_edit.text() == ""
    curator.stack.undo()
    assert tags_of(session, 4) == before[4]
    assert tags_of(session, 5) == before[5]
    assert "a" not in editor.tag_states()


def test_a_name_with_an_empty_level_is_refused_next_to_the_field(
    qtbot: QtBot, session: Session, curator: Curator, editor: TagEditor
) -> None:
    before = tags_of(session, 4)
    qtbot.keyClicks(editor.line_edit, "trade, energy//x")
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    assert "“energy//x”" in editor.error()
    assert editor.error_label.isVisible()
    assert curator.stack.count() == 0
    assert tags_of(session, 4) == before
    assert editor.line_edit.text() == "trade, energy//x"  # kept, to be corrected
    qtbot.keyClicks(editor.line_edit, "y")
    assert editor.error() == ""


def test_several_events_show_which_tags_all_and_some_carry(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    # 1 and 2: state-visit, visits/count; 3: independence, ussr
    editor = TagEditor(curator, [1, 2, 3])  # the events first, as the window does
    qtbot.addWidget(editor)
    assert editor.event_ids() == (1, 2, 3)
    assert editor.heading.text() == "Tags of 3 events"
    states = editor.tag_states()
    assert states == {
        "independence": Qt.CheckState.PartiallyChecked,
        "state-visit": Qt.CheckState.PartiallyChecked,
        "ussr": Qt.CheckState.PartiallyChecked,
        "visits/count": Qt.CheckState.PartiallyChecked,
    }
    item = editor.tag_list.findItems("state-visit", Qt.MatchFlag.MatchExactly, 0)[0]
    assert item.text(1) == "2 of 3"
    curator.tag([3], ["state-visit"])
    assert editor.tag_states()["state-visit"] == Qt.CheckState.Checked  # refreshed


def test_checking_a_partial_tag_puts_it_on_all_and_unchecking_takes_it_off(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    editor = TagEditor(curator, None, [1, 2, 3])
    qtbot.addWidget(editor)
    item = editor.tag_list.findItems("state-visit", Qt.MatchFlag.MatchExactly, 0)[0]
    item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "state-visit" in tags_of(session, 3), timeout=2000)
    assert curator.stack.count() == 1
    item = editor.tag_list.findItems("state-visit", Qt.MatchFlag.MatchExactly, 0)[0]
    item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "state-visit" not in tags_of(session, 1), timeout=2000)
    assert all("state-visit" not in tags_of(session, i) for i in (1, 2, 3))
    assert "state-visit" not in editor.tag_states()
    assert curator.stack.count() == 2


def test_remove_takes_the_selected_tags_off_in_one_step(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    editor = TagEditor(curator, None, [1, 2])
    qtbot.addWidget(editor)
    editor.show()
    for item in editor.tag_list.findItems("*", Qt.MatchFlag.MatchWildcard, 0):
        item.setSelected(True)
    assert editor.remove_button.isEnabled()
    qtbot.keyClick(editor.tag_list, Qt.Key.Key_Delete)
    assert tags_of(session, 1) == set()
    assert tags_of(session, 2) == set()
    assert curator.stack.count() == 1
    assert editor.tag_states() == {}
    assert editor.empty_label.isVisible()
