"""The one way the date tests read what the grammar found."""

from __future__ import annotations

from uzkz_desktop.dates.grammar import find_dates

Found = list[tuple[str, str, bool]]


def found(text: str, document_year: int | None) -> Found:
    """(as written, EDTF, resolved by context) of every mention, after checking the offsets."""
    mentions = find_dates(text, document_year=document_year)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    return [(m.text, m.span.edtf, m.resolved_by_context) for m in mentions]
