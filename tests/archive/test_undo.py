"""Undo/redo over the audit log: any curator edit, undone, leaves the archive as it was."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uzkz_desktop.app import Session
from uzkz_desktop.archive import Archive
from uzkz_desktop.archive.undo import UNDO_PREFIX, Batch, UndoStack, undo_batch, undo_stack
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError

BUNDLED = Path("/work/main/archive.db")
if not BUNDLED.exists():  # another checkout: the repository's own archive
    BUNDLED = Path(__file__).resolve().parents[2] / "archive.db"

EVERYTHING = (date(1, 1, 1), date(9999, 12, 31))


class _NoIndexSession(Session):
    """The real write methods, without the search index (the CLI tests cover that)."""

    def _index_if_current(self) -> None:
        self._index = None


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "archive.db"
    shutil.copyfile(BUNDLED, path)
    with _NoIndexSession(Archive.open(path), path) as opened:
        yield opened


def _state(archive: Archive) -> tuple[str, list[tuple[str, int]], list[tuple[str, int]]]:
    months = archive.month_counts(date(1985, 1, 1), date(2030, 12, 31), include_candidates=True)
    tags = [(t.name, t.event_count) for t in archive.tags_with_counts()]
    return archive.canonical_dump(), months, tags


def _event_ids(archive: Archive) -> list[int]:
    return [int(r[0]) for r in archive._conn.execute("SELECT id FROM events ORDER BY id")]


def test_undo_tagging_restores_and_redo_reapplies(session: Session) -> None:
    archive = session.archive
    ids = _event_ids(archive)[:3]
    before = _state(archive)
    assert session.tag(ids, ["curation/test", "energy"]) > 0
    tagged = _state(archive)
    assert "curation/test" in archive.event(ids[0]).tags
    assert session.undo() == "tag 3 events curation/test, energy"
    assert _state(archive) == before
    assert session.redo() == "tag 3 events curation/test, energy"
    assert _state(archive) == tagged
    assert session.undo() is not None
    assert _state(archive) == before


def test_nothing_to_undo_in_a_fresh_copy(session: Session) -> None:
    assert session.undo() is None  # the build batch is not the curator's to undo
    assert session.redo() is None


def test_a_new_edit_clears_the_redo_stack(session: Session) -> None:
    event_id = _event_ids(session.archive)[0]
    session.tag([event_id], ["a"])
    session.undo()
    session.tag([event_id], ["b"])
    assert session.redo() is None
    assert session.undo() == "tag 1 event b"
    assert session.undo() is None  # "a" was undone already


def test_rename_onto_an_existing_tag_merges_and_undo_splits_again(session: Session) -> None:
    archive = session.archive
    first, second = _event_ids(archive)[:2]
    session.tag([first], ["old-name"])
    session.tag([second], ["new-name"])
    session.set_tag_color("old-name", "#112233")
    before = _state(archive)
    session.rename_tag("old-name", "new-name")
    names = {t.name: t.event_count for t in archive.tags_with_counts()}
    assert "old-name" not in names
    assert names["new-name"] == 2
    session.undo()
    assert _state(archive) == before


def test_undo_trash_and_date_edit_keeps_month_counts(session: Session) -> None:
    archive = session.archive
    event_id = _event_ids(archive)[0]
    before = _state(archive)
    session.update_event(event_id, span=DateSpan.month(2001, 5), title_en="Moved")
    session.trash(event_id)
    assert archive.event(event_id).deleted_at is not None
    session.undo()
    session.undo()
    assert _state(archive) == before


def test_undoing_an_insert_deletes_and_redo_reinserts_the_same_row(session: Session) -> None:
    archive = session.archive
    with archive.transaction(actor="curator", action="new event") as tx:
        event_id = tx.add_event(title_en="A new event", span=DateSpan.year(2005))
    after = _state(archive)
    session.undo()
    with pytest.raises(ArchiveError):
        archive.event(event_id)
    session.redo()
    assert archive.event(event_id).event.title_en == "A new event"
    assert _state(archive) == after


def test_history_lists_batches_newest_first(session: Session) -> None:
    event_id = _event_ids(session.archive)[0]
    session.tag([event_id], ["h1"])
    session.untag([event_id], ["h1"])
    batches = session.archive.history(2)
    assert [b.action for b in batches] == ["untag 1 event h1", "tag 1 event h1"]
    assert batches[0].batch_id > batches[1].batch_id
    assert batches[0].actor == "curator"
    actions = [e.action for e in session.archive.event_history(event_id)]
    assert actions[-2:] == ["tag 1 event h1", "untag 1 event h1"]


def test_undo_batch_of_an_unknown_batch_is_an_error(session: Session) -> None:
    with (
        pytest.raises(ArchiveError, match="no recorded change"),
        session.archive.transaction(actor="curator", action="undo: nothing") as tx,
    ):
        undo_batch(tx, 10_000)


def test_undo_stack_replays_undo_and_redo() -> None:
    def b(n: int, action: str) -> Batch:
        return Batch(n, "", "curator", action, 1)

    a, u, r = b(1, "x"), b(2, UNDO_PREFIX + "x"), b(3, UNDO_PREFIX * 2 + "x")
    assert undo_stack([a]).undo == a
    assert undo_stack([a, u]) == UndoStack(None, u)
    assert undo_stack([a, u, r]).undo == r
    assert undo_stack([a, u, r]).redo is None


# --- the property: any edits, then as many undos, change nothing ------------------------

TAGS = ("energy", "energy/electricity", "diplomacy/ambassador", "new", "new/child", "Culture")
CATEGORIES = ("energy", "diplomacy", "trade", "culture", "")

Edit = Callable[[Session, list[int]], Any]


def _edits() -> st.SearchStrategy[Edit]:
    index = st.integers(0, 11)
    some = st.lists(index, min_size=1, max_size=3, unique=True)
    names = st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True)
    tag = st.sampled_from(TAGS)
    span = st.builds(
        lambda y, m, length: DateSpan(
            date(y, m, 1), date(y + length, m, 28), DateSpan.month(y, m).precision
        ),
        st.integers(1990, 2025),
        st.integers(1, 12),
        st.integers(0, 3),
    )
    return st.one_of(
        st.builds(lambda i, n: lambda s, ids: s.tag([ids[x] for x in i], n), some, names),
        st.builds(lambda i, n: lambda s, ids: s.untag([ids[x] for x in i], n), some, names),
        st.builds(lambda o, n: lambda s, ids: s.rename_tag(o, n), tag, tag),
        st.builds(
            lambda t, c: lambda s, ids: s.set_tag_color(t, c),
            tag,
            st.sampled_from(["#aa0000", "#00bb00", None]),
        ),
        st.builds(lambda t: lambda s, ids: s.delete_tag(t), tag),
        st.builds(
            lambda i, title: lambda s, ids: s.update_event(ids[i], title_en=title),
            index,
            st.sampled_from(["Title one", "Title two"]),
        ),
        st.builds(
            lambda i, c: lambda s, ids: s.update_event(ids[i], category=c),
            index,
            st.sampled_from(CATEGORIES),
        ),
        st.builds(lambda i, sp: lambda s, ids: s.update_event(ids[i], span=sp), index, span),
        st.builds(lambda i: lambda s, ids: s.trash(ids[i]), index),
        st.builds(lambda i: lambda s, ids: s.restore(ids[i]), index),
        *_curation_edits(index, some, tag),
    )


# Names of entities of the bundled archive, written as a curator might type them.
ENTITY_NAMES = ("Tashkent", "Тошкент", "AFG'ONISTON", "Mirziyoyev", "Islom Karimov")


def _first_excerpt(session: Session, event_id: int) -> list[int]:
    return [session.event(event_id).excerpts[0].id]


def _curation_edits(
    index: st.SearchStrategy[int], some: st.SearchStrategy[list[int]], tag: st.SearchStrategy[str]
) -> list[st.SearchStrategy[Edit]]:
    """The review queue's edits: shortcuts, statuses, merge, split, entities, many at once."""
    key = st.sampled_from([1, 2, 3, None])
    statuses = st.sampled_from(["candidate", "accepted", "rejected"])
    names = st.lists(st.sampled_from(ENTITY_NAMES), max_size=3, unique=True)
    return [
        st.builds(lambda t, k: lambda s, ids: s.set_tag_shortcut(t, k), tag, key),
        st.builds(
            lambda i, status: lambda s, ids: s.update_event(ids[i], status=status), index, statuses
        ),
        st.builds(lambda i: lambda s, ids: s.accept([ids[x] for x in i]), some),
        st.builds(lambda i: lambda s, ids: s.reject([ids[x] for x in i]), some),
        st.builds(
            lambda i, v: lambda s, ids: s.set_verified([ids[x] for x in i], v), some, st.booleans()
        ),
        st.builds(lambda i: lambda s, ids: s.trash_events([ids[x] for x in i]), some),
        st.builds(lambda i: lambda s, ids: s.restore_events([ids[x] for x in i]), some),
        st.builds(lambda i, j: lambda s, ids: s.merge_events(ids[i], ids[j]), index, index),
        # events 4 and 12 (indexes 3 and 11) have two excerpts; the others refuse a split
        st.builds(
            lambda i: lambda s, ids: s.split_event(ids[i], _first_excerpt(s, ids[i])),
            st.sampled_from([3, 11, 0]),
        ),
        st.builds(lambda i, n: lambda s, ids: s.set_entities(ids[i], n), index, names),
    ]


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="uzkz-undo-") as folder:
        yield Path(folder)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(_edits(), min_size=1, max_size=8))
def test_any_edits_then_as_many_undos_restore_the_archive(scratch: Path, edits: list[Edit]) -> None:
    path = scratch / "archive.db"
    shutil.copyfile(BUNDLED, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with _NoIndexSession(Archive.open(path, check="none"), path) as session:
        archive = session.archive
        ids = _event_ids(archive)[:12]
        before = _state(archive)
        made = 0
        for edit in edits:
            generation = archive.generation()
            # A refused edit (no such tag, a tag under itself...) writes nothing.
            with contextlib.suppress(ArchiveError, ValueError):
                edit(session, ids)
            made += archive.generation() != generation
        edited = _state(archive)
        for _ in range(made):
            assert session.undo() is not None
        assert session.undo() is None
        assert _state(archive) == before
        for _ in range(made):
            assert session.redo() is not None
        assert _state(archive) == edited
