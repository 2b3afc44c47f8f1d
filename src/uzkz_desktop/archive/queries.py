"""Read queries. Plain SQL returning tuples (5x cheaper than dicts at timeline sizes), turned
into frozen rows. Used by Archive for reading and by Transaction for its checks."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from uzkz_desktop.core.dates import Precision

from .models import (
    PRECISION_CODES,
    STATUS_CODES,
    AuditEntry,
    EntityKind,
    EntityRow,
    EventRow,
    EventStatus,
    ExcerptRow,
    FigureConflict,
    FigureRow,
    SearchDocument,
    SourceRow,
    TagRow,
    TimelineArrays,
    normalize_tag,
)

# Spans up to this many days are "short"; see the events_long index.
LONG_SPAN_DAYS = 366

_PRECISIONS = {p.value: p for p in Precision}
_STATUSES = {s.value: s for s in EventStatus}

# The columns of EventRow, all in the events_timeline index.
EVENT_COLUMNS = (
    "id, title_en, title_uz, start_day, end_day, precision, edtf, category, status, verified"
)

_EXCERPT_SELECT = """
    SELECT x.id, x.source_id, s.key, s.title, s.author, s.publication, s.issued, x.page, x.text,
           x.language, x.date_text, x.char_start, x.char_end, x.clean_start, x.clean_end
    FROM excerpts x JOIN sources s ON s.id = x.source_id
"""

_FIGURE_SELECT = """
    SELECT f.id, f.what, f.value, f.unit, f.period, f.period_start, f.period_end, f.excerpt_id,
           f.event_id, s.key, x.page, x.text
    FROM figures f JOIN excerpts x ON x.id = f.excerpt_id JOIN sources s ON s.id = x.source_id
"""

_SOURCE_SELECT = """
    SELECT s.id, s.key, s.file_name, s.title, s.title_en, s.author, s.publication, s.issued,
           s.year, s.languages, s.format, s.sha256, s.imported_at,
           (SELECT count(*) FROM excerpts x WHERE x.source_id = s.id)
    FROM sources s
