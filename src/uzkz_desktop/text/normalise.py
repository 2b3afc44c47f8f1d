"""Canonical forms of a text: for display, for indexing, and for search keys.

The stored text of a source stays verbatim; these functions derive the forms the reader sees
(`canonical`) and the forms the index compares (`search_fold`, `loose_fold`).

The rules for apostrophes are in `_apostrophes` (re-exported here as `fold_apostrophes`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from uzkz_desktop.text._apostrophes import fold_apostrophes
from uzkz_desktop.text._patterns import APOSTROPHE, APOSTROPHE_MARKS, TURNED_COMMA
from uzkz_desktop.text.translit import cyrillic_to_latin

__all__ = [
    "canonical",
    "canonical_with_offsets",
    "fold_apostrophes",
    "loose_fold",
    "original_span",
    "search_fold",
]

# Zero-width characters that carry nothing a reader or a search needs; PDFs and web pages
# leave them inside words (soft hyphen, zero-width space, word joiner, byte-order mark).
_INVISIBLES = "\u00ad\u200b\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLES}]")
# Whitespace that is not already a lone space: the only runs the collapse has to touch.
_WHITESPACE_TO_COLLAPSE_RE = re.compile(r" \s+|[^\S ]\s*")


def _has_invisibles(text: str) -> bool:
    return any(char in text for char in _INVISIBLES)


def canonical(text: str) -> str:
    """The display and indexing form: NFC, folded apostrophes, single spaces, stripped.

    Zero-width characters (soft hyphen, ZWSP, word joiner, BOM) are removed first, so that
    they cannot hide an apostrophe's context; the result is idempotent.
    """
    if _has_invisibles(text):
        text = _INVISIBLE_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = fold_apostrophes(text)
    return _WHITESPACE_TO_COLLAPSE_RE.sub(" ", text).strip(" ")


# --- canonical text with a map back to the original -------------------------------------

# Characters with canonical combining class 0 that can still be the second half of an NFC
# composition (Unicode NFC_Quick_Check=Maybe); a test checks this list against unicodedata.
_COMPOSES_WITH_PREVIOUS = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf"
    "\u102e\u1b35\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af"
    "\U00011930"
    + "".join(map(chr, range(0x1161, 0x1176)))  # Hangul vowels and finals compose by rule
    + "".join(map(chr, range(0x11A8, 0x11C3)))
)


def _starts_cluster(char: str) -> bool:
    """True when NFC can never merge `char` into the characters before it."""
    if unicodedata.combining(char) or char in _COMPOSES_WITH_PREVIOUS:
        return False
    return not unicodedata.combining(unicodedata.normalize("NFD", char)[0])


def _clusters(segment: str) -> list[tuple[int, int]]:
    bounds = [0] + [i for i in range(1, len(segment)) if _starts_cluster(segment[i])]
    return list(zip(bounds, [*bounds[1:], len(segment)], strict=True))


def _map_cluster(source: str, composed: str, start: int) -> list[int]:
    """Source index of each composed character.

    The first maps to the cluster's start, so a span that starts with the cluster covers all
    of it; a later one to its own code point if that survived NFC. NFC may reorder combining
    marks, so each then takes the earliest source of itself and what follows it: the offsets
    never decrease and never point past a character's source.
    """
    positions = [0]
    for char in composed[1:]:
        found = source.find(char)
        positions.append(found if found >= 0 else positions[-1])
    for index in range(len(positions) - 2, 0, -1):
        positions[index] = min(positions[index], positions[index + 1])
    return [start + position for position in positions]


def _nfc_segment(segment: str, start: int) -> tuple[str, list[int]]:
    pieces: list[str] = []
    offsets: list[int] = []
    for begin, end in _clusters(segment):
        source = segment[begin:end]
        composed = unicodedata.normalize("NFC", source)
        pieces.append(composed)
        offsets.extend(_map_cluster(source, composed, start + begin))
    result = "".join(pieces)
    if result != unicodedata.normalize("NFC", segment):  # safety net; never seen
        result = unicodedata.normalize("NFC", segment)
        offsets = [start] * len(result)
    return result, offsets


# NFC never composes across an ASCII character (no composition has an ASCII second half and
# ASCII characters are starters), so each segment "one character + its non-ASCII run" can be
# normalised on its own.
_NFC_SEGMENT_RE = re.compile(r"[\s\S][^\x00-\x7f]*")


def _nfc_with_offsets(text: str, base: Sequence[int]) -> tuple[str, Sequence[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, base
    pieces: list[str] = []
    offsets: list[int] = []
    for segment in _NFC_SEGMENT_RE.finditer(text):
        chars, start = segment.group(), segment.start()
        if unicodedata.is_normalized("NFC", chars):
            pieces.append(chars)
            offsets.extend(base[start : segment.end()])
            continue
        composed, local = _nfc_segment(chars, start)
        pieces.append(composed)
        offsets.extend(base[i] for i in local)
    return "".join(pieces), offsets


def _delete_with_offsets(
    pattern: re.Pattern[str], text: str, base: Sequence[int]
) -> tuple[str, Sequence[int]]:
    pieces: list[str] = []
    offsets: list[int] = []
    kept_from = 0
    for match in pattern.finditer(text):
        pieces.append(text[kept_from : match.start()])
        offsets.extend(base[kept_from : match.start()])
        kept_from = match.end()
    if not kept_from:
        return text, base
    pieces.append(text[kept_from:])
    offsets.extend(base[kept_from:])
    return "".join(pieces), offsets


def _collapse_whitespace_with_offsets(text: str, base: Sequence[int]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    offsets: list[int] = []
    kept_from = 0
    for run in _WHITESPACE_TO_COLLAPSE_RE.finditer(text):
        pieces.append(text[kept_from : run.start()])
        offsets.extend(base[kept_from : run.start()])
        pieces.append(" ")
        offsets.append(base[run.start()])
        kept_from = run.end()
    pieces.append(text[kept_from:])
    offsets.extend(base[kept_from:])
    collapsed = "".join(pieces)
    stripped = collapsed.strip(" ")
    leading = len(collapsed) - len(collapsed.lstrip(" "))
    return stripped, offsets[leading : leading + len(stripped)]


def canonical_with_offsets(text: str) -> tuple[str, list[int]]:
    """`canonical(text)` and, for each of its characters, the index in `text` it came from.

    A collapsed whitespace run maps to its first character; a character composed by NFC maps
    to its first source character. The offsets never decrease, so a span `[start, end)` of
    the canonical text maps back with `original_span`.
    """
    base: Sequence[int] = range(len(text))
    cleaned = text
    if _has_invisibles(text):
        cleaned, base = _delete_with_offsets(_INVISIBLE_RE, text, base)
    composed, base = _nfc_with_offsets(cleaned, base)
    folded = fold_apostrophes(composed)
    return _collapse_whitespace_with_offsets(folded, base)


def original_span(original: str, offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map the span `[start, end)` of a canonical text back to `[start, end)` in `original`.

    `offsets` is the list from `canonical_with_offsets(original)`; an empty span maps to an
    empty span at its position.
    """
    if start >= end:
        position = offsets[start] if start < len(offsets) else _content_end(original)
        return position, position
    mapped_end = offsets[end] if end < len(offsets) else _content_end(original)
    return offsets[start], mapped_end


