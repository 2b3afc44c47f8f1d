"""Lines of the raw text and the document-wide facts the clean-up decisions rest on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = ["Layout", "Line", "Profile", "profile", "split_lines"]

_LONE_CR = re.compile(r"\r(?!$)")
_SENTENCE_ENDS = '.!?:;…»)"”'


@dataclass(slots=True)
class Line:
    """One non-blank line of the raw text. Blank lines are only counted."""

    index: int  # position in the list of non-blank lines
    start: int  # raw offset of the first non-space character
    end: int  # raw offset just after the last non-space character
    text: str  # raw[start:end]
    indent: str  # the whitespace before `start` on the same raw line
    trailing_ws: bool  # the raw line had spaces after the text (not counting \r)
    blanks_before: int  # blank raw lines between the previous non-blank line and this one
    separator_before: bool  # one of those blank lines held spaces (a "spacer" line)
    formfeed_before: bool  # a form feed (\f) precedes this line: a page break from pdftotext


def split_lines(raw: str) -> list[Line]:
    """The non-blank lines of `raw` with their raw offsets.

    Lines end at a newline or a form feed; a form feed also starts a new page.
    """
    lines: list[Line] = []
    append = lines.append
    pieces = raw.split("\n")
    if "\r" in raw:
        # A lone carriage return (old Mac files) ends a line too; one before "\n" is part
        # of a Windows line end. Both separators are one character, so offsets hold.
        pieces = [part for piece in pieces for part in _LONE_CR.split(piece)]
    feeds: set[int] = set()
    if "\f" in raw:
        pieces, feeds = _split_form_feeds(pieces)
    offset = 0
    blanks = 0
    separator = False
    formfeed = False
    for k, piece in enumerate(pieces):
        if feeds and k in feeds:
            formfeed = True
        stripped = piece.strip()
        if stripped:
            # The first non-space character is the first occurrence of stripped[0].
            lead = piece.find(stripped[0])
            right = lead + len(stripped)
            tail = len(piece) - right
            append(
                Line(
                    len(lines),
                    offset + lead,
                    offset + right,
                    stripped,
                    piece[:lead] if lead else "",
                    tail > 1 or (tail == 1 and piece[-1] != "\r"),
                    blanks,
                    separator,
                    formfeed,
                )
            )
            blanks = 0
            separator = False
            formfeed = False
        elif not (feeds and (k in feeds or k + 1 in feeds)):
            # (Around a form feed an empty piece is a page break, not a blank line: it must
            # not look like a paragraph gap.)
            blanks += 1
            separator = separator or (piece != "" and piece != "\r")
        offset += len(piece) + 1
    return lines


def _split_form_feeds(pieces: list[str]) -> tuple[list[str], set[int]]:
    """Cut the newline-separated pieces at form feeds too. Returns the pieces and the indices
    of those that follow a form feed (the one character between pieces is then the \f)."""
    out: list[str] = []
    feeds: set[int] = set()
    for piece in pieces:
        parts = piece.split("\f")
        out.append(parts[0])
        for part in parts[1:]:
            feeds.add(len(out))
            out.append(part)
    return out, feeds


class Layout(Enum):
    """How line breaks and blank lines are to be read."""

    DOUBLE = "double"  # PDF extraction with a blank line after every line: blanks carry nothing
    BLANK = "blank"  # blank lines separate paragraphs; single newlines are soft wraps
    FLOW = "flow"  # wrapped lines and no blank lines (pypdf): paragraphs must be inferred
    LINES = "lines"  # long unwrapped lines: every line is a paragraph


@dataclass(frozen=True, slots=True)
class Profile:
    layout: Layout
    line_width: float  # a typical full line (75th percentile): shorter lines may end paragraphs
    trailing_space_style: bool  # most lines end with a space, so a line without one continues


def profile(lines: list[Line], *, markdown: bool) -> Profile:
    """Measure line lengths and blank-line habits to choose a layout."""
    if not lines:
        return Profile(Layout.LINES, 0.0, False)
    lengths = sorted(len(line.text) for line in lines)
    width = float(lengths[(len(lengths) * 3) // 4])
    p90 = lengths[min(len(lengths) - 1, (len(lengths) * 9) // 10)]
    long_enough = sum(1 for n in lengths if n >= 0.5 * p90)
    mid_sentence = sum(1 for line in lines if line.text[-1] not in _SENTENCE_ENDS)
    # Hard-wrapped text has most lines close to one width (a few dozen characters at least)
    # and most of them end in the middle of a sentence; one sentence or paragraph per line
    # does not (75-80% of the seed articles' lines end mid-sentence).
    wrapped = (
        len(lines) >= 3
        and 40 <= p90 <= 200
        and long_enough >= 0.5 * len(lines)
        and mid_sentence >= 0.5 * len(lines)
    )
    followed_by_blank = sum(1 for line in lines[1:] if line.blanks_before)
    trailing = sum(1 for line in lines if line.trailing_ws)
    trailing_style = trailing >= 0.5 * len(lines)
    if markdown:
        layout = Layout.BLANK
    elif wrapped and followed_by_blank >= 0.6 * (len(lines) - 1):
        layout = Layout.DOUBLE
    elif wrapped and followed_by_blank:
        layout = Layout.BLANK
    elif wrapped:
        layout = Layout.FLOW
    else:
        layout = Layout.LINES
    return Profile(layout, width, trailing_style)
