"""The side panel: what the sources say about the selected event, and how to cite it.

For the selected event: its title (English, and Uzbek when present), the date as the
source wrote it and normalised (EDTF and precision in words), its theme; the source
paragraph with the event's sentence highlighted (and the search's words, when the event
was reached from a search); the citation with the page; the other sources attesting the
same event as tabs; conflicting figures flagged; tags as chips; "Copy excerpt with
citation" and "Open the whole source".

Everything from the archive is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from uzkz_desktop.core.errors import UzkzError

from .formatting import (
    citation_parts,
    date_in_words,
    excerpt_with_citation,
    highlighted_words,
    merge_spans,
    occurrences,
    page_label,
    paragraph_around,
    plural,
    term_spans,
)
from .placeholders import EXCERPT_MARGINS, ExcerptEmptyPage, excerpt_empty_text
from .textmarks import Mark, fill_document
from .widgets import FlowLayout, chip, muted_style, plain_label, scaled_font

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.models import (
        EventDetail,
        ExcerptRow,
        FigureConflict,
        FigureRow,
        SourceDetail,
        SourceRow,
    )
    from uzkz_desktop.ingest.categories import Category
    from uzkz_desktop.search.model import Hit

    from .source_viewer import SourceViewer


OVERVIEW_SOURCES = 8  # sources listed under the empty state, the most quoted first
TAB_MIN_PX, TAB_PADDING_PX = 90, 28  # a source tab's least text width; its frame and margins


class ExcerptPanel(QWidget):
    """Shows one event with its excerpts; `show_event(None)` shows the empty state."""

    _MIN_TEXT = 60  # the paragraph box's least height

    message = Signal(str)  # something to tell the user in passing (status bar)
    excerpt_changed = Signal()
    tag_excerpt_requested = Signal(int)  # "Tag this excerpt…": the excerpt shown

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("excerptPanel")
        self._session = session
        self._tag_colors: dict[str, str] = {}  # tag name (casefolded) -> '#rrggbb'
        self._categories: dict[str, Category] = {}
        self._sources: dict[str, SourceRow] = {}
        self._source_cache: dict[int, SourceDetail] = {}
        self._conflicts: list[FigureConflict] | None = None
        self._detail: EventDetail | None = None
        self._hit: Hit | None = None
        self._terms: tuple[str, ...] = ()
        self._excerpt_index = 0
        self._viewer: SourceViewer | None = None
        self._build()
        self.show_event(None)

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.empty_page = ExcerptEmptyPage(self)
        self.empty_label = self.empty_page.hint
        self.sources_overview = QWidget(self.empty_page)  # the archive's sources, see reload
        self.sources_overview.setObjectName("sourcesOverview")
        self._overview_layout = QVBoxLayout(self.sources_overview)
        self._overview_layout.setContentsMargins(0, 12, 0, 0)
        self._overview_layout.setSpacing(0)
        self.empty_page.layout().insertWidget(1, self.sources_overview)
        # In a scroll area, as the content page: the wrapped labels get the height their
        # text needs at the panel's width (and a long list can scroll).
        self.empty_view = QScrollArea(self)
        self.empty_view.setWidgetResizable(True)
        self.empty_view.setFrameShape(QFrame.Shape.NoFrame)
        self.empty_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_view.setWidget(self.empty_page)
        self.stack.addWidget(self.empty_view)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(scroll)
        content.setObjectName("excerptContent")
        scroll.setWidget(content)
        self.stack.addWidget(scroll)
        self._content_page = scroll

        self.title_label = plain_label("", content)
        self.title_label.setObjectName("eventTitle")
        self.title_label.setFont(
            scaled_font(self.title_label.font(), 1.3, weight=QFont.Weight.DemiBold)
        )
        self.title_uz_label = plain_label("", content)
        self.title_uz_label.setObjectName("eventTitleUz")
        italic = QFont(self.title_uz_label.font())
        italic.setItalic(True)
        self.title_uz_label.setFont(italic)
        self.title_uz_label.setStyleSheet(muted_style())

        self.date_label = plain_label("", content)
        self.date_label.setObjectName("eventDate")
        self.edtf_label = plain_label("", content)
        self.edtf_label.setObjectName("eventEdtf")
        self.edtf_label.setStyleSheet(muted_style())
        self.written_label = plain_label("", content)
        self.written_label.setObjectName("eventDateText")
        self.category_label = plain_label("", content)
        self.category_label.setObjectName("eventCategory")
        self.status_label = plain_label("", content)
        self.status_label.setObjectName("eventStatus")
        self.status_label.setStyleSheet(
            "QLabel { background: #eef2ff; color: #27306b; border-radius: 3px; padding: 3px 6px; }"
        )

        form = QFormLayout()
        form.setContentsMargins(0, 4, 0, 4)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(3)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        date_box = QVBoxLayout()
        date_box.setSpacing(0)
        date_box.addWidget(self.date_label)
        date_box.addWidget(self.edtf_label)
        form.addRow(self._caption(self.tr("Date"), content), date_box)
        form.addRow(self._caption(self.tr("As written"), content), self.written_label)
        form.addRow(self._caption(self.tr("Theme"), content), self.category_label)

        self.figures_frame = QFrame(content)
        self.figures_frame.setObjectName("figureConflicts")
        self.figures_frame.setStyleSheet(
            "QFrame#figureConflicts { background: #fff4e5; border: 1px solid #f0a24a;"
            " border-left: 4px solid #d9480f; border-radius: 3px; }"
            " QFrame#figureConflicts QLabel { color: #5c2b00; background: transparent; }"
        )
        figures_layout = QVBoxLayout(self.figures_frame)
        figures_layout.setContentsMargins(8, 6, 8, 6)
        self.figures_title = plain_label(
            self.tr("⚠ The sources disagree on a figure of this event"), self.figures_frame
        )
        bold = QFont(self.figures_title.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.figures_title.setFont(bold)
        self.figures_label = plain_label("", self.figures_frame)
        self.figures_label.setObjectName("figureConflictText")
        figures_layout.addWidget(self.figures_title)
        figures_layout.addWidget(self.figures_label)

        self.sources_caption = plain_label("", content)
        self.sources_caption.setObjectName("sourcesCaption")
        self.sources_caption.setStyleSheet("font-weight: 600;")
        self.source_tabs = QTabBar(content)
        self.source_tabs.setObjectName("sourceTabs")
        self.source_tabs.setExpanding(False)
        # Whole names (kept short, see _source_name): Qt elides even tabs that fit.
        self.source_tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.source_tabs.setDocumentMode(True)
        self.source_tabs.setUsesScrollButtons(True)
        self.source_tabs.currentChanged.connect(self._tab_changed)

        self.paragraph_view = QTextBrowser(content)
        self.paragraph_view.setObjectName("paragraphView")
        self.paragraph_view.setOpenLinks(False)
        self.paragraph_view.setOpenExternalLinks(False)
        self.paragraph_view.setAccessibleName(self.tr("Source paragraph"))
        self.paragraph_view.setMinimumHeight(self._MIN_TEXT)
        self.paragraph_view.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
        )
        self.paragraph_view.document().setDocumentMargin(10)
        layout_of_text = self.paragraph_view.document().documentLayout()
        layout_of_text.documentSizeChanged.connect(self._fit_paragraph)
        self.paragraph_view.setStyleSheet(
            "QTextBrowser { border: 1px solid palette(mid); border-radius: 3px; }"
        )

        self.citation_caption = self._caption(self.tr("Citation"), content)
        self.citation_label = plain_label("", content)
        self.citation_label.setObjectName("citation")
        self.page_label = plain_label("", content)
        self.page_label.setObjectName("page")
        self.page_label.setStyleSheet("font-weight: 600;")

        self.tags_caption = self._caption(self.tr("Tags"), content)
        self.tags_box = QWidget(content)
        self.tags_layout = FlowLayout(self.tags_box)

        self.copy_button = QPushButton(self.tr("Copy excerpt with citation"), content)
        self.copy_button.setObjectName("copyCitation")
        self.copy_button.setToolTip(
            self.tr("Copies «excerpt» — author, title, publication, year, page (Ctrl+Shift+C)")
        )
        self.copy_button.clicked.connect(self.copy_citation)
        self.open_button = QPushButton(self.tr("Open the whole source…"), content)
        self.open_button.setObjectName("openSource")
        self.open_button.clicked.connect(self.open_source)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        # The excerpt's own tags (a sentence a teacher marked for a lesson), and the way to
        # add some; the window connects the button when the archive can be edited.
        self.excerpt_tags_box = QWidget(content)
        self.excerpt_tags_layout = FlowLayout(self.excerpt_tags_box)
        self.tag_excerpt_button = QPushButton(self.tr("Tag this excerpt…"), content)
        self.tag_excerpt_button.setObjectName("tagExcerpt")
        self.tag_excerpt_button.setToolTip(
            self.tr("Tag this sentence of the source; its event is found by the tag too")
        )
        self.tag_excerpt_button.clicked.connect(self._request_excerpt_tags)
        excerpt_tags = QHBoxLayout()
        excerpt_tags.addWidget(self.excerpt_tags_box, 1)
        excerpt_tags.addWidget(self.tag_excerpt_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(*EXCERPT_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.title_uz_label)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.figures_frame)
        layout.addSpacing(4)
        layout.addWidget(self.sources_caption)
        layout.addWidget(self.source_tabs)
        layout.addWidget(self.paragraph_view, 100)  # all the room its text needs
        layout.addSpacing(2)
        layout.addWidget(self.citation_caption)
        layout.addWidget(self.page_label)
        layout.addWidget(self.citation_label)
        layout.addLayout(buttons)
        layout.addLayout(excerpt_tags)
        layout.addSpacing(4)
        layout.addWidget(self.tags_caption)
        layout.addWidget(self.tags_box)
        layout.addStretch(1)

    def _fit_paragraph(self, size: QSizeF) -> None:
        """A short paragraph gets a short box; a long one all the room there is."""
        frame = 2 * self.paragraph_view.frameWidth() + 4
        self.paragraph_view.setMaximumHeight(max(self._MIN_TEXT, int(size.height()) + frame))

    def _caption(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(muted_style())
        return label

    # -- configuration ----------------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        self._session = session
        self.reload()

    def set_categories(self, categories: Iterable[Category]) -> None:
        self._categories = {c.id: c for c in categories}

    def reload(self) -> None:
        """The archive changed: forget cached sources and figures, show the event again."""
        self._source_cache.clear()
        self._conflicts = None
        self._sources = {}
        self._tag_colors = {}
        if self._session is not None:
            self._sources = {s.key: s for s in self._session.archive.sources()}
            self._tag_colors = {
                t.name.casefold(): t.color
                for t in self._session.archive.tags_with_counts()
                if t.color
            }
        self._fill_overview()
        current = self.event_id()
        self.show_event(current, hit=self._hit, terms=self._terms)

    def _fill_overview(self) -> None:
        """Under the empty state, what the archive holds: its sources (the most quoted first,
        OVERVIEW_SOURCES of them), each with its author, publication, date and excerpts."""
        layout = self._overview_layout
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        sources = sorted(self._sources.values(), key=lambda s: (-s.excerpt_count, s.key))
        if not sources:
            return

        def line(text: str, style: str = "") -> None:
            label = plain_label(text, self.sources_overview)
            label.setStyleSheet(style)
            layout.addWidget(label)

        line(
            self.tr("{0} in this archive").format(plural("%n source(s)", len(sources))),
            "font-weight: 600;",
        )
        layout.addSpacing(6)
        for source in sources[:OVERVIEW_SOURCES]:
            line(source.title_en or source.title)
            about = [source.author, source.publication, source.issued]
            about.append(plural("%n excerpt(s)", source.excerpt_count))
            line(" · ".join(p for p in about if p), muted_style())
            layout.addSpacing(8)
        if len(sources) > OVERVIEW_SOURCES:
            more = plural("%n more source(s)", len(sources) - OVERVIEW_SOURCES)
            line(self.tr("… and {0}").format(more), muted_style())
        layout.addStretch(1)

    # -- showing -----------------------------------------------------------------------------------

    def event_id(self) -> int | None:
        return None if self._detail is None else self._detail.event.id

    def detail(self) -> EventDetail | None:
        return self._detail

    def current_excerpt(self) -> ExcerptRow | None:
        if self._detail is None or not self._detail.excerpts:
            return None
        return self._detail.excerpts[min(self._excerpt_index, len(self._detail.excerpts) - 1)]

    def show_event(
        self, event_id: int | None, *, hit: Hit | None = None, terms: Sequence[str] = ()
    ) -> None:
        """Show an event (None: the empty state). `hit` (the event's search hit) and `terms`
        (the search's index keys, `SearchResult.query_terms`) mark the search's words."""
        self._terms = tuple(terms) if hit is not None else ()
        if event_id is None or event_id < 0 or self._session is None:
            self._detail, self._hit = None, None
            self.empty_label.setText(self.empty_text())
            self.sources_overview.show()
            self.stack.setCurrentWidget(self.empty_view)
            self._set_actions_enabled(False)
            self.excerpt_changed.emit()
            return
        try:
            detail = self._session.event(event_id)
        except UzkzError as error:
            self._detail, self._hit = None, None
            self.empty_label.setText(self.tr("This event cannot be shown: {0}").format(error))
            self.sources_overview.hide()
            self.stack.setCurrentWidget(self.empty_view)
            self._set_actions_enabled(False)
            self.excerpt_changed.emit()
            return
        same_event = self._detail is not None and self._detail.event.id == event_id
        self._detail = detail
        self._hit = hit if hit is not None and hit.event_id == event_id else None
        if not same_event:
            self._excerpt_index = self._first_matching_excerpt()
        self._fill_header(detail)
        self._fill_figures(detail)
        self._fill_tags(detail)
        self._fill_tabs(detail)
        self._show_excerpt()
        self.stack.setCurrentWidget(self._content_page)
        self._content_page.verticalScrollBar().setValue(0)

    def empty_text(self) -> str:
        return excerpt_empty_text()

    def _first_matching_excerpt(self) -> int:
        """Open on the excerpt the search matched, else the first."""
        if self._detail is None or self._hit is None:
            return 0
        matched = {s.excerpt_id for s in self._hit.snippets if s.highlights}
        for number, excerpt in enumerate(self._detail.excerpts):
            if excerpt.id in matched:
                return number
        return 0

    def _fill_header(self, detail: EventDetail) -> None:
        from uzkz_desktop.archive.models import EventStatus  # loaded with the session

        event = detail.event
        self.title_label.setText(event.title_en)
        self.title_uz_label.setText(event.title_uz or "")
        self.title_uz_label.setVisible(bool(event.title_uz))
        self.date_label.setText(date_in_words(detail.span))
        self.edtf_label.setText(self.tr("EDTF {0}").format(detail.span.edtf))
        written = detail.date_text
        self.written_label.setText(
            f"“{written}”" if written else self.tr("(the source gives no date words)")
        )
        category = self._categories.get(event.category)
        label = category.label_en if category else event.category
        color = category.color if category else "#8a8a8a"
        self.category_label.setText(f"● {label}")
        self.category_label.setStyleSheet(f"QLabel {{ color: {color}; font-weight: 600; }}")
        if event.status is EventStatus.CANDIDATE:
            self.status_label.setText(
                self.tr(
                    "Candidate — found automatically in an imported document; not yet reviewed."
                )
            )
            self.status_label.show()
        elif event.status is EventStatus.REJECTED:
            self.status_label.setText(self.tr("Rejected by a curator."))
            self.status_label.show()
        else:
            self.status_label.hide()

    def _conflicts_for(self, detail: EventDetail) -> list[FigureConflict]:
        if self._session is None:
            return []
        if self._conflicts is None:
            self._conflicts = list(self._session.archive.conflicting_figures())
        mine = {f.id for f in detail.figures}
        return [
            c
            for c in self._conflicts
            if any(f.id in mine or f.event_id == detail.event.id for f in c.figures)
        ]

    def _fill_figures(self, detail: EventDetail) -> None:
        conflicts = self._conflicts_for(detail)
        if not conflicts:
            self.figures_frame.hide()
            self.figures_label.setText("")
            return
        lines = []
        for conflict in conflicts:
            lines.append(f"{conflict.what}, {conflict.period}:")
            lines.extend(f"  • {self._figure_claim(f)}" for f in conflict.figures)
        self.figures_label.setText("\n".join(lines))
        self.figures_frame.show()

    def _figure_claim(self, figure: FigureRow) -> str:
        source = self._sources.get(figure.source_key)
        name = (source.title_en or source.title) if source else figure.source_key
        page = page_label(figure.page)
        where = f"{name}, {page}" if page else name
        return self.tr("{value} {unit} — {source}").format(
            value=f"{figure.value:g}", unit=figure.unit, source=where
        )

    def _fill_tags(self, detail: EventDetail) -> None:
        self.tags_layout.clear()
        for tag in detail.tags:  # in the tag's colour, when it has one
            color = self._tag_colors.get(tag.casefold())
            self.tags_layout.addWidget(chip(tag, self.tags_box, color))
        self.tags_caption.setVisible(bool(detail.tags))
        self.tags_box.setVisible(bool(detail.tags))
        self.tags_box.updateGeometry()

    def _fill_tabs(self, detail: EventDetail) -> None:
        self.source_tabs.blockSignals(True)
        while self.source_tabs.count():
            self.source_tabs.removeTab(0)
        for excerpt in detail.excerpts:
            page = page_label(excerpt.page)
            self.source_tabs.addTab("")
            tip = f"{excerpt.source_title}, {page}" if page else excerpt.source_title
            self.source_tabs.setTabToolTip(self.source_tabs.count() - 1, tip)
        self._label_tabs()
        self.source_tabs.setCurrentIndex(min(self._excerpt_index, max(0, len(detail.excerpts) - 1)))
        self.source_tabs.blockSignals(False)
        count = len(detail.excerpts)
        self.source_tabs.setVisible(count > 1)
        if count > 1:
            sources = len({x.source_id for x in detail.excerpts})
            self.sources_caption.setText(
                self.tr("Attested by {excerpts} in {sources}:").format(
                    excerpts=plural("%n excerpt(s)", count), sources=plural("%n source(s)", sources)
                )
            )
        elif count == 1:
            self.sources_caption.setText(self.tr("What the source says"))
        else:
            self.sources_caption.setText(self.tr("No excerpt is recorded for this event."))

    def _label_tabs(self) -> None:
        """Each tab says page · source: the author's surname, or as much of the title as
        fits in the tab's share of the panel's width — short names take what they need,
        the long ones share the rest. (Qt would elide even tabs that fit, so it is told
        not to, and the names are made to fit here.)"""
        detail = self._detail
        count = self.source_tabs.count()
        if detail is None or count != len(detail.excerpts) or count < 2:
            return
        metrics = QFontMetrics(self.source_tabs.font())
        prefixes = []
        for excerpt in detail.excerpts:
            page = page_label(excerpt.page)
            prefixes.append(f"{page} · " if page else "")
        names = [self._source_name(x) for x in detail.excerpts]
        natural = [metrics.horizontalAdvance(a + b) for a, b in zip(prefixes, names, strict=True)]
        room = max(self.source_tabs.width(), self.width() - 24) - count * TAB_PADDING_PX
        for number, width in enumerate(_shares(natural, room)):
            fit = max(TAB_MIN_PX, width) - metrics.horizontalAdvance(prefixes[number])
            self.source_tabs.setTabText(
                number, prefixes[number] + fit_words(names[number], metrics, fit)
            )

    def _source_name(self, excerpt: ExcerptRow) -> str:
        source = self._sources.get(excerpt.source_key)
        if source is not None and source.author:
            return source.author.split()[0]
        if source is not None and source.title_en:
            return source.title_en
        return excerpt.source_title

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._label_tabs()

    def _tab_changed(self, number: int) -> None:
        if number >= 0:
            self._excerpt_index = number
            self._show_excerpt()

    def show_excerpt_number(self, number: int) -> None:
        self.source_tabs.setCurrentIndex(number)

    def _request_excerpt_tags(self) -> None:
        excerpt = self.current_excerpt()
        if excerpt is not None:
            self.tag_excerpt_requested.emit(excerpt.id)

    def _fill_excerpt_tags(self, excerpt: ExcerptRow | None) -> None:
        self.excerpt_tags_layout.clear()
        names = [] if excerpt is None or self._session is None else (
            self._session.archive.excerpt_tags(excerpt.id)
        )  # fmt: skip
        for name in names:
            color = self._tag_colors.get(name.casefold())
            self.excerpt_tags_layout.addWidget(chip(name, self.excerpt_tags_box, color))
        self.excerpt_tags_box.setToolTip(self.tr("Tags of this excerpt") if names else "")
        self.excerpt_tags_box.updateGeometry()

    def _show_excerpt(self) -> None:
        excerpt = self.current_excerpt()
        self._set_actions_enabled(excerpt is not None)
        self._fill_excerpt_tags(excerpt)
        if excerpt is None:
            self.paragraph_view.clear()
            self.citation_label.setText("")
            self.page_label.setText("")
            self.excerpt_changed.emit()
            return
        cleaned = self._cleaned_text(excerpt)
        if cleaned is not None and cleaned[excerpt.clean_start : excerpt.clean_end] == excerpt.text:
            paragraph = paragraph_around(cleaned, excerpt.clean_start, excerpt.clean_end)
            text = paragraph.text
            sentence = paragraph.local(excerpt.clean_start, excerpt.clean_end)
            shift = sentence[0]  # excerpt offsets → offsets in the shown paragraph
        else:  # the source text is not at hand: the excerpt alone
            text = excerpt.text
            sentence = (0, len(text))
            shift = 0
        marks = [(sentence[0], sentence[1], Mark.SENTENCE)]
        spans = self._hit_spans(excerpt, text, shift)
        spans.extend(term_spans(text, excerpt.language, self._terms))
        marks.extend((s, e, Mark.HIT) for s, e in merge_spans(spans))
        fill_document(self.paragraph_view.document(), text, marks)
        self._scroll_to(sentence[0])
        page = page_label(excerpt.page)
        self.page_label.setText(page or self.tr("(no page numbers in this source)"))
        self.page_label.setStyleSheet("font-weight: 600;" if page else muted_style())
        self.citation_label.setText("\n".join(p for p in citation_parts(excerpt) if p != page))
        self.excerpt_changed.emit()

    def _hit_spans(self, excerpt: ExcerptRow, text: str, shift: int) -> list[tuple[int, int]]:
        """The search's words in the shown text: the snippet's own spans, moved into the
        paragraph, and the same words wherever else they occur in it."""
        if self._hit is None:
            return []
        spans: list[tuple[int, int]] = []
        words: list[str] = []
        for snippet in self._hit.snippets:
            words.extend(highlighted_words(snippet.text, snippet.highlights))
            if snippet.excerpt_id == excerpt.id and snippet.text == excerpt.text:
                spans.extend((s + shift, e + shift) for s, e in snippet.highlights)
        spans.extend(occurrences(text, words))
        return [(s, e) for s, e in merge_spans(spans) if 0 <= s < e <= len(text)]

    def _scroll_to(self, position: int) -> None:
        """Bring the event's sentence to the upper third of the paragraph view."""

        def scroll() -> None:
            view = self.paragraph_view
            cursor = QTextCursor(view.document())
            cursor.setPosition(min(position, view.document().characterCount() - 1))
            view.setTextCursor(cursor)
            bar = view.verticalScrollBar()
            top = view.cursorRect(cursor).top() + bar.value()
            bar.setValue(max(0, top - view.viewport().height() // 4))

        scroll()
        QTimer.singleShot(0, self, scroll)

    def _cleaned_text(self, excerpt: ExcerptRow) -> str | None:
        source = self._source(excerpt.source_id)
        return None if source is None else source.cleaned_text

    def _source(self, source_id: int) -> SourceDetail | None:
        if self._session is None:
            return None
        if source_id not in self._source_cache:
            try:
                self._source_cache[source_id] = self._session.archive.source(source_id)
            except UzkzError:
                return None
        return self._source_cache[source_id]

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.copy_button.setEnabled(enabled)
        self.open_button.setEnabled(enabled)
        self.tag_excerpt_button.setEnabled(enabled)

    # -- actions --------------------------------------------------------------------------------

    def citation_text(self) -> str | None:
        excerpt = self.current_excerpt()
        return None if excerpt is None else excerpt_with_citation(excerpt)

    def copy_citation(self) -> str | None:
        """Put «excerpt» — Author, Title, Publication, year, p. N on the clipboard."""
        text = self.citation_text()
        if text is None:
            return None
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Copied the excerpt with its citation."))
        return text

    def search_words(self) -> list[str]:
        if self._hit is None:
            return []
        words: list[str] = []
        for snippet in self._hit.snippets:
            words.extend(highlighted_words(snippet.text, snippet.highlights))
        return list(dict.fromkeys(words))

    def open_source(self) -> SourceViewer | None:
        """Open the excerpt's whole source, scrolled to the excerpt."""
        excerpt = self.current_excerpt()
        if excerpt is None or self._session is None:
            return None
        source = self._source(excerpt.source_id)
        if source is None:
            self.message.emit(self.tr("The source of this excerpt cannot be read."))
            return None
        from .source_viewer import SourceViewer

        if self._viewer is not None:
            self._viewer.close()
            self._viewer.deleteLater()
        self._viewer = SourceViewer(
            source,
            excerpt=excerpt,
            excerpts=self._session.archive.source_excerpts(excerpt.source_id),
            words=self.search_words(),
            terms=self._terms,
            parent=self.window(),
        )
        self._viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._viewer.show()
        return self._viewer

    def viewer(self) -> SourceViewer | None:
        return self._viewer


def _shares(wanted: Sequence[int], room: int) -> list[int]:
    """Widths for items that want `wanted` px in `room` px: each gets what it wants when
    that is no more than an equal share of what the larger ones leave; those share the rest."""
    given = list(wanted)
    left, pending = room, sorted(range(len(wanted)), key=lambda i: wanted[i])
    while pending:
        share = left // len(pending)
        if wanted[pending[0]] > share:
            for i in pending:
                given[i] = share
            break
        first = pending.pop(0)
        left -= wanted[first]
    return given


def fit_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text`, or as many of its first words as fit in `width` px followed by '…' (a
    single word too long for it is elided)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        shorter = " ".join(words).rstrip(" ,;:–-") + "…"
        if metrics.horizontalAdvance(shorter) <= width:
            return shorter
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))
