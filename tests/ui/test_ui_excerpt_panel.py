"""The excerpt panel: the source's words, their citation and page, other sources, figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import FakeSearch

from uzkz_desktop.app import Session
from uzkz_desktop.ingest.pipeline import ingest_files
from uzkz_desktop.ui.excerpt_panel import ExcerptPanel

COPIED_33 = (
    "«Masalan, 2023-yil 18-19 fevral kunlari O‘zbekiston tashqi ishlar vaziri B. Saidov Ostona"
    " shahriga rasmiy javob tashrifi bilan bordi va tashrif doirasida ikki davlat tashqi ishlar"
    " vazirliklari rahbarlari uchrashuv bayonnomasi qabul qilindi.» — Qozog‘istonda"
    " O‘zbekistonning o‘rganilishi, Ustozlar uchun (pedagoglar.org), 86-son, 5-to‘plam, 2025,"
    " p. 414"
)


@pytest.fixture
def panel(qtbot: QtBot, session: Session) -> Iterator[ExcerptPanel]:
    widget = ExcerptPanel(session)
    widget.set_categories(session.timeline_data().categories)
    widget.reload()
    qtbot.addWidget(widget)
    widget.resize(460, 900)
    widget.show()
    yield widget
    viewer = widget.viewer()
    if viewer is not None:
        viewer.close()


def _highlighted(panel: ExcerptPanel) -> list[str]:
    """The runs of the paragraph view that have a background (sentence or hit)."""
    document = panel.paragraph_view.document()
    runs: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style().value != 0:
                runs.append(fragment.text())
            it += 1
        block = block.next()
    return runs


def test_empty_state_asks_for_a_selection(panel: ExcerptPanel) -> None:
    panel.show_event(None)
    assert panel.stack.currentWidget() is panel.empty_view
    assert panel.empty_label.text().startswith("Select an event on the timeline or in the results.")
    assert not panel.copy_button.isEnabled()


def test_empty_state_lists_the_archives_sources(qtbot: QtBot, panel: ExcerptPanel) -> None:
    panel.reload()  # again: the overview is made anew, not added to
    panel.show_event(None)
    qtbot.wait(1)  # the old overview's labels are deleted later
    texts = [label.text() for label in panel.sources_overview.findChildren(QLabel)]
    assert texts[0] == "5 sources in this archive"
    assert texts.count("Study of Uzbekistan in Kazakhstan") == 1
    assert "Ustozlar uchun (pedagoglar.org), 86-son, 5-to‘plam · 2025-12 · 24 excerpts" in texts
    assert panel.sources_overview.isVisibleTo(panel)
    panel.show_event(33)
    assert not panel.empty_page.isVisible()


def test_an_event_shows_its_dates_citation_and_page(panel: ExcerptPanel, session: Session) -> None:
    panel.show_event(33)
    detail = session.event(33)
    assert panel.title_label.text() == detail.event.title_en
    assert panel.title_uz_label.text() == detail.event.title_uz
    assert panel.date_label.text() == "18–19 Feb 2023 (day)"
    assert panel.edtf_label.text() == "EDTF 2023-02-18/2023-02-19"
    assert panel.written_label.text() == f"“{detail.date_text}”"
    assert panel.page_label.text() == "p. 414"
    assert "Qozog‘istonda O‘zbekistonning o‘rganilishi" in panel.citation_label.text()
    assert "Ustozlar uchun (pedagoglar.org)" in panel.citation_label.text()
    excerpt = detail.excerpts[0]
    paragraph = panel.paragraph_view.toPlainText()
    assert excerpt.text in paragraph
    assert len(paragraph) > len(excerpt.text)  # the paragraph around it
    assert excerpt.text in "".join(_highlighted(panel))


def test_a_year_is_not_shown_as_a_day(panel: ExcerptPanel) -> None:
    panel.show_event(3)
    assert panel.date_label.text() == "1991 (year — not a day)"


def test_copy_puts_the_excerpt_and_its_citation_on_the_clipboard(
    qtbot: QtBot, panel: ExcerptPanel
) -> None:
    panel.show_event(33)
    with qtbot.waitSignal(panel.message):
        qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == COPIED_33


def test_other_sources_of_the_event_are_tabs(panel: ExcerptPanel, session: Session) -> None:
    detail = session.event(4)
    assert len({x.source_id for x in detail.excerpts}) == 2
    panel.show_event(4)
    assert panel.source_tabs.isVisible()
    assert panel.source_tabs.count() == 2
    assert panel.sources_caption.text() == "Attested by 2 excerpts in 2 sources:"
    texts = []
    for number in range(2):
        panel.source_tabs.setCurrentIndex(number)
        texts.append(panel.paragraph_view.toPlainText())
        assert detail.excerpts[number].text in texts[-1]
        assert panel.current_excerpt() == detail.excerpts[number]
    assert texts[0] != texts[1]
    assert "Хайруллаев" in panel.citation_label.text()  # the second source's author
    assert panel.page_label.text() == "(no page numbers in this source)"


def test_conflicting_figures_are_flagged_with_both_sources(panel: ExcerptPanel) -> None:
    panel.show_event(20)  # trade turnover 2021: 4 vs 4.3 USD bn
    assert panel.figures_frame.isVisible()
    text = panel.figures_label.text()
    assert "trade turnover, 2021" in text
    assert "4 USD bn" in text
    assert "4.3 USD bn" in text
    assert "p. 5" in text
    assert "p. 2" in text
    panel.show_event(3)
    assert not panel.figures_frame.isVisible()


def test_tags_are_chips(panel: ExcerptPanel, session: Session) -> None:
    panel.show_event(3)
    chips = [panel.tags_layout.itemAt(i).widget().text() for i in range(panel.tags_layout.count())]
    assert chips == list(session.event(3).tags)


def test_search_words_are_highlighted_in_the_paragraph(
    panel: ExcerptPanel, session: Session
) -> None:
    result = FakeSearch(session)("Abay", limit=10)
    hit = next(h for h in result.hits if h.event_id == 22)
    panel.show_event(22, hit=hit, terms=result.query_terms)
    assert "Abay" in _highlighted(panel)


def test_html_looking_source_text_is_shown_literally(
    qtbot: QtBot, panel: ExcerptPanel, session: Session, tmp_path: Path
) -> None:
    document = tmp_path / "water.txt"
    document.write_text(
        "Water talks\n\nOn 5 March 2024 the <b>Uzbek</b> &amp; Kazakh water ministers signed"
        " an agreement in Tashkent on the Syr Darya.\n\nA second paragraph follows.\n",
        encoding="utf-8",
    )
    (imported,) = ingest_files(session.archive, [document])
    panel.reload()
    panel.show_event(imported.event_ids[0])
    shown = panel.paragraph_view.toPlainText()
    assert "the <b>Uzbek</b> &amp; Kazakh water ministers" in shown
    title = session.event(imported.event_ids[0]).event.title_en
    assert "<b>" in title  # the extractor made the title from the sentence
    assert panel.title_label.text() == title
    assert panel.status_label.isVisible()  # a candidate says so
    assert "<b>Uzbek</b> &amp; Kazakh" in panel.citation_text()
    cursor = QTextCursor(panel.paragraph_view.document())
    cursor.setPosition(shown.index("Uzbek") + 1)
    assert not cursor.charFormat().font().bold()


def test_open_the_whole_source_scrolls_to_the_excerpt(
    qtbot: QtBot, panel: ExcerptPanel, session: Session
) -> None:
    panel.show_event(33)
    viewer = panel.open_source()
    assert viewer is not None
    qtbot.waitExposed(viewer)
    excerpt = session.event(33).excerpts[0]
    source = session.archive.source(excerpt.source_id)
    assert viewer.text_view.toPlainText() == source.cleaned_text
    start, end = viewer.current_span() or (-1, -1)
    assert start <= excerpt.clean_start < excerpt.clean_end <= end  # overlapping ones merge
    assert viewer.page_label.text() == "p. 414"
    hits = viewer.hits()
    assert len(hits) > 10  # the source's excerpts
    first = viewer.current_hit()
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.current_hit() == (first + 1) % len(hits)
    qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)
    assert viewer.current_hit() == first


def test_the_viewer_walks_the_search_words(
    qtbot: QtBot, panel: ExcerptPanel, session: Session
) -> None:
    result = FakeSearch(session)("Abay", limit=10)
    hit = next(h for h in result.hits if h.event_id == 22)
    panel.show_event(22, hit=hit, terms=result.query_terms)
    viewer = panel.open_source()
    assert viewer is not None
    assert viewer.mode.currentData() == "words"
    spans = viewer.hits()
    text = viewer.text_view.toPlainText()
    assert len(spans) >= 2
    assert all(text[s:e].startswith(("Abay", "Abai")) or "nonboev" in text[s:e] for s, e in spans)
    before = viewer.current_hit()
    viewer.step(1)
    assert viewer.current_hit() == (before + 1) % len(spans)
