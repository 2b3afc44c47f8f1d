"""The tag browser: the tag tree as a filter, for a dock beside the timeline.

`TagBrowser(session_or_curator, parent)` lists the tags with their counts. Clicking a tag
(or Space on it) cycles it: shown (✓, green: the events with it) → hidden (✗, red: the
events without it) → off. Any/All says whether an event needs one of the shown tags or
all of them; Clear turns every tag off. Each change emits `filter_changed(TagFilter)`.

Dropping events on a tag (`EVENT_IDS_MIME`, from the timeline or the results) puts the tag
on them through the Curator, as one step of the undo history. Given a Session alone, the
browser only filters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..widgets import muted_style, plain_label
from .curator import Curator
from .tag_model import (
    EVENTS,
    EXCERPTS,
    FILTER_STATE_ROLE,
    KEY,
    NAME,
    NAME_ROLE,
    TagFilter,
    TagFilterProxy,
    TagState,
    TagTreeModel,
    tag_rows,
    tag_totals,
)

if TYPE_CHECKING:
    from uzkz_desktop.app import Session

    from .curator import Change

AnyIndex = QModelIndex | QPersistentModelIndex

INCLUDE_INK = QColor("#17692f")
INCLUDE_WASH = QColor("#e2f3e5")
EXCLUDE_INK = QColor("#a61b1b")
EXCLUDE_WASH = QColor("#fbe4e2")
INCLUDE_MARK = "✓"
EXCLUDE_MARK = "✗"


class _MarkDelegate(QStyledItemDelegate):
    """Draws a tag the filter shows with a green ✓, one it hides with a red ✗ (struck)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        state = index.data(FILTER_STATE_ROLE)
        if state not in (TagState.INCLUDE, TagState.EXCLUDE):
            return
        include = state == TagState.INCLUDE
        ink, wash = (INCLUDE_INK, INCLUDE_WASH) if include else (EXCLUDE_INK, EXCLUDE_WASH)
        option.backgroundBrush = QBrush(wash)
        colors = QPalette(option.palette)
        colors.setColor(QPalette.ColorRole.Text, ink)
        option.palette = colors
        if index.column() != NAME:
            return
        option.text = f"{INCLUDE_MARK if include else EXCLUDE_MARK} {option.text}"
        font = QFont(option.font)
        font.setBold(include)
        font.setStrikeOut(not include)
        option.font = font


class _TagTree(QTreeView):
    """The tree; Space cycles the current tag, Delete turns it off."""

    cycle_requested = Signal(QModelIndex)
    off_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if index.isValid() and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_Space:
                self.cycle_requested.emit(index)
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.off_requested.emit(index)
                event.accept()
                return
        super().keyPressEvent(event)


