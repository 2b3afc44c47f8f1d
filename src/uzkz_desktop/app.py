"""Composition root: where the user's archive lives, and opening it for the CLI and window.

The bundled `archive.db` is never modified by use: the first run copies it into the user's
data folder (platformdirs), and every later run works on that copy. `--archive PATH`
(or UZKZ_ARCHIVE) chooses another archive file; UZKZ_DATA_DIR moves the data folder.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uzkz_desktop.core.closing import Closing
from uzkz_desktop.core.dates import Precision
from uzkz_desktop.core.errors import ArchiveError, SearchIndexError
from uzkz_desktop.core.paths import bundled_archive

if TYPE_CHECKING:
    # Everything heavier than the standard library loads on first use: the window paints
    # its first frame before it opens the archive (SQLite through sqlite_utils, NumPy),
    # and it needs search (Whoosh) and import (the date grammar, the gazetteer), a second
    # of imports between them, later still.
    from uzkz_desktop.archive.archive import Archive
    from uzkz_desktop.archive.models import (
        EntityRow,
        EventDetail,
        EventRow,
        SearchDocument,
        TagRow,
    )
    from uzkz_desktop.archive.transaction import Transaction
    from uzkz_desktop.archive.undo import Batch, UndoStack
    from uzkz_desktop.ingest.categories import Category
    from uzkz_desktop.ingest.pipeline import Failed, Imported, Progress
    from uzkz_desktop.search.index import SearchIndex
    from uzkz_desktop.search.model import IndexDoc, SearchFilters, SearchResult
    from uzkz_desktop.search.similar import Term, Weighed
    from uzkz_desktop.timeline.events import EventArrays

APP_NAME = "uzkz-desktop"


def data_dir() -> Path:
    override = os.environ.get("UZKZ_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_archive_path() -> Path:
    return data_dir() / "archive.db"


def resolve_archive(explicit: Path | None = None) -> Path:
    """The archive to work on: the one asked for, or the user's copy of the bundled one."""
    chosen = explicit or _from_environment()
    if chosen is not None:
        return chosen
    target = default_archive_path()
    if not target.exists():
        copy_bundled_archive(target)
    return target


def _from_environment() -> Path | None:
    value = os.environ.get("UZKZ_ARCHIVE")
    return Path(value) if value else None


