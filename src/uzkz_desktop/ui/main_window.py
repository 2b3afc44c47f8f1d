"""The main window: the timeline in the middle, search on the left, the excerpt on the right.

Selection is kept in step everywhere: choosing a search result selects the event on the
timeline (centred) and shows it in the excerpt panel; selecting on the timeline shows it
and marks its result row; a query lights its hits on the timeline and dims the rest.

Long work — importing documents, rebuilding the search index — runs in a Job (see
`workers`) with a progress bar and a Cancel button in the status bar; the window keeps
responding, and when the work is done the timeline, the sources and the search are reloaded.

Start-up. `MainWindow.opening(path)` (what `uzkz gui` shows) paints a first frame before
it opens the archive: the menu bar, the docks with the search box and the side panel's
empty state, and the timeline's empty frame saying "Opening the archive…" — Qt and little
else, from a few small modules (see `placeholders`). Right after that first paint the
archive is opened in the background (a Job: opening it loads SQLite through sqlite_utils
and NumPy; then the events are read) while the window makes the timeline widget. When
the events are read the timeline takes the frame's place and `data_loaded` is emitted;
in the next turns of the event loop the window makes the rest of itself (actions and
menus, the search panel — which takes over the search box, with anything typed in it —
and the side panel), then opens (or builds) the search index in the background. Until
the events are shown `session` and `timeline` are None, and what needs them is not there
or disabled. Search and import (Whoosh, the date grammar) are imported when first used.

`MainWindow(session)` does all of it at once, on a session already open.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from .placeholders import SearchHead, TimelinePlaceholder, excerpt_placeholder

if TYPE_CHECKING:
    # Imported where they are used, after the first frame (see the docstring).
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
    from PySide6.QtWidgets import QDialog, QMenu, QProgressBar, QPushButton, QToolButton

    from uzkz_desktop.app import Session, TimelineData
    from uzkz_desktop.archive.models import SourceRow

    from .curation.window import CurationController
    from .search_panel import SearchPanel
    from .services import SearchFunction, SessionBackend
    from .window_jobs import ImportReport, Opened
    from .workers import Job

ORGANISATION = "uzkz"
APPLICATION = "uzkz-desktop"
DOCUMENT_FILTER = "*.txt *.md *.html *.htm *.pdf *.docx"
DEFAULT_SIZE = (1440, 900)  # the first time; then as the user left it
# The docks' share of the window's width when nothing is saved: 360 and 440 px of 1600.
SEARCH_SHARE, EXCERPT_SHARE = 360 / 1600, 440 / 1600
SEARCH_WIDTHS, EXCERPT_WIDTHS = (300, 420), (340, 520)  # within these bounds


def default_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def make_timeline(parent: QWidget | None = None) -> QWidget:
    from .timeline_widget import TimelineWidget  # imported late: the heaviest module

    return TimelineWidget(parent)


class MainWindow(QMainWindow):
    """The window over one Session. `search` replaces the session's search (tests).

    `MainWindow(session)` shows an open session at once; `MainWindow.opening(path)`
    paints first and opens the archive then (see the module's docstring).
    """

    job_ended = Signal()
    data_loaded = Signal()  # the timeline shows the archive's events (again after a reload)
    open_failed = Signal(str)  # `opening`: the archive cannot be opened; the reason

    def __init__(
        self,
        session: Session | None,
        *,
        settings: QSettings | None = None,
        search: SearchFunction | None = None,
        parent: QWidget | None = None,
        archive_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.archive_path = session.path if session is not None else archive_path
        self.session: Any = session  # Session | None (None while opening)
        self.search_session: Any = None  # the search index's own Session, see _bind_panels
        self.settings = settings if settings is not None else default_settings()
        self.lock = threading.RLock()  # every use of the session's search index holds it
        self.backend: SessionBackend | None = None
        self.timeline: Any = None  # the TimelineWidget, in the frame once there are events
        self.placeholder: TimelinePlaceholder | None = None
        # The panels are made with the rest of the window (_complete_window); until then
        # the docks show what the first frame needs (see placeholders).
        self.search_panel: SearchPanel | None = None
        self.excerpt_panel: Any = None  # ExcerptPanel
        self.curation: CurationController  # made with the rest of the window
        self._search = search
        self._owns_session = False  # opened by the window, so closed by it
        self._opened: Opened | None = None  # what the opening job made, until bound
        self._complete = False
        self._closing = False
        self._data: TimelineData | None = None
        self._hits: list[int] | None = None
        self._selected: int | None = None
        self._source_count = 0
        self._syncing = False
        self._job: Job | None = None
        self._job_cancellable = True
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._dock_sizes_pending = True  # default dock widths, set when first shown

        self._build_first_frame()
        self._restore_settings()
        if session is not None:
            from .window_jobs import search_session_for

            self._complete_window()
            self.search_session = search_session_for(session)
            self._bind_panels()
            self._install_timeline()
            self.reload()
            if search is None:
                self._prepare_index()

    @classmethod
    def opening(
        cls,
        path: Path | None = None,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> MainWindow:
        """A window that paints first and then opens the archive at `path` (the user's
        copy of the bundled one when None). When it cannot be opened, `open_failed` says
        why and the window stays empty; the window closes the archive when it closes."""
        window = cls(None, settings=settings, parent=parent, archive_path=path)
        assert window.placeholder is not None
        window.placeholder.painted.connect(window._after_first_paint)
        return window

    # -- building ----------------------------------------------------------------------------------

    def _build_first_frame(self) -> None:
        """What the first frame shows: title, menu bar, the docks (the search box, the side
        panel's empty state), the timeline's frame (or, later, the timeline) and the counts."""
        name = self.archive_path.name if self.archive_path is not None else None
        self._set_title(name)
        if self.session is None:
            self.placeholder = TimelinePlaceholder(self.tr("Opening the archive…"), self)
            self.setCentralWidget(self.placeholder)
        self.search_dock = self._dock(SearchHead(self), self.tr("Search"), "searchDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.search_dock)
        self.excerpt_dock = self._dock(
            excerpt_placeholder(self), self.tr("Source excerpt"), "excerptDock"
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.excerpt_dock)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        menus = self.menuBar()
        self._menus = {
            key: menus.addMenu(title)
            for key, title in (
                ("file", self.tr("&File")),
                ("edit", self.tr("&Edit")),
                ("view", self.tr("&View")),
                ("go", self.tr("&Go")),
                ("help", self.tr("&Help")),
            )
        }
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.counts_label)

    def _set_title(self, name: str | None) -> None:
        if name:
            self.setWindowTitle(self.tr("Uzbekistan–Kazakhstan archive — {0}").format(name))
        else:
            self.setWindowTitle(self.tr("Uzbekistan–Kazakhstan archive"))

    def _complete_window(self) -> None:
        """The rest of the window: actions and menus, the job's place in the status bar,
        the search panel's result list and facets, the side panel (once)."""
        if self._complete:
            return
        self._complete = True
        from .excerpt_panel import ExcerptPanel
        from .search_panel import SearchPanel

        head = self.search_dock.widget()
        assert isinstance(head, SearchHead)
        self.search_panel = SearchPanel(None, self, head=head)  # takes the head's widgets
        self.search_dock.setWidget(self.search_panel)
        self.excerpt_panel = ExcerptPanel(None, self)  # given the session by _bind_panels
        placeholder = self.excerpt_dock.widget()
        self.excerpt_dock.setWidget(self.excerpt_panel)
        if placeholder is not None:
            placeholder.hide()  # at once: deleteLater waits for the event loop
            placeholder.deleteLater()
        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        from .curation.window import CurationController

        self.curation = CurationController(self)
        self.curation.install_on(self.search_panel.results)
        self._connect()
        if self.timeline is not None and self.centralWidget() is self.timeline:
            self.timeline.addAction(self.fit_action)
            self.curation.install_on(self.timeline)
        candidates = self.settings.value("view/show_candidates", True)
        self.candidates_action.setChecked(candidates not in (False, "false", "0", 0))
        self._update_actions()

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
        from PySide6.QtWidgets import QProgressBar, QPushButton

        bar = self.statusBar()
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar: QProgressBar = QProgressBar(self)
        self.progress_bar.setObjectName("progress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.cancel_button: QPushButton = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelJob")
        self.cancel_button.clicked.connect(self.cancel_job)
        bar.removeWidget(self.counts_label)
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        bar.addPermanentWidget(self.counts_label)
        self.counts_label.show()
        if self._job is not None:  # the opening job, already running
            self.progress_label.setText(self._job.title)
            self.progress_bar.setRange(0, 0)

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
        from .widgets import make_action

        action = make_action(self, text, slot, shortcut, name=name, tip=tip, checkable=checkable)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

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
        self.removeAction(self.fit_action)  # the timeline's (see _install_timeline)
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
        file_menu = self._menus["file"]
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.reindex_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self._menus["edit"]
        edit_menu.addAction(self.copy_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = self._menus["view"]
        view_menu.addAction(self.fit_action)
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addSeparator()
        view_menu.addAction(self.candidates_action)
        view_menu.addSeparator()
        view_menu.addAction(self.search_dock.toggleViewAction())
        view_menu.addAction(self.excerpt_dock.toggleViewAction())
        go_menu = self._menus["go"]
        go_menu.addAction(self.next_action)
        go_menu.addAction(self.previous_action)
        help_menu = self._menus["help"]
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.search_panel.event_chosen.connect(self._on_result_chosen)
        self.search_panel.hits_changed.connect(self._on_hits_changed)
        self.excerpt_panel.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.excerpt_panel.excerpt_changed.connect(self._update_actions)

    # -- opening -----------------------------------------------------------------------------------

    def _after_first_paint(self) -> None:
        """Runs once the first frame is painted: from the next turn of the event loop, open
        the archive in the background and meanwhile make the timeline widget."""
        if self.placeholder is not None:
            self.placeholder.painted.disconnect(self._after_first_paint)
        QTimer.singleShot(0, self, self._start_opening)
        QTimer.singleShot(0, self, self._prepare_timeline)

    def _prepare_timeline(self) -> None:
        if self._closing or self.timeline is not None:
            return
        self.timeline = make_timeline(self)  # in the frame when the events are read
        self.timeline.hide()
        self._show_opened()  # when the archive was opened first

    def _start_opening(self) -> None:
        """Open the archive and read its events in the background (see `opening_job`)."""
        from .window_jobs import opening_job

        if self._closing or self.session is not None or self._job is not None:
            return
        candidates = self.settings.value("view/show_candidates", True)
        job, self._opened = opening_job(
            self.archive_path,
            candidates=candidates not in (False, "false", "0", 0),
            title=self.tr("Opening the archive…"),
            parent=self,
        )
        job.failed.connect(self._on_open_failed)
        self.run_job(job, quiet_ms=600, cancellable=False)  # shown by _on_job_ended

    def _show_opened(self) -> None:
        """The opening job ended (`_on_job_ended` calls this): show the events on the
        timeline now, and make the rest of the window in the next turn of the loop."""
        opened = self._opened
        if opened is None or opened.session is None or opened.data is None:
            return
        if self._closing:
            self._opened = None
            opened.close()
            return
        if self._job is not None:
            return  # the job has not ended yet: _on_job_ended comes back
        self._opened = None
        self._owns_session = True
        self.session = opened.session
        self.search_session = opened.search_session or opened.session
        self.archive_path = self.session.path
        self._set_title(self.session.path.name)
        self._install_timeline()
        data, sources = opened.data, opened.sources
        self._show_events(data, len(sources))
        self.data_loaded.emit()
        QTimer.singleShot(0, self, lambda: self._finish_opening(data, sources))

    def _finish_opening(self, data: TimelineData, sources: Sequence[SourceRow]) -> None:
        """The rest of the window, given the session; then the search index."""
        if self._closing:
            return
        self._complete_window()
        self._bind_panels()
        self._fill_panels(data, sources)
        if self._selected is not None:  # chosen on the timeline in the meantime
            self._show_selected()
        self._update_actions()
        QTimer.singleShot(0, self, self._prepare_index)

    def _on_open_failed(self, message: str) -> None:
        self._opened = None
        if self.placeholder is not None:
            self.placeholder.set_message(self.tr("The archive cannot be opened."))
        self.counts_label.setText("")
        self.statusBar().showMessage(message)
        self.open_failed.emit(message)

    def _bind_panels(self) -> None:
        """Give the panels the session. The search index is used from worker threads only:
        through its own Session (`search_session`, own SQLite connection), always under
        `lock`, so no connection is shared by threads that may run at once."""
        from .services import SessionBackend

        self.backend = SessionBackend(self.search_session, search=self._search, lock=self.lock)
        self.excerpt_panel.set_session(self.session)
        self.search_panel.set_backend(self.backend)
        self.curation.attach(self.session)

    def _install_timeline(self) -> None:
        """The timeline takes its place in the middle (the placeholder goes)."""
        if self.timeline is None:
            self.timeline = make_timeline(self)
        if self.centralWidget() is self.timeline:
            return
        self.timeline.setObjectName("timeline")
        self.setCentralWidget(self.timeline)  # deletes the placeholder
        self.placeholder = None
        self.timeline.show()
        self.timeline.event_selected.connect(self._on_timeline_selected)
        self.timeline.event_activated.connect(self._on_timeline_activated)
        self.timeline.selection_changed.connect(self._on_selection_changed)
        if self._complete:
            self.timeline.addAction(self.fit_action)
            self.curation.install_on(self.timeline)

    @property
    def loaded(self) -> bool:
        """The timeline shows the archive's events."""
        return self._data is not None

    # -- data --------------------------------------------------------------------------------------

    def reload(self) -> None:
        """(Re)read what the window shows from the archive."""
        if self.session is None or self.timeline is None:
            return  # still opening: the events are shown once they are read
        data = self.session.timeline_data(include_candidates=self.candidates_action.isChecked())
        sources = self.session.archive.sources()
        self._show_events(data, len(sources))
        self._fill_panels(data, sources)
        self.data_loaded.emit()

    def _show_events(self, data: TimelineData, source_count: int) -> None:
        """The timeline shows `data`: highlights and the selection are kept where they
        still exist; the counts say what there is."""
        self._data = data
        self._source_count = source_count
        self.timeline.set_data(data)
        if self._hits is not None:
            self.timeline.set_highlighted(self._hits)
        selected = self._selected
        if selected is not None and data.events.index_of(selected) is None:
            self.select_event(None)  # e.g. a candidate, now that candidates are hidden
        elif selected is not None:
            self.timeline.select(selected)
        if self._complete:
            self.curation.apply_marks()
            self.curation.apply_filter()
        self._update_counts()
        self._update_actions()

    def _fill_panels(self, data: TimelineData, sources: Sequence[SourceRow]) -> None:
        """The panels learn the categories and the sources; the side panel shows its
        event again (the archive may have changed)."""
        self.search_panel.set_categories(data.categories)
        self.search_panel.set_sources(sources)
        self.excerpt_panel.set_categories(data.categories)
        self.excerpt_panel.reload()

    @property
    def timeline_data(self) -> TimelineData | None:
        return self._data

    def _update_counts(self) -> None:
        from .formatting import count_words

        events = 0 if self._data is None else len(self._data.events)
        hits = None if self.search_panel is None else self.search_panel.total_hits()
        self.counts_label.setText(count_words(events, self._source_count, hits))

    def _update_actions(self) -> None:
        if not self._complete:
            return
        has_excerpt = self.excerpt_panel.current_excerpt() is not None
        self.copy_action.setEnabled(has_excerpt)
        ready = self._data is not None
        busy = self._job is not None
        editable = self.curation.curator is None or self.curation.editable
        self.import_action.setEnabled(ready and not busy and editable)
        self.reindex_action.setEnabled(ready and not busy)
        for action in (
            self.fit_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.candidates_action,
            self.next_action,
            self.previous_action,
        ):
            action.setEnabled(ready)
        self.curation.update_actions()

    # -- selection ---------------------------------------------------------------------------------

    def selected_event(self) -> int | None:
        return self._selected

    def selected_ids(self) -> list[int]:
        """The events a curation command applies to: the rows selected in the result list
        when it has the focus, else those selected on the timeline (the current one last)."""
        if self.search_panel is not None and self.search_panel.results.hasFocus():
            rows = self.search_panel.selected_ids()
            if rows:
                return rows
        if self.timeline is not None:
            ids = [int(i) for i in self.timeline.selected_ids()]
            if ids:
                return ids
        return [] if self._selected is None else [self._selected]

    def _on_selection_changed(self, _ids: object = None) -> None:
        if self._complete:
            self.curation.update_actions()

    def menu(self, key: str) -> QMenu:
        """A menu of the menu bar: file, edit, view, go, help."""
        return self._menus[key]

    def select_event(self, event_id: int | None, *, centre: bool = True) -> None:
        """Select an event everywhere: timeline (centred), excerpt panel, result row."""
        self._selected = event_id if event_id is not None and event_id >= 0 else None
        if self.timeline is not None:
            self._syncing = True
            try:
                self.timeline.select(self._selected, centre=centre)
            finally:
                self._syncing = False
        self._show_selected()

    def _show_selected(self) -> None:
        if self.excerpt_panel is None:
            return
        self.curation.update_actions()
        event_id = self._selected
        hit = None if event_id is None else self.search_panel.hit_for(event_id)
        terms = self.search_panel.query_terms()
        self.excerpt_panel.show_event(event_id, hit=hit, terms=terms)
        self.search_panel.select_event(event_id)

    def _on_result_chosen(self, event_id: int) -> None:
        if self.excerpt_panel is None:
            return
        if event_id == self._selected and self.excerpt_panel.event_id() == event_id:
            if self.timeline is not None:
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
        if self.timeline is not None:
            self.timeline.set_highlighted(self._hits)
        self._update_counts()
        if self._selected is not None and self.excerpt_panel is not None:
            # the search's words in the excerpt, or none now
            self.excerpt_panel.show_event(
                self._selected,
                hit=self.search_panel.hit_for(self._selected),
                terms=self.search_panel.query_terms(),
            )
            self.search_panel.select_event(self._selected)

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) event in time, among the hits if any."""
        import numpy as np

        from uzkz_desktop.timeline.navigation import step_event

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
        if self.timeline is not None:
            self.timeline.fit_all()

    def zoom(self, direction: int) -> None:
        """Zoom about the centre of the view (the timeline's own +/− keys do the same)."""
        if self.timeline is None:
            return
        method = getattr(self.timeline, "zoom_in" if direction > 0 else "zoom_out", None)
        if callable(method):
            method()
            return
        view = self.timeline.viewport()
        view = view.zoom_in() if direction > 0 else view.zoom_out()
        self.timeline.show_range(math.floor(view.start), math.ceil(view.end) - 1)

    def show_range(self, first_day: float, last_day: float) -> None:
        if self.timeline is not None:
            self.timeline.show_range(first_day, last_day)

    def _candidates_toggled(self, _checked: bool = False) -> None:
        self.reload()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_query()

    def copy_citation(self) -> str | None:
        copied = None if self.excerpt_panel is None else self.excerpt_panel.copy_citation()
        if copied is None:
            self.statusBar().showMessage(self.tr("Select an event first."), 3000)
        return copied

    # -- long work ---------------------------------------------------------------------------------

    @property
    def job(self) -> Job | None:
        return self._job

    def run_job(self, job: Job, *, quiet_ms: int = 0, cancellable: bool = True) -> Job:
        """Run one long job at a time, its progress and Cancel in the status bar (shown
        after `quiet_ms`, so that work which ends at once does not flash it)."""
        if self._job is not None:
            raise RuntimeError("another job is running")
        self._job = job
        self._job_cancellable = cancellable
        job.progress.connect(self._on_progress)
        job.ended.connect(self._on_job_ended)
        if self._complete:
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
        if self._job is job and self._complete:
            self.progress_label.show()
            self.progress_bar.show()
            self.cancel_button.setVisible(self._job_cancellable)

    def cancel_job(self) -> None:
        if self._job is not None and self._complete:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    def _on_progress(self, message: str, done: int, total: int) -> None:
        if not self._complete or (self._job is not None and self._job.cancelling):
            return
        self.progress_label.setText(message)
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)

    def _on_job_ended(self) -> None:
        job, self._job = self._job, None
        if self._complete:
            for widget in (self.progress_label, self.progress_bar, self.cancel_button):
                widget.hide()
        if job is not None:
            job.deleteLater()
        self._update_actions()
        self.job_ended.emit()
        if self._opened is not None:
            self._show_opened()

    def _prepare_index(self) -> None:
        """Open (or rebuild, with progress) the search index before the first search."""
        from .window_jobs import index_job

        if self._job is not None or self._closing or self.search_session is None:
            return
        job = index_job(
            self.search_session, self.lock, rebuild=False, parent=self,
            title=self.tr("Preparing the search index…"), label=self.tr("Indexing"),
        )  # fmt: skip
        job.failed.connect(self._on_index_failed)
        self.run_job(job, quiet_ms=400)

    def _on_index_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("The search index is not ready: {0}").format(message))

    def reindex(self) -> Job | None:
        from .window_jobs import index_job

        if self._job is not None or self.search_session is None:
            return None
        job = index_job(
            self.search_session, self.lock, rebuild=True, parent=self,
            title=self.tr("Rebuilding the search index…"), label=self.tr("Indexing"),
        )  # fmt: skip
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
        from PySide6.QtWidgets import QFileDialog

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
        from .window_jobs import import_job

        if self._job is not None or not paths or self.session is None:
            return None
        file_step = self.tr("File {0} of {1}: {2}")
        job, report = import_job(
            self.session.path, self.search_session, self.lock, paths, parent=self,
            title=self.tr("Importing documents…"), file_step=file_step.format,
        )  # fmt: skip
        job.finished.connect(lambda done: self._after_import(done))
        job.cancelled.connect(lambda: self._after_import(report, cancelled=True))
        job.failed.connect(self._on_import_failed)
        return self.run_job(job)

    def _after_import(self, report: ImportReport, *, cancelled: bool = False) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .formatting import plural

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

    def about(self) -> QDialog | None:
        from .about import AboutDialog

        if self.session is None:
            return None
        dialog = AboutDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- settings ----------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        """The window as the user left it. The first time, DEFAULT_SIZE, with the docks at
        their default share of the width (set when the window is first shown)."""
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self._dock_sizes_pending = not self.restoreState(state)
        filters_open = self.settings.value("search/filters_open", False)
        self._filters_button().setChecked(filters_open in (True, "true", "1", 1))

    def _filters_button(self) -> QToolButton:
        if self.search_panel is not None:
            return self.search_panel.filters_button
        head = self.search_dock.widget()
        assert isinstance(head, SearchHead)
        return head.filters_button

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self._complete:
            self.settings.setValue("view/show_candidates", self.candidates_action.isChecked())
        self.settings.setValue("search/filters_open", self._filters_button().isChecked())
        self.settings.sync()

    def default_dock_widths(self, width: int | None = None) -> tuple[int, int]:
        """The search and excerpt docks' widths for a window `width` px wide: 360 and 440
        at 1600 px, in proportion otherwise (within bounds); the timeline has the rest."""
        width = self.width() if width is None else width
        search = round(min(max(width * SEARCH_SHARE, SEARCH_WIDTHS[0]), SEARCH_WIDTHS[1]))
        excerpt = round(min(max(width * EXCERPT_SHARE, EXCERPT_WIDTHS[0]), EXCERPT_WIDTHS[1]))
        return search, excerpt

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dock_sizes_pending:  # nothing restored: the default proportions
            self._dock_sizes_pending = False
            self.resizeDocks(
                [self.search_dock, self.excerpt_dock],
                list(self.default_dock_widths()),
                Qt.Orientation.Horizontal,
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the settings, stop the background work (a running job is cancelled and
        stops at its next step; the window waits for that) and close what it opened."""
        self._closing = True
        self.save_settings()
        if self._job is not None:
            self._job.cancel()
        self._pool.waitForDone()
        if self.search_panel is not None:
            self.search_panel.shutdown()
        if self._opened is not None:  # opened, but not shown yet
            self._opened.close()
            self._opened = None
        if self._complete:
            self.curation.detach()
        if self.search_session is not None and self.search_session is not self.session:
            with self.lock:
                self.search_session.close()
            self.search_session = self.session
            if self.backend is not None:
                self.backend.session = self.session
        if self._owns_session and self.session is not None:
            self._owns_session = False
            self.session.close()
        super().closeEvent(event)
