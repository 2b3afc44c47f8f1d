"""Dates typed by a person into a search box or an edit form, beyond what sources write.

EDTF ('1992-11-23', '2025-11', '2024/2034', '2000-04-17/2008', '2024~', '2024?', '2024%') and
a few short forms a person types but a text would not ('1992', '2024-2034', '1992 noyabr',
'23/11/1992'). Everything else typed goes through `find_dates`.
"""

from __future__ import annotations

import re

from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.dates import spans, tables
from uzkz_desktop.dates.lexicon import DASH, lower, month, month_word

MAX_LENGTH = 200  # a typed date is short; anything longer is not one date

_POINT = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?"
_EDTF = re.compile(rf"{_POINT}(?:/{_POINT})?")
_YEAR_RANGE = re.compile(rf"([0-9]{{4}})\s{{0,3}}{DASH}\s{{0,3}}([0-9]{{4}})")
_YEAR_MONTH = re.compile(
    rf"(?P<y>[0-9]{{4}})[\s,./\-]{{1,3}}{month('m')}(?:[\s,./\-]{{1,3}}(?P<d>[0-9]{{1,2}}))?"
)
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[./\-]([0-9]{1,2})[./\-]([0-9]{4})")
# Characters a person may leave around a date: "(1992)", "1992.", "«2024-yil»".
_FRAME = " \t\r\n.,;:()[]{}«»\"'“”„"


def covers(entered: str, start: int, end: int) -> bool:
    """True when the mention [start, end) is all of `entered` but framing punctuation and a
    leading preposition ("in 2024", "в 2024 году")."""
    before = entered[:start].strip(_FRAME).lower()
    return (not before or before in tables.TYPED_LEAD_WORDS) and not entered[end:].strip(_FRAME)


def parse(entered: str) -> DateSpan | None:
    """EDTF and the typed-only short forms; None when `entered` is none of them."""
    stripped = entered.strip(_FRAME)
    return (
        _edtf(stripped)
        or _year_range(stripped)
        or _year_then_month(stripped)
        or _numeric_day(stripped)
    )


def _edtf(entered: str) -> DateSpan | None:
    match = _EDTF.fullmatch(entered)
    if match is None:
        return None
    first = _edtf_point(*match.groups()[:4])
    if match.group(5) is None:
        return first
    return _joined(first, _edtf_point(*match.groups()[4:]))


def _edtf_point(
    year: str | None, month_: str | None, day: str | None, qualifier: str | None
) -> DateSpan | None:
    if year is None:
        return None
    if day is not None and month_ is not None:
        span = spans.day(int(year), int(month_), int(day))
    elif month_ is not None:
        span = spans.month(int(year), int(month_))
    else:
        span = spans.year(int(year))
    if span is None or qualifier is None:
        return span
    return spans.qualified(span, approximate=qualifier in "~%", uncertain=qualifier in "?%")


def _joined(first: DateSpan | None, last: DateSpan | None) -> DateSpan | None:
    span = spans.between(first, last)
    if span is None or first is None or last is None:
        return None
    # DateSpan has one pair of qualifiers: a qualified end qualifies the interval.
    return spans.qualified(
        span,
        approximate=first.approximate or last.approximate,
        uncertain=first.uncertain or last.uncertain,
    )


def _year_range(entered: str) -> DateSpan | None:
    match = _YEAR_RANGE.fullmatch(entered)
    if match is None:
        return None
    return spans.between(spans.year(int(match.group(1))), spans.year(int(match.group(2))))


def _year_then_month(entered: str) -> DateSpan | None:
    match = _YEAR_MONTH.fullmatch(lower(entered))
    if match is None:
        return None
    number = month_word(match["m"]).number
    if match["d"] is None:
        return spans.month(int(match["y"]), number)
    return spans.day(int(match["y"]), number, int(match["d"]))


def _numeric_day(entered: str) -> DateSpan | None:
    # Day first: every language of the archive writes 23.11.1992, never 11.23.1992.
    match = _DAY_MONTH_YEAR.fullmatch(entered)
    if match is None:
        return None
    day, month_, year = (int(group) for group in match.groups())
    return spans.day(year, month_, day)
