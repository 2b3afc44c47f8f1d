"""How two lines are glued together: no space, one space; and inline whitespace rules."""

from __future__ import annotations

import re

__all__ = ["CLOSERS", "HYPHENS", "is_url_only", "normalise_spaces", "space_edits", "tight_join"]

# Every line-final hyphen in the corpus is a hard hyphen (`madaniy-` + `gumanitar`,
# `18-` + `19 fevral`, `2016-` + `yildan`, URLs): keep it and join with no space.
HYPHENS = "-‐‑–—"
# A line that starts with closing punctuation continues the previous one (`edi` ⏎ `1` ⏎ `.`
# once the footnote marker is gone).
CLOSERS = ".,;:!?)]}»”"
_URL_ONLY_RE = re.compile(r"(?:https?://|www\.)\S+")
_URL_CONTINUATION_RE = re.compile(r"[\w\-.~%/?#&=+:;@!$*,']+")
_URL_BREAK_CHARS = "-/_=?&%#~+"  # a URL ending so is cut off ("." may end the sentence)

# Inline whitespace: a run before closing punctuation goes (`beradi .` -> `beradi.`), other
# runs and odd whitespace characters become one space. Newlines are paragraph breaks: untouched.
# Found through cheap literal triggers, then widened to the whole run, because one regex with
# look-arounds over every space costs more than the rest of the clean-up.
_DOUBLE_SPACE_RE = re.compile(r"  +(?=\S)")  # not the trailing spaces of a line
_SPACE_PUNCT_RE = re.compile(" [.,;:!?]")
_ODD_SPACE_RE = re.compile(
    "[\t\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_LONE_CR_RE = re.compile("\r(?!\n)")
_RUN_RE = re.compile(r"[^\S\n]*")
_PUNCT = ".,;:!?"


def tight_join(left: str, right: str, *, left_continues: bool) -> bool:
    """True when `right` continues the last word of `left` with no space in between.

    `left_continues`: the raw line ended without a trailing space in a file whose lines
    normally have one, which is how this extractor marks a word broken across lines.
    """
    last, first = left[-1], right[0]
    if first in CLOSERS:
        return True
    if last in HYPHENS and len(left) >= 2 and left[-2].isalnum() and first.isalnum():
        return True
    if "://" not in left and "www." not in left:
        return False
    tail = left.rpartition(" ")[2]
    if not (tail.startswith(("http://", "https://", "www.")) or "://" in tail):
        return False
    head = right.split(None, 1)[0]
    if not _URL_CONTINUATION_RE.fullmatch(head):
        return False
    return last in _URL_BREAK_CHARS or left_continues


def is_url_only(text: str) -> bool:
    return _URL_ONLY_RE.fullmatch(text) is not None


def space_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every whitespace run inside a line that needs changing."""
    edits: dict[int, tuple[int, int, str] | None] = {}
    patterns = [_DOUBLE_SPACE_RE, _SPACE_PUNCT_RE, _ODD_SPACE_RE]
    if "\r" in text:
        patterns.append(_LONE_CR_RE)
    for pattern in patterns:
        for m in pattern.finditer(text):
            start = m.start()
            if start and text[start - 1] == " " and pattern is not _ODD_SPACE_RE:
                continue  # inside a run that an earlier match (or pattern) covers
            start = _run_start(text, start)
            if start not in edits:
                edits[start] = _run_edit(text, start)
    return sorted(edit for edit in edits.values() if edit is not None)


def _run_start(text: str, position: int) -> int:
    while position > 0 and text[position - 1] != "\n" and text[position - 1].isspace():
        position -= 1
    return position


def _run_edit(text: str, start: int) -> tuple[int, int, str] | None:
    """The edit for the whitespace run at `start`; None outside a line's text or if fine."""
    run = _RUN_RE.match(text, start)
    end = run.end() if run else start
    if start == 0 or end == start or end == len(text) or text[end] == "\n":
        return None  # indentation or line end: not inside a line's text
    if text[start - 1] == "\n":
        return None
    if text[end] in _PUNCT and (end + 1 == len(text) or text[end + 1].isspace()):
        return start, end, ""
    if end - start == 1 and text[start] == " ":
        return None
    return start, end, " "


_NEEDS_TIDY_RE = re.compile(r"\s\s|[^\S ]| [.,;:!?]")


def normalise_spaces(text: str) -> str:
    """The inline whitespace rules on a plain string (footnote bodies)."""
    if not _NEEDS_TIDY_RE.search(text):
        return text.strip()
    parts = []
    position = 0
    for start, end, replacement in space_edits(text):
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts).strip()
