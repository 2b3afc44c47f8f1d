"""`parse_date`: one date typed by a person, in any of the languages or as EDTF."""

from datetime import date

import pytest

from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.dates import parse_date


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("23 noyabr 1992", "1992-11-23"),
        ("1992-yil 23-noyabr", "1992-11-23"),
        ("23.11.1992", "1992-11-23"),
        ("23/11/1992", "1992-11-23"),
        ("ноябрь 1992", "1992-11"),
        ("November 1992", "1992-11"),
        ("Nov 1992", "1992-11"),
        ("noyabr 1992", "1992-11"),
        ("1992 noyabr", "1992-11"),
        ("1992 ноябрь 23", "1992-11-23"),
        ("1992", "1992"),
        ("(1992)", "1992"),
        ("  2024-yil  ", "2024"),
        ("2024 йил", "2024"),
        ("in 2024", "2024"),
        ("В декабре 2022 года", "2022-12"),
        ("15 июль 2020 й.", "2020-07-15"),
        ("2024 жылғы 15 наурызда", "2024-03-15"),
        ("2024-2034", "2024/2034"),
        ("2024 – 2034", "2024/2034"),
        ("the 1990s", "1990/1999"),
        ("Q1 2024", "2024-01/2024-03"),
        ("first half of 2024", "2024-01/2024-06"),
        ("17.04.2000 – 2008", "2000-04-17/2008"),
    ],
)
def test_written_forms(typed: str, edtf: str) -> None:
    span = parse_date(typed)
    assert span is not None
    assert span.edtf == edtf


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("1992-11-23", "1992-11-23"),
        ("2025-11", "2025-11"),
        ("2024/2034", "2024/2034"),
        ("2000-04-17/2008", "2000-04-17/2008"),
        ("2023-02-18/2023-02-19", "2023-02-18/2023-02-19"),
        ("2024~", "2024~"),
        ("2024?", "2024?"),
        ("2024%", "2024%"),
        ("2024-11~", "2024-11~"),
        ("1992-11-23?", "1992-11-23?"),
        ("2024~/2034~", "2024~/2034~"),
    ],
)
def test_edtf(typed: str, edtf: str) -> None:
    span = parse_date(typed)
    assert span is not None
    assert span.edtf == edtf


def test_edtf_values() -> None:
    assert parse_date("2024~") == DateSpan(
        date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, approximate=True
    )
    assert parse_date("2024?") == DateSpan(
        date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, uncertain=True
    )
    assert parse_date("2000-04-17/2008") == DateSpan(
        date(2000, 4, 17), date(2008, 12, 31), Precision.DAY, end_precision=Precision.YEAR
    )


def test_relative_forms_use_the_year_given() -> None:
    assert parse_date("o‘tgan yil") is None
    span = parse_date("o‘tgan yil", document_year=2025)
    assert span is not None
    assert span.edtf == "2024"
    span = parse_date("joriy yilning 15-noyabr kuni", document_year=2025)
    assert span is not None
    assert span.edtf == "2025-11-15"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "hello",
        "1,3 million",
        "7,2%",
        "31.02.2024",
        "2024-02-30",
        "2024-13",
        "12345",
        "0999",
        "2300",
        "2024/2020",
        "2024-yil 15 aprel va 26 noyabr",
        "hello 2024",
        "noyabr",
        "[Mandelbaum, 1994]",
        "https://kun.uz/news/2025/03/26/",
        "+998 71 202 20 25",
        "2024" * 100,
    ],
)
def test_junk_is_none(typed: str) -> None:
    assert parse_date(typed) is None
