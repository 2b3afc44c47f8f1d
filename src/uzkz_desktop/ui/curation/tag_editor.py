"""The tag editor: the tags of the selected events, and a field to add more.

`TagEditor(curator, parent, event_ids)` is a small dialog over one or several events. Its
list shows every tag they carry: checked when all of them carry it, partly checked when
only some do (with "2 of 3"). Unchecking a tag takes it off them all; checking a partly
checked one puts it on them all; "Remove" (or Delete) takes the selected tags off.

The field takes several tags at once, separated by commas (`trade, energy/electricity`).
While typing it offers the existing tags the segment under the cursor finds — in any case
and either Uzbek script, inside the name too ('elec' finds 'energy/electricity'): Down and
Enter, or Tab, take a suggestion. Enter adds every tag typed in one step of the undo
history (`Curator.tag`); a name with an empty level (`energy//x`) is refused next to the
field and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from uzkz_desktop.core.errors import UzkzError

from ..formatting import plural
from ..widgets import muted_style, plain_label
from .tag_model import ranked_matches, swatch_icon, tag_rows

if TYPE_CHECKING:
    from .curator import Change, Curator

ERROR_STYLE = (
    "QLabel { background: #fdecea; color: #8a1c13; border: 1px solid #f1b5ae;"
    " border-radius: 3px; padding: 3px 5px; }"
)
_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def parse_tags(text: str) -> tuple[list[str], list[str]]:
    """The tags typed in `text` (comma-separated), normalised and once each, and the
    segments that are not tag names (an empty level: `energy//x`, `/energy`)."""
    from uzkz_desktop.archive.models import normalize_tag

    names: dict[str, str] = {}
    bad: list[str] = []
    for segment in text.split(","):
        if not segment.strip():
            continue
        try:
            name = normalize_tag(segment)
        except ValueError:
            bad.append(segment.strip())
            continue
        names.setdefault(name.casefold(), name)
    return list(names.values()), bad


class TagLineEdit(QLineEdit):
    """A field for several tags separated by commas, completing the one being typed.

    `submitted` on Enter (when no suggestion is chosen in the list: Enter takes that).
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[str].connect(self.accept_completion)
        self.textEdited.connect(self._suggest)

    # -- the names offered ------------------------------------------------------------------

    def set_names(self, names: Iterable[str]) -> None:
        self._names = list(names)

    def tag_completer(self) -> QCompleter:
        return self._completer

    def completions(self) -> list[str]:
        """What the list under the field offers now (empty when it is hidden)."""
        return self._model.stringList() if self._completer.popup().isVisible() else []

    def segment(self) -> tuple[int, int]:
        """Where the tag under the cursor starts and ends in the text (between commas)."""
        text, cursor = self.text(), self.cursorPosition()
        start = text.rfind(",", 0, cursor) + 1
        end = text.find(",", cursor)
        return start, len(text) if end < 0 else end

    def _suggest(self) -> None:
        start, _end = self.segment()
        typed = self.text()[start : self.cursorPosition()].strip()
        if not typed:
            self._completer.popup().hide()
            return
        others = {
            part.strip().casefold()
            for number, part in enumerate(self.text().split(","))
            if number != self.text().count(",", 0, start)
        }
        found = [n for n in ranked_matches(typed, self._names) if n.casefold() not in others]
        if not found or (len(found) == 1 and found[0].casefold() == typed.casefold()):
            self._completer.popup().hide()
            return
        self._model.setStringList(found)
        self._completer.complete()

    def accept_completion(self, name: str) -> None:
        """Put `name` in place of the tag being typed."""
        start, end = self.segment()
        text = self.text()
        head = text[:start] + (" " if start > 0 else "") + name
        self.setText(head + text[end:])
        self.setCursorPosition(len(head))
        self._completer.popup().hide()

    # -- keys -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab would move the focus before keyPressEvent sees it.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._completer.popup().isVisible()
        ):
            current = self._completer.popup().currentIndex()
            offered = self._model.stringList()
            if offered:
                self.accept_completion(offered[current.row() if current.isValid() else 0])
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._completer.popup()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if popup.isVisible() and popup.currentIndex().isValid():
                event.ignore()  # the completer takes the suggestion chosen
                return
            popup.hide()
            self.submitted.emit()
            event.accept()  # not the dialog's default button
            return
        super().keyPressEvent(event)


