"""Long work off the GUI thread: a Job runs a function in a QThreadPool and reports back.

The function receives a `Reporter`: `reporter(message, done, total)` sends progress (at most
every PROGRESS_INTERVAL seconds, plus the last step) and raises `Cancelled` once the user
asked to cancel — so cancelling happens between steps, where the work can stop cleanly
(an import's current file is rolled back by its transaction; the files before it stay).

Signals arrive in the GUI thread, in this order: any `progress`, then exactly one of
`finished(result)`, `failed(message)` or `cancelled()`, then `ended()`.

SQLite connections belong to their thread: a job that writes opens its own `Archive`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from uzkz_desktop.core.errors import UzkzError

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05


class Cancelled(Exception):  # noqa: N818 - it is an outcome, not an error
    """Raised inside a job when the user asked to cancel it."""


class Reporter:
    """Progress callback and cancel flag handed to a job's function (thread-safe)."""

    def __init__(self, emit: Callable[[str, int, int], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        self._last = 0.0

    def __call__(self, message: str, done: int, total: int) -> None:
        self.check()
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self._emit(message, done, total)

    def check(self) -> None:
        """Raise Cancelled if the user asked to cancel."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()


class Job(QObject):
    """One piece of background work. Keep a reference until `ended`."""

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(
        self,
        work: Callable[[Reporter], Any],
        *,
        title: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._work = work
        self.reporter = Reporter(self.progress.emit)
        self._running = False
        self._done = False

    def start(self, pool: QThreadPool | None = None) -> None:
        if self._running or self._done:
            raise RuntimeError("a job runs once")
        self._running = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def cancel(self) -> None:
        self.reporter.cancel()

    @property
    def cancelling(self) -> bool:
        return self.reporter.cancelling

    @property
    def running(self) -> bool:
        return self._running and not self._done

    def _run(self) -> None:  # in the pool's thread
        try:
            self.reporter.check()
            result = self._work(self.reporter)
        except Cancelled:
            self._finish(self.cancelled.emit)
        except UzkzError as error:
            message = str(error)
            self._finish(lambda: self.failed.emit(message))
        except Exception as error:  # reported to the user, logged in full
            log.exception("%s failed", self.title or "background job")
            message = f"{type(error).__name__}: {error}"
            self._finish(lambda: self.failed.emit(message))
        else:
            self._finish(lambda: self.finished.emit(result))

    def _finish(self, emit: Callable[[], None]) -> None:
        self._done = True
        emit()
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self._job._run()
