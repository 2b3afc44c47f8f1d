"""The main window's long work, each as a `Job` (see `workers`): opening the archive,
opening or rebuilding the search index, importing documents.

The window runs them one at a time (`MainWindow.run_job`) and owns what they return. The
work of each runs in the pool's thread; it opens its own SQLite connections there, and
whatever it opened is closed again when it fails or is cancelled.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .workers import Cancelled, Job, Reporter

if TYPE_CHECKING:
    from uzkz_desktop.app import Session, TimelineData
    from uzkz_desktop.archive.models import SourceRow
    from uzkz_desktop.ingest.pipeline import Failed, Imported


@dataclass
class Opened:
    """What the opening job made, handed to the window when it ends."""

    session: Session | None = None
    search_session: Session | None = None
    data: TimelineData | None = None
    sources: list[SourceRow] = field(default_factory=list)

    def close(self) -> None:
        """Close what was opened (the window will not use it)."""
        search, session = self.search_session, self.session
        self.search_session = self.session = None
        if search is not None and search is not session:
            search.close()
        if session is not None:
            session.close()


@dataclass
class ImportReport:
    """What an import did so far (filled by the job, read by the window when it ends)."""

    outcomes: list[Imported | Failed] = field(default_factory=list)
    cancelled: bool = False

    @property
    def imported(self) -> list[Imported]:
        from uzkz_desktop.ingest.pipeline import Imported

        return [o for o in self.outcomes if isinstance(o, Imported)]

    @property
    def failed(self) -> list[Failed]:
        from uzkz_desktop.ingest.pipeline import Failed

        return [o for o in self.outcomes if isinstance(o, Failed)]


def search_session_for(session: Session) -> Session:
    """A second Session on the same archive for the search index's threads (read-only,
    its own connection) sharing `session`'s search index, so that a curator's edit
    through `session` updates the index the searches use; the session itself when a
    second connection cannot be opened."""
    from uzkz_desktop.core.errors import UzkzError

    try:
        return session.reader()
    except UzkzError:
        return session


def opening_job(
    path: Path | None, *, candidates: bool, title: str, parent: QObject
) -> tuple[Job, Opened]:
    """Open the archive (None: the user's copy of the bundled one) and a second Session
    for search, and read the timeline's events (with candidates or not) and the sources."""
    opened = Opened()

    def work(report: Reporter) -> Opened:
        from uzkz_desktop.app import Session

        try:
            opened.session = Session.open(path)
            report.check()
            opened.search_session = search_session_for(opened.session)
            opened.data = opened.session.timeline_data(include_candidates=candidates)
            opened.sources = opened.session.archive.sources()
            report.check()
        except BaseException:
            opened.close()
            raise
        return opened

    return Job(work, title=title, parent=parent), opened


def index_job(
    session: Session,
    lock: threading.RLock,
    *,
    rebuild: bool,
    title: str,
    label: str,
    parent: QObject,
) -> Job:
    """Open the search index (rebuilt first when it is missing, stale or damaged), or with
    `rebuild` rebuild it anyway; progress as `label`."""

    def work(report: Reporter) -> None:
        def progress(done: int, total: int) -> None:
            report(label, done, total)

        with lock:
            if rebuild:
                session.reindex(progress)
            else:
                session.index(progress)

    return Job(work, title=title, parent=parent)


def import_job(
    archive_path: Path,
    search_session: Session,
    lock: threading.RLock,
    files: Sequence[Path],
    *,
    title: str,
    file_step: Callable[[int, int, str], str],
    parent: QObject,
) -> tuple[Job, ImportReport]:
    """Import `files` one by one through a connection of the job's own; then bring the
    search index up to date with the events added. Cancelling stops between files (the
    file being imported is rolled back); the report keeps what was done."""
    files = list(files)
    report_out = ImportReport()

    def work(report: Reporter) -> ImportReport:
        # Imported here, in the job's thread: the date grammar and the gazetteer take a
        # second to load the first time, which the window must not wait for.
        from uzkz_desktop.archive.archive import Archive
        from uzkz_desktop.ingest.pipeline import ingest_files

        archive = Archive.open(archive_path, check="none")
        try:
            for number, path in enumerate(files, start=1):
                report.check()

                def step(message: str, done: int, total: int, number: int = number) -> None:
                    report(file_step(number, len(files), message), done, total)

                report_out.outcomes.extend(ingest_files(archive, [path], progress=step))
        except Cancelled:
            report_out.cancelled = True
        finally:
            archive.close()
        ids = [i for imported in report_out.imported for i in imported.event_ids]
        if ids:
            # when this fails, the next search finds the index stale and rebuilds it
            with lock, contextlib.suppress(Exception):
                search_session.refresh_index(ids)
        if report_out.cancelled:
            raise Cancelled
        return report_out

    return Job(work, title=title, parent=parent), report_out