class TagBrowser(QWidget):
    """The tags as an include/exclude filter (see the module's docstring)."""

    filter_changed = Signal(object)  # TagFilter

    def __init__(self, source: Session | Curator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagBrowser")
        if isinstance(source, Curator):
            self.curator: Curator | None = source
            self.session = source.session
        else:
            self.curator = None
            self.session = source
        self._filter = TagFilter()

        self.model = TagTreeModel(self, drop_target=self.curator is not None)
        self.model.events_dropped.connect(self.tag_events)
        self.proxy, self.find_box = TagFilterProxy.with_find_box(self, self.model, "tagBrowserFind")
        self.find_box.textChanged.connect(self._find)

        self.view = _TagTree(self)
        self.view.setObjectName("tagBrowserTree")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(_MarkDelegate(self.view))
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setExpandsOnDoubleClick(False)  # a click cycles: a double-click is two
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("Tag filter"))
        self.view.setToolTip(
            self.tr(
                "Click a tag to show only the events with it (✓), again to hide the events"
                " with it (✗), again to turn it off. Space does the same."
            )
            + (self.tr(" Drop events on a tag to tag them.") if self.curator is not None else "")
        )
        self.view.setColumnHidden(EXCERPTS, True)
        self.view.setColumnHidden(KEY, True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EVENTS, QHeaderView.ResizeMode.ResizeToContents)
        self.view.clicked.connect(self._cycle_index)
        self.view.cycle_requested.connect(self._cycle_index)
        self.view.off_requested.connect(lambda index: self._set_index_state(index, TagState.OFF))
        if self.curator is not None:
            self.view.setAcceptDrops(True)
            self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
            self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
            self.view.setDragDropOverwriteMode(True)  # onto a tag, never between two
            self.view.setDropIndicatorShown(True)

        self.any_button = self._mode_button(
            self.tr("Any"), self.tr("Show the events with any of the ✓ tags")
        )
        self.all_button = self._mode_button(
            self.tr("All"), self.tr("Show only the events with every ✓ tag")
        )
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_group.addButton(self.any_button)
        self.mode_group.addButton(self.all_button)
        self.any_button.setChecked(True)
        self.all_button.toggled.connect(self.set_all_tags)

        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Turn every tag off"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)

        self.summary = plain_label("", self)
        self.summary.setObjectName("tagFilterSummary")
        self.summary.setStyleSheet(muted_style())

        # Narrow enough for a dock beside the search: the summary under it says in words
        # what Any/All mean for the tags shown.
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        bar.addWidget(self.any_button)
        bar.addWidget(self.all_button)
        bar.addStretch(1)
        bar.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.find_box)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        layout.addWidget(self.summary)

        if self.curator is not None:
            self.curator.changed.connect(self._on_changed)
        self.refresh()
        self._show_filter()

    def _mode_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setCheckable(True)
        button.setAutoRaise(True)
        return button

    # -- the tags -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the tags again; a tag that went (deleted, renamed) leaves the filter."""
        rows = tag_rows(self.session)
        self.model.set_tags(rows, tag_totals(self.session, rows))
        present = self._filter
        kept = TagFilter(
            tuple(n for n in present.include if self.model.index_of(n).isValid()),
            tuple(n for n in present.exclude if self.model.index_of(n).isValid()),
            present.all_tags,
        )
        self._set(kept)

    def _on_changed(self, change: Change) -> None:
        if change.tags or change.everything:
            self.refresh()

    def _find(self, text: str) -> None:
        self.proxy.show_found(self.view, text)

    # -- the filter -----------------------------------------------------------------------------

    def tag_filter(self) -> TagFilter:
        return self._filter

    def set_filter(self, tag_filter: TagFilter) -> None:
        """Show this filter (from saved settings, say); emits `filter_changed` if new."""
        self._set(tag_filter)

    def clear(self) -> None:
        self._set(TagFilter(all_tags=self._filter.all_tags))

    def set_all_tags(self, all_tags: bool) -> None:
        """True: an event needs every shown tag; False: any of them."""
        f = self._filter
        self._set(TagFilter(f.include, f.exclude, bool(all_tags)))

    def state(self, name: str) -> TagState:
        return self._filter.state(name)

    def set_state(self, name: str, state: TagState) -> None:
        self._set(self._filter.with_state(name, state))

    def cycle(self, name: str) -> TagState:
        """Off → shown → hidden → off; the tag's new state."""
        state = self._filter.state(name).next()
        self.set_state(name, state)
        return state

    def _cycle_index(self, index: AnyIndex) -> None:
        name = index.data(NAME_ROLE)
        if isinstance(name, str):
            self.cycle(name)

    def _set_index_state(self, index: AnyIndex, state: TagState) -> None:
        name = index.data(NAME_ROLE)
        if isinstance(name, str):
            self.set_state(name, state)

    def _set(self, tag_filter: TagFilter) -> None:
        if tag_filter == self._filter:
            return
        self._filter = tag_filter
        self._show_filter()
        self.filter_changed.emit(tag_filter)

    def _show_filter(self) -> None:
        f = self._filter
        self.model.set_states(f)
        for button, checked in ((self.all_button, f.all_tags), (self.any_button, not f.all_tags)):
            button.blockSignals(True)
            button.setChecked(checked)
            button.blockSignals(False)
        self.clear_button.setEnabled(not f.is_empty)
        self.summary.setText(self._describe(f))
        self.summary.setVisible(not f.is_empty)

    def _describe(self, f: TagFilter) -> str:
        parts = []
        if f.include:
            joiner = self.tr(" and ") if f.all_tags else self.tr(" or ")
            parts.append(self.tr("Events with {0}").format(joiner.join(f.include)))
        if f.exclude:
            template = self.tr("without {0}") if f.include else self.tr("Events without {0}")
            parts.append(template.format(self.tr(" or ").join(f.exclude)))
        return ", ".join(parts)

    # -- dropping events -----------------------------------------------------------------------

    def tag_events(self, event_ids: list[int], name: str) -> bool:
        """Put tag `name` on the events (what a drop does); False when it could not."""
        if self.curator is None or not event_ids:
            return False
        return self.curator.tag(event_ids, [name]) is not None


__all__ = ["TagBrowser", "TagFilter", "TagState"]
