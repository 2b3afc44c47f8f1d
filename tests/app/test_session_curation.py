"""The curator's Session: review queue, merge and split, entities, likely duplicates, and a
read-only reader sharing the search index (the window's search thread).

Real archives in tmp_path (copies of the bundled one, or built by importing the corpus) and
real search indexes beside them.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from uzkz_desktop.app import Duplicate, Session
from uzkz_desktop.archive import Archive
from uzkz_desktop.core.errors import ArchiveError
from uzkz_desktop.core.paths import bundled_archive, resources_dir
from uzkz_desktop.search import SearchFilters, SearchIndex

CORPUS = resources_dir() / "corpus"


def _corpus(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def _open(path: Path) -> Session:
    return Session(Archive.open(path, create=not path.exists()), path)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "archive.db"
    shutil.copyfile(bundled_archive(), path)
    with _open(path) as opened:
        yield opened


def _hits(session: Session, query: str, filters: SearchFilters | None = None) -> list[int]:
    return sorted(h.event_id for h in session.search(query, limit=200, filters=filters).hits)


# --- the reader: one search index for the window's two sessions ---------------------------


def test_a_reader_finds_the_parents_edits_without_a_second_index(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session.reader() as reader:
        assert _hits(reader, "tag:shared") == []  # opens (here: builds) the one index
        index = reader._index
        assert index is not None
        assert session._index is index

        def no_second_index(*args: object, **kwargs: object) -> SearchIndex:
            raise AssertionError("the index was opened or rebuilt again")

        monkeypatch.setattr(SearchIndex, "open", no_second_index)
        monkeypatch.setattr(SearchIndex, "rebuild", no_second_index)
        session.tag([5, 6], ["shared"])
        assert _hits(reader, "tag:shared") == [5, 6]
        session.trash(6)
        assert _hits(reader, "tag:shared") == [5]
        assert reader._index is index
        with pytest.raises(ArchiveError, match="read-only"):
            reader.tag([5], ["nope"])
    assert _hits(session, "tag:shared") == [5]  # the reader's close left the index open


def test_the_index_closes_with_the_last_session_sharing_it(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copyfile(bundled_archive(), path)
    parent = _open(path)
    reader = parent.reader()
    index = parent.index()
    parent.close()
    parent.close()  # twice is harmless, and does not count twice
    assert [h.event_id for h in reader.search("Abay", limit=3).hits]  # still open
    assert reader._index is index
    reader.close()
    assert index._closed


def test_an_edit_does_not_wait_for_a_rebuild_elsewhere(session: Session) -> None:
    with session.reader() as reader:
        reader.index()
        rebuilding, done = threading.Event(), threading.Event()

        def rebuild() -> None:  # what a reindex in the search thread holds meanwhile
            with reader._shared.lock:
                rebuilding.set()
                done.wait(30)

        worker = threading.Thread(target=rebuild)
        worker.start()
        try:
            assert rebuilding.wait(30)
            started = time.monotonic()
            session.tag([5], ["during"])
            assert time.monotonic() - started < 5
        finally:
            done.set()
            worker.join()
        assert "during" in session.event(5).tags
        assert _hits(reader, "tag:during") == [5]  # the index caught up afterwards


def test_the_windows_search_session_is_a_reader(session: Session) -> None:
    from uzkz_desktop.ui.window_jobs import search_session_for

    search = search_session_for(session)
    try:
        assert search is not session
        assert search.archive.readonly
        assert search._shared is session._shared
    finally:
        search.close()


# --- review ----------------------------------------------------------------------------------


@pytest.fixture
def imported(tmp_path: Path) -> Iterator[Session]:
    """The bundled archive with article 004 imported again (a new edition: other bytes)."""
    path = tmp_path / "archive.db"
    shutil.copyfile(bundled_archive(), path)
    edition = tmp_path / "004_second_edition.txt"
    edition.write_text(_corpus("004").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with _open(path) as opened:
        opened.index()
        opened.ingest([edition])
        yield opened


def test_the_review_queue_reads_in_document_order(imported: Session) -> None:
    queue = imported.candidates()
    assert len(queue) >= 10
    places = [imported.event(row.id).excerpts[0].clean_start for row in queue]
    assert places == sorted(places)
    assert all(row.status == "candidate" for row in queue)


def test_accept_and_reject_change_only_candidates_and_search_follows(imported: Session) -> None:
    first, second, third = (row.id for row in imported.candidates()[:3])
    assert imported.accept([first, second, 5]) == 2  # 5 was accepted long ago
    assert imported.reject([second, third]) == 1  # second is accepted now: left alone
    assert [imported.event(i).event.status for i in (first, second, third)] == [
        "accepted", "accepted", "rejected",
    ]  # fmt: skip
    assert third not in [row.id for row in imported.candidates()]
    words = imported.event(third).excerpts[0].text.split()[:3]
    assert third not in _hits(imported, " ".join(words))  # rejected events leave search
    assert imported.undo() == "reject 2 events"
    assert third in _hits(imported, " ".join(words))
    assert imported.set_verified([first, second], True) == 2
    assert imported.set_verified([first, second], True) == 0
    assert imported.event(first).event.verified


def test_trash_and_restore_many_at_once(session: Session) -> None:
    """Event 4 is the diplomatic relations of 23 November 1992."""
    assert session.trash_events([4, 6, 7]) == 3
    assert session.trash_events([4, 8]) == 1
    assert [row.id for row in session.trashed()] == [4, 6, 7, 8]
    assert 4 not in _hits(session, "diplomatik aloqalar")
    assert session.restore_events([4, 6, 9]) == 2
    assert [row.id for row in session.trashed()] == [7, 8]
    assert 4 in _hits(session, "diplomatik aloqalar")
    assert session.undo() == "restore 3 events"
    assert session.undo() == "trash 2 events"
    assert session.undo() == "trash 3 events"
    assert session.trashed() == []


def test_tag_shortcuts_through_the_session(session: Session) -> None:
    session.tag([5], ["lesson", "energy"])
    assert session.set_tag_shortcut("lesson", 1) is True
    assert session.set_tag_shortcut("energy", 1) is True
    keys = {t.name: t.shortcut for t in session.tags() if t.shortcut is not None}
    assert keys == {"energy": 1}
    assert session.undo() == "shortcut 1 for tag energy"
    assert {t.name: t.shortcut for t in session.tags() if t.shortcut} == {"lesson": 1}


# --- entities --------------------------------------------------------------------------------


def test_entities_are_found_by_any_alias_script_or_apostrophe(session: Session) -> None:
    assert 5 not in _hits(session, "Afg'oniston")
    assert session.set_entities(5, ["Тошкент", "AFG'ONISTON", "mirziyoyev", "Abay"]) is True
    names = [e.name for e in session.event(5).entities]
    assert names == ["Abai Qunanbaiuly", "Shavkat Mirziyoyev", "Afghanistan", "Tashkent"]
    assert session.set_entities(5, ["Tashkent", "Afgoniston", "Mirziyoyev", "Abai"]) is False
    assert 5 in _hits(session, "Afg'oniston")  # the index has the new names at once
    assert session.set_entities(5, []) is True
    assert session.event(5).entities == ()
    before = session.archive.canonical_dump()
    with pytest.raises(ValueError, match="is called 'Atlantis', 'Nobody'") as error:
        session.set_entities(5, ["Atlantis", "Tashkent", "Nobody"])
    assert "Tashkent" not in str(error.value)
    assert session.archive.canonical_dump() == before
    assert len(session.entities()) == 49


# --- merge and split -------------------------------------------------------------------------


def test_merge_then_split_through_the_session(session: Session) -> None:
    assert _hits(session, "diplomatik aloqalar") == [4]
    before = session.archive.canonical_dump()
    session.merge_events(5, 4)
    assert _hits(session, "diplomatik aloqalar") == [5]  # the kept event has 4's excerpts
    assert [row.id for row in session.trashed()] == [4]
    excerpt = next(x.id for x in session.event(5).excerpts if "diplomatik" in x.text)
    new = session.split_event(5, [excerpt], title_en="Diplomatic relations (split again)")
    assert _hits(session, "diplomatik aloqalar") == [new]
    assert session.event(new).event.title_en == "Diplomatic relations (split again)"
    assert excerpt not in [x.id for x in session.event(5).excerpts]
    assert session.undo() == "split 1 excerpt from event 5"
    assert session.undo() == "merge event 4 into event 5"
    assert session.archive.canonical_dump() == before
    assert _hits(session, "diplomatik aloqalar") == [4]


# --- likely duplicates -----------------------------------------------------------------------


def _reviewed_then_imported(folder: Path, curated: str, incoming: str) -> Session:
    """An archive where article `curated` was imported and all its events accepted, then
    article `incoming` imported: its events await review."""
    opened = _open(folder / "archive.db")
    opened.ingest([_corpus(curated)])
    opened.accept([row.id for row in opened.candidates()])
    opened.ingest([_corpus(incoming)])
    return opened


def _diplomatic_relations(session: Session, *, status: str) -> int:
    """The event of November 1992 whose excerpt speaks of diplomacy, in either script."""
    november = (date(1992, 11, 1), date(1992, 11, 30))
    (found,) = [
        row.id
        for row in session.archive.events_between(*november, include_candidates=True)
        if row.status == status
        and any(w in session.event(row.id).excerpts[0].text for w in ("diplomati", "дипломати"))
    ]
    return found


@pytest.mark.parametrize(
    ("curated", "incoming"),
    [("002", "004"), ("004", "002")],
    ids=["latin-finds-cyrillic", "cyrillic-finds-latin"],
)
def test_a_candidate_finds_the_same_event_told_in_the_other_script(
    tmp_path: Path, curated: str, incoming: str
) -> None:
    """002 writes "1992-yil 23-noyabrda diplomatik aloqalar o„rnatildi" (Latin), 004
    "1992 йил ноябрь ойида дипломатик муносабатлар ўрнатилганидан" (Cyrillic)."""
    with _reviewed_then_imported(tmp_path, curated, incoming) as session:
        candidate = _diplomatic_relations(session, status="candidate")
        accepted = _diplomatic_relations(session, status="accepted")
        found = session.duplicates(candidate)
        assert found
        assert found[0].event.id == accepted
        assert isinstance(found[0], Duplicate)
        assert any("diplomatik" in reason for reason in found[0].reasons)
        assert found[0].reasons[0].startswith("dates agree")
        # and the other way round
        assert candidate in [d.event.id for d in session.duplicates(accepted)]


def test_duplicates_of_every_candidate_are_few_and_dated_alike(tmp_path: Path) -> None:
    with _reviewed_then_imported(tmp_path, "002", "004") as session:
        for row in session.candidates():
            for duplicate in session.duplicates(row.id):
                other = duplicate.event
                assert other.id != row.id
                assert other.start_day <= row.end_day + 7
                assert other.end_day >= row.start_day - 7
                assert 0 < duplicate.score <= 1.25


def test_duplicates_leave_out_the_trash_and_unknown_events(session: Session) -> None:
    session.trash(5)
    assert session.duplicates(5) == []
    with pytest.raises(ArchiveError, match="there is no event 99999"):
        session.duplicates(99999)
    assert len(session.duplicates(64, limit=2)) <= 2


def test_sentences_of_one_source_are_not_duplicates(session: Session) -> None:
    """The bundled archive's 15 November 2025 events all cite 000's list of agreements."""
    for event_id in (64, 65, 66, 69, 70):
        assert [d for d in session.duplicates(event_id) if d.event.id in (64, 65, 66, 69, 70)] == []


def test_a_tagged_excerpt_makes_its_event_findable_by_the_tag(session: Session) -> None:
    detail = session.event(1)
    excerpt = detail.excerpts[0].id
    session.index()
    assert session.tag_excerpts([excerpt], ["lesson/week-2"]) == 1
    assert session.archive.excerpt_tags(excerpt) == ["lesson/week-2"]
    assert "lesson/week-2" not in session.event(1).tags  # the excerpt's, not the event's
    attested = session.archive.excerpt_events([excerpt])  # the sentence may tell two events
    assert 1 in attested
    assert sorted(h.event_id for h in session.search("tag:lesson", limit=5).hits) == attested
    session.rename_tag("lesson", "class")
    assert sorted(h.event_id for h in session.search("tag:class", limit=5).hits) == attested
    session.undo()
    session.undo()
    assert session.search("tag:lesson", limit=5).total == 0
    assert session.archive.excerpt_tags(excerpt) == []