"""

# Rows come back with day numbers; the same few thousand days recur across queries.
_day_to_date = lru_cache(maxsize=65536)(date.fromordinal)
_new = object.__new__
_set_attribute = object.__setattr__


def event_row(r: Sequence[Any]) -> EventRow:
    # A window query builds thousands of rows, and the generated __init__ of a frozen
    # dataclass pays one object.__setattr__ per field: more than half the query's time.
    # Setting the instance dict in one step builds the same frozen row 3x faster.
    row = _new(EventRow)
    _set_attribute(
        row,
        "__dict__",
        {
            "id": r[0], "title_en": r[1], "title_uz": r[2],
            "start": _day_to_date(r[3]), "end": _day_to_date(r[4]),
            "precision": _PRECISIONS[r[5]], "edtf": r[6], "category": r[7],
            "status": _STATUSES[r[8]], "verified": r[9] == 1,
        },
    )  # fmt: skip
    return row


def excerpt_row(r: Sequence[Any]) -> ExcerptRow:
    return ExcerptRow(*r)


def figure_row(r: Sequence[Any]) -> FigureRow:
    return FigureRow(
        r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), date.fromisoformat(r[6]),
        r[7], r[8], r[9], r[10], r[11],
    )  # fmt: skip


def source_row(r: Sequence[Any]) -> SourceRow:
    return SourceRow(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], tuple(json.loads(r[9])),
        r[10], r[11], r[12], r[13],
    )  # fmt: skip


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _statuses(include_candidates: bool) -> tuple[str, ...]:
    if include_candidates:
        return (EventStatus.ACCEPTED.value, EventStatus.CANDIDATE.value)
    return (EventStatus.ACCEPTED.value,)


def tag_ids(conn: sqlite3.Connection, names: Iterable[str]) -> list[int]:
    """Ids of the named tags and of all tags below them ('energy' takes 'energy/oil')."""
    ids: list[int] = []
    for name in map(normalize_tag, names):
        rows = conn.execute(
            "SELECT id FROM tags WHERE name = ? OR substr(name, 1, ?) = ? COLLATE NOCASE",
            (name, len(name) + 1, name + "/"),
        )
        ids.extend(row[0] for row in rows)
    return sorted(set(ids))


def _event_filters(
    conn: sqlite3.Connection,
    *,
    include_candidates: bool,
    categories: Iterable[str] | None,
    tags: Iterable[str] | None,
) -> tuple[str, list[object]]:
    statuses = _statuses(include_candidates)
    sql = f" AND status IN ({_placeholders(statuses)})"
    params: list[object] = list(statuses)
    if categories is not None:
        cats = list(categories)
        sql += f" AND category IN ({_placeholders(cats)})"
        params += cats
    if tags is not None:
        ids = tag_ids(conn, tags)
        sql += (
            f" AND id IN (SELECT event_id FROM event_tags WHERE tag_id IN ({_placeholders(ids)}))"
        )
        params += ids
    return sql, params


def _window(
    conn: sqlite3.Connection,
    columns: str,
    start: date,
    end: date,
    *,
    categories: Iterable[str] | None,
    tags: Iterable[str] | None,
    include_candidates: bool,
) -> sqlite3.Cursor | None:
    """Rows of events overlapping [start, end] in timeline order; None when none can match."""
    q_start, q_end = start.toordinal(), end.toordinal()
    if q_end < q_start:
        raise ValueError(f"window ends before it starts: {start} > {end}")
    if categories is not None:
        categories = list(categories)
        if not categories:
            # Nothing can match; and SQLite finds no plan for 'IN ()' under INDEXED BY.
            return None
    filters, params = _event_filters(
        conn, include_candidates=include_candidates, categories=categories, tags=tags
    )
    # Overlap is start_day <= q_end AND end_day >= q_start. A short event that overlaps
    # must start after q_start - LONG_SPAN_DAYS, which bounds the index range scanned;
    # long events come from their own small partial index.
    sql = f"""
        SELECT {columns} FROM events
        WHERE deleted_at IS NULL AND start_day BETWEEN ? AND ? AND end_day >= ?
          AND end_day - start_day <= {LONG_SPAN_DAYS} {filters}
        UNION ALL
        SELECT {columns} FROM events INDEXED BY events_long
        WHERE deleted_at IS NULL AND end_day - start_day > {LONG_SPAN_DAYS}
          AND end_day >= ? AND start_day <= ? {filters}
        ORDER BY start_day, end_day, id
    """
    args = [q_start - LONG_SPAN_DAYS, q_end, q_start, *params, q_start, q_end, *params]
    return conn.execute(sql, args)


def events_between(
    conn: sqlite3.Connection,
    start: date,
    end: date,
    *,
    categories: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    include_candidates: bool = False,
) -> list[EventRow]:
    rows = _window(
        conn, EVENT_COLUMNS, start, end,
        categories=categories, tags=tags, include_candidates=include_candidates,
    )  # fmt: skip
    return [] if rows is None else [event_row(r) for r in rows]


def window_tuples(
    conn: sqlite3.Connection,
    columns: str,
    start: date,
    end: date,
    *,
    categories: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    include_candidates: bool = False,
) -> list[tuple[Any, ...]]:
    """The `columns` of the events events_between selects, in its order, read from the
    tables (Archive uses its snapshot instead, except inside a transaction)."""
    rows = _window(
        conn, columns, start, end,
        categories=categories, tags=tags, include_candidates=include_candidates,
    )  # fmt: skip
    return [] if rows is None else rows.fetchall()


def event_tuples(conn: sqlite3.Connection, columns: str, ids: Sequence[int]) -> list[Any]:
    """The `columns` of the events with these ids that are not in the trash, in no order."""
    found: list[Any] = []
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = list(ids[i : i + 500])
        sql = (
            f"SELECT {columns} FROM events"
            f" WHERE deleted_at IS NULL AND id IN ({_placeholders(chunk)})"
        )
        found += conn.execute(sql, chunk).fetchall()
    return found


def tag_event_ids(conn: sqlite3.Connection, tag_ids: Sequence[int]) -> npt.NDArray[np.int64]:
    """Sorted ids of the events (trashed ones too) carrying any of these tags.

    One aggregated value instead of a row per link: 'energy' is on ~10% of the events.
    """
    if not tag_ids:
        return np.zeros(0, np.int64)
    (joined,) = conn.execute(
        f"SELECT group_concat(event_id) FROM event_tags WHERE tag_id IN ({_placeholders(tag_ids)})",
        list(tag_ids),
    ).fetchone()
    found = np.fromstring(joined or "", dtype=np.int64, sep=",")
    return np.unique(found)


def events_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[EventRow]:
    """The events with these ids that are not in the trash, in the order given."""
    found: dict[int, EventRow] = {}
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = list(ids[i : i + 500])
        sql = (
            f"SELECT {EVENT_COLUMNS} FROM events"
            f" WHERE deleted_at IS NULL AND id IN ({_placeholders(chunk)})"
        )
        found.update((r[0], event_row(r)) for r in conn.execute(sql, chunk))
    return [found[i] for i in ids if i in found]


def trashed_event_ids(conn: sqlite3.Connection) -> npt.NDArray[np.int64]:
    """Sorted ids of the events in the trash (few: read through their partial index)."""
    rows = conn.execute(
        "SELECT id FROM events INDEXED BY events_trashed WHERE deleted_at IS NOT NULL ORDER BY id"
    ).fetchall()
    return np.array([r[0] for r in rows], dtype=np.int64)


def trashed_events(conn: sqlite3.Connection) -> list[EventRow]:
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM events INDEXED BY events_trashed"
        " WHERE deleted_at IS NOT NULL ORDER BY deleted_at, id"
    )
    return [event_row(r) for r in conn.execute(sql)]


def candidates(conn: sqlite3.Connection) -> list[EventRow]:
    """Candidates not in the trash, in the order their sources tell them: by source (in
    the order imported), then by where the first excerpt stands in it; events without
    excerpts come last, by date."""
    sql = f"""
        SELECT {EVENT_COLUMNS},
               (SELECT printf('%012d %012d', x.source_id, x.clean_start)
                FROM event_excerpts ee JOIN excerpts x ON x.id = ee.excerpt_id
                WHERE ee.event_id = events.id ORDER BY x.source_id, x.clean_start LIMIT 1)
               AS place
        FROM events WHERE status = 'candidate' AND deleted_at IS NULL
        ORDER BY place IS NULL, place, start_day, end_day, id
    """
    return [event_row(r) for r in conn.execute(sql)]


def event_excerpts(conn: sqlite3.Connection, event_id: int) -> list[ExcerptRow]:
    sql = (
        f"{_EXCERPT_SELECT} JOIN event_excerpts ee ON ee.excerpt_id = x.id"
        " WHERE ee.event_id = ? ORDER BY s.key, x.clean_start, x.id"
    )
    return [excerpt_row(r) for r in conn.execute(sql, (event_id,))]


def excerpt(conn: sqlite3.Connection, excerpt_id: int) -> ExcerptRow | None:
    row = conn.execute(f"{_EXCERPT_SELECT} WHERE x.id = ?", (excerpt_id,)).fetchone()
    return excerpt_row(row) if row else None


def source_excerpts(conn: sqlite3.Connection, source_id: int) -> list[ExcerptRow]:
    sql = f"{_EXCERPT_SELECT} WHERE x.source_id = ? ORDER BY x.clean_start, x.clean_end"
    return [excerpt_row(r) for r in conn.execute(sql, (source_id,))]


def event_tags(conn: sqlite3.Connection, event_id: int) -> list[str]:
    sql = (
        "SELECT t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id"
        " WHERE et.event_id = ? ORDER BY t.name"
    )
    return [r[0] for r in conn.execute(sql, (event_id,))]


def tags_of_events(conn: sqlite3.Connection, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each event's tags by name (events without tags left out), in one query."""
    out: dict[int, list[str]] = {}
    for start in range(0, len(event_ids), 900):  # SQLite's variable limit, with room
        chunk = list(event_ids[start : start + 900])
        sql = (
            "SELECT et.event_id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id"
            f" WHERE et.event_id IN ({_placeholders(chunk)}) ORDER BY et.event_id, t.name"
        )
        for event_id, name in conn.execute(sql, chunk):
            out.setdefault(int(event_id), []).append(str(name))
    return out


