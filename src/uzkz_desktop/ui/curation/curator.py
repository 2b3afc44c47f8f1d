"""Every change a curator makes in the window goes through one `Curator`.

The Curator is the window's single writer: it calls the Session's write methods (each one
audited batch in one SQLite transaction, with the search index updated in the same
operation) under the window's search lock, so no search thread uses the index while it
changes. Each change that wrote something becomes a command on a QUndoStack, so Edit ▸
Undo/Redo, their labels and the clean state are Qt's own; undoing a command undoes its
batch in the archive (`Session.undo`, over the audit log), and redoing it undoes that undo.

The commands only mirror the archive: the audit log is the truth. Before an undo the
Curator checks that the archive's newest change is still the command's; when something
else wrote to the archive meanwhile (another process, `uzkz tag` in a terminal) it says so
and clears the stack rather than undo somebody else's change.

Nothing here raises at the user: a refused change (`ValueError`, `UzkzError`) is reported
through `failed` in the Session's words, and the archive is left as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack

from uzkz_desktop.core.errors import UzkzError

if TYPE_CHECKING:
    from uzkz_desktop.app import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What a change touched, so the window refreshes no more than it must.

    `events`: the events whose fields, tags or excerpts changed (empty with `everything`);
    `tags`: the tag list (names, colours, counts, shortcuts) changed; `everything`: events
    appeared, went or moved (the timeline reads its data again).
    """

    events: frozenset[int] = frozenset()
    tags: bool = False
    everything: bool = False


ALL = Change(tags=True, everything=True)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Curator", text)


def _count(template_one: str, template_many: str, n: int) -> str:
    """The singular or plural template for `n` (formatted by the caller)."""
    return template_one if n == 1 else template_many


class _Command(QUndoCommand):
    """One recorded change. Pushing it runs `redo` once: the change is already made then."""

    def __init__(self, curator: Curator, text: str, batch_id: int) -> None:
        super().__init__(text)
        self.curator = curator
        self.batch_id = batch_id  # the archive batch an undo undoes (or a redo's undo)
        self.pushed = False

    def redo(self) -> None:
        if not self.pushed:
            self.pushed = True
            return
        self.curator._redo(self)

    def undo(self) -> None:
        self.curator._undo(self)


