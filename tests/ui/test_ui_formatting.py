"""Words the panels show: dates, pages, citations, paragraphs (no widgets needed)."""

from __future__ import annotations

from datetime import date

import pytest

from uzkz_desktop.archive.models import ExcerptRow
from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.ui.formatting import (
    count_words,
    date_in_words,
    decade_days,
    excerpt_with_citation,
    occurrences,
    page_label,
    paragraph_around,
    span_of,
)


@pytest.mark.parametrize(
    ("span", "said"),
    [
        (DateSpan(date(2023, 2, 18), date(2023, 2, 19), Precision.DAY), "18–19 Feb 2023 (day)"),
        (DateSpan.day(1992, 11, 23), "23 Nov 1992 (day)"),
        (DateSpan.year(2024), "2024 (year — not a day)"),
        (DateSpan.month(2024, 8), "Aug 2024 (month — not a day)"),
        (
            DateSpan(date(2024, 1, 1), date(2034, 12, 31), Precision.YEAR),
            "2024–2034 (year — not a day)",
        ),
        (
            DateSpan(date(2024, 1, 1), date(2024, 11, 30), Precision.MONTH),
            "Jan – Nov 2024 (month — not a day)",
        ),
        (
            DateSpan(
                date(2000, 4, 17), date(2008, 12, 31), Precision.DAY, end_precision=Precision.YEAR
            ),
            "17 Apr 2000 – 2008 (day, then year)",
        ),
        (
            DateSpan(date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, approximate=True),
            "2024 (year — not a day; approximate)",
        ),
    ],
)
def test_dates_are_said_with_their_precision(qapp: object, span: DateSpan, said: str) -> None:
    assert date_in_words(span) == said


def test_span_of_reads_the_end_precision_from_the_edtf() -> None:
    span = span_of(date(2000, 4, 17), date(2008, 12, 31), Precision.DAY, "2000-04-17/2008")
    assert span.end_precision is Precision.YEAR
    assert span_of(date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, "2024~").approximate


@pytest.mark.parametrize(
    ("page", "label"),
    [("414", "p. 414"), ("415–416", "pp. 415–416"), ("1-2", "pp. 1–2"), (None, ""), ("", "")],
)
def test_page_labels(qapp: object, page: str | None, label: str) -> None:
    assert page_label(page) == label


def _excerpt(**changes: object) -> ExcerptRow:
    values: dict[str, object] = {
        "id": 1, "source_id": 1, "source_key": "003", "source_title": "Title", "author": "Author",
        "publication": "Journal", "issued": "2025-12", "page": "414", "text": "The  sentence.\n",
        "language": "en", "date_text": None, "char_start": 0, "char_end": 1, "clean_start": 0,
        "clean_end": 1,
    }  # fmt: skip
    values.update(changes)
    return ExcerptRow(**values)  # type: ignore[arg-type]


def test_excerpt_with_citation_skips_what_the_source_lacks(qapp: object) -> None:
    assert excerpt_with_citation(_excerpt()) == (
        "«The sentence.» — Author, Title, Journal, 2025, p. 414"
    )
    bare = _excerpt(author=None, publication=None, page=None, issued="2024")
    assert excerpt_with_citation(bare) == "«The sentence.» — Title, 2024"


def test_paragraph_around_an_excerpt_is_between_blank_lines() -> None:
    text = "First para.\n\nSecond one. The event sentence. More.\n  \nThird."
    start = text.index("The event")
    end = start + len("The event sentence.")
    paragraph = paragraph_around(text, start, end)
    assert paragraph.text == "Second one. The event sentence. More."
    local = paragraph.local(start, end)
    assert paragraph.text[local[0] : local[1]] == "The event sentence."


def test_a_long_paragraph_is_cut_around_the_excerpt() -> None:
    text = "word " * 3000 + "THE EVENT." + " word" * 3000
    start = text.index("THE EVENT")
    paragraph = paragraph_around(text, start, start + 10)
    assert len(paragraph.text) < 3500
    assert paragraph.text.startswith("… ")
    assert paragraph.text.endswith(" …")
    s, e = paragraph.local(start, start + 10)
    assert paragraph.text[s:e] == "THE EVENT."


def test_occurrences_ignore_the_apostrophe_glyph() -> None:
    text = "Qozog‘iston, Qozog’iston, Qozog'iston va Qozogʻistonda"
    assert len(occurrences(text, ["Qozog'iston"])) == 4


def test_decades_and_counts(qapp: object) -> None:
    assert decade_days("1990s") == (date(1990, 1, 1).toordinal(), date(1999, 12, 31).toordinal())
    assert decade_days("nonsense") is None
    assert count_words(81, 5, 3) == "81 events · 5 sources · 3 hits"
    assert count_words(1, 1, None) == "1 event · 1 source"
