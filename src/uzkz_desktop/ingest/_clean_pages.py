"""Page breaks, running headers/footers and page labels.

Three sources of page breaks, in order of trust: the reader's `page_starts` (real PDFs), form
feeds (pdftotext), and, in double-spaced PDF extractions such as the seed corpus, a line that
starts with one space right after a text line (the extractor's page join). Running headers and
footers are lines that repeat, digits masked, in a page margin; their page numbers
(`Sahifa:  412`) label the pages, and unlabelled pages are numbered consistently between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from uzkz_desktop.ingest._clean_lines import Layout, Line, Profile

__all__ = ["Pages", "find_pages"]

_MAX_RUNNING_LENGTH = 120
_LABEL_RE = re.compile(
    r"(?i)\b(?:sahifa|sahifasi|bet|page|pp?\.|стр\.?|страница|сахифа|саҳифа|бет|с\.)"
    r"\s*[:.№]?\s*(\d{1,5})\b"
)
_LONE_NUMBER_RE = re.compile(r"[-–—\s]*(\d{1,5})[-–—\s]*")
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"\s+")
_ISSUE_RE = re.compile(r"(?i)\b(\d{1,4})\s*-\s*son\b|№\s*(\d{1,4})")
_VOLUME_RE = re.compile(r"(?i)\b(\d{1,3})\s*[-–]\s*to\S?plam")
_ISSUE_DATE_RE = re.compile(r"\b([^\W\d_]{3,})[-\s](\d{4})\b")


@dataclass(slots=True)
class Pages:
    starts: list[int] = field(default_factory=list)  # raw offsets where pages start (first 0)
    labels: list[str] | None = None  # one per page; None when there is no page information
    removed: set[int] = field(default_factory=set)  # indices of running header/footer lines
    page_lines: set[int] = field(default_factory=set)  # indices of lines that start a page
    real: bool = False  # breaks come from the reader or form feeds, not from the heuristic
    metadata: dict[str, str] = field(default_factory=dict)

    def page_of(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)


def find_pages(
    lines: list[Line], prof: Profile, page_starts: Sequence[int] | None, raw_length: int
) -> Pages:
    pages = Pages()
    if page_starts is not None:
        pages.real = True
        starts = sorted({p for p in page_starts if 0 <= p <= raw_length}) or [0]
        starts[0] = 0  # any text before the first page belongs to page 1
        pages.starts = starts
    elif any(line.formfeed_before for line in lines):
        pages.real = True
        pages.starts = [0] + [line.start for line in lines if line.formfeed_before]
    elif prof.layout is Layout.DOUBLE:
        # Same test as _is_page_join, inlined: this runs over every line.
        joins = [line.start for line in lines[1:] if line.blanks_before == 0 and line.indent == " "]
        pages.starts = [0, *joins]
    if pages.real or prof.layout is Layout.DOUBLE:
        _remove_running_lines(lines, pages, prof.line_width)
    _mark_page_lines(lines, pages)
    return pages


def _is_page_join(line: Line) -> bool:
    """In the double-spaced extractions a page starts with one space and no blank line before."""
    return line.index > 0 and line.blanks_before == 0 and line.indent == " "


def _remove_running_lines(lines: list[Line], pages: Pages, width: float) -> None:
    margin = _margin_lines(lines, pages)
    if not pages.real:
        # Without real pages the margin is a guess: a running line must also look like one
        # (a page number, a wide layout gap, or clearly shorter than the text).
        margin = [i for i in margin if _looks_running(lines[i].text, width)]
    keys = {i: _key(lines[i].text) for i in margin}
    counts = Counter(keys.values())
    # Running lines repeat on many pages (odd and even pages may differ).
    minimum = max(2, round(0.3 * len(pages.starts))) if pages.real else 3
    accepted = {
        key
        for key, count in counts.items()
        if count >= minimum and (_letters(key) >= 3 or (pages.real and key.strip("#- ") == ""))
    }
    removed = sorted(i for i, key in keys.items() if key in accepted)
    pages.removed = set(removed)
    printed = _place_labels(lines, pages, removed)
    pages.labels = _label_pages(len(pages.starts), printed)
    pages.metadata = _metadata([lines[i].text for i in removed])


def _margin_lines(lines: list[Line], pages: Pages) -> list[int]:
    """Indices of short lines in a page margin: where running headers and footers live."""
    candidates: list[int] = []
    if pages.real:
        by_page: dict[int, list[int]] = {}
        for line in lines:
            by_page.setdefault(pages.page_of(line.start), []).append(line.index)
        for indices in by_page.values():
            candidates.extend(sorted(set(indices[:2] + indices[-2:])))
    else:
        joins = [line.blanks_before == 0 and line.indent == " " for line in lines] + [False]
        joins[0] = False
        depth = 9
        for line in lines:
            # After a gap of two or more blank lines and the line after it; the first and
            # last line of a page.
            depth = 0 if line.blanks_before >= 2 else depth + 1
            if depth <= 1 or joins[line.index] or joins[line.index + 1]:
                candidates.append(line.index)
    return [i for i in candidates if len(lines[i].text) <= _MAX_RUNNING_LENGTH]


def _looks_running(text: str, width: float) -> bool:
    return "   " in text or len(text) < 0.6 * width or _label(text) is not None


def _key(text: str) -> str:
    return _DIGITS_RE.sub("#", _SPACES_RE.sub(" ", text)).casefold()


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _place_labels(lines: list[Line], pages: Pages, removed: list[int]) -> dict[int, int]:
    """Printed page numbers by page index; adds the page starts that header groups imply."""
    found: list[tuple[int, int]] = []  # (raw position, number)
    if pages.real:
        for i in removed:
            number = _label(lines[i].text)
            if number is not None:
                found.append((lines[i].start, number))
    else:
        for group in _groups(removed):
            numbers = [n for i in group if (n := _label(lines[i].text)) is not None]
            after = group[-1] + 1
            is_footer = after < len(lines) and _is_page_join(lines[after])
            position = lines[group[0]].start
            if not is_footer:
                # A header block is the top of a new page (the next line does not carry the
                # page-join mark, the header line does).
                pages.starts.append(position)
            if numbers:
                found.append((position, numbers[0]))
        pages.starts = sorted(set(pages.starts))
    printed: dict[int, int] = {}
    for position, number in found:
        printed.setdefault(pages.page_of(position), number)
    return printed


def _groups(indices: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in indices:
        if groups and i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _label(text: str) -> int | None:
    if not any(c.isdigit() for c in text[-12:]) and not any(c.isdigit() for c in text[:12]):
        return None  # a page number sits at one end of a running line
    m = _LABEL_RE.search(text) or _LONE_NUMBER_RE.fullmatch(text)
    return int(m.group(1)) if m else None


def _label_pages(count: int, printed: dict[int, int]) -> list[str] | None:
    """Labels for every page: printed ones, and consistent numbers for the pages between."""
    if not printed:
        return None
    known = sorted(printed)
    labels = []
    for page in range(count):
        # The nearest printed label at or before this page (or the first one after it).
        k = bisect_right(known, page) - 1
        anchor = known[k] if k >= 0 else known[0]
        labels.append(printed[anchor] + page - anchor)
    if any(label < 1 for label in labels):
        return None
    return [str(label) for label in labels]


def _mark_page_lines(lines: list[Line], pages: Pages) -> None:
    """Which lines begin a page (after running lines), and default labels 1..N."""
    has_pages = len(pages.starts) > 1 or pages.real
    if has_pages and (pages.labels is None or len(pages.labels) != len(pages.starts)):
        pages.labels = [str(i + 1) for i in range(len(pages.starts))]
    line_starts = [line.start for line in lines]
    for start in pages.starts[1:]:
        k = bisect_left(line_starts, start)  # the first line at or after the page start
        if k < len(lines):
            pages.page_lines.add(k)
    if pages.labels is None:
        pages.starts = []


def _metadata(texts: list[str]) -> dict[str, str]:
    """Issue information from the running lines (`86-son 5–to’plam Dekabr-2025`)."""
    metadata: dict[str, str] = {}
    seen: list[str] = []
    for text in texts:
        plain = _SPACES_RE.sub(" ", _LABEL_RE.sub("", text)).strip()
        if plain and plain not in seen:
            seen.append(plain)
    if seen:
        metadata["running_header"] = " | ".join(seen)
    joined = " ".join(seen)
    if m := _ISSUE_RE.search(joined):
        metadata["issue"] = m.group(1) or m.group(2)
    if m := _VOLUME_RE.search(joined):
        metadata["volume"] = m.group(1)
    if m := _ISSUE_DATE_RE.search(joined):
        metadata["issue_date"] = f"{m.group(1)}-{m.group(2)}"
    return metadata