class Curator(QObject):
    """The window's writes to the archive, with undo (see the module's docstring)."""

    changed = Signal(object)  # Change
    failed = Signal(str)  # a change was refused or failed: why, in plain words

    def __init__(
        self,
        session: Session,
        lock: threading.RLock | None = None,
        parent: QObject | None = None,
        *,
        readonly_reason: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lock = lock or threading.RLock()
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(500)
        self._readonly_reason = readonly_reason
        if readonly_reason is None and session.archive.readonly:
            self._readonly_reason = _tr("The archive was opened read-only.")

    # -- state -----------------------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        return self._readonly_reason is not None

    @property
    def readonly_reason(self) -> str | None:
        return self._readonly_reason

    def set_readonly(self, reason: str | None) -> None:
        self._readonly_reason = reason
        if reason is not None:
            self.stack.clear()

    # -- the one way to write --------------------------------------------------------------

    def perform(self, label: str, write: Callable[[Session], T], change: Change = ALL) -> T | None:
        """Run `write(session)` as one change. When it wrote anything, it becomes an undoable
        command called `label`; `changed` says what to refresh. None when refused."""
        if self._readonly_reason is not None:
            self.failed.emit(self._readonly_reason)
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.lock:
                before = self._newest_batch()
                result = write(self.session)
                after = self._newest_batch()
        except (UzkzError, ValueError, KeyError) as error:
            self.failed.emit(_plain(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        if after is not None and after != before:
            self.stack.push(_Command(self, label, after))
            self.changed.emit(change)
        return result

    def _done(self, label: str, write: Callable[[Session], object], change: Change) -> bool:
        """`perform` for a write whose own result does not matter: True when it was made
        (or there was nothing to change), False when it was refused."""

        def made(session: Session) -> bool:
            write(session)
            return True

        return self.perform(label, made, change) is True

    def _newest_batch(self) -> int | None:
        newest = self.session.archive.history(1)
        return newest[0].batch_id if newest else None

    def _undo(self, command: _Command) -> None:
        self._replay(command, undo=True)

    def _redo(self, command: _Command) -> None:
        self._replay(command, undo=False)

    def _replay(self, command: _Command, *, undo: bool) -> None:
        """Undo (or redo) `command`'s batch in the archive, if it is still the one an archive
        undo (redo) would apply to; otherwise say why and forget the stack."""
        try:
            with self.lock:
                state = self.session.undo_stack()
                expected = state.undo if undo else state.redo
                if expected is None or expected.batch_id != command.batch_id:
                    raise _MovedError
                if undo:
                    self.session.undo()
                else:
                    self.session.redo()
                newest = self._newest_batch()
        except _MovedError:
            self._forget_later()  # queued first: listeners to `failed` see the stack empty
            self.failed.emit(
                _tr(
                    "The archive was changed outside this window since then, so this step"
                    " cannot be undone here any more. Nothing was changed."
                )
            )
            return
        except (UzkzError, ValueError, KeyError) as error:
            self._forget_later()
            self.failed.emit(_plain(error))
            return
        command.batch_id = newest if newest is not None else command.batch_id
        self.changed.emit(ALL)

    def earlier_change(self) -> str | None:
        """With nothing on the stack: the archive's newest change an undo would apply to
        (made before this window opened, or from the command line), as recorded."""
        if self.stack.count() or self._readonly_reason is not None:
            return None
        with self.lock:
            batch = self.session.undo_stack().undo
        return None if batch is None else batch.action

    def undo_earlier(self) -> str | None:
        """Undo `earlier_change` (not on the stack: it cannot be redone from the window,
        `uzkz redo` can). Its action, or None when there was none."""
        if self._readonly_reason is not None:
            self.failed.emit(self._readonly_reason)
            return None
        try:
            with self.lock:
                action = self.session.undo()
        except (UzkzError, ValueError, KeyError) as error:
            self.failed.emit(_plain(error))
            return None
        if action is not None:
            self.changed.emit(ALL)
        return action

    def _forget_later(self) -> None:
        from PySide6.QtCore import QTimer

        # The stack is in the middle of calling the command: clear it once it has returned.
        QTimer.singleShot(0, self, self.stack.clear)

    # -- tags --------------------------------------------------------------------------------

    def tag(self, event_ids: Iterable[int], names: Iterable[str]) -> int | None:
        ids, tags = list(event_ids), list(names)
        label = _count(_tr("Tag {0} event with {1}"), _tr("Tag {0} events with {1}"), len(ids))
        return self.perform(
            label.format(len(ids), ", ".join(tags)),
            lambda s: s.tag(ids, tags),
            Change(frozenset(ids), tags=True),
        )

    def untag(self, event_ids: Iterable[int], names: Iterable[str]) -> int | None:
        ids, tags = list(event_ids), list(names)
        label = _count(
            _tr("Remove {1} from {0} event"), _tr("Remove {1} from {0} events"), len(ids)
        )
        return self.perform(
            label.format(len(ids), ", ".join(tags)),
            lambda s: s.untag(ids, tags),
            Change(frozenset(ids), tags=True),
        )

    def tag_excerpts(self, excerpt_ids: Iterable[int], names: Iterable[str]) -> int | None:
        ids, tags = list(excerpt_ids), list(names)
        label = _count(_tr("Tag {0} excerpt with {1}"), _tr("Tag {0} excerpts with {1}"), len(ids))
        return self.perform(
            label.format(len(ids), ", ".join(tags)),
            lambda s: s.tag_excerpts(ids, tags),
            Change(tags=True),
        )

    def untag_excerpts(self, excerpt_ids: Iterable[int], names: Iterable[str]) -> int | None:
        ids, tags = list(excerpt_ids), list(names)
        label = _count(
            _tr("Remove {1} from {0} excerpt"), _tr("Remove {1} from {0} excerpts"), len(ids)
        )
        return self.perform(
            label.format(len(ids), ", ".join(tags)),
            lambda s: s.untag_excerpts(ids, tags),
            Change(tags=True),
        )

    def toggle_tag(self, event_ids: Sequence[int], name: str) -> int | None:
        """The number keys: tag every event that lacks `name`, or, when all have it
        already, take it off them all."""
        ids = list(event_ids)
        if not ids:
            return None
        import numpy as np

        # one query for all of them (the number keys may be pressed on 1,000 events)
        carrying = self.session.archive.tag_filter_ids(include=[name])
        have = np.isin(np.asarray(ids, dtype=np.int64), carrying).tolist()
        if all(have):
            return self.untag(ids, [name])
        return self.tag([i for i, h in zip(ids, have, strict=True) if not h], [name])

    def rename_tag(self, old: str, new: str) -> bool:
        label = _tr("Rename tag {0} to {1}").format(old, new)
        return self._done(label, lambda s: s.rename_tag(old, new), ALL)

    def set_tag_color(self, name: str, color: str | None) -> bool:
        label = _tr("Colour of tag {0}").format(name)
        change = Change(tags=True)
        return self._done(label, lambda s: s.set_tag_color(name, color), change)

    def set_tag_shortcut(self, name: str, key: int | None) -> bool:
        label = _tr("Number key of tag {0}").format(name)
        change = Change(tags=True)
        return self._done(label, lambda s: s.set_tag_shortcut(name, key), change)

    def delete_tag(self, name: str) -> bool:
        label = _tr("Delete tag {0}").format(name)
        return self._done(label, lambda s: s.delete_tag(name), ALL)

    # -- events ------------------------------------------------------------------------------

    def update_event(self, event_id: int, **fields: Any) -> bool | None:
        label = _tr("Edit event {0}").format(event_id)
        return self.perform(label, lambda s: s.update_event(event_id, **fields), ALL)

    def set_entities(self, event_id: int, names: Sequence[str]) -> bool:
        label = _tr("People and places of event {0}").format(event_id)
        change = Change(frozenset([event_id]))
        return self._done(label, lambda s: s.set_entities(event_id, names), change)

    def accept(self, event_ids: Iterable[int]) -> int | None:
        ids = list(event_ids)
        label = _count(_tr("Accept {0} candidate"), _tr("Accept {0} candidates"), len(ids))
        return self.perform(label.format(len(ids)), lambda s: s.accept(ids), ALL)

    def reject(self, event_ids: Iterable[int]) -> int | None:
        ids = list(event_ids)
        label = _count(_tr("Reject {0} candidate"), _tr("Reject {0} candidates"), len(ids))
        return self.perform(label.format(len(ids)), lambda s: s.reject(ids), ALL)

    def set_verified(self, event_ids: Iterable[int], verified: bool) -> int | None:
        ids = list(event_ids)
        if verified:
            label = _count(
                _tr("Mark {0} event verified"), _tr("Mark {0} events verified"), len(ids)
            )
        else:
            label = _count(
                _tr("Mark {0} event not verified"), _tr("Mark {0} events not verified"), len(ids)
            )
        change = Change(frozenset(ids))
        return self.perform(label.format(len(ids)), lambda s: s.set_verified(ids, verified), change)

    def merge_events(self, keep: int, other: int) -> bool:
        label = _tr("Merge event {1} into {0}").format(keep, other)
        return self._done(label, lambda s: s.merge_events(keep, other), ALL)

    def split_event(
        self, event_id: int, excerpt_ids: Sequence[int], title_en: str | None = None
    ) -> int | None:
        label = _tr("Split event {0}").format(event_id)
        return self.perform(
            label, lambda s: s.split_event(event_id, excerpt_ids, title_en=title_en), ALL
        )

    def trash(self, event_ids: Iterable[int]) -> bool:
        ids = list(event_ids)
        label = _count(
            _tr("Move {0} event to the trash"), _tr("Move {0} events to the trash"), len(ids)
        )
        return self._done(label.format(len(ids)), lambda s: s.trash_events(ids), ALL)

    def restore(self, event_ids: Iterable[int]) -> bool:
        ids = list(event_ids)
        label = _count(
            _tr("Restore {0} event from the trash"),
            _tr("Restore {0} events from the trash"),
            len(ids),
        )
        return self._done(label.format(len(ids)), lambda s: s.restore_events(ids), ALL)


class _MovedError(Exception):
    """The archive's undo history no longer matches the stack."""


def _plain(error: BaseException) -> str:
    text = str(error).strip()
    if isinstance(error, KeyError) and error.args:
        return _tr("There is no such record: {0}").format(error.args[0])
    return text[:1].upper() + text[1:] if text else _tr("The change could not be made.")
