"""canonical_dump: the archive's content as text that two equal builds render identically.

Row ids, timestamps, the generation and the audit log depend on when and in which order
things were written, so they are left out; rows refer to each other by natural keys
(a source by its key, an excerpt by source key and cleaned span, a tag by its name).
Long texts appear as digests: the dump is for comparing, not for reading sources.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from typing import Any


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _section(name: str, rows: Iterable[dict[str, Any]]) -> list[str]:
    return [f"## {name}", *sorted(_line(row) for row in rows)]


def _dicts(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[int, list[str]]:
    """{owner id: sorted keys} from a query returning (owner id, key) pairs."""
    groups: dict[int, list[str]] = {}
    for owner, key in conn.execute(sql):
        groups.setdefault(owner, []).append(key)
    return {owner: sorted(keys) for owner, keys in groups.items()}


_EXCERPT_KEY = "s.key || ':' || x.clean_start || '-' || x.clean_end"


def canonical_dump(conn: sqlite3.Connection) -> str:
    lines = ["# uzkz archive canonical dump"]
    meta = _dicts(conn, "SELECT key, value FROM meta WHERE key != 'generation'")
    lines += _section("meta", meta)
    lines += _section("sources", _sources(conn))
    lines += _section("excerpts", _excerpts(conn))
    lines += _section("events", _events(conn))
    lines += _section("tags", _dicts(conn, "SELECT name, color, shortcut FROM tags"))
    lines += _section("entities", _dicts(conn, "SELECT kind, name, aliases FROM entities"))
    lines += _section("figures", _figures(conn))
    return "\n".join(lines) + "\n"


def _sources(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = _dicts(conn, "SELECT * FROM sources")
    for row in rows:
        del row["id"], row["imported_at"]
        for column in ("original_text", "cleaned_text", "page_map", "offset_map", "notes"):
            row[column] = _digest(row[column])
    return rows


def _excerpts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = _dicts(
        conn,
        f"SELECT x.id, {_EXCERPT_KEY} AS excerpt, x.char_start, x.char_end, x.page, x.text,"
        " x.language, x.date_text FROM excerpts x JOIN sources s ON s.id = x.source_id",
    )
    tags = _grouped(
        conn, "SELECT xt.excerpt_id, t.name FROM excerpt_tags xt JOIN tags t ON t.id = xt.tag_id"
    )
    for row in rows:
        row["tags"] = tags.get(row.pop("id"), [])
    return rows


def _event_key(row: dict[str, Any]) -> str:
    return str(row["slug"] or f"{row['edtf']} {row['title_en']}")


def _events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = _dicts(conn, "SELECT * FROM events")
    excerpts = _grouped(
        conn,
        f"SELECT ee.event_id, {_EXCERPT_KEY} FROM event_excerpts ee"
        " JOIN excerpts x ON x.id = ee.excerpt_id JOIN sources s ON s.id = x.source_id",
    )
    tags = _grouped(
        conn, "SELECT et.event_id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id"
    )
    entities = _grouped(
        conn,
        "SELECT ee.event_id, n.kind || ':' || n.name FROM event_entities ee"
        " JOIN entities n ON n.id = ee.entity_id",
    )
    for row in rows:
        event_id = row.pop("id")
        row["trashed"] = row.pop("deleted_at") is not None
        del row["created_at"], row["updated_at"]
        row["excerpts"] = excerpts.get(event_id, [])
        row["tags"] = tags.get(event_id, [])
        row["entities"] = entities.get(event_id, [])
    return rows


def _figures(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    events = {
        row["id"]: _event_key(row)
        for row in _dicts(conn, "SELECT id, slug, edtf, title_en FROM events")
    }
    rows = _dicts(
        conn,
        f"SELECT f.what, f.value, f.unit, f.period, f.period_start, f.period_end,"
        f" {_EXCERPT_KEY} AS excerpt, f.event_id AS event FROM figures f"
        " JOIN excerpts x ON x.id = f.excerpt_id JOIN sources s ON s.id = x.source_id",
    )
    for row in rows:
        row["event"] = None if row["event"] is None else events[row["event"]]
    return rows
