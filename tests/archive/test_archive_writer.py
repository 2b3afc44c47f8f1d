"""The single writer thread and per-thread read connections."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from uzkz_desktop.archive import Archive, Readers, Writer
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError


def add_event(title: str) -> Callable[[Archive], int]:
    def write(archive: Archive) -> int:
        with archive.transaction(actor="test", action=f"add {title}") as tx:
            return tx.add_event(title_en=title, span=DateSpan.year(2020), status="accepted")

    return write


def test_submit_returns_the_result_on_the_writer_thread(path: Path) -> None:
    with Writer(path, create=True) as writer:
        future = writer.submit(lambda archive: threading.current_thread().name)
        assert future.result(timeout=10) == "uzkz-archive-writer"
        assert writer.submit(add_event("one")).result(timeout=10) == 1


def test_an_exception_reaches_the_caller_and_the_writer_goes_on(path: Path) -> None:
    def fail(archive: Archive) -> None:
        with archive.transaction(actor="test", action="fail") as tx:
            tx.add_event(title_en="rolled back", span=DateSpan.year(2020))
            raise LookupError("no such thing")

    with Writer(path, create=True) as writer:
        with pytest.raises(LookupError, match="no such thing"):
            writer.submit(fail).result(timeout=10)
        assert writer.submit(lambda archive: archive.stats().events).result(timeout=10) == 0


def test_two_threads_submitting_at_once(path: Path) -> None:
    with Writer(path, create=True) as writer:

        def submit_many(prefix: str) -> list[int]:
            futures = [writer.submit(add_event(f"{prefix}{i}")) for i in range(25)]
            return [f.result(timeout=30) for f in futures]

        with ThreadPoolExecutor(max_workers=2) as pool:
            first, second = pool.map(submit_many, ["a", "b"])
        generation = writer.submit(lambda archive: archive.generation()).result(timeout=10)
    assert sorted(first + second) == list(range(1, 51))
    assert generation == 50  # every submission was its own transaction
    with Archive.open(path, readonly=True) as archive:
        archive.check_integrity()
        titles = {r.title_en for r in archive.events_between(date(2020, 1, 1), date(2020, 12, 31))}
    assert titles == {f"{p}{i}" for p in "ab" for i in range(25)}


def test_readers_read_while_the_writer_writes(path: Path) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_write(archive: Archive) -> None:
        with archive.transaction(actor="test", action="slow") as tx:
            tx.add_event(title_en="not yet visible", span=DateSpan.year(2021), status="accepted")
            started.set()
            release.wait(timeout=10)

    with Writer(path, create=True) as writer, Readers(path) as readers:
        writer.submit(add_event("committed")).result(timeout=10)
        pending = writer.submit(slow_write)
        assert started.wait(timeout=10)

        def read() -> tuple[list[str], int]:
            archive = readers.get()
            assert readers.get() is archive  # one connection per thread
            rows = archive.events_between(date(2020, 1, 1), date(2021, 12, 31))
            return [r.title_en for r in rows], archive.generation()

        with ThreadPoolExecutor(max_workers=3) as pool:
            during = list(pool.map(lambda _: read(), range(3)))
        release.set()
        pending.result(timeout=10)
        after = read()
    # In WAL mode a write in progress neither blocks readers nor shows half-done.
    assert during == [(["committed"], 1)] * 3
    assert after == (["committed", "not yet visible"], 2)


def test_a_closed_writer_refuses_work(path: Path) -> None:
    writer = Writer(path, create=True)
    writer.close()
    writer.close()  # twice is fine
    with pytest.raises(ArchiveError, match="has been closed"):
        writer.submit(lambda archive: None)


def test_writer_open_errors_reach_the_caller(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        Writer(tmp_path / "missing.uzkz")
