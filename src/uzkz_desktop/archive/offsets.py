"""Offsets between a source's cleaned text and its original text, and page labels.

Ingest cleans text (joins hyphenated words, folds whitespace) and keeps, for every cleaned
character, the offset of the original character it came from; an inserted character (a
joining space) points at the original position it stands for. Stored per character that
map would be four bytes a character; almost all of it is "+1 per character", so it is kept
as runs: cleaned offset `clean_starts[i]` maps to `orig_starts[i]` and the cleaned
characters after it follow one by one until the next run starts.

This is the contract of uzkz_desktop.ingest's OffsetMap: a cleaned span [start, end) came
from the original span [original(start), original(end - 1) + 1).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """cleaned offset -> original offset, for cleaned offsets 0..length-1."""

    length: int
    clean_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    @classmethod
    def from_offsets(cls, offsets: Sequence[int]) -> OffsetMap:
        """From one original offset per cleaned character. They must never decrease:
        cleaning does not reorder text."""
        clean_starts: list[int] = []
        orig_starts: list[int] = []
        previous = None
        for i, orig in enumerate(offsets):
            if previous is not None and orig < previous:
                raise ValueError(f"offset map decreases at cleaned offset {i}: {previous} > {orig}")
            if previous is None or orig != previous + 1:
                clean_starts.append(i)
                orig_starts.append(orig)
            previous = orig
        return cls(len(offsets), tuple(clean_starts), tuple(orig_starts))

    @classmethod
    def from_segments(
        cls, dst: Sequence[int], src: Sequence[int], inserted: Sequence[int], length: int
    ) -> OffsetMap:
        """From ingest's segments (OffsetMap.segments()): a copied segment is one run; each
        character of an inserted one maps to the same original position, so is its own run."""
        offsets: list[int] = []
        for k, start in enumerate(dst):
            end = dst[k + 1] if k + 1 < len(dst) else length
            if inserted[k]:
                offsets.extend([src[k]] * (end - start))
            else:
                offsets.extend(range(src[k], src[k] + end - start))
        return cls.from_offsets(offsets)

    def original(self, clean_offset: int) -> int:
        if not 0 <= clean_offset < self.length:
            raise IndexError(f"cleaned offset {clean_offset} outside 0..{self.length - 1}")
        run = bisect_right(self.clean_starts, clean_offset) - 1
        return self.orig_starts[run] + clean_offset - self.clean_starts[run]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that cleaned text[start:end] (not empty) came from."""
        if not 0 <= start < end <= self.length:
            raise ValueError(f"span {start}..{end} is not a non-empty span of 0..{self.length}")
        return self.original(start), self.original(end - 1) + 1

    def expand(self) -> list[int]:
        return [self.original(i) for i in range(self.length)]

    def to_json(self) -> str:
        runs = [[c, o] for c, o in zip(self.clean_starts, self.orig_starts, strict=True)]
        return json.dumps({"length": self.length, "runs": runs}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> OffsetMap:
        data = json.loads(text)
        runs = data["runs"]
        return cls(int(data["length"]), tuple(r[0] for r in runs), tuple(r[1] for r in runs))


def check_page_map(page_map: Sequence[tuple[int, str]], text_length: int) -> None:
    """A page map lists (cleaned offset where a page starts, page label), in text order."""
    previous = -1
    for offset, label in page_map:
        if not previous < offset <= text_length:
            raise ValueError(f"page map offsets must increase within 0..{text_length}: {offset}")
        if not label:
            raise ValueError(f"page map has an empty label at offset {offset}")
        previous = offset


def page_label(page_map: Sequence[tuple[int, str]], start: int, end: int) -> str | None:
    """The page of cleaned text[start:end]: '214', or '214–215' when it crosses a page.

    Text before the first page start counts as on the first page, as ingest's page_at has it.
    """
    if not page_map:
        return None
    offsets = [offset for offset, _ in page_map]
    first = max(bisect_right(offsets, start) - 1, 0)
    last = max(bisect_right(offsets, max(start, end - 1)) - 1, 0)
    if last == first:
        return page_map[first][1]
    return f"{page_map[first][1]}–{page_map[last][1]}"
