"""One thread owns the write connection; readers use their own connections (datasette's pattern).

SQLite allows one writer at a time anyway. Funnelling every write through one thread with a
queue means the UI never waits on a lock, writes run in submission order, and the write
connection is never shared between threads. In WAL mode readers see the last commit and
are never blocked by a write in progress.

    with Writer(path) as writer:
        future = writer.submit(lambda archive: tag_events(archive, ids, "energy"))
        future.result()
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from uzkz_desktop.core.closing import Closing
from uzkz_desktop.core.errors import ArchiveError

from .archive import Archive
from .connection import DEFAULT_BUSY_TIMEOUT_MS

T = TypeVar("T")


@dataclass(slots=True)
class _Job:
    fn: Callable[[Archive], Any]
    future: Future[Any]


class Writer(Closing):
    """Runs submitted functions one after another on its own thread, with the write Archive.

    A function receives the Archive and should do its work in `archive.transaction(...)`;
    it must not keep the Archive for later or hand it to another thread.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        create: bool = False,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        # Opened here, not in the thread, so that open errors reach the caller directly.
        self._archive = Archive.open(path, create=create, busy_timeout_ms=busy_timeout_ms)
        self.path = self._archive.path
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closing = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="uzkz-archive-writer", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[Archive], T]) -> Future[T]:
        """Queue fn(archive); the Future gives its result or its exception."""
        future: Future[T] = Future()
        with self._closing:
            if self._closed:
                raise ArchiveError(f"the writer for {self.path} has been closed")
            self._jobs.put(_Job(fn, future))
        return future

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                job.future.set_result(job.fn(self._archive))
            except BaseException as exc:  # the caller sees it through the future
                job.future.set_exception(exc)

    def close(self) -> None:
        """Finish the queued jobs, then close the write connection."""
        with self._closing:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(None)
        self._thread.join()
        self._archive.close()


class Readers(Closing):
    """One read-only Archive per thread, opened on the thread's first get()."""

    def __init__(self, path: Path | str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Archive] = []

    def get(self) -> Archive:
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is None:
            # The writer checked the file when it opened it; a second full read is waste.
            archive = Archive.open(
                self.path, readonly=True, check="none", busy_timeout_ms=self._busy_timeout_ms
            )
            self._local.archive = archive
            with self._lock:
                self._open.append(archive)
        return archive

    def close(self) -> None:
        """Close every reader; call when no thread is reading any more."""
        with self._lock:
            archives, self._open = self._open, []
        for archive in archives:
            archive.close()
        self._local = threading.local()
