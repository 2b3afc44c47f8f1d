"""Opening archives: new, existing, missing, foreign, damaged, newer, locked, read-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from archive_helpers import add_sample_source, clock

from uzkz_desktop.archive import Archive, migrations
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sqlite_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def filled_archive(path: Path, events: int = 200) -> None:
    """An archive big enough to span many pages, closed (so its WAL is checkpointed away)."""
    with (
        Archive.open(path, create=True, clock=clock) as archive,
        archive.transaction(actor="test", action="fill") as tx,
    ):
        add_sample_source(tx)
        for i in range(events):
            tx.add_event(title_en=f"Event {i} " + "x" * 200, span=DateSpan.year(2000 + i % 20))


def test_create_makes_an_archive_with_the_current_schema(path: Path) -> None:
    with Archive.open(path, create=True) as archive:
        assert archive.schema_version() == len(migrations.MIGRATIONS)
        assert archive.generation() == 0
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA application_id").fetchone() == (0x757A6B7A,)
        assert conn.execute("SELECT version, name FROM schema_migrations").fetchall() == [
            (1, "initial schema"),
            (2, "tag shortcuts"),
        ]
    assert sorted(tables) == [
        "audit_log", "entities", "event_entities", "event_excerpts", "event_month_deltas",
        "event_tags", "events", "excerpt_tags", "excerpts", "figures", "meta",
        "schema_migrations", "sources", "tags",
    ]  # fmt: skip


def test_reopening_keeps_the_content(path: Path) -> None:
    with (
        Archive.open(path, create=True) as archive,
        archive.transaction(actor="t", action="a") as tx,
    ):
        tx.add_event(title_en="Treaty", span=DateSpan.day(1998, 10, 31), status="accepted")
    with Archive.open(path) as archive:
        rows = archive.events_between(date(1998, 1, 1), date(1998, 12, 31))
    assert [r.title_en for r in rows] == ["Treaty"]


def test_connections_enforce_foreign_keys(archive: Archive) -> None:
    with (
        pytest.raises(ArchiveError, match=r"refused the change \(FOREIGN KEY constraint failed\)"),
        archive.transaction(actor="test", action="bad") as tx,
    ):
        tx._db.execute("INSERT INTO event_tags (event_id, tag_id) VALUES (7, 7)")


def test_missing_file_is_reported_not_created(path: Path) -> None:
    with pytest.raises(ArchiveError) as error:
        Archive.open(path)
    assert str(error.value) == f"{path} does not exist (no archive there yet)"
    with pytest.raises(ArchiveError):
        Archive.open(path, readonly=True)
    assert not path.parent.exists() or sqlite_files(path) == []


def test_create_in_a_missing_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "a.uzkz"
    with pytest.raises(ArchiveError) as error:
        Archive.open(path, create=True)
    assert str(error.value) == f"cannot create {path}: the folder {path.parent} does not exist"


def test_a_folder_is_not_an_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as error:
        Archive.open(tmp_path, create=True)
    assert str(error.value) == f"{tmp_path} is a folder, not an archive file"


@pytest.mark.parametrize(
    "content",
    [b"just some notes\n", os.urandom(8192), b"SQLite format", b"%PDF-1.7\n" + os.urandom(500)],
    ids=["text", "random", "short-header", "pdf"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_unchanged(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    for create in (False, True):
        with pytest.raises(ArchiveError) as error:
            Archive.open(path, create=create)
        assert str(error.value) == (
            f"{path} is not an uzkz archive (it is not an SQLite database); it was not changed"
        )
    assert path.read_bytes() == content
    assert sqlite_files(path) == ["archive.uzkz"]


def test_an_empty_file_needs_create(path: Path) -> None:
    path.touch()
    with pytest.raises(ArchiveError) as error:
        Archive.open(path)
    assert str(error.value) == (
        f"{path} is not an uzkz archive (it is an empty database); it was not changed"
    )
    assert path.stat().st_size == 0
    with Archive.open(path, create=True) as archive:
        assert archive.schema_version() == len(migrations.MIGRATIONS)


def test_another_programs_database_is_refused_and_unchanged(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.commit()
    before = digest(path)
    for create in (False, True):
        with pytest.raises(ArchiveError) as error:
            Archive.open(path, create=create)
        assert str(error.value) == (
            f"{path} is not an uzkz archive (it is an SQLite database of another program);"
            " it was not changed"
        )
    assert digest(path) == before


def test_a_truncated_archive_is_damaged_and_unchanged(path: Path) -> None:
    filled_archive(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(ArchiveError) as error:
        Archive.open(path)
    message = str(error.value)
    assert message.startswith(f"{path} is damaged (integrity check failed: ")
    assert message.endswith("); it was not changed")
    assert digest(path) == before
    assert sqlite_files(path) == ["archive.uzkz"]


def test_an_overwritten_page_is_damaged_and_unchanged(path: Path) -> None:
    filled_archive(path)
    data = bytearray(path.read_bytes())
    page_size = 4096
    data[3 * page_size : 5 * page_size] = os.urandom(2 * page_size)
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match=r"is damaged \(integrity check failed: .*it was not"):
        Archive.open(path, readonly=True)
    assert path.read_bytes() == bytes(data)


def test_an_archive_from_a_newer_uzkz_is_refused(path: Path) -> None:
    filled_archive(path, events=1)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (7, 'from the future', 'x')")
        conn.commit()
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(ArchiveError) as error:
            Archive.open(path, readonly=readonly)
        assert str(error.value) == (
            f"{path} was written by a newer version of uzkz (archive schema 7, this version"
            f" knows up to {len(migrations.MIGRATIONS)}); update uzkz to open it"
        )
    assert digest(path) == before


def _broken_migration(db: object) -> None:
    db.execute("CREATE TABLE half_done (id INTEGER)")  # type: ignore[attr-defined]
    raise RuntimeError("migration bug")


def test_a_failing_migration_leaves_the_archive_as_it_was(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_archive(path, events=3)
    known = len(migrations.MIGRATIONS)
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("next", _broken_migration)]
    )
    with pytest.raises(RuntimeError, match="migration bug"):
        Archive.open(path)
    monkeypatch.undo()
    with Archive.open(path) as archive:
        assert archive.schema_version() == known
        assert "half_done" not in archive._db.table_names()
        assert archive.stats().events == 3


def test_a_failed_create_leaves_no_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", [("v1", _broken_migration)])
    with pytest.raises(RuntimeError, match="migration bug"):
        Archive.open(path, create=True)
    assert sqlite_files(path) == []


def test_a_new_migration_is_applied_once(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filled_archive(path, events=1)

    def add_colour_notes(db: object) -> None:
        db.execute("CREATE TABLE colour_notes (id INTEGER PRIMARY KEY)")  # type: ignore[attr-defined]

    known = len(migrations.MIGRATIONS)
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("next", add_colour_notes)]
    )
    with Archive.open(path) as archive:
        assert archive.schema_version() == known + 1
    with Archive.open(path) as archive:  # nothing left to apply: a second run would fail
        assert archive.schema_version() == known + 1
        rows = archive._db.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows == [
        *((n, name) for n, (name, _) in enumerate(migrations.MIGRATIONS[:known], start=1)),
        (known + 1, "next"),
    ]


def test_read_only_open_of_an_older_archive_asks_for_an_upgrade(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_archive(path, events=1)
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("next", lambda db: None)]
    )
    with pytest.raises(ArchiveError) as error:
        Archive.open(path, readonly=True)
    assert str(error.value) == (
        f"{path} was written by an older version of uzkz; open it once without read-only so"
        " that it can be upgraded"
    )


def test_a_read_only_open_refuses_to_write(path: Path) -> None:
    filled_archive(path, events=2)
    before = digest(path)
    with Archive.open(path, readonly=True) as archive:
        assert archive.stats().events == 2
        with pytest.raises(ArchiveError) as error, archive.transaction(actor="t", action="write"):
            pass  # pragma: no cover
    assert str(error.value) == (
        f"{path} was opened read-only; open it again without read-only to change it"
    )
    assert digest(path) == before


def test_sqlite_itself_refuses_writes_on_a_read_only_connection(path: Path) -> None:
    filled_archive(path, events=1)
    with Archive.open(path, readonly=True) as archive:
        archive.readonly = False  # get past the archive's own guard: SQLite must refuse too
        with pytest.raises(ArchiveError) as error, archive.transaction(actor="t", action="w") as tx:
            tx.add_event(title_en="x", span=DateSpan.year(2000))
    assert str(error.value) == (
        f"{path} is read-only; open it read-only or copy it somewhere writable"
    )


_READ_ONLY_PROBE = textwrap.dedent(
    """
    import sys
    from uzkz_desktop.archive import Archive
    from uzkz_desktop.core.errors import ArchiveError
    path = sys.argv[1]
    try:
        Archive.open(path).close()
    except ArchiveError as exc:
        print(exc)
    with Archive.open(path, readonly=True) as archive:
        print(archive.stats().events)
    """
)


def _without_root_powers() -> list[str]:
    """Root writes through chmod 0444: drop CAP_DAC_OVERRIDE for the probe so it can't."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file cannot be simulated")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_is_reported(path: Path, what: str) -> None:
    filled_archive(path, events=4)
    before = digest(path)
    target = path if what == "file" else path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        result = subprocess.run(
            [*_without_root_powers(), sys.executable, "-c", _READ_ONLY_PROBE, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        target.chmod(mode)
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{path} is read-only; open it read-only or copy it somewhere writable",
        "4",
    ]
    assert digest(path) == before


@pytest.fixture
def holder(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection to the same archive, about to take the write lock."""
    filled_archive(path, events=2)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        yield conn
        if conn.in_transaction:
            conn.execute("ROLLBACK")


LOCKED = "is being changed by another uzkz window or process; try again when it has finished"


def test_a_locked_archive_refuses_a_transaction_after_the_busy_timeout(
    path: Path, holder: sqlite3.Connection
) -> None:
    with Archive.open(path, busy_timeout_ms=50) as archive:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(ArchiveError) as error, archive.transaction(actor="t", action="write"):
            pass  # pragma: no cover
        assert str(error.value) == f"{path} {LOCKED}"
        # Readers are not blocked in WAL mode, and the archive works again after the lock.
        assert archive.stats().events == 2
        holder.execute("ROLLBACK")
        with archive.transaction(actor="test", action="write") as tx:
            tx.add_event(title_en="after the lock", span=DateSpan.year(2001))
        assert archive.stats().events == 3


def test_a_locked_rollback_journal_archive_cannot_even_be_opened(
    path: Path, holder: sqlite3.Connection
) -> None:
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    before = digest(path)
    with pytest.raises(ArchiveError) as error:
        Archive.open(path, busy_timeout_ms=50)
    assert str(error.value) == f"{path} {LOCKED}"
    assert digest(path) == before


def test_memory_archive_works_like_a_file() -> None:
    with Archive.memory(clock=clock) as archive:
        with archive.transaction(actor="test", action="add") as tx:
            tx.add_event(title_en="x", span=DateSpan.month(2020, 5), status="accepted")
        assert archive.month_counts(date(2020, 4, 1), date(2020, 6, 1)) == [
            ("2020-04", 0),
            ("2020-05", 1),
            ("2020-06", 0),
        ]
        assert archive.path == Path(":memory:")


def test_full_integrity_check_on_demand(archive: Archive) -> None:
    archive.check_integrity(full=True)
    archive.check_integrity(full=False)
