"""Running headers and footers found anywhere in the text, not only in a known page margin.

Most extractions give no page breaks at all (no form feeds, no page-join mark), yet their
running lines are easy to see: a short line whose digit-masked form repeats, and which
carries a page number that grows from one occurrence to the next (`Вестник КазНУ  № 2 (2024)
стр. 57` … `стр. 58`, `— 17 —` … `— 18 —`, `Journal …, Vol. 12 | 45`). The page number is
the number that changes; a page word (`стр.`, `p.`, `Sahifa`, `бет`, `б.` …), a layout gap
or a separator (`|`, dashes around a lone number) before or after it makes it certain. A bare
number at the end of a line (`Table 1`, `Chapter 2`) is trusted only where every occurrence
also sits at a page boundary (it cuts a sentence in two, follows a footnote, or ends or starts
the document).
Lines without a page number that repeat word for word next to a numbered running line are
part of it (the two-line header `Ustozlar uchun  pedagoglar.org` / `… Sahifa: 412`); on their
own, in a PDF-like layout, they must cut a sentence in two on every page they appear on.

Whether a running line is a header (it starts its page and labels it) or a footer (it ends its
page and labels it) is decided here too, for the pages it creates when nothing else marks the
page breaks: one that is the very last line of the document is a footer; otherwise it is a
header (a footer would also end the last page, while a header is often missing from the title
page).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from uzkz_desktop.ingest._clean_lines import Line

__all__ = [
    "MAX_RUNNING_LENGTH",
    "Running",
    "find_running",
    "footer_groups",
    "key",
    "page_number",
    "without_number",
]

MAX_RUNNING_LENGTH = 120
_MAX_STEP = 10  # a page number grows by at most this much between two occurrences
_MIN_DISTANCE = 3  # lines from one occurrence of a running line to the next
_RANK = {"strong": 3, "weak": 2, "lone": 1}  # how sure a number is a page number

# A page word before the number. `с.`/`С.`/`p.` need the dot: `с` alone is a preposition.
_PAGE_WORD_RE = re.compile(
    r"(?i)(?<!\w)(?:sahifa(?:si)?|bet|page|pg\.|pp?\.|стр\.?|страница|сахифа|саҳифа|бет|"
    r"с\.|б\.)\s*[:.№]?\s*$"
)
# ... or after it (`15-бет`, `15-sahifa`).
_PAGE_WORD_AFTER_RE = re.compile(r"(?i)\s?[-‑–]\s?(?:бет|bet|sahifa|саҳифа|сахифа)(?!\w)")
_DIGITS_RE = re.compile(r"\d+")
_DECORATION = "-–—|·•[](){}<>*_~ "
_SEPARATORS = "|·•"
_LEADING_RE = re.compile(r"\d{1,5}(?:\s*[|·•]|  | [—–])")
_ASCII_DIGITS = frozenset("0123456789")
_ENDS = frozenset("0123456789-–—|")
_PAGE_WORD_TAILS = frozenset(("бет", "bet", "ifa", "ифа", "БЕТ", "BET"))  # `15-бет`, `sahifa`
_SENTENCE_ENDS = '.!?:;…»)"”'
# A footnote line: its number, then a word (`4 Договор`, `15Uzbekistan’s`), not `1.` or `2024`.
_NOTE_START_RE = re.compile(r"\d{1,3}(?![\d.,\-–—/%)°:])\s*[^\W\d_]")


@dataclass(slots=True)
class Running:
    """Running lines found by `find_running`."""

    numbers: dict[int, tuple[int, int, int]]  # line index -> (page number, start, end in text)
    lines: set[int]  # every running line, with and without a page number


def key(text: str) -> str:
    """A line with its digits masked and its spaces collapsed, for comparing running lines."""
    return _DIGITS_RE.sub("#", " ".join(text.split())).casefold()


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def page_number(text: str, span: tuple[int, int]) -> str | None:
    """How sure it is that the number at text[span] is a page number: "strong", "weak" or
    None (not at an end of the line, nor after a page word)."""
    s, e = span
    before, after = text[:s], text[e:]
    if _PAGE_WORD_RE.search(before) or _PAGE_WORD_AFTER_RE.match(after):
        return "strong"
    rest = (before + after).strip(_DECORATION)
    if not rest:
        # A number alone on its line: only dashes or bars around it make it a page number.
        return "strong" if (before + after).strip() else "lone"
    if after.strip(" .") == "" and before:
        # At the end of the line: after a layout gap or a separator, or after a plain space.
        tail = before[-3:]
        if "  " in tail or tail.rstrip()[-1:] in _SEPARATORS or tail.endswith(("— ", "– ")):
            return "strong"
        return "weak" if before[-1] == " " else None
    if before == "" and after:
        head = after[:3]
        if "  " in head or head.lstrip()[:1] in _SEPARATORS or head.startswith((" —", " –")):
            return "strong"
    return None


def without_number(text: str, span: tuple[int, int]) -> str:
    """The running line without its page number and the page word before it."""
    s, e = span
    before = text[:s]
    if m := _PAGE_WORD_RE.search(before):
        before = before[: m.start()]
    after = text[e:]
    if m := _PAGE_WORD_AFTER_RE.match(after):
        after = after[m.end() :]
    return before + after


def find_running(
    lines: list[Line], known: set[int], width: float, *, formfeeds: bool, unnumbered: bool
) -> Running:
    """Running lines with page numbers anywhere in the text (besides those already `known`),
    the lines without numbers that always come with them, and (`unnumbered`: in a PDF-like
    layout) lines without numbers that cut sentences in two."""
    found = Running({}, set())
    ends, digits, tails = _ENDS, _ASCII_DIGITS, _PAGE_WORD_TAILS
    # Cheap tests first (this runs over every line): a page number sits at one end of a line
    # (`стр. 57`, `— 17 —`, `15-бет`), set apart from the text when it leads (`57 | …`).
    candidates = [
        line
        for line in lines
        if (last := (text := line.text)[-1]) in ends
        or (last in "тtаa" and text[-3:] in tails)
        or (text[0] in digits and _LEADING_RE.match(text))
    ]
    by_key: dict[str, list[int]] = defaultdict(list)
    for line in candidates:
        if len(line.text) <= MAX_RUNNING_LENGTH:
            by_key[key(line.text)].append(line.index)
    boundary = _Boundary(lines)
    for k, indices in by_key.items():
        if len(indices) < 2:
            continue
        if known and indices[0] in known:
            # Already a running line (in a page margin): only its page numbers are wanted.
            indices = [i for i in indices if i in known]
            found.numbers.update(_numbered(lines, indices, k, boundary, width, formfeeds, True))
            continue
        accepted = _numbered(lines, indices, k, boundary, width, formfeeds, False)
        found.numbers.update(accepted)
        found.lines.update(accepted)
    if unnumbered:
        found.lines |= _cutting(lines, known | found.lines, width)
    if found.lines:
        found.lines |= _companions(lines, known | found.lines, width)
    return found


class _Boundary:
    """Whether a line sits where a page breaks."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def at(self, i: int) -> bool:
        lines, n = self.lines, len(self.lines)
        if i == 0 or i == n - 1 or lines[i].formfeed_before:
            return True
        if i + 1 < n and lines[i + 1].formfeed_before:
            return True
        if _is_join(lines[i]) or (i + 1 < n and _is_join(lines[i + 1])):
            return True
        before, after = lines[i - 1].text, lines[i + 1].text
        # The line cuts a sentence in two: `… казахстанской стороной` | `в апреле 2023 г.`
        if before[-1] not in _SENTENCE_ENDS and after[0].islower():
            return True
        # Or it follows a footnote (its first line, or one of the next two).
        for j in range(i - 1, max(i - 4, -1), -1):
            m = _NOTE_START_RE.match(lines[j].text)
            if m and lines[j].text[m.end() - 1].isupper():
                return True
        return False


