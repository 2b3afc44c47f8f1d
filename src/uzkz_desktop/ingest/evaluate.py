"""Measure extraction against an annotation: recall of dated statements, precision of candidates.

A statement is found when a candidate's date expression overlaps the statement's date
expression in the original text and has the same start and precision. A candidate is a
real dated statement when its date expression overlaps any annotated one (an event's
excerpt, a mention) or lies inside a quoted figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from uzkz_desktop.ingest.curation import CuratedFigure, Statement
from uzkz_desktop.ingest.extract import Candidate
from uzkz_desktop.ingest.quotes import QuoteIndex


@dataclass(frozen=True, slots=True)
class Score:
    statements: int
    found: int
    candidates: int
    real: int
    missed: tuple[Statement, ...]
    spurious: tuple[Candidate, ...]

    @property
    def recall(self) -> float:
        return self.found / self.statements if self.statements else 1.0

    @property
    def precision(self) -> float:
        return self.real / self.candidates if self.candidates else 1.0

    def summary(self) -> str:
        return (
            f"recall {self.found}/{self.statements} = {self.recall:.1%}, "
            f"precision {self.real}/{self.candidates} = {self.precision:.1%}"
        )


def date_span_of(statement: Statement, text: str) -> tuple[int, int]:
    """Where the statement's date expression sits in the original text (its quote if unsure)."""
    quote_text = text[statement.char_start : statement.char_end]
    spans = QuoteIndex.of(quote_text).find_all(statement.date_text) if statement.date_text else []
    if not spans:
        return statement.char_start, statement.char_end
    start, end = spans[0]
    return statement.char_start + start, statement.char_start + end


def score(
    candidates: Sequence[Candidate],
    statements: Sequence[Statement],
    texts: dict[str, str],
    figures: Iterable[CuratedFigure] = (),
) -> Score:
    gold = [(s, date_span_of(s, texts[s.source])) for s in statements]
    figure_spans = [(f.source, f.char_start, f.char_end) for f in figures]
    found = [s for s, span in gold if any(_finds(c, s, span) for c in candidates)]
    spurious = [c for c in candidates if not _is_real(c, gold, figure_spans)]
    missed = [s for s, _ in gold if s not in found]
    return Score(
        statements=len(gold),
        found=len(found),
        candidates=len(candidates),
        real=len(candidates) - len(spurious),
        missed=tuple(missed),
        spurious=tuple(spurious),
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _finds(candidate: Candidate, statement: Statement, span: tuple[int, int]) -> bool:
    return (
        candidate.source == statement.source
        and _overlaps((candidate.date_char_start, candidate.date_char_end), span)
        and candidate.start == statement.span.start.isoformat()
        and candidate.precision == str(statement.span.precision)
    )


def _is_real(
    candidate: Candidate,
    gold: Sequence[tuple[Statement, tuple[int, int]]],
    figures: Sequence[tuple[str, int, int]],
) -> bool:
    where = (candidate.date_char_start, candidate.date_char_end)
    if any(s.source == candidate.source and _overlaps(where, span) for s, span in gold):
        return True
    return any(
        source == candidate.source and start <= where[0] and where[1] <= end
        for source, start, end in figures
    )