def excerpt_tags(conn: sqlite3.Connection, excerpt_id: int) -> list[str]:
    sql = (
        "SELECT t.name FROM excerpt_tags xt JOIN tags t ON t.id = xt.tag_id"
        " WHERE xt.excerpt_id = ? ORDER BY t.name"
    )
    return [r[0] for r in conn.execute(sql, (excerpt_id,))]


def excerpt_events(conn: sqlite3.Connection, excerpt_ids: Sequence[int]) -> list[int]:
    """The events the excerpts attest."""
    sql = (
        "SELECT DISTINCT event_id FROM event_excerpts"
        f" WHERE excerpt_id IN ({_placeholders(excerpt_ids)}) ORDER BY event_id"
    )
    return [int(r[0]) for r in conn.execute(sql, list(excerpt_ids))]


def entity_row(r: Sequence[Any]) -> EntityRow:
    return EntityRow(r[0], r[1], EntityKind(r[2]), tuple(json.loads(r[3])))


def entities(conn: sqlite3.Connection) -> list[EntityRow]:
    sql = "SELECT id, name, kind, aliases FROM entities ORDER BY kind, name, id"
    return [entity_row(r) for r in conn.execute(sql)]


def entity_event_counts(conn: sqlite3.Connection, names: Sequence[str]) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    if not names:
        return counts
    sql = (
        "SELECT n.name, count(DISTINCT e.id) FROM entities n"
        " JOIN event_entities ee ON ee.entity_id = n.id"
        " JOIN events e ON e.id = ee.event_id AND e.deleted_at IS NULL"
        f" WHERE n.name IN ({_placeholders(names)}) GROUP BY n.name"
    )
    counts.update(conn.execute(sql, list(names)).fetchall())
    return counts


