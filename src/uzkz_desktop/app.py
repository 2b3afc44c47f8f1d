"""Composition root: where the user's archive lives, and opening it for the CLI and window.

The bundled `archive.db` is never modified by use: the first run copies it into the user's
data folder (platformdirs), and every later run works on that copy. `--archive PATH`
(or UZKZ_ARCHIVE) chooses another archive file; UZKZ_DATA_DIR moves the data folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uzkz_desktop.core.closing import Closing
from uzkz_desktop.core.errors import ArchiveError, SearchIndexError
from uzkz_desktop.core.paths import bundled_archive

if TYPE_CHECKING:
    # Everything heavier than the standard library loads on first use: the window paints
    # its first frame before it opens the archive (SQLite through sqlite_utils, NumPy),
    # and it needs search (Whoosh) and import (the date grammar, the gazetteer), a second
    # of imports between them, later still.
    from uzkz_desktop.archive.archive import Archive
    from uzkz_desktop.archive.models import EventDetail, SearchDocument
    from uzkz_desktop.archive.transaction import Transaction
    from uzkz_desktop.archive.undo import Batch, UndoStack
    from uzkz_desktop.ingest.categories import Category
    from uzkz_desktop.ingest.pipeline import Failed, Imported, Progress
    from uzkz_desktop.search.index import SearchIndex
    from uzkz_desktop.search.model import IndexDoc, SearchFilters, SearchResult
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


class Session(Closing):
    """An open archive with its search index: the services the window and the CLI share.

    The index is derived data beside the archive, stamped with the analyser version and
    the archive generation; when it is missing, stale or damaged it is rebuilt from the
    archive (with progress) the first time search is needed.
    """

    def __init__(self, archive: Archive, path: Path) -> None:
        self.archive = archive
        self.path = path
        self._index: SearchIndex | None = None

    @classmethod
    def open(cls, path: Path | None = None, *, readonly: bool = False) -> Session:
        from uzkz_desktop.archive.archive import Archive

        target = resolve_archive(path)
        return cls(Archive.open(target, readonly=readonly), target)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
        self.archive.close()

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

    # -- search --------------------------------------------------------------------------

    def stamp(self) -> str:
        from uzkz_desktop.search.index import index_version

        return f"{index_version()}|generation={self.archive.generation()}"

    def index(self, progress: Callable[[int, int], None] | None = None) -> SearchIndex:
        """The search index, rebuilt first when it is missing, stale or damaged."""
        stamp = self.stamp()
        if self._index is not None and self._index.stamp == stamp:
            return self._index
        if self._index is not None:
            self._index.close()
            self._index = None
        from uzkz_desktop.search.index import SearchIndex

        try:
            self._index = SearchIndex.open(index_dir(self.path), stamp=stamp)
        except SearchIndexError:
            self._index = self.reindex(progress)
        return self._index

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> SearchIndex:
        from uzkz_desktop.search.index import SearchIndex

        if self._index is not None:
            self._index.close()
            self._index = None
        documents = self.archive.search_documents()
        self._index = SearchIndex.rebuild(
            index_dir(self.path),
            (index_document(d) for d in documents),
            stamp=self.stamp(),
            total=len(documents),
            progress=progress,
        )
        return self._index

    def search(
        self, query: str, *, limit: int = 20, filters: SearchFilters | None = None
    ) -> SearchResult:
        return self.index().search(query, limit=limit, texts=self._texts, filters=filters)

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
        try:
            self.index()
        except SearchIndexError:
            self._index = None  # rebuilt from scratch the next time search is needed

    def refresh_index(self, event_ids: Iterable[int]) -> None:
        """Bring the index up to date after a write that touched these events."""
        ids = sorted(set(event_ids))
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
        self._index_if_current()
        with self.archive.transaction(actor=self.CURATOR, action=action) as tx:
            result = write(tx)
        self.refresh_index(result if isinstance(result, list) else touched)
        return result

    def _tag_events(self, tx: Transaction, name: str) -> list[int]:
        """Events carrying tag `name` or a tag below it (a rename or delete changes them)."""
        rows = tx._sql(
            "SELECT DISTINCT et.event_id FROM event_tags et JOIN tags t ON t.id = et.tag_id"
            " WHERE t.name = ? OR substr(t.name, 1, ?) = ? COLLATE NOCASE",
            (name, len(name) + 1, name + "/"),
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


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
