"""Find a quoted passage in a source's original text, whatever its line breaks.

Curators copy a sentence from a PDF extraction and join its lines; the file has spacer
lines, trailing spaces and the o‘ apostrophe in one of six code points. A quote is found
when its characters, with whitespace removed and apostrophes folded, occur in the file's
characters treated the same way. The span returned is in the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

# Every glyph the corpus uses for the o‘/g‘ letter or the tutuq belgisi, folded to one key.
_APOSTROPHES = "'‘’ʻʼ„‟`´′ʹ‛‚ʽ"
_FOLD = str.maketrans(dict.fromkeys(_APOSTROPHES, "'") | {"–": "-", "—": "-", "\u00ad": ""})


@dataclass(frozen=True, slots=True)
class QuoteIndex:
    """The original text squeezed for quote matching, with a map back to it."""

    squeezed: str
    positions: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> QuoteIndex:
        keep = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
        squeezed = "".join(ch for _, ch in keep).translate(_FOLD).casefold()
        if len(squeezed) != len(keep):  # casefold can grow a char ("ß" → "ss"): stay exact
            squeezed = "".join(ch.translate(_FOLD) for _, ch in keep)
        return cls(squeezed, tuple(i for i, _ in keep))

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) span of the original text that holds `quote`."""
        needle = squeeze(quote)
        if not needle or len(self.squeezed) != len(self.positions):
            return []
        spans = []
        at = self.squeezed.find(needle)
        while at >= 0:
            last = at + len(needle) - 1
            spans.append((self.positions[at], self.positions[last] + 1))
            at = self.squeezed.find(needle, at + 1)
        return spans


def squeeze(text: str) -> str:
    return "".join(text.split()).translate(_FOLD).casefold()


def locate_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Spans of `text` holding `quote` (see the module docstring for what counts as equal)."""
    return QuoteIndex.of(text).find_all(quote)
