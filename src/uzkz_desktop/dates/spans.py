"""Safe `DateSpan` builders: each returns None instead of raising on an impossible date."""

from __future__ import annotations

import calendar
from dataclasses import replace

from uzkz_desktop.core.dates import DateSpan

# Years outside this window are OCR noise, page numbers or quantities, not dates of the
# archive's subject.
FIRST_YEAR = 1000
LAST_YEAR = 2200
# A 4-digit number with no year word next to it ("in 1992", "(1993 – 2000)") must fall here.
FIRST_BARE_YEAR = 1900
LAST_BARE_YEAR = 2100


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def plausible_bare_year(year: int) -> bool:
    return FIRST_BARE_YEAR <= year <= LAST_BARE_YEAR


def day(year: int, month: int, day_: int) -> DateSpan | None:
    if not valid_year(year) or not 1 <= month <= 12:
        return None
    if not 1 <= day_ <= calendar.monthrange(year, month)[1]:
        return None  # 31.02.2024, 30 fevral
    return DateSpan.day(year, month, day_)


def month(year: int, month_: int) -> DateSpan | None:
    if not valid_year(year) or not 1 <= month_ <= 12:
        return None
    return DateSpan.month(year, month_)


def year(year_: int) -> DateSpan | None:
    return DateSpan.year(year_) if valid_year(year_) else None


def months(year_: int, first: int, last: int) -> DateSpan | None:
    """Months first..last of one year, at month precision: "yanvar–noyabr" → 01/11."""
    return between(month(year_, first), month(year_, last))


def decade(first_year: int) -> DateSpan | None:
    """The 1990s: 1990/1999 at year precision."""
    if first_year % 10:
        return None
    return between(year(first_year), year(first_year + 9))


def between(first: DateSpan | None, last: DateSpan | None) -> DateSpan | None:
    """From the start of `first` to the end of `last`; None unless `last` comes later.

    The end keeps its own precision: "17.04.2000 – 2008" is a day, then a year.
    """
    if first is None or last is None or last.start < first.start or last.end < first.end:
        return None
    end_precision = None if last.precision is first.precision else last.precision
    return DateSpan(first.start, last.end, first.precision, end_precision=end_precision)


def qualified(span: DateSpan, *, approximate: bool = False, uncertain: bool = False) -> DateSpan:
    return replace(span, approximate=approximate, uncertain=uncertain)
