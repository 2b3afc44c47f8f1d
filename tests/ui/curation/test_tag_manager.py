"""The tag manager on a copy of the bundled archive, through a real Curator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session
from uzkz_desktop.archive.models import TagRow
from uzkz_desktop.ui.curation.curator import Curator
from uzkz_desktop.ui.curation.tag_manager import PALETTE, TagManager
from uzkz_desktop.ui.curation.tag_model import NAME_ROLE


class Answers:
    """Stands in for the question boxes: records what was asked, answers `yes`."""

    def __init__(self, yes: bool = True) -> None:
        self.yes = yes
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.yes


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def manager(qtbot: QtBot, curator: Curator, answers: Answers) -> TagManager:
    widget = TagManager(curator, None, confirm=answers, choose_color=lambda _c: None)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tag(session: Session, name: str) -> TagRow | None:
    found = [t for t in session.tags() if t.name.casefold() == name.casefold()]
    return found[0] if found else None


def carrying(session: Session, name: str) -> set[int]:
    """The events carrying `name` itself (a leaf tag here)."""
    return {int(i) for i in session.archive.tag_filter_ids(include=[name])}


def test_the_tree_shows_every_tag_under_its_parent_with_counts(
    session: Session, manager: TagManager
) -> None:
    model = manager.model
    energy = model.index_of("energy")
    children = [model.index(r, 0, energy).data(NAME_ROLE) for r in range(model.rowCount(energy))]
    assert children == ["energy/electricity", "energy/oil-gas"]
    assert model.index(0, 0, energy).data() == "electricity"
    turnover = model.index_of("trade/turnover", 1)
    assert turnover.data() == tag(session, "trade/turnover").event_count == 9  # type: ignore[union-attr]
    assert manager.view.isExpanded(manager.proxy.mapFromSource(energy))
    # a tag with tags below it counts the events filtering by it finds
    below = len(session.archive.tag_filter_ids(include=["energy"]))
    assert below > tag(session, "energy").event_count  # type: ignore[union-attr]
    assert model.index_of("energy", 1).data() == below


def test_counts_follow_the_curator(session: Session, curator: Curator, manager: TagManager) -> None:
    energy = manager.model.index_of("energy", 1)
    before = energy.data()
    untagged = next(
        i for i in range(1, 80) if not any(t.startswith("energy") for t in session.event(i).tags)
    )
    curator.tag([untagged], ["energy/electricity"])
    assert energy.data() == before + 1  # the same row, refreshed
    assert manager.model.index_of("energy/electricity", 1).data() == len(
        session.archive.tag_filter_ids(include=["energy/electricity"])
    )


def test_renaming_in_place_renames_the_tag_in_the_archive(
    qtbot: QtBot, session: Session, curator: Curator, manager: TagManager
) -> None:
    events = carrying(session, "tourism/silk-road")
    assert events
    assert manager.select_tag("tourism/silk-road")
    manager.rename_button.click()  # edits the name in place
    editors = manager.view.viewport().findChildren(QLineEdit)
    assert len(editors) == 1
    assert editors[0].text() == "tourism/silk-road"  # the whole name, to move it too
    editors[0].selectAll()
    qtbot.keyClicks(editors[0], "tourism/silk-route")
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tag(session, "tourism/silk-route") is not None, timeout=2000)
    assert tag(session, "tourism/silk-road") is None
    assert carrying(session, "tourism/silk-route") == events
    assert manager.selected_tag() == "tourism/silk-route"
    assert curator.stack.count() == 1


def test_renaming_onto_an_existing_tag_merges_after_confirmation(
    session: Session, curator: Curator, manager: TagManager, answers: Answers
) -> None:
    curator.tag([1, 2], ["alpha"])
    curator.tag([2, 3], ["beta"])
    assert manager.model.tag("alpha") is not None  # the tree followed the curator
    answers.yes = False
    assert not manager.rename_tag("alpha", "Beta")
    assert tag(session, "alpha") is not None
    _title, text = answers.asked[-1]
    assert "already exists" in text
    assert "merges" in text
    assert "“beta”" in text
    answers.yes = True
    assert manager.rename_tag("alpha", "Beta")
    assert tag(session, "alpha") is None
    assert tag(session, "beta").event_count == 3  # type: ignore[union-attr]
    assert manager.model.tag("alpha") is None
    assert manager.model.tag("beta").event_count == 3  # type: ignore[union-attr]


def test_merging_two_bundled_tags_adds_their_events_up(
    session: Session, manager: TagManager, answers: Answers
) -> None:
    heads, summit = carrying(session, "heads-of-state"), carrying(session, "summit")
    assert (len(heads), len(summit), len(heads & summit)) == (4, 2, 1)
    assert manager.rename_tag("heads-of-state", "summit")
    assert len(answers.asked) == 1
    assert tag(session, "heads-of-state") is None
    assert tag(session, "summit").event_count == 5  # type: ignore[union-attr]
    assert carrying(session, "summit") == heads | summit
    assert manager.model.index_of("summit", 1).data() == 5


def test_a_name_with_an_empty_level_is_refused(
    session: Session, curator: Curator, manager: TagManager
) -> None:
    assert not manager.rename_tag("ecology/saiga", "ecology//saiga")
    assert "empty level" in manager.error()
    assert tag(session, "ecology/saiga") is not None
    assert curator.stack.count() == 0


def test_colours_from_the_palette_the_dialog_or_none_are_stored(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    chosen: list[QColor | None] = []

    def choose(initial: QColor | None) -> QColor:
        chosen.append(initial)
        return QColor("#123456")

    manager = TagManager(curator, None, confirm=Answers(), choose_color=choose)
    qtbot.addWidget(manager)
    assert manager.select_tag("border")
    rose = PALETTE[6][0]
    manager.swatches[rose].click()
    assert tag(session, "border").color == rose  # type: ignore[union-attr]
    assert manager.swatches[rose].isChecked()
    manager.more_colors_button.click()
    assert chosen[-1] == QColor(rose)
    assert tag(session, "border").color == "#123456"  # type: ignore[union-attr]
    assert not any(b.isChecked() for b in manager.swatches.values())
    manager.no_color_button.click()
    assert tag(session, "border").color is None  # type: ignore[union-attr]
    assert manager.no_color_button.isChecked()
    assert curator.stack.count() == 3


def test_a_coloured_tag_gets_a_number_key_taken_from_the_tag_that_had_it(
    session: Session, curator: Curator, manager: TagManager
) -> None:
    assert manager.select_tag("border")
    assert not manager.key_combo.isEnabled()  # no colour yet
    manager.swatches[PALETTE[0][0]].click()
    assert manager.key_combo.isEnabled()
    manager.key_combo.activated.emit(3)
    assert tag(session, "border").shortcut == 3  # type: ignore[union-attr]
    assert manager.model.index_of("border", 3).data() == "3"
    assert manager.select_tag("energy")  # coloured in the bundled archive
    assert manager.key_combo.itemText(3) == "3 (now border)"
    manager.key_combo.activated.emit(3)
    assert tag(session, "energy").shortcut == 3  # type: ignore[union-attr]
    assert tag(session, "border").shortcut is None  # type: ignore[union-attr]
    manager.key_combo.activated.emit(0)
    assert tag(session, "energy").shortcut is None  # type: ignore[union-attr]


def test_delete_says_how_many_events_lose_the_tag_and_undo_brings_it_back(
    session: Session, curator: Curator, manager: TagManager, answers: Answers
) -> None:
    events = carrying(session, "trade/turnover")
    assert len(events) == 9
    assert manager.select_tag("trade/turnover")
    answers.yes = False
    assert not manager.delete_selected()
    assert tag(session, "trade/turnover") is not None
    assert "9 events will lose it" in answers.asked[-1][1]
    answers.yes = True
    manager.delete_button.click()
    assert tag(session, "trade/turnover") is None
    assert all("trade/turnover" not in session.event(i).tags for i in events)
    assert manager.model.tag("trade/turnover") is None
    assert curator.stack.count() == 1
    curator.stack.undo()
    assert tag(session, "trade/turnover").event_count == 9  # type: ignore[union-attr]
    assert all("trade/turnover" in session.event(i).tags for i in events)
    assert manager.model.tag("trade/turnover") is not None


def test_a_tag_with_tags_below_it_is_not_deleted(
    session: Session, manager: TagManager, answers: Answers
) -> None:
    assert manager.select_tag("energy")
    assert not manager.delete_button.isEnabled()
    assert not manager.delete_tag("energy")
    assert answers.asked == []
    assert "below it" in manager.error()
    assert tag(session, "energy") is not None


def test_the_find_box_narrows_the_tree_in_any_script(manager: TagManager) -> None:
    def shown() -> list[str]:
        proxy, out = manager.proxy, []
        stack = [proxy.index(r, 0) for r in range(proxy.rowCount())]
        while stack:
            index = stack.pop()
            out.append(index.data(NAME_ROLE))
            stack.extend(proxy.index(r, 0, index) for r in range(proxy.rowCount(index)))
        return sorted(out)

    everything = len(shown())
    manager.find_box.setText("ELECTR")
    assert shown() == ["energy", "energy/electricity"]  # the level above stays
    manager.find_box.setText("энерг")
    assert shown() == ["energy", "energy/electricity", "energy/oil-gas"]
    manager.find_box.clear()
    assert len(shown()) == everything