def event_entities(conn: sqlite3.Connection, event_id: int) -> list[EntityRow]:
    sql = (
        "SELECT n.id, n.name, n.kind, n.aliases FROM event_entities ee"
        " JOIN entities n ON n.id = ee.entity_id WHERE ee.event_id = ? ORDER BY n.kind, n.name"
    )
    return [entity_row(r) for r in conn.execute(sql, (event_id,))]


def figures(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[FigureRow]:
    sql = (
        f"{_FIGURE_SELECT} WHERE {where} ORDER BY f.what, f.period_start, f.period, f.value, s.key"
    )
    return [figure_row(r) for r in conn.execute(sql, params)]


def conflicting_figures(conn: sqlite3.Connection) -> list[FigureConflict]:
    # Claims conflict when they measure the same thing, for the same period, in the same
    # unit, and disagree: "15%" and "1.4 mn m³" of the same earthworks are two facts.
    groups = conn.execute(
        "SELECT what, period, unit FROM figures GROUP BY what, period, unit"
        " HAVING count(DISTINCT value) > 1 ORDER BY what, period, unit"
    ).fetchall()
    where = "f.what = ? AND f.period = ? AND f.unit = ?"
    return [
        FigureConflict(what, period, tuple(figures(conn, where, (what, period, unit))))
        for what, period, unit in groups
    ]


# The link tables record the event's id as row_id, so one lookup gives an event's history.
_EVENT_HISTORY_TABLES = ("events", "event_tags", "event_excerpts", "event_entities")


def event_history(conn: sqlite3.Connection, event_id: int) -> list[AuditEntry]:
    tables = _placeholders(_EVENT_HISTORY_TABLES)
    sql = (
        "SELECT id, batch_id, at, actor, action, op, table_name, row_id, before, after"
        f" FROM audit_log WHERE row_id = ? AND table_name IN ({tables}) ORDER BY id"
    )
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _loads(r[8]), _loads(r[9]))
        for r in conn.execute(sql, (event_id, *_EVENT_HISTORY_TABLES))
    ]


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _code(column: str, codes: dict[str, int]) -> str:
    """SQL mapping a text column to small ints: cheaper than a Python str per row."""
    whens = " ".join(f"WHEN '{text}' THEN {code}" for text, code in codes.items())
    return f"CASE {column} {whens} END"


