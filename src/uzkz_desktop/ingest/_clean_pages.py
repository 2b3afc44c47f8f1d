"""Page breaks, running headers/footers and page labels.

Three sources of page breaks, in order of trust: the reader's `page_starts` (real PDFs), form
feeds (pdftotext), and, in double-spaced PDF extractions such as the seed corpus, a line that
starts with one space right after a text line (the extractor's page join). Running headers and
footers are lines that repeat, digits masked, in a page margin, or anywhere in the text when
they carry a growing page number (`_clean_running`); in a text without other page breaks
they make the breaks themselves: a header starts its page, a footer ends it. Their page
numbers (`Sahifa:  412`, `стр. 57`, `— 17 —`) label the pages, a header the page it starts
and a footer the page it ends, and unlabelled pages are numbered consistently between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from uzkz_desktop.ingest._clean_lines import Layout, Line, Profile
from uzkz_desktop.ingest._clean_running import (
    MAX_RUNNING_LENGTH,
    Running,
    find_running,
    footer_groups,
    key,
    without_number,
)

__all__ = ["Pages", "find_pages"]

_LABEL_RE = re.compile(
    r"(?i)\b(?:sahifa|sahifasi|bet|page|pg\.|pp?\.|стр\.?|страница|сахифа|саҳифа|бет|с\.|б\.)"
    r"\s*[:.№]?\s*(\d{1,5})\b"
)
_LONE_NUMBER_RE = re.compile(r"[-–—\s]*(\d{1,5})[-–—\s]*")
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"\s+")
_ISSUE_RE = re.compile(r"(?i)\b(\d{1,4})\s*-\s*(?:son|сон)(?!\w)|№\s*(\d{1,4})")
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
    else:
        pages.starts = [0]
    has_joins = len(pages.starts) > 1 and not pages.real
    margin: set[int] = set()
    if pages.real or prof.layout is Layout.DOUBLE:
        margin = _margin_running_lines(lines, pages, prof.line_width)
    # Anywhere else, running lines are found by their growing page numbers.
    running = find_running(
        lines,
        margin,
        prof.line_width,
        formfeeds=pages.real,
        unnumbered=pages.real or prof.layout in (Layout.DOUBLE, Layout.FLOW),
    )
    removed = sorted(margin | running.lines)
    if pages.real or prof.layout is Layout.DOUBLE or removed:
        pages.removed = set(removed)
        numbers = {i: n for i, (n, _, _) in running.numbers.items()}
        printed = _place_labels(lines, pages, removed, numbers, has_joins)
        pages.labels = _label_pages(len(pages.starts), printed)
        pages.metadata = _metadata([_unnumbered(lines[i].text, running, i) for i in removed])
    _mark_page_lines(lines, pages)
    return pages


def _is_page_join(line: Line) -> bool:
    """In the double-spaced extractions a page starts with one space and no blank line before."""
    return line.index > 0 and line.blanks_before == 0 and line.indent == " "


def _margin_running_lines(lines: list[Line], pages: Pages, width: float) -> set[int]:
    """Running lines in the page margins: lines that repeat, digits masked, on many pages."""
    margin = _margin_lines(lines, pages)
    if not pages.real:
        # Without real pages the margin is a guess: a running line must also look like one
        # (a page number, a wide layout gap, or clearly shorter than the text).
        margin = [i for i in margin if _looks_running(lines[i].text, width)]
    keys = {i: key(lines[i].text) for i in margin}
    counts = Counter(keys.values())
    # Running lines repeat on many pages (odd and even pages may differ).
    minimum = max(2, round(0.3 * len(pages.starts))) if pages.real else 3
    accepted = {
        k
        for k, count in counts.items()
        if count >= minimum and (_letters(k) >= 3 or (pages.real and k.strip("#- ") == ""))
    }
    return {i for i, k in keys.items() if k in accepted}


def _unnumbered(text: str, running: Running, index: int) -> str:
    """A running line without its page number (for the metadata)."""
    if index in running.numbers:
        _, s, e = running.numbers[index]
        return without_number(text, (s, e))
    return text


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
    return [i for i in candidates if len(lines[i].text) <= MAX_RUNNING_LENGTH]


def _looks_running(text: str, width: float) -> bool:
    return "   " in text or len(text) < 0.6 * width or _label(text) is not None


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _place_labels(
    lines: list[Line], pages: Pages, removed: list[int], numbers: dict[int, int], joins: bool
) -> dict[int, int]:
    """Printed page numbers by page index; adds the page starts that running lines imply."""
    found: list[tuple[int, int]] = []  # (raw position, number)

    def number(i: int) -> int | None:
        return numbers[i] if i in numbers else _label(lines[i].text)

    if pages.real:
        for i in removed:
            n = number(i)
            if n is not None:
                found.append((lines[i].start, n))
    else:
        groups = _groups(removed)
        for group, footer in zip(groups, _footers(lines, groups, numbers, joins), strict=True):
            found_numbers = [numbers[i] for i in group if i in numbers] or [
                n for i in group if (n := _label(lines[i].text)) is not None
            ]
            position = lines[group[0]].start
            if footer:
                # A footer ends its page: the next page starts after it.
                after = group[-1] + 1
                if after < len(lines):
                    pages.starts.append(lines[after].start)
            else:
                # A header block is the top of a new page.
                pages.starts.append(position)
            if found_numbers:
                found.append((position, found_numbers[0]))
        pages.starts = sorted(set(pages.starts))
    printed: dict[int, int] = {}
    for position, n in found:
        printed.setdefault(pages.page_of(position), n)
    return printed


def _footers(
    lines: list[Line], groups: list[list[int]], numbers: dict[int, int], joins: bool
) -> list[bool]:
    """Which groups of running lines are footers (the others are headers)."""
    roles: list[bool | None] = []
    for group in groups:
        after = group[-1] + 1
        if after < len(lines) and _is_page_join(lines[after]):
            roles.append(True)  # the next line carries the page-join mark
        elif joins:
            roles.append(False)  # with page-join marks, a group not followed by one
        else:
            roles.append(None)  # no page-join marks at all: decided by position
    undecided = [k for k, role in enumerate(roles) if role is None]
    if undecided:
        # Named by their numbered line (or their first), so that a header is always a header.
        keys = [
            key(lines[next((i for i in groups[k] if i in numbers), groups[k][0])].text)
            for k in undecided
        ]
        decided = footer_groups(lines, [groups[k] for k in undecided], keys)
        for k, role in zip(undecided, decided, strict=True):
            roles[k] = role
    return [bool(role) for role in roles]


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
        plain = _SPACES_RE.sub(" ", _LABEL_RE.sub("", text)).strip(" |·•-–—")
        if plain not in seen and _letters(plain):
            seen.append(plain)
    if seen:
        metadata["running_header"] = " | ".join(seen)
    for line in seen:  # (one running line at a time: `Tarix va jamiyat` | `2024 yil` is no date)
        if "issue" not in metadata and (m := _ISSUE_RE.search(line)):
            metadata["issue"] = m.group(1) or m.group(2)
        if "volume" not in metadata and (m := _VOLUME_RE.search(line)):
            metadata["volume"] = m.group(1)
        if "issue_date" not in metadata and (m := _ISSUE_DATE_RE.search(line)):
            metadata["issue_date"] = f"{m.group(1)}-{m.group(2)}"
    return metadata
