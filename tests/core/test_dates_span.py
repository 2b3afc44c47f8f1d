from datetime import date

import pytest

from uzkz_desktop.core.dates import DateSpan, Precision


def test_day_edtf() -> None:
    assert DateSpan.day(1992, 11, 23).edtf == "1992-11-23"


def test_month_span_covers_the_whole_month() -> None:
    span = DateSpan.month(2024, 2)
    assert (span.start, span.end, span.edtf) == (date(2024, 2, 1), date(2024, 2, 29), "2024-02")


def test_year_range_edtf() -> None:
    span = DateSpan(date(2024, 1, 1), date(2034, 12, 31), Precision.YEAR)
    assert span.edtf == "2024/2034"


def test_day_range_edtf() -> None:
    span = DateSpan(date(2023, 2, 18), date(2023, 2, 19), Precision.DAY)
    assert span.edtf == "2023-02-18/2023-02-19"


def test_approximate_and_uncertain_qualifiers() -> None:
    span = DateSpan(date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, approximate=True)
    assert span.edtf == "2024~"
    both = DateSpan(date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, True, True)
    assert both.edtf == "2024%"


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValueError, match="ends before"):
        DateSpan(date(2024, 2, 1), date(2024, 1, 1), Precision.DAY)


def test_mixed_precision_range_edtf() -> None:
    span = DateSpan(
        date(2000, 4, 17), date(2008, 12, 31), Precision.DAY, end_precision=Precision.YEAR
    )
    assert span.edtf == "2000-04-17/2008"
