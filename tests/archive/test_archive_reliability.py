"""Crashes and concurrent processes: nothing is ever half-written, nothing is corrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from archive_helpers import add_sample_source, clock

from uzkz_desktop.archive import Archive

_SLOW_IMPORT = textwrap.dedent(
    """
    import hashlib, sys, time
    from uzkz_desktop.archive import Archive

    # Two MB of text and a page cache of 50 pages: the uncommitted pages spill into the
    # -wal file, so the kill finds a WAL holding half a transaction.
    text = "Oʻzbekiston va Qozogʻiston hamkorligi. " * 50_000
    with Archive.open(sys.argv[1]) as archive:
        archive._db.execute("PRAGMA cache_size = 50")
        with archive.transaction(actor="import", action="import big.pdf") as tx:
            source_id = tx.add_source(
                key="big", file_name="big.pdf", title="Big", format="pdf",
                sha256=hashlib.sha256(b"big").hexdigest(), original_text=text,
                cleaned_text=text, offset_map=range(len(text)),
            )
            for i in range(100_000):
                tx.add_excerpt(source_id, i * 39, i * 39 + 38)
                if i == 200:
                    print("started", flush=True)
                time.sleep(0.001)
    print("finished", flush=True)
    """
)


def test_kill_9_in_the_middle_of_an_import_leaves_no_trace(path: Path) -> None:
    with Archive.open(path, create=True, clock=clock) as archive:
        with archive.transaction(actor="import", action="import 002.pdf") as tx:
            add_sample_source(tx)
        generation = archive.generation()
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_IMPORT, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "started\n"
        wal = path.with_name(path.name + "-wal")
        deadline = time.monotonic() + 10
        while wal.stat().st_size < 500_000 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert wal.stat().st_size > 500_000  # the crash really left half a transaction
    with Archive.open(path, check="full") as archive:
        assert [s.key for s in archive.sources()] == ["002"]
        assert (archive.stats().excerpts, archive.generation()) == (0, generation)
        audit = archive._db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert audit == 1  # the earlier import only
        with archive.transaction(actor="import", action="retry") as tx:
            add_sample_source(tx, key="003", original="Yangi manba.")
    with Archive.open(path, readonly=True, check="full") as archive:
        assert [s.key for s in archive.sources()] == ["002", "003"]


_WRITER = textwrap.dedent(
    """
    import sys
    from uzkz_desktop.archive import Archive
    from uzkz_desktop.core.dates import DateSpan

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Archive.open(path, busy_timeout_ms=10_000) as archive:
        print("ready", flush=True)
        sys.stdin.readline()  # start together
        for i in range(count):
            with archive.transaction(actor=name, action=f"{name} {i}") as tx:
                event_id = tx.add_event(title_en=f"{name} {i}", span=DateSpan.year(2000 + i))
                tx.add_tags([event_id], [name])
    print("done", flush=True)
    """
)


def test_two_processes_writing_at_once_both_succeed(path: Path) -> None:
    Archive.open(path, create=True).close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), name, "40"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    outputs = []
    try:
        for child in children:
            assert child.stdout is not None
            assert child.stdout.readline() == "ready\n"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outputs = [child.communicate(timeout=60)[0] for child in children]
    finally:
        for child in children:
            if child.poll() is None:  # pragma: no cover - only when the test already failed
                child.kill()
                child.communicate()
    assert outputs == ["done\n", "done\n"]
    assert [child.returncode for child in children] == [0, 0]
    with Archive.open(path, readonly=True, check="full") as archive:
        assert archive.generation() == 80
        assert [(t.name, t.event_count) for t in archive.tags_with_counts()] == [
            ("left", 40),
            ("right", 40),
        ]
        batches = archive._db.execute(
            "SELECT count(DISTINCT batch_id), min(batch_id), max(batch_id) FROM audit_log"
        ).fetchone()
    assert batches == (80, 1, 80)
