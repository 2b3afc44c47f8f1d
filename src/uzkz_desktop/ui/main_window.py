"""The main window: the timeline in the middle, search on the left, the excerpt on the right.

Selection is kept in step everywhere: choosing a search result selects the event on the
timeline (centred) and shows it in the excerpt panel; selecting on the timeline shows it
and marks its result row; a query lights its hits on the timeline and dims the rest.

Long work — importing documents, rebuilding the search index — runs in a Job (see
`workers`) with a progress bar and a Cancel button in the status bar; the window keeps
responding, and when the work is done the timeline, the sources and the search are reloaded.
"""

from __future__ import annotations

import contextlib
import html
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from uzkz_desktop.archive.archive import Archive
from uzkz_desktop.timeline.navigation import step_event

from .excerpt_panel import ExcerptPanel
from .formatting import count_words, plural
from .search_panel import SearchPanel
from .services import SearchFunction, SessionBackend
from .workers import Cancelled, Job, Reporter

if TYPE_CHECKING:
    from uzkz_desktop.app import Session, TimelineData
    from uzkz_desktop.ingest.pipeline import Failed, Imported

ORGANISATION = "uzkz"
APPLICATION = "uzkz-desktop"
DOCUMENT_FILTER = "*.txt *.md *.html *.htm *.pdf *.docx"


def default_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


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
    """A second Session on the same archive for the search index's threads (read-only);
    the session itself when a second connection cannot be opened."""
    from uzkz_desktop.app import Session
    from uzkz_desktop.core.errors import UzkzError

    try:
        archive = Archive.open(session.path, readonly=True, check="none")
    except UzkzError:
        return session
    return Session(archive, session.path)


def make_timeline(parent: QWidget | None = None) -> QWidget:
    from .timeline_widget import TimelineWidget  # imported late: the heaviest module

    return TimelineWidget(parent)


