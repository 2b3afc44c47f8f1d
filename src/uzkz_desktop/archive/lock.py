"""An advisory lock saying "this archive is open in a window elsewhere".

SQLite lets two processes write one archive safely (WAL, busy timeout), but two windows
curating the same file would confuse their curators: each one's undo would meet the other's
changes. So the window takes `<archive>.lock` first, and when another process holds it, it
can say which one (the pid written in the file) and open the archive read-only instead.

    lock = ArchiveLock(path)
    if not lock.acquire():
        print(f"already open in process {lock.holder_pid()}")

The lock is `flock` on the file, not the file's existence: the kernel releases it when the
holding process ends, however it ends (kill -9, power button of a frozen window), so a crash
never leaves a stale lock behind. The file itself stays; only the lock on it matters.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from uzkz_desktop.core.closing import Closing

# How long holder_pid() waits for a holder that has just taken the lock to write its pid.
_PID_WAIT = 0.2


class ArchiveLock(Closing):
    """`<archive>.lock` beside the archive file; one holder at a time, across processes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True when this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process (or another
        ArchiveLock of this one) holds it. Taking it twice through one object is harmless."""
        if self._fd is not None:
            return True
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)  # closing the descriptor releases the lock
            raise
        self._fd = fd
        return True

    def holder_pid(self) -> int | None:
        """The pid of the process holding the lock (this one's, when it is held here);
        None when nobody holds it."""
        if self._fd is not None:
            return os.getpid()
        try:
            fd = os.open(self.lock_path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            deadline = time.monotonic() + _PID_WAIT
            while True:
                try:
                    # A shared lock is granted exactly when no one holds the exclusive one.
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    pid = _read_pid(fd)
                    if pid is not None or time.monotonic() > deadline:
                        return pid
                    time.sleep(0.01)  # taken a moment ago: the pid is being written
                else:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    return None
        finally:
            os.close(fd)

    def release(self) -> None:
        """Give the lock up (the pid is cleared first, so no one reads a stale one)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def close(self) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None
