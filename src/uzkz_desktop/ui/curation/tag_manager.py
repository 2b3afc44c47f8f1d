"""The tag manager: every tag as a tree, to rename, merge, delete, colour and give a key.

`TagManager(curator, parent)` is a dialog. Renaming happens in place (double-click or F2 on
a tag: its whole name is edited, so `energy/oil` can move to `fuel/oil`) or with the
Rename button; renaming onto a tag that exists merges the two, after a question saying
so. Deleting asks first, saying how many events lose the tag. A tag gets one of nine
well-distinguishable colours (or none, or any colour from the colour dialog), and a
coloured tag a number key 1–9, which puts it on the selected events in the window.

Every change goes through the `Curator` (one step of the undo history each); the tree
follows `Curator.changed`. The questions go through `confirm(title, text) -> bool` and
the colour dialog through `choose_color(initial) -> QColor | None`, both replaceable
(tests answer them without a window).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..formatting import plural
from ..widgets import muted_style, plain_label
from .tag_editor import ERROR_STYLE
from .tag_model import (
    EVENTS,
    EXCERPTS,
    KEY,
    NAME,
    NAME_ROLE,
    TagFilterProxy,
    TagTreeModel,
    no_color_icon,
    swatch_icon,
    tag_rows,
    tag_totals,
)

if TYPE_CHECKING:
    from uzkz_desktop.archive.models import TagRow

    from .curator import Change, Curator

Confirm = Callable[[str, str], bool]  # (title, question) -> go ahead?
ChooseColor = Callable[[QColor | None], QColor | None]  # initial -> chosen, None: cancelled

# Paul Tol's "muted" scheme: nine colours told apart by most colour-blind readers too.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#332288", QCoreApplication.translate("TagManager", "Indigo")),
    ("#88ccee", QCoreApplication.translate("TagManager", "Cyan")),
    ("#44aa99", QCoreApplication.translate("TagManager", "Teal")),
    ("#117733", QCoreApplication.translate("TagManager", "Green")),
    ("#999933", QCoreApplication.translate("TagManager", "Olive")),
    ("#ddcc77", QCoreApplication.translate("TagManager", "Sand")),
    ("#cc6677", QCoreApplication.translate("TagManager", "Rose")),
    ("#882255", QCoreApplication.translate("TagManager", "Wine")),
    ("#aa4499", QCoreApplication.translate("TagManager", "Purple")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TagManager", text)


def palette_name(color: str) -> str:
    for value, name in PALETTE:
        if value == color.lower():
            return _tr(name)
    return color


class TagManager(QDialog):
    """Rename, merge, delete, colour and key the archive's tags (see the module's docstring)."""

    def __init__(
        self,
        curator: Curator,
        parent: QWidget | None = None,
        *,
        confirm: Confirm | None = None,
        choose_color: ChooseColor | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagManager")
        self.setWindowTitle(self.tr("Tags"))
        self.curator = curator
        self.confirm: Confirm = confirm or self._ask
        self.choose_color: ChooseColor = choose_color or self._color_dialog
        self._busy = False
        self._failure: str | None = None

        self.model = TagTreeModel(self, editable=True)
        self.model.rename_requested.connect(self._rename_later)
        self.proxy, self.find_box = TagFilterProxy.with_find_box(self, self.model, "tagFind")
        self.find_box.textChanged.connect(self._find)

        self.view = QTreeView(self)
        self.view.setObjectName("tagTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setAccessibleName(self.tr("Tags"))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (EVENTS, EXCERPTS, KEY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentChanged.connect(self._update_panel)
        self.view.installEventFilter(self)

        self.rename_button = self._button(self.tr("Rename"), self.start_rename)
        self.rename_button.setToolTip(
            self.tr(
                "Edit the tag's whole name (also F2 or a double-click). Renaming it onto a tag"
                " that exists merges the two."
            )
        )
        self.delete_button = self._button(self.tr("Delete…"), self.delete_selected)

        self.details = plain_label("", self)
        self.details.setObjectName("tagDetails")

        # colour ------------------------------------------------------------------------------
        self.swatches: dict[str, QToolButton] = {}
        swatch_row = QHBoxLayout()
        swatch_row.setSpacing(2)
        for color, name in PALETTE:
            button = QToolButton(self)
            button.setIcon(swatch_icon(color, 16))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolTip(_tr(name))
            button.setAccessibleName(self.tr("Colour {0}").format(_tr(name)))
            button.clicked.connect(lambda _checked=False, c=color: self._choose(c))
            self.swatches[color] = button
            swatch_row.addWidget(button)
        self.no_color_button = QToolButton(self)
        self.no_color_button.setIcon(no_color_icon(16))
        self.no_color_button.setCheckable(True)
        self.no_color_button.setAutoRaise(True)
        self.no_color_button.setToolTip(self.tr("No colour"))
        self.no_color_button.setAccessibleName(self.tr("No colour"))
        self.no_color_button.clicked.connect(lambda _checked=False: self._choose(None))
        swatch_row.addWidget(self.no_color_button)
        self.more_colors_button = self._button(self.tr("More…"), self.choose_other_color)
        self.more_colors_button.setToolTip(self.tr("Choose any colour"))
        swatch_row.addWidget(self.more_colors_button)
        swatch_row.addStretch(1)

        # number key --------------------------------------------------------------------------
        self.key_combo = QComboBox(self)
        self.key_combo.setObjectName("tagKey")
        self.key_combo.setAccessibleName(self.tr("Number key"))
        self.key_combo.activated.connect(self._key_chosen)
        self.key_hint = QLabel(self)
        self.key_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.key_hint.setWordWrap(True)
        self.key_hint.setStyleSheet(muted_style())

        self.message = plain_label("", self)
        self.message.setObjectName("tagManagerMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.delete_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Colour:"), self), 0, 0)
        form.addLayout(swatch_row, 0, 1)
        form.addWidget(QLabel(self.tr("Number key:"), self), 1, 0)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_combo)
        key_row.addWidget(self.key_hint, 1)
        form.addLayout(key_row, 1, 1)
        form.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.find_box)
        layout.addLayout(top, 1)
        layout.addWidget(self.details)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 560)

        curator.changed.connect(self._on_changed)
        curator.failed.connect(self._on_failed)
        self.refresh()
        self.view.expandAll()

    def _button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the tags again; what is expanded and selected stays so."""
        rows = tag_rows(self.curator.session)
        self.model.set_tags(rows, tag_totals(self.curator.session, rows))
        self._update_panel()

    def selected_tag(self) -> str | None:
        index = self.view.currentIndex()
        name = index.data(NAME_ROLE) if index.isValid() else None
        return name if isinstance(name, str) else None

    def select_tag(self, name: str) -> bool:
        source = self.model.index_of(name)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # hidden by the find box
            self.find_box.clear()
            index = self.proxy.mapFromSource(source)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def _row(self) -> TagRow | None:
        name = self.selected_tag()
        return self.model.tag(name) if name is not None else None

    def _find(self, text: str) -> None:
        self.proxy.show_found(self.view, text)

    def _update_panel(self, *_args: Any) -> None:
        row = self._row()
        writable = not self.curator.readonly
        has_tag = row is not None
        self.rename_button.setEnabled(has_tag and writable)
        self.delete_button.setEnabled(has_tag and writable)
        for button in (*self.swatches.values(), self.no_color_button, self.more_colors_button):
            button.setEnabled(has_tag and writable)
        color = row.color if row is not None else None
        for value, button in self.swatches.items():
            button.setChecked(color == value)
        self.no_color_button.setChecked(has_tag and color is None)
        if row is None:
            self.details.setText(self.tr("Choose a tag in the list."))
        else:
            index = self.model.index_of(row.name)
            parts = [str(index.data(Qt.ItemDataRole.ToolTipRole))]
            if color and palette_name(color) != color:
                parts.append(palette_name(color))
            self.details.setText(" · ".join(parts))
        if has_tag and self.model.has_children(row.name if row else ""):
            self.delete_button.setToolTip(
                self.tr("This tag has tags below it: rename or delete those first.")
            )
            self.delete_button.setEnabled(False)
        else:
            self.delete_button.setToolTip(self.tr("Take the tag off every event and delete it"))
        self._fill_keys(row)

    def _fill_keys(self, row: TagRow | None) -> None:
        holders = self.model.shortcuts()
        self.key_combo.blockSignals(True)
        self.key_combo.clear()
        self.key_combo.addItem(self.tr("None"), None)
        for key in range(1, 10):
            holder = holders.get(key)
            if holder is None or (row is not None and holder.casefold() == row.name.casefold()):
                self.key_combo.addItem(str(key), key)
            else:
                self.key_combo.addItem(self.tr("{0} (now {1})").format(key, holder), key)
        current = row.shortcut if row is not None else None
        self.key_combo.setCurrentIndex(0 if current is None else current)
        self.key_combo.blockSignals(False)
        colored = row is not None and row.color is not None
        self.key_combo.setEnabled(
            row is not None and not self.curator.readonly and (colored or current is not None)
        )
        if row is None:
            self.key_hint.setText("")
        elif colored:
            self.key_hint.setText(
                self.tr("The key puts this tag on the selected events, or takes it off them.")
            )
        else:
            self.key_hint.setText(self.tr("Give the tag a colour first."))

    # -- writing ------------------------------------------------------------------------------

    def start_rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(NAME))

    def _rename_later(self, old: str, new: str) -> None:
        # Asked from inside the view's editor: rename once it has closed.
        QTimer.singleShot(0, self, lambda: self.rename_tag(old, new))

    def rename_tag(self, old: str, new: str) -> bool:
        """Rename `old` to `new` (with the tags below it); onto an existing tag, the two
        merge once `confirm` agrees. True when the archive changed."""
        from uzkz_desktop.archive.models import normalize_tag

        try:
            target = normalize_tag(new)
        except ValueError:
            self._say(
                self.tr(
                    "“{0}” is not a tag name: a tag cannot have an empty level (write"
                    " energy/electricity, not energy//electricity)."
                ).format(new.strip())
            )
            return False
        row = self.model.tag(old)
        if row is None or target == row.name:
            return False
        into = self.model.tag(target)
        if into is not None and into.name.casefold() != row.name.casefold():
            text = self.tr(
                "A tag called “{0}” already exists. Renaming “{1}” to it merges the two:"
                " {2} will carry “{0}” instead, and “{1}” will be gone."
            ).format(into.name, row.name, plural("%n event(s)", row.event_count))
            if self.model.has_children(row.name):
                text += " " + self.tr("The tags below “{0}” move below “{1}”.").format(
                    row.name, into.name
                )
            if not self.confirm(self.tr("Merge tags"), text):
                return False
        if not self._write(lambda: self.curator.rename_tag(row.name, target)):
            return False
        self.select_tag(target)
        return True

    def delete_selected(self) -> bool:
        name = self.selected_tag()
        return name is not None and self.delete_tag(name)

    def delete_tag(self, name: str) -> bool:
        """Delete tag `name` once `confirm` agrees; True when the archive changed."""
        row = self.model.tag(name)
        if row is None:
            return False
        if self.model.has_children(name):
            self._say(
                self.tr("“{0}” has tags below it: rename or delete those first.").format(name)
            )
            return False
        text = self.tr("Delete the tag “{0}”?").format(row.name)
        if row.event_count:
            text += " " + plural("%n event(s) will lose it.", row.event_count)
        else:
            text += " " + self.tr("No event carries it.")
        if row.excerpt_count:
            text += " " + plural("%n excerpt(s) will lose it too.", row.excerpt_count)
        text += " " + self.tr("Edit ▸ Undo brings it back.")
        if not self.confirm(self.tr("Delete tag"), text):
            return False
        return self._write(lambda: self.curator.delete_tag(row.name))

    def set_color(self, name: str, color: str | None) -> bool:
        """Give tag `name` the colour '#rrggbb', or none."""
        row = self.model.tag(name)
        if row is None or row.color == color:
            return False
        return self._write(lambda: self.curator.set_tag_color(row.name, color))

    def set_shortcut(self, name: str, key: int | None) -> bool:
        """Give tag `name` the number key 1–9 (taken from the tag that had it), or none."""
        row = self.model.tag(name)
        if row is None or row.shortcut == key:
            return False
        return self._write(lambda: self.curator.set_tag_shortcut(row.name, key))

    def choose_other_color(self) -> bool:
        row = self._row()
        if row is None:
            return False
        chosen = self.choose_color(QColor(row.color) if row.color else None)
        if chosen is None or not chosen.isValid():
            self._update_panel()
            return False
        return self.set_color(row.name, chosen.name().lower())

    def _choose(self, color: str | None) -> None:
        row = self._row()
        if row is not None:
            self.set_color(row.name, color)
        self._update_panel()  # the swatch clicked shows the colour the tag has

    def _key_chosen(self, position: int) -> None:
        row = self._row()
        if row is not None:
            self.set_shortcut(row.name, self.key_combo.itemData(position))
        self._update_panel()

    def _write(self, write: Callable[[], Any]) -> bool:
        """Run a Curator write; True unless it was refused (the reason is shown)."""
        self._failure = None
        self._busy = True
        try:
            write()
        finally:
            self._busy = False
        self._say(self._failure)
        return self._failure is None

    # -- the curator says ---------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.tags or change.everything:
            self.refresh()

    def _on_failed(self, message: str) -> None:
        if self._busy:
            self._failure = message

    def _say(self, message: str | None) -> None:
        self.message.setText(message or "")
        self.message.setVisible(bool(message))

    def error(self) -> str:
        """The message shown under the tree ('' when there is none)."""
        return self.message.text() if not self.message.isHidden() else ""

    # -- questions ----------------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)  # tag names are the curators' text
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _color_dialog(self, initial: QColor | None) -> QColor | None:
        chosen = QColorDialog.getColor(
            initial or QColor("#777777"), self, self.tr("Colour of the tag")
        )
        return chosen if chosen.isValid() else None

    # -- keys ---------------------------------------------------------------------------------

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.view.state() != QAbstractItemView.State.EditingState
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def current_index(self) -> QModelIndex:
        """The current tag's index in the tree model (not the find box's proxy)."""
        return self.proxy.mapToSource(self.view.currentIndex())


__all__ = ["PALETTE", "ChooseColor", "Confirm", "TagManager", "palette_name"]
