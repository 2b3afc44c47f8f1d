"""Opening archive files safely, and turning SQLite failures into messages a person can act on.

Rule: nothing is written to a file before it has been checked. A damaged or foreign file is
reported and left exactly as it was; it is never "repaired" or overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Literal, NoReturn

from uzkz_desktop.core.errors import ArchiveError

Check = Literal["quick", "full", "none"]

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024

# Primary result codes (the low byte of extended codes), from sqlite3.h.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def missing(path: Path) -> ArchiveError:
    return ArchiveError(f"{path} does not exist (no archive there yet)")


def read_only(path: Path) -> ArchiveError:
    return ArchiveError(f"{path} is read-only; open it read-only or copy it somewhere writable")


def locked(path: Path) -> ArchiveError:
    return ArchiveError(
        f"{path} is being changed by another uzkz window or process; try again when it has finished"
    )


def damaged(path: Path, detail: str) -> ArchiveError:
    return ArchiveError(f"{path} is damaged (integrity check failed: {detail}); it was not changed")


def not_an_archive(path: Path, what: str) -> ArchiveError:
    return ArchiveError(f"{path} is not an uzkz archive ({what}); it was not changed")


def translate(exc: sqlite3.Error, path: Path) -> ArchiveError | None:
    """The ArchiveError to show for an SQLite failure on `path`; None when the failure is
    not about the file (a bug such as a wrong column name), which is better raised as is."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_BUSY, _LOCKED):
        return locked(path)
    if code == _READONLY:
        return read_only(path)
    if code in (_CORRUPT, _NOTADB):
        return damaged(path, str(exc))
    if code == _FULL:
        return ArchiveError(f"{path}: the disk is full; the change was not saved")
    if code == _CANTOPEN:
        return ArchiveError(f"{path} cannot be opened ({exc})")
    if code == _IOERR:
        return ArchiveError(f"{path} could not be read or written (disk error: {exc})")
    if isinstance(exc, sqlite3.IntegrityError):
        return ArchiveError(f"{path}: the archive refused the change ({exc}); nothing was saved")
    return None


def reraise(exc: sqlite3.Error, path: Path) -> NoReturn:
    """Raise the ArchiveError for `exc` (chained to it), or `exc` itself."""
    error = translate(exc, path)
    if error is None:
        raise exc
    raise error from exc


def connect(
    path: Path,
    *,
    readonly: bool,
    create: bool,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    check: Check = "quick",
) -> sqlite3.Connection:
    """Open `path` after checking it can be used as asked; raise ArchiveError otherwise.

    The connection runs in autocommit mode (isolation_level=None): transactions are begun
    explicitly (BEGIN IMMEDIATE) by the archive, never implicitly by the driver.
    """
    _check_file(path, readonly=readonly, create=create)
    mode = "ro" if readonly else ("rwc" if create else "rw")
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    if readonly and _unchangeable(path):
        uri += "&immutable=1"
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        check_same_thread=False,  # the Writer hands its connection to its own thread
        timeout=busy_timeout_ms / 1000,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        # The default page cache is 2 MB; a window query touches rows all over the file.
        # Memory is only taken as pages are read.
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        if check != "none":
            integrity_check(conn, path, full=check == "full")
    except sqlite3.Error as exc:
        conn.close()
        reraise(exc, path)
    except BaseException:
        conn.close()
        raise
    return conn


def integrity_check(conn: sqlite3.Connection, path: Path, *, full: bool = False) -> None:
    """quick_check reads every page (O(size)) but skips index-vs-table cross checks."""
    pragma = "integrity_check" if full else "quick_check"
    problems = [row[0] for row in conn.execute(f"PRAGMA {pragma}(5)")]
    if problems != ["ok"]:
        raise damaged(path, "; ".join(problems))


def _check_file(path: Path, *, readonly: bool, create: bool) -> None:
    if path.is_dir():
        raise ArchiveError(f"{path} is a folder, not an archive file")
    if not path.exists():
        if readonly or not create:
            raise missing(path)
        if not path.parent.is_dir():
            raise ArchiveError(f"cannot create {path}: the folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise read_only(path.parent)
        return
    header = _read_header(path)
    if header and not header.startswith(SQLITE_HEADER):
        raise not_an_archive(path, "it is not an SQLite database")
    # SQLite writes -wal/-shm/-journal files next to the archive, so the folder counts too.
    if not readonly and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise read_only(path)


def _unchangeable(path: Path) -> bool:
    """True for an archive in a read-only folder (a CD, a locked USB stick, a system folder).

    A WAL-mode file is read through its -shm file, which SQLite must create next to it; in
    a read-only folder it cannot, and `immutable=1` tells SQLite to read without it. That is
    true, not just convenient: with no way to create a -wal or -journal file nobody can
    change the archive there. A -wal left by a crash would hold committed data that
    immutable mode would ignore, so then SQLite is left to try (and to fail with a message).
    """
    wal = path.with_name(path.name + "-wal")
    return not os.access(path.parent, os.W_OK) and not wal.exists()


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ArchiveError(f"{path} cannot be read ({exc.strerror})") from exc
