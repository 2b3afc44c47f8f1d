"""Footnotes: bodies interleaved with the text at page ends, and the markers that point to them.

A footnote block starts at a spacer line (whitespace only, or a rule of underscores) followed
by a line that starts with a number, and runs to the next page break. Where page breaks are
known (from the reader, form feeds, page joins or running lines) no spacer line is needed if
the block is short, its first footnote starts like one (a capital, not `2 ta korxona`) and no
later line of it starts with the same or a smaller number. Its numbers must be referenced: a
marker with the first number has to occur in the body before the block (on the same page
without a spacer line). Markers come in three styles (glued: `imzolandi1.`, `г.5`, `”14`;
spaced: `chuqurlashgan 14.`; a number alone on its line). Each footnote's marker is the
first one with its number after the previous marker and before the footnote itself, so only
known footnote numbers are ever taken (`5 milliard` or `2023 yil` never are). The one
exception: a glued marker (`tayyorlandi6.`) that continues an accepted glued sequence is
accepted even when its body is missing from the extraction.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from uzkz_desktop.ingest._clean_glue import is_url_only, normalise_spaces, tight_join
from uzkz_desktop.ingest._clean_lines import Layout, Line, Profile
from uzkz_desktop.ingest._clean_pages import Pages

__all__ = ["Candidate", "Note", "Notes", "find_notes"]

_MAX_BLOCK_LINES = 40
_MAX_BARE_BLOCK_LINES = 15  # a block without a spacer line (known page breaks) must be short

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_CLOSING = '”»")]'  # a marker may be glued to a closing quote or bracket: `shartnomasi”14`
_APOSTROPHES = "‘’ʻʼ'`"  # inside Uzbek Latin words: `yo‘l`, `to‘g‘ri`
_AFTER_GLUED = '.,;:!?)]”»" \t\r\n'
_NOTE_LINE_RE = re.compile(r"(\d{1,3})(?![\d.,\-–—/%)°:])\s*(?=\S)")
_RULE_LINE_RE = re.compile(r"[_\-–—]{5,}")


@dataclass(slots=True)
class Candidate:
    """A number in the body that may be a footnote marker."""

    number: int
    start: int  # raw span to delete
    end: int
    style: str  # "glued" | "spaced" | "alone"
    line: int  # index of its line


@dataclass(slots=True)
class Note:
    number: int
    raw_start: int  # the raw span of its lines, number included
    raw_end: int
    text: str = ""


@dataclass(slots=True)
class Notes:
    notes: list[Note] = field(default_factory=list)
    block_lines: set[int] = field(default_factory=set)  # lines moved out of the body
    dropped: list[tuple[int, int]] = field(default_factory=list)  # duplicated URL lines
    markers: list[tuple[Candidate, Note | None]] = field(default_factory=list)
    marker_lines: set[int] = field(default_factory=set)  # markers alone on their line
    inline: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # line -> spans


def find_notes(raw: str, lines: list[Line], pages: Pages, prof: Profile) -> Notes:
    notes = Notes()
    if not lines or not (pages.real or prof.layout is Layout.DOUBLE or _paged(pages)):
        return notes
    if not any(_may_start_block(line, lines, pages) for line in lines if line.text[0].isdigit()):
        return notes
    finder = _MarkerFinder(raw, lines, pages.removed)
    _find_blocks(lines, pages, prof, finder, notes)
    for note in notes.notes:
        note.text = normalise_spaces(note.text)
    finder.excluded = pages.removed | notes.block_lines
    _accept_markers(finder, notes)
    return notes


class _MarkerFinder:
    """Finds a footnote marker with a given number by searching for the number as a string.

    Markers are only ever looked for with a known number, so a plain substring search plus a
    look at the neighbours replaces scanning the whole text with a regex for every number.
    """

    def __init__(self, raw: str, lines: list[Line], excluded: set[int]) -> None:
        self.raw = raw
        self.lines = lines
        self.starts = [line.start for line in lines]
        self.excluded = excluded

    def first(self, number: int, lo: int, hi: int, *, glued_only: bool = False) -> Candidate | None:
        """The first marker `number` in raw[lo:hi], in any style (or glued only)."""
        best: Candidate | None = None
        for needle in (str(number), str(number).translate(_SUPERSCRIPT_DIGITS)):
            position = self.raw.find(needle, lo, hi)
            while position >= 0 and (best is None or position < best.start):
                candidate = self._at(number, position, position + len(needle), needle.isdigit())
                if candidate and (not glued_only or candidate.style == "glued"):
                    best = candidate
                    break
                position = self.raw.find(needle, position + 1, hi)
        return best

    def _at(self, number: int, s: int, e: int, ascii_digits: bool) -> Candidate | None:
        raw = self.raw
        before = raw[s - 1] if s else "\n"
        after = raw[e] if e < len(raw) else "\n"
        if ascii_digits and (before.isdigit() or after.isdigit()):
            return None
        index = max(0, bisect_right(self.starts, s) - 1)
        line = self.lines[index]
        if index in self.excluded or not line.start <= s < line.end:
            return None
        if not ascii_digits:
            return Candidate(number, s, e, "glued", index) if not before.isspace() else None
        if line.text == raw[s:e]:
            # Alone on its line, straight after a text line (`edi` ⏎ `1` ⏎ `.`); a number
            # between blank lines is more likely a page number.
            ok = index > 0 and line.blanks_before == 0
            return Candidate(number, s, e, "alone", index) if ok else None
        if after not in _AFTER_GLUED:
            return None
        if before in _CLOSING or (
            before.islower()
            and s >= 2
            and (raw[s - 2].isalpha() or raw[s - 2] in _APOSTROPHES)
            and not _in_url(raw, s)
        ):
            return Candidate(number, s, e, "glued", index)  # `imzolandi1.`, `”14`, `yo‘l2`
        if (
            before == "."
            and (after.isspace() or after in ",;")
            and s >= 2
            and raw[s - 2].isalpha()
            and not _in_url(raw, s)
        ):
            return Candidate(number, s, e, "glued", index)  # after an abbreviation: `г.5`
        if before in " \t" and after in ".,;:" and (e + 1 == len(raw) or raw[e + 1].isspace()):
            # `chuqurlashgan 14.`: a word, one to three spaces, the number, punctuation.
            q = s
            while q > line.start and raw[q - 1] in " \t":
                q -= 1
            word_end = raw[q - 1]
            if s - q <= 3 and (word_end.isalpha() or word_end in _CLOSING):
                return Candidate(number, q, e, "spaced", index)
        return None


def _paged(pages: Pages) -> bool:
    """Page breaks are known (from the reader, form feeds, page joins or running lines)."""
    return pages.real or len(pages.starts) > 1


def _in_url(raw: str, position: int) -> bool:
    token_start = max(raw.rfind(" ", 0, position), raw.rfind("\n", 0, position)) + 1
    token = raw[token_start:position]
    return "://" in token or "www." in token or "@" in token


def _may_start_block(line: Line, lines: list[Line], pages: Pages) -> bool:
    if _NOTE_LINE_RE.match(line.text) is None:
        return False
    rule = line.index > 0 and _RULE_LINE_RE.fullmatch(lines[line.index - 1].text) is not None
    return _paged(pages) or line.separator_before or rule


def _find_blocks(
    lines: list[Line], pages: Pages, prof: Profile, finder: _MarkerFinder, notes: Notes
) -> None:
    page_lines = sorted(pages.page_lines)
    searched_from = 0
    for i in [line.index for line in lines if line.text[0].isdigit()]:
        if i < searched_from:
            continue  # inside the block just parsed
        block = _block_at(lines, i, pages, page_lines, finder, searched_from)
        if block is not None:
            start, end = block
            _parse_block(lines, start, end, pages, prof, notes)
            searched_from = end


def _block_at(
    lines: list[Line],
    i: int,
    pages: Pages,
    page_lines: list[int],
    finder: _MarkerFinder,
    searched_from: int,
) -> tuple[int, int] | None:
    """(first, end) line indices of a footnote block starting at line i, or None."""
    line = lines[i]
    if i in pages.removed or i in pages.page_lines:
        return None
    m = _NOTE_LINE_RE.match(line.text)
    if m is None:
        return None
    rule = i > 0 and _RULE_LINE_RE.fullmatch(lines[i - 1].text) is not None
    spacer = line.separator_before or rule
    if not spacer and not _paged(pages):
        return None
    k = bisect_right(page_lines, i)
    end = page_lines[k] if k < len(page_lines) else len(lines)
    page_start = page_lines[k - 1] if k > 0 else 0
    if end - i > (_MAX_BLOCK_LINES if spacer else _MAX_BARE_BLOCK_LINES):
        return None
    if not spacer and not _bare_block(lines, i, end, m, pages.removed):
        return None
    # The first number must be referenced before the block (on the same page when there is
    # no spacer line to go by).
    number = int(m.group(1))
    look_from = searched_from if spacer else max(searched_from, page_start)
    if look_from >= i or finder.first(number, lines[look_from].start, line.start) is None:
        return None
    return (i - 1 if rule else i), end


def _bare_block(lines: list[Line], i: int, end: int, m: re.Match[str], removed: set[int]) -> bool:
    """Whether lines i..end, with no spacer line above them, can be a footnote block.

    Body text may start a line with a number too (`2 ta zamonaviy o‘tkazish punkti`): a
    footnote starts with a capital, a quote or a URL, and no later line of the block starts
    with its number or a smaller one (footnotes come in order).
    """
    text = lines[i].text[m.end() :]
    if text[0].islower() and not text.startswith(("http", "www.")):
        return False
    number = int(m.group(1))
    for j in range(i + 1, end):
        other = _NOTE_LINE_RE.match(lines[j].text)
        if other and j not in removed and int(other.group(1)) <= number:
            return False
    return True


def _parse_block(
    lines: list[Line], start: int, end: int, pages: Pages, prof: Profile, notes: Notes
) -> None:
    current: Note | None = None
    previous: Line | None = None
    for j in range(start, end):
        notes.block_lines.add(j)
        line = lines[j]
        if j in pages.removed or _RULE_LINE_RE.fullmatch(line.text):
            continue
        m = _NOTE_LINE_RE.match(line.text)
        if m and (current is None or int(m.group(1)) == current.number + 1):
            # A new footnote; its number may be glued to the text (`15Uzbekistan’s`).
            current = Note(int(m.group(1)), line.start, line.end, line.text[m.end() :])
            notes.notes.append(current)
            previous = line
            continue
        if current is None or previous is None:
            continue
        continues = prof.trailing_space_style and not previous.trailing_ws
        glued = tight_join(current.text, line.text, left_continues=continues)
        if not glued and is_url_only(line.text) and _already_cited(line.text, notes.notes):
            notes.dropped.append((line.start, line.end))  # PDF link annotation, repeated
            continue
        current.text += ("" if glued else " ") + line.text
        current.raw_end = line.end
        previous = line


def _already_cited(url: str, notes: list[Note]) -> bool:
    return any(url in note.text for note in notes[-12:])


def _accept_markers(finder: _MarkerFinder, notes: Notes) -> None:
    """Each footnote's marker is the first one with its number after the previous marker."""
    position = 0
    last: Candidate | None = None
    for note in notes.notes:
        found = finder.first(note.number, position, note.raw_start)
        if found is not None:
            notes.markers.append((found, note))
            position, last = found.end, found
    # Bodies missing from the extraction (003: markers 6 and 7): a glued sequence goes on.
    while last is not None and last.style == "glued":
        following = finder.first(last.number + 1, last.end, len(finder.raw), glued_only=True)
        if following is None or any(n.number == following.number for n in notes.notes):
            break
        notes.markers.append((following, None))
        last = following
    for c, _ in notes.markers:
        if c.style == "alone":
            notes.marker_lines.add(c.line)
        else:
            notes.inline.setdefault(c.line, []).append((c.start, c.end))
