"""Sentence spans in Uzbek, Russian and English text.

A sentence ends at . ! ? or … (with any closing quotes, brackets and footnote markers after
it: `...”.`, `».`, `[^14].`, `.15`) when whitespace follows and the next sentence does not
start with a lower-case letter. A `;` does not end a sentence. Blocks are hard limits:
a blank line, or a newline before a list item (`1. `, `2) `, `- `, `• `) or a Markdown
heading (`#`), always ends the sentence before it.

A single full stop is not an end after:

* an initial or a one-letter abbreviation: `N. Nazarboyev`, `Q.-J. Tokayev`, `й.`, `г.`,
  `t.`, `y.`, `p.` (also the digraph initials `Sh.`, `Ch.`, `Yo.`, `Дж.`);
* an abbreviation with inner dots (`e.g.`, `U.S.`, `K.Y.`) or from `NEVER_ENDS`
  (`mlrd.`, `mln.`, `гг.`, `pp.`, `vol.`, `No.` …);
* a number that opens the sentence or follows a colon (a list marker: `Vazifalari: 1. …`);
  a number after words does end it (`…tasdiqlaydi 15. Keyingi`, footnote style).

`va b.`, `и т.д.`, `и др.`, `etc.` and the like end a sentence only when a capital follows.
Decimal numbers and dates (`4.3`, `17.04.2000`) never contain a boundary, because no space
follows their dots.
"""

from __future__ import annotations

import re

__all__ = ["NEVER_ENDS", "split_sentences"]

_NEVER_END_ABBREVIATIONS = """
    mlrd mln ming yy sh prof dots akad tel vil tum
    млрд млн минг йй ш проф доц акад тел вил тум
    тыс гг вв тт стр см ср им ул руб канд рис табл гл ст пп
    dr mr mrs ms st jr sr vs cf no nos pp vol vols ed eds fig figs al approx ca inc ltd co
    corp dept univ op cit ibid jan feb mar apr jun jul aug sep sept oct nov dec
"""
NEVER_ENDS = frozenset(_NEVER_END_ABBREVIATIONS.split())
# Abbreviations that often close a sentence: an end when a capital follows.
_MAY_END = frozenset({"т.д", "т.п", "др", "пр", "h.k", "etc", "boshq"})
_MAY_END_AFTER = {"b": "va", "б": "ва"}  # `va b.` (va boshqalar), `ва б.`
_DIGRAPH_INITIALS = frozenset(
    {"sh", "ch", "yo", "yu", "ya", "ye", "ts", "zh", "kh", "dj", "oʻ", "gʻ", "дж", "ш", "ч"}
)

_CLOSERS = r"[\"'”’»)\]›]|\[\^[^\]\s]+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+"
_OPENERS = "\"'“”„«‹‘’([{*_—–-"
# A candidate end: the punctuation, closers, maybe a footnote number glued after the full
# stop, then whitespace or the end of the block; `next` is the first visible character of
# what follows (openers skipped), so a lower-case continuation is rejected cheaply.
_END_RE = re.compile(
    rf"(?P<punctuation>(?:[.!?…]+(?:{_CLOSERS})*)+)(?P<footnote>\d{{1,3}})?(?=\s|$)"
    rf"(?=[\s{re.escape(_OPENERS)}]*(?P<next>.?))"
)
_BLOCK_BREAK_RE = re.compile(
    r"\n[^\S\n]*\n\s*"  # blank line(s)
    r"|\n[^\S\n]*(?=\d{1,3}[.)][^\S\n]|[-•*▪‣◦][^\S\n]|#)"  # list item or heading
)
_LONGEST_TOKEN_LOOKED_AT = 64
_TRAILING_MARKS_RE = re.compile(rf"(?:{_CLOSERS}|\.)+$")
_NUMBER_RE = re.compile(r"\d+(?:[.,:/-]\d+)*")
_ROMAN_RE = re.compile(r"[IVX]{2,}")


def _token_before(text: str, index: int, lowest: int) -> tuple[str, int]:
    """The run of non-space characters ending at `index` (opening quotes dropped).

    A backwards scan: it runs for every full stop of a document, and a regex search over
    the window would try every start position in it.
    """
    start = max(lowest, index - _LONGEST_TOKEN_LOOKED_AT)
    cut = index
    while cut > start and not text[cut - 1].isspace():
        cut -= 1
    while cut < index - 1 and text[cut] in _OPENERS:
        cut += 1
    return (text[cut:index], cut) if cut < index else ("", index)


def _opens_list(text: str, sentence_start: int, token_start: int) -> bool:
    """A number is a list marker at the start of a sentence or a line, or after a colon."""
    before = text[sentence_start:token_start].rstrip(" \t")
    return not before.strip(_OPENERS + " \t") or before.endswith((":", "\n"))


def _previous_word(text: str, index: int, lowest: int) -> str:
    while index > lowest and text[index - 1].isspace():
        index -= 1
    return _token_before(text, index, lowest)[0].lower()


def _is_abbreviation_end(text: str, dot: int, sentence_start: int) -> bool:
    """For a single full stop at `dot`: does the word before it make it a sentence end?"""
    token, token_start = _token_before(text, dot, sentence_start)
    core = _TRAILING_MARKS_RE.sub("", token)
    if not core:
        return True  # `beradi .`: a stray full stop
    if _NUMBER_RE.fullmatch(core) or _ROMAN_RE.fullmatch(core):
        return not _opens_list(text, sentence_start, token_start)
    lower = core.lower()
    if lower in _MAY_END or _MAY_END_AFTER.get(lower) == _previous_word(
        text, token_start, sentence_start
    ):
        return True
    if len(core) == 1 or (lower in _DIGRAPH_INITIALS and core[0].isupper()):
        return False
    if "." in core.strip("."):
        return not all(len(part.strip("-")) <= 2 for part in core.split("."))
    return lower not in NEVER_ENDS


def _is_sentence_end(text: str, end: re.Match[str], sentence_start: int) -> bool:
    if end.group("next").islower():
        return False
    if end.group("footnote") and text[end.start() - 1 : end.start()].isdigit():
        return False  # `4.3 ` is a decimal number, not a footnote after a full stop
    punctuation = end.group("punctuation")
    if (
        punctuation[0] == "."
        and punctuation.count(".") == 1
        and not _STRONG_ENDS & set(punctuation)
    ):
        return _is_abbreviation_end(text, end.start(), sentence_start)
    return True


_STRONG_ENDS = frozenset("!?…")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    segment = text[start:end]
    start += len(segment) - len(segment.lstrip())
    end -= len(segment) - len(segment.rstrip())
    return (start, end) if start < end else None


def _block_sentences(text: str, block_start: int, block_end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sentence_start = block_start
    for end in _END_RE.finditer(text, block_start, block_end):
        if not _is_sentence_end(text, end, sentence_start):
            continue
        span = _trimmed(text, sentence_start, end.end())
        if span:
            spans.append(span)
        sentence_start = end.end()
    last = _trimmed(text, sentence_start, block_end)
    if last:
        spans.append(last)
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence in `text`: end exclusive, outer whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    block_start = 0
    for block_break in _BLOCK_BREAK_RE.finditer(text):
        spans.extend(_block_sentences(text, block_start, block_break.start()))
        block_start = block_break.end()
    spans.extend(_block_sentences(text, block_start, len(text)))
    return spans
