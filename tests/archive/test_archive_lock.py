"""The window's "open elsewhere" lock: one holder across processes, gone when it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from uzkz_desktop.archive import ArchiveLock

_HOLDER = textwrap.dedent(
    """
    import sys
    from uzkz_desktop.archive import ArchiveLock

    lock = ArchiveLock(sys.argv[1])
    print("locked" if lock.acquire() else "refused", flush=True)
    if sys.stdin.readline().strip() == "release":
        lock.release()
        print("released", flush=True)
        sys.stdin.readline()
    """
)


@pytest.fixture
def holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of `path` (it waits for a line on stdin)."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "locked\n"
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)


def test_a_second_process_is_refused_and_told_who_holds_it(
    path: Path, holder: subprocess.Popen[str]
) -> None:
    lock = ArchiveLock(path)
    assert lock.lock_path == path.with_name(path.name + ".lock")
    assert lock.acquire() is False
    assert lock.holder_pid() == holder.pid
    assert not lock.held


def test_the_lock_is_released_when_its_holder_is_killed(
    path: Path, holder: subprocess.Popen[str]
) -> None:
    lock = ArchiveLock(path)
    assert lock.acquire() is False
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    assert holder.returncode == -signal.SIGKILL
    assert lock.holder_pid() is None  # the kernel let go: no stale lock, whatever the file says
    assert lock.acquire() is True
    assert lock.holder_pid() == os.getpid()
    assert ArchiveLock(path).holder_pid() == os.getpid()  # seen from another lock object
    lock.release()


def test_release_lets_another_process_in(path: Path, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    assert holder.stdout is not None
    holder.stdin.write("release\n")
    holder.stdin.flush()
    assert holder.stdout.readline() == "released\n"
    with ArchiveLock(path) as lock:
        assert lock.holder_pid() is None
        assert lock.acquire() is True
        assert lock.acquire() is True  # taking it twice through one object is harmless
    assert ArchiveLock(path).holder_pid() is None  # closing released it


def test_two_locks_in_one_process_exclude_each_other(path: Path) -> None:
    first, second = ArchiveLock(path), ArchiveLock(path)
    assert first.acquire() is True
    assert second.acquire() is False
    assert second.holder_pid() == os.getpid()
    first.release()
    first.release()  # twice is harmless
    assert second.acquire() is True
    second.close()
    assert ArchiveLock(path).holder_pid() is None


def test_no_lock_file_means_no_holder(tmp_path: Path) -> None:
    assert ArchiveLock(tmp_path / "none.db").holder_pid() is None
