"""Offset bookkeeping for the clean-up: which character of the original each cleaned one came from.

The original text is stored verbatim and excerpts are stored as offsets into it, so every
character of the cleaned text must map back. The map is a list of segments rather than one
integer per character: a 50 MB text has a few hundred thousand segments, not 50 million ints.
A segment is either *copied* (its characters map one to one onto a run of the original) or
*inserted* (a joining space or paragraph break: every character maps to one original position,
the first whitespace character it stands for).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["MapBuilder", "OffsetMap", "apply_edits"]


class OffsetMap:
    """Maps offsets of a cleaned text to offsets of the original text (monotone non-decreasing)."""

    __slots__ = ("_dst", "_ins", "_length", "_src", "_src_length")

    def __init__(
        self, dst: array[int], src: array[int], ins: bytearray, length: int, src_length: int
    ) -> None:
        self._dst = dst  # where each segment starts in the cleaned text
        self._src = src  # where it starts in the original
        self._ins = ins  # 1 = inserted segment, 0 = copied
        self._length = length
        self._src_length = src_length

    def __len__(self) -> int:
        return self._length

    @property
    def segment_count(self) -> int:
        return len(self._dst)

    def original_index(self, index: int) -> int:
        """Offset in the original of character `index` of the cleaned text."""
        if not 0 <= index < self._length:
            raise IndexError(f"offset {index} outside 0..{self._length - 1}")
        k = bisect_right(self._dst, index) - 1
        base = self._src[k]
        return base if self._ins[k] else base + index - self._dst[k]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that the cleaned span [start, end) came from."""
        if not 0 <= start <= end <= self._length:
            raise ValueError(f"span {start}..{end} outside 0..{self._length}")
        if start == end:
            position = self._boundary(start)
            return position, position
        return self.original_index(start), self.original_index(end - 1) + 1

    def from_original(self, position: int) -> int:
        """First cleaned offset whose character comes from `position` or later (len if none)."""
        k = bisect_right(self._src, position) - 1
        if k < 0:
            return 0
        # Segments may share a source start (an inserted space before a copied run), so step
        # back to the first segment that reaches `position`.
        while k > 0 and self._src[k - 1] == self._src[k]:
            k -= 1
        while k < len(self._dst):
            seg_end = self._dst[k + 1] if k + 1 < len(self._dst) else self._length
            if self._ins[k]:
                if self._src[k] >= position:
                    return self._dst[k]
            else:
                last = self._src[k] + seg_end - self._dst[k] - 1
                if last >= position:
                    return self._dst[k] + max(0, position - self._src[k])
            k += 1
        return self._length

    def as_array(self) -> array[int]:
        """One original offset per cleaned character (for tests and debugging; large)."""
        out = array("i")
        for k, start in enumerate(self._dst):
            end = self._dst[k + 1] if k + 1 < len(self._dst) else self._length
            base = self._src[k]
            if self._ins[k]:
                out.extend([base] * (end - start))
            else:
                out.extend(range(base, base + end - start))
        return out

    def _boundary(self, offset: int) -> int:
        """Original position of the gap before cleaned offset `offset`."""
        if offset < self._length:
            return self.original_index(offset)
        if self._length == 0:
            return 0
        return min(self.original_index(self._length - 1) + 1, self._src_length)

    def segments(self) -> tuple[array[int], array[int], bytearray]:
        return self._dst, self._src, self._ins


class MapBuilder:
    """Accumulates cleaned text piece by piece, recording where each piece came from."""

    __slots__ = ("_last_copy_end", "_length", "_parts", "_segments", "_src_length")

    def __init__(self, src_length: int) -> None:
        self._parts: list[str] = []
        # (cleaned start, original start, inserted?) per segment: one tuple per append is
        # cheaper than three appends; they become arrays once built.
        self._segments: list[tuple[int, int, int]] = []
        self._length = 0
        self._last_copy_end = -1  # original end of the last segment if it was a copy
        self._src_length = src_length

    def copy(self, piece: str, src_start: int) -> None:
        """Append `piece`, which is the original text from `src_start` on, unchanged."""
        if not piece:
            return
        if self._last_copy_end != src_start:
            self._segments.append((self._length, src_start, 0))
        self._parts.append(piece)
        self._length += len(piece)
        self._last_copy_end = src_start + len(piece)

    def insert(self, piece: str, src_position: int) -> None:
        """Append characters that are not in the original; they map to `src_position`."""
        if not piece:
            return
        self._segments.append((self._length, src_position, 1))
        self._parts.append(piece)
        self._length += len(piece)
        self._last_copy_end = -1

    def join(self, separator: str, at: int, piece: str, src_start: int) -> None:
        """insert(separator, at) then copy(piece, src_start): the clean-up's inner loop."""
        length = self._length
        if separator:
            self._segments.append((length, at, 1))
            self._parts.append(separator)
            length += len(separator)
        self._segments.append((length, src_start, 0))
        self._parts.append(piece)
        self._length = length + len(piece)
        self._last_copy_end = src_start + len(piece)

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self._parts)
        dst, src, ins = zip(*self._segments, strict=True) if self._segments else ((), (), ())
        offsets = OffsetMap(
            array("i", dst), array("i", src), bytearray(ins), self._length, self._src_length
        )
        return text, offsets


def apply_edits(
    text: str, offsets: OffsetMap, edits: Sequence[tuple[int, int, str]]
) -> tuple[str, OffsetMap]:
    """Replace text[start:end] by each edit's string; the result still maps to the original.

    `edits` are sorted and do not overlap. A replacement maps to the original position of the
    first character it replaces, so the map stays monotone.
    """
    builder = MapBuilder(offsets._src_length)
    dst, src, ins = offsets.segments()
    position = 0
    for start, end, replacement in edits:
        _copy_range(builder, text, dst, src, ins, len(text), position, start)
        if replacement:
            builder.insert(replacement, offsets._boundary(start))
        position = end
    _copy_range(builder, text, dst, src, ins, len(text), position, len(text))
    return builder.build()


def _copy_range(
    builder: MapBuilder,
    text: str,
    dst: array[int],
    src: array[int],
    ins: bytearray,
    length: int,
    start: int,
    end: int,
) -> None:
    """Copy text[start:end] into `builder`, splitting it along the old map's segments."""
    if start >= end:
        return
    k = bisect_right(dst, start) - 1
    while start < end:
        seg_end = dst[k + 1] if k + 1 < len(dst) else length
        stop = min(seg_end, end)
        if ins[k]:
            builder.insert(text[start:stop], src[k])
        else:
            builder.copy(text[start:stop], src[k] + start - dst[k])
        start = stop
        k += 1
