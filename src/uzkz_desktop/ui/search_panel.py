"""The search panel: a query box searching as you type, facet filters, and the results.

Searches run in a background thread (one at a time, the newest wins), so typing never
waits for the index. Signals:

- `event_chosen(int)`: the user chose a result (click, Enter, or moving through the list
  with the keyboard);
- `hits_changed(object)`: the ids of every event the search found, or None when there is
  no search (for the timeline's highlight);
- `results_ready()`: a search came back and the list shows it.

The query box, the Filters button and the hint can be made before the panel: the window's
first frame shows them in a `placeholders.SearchHead`, and the panel takes them over
(`SearchPanel(head=...)`), with whatever was typed into the box meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .delegates import ResultDelegate
from .formatting import decade_days, language_name, plural
from .models import BATCH, EVENT_ID_ROLE, FacetModel, SearchResultsModel
from .placeholders import SEARCH_MARGINS, SEARCH_SPACING, SearchHead
from .services import SearchBackend, SearchOutcome, SearchRequest
from .workers import Cancelled, Job, Reporter

if TYPE_CHECKING:
    # Search itself (Whoosh) is imported by the first search, in its thread.
    from uzkz_desktop.archive.models import SourceRow
    from uzkz_desktop.ingest.categories import Category
    from uzkz_desktop.search.model import Hit, SearchFilters

DEBOUNCE_MS = 200
FACETS = ("category", "decade", "source", "tag", "language")


class _Latest:
    """The newest request's serial, read by queued searches to skip themselves."""

    serial = 0