def copy_bundled_archive(target: Path) -> None:
    """Copy the shipped archive to `target` whole, or not at all (temp file, then rename)."""
    source = bundled_archive()
    if source.resolve() == target.resolve():
        raise ArchiveError(f"{target} is the bundled archive: uzkz never works on it directly")
    if not source.is_file():
        raise ArchiveError(
            f"the bundled archive {source} is missing; run `uzkz build-archive` to make it"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".archive-", suffix=".db", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def index_dir(archive_path: Path) -> Path:
    """The search index is derived data kept beside the archive it was built from."""
    return archive_path.with_name(archive_path.stem + ".index")


# --- the session: one archive, its search index, and what the window asks of them ----------


def index_document(doc: SearchDocument) -> IndexDoc:
    """An archive event as the search index takes it."""
    from uzkz_desktop.search.model import IndexDoc

    return IndexDoc(
        event_id=doc.event_id,
        title=" · ".join(t for t in (doc.title_en, doc.title_uz) if t),
        texts=doc.excerpts,
        category=doc.category,
        tags=doc.tags,
        start_day=doc.start_day,
        end_day=doc.end_day,
        year_start=doc.start.year,
        year_end=doc.end.year,
        source_keys=tuple(dict.fromkeys(x[3] for x in doc.excerpts)),
        languages=tuple(dict.fromkeys(x[2] for x in doc.excerpts if x[2])),
        entities=doc.entities,
    )


@dataclass(frozen=True)
class TimelineData:
    """What the timeline draws: events as arrays, their categories (code = index), titles."""

    events: EventArrays
    categories: tuple[Category, ...]
    titles: dict[int, str]
    candidate_ids: frozenset[int]


def _category_list(present: Sequence[str]) -> tuple[Category, ...]:
    from uzkz_desktop.ingest.categories import Category, categories

    known = list(categories())
    names = {c.id for c in known}
    extra = [Category(n, n, n, n, "#8a8a8a") for n in present if n not in names]
    return tuple(known + extra)


class SharedIndex:
    """The open search index of one archive file, shared by a Session and its readers.

    Two SearchIndex objects on one folder would each take Whoosh's write lock and keep a
    facet journal of their own; one object, updated by whichever session writes, is what
    every session searches. `lock` makes an edit's commit and its index update one step
    for the others (between the two a reader would find the index a generation behind and
    rebuild it), and the index is closed when the last session sharing it closes.
    """

    def __init__(self) -> None:
        self.index: SearchIndex | None = None
        self.lock = threading.RLock()
        self._users = 0

    def join(self) -> None:
        with self.lock:
            self._users += 1

    def leave(self) -> None:
        with self.lock:
            self._users -= 1
            if self._users == 0 and self.index is not None:
                self.index.close()
                self.index = None


class Session(Closing):
    """An open archive with its search index: the services the window and the CLI share.

    The index is derived data beside the archive, stamped with the analyser version and
    the archive generation; when it is missing, stale or damaged it is rebuilt from the
    archive (with progress) the first time search is needed. `reader()` makes a read-only
    Session for another thread that shares the same index object.
    """

    def __init__(self, archive: Archive, path: Path, *, shared: SharedIndex | None = None) -> None:
        self.archive = archive
        self.path = path
        self._shared = shared if shared is not None else SharedIndex()
        self._shared.join()
        self._closed = False
        # How many events name each entity, for this archive generation (duplicates: a
        # count over every event naming "Kazakhstan" takes 50 ms at 100k events).
        self._entity_counts: tuple[int, dict[str, int]] = (-1, {})

    @classmethod
    def open(cls, path: Path | None = None, *, readonly: bool = False) -> Session:
        from uzkz_desktop.archive.archive import Archive

        target = resolve_archive(path)
        return cls(Archive.open(target, readonly=readonly), target)

    def reader(self) -> Session:
        """A read-only Session on the same archive file that shares this one's search index.

        For another thread (the window searches in one): it has its own SQLite connection,
        and what this session writes reaches its searches at once, with no second index
        opened on the same folder. The index closes with the last session sharing it.
        """
        from uzkz_desktop.archive.archive import Archive

        archive = Archive.open(self.path, readonly=True, check="none")
        return Session(archive, self.path, shared=self._shared)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._shared.leave()
        self.archive.close()

    @property
    def _index(self) -> SearchIndex | None:
        return self._shared.index

    @_index.setter
    def _index(self, index: SearchIndex | None) -> None:
        self._shared.index = index

    # -- reading ---------------------------------------------------------------------------

    def timeline_data(self, *, include_candidates: bool = True) -> TimelineData:
        import numpy as np

        from uzkz_desktop.archive.models import STATUS_CODES, EventStatus
        from uzkz_desktop.timeline.events import EventArrays

        arrays = self.archive.timeline_arrays(include_candidates=include_candidates)
        listed = _category_list(arrays.categories)
        code_of = {c.id: code for code, c in enumerate(listed)}
        remap = np.array([code_of[name] for name in arrays.categories] or [0], dtype=np.int16)
        codes = np.frombuffer(arrays.category, dtype=np.int32) if len(arrays) else np.zeros(0, int)
        category = remap[codes]
        events = EventArrays.from_columns(
            arrays.ids, arrays.start_day, arrays.end_day, arrays.precision, category
        )
        candidate_code = STATUS_CODES[EventStatus.CANDIDATE]
        candidates = frozenset(
            i for i, st in zip(arrays.ids, arrays.status, strict=True) if st == candidate_code
        )
        return TimelineData(events, listed, self.archive.event_titles(), candidates)

    def event(self, event_id: int) -> EventDetail:
        return self.archive.event(event_id)

    def candidates(self) -> list[EventRow]:
        """The review queue: candidates not in the trash, in the order their sources tell
        them (source by source, as imported; within one, where the excerpt stands)."""
        return self.archive.candidates()

    def entities(self) -> list[EntityRow]:
        return self.archive.entities()

    def tags(self) -> list[TagRow]:
        """Every tag with its event count, colour and shortcut key."""
        return self.archive.tags_with_counts()

    def trashed(self) -> list[EventRow]:
        return self.archive.trashed_events()

    def duplicates(self, event_id: int, limit: int = 5) -> list[Duplicate]:
        """Accepted and candidate events that may tell the same happening as `event_id`,
        likeliest first: for the curator to merge while reviewing.

        An event qualifies when its dates meet this one's (overlapping, or at most
        DUPLICATE_SLACK_DAYS apart: a month or a year overlaps every day in it) and one of
        its texts says what one of this event's texts says, whatever the script or
        language (see `search.similar`); the entities both name add to the score.
        """
        from uzkz_desktop.search.similar import weighed

        found = self.archive.search_documents([event_id])
        if not found:
            self.archive.event(event_id)  # raises for an unknown id
            return []  # in the trash, or rejected: not under review
        doc = found[0]
        first = max(1, doc.start_day - DUPLICATE_SLACK_DAYS)
        last = min(date.max.toordinal(), doc.end_day + DUPLICATE_SLACK_DAYS)
        near = self.archive.events_between(
            date.fromordinal(first), date.fromordinal(last), include_candidates=True
        )
        me = next((row for row in near if row.id == event_id), None)
        if me is None:  # trashed or rejected by another process a moment ago
            return []
        rows = sorted(
            (row for row in near if row.id != event_id and _dates_meet(me, row)),
            key=lambda row: (abs(row.start_day - doc.start_day), row.id),
        )[:_DUPLICATES_COMPARED]
        others = {d.event_id: d for d in self.archive.search_documents([r.id for r in rows])}
        units = {i: _texts_of(d) for i, d in others.items()}
        mine = _texts_of(doc)
        weight, entity_weight = self._weights([mine, *units.values()], doc.entities)

        def prepared(texts: list[_Unit]) -> list[tuple[_Unit, Weighed]]:
            return [(unit, weighed(unit.terms, weight)) for unit in texts]

        compared = prepared(mine)
        scored = []
        for row in rows:
            if row.id not in others:
                continue
            duplicate = _duplicate(
                doc, compared, row, others[row.id], prepared(units[row.id]), entity_weight
            )
            if duplicate is not None:
                scored.append(duplicate)
        scored.sort(key=lambda d: (-d.score, d.event.id))
        return scored[:limit]

    def _weights(
        self, events: Sequence[Sequence[_Unit]], entities: Sequence[str]
    ) -> tuple[Callable[[str], float], dict[str, float]]:
        """The weight of each word and of each entity among `events` (this one first, then
        those compared with it).

        A word weighs its rarity among the indexed events (BM25's idf): sharing "Kazakhstan"
        says nothing in this archive, sharing "railway" a lot. It weighs less again when
        more than two of the events compared have it: the day five agreements were signed,
        "agreement signed" does not tell them apart. Entities weigh their rarity. Words
        weigh 1 each (before the second rule) when the index is not open and current:
        this runs as the curator moves on, it does not wait for the index to be rebuilt.
        """
        nearby: dict[str, int] = {}
        for units in events:
            for key in {term.key for unit in units for term in unit.terms}:
                nearby[key] = nearby.get(key, 0) + 1
        frequencies: dict[str, int] = {}
        total = 0
        if self._shared.lock.acquire(timeout=_EDIT_WAIT):
            try:
                index = self._index
                if index is not None and index.stamp == self.stamp():
                    frequencies, total = index.document_frequencies(nearby), index.event_count
            except SearchIndexError:
                frequencies = {}
            finally:
                self._shared.lock.release()
        if not frequencies:
            total = self.archive.stats().events

        def idf(count: int) -> float:
            return math.log(1 + (max(total, 1) - count + 0.5) / (count + 0.5))

        counts = self._entity_event_counts(entities)
        entity_weight = {name: idf(count) for name, count in counts.items()}
        word_weight = {
            key: (idf(frequencies[key]) if key in frequencies else 1.0) * min(1.0, 2 / count)
            for key, count in nearby.items()
        }
        return (lambda key: word_weight.get(key, 1.0)), entity_weight

    def _entity_event_counts(self, names: Sequence[str]) -> dict[str, int]:
        generation = self.archive.generation()
        if self._entity_counts[0] != generation:
            self._entity_counts = (generation, {})
        known = self._entity_counts[1]
        missing = [name for name in names if name not in known]
        if missing:
            known.update(self.archive.entity_event_counts(missing))
        return {name: known[name] for name in names}

    # -- search --------------------------------------------------------------------------

    def stamp(self) -> str:
        from uzkz_desktop.search.index import index_version

        return f"{index_version()}|generation={self.archive.generation()}"

    def index(self, progress: Callable[[int, int], None] | None = None) -> SearchIndex:
        """The search index, rebuilt first when it is missing, stale or damaged."""
        with self._shared.lock:
            return self._current_index(progress)

    def _current_index(self, progress: Callable[[int, int], None] | None) -> SearchIndex:
        stamp = self.stamp()
        index = self._index
        if index is not None and index.stamp == stamp:
            return index
        if index is not None:
            index.close()
            self._index = None
        from uzkz_desktop.search.index import SearchIndex

        try:
            index = SearchIndex.open(index_dir(self.path), stamp=stamp)
        except SearchIndexError:
            return self._rebuilt_index(progress)
        self._index = index
        return index

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> SearchIndex:
        with self._shared.lock:
            return self._rebuilt_index(progress)

    def _rebuilt_index(self, progress: Callable[[int, int], None] | None) -> SearchIndex:
        from uzkz_desktop.search.index import SearchIndex

        if self._index is not None:
            self._index.close()
            self._index = None
        # The stamp first: a write committed between the two makes the index look older
        # than it is (rebuilt again later), never newer than it is.
        stamp = self.stamp()
        documents = self.archive.search_documents()
        index = SearchIndex.rebuild(
            index_dir(self.path),
            (index_document(d) for d in documents),
            stamp=stamp,
            total=len(documents),
            progress=progress,
        )
        self._index = index
        return index

    def search(
        self, query: str, *, limit: int = 20, filters: SearchFilters | None = None
    ) -> SearchResult:
        with self._shared.lock:  # an edit's commit and index update are one step for search
            index = self._current_index(None)
            return index.search(query, limit=limit, texts=self._texts, filters=filters)

    def _texts(self, event_id: int) -> IndexDoc:
        found = self.archive.search_documents([event_id])
        if not found:
            raise KeyError(event_id)
        return index_document(found[0])

    # -- writing -----------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[Path],
        *,
        progress: Progress | None = None,
        document_year: int | None = None,
    ) -> list[Imported | Failed]:
        """Import documents, then bring the search index up to date with what was added.

        The index is opened (or rebuilt) while it still matches the archive, so that the
        new events are added to it rather than forcing a rebuild of everything.
        """
        from uzkz_desktop.ingest.pipeline import Imported, ingest_files

        self._index_if_current()
        outcomes = ingest_files(self.archive, paths, progress=progress, document_year=document_year)
        added = [i for o in outcomes if isinstance(o, Imported) for i in o.event_ids]
        self.refresh_index(added)
        return outcomes

    def _index_if_current(self) -> None:
        with self._shared.lock:
            try:
                self.index()
            except SearchIndexError:
                self._index = None  # rebuilt from scratch the next time search is needed

    def refresh_index(self, event_ids: Iterable[int]) -> None:
        """Bring the index up to date after a write that touched these events."""
        with self._shared.lock:
            self._refresh_index(sorted(set(event_ids)))

    def _refresh_index(self, ids: list[int]) -> None:
        if self._index is None:
            return
        if not ids:
            self._index.update([], stamp=self.stamp())
            return
        present = self.archive.search_documents(ids)
        self._index.update([index_document(d) for d in present], stamp=self.stamp())
        gone = set(ids) - {d.event_id for d in present}
        if gone:
            self._index.delete(sorted(gone), stamp=self.stamp())

    # -- curation: every edit one audited batch, undoable, and the index kept in step ------

    CURATOR = "curator"

    def _edit[T](
        self, action: str, write: Callable[[Transaction], T], touched: Iterable[int] = ()
    ) -> T:
        """Run one curator action in one transaction, then refresh the index for the events
        it touched (`touched`, or what `write` returns when it lists event ids). The index
        is made current first, so it is updated, never rebuilt."""
        lock = self._shared.lock
        if not lock.acquire(timeout=_EDIT_WAIT):
            # The index is being rebuilt elsewhere (minutes, on a big archive): the edit
            # does not wait for that. The rebuilt index is then a generation behind, which
            # the next index() finds (its stamp), and it is brought up to date there.
            with self.archive.transaction(actor=self.CURATOR, action=action) as tx:
                return write(tx)
        try:  # holding the lock, a search elsewhere never sees the commit without the update
            self._index_if_current()
            with self.archive.transaction(actor=self.CURATOR, action=action) as tx:
                result = write(tx)
            self.refresh_index(result if isinstance(result, list) else touched)
        finally:
            lock.release()
        return result

    def _tag_events(self, tx: Transaction, name: str) -> list[int]:
        """Events carrying tag `name` or a tag below it (a rename or delete changes them)."""
        match = "(t.name = ? OR substr(t.name, 1, ?) = ? COLLATE NOCASE)"
        rows = tx._sql(
            "SELECT et.event_id FROM event_tags et JOIN tags t ON t.id = et.tag_id"
            f" WHERE {match} UNION SELECT l.event_id FROM excerpt_tags xt"
            " JOIN tags t ON t.id = xt.tag_id JOIN event_excerpts l ON l.excerpt_id = xt.excerpt_id"
            f" WHERE {match}",
            (name, len(name) + 1, name + "/") * 2,
        )
        return [int(r[0]) for r in rows]

    def tag(self, event_ids: Iterable[int], names: Iterable[str]) -> int:
        """Tag events; returns how many new (event, tag) pairs were made."""
        ids, tags = list(event_ids), list(names)
        action = f"tag {_count(ids, 'event')} {', '.join(tags)}"
        return self._edit(action, lambda tx: tx.add_tags(ids, tags), ids)

    def untag(self, event_ids: Iterable[int], names: Iterable[str]) -> int:
        """Remove tags from events; returns how many (event, tag) pairs went."""
        ids, tags = list(event_ids), list(names)
        action = f"untag {_count(ids, 'event')} {', '.join(tags)}"
        return self._edit(action, lambda tx: tx.remove_tags(ids, tags), ids)

    def tag_excerpts(self, excerpt_ids: Iterable[int], names: Iterable[str]) -> int:
        """Tag excerpts (sentences); their events are found by these tags too."""
        ids, tags = list(excerpt_ids), list(names)
        action = f"tag {_count(ids, 'excerpt')} {', '.join(tags)}"
        events = self.archive.excerpt_events(ids)
        return self._edit(action, lambda tx: tx.add_excerpt_tags(ids, tags), events)

    def untag_excerpts(self, excerpt_ids: Iterable[int], names: Iterable[str]) -> int:
        ids, tags = list(excerpt_ids), list(names)
        action = f"untag {_count(ids, 'excerpt')} {', '.join(tags)}"
        events = self.archive.excerpt_events(ids)
        return self._edit(action, lambda tx: tx.remove_excerpt_tags(ids, tags), events)

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag (and those below it); onto an existing tag, the two merge."""

        def write(tx: Transaction) -> list[int]:
            affected = self._tag_events(tx, old)
            tx.rename_tag(old, new)
            return affected

        self._edit(f"rename tag {old} to {new}", write)

    def set_tag_color(self, name: str, color: str | None) -> None:
        """color: '#rrggbb', or None for none. The index does not hold colours."""
        self._edit(f"colour tag {name}", lambda tx: tx.set_tag_color(name, color))

    def delete_tag(self, name: str) -> None:
        """Remove a tag from everything and delete it."""

        def write(tx: Transaction) -> list[int]:
            affected = self._tag_events(tx, name)
            tx.delete_tag(name)
            return affected

        self._edit(f"delete tag {name}", write)

    def update_event(self, event_id: int, **fields: Any) -> bool:
        """Change an event's fields (see Transaction.update_event); False if nothing changed."""
        action = f"edit event {event_id} ({', '.join(sorted(fields))})"
        return self._edit(action, lambda tx: tx.update_event(event_id, **fields), [event_id])

    def trash(self, event_id: int) -> bool:
        """Move an event to the trash; False if it was there already."""
        return self._edit(
            f"trash event {event_id}", lambda tx: tx.trash_event(event_id), [event_id]
        )

    def restore(self, event_id: int) -> bool:
        """Take an event out of the trash; False if it was not there."""
        action = f"restore event {event_id}"
        return self._edit(action, lambda tx: tx.restore_event(event_id), [event_id])

    def trash_events(self, event_ids: Iterable[int]) -> int:
        """Move events to the trash; how many were not there already."""
        ids = list(dict.fromkeys(event_ids))
        return len(
            self._edit(
                f"trash {_count(ids, 'event')}",
                lambda tx: [i for i in ids if tx.trash_event(i)],
            )
        )

    def restore_events(self, event_ids: Iterable[int]) -> int:
        """Take events out of the trash; how many were in it."""
        ids = list(dict.fromkeys(event_ids))
        return len(
            self._edit(
                f"restore {_count(ids, 'event')}",
                lambda tx: [i for i in ids if tx.restore_event(i)],
            )
        )

    def accept(self, event_ids: Iterable[int]) -> int:
        """Accept candidates (events already reviewed are left as they are); how many."""
        return self._review(event_ids, "accepted", "accept")

    def reject(self, event_ids: Iterable[int]) -> int:
        """Reject candidates: they leave the timeline and search, not the archive."""
        return self._review(event_ids, "rejected", "reject")

    def _review(self, event_ids: Iterable[int], status: str, verb: str) -> int:
        ids = list(dict.fromkeys(event_ids))
        return len(self._edit(f"{verb} {_count(ids, 'event')}", lambda tx: tx.review(ids, status)))

    def set_verified(self, event_ids: Iterable[int], verified: bool) -> int:
        """Mark events as checked against their sources, or not; how many changed."""
        ids = list(dict.fromkeys(event_ids))
        action = f"mark {_count(ids, 'event')} {'verified' if verified else 'unverified'}"
        return len(self._edit(action, lambda tx: tx.set_verified(ids, verified)))

    def set_tag_shortcut(self, name: str, key: int | None) -> bool:
        """Give a tag the key 1..9 (taken from the tag that had it), or None for none."""
        action = f"shortcut {key} for tag {name}" if key else f"no shortcut for tag {name}"
        return self._edit(action, lambda tx: tx.set_tag_shortcut(name, key))

    def merge_events(self, keep: int, other: int) -> None:
        """Fold event `other` into `keep` (see Transaction.merge_events); `other` is trashed."""

        def write(tx: Transaction) -> list[int]:
            tx.merge_events(keep, other)
            return [keep, other]

        self._edit(f"merge event {other} into event {keep}", write)

    def split_event(
        self, event_id: int, excerpt_ids: Iterable[int], title_en: str | None = None
    ) -> int:
        """Make a new event of some of an event's excerpts (see Transaction.split_event)."""
        moving = list(dict.fromkeys(excerpt_ids))
        action = f"split {_count(moving, 'excerpt')} from event {event_id}"
        touched = self._edit(
            action, lambda tx: [event_id, tx.split_event(event_id, moving, title_en=title_en)]
        )
        return touched[1]

    def set_entities(self, event_id: int, names: Sequence[str]) -> bool:
        """Make the event name exactly these entities, each given by its name or any alias
        in any script, case or apostrophe; False if it already did. An unknown name is a
        ValueError naming it (entities come from the gazetteer, not from typing)."""
        entity_ids = _resolve_entities(self.archive.entities(), names)
        action = f"set entities of event {event_id}"
        return self._edit(
            action, lambda tx: tx.set_event_entities(event_id, entity_ids), [event_id]
        )

    def undo_stack(self) -> UndoStack:
        """What undo and redo would apply to now (the window's Undo/Redo menu labels)."""
        from uzkz_desktop.archive.undo import undo_stack

        return undo_stack(self.archive.history(None, actor=self.CURATOR)[::-1])

    def undo(self) -> str | None:
        """Undo the curator's newest change not yet undone; its action, or None if none."""
        batch = self.undo_stack().undo
        if batch is None:
            return None
        self._undo(batch)
        return batch.action

    def redo(self) -> str | None:
        """Redo the change undone last (undo its undo); its action, or None if none."""
        batch = self.undo_stack().redo
        if batch is None:
            return None
        self._undo(batch)
        return batch.action.removeprefix("undo: ")

    def _undo(self, batch: Batch) -> None:
        from uzkz_desktop.archive.undo import UNDO_PREFIX, undo_batch

        self._edit(UNDO_PREFIX + batch.action, lambda tx: undo_batch(tx, batch.batch_id))


