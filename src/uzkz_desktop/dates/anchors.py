"""Anchors: the places where a date expression can start.

Running every rule at every character of a document is what makes a regex grammar slow.
Instead, three cheap scans of the lower-cased text find the numbers, the "(" of year ranges,
"Q1"-style codes, and the words a rule can start with (month stems, "joriy", "shu", "в",
"the", "first", "in", "с", "end", "yil" before "boshidan", "so‘nggi" …); each rule is then tried
only at the anchors of its kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from uzkz_desktop.dates import tables
from uzkz_desktop.dates.lexicon import (
    MONTH_STEMS,
    WORD_END,
    WORD_START,
    WS,
    normalise,
    trie,
    words,
)

DAY = "day"  # a run of 1 or 2 digits that does not continue a word, a decimal or a path
YEAR = "year"  # such a run of 4 digits (other lengths start no date)
YEAR_DASH = "year_dash"  # a year and a dash after it: "2024–2034", "1993 – 17.04.2000"
YEAR_PAREN = "year_paren"  # a year and a "(" shortly after it: "2023 г. (апрель–сентябрь)"
PAREN = "paren"  # "(" before a year: "(1993 – 2000)"
CODE = "code"  # "Q1 2024", "H2 2023"
MONTH = "month"  # a month stem
ENGLISH_MONTH = "english_month"  # an English month name: "April" (also a MONTH)
RUSSIAN_MONTH = "russian_month"  # a Cyrillic month stem: "апрел", "мая" (also a MONTH)
RELATIVE = "relative"  # "joriy yil", "shu yil", "в этом году", "this year", "биыл"
THE = "the"  # "the" before "first"/"last"/"same" …
PERIOD = "period"  # "birinchi", "dastlabki", "первом", "first", "за" …
PREPOSITION = "preposition"  # "in 2024", "since 1991"
RU_PREPOSITION = "ru_preposition"  # "с 2022", "до 2030", "в 2019–2020"
EDGE = "edge"  # "end of 2025", "early 2024", "конце 2024 года": the end or start of a year
SINCE = "since"  # "yil boshidan buyon", "с начала года", "year to date"
LAST = "last"  # "so‘nggi o‘n yillikda", "последние 10 лет", "past decade"

_NUMBERS = re.compile(r"[0-9](?<![\w.,/][0-9])[0-9]*")  # digit first: the engine skips fast
_PARENS = re.compile(r"\((?=\s{0,3}[12][0-9]{3})")
_CODES = re.compile(r"[qh](?<!\w[qh])[1-4](?=\s{0,2}[12][0-9]{3})")

_ENGLISH_ORDINALS = ("first", "second", "third", "fourth")
_WHOLE = WORD_END


def _word_entries() -> list[tuple[str, str, str]]:
    """(word, what must follow it, anchor kind) for every word a rule can start with."""
    russian = words(tables.RELATIVE_RUSSIAN)
    entries = [(stem, "", MONTH) for stem in MONTH_STEMS]
    entries += [
        (stem, "", ENGLISH_MONTH) for stems in tables.ENGLISH_MONTHS.values() for stem in stems
    ]
    entries += [
        (stem, "", RUSSIAN_MONTH)
        for stem in (*tables.RUSSIAN_MAY_FORMS, *_all(tables.CYRILLIC_MONTHS))
    ]
    entries += [
        (word, rf"(?={WS}(?:yil|йил|жыл))", RELATIVE) for word in tables.RELATIVE_BEFORE_YEAR
    ]
    entries += [(word, _WHOLE, RELATIVE) for word in tables.RELATIVE_ONE_WORD]
    entries += [(word, rf"(?=\s{{1,3}}(?:{russian})\s)", RELATIVE) for word in ("в", "во")]
    entries += [
        (word.split()[0], r"(?=\s{1,3}(?:же\s{1,3})?год)", RELATIVE)
        for word in tables.RELATIVE_RUSSIAN
    ]
    entries += [
        (word.split(".")[0], r"(?=\.\s{0,3}г\.)", RELATIVE)
        for word in tables.RELATIVE_RUSSIAN_ABBREVIATIONS
    ]
    entries += [(word, r"(?=\s{1,3}year)", RELATIVE) for word in tables.RELATIVE_ENGLISH]
    after_the = words([*tables.RELATIVE_ENGLISH, *_ENGLISH_ORDINALS])
    entries.append(("the", rf"(?=\s{{1,3}}(?:{after_the}){WORD_END})", THE))
    entries += [(word, _WHOLE, PERIOD) for word in (*tables.FIRST_WORDS, *tables.ORDINALS)]
    entries.append(("за", r"(?=\s)", PERIOD))
    entries += [
        (word, r"(?=\s{1,3}(?:(?:early|late|mid)[\s\-]{1,2})?[12][0-9]{3})", PREPOSITION)
        for word in tables.ENGLISH_YEAR_PREPOSITIONS
    ]
    entries += [
        (word, r"(?=\s{1,3}[12][0-9]{3})", RU_PREPOSITION)
        for word in tables.RUSSIAN_YEAR_PREPOSITIONS
    ]
    entries += [
        (word, r"(?=\s{1,3}of\s{1,3}(?:the\s{1,3}year\s{1,3})?[12][0-9]{3})", EDGE)
        for word in tables.ENGLISH_EDGE_WORDS
    ]
    entries += [
        (word, r"(?=[\s\-]{1,2}[12][0-9]{3})", EDGE) for word in tables.ENGLISH_EDGE_ADJECTIVES
    ]
    entries += [(word, r"(?=\s{1,3}[12][0-9]{3})", EDGE) for word in tables.RUSSIAN_EDGE_WORDS]
    entries += _phrase_entries(tables.YEAR_TO_DATE, SINCE)
    counts = words([*tables.NUMERALS, *tables.DECADE_WORDS])
    entries += [(word, rf"(?=\s{{1,3}}(?:[1-9]|{counts}))", LAST) for word in tables.LAST_WORDS]
    return entries


def _all(table: dict[int, tuple[str, ...]]) -> list[str]:
    return [stem for stems in table.values() for stem in stems]


def _phrase_entries(phrases: tuple[str, ...], kind: str) -> list[tuple[str, str, str]]:
    """Each phrase's first word, with the rest of the phrases it starts as what must follow."""
    rests: dict[str, list[str]] = {}
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        rests.setdefault(first, []).append(rest)
    return [
        (first, rf"(?=\s{{1,3}}(?:{words(tails)}){WORD_END})" if all(tails) else WORD_END, kind)
        for first, tails in rests.items()
    ]


