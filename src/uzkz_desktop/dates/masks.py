"""Stretches of text where no date may be found: links, e-mail addresses, phone numbers.

"https://kun.uz/news/2025/03/26/…", a wrapped URL piece "Issue-5_December-2024" and
"+998 71 202-20-25" hold digits that look like dates but are not dates of the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A slash, "@" or "www." marks a link-like token; the token is then widened to its spaces.
# Literal first characters let the regex engine skip through the text quickly.
_LINK_MARKS = re.compile(r"/|@|www\.")
_PHONES = re.compile(r"\+\s?[0-9][0-9\s().\-]{6,24}[0-9]")
_LABELLED_PHONES = re.compile(
    r"(?:tel|тел|phone|fax|факс)\.?:?\s{0,3}[+(]?[0-9][0-9\s().\-]{5,24}[0-9]"
)
_LONGEST_TOKEN = 4000  # bound the widening on text without spaces


def masked_spans(text: str, lowered: str) -> list[tuple[int, int]]:
    """Sorted (start, end) of links and phone numbers; `lowered` is `text` in lower case."""
    found = list(_links(text, lowered))
    found += [(m.start(), m.end()) for m in _PHONES.finditer(text)]
    found += [
        (m.start(), m.end())
        for m in _LABELLED_PHONES.finditer(lowered)
        if m.start() == 0 or not lowered[m.start() - 1].isalnum()
    ]
    return sorted(found)


def _links(text: str, lowered: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for mark in _LINK_MARKS.finditer(lowered):
        if spans and mark.start() < spans[-1][1]:
            continue  # inside the token already found
        start, end = _token_around(text, mark.start())
        if _is_link(text[start:end]):
            spans.append((start, end))
    return spans


def _token_around(text: str, position: int) -> tuple[int, int]:
    start = position
    floor = max(0, position - _LONGEST_TOKEN)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    end = position
    ceiling = min(len(text), position + _LONGEST_TOKEN)
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end


def _is_link(token: str) -> bool:
    # "2024/2025" (an academic year) is not a link: links have letters.
    return "@" in token or any(char.isalpha() for char in token)


class Masks:
    """Sorted, possibly overlapping spans; answers "does [start, end) touch any of them?"."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._reach: list[int] = []  # the furthest end among spans[:i + 1]
        reach = 0
        for _, end in spans:
            reach = max(reach, end)
            self._reach.append(reach)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, end - 1)  # spans starting before `end`
        return index > 0 and self._reach[index - 1] > start
