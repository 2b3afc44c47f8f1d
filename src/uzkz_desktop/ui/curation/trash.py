"""The trash: events moved there (by a curator, or merged into another), to restore.

A list of the trashed events — title, date, when they were trashed (local time), the
most recent first — with several selectable at once; Restore puts the selected ones back
as one undoable command of the `Curator`. The list follows `Curator.changed`.

Everything from the archive is shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from uzkz_desktop.core.errors import UzkzError

from ..formatting import date_in_words, plural
from ..widgets import muted_style, plain_label
from .event_editor import failures, row_span
from .history import local_time

if TYPE_CHECKING:
    from uzkz_desktop.app import Session

    from .curator import Change, Curator


class TrashView(QWidget):
    """The trashed events; restore the selected ones (see the module's docstring)."""

    restored = Signal(list)  # the ids put back, after a restore that worked
    message = Signal(str)  # what was just done, in words (for a status bar)

    def __init__(self, curator: Curator, parent: QWidget | None = None) -> None:
        # A window of its own (over `parent`) until put in a layout or a dock.
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("trashView")
        self.setWindowTitle(self.tr("Trash"))
        self.resize(640, 420)
        self.curator = curator
        self._stale = True
        self.caption = plain_label("", self)
        self.caption.setObjectName("trashCaption")
        self.caption.setStyleSheet("font-weight: 600;")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("trashList")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Event"), self.tr("Date"), self.tr("Trashed")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda _item, _column: self.restore_selected())
        self.empty_label = plain_label(self.tr("The trash is empty."), self)
        self.empty_label.setStyleSheet(muted_style())
        self.restore_button = QPushButton(self.tr("Restore selected"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(self.tr("Put the selected events back (Enter)"))
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        curator.changed.connect(self._archive_changed)
        self.refresh()

    @property
    def session(self) -> Session:
        return self.curator.session

    def _archive_changed(self, _change: Change) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the trash again; the selection is kept where its events still are."""
        self._stale = False
        keep = set(self.selected_ids())
        self.tree.clear()
        try:
            rows = list(self.session.trashed())
            trashed_at = {row.id: self.session.event(row.id).deleted_at for row in rows}
        except UzkzError as error:
            rows, trashed_at = [], {}
            self.empty_label.setText(self.tr("The trash cannot be read: {0}").format(error))
        rows.sort(key=lambda r: (trashed_at.get(r.id) or "", r.id), reverse=True)
        for row in rows:
            item = QTreeWidgetItem(
                [row.title_en, date_in_words(row_span(row)), local_time(trashed_at.get(row.id))]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(0, row.title_en)
            self.tree.addTopLevelItem(item)
            item.setSelected(row.id in keep)
        self.caption.setText(
            self.tr("{0} in the trash").format(plural("%n event(s)", len(rows)))
            if rows
            else self.tr("Trash")
        )
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def ids(self) -> list[int]:
        return [
            int(self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole))
            for i in range(self.tree.topLevelItemCount())
        ]

    def selected_ids(self) -> list[int]:
        return [int(i.data(0, Qt.ItemDataRole.UserRole)) for i in self.tree.selectedItems()]

    def select(self, event_ids: list[int]) -> None:
        wanted = set(event_ids)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setSelected(int(item.data(0, Qt.ItemDataRole.UserRole)) in wanted)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.selected_ids()) and not self.curator.readonly)

    def restore_selected(self) -> bool:
        """Restore the selected events as one undoable command."""
        ids = self.selected_ids()
        if not ids:
            return False
        with failures(self.curator) as said:
            self.curator.restore(ids)
        if said:
            self.message.emit(said[0])
            return False
        self.message.emit(
            self.tr("Restored {0} from the trash.").format(plural("%n event(s)", len(ids)))
        )
        self.restored.emit(ids)
        self.refresh()
        return True
