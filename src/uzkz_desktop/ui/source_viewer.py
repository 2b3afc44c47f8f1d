"""The whole source, read-only: scrolled to the excerpt, with next/previous hit.

The cleaned text is shown as plain text. The event's excerpt is highlighted; the source's
other excerpts are tinted; the search's words (when the viewer was opened from a search)
are marked. "Next"/"Previous" (F3 / Shift+F3) walk the search words' occurrences, or the
source's excerpts when there was no search.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from .formatting import merge_spans, occurrences, page_label, term_spans, year_of
from .textmarks import Mark, Utf16, apply_marks, fill_document, mark_format
from .widgets import muted_style, plain_label, scaled_font

if TYPE_CHECKING:
    from uzkz_desktop.archive.models import ExcerptRow, SourceDetail


class SourceViewer(QDialog):
    """A read-only window on one source's cleaned text."""

    def __init__(
        self,
        source: SourceDetail,
        *,
        excerpt: ExcerptRow | None = None,
        excerpts: Sequence[ExcerptRow] = (),
        words: Sequence[str] = (),
        terms: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sourceViewer")
        self.source = source
        self.excerpt = excerpt
        self._text = source.cleaned_text
        self._excerpt_spans = merge_spans(
            (x.clean_start, x.clean_end) for x in excerpts if x.source_id == source.row.id
        )
        if (
            excerpt is not None
            and (excerpt.clean_start, excerpt.clean_end) not in self._excerpt_spans
        ):
            self._excerpt_spans = merge_spans(
                [*self._excerpt_spans, (excerpt.clean_start, excerpt.clean_end)]
            )
        language = excerpt.language if excerpt is not None else None
        self._word_spans = merge_spans(
            [*occurrences(self._text, words), *term_spans(self._text, language, terms)]
        )
        self._pages = sorted(source.page_map)
        row = source.row
        self.setWindowTitle(self.tr("Source — {0}").format(row.title_en or row.title))
        self.resize(820, 720)

        self.title_label = plain_label(row.title, self)
        self.title_label.setFont(
            scaled_font(self.title_label.font(), 1.2, weight=QFont.Weight.DemiBold)
        )
        details = [p for p in (row.author, row.publication, year_of(row.issued)) if p]
        if row.title_en and row.title_en != row.title:
            details.insert(0, row.title_en)
        self.details_label = plain_label(" · ".join(details), self)
        self.details_label.setStyleSheet(muted_style())

        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("sourceText")
        self.text_view.setReadOnly(True)
        self.text_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text_view.setAccessibleName(self.tr("Source text"))
        self.text_view.setFont(scaled_font(self.text_view.font(), 1.1))
        self.text_view.document().setDocumentMargin(14)
        self._to_doc: Utf16 = fill_document(self.text_view.document(), self._text)
        marks = [(s, e, Mark.EXCERPT) for s, e in self._excerpt_spans]
        if excerpt is not None:
            marks.append((excerpt.clean_start, excerpt.clean_end, Mark.SENTENCE))
        marks.extend((s, e, Mark.HIT) for s, e in self._word_spans)
        apply_marks(self.text_view.document(), self._to_doc, marks)
        self.text_view.cursorPositionChanged.connect(self._update_page)

        self.mode = QComboBox(self)
        self.mode.setObjectName("hitMode")
        self.mode.setAccessibleName(self.tr("Move between"))
        if self._word_spans:
            self.mode.addItem(self.tr("Search words"), "words")
        self.mode.addItem(self.tr("Excerpts"), "excerpts")
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.previous_button = QPushButton(self.tr("Previous"), self)
        self.previous_button.setObjectName("previousHit")
        self.previous_button.setShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious))
        self.previous_button.setToolTip(self.tr("Previous hit (Shift+F3)"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setObjectName("nextHit")
        self.next_button.setShortcut(QKeySequence(QKeySequence.StandardKey.FindNext))
        self.next_button.setToolTip(self.tr("Next hit (F3)"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.position_label = QLabel(self)
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_label = QLabel(self)
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_label.setStyleSheet(muted_style())

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Move between:"), self))
        bar.addWidget(self.mode)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.position_label)
        bar.addStretch(1)
        bar.addWidget(self.page_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addLayout(bar)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(buttons)

        self._current = -1
        self._go_to_start()

    # -- hits ------------------------------------------------------------------------------------

    def hits(self) -> list[tuple[int, int]]:
        """The spans Next/Previous walk, in text order."""
        return self._word_spans if self.mode.currentData() == "words" else self._excerpt_spans

    def current_hit(self) -> int:
        return self._current

    def current_span(self) -> tuple[int, int] | None:
        hits = self.hits()
        return hits[self._current] if 0 <= self._current < len(hits) else None

    def _go_to_start(self) -> None:
        hits = self.hits()
        if not hits:
            self._show(-1)
            return
        anchor = self.excerpt.clean_start if self.excerpt is not None else 0
        starts = [s for s, _ in hits]
        self._show(min(bisect.bisect_left(starts, anchor), len(hits) - 1))

    def _mode_changed(self) -> None:
        self._go_to_start()

    def step(self, direction: int) -> None:
        hits = self.hits()
        if not hits:
            return
        self._show((self._current + direction) % len(hits))

    def _show(self, number: int) -> None:
        hits = self.hits()
        self._current = number
        self.previous_button.setEnabled(len(hits) > 1)
        self.next_button.setEnabled(len(hits) > 1)
        if not 0 <= number < len(hits):
            self.position_label.setText(self.tr("No hits"))
            self.text_view.setExtraSelections([])
            return
        start, end = hits[number]
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self._to_doc(start))
        cursor.setPosition(self._to_doc(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = mark_format(Mark.CURRENT)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = fmt
        self.text_view.setExtraSelections([selection])
        caret = QTextCursor(self.text_view.document())
        caret.setPosition(self._to_doc(start))
        self.text_view.setTextCursor(caret)
        self.text_view.centerCursor()
        self.position_label.setText(self.tr("{0} of {1}").format(number + 1, len(hits)))
        self._update_page()

    def page_at(self, offset: int) -> str | None:
        starts = [o for o, _ in self._pages]
        at = bisect.bisect_right(starts, offset) - 1
        return self._pages[at][1] if at >= 0 else None

    def _update_page(self) -> None:
        offset = self.text_view.textCursor().position()
        page = self.page_at(offset)
        self.page_label.setText(page_label(page))