class TagEditor(QDialog):
    """The tags of `event_ids`, to add to and take off (see the module's docstring)."""

    def __init__(
        self,
        curator: Curator,
        first: QWidget | Iterable[int] | None = None,
        second: QWidget | Iterable[int] | None = None,
        *,
        event_ids: Iterable[int] = (),
        excerpts: bool = False,
    ) -> None:
        """`TagEditor(curator, parent, event_ids)` or `TagEditor(curator, event_ids, parent)`
        (or `event_ids=` by name); `set_event_ids` changes the events later. With
        `excerpts` the ids are excerpts (sentences of a source) rather than events."""
        parent: QWidget | None = None
        ids: list[int] = list(event_ids)
        for given in (first, second):
            if isinstance(given, QWidget):
                parent = given
            elif given is not None:
                ids.extend(given)
        super().__init__(parent)
        self.setObjectName("tagEditor")
        self.setWindowTitle(self.tr("Tags"))
        self.curator = curator
        self.excerpts = excerpts
        self._ids: tuple[int, ...] = ()
        self._busy = False
        self._colors: dict[str, str | None] = {}

        self.heading = plain_label("", self)
        self.heading.setObjectName("tagEditorHeading")

        self.line_edit = TagLineEdit(self)
        self.line_edit.setObjectName("tagInput")
        self.line_edit.setPlaceholderText(self.tr("Add tags, separated by commas"))
        self.line_edit.setToolTip(
            self.tr(
                "Type one or more tags separated by commas, such as"
                " “trade, energy/electricity”; a “/” makes a level below another tag."
                " Enter adds them all; Tab or Down takes a suggestion."
            )
        )
        self.line_edit.setAccessibleName(self.tr("Tags to add"))
        self.line_edit.submitted.connect(self.apply_text)
        self.line_edit.textEdited.connect(lambda _text: self._show_error(None))

        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.apply_text)

        self.error_label = plain_label("", self)
        self.error_label.setObjectName("tagEditorError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.tag_list = QTreeWidget(self)
        self.tag_list.setObjectName("eventTags")
        self.tag_list.setColumnCount(2)
        self.tag_list.setHeaderHidden(True)
        self.tag_list.setRootIsDecorated(False)
        self.tag_list.setUniformRowHeights(True)
        self.tag_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tag_list.setAccessibleName(self.tr("Tags of the selected events"))
        header = self.tag_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tag_list.itemChanged.connect(self._on_item_changed)
        self.tag_list.itemSelectionChanged.connect(self._update_buttons)
        self.tag_list.installEventFilter(self)

        self.empty_label = QLabel(self.tr("No tags yet."), self)
        self.empty_label.setStyleSheet(muted_style())

        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(self.tr("Take the selected tags off these events"))
        self.remove_button.clicked.connect(self.remove_selected)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        entry = QHBoxLayout()
        entry.addWidget(self.line_edit, 1)
        entry.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(entry)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tag_list, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(bottom)
        self.resize(420, 360)

        curator.changed.connect(self._on_changed)
        curator.failed.connect(self._on_failed)
        self.set_event_ids(ids)
        self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the events -------------------------------------------------------------------------

    def event_ids(self) -> tuple[int, ...]:
        return self._ids

    def set_event_ids(self, event_ids: Iterable[int]) -> None:
        self._ids = tuple(dict.fromkeys(int(i) for i in event_ids))
        self._show_error(None)
        self.refresh()

    def tag_states(self) -> dict[str, Qt.CheckState]:
        """Each tag the events carry: Checked (all of them) or PartiallyChecked (some)."""
        out: dict[str, Qt.CheckState] = {}
        for row in range(self.tag_list.topLevelItemCount()):
            item = self.tag_list.topLevelItem(row)
            out[item.data(0, _NAME_ROLE)] = item.checkState(0)
        return out

    # -- reading the archive ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the events' tags (and every tag, for the suggestions) again."""
        session = self.curator.session
        rows = tag_rows(session)
        self._colors = {r.name.casefold(): r.color for r in rows}
        self.line_edit.set_names(r.name for r in rows)
        carried: dict[str, tuple[str, int]] = {}
        known: list[int] = []
        title = ""
        for item_id, (item_title, names) in self._read_all().items():
            known.append(item_id)
            title = item_title
            for name in dict.fromkeys(names):
                key = name.casefold()
                carried[key] = (name, carried.get(key, (name, 0))[1] + 1)
        self._ids = tuple(known)
        self._fill(sorted(carried.values(), key=lambda item: item[0].casefold()), title)

    def _read_all(self) -> dict[int, tuple[str, list[str]]]:
        """Each event's (or excerpt's) title and tags, in one query for many events; the
        ones gone meanwhile left out. Only one title is shown (of a single item)."""
        archive = self.curator.session.archive
        out: dict[int, tuple[str, list[str]]] = {}
        if self.excerpts:
            for item_id in self._ids:
                try:
                    text = " ".join(archive.excerpt(item_id).text.split())
                except UzkzError:
                    continue
                title = text if len(text) <= 60 else text[:59] + "…"
                out[item_id] = (title, archive.excerpt_tags(item_id))
            return out
        present = {row.id: row for row in archive.events_by_id(list(self._ids))}
        tags = archive.tags_of_events(list(present))
        for item_id in self._ids:
            row = present.get(item_id)
            if row is not None:
                out[item_id] = (row.title_en, tags.get(item_id, []))
        return out

    def _add(self, names: list[str]) -> Any:
        if self.excerpts:
            return self.curator.tag_excerpts(self._ids, names)
        return self.curator.tag(self._ids, names)

    def _remove(self, names: list[str]) -> Any:
        if self.excerpts:
            return self.curator.untag_excerpts(self._ids, names)
        return self.curator.untag(self._ids, names)

    def _fill(self, carried: Sequence[tuple[str, int]], title: str) -> None:
        n = len(self._ids)
        if n == 0:
            nothing = self.tr("No excerpt is chosen.") if self.excerpts else None
            self.heading.setText(nothing or self.tr("No events are selected."))
        elif n == 1:
            self.heading.setText(self.tr("Tags of “{0}”").format(title))
        else:
            noun = "Tags of %n excerpt(s)" if self.excerpts else "Tags of %n event(s)"
            self.heading.setText(plural(noun, n))
        selected = set(self._selected_names())
        self.tag_list.blockSignals(True)
        try:
            self.tag_list.clear()
            for name, count in carried:
                item = QTreeWidgetItem(self.tag_list)
                item.setText(0, name)
                item.setData(0, _NAME_ROLE, name)
                item.setIcon(0, swatch_icon(self._colors.get(name.casefold())))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                every = count >= n
                item.setCheckState(
                    0, Qt.CheckState.Checked if every else Qt.CheckState.PartiallyChecked
                )
                if n > 1:
                    shown = self.tr("all") if every else self.tr("{0} of {1}").format(count, n)
                    item.setText(1, shown)
                    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                if n == 1:
                    words = name
                elif every:
                    words = self.tr("{0}: on all {1} events").format(name, n)
                else:
                    words = self.tr("{0}: on {1} of {2} events").format(name, count, n)
                item.setToolTip(0, words)
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, words)
                item.setSelected(name in selected)
        finally:
            self.tag_list.blockSignals(False)
        self.tag_list.setColumnHidden(1, n <= 1)
        self.tag_list.setVisible(bool(carried))
        self.empty_label.setVisible(not carried)
        writable = not self.curator.readonly and n > 0
        self.line_edit.setEnabled(writable)
        self.add_button.setEnabled(writable)
        self.tag_list.setEnabled(n > 0)
        if self.curator.readonly:
            self._show_error(self.curator.readonly_reason)
        self._update_buttons()

    def _selected_names(self) -> list[str]:
        return [item.data(0, _NAME_ROLE) for item in self.tag_list.selectedItems()]

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(
            bool(self._selected_names()) and not self.curator.readonly and bool(self._ids)
        )

    # -- writing ------------------------------------------------------------------------------

    def apply_text(self, text: str | None = None) -> bool:
        """Add the tags typed (or `text`) to the events in one step; True when done."""
        typed = self.line_edit.text() if not isinstance(text, str) else text
        names, bad = parse_tags(typed)
        if bad:
            self._show_error(
                self.tr(
                    "Not a tag name: {0}. A tag cannot have an empty level — write its levels"
                    " with one “/” between them, like energy/electricity. Nothing was added."
                ).format(", ".join(f"“{b}”" for b in bad))
            )
            return False
        if not names:
            self._show_error(self.tr("Type a tag, or several separated by commas."))
            return False
        if not self._ids:
            self._show_error(self.tr("Select the events to tag first."))
            return False
        if self._write(lambda: self._add(names)) is None:
            return False
        self.line_edit.clear()
        self._show_error(None)
        return True

    def remove_tags(self, names: Iterable[str]) -> bool:
        """Take `names` off every event, in one step; True when done."""
        names = list(names)
        if not names or not self._ids:
            return False
        return self._write(lambda: self._remove(names)) is not None

    def remove_selected(self) -> bool:
        return self.remove_tags(self._selected_names())

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        name = item.data(0, _NAME_ROLE)
        state = item.checkState(0)
        # Not from inside the item's own signal: the write refreshes the list.
        QTimer.singleShot(0, self, lambda: self._apply_check(name, state))

    def _apply_check(self, name: str, state: Qt.CheckState) -> None:
        if state == Qt.CheckState.Checked:
            self._write(lambda: self._add([name]))
        elif state == Qt.CheckState.Unchecked:
            self._write(lambda: self._remove([name]))
        self.refresh()

    def _write(self, write: Callable[[], Any]) -> Any:
        self._busy = True
        try:
            result = write()
        finally:
            self._busy = False
        if result is not None:
            self._show_error(None)
        return result

    # -- the curator says ---------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.everything or change.tags or change.events & set(self._ids):
            self.refresh()

    def _on_failed(self, message: str) -> None:
        if self._busy:
            self._show_error(message)

    def _show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        self.line_edit.setAccessibleDescription(message or "")

    def error(self) -> str:
        """The message next to the field ('' when there is none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    # -- keys ---------------------------------------------------------------------------------

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if (
            watched is self.tag_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)


__all__ = ["TagEditor", "TagLineEdit", "parse_tags"]
