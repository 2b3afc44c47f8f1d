"""The review queue: the candidate events found in imported documents, one after another.

For each candidate: the source paragraph with its sentence highlighted (the source and the
page), the date the extraction read (normalised, and as the source writes it), the title,
the category; beside it the likely duplicates already in the archive (`Session.duplicates`:
their dates and why they look alike).

Driven from the keyboard, the keys written on the buttons: A accept, E edit then accept,
R reject, M merge into the selected duplicate (1–5 select one), J/K or ↓/↑ next and
previous, Ctrl+Z undo. Each action is one undoable command of the `Curator`; after it the
queue shows the next candidate, and after an undo the candidate that came back.

Everything from the archive is shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from uzkz_desktop.core.errors import UzkzError

from ..formatting import (
    citation_parts,
    date_in_words,
    page_label,
    paragraph_around,
)
from ..textmarks import Mark, fill_document
from ..widgets import muted_style, plain_label, scaled_font
from .event_editor import EventEditor, category_icon, failures

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.models import EventDetail, EventRow, ExcerptRow, SourceDetail

    from .curator import Change, Curator

DUPLICATES = 5  # listed beside a candidate; the keys 1..5 select them
_NEXT_KEYS = (Qt.Key.Key_J, Qt.Key.Key_Down)
_PREVIOUS_KEYS = (Qt.Key.Key_K, Qt.Key.Key_Up)
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, DUPLICATES + 1)}


class ReviewQueue(QWidget):
    """The candidates, one at a time (see the module's docstring). For a dock or a dialog.

    It keeps the keyboard focus itself (its buttons and lists take none), so its letter
    and number keys, and Ctrl+Z, work while it has focus and win over the window's
    shortcuts for the same keys.
    """

    current_changed = Signal(object)  # the candidate shown now (event id), or None
    message = Signal(str)  # what was just done, in words (for a status bar)

    def __init__(self, curator: Curator, parent: QWidget | None = None) -> None:
        # A window of its own (over `parent`) until put in a layout or a dock, which makes
        # it a child widget.
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewQueue")
        self.setWindowTitle(self.tr("Review candidates"))
        self.resize(980, 620)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.curator = curator
        self._ids: list[int] = []
        self._rows: dict[int, EventRow] = {}
        self._position = 0
        self._loaded = False
        self._stale = True
        self._shown_id: int | None = None
        self._detail: EventDetail | None = None
        self._duplicates: list[Any] = []  # Session.duplicates: .event, .score, .reasons
        self._sources: dict[int, SourceDetail] = {}
        self._editor: EventEditor | None = None
        self._build()
        curator.changed.connect(self._archive_changed)
        self.refresh()

    @property
    def session(self) -> Session:
        return self.curator.session

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.count_label = plain_label("", self, wrap=False)
        self.count_label.setObjectName("reviewCount")
        self.count_label.setStyleSheet("font-weight: 600;")
        self.message_label = plain_label("", self)
        self.message_label.setObjectName("reviewMessage")
        self.message_label.setStyleSheet(muted_style())

        candidate = QWidget(self)
        self.title_label = plain_label("", candidate)
        self.title_label.setObjectName("candidateTitle")
        self.title_label.setFont(
            scaled_font(self.title_label.font(), 1.2, weight=QFont.Weight.DemiBold)
        )
        self.date_label = plain_label("", candidate)
        self.date_label.setObjectName("candidateDate")
        self.written_label = plain_label("", candidate)
        self.written_label.setObjectName("candidateDateText")
        self.written_label.setStyleSheet(muted_style())
        self.category_label = plain_label("", candidate)
        self.category_label.setObjectName("candidateCategory")
        self.paragraph_view = QTextBrowser(candidate)
        self.paragraph_view.setObjectName("candidateParagraph")
        self.paragraph_view.setOpenLinks(False)
        self.paragraph_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paragraph_view.setAccessibleName(self.tr("Source paragraph"))
        self.paragraph_view.document().setDocumentMargin(8)
        self.page_label = plain_label("", candidate)
        self.page_label.setObjectName("candidatePage")
        self.page_label.setStyleSheet("font-weight: 600;")
        self.citation_label = plain_label("", candidate)
        self.citation_label.setObjectName("candidateCitation")
        self.more_label = plain_label("", candidate)
        self.more_label.setStyleSheet(muted_style())
        left = QVBoxLayout(candidate)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(4)
        for widget in (self.title_label, self.date_label, self.written_label):
            left.addWidget(widget)
        left.addWidget(self.category_label)
        left.addWidget(self.paragraph_view, 1)
        left.addWidget(self.page_label)
        left.addWidget(self.citation_label)
        left.addWidget(self.more_label)

        side = QWidget(self)
        self.duplicates_caption = plain_label(self.tr("Likely duplicates (1–5)"), side)
        self.duplicates_caption.setStyleSheet("font-weight: 600;")
        self.duplicates_list = QListWidget(side)
        self.duplicates_list.setObjectName("duplicates")
        self.duplicates_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.duplicates_list.setWordWrap(True)
        self.duplicates_list.setAccessibleName(self.tr("Likely duplicates"))
        self.duplicates_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.duplicates_caption)
        right.addWidget(self.duplicates_list, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(candidate)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.accept_button = self._button(self.tr("Accept  [A]"), "acceptButton")
        self.accept_button.clicked.connect(self.accept_current)
        self.edit_button = self._button(self.tr("Edit, then accept  [E]"), "editButton")
        self.edit_button.clicked.connect(self.edit_current)
        self.reject_button = self._button(self.tr("Reject  [R]"), "rejectButton")
        self.reject_button.clicked.connect(self.reject_current)
        self.merge_button = self._button(self.tr("Merge into duplicate  [M]"), "mergeButton")
        self.merge_button.clicked.connect(self.merge_current)
        self.previous_button = self._button(self.tr("◀ Previous  [K/↑]"), "previousButton")
        self.previous_button.clicked.connect(self.previous)
        self.next_button = self._button(self.tr("Next ▶  [J/↓]"), "nextButton")
        self.next_button.clicked.connect(self.next)
        self.undo_button = self._button(self.tr("Undo  [Ctrl+Z]"), "undoButton")
        self.undo_button.clicked.connect(self.undo)
        self.curator.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.curator.stack.canUndo())

        actions = QHBoxLayout()
        for button in (self.accept_button, self.edit_button, self.reject_button):
            actions.addWidget(button)
        actions.addWidget(self.merge_button)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        moves = QHBoxLayout()
        moves.addWidget(self.previous_button)
        moves.addWidget(self.count_label)
        moves.addWidget(self.next_button)
        moves.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(moves)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the queue keeps the keys
        return button

    # -- the list of candidates -----------------------------------------------------------------

    def _archive_changed(self, _change: Change) -> None:
        self._stale = True
        self._sources.clear()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        if self.isWindow():
            self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def refresh(self) -> None:
        """Read the candidates again. The one shown stays; when it went (accepted, rejected,
        merged) the next one takes its place; when exactly one came back (an undo), it is
        shown."""
        self._stale = False
        previous = set(self._ids)
        current = self.current_id()
        try:
            rows = list(self.session.candidates())
        except UzkzError as error:
            rows = []
            self._say(self.tr("The candidates cannot be read: {0}").format(error))
        self._ids = [row.id for row in rows]
        self._rows = {row.id: row for row in rows}
        appeared = [i for i in self._ids if i not in previous]
        if self._loaded and len(appeared) == 1:
            self._position = self._ids.index(appeared[0])
        elif current is not None and current in self._rows:
            self._position = self._ids.index(current)
        else:
            self._position = max(0, min(self._position, len(self._ids) - 1))
        self._loaded = True
        self._show()

    def candidate_ids(self) -> list[int]:
        return list(self._ids)

    def count(self) -> int:
        return len(self._ids)

    def position(self) -> int:
        """0-based place of the candidate shown (0 when there is none)."""
        return self._position

    def current_id(self) -> int | None:
        if not self._ids:
            return None
        return self._ids[min(self._position, len(self._ids) - 1)]

    def go_to(self, event_id: int) -> bool:
        if event_id not in self._rows:
            return False
        self._position = self._ids.index(event_id)
        self._show()
        return True

    def next(self) -> None:
        if self._position + 1 < len(self._ids):
            self._position += 1
            self._show()

    def previous(self) -> None:
        if self._position > 0:
            self._position -= 1
            self._show()

    # -- showing one candidate --------------------------------------------------------------------

    def _show(self) -> None:
        ident = self.current_id()
        total = len(self._ids)
        self.count_label.setText(
            self.tr("{0} of {1}").format(self._position + 1, total)
            if total
            else self.tr("No candidates to review")
        )
        changed = ident != self._shown_id
        self._shown_id = ident
        self._detail = None
        self._duplicates = []
        if ident is not None:
            try:
                self._detail = self.session.event(ident)
                self._duplicates = list(self.session.duplicates(ident, limit=DUPLICATES))
            except UzkzError as error:
                self._say(self.tr("This candidate cannot be shown: {0}").format(error))
        self._fill_candidate()
        self._fill_duplicates()
        self._update_buttons()
        if changed:
            self.current_changed.emit(ident)

    def _fill_candidate(self) -> None:
        detail = self._detail
        if detail is None:
            for label in (self.title_label, self.date_label, self.written_label):
                label.setText("")
            self.category_label.setText("")
            self.page_label.setText("")
            self.citation_label.setText("")
            self.more_label.setText("")
            if self._ids:
                self.paragraph_view.clear()
            else:
                fill_document(
                    self.paragraph_view.document(),
                    self.tr(
                        "Every candidate has been reviewed. Importing a document adds the"
                        " dated events found in it here."
                    ),
                )
            return
        event = detail.event
        self.title_label.setText(event.title_en)
        self.date_label.setText(
            self.tr("{0} · {1}").format(date_in_words(detail.span), detail.span.edtf)
        )
        self.written_label.setText(
            self.tr("The source writes: “{0}”").format(detail.date_text)
            if detail.date_text
            else self.tr("The source gives no date words.")
        )
        from uzkz_desktop.ingest.categories import categories

        named = {c.id: c for c in categories()}
        category = named.get(event.category)
        self.category_label.setText(
            self.tr("Category: {0}").format(category.label_en if category else event.category)
        )
        color = category.color if category else "#8a8a8a"
        self.category_label.setStyleSheet(f"QLabel {{ color: {color}; font-weight: 600; }}")
        excerpt = detail.excerpts[0] if detail.excerpts else None
        self._fill_excerpt(excerpt)
        more = len(detail.excerpts) - 1
        self.more_label.setText(
            self.tr("… and {0} more excerpt(s): see the event's side panel.").format(more)
            if more > 0
            else ""
        )

    def _fill_excerpt(self, excerpt: ExcerptRow | None) -> None:
        if excerpt is None:
            fill_document(
                self.paragraph_view.document(), self.tr("No excerpt is recorded for this event.")
            )
            self.page_label.setText("")
            self.citation_label.setText("")
            return
        cleaned = self._cleaned_text(excerpt)
        if cleaned is not None and cleaned[excerpt.clean_start : excerpt.clean_end] == excerpt.text:
            paragraph = paragraph_around(cleaned, excerpt.clean_start, excerpt.clean_end)
            text = paragraph.text
            sentence = paragraph.local(excerpt.clean_start, excerpt.clean_end)
        else:
            text, sentence = excerpt.text, (0, len(excerpt.text))
        fill_document(
            self.paragraph_view.document(), text, [(sentence[0], sentence[1], Mark.SENTENCE)]
        )
        page = page_label(excerpt.page)
        self.page_label.setText(page or self.tr("(no page numbers in this source)"))
        self.citation_label.setText("\n".join(p for p in citation_parts(excerpt) if p != page))

    def _cleaned_text(self, excerpt: ExcerptRow) -> str | None:
        if excerpt.source_id not in self._sources:
            try:
                self._sources[excerpt.source_id] = self.session.archive.source(excerpt.source_id)
            except UzkzError:
                return None
        return self._sources[excerpt.source_id].cleaned_text

    def _fill_duplicates(self) -> None:
        self.duplicates_list.clear()
        for number, duplicate in enumerate(self._duplicates, start=1):
            row = duplicate.event
            from .event_editor import row_span

            why = "; ".join(duplicate.reasons)
            text = self.tr("{n}. {title}\n{date} · score {score:.2f} · {why}").format(
                n=number,
                title=row.title_en,
                date=date_in_words(row_span(row)),
                score=duplicate.score,
                why=why,
            )
            item = QListWidgetItem(category_icon(self._color(row.category)), text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(text)
            self.duplicates_list.addItem(item)
        if self._duplicates:
            self.duplicates_list.setCurrentRow(0)
        self.duplicates_caption.setText(
            self.tr("Likely duplicates (1–{0})").format(len(self._duplicates))
            if self._duplicates
            else self.tr("No likely duplicate in the archive")
        )

    @staticmethod
    def _color(category_id: str) -> str:
        from uzkz_desktop.ingest.categories import categories

        for category in categories():
            if category.id == category_id:
                return category.color
        return "#8a8a8a"

    def duplicate_ids(self) -> list[int]:
        return [d.event.id for d in self._duplicates]

    def selected_duplicate(self) -> int | None:
        item = self.duplicates_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def select_duplicate(self, number: int) -> bool:
        """Select the duplicate listed as `number` (1-based, as the keys 1..5)."""
        if not 1 <= number <= self.duplicates_list.count():
            return False
        self.duplicates_list.setCurrentRow(number - 1)
        return True

    def _update_buttons(self) -> None:
        has = self.current_id() is not None and self._detail is not None
        writable = not self.curator.readonly
        for button in (self.accept_button, self.edit_button, self.reject_button):
            button.setEnabled(has and writable)
        self.merge_button.setEnabled(has and writable and self.selected_duplicate() is not None)
        self.previous_button.setEnabled(self._position > 0)
        self.next_button.setEnabled(self._position + 1 < len(self._ids))

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message.emit(text)

    # -- actions ---------------------------------------------------------------------------------

    def _title(self, event_id: int) -> str:
        row = self._rows.get(event_id)
        return row.title_en if row is not None else str(event_id)

    def _act(self, write: Any, done: str) -> bool:
        with failures(self.curator) as said:
            write()
        if said:
            self._say(said[0])
            return False
        self._say(done)
        return True

    def accept_current(self) -> bool:
        ident = self.current_id()
        if ident is None:
            return False
        title = self._title(ident)
        return self._act(
            lambda: self.curator.accept([ident]), self.tr("Accepted “{0}”.").format(title)
        )

    def reject_current(self) -> bool:
        ident = self.current_id()
        if ident is None:
            return False
        title = self._title(ident)
        return self._act(
            lambda: self.curator.reject([ident]), self.tr("Rejected “{0}”.").format(title)
        )

    def merge_current(self) -> bool:
        """Merge the candidate into the selected duplicate (which is kept)."""
        ident, keep = self.current_id(), self.selected_duplicate()
        if ident is None:
            return False
        if keep is None:
            self._say(self.tr("There is no duplicate to merge this candidate into."))
            return False
        title = self._title(ident)
        return self._act(
            lambda: self.curator.merge_events(keep, ident),
            self.tr("Merged “{0}” into event {1}.").format(title, keep),
        )

    def edit_current(self) -> EventEditor | None:
        """Open the editor on the candidate; saving it also accepts it (one undo step)."""
        ident = self.current_id()
        if ident is None:
            return None
        if self._editor is not None:
            self._editor.close()
            self._editor.deleteLater()
        editor = EventEditor(self.curator, ident, self, accept_on_save=True)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        editor.saved.connect(
            lambda _id: self._say(self.tr("Edited and accepted “{0}”.").format(self._title(ident)))
        )
        editor.finished.connect(lambda _code: self.setFocus(Qt.FocusReason.OtherFocusReason))
        self._editor = editor
        editor.open()
        return editor

    def editor(self) -> EventEditor | None:
        """The editor opened by E (still open or last closed), if any."""
        return self._editor

    def undo(self) -> None:
        if self.curator.stack.canUndo():
            text = self.curator.stack.undoText()
            self.curator.stack.undo()
            self._say(self.tr("Undone: {0}").format(text))

    def redo(self) -> None:
        if self.curator.stack.canRedo():
            text = self.curator.stack.redoText()
            self.curator.stack.redo()
            self._say(self.tr("Redone: {0}").format(text))

    # -- keys -------------------------------------------------------------------------------------

    def _handler(self, event: QKeyEvent) -> Any:
        if event.matches(QKeySequence.StandardKey.Undo):
            return self.undo
        if event.matches(QKeySequence.StandardKey.Redo):
            return self.redo
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return None
        key = Qt.Key(event.key())
        if key in _NEXT_KEYS:
            return self.next
        if key in _PREVIOUS_KEYS:
            return self.previous
        if key in _DIGITS:
            number = _DIGITS[key]
            return lambda: self.select_duplicate(number)
        return {
            Qt.Key.Key_A: self.accept_current,
            Qt.Key.Key_E: self.edit_current,
            Qt.Key.Key_R: self.reject_current,
            Qt.Key.Key_M: self.merge_current,
        }.get(key)

    def event(self, event: QEvent) -> bool:
        # Claim our keys before the window's shortcuts see them (the number keys tag
        # events there, Ctrl+Z is Edit ▸ Undo): they then arrive as key presses.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._handler(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        handler = self._handler(event)
        if handler is None:
            super().keyPressEvent(event)
            return
        event.accept()
        handler()
