"""Archive: one SQLite file of sources, excerpts, events and their links.

    with Archive.open(path, create=True) as archive:
        with archive.transaction(actor="import", action="import 002.pdf") as tx:
            source_id = tx.add_source(...)
        rows = archive.events_between(date(2023, 1, 1), date(2023, 12, 31))

An Archive owns one connection; use it from one thread at a time. The app writes through
a Writer (one thread owns the write connection) and reads with its own Archives.

The timeline reads (events_between, event_ids_between, timeline_arrays, event_titles) answer
from a snapshot of the events table in memory (see _window), kept up to date with
`generation`, which every committed transaction bumps, in this process or not. It is loaded
by the first read of the whole table (timeline_arrays, event_titles: they cost as much as
loading it) or by the second window read: one window read alone (`uzkz events`) is one query.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database

from uzkz_desktop.core.closing import Closing
from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.core.errors import ArchiveError

from . import _window, connection, dump, migrations, queries, undo
from ._window import EventWindow
from .connection import DEFAULT_BUSY_TIMEOUT_MS, Check
from .models import (
    ArchiveStats,
    AuditEntry,
    EntityRow,
    EventDetail,
    EventRow,
    ExcerptRow,
    FigureConflict,
    FigureRow,
    SearchDocument,
    SourceDetail,
    SourceRow,
    TagRow,
    TimelineArrays,
)
from .offsets import OffsetMap
from .transaction import Transaction
from .undo import Batch

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Archive(Closing):
    """Open with Archive.open() or Archive.memory(); close with close() or a with block."""

    def __init__(self, db: Database, *, path: Path, readonly: bool, clock: Clock | None) -> None:
        self._db = db
        self.path = path
        self.readonly = readonly
        self._clock = clock or _utc_now
        self._events: _window.Columns | None = None  # the snapshot, see _snapshot()
        # conn.total_changes when the snapshot was last known to be complete: a change
        # made on this connection outside transaction() (not audited) forces a reload.
        self._changes_seen = -1
        self._read_a_window = False

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        create: bool = False,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        check: Check = "quick",
        clock: Clock | None = None,
    ) -> Archive:
        """Open an archive file, checking it first; migrate it when opened for writing.

        `create=True` makes a new archive when the file is missing (or empty). `check`
        runs PRAGMA quick_check (default), integrity_check ("full") or nothing ("none",
        for extra read connections of an archive already checked). Every problem raises
        ArchiveError with a message for the user; the file is never changed then.
        """
        path = Path(path)
        existed = path.exists()
        conn = connection.connect(
            path, readonly=readonly, create=create, busy_timeout_ms=busy_timeout_ms, check=check
        )
        try:
            archive = cls(
                Database(conn, execute_plugins=False), path=path, readonly=readonly, clock=clock
            )
            archive._prepare(create=create)
        except BaseException as exc:
            conn.close()
            if create and not existed:
                _remove_new_file(path)
            if isinstance(exc, sqlite3.Error):
                connection.reraise(exc, path)
            raise
        return archive

    @classmethod
    def memory(cls, *, clock: Clock | None = None) -> Archive:
        """A new empty archive in memory (tests, previews)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        archive = cls(
            Database(conn, execute_plugins=False),
            path=Path(":memory:"),
            readonly=False,
            clock=clock,
        )
        archive._prepare(create=True)
        return archive

    def _prepare(self, *, create: bool) -> None:
        version = migrations.check_compatible(self._db, self.path)
        if version == 0 and not create:
            raise connection.not_an_archive(self.path, "it is an empty database")
        if self.readonly:
            if version < len(migrations.MIGRATIONS):
                raise ArchiveError(
                    f"{self.path} was written by an older version of uzkz; open it once"
                    " without read-only so that it can be upgraded"
                )
            return
        # WAL: readers never block the writer nor the writer readers. NORMAL is safe in WAL
        # mode (a crash never corrupts; a power cut may lose the last commits).
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        # A big import grows the -wal file; without a limit it keeps that size on disk.
        self._db.execute("PRAGMA journal_size_limit = 67108864")
        migrations.migrate(self._db, path=self.path, now=self._now())

    def close(self) -> None:
        self._events = None
        self._db.close()

    def _now(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, actor: str, action: str) -> Iterator[Transaction]:
        """One user action: BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

        `actor` is who acts ("curator", "import"), `action` what they did, in words
        ("tag 3 events energy"); both go to every audit row of the batch.
        """
        if self.readonly:
            raise ArchiveError(
                f"{self.path} was opened read-only; open it again without read-only to change it"
            )
        if self._conn.in_transaction:
            raise ArchiveError("a transaction is already open on this archive (they do not nest)")
        changes_before = self._conn.total_changes
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            connection.reraise(exc, self.path)
        tx: Transaction | None = None
        try:
            tx = Transaction(
                self._db,
                path=self.path,
                actor=actor,
                action=action,
                batch_id=self.generation() + 1,
                now=self._now(),
            )
            yield tx
            tx._finish()
            self._db.execute("COMMIT")
        except BaseException as exc:
            self._db.rollback()  # a no-op when SQLite already rolled back (e.g. disk full)
            if isinstance(exc, sqlite3.Error):
                connection.reraise(exc, self.path)
            raise
        finally:
            if tx is not None:
                tx.closed = True
            # What a Transaction writes is audited and bumps the generation: the snapshot
            # follows it from the audit log, it need not reload.
            if self._changes_seen == changes_before:
                self._changes_seen = self._conn.total_changes

    # -- reading -------------------------------------------------------------------------------

    def generation(self) -> int:
        """Bumped by every committed transaction that changed something."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0])

    def meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def schema_version(self) -> int:
        return migrations.schema_version(self._db)

    def check_integrity(self, *, full: bool = True) -> None:
        """Raise ArchiveError if PRAGMA integrity_check (or quick_check) finds a problem."""
        connection.integrity_check(self._conn, self.path, full=full)

    def events_between(
        self,
        start: date,
        end: date,
        *,
        categories: Iterable[str] | None = None,
        tags: Iterable[str] | None = None,
        include_candidates: bool = False,
    ) -> EventWindow:
        """Events whose span overlaps [start, end] (both inclusive), in timeline order.

        Only accepted events unless include_candidates; never rejected or trashed ones.
        `tags` keeps events with any of the tags or a tag below them ('energy' matches
        'energy/electricity'); `categories` keeps events in any of them.

        The EventWindow is a sequence of EventRow that builds rows as they are read (its
        `ids` need none). It comes from the in-memory snapshot of the events: under a
        millisecond for a one-year window at 100k events, once the snapshot is loaded.
        """
        q_start, q_end = start.toordinal(), end.toordinal()
        if q_end < q_start:
            raise ValueError(f"window ends before it starts: {start} > {end}")
        load, self._read_a_window = self._read_a_window, True
        with self._snapshot(load=load) as events:
            if events is None:  # in a transaction, or a first window read: ask the tables
                rows = queries.window_tuples(
                    self._conn, _window.ROW_COLUMNS, start, end,
                    categories=categories, tags=tags, include_candidates=include_candidates,
                )  # fmt: skip
                return _window.from_rows(rows).everything()
            tag_events = None
            if tags is not None:
                tag_ids = tuple(queries.tag_ids(self._conn, tags))
                tag_events = events.tag_events.get(tag_ids)
                if tag_events is None:
                    tag_events = queries.tag_event_ids(self._conn, tag_ids)
                    events.tag_events[tag_ids] = tag_events
            return events.window(
                q_start,
                q_end,
                include_candidates=include_candidates,
                categories=categories,
                tag_events=tag_events,
            )

    def event_ids_between(
        self,
        start: date,
        end: date,
        *,
        categories: Iterable[str] | None = None,
        tags: Iterable[str] | None = None,
        include_candidates: bool = False,
    ) -> array[int]:
        """The ids events_between would return, without building rows.
        For the search filter (allowed ids) and for painting from timeline_arrays."""
        window = self.events_between(
            start, end, categories=categories, tags=tags, include_candidates=include_candidates
        )
        return window.ids_array()

    @contextmanager
    def _snapshot(self, *, load: bool = True) -> Iterator[_window.Columns | None]:
        """The events snapshot, brought up to date, inside a read transaction so that what
        else the caller reads agrees with it. None inside a write transaction, whose
        uncommitted changes only the tables show, and when there is no snapshot yet and
        `load` is false."""
        conn = self._conn
        if conn.in_transaction or (self._events is None and not load):
            yield None
            return
        conn.execute("BEGIN")
        try:
            yield self._current_events()
        except BaseException:
            conn.rollback()
            raise
        conn.execute("COMMIT")  # ends the read transaction (nothing to commit)

    def _current_events(self) -> _window.Columns:
        conn = self._conn
        generation = self.generation()
        events = self._events
        if (
            events is not None
            and events.generation == generation
            and conn.total_changes == self._changes_seen
        ):
            return events
        changes = conn.total_changes
        if events is None or changes != self._changes_seen:
            events = _window.load(conn, generation)
        else:
            events = self._patched(events, generation)
        self._events, self._changes_seen = events, changes
        return events

    def _patched(self, events: _window.Columns, generation: int) -> _window.Columns:
        """The snapshot at `generation`: the events that the audit rows of the batches
        since its own generation name, fetched again; all events when that is not safe."""
        if events.generation < 1 or generation < events.generation:
            # Bulk builds (synth, bench.fill) write batch 1 without audit rows; a lower
            # generation means another file (a restored copy) took this one's place.
            return _window.load(self._conn, generation)
        limit = min(_window.PATCH_LIMIT, max(1000, len(events) // 10))
        changed = [
            row[0]
            for row in self._conn.execute(
                "SELECT DISTINCT row_id FROM audit_log"
                " WHERE batch_id > ? AND table_name = 'events' LIMIT ?",
                (events.generation, limit + 1),
            )
        ]
        max_id = int(self._conn.execute("SELECT ifnull(max(id), 0) FROM events").fetchone()[0])
        if len(changed) > limit or max_id > max([events.max_id, *changed]):
            return _window.load(self._conn, generation)  # many changes, or unaudited inserts
        rows = queries.event_tuples(self._conn, _window.ROW_COLUMNS, changed)
        return events.patched(rows, np.array(changed, np.int64), generation, max_id)

    def events_by_id(self, ids: Sequence[int]) -> list[EventRow]:
        """Events not in the trash, in the order of `ids` (e.g. search hits); others skipped."""
        return queries.events_by_id(self._conn, ids)

    def search_documents(self, event_ids: Sequence[int] | None = None) -> list[SearchDocument]:
        """Events as the search index takes them (all, or these ids); see queries."""
        return queries.search_documents(self._conn, event_ids)

    def event_titles(self) -> dict[int, str]:
        """English titles of all events not in the trash (for timeline labels), by id."""
        with self._snapshot() as events:
            if events is None:
                sql = "SELECT id, title_en FROM events WHERE deleted_at IS NULL ORDER BY id"
                return dict(self._conn.execute(sql).fetchall())
            return events.titles()

    def trashed_events(self) -> list[EventRow]:
        return queries.trashed_events(self._conn)

    def event(self, event_id: int) -> EventDetail:
        """Everything about one event (also when it is in the trash)."""
        row = self._conn.execute(
            f"SELECT {queries.EVENT_COLUMNS}, slug, date_text, summary, notes, created_at,"
            " updated_at, deleted_at, end_precision, approximate, uncertain FROM events"
            " WHERE id = ?",
            (event_id,),
        ).fetchone()
        if row is None:
            raise ArchiveError(f"there is no event {event_id} in {self.path}")
        event = queries.event_row(row)
        (slug, date_text, summary, notes, created, updated, deleted, end_precision,
         approximate, uncertain) = row[len(row) - 10 :]  # fmt: skip
        span = DateSpan(
            event.start,
            event.end,
            event.precision,
            approximate=approximate == 1,
            uncertain=uncertain == 1,
            end_precision=Precision(end_precision) if end_precision else None,
        )
        return EventDetail(
            event=event,
            span=span,
            slug=slug,
            date_text=date_text,
            summary=summary,
            notes=notes,
            created_at=created,
            updated_at=updated,
            deleted_at=deleted,
            excerpts=tuple(queries.event_excerpts(self._conn, event_id)),
            tags=tuple(queries.event_tags(self._conn, event_id)),
            entities=tuple(queries.event_entities(self._conn, event_id)),
            figures=tuple(queries.figures(self._conn, "f.event_id = ?", (event_id,))),
            history=tuple(queries.event_history(self._conn, event_id)),
        )

    def timeline_arrays(self, *, include_candidates: bool = False) -> TimelineArrays:
        """All events (not rejected, not trashed) as columns, in timeline order."""
        with self._snapshot() as events:
            if events is None:
                return queries.timeline_arrays(self._conn, include_candidates=include_candidates)
            return events.timeline_arrays(include_candidates=include_candidates)

    def month_counts(
        self, start: date, end: date, *, include_candidates: bool = False
    ) -> list[tuple[str, int]]:
        """[("2023-01", 12), ...] for every month from start to end: events touching it."""
        return queries.month_counts(self._conn, start, end, include_candidates=include_candidates)

    def tags_with_counts(self) -> list[TagRow]:
        return queries.tags_with_counts(self._conn)

    def tag_filter_ids(
        self, include: Iterable[str] = (), exclude: Iterable[str] = (), all_tags: bool = False
    ) -> npt.NDArray[np.int64]:
        """Sorted ids of the events (not in the trash) that pass a tag filter.

        An event passes when it carries any of `include` (every one of them with
        `all_tags`; no `include`: every event passes) and none of `exclude`. A tag stands
        for itself and the tags below it: `energy` is carried by an event tagged
        `energy/electricity`. For the timeline, which keeps the ids it may draw.
        """
        include, exclude = list(include), list(exclude)
        conn = self._conn
        with self._read():
            if include:
                sets = [queries.tag_event_ids(conn, queries.tag_ids(conn, [t])) for t in include]
                if all_tags:
                    passing = functools.reduce(np.intersect1d, sets)
                else:
                    passing = np.unique(np.concatenate(sets))
            else:
                rows = conn.execute("SELECT id FROM events WHERE deleted_at IS NULL").fetchall()
                passing = np.array([r[0] for r in rows], dtype=np.int64)
            if exclude:
                excluded = queries.tag_event_ids(conn, queries.tag_ids(conn, exclude))
                passing = np.setdiff1d(passing, excluded, assume_unique=True)
            if include:
                trashed = queries.trashed_event_ids(conn)
                passing = np.setdiff1d(passing, trashed, assume_unique=True)
        return np.sort(passing).astype(np.int64)

    @contextmanager
    def _read(self) -> Iterator[None]:
        """One read transaction (its reads agree with each other); none needed inside a
        write transaction, which sees its own changes."""
        conn = self._conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")  # ends the read transaction (nothing to commit)

    def entities(self) -> list[EntityRow]:
        """Every person, place and organisation, by kind and name."""
        return queries.entities(self._conn)

    def entity_event_counts(self, names: Iterable[str]) -> dict[str, int]:
        """How many events (not in the trash) name each of these entities (by name)."""
        return queries.entity_event_counts(self._conn, list(names))

    def candidates(self) -> list[EventRow]:
        """The review queue: candidates not in the trash, in their sources' order."""
        return queries.candidates(self._conn)

    def sources(self) -> list[SourceRow]:
        return queries.sources(self._conn)

    def source_by_sha256(self, sha256: str) -> SourceRow | None:
        """The source imported from a file with this digest, if any (to skip re-imports)."""
        found = queries.sources(self._conn, "s.sha256 = ?", (sha256,))
        return found[0] if found else None

    def source(self, source_id: int) -> SourceDetail:
        found = queries.sources(self._conn, "s.id = ?", (source_id,))
        if not found:
            raise ArchiveError(f"there is no source {source_id} in {self.path}")
        original, cleaned, pages, offsets, notes = self._conn.execute(
            "SELECT original_text, cleaned_text, page_map, offset_map, notes FROM sources"
            " WHERE id = ?",
            (source_id,),
        ).fetchone()
        return SourceDetail(
            row=found[0],
            original_text=original,
            cleaned_text=cleaned,
            page_map=tuple((offset, label) for offset, label in json.loads(pages)),
            offset_map=OffsetMap.from_json(offsets),
            notes=json.loads(notes),
        )

    def excerpt(self, excerpt_id: int) -> ExcerptRow:
        found = queries.excerpt(self._conn, excerpt_id)
        if found is None:
            raise ArchiveError(f"there is no excerpt {excerpt_id} in {self.path}")
        return found

    def tags_of_events(self, event_ids: Sequence[int]) -> dict[int, list[str]]:
        """The tags of many events at once (the tag editor on a selection of 1,000)."""
        return queries.tags_of_events(self._conn, list(event_ids))

    def excerpt_tags(self, excerpt_id: int) -> list[str]:
        """The tags of one excerpt (a sentence), by name."""
        return queries.excerpt_tags(self._conn, excerpt_id)

    def excerpt_events(self, excerpt_ids: Sequence[int]) -> list[int]:
        """The events these excerpts attest, sorted."""
        return queries.excerpt_events(self._conn, excerpt_ids) if excerpt_ids else []

    def source_excerpts(self, source_id: int) -> list[ExcerptRow]:
        return queries.source_excerpts(self._conn, source_id)

    def figures_for(self, what: str, period: DateSpan | str | None = None) -> list[FigureRow]:
        """Every figure stated for `what` (in `period`, an EDTF string or DateSpan)."""
        if period is None:
            return queries.figures(self._conn, "f.what = ?", (what,))
        edtf = period.edtf if isinstance(period, DateSpan) else period
        return queries.figures(self._conn, "f.what = ? AND f.period = ?", (what, edtf))

    def conflicting_figures(self) -> list[FigureConflict]:
        """Groups of figures for the same what and period whose values (or units) differ."""
        return queries.conflicting_figures(self._conn)

    def stats(self) -> ArchiveStats:
        def count(sql: str) -> int:
            return int(self._conn.execute(sql).fetchone()[0])

        by_status = dict(
            self._conn.execute(
                "SELECT status, count(*) FROM events WHERE deleted_at IS NULL GROUP BY status"
            ).fetchall()
        )
        first, last = self._conn.execute(
            "SELECT min(start_date), max(end_date) FROM events WHERE deleted_at IS NULL"
        ).fetchone()
        return ArchiveStats(
            schema_version=self.schema_version(),
            generation=self.generation(),
            sources=count("SELECT count(*) FROM sources"),
            excerpts=count("SELECT count(*) FROM excerpts"),
            events=sum(by_status.values()),
            accepted=by_status.get("accepted", 0),
            candidates=by_status.get("candidate", 0),
            rejected=by_status.get("rejected", 0),
            trashed=count("SELECT count(*) FROM events WHERE deleted_at IS NOT NULL"),
            tags=count("SELECT count(*) FROM tags"),
            entities=count("SELECT count(*) FROM entities"),
            figures=count("SELECT count(*) FROM figures"),
            first_day=date.fromisoformat(first) if first else None,
            last_day=date.fromisoformat(last) if last else None,
        )

    def canonical_dump(self) -> str:
        """All content as sorted text without ids or timestamps: two builds from the same
        inputs give the same dump."""
        return dump.canonical_dump(self._conn)

    # -- history (undo lives in undo.py) ------------------------------------------------------

    def history(self, limit: int | None = 50, *, actor: str | None = None) -> list[Batch]:
        """Recorded batches (one per user action), newest first: id, at, actor, action."""
        return undo.batches(self._conn, limit=limit, actor=actor)

    def event_history(self, event_id: int) -> list[AuditEntry]:
        """The audit rows naming one event (its fields, tags, excerpts, entities), oldest first."""
        return queries.event_history(self._conn, event_id)


def _remove_new_file(path: Path) -> None:
    """Undo the creation of a file this call created (never called for existing files)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
