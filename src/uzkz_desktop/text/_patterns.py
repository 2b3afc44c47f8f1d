"""Character classes and patterns shared by the text modules."""

from __future__ import annotations

import re
from collections.abc import Callable

# Every glyph that PDFs and keyboards use for the o‘/g‘ sign or the tutuq belgisi.
APOSTROPHE_MARKS = "'‘’ʻʼ„‟`´′ʹ‛‚ʽ"
TURNED_COMMA = "ʻ"  # U+02BB, the official sign of oʻ and gʻ
APOSTROPHE = "ʼ"  # U+02BC, the official tutuq belgisi

_TOP_LEVEL_DOMAINS = (
    "uz|kz|kg|tj|tm|ru|ua|by|az|am|ge|tr|cn|de|fr|uk|us|eu|int|com|org|net|info|edu|gov|io|media"
)
_URL_CHAR = r"[^\s<>\"«»“”]"
_URL_END = r"[^\s<>\"«»“”.,;:!?)\]}'’]"
_URL_PATH = rf"(?:/(?:{_URL_CHAR}*{_URL_END})?)?"

# Spans that transliteration and language scoring must leave alone: URLs, e-mail addresses
# (with an optional mailto:), and bare domains such as `kun.uz` or `UzDaily.com/news`.
_PROTECTED_RE = re.compile(
    rf"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.){_URL_CHAR}*{_URL_END}"
    r"|(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w.@/-])(?:[A-Za-z0-9-]+\.)+(?i:{_TOP_LEVEL_DOMAINS})(?![\w-]){_URL_PATH}"
)

# Each protected span contains one of these; finding them first keeps the full pattern (which
# would otherwise be tried at every letter) off ordinary prose.
_ANCHOR_RE = re.compile(rf"://|www\.|@|\.(?i:{_TOP_LEVEL_DOMAINS})(?![\w-])")
_NON_SPACE_RUN_RE = re.compile(r"\S*")
_LONGEST_TOKEN = 2000


def _token_start(text: str, index: int) -> int:
    start = index
    limit = max(0, index - _LONGEST_TOKEN)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return start


def protected_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of every URL, e-mail address and bare domain in `text`, in order."""
    spans: list[tuple[int, int]] = []
    for anchor in _ANCHOR_RE.finditer(text):
        if spans and anchor.start() < spans[-1][1]:
            continue
        token = _NON_SPACE_RUN_RE.match(text, anchor.start(), anchor.start() + _LONGEST_TOKEN)
        end = token.end() if token else anchor.end()
        for match in _PROTECTED_RE.finditer(text, _token_start(text, anchor.start()), end):
            if not spans or match.start() >= spans[-1][1]:
                spans.append(match.span())
    return spans


def map_unprotected(text: str, convert: Callable[[str], str]) -> str:
    """Apply `convert` to the text between the protected spans; keep the spans as they are."""
    pieces: list[str] = []
    done = 0
    for start, end in protected_spans(text):
        pieces.append(convert(text[done:start]))
        pieces.append(text[start:end])
        done = end
    pieces.append(convert(text[done:]))
    return "".join(pieces)


def blank_protected(text: str) -> str:
    """`text` with each URL, e-mail address and bare domain replaced by one space."""
    spans = protected_spans(text)
    if not spans:
        return text
    ends = [0] + [end for _, end in spans]
    starts = [start for start, _ in spans] + [len(text)]
    return " ".join(text[end:start] for end, start in zip(ends, starts, strict=True))