def _is_join(line: Line) -> bool:
    return line.index > 0 and line.blanks_before == 0 and line.indent == " "


def _numbered(
    lines: list[Line],
    indices: list[int],
    k: str,
    boundary: _Boundary,
    width: float,
    formfeeds: bool,
    running: bool,
) -> dict[int, tuple[int, int, int]]:
    """The occurrences of one masked line, if they are a running line with a page number, with
    those numbers (`running`: they are known to be a running line; only the numbers count)."""
    if len(indices) < 2 or any(b - a < _MIN_DISTANCE for a, b in pairwise(indices)):
        return {}
    texts = [lines[i].text for i in indices]
    if len(set(texts)) < len(texts):
        return {}  # page numbers differ from page to page
    spans = [[m.span() for m in _DIGITS_RE.finditer(t)] for t in texts]
    if not spans[0] or any(len(s) != len(spans[0]) for s in spans):
        return {}
    best: tuple[int, str] | None = None
    for slot in range(len(spans[0])):
        if any(s[slot][1] - s[slot][0] > 5 for s in spans):
            continue  # not a page number
        values = [int(t[s[slot][0] : s[slot][1]]) for t, s in zip(texts, spans, strict=True)]
        if not all(0 < b - a <= _MAX_STEP for a, b in pairwise(values)):
            continue
        kinds = {page_number(t, s[slot]) for t, s in zip(texts, spans, strict=True)}
        if None in kinds or len(kinds) != 1:
            continue
        kind = kinds.pop()
        if kind is not None and (best is None or _RANK[kind] > _RANK[best[1]]):
            best = (slot, kind)
    if best is None:
        return {}
    slot, kind = best
    if running:
        ok = True
    elif slot > 0 and _NOTE_START_RE.match(texts[0]):
        ok = False  # `12 Ibid., p. 45`: a footnote that cites a page
    elif kind == "strong":
        ok = _letters(k) >= 3 or k.strip(_DECORATION + "#") == ""
    elif kind == "weak":
        # `Journal of Things 45`, but also `Table 1`: every occurrence must be at a boundary.
        ok = (
            _letters(k) >= 3
            and all(_short(lines[i].text, width) for i in indices)
            and all(boundary.at(i) for i in indices)
        )
    else:
        # A bare number alone on its line, page after page, between blank lines (markers on
        # their own line follow the text directly) or at form feeds.
        values = [int(t) for t in texts]
        ok = (
            len(indices) >= 3
            and all(b - a == 1 for a, b in pairwise(values))
            and all(_apart(lines, i, formfeeds) for i in indices)
        )
    if not ok:
        return {}
    return {
        i: (int(t[s[slot][0] : s[slot][1]]), s[slot][0], s[slot][1])
        for i, t, s in zip(indices, texts, spans, strict=True)
    }


