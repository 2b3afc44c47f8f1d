"""Find the dates a source writes, in uz-Latn, uz-Cyrl, ru, en and kk, and read typed dates.

`find_dates` tries the rules of `rules.py` at the anchors where they can start, drops
candidates inside links and phone numbers, keeps the longest of overlapping candidates, then
walks the survivors in text order to fill in years from context: in "2024-yil 15 aprel va
26 noyabrda" the second date takes the year of the first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.dates import typed
from uzkz_desktop.dates.anchors import find_anchors
from uzkz_desktop.dates.lexicon import lower
from uzkz_desktop.dates.masks import Masks, masked_spans
from uzkz_desktop.dates.rules import Candidate, YearSource, rules_at


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text, with the span of days it names."""

    start: int  # offset of the expression in the text given
    end: int  # exclusive
    text: str  # the expression as written (text[start:end])
    span: DateSpan  # normalised start/end/precision
    resolved_by_context: bool  # a part came from context: the year of writing, an earlier year
    kind: str  # "date" | "range" | "period" | "relative"


def find_dates(
    text: str, *, document_year: int | None = None, include_bare_years: bool = True
) -> list[DateMention]:
    """Every date expression in `text`, sorted, non-overlapping, the longest match winning.

    `document_year` (the year of writing) resolves "joriy yil", "o‘tgan yil", "this year",
    "yil boshidan buyon", "за последние 10 лет"; without it those are left out. A day or month
    with no year ("26 noyabrda", "Март ойида") takes the latest year named before it in the
    text; when there is none, a day takes the year of writing ("ТАШКЕНТ, 22 декабря."), and so
    does a month after a preposition ("in April", "в апреле"); a month alone is left out. A
    deadline ("2030-yilgacha", "by 2030", "до 2030 года") is not such an earlier year, and a
    year counted from the year of writing ("o‘tgan yili", "в прошлом году") is one for a day
    or such a month only in its own sentence.
    With `include_bare_years=False` only mentions that name a month or a day are returned
    (a year, a year range, a decade or "this year" alone are dropped).
    """
    lowered = lower(text)
    masks = Masks(masked_spans(text, lowered))
    candidates = [
        candidate
        for candidate in _candidates(text, lowered)
        if not masks.overlaps(candidate.start, candidate.end)
    ]
    mentions = _resolve(text, _longest_first(candidates), document_year)
    if include_bare_years:
        return mentions
    return [mention for mention in mentions if not _year_only(mention.span)]


def parse_date(text: str, *, document_year: int | None = None) -> DateSpan | None:
    """One date typed by a person (any of the languages, or EDTF like '2024-11', '1992-11-23',
    '2024/2034', '2024~'); None if it is not a date."""
    entered = text.strip()
    if not entered or len(entered) > typed.MAX_LENGTH:
        return None
    span = typed.parse(entered)
    if span is not None:
        return span
    mentions = find_dates(entered, document_year=document_year)
    if len(mentions) != 1 or not typed.covers(entered, mentions[0].start, mentions[0].end):
        return None
    return mentions[0].span


def _candidates(text: str, lowered: str) -> Iterator[Candidate]:
    """Every rule's match at every anchor where the rule can start."""
    for position, kinds in find_anchors(lowered):
        for rule in rules_at(kinds):
            candidate = rule.match_at(text, lowered, position)
            if candidate is not None and (candidate.confirm is None or candidate.confirm(text)):
                yield candidate


def _year_only(span: DateSpan) -> bool:
    return span.precision is Precision.YEAR and span.end_precision in (None, Precision.YEAR)


# --- choosing and resolving ----------------------------------------------------------------


def _longest_first(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The longest candidates that do not overlap, in text order; ties go to the earlier rule."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    ranked = sorted(
        enumerate(candidates),
        key=lambda pair: (pair[1].start - pair[1].end, pair[1].start, pair[0]),
    )
    for _, candidate in ranked:
        index = bisect_right(starts, candidate.start)
        if index and ends[index - 1] > candidate.start:
            continue
        if index < len(starts) and starts[index] < candidate.end:
            continue
        starts.insert(index, candidate.start)
        ends.insert(index, candidate.end)
        kept.append(candidate)
    return sorted(kept, key=lambda candidate: candidate.start)


def _resolve(text: str, chosen: list[Candidate], document_year: int | None) -> list[DateMention]:
    """Fill in years in text order; a mention within one year sets the context year."""
    context: int | None = None
    # A year counted from the year of writing ("o‘tgan yil", "в прошлом году") is the year of
    # a bare day or month only in its own sentence: in "Ўтган йили савдо ўсди. 9 август куни
    # …" the day is of the year of writing.
    counted_end = -1  # the end of the counted year that set `context`, if one did
    mentions: list[DateMention] = []
    for candidate in chosen:
        near = context
        if (
            candidate.year_from is YearSource.NEARBY
            and counted_end >= 0
            and _SENTENCE_END.search(text, counted_end, candidate.start) is not None
        ):
            near = None  # the year of writing
        year = _year_for(candidate, near, document_year)
        span = None if year is None else candidate.build(year)
        if span is None:
            continue
        mentions.append(
            DateMention(
                candidate.start,
                candidate.end,
                text[candidate.start : candidate.end],
                span,
                candidate.year_from is not YearSource.WRITTEN,
                candidate.kind,
            )
        )
        if candidate.sets_context and span.start.year == span.end.year:
            context = span.start.year
            counted_end = candidate.end if candidate.year_from is YearSource.DOCUMENT else -1
    return mentions


_SENTENCE_END = re.compile(r"[.!?…][\"»”)]?\s")


def _year_for(candidate: Candidate, context: int | None, document_year: int | None) -> int | None:
    source = candidate.year_from
    if source is YearSource.WRITTEN:
        return 0  # the span is already built; the year passed is not used
    if source is YearSource.CONTEXT or (
        source in (YearSource.SAME, YearSource.NEARBY) and context is not None
    ):
        return context
    if document_year is None:
        return None
    return document_year + candidate.offset
