"""The archive schema, built only by numbered migrations.

Each migration runs in its own BEGIN IMMEDIATE transaction together with its row in
`schema_migrations`, so a failed migration leaves the file exactly as it was. Migrations are
never edited once released: a change to the schema is a new function appended to MIGRATIONS.

The DDL is plain SQL rather than `Table.create()`: CHECK constraints, generated columns,
partial indexes and triggers have no sqlite-utils spelling, and they are what keeps a bad
row out of the archive whichever code writes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from uzkz_desktop.core.errors import ArchiveError

from . import connection

# PRAGMA application_id: 'uzkz' in ASCII. Marks the file as ours, so that another
# program's SQLite database is refused instead of having our tables added to it.
APPLICATION_ID = 0x757A6B7A

Migration = Callable[[Database], None]


def _day(column: str) -> str:
    """Days since 0001-01-01 as date.toordinal() counts them (julianday(0001-01-01) = 1721425.5)."""
    return f"CAST(julianday({column}) - 1721424.5 AS INTEGER)"


def _valid_date(column: str) -> str:
    # date(julianday(x)) normalises '2021-02-29' to '2021-03-01', so this rejects impossible days.
    return f"CHECK (date(julianday({column})) IS {column})"


def _month(column: str) -> str:
    """year * 12 + month - 1 of an ISO date column: a month number that sorts and subtracts."""
    year, month = f"substr({column}, 1, 4)", f"substr({column}, 6, 2)"
    return f"(CAST({year} AS INTEGER) * 12 + CAST({month} AS INTEGER) - 1)"


def _delta(month: str, status: str, delta: int) -> str:
    return (
        f"INSERT INTO event_month_deltas (month, status, delta) VALUES ({month}, {status}, {delta})"
        " ON CONFLICT (month, status) DO UPDATE SET delta = delta + excluded.delta;"
    )


def _month_trigger(name: str, row: str, sign: int, event: str) -> str:
    # An event counts in every month its span touches: +1 in its first month and -1 in the
    # month after its last; a running sum over months gives the counts (see month_counts).
    return f"""
        CREATE TRIGGER {name} AFTER {event} ON events WHEN {row}.deleted_at IS NULL
        BEGIN
            {_delta(_month(f"{row}.start_date"), f"{row}.status", sign)}
            {_delta(_month(f"{row}.end_date") + " + 1", f"{row}.status", -sign)}
        END
    """


# The columns that decide in which months an event is counted.
_DATED_COLUMNS = "start_date, end_date, status, deleted_at"

_INITIAL_SCHEMA = [
    f"PRAGMA application_id = {APPLICATION_ID}",
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    "INSERT INTO meta (key, value) VALUES ('generation', '0')",
    """
    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        key           TEXT NOT NULL UNIQUE,
        file_name     TEXT NOT NULL,
        title         TEXT NOT NULL,
        title_en      TEXT,
        author        TEXT,
        publication   TEXT,
        issued        TEXT,
        year          INTEGER,
        languages     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
        format        TEXT NOT NULL,
        sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        original_text TEXT NOT NULL,
        cleaned_text  TEXT NOT NULL,
        page_map      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(page_map)),
        offset_map    TEXT NOT NULL CHECK (json_valid(offset_map)),
        notes         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
        imported_at   TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE excerpts (
        id          INTEGER PRIMARY KEY,
        source_id   INTEGER NOT NULL REFERENCES sources (id),
        char_start  INTEGER NOT NULL,
        char_end    INTEGER NOT NULL,
        clean_start INTEGER NOT NULL,
        clean_end   INTEGER NOT NULL,
        page        TEXT,
        text        TEXT NOT NULL,
        language    TEXT,
        date_text   TEXT,
        created_at  TEXT NOT NULL,
        CHECK (0 <= clean_start AND clean_start < clean_end),
        CHECK (0 <= char_start AND char_start <= char_end),
        UNIQUE (source_id, clean_start, clean_end)
    )
    """,
    f"""
    CREATE TABLE events (
        id            INTEGER PRIMARY KEY,
        slug          TEXT UNIQUE,
        title_en      TEXT NOT NULL,
        title_uz      TEXT,
        summary       TEXT,
        date_text     TEXT,
        start_date    TEXT NOT NULL {_valid_date("start_date")},
        end_date      TEXT NOT NULL {_valid_date("end_date")},
        start_day     INTEGER GENERATED ALWAYS AS ({_day("start_date")}) STORED,
        end_day       INTEGER GENERATED ALWAYS AS ({_day("end_date")}) STORED,
        precision     TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
        end_precision TEXT CHECK (end_precision IN ('day', 'month', 'year')),
        approximate   INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
        uncertain     INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
        edtf          TEXT NOT NULL,
        category      TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL DEFAULT 'candidate'
                      CHECK (status IN ('candidate', 'accepted', 'rejected')),
        verified      INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        notes         TEXT,
        deleted_at    TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (start_date <= end_date)
    )
    """,
    # The timeline index: the window query (events_between) and timeline_arrays read only
    # this index, in start_day order, never the table. Measured at 100k events: a
    # one-year window takes half the time it takes when rows are fetched from the table.
    # The trash is left out of it.
    """
    CREATE INDEX events_timeline
        ON events (start_day, end_day, status, category, precision, verified, edtf,
                   title_en, title_uz)
        WHERE deleted_at IS NULL
    """,
    "CREATE INDEX events_trashed ON events (deleted_at) WHERE deleted_at IS NOT NULL",
    # Events longer than a year are few; with them apart, a window query only scans
    # start_day in [q_start - 366, q_end] instead of everything that started before q_end.
    """
    CREATE INDEX events_long
        ON events (end_day, start_day)
        WHERE deleted_at IS NULL AND end_day - start_day > 366
    """,
    """
    CREATE TABLE event_month_deltas (
        month  INTEGER NOT NULL,
        status TEXT NOT NULL,
        delta  INTEGER NOT NULL,
        PRIMARY KEY (month, status)
    ) WITHOUT ROWID
    """,
    _month_trigger("events_months_insert", "new", 1, "INSERT"),
    _month_trigger("events_months_delete", "old", -1, "DELETE"),
    _month_trigger("events_months_update_old", "old", -1, f"UPDATE OF {_DATED_COLUMNS}"),
    _month_trigger("events_months_update_new", "new", 1, f"UPDATE OF {_DATED_COLUMNS}"),
    """
    CREATE TABLE event_excerpts (
        event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        excerpt_id INTEGER NOT NULL REFERENCES excerpts (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, excerpt_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX event_excerpts_excerpt ON event_excerpts (excerpt_id, event_id)",
    """
    CREATE TABLE tags (
        id        INTEGER PRIMARY KEY,
        name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color     TEXT CHECK (color IS NULL OR color GLOB
                  '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
        parent_id INTEGER REFERENCES tags (id)
    )
    """,
    "CREATE INDEX tags_parent ON tags (parent_id)",
    """
    CREATE TABLE event_tags (
        event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, tag_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX event_tags_tag ON event_tags (tag_id, event_id)",
    """
    CREATE TABLE excerpt_tags (
        excerpt_id INTEGER NOT NULL REFERENCES excerpts (id) ON DELETE CASCADE,
        tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (excerpt_id, tag_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX excerpt_tags_tag ON excerpt_tags (tag_id, excerpt_id)",
    """
    CREATE TABLE entities (
        id      INTEGER PRIMARY KEY,
        name    TEXT NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('person', 'place', 'organisation')),
        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
        UNIQUE (kind, name)
    )
    """,
    """
    CREATE TABLE event_entities (
        event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, entity_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX event_entities_entity ON event_entities (entity_id, event_id)",
    f"""
    CREATE TABLE figures (
        id           INTEGER PRIMARY KEY,
        what         TEXT NOT NULL,
        value        REAL NOT NULL,
        unit         TEXT NOT NULL DEFAULT '',
        period       TEXT NOT NULL,
        period_start TEXT NOT NULL {_valid_date("period_start")},
        period_end   TEXT NOT NULL {_valid_date("period_end")},
        excerpt_id   INTEGER NOT NULL REFERENCES excerpts (id),
        event_id     INTEGER REFERENCES events (id),
        created_at   TEXT NOT NULL,
        CHECK (period_start <= period_end)
    )
    """,
    "CREATE INDEX figures_what ON figures (what, period)",
    "CREATE INDEX figures_excerpt ON figures (excerpt_id)",
    "CREATE INDEX figures_event ON figures (event_id)",
    """
    CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        batch_id   INTEGER NOT NULL,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        action     TEXT NOT NULL,
        op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        table_name TEXT NOT NULL,
        row_id     INTEGER NOT NULL,
        before     TEXT CHECK (before IS NULL OR json_valid(before)),
        after      TEXT CHECK (after IS NULL OR json_valid(after))
    )
    """,
    "CREATE INDEX audit_log_row ON audit_log (table_name, row_id)",
    "CREATE INDEX audit_log_batch ON audit_log (batch_id)",
]


def _m001_initial_schema(db: Database) -> None:
    for statement in _INITIAL_SCHEMA:
        db.execute(statement)


def _m002_tag_shortcuts(db: Database) -> None:
    # The keys 1..9 tag the selected events in one stroke; a key belongs to one tag at most,
    # which the partial index enforces whichever code writes (NULL: no key, any number).
    db.execute(
        "ALTER TABLE tags ADD COLUMN shortcut INTEGER"
        " CHECK (shortcut IS NULL OR shortcut BETWEEN 1 AND 9)"
    )
    db.execute("CREATE UNIQUE INDEX tags_shortcut ON tags (shortcut) WHERE shortcut IS NOT NULL")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("initial schema", _m001_initial_schema),
    ("tag shortcuts", _m002_tag_shortcuts),
]


def schema_version(db: Database) -> int:
    """0 for a fresh (empty) database, else the number of the last migration applied."""
    if not db["schema_migrations"].exists():
        return 0
    row = db.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def check_compatible(db: Database, path: Path) -> int:
    """Refuse foreign databases and archives from a newer uzkz; return the schema version."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        if db.table_names():
            raise connection.not_an_archive(path, "it is an SQLite database of another program")
        return 0
    version = schema_version(db)
    known = len(MIGRATIONS)
    if version > known:
        raise ArchiveError(
            f"{path} was written by a newer version of uzkz (archive schema {version}, "
            f"this version knows up to {known}); update uzkz to open it"
        )
    return version


def migrate(db: Database, *, path: Path, now: str) -> list[int]:
    """Apply the missing migrations, each in its own transaction; return their numbers."""
    applied: list[int] = []
    for version in range(check_compatible(db, path) + 1, len(MIGRATIONS) + 1):
        name, function = MIGRATIONS[version - 1]
        try:
            db.execute("BEGIN IMMEDIATE")
            # Checked again under the write lock: another process may have just migrated.
            if schema_version(db) >= version:
                db.execute("ROLLBACK")
                continue
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            function(db)
            db.table("schema_migrations").insert(
                {"version": version, "name": name, "applied_at": now}
            )
            db.execute("COMMIT")
        except BaseException as exc:
            db.rollback()
            if isinstance(exc, sqlite3.Error):
                connection.reraise(exc, path)
            raise
        applied.append(version)
    return applied
