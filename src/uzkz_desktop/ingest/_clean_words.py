"""Repair of words that the PDF extraction split with a space (`sifa tida` -> `sifatida`).

Conservative by design. Two adjacent words are joined only when
- the joined form occurs as a word elsewhere in the same document (or is one of a few very
  frequent Uzbek words), and
- at least one half occurs nowhere else in the document (so this pair is its only use), and
- the halves look like fragments: both rare, or one of them only one or two letters, and
- neither half is a common function word (`a part` is not `apart`, `в ходе` is not `входе`).
Failing that, a join is still made when *neither* half is a word and the joined form is a known
word plus a case ending (`integra tsiyani` -> `integratsiyani`, because `integratsiya` occurs).
Numbers are never joined. The original text is not touched: callers delete the space through
their offset map, and every join is reported.

Counting works on whitespace-separated chunks (C-speed `str.split` + `Counter`), not a regex
tokeniser: this step has to keep up with several megabytes per second.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

__all__ = ["Vocabulary", "find_splits", "locate_splits"]

# Uzbek writes o‘/g‘ and the tutuq belgisi with many look-alike characters; inside a word they
# are letters, so `Qozog‘iston` is one word however it is spelt. They are folded to ʻ (U+02BB,
# a letter for str.isalpha) before counting.
_APOSTROPHES = "’‘ʻʼ'`„‟"
_LEADING = '([{“«„"‘'
_TRAILING = '.,;:!?)]}”»"’'
_PUNCTUATION = _LEADING + _TRAILING

# Very frequent Uzbek words (Latin and Cyrillic, apostrophes folded): a split is repaired even
# when the document does not happen to contain the word a second time.
_COMMON_TEXT = """
    va bilan uchun ham bu esa ikki davlat davlatlar oʻrtasidagi oʻrtasida hamkorlik hamkorligi
    hamkorlikni qilish qilib qilindi qiladi qilgan etib etildi etadi boʻlib boʻldi boʻlgan
    boʻyicha sifatida hisoblanadi yil yilda yili yilning mamlakat mamlakatlar respublikasi
    oʻzbekiston qozogʻiston markaziy osiyo iqtisodiy siyosiy madaniy strategik sheriklik
    tomonidan orqali asosida keyin kabi yoki lekin ammo hamda shuningdek mumkin kerak emas
    yangi muhim munosabatlar munosabatlari aloqalar aloqalari rivojlanish rivojlantirish
    tashqi xalqaro mintaqaviy integratsiya jumladan natijasida doirasida
    ва билан учун ҳам бу эса икки давлат ўртасидаги ўртасида ҳамкорлик қилиш қилиб
    бўлиб бўйича сифатида ҳисобланади йил йилда йили мамлакат республикаси ўзбекистон
    қозоғистон марказий осиё иқтисодий сиёсий маданий стратегик шериклик томонидан
    орқали асосида кейин каби ёки лекин аммо ҳамда шунингдек мумкин керак эмас янги муҳим
    муносабатлар алоқалар халқаро минтақавий
"""
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())
# Words that stand alone so often that a pair containing one is never a split word.
_FUNCTION_TEXT = """
    a an and any are as at be by for he in is it me my no of on or so the to up us we
    в во и к ко о об от с со у а я на не по за из до
    va bu u ham esa ва бу у ҳам эса
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
# Case endings and plural, for the stem rule.
_SUFFIXES = frozenset(
    ("ning", "dagi", "dan", "lar", "ni", "ga", "da", "нинг", "даги", "дан", "лар", "ни")
)


def fold(text: str) -> str:
    """Lower case with apostrophe variants unified; always the same length as `text`."""
    text = text.replace("İ", "I").lower()  # "İ".lower() is two characters
    for apostrophe in _APOSTROPHES:  # str.replace is many times faster than a regex here
        if apostrophe != "ʻ" and apostrophe in text:
            text = text.replace(apostrophe, "ʻ")
    return text


class Vocabulary:
    """How often each word occurs in one document (chunks between spaces, folded).

    The text is read in windows of about a megabyte so that a 50 MB text never has all its
    chunks in memory at once (they cost several times the text itself).
    """

    WINDOW = 1 << 20
    KEEP = 8 << 20  # texts up to this size keep their chunks for the second pass

    def __init__(self, text: str) -> None:
        self.text = text
        counts: Counter[str] = Counter()
        kept: list[list[str]] = []
        for chunks in self._cut():
            counts.update(chunks)
            if len(text) <= self.KEEP:
                kept.append(chunks)
        self._kept = kept if len(text) <= self.KEEP else None
        self.counts = counts
        # The same counts with punctuation stripped off the chunks (`tida,` counts as `tida`).
        words: dict[str, int] = {}
        get = words.get
        for chunk, n in counts.items():
            word = chunk.strip(_PUNCTUATION)
            words[word] = get(word, 0) + n
        self.words = words
        self.known = set(words) | _COMMON_WORDS  # every word that occurs (or is common)

    def windows(self) -> Iterator[list[str]]:
        """The folded chunks of the text, window by window; windows end at whitespace."""
        if self._kept is not None:
            yield from self._kept
        else:
            yield from self._cut()

    def _cut(self) -> Iterator[list[str]]:
        text, start = self.text, 0
        while start < len(text):
            end = min(len(text), start + self.WINDOW)
            if end < len(text):
                cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
                end = cut + 1 if cut > start else end
            yield fold(text[start:end]).split()
            start = end

    def is_word(self, word: str, *, here: int) -> bool:
        """`word` occurs more often than the `here` times we are looking at."""
        return word in _COMMON_WORDS or self.words.get(word, 0) > here


