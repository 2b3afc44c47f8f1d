"""How a search result row looks: title, date · source and page, a snippet with its hits.

Every row has the same height (the list uses uniform item sizes): three lines of text
besides the date line. A title takes one of them, or two when it is long — then the
snippet keeps one line instead of two — so that titles are read whole far more often.

Text is laid out with QTextLayout and format ranges — never HTML — so whatever a source
contains is drawn as the characters it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .models import CATEGORY_ROLE, DATE_ROLE, SNIPPET_ROLE, SOURCE_ROLE, TITLE_SPANS_ROLE
from .textmarks import Utf16

if TYPE_CHECKING:
    from uzkz_desktop.search.model import Snippet

TEXT_LINES = 3  # title and snippet lines in a row, besides the date · source line
TITLE_LINES = 2  # at most; the snippet has the rest, at least one
SNIPPET_LINES = TEXT_LINES - 1  # when the title takes one line
_PAD = 6
_STRIPE = 4
_LEAD = 50  # characters of context shown before a snippet's first hit
_SHORT_LEAD = 16  # when the snippet has one line only (under a long title)


def hit_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(QColor("#ffc96b")))
    fmt.setForeground(QBrush(QColor("#1a1a1a")))
    return fmt


def snippet_window(snippet: Snippet, lead: int = _LEAD) -> tuple[str, list[tuple[int, int]]]:
    """The snippet's text from a little (`lead` characters) before its first hit, with the
    hits moved along."""
    text = snippet.text.replace("\n", " ").replace("\t", " ")
    spans = sorted(snippet.highlights)
    cut = 0
    if spans and spans[0][0] > lead:
        cut = text.rfind(" ", 0, spans[0][0] - lead) + 1
    shown = text[cut:]
    prefix = "… " if cut else ""
    moved = [(s - cut + len(prefix), e - cut + len(prefix)) for s, e in spans if s >= cut]
    return prefix + shown, moved


def draw_marked(
    painter: QPainter,
    rect: QRect,
    text: str,
    spans: Sequence[tuple[int, int]],
    font: QFont,
    color: QColor,
    max_lines: int,
) -> int:
    """Draw `text` in `rect` over at most `max_lines` lines, the spans highlighted and the
    last line ended with '…' when the text goes on. Returns the height used."""
    return draw_marked_lines(painter, rect, text, spans, font, color, max_lines)[0]


def draw_marked_lines(
    painter: QPainter,
    rect: QRect,
    text: str,
    spans: Sequence[tuple[int, int]],
    font: QFont,
    color: QColor,
    max_lines: int,
) -> tuple[int, int]:
    """As `draw_marked`; returns the height used and the number of lines."""
    if not text or rect.width() <= 0:
        return 0, 0
    to_doc = Utf16(text)
    layout = QTextLayout(text, font)
    ranges = []
    fmt = hit_format()
    for start, end in spans:
        if end > start:
            found = QTextLayout.FormatRange()
            found.start, found.length, found.format = (
                to_doc(start),
                to_doc(end) - to_doc(start),
                fmt,
            )
            ranges.append(found)
    layout.setFormats(ranges)
    metrics = QFontMetrics(font)
    ellipsis = metrics.horizontalAdvance("…") + 2
    layout.beginLayout()
    lines: list[QTextLine] = []
    y = 0.0
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        last = len(lines) == max_lines - 1
        line.setLineWidth(max(1.0, rect.width() - (ellipsis if last else 0)))
        line.setPosition(QPointF(0, y))
        y += line.height()
        lines.append(line)
    layout.endLayout()
    painter.save()
    painter.setPen(color)
    painter.setFont(font)
    layout.draw(painter, QPointF(rect.topLeft()))
    if lines:
        tail = lines[-1]
        if tail.textStart() + tail.textLength() < len(text.encode("utf-16-le")) // 2:
            x = rect.left() + tail.naturalTextWidth() + 1
            painter.drawText(QPointF(x, rect.top() + tail.y() + tail.ascent()), "…")
    painter.restore()
    return int(y), len(lines)


class ResultDelegate(QStyledItemDelegate):
    """Paints SearchResultsModel rows; all rows are the same height (uniformItemSizes)."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        if base.pointSizeF() > 0:
            small.setPointSizeF(max(base.pointSizeF() - 1, 7.0))
        return title, small, base

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, small, base = self._fonts(option)
        title_line, base_line = QFontMetrics(title).lineSpacing(), QFontMetrics(base).lineSpacing()
        text = max(  # a one-line title and the full snippet, or a long title and less
            title_line * lines + base_line * (TEXT_LINES - lines)
            for lines in range(1, TITLE_LINES + 1)
        )
        height = text + QFontMetrics(small).lineSpacing() + 3 * _PAD
        return QSize(max(option.rect.width(), 200), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget
            )
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = opt.palette.color(group, role)
        muted = QColor(text_color)
        if not selected:
            muted = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        title_font, small_font, base_font = self._fonts(opt)
        rect = opt.rect
        color = index.data(CATEGORY_ROLE)
        if isinstance(color, str):
            painter.fillRect(
                QRect(rect.left(), rect.top() + 2, _STRIPE, rect.height() - 4), QColor(color)
            )
        inner = rect.adjusted(_STRIPE + _PAD + 2, _PAD, -_PAD, -_PAD)
        y = inner.top()
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        spans: Any = index.data(TITLE_SPANS_ROLE) or ()
        used, title_lines = draw_marked_lines(
            painter,
            QRect(inner.left(), y, inner.width(), 1000),
            title,
            spans,
            title_font,
            text_color,
            TITLE_LINES,
        )
        y += used
        meta = " · ".join(p for p in (index.data(DATE_ROLE), index.data(SOURCE_ROLE)) if p)
        if meta:
            y += draw_marked(
                painter, QRect(inner.left(), y, inner.width(), 1000), meta, (), small_font, muted, 1
            )
        y += _PAD // 2
        snippet = index.data(SNIPPET_ROLE)
        if snippet is not None:  # a search.model.Snippet
            lines = max(1, TEXT_LINES - max(title_lines, 1))
            text, marks = snippet_window(snippet, _LEAD if lines > 1 else _SHORT_LEAD)
            draw_marked(
                painter,
                QRect(inner.left(), y, inner.width(), 1000),
                text,
                marks,
                base_font,
                text_color,
                lines,
            )
