"""What the window's first frame shows before the archive and the panels are there.

`uzkz gui` paints the window before it opens the archive (see `main_window`): opening it
loads SQLite through sqlite_utils and NumPy, and the timeline and the panels need more
modules still. Until then the timeline's place shows `TimelinePlaceholder` — the
backgrounds of an empty timeline (tick axis strip, plot, overview strip) and a line
saying what is happening; the search dock shows `SearchHead` — the search panel's query
box, Filters button and hint, which the panel takes over when it is made (so what is
typed meanwhile stays); the excerpt dock shows `excerpt_placeholder`, the side panel's
own empty state (`ExcerptEmptyPage`). All of it needs nothing but Qt, so this module
stays light.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from . import palette

# The timeline's geometry (uzkz_desktop.timeline.FrameGeometry), repeated here to keep
# this module light: the tick axis strip and the overview strip, in px.
AXIS_HEIGHT = 24.0
OVERVIEW_HEIGHT = 40.0
MESSAGE_PX = 10  # the timeline's label size (timeline_painter.LABEL_PX)
EXCERPT_MARGINS = (12, 10, 12, 10)  # the side panel's content, left top right bottom
SEARCH_MARGINS, SEARCH_SPACING = (6, 6, 6, 0), 4  # the search panel's layout
SEARCH_HINT_MARGIN = 16


class TimelinePlaceholder(QWidget):
    """The empty timeline frame with a message ("Opening the archive…")."""

    painted = Signal()  # after each paint: the window waits for the first one

    def __init__(self, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePlaceholder")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(320, 200)
        self._message = message
        font = QFont(self.font())
        font.setPixelSize(MESSAGE_PX)
        self._font = font

    def message(self) -> str:
        return self._message

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(1200, 520)  # as TimelineWidget's

    def paintEvent(self, event: QPaintEvent) -> None:
        width, height = float(self.width()), float(self.height())
        strip = max(AXIS_HEIGHT, height - OVERVIEW_HEIGHT)
        plot = QRectF(0.0, AXIS_HEIGHT, width, strip - AXIS_HEIGHT)
        painter = QPainter(self)
        # setBrush + drawRect: the first fillRect costs ~10 ms more (its overloads make
        # PySide load QGradient and friends), and this frame is on the way to the first.
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, color in (
            (QRectF(0.0, 0.0, width, AXIS_HEIGHT), palette.AXIS_BACKGROUND),
            (plot, palette.BACKGROUND),
            (QRectF(0.0, strip, width, height - strip), palette.OVERVIEW_BACKGROUND),
        ):
            painter.setBrush(color)
            painter.drawRect(rect)
        painter.setPen(QPen(palette.RULE, 1.0))
        painter.drawLine(QLineF(0.0, AXIS_HEIGHT - 0.5, width, AXIS_HEIGHT - 0.5))
        if self._message:
            painter.setPen(QPen(palette.TEXT_MUTED))
            painter.setFont(self._font)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self._message)
        painter.end()
        self.painted.emit()


class SearchHead(QWidget):
    """The search panel's query box, Filters button and hint, laid out as in the panel.
    `SearchPanel(head=...)` takes the three widgets over; the head is then deleted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        def tr(text: str) -> str:
            return QCoreApplication.translate("SearchPanel", text)

        self.query_box = QLineEdit(self)
        self.query_box.setObjectName("queryBox")
        self.query_box.setPlaceholderText(tr("Search the excerpts (any script, any language)"))
        self.query_box.setClearButtonEnabled(True)
        self.query_box.setAccessibleName(tr("Search query"))
        self.query_box.setToolTip(
            tr(
                "Type words in Uzbek (Latin or Cyrillic), Russian or English.\n"
                "Examples: Abay, temir yo'l, Қозоғистон, посол, saiga.\n"
                "Enter searches at once; Down moves into the results."
            )
        )
        self.filters_button = QToolButton(self)
        self.filters_button.setObjectName("filtersButton")
        self.filters_button.setCheckable(True)
        self.filters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filters_button.setArrowType(Qt.ArrowType.RightArrow)
        self.filters_button.setAutoRaise(True)
        self.filters_button.setText(tr("Filters"))
        self.hint = QLabel(self)
        self.hint.setObjectName("searchHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.hint.setMargin(SEARCH_HINT_MARGIN)
        self.hint.setStyleSheet(palette.MUTED_STYLE)
        self.hint.setText(
            tr(
                "Type to search what the sources say.\n\n"
                "Any script or language finds the same excerpts: "
                "Qozog'iston, Қозоғистон, Казахстан, Kazakhstan.\n\n"
                "Matching events light up on the timeline."
            )
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filters_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*SEARCH_MARGINS)
        layout.setSpacing(SEARCH_SPACING)
        layout.addWidget(self.query_box)
        layout.addLayout(row)
        layout.addWidget(self.hint, 1)


def excerpt_empty_text() -> str:
    """The side panel's empty state: what to do to see an excerpt."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("ExcerptPanel", text)

    return "\n\n".join(
        (
            tr("Select an event on the timeline or in the results."),
            tr(
                "On the timeline: ← → move from event to event, Enter opens it,"
                " + − zoom, F fits everything."
            ),
            tr("The source's own words, their page and citation will show here."),
        )
    )


class ExcerptEmptyPage(QWidget):
    """The side panel's empty state: what to do to see an excerpt, from the top left where
    an event's title would be. The panel adds the archive's sources below (`layout()`
    ends with a stretch); the window's first frame shows the page as it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("excerptEmptyPage")
        self.hint = QLabel(self)
        self.hint.setObjectName("emptyState")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hint.setStyleSheet(palette.MUTED_STYLE)
        self.hint.setText(excerpt_empty_text())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*EXCERPT_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(self.hint)
        layout.addStretch(1)


def excerpt_placeholder(parent: QWidget | None = None) -> ExcerptEmptyPage:
    """What the excerpt dock shows until the side panel is made: its empty state."""
    return ExcerptEmptyPage(parent)
