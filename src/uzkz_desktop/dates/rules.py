"""The rules of the date grammar: one compiled pattern and one reader per way of writing a date.

A rule's reader turns a match into a `Candidate`: where it is, what kind of expression it is,
and how to build its span once the year is known. Choosing among overlapping candidates and
supplying years from context is `grammar.py`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache, partial

from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.dates import spans, tables
from uzkz_desktop.dates.anchors import (
    CODE,
    DAY,
    EDGE,
    ENGLISH_MONTH,
    LAST,
    MONTH,
    PAREN,
    PERIOD,
    PREPOSITION,
    RELATIVE,
    RU_PREPOSITION,
    RUSSIAN_MONTH,
    SINCE,
    THE,
    YEAR,
    YEAR_DASH,
    YEAR_PAREN,
)
from uzkz_desktop.dates.lexicon import (
    AP,
    DASH,
    DAY_NOUN,
    DAY_ORDINAL,
    DAY_TO_MONTH,
    ENGLISH_MONTH_TITLED,
    FIRST,
    HALF,
    LETTER,
    MONTH_NOUN,
    NUMBER_START,
    NUMERAL,
    ORDINAL,
    QUANTITY_AFTER,
    QUARTER,
    RELATIVE_BEFORE_YEAR,
    RELATIVE_ENGLISH,
    RELATIVE_RUSSIAN,
    RUSSIAN_MONTH_FORM,
    WORD_END,
    WORD_START,
    WS,
    WS0,
    YEAR_TO_WORD,
    Strength,
    days,
    is_plural_year_word,
    lower,
    month,
    month_word,
    months,
    normalise,
    numeral,
    ordinal,
    relative_kind,
    words,
    year,
    year_word,
)

Builder = Callable[[int], DateSpan | None]  # the span, given the year the expression is in


class YearSource(Enum):
    """Where the year of a candidate comes from."""

    WRITTEN = "written"  # in the expression itself
    CONTEXT = "context"  # the latest year named earlier in the text ("26 noyabrda")
    DOCUMENT = "document"  # the year of writing plus an offset ("joriy yil", "o‘tgan yil")
    SAME = "same"  # the latest year named earlier, else the year of writing ("shu yil")
    # A day or a month with no year ("5 мая", "в апреле", "9 август куни"): like SAME, but a
    # year counted from the year of writing ("в прошлом году") counts only in its own
    # sentence; after that, the year of writing (see `grammar._resolve`).
    NEARBY = "nearby"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's reading of one match, before overlaps are settled and years filled in."""

    start: int
    end: int
    kind: str  # "date" | "range" | "period" | "relative"
    build: Builder
    year_from: YearSource = YearSource.WRITTEN
    offset: int = 0
    # False for a deadline ("2030-yilgacha", "by 2030", "до 2030 года"): the text does not go
    # on in that year, so the days and months after it do not take it.
    sets_context: bool = True
    # A check on the text as written that the candidate must pass, for what only capitals
    # tell: the city of a dateline "АСТАНА, 14 марта", English "9 May".
    confirm: Callable[[str], bool] | None = None