_PRECISION_SQL = _code("precision", {p.value: code for p, code in PRECISION_CODES.items()})
_STATUS_SQL = _code("status", {s.value: code for s, code in STATUS_CODES.items()})


def timeline_arrays(conn: sqlite3.Connection, *, include_candidates: bool) -> TimelineArrays:
    # A covering scan of events_timeline; at 1M events the cost is the Python side of
    # fetching ~1M rows (about 3 s here). Archive answers from its snapshot (_window) and
    # reads this only inside a transaction, whose uncommitted changes the snapshot lacks.
    statuses = _statuses(include_candidates)
    rows = conn.execute(
        f"SELECT id, start_day, end_day, {_PRECISION_SQL}, {_STATUS_SQL}, category FROM events"
        f" WHERE deleted_at IS NULL AND status IN ({_placeholders(statuses)})"
        " ORDER BY start_day, end_day, id",
        statuses,
    ).fetchall()
    if not rows:
        empty = array("i")
        return TimelineArrays(empty, empty, empty, empty, empty, empty, categories=())
    ids, starts, ends, precisions, status, cats = zip(*rows, strict=True)
    categories = tuple(sorted(set(cats)))
    category_code = {name: code for code, name in enumerate(categories)}
    return TimelineArrays(
        ids=array("i", ids),
        start_day=array("i", starts),
        end_day=array("i", ends),
        precision=array("i", precisions),
        category=array("i", map(category_code.__getitem__, cats)),
        status=array("i", status),
        categories=categories,
    )


def month_counts(
    conn: sqlite3.Connection, start: date, end: date, *, include_candidates: bool
) -> list[tuple[str, int]]:
    """Events touching each month from start's month to end's month, zeros included.

    event_month_deltas (kept by triggers) holds +1 where spans begin and -1 after they end;
    the count for a month is the running sum up to it: a few hundred rows at any size.
    """
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    statuses = _statuses(include_candidates)
    deltas = conn.execute(
        "SELECT month, sum(delta) FROM event_month_deltas"
        f" WHERE month <= ? AND status IN ({_placeholders(statuses)})"
        " GROUP BY month ORDER BY month",
        (last, *statuses),
    ).fetchall()
    running, counts, i = 0, [], 0
    for month in range(first, last + 1):
        while i < len(deltas) and deltas[i][0] <= month:
            running += deltas[i][1]
            i += 1
        counts.append((f"{month // 12:04d}-{month % 12 + 1:02d}", running))
    return counts


