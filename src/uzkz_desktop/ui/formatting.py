"""Words for the window: dates in words, pages, citations, source paragraphs, language names.

Plain functions (no widgets) so they can be tested on their own. Every phrase a user reads
goes through `QCoreApplication.translate` (context "Formatting"); source text never does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from uzkz_desktop.core.dates import DateSpan, Precision

if TYPE_CHECKING:
    from uzkz_desktop.archive.models import ExcerptRow, SourceRow


def _tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("Formatting", text, disambiguation)


_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def month_name(month: int) -> str:
    return _tr(_MONTHS[month - 1], "short month name")


def _point(d: date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return str(d.year)
    if precision is Precision.MONTH:
        return f"{month_name(d.month)} {d.year}"
    return f"{d.day} {month_name(d.month)} {d.year}"


def span_in_words(span: DateSpan) -> str:
    """'23 Nov 1992', '18–19 Feb 2023', 'Jan – Nov 2024', '2024–2034', '17 Apr 2000 – 2008'."""
    first, last = span.precision, span.end_precision or span.precision
    if span.is_point:
        return _point(span.start, first)
    a, b = span.start, span.end
    if first is last is Precision.DAY:
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {month_name(a.month)} {a.year}"
        if a.year == b.year:
            return f"{a.day} {month_name(a.month)} – {b.day} {month_name(b.month)} {a.year}"
    if first is last is Precision.MONTH and a.year == b.year:
        return f"{month_name(a.month)} – {month_name(b.month)} {a.year}"
    if first is last is Precision.YEAR:
        return f"{a.year}–{b.year}"
    return f"{_point(a, first)} – {_point(b, last)}"


def precision_in_words(span: DateSpan) -> str:
    """How precisely the date is known, said so that nobody reads a year as a day."""
    first, last = span.precision, span.end_precision or span.precision
    words = {
        Precision.DAY: _tr("day"),
        Precision.MONTH: _tr("month — not a day"),
        Precision.YEAR: _tr("year — not a day"),
    }
    if first is last:
        said = words[first]
    else:
        said = _tr("{first}, then {last}").format(
            first=_tr(first.value, "precision"), last=_tr(last.value, "precision")
        )
    if span.approximate:
        said += _tr("; approximate")
    if span.uncertain:
        said += _tr("; uncertain")
    return said


def date_in_words(span: DateSpan) -> str:
    """'18–19 Feb 2023 (day)', '2024 (year — not a day)'."""
    return f"{span_in_words(span)} ({precision_in_words(span)})"


def page_label(page: str | None) -> str:
    """'p. 414', 'pp. 415–416'; '' when the source has no page numbers."""
    if not page or not page.strip():
        return ""
    page = page.strip()
    if re.search(r"[–—,-]", page):
        return _tr("pp. {pages}").format(pages=re.sub(r"\s*[-—]\s*", "–", page))
    return _tr("p. {page}").format(page=page)


def year_of(issued: str | None) -> str:
    if not issued:
        return ""
    found = re.match(r"\d{4}", issued.strip())
    return found.group(0) if found else issued.strip()


def citation_parts(excerpt: ExcerptRow) -> list[str]:
    """Author, Title, Publication, year, p. N — the parts the source has, in that order."""
    parts = [
        excerpt.author or "",
        excerpt.source_title or "",
        excerpt.publication or "",
        year_of(excerpt.issued),
        page_label(excerpt.page),
    ]
    return [p.strip() for p in parts if p and p.strip()]


def citation(excerpt: ExcerptRow) -> str:
    return ", ".join(citation_parts(excerpt))


def excerpt_with_citation(excerpt: ExcerptRow) -> str:
    """«excerpt» — Author, Title, Publication, year, p. N (plain text, for the clipboard)."""
    text = " ".join(excerpt.text.split())
    return f"«{text}» — {citation(excerpt)}"


def source_short_label(source: SourceRow) -> str:
    """What a result row or a tab calls a source: its author's surname or its title."""
    if source.author:
        return source.author.split()[0]
    return source.title_en or source.title


# -- the paragraph around an excerpt ---------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
MAX_PARAGRAPH = 4000  # longer paragraphs (PDF extractions without blank lines) are cut
_CONTEXT = 1500


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A slice of a source's cleaned text: text == cleaned[start:end] (with '…' added)."""

    text: str
    start: int  # offset of text[len(prefix)] in the cleaned text
    end: int
    prefix: str = ""  # '… ' when the paragraph was cut on the left

    def local(self, start: int, end: int) -> tuple[int, int]:
        """Cleaned-text offsets → offsets into `text` (clipped to the paragraph)."""
        shift = len(self.prefix) - self.start
        low = min(max(start, self.start), self.end)
        high = min(max(end, self.start), self.end)
        return low + shift, high + shift


