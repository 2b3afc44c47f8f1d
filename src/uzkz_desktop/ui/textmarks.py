"""Source text in a QTextDocument: always inserted as plain text, then marked with formats.

Nothing here parses HTML: `<b>` or `&amp;` in a source stays exactly that on screen.
Offsets are Python string indices (code points); QTextDocument counts UTF-16 units, so
they are converted when the text holds characters outside the BMP.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication


class Mark(Enum):
    SENTENCE = "sentence"  # the event's sentence in its paragraph
    HIT = "hit"  # a word the search matched
    EXCERPT = "excerpt"  # another excerpt of the source (source viewer)
    CURRENT = "current"  # the hit the viewer is on


def _dark() -> bool:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return app.palette().color(QPalette.ColorRole.Base).lightness() < 128


def mark_format(kind: Mark) -> QTextCharFormat:
    """Highlight colours readable on light and dark palettes (text keeps its own colour
    on light backgrounds; dark palettes get a dark tint and light text)."""
    dark = _dark()
    fmt = QTextCharFormat()
    if kind is Mark.SENTENCE:
        fmt.setBackground(QBrush(QColor("#5c4d12" if dark else "#fff1b8")))
    elif kind is Mark.EXCERPT:
        fmt.setBackground(QBrush(QColor("#2f4a5e" if dark else "#e3eef8")))
    elif kind is Mark.HIT:
        fmt.setBackground(QBrush(QColor("#9a5b00" if dark else "#ffc96b")))
        fmt.setFontWeight(QFont.Weight.DemiBold)
    elif kind is Mark.CURRENT:
        fmt.setBackground(QBrush(QColor("#c77700" if dark else "#ff9f1a")))
        fmt.setFontWeight(QFont.Weight.Bold)
    if dark:
        fmt.setForeground(QBrush(QColor("#ffffff")))
    return fmt


class Utf16:
    """Python index → QTextDocument position for one text."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, index: int) -> int:
        if not self._wide:
            return index
        extra = 0
        for position in self._wide:
            if position >= index:
                break
            extra += 1
        return index + extra


def fill_document(
    document: QTextDocument,
    text: str,
    marks: Iterable[tuple[int, int, Mark]] = (),
) -> Utf16:
    """Replace the document's content by `text` (plain) and apply the marks in order."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.insertText(text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text)
    to_doc = Utf16(text)
    apply_marks(document, to_doc, marks)
    return to_doc


def apply_marks(
    document: QTextDocument, to_doc: Utf16, marks: Iterable[tuple[int, int, Mark]]
) -> None:
    cursor = QTextCursor(document)
    end_of_doc = max(0, document.characterCount() - 1)
    for start, end, kind in marks:
        if end <= start:
            continue
        cursor.setPosition(min(to_doc(start), end_of_doc))
        cursor.setPosition(min(to_doc(end), end_of_doc), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(mark_format(kind))


def clear_marks(document: QTextDocument, spans: Sequence[tuple[int, int]], to_doc: Utf16) -> None:
    """Remove any background and weight from these spans (the viewer's moving 'current')."""
    cursor = QTextCursor(document)
    plain = QTextCharFormat()
    plain.setBackground(QBrush())
    plain.setFontWeight(QFont.Weight.Normal)
    end_of_doc = max(0, document.characterCount() - 1)
    for start, end in spans:
        cursor.setPosition(min(to_doc(start), end_of_doc))
        cursor.setPosition(min(to_doc(end), end_of_doc), QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(plain)