def _word_kinds(entries: list[tuple[str, str, str]]) -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for word, _, kind in entries:
        kinds.setdefault(normalise(word), set()).add(kind)
    return {word: frozenset(found) for word, found in kinds.items()}


_ENTRIES = _word_entries()
_WORDS = re.compile(rf"{WORD_START}(?:{trie((word, after) for word, after, _ in _ENTRIES)})")
_WORD_KINDS = _word_kinds(_ENTRIES)
_DAY_KINDS = frozenset({DAY})
# A 4-digit number's kinds, by (a dash follows, a "(" follows).
_YEAR_KINDS = {
    (False, False): frozenset({YEAR}),
    (True, False): frozenset({YEAR, YEAR_DASH}),
    (False, True): frozenset({YEAR, YEAR_PAREN}),
    (True, True): frozenset({YEAR, YEAR_DASH, YEAR_PAREN}),
}
_DASH_REACH = 4  # "2024 – 2034": up to three blanks before the dash
_PAREN_REACH = 16  # "2024-yilning (yanvar–mart)"
_PAREN_KINDS = frozenset({PAREN})
_CODE_KINDS = frozenset({CODE})


def find_anchors(lowered: str) -> Iterator[tuple[int, frozenset[str]]]:
    """(offset, kinds) of every anchor in `lowered` (text passed through `lexicon.lower`)."""
    for match in _NUMBERS.finditer(lowered):
        start, end = match.span()
        if end - start <= 2:
            yield start, _DAY_KINDS
        elif end - start == 4:
            # Two rules start only at a year with a dash or a bracket after it: peeking here
            # saves trying them at every year.
            dash = lowered[end : end + _DASH_REACH].lstrip()[:1]
            paren = lowered.find("(", end, end + _PAREN_REACH) >= 0
            yield start, _YEAR_KINDS[bool(dash) and dash in tables.DASHES, paren]
    for match in _PARENS.finditer(lowered):
        yield match.start(), _PAREN_KINDS
    for match in _CODES.finditer(lowered):
        yield match.start(), _CODE_KINDS
    for match in _WORDS.finditer(lowered):
        yield match.start(), _WORD_KINDS[normalise(match.group())]