# Seconds an edit waits for a search or an index rebuild in another thread to end.
_EDIT_WAIT = 0.5


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


# --- likely duplicates ----------------------------------------------------------------------

DUPLICATE_SLACK_DAYS = 7  # events this many days apart may still be one happening
_DUPLICATES_COMPARED = 300  # events compared at most, the nearest in date first
_MIN_LIKENESS = 0.2  # texts less alike than this are different happenings
_ENTITY_SHARE = 0.25  # how much the shared entities can add to the score


@dataclass(frozen=True)
class Duplicate:
    """An event that may tell the same happening as the one under review.

    `score` (0..1.25) orders the list; `reasons` say why, in words for the curator:
    how the dates meet, the words the texts share, the entities both name.
    """

    event: EventRow
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Unit:
    """One text of an event compared with another's: an excerpt or a title, with the
    sources it comes from (a title is written from all its event's sources)."""

    sources: frozenset[str]
    terms: tuple[Term, ...]


def _texts_of(doc: SearchDocument) -> list[_Unit]:
    """An event's excerpts, then its titles (a curated event's English title meets a
    Russian or English excerpt of another), as the words compared."""
    from uzkz_desktop.search.similar import text_terms

    units = [_Unit(frozenset([x[3]]), text_terms(x[1], x[2])) for x in doc.excerpts]
    everywhere = frozenset(x[3] for x in doc.excerpts)
    units += [_Unit(everywhere, text_terms(t)) for t in (doc.title_en, doc.title_uz) if t]
    return [unit for unit in units if unit.terms]


