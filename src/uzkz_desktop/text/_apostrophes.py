"""Folding the many apostrophe glyphs into the two official Uzbek letters.

Decided by context, not by glyph (PDFs use ‘ ’ ' „ ‟ and more for the same letter):

* after o/O/g/G and before a letter or a hyphen, a mark is the letter sign → U+02BB ʻ
  (`O„zbekiston`, `tog‘-kon`); also after a word-final g that follows a vowel (`tog‘ va
  bog‘`), because Uzbek word-final gʻ is common, unless a quote opens the word (`'big'`);
* between two other letters it is the tutuq belgisi → U+02BC ʼ (`ta’lim`, `e‟lon`);
* English clitics stay as they are: `’s` after a word of three or more letters or after a
  letter other than o/g (`Uzbekistan’s`, `Tokyo’s`, but `o‘s` is Uzbek), `n’t`, `’ll`, `’re`,
  `’ve`;
* anything else (quotation marks before or after a word) stays as it is.
"""

from __future__ import annotations

import re

from uzkz_desktop.text._patterns import APOSTROPHE, APOSTROPHE_MARKS, TURNED_COMMA

_MARKS = re.escape(APOSTROPHE_MARKS)
_LETTER = rf"[^\W\d_{_MARKS}]"
_CLITIC = rf"(?i:s|t|ll|re|ve)(?!{_LETTER})"
# The two common cases are told apart by the regex alone; the rest (clitic look-alikes and
# marks after a word) go to `_fold_after_word`. The lookbehinds sit after the mark so that the
# scan can skip ahead to the next mark.
_FOLD_RE = re.compile(
    rf"[{_MARKS}](?:"
    rf"(?<=[oOgG].)(?={_LETTER}|-)(?!{_CLITIC})(?P<sign>)"
    rf"|(?<={_LETTER}.)(?={_LETTER})(?!{_CLITIC})(?P<tutuq>)"
    rf"|(?<={_LETTER}.)(?P<after_word>)"
    ")"
)
_LONGEST_WORD_LOOKED_AT = 64
_ENGLISH_CLITICS = frozenset({"ll", "re", "ve"})
_LATIN_VOWELS = frozenset("aeiouAEIOU")


def _is_letter(char: str) -> bool:
    return char.isalpha() and char not in APOSTROPHE_MARKS


def _letters_before(text: str, index: int) -> str:
    start = index
    limit = max(0, index - _LONGEST_WORD_LOOKED_AT)
    while start > limit and _is_letter(text[start - 1]):
        start -= 1
    return text[start:index]


def _letters_after(text: str, index: int) -> str:
    end = index + 1
    limit = min(len(text), index + 1 + _LONGEST_WORD_LOOKED_AT)
    while end < limit and _is_letter(text[end]):
        end += 1
    return text[index + 1 : end]


def _is_english_clitic(text: str, mark_index: int) -> bool:
    """`’s`, `n’t`, `’ll`, `’re`, `’ve` closing a word: English, whatever the glyph."""
    clitic = _letters_after(text, mark_index).lower()
    if clitic in _ENGLISH_CLITICS:
        return True
    before = _letters_before(text, mark_index)
    if clitic == "t":
        return before[-1:] in ("n", "N")
    if clitic == "s":
        # `o‘s` (to grow) and `to‘s` are Uzbek; `Tokyo’s` and `Uzbekistan’s` are not.
        return len(before) >= 3 or before[-1:] not in ("o", "O", "g", "G")
    return False


def _is_word_final_g_sign(text: str, mark_index: int) -> bool:
    """`tog‘ `, `bog‘.`: a vowel + g + mark closing a word not opened by a single quote."""
    after = text[mark_index + 1 : mark_index + 2]
    if after.isalnum():
        return False
    before = _letters_before(text, mark_index)
    if len(before) < 2 or before[-2] not in _LATIN_VOWELS:
        return False
    return not _is_opened_by_a_quote(text, mark_index - len(before))


def _is_opened_by_a_quote(text: str, word_start: int) -> bool:
    """A mark before the word that does not follow a letter (`'big'`, but not `ta’lig‘`).

    Judged by position, not glyph, so that folding an earlier mark cannot change the answer.
    """
    if word_start == 0 or text[word_start - 1] not in APOSTROPHE_MARKS:
        return False
    return word_start == 1 or not _is_letter(text[word_start - 2])


def _fold_after_word(match: re.Match[str]) -> str:
    """A mark after a letter that the fast cases did not settle."""
    text, index, mark = match.string, match.start(), match.group()
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1 : index + 2]
    if not _is_letter(before):
        return mark
    if before in "oOgG":
        if _is_letter(after) or after == "-":
            return mark if _is_english_clitic(text, index) else TURNED_COMMA
        if before in "gG" and _is_word_final_g_sign(text, index):
            return TURNED_COMMA
        return mark
    if _is_letter(after) and not _is_english_clitic(text, index):
        return APOSTROPHE
    return mark


def fold_apostrophes(text: str) -> str:
    """Every oʻ/gʻ sign → U+02BB, every tutuq → U+02BC; one character in, one out."""
    return _FOLD_RE.sub(_fold_match, text)


def _fold_match(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "sign":
        return TURNED_COMMA
    if kind == "tutuq":
        return APOSTROPHE
    return _fold_after_word(match)
