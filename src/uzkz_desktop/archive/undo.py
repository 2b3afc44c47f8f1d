"""Undo and redo over the audit log.

Every Transaction write leaves audit rows with the row's before/after state, grouped by
batch (one user action). `undo_batch` applies the inverse of each row of a batch, newest
first, inside a new transaction, so the undo is itself a batch ("undo: <action>") that can
be undone in its turn: redo is undoing the undo.

    with archive.transaction(actor="curator", action=f"undo: {batch.action}") as tx:
        touched = undo_batch(tx, batch.batch_id)

`undo_stack` replays the curator's batches to say which one an undo (or redo) applies to.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from uzkz_desktop.core.errors import ArchiveError

from .transaction import Transaction

UNDO_PREFIX = "undo: "

# Link tables: their key columns. Their audit rows name the owning event/excerpt as row_id
# and carry the key columns plus informative extras (the tag name).
_LINK_KEYS: dict[str, tuple[str, ...]] = {
    "event_tags": ("event_id", "tag_id"),
    "excerpt_tags": ("excerpt_id", "tag_id"),
    "event_excerpts": ("event_id", "excerpt_id"),
    "event_entities": ("event_id", "entity_id"),
}
# Tables with an integer id primary key that the Transaction inserts, updates or deletes.
_ROW_TABLES = frozenset({"events", "tags", "entities", "figures", "excerpts", "sources"})
# Audit rows of these tables name an event by row_id: what the search index must refresh.
_EVENT_TABLES = frozenset({"events", "event_tags", "event_excerpts", "event_entities"})


@dataclass(frozen=True, slots=True)
class Batch:
    """One recorded user action: all audit rows written by one transaction."""

    batch_id: int
    at: str
    actor: str
    action: str
    changes: int  # audit rows


def batches(
    conn: sqlite3.Connection, *, limit: int | None = None, actor: str | None = None
) -> list[Batch]:
    """Recorded batches, newest first (all actors, or one)."""
    where = "WHERE actor = ?" if actor is not None else ""
    params: list[object] = [actor] if actor is not None else []
    sql = (
        "SELECT batch_id, min(at), min(actor), min(action), count(*) FROM audit_log"
        f" {where} GROUP BY batch_id ORDER BY batch_id DESC"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        Batch(int(b), at, who, what, int(n)) for b, at, who, what, n in conn.execute(sql, params)
    ]


@dataclass(frozen=True, slots=True)
class UndoStack:
    """What undo and redo would apply to now: the batch to undo next (the newest one not
    undone) and the undo batch to undo for a redo (None when there is none)."""

    undo: Batch | None
    redo: Batch | None


def undo_stack(ordered: Sequence[Batch]) -> UndoStack:
    """Replay batches (oldest first) as an editor's undo/redo stacks.

    An undo batch's action is UNDO_PREFIX + the action it undid: it pops the newest done
    batch, and is itself what a redo undoes. A redo (UNDO_PREFIX + an undo's action) pops
    the redo stack and counts as done. Any other batch is done and clears the redo stack.
    """
    done: list[Batch] = []
    redo: list[Batch] = []
    for batch in ordered:
        if done and batch.action == UNDO_PREFIX + done[-1].action:
            done.pop()
            redo.append(batch)
        elif redo and batch.action == UNDO_PREFIX + redo[-1].action:
            redo.pop()
            done.append(batch)
        else:
            done.append(batch)
            redo.clear()
    return UndoStack(done[-1] if done else None, redo[-1] if redo else None)


def undo_batch(tx: Transaction, batch_id: int) -> list[int]:
    """Apply the inverse of every audit row of `batch_id`, newest row first, in `tx`.

    Returns the ids of the events touched (for the search index), sorted.
    """
    rows = tx._sql(
        "SELECT op, table_name, row_id, before, after FROM audit_log"
        " WHERE batch_id = ? ORDER BY id DESC",
        (batch_id,),
    )
    if not rows:
        raise ArchiveError(f"there is no recorded change {batch_id} to undo")
    touched: set[int] = set()
    for op, table, row_id, before_text, after_text in rows:
        before = None if before_text is None else json.loads(before_text)
        after = None if after_text is None else json.loads(after_text)
        _invert(tx, op, table, int(row_id), before, after)
        if table in _EVENT_TABLES:
            touched.add(int(row_id))
        elif table == "excerpt_tags":  # the events the excerpt attests carry its tags
            linked = tx._sql("SELECT event_id FROM event_excerpts WHERE excerpt_id = ?", (row_id,))
            touched.update(int(r[0]) for r in linked)
        elif table == "figures":
            state = before or after or {}
            if state.get("event_id") is not None:
                touched.add(int(state["event_id"]))
    return sorted(touched)


def _invert(tx: Transaction, op: str, table: str, row_id: int, before: Any, after: Any) -> None:
    if table in _LINK_KEYS:
        state = after if op == "insert" else before
        keys = {column: int(state[column]) for column in _LINK_KEYS[table]}
        info = {k: v for k, v in state.items() if k not in keys}
        if op == "insert":
            tx._unlink(table, keys, row_id, info)
        elif op == "delete":
            tx._link(table, keys, row_id, info)
        else:
            raise ArchiveError(f"cannot undo an update of the link table {table}")
    elif table == "meta":
        _invert_meta(tx, before, after)
    elif table in _ROW_TABLES:
        if op == "insert":
            _delete_row(tx, table, row_id)
        elif op == "delete":
            _insert_row(tx, table, row_id, before)
        else:
            tx._update(table, row_id, before)
    else:
        raise ArchiveError(f"cannot undo a change to the table {table}")


def _stored_columns(tx: Transaction, table: str) -> list[str]:
    """The columns a row can be inserted with: generated (hidden) columns left out."""
    return [str(r[1]) for r in tx._sql(f"PRAGMA table_xinfo({table})") if r[6] == 0]


def _delete_row(tx: Transaction, table: str, row_id: int) -> None:
    columns = _stored_columns(tx, table)
    found = tx._sql(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", (row_id,))
    if not found:
        raise ArchiveError(f"cannot undo: {table} row {row_id} no longer exists")
    row = dict(zip(columns, found[0], strict=True))
    tx._sql(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    tx._audit("delete", table, row_id, before=row)  # the whole row: a redo re-inserts it


def _nullable_columns(tx: Transaction, table: str) -> set[str]:
    return {str(r[1]) for r in tx._sql(f"PRAGMA table_xinfo({table})") if r[3] == 0 and r[6] == 0}


def _insert_row(tx: Transaction, table: str, row_id: int, before: Any) -> None:
    columns = set(_stored_columns(tx, table))
    row = {k: v for k, v in dict(before).items() if k in columns}
    # A row deleted before a migration added a nullable column (tags.shortcut) had none.
    row.update(dict.fromkeys(_nullable_columns(tx, table) - set(row) - {"id"}))
    missing = columns - set(row) - {"id"}
    if missing:
        raise ArchiveError(
            f"cannot undo the deletion of {table} row {row_id}: its audit row lacks"
            f" {', '.join(sorted(missing))}"
        )
    row["id"] = row_id
    names = list(row)
    tx._sql(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[n] for n in names],
    )
    tx._audit("insert", table, row_id, after=row)


def _invert_meta(tx: Transaction, before: Any, after: Any) -> None:
    key = str((after or before)["key"])
    if key == "generation":
        raise ArchiveError("the generation counter is never undone")
    if before is None:
        tx._sql("DELETE FROM meta WHERE key = ?", (key,))
        tx._audit("delete", "meta", 0, before=after)
    else:
        tx._sql(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, before["value"]),
        )
        tx._audit("update" if after is not None else "insert", "meta", 0, after, before)