def _duplicate(
    doc: SearchDocument,
    mine: Sequence[tuple[_Unit, Weighed]],
    row: EventRow,
    other: SearchDocument,
    theirs: Sequence[tuple[_Unit, Weighed]],
    entity_weight: dict[str, float],
) -> Duplicate | None:
    from uzkz_desktop.search.similar import likeness

    # Only texts of different sources are compared. A source tells a happening once: its
    # sentences alike are neighbours telling related things (one sentence listing the five
    # agreements signed that day is rightly the excerpt of five events).
    best = max(
        (
            likeness(a, b)
            for unit_a, a in mine
            for unit_b, b in theirs
            if unit_a.sources.isdisjoint(unit_b.sources)
        ),
        key=lambda found: found.score,
        default=None,
    )
    if best is None or best.score < _MIN_LIKENESS:
        return None
    factor, when = _date_match(doc, row)
    shared = sorted(set(doc.entities) & set(other.entities))
    mentioned = sum(entity_weight.get(name, 0.0) for name in doc.entities)
    named = sum(entity_weight.get(name, 0.0) for name in shared)
    reasons = [when, f"same words: {', '.join(best.shared[:6])}"]
    if shared:
        reasons.append(f"both name {', '.join(shared)}")
    score = best.score * factor + (_ENTITY_SHARE * named / mentioned if mentioned else 0.0)
    return Duplicate(row, round(score, 4), tuple(reasons))


