"""Jobs: results, failures and cancelling arrive in the GUI thread, in order."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from uzkz_desktop.core.errors import ArchiveError
from uzkz_desktop.ui.workers import Job, Reporter


@pytest.fixture
def pool() -> QThreadPool:
    return QThreadPool()


def _record(job: Job) -> list[tuple[str, object]]:
    events: list[tuple[str, object]] = []
    job.progress.connect(lambda m, d, t: events.append(("progress", (m, d, t))))
    job.finished.connect(lambda result: events.append(("finished", result)))
    job.failed.connect(lambda message: events.append(("failed", message)))
    job.cancelled.connect(lambda: events.append(("cancelled", None)))
    job.ended.connect(lambda: events.append(("ended", None)))
    return events


def test_a_job_runs_off_the_gui_thread_and_reports(qtbot: QtBot, pool: QThreadPool) -> None:
    threads: list[threading.Thread] = []

    def work(report: Reporter) -> int:
        threads.append(threading.current_thread())
        for step in range(1, 4):
            report("step", step, 3)
        return 42

    job = Job(work, title="test")
    events = _record(job)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(pool)
    assert threads[0] is not threading.main_thread()
    assert ("progress", ("step", 3, 3)) in events  # the last step always arrives
    assert events[-2:] == [("finished", 42), ("ended", None)]


def test_an_error_for_the_user_is_reported_by_its_message(qtbot: QtBot, pool: QThreadPool) -> None:
    def work(report: Reporter) -> None:
        raise ArchiveError("the archive is read-only")

    job = Job(work)
    events = _record(job)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(pool)
    assert events == [("failed", "the archive is read-only"), ("ended", None)]


def test_cancel_stops_the_work_at_the_next_step(qtbot: QtBot, pool: QThreadPool) -> None:
    started, steps = threading.Event(), []

    def work(report: Reporter) -> None:
        started.set()
        for step in range(1000):
            report.check()
            steps.append(step)
            threading.Event().wait(0.001)

    job = Job(work)
    events = _record(job)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(pool)
        assert started.wait(5)
        job.cancel()
    assert events[-2:] == [("cancelled", None), ("ended", None)]
    assert len(steps) < 1000
    with pytest.raises(RuntimeError):
        job.start(pool)