def find_splits(vocabulary: Vocabulary) -> set[tuple[str, str]]:
    """Folded (left, right) word pairs that are one word split by the extraction.

    Written as bulk list comprehensions and set tests: in an ordinary article a third of the
    words occur once, so the pairs to look at are many and a function call per pair is slow.
    """
    once = {chunk for chunk, n in vocabulary.counts.items() if n == 1}
    found: set[tuple[str, str]] = set()
    carry: list[str] = []  # the last chunk of the previous window, to pair across the cut
    for window in vocabulary.windows():
        chunks = carry + window
        found |= _splits_in(chunks, once, vocabulary)
        carry = chunks[-1:]
    return found


def _splits_in(chunks: list[str], once: set[str], vocabulary: Vocabulary) -> set[tuple[str, str]]:
    # Every split has a half that occurs nowhere else: look only next to such chunks.
    hapax = [i for i, chunk in enumerate(chunks) if chunk in once]
    starts_set = set(hapax)
    starts_set.update([i - 1 for i in hapax])
    starts = sorted(k for k in starts_set if 0 <= k < len(chunks) - 1)
    pairs = [(chunks[k].lstrip(_LEADING), chunks[k + 1].rstrip(_TRAILING)) for k in starts]
    # Two words touching across one space (no punctuation between), neither a function word.
    pairs = [
        (a, b)
        for a, b in pairs
        if a.isalpha()
        and b.isalpha()
        and a[-1] != "ʻ"
        and b[0] != "ʻ"
        and a not in _FUNCTION_WORDS
        and b not in _FUNCTION_WORDS
        and len(a) + len(b) >= 4
    ]
    known = vocabulary.known
    found = {(a, b) for a, b in pairs if a + b in known and _halves_of_a_word(a, b, vocabulary)}
    # Stem + ending (`integra tsiyani` -> `integratsiya` + `ni`): neither half a word at all.
    for a, b in pairs:
        joined = a + b
        n = len(joined)  # the stem must keep at least five letters
        if (
            (n >= 7 and joined[-2:] in _SUFFIXES and joined[:-2] in known)
            or (n >= 8 and joined[-3:] in _SUFFIXES and joined[:-3] in known)
            or (n >= 9 and joined[-4:] in _SUFFIXES and joined[:-4] in known)
        ) and _neither_half_a_word(a, b, vocabulary):
            found.add((a, b))
    return found


def _neither_half_a_word(a: str, b: str, vocabulary: Vocabulary) -> bool:
    return not vocabulary.is_word(a, here=1) and not vocabulary.is_word(b, here=1)


def _halves_of_a_word(a: str, b: str, vocabulary: Vocabulary) -> bool:
    """The joined form is a word; are a and b fragments of it rather than two words?"""
    words = vocabulary.words
    # Both rare, or one of them a letter or two (`s trategik`, `sheriklikn i`): a frequent
    # word next to a rare one is two words.
    if len(a) > 2 and len(b) > 2 and (words.get(a, 0) > 2 or words.get(b, 0) > 2):
        return False
    # At least one half occurs nowhere else.
    return not (vocabulary.is_word(a, here=1) and vocabulary.is_word(b, here=1))


def locate_splits(text: str, pairs: set[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """Where the pairs occur in `text`: (offset of the space, left word, right word)."""
    if not pairs:
        return []
    folded = fold(text)
    if len(folded) != len(text):  # cannot happen (see fold); offsets would be wrong
        return []
    alternatives = "|".join(
        f"{re.escape(a)} {re.escape(b)}" for a, b in sorted(pairs, key=lambda p: -len(p[0]))
    )
    found = []
    for m in re.finditer(alternatives, folded):
        start, end = m.span()
        if (start and _inside_word(folded[start - 1])) or (
            end < len(folded) and _inside_word(folded[end])
        ):
            continue
        space = folded.index(" ", start)
        left, right = text[start:space], text[space + 1 : end]
        # A split word keeps its case pattern: the right half is lower case (or all capitals).
        if right[0].islower() or (left.isupper() and right.isupper()):
            found.append((space, left, right))
    return found


def _inside_word(char: str) -> bool:
    return char.isalnum() or char in "ʻ-_"
