"""Forms read against the year of writing or the start of a sentence.

The end or the beginning of a year, an English year as a sentence's subject, a day and month
with no year before it (the year of writing), "since the start of the year" and "the last N
years". Each case is a sentence, its year of writing, and the (expression, EDTF, resolved by
context) triples `find_dates` must return for it, in order.
"""

import pytest
from dates_found import found

from uzkz_desktop.dates import find_dates

Found = list[tuple[str, str, bool]]
Case = tuple[str, int | None, Found]

# fmt: off
YEAR_EDGES: list[Case] = [
    ("The centre will be built on the border by the end of 2025.", 2024,
     [("end of 2025", "2025", False)]),
    ("Talks stalled at the end of 2024 and resumed at the beginning of 2023.", 2025,
     [("end of 2024", "2024", False), ("beginning of 2023", "2023", False)]),
    ("Exports fell in early 2024 and recovered in late 2024.", 2025,
     [("early 2024", "2024", False), ("late 2024", "2024", False)]),
    ("Late 2024 brought a new agreement; work began at the start of 2022.", 2025,
     [("Late 2024", "2024", False), ("start of 2022", "2022", False)]),
    ("By the end of 2024 exports rose.", 2025, [("end of 2024", "2024", False)]),
    ("Ожидается, что в конце 2024 года и в начале 2023 года объём вырос.", 2025,
     [("конце 2024 года", "2024", False), ("начале 2023 года", "2023", False)]),
    ("Товарооборот планируют довести к концу 2025 года, а до конца 2026 г. завершить.", 2025,
     [("концу 2025 года", "2025", False), ("конца 2026 г.", "2026", False)]),
    ("Loyiha 2024-yil oxirida tugadi, 2024 yil boshida esa boshlangan edi.", 2025,
     [("2024-yil oxirida", "2024", False), ("2024 yil boshida", "2024", False)]),
    ("2025-yilning oxirigacha yakunlanadi", 2025, [("2025-yilning oxirigacha", "2025", False)]),
    ("Қурилиш 2025 йил охирига қадар якунланади, 2023 йилнинг бошида бошланган.", 2025,
     [("2025 йил охирига қадар", "2025", False), ("2023 йилнинг бошида", "2023", False)]),
    ("2024 жылдың соңында келісім жасалды, 2025 жылдың соңына дейін аяқталады.", 2025,
     [("2024 жылдың соңында", "2024", False), ("2025 жылдың соңына дейін", "2025", False)]),
]

# A count after "end of", or a decade: not a year's end.
YEAR_EDGE_TRAPS: list[Case] = [
    ("at the end of 2,000 km of road", 2025, []),
    ("at the end of 2000 households", 2025, []),
    ("в конце 1990-х, 1990-yillar oxirida, late 1990s", 2025,
     [("1990-х", "1990/1999", False), ("1990-yillar", "1990/1999", False),
      ("1990s", "1990/1999", False)]),
]

YEAR_SUBJECTS: list[Case] = [
    ("2018 was declared the Year of Uzbekistan in Kazakhstan.", 2024,
     [("2018", "2018", False)]),
    ("- 2018 was declared the Year of Uzbekistan in Kazakhstan.", 2024,
     [("2018", "2018", False)]),
    ("Relations were set up in 1992. 1993 saw the first treaty.", 2024,
     [("1992", "1992", False), ("1993", "1993", False)]),
    ("2024 marked the anniversary.\n2017 became a turning point.\n* 2023 brought record trade.",
     2024, [("2024", "2024", False), ("2017", "2017", False), ("2023", "2023", False)]),
    ("1. 2019 began with a visit. 2. 2020 ended with a treaty.", 2024,
     [("2019", "2019", False), ("2020", "2020", False)]),
    ("Trade grew in 2017. 2025 will be the Year of Industry.", 2024,
     [("2017", "2017", False), ("2025", "2025", False)]),
]

# The verb must follow the year, at the start of a sentence, and the year must be plausible.
YEAR_SUBJECT_TRAPS: list[Case] = [
    ("2000 people were at the forum.", 2024, []),
    ("2000 were evacuated.", 2024, []),
    ("He said 2018 was a good year.", 2024, []),
    ("1850 was long ago. 2150 will come.", 2024, []),
]

