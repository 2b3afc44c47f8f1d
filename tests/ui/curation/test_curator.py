"""The Curator: every window write is one undoable command over the archive's audit log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session
from uzkz_desktop.ui.curation.curator import Change, Curator


def _first_events(session: Session, n: int) -> list[int]:
    rows = session.archive.events_between(date(1991, 1, 1), date(2030, 12, 31))
    return [row.id for row in rows][:n]


def test_a_change_is_one_command_and_undo_restores_the_archive(
    curator: Curator, session: Session, qtbot: QtBot
) -> None:
    before = session.archive.canonical_dump()
    ids = _first_events(session, 3)
    with qtbot.waitSignal(curator.changed) as signal:
        assert curator.tag(ids, ["lesson/week-1"]) == 3
    change = signal.args[0]
    assert isinstance(change, Change)
    assert change.tags
    assert change.events == frozenset(ids)
    assert curator.stack.count() == 1
    assert curator.stack.undoText() == "Tag 3 events with lesson/week-1"
    assert session.search("tag:lesson", limit=10).total == 3

    curator.stack.undo()
    assert session.archive.canonical_dump() == before
    assert session.search("tag:lesson", limit=10).total == 0

    curator.stack.redo()
    assert session.search("tag:lesson", limit=10).total == 3
    assert {t.name for t in session.archive.tags_with_counts()} >= {"lesson/week-1"}


def test_several_changes_undo_in_reverse_order(curator: Curator, session: Session) -> None:
    first, second = _first_events(session, 2)
    start = session.archive.canonical_dump()
    curator.tag([first], ["a"])
    after_tag = session.archive.canonical_dump()
    curator.update_event(second, title_en="A better title")
    curator.rename_tag("a", "b")
    assert curator.stack.count() == 3

    curator.stack.undo()
    assert "a" in session.event(first).tags
    assert "b" not in session.event(first).tags
    curator.stack.undo()
    assert session.archive.canonical_dump() == after_tag
    curator.stack.undo()
    assert session.archive.canonical_dump() == start
    assert not curator.stack.canUndo()
    curator.stack.redo()
    curator.stack.redo()
    assert session.event(second).event.title_en == "A better title"


def test_a_change_that_writes_nothing_is_not_a_command(curator: Curator, session: Session) -> None:
    (event_id,) = _first_events(session, 1)
    curator.tag([event_id], ["x"])
    assert curator.tag([event_id], ["x"]) == 0  # already there
    assert curator.stack.count() == 1
    curator.stack.undo()  # undoes the first tagging, not somebody's earlier change
    assert "x" not in session.event(event_id).tags


def test_a_refused_change_says_why_and_writes_nothing(
    curator: Curator, session: Session, qtbot: QtBot
) -> None:
    (event_id,) = _first_events(session, 1)
    before = session.archive.canonical_dump()
    with qtbot.waitSignal(curator.failed) as signal:
        assert curator.update_event(event_id, title_en="   ") is None
    assert "title" in signal.args[0]
    with qtbot.waitSignal(curator.failed):
        curator.tag([event_id], ["energy//oil"])
    assert curator.stack.count() == 0
    assert session.archive.canonical_dump() == before


def test_toggle_tag_tags_the_missing_then_untags_all(curator: Curator, session: Session) -> None:
    first, second = _first_events(session, 2)
    curator.tag([first], ["key"])
    curator.toggle_tag([first, second], "key")
    assert "key" in session.event(second).tags
    curator.toggle_tag([first, second], "key")
    assert "key" not in session.event(first).tags
    assert "key" not in session.event(second).tags


def test_undo_after_a_change_made_elsewhere_refuses(
    curator: Curator, session: Session, archive_path: Path, qtbot: QtBot
) -> None:
    first, second = _first_events(session, 2)
    curator.tag([first], ["mine"])
    with Session.open(archive_path) as other:  # e.g. `uzkz tag` in a terminal
        other.tag([second], ["theirs"])
    with qtbot.waitSignal(curator.failed) as signal:
        curator.stack.undo()
    assert "outside this window" in signal.args[0]
    assert "mine" in session.event(first).tags  # nothing undone
    assert "theirs" in session.event(second).tags
    qtbot.waitUntil(lambda: curator.stack.count() == 0)


def test_a_read_only_curator_writes_nothing(session: Session, qtbot: QtBot) -> None:
    curator = Curator(session, readonly_reason="The archive is open in another window.")
    (event_id,) = _first_events(session, 1)
    with qtbot.waitSignal(curator.failed) as signal:
        curator.tag([event_id], ["x"])
    assert signal.args[0] == "The archive is open in another window."
    assert "x" not in session.event(event_id).tags


def test_changes_without_a_result_say_whether_they_were_made(
    curator: Curator, session: Session
) -> None:
    (event_id,) = _first_events(session, 1)
    curator.tag([event_id], ["old"])
    assert curator.rename_tag("old", "new") is True
    assert curator.set_tag_color("new", "#1f77b4") is True
    assert curator.delete_tag("new") is True
    assert curator.rename_tag("nothing-by-this-name", "x") is False
