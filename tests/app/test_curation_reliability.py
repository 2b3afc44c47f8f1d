"""kill -9 in the middle of a curator's edit: the archive is whole (before or after, never
between) and the search index catches up with whatever was committed."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from uzkz_desktop.app import Session, index_dir
from uzkz_desktop.archive import Archive
from uzkz_desktop.core.paths import bundled_archive

# Tags every event of the archive through a Session whose search index is open and
# current, and stalls (prints where, then sleeps) at the point named on the command line.
_CURATOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.archive import Archive
    from uzkz_desktop.archive.transaction import Transaction
    from uzkz_desktop.search.index import SearchIndex

    path, where = Path(sys.argv[1]), sys.argv[2]

    def stall(message):
        print(message, flush=True)
        time.sleep(120)

    if where == "writing":  # half the links written, the transaction open
        link, made = Transaction._link, []
        def slow_link(self, *args):
            made.append(1)
            if len(made) == 40:
                stall(where)
            return link(self, *args)
        Transaction._link = slow_link
    elif where == "committed":  # the commit done, the index not yet told
        Session.refresh_index = lambda self, ids: stall(where)
    elif where == "indexing":  # the index's journal written, its segment not committed
        append = SearchIndex._append
        def half_written(self, record):
            append(self, record)
            stall(where)
        SearchIndex._append = half_written

    with Session(Archive.open(path), path) as session:
        session.index()
        ids = [r[0] for r in session.archive._conn.execute("SELECT id FROM events")]
        session.tag(ids, ["killed"])
    print("finished", flush=True)
    """
)


def _all_ids(path: Path) -> list[int]:
    with closing(sqlite3.connect(path)) as conn:
        return [int(r[0]) for r in conn.execute("SELECT id FROM events ORDER BY id")]


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The canonical dumps of the bundled archive before and after tagging everything."""
    path = tmp_path_factory.mktemp("states") / "archive.db"
    shutil.copyfile(bundled_archive(), path)
    with Archive.open(path) as archive:
        before = archive.canonical_dump()
        with archive.transaction(actor="curator", action="tag everything") as tx:
            tx.add_tags(_all_ids(path), ["killed"])
        return before, archive.canonical_dump()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "committed"), [("writing", False), ("committed", True), ("indexing", True)]
)
def test_kill_9_during_an_edit_leaves_a_whole_archive_and_search_catches_up(
    tmp_path: Path, states: tuple[str, str], where: str, committed: bool
) -> None:
    path = tmp_path / "archive.db"
    shutil.copyfile(bundled_archive(), path)
    with Session(Archive.open(path), path) as session:
        assert session.search("tag:killed").hits == ()  # the index exists and is current
    child = subprocess.Popen(
        [sys.executable, "-c", _CURATOR, str(path), where], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == f"{where}\n"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert index_dir(path).is_dir()

    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    before, after = states
    with Archive.open(path, check="full") as archive:
        assert archive.canonical_dump() == (after if committed else before)
    with Session(Archive.open(path), path) as session:
        found = sorted(h.event_id for h in session.search("tag:killed", limit=500).hits)
        assert found == (_all_ids(path) if committed else [])
        index = session._index
        assert index is not None
        assert index.stamp == session.stamp()
        # and the next edit updates that index rather than rebuilding it
        session.untag([found[0]] if found else [1], ["killed"])
        assert session._index is index