DAY_MONTH_IN_THE_YEAR_OF_WRITING: list[Case] = [
    ("ТАШКЕНТ, 22 декабря. Президент Казахстана прибыл в Ташкент.", 2022,
     [("22 декабря", "2022-12-22", True)]),
    ("ТАШКЕНТ, 22 декабря. Переговоры прошли 22 декабря 2022 года.", 2022,
     [("22 декабря", "2022-12-22", True), ("22 декабря 2022 года", "2022-12-22", False)]),
    ("Toshkent, 15-noyabr. Prezidentlar uchrashdi, 18-19 fevral kunlari esa vazirlar.", 2025,
     [("15-noyabr", "2025-11-15", True), ("18-19 fevral", "2025-02-18/2025-02-19", True)]),
    ("Астана, 2 мамыр. Келіссөздер өтті.", 2024, [("2 мамыр", "2024-05-02", True)]),
    ("ASTANA, 9 August — The presidents met.", 2024, [("9 August", "2024-08-09", True)]),
    # A year written earlier still wins over the year of writing.
    ("2023-yilda kelishildi va 28-yanvarda imzolandi.", 2025,
     [("2023-yilda", "2023", False), ("28-yanvarda", "2023-01-28", True)]),
    # No year of writing: left out, as before.
    ("ТАШКЕНТ, 22 декабря. Президент прибыл.", None, []),
    # Weak month words and abbreviations still need a year or a confirming word.
    ("3 марта ошди, 10 mayda, Figure 2 may show, 15 Dec", 2025, []),
    ("2-may va 5 may kuni", 2025,
     [("2-may", "2025-05-02", True), ("5 may kuni", "2025-05-05", True)]),
]

YEAR_TO_DATE: list[Case] = [
    ("Yil boshidan buyon savdo 4 milliard dollarga yetdi.", 2025,
     [("Yil boshidan buyon", "2025", True)]),
    ("yil boshidan beri; joriy yil boshidan; Joriy yilning boshidan buyon", 2025,
     [("yil boshidan beri", "2025", True), ("joriy yil boshidan", "2025", True),
      ("Joriy yilning boshidan buyon", "2025", True)]),
    ("Yil boshidan hozirgacha, yanvar-sentabr oylarida", 2025,
     [("Yil boshidan hozirgacha", "2025", True), ("yanvar-sentabr oylarida", "2025-01/2025-09",
                                                  True)]),
    ("йил бошидан буён; жорий йил бошидан; жыл басынан бері", 2024,
     [("йил бошидан буён", "2024", True), ("жорий йил бошидан", "2024", True),
      ("жыл басынан бері", "2024", True)]),
    ("с начала года; С начала этого года; с начала текущего года", 2024,
     [("с начала года", "2024", True), ("С начала этого года", "2024", True),
      ("с начала текущего года", "2024", True)]),
    ("since the beginning of the year; Since the start of the year; year to date; year-to-date",
     2024,
     [("since the beginning of the year", "2024", True),
      ("Since the start of the year", "2024", True), ("year to date", "2024", True),
      ("year-to-date", "2024", True)]),
    ("Yil boshidan buyon; с начала года; year to date", None, []),
]

# Another year's start: the written year, last year, every year, or no "buyon"/"beri".
YEAR_TO_DATE_TRAPS: list[Case] = [
    ("2024-yil boshidan buyon", 2025, [("2024-yil boshidan buyon", "2024", False)]),
    ("o‘tgan yil boshidan buyon", 2025, [("o‘tgan yil", "2024", True)]),
    ("har yil boshidan beri", 2025, []),
    ("yil boshidan boshlab", 2025, []),
    ("since the start of the year 2024", 2025, [("start of the year 2024", "2024", False)]),
    ("с начала 2024 года", 2025, [("начала 2024 года", "2024", False)]),
]

