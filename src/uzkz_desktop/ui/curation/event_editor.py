"""The event editor: a curator corrects one event, in one undoable step.

Titles (English, Uzbek), summary, the date typed the way people write it in any of the
archive's languages or as EDTF (read by the project's date grammar, `dates.parse_date`, and
shown back normalised under the field as it is typed), its precision (derived from what was
typed; it can be made coarser, never finer), the category, the people, places and
organisations it names (from the archive's own list, with completion), verified, notes.

Invalid input is said in red under its field and Save is refused. Save writes only the
fields that changed, through the `Curator`, as ONE command on its undo stack (a QUndoStack
macro when it takes more than one write: the entities, the fields, the acceptance of a
candidate). Merge and split are their own commands, made from here as well.

Everything from the archive is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.core.errors import UzkzError

from ..formatting import citation, precision_in_words, span_in_words, span_of
from ..widgets import muted_style, plain_label

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.models import EntityRow, EventDetail, EventRow

    from .curator import Curator


ERROR_STYLE = "color: #b3261e;"  # red text under a field that cannot be saved as it is
_ORDER = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
MERGE_LIST_LIMIT = 200  # events listed at once in the merge chooser (the search narrows)


# -- one undo step for several writes ----------------------------------------------------------


@contextmanager
def one_step(stack: QUndoStack, label: str) -> Iterator[None]:
    """Every Curator command pushed inside becomes one step of `stack` called `label` (a
    QUndoStack macro). A macro that got no command (every write refused or empty) is
    taken off the stack again, so Undo never offers a step that does nothing."""
    stack.beginMacro(label)
    try:
        yield
    finally:
        stack.endMacro()
        macro = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if macro is not None and macro.text() == label and macro.childCount() == 0:
            macro.setObsolete(True)  # undo() then deletes it instead of keeping it for redo
            stack.undo()


@contextmanager
def failures(curator: Curator) -> Iterator[list[str]]:
    """The messages `curator.failed` emits while the block runs."""
    said: list[str] = []
    curator.failed.connect(said.append)
    try:
        yield said
    finally:
        curator.failed.disconnect(said.append)


# -- dates ---------------------------------------------------------------------------------------


def coarsen(span: DateSpan, precision: Precision) -> DateSpan:
    """`span` known only to `precision` (or coarser, where it already was): the start is
    moved to the first day and the end to the last day of their month or year."""
    first = span.precision if _ORDER[span.precision] >= _ORDER[precision] else precision
    end_known = span.end_precision or span.precision
    last = end_known if _ORDER[end_known] >= _ORDER[precision] else precision
    start = _first_day(span.start, first)
    end = _last_day(span.end, last)
    return DateSpan(
        start,
        end,
        first,
        approximate=span.approximate,
        uncertain=span.uncertain,
        end_precision=None if last is first else last,
    )


def _first_day(day: Any, precision: Precision) -> Any:
    if precision is Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision is Precision.MONTH:
        return day.replace(day=1)
    return day


def _last_day(day: Any, precision: Precision) -> Any:
    if precision is Precision.YEAR:
        return day.replace(month=12, day=31)
    if precision is Precision.MONTH:
        return DateSpan.month(day.year, day.month).end
    return day


def normalised(span: DateSpan) -> str:
    """'18 Feb 2023 · day · 2023-02-18': what the date field reads back."""
    return f"{span_in_words(span)} · {precision_in_words(span)} · {span.edtf}"


def parse_typed_date(text: str) -> DateSpan | None:
    from uzkz_desktop.dates import parse_date

    return parse_date(text)


def row_span(row: EventRow) -> DateSpan:
    return span_of(row.start, row.end, row.precision, row.edtf)


# -- small widgets -------------------------------------------------------------------------------


def error_label(parent: QWidget) -> QLabel:
    """Red text under a field; hidden while there is nothing to say."""
    label = plain_label("", parent)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def category_icon(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def _fold(text: str) -> str:
    from uzkz_desktop.text import search_fold

    return " ".join(search_fold(text).split())


class EntityList(QWidget):
    """The people, places and organisations an event names: a list, a field with completion
    from the archive's entities (names and aliases, any script), Add and Remove."""

    changed = Signal()

    def __init__(self, entities: Sequence[EntityRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entities = list(entities)
        self._by_key: dict[str, str] = {}
        for entity in self._entities:
            for name in (entity.name, *entity.aliases):
                self._by_key.setdefault(_fold(name), entity.name)
        self.list = QListWidget(self)
        self.list.setObjectName("entityList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(110)
        self.list.setAccessibleName(self.tr("People, places and organisations of the event"))
        self.input = QLineEdit(self)
        self.input.setObjectName("entityInput")
        self.input.setPlaceholderText(self.tr("Type a name, then Enter"))
        names = sorted({n for e in self._entities for n in (e.name, *e.aliases)}, key=str.casefold)
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(completer)
        self.input.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeEntity")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label(self)
        self.error.setObjectName("entityError")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.error)
        # As tall as it needs: a taller dialog gives its room to the notes, not to gaps here.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def kind_of(self, name: str) -> str:
        for entity in self._entities:
            if entity.name == name:
                return str(entity.kind.value)
        return ""

    def resolve(self, typed: str) -> str | None:
        """The archive's name for what was typed (a name or alias, any script, any case)."""
        return self._by_key.get(_fold(typed)) if typed.strip() else None

    def names(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_names(self, names: Sequence[str]) -> None:
        self.list.clear()
        for name in names:
            self._append(name)
        self.error.hide()

    def _append(self, name: str) -> None:
        kind = self.kind_of(name)
        item = QListWidgetItem(f"{name} · {self._kind_word(kind)}" if kind else name)
        item.setData(Qt.ItemDataRole.UserRole, name)
        self.list.addItem(item)

    def _kind_word(self, kind: str) -> str:
        words = {
            "person": self.tr("person"),
            "place": self.tr("place"),
            "organisation": self.tr("organisation"),
        }
        return words.get(kind, kind)

    def add(self, typed: str) -> bool:
        """Add the entity called `typed`; False (and a message under the field) if the
        archive knows nobody and nothing of that name."""
        name = self.resolve(typed)
        if name is None:
            self.error.setText(
                self.tr(
                    "The archive knows no person, place or organisation called “{0}”."
                    " Choose a name from the list that opens as you type."
                ).format(typed.strip())
            )
            self.error.show()
            return False
        self.error.hide()
        if name not in self.names():
            self._append(name)
            self.changed.emit()
        return True

    def add_typed(self) -> bool:
        typed = self.input.text()
        if not typed.strip():
            return True
        if self.add(typed):
            self.input.clear()
            return True
        return False

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.list.selectedIndexes()}, reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()

    def pending_error(self) -> str | None:
        """What stops a save: a name typed but unknown."""
        typed = self.input.text()
        if typed.strip() and self.resolve(typed) is None:
            self.add(typed)  # shows the message
            return self.error.text()
        return None


# -- the editor ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Planned:
    """What a save would write: the event's changed fields, its new entity list (None:
    unchanged), and whether a candidate is accepted with it."""

    fields: dict[str, Any]
    entities: list[str] | None
    accept: bool

    def __bool__(self) -> bool:
        return bool(self.fields) or self.entities is not None or self.accept


class EventEditor(QDialog):
    """Edit one event; Save writes what changed as one undoable command (see the module).

    `accept_on_save`: the event is a candidate being reviewed; Save also accepts it (in the
    same undo step), even when nothing else changed.
    """

    saved = Signal(int)  # the event id, after a save that wrote something
    merged = Signal(int, int)  # (kept, merged away): after a merge made from the editor
    split_off = Signal(int)  # the new event's id, after a split made from the editor

    def __init__(
        self,
        curator: Curator,
        event_id: int,
        parent: QWidget | None = None,
        *,
        accept_on_save: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self.curator = curator
        self._event_id = event_id
        self._accept_on_save = accept_on_save
        self._detail: EventDetail | None = None
        self._span: DateSpan | None = None  # what the date field reads now (None: invalid)
        self._date_text0 = ""
        self.merge_chooser: MergeChooser | None = None
        self.split_chooser: SplitChooser | None = None
        self.setWindowTitle(self.tr("Edit event {0}").format(event_id))
        self.setMinimumWidth(560)
        self.resize(680, 660)  # room for the notes and the people and places
        self._build()
        self.load()

    @property
    def session(self) -> Session:
        return self.curator.session

    def event_id(self) -> int:
        return self._event_id

    def detail(self) -> EventDetail | None:
        return self._detail

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_en_edit = QLineEdit(self)
        self.title_en_edit.setObjectName("titleEn")
        self.title_en_error = error_label(self)
        self.title_en_error.setObjectName("titleEnError")
        self.title_uz_edit = QLineEdit(self)
        self.title_uz_edit.setObjectName("titleUz")
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setObjectName("summary")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(80)

        self.date_edit = QLineEdit(self)
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setPlaceholderText(
            self.tr("18 February 2023 · 2023-yil 18-fevral · 18 февраля 2023 г. · 2025-11")
        )
        self.date_edit.setToolTip(
            self.tr(
                "Type the date as you would write it, in Uzbek (Latin or Cyrillic), Russian"
                " or English, or as EDTF: 2023-02-18, 2025-11, 2024/2034, 2024~ (about 2024)."
            )
        )
        self.date_preview = plain_label("", self)
        self.date_preview.setObjectName("datePreview")
        self.date_preview.setStyleSheet(muted_style())
        self.date_error = error_label(self)
        self.date_error.setObjectName("dateError")
        self.precision_combo = QComboBox(self)
        self.precision_combo.setObjectName("precision")
        self.precision_combo.setToolTip(
            self.tr("How precisely the date is known: taken from what you typed; it can be made")
            + " "
            + self.tr("coarser (a day known only as its month or year), never finer.")
        )
        self.written_label = plain_label("", self)
        self.written_label.setObjectName("dateWritten")
        self.written_label.setStyleSheet(muted_style())

        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("category")

        self.entities_box: EntityList | None = None
        self._entities_holder = QVBoxLayout()
        self._entities_holder.setContentsMargins(0, 0, 0, 0)

        self.verified_check = QCheckBox(self.tr("Verified against the source"), self)
        self.verified_check.setObjectName("verified")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)  # and the room a taller dialog gives

        self.message_label = error_label(self)
        self.message_label.setObjectName("saveError")

        self.merge_button = QPushButton(self.tr("Merge with…"), self)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.choose_merge)
        self.split_button = QPushButton(self.tr("Split…"), self)
        self.split_button.setObjectName("splitButton")
        self.split_button.clicked.connect(self.choose_split)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if self._accept_on_save:
            self.save_button.setText(self.tr("Save and accept"))
        self.save_button.setObjectName("saveButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(QLabel(self.tr("known to the"), self))
        date_row.addWidget(self.precision_combo)
        date_box = QVBoxLayout()
        date_box.setSpacing(2)
        date_box.addLayout(date_row)
        date_box.addWidget(self.date_preview)
        date_box.addWidget(self.date_error)
        date_box.addWidget(self.written_label)
        title_box = QVBoxLayout()
        title_box.setSpacing(2)
        title_box.addWidget(self.title_en_edit)
        title_box.addWidget(self.title_en_error)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Title (English)"), title_box)
        form.addRow(self.tr("Title (Uzbek)"), self.title_uz_edit)
        form.addRow(self.tr("Summary"), self.summary_edit)
        form.addRow(self.tr("Date"), date_box)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("People, places,\norganisations"), self._entities_holder)
        form.addRow("", self.verified_check)
        form.addRow(self.tr("Notes"), self.notes_edit)

        bottom = QHBoxLayout()
        bottom.addWidget(self.merge_button)
        bottom.addWidget(self.split_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addLayout(bottom)

        self.title_en_edit.textChanged.connect(self._title_changed)
        self.date_edit.textChanged.connect(self._date_changed)
        self.precision_combo.activated.connect(self._precision_chosen)
        for edit in (self.title_uz_edit,):
            edit.textChanged.connect(self._update_buttons)
        for text in (self.summary_edit, self.notes_edit):
            text.textChanged.connect(self._update_buttons)
        self.category_combo.currentIndexChanged.connect(self._update_buttons)
        self.verified_check.toggled.connect(self._update_buttons)

    def _fill_categories(self, current: str) -> None:
        from uzkz_desktop.ingest.categories import categories

        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        known = categories()
        for category in known:
            self.category_combo.addItem(
                category_icon(category.color), category.label_en, category.id
            )
        if current not in {c.id for c in known}:
            self.category_combo.addItem(category_icon("#8a8a8a"), current, current)
        self.category_combo.setCurrentIndex(self.category_combo.findData(current))
        self.category_combo.blockSignals(False)

    def _fill_entities(self, detail: EventDetail) -> None:
        if self.entities_box is not None:
            self._entities_holder.removeWidget(self.entities_box)
            self.entities_box.deleteLater()
        known = list(self.session.entities())
        present = {e.name for e in known}
        known.extend(e for e in detail.entities if e.name not in present)
        self.entities_box = EntityList(known, self)
        self.entities_box.set_names([e.name for e in detail.entities])
        self.entities_box.changed.connect(self._update_buttons)
        self._entities_holder.addWidget(self.entities_box)

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the fields from the archive (discarding what was typed)."""
        try:
            detail = self.session.event(self._event_id)
        except UzkzError as error:
            self._detail = None
            self.message_label.setText(self.tr("This event cannot be edited: {0}").format(error))
            self.message_label.show()
            self.save_button.setEnabled(False)
            return
        self._detail = detail
        event = detail.event
        self.setWindowTitle(self.tr("Edit event {0}: {1}").format(event.id, event.title_en))
        self.title_en_edit.setText(event.title_en)
        self.title_uz_edit.setText(event.title_uz or "")
        self.summary_edit.setPlainText(detail.summary or "")
        self.notes_edit.setPlainText(detail.notes or "")
        self._date_text0 = detail.span.edtf
        self.date_edit.setText(self._date_text0)
        self._date_changed(self._date_text0)
        self.written_label.setText(
            self.tr("The source writes: “{0}”").format(detail.date_text)
            if detail.date_text
            else self.tr("The source gives no date words.")
        )
        self._fill_categories(event.category)
        self.verified_check.setChecked(event.verified)
        self._fill_entities(detail)
        self.message_label.hide()
        self._update_buttons()

    # -- the date field ------------------------------------------------------------------------

    def _date_changed(self, text: str) -> None:
        parsed = parse_typed_date(text)
        self._parsed = parsed
        self._fill_precisions(parsed)
        self._set_span(parsed, text)

    def _fill_precisions(self, parsed: DateSpan | None) -> None:
        self.precision_combo.blockSignals(True)
        self.precision_combo.clear()
        words = {
            Precision.DAY: self.tr("day"),
            Precision.MONTH: self.tr("month"),
            Precision.YEAR: self.tr("year"),
        }
        if parsed is not None:
            for precision in Precision:
                if _ORDER[precision] >= _ORDER[parsed.precision]:
                    self.precision_combo.addItem(words[precision], precision.value)
        self.precision_combo.setEnabled(parsed is not None and self.precision_combo.count() > 1)
        self.precision_combo.setCurrentIndex(0)
        self.precision_combo.blockSignals(False)

    def _precision_chosen(self, _index: int) -> None:
        self._set_span(self._parsed, self.date_edit.text())

    def set_precision(self, precision: Precision) -> bool:
        """Make the date coarser (as the precision box does); False if it cannot be."""
        index = self.precision_combo.findData(precision.value)
        if index < 0:
            return False
        self.precision_combo.setCurrentIndex(index)
        self._precision_chosen(index)
        return True

    def _set_span(self, parsed: DateSpan | None, text: str) -> None:
        if parsed is None:
            self._span = None
            self.date_preview.hide()
            if text.strip():
                message = self.tr(
                    "This is not a date the archive can read. Write it as in a text —"
                    " 18 February 2023, 2023-yil 18-fevral, 18 февраля 2023 г. — or as EDTF:"
                    " 2023-02-18, 2025-11, 2024/2034, 2024~."
                )
            else:
                message = self.tr("An event needs a date.")
            self.date_error.setText(message)
            self.date_error.show()
        else:
            chosen = self.precision_combo.currentData()
            span = coarsen(parsed, Precision(chosen)) if chosen else parsed
            self._span = span
            self.date_error.hide()
            self.date_preview.setText(normalised(span))
            self.date_preview.show()
        self._update_buttons()

    def span(self) -> DateSpan | None:
        """The date as the field (and the precision box) say it now; None if invalid."""
        return self._span

    # -- validation and what a save writes ---------------------------------------------------------

    def _title_changed(self, text: str) -> None:
        if text.strip():
            self.title_en_error.hide()
        else:
            self.title_en_error.setText(self.tr("An event needs an English title."))
            self.title_en_error.show()
        self._update_buttons()

    def errors(self) -> dict[str, str]:
        """What stops a save now, by field."""
        found: dict[str, str] = {}
        if not self.title_en_edit.text().strip():
            found["title_en"] = self.tr("An event needs an English title.")
        if self._span is None:
            found["date"] = self.date_error.text() or self.tr("An event needs a date.")
        return found

    def entity_names(self) -> list[str]:
        return [] if self.entities_box is None else self.entities_box.names()

    def planned(self) -> Planned:
        """What Save would write now (only what differs from the archive)."""
        detail = self._detail
        if detail is None:
            return Planned({}, None, accept=False)
        event = detail.event
        fields: dict[str, Any] = {}
        title_en = self.title_en_edit.text().strip()
        if title_en and title_en != event.title_en:
            fields["title_en"] = title_en
        title_uz = self.title_uz_edit.text().strip() or None
        if title_uz != (event.title_uz or None):
            fields["title_uz"] = title_uz
        summary = self.summary_edit.toPlainText().strip() or None
        if summary != ((detail.summary or "").strip() or None):
            fields["summary"] = summary
        notes = self.notes_edit.toPlainText().strip() or None
        if notes != ((detail.notes or "").strip() or None):
            fields["notes"] = notes
        category = self.category_combo.currentData()
        if category and category != event.category:
            fields["category"] = category
        if self.verified_check.isChecked() != event.verified:
            fields["verified"] = self.verified_check.isChecked()
        if self._span is not None and self._span != detail.span:
            fields["span"] = self._span
        names = self.entity_names()
        entities = names if names != [e.name for e in detail.entities] else None
        return Planned(fields, entities, accept=self._accept_on_save)

    def is_dirty(self) -> bool:
        planned = self.planned()
        return bool(planned.fields) or planned.entities is not None

    def _update_buttons(self, *_: object) -> None:
        ok = self._detail is not None and not self.errors()
        self.save_button.setEnabled(ok)
        dirty = ok and self.is_dirty()
        live = self._detail is not None and self._detail.deleted_at is None
        self.merge_button.setEnabled(live and not dirty)
        self.split_button.setEnabled(live and not dirty and len(self._detail.excerpts) > 1)
        why = self.tr("Save or cancel your changes first.") if dirty else ""
        self.merge_button.setToolTip(why or self.tr("Merge another event with this one"))
        self.split_button.setToolTip(
            why or self.tr("Move some of this event's excerpts to a new event")
        )

    # -- saving ------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write what changed as one undoable command and close; False (the dialog stays
        open, saying why) when something is invalid or the archive refused."""
        if self._detail is None:
            return False
        if self.entities_box is not None and not self.entities_box.add_typed():
            self.message_label.setText(self.entities_box.error.text())
            self.message_label.show()
            return False
        problems = self.errors()
        if problems:
            if "title_en" in problems:
                self._title_changed(self.title_en_edit.text())
            self.message_label.setText(
                self.tr("Nothing was saved: correct what is marked in red first.")
            )
            self.message_label.show()
            return False
        planned = self.planned()
        if not planned:
            self.accept()
            return True
        label = (
            self.tr("Edit and accept event {0}") if planned.accept else self.tr("Edit event {0}")
        ).format(self._event_id)
        with failures(self.curator) as said:
            writes = self._writes(planned)
            if len(writes) > 1:
                with one_step(self.curator.stack, label):
                    self._run(writes, said)
            else:
                self._run(writes, said)
        if said:
            self.message_label.setText(self.tr("Not saved: {0}").format(said[0]))
            self.message_label.show()
            return False
        self.saved.emit(self._event_id)
        self.accept()
        return True

    def _writes(self, planned: Planned) -> list[Any]:
        ident = self._event_id
        writes: list[Any] = []
        if planned.entities is not None:
            names = list(planned.entities)
            writes.append(lambda: self.curator.set_entities(ident, names))
        if planned.fields:
            fields = dict(planned.fields)
            writes.append(lambda: self.curator.update_event(ident, **fields))
        if planned.accept:
            writes.append(lambda: self.curator.accept([ident]))
        return writes

    @staticmethod
    def _run(writes: Sequence[Any], said: list[str]) -> None:
        """In order; the first refusal stops the rest (the entities go first: they are
        what the archive may refuse)."""
        for write in writes:
            write()
            if said:
                return

    # -- merge and split -----------------------------------------------------------------------

    def merge_with(self, other_id: int, *, keep_this: bool = True) -> bool:
        """Merge `other_id` into this event (or, keep_this=False, this one into it) as one
        undoable command; the editor then shows the kept event (or closes)."""
        keep, other = (self._event_id, other_id) if keep_this else (other_id, self._event_id)
        with failures(self.curator) as said:
            self.curator.merge_events(keep, other)
        if said:
            self.message_label.setText(self.tr("Not merged: {0}").format(said[0]))
            self.message_label.show()
            return False
        self.merged.emit(keep, other)
        if keep_this:
            self.load()
        else:
            self.accept()
        return True

    def choose_merge(self) -> MergeChooser:
        """Open the chooser of the event to merge with (the likely duplicates first)."""
        chooser = MergeChooser(self.session, self._event_id, self)
        self.merge_chooser = chooser

        def chosen() -> None:
            other = chooser.chosen()
            if other is not None:
                self.merge_with(other, keep_this=chooser.keep_this())

        chooser.accepted.connect(chosen)
        chooser.open()
        return chooser

    def split(self, excerpt_ids: Sequence[int], title_en: str | None = None) -> int | None:
        """Move these excerpts to a new event (one undoable command); its id, or None."""
        with failures(self.curator) as said:
            new_id = self.curator.split_event(self._event_id, list(excerpt_ids), title_en)
        if said or new_id is None:
            if said:
                self.message_label.setText(self.tr("Not split: {0}").format(said[0]))
                self.message_label.show()
            return None
        self.split_off.emit(int(new_id))
        self.load()
        return int(new_id)

    def choose_split(self) -> SplitChooser | None:
        if self._detail is None:
            return None
        chooser = SplitChooser(self._detail, self)
        self.split_chooser = chooser

        def chosen() -> None:
            ids = chooser.excerpt_ids()
            if ids:
                self.split(ids, chooser.title() or None)

        chooser.accepted.connect(chosen)
        chooser.open()
        return chooser


# -- choosing what to merge with, and what to split off --------------------------------------------


class MergeChooser(QDialog):
    """Choose the event to merge with: the likely duplicates first (with why), or any
    event found by typing part of its title."""

    def __init__(self, session: Session, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeChooser")
        self.setWindowTitle(self.tr("Merge event {0} with…").format(event_id))
        self.setMinimumWidth(520)
        self.session = session
        self.event_id = event_id
        self._duplicates: list[tuple[EventRow, str]] = []
        try:
            for duplicate in session.duplicates(event_id, limit=5):
                self._duplicates.append((duplicate.event, "; ".join(duplicate.reasons)))
        except UzkzError:
            self._duplicates = []
        self._titles = session.archive.event_titles()
        self._titles.pop(event_id, None)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("mergeFilter")
        self.filter_edit.setPlaceholderText(self.tr("Find an event by its title…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("mergeCandidates")
        self.keep_combo = QComboBox(self)
        self.keep_combo.setObjectName("mergeKeep")
        self.keep_combo.addItem(self.tr("Keep this event; the chosen one is merged into it"), True)
        self.keep_combo.addItem(self.tr("Keep the chosen event; this one is merged into it"), False)
        try:
            from uzkz_desktop.archive.models import EventStatus

            this = session.event(event_id).event
            if this.status is EventStatus.CANDIDATE:
                self.keep_combo.setCurrentIndex(1)
        except UzkzError:
            pass
        hint = plain_label(
            self.tr(
                "The kept event gains the other's excerpts, entities, tags and figures;"
                " the other goes to the trash (Undo brings it back)."
            ),
            self,
        )
        hint.setStyleSheet(muted_style())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.keep_combo)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._fill)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        wanted = _fold(text) if text.strip() else ""
        shown: set[int] = set()
        for row, why in self._duplicates:
            if wanted and wanted not in _fold(row.title_en):
                continue
            label = self.tr("{title} · {date} — likely duplicate: {why}").format(
                title=row.title_en, date=span_in_words(row_span(row)), why=why
            )
            self._add(row.id, label)
            shown.add(row.id)
        if wanted:
            ids = [i for i, t in self._titles.items() if i not in shown and wanted in _fold(t)]
            for row in self.session.archive.events_by_id(ids[:MERGE_LIST_LIMIT]):
                self._add(row.id, f"{row.title_en} · {span_in_words(row_span(row))}")
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def _add(self, event_id: int, label: str) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, event_id)
        item.setToolTip(label)
        self.list.addItem(item)

    def _update(self) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)

    def listed(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def choose(self, event_id: int) -> bool:
        for row, ident in enumerate(self.listed()):
            if ident == event_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def keep_this(self) -> bool:
        return bool(self.keep_combo.currentData())


class SplitChooser(QDialog):
    """Tick the excerpts that go to a new event (at least one stays), and its title."""

    def __init__(self, detail: EventDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitChooser")
        self.setWindowTitle(self.tr("Split event {0}").format(detail.event.id))
        self.setMinimumWidth(520)
        self.list = QListWidget(self)
        self.list.setObjectName("splitExcerpts")
        self.list.setWordWrap(True)
        for excerpt in detail.excerpts:
            text = " ".join(excerpt.text.split())
            item = QListWidgetItem(f"{citation(excerpt)}\n«{text}»")
            item.setData(Qt.ItemDataRole.UserRole, excerpt.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("splitTitle")
        self.title_edit.setPlaceholderText(
            self.tr("Title of the new event (empty: a copy of this one's)")
        )
        self.hint = plain_label("", self)
        self.hint.setStyleSheet(muted_style())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Split"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Tick the excerpts that tell another event:"), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.list.itemChanged.connect(lambda _item: self._update())
        self._update()

    def set_checked(self, excerpt_ids: Sequence[int]) -> None:
        wanted = set(excerpt_ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            state = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def excerpt_ids(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def title(self) -> str:
        return self.title_edit.text().strip()

    def _update(self) -> None:
        ticked, total = len(self.excerpt_ids()), self.list.count()
        ok = 0 < ticked < total
        self.ok_button.setEnabled(ok)
        if ticked and ticked == total:
            self.hint.setText(self.tr("At least one excerpt stays with this event."))
        else:
            self.hint.setText("")