def _dates_meet(first: EventRow, second: EventRow) -> bool:
    """Spans that overlap, or two days at most DUPLICATE_SLACK_DAYS apart (sources differ
    by a day or two; "2022" and "2023" are different years however close their ends)."""
    if first.start_day <= second.end_day and second.start_day <= first.end_day:
        return True
    days = Precision.DAY
    return first.precision == days and second.precision == days


def _date_match(doc: SearchDocument, row: EventRow) -> tuple[float, str]:
    """How well two events' dates agree (a factor of the score) and that said in words."""
    edtf = doc.start.isoformat() if doc.start == doc.end else f"{doc.start}/{doc.end}"
    if (doc.start_day, doc.end_day) == (row.start_day, row.end_day):
        return 1.0, "same day" if doc.start == doc.end else f"same dates ({row.edtf})"
    inside = doc.start_day >= row.start_day and doc.end_day <= row.end_day
    if inside or (row.start_day >= doc.start_day and row.end_day <= doc.end_day):
        return 0.9, f"dates agree ({edtf} and {row.edtf})"
    if row.start_day <= doc.end_day and row.end_day >= doc.start_day:
        return 0.8, f"dates overlap ({edtf} and {row.edtf})"
    apart = max(row.start_day - doc.end_day, doc.start_day - row.end_day)
    return 0.7, f"{apart} day{'' if apart == 1 else 's'} apart ({row.edtf})"