LAST_YEARS: list[Case] = [
    ("munosabatlar so‘nggi o‘n yillikda jadal o‘sdi", 2025,
     [("so‘nggi o‘n yillikda", "2015/2025", True)]),
    ("so'nggi 10 yilda; oxirgi besh yilda; so‘nggi yigirma yil ichida", 2025,
     [("so'nggi 10 yilda", "2015/2025", True), ("oxirgi besh yilda", "2020/2025", True),
      ("so‘nggi yigirma yil", "2005/2025", True)]),
    ("сўнгги ўн йилликда; охирги 3 йилда; соңғы он жылда", 2024,
     [("сўнгги ўн йилликда", "2014/2024", True), ("охирги 3 йилда", "2021/2024", True),
      ("соңғы он жылда", "2014/2024", True)]),
    ("за последние 10 лет; за последние пять лет; последние два года; за последнее десятилетие",
     2025,
     [("последние 10 лет", "2015/2025", True), ("последние пять лет", "2020/2025", True),
      ("последние два года", "2023/2025", True), ("последнее десятилетие", "2015/2025", True)]),
    ("over the past decade, in the last 5 years and over the last ten years", 2025,
     [("past decade", "2015/2025", True), ("last 5 years", "2020/2025", True),
      ("last ten years", "2015/2025", True)]),
    ("so‘nggi o‘n yillikda; за последние 10 лет; over the past decade", None, []),
]

# No number, another period's last years, or no "the" before English "last"/"past".
LAST_YEARS_TRAPS: list[Case] = [
    ("so‘nggi yillarda, oxirgi yillarda, в последние годы, in recent years", 2025, []),
    ("the last ten years of the Soviet Union", 2025, []),
    ("XX asrning so‘nggi o‘n yilligida", 2025, []),
    ("his last five years; over past 4 years revealed", 2025, []),
]
# fmt: on

CASES = [
    *YEAR_EDGES,
    *YEAR_EDGE_TRAPS,
    *YEAR_SUBJECTS,
    *YEAR_SUBJECT_TRAPS,
    *DAY_MONTH_IN_THE_YEAR_OF_WRITING,
    *YEAR_TO_DATE,
    *YEAR_TO_DATE_TRAPS,
    *LAST_YEARS,
    *LAST_YEARS_TRAPS,
]


@pytest.mark.parametrize(("text", "document_year", "expected"), CASES)
def test_found(text: str, document_year: int | None, expected: Found) -> None:
    assert found(text, document_year) == expected


@pytest.mark.parametrize(
    ("text", "kind", "precision"),
    [
        ("by the end of 2025", "date", "year"),
        ("2024 жылдың соңында", "date", "year"),
        ("2018 was declared", "date", "year"),
        ("ТАШКЕНТ, 22 декабря.", "date", "day"),
        ("yil boshidan buyon", "relative", "year"),
        ("с начала года", "relative", "year"),
        ("so‘nggi o‘n yillikda", "period", "year"),
        ("за последние 10 лет", "period", "year"),
    ],
)
def test_kind_and_precision(text: str, kind: str, precision: str) -> None:
    (mention,) = find_dates(text, document_year=2025)
    assert (mention.kind, mention.span.precision, mention.span.end_precision) == (
        kind,
        precision,
        None,
    )


@pytest.mark.parametrize("apostrophe", ["‘", "’", "'", "ʻ", "ʼ", "`", ""])
def test_any_apostrophe_in_the_last_decade(apostrophe: str) -> None:
    text = f"so{apostrophe}nggi o{apostrophe}n yillikda"
    assert [(m.text, m.span.edtf) for m in find_dates(text, document_year=2025)] == [
        (text, "2015/2025")
    ]


def test_a_year_to_date_sets_the_context_year() -> None:
    found = find_dates(
        "Yil boshidan buyon savdo o‘sdi. 15-noyabrda kelishildi.", document_year=2025
    )
    assert [(m.text, m.span.edtf) for m in found] == [
        ("Yil boshidan buyon", "2025"),
        ("15-noyabrda", "2025-11-15"),
    ]


def test_the_last_years_do_not_set_the_context_year() -> None:
    text = "2020-yilda boshlandi. So‘nggi besh yilda o‘sdi. 15-noyabrda kelishildi."
    assert [(m.text, m.span.edtf) for m in find_dates(text, document_year=2025)] == [
        ("2020-yilda", "2020"),
        ("So‘nggi besh yilda", "2020/2025"),
        ("15-noyabrda", "2020-11-15"),
    ]


def test_a_span_outside_the_years_of_the_archive_is_dropped() -> None:
    # 1005 − 10 is before the first year a span may have; 10**6 is past the last.
    text = "ТАШКЕНТ, 22 декабря. Yil boshidan buyon; so‘nggi o‘n yilda"
    assert [(m.text, m.span.edtf) for m in find_dates(text, document_year=1005)] == [
        ("22 декабря", "1005-12-22"),
        ("Yil boshidan buyon", "1005"),
    ]
    assert find_dates(text, document_year=10**6) == []
