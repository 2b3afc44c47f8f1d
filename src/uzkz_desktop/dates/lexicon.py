"""Regex fragments and word lookups built from the word tables.

Fragments are plain pattern strings; `rules.py` joins them into compiled rules. Every
repetition is bounded (`\\s{1,10}`, never `\\s+`) so that no rule can backtrack badly on a
PDF extraction full of blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from uzkz_desktop.dates import tables

AP = "[" + re.escape(tables.APOSTROPHES) + "]"
DASH = "[" + re.escape(tables.DASHES) + "]"
WS = r"\s{1,10}"  # PDF extractions put blank lines between the words of one date
WS0 = r"\s{0,10}"
LETTER = r"[^\W\d_]"
NUMBER_START = r"(?<![\w.,/])"  # not inside a word, a decimal ("1,3") or a path
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"


def words(forms: Iterable[str]) -> str:
    """An alternation of word forms as a trie ("ma(?:rt|y)"); "'" allows any apostrophe or none.

    A trie, not "mart|may|…": the regex engine then rejects a position on its first letter
    instead of trying every form there, which is most of the grammar's running time.
    """
    return trie((form, "") for form in forms)


def trie(entries: Iterable[tuple[str, str]]) -> str:
    """Like `words`, with a pattern that must follow each form ("bu" only before "yil")."""
    root = _Node()
    for form, after in entries:
        node = root
        for unit in _units(form):
            node = node.children.setdefault(unit, _Node())
        node.ends.add(after)
    return _emit(root)


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    ends: set[str] = field(default_factory=set)  # what must follow a form ending here


def _units(form: str) -> Iterator[str]:
    for char in form:
        if char == "'":
            yield AP + "?"
        elif char == " ":
            yield r"\s{1,3}"
        else:
            yield re.escape(char)


def _emit(node: _Node) -> str:
    """Longer forms first: an optional tail is greedy, so "noyabrida" beats "noyabr"."""
    branches = [unit + _emit(child) for unit, child in sorted(node.children.items())]
    if not node.ends:
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node.ends:
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return "(?:" + "|".join([*branches, *sorted(node.ends)]) + ")"


def lower(text: str) -> str:
    """`text` in lower case, with the same length (so offsets carry over).

    U+0130 (İ) is the only character whose lower case is two characters long.
    """
    return text.replace("\u0130", "i").lower() if "\u0130" in text else text.lower()


_APOSTROPHE_TABLE = str.maketrans("", "", tables.APOSTROPHES)


def normalise(word: str) -> str:
    """Lower case, no apostrophes, single spaces: the key form for the lookups below."""
    return " ".join(word.lower().translate(_APOSTROPHE_TABLE).split())


def _keyed(mapping: Mapping[str, int]) -> dict[str, int]:
    return {normalise(key): value for key, value in mapping.items()}


# --- numbers -----------------------------------------------------------------------------


def year(name: str) -> str:
    return rf"(?P<{name}>[12][0-9]{{3}})(?![0-9])"


def day(name: str) -> str:
    return rf"(?P<{name}>3[01]|[12][0-9]|0?[1-9])(?![0-9])"


def days(first: str, last: str) -> str:
    """One day or a range of days: "23", "18-19", "18–\\n\\n19"."""
    return day(first) + rf"(?:\s{{0,3}}{DASH}{WS0}" + day(last) + ")?"


# Between a day and its month: "23-noyabrda", "23 noyabr", "18–19 fevral".
DAY_TO_MONTH = rf"(?:\s{{0,2}}{DASH}{WS0}|{WS})"
# Between a year and its year word: "2023-yilda", "2016 - yildan", "2025- yilning", "2022 yilda",
# "2024-м году".
YEAR_TO_WORD = rf"(?:\s{{0,3}}{DASH}(?:м|го|й)?{WS0}|\s{{0,10}})"
# After a day: "16th March", "16th of March".
DAY_ORDINAL = r"(?:st|nd|rd|th)?(?:\s{1,3}of)?"

# --- months ------------------------------------------------------------------------------


def _stems(table: Mapping[int, tuple[str, ...]]) -> list[str]:
    return [stem for stems in table.values() for stem in stems]


_STEM_TABLES = (
    tables.UZ_LATIN_MONTHS,
    tables.CYRILLIC_MONTHS,
    tables.KAZAKH_MONTHS,
    tables.ENGLISH_MONTHS,
    tables.ENGLISH_ABBREVIATIONS,
    tables.RUSSIAN_ABBREVIATIONS,
)
# Every form a month word starts with, of every language.
MONTH_STEMS = [stem for table in _STEM_TABLES for stem in _stems(table)]
MONTH_STEMS += tables.RUSSIAN_MAY_FORMS


MONTH_WORD = "|".join(
    [
        f"(?:{words(_stems(tables.UZ_LATIN_MONTHS))})(?:{words(tables.UZ_LATIN_MONTH_SUFFIXES)})?",
        f"(?:{words(_stems(tables.CYRILLIC_MONTHS))})ь?(?:{words(tables.CYRILLIC_MONTH_SUFFIXES)})?",
        words(tables.RUSSIAN_MAY_FORMS),
        f"(?:{words(_stems(tables.KAZAKH_MONTHS))})(?:{words(tables.KAZAKH_MONTH_SUFFIXES)})?",
        words(_stems(tables.ENGLISH_MONTHS)),
        rf"(?:{words(_stems(tables.ENGLISH_ABBREVIATIONS))})\.?",
        rf"(?:{words(_stems(tables.RUSSIAN_ABBREVIATIONS))})\.",
    ]
)


def month(name: str) -> str:
    return rf"{WORD_START}(?P<{name}>{MONTH_WORD}){WORD_END}"


def months(first: str, last: str) -> str:
    """One month or a range of months: "noyabr", "yanvar–noyabr", "yanvar-\\n\\nsentabr"."""
    return month(first) + rf"(?:\s{{0,3}}{DASH}{WS0}" + month(last) + ")?"


# English month names as English writes them, for rules matched on the text as written:
# "April", "APRIL", never "april" (nor the modal "may").
ENGLISH_MONTH_TITLED = words(
    form for stem in _stems(tables.ENGLISH_MONTHS) for form in (stem.capitalize(), stem.upper())
)
# Russian month forms only (no Uzbek endings): "январе", "марта", "мае", "сентябрь".
RUSSIAN_MONTH_FORM = "|".join(
    [
        f"(?:{words(s for s in _stems(tables.CYRILLIC_MONTHS) if s != 'май')})"
        f"(?:{words(tables.RUSSIAN_MONTH_ENDINGS)})?",
        words([*tables.RUSSIAN_MAY_FORMS, "май"]),  # "с марта по май"
    ]
)


class Strength(Enum):
    """How much a month word can be trusted on its own."""

    FULL = "full"  # noyabr, декабря, March: a month wherever a day or year is next to it
    WEAK = "weak"  # may, марта, қазан: also ordinary words (see tables.WEAK_MONTH_WORDS)
    ABBREVIATION = "abbreviation"  # Dec, нояб.: only together with a year


class MonthWord(NamedTuple):
    number: int
    strength: Strength


def _month_keys() -> tuple[dict[str, int], frozenset[str]]:
    keys: dict[str, int] = {}
    for table in _STEM_TABLES:
        keys.update({stem: number for number, stems in table.items() for stem in stems})
    keys.update(dict.fromkeys(tables.RUSSIAN_MAY_FORMS, 5))
    abbreviations = _stems(tables.ENGLISH_ABBREVIATIONS) + _stems(tables.RUSSIAN_ABBREVIATIONS)
    return keys, frozenset(abbreviations)


_MONTH_KEYS, _ABBREVIATIONS = _month_keys()
_LONGEST_KEY = max(len(key) for key in _MONTH_KEYS)


def month_word(word: str) -> MonthWord:
    """The month a matched month word names (longest known stem wins: "сентябрда" → 9)."""
    lowered = word.lower().rstrip(".")
    for size in range(min(len(lowered), _LONGEST_KEY), 0, -1):
        number = _MONTH_KEYS.get(lowered[:size])
        if number is not None:
            return MonthWord(number, _strength(lowered, size))
    raise ValueError(f"not a month word: {word!r}")  # the MONTH_WORD fragment prevents this


def _strength(lowered: str, stem_size: int) -> Strength:
    if lowered in tables.WEAK_MONTH_WORDS:
        return Strength.WEAK
    if stem_size == len(lowered) and lowered in _ABBREVIATIONS:
        return Strength.ABBREVIATION
    return Strength.FULL


# Words after a month that confirm it: "noyabr oyida", "ноябрь ойида", "қазан айында".
MONTH_NOUN = rf"{WORD_START}(?:{words(tables.MONTH_WORD_STEMS)}){LETTER}{{0,9}}{WORD_END}"
DAY_NOUN = rf"{WORD_START}(?:{words(tables.DAY_WORDS)}){WORD_END}"

# --- years -------------------------------------------------------------------------------

YEAR_WORD = "|".join(
    [
        rf"(?:{words(tables.YEAR_WORD_STEMS)})(?!{words(tables.YEAR_WORD_BLOCKERS)}){LETTER}{{0,10}}",
        rf"(?:{words(tables.RUSSIAN_YEAR_WORDS)})(?!\w)",
        words(tables.YEAR_ABBREVIATIONS),
    ]
)


def year_word(name: str) -> str:
    return rf"(?P<{name}>{YEAR_WORD})(?!\w)"


def is_plural_year_word(word: str) -> bool:
    """True for "yillarda", "годах": several years (a range or a decade), not one."""
    lowered = word.lower()
    plural = any(marker in lowered for marker in tables.PLURAL_MARKERS)
    return plural or lowered in tables.RUSSIAN_PLURAL_YEAR_WORDS


# --- relative years ----------------------------------------------------------------------

RELATIVE_BEFORE_YEAR = (
    rf"(?:{words(tables.RELATIVE_BEFORE_YEAR)}){WS}(?:yil|йил|жыл)"
    rf"(?:{words(tables.RELATIVE_YEAR_SUFFIXES)})?"
    rf"|{words(tables.RELATIVE_ONE_WORD)}"
)
RELATIVE_RUSSIAN = (
    rf"(?:(?:в|во)\s{{1,3}})?(?:{words(tables.RELATIVE_RUSSIAN)})\s{{1,3}}(?:году|года|год)"
    rf"|{words(tables.RELATIVE_RUSSIAN_ABBREVIATIONS)}"
)
RELATIVE_ENGLISH = rf"(?:the\s{{1,3}})?(?:{words(tables.RELATIVE_ENGLISH)})\s{{1,3}}year"

_RELATIVE_KEYS = {
    normalise(key): value
    for table in (
        tables.RELATIVE_BEFORE_YEAR,
        tables.RELATIVE_ONE_WORD,
        tables.RELATIVE_RUSSIAN,
        tables.RELATIVE_RUSSIAN_ABBREVIATIONS,
        tables.RELATIVE_ENGLISH,
    )
    for key, value in table.items()
}
_RELATIVE_NOISE = frozenset({"в", "во", "the"})


def relative_kind(phrase: str) -> str:
    """The kind of year a relative phrase names: "this", "last", "next" or "same"."""
    tokens = [token for token in normalise(phrase).split() if token not in _RELATIVE_NOISE]
    for size in (2, 1):  # "том же" before "том"
        kind = _RELATIVE_KEYS.get(" ".join(tokens[:size]))
        if kind is not None:
            return kind
    raise ValueError(f"not a relative year: {phrase!r}")  # the RELATIVE_* fragments prevent this


# --- periods -----------------------------------------------------------------------------

NUMERAL = rf"(?:{words(tables.NUMERALS)}|1[0-2]|[1-9])"
ORDINAL = words(tables.ORDINALS)
FIRST = words(tables.FIRST_WORDS)
HALF = words(tables.HALF_WORDS)
QUARTER = words(tables.QUARTER_WORDS)

_NUMERALS = _keyed(tables.NUMERALS)
_ORDINALS = _keyed(tables.ORDINALS)


def numeral(word: str) -> int:
    key = normalise(word)
    return int(key) if key.isdecimal() else _NUMERALS[key]


def ordinal(word: str) -> int:
    return _ORDINALS[normalise(word)]


# --- quantities --------------------------------------------------------------------------

# A number followed by one of these is a figure, not a year or a day.
QUANTITY_AFTER = re.compile(
    rf"\s{{0,3}}(?:[%$€₽]|[.,][0-9]|(?:{words(tables.QUANTITY_WORDS)}){WORD_END})",
    re.IGNORECASE,
)