def _entity_keys(name: str) -> set[str]:
    """What a typed entity name is compared by: case, apostrophe glyph and Uzbek script
    folded (Қозоғистон = Qozog'iston = QOZOGʻISTON), as a Russian word or an Uzbek one."""
    from uzkz_desktop.text import loose_fold

    return {loose_fold(name), loose_fold(name, "uz-Cyrl")}


def _resolve_entities(known: Sequence[EntityRow], names: Sequence[str]) -> list[int]:
    """The ids of the entities `names` stand for, in order; ValueError naming the unknown."""
    by_key: dict[str, set[int]] = {}
    labels = {}
    for entity in known:
        labels[entity.id] = f"{entity.name} ({entity.kind})"
        for alias in (entity.name, *entity.aliases):
            for key in _entity_keys(alias):
                by_key.setdefault(key, set()).add(entity.id)
    found: list[int] = []
    unknown: list[str] = []
    for name in names:
        matches = set().union(*(by_key.get(key, set()) for key in _entity_keys(name)))
        if not matches:
            unknown.append(name)
        elif len(matches) > 1:
            options = ", ".join(sorted(labels[i] for i in matches))
            raise ValueError(f"'{name}' could be any of {options}; use the full name")
        else:
            found.append(matches.pop())
    if unknown:
        listed = ", ".join(f"'{name}'" for name in unknown)
        raise ValueError(f"no person, place or organisation in the archive is called {listed}")
    return list(dict.fromkeys(found))