def tags_with_counts(conn: sqlite3.Connection) -> list[TagRow]:
    # Count all links from the (tag_id, ...) indexes, then subtract the trashed events'
    # few links, found through the events_trashed index: joining every link to its
    # event to look at deleted_at is ten times slower at 100k events.
    def counts(sql: str) -> dict[int, int]:
        return dict(conn.execute(sql).fetchall())

    events = counts("SELECT tag_id, count(*) FROM event_tags GROUP BY tag_id")
    trashed = counts(
        "SELECT et.tag_id, count(*) FROM events e INDEXED BY events_trashed"
        " JOIN event_tags et ON et.event_id = e.id WHERE e.deleted_at IS NOT NULL"
        " GROUP BY et.tag_id"
    )
    excerpts = counts("SELECT tag_id, count(*) FROM excerpt_tags GROUP BY tag_id")
    rows = conn.execute(
        "SELECT id, name, color, parent_id, shortcut FROM tags ORDER BY name COLLATE NOCASE"
    ).fetchall()
    return [
        TagRow(
            i, name, color, parent, events.get(i, 0) - trashed.get(i, 0), excerpts.get(i, 0), key
        )
        for i, name, color, parent, key in rows
    ]


def sources(
    conn: sqlite3.Connection, where: str = "1", params: Sequence[object] = ()
) -> list[SourceRow]:
    return [
        source_row(r)
        for r in conn.execute(f"{_SOURCE_SELECT} WHERE {where} ORDER BY s.key", params)
    ]


def search_documents(
    conn: sqlite3.Connection, event_ids: Sequence[int] | None = None
) -> list[SearchDocument]:
    """Everything the search index needs about events, in four set queries, not per event.

    Trashed and rejected events are left out: search finds what the archive stands by and
    what awaits review.
    """
    where, params = "e.deleted_at IS NULL AND e.status != 'rejected'", []
    if event_ids is not None:
        where += f" AND e.id IN ({_placeholders(event_ids)})"
        params = list(event_ids)
    events = conn.execute(
        "SELECT e.id, e.title_en, e.title_uz, e.category, e.start_day, e.end_day,"
        f" e.start_date, e.end_date, e.status FROM events e WHERE {where} ORDER BY e.id",
        params,
    ).fetchall()
    linked = _grouped(
        conn,
        "SELECT l.event_id, x.id, x.text, x.language, s.key, x.page FROM event_excerpts l"
        " JOIN excerpts x ON x.id = l.excerpt_id JOIN sources s ON s.id = x.source_id"
        f" JOIN events e ON e.id = l.event_id WHERE {where} ORDER BY l.event_id, x.id",
        params,
    )
    # An event is found by its own tags and by those of the excerpts attesting it (a
    # teacher tags the sentence she wants; `tag:` finds its event).
    tags = _grouped(
        conn,
        "SELECT event_id, name FROM ("
        " SELECT l.event_id, t.name FROM event_tags l JOIN tags t ON t.id = l.tag_id"
        f" JOIN events e ON e.id = l.event_id WHERE {where}"
        " UNION SELECT l.event_id, t.name FROM event_excerpts l"
        " JOIN excerpt_tags xt ON xt.excerpt_id = l.excerpt_id JOIN tags t ON t.id = xt.tag_id"
        f" JOIN events e ON e.id = l.event_id WHERE {where}"
        ") ORDER BY name",
        params + params,
    )
    entities = _grouped(
        conn,
        "SELECT l.event_id, n.name FROM event_entities l JOIN entities n ON n.id = l.entity_id"
        f" JOIN events e ON e.id = l.event_id WHERE {where} ORDER BY n.name",
        params,
    )
    return [
        SearchDocument(
            event_id=r[0],
            title_en=r[1],
            title_uz=r[2],
            category=r[3],
            start_day=r[4],
            end_day=r[5],
            start=date.fromisoformat(r[6]),
            end=date.fromisoformat(r[7]),
            status=r[8],
            excerpts=tuple(tuple(x) for x in linked.get(r[0], ())),
            tags=tuple(t[0] for t in tags.get(r[0], ())),
            entities=tuple(n[0] for n in entities.get(r[0], ())),
        )
        for r in events
    ]


def _grouped(
    conn: sqlite3.Connection, sql: str, params: Sequence[object]
) -> dict[int, list[tuple[Any, ...]]]:
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    for row in conn.execute(sql, params):
        grouped.setdefault(row[0], []).append(tuple(row[1:]))
    return grouped