def paragraph_around(cleaned: str, start: int, end: int) -> Paragraph:
    """The paragraph (between blank lines) holding cleaned[start:end]; several when the
    excerpt crosses a blank line; cut to about MAX_PARAGRAPH characters around it."""
    start = max(0, min(start, len(cleaned)))
    end = max(start, min(end, len(cleaned)))
    left, right = 0, len(cleaned)
    for gap in _BLANK_LINE.finditer(cleaned):
        if gap.end() <= start:
            left = gap.end()
        elif gap.start() >= end:
            right = gap.start()
            break
    while left < start and cleaned[left].isspace():
        left += 1
    while right > end and cleaned[right - 1].isspace():
        right -= 1
    prefix = suffix = ""
    if right - left > MAX_PARAGRAPH:
        new_left = max(left, start - _CONTEXT)
        new_right = min(right, end + _CONTEXT)
        if new_left > left:
            space = cleaned.find(" ", new_left, start)
            left, prefix = (space + 1 if space >= 0 else new_left), "… "
        if new_right < right:
            space = cleaned.rfind(" ", end, new_right)
            right, suffix = (space if space >= 0 else new_right), " …"
    return Paragraph(prefix + cleaned[left:right] + suffix, left, right, prefix)


# -- finding the words a search matched, in any apostrophe -----------------------------------

_APOSTROPHES = "'‘’ʻʼ`´„‟′"
_APOSTROPHE_CLASS = "[" + re.escape(_APOSTROPHES) + "]"


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern for any of `words`, whichever apostrophe glyph is used."""
    parts = []
    for word in sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True):
        parts.append(
            "".join(_APOSTROPHE_CLASS if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        )
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")", re.IGNORECASE)


def occurrences(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    pattern = word_pattern(words)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def term_spans(text: str, language: str | None, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the search's index keys occur in `text`, found with the search's own analyser
    (so 'Қозоғистонда' is found for a query typed as Qozog'iston)."""
    keys = [t for t in terms if t]
    if not keys or not text:
        return []
    from uzkz_desktop.search.highlight import highlight, make_spec

    try:
        return list(highlight(text, language, make_spec(keys, (), ())).spans)
    except Exception:  # highlighting is a help: it never stops the text from showing
        return []


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted_words(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The words a search highlighted in `text` (to find them again elsewhere)."""
    return [text[s:e] for s, e in spans if 0 <= s < e <= len(text)]


# -- names of facet values ---------------------------------------------------------------------

_LANGUAGES = {
    "uz-Latn": "Uzbek (Latin)",
    "uz-Cyrl": "Uzbek (Cyrillic)",
    "uz": "Uzbek",
    "ru": "Russian",
    "en": "English",
    "kk": "Kazakh",
    "und": "Undetermined",
}


def language_name(tag: str | None) -> str:
    if not tag:
        return _tr("unknown language")
    known = _LANGUAGES.get(tag)
    return _tr(known, "language") if known else tag


def decade_days(decade: str) -> tuple[int, int] | None:
    """'1990s' → first and last day (ordinals) of 1990–1999."""
    found = re.fullmatch(r"(\d{3,4})0s", decade.strip())
    if not found:
        return None
    first = int(found.group(1)) * 10
    return date(first, 1, 1).toordinal(), date(first + 9, 12, 31).toordinal()


def plural(text: str, n: int) -> str:
    """A numerus phrase such as '%n event(s)': translated when a catalogue says how, else
    English (Qt only substitutes %n when no translation is installed)."""
    said = QCoreApplication.translate("Formatting", text, "", n)
    return said.replace("(s)", "" if n == 1 else "s")


def count_words(events: int, sources: int, hits: int | None) -> str:
    """'81 events · 5 sources · 3 hits' for the status bar."""
    parts = [plural("%n event(s)", events), plural("%n source(s)", sources)]
    if hits is not None:
        parts.append(plural("%n hit(s)", hits))
    return " · ".join(parts)


# -- an event row's span, with the end's own precision (kept in its EDTF) --------------------

_EDTF_PRECISION = {4: Precision.YEAR, 7: Precision.MONTH, 10: Precision.DAY}


def span_of(start: date, end: date, precision: Precision, edtf: str) -> DateSpan:
    """The DateSpan of an EventRow: its EDTF says the end's precision and qualifiers."""
    parts = edtf.split("/")
    last = parts[-1].rstrip("~?%")
    end_precision = _EDTF_PRECISION.get(len(last.lstrip("-")))
    if len(parts) < 2 or end_precision is precision:
        end_precision = None
    return DateSpan(
        start,
        max(start, end),
        precision,
        approximate=any(p.endswith(("~", "%")) for p in parts),
        uncertain=any(p.endswith(("?", "%")) for p in parts),
        end_precision=end_precision,
    )