Reader = Callable[[re.Match[str]], Candidate | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, matched on the lower-cased text (see `lexicon.lower`), and its reader."""

    name: str
    pattern: re.Pattern[str]
    read: Reader
    anchors: frozenset[str]  # the kinds of anchor (see `anchors.py`) a match starts at
    on_original: bool = False  # match the text as written (the reader looks at capitals)

    def match_at(self, original: str, lowered: str, position: int) -> Candidate | None:
        match = self.pattern.match(original if self.on_original else lowered, position)
        return None if match is None else self.read(match)


def _compile(pattern: str) -> re.Pattern[str]:
    # No IGNORECASE: the text is lower-cased once, which is faster and keeps the word lookups
    # exact (IGNORECASE would also let "ſ" match "s", a form no table has).
    return re.compile(pattern)


def _written(
    match: re.Match[str],
    kind: str,
    span: DateSpan | None,
    start: int | None = None,
    end: int | None = None,
) -> Candidate | None:
    """A candidate whose year is written in it: its span is known (and checked) now."""
    if span is None:
        return None
    first = match.start() if start is None else start
    last = match.end() if end is None else end
    return Candidate(first, last, kind, lambda _year: span)


def _quantity_follows(match: re.Match[str], end: int | None = None) -> bool:
    """True for "2000 kishi", "1100 дан", "2015 mln": a figure, not a year."""
    return QUANTITY_AFTER.match(match.string, match.end() if end is None else end) is not None


# --- shared readers for the parts after a year -------------------------------------------


def _days_of_month(
    match: re.Match[str], first: str, last: str | None, mon: str
) -> tuple[Builder, str]:
    number = month_word(match[mon]).number
    start_day = int(match[first])
    if last is None or match[last] is None:
        return (lambda y: spans.day(y, number, start_day)), "date"
    end_day = int(match[last])
    return (
        lambda y: spans.between(spans.day(y, number, start_day), spans.day(y, number, end_day))
    ), "range"


def _months_of_year(match: re.Match[str], first: str, last: str | None) -> tuple[Builder, str]:
    start_month = month_word(match[first]).number
    if last is None or match[last] is None:
        return (lambda y: spans.month(y, start_month)), "date"
    end_month = month_word(match[last]).number
    return (lambda y: spans.months(y, start_month, end_month)), "range"


def _period(match: re.Match[str], prefix: str) -> Builder | None:
    """Months 1..4 for "birinchi to‘rt oyida", 1..6 for "birinchi yarmida", 4..6 for "II chorak"."""
    if match[prefix + "n"] is not None:
        count = numeral(match[prefix + "n"])
        return None if not 1 <= count <= 12 else (lambda y: spans.months(y, 1, count))
    if match[prefix + "h"] is not None:
        half = ordinal(match[prefix + "h"])
        return None if half > 2 else (lambda y: spans.months(y, 6 * half - 5, 6 * half))
    quarter = ordinal(match[prefix + "q"])
    return lambda y: spans.months(y, 3 * quarter - 2, 3 * quarter)


def period_tail(prefix: str) -> str:
    """The part of a year: "birinchi to‘rt oyida", "birinchi yarmida", "II choragida"."""
    return (
        rf"(?:(?P<{prefix}f>{FIRST}){WS}(?P<{prefix}n>{NUMERAL}){WS}{MONTH_NOUN}"
        rf"|(?P<{prefix}h>{ORDINAL}){WS}(?:{HALF})"
        rf"|(?P<{prefix}q>{ORDINAL}){WS}(?:{QUARTER})){WORD_END}"
    )


def _is_trusted(match: re.Match[str], name: str, *, confirmed: bool) -> bool:
    """A weak month word needs confirmation ("2-may", "may oyida"); an abbreviation a year."""
    if match[name] is None:
        return True
    strength = month_word(match[name]).strength
    if strength is Strength.ABBREVIATION:
        return False
    return strength is Strength.FULL or confirmed


def _relative(match: re.Match[str], build: Builder) -> Candidate:
    """A candidate whose year is named from the year of writing ("o‘tgan yil") or context."""
    relation = relative_kind(match["rel"])
    source = YearSource.SAME if relation == "same" else YearSource.DOCUMENT
    offset = tables.RELATIVE_OFFSETS[relation]
    return Candidate(match.start(), match.end(), "relative", build, source, offset)


# --- 1. a year (or a relative year) followed by a day, a month or a period ---------------
# "1992-yil 23-noyabrda", "2017 йил 22-23 март", "2024 жылғы 15 наурызда",
# "2022-yilning noyabrida", "2024-yilning yanvar–noyabr oylarida", "2025- yilning birinchi
# to‘rt oyida", "joriy yilning 15-noyabr kuni", "Жорий йил август ойида".

_HEADED = _compile(
    rf"(?:{NUMBER_START}{year('y')}{YEAR_TO_WORD}{year_word('yw')}"
    rf"|{WORD_START}(?P<rel>{RELATIVE_BEFORE_YEAR}){WORD_END})"
    rf"{WS}(?:{days('d', 'e')}{DAY_TO_MONTH}{month('m')}(?:{WS}(?P<kuni>{DAY_NOUN}))?"
    rf"|{months('mm', 'mn')}(?:{WS}(?P<oy>{MONTH_NOUN}))?"
    rf"|{period_tail('p')})"
)


def _read_headed(match: re.Match[str]) -> Candidate | None:
    tail = _headed_tail(match)
    if tail is None:
        return None
    build, kind = tail
    if match["y"] is not None:
        if is_plural_year_word(match["yw"]):
            return None  # "2023–2025-yillarda noyabr" cannot name one November
        return _written(match, kind, build(int(match["y"])))
    if (
        match["mm"] is not None
        and match["oy"] is None
        and not (
            _is_trusted(match, "mm", confirmed=False) and _is_trusted(match, "mn", confirmed=False)
        )
    ):
        return None  # "bu yil mayda": "may" is only trusted with a year or "oy"
    return _relative(match, build)


def _headed_tail(match: re.Match[str]) -> tuple[Builder, str] | None:
    if match["m"] is not None:
        return _days_of_month(match, "d", "e", "m")
    if match["mm"] is not None:
        return _months_of_year(match, "mm", "mn")
    build = _period(match, "p")
    return None if build is None else (build, "period")


# --- 2. day(s), month, year --------------------------------------------------------------
# "15 июль 2020 й.", "7 Apr 2024", "27 Dec. 2025", "5 September 2023", "15 марта 2024 года",
# "1 января 2025 г.", "23 noyabr 1992", "18–19 fevral 2023".

_DAY_MONTH_YEAR = _compile(
    rf"{NUMBER_START}{days('d', 'e')}{DAY_ORDINAL}{DAY_TO_MONTH}{month('m')}"
    rf"(?:[,.]?{WS}|\s{{0,3}}{DASH}\s{{0,3}}){year('y')}(?:{YEAR_TO_WORD}{year_word('yw')})?"
)


def _read_day_month_year(match: re.Match[str]) -> Candidate | None:
    if match["yw"] is None and _quantity_follows(match):
        return None
    build, kind = _days_of_month(match, "d", "e", "m")
    return _written(match, kind, build(int(match["y"])))


# --- 3. English month, day(s), year: "March 16, 2025", "March 16–17, 2025" ---------------

_MONTH_DAY_YEAR = _compile(
    rf"{month('m')}\s{{1,3}}{days('d', 'e')}(?:st|nd|rd|th)?(?:,\s{{0,3}}|\s{{1,3}}){year('y')}"
)


def _read_month_day_year(match: re.Match[str]) -> Candidate | None:
    build, kind = _days_of_month(match, "d", "e", "m")
    return _written(match, kind, build(int(match["y"])))


# --- 4. month(s) and year: "Dekabr-2025", "ноябрь 1992", "декабре 2022 года", "Jan–Sep 2024"

_MONTH_YEAR = _compile(
    rf"{months('m', 'n')}(?:\s{{0,3}}{DASH}\s{{0,3}}|,?{WS}){year('y')}"
    rf"(?:{YEAR_TO_WORD}{year_word('yw')})?"
)


def _read_month_year(match: re.Match[str]) -> Candidate | None:
    if match["yw"] is None and _quantity_follows(match):
        return None  # "в марте 2000 человек"
    build, kind = _months_of_year(match, "m", "n")
    return _written(match, kind, build(int(match["y"])))


# --- 5. day(s) and month, the year from context or else the year of writing: "28-yanvarda",
# "26 noyabrda", "1-apreldan"

_DAY_MONTH = _compile(
    rf"{NUMBER_START}{days('d', 'e')}{DAY_ORDINAL}(?P<sep>{DAY_TO_MONTH}){month('m')}"
    rf"(?:{WS}(?P<kuni>{DAY_NOUN}))?"
)


def _read_day_month(match: re.Match[str]) -> Candidate | None:
    hyphenated = any(char in tables.DASHES for char in match["sep"])
    confirm = None
    if not _is_trusted(match, "m", confirmed=hyphenated or match["kuni"] is not None):
        if match["m"] not in _CONFIRMABLE:
            return None
        confirm = partial(_weak_month_confirmed, start=match.start(), month=match.span("m"))
    build, kind = _days_of_month(match, "d", "e", "m")
    # With no year before it, a day is of the year of writing: the dateline of a news item
    # ("ТАШКЕНТ, 22 декабря.") names the day it was written.
    return Candidate(match.start(), match.end(), kind, build, YearSource.NEARBY, confirm=confirm)


# Weak month words that their surroundings can confirm after a day: a dateline "АСТАНА,
# 14 марта —", "ASTANA, 5 қазан"; Russian around "14 марта" (in Uzbek "3 марта кўпайди" is
# "3 times"); English "9 May" with its capital.
_CONFIRMABLE = frozenset({"марта", "may", "қазан"})


def _weak_month_confirmed(text: str, *, start: int, month: tuple[int, int]) -> bool:
    """`text` is the text as written; `start` is where the day begins."""
    word = text[month[0] : month[1]]
    return (
        _after_dateline(text, start)
        or word in ("May", "MAY")
        or (word.lower() == "марта" and _in_russian(text, start, month[1]))
    )


def _after_dateline(text: str, start: int) -> bool:
    """True after a capitalised place and a comma: "АСТАНА, ", "NUR-SULTAN, "."""
    before = text[max(0, start - _LAST_WORD_WINDOW) : start].rstrip()
    if not before.endswith(","):
        return False
    place = _PLACE.search(before, 0, len(before) - 1)
    return place is not None and place.group().isupper()


_PLACE = re.compile(rf"(?<![^\W\d_]){LETTER}{{3,}}(?:-{LETTER}{{2,}})?\Z")
_LINE_WINDOW = 300


def _in_russian(text: str, start: int, end: int) -> bool:
    """True when the line around [start, end) is Russian: a Russian word or letter, and no
    letter only Uzbek or Kazakh writes."""
    left = text.rfind("\n", max(0, start - _LINE_WINDOW), start) + 1
    right = text.find("\n", end, end + _LINE_WINDOW)
    line = lower(
        text[max(left, start - _LINE_WINDOW) : right if right >= 0 else end + _LINE_WINDOW]
    )
    if not tables.NOT_RUSSIAN_LETTERS.isdisjoint(line):
        return False
    if not tables.RUSSIAN_LETTERS.isdisjoint(line):
        return True
    return not tables.RUSSIAN_WORDS.isdisjoint(_WORDS.findall(line))


_WORDS = re.compile(rf"{LETTER}+")


# --- 6. month(s) with a month noun, the year from context: "Март ойида", "noyabr oyida",
# "yanvar-sentabr oylarida"

_MONTH_WITH_NOUN = _compile(rf"{months('m', 'n')}{WS}(?P<oy>{MONTH_NOUN})")


def _read_month_with_noun(match: re.Match[str]) -> Candidate | None:
    if not (_is_trusted(match, "m", confirmed=True) and _is_trusted(match, "n", confirmed=True)):
        return None
    build, kind = _months_of_year(match, "m", "n")
    return Candidate(match.start(), match.end(), kind, build, YearSource.CONTEXT)


# --- 7. numeric dates and ranges: "17.04.2000", "12.2008", "2025-03-16",
# "17.04.2000 – 2008", "12.2008 – 12.2011", "06.01.2016 – 10.02.2018"


def _numeric_point(tag: str) -> str:
    return (
        rf"(?P<p{tag}>(?P<dd{tag}>3[01]|[12][0-9]|0?[1-9])\.(?P<dm{tag}>1[0-2]|0?[1-9])\."
        rf"{year('dy' + tag)}"
        rf"|(?P<mm{tag}>0[1-9]|1[0-2])\.{year('my' + tag)}"
        rf"|(?P<iy{tag}>[12][0-9]{{3}})-(?P<im{tag}>0[1-9]|1[0-2])-(?P<id{tag}>0[1-9]|[12][0-9]|3[01]))"
    )


_NUMERIC = _compile(
    rf"(?<![\w.,/\-]){_numeric_point('a')}"
    rf"(?:\s{{0,3}}{DASH}\s{{0,3}}(?:{_numeric_point('b')}|{year('yb')}))?"
    rf"(?![0-9]|[.,\-][0-9])"
)


def _point(match: re.Match[str], tag: str) -> DateSpan | None:
    if match["dd" + tag] is not None:
        return spans.day(int(match["dy" + tag]), int(match["dm" + tag]), int(match["dd" + tag]))
    if match["mm" + tag] is not None:
        return spans.month(int(match["my" + tag]), int(match["mm" + tag]))
    return spans.day(int(match["iy" + tag]), int(match["im" + tag]), int(match["id" + tag]))


def _read_numeric(match: re.Match[str]) -> Candidate | None:
    first = _point(match, "a")
    if match["pb"] is not None or match["yb"] is not None:
        last = _point(match, "b") if match["pb"] is not None else spans.year(int(match["yb"]))
        span = spans.between(first, last)
        if span is not None and not _quantity_follows(match):
            return _written(match, "range", span)
    if _quantity_follows(match, match.end("pa")):
        return None  # "12.2015 mln"
    return _written(match, "date", first, end=match.end("pa"))


# --- 8. years with a year word: "2023-yilda", "2016 - yildan", "2017 йилдан", "2024 жылы",
# "1991 года", "2023–2025-yillarda", "2024-2034 йилларга", "1990-yillarda" (a decade),
# "2023-2024 o‘quv yili" (an academic year)

_YEAR_WITH_WORD = _compile(
    rf"{NUMBER_START}{year('y')}"
    rf"(?:(?:\s{{0,3}}{DASH}{WS0}|\s{{1,3}}по\s{{1,3}}|/){year('z')})?"
    rf"(?P<sep>{YEAR_TO_WORD})(?:(?:{words(tables.ACADEMIC_WORDS)}){WS})?{year_word('yw')}"
)


def _read_year_with_word(match: re.Match[str]) -> Candidate | None:
    first = int(match["y"])
    if _counts_years(match):
        return None
    if match["z"] is not None:
        return _written(
            match, "range", spans.between(spans.year(first), spans.year(int(match["z"])))
        )
    if is_plural_year_word(match["yw"]) and first % 10 == 0:
        return _written(match, "period", spans.decade(first))
    candidate = _written(match, "date", spans.year(first))
    if candidate is not None and _is_deadline(match):
        return replace(candidate, sets_context=False)
    return candidate


def _is_deadline(match: re.Match[str]) -> bool:
    """True for "2030-yilgacha", "2030 йилга қадар", "2030 жылға дейін", "до 2030 года"."""
    word = match["yw"]  # lower case, no apostrophe in these endings
    if word.endswith(tables.DEADLINE_SUFFIXES):
        return True
    if word.endswith(_DATIVE_ENDINGS):
        following = _NEXT_WORD.match(match.string, match.end())
        return following is not None and following.group(1) in tables.DEADLINE_POSTPOSITIONS
    if word.startswith("г"):  # года, году, г.
        return _last_word(match.string, match.start())[0] in tables.RUSSIAN_DEADLINE_PREPOSITIONS
    return False


_DATIVE_ENDINGS = ("ga", "га", "ға")  # "yilga qadar", "йилга қадар", "жылға дейін"


def _last_word(text: str, start: int) -> tuple[str, int]:
    """The word right before `start` (blanks or a hyphen between), lower case, and its offset:
    ("in", …) before "April" in "in April", ("mid", …) in "mid-April"."""
    floor = max(0, start - _LAST_WORD_WINDOW)
    found = _TRAILING_WORD.search(text, floor, start)
    if found is None:
        return "", start
    return found.group(1).lower(), found.start(1)


_TRAILING_WORD = re.compile(rf"(?<![^\W\d_])({LETTER}+)[\s\-]{{0,3}}\Z")
_LAST_WORD_WINDOW = 24


def _counts_years(match: re.Match[str]) -> bool:
    """True for "2000 yil oldin" (2000 years ago) and "1000 yildan ortiq" (over 1000 years).

    Only with a space: "2000-yildan oldin" is "before 2000".
    """
    if normalise(match["yw"]) not in _COUNTED_YEAR_WORDS or any(
        char in tables.DASHES for char in match["sep"]
    ):
        return False
    following = _NEXT_WORD.match(match.string, match.end())
    return following is not None and normalise(following.group(1)) in tables.YEAR_COUNT_FOLLOWERS


_COUNTED_YEAR_WORDS = frozenset({"yil", "yildan", "йил", "йилдан", "жыл", "жылдан"})
_NEXT_WORD = re.compile(rf"\s{{0,10}}((?:{LETTER}|{AP})+)")


# --- 8b. a from–to range of years: "2016-yildan 2024-yilgacha", "2016 жылдан 2024 жылға дейін"

_YEAR_FROM_TO = _compile(
    rf"{NUMBER_START}{year('y')}{YEAR_TO_WORD}(?:{words(tables.YEAR_FROM_WORDS)}){WS}"
    rf"{year('z')}{YEAR_TO_WORD}(?:{words(tables.YEAR_TO_WORDS)}){WORD_END}"
)


def _read_year_from_to(match: re.Match[str]) -> Candidate | None:
    span = spans.between(spans.year(int(match["y"])), spans.year(int(match["z"])))
    return _written(match, "range", span)


# --- 9. English years after a preposition: "in 2024", "since 1991", "from 2016 to 2024" ---

_ENGLISH_YEAR = re.compile(
    rf"{WORD_START}(?P<pre>(?:{words(tables.ENGLISH_YEAR_PREPOSITIONS)})\s{{1,3}}"
    rf"(?:(?:early|late|mid)[\s\-]{{1,2}})?){year('y')}"
    rf"(?:\s{{0,3}}(?:{DASH}|and|to|until)\s{{0,3}}{year('z')})?",
    re.IGNORECASE,
)


def _read_english_year(match: re.Match[str]) -> Candidate | None:
    first = int(match["y"])
    last = int(match["z"]) if match["z"] is not None else first
    if not (spans.plausible_bare_year(first) and spans.plausible_bare_year(last)):
        return None
    preposition = normalise(match["pre"]).split()[0]
    if not _ends_like_a_year(
        match.string, match.end(), strict=preposition in tables.ENGLISH_WEAK_PREPOSITIONS
    ):
        return None
    span = spans.between(spans.year(first), spans.year(last))
    if span is None:
        return None
    if preposition in tables.ENGLISH_APPROXIMATE:
        span = spans.qualified(span, approximate=True)
    kind = "date" if match["z"] is None else "range"
    candidate = _written(match, kind, span, start=match.start("y"))
    if candidate is not None and preposition in tables.ENGLISH_DEADLINE_PREPOSITIONS:
        return replace(candidate, sets_context=False)  # "by 2030"
    return candidate


def _ends_like_a_year(text: str, end: int, *, strict: bool) -> bool:
    """What follows "in 2024" keeps it a year; "in 2000 households", "since 1991 km" do not.

    `text` is the text as written: a capital after the year ("in 2024 Uzbekistan") counts.

    After a weak preposition ("in", "by", "from") a plural noun makes the number a count.
    """
    if QUANTITY_AFTER.match(text, end) is not None:
        return False
    rest = text[end : end + 40].lstrip()
    if not rest or not strict:
        return True
    if rest[0].isdigit():
        return False
    word = _NEXT_WORD.match(rest)
    if word is None or word.start(1) != 0:
        return True  # punctuation, a dash, a bracket
    token = word.group(1)
    lowered = token.lower()
    if token[0].isupper() or lowered in tables.ENGLISH_FOLLOWERS:
        return True
    return not lowered.endswith("s")


# --- 10. a parenthesised year range: "(1993 – 2000)" ----------------------------------------

_PARENTHESISED_YEARS = _compile(
    rf"\(\s{{0,3}}{year('y')}\s{{0,3}}{DASH}\s{{0,3}}{year('z')}\s{{0,3}}\)"
)


def _read_parenthesised_years(match: re.Match[str]) -> Candidate | None:
    first, last = int(match["y"]), int(match["z"])
    if not (spans.plausible_bare_year(first) and spans.plausible_bare_year(last)):
        return None
    span = spans.between(spans.year(first), spans.year(last))
    return _written(match, "range", span, start=match.start("y"), end=match.end("z"))


# --- 11. decades: "1990-е годы", "1990-х годах", "the 1990s" -------------------------------

_DECADE = _compile(
    rf"{NUMBER_START}{year('y')}(?:\s{{0,2}}{DASH}\s{{0,2}}(?:е|х|ые|ых){WORD_END}"
    rf"(?:{WS}год[^\W\d_]{{0,3}}{WORD_END})?|['’]?s{WORD_END})"
)


def _read_decade(match: re.Match[str]) -> Candidate | None:
    return _written(match, "period", spans.decade(int(match["y"])))


# --- 12. periods with a year after them: "первом полугодии 2024 года", "за 9 месяцев 2024
# года", "first half of 2024", "the first four months of 2025", "Q1 2024", "H1 2024";
# or with a relative year: "вторую половину текущего года", "первом полугодии этого года",
# "the first two months of this year", "the second quarter of last year"; or "of the year"
# (the year named before it): "in the first half of the year"

_PERIOD_RUSSIAN = _compile(
    rf"{WORD_START}(?:(?P<ph>{ORDINAL})\s{{1,3}}(?:{HALF}|{words(tables.RUSSIAN_HALF_WORDS)})"
    rf"|(?P<pq>{ORDINAL})\s{{1,3}}(?:{QUARTER})"
    rf"|(?:за\s{{1,3}}(?:первые\s{{1,3}})?|первые\s{{1,3}})(?P<pn>{NUMERAL})\s{{1,3}}месяц"
    rf"[^\W\d_]{{0,3}}){WS}(?:{year('y')}(?:\s{{0,3}}{year_word('yw')})?"
    rf"|(?P<rel>{RELATIVE_RUSSIAN}){WORD_END})"
)
_PERIOD_ENGLISH = _compile(
    rf"{WORD_START}(?:the\s{{1,3}})?(?:(?P<ph>{ORDINAL})\s{{1,3}}half"
    rf"|(?P<pq>{ORDINAL})\s{{1,3}}quarter|first\s{{1,3}}(?P<pn>{NUMERAL})\s{{1,3}}months)"
    rf"\s{{1,3}}of\s{{1,3}}(?:(?:the\s{{1,3}}year\s{{1,3}})?{year('y')}"
    rf"|(?P<rel>{RELATIVE_ENGLISH}){WORD_END}|(?P<the>the\s{{1,3}}year){WORD_END})"
)
_QUARTER_CODE = _compile(rf"{WORD_START}(?P<code>[qh][1-4])\s{{0,2}}{year('y')}")


def _read_period_with_year(match: re.Match[str]) -> Candidate | None:
    build = _period(match, "p")
    if build is None:
        return None
    if match["y"] is not None:
        return _written(match, "period", build(int(match["y"])))
    if match["rel"] is not None:
        return _relative(match, build)
    return Candidate(match.start(), match.end(), "period", build, YearSource.CONTEXT)


def _read_quarter_code(match: re.Match[str]) -> Candidate | None:
    letter, number = match["code"][0], int(match["code"][1])
    size = 3 if letter == "q" else 6  # a quarter or a half
    if number * size > 12:
        return None  # H3
    span = spans.months(int(match["y"]), size * number - size + 1, size * number)
    return _written(match, "period", span)


# --- 13. periods without a year: "dastlabki olti oyda", "birinchi yarmida" ---------------

_PERIOD_ALONE = _compile(rf"{WORD_START}{period_tail('p')}")
_GENITIVE_ENDINGS = ("ning", "нинг", "ның", "нің", "дың", "дің", "тың", "тің")
_YEAR_GENITIVES = frozenset({"yilning", "йилнинг", "жылдың"})


def _read_period_alone(match: re.Match[str]) -> Candidate | None:
    owner = _word_before(match.string, match.start())
    if owner.endswith(_GENITIVE_ENDINGS) and owner not in _YEAR_GENITIVES:
        return None  # "asrning birinchi yarmida", "loyihaning dastlabki olti oyida"
    build = _period(match, "p")
    if build is None:
        return None
    return Candidate(match.start(), match.end(), "period", build, YearSource.CONTEXT)


def _word_before(text: str, start: int) -> str:
    words_before = text[max(0, start - 40) : start].split()
    return normalise(words_before[-1]) if words_before else ""


# --- 14. relative years alone: "o‘tgan yilga", "shu yildan", "биыл" ------------------------

_RELATIVE_ALONE = _compile(rf"{WORD_START}(?P<rel>{RELATIVE_BEFORE_YEAR}){WORD_END}")


def _read_relative_alone(match: re.Match[str]) -> Candidate | None:
    return _relative(match, spans.year)


# --- 15. Russian and English relative years, maybe after a day and month:
# "в прошлом году", "15 марта текущего года", "в марте этого года", "March of last year"

_MONTH_RANGE_END = rf"(?:\s{{0,3}}{DASH}{WS0}{month('n')})?"  # "январе–феврале текущего года"
_RELATIVE_RUSSIAN = _compile(
    rf"(?:(?:{NUMBER_START}{days('d', 'e')}{WS})?{month('m')}{_MONTH_RANGE_END}{WS})?"
    rf"{WORD_START}(?P<rel>{RELATIVE_RUSSIAN}){WORD_END}"
)
_RELATIVE_ENGLISH = _compile(
    rf"(?:{month('m')}{_MONTH_RANGE_END}(?:\s{{1,3}}{days('d', 'e')})?,?\s{{1,3}}"
    rf"(?:of\s{{1,3}})?)?{WORD_START}(?P<rel>{RELATIVE_ENGLISH}){WORD_END}"
)


def _read_relative_after(match: re.Match[str]) -> Candidate | None:
    if match["m"] is None:
        return _relative(match, spans.year)
    if not (_is_trusted(match, "m", confirmed=True) and _is_trusted(match, "n", confirmed=True)):
        return None  # an abbreviation
    if match["d"] is None:
        return _relative(match, _months_of_year(match, "m", "n")[0])
    if match["n"] is not None:
        return None  # "15 марта–апреля этого года", "March–April 5 this year"
    return _relative(match, _days_of_month(match, "d", "e", "m")[0])


# --- 16. the end or the beginning of a year, that year at year precision:
# "2024-yil oxirida", "2025 йил охирига қадар", "2024 жылдың соңында" (year first);
# "в конце 2024 года", "к концу 2025 года"; "by the end of 2025", "early 2024"

_YEAR_EDGE = _compile(
    rf"{NUMBER_START}{year('y')}{YEAR_TO_WORD}{year_word('yw')}{WS}"
    rf"(?:{words(tables.YEAR_EDGE_WORDS)}){WORD_END}"
    rf"(?:{WS}(?:{words(tables.EDGE_TAILS)}){WORD_END})?"
)
# No year word: the year must not run on into "1990-х" or "1990s" (decades).
_EDGE_RUSSIAN = _compile(
    rf"{WORD_START}(?:{words(tables.RUSSIAN_EDGE_WORDS)}){WS}{year('y')}"
    rf"(?:{YEAR_TO_WORD}{year_word('yw')}|(?!{DASH}?{LETTER}))"
)
# On the text as written, like rule 9: a capital after the year keeps it a year.
_EDGE_ENGLISH = re.compile(
    rf"{WORD_START}(?:(?:{words(tables.ENGLISH_EDGE_WORDS)})\s{{1,3}}of\s{{1,3}}"
    rf"(?:the\s{{1,3}}year\s{{1,3}})?|(?:{words(tables.ENGLISH_EDGE_ADJECTIVES)})[\s\-]{{1,2}})"
    rf"{year('y')}(?!{DASH}?{LETTER})",
    re.IGNORECASE,
)


def _read_year_edge(match: re.Match[str]) -> Candidate | None:
    if is_plural_year_word(match["yw"]):
        return None  # "1990-yillar oxirida" is the end of a decade
    return _written(match, "date", spans.year(int(match["y"])))


def _read_edge_russian(match: re.Match[str]) -> Candidate | None:
    if match["yw"] is None:
        if not spans.plausible_bare_year(int(match["y"])) or _quantity_follows(match):
            return None  # "в начале 2000 км"
    elif is_plural_year_word(match["yw"]):
        return None
    return _written(match, "date", spans.year(int(match["y"])))


def _read_edge_english(match: re.Match[str]) -> Candidate | None:
    first = int(match["y"])
    # Not strict: "by the end of 2024 exports rose"; "end of 2000 households" is a quantity.
    if not spans.plausible_bare_year(first) or not _ends_like_a_year(
        match.string, match.end(), strict=False
    ):
        return None
    return _written(match, "date", spans.year(first))


# --- 17. an English year as the subject of a sentence: "2018 was declared …", "- 1992 saw …"

_YEAR_SUBJECT = _compile(
    rf"{NUMBER_START}{year('y')}\s{{1,3}}(?:{words(tables.YEAR_SUBJECT_VERBS)}){WORD_END}"
)
# What may stand between the start of a sentence, line or list item and the year.
_SENTENCE_LEAD = re.compile(r"(?:[-*+•]|(?<![0-9])[0-9]{1,3}[.)])?[ \t]*[\"“«(]?[ \t]*\Z")
_SENTENCE_ENDS = ("\n", ".", "!", "?")
_LEAD_WINDOW = 16


def _read_year_subject(match: re.Match[str]) -> Candidate | None:
    year_ = int(match["y"])
    if not spans.plausible_bare_year(year_) or not _starts_a_sentence(match.string, match.start()):
        return None
    return _written(match, "date", spans.year(year_), end=match.end("y"))


def _starts_a_sentence(text: str, start: int) -> bool:
    """True when only a list marker, an opening quote and blanks stand between `start` and the
    start of the text, a line or a sentence: "- 2018 was", "… 1991. 1992 saw"."""
    floor = max(0, start - _LEAD_WINDOW)
    lead = _SENTENCE_LEAD.search(text, floor, start)
    if lead is None:
        return False
    before = text[floor : lead.start()].rstrip(" \t")
    if not before:
        return floor == 0  # the window holds only the lead: at the start of the text
    return before.endswith(_SENTENCE_ENDS)


# --- 18. since the start of the year, the year of writing: "yil boshidan buyon",
# "joriy yil boshidan", "йил бошидан буён", "с начала года", "since the start of the year",
# "year to date"

# Not before a year: "since the start of the year 2024" is that year's start (rule 16).
_YEAR_TO_DATE = _compile(
    rf"{WORD_START}(?:{words(tables.YEAR_TO_DATE)})"
    rf"(?:{WS}(?:{words(tables.YEAR_TO_DATE_TAILS)}))?{WORD_END}(?!\s{{1,3}}[12][0-9]{{3}})"
)
_NOT_THIS_YEAR = frozenset(
    {normalise(word) for word in tables.YEAR_TO_DATE_BLOCKERS}
    | {normalise(word) for word, kind in tables.RELATIVE_BEFORE_YEAR.items() if kind != "this"}
)


def _read_year_to_date(match: re.Match[str]) -> Candidate | None:
    if normalise(match.group().split()[0]) in tables.YEAR_NOUNS:
        owner = _word_before(match.string, match.start())
        if owner in _NOT_THIS_YEAR or any(char.isdigit() for char in owner):
            return None  # "o‘tgan yil boshidan buyon", "har yil boshidan", "2024-yil boshidan"
    return Candidate(match.start(), match.end(), "relative", spans.year, YearSource.DOCUMENT)


# --- 19. the last N years, back from the year of writing: "so‘nggi o‘n yillikda",
# "oxirgi besh yilda", "за последние 10 лет", "in the last 5 years", "over the past decade"

# Not "the last ten years of the Soviet Union": another period's last years.
_LAST_YEARS = _compile(
    rf"{WORD_START}(?:{words(tables.LAST_WORDS)}){WS}"
    rf"(?:(?P<n>[1-9][0-9]?|{words(tables.NUMERALS)}){WS}"
    rf"(?:(?:yil|йил|жыл){LETTER}{{0,10}}|{words(tables.COUNTED_YEARS)})"
    rf"|(?P<decade>{words(tables.DECADE_WORDS)})){WORD_END}(?!\s{{1,3}}of{WORD_END})"
)


def _read_last_years(match: re.Match[str]) -> Candidate | None:
    owner = _word_before(match.string, match.start())
    if owner.endswith(_GENITIVE_ENDINGS):
        return None  # "asrning so‘nggi o‘n yilligida": the last decade of a century
    if match.group().split()[0] in tables.LAST_WORDS_AFTER_THE and owner != "the":
        return None
    count = tables.DECADE_YEARS if match["n"] is None else numeral(match["n"])
    return Candidate(
        match.start(),
        match.end(),
        "period",
        lambda y: spans.between(spans.year(y - count), spans.year(y)),
        YearSource.DOCUMENT,
    )


# --- 20. a bare range of years in running text: "the programme for 2024–2034", "2019-2020";
# a year, then a numeric date: "1993 – 17.04.2000"

_YEAR_RANGE = _compile(
    rf"(?<![\w.,/]|{DASH}){year('y')}\s{{0,3}}{DASH}\s{{0,3}}(?:{_numeric_point('b')}|{year('z')})"
    rf"(?![0-9]|[.,]?{DASH}?[0-9]|\s{{0,3}}{DASH}\s{{0,3}}[0-9])"
)


def _read_year_range(match: re.Match[str]) -> Candidate | None:
    first = int(match["y"])
    if not spans.plausible_bare_year(first):
        return None
    if match["z"] is not None:
        last = int(match["z"])
        if not spans.plausible_bare_year(last) or last <= first:
            return None  # "2000-2000", "2024-2019": not a range of years
        end = spans.year(last)
    else:
        end = _point(match, "b")
    text = match.string
    # Not strict, unlike "in 2000 households": after a range of years a plural is usually
    # what happened in them ("the 2019–2020 elections"), and a verb may end in "s".
    if _cited_or_paged(text, match.start()) or not _ends_like_a_year(
        text, match.end(), strict=False
    ):
        return None
    return _written(match, "range", spans.between(spans.year(first), end))


def _cited_or_paged(text: str, start: int) -> bool:
    """True for "[2019–2020]", "Smith, 2019–2020", "pp. 2021–2025", "Vol. 2019-2020": a
    citation or a page range, not years the text is about."""
    before = text[max(0, start - _LAST_WORD_WINDOW) : start].rstrip()
    if before.endswith(("[", ",", ";")):
        return True
    tokens = before.split()
    return bool(tokens) and tokens[-1].rstrip(".:").lower() in tables.PAGE_WORDS


# --- 21. a year, then its months in brackets: "2023 г. (апрель–сентябрь)",
# "2024 yil (yanvar–mart)", "2023 (April–September)"

_YEAR_THEN_MONTHS = _compile(
    rf"{NUMBER_START}{year('y')}(?:{YEAR_TO_WORD}{year_word('yw')})?,?\s{{0,3}}\(\s{{0,3}}"
    rf"{months('m', 'n')}\s{{0,3}}\)"
)


def _read_year_then_months(match: re.Match[str]) -> Candidate | None:
    year_ = int(match["y"])
    if match["yw"] is None:
        if not spans.plausible_bare_year(year_):
            return None
    elif is_plural_year_word(match["yw"]):
        return None  # "2023–2025-yillar (yanvar–mart)" names no one year
    build, kind = _months_of_year(match, "m", "n")
    return _written(match, kind, build(year_))


# --- 22. Russian years after a preposition: "с 2022 действует", "до 2030", "в 2019–2020",
# "с 2016 по 2024", "между 2017 и 2019"; like rule 9, the word after the year must not count

# On the text as written: a capital after the year ("с 2022 Узбекистан") keeps it a year.
_RUSSIAN_YEAR = re.compile(
    rf"{WORD_START}(?P<pre>{words(tables.RUSSIAN_YEAR_PREPOSITIONS)})\s{{1,3}}{year('y')}"
    rf"(?:\s{{0,3}}(?P<sep>{DASH}|по|до|и)\s{{0,3}}{year('z')})?"
    rf"(?!{DASH}?{LETTER}|\s{{0,3}}{DASH}\s{{0,3}}[0-9])",
    re.IGNORECASE,
)


def _read_russian_year(match: re.Match[str]) -> Candidate | None:
    first = int(match["y"])
    preposition = match["pre"].lower()
    between = preposition == "между"
    ranged = match["z"] is not None and (match["sep"].lower() != "и" or between)
    if between and not ranged:
        return None  # "между 2000 человек"
    last = int(match["z"]) if ranged else first
    if not (spans.plausible_bare_year(first) and spans.plausible_bare_year(last)):
        return None
    end = match.end() if ranged else match.end("y")
    if not _ends_like_a_russian_year(match.string, end):
        return None
    span = spans.between(spans.year(first), spans.year(last))
    candidate = _written(match, "range" if ranged else "date", span, match.start("y"), end)
    if candidate is not None and not ranged and preposition in tables.RUSSIAN_DEADLINE_PREPOSITIONS:
        return replace(candidate, sets_context=False)  # "до 2030", "к 2030"
    return candidate


def _ends_like_a_russian_year(text: str, end: int) -> bool:
    """What follows "с 2022" keeps it a year: punctuation, a capital, a function word or a verb
    ("с 2022 действует"); "с 2022 участниками", "в 2000 раз", "до 2000 лет" count things."""
    if QUANTITY_AFTER.match(text, end) is not None:
        return False
    rest = text[end : end + 40].lstrip()
    if not rest:
        return True
    if rest[0].isdigit():
        return False
    word = _NEXT_WORD.match(rest)
    if word is None or word.start(1) != 0:
        return True  # punctuation, a dash, a bracket
    token = word.group(1)
    lowered = token.lower()
    if token[0].isupper() or lowered in tables.RUSSIAN_FOLLOWERS:
        return True
    return lowered not in tables.RUSSIAN_VERB_LOOKALIKES and lowered.endswith(
        tables.RUSSIAN_VERB_ENDINGS
    )


# --- 23. a month after a preposition, no year: "in April", "since early March",
# "from January to March", "last October"; "в апреле", "в январе–феврале", "с марта по май".
# The year is the latest one named before it, else the year of writing; "last October" is
# the October of the year before the year of writing.

# Not before a number like a year: "April 2024" is rule 4's, and in "в марте 2000 человек" the
# number is neither a year nor the month's. "в январе–феврале 1,2 млрд" is a month.
_NO_YEAR_AFTER = r"(?![.,]?\s{0,3}[12][0-9]{3}(?![0-9]))"
# On the text as written: English writes month names with a capital ("in may" is no month).
_MONTH_ENGLISH = re.compile(
    rf"{WORD_START}(?P<m>{ENGLISH_MONTH_TITLED}){WORD_END}"
    rf"(?:\s{{0,3}}(?P<sep>{DASH}|to|and|until|till|through)\s{{0,3}}"
    rf"(?P<n>{ENGLISH_MONTH_TITLED}){WORD_END})?"
    rf"(?:\s{{1,3}}of\s{{1,3}}{year('y')}|{_NO_YEAR_AFTER})"
)
_MONTH_RUSSIAN = _compile(
    rf"{WORD_START}(?P<m>{RUSSIAN_MONTH_FORM}){WORD_END}"
    rf"(?:(?:\s{{0,3}}(?P<sep>{DASH})\s{{0,3}}|\s{{1,3}}(?P<to>по|до)\s{{1,3}})"
    rf"(?P<n>{RUSSIAN_MONTH_FORM}){WORD_END})?"
    rf"{_NO_YEAR_AFTER}"
)
_RANGE_OPENERS = frozenset({"from", "between", "с", "со"})


def _read_month_english(match: re.Match[str]) -> Candidate | None:
    word, word_start = _last_word(match.string, match.start())
    if match["y"] is not None:  # "April of 2024"
        build, kind = _months_of_year(match, "m", "n")
        return _written(match, kind, build(int(match["y"])))
    relative = tables.ENGLISH_MONTH_RELATIVES.get(word)
    if relative is None and word not in tables.ENGLISH_MONTH_PREPOSITIONS:
        return None
    # "and", "to" join two months only after "between", "from": "in May and July" are two.
    ranged = match["n"] is not None and (
        match["sep"] not in ("and", "to") or word in _RANGE_OPENERS
    )
    return _month_after_word(match, ranged, relative, word_start)


def _read_month_russian(match: re.Match[str]) -> Candidate | None:
    word, _ = _last_word(match.string, match.start())
    if word not in tables.RUSSIAN_MONTH_PREPOSITIONS:
        return None
    ranged = match["n"] is not None and (match["to"] is None or word in _RANGE_OPENERS)
    return _month_after_word(match, ranged, None, match.start())


def _month_after_word(
    match: re.Match[str], ranged: bool, relative: int | None, word_start: int
) -> Candidate:
    build, kind = _months_of_year(match, "m", "n" if ranged else None)
    end = match.end("n") if ranged else match.end("m")
    if relative is not None:  # "last October": the year of writing and an offset
        return Candidate(word_start, end, "relative", build, YearSource.DOCUMENT, relative)
    return Candidate(match.start(), end, kind, build, YearSource.NEARBY)


# --- 24. an English month and day(s), no year: "on April 16", "May 9–10"

_MONTH_DAY_ENGLISH = re.compile(
    rf"{WORD_START}(?P<m>{ENGLISH_MONTH_TITLED})\s{{1,3}}{days('d', 'e')}(?:st|nd|rd|th)?"
    rf"{WORD_END}(?![.,:][0-9])"
)


def _read_month_day_english(match: re.Match[str]) -> Candidate | None:
    if _quantity_follows(match):
        return None  # "May 5 million"
    build, kind = _days_of_month(match, "d", "e", "m")
    return Candidate(match.start(), match.end(), kind, build, YearSource.NEARBY)


RULES: tuple[Rule, ...] = (
    Rule("headed", _HEADED, _read_headed, frozenset({YEAR, RELATIVE})),
    Rule("day_month_year", _DAY_MONTH_YEAR, _read_day_month_year, frozenset({DAY})),
    Rule("month_day_year", _MONTH_DAY_YEAR, _read_month_day_year, frozenset({MONTH})),
    Rule("month_year", _MONTH_YEAR, _read_month_year, frozenset({MONTH})),
    Rule("numeric", _NUMERIC, _read_numeric, frozenset({DAY, YEAR})),
    Rule("period_russian", _PERIOD_RUSSIAN, _read_period_with_year, frozenset({PERIOD})),
    Rule("period_english", _PERIOD_ENGLISH, _read_period_with_year, frozenset({PERIOD, THE})),
    Rule("quarter_code", _QUARTER_CODE, _read_quarter_code, frozenset({CODE})),
    Rule(
        "relative_russian",
        _RELATIVE_RUSSIAN,
        _read_relative_after,
        frozenset({DAY, MONTH, RELATIVE}),
    ),
    Rule(
        "relative_english",
        _RELATIVE_ENGLISH,
        _read_relative_after,
        frozenset({MONTH, RELATIVE, THE}),
    ),
    Rule("year_with_word", _YEAR_WITH_WORD, _read_year_with_word, frozenset({YEAR})),
    Rule("year_from_to", _YEAR_FROM_TO, _read_year_from_to, frozenset({YEAR})),
    Rule("decade", _DECADE, _read_decade, frozenset({YEAR})),
    Rule(
        "english_year",
        _ENGLISH_YEAR,
        _read_english_year,
        frozenset({PREPOSITION}),
        on_original=True,
    ),
    Rule(
        "parenthesised_years", _PARENTHESISED_YEARS, _read_parenthesised_years, frozenset({PAREN})
    ),
    Rule("day_month", _DAY_MONTH, _read_day_month, frozenset({DAY})),
    Rule("month_with_noun", _MONTH_WITH_NOUN, _read_month_with_noun, frozenset({MONTH})),
    Rule("period_alone", _PERIOD_ALONE, _read_period_alone, frozenset({PERIOD})),
    Rule("relative_alone", _RELATIVE_ALONE, _read_relative_alone, frozenset({RELATIVE})),
    Rule("year_edge", _YEAR_EDGE, _read_year_edge, frozenset({YEAR})),
    Rule("edge_russian", _EDGE_RUSSIAN, _read_edge_russian, frozenset({EDGE})),
    Rule("edge_english", _EDGE_ENGLISH, _read_edge_english, frozenset({EDGE}), on_original=True),
    Rule("year_subject", _YEAR_SUBJECT, _read_year_subject, frozenset({YEAR})),
    Rule("year_to_date", _YEAR_TO_DATE, _read_year_to_date, frozenset({SINCE})),
    Rule("last_years", _LAST_YEARS, _read_last_years, frozenset({LAST})),
    Rule("year_range", _YEAR_RANGE, _read_year_range, frozenset({YEAR_DASH})),
    Rule("year_then_months", _YEAR_THEN_MONTHS, _read_year_then_months, frozenset({YEAR_PAREN})),
    Rule(
        "russian_year",
        _RUSSIAN_YEAR,
        _read_russian_year,
        frozenset({RU_PREPOSITION}),
        on_original=True,
    ),
    Rule(
        "month_english",
        _MONTH_ENGLISH,
        _read_month_english,
        frozenset({ENGLISH_MONTH}),
        on_original=True,
    ),
    Rule("month_russian", _MONTH_RUSSIAN, _read_month_russian, frozenset({RUSSIAN_MONTH})),
    Rule(
        "month_day_english",
        _MONTH_DAY_ENGLISH,
        _read_month_day_english,
        frozenset({ENGLISH_MONTH}),
        on_original=True,
    ),
)


@cache
def rules_at(kinds: frozenset[str]) -> tuple[Rule, ...]:
    """The rules that can start at an anchor of these kinds (few distinct sets: cached)."""
    return tuple(rule for rule in RULES if rule.anchors & kinds)