class SearchPanel(QWidget):
    event_chosen = Signal(int)
    hits_changed = Signal(object)  # list[int] | None
    results_ready = Signal()

    def __init__(
        self,
        backend: SearchBackend | None = None,
        parent: QWidget | None = None,
        *,
        head: SearchHead | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._backend = backend
        self._latest = _Latest()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()
        self._shown: SearchRequest | None = None  # the request the list shows
        self._all_ids: tuple[int, ...] | None = None
        self._syncing = False
        self._error: str | None = None
        self._categories: dict[str, Category] = {}
        self._sources: dict[str, SourceRow] = {}
        self._tag_filter: Any = None  # the tag browser's TagFilter (see set_tag_filter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)

        self._build(head if head is not None else SearchHead())

    # -- building --------------------------------------------------------------------------

    def _build(self, head: SearchHead) -> None:
        focused = head.query_box.hasFocus()
        self.query_box = head.query_box
        self.query_box.textEdited.connect(self._on_edited)
        self.query_box.returnPressed.connect(self.search_now)
        self.query_box.installEventFilter(self)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("searchStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        self.did_you_mean = QPushButton(self)
        self.did_you_mean.setObjectName("didYouMean")
        self.did_you_mean.setFlat(True)
        self.did_you_mean.setCursor(Qt.CursorShape.PointingHandCursor)
        self.did_you_mean.setStyleSheet("text-align: left; color: palette(link); padding: 2px;")
        self.did_you_mean.clicked.connect(self._accept_suggestion)
        self.did_you_mean.hide()
        self._suggestion = ""

        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("searchNotice")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(
            "QLabel { background: #fff4d6; color: #5a4300; border: 1px solid #e8cf8a;"
            " border-radius: 3px; padding: 4px; }"
        )
        self.notice_label.hide()

        # filters ------------------------------------------------------------------------
        self.filters_button = head.filters_button
        self.filters_button.toggled.connect(self._show_filters)
        self.clear_filters_button = QToolButton(self)
        self.clear_filters_button.setText(self.tr("Clear filters"))
        self.clear_filters_button.setAutoRaise(True)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.clear_filters_button.hide()

        self.facet_tabs = QTabWidget(self)
        self.facet_tabs.setObjectName("facetTabs")
        self.facet_tabs.setDocumentMode(True)
        self.facet_tabs.setUsesScrollButtons(True)
        self.facet_models: dict[str, FacetModel] = {}
        self.facet_views: dict[str, QListView] = {}
        titles = {
            "category": self.tr("Theme"),
            "decade": self.tr("Decade"),
            "source": self.tr("Source"),
            "tag": self.tr("Tag"),
            "language": self.tr("Language"),
        }
        for facet in FACETS:
            model = FacetModel(
                facet,
                label=self._facet_label(facet),
                single=facet == "decade",
                sort_by_value=facet == "decade",
                parent=self,
            )
            model.checks_changed.connect(self._on_filters_changed)
            view = QListView(self.facet_tabs)
            view.setObjectName(f"facet_{facet}")
            view.setModel(model)
            view.setUniformItemSizes(True)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAccessibleName(titles[facet])
            self.facet_models[facet] = model
            self.facet_views[facet] = view
            self.facet_tabs.addTab(view, titles[facet])
        self.facet_tabs.setMaximumHeight(170)
        self.facet_tabs.hide()

        # results ----------------------------------------------------------------------------
        self.model = SearchResultsModel(self)
        self.model.more_requested.connect(self._fetch_more)
        self.results = QListView(self)
        self.results.setObjectName("results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        # Several rows can be selected for curation (tag, trash); the current row is the
        # event shown everywhere.
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setDragEnabled(True)  # onto a tag in the tag browser
        self.results.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.clicked.connect(self._choose_index)
        self.results.activated.connect(self._choose_index)
        self.results.selectionModel().currentChanged.connect(self._on_current_changed)
        self.results.installEventFilter(self)

        self.hint = head.hint
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.results)

        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.addWidget(self.filters_button)
        filter_row.addStretch(1)
        filter_row.addWidget(self.clear_filters_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*SEARCH_MARGINS)
        layout.setSpacing(SEARCH_SPACING)
        layout.addWidget(self.query_box)
        layout.addLayout(filter_row)
        layout.addWidget(self.facet_tabs)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.did_you_mean)
        layout.addWidget(self.stack, 1)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        head.hide()  # empty now
        head.deleteLater()
        self._update_filters_button()
        self._update_status()
        self._show_filters(self.filters_button.isChecked())
        if focused:
            self.query_box.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.query_box.text():  # typed before the panel was made
            self._debounce.start()

    # -- configuration -----------------------------------------------------------------------

    def set_backend(self, backend: SearchBackend | None) -> None:
        self._backend = backend
        self.refresh()

    def set_categories(self, categories: Iterable[Category]) -> None:
        self._categories = {c.id: c for c in categories}
        self.model.set_category_colors({c.id: c.color for c in self._categories.values()})

    def set_sources(self, sources: Iterable[SourceRow]) -> None:
        self._sources = {s.key: s for s in sources}
        labels = {key: _source_label(row) for key, row in self._sources.items()}
        self.model.set_source_labels(labels)

    def _facet_label(self, facet: str) -> Any:
        if facet == "category":
            return lambda value: (
                self._categories[value].label_en if value in self._categories else value
            )
        if facet == "source":
            return lambda value: (
                _source_label(self._sources[value]) if value in self._sources else value
            )
        if facet == "language":
            return language_name
        return lambda value: value

    # -- querying -------------------------------------------------------------------------------

    def query(self) -> str:
        return self.query_box.text()

    def set_query(self, text: str, *, now: bool = True) -> None:
        self.query_box.setText(text)
        if now:
            self.search_now()
        else:
            self._debounce.start()

    def focus_query(self) -> None:
        self.query_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_box.selectAll()

    def filters(self) -> SearchFilters | None:
        checked = {facet: model.checked_values() for facet, model in self.facet_models.items()}
        if not any(checked.values()) and self._tag_filter is None:
            return None
        days = [decade_days(d) for d in checked["decade"]]
        spans = [d for d in days if d is not None]
        from uzkz_desktop.search.model import SearchFilters

        tag_filter = self._tag_filter
        tags: dict[str, Any] = {"tags": checked["tag"]}
        if tag_filter is not None:  # the tag browser's, with the facet's ticks
            tags = {
                "tags": tuple(dict.fromkeys((*checked["tag"], *tag_filter.include))),
                "exclude_tags": tag_filter.exclude,
                "all_tags": tag_filter.all_tags,
            }
        return SearchFilters(
            categories=checked["category"],
            sources=checked["source"],
            languages=checked["language"],
            start_day=min(s for s, _ in spans) if spans else None,
            end_day=max(e for _, e in spans) if spans else None,
            **tags,
        )

    def set_tag_filter(self, tag_filter: Any) -> None:
        """The tag browser's filter (a TagFilter: include, exclude, all_tags), or None.
        With no query typed, the results then list every event that passes it."""
        self._tag_filter = None if tag_filter is None or tag_filter.is_empty else tag_filter
        self.search_now()

    def selected_ids(self) -> list[int]:
        """The events of the selected rows, the current row last."""
        rows = sorted(i.row() for i in self.results.selectionModel().selectedRows())
        ids = [int(self.model.index(r).data(EVENT_ID_ROLE)) for r in rows]
        current = self.results.currentIndex()
        if current.isValid() and current.row() in rows:
            ids.remove(int(current.data(EVENT_ID_ROLE)))
            ids.append(int(current.data(EVENT_ID_ROLE)))
        return ids

    def set_filter(self, facet: str, values: Sequence[str]) -> None:
        self.facet_models[facet].set_checked(values)

    def clear_filters(self) -> None:
        for model in self.facet_models.values():
            model.blockSignals(True)
            model.set_checked(())
            model.blockSignals(False)
        self._on_filters_changed()

    def _on_edited(self, _text: str) -> None:
        self._debounce.start()

    def _on_filters_changed(self) -> None:
        self._update_filters_button()
        self.search_now()

    def search_now(self) -> None:
        """Run the search for what the box says now (Enter, the debounce, a filter)."""
        self._debounce.stop()
        query = self.query().strip()
        filters = self.filters()
        if not query and filters is None:
            self._latest.serial += 1
            self._shown = None
            self._error = None
            self._show_outcome(None)
            return
        self._start(SearchRequest(query, filters, BATCH))

    def refresh(self) -> None:
        """Search again (the archive or its index changed)."""
        if self._shown is not None or self.query().strip():
            self.search_now()

    def _fetch_more(self, limit: int) -> None:
        shown = self._shown
        if shown is None:
            return
        self._start(SearchRequest(shown.query, shown.filters, limit), more=True)

    def _start(self, request: SearchRequest, *, more: bool = False) -> None:
        backend = self._backend
        if backend is None:
            return
        self._latest.serial += 1
        serial = self._latest.serial
        request = SearchRequest(request.query, request.filters, request.limit, serial)
        latest = self._latest

        def work(reporter: Reporter) -> SearchOutcome:
            if latest.serial != serial:
                raise Cancelled  # a newer search was asked for while this one waited
            return backend.run(request)

        job = Job(work, title="search", parent=self)
        job.finished.connect(lambda outcome: self._on_outcome(outcome, more))
        job.failed.connect(lambda message: self._on_failed(serial, message))
        job.ended.connect(lambda: self._forget(job))
        self._jobs.add(job)
        self._update_status(searching=True)
        job.start(self._pool)

    def _forget(self, job: Job) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if not self._jobs:
            self._update_status()

    def _on_outcome(self, outcome: SearchOutcome, more: bool) -> None:
        if outcome.request.serial != self._latest.serial:
            return  # an older search: the newer one will answer
        self._error = None
        if more and self._shown is not None:
            self.model.extend(outcome)
            self._update_status()
            self.results_ready.emit()
            return
        self._shown = outcome.request
        self._show_outcome(outcome)

    def _on_failed(self, serial: int, message: str) -> None:
        if serial != self._latest.serial:
            return
        self._error = message
        self._shown = None
        self.model.clear()
        self._all_ids = None
        self.hits_changed.emit(None)
        self._update_status()
        self.results_ready.emit()

    def _show_outcome(self, outcome: SearchOutcome | None) -> None:
        self.model.set_outcome(outcome)
        result = None if outcome is None else outcome.result
        for facet, model in self.facet_models.items():
            model.blockSignals(True)
            model.set_counts(None if result is None else result.facets.get(facet))
            model.blockSignals(False)
        self._suggestion = (result.did_you_mean or "") if result is not None else ""
        if self._suggestion and self._suggestion.strip() != self.query().strip():
            self.did_you_mean.setText(
                self.tr("Did you mean “{0}”?").format(self._suggestion.replace("&", "&&"))
            )
            self.did_you_mean.show()
        else:
            self.did_you_mean.hide()
        notice = result.notice if result is not None else None
        self.notice_label.setText(notice or "")
        self.notice_label.setVisible(bool(notice))
        self.stack.setCurrentWidget(self.hint if outcome is None else self.results)
        self._all_ids = None if outcome is None else outcome.all_ids
        self._update_status()
        self.hits_changed.emit(None if outcome is None else list(outcome.all_ids))
        self.results_ready.emit()

    def _accept_suggestion(self) -> None:
        if self._suggestion:
            self.set_query(self._suggestion)

    # -- status ---------------------------------------------------------------------------------

    def _update_status(self, *, searching: bool = False) -> None:
        if searching:
            self.status_label.setText(self.tr("Searching…"))
            return
        if self._error:
            self.status_label.setText(self.tr("The search failed: {0}").format(self._error))
            self.status_label.setStyleSheet("color: #b00020;")
            return
        self.status_label.setStyleSheet("color: palette(placeholder-text);")
        if self._shown is None:
            self.status_label.setText("")
            self.status_label.setVisible(False)
            return
        self.status_label.setVisible(True)
        total, shown = self.model.total, self.model.rowCount()
        if total == 0:
            self.status_label.setText(self.tr("No event matches."))
        elif shown < total:
            self.status_label.setText(
                self.tr("{hits} — showing {shown}; scroll for more").format(
                    hits=plural("%n hit(s)", total), shown=shown
                )
            )
        else:
            self.status_label.setText(plural("%n hit(s)", total))

    def _show_filters(self, shown: bool) -> None:
        self.facet_tabs.setVisible(shown)
        self.filters_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _update_filters_button(self) -> None:
        active = sum(len(m.checked_values()) for m in self.facet_models.values())
        if active:
            self.filters_button.setText(self.tr("Filters ({0} active)").format(active))
        else:
            self.filters_button.setText(self.tr("Filters"))
        self.clear_filters_button.setVisible(bool(active))

    @property
    def searching(self) -> bool:
        return bool(self._jobs) or self._debounce.isActive()

    def total_hits(self) -> int | None:
        """How many events the shown search found (None: no search)."""
        return None if self._shown is None else self.model.total

    def query_terms(self) -> tuple[str, ...]:
        """The index keys the shown search looked for (to mark them in other texts)."""
        outcome = self.model.outcome
        return () if outcome is None else outcome.result.query_terms

    def hit_ids(self) -> list[int] | None:
        return None if self._all_ids is None else list(self._all_ids)

    # -- choosing -------------------------------------------------------------------------------

    def hit_for(self, event_id: int) -> Hit | None:
        return self.model.hit_for(event_id)

    def select_event(self, event_id: int | None) -> None:
        """Mark the event's row if it is listed (without emitting event_chosen)."""
        self._syncing = True
        try:
            selection = self.results.selectionModel()
            row = None if event_id is None else self.model.row_of(event_id)
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
                return
            index = self.model.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.results.scrollTo(index)
        finally:
            self._syncing = False

    def _choose_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.event_chosen.emit(int(index.data(EVENT_ID_ROLE)))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid() and self.results.hasFocus():
            self._choose_index(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            down = key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            if watched is self.query_box and down and self.model.rowCount():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0))
                return True
            at_top = self.results.currentIndex().row() <= 0
            if watched is self.results and key == Qt.Key.Key_Up and at_top:
                self.query_box.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
            if watched is self.results and event.matches(QKeySequence.StandardKey.Find):
                self.focus_query()
                return True
        return super().eventFilter(watched, event)

    # -- lifetime -------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Wait for a running search to end (before the session closes)."""
        self._latest.serial += 1
        self._debounce.stop()
        self._pool.waitForDone()


def _source_label(row: SourceRow) -> str:
    title = row.title_en or row.title
    if row.author:
        return f"{row.author.split()[0]} — {title}"
    return title
