"""Curation in the main window: the Curate menu, Undo/Redo, number-key tags, the tag
browser dock, and keeping the window in step after each change.

`CurationController` is made with the rest of the window and attached to the session once
it is open. It owns the window's `Curator` (the one writer) and takes an advisory lock on
the archive: a second window on the same archive (another process, or another window in
this one) cannot take it, so it opens read-only and says so — two windows never edit the
same archive at once, while the command line may (SQLite keeps that safe, and the Curator
refuses to undo a change it did not make).

After a change the controller refreshes only what it touched: the side panel and the
search for an edit or a tag; the timeline's data as well when events appeared, went or
moved; the tag browser, the number keys and the coloured marks when the tags changed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from ..widgets import make_action
from .curator import Change, Curator

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.lock import ArchiveLock
    from uzkz_desktop.archive.models import TagRow

    from ..main_window import MainWindow

MAX_MARKS = 3  # coloured tag dots per event on the timeline


class CurationController(QObject):
    """The window's curation (see the module's docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.curator: Curator | None = None
        self.tag_browser: Any = None
        self.tag_dock: QDockWidget | None = None
        self._lock: ArchiveLock | None = None
        self._tags: list[TagRow] = []
        self._panel_connected = False  # the side panel's "Tag this excerpt…"
        self._earlier: str | None = None  # the archive's change to undo when the stack is empty
        self._earlier_stale = False
        self._filter: Any = None  # the tag browser's TagFilter, or None
        self._dialogs: dict[str, QWidget] = {}
        self.readonly_label = QLabel(window)
        self.readonly_label.setObjectName("readOnly")
        self.readonly_label.setTextFormat(Qt.TextFormat.PlainText)
        self.readonly_label.hide()
        window.statusBar().insertPermanentWidget(0, self.readonly_label)
        self._build_actions()
        self._build_menu()
        self.update_actions()

    # -- building ----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        name: str,
        tip: str | None = None,
        local: bool = False,
    ) -> QAction:
        """An action of the window; `local` ones (plain keys such as Delete or 1–9) only
        where events are selected: the timeline and the result list, never a text field."""
        action = make_action(self.window, text, slot, shortcut, name=name, tip=tip)
        if local:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self._local.append(action)
        else:
            self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self._local: list[QAction] = []
        self.undo_action = QAction(tr("&Undo"), self.window)
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(tr("&Redo"), self.window)
        self.redo_action.setObjectName("redo")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.redo_action.triggered.connect(self.redo)
        for action in (self.undo_action, self.redo_action):
            self.window.addAction(action)
        self.tag_action = self._action(
            tr("&Tag…"), self.edit_tags, "Ctrl+T", name="tagEvents",
            tip=tr("Add or remove tags on the selected events"),
        )  # fmt: skip
        self.edit_action = self._action(
            tr("&Edit event…"), self.edit_event, "Ctrl+E", name="editEvent",
            tip=tr("Change the selected event's title, date, category, people and places"),
        )  # fmt: skip
        self.verified_action = self._action(
            tr("Mark &verified"), self.toggle_verified, "Ctrl+Shift+V", name="markVerified",
            tip=tr("Mark the selected events as checked against their sources (or not)"),
        )  # fmt: skip
        self.accept_action = self._action(
            tr("&Accept candidates"), self.accept_selected, name="acceptCandidates",
            tip=tr("Accept the selected candidate events into the archive"),
        )  # fmt: skip
        self.trash_action = self._action(
            tr("Move to &trash"), self.trash_selected, QKeySequence.StandardKey.Delete,
            name="trashEvents", tip=tr("Move the selected events to the trash"), local=True,
        )  # fmt: skip
        self.review_action = self._action(
            tr("&Review candidates…"), self.review, "Ctrl+R", name="reviewQueue",
            tip=tr("Go through the events found in imported documents: accept, fix or reject"),
        )  # fmt: skip
        self.tag_manager_action = self._action(
            tr("Tag &manager…"), self.manage_tags, "Ctrl+Shift+T", name="tagManager",
            tip=tr("Rename, merge, colour and delete tags"),
        )  # fmt: skip
        self.history_action = self._action(
            tr("&History…"), self.show_history, "Ctrl+H", name="history",
            tip=tr("What changed in the selected event (or the archive), when"),
        )  # fmt: skip
        self.trash_view_action = self._action(
            tr("Tras&h…"), self.show_trash, name="trashView",
            tip=tr("Events moved to the trash; restore them from here"),
        )  # fmt: skip
        self.key_actions = [
            self._action(
                tr("Toggle tag {0}").format(key),
                lambda _=False, k=key: self.toggle_key(k),
                str(key),
                name=f"tagKey{key}",
                local=True,
            )
            for key in range(1, 10)
        ]

    def _build_menu(self) -> None:
        edit = self.window.menu("edit")
        first = edit.actions()[0] if edit.actions() else None
        edit.insertAction(first, self.undo_action)
        edit.insertAction(first, self.redo_action)
        edit.insertSeparator(first)
        bar = self.window.menuBar()
        self.menu = bar.addMenu(self.tr("&Curate"))
        self.menu.setObjectName("curateMenu")
        help_menu = self.window.menu("help")
        bar.insertMenu(help_menu.menuAction(), self.menu)
        for action in (self.tag_action, self.edit_action, self.verified_action):
            self.menu.addAction(action)
        self.menu.addAction(self.accept_action)
        self.menu.addAction(self.trash_action)
        self.menu.addSeparator()
        self.keys_menu = self.menu.addMenu(self.tr("Coloured &tags"))
        self.keys_menu.setObjectName("tagKeysMenu")
        self.menu.addSeparator()
        for action in (
            self.review_action,
            self.tag_manager_action,
            self.history_action,
            self.trash_view_action,
        ):
            self.menu.addAction(action)

    def install_on(self, widget: QWidget) -> None:
        """Give a selection widget (timeline, result list) the plain-key actions."""
        for action in self._local:
            if action not in widget.actions():
                widget.addAction(action)

    # -- attaching ---------------------------------------------------------------------------

    def attach(self, session: Session) -> Curator:
        """Take the archive's lock and make the Curator (read-only if the lock is held)."""
        if self.curator is not None and self.curator.session is session:
            return self.curator
        self.detach()
        reason = self._lock_archive(session)
        self.curator = Curator(session, self.window.lock, self, readonly_reason=reason)
        self.curator.changed.connect(self._on_changed)
        self.curator.failed.connect(self._on_failed)
        panel = self.window.excerpt_panel
        if panel is not None and not self._panel_connected:
            panel.tag_excerpt_requested.connect(self.edit_excerpt_tags)
            self._panel_connected = True
        stack = self.curator.stack
        stack.canUndoChanged.connect(self.update_actions)
        stack.canRedoChanged.connect(self.update_actions)
        stack.undoTextChanged.connect(self.update_actions)
        stack.redoTextChanged.connect(self.update_actions)
        if reason is not None:
            self.readonly_label.setText(self.tr("Read-only"))
            self.readonly_label.setToolTip(reason)
            self.readonly_label.show()
            self.window.statusBar().showMessage(reason, 15000)
        self._earlier = self.curator.earlier_change()
        self._make_tag_browser()
        self._reload_tags()
        self.update_actions()
        return self.curator

    def _lock_archive(self, session: Session) -> str | None:
        """None when this window may edit the archive; otherwise why not, in plain words."""
        if session.archive.readonly:
            return self.tr("The archive file is read-only: it can be read but not changed.")
        from uzkz_desktop.archive.lock import ArchiveLock

        lock = ArchiveLock(session.path)
        if lock.acquire():
            self._lock = lock
            return None
        pid = lock.holder_pid()
        where = self.tr(" (process {0})").format(pid) if pid else ""
        return self.tr(
            "This archive is open in another uzkz window{0}. This window shows it read-only,"
            " so that the two do not overwrite each other's changes; close the other window"
            " to edit here."
        ).format(where)

    def detach(self) -> None:
        """Release the lock (the window closes)."""
        for dialog in list(self._dialogs.values()):
            dialog.close()
        self._dialogs.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- state -------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return self.curator is not None and not self.curator.readonly

    def update_actions(self) -> None:
        stack = None if self.curator is None else self.curator.stack
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        if stack is not None and not stack.count() and self._earlier_stale:
            # the stack was emptied (something wrote elsewhere): what the log would undo now
            self._earlier_stale = False
            self._earlier = self.curator.earlier_change() if self.curator else None
        earlier = self._earlier if stack is not None and not stack.count() else None
        self.undo_action.setEnabled(can_undo or earlier is not None)
        self.redo_action.setEnabled(can_redo)
        if can_undo and stack is not None:
            self.undo_action.setText(self.tr("&Undo {0}").format(stack.undoText()))
        elif earlier is not None:
            self.undo_action.setText(self.tr("&Undo {0} (earlier)").format(earlier))
        else:
            self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(
            self.tr("&Redo {0}").format(stack.redoText())
            if can_redo and stack
            else self.tr("&Redo")
        )
        editable = self.editable
        has_selection = bool(self.window.selected_ids()) if self.curator is not None else False
        for action in (
            self.tag_action,
            self.verified_action,
            self.accept_action,
            self.trash_action,
            *self.key_actions,
        ):
            action.setEnabled(editable and has_selection)
        self.edit_action.setEnabled(editable and self.window.selected_event() is not None)
        for action in (self.review_action, self.tag_manager_action, self.trash_view_action):
            action.setEnabled(editable)
        self.history_action.setEnabled(self.curator is not None)
        panel = self.window.excerpt_panel
        if panel is not None:
            panel.tag_excerpt_button.setVisible(editable)

    # -- refreshing after a change -----------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        window = self.window
        if change.everything:
            window.reload()
        elif window.excerpt_panel is not None:
            window.excerpt_panel.reload()
        if window.search_panel is not None:
            window.search_panel.refresh()
        if change.tags or change.everything:
            self._reload_tags()
        self.update_actions()

    def _on_failed(self, message: str) -> None:
        self._earlier_stale = True
        self.window.statusBar().showMessage(message, 10000)
        QTimer.singleShot(0, self, self.update_actions)  # after the stack is cleared

    def _reload_tags(self) -> None:
        """The tag list again: number keys, the coloured tags menu, marks, the browser."""
        if self.curator is None:
            return
        self._tags = list(self.curator.session.archive.tags_with_counts())
        keyed = {t.shortcut: t for t in self._tags}
        self.keys_menu.clear()
        for key, action in enumerate(self.key_actions, start=1):
            tag = keyed.get(key)
            action.setText(
                self.tr("Toggle tag {0}").format(tag.name)
                if tag
                else self.tr("Number key {0}: no tag").format(key)
            )
            action.setData(tag.name if tag else None)
            if tag is not None:
                self.keys_menu.addAction(action)
        self.keys_menu.setEnabled(bool(self.keys_menu.actions()))
        if self.tag_browser is not None:
            self.tag_browser.refresh()
        self.apply_marks()
        self.apply_filter()

    def tag_for_key(self, key: int) -> str | None:
        for tag in self._tags:
            if tag.shortcut == key:
                return tag.name
        return None

    def apply_marks(self) -> None:
        """Coloured tags as dots on their events on the timeline."""
        timeline = self.window.timeline
        if self.curator is None or timeline is None:
            return
        marks: dict[int, list[QColor]] = {}
        archive = self.curator.session.archive
        coloured = [t for t in self._tags if t.color]
        coloured.sort(key=lambda t: (t.shortcut or 10, t.name.casefold()))
        for tag in coloured:
            ids = archive.event_ids_between(
                date.min, date.max, tags=[tag.name], include_candidates=True
            )
            colour = QColor(tag.color)
            for event_id in ids:
                dots = marks.setdefault(int(event_id), [])
                if len(dots) < MAX_MARKS:
                    dots.append(colour)
        timeline.set_marks(marks)

    # -- the tag browser -----------------------------------------------------------------------

    def _make_tag_browser(self) -> None:
        if self.tag_dock is not None or self.curator is None:
            return
        from .tag_browser import TagBrowser

        self.tag_browser = TagBrowser(self.curator, self.window)
        self.tag_browser.filter_changed.connect(self._on_filter_changed)
        dock = QDockWidget(self.tr("Tags"), self.window)
        dock.setObjectName("tagDock")
        dock.setWidget(self.tag_browser)
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.window.splitDockWidget(self.window.search_dock, dock, Qt.Orientation.Vertical)
        self.tag_dock = dock
        self.window.menu("view").addAction(dock.toggleViewAction())
        QTimer.singleShot(0, self, self._restore_dock)

    def _restore_dock(self) -> None:
        """The tag dock where the user left it; the first time, below the search with a
        third of the height (the results need the room more)."""
        state = self.window.settings.value("window/state")
        saved = state is not None and hasattr(state, "isEmpty") and not state.isEmpty()
        if saved and self.window.restoreState(state):
            return
        if self.tag_dock is not None:
            height = max(self.window.height(), 600)
            self.window.resizeDocks(
                [self.window.search_dock, self.tag_dock],
                [height * 2 // 3, height // 3],
                Qt.Orientation.Vertical,
            )

    def _on_filter_changed(self, tag_filter: Any) -> None:
        self._filter = None if tag_filter is None or tag_filter.is_empty else tag_filter
        self.apply_filter()
        if self.window.search_panel is not None:
            self.window.search_panel.set_tag_filter(self._filter)

    def apply_filter(self) -> None:
        """The tag browser's filter on the timeline: only the events that pass it."""
        timeline = self.window.timeline
        if self.curator is None or timeline is None:
            return
        if self._filter is None:
            timeline.set_visible_ids(None)
            return
        ids = self.curator.session.archive.tag_filter_ids(
            self._filter.include, self._filter.exclude, self._filter.all_tags
        )
        timeline.set_visible_ids(ids)

    # -- commands ------------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the window's newest change; with none, the archive's newest recorded one
        (made before the window opened, or from the command line)."""
        if self.curator is None:
            return
        if self.curator.stack.canUndo():
            self.curator.stack.undo()
        elif self._earlier is not None:
            done = self.curator.undo_earlier()
            if done:
                self.window.statusBar().showMessage(self.tr("Undone: {0}").format(done), 6000)
            self._earlier = self.curator.earlier_change()
            self.update_actions()

    def redo(self) -> None:
        if self.curator is not None and self.curator.stack.canRedo():
            self.curator.stack.redo()

    def _selection(self) -> list[int]:
        ids = self.window.selected_ids()
        if not ids:
            self.window.statusBar().showMessage(self.tr("Select one or more events first."), 4000)
        return ids

    def toggle_key(self, key: int) -> None:
        ids = self._selection()
        name = self.tag_for_key(key)
        if self.curator is None or not ids:
            return
        if name is None:
            self.window.statusBar().showMessage(
                self.tr("No tag has the number key {0}: give one in the tag manager.").format(key),
                5000,
            )
            return
        self.curator.toggle_tag(ids, name)

    def trash_selected(self) -> None:
        ids = self._selection()
        if self.curator is not None and ids and self.curator.trash(ids):
            self.window.statusBar().showMessage(
                self.tr("Moved to the trash: {0}. Undo with Ctrl+Z, or restore from the trash.")
                .format(len(ids)),
                6000,
            )  # fmt: skip

    def toggle_verified(self) -> None:
        ids = self._selection()
        if self.curator is None or not ids:
            return
        rows = self.curator.session.archive.events_by_id(ids)
        self.curator.set_verified(ids, not all(row.verified for row in rows))

    def accept_selected(self) -> None:
        ids = self._selection()
        if self.curator is not None and ids:
            self.curator.accept(ids)

    # -- dialogs -------------------------------------------------------------------------------

    def _close(self, key: str) -> None:
        dialog = self._dialogs.pop(key, None)
        if dialog is not None:
            dialog.close()

    def _show(self, key: str, make: Any) -> QWidget | None:
        """One dialog of each kind, raised when asked for again."""
        if self.curator is None:
            return None
        dialog = self._dialogs.get(key)
        if dialog is None:
            dialog = make()
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda *_: self._dialogs.pop(key, None))
            self._dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def edit_tags(self) -> QWidget | None:
        ids = self._selection()
        if not ids or self.curator is None:
            return None
        from .tag_editor import TagEditor

        self._close("tags")
        return self._show("tags", lambda: TagEditor(self.curator, ids, self.window))

    def edit_excerpt_tags(self, excerpt_id: int) -> QWidget | None:
        """The tags of one excerpt (the side panel's "Tag this excerpt…")."""
        if self.curator is None:
            return None
        from .tag_editor import TagEditor

        self._close("tags")
        curator = self.curator
        return self._show(
            "tags", lambda: TagEditor(curator, [excerpt_id], self.window, excerpts=True)
        )

    def edit_event(self) -> QWidget | None:
        event_id = self.window.selected_event()
        if event_id is None or self.curator is None:
            self.window.statusBar().showMessage(self.tr("Select an event first."), 4000)
            return None
        from .event_editor import EventEditor

        self._close("event")
        return self._show("event", lambda: EventEditor(self.curator, event_id, self.window))

    def review(self) -> QWidget | None:
        from .review_queue import ReviewQueue

        return self._show("review", lambda: ReviewQueue(self.curator, self.window))

    def manage_tags(self) -> QWidget | None:
        from .tag_manager import TagManager

        return self._show("tag_manager", lambda: TagManager(self.curator, self.window))

    def show_history(self) -> QWidget | None:
        from .history import EventHistory

        if self.curator is None:
            return None
        event_id = self.window.selected_event()
        self._close("history")
        session, curator = self.curator.session, self.curator

        def make() -> QWidget:
            view = EventHistory(session, event_id, self.window)
            curator.changed.connect(view.reload)  # a change shows at once
            return view

        return self._show("history", make)

    def show_trash(self) -> QWidget | None:
        from .trash import TrashView

        return self._show("trash", lambda: TrashView(self.curator, self.window))
