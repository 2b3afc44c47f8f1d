"""How precisely a date is known, and a span of days with that precision.

A source may say "2024", "noyabr 2025" or "23-noyabr 1992": the archive keeps the
span it covers (first and last day) and the precision, never a made-up day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Inclusive span of days.

    `precision` is how finely the start is known; `end_precision` is set only when the end
    is known differently ("17.04.2000 – 2008": a day, then a year).
    """

    start: date
    end: date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False
    end_precision: Precision | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends before it starts: {self.start} > {self.end}")

    @classmethod
    def day(cls, year: int, month: int, day: int) -> DateSpan:
        d = date(year, month, day)
        return cls(d, d, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DateSpan:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> DateSpan:
        return cls(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)

    @property
    def is_point(self) -> bool:
        """True when the span is exactly one unit of its precision (one day, month or year)."""
        return self.edtf_start == self.edtf_end

    @property
    def edtf_start(self) -> str:
        return _edtf_point(self.start, self.precision)

    @property
    def edtf_end(self) -> str:
        return _edtf_point(self.end, self.end_precision or self.precision)

    @property
    def edtf(self) -> str:
        """EDTF (ISO 8601-2): '1992-11-23', '2025-11', '2024/2034', '2023-02-18/2023-02-19'."""
        suffix = _qualifier(self.approximate, self.uncertain)
        if self.is_point:
            return self.edtf_start + suffix
        return f"{self.edtf_start}{suffix}/{self.edtf_end}{suffix}"


def _edtf_point(d: date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{d.year:04d}"
    if precision is Precision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _qualifier(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    if approximate:
        return "~"
    if uncertain:
        return "?"
    return ""