def _short(text: str, width: float) -> bool:
    return "   " in text or len(text) < 0.6 * width


def _apart(lines: list[Line], i: int, formfeeds: bool) -> bool:
    if formfeeds and lines[i].formfeed_before:
        return True
    after = lines[i + 1] if i + 1 < len(lines) else None
    return lines[i].blanks_before >= 1 and (after is None or after.blanks_before >= 1)


def _companions(lines: list[Line], running: set[int], width: float) -> set[int]:
    """Lines without a page number that repeat word for word right next to running lines
    (the other line of a two-line header; not a footnote that cites a page)."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in running:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and j not in running:
                text = lines[j].text
                if len(text) <= MAX_RUNNING_LENGTH and _short(text, width):
                    by_text[" ".join(text.split()).casefold()].append(j)
    taken: set[int] = set()
    for text, indices in by_text.items():
        occurrences = sorted(set(indices))
        if len(occurrences) >= 2 and _letters(text) >= 3 and not _NOTE_START_RE.match(text):
            taken.update(occurrences)
    return taken


def _cutting(lines: list[Line], known: set[int], width: float) -> set[int]:
    """Short lines without a page number that cut sentences in two, page after page."""
    limit = min(0.6 * width, MAX_RUNNING_LENGTH)
    last = len(lines) - 1
    # (Length first, in a comprehension: this runs over every line.)
    short = [line.index for line in lines if len(line.text) < limit]
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in short:
        if (
            0 < i < last
            and lines[i + 1].text[0].islower()
            and lines[i - 1].text[-1] not in _SENTENCE_ENDS
            and i not in known
        ):
            by_key[key(lines[i].text)].append(i)
    taken: set[int] = set()
    for k, indices in by_key.items():
        if (
            len(indices) >= 2
            and _letters(k) >= 3
            and all(b - a >= _MIN_DISTANCE for a, b in pairwise(indices))
        ):
            taken.update(indices)
    return taken


def footer_groups(lines: list[Line], groups: list[list[int]], keys: list[str]) -> list[bool]:
    """For groups of running lines in a text without page-join marks: which are footers.

    All the groups with the same key have the same role.
    """
    n = len(lines)
    by_key: dict[str, list[list[int]]] = defaultdict(list)
    for group, k in zip(groups, keys, strict=True):
        by_key[k].append(group)
    role: dict[str, bool] = {}
    for k, members in by_key.items():
        if members[0][0] == 0:
            role[k] = False  # the first line of the document: a header
        elif members[-1][-1] == n - 1:
            role[k] = True  # the last line of the document: a footer
        else:
            # A footer would end the last page too; a header is often missing from the
            # title page.
            role[k] = False
    return [role[k] for k in keys]