def _content_end(original: str) -> int:
    """End of the last character that reaches the canonical text (trailing space dropped)."""
    end = len(original)
    while end > 0 and (original[end - 1].isspace() or _INVISIBLE_RE.match(original[end - 1])):
        end -= 1
    return end


# --- search keys -------------------------------------------------------------------------

_UZBEK_CYRILLIC_LETTERS = re.compile("[ўқғҳЎҚҒҲ]")
_KAZAKH_CYRILLIC_LETTERS = re.compile("[әңөұүһіӘҢӨҰҮҺІ]")
_CYRILLIC_WORD_RE = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
_HAS_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

# The leftover marks (quotes, English clitics) become the ASCII apostrophe, so one key is
# compared whatever glyph the source used; U+0130 would casefold to i + U+0307.
_SEARCH_REPLACEMENTS = {
    "İ": "i",
    **{mark: "'" for mark in APOSTROPHE_MARKS if mark not in (TURNED_COMMA, APOSTROPHE)},
}
_SEARCH_REPLACEMENT_RE = re.compile(f"[{re.escape(''.join(_SEARCH_REPLACEMENTS))}]")


def _transliterate_uzbek_word(match: re.Match[str]) -> str:
    word = match.group()
    if _UZBEK_CYRILLIC_LETTERS.search(word) and not _KAZAKH_CYRILLIC_LETTERS.search(word):
        return cyrillic_to_latin(word)
    return word


def _uzbek_cyrillic_to_latin(text: str, language: str | None) -> str:
    if not _HAS_CYRILLIC_RE.search(text):
        return text
    if language is None or language == "und":
        latin = _CYRILLIC_WORD_RE.sub(_transliterate_uzbek_word, text)
    elif language.startswith("uz"):
        latin = cyrillic_to_latin(text)
    else:
        return text
    # A word that mixed scripts (oъў) can put a new oʻ/tutuq context next to Latin letters.
    return fold_apostrophes(latin)


def search_fold(text: str, language: str | None = None) -> str:
    """The search key: canonical, Uzbek Cyrillic → Latin, casefolded (NFC), one mark per role.

    `language` is a tag from `detect_language`. Any `uz…` tag transliterates all Cyrillic;
    other tags (`ru`, `kk`, `en`) transliterate nothing; None or `und` decides per word: a
    Cyrillic word with ў қ ғ ҳ and no Kazakh-only letter (ә ң ө ұ ү һ і) is Uzbek.
    """
    key = _uzbek_cyrillic_to_latin(canonical(text), language)
    key = _SEARCH_REPLACEMENT_RE.sub(lambda mark: _SEARCH_REPLACEMENTS[mark.group()], key)
    return unicodedata.normalize("NFC", key.casefold())


def loose_fold(text: str, language: str | None = None) -> str:
    """`search_fold` without ʻ and ʼ: catches `Qozogiston`, `sozlar`; a lower-weighted key."""
    return search_fold(text, language).replace(TURNED_COMMA, "").replace(APOSTROPHE, "")