class MainWindow(QMainWindow):
    """The window over one open Session. `search` replaces the session's search (tests)."""

    job_ended = Signal()

    def __init__(
        self,
        session: Session,
        *,
        settings: QSettings | None = None,
        search: SearchFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        # The search index is used from worker threads only: through its own Session (own
        # SQLite connection), always under `lock`, so no connection is shared by threads
        # that may run at once.
        self.search_session = search_session_for(session)
        self.settings = settings if settings is not None else default_settings()
        self.lock = threading.RLock()  # every use of the session's search index holds it
        self.backend = SessionBackend(self.search_session, search=search, lock=self.lock)
        self._data: TimelineData | None = None
        self._hits: list[int] | None = None
        self._selected: int | None = None
        self._source_count = 0
        self._syncing = False
        self._job: Job | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        self.setWindowTitle(
            self.tr("Uzbekistan–Kazakhstan archive — {0}").format(session.path.name)
        )
        self.timeline: Any = make_timeline(self)
        self.timeline.setObjectName("timeline")
        self.setCentralWidget(self.timeline)

        self.search_panel = SearchPanel(self.backend, self)
        self.search_dock = self._dock(self.search_panel, self.tr("Search"), "searchDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.search_dock)
        self.excerpt_panel = ExcerptPanel(session, self)
        self.excerpt_dock = self._dock(self.excerpt_panel, self.tr("Source excerpt"), "excerptDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.excerpt_dock)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._connect()

        self.reload()
        self._restore_settings()
        if search is None:
            self._prepare_index()

    # -- building ----------------------------------------------------------------------------------

    def _dock(self, widget: QWidget, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelJob")
        self.cancel_button.clicked.connect(self.cancel_job)
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        bar.addPermanentWidget(self.counts_label)

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        name: str,
        tip: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.import_action = self._action(
            tr("&Import documents…"), self.import_documents, "Ctrl+I", name="importDocuments",
            tip=tr("Import txt, md, html, pdf or docx documents as sources with candidate events"),
        )  # fmt: skip
        self.reindex_action = self._action(
            tr("&Reindex search"), self.reindex, name="reindex",
            tip=tr("Rebuild the search index from the archive"),
        )  # fmt: skip
        self.quit_action = self._action(tr("&Quit"), self.close, "Ctrl+Q", name="quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.copy_action = self._action(
            tr("&Copy excerpt with citation"), self.copy_citation, "Ctrl+Shift+C",
            name="copyCitation", tip=tr("Copy «excerpt» — author, title, publication, year, page"),
        )  # fmt: skip
        self.find_action = self._action(
            tr("&Find…"), self.focus_search, QKeySequence.StandardKey.Find, name="find"
        )
        self.fit_action = self._action(tr("&Fit all"), self.fit_all, "F", name="fitAll")
        self.fit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(self.fit_action)
        self.timeline.addAction(self.fit_action)  # F belongs to the timeline when it has focus
        self.zoom_in_action = self._action(
            tr("Zoom &in"), lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn, name="zoomIn"
        )
        self.zoom_out_action = self._action(
            tr("Zoom &out"), lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut, name="zoomOut"
        )
        self.candidates_action = self._action(
            tr("Show &candidates"), self._candidates_toggled, name="showCandidates",
            tip=tr("Show events found automatically in imported documents and not yet reviewed"),
            checkable=True,
        )  # fmt: skip
        self.candidates_action.setChecked(True)
        self.next_action = self._action(
            tr("&Next event"), lambda: self.step(1), "Alt+Right", name="nextEvent",
            tip=tr("The next event in time (among the search hits when there is a search)"),
        )  # fmt: skip
        self.previous_action = self._action(
            tr("&Previous event"), lambda: self.step(-1), "Alt+Left", name="previousEvent",
            tip=tr("The previous event in time (among the search hits when there is a search)"),
        )  # fmt: skip
        self.about_action = self._action(tr("&About uzkz-desktop"), self.about, name="about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.reindex_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.copy_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = menus.addMenu(self.tr("&View"))
        view_menu.addAction(self.fit_action)
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addSeparator()
        view_menu.addAction(self.candidates_action)
        view_menu.addSeparator()
        view_menu.addAction(self.search_dock.toggleViewAction())
        view_menu.addAction(self.excerpt_dock.toggleViewAction())
        go_menu = menus.addMenu(self.tr("&Go"))
        go_menu.addAction(self.next_action)
        go_menu.addAction(self.previous_action)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.search_panel.event_chosen.connect(self._on_result_chosen)
        self.search_panel.hits_changed.connect(self._on_hits_changed)
        self.excerpt_panel.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.excerpt_panel.excerpt_changed.connect(self._update_actions)
        self.timeline.event_selected.connect(self._on_timeline_selected)
        self.timeline.event_activated.connect(self._on_timeline_activated)

    # -- data --------------------------------------------------------------------------------------

    def reload(self) -> None:
        """(Re)read what the window shows from the archive."""
        show = self.candidates_action.isChecked()
        self._data = self.session.timeline_data(include_candidates=show)
        sources = self.session.archive.sources()
        self._source_count = len(sources)
        self.search_panel.set_categories(self._data.categories)
        self.search_panel.set_sources(sources)
        self.excerpt_panel.set_categories(self._data.categories)
        self.timeline.set_data(self._data)
        if self._hits is not None:
            self.timeline.set_highlighted(self._hits)
        self.excerpt_panel.reload()
        selected = self._selected
        if selected is not None and self._data.events.index_of(selected) is None:
            self.select_event(None)  # e.g. a candidate, now that candidates are hidden
        elif selected is not None:
            self.timeline.select(selected)
        self._update_counts()
        self._update_actions()

    @property
    def timeline_data(self) -> TimelineData | None:
        return self._data

    def _update_counts(self) -> None:
        events = 0 if self._data is None else len(self._data.events)
        self.counts_label.setText(
            count_words(events, self._source_count, self.search_panel.total_hits())
        )

    def _update_actions(self) -> None:
        has_excerpt = self.excerpt_panel.current_excerpt() is not None
        self.copy_action.setEnabled(has_excerpt)
        busy = self._job is not None
        self.import_action.setEnabled(not busy)
        self.reindex_action.setEnabled(not busy)

    # -- selection ---------------------------------------------------------------------------------

    def selected_event(self) -> int | None:
        return self._selected

    def select_event(self, event_id: int | None, *, centre: bool = True) -> None:
        """Select an event everywhere: timeline (centred), excerpt panel, result row."""
        self._selected = event_id if event_id is not None and event_id >= 0 else None
        self._syncing = True
        try:
            self.timeline.select(self._selected, centre=centre)
        finally:
            self._syncing = False
        self._show_selected()

    def _show_selected(self) -> None:
        event_id = self._selected
        hit = None if event_id is None else self.search_panel.hit_for(event_id)
        terms = self.search_panel.query_terms()
        self.excerpt_panel.show_event(event_id, hit=hit, terms=terms)
        self.search_panel.select_event(event_id)

    def _on_result_chosen(self, event_id: int) -> None:
        if event_id == self._selected and self.excerpt_panel.event_id() == event_id:
            self.timeline.select(event_id, centre=True)
            return
        self.select_event(event_id, centre=True)

    def _on_timeline_selected(self, event_id: int) -> None:
        if self._syncing:
            return
        self._selected = event_id if event_id >= 0 else None
        self._show_selected()

    def _on_timeline_activated(self, event_id: int) -> None:
        if event_id != self._selected:
            self._on_timeline_selected(event_id)
        self.excerpt_dock.show()
        self.excerpt_dock.raise_()

    def _on_hits_changed(self, ids: list[int] | None) -> None:
        self._hits = None if ids is None else list(ids)
        self.timeline.set_highlighted(self._hits)
        self._update_counts()
        if self._selected is not None:  # the search's words in the excerpt, or none now
            self.excerpt_panel.show_event(
                self._selected,
                hit=self.search_panel.hit_for(self._selected),
                terms=self.search_panel.query_terms(),
            )
            self.search_panel.select_event(self._selected)

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) event in time, among the hits if any."""
        data = self._data
        if data is None or not len(data.events):
            return
        events = data.events
        among = None
        if self._hits:
            among = events.mask_of(np.asarray(self._hits, dtype=np.int64))
        current = self._selected
        target: int | None
        if current is None or events.index_of(current) is None:
            rows = np.arange(len(events)) if among is None else np.flatnonzero(among)
            if not len(rows):
                return
            target = int(events.ids[rows[0] if direction > 0 else rows[-1]])
        else:
            target = step_event(events, current, direction, among)
        if target is not None:
            self.select_event(target, centre=True)

    # -- view --------------------------------------------------------------------------------------

    def fit_all(self) -> None:
        self.timeline.fit_all()

    def zoom(self, direction: int) -> None:
        """Zoom about the centre of the view (the timeline's own +/− keys do the same)."""
        method = getattr(self.timeline, "zoom_in" if direction > 0 else "zoom_out", None)
        if callable(method):
            method()
            return
        view = self.timeline.viewport()
        view = view.zoom_in() if direction > 0 else view.zoom_out()
        self.timeline.show_range(math.floor(view.start), math.ceil(view.end) - 1)

    def show_range(self, first_day: float, last_day: float) -> None:
        self.timeline.show_range(first_day, last_day)

    def _candidates_toggled(self, _checked: bool = False) -> None:
        self.reload()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_query()

    def copy_citation(self) -> str | None:
        copied = self.excerpt_panel.copy_citation()
        if copied is None:
            self.statusBar().showMessage(self.tr("Select an event first."), 3000)
        return copied

    # -- long work ---------------------------------------------------------------------------------

    @property
    def job(self) -> Job | None:
        return self._job

    def run_job(self, job: Job, *, quiet_ms: int = 0) -> Job:
        """Run one long job at a time, its progress and Cancel in the status bar (shown
        after `quiet_ms`, so that work which ends at once does not flash it)."""
        if self._job is not None:
            raise RuntimeError("another job is running")
        self._job = job
        job.progress.connect(self._on_progress)
        job.ended.connect(self._on_job_ended)
        self.progress_label.setText(job.title)
        self.progress_bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        if quiet_ms:
            QTimer.singleShot(quiet_ms, self, lambda: self._show_progress(job))
        else:
            self._show_progress(job)
        self._update_actions()
        job.start(self._pool)
        return job

    def _show_progress(self, job: Job) -> None:
        if self._job is job:
            for widget in (self.progress_label, self.progress_bar, self.cancel_button):
                widget.show()

    def cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    def _on_progress(self, message: str, done: int, total: int) -> None:
        if self._job is not None and self._job.cancelling:
            return
        self.progress_label.setText(message)
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)

    def _on_job_ended(self) -> None:
        job, self._job = self._job, None
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            widget.hide()
        if job is not None:
            job.deleteLater()
        self._update_actions()
        self.job_ended.emit()

    def _prepare_index(self) -> None:
        """Open (or rebuild, with progress) the search index before the first search."""
        if self._job is not None:
            return
        session, lock, label = self.search_session, self.lock, self.tr("Indexing")

        def work(report: Reporter) -> None:
            with lock:
                session.index(lambda done, total: report(label, done, total))

        job = Job(work, title=self.tr("Preparing the search index…"), parent=self)
        job.failed.connect(self._on_index_failed)
        self.run_job(job, quiet_ms=400)

    def _on_index_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("The search index is not ready: {0}").format(message))

    def reindex(self) -> Job | None:
        if self._job is not None:
            return None
        session, lock, label = self.search_session, self.lock, self.tr("Indexing")

        def work(report: Reporter) -> None:
            with lock:
                session.reindex(lambda done, total: report(label, done, total))

        job = Job(work, title=self.tr("Rebuilding the search index…"), parent=self)
        job.finished.connect(
            lambda _: self._after_reindex(self.tr("The search index was rebuilt."))
        )
        job.cancelled.connect(
            lambda: self._after_reindex(self.tr("Reindexing was cancelled; the old index is kept."))
        )
        job.failed.connect(self._on_index_failed)
        return self.run_job(job)

    def _after_reindex(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)
        self.search_panel.refresh()

    def import_documents(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import documents"),
            str(Path.home()),
            self.tr("Documents ({0});;All files (*)").format(DOCUMENT_FILTER),
        )
        if paths:
            self.start_import([Path(p) for p in paths])

    def start_import(self, paths: Sequence[Path]) -> Job | None:
        """Import documents in a worker with its own archive connection."""
        if self._job is not None or not paths:
            return None
        from uzkz_desktop.ingest.pipeline import ingest_files

        archive_path, session, lock = self.session.path, self.search_session, self.lock
        files = list(paths)
        report_out = ImportReport()
        file_step = self.tr("File {0} of {1}: {2}")

        def work(report: Reporter) -> ImportReport:
            archive = Archive.open(archive_path, check="none")
            try:
                for number, path in enumerate(files, start=1):
                    report.check()

                    def step(message: str, done: int, total: int, number: int = number) -> None:
                        report(file_step.format(number, len(files), message), done, total)

                    report_out.outcomes.extend(ingest_files(archive, [path], progress=step))
            except Cancelled:
                report_out.cancelled = True
            finally:
                archive.close()
            ids = [i for imported in report_out.imported for i in imported.event_ids]
            if ids:
                # when this fails, the next search finds the index stale and rebuilds it
                with lock, contextlib.suppress(Exception):
                    session.refresh_index(ids)
            if report_out.cancelled:
                raise Cancelled
            return report_out

        job = Job(work, title=self.tr("Importing documents…"), parent=self)
        job.finished.connect(lambda report: self._after_import(report))
        job.cancelled.connect(lambda: self._after_import(report_out, cancelled=True))
        job.failed.connect(self._on_import_failed)
        return self.run_job(job)

    def _after_import(self, report: ImportReport, *, cancelled: bool = False) -> None:
        report.cancelled = report.cancelled or cancelled
        imported, failed = report.imported, report.failed
        events = sum(i.events for i in imported)
        parts = [
            self.tr("Imported {documents}: {events}.").format(
                documents=plural("%n document(s)", len(imported)),
                events=plural("%n candidate event(s)", events),
            )
        ]
        if report.cancelled:
            parts.insert(0, self.tr("Import cancelled."))
        if failed:
            parts.append(plural("%n file(s) not imported.", len(failed)))
        self.statusBar().showMessage(" ".join(parts), 10000)
        self.reload()
        self.search_panel.refresh()
        if failed:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Some files were not imported"),
                "\n\n".join(f"{f.path.name}: {f.message}" for f in failed),
                QMessageBox.StandardButton.Close,
                self,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setObjectName("importProblems")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _on_import_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("The import failed: {0}").format(message), 10000)
        self.reload()

    # -- help --------------------------------------------------------------------------------------

    def about(self) -> QDialog:
        dialog = AboutDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- settings ----------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
            self.resizeDocks(
                [self.search_dock, self.excerpt_dock], [360, 440], Qt.Orientation.Horizontal
            )
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        candidates = self.settings.value("view/show_candidates", True)
        show = candidates not in (False, "false", "0", 0)
        if show != self.candidates_action.isChecked():
            self.candidates_action.setChecked(show)
            self.reload()
        filters_open = self.settings.value("search/filters_open", False)
        self.search_panel.filters_button.setChecked(filters_open in (True, "true", "1", 1))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/show_candidates", self.candidates_action.isChecked())
        self.settings.setValue("search/filters_open", self.search_panel.filters_button.isChecked())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self._job is not None:
            self._job.cancel()
        self._pool.waitForDone()
        self.search_panel.shutdown()
        if self.search_session is not self.session:
            with self.lock:
                self.search_session.close()
            self.search_session = self.session
            self.backend.session = self.session
        super().closeEvent(event)


class AboutDialog(QDialog):
    """Offline, where the sources come from, and the licences."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About uzkz-desktop"))
        self.resize(620, 560)
        view = QTextBrowser(self)
        view.setOpenLinks(False)
        view.setHtml(about_html(session, self.tr))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.view = view


def about_html(session: Session, tr: Any) -> str:
    """The About text; every value from the archive is escaped."""
    from uzkz_desktop import __version__

    def e(text: object) -> str:
        return html.escape(str(text))

    rows = []
    for source in session.archive.sources():
        title = f"<b>{e(source.title)}</b>"
        if source.title_en and source.title_en != source.title:
            title += f"<br><i>{e(source.title_en)}</i>"
        who = " · ".join(e(p) for p in (source.author, source.publication, source.issued) if p)
        counted = tr("{0} excerpts · file {1}").format(source.excerpt_count, source.file_name)
        rows.append(f"<li>{title}{'<br>' + who if who else ''}<br><small>{e(counted)}</small></li>")
    stats = session.archive.stats()
    what = tr(
        "An offline archive of Uzbekistan–Kazakhstan relations: a timeline of events, a search"
        " over what the sources say, and the excerpt behind every event, with its page."
    )
    offline = tr(
        "The program never opens a network connection. It works on your copy of the archive:"
    )
    counts = tr("{0} events from {1} sources, {2} excerpts.").format(
        stats.events, stats.sources, stats.excerpts
    )
    licences = tr(
        "uzkz-desktop is free software under the MIT licence. It is built with Qt and PySide6"
        " (LGPLv3), Whoosh (BSD), sqlite-utils (Apache 2.0), NumPy (BSD), PyStemmer (MIT/BSD),"
        " pypdf (BSD) and python-docx (MIT). The excerpts are quoted from the sources listed"
        " above for study and research; their texts belong to their authors."
    )
    return (
        f"<h2>uzkz-desktop {e(__version__)}</h2>"
        f"<p>{e(what)}</p>"
        f"<p><b>{e(tr('Offline.'))}</b> {e(offline)} <code>{e(session.path)}</code></p>"
        f"<p>{e(counts)}</p>"
        f"<h3>{e(tr('Sources'))}</h3><ul>{''.join(rows)}</ul>"
        f"<h3>{e(tr('Licences'))}</h3><p>{e(licences)}</p>"
    )
