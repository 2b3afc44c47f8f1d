"""An event's history (before → after, newest first), the archive's, and the trash."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.ui.curation.curator import Curator
from uzkz_desktop.ui.curation.history import EventHistory, local_time
from uzkz_desktop.ui.curation.trash import TrashView

RELATIONS = 4  # diplomatic relations, 23 November 1992
AMBASSADOR = 5  # Nosir Yakubov, ambassador 1993–2000
TITLE = "Uzbekistan and Kazakhstan establish diplomatic relations"


def test_an_edit_is_listed_first_with_each_field_before_and_after(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    curator.update_event(RELATIONS, title_en="Diplomatic relations", span=DateSpan.month(1992, 11))
    curator.update_event(RELATIONS, notes="<b>not bold</b>")
    view = EventHistory(session, RELATIONS)
    qtbot.addWidget(view)

    rows = view.rows()
    assert view.caption.text() == "History of event 4: Diplomatic relations"
    assert rows[0][1] == "edit event 4 (notes)"
    assert rows[0][2] == "a curator"
    assert rows[1][1] == "Notes"
    assert rows[1][3] == "<b>not bold</b>"
    assert rows[2][1] == "edit event 4 (span, title_en)"
    changes = {row[1]: (row[2], row[3]) for row in rows[3:5]}
    assert changes["Title (English)"] == (TITLE, "Diplomatic relations")
    assert changes["Date"] == (
        "23 Nov 1992 (day) · 1992-11-23",
        "Nov 1992 (month — not a day) · 1992-11",
    )
    assert all(row[1] != "First day" for row in rows)  # the span is shown once, as its date
    assert rows[5][1] == "build the bundled archive"  # the oldest last
    assert rows[0][0] == local_time(session.archive.history(1)[0].at)


def test_the_trash_and_entities_read_in_words(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    curator.set_entities(RELATIONS, ["Islam Karimov"])
    curator.trash([RELATIONS])
    view = EventHistory(session, RELATIONS)
    qtbot.addWidget(view)
    rows = view.rows()
    assert rows[0][1] == "trash 1 event"
    assert rows[1][1] == "In the trash"
    assert rows[1][2] == "—"
    assert rows[1][3].startswith("yes, since ")
    assert rows[2][1] == "set entities of event 4"
    assert rows[3][1:4] == ["Person, place or organisation", "", "Islam Karimov"]


def test_without_an_event_the_archives_recent_changes_are_listed(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    view = EventHistory(session)
    qtbot.addWidget(view)
    assert [row[1:3] for row in view.rows()] == [["build the bundled archive", "the build"]]
    curator.tag([RELATIONS, AMBASSADOR], ["lesson"])
    view.reload()
    first = view.rows()[0]
    assert first[1] == "tag 2 events lesson"
    assert first[2] == "a curator"
    assert first[3] == "3"
    view.set_event(AMBASSADOR)
    assert view.rows()[0][1] == "tag 2 events lesson"
    assert view.rows()[1][1:4] == ["Tag", "", "lesson"]


def test_local_time_converts_the_archives_utc_stamps() -> None:
    stamp = "2025-03-01T10:30:00Z"
    expected = datetime(2025, 3, 1, 10, 30, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_time(stamp) == expected
    assert local_time(None) == ""
    assert local_time("not a time") == "not a time"


def test_trashed_events_are_listed_and_restored_together(
    qtbot: QtBot, session: Session, curator: Curator
) -> None:
    start = session.archive.canonical_dump()
    view = TrashView(curator)
    qtbot.addWidget(view)
    view.show()
    assert view.ids() == []
    assert view.empty_label.isVisible()
    assert not view.restore_button.isEnabled()

    curator.trash([RELATIONS])
    curator.trash([AMBASSADOR])
    assert set(view.ids()) == {RELATIONS, AMBASSADOR}  # refreshed on Curator.changed
    row = view.tree.topLevelItem(view.ids().index(RELATIONS))
    assert row.text(0) == TITLE
    assert row.text(1) == "23 Nov 1992 (day)"
    assert row.text(2) == local_time(session.event(RELATIONS).deleted_at)
    assert RELATIONS not in session.archive.event_titles()

    view.select([RELATIONS, AMBASSADOR])
    assert view.restore_button.isEnabled()
    with qtbot.waitSignal(view.restored) as restored:
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert sorted(restored.args[0]) == [RELATIONS, AMBASSADOR]
    assert view.ids() == []
    assert view.caption.text() == "Trash"
    assert session.event(RELATIONS).deleted_at is None
    assert session.event(AMBASSADOR).deleted_at is None
    assert curator.stack.count() == 3
    assert curator.stack.undoText().startswith("Restore 2")

    curator.stack.undo()  # the restore: both back in the trash, in one step
    assert set(view.ids()) == {RELATIONS, AMBASSADOR}
    curator.stack.undo()
    curator.stack.undo()
    assert view.ids() == []
    assert session.archive.canonical_dump() == start
