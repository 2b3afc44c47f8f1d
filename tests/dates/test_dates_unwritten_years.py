"""Forms whose year is not written next to them, bare ranges of years and weak month words.

A part of a relative year ("the first two months of this year", "вторую половину текущего
года"); a month after a preposition ("in April", "в январе–феврале", "last October"); an
English month and day with no year; a bare range of years ("2024–2034", "1993 – 17.04.2000");
a Russian year after a preposition ("с 2022"); a year and its months in brackets ("2023 г.
(апрель–сентябрь)"); "марта" and "May" confirmed by a dateline, the language around them or a
capital; and which earlier year a day or month with no year takes. Each case is a sentence,
its year of writing, and the (expression, EDTF, resolved by context) triples `find_dates`
must return for it, in order.
"""

import pytest
from dates_found import found

from uzkz_desktop.dates import find_dates, parse_date

Found = list[tuple[str, str, bool]]
Case = tuple[str, int | None, Found]

# fmt: off
PERIODS_OF_RELATIVE_YEARS: list[Case] = [
    ("Exports grew in the first two months of this year.", 2025,
     [("the first two months of this year", "2025-01/2025-02", True)]),
    ("Output fell in the second half of last year and the first quarter of next year.", 2024,
     [("the second half of last year", "2023-07/2023-12", True),
      ("the first quarter of next year", "2025-01/2025-03", True)]),
    ("Talks began in 2021; in the first half of the year trade doubled.", 2025,
     [("2021", "2021", False), ("the first half of the year", "2021-01/2021-06", True)]),
    ("Рост ожидается во вторую половину текущего года.", 2025,
     [("вторую половину текущего года", "2025-07/2025-12", True)]),
    ("В первом полугодии этого года и во втором полугодии прошлого года объём рос.", 2024,
     [("первом полугодии этого года", "2024-01/2024-06", True),
      ("втором полугодии прошлого года", "2023-07/2023-12", True)]),
    ("Второе полугодие текущего года; в первой половине 2023 года; за первые два месяца "
     "этого года", 2025,
     [("Второе полугодие текущего года", "2025-07/2025-12", True),
      ("первой половине 2023 года", "2023-01/2023-06", False),
      ("за первые два месяца этого года", "2025-01/2025-02", True)]),
    # Uzbek and Kazakh put the relative year first; the same periods, already read.
    ("joriy yilning dastlabki ikki oyida; жорий йилнинг иккинчи ярмида; "
     "ағымдағы жылдың алғашқы екі айында", 2025,
     [("joriy yilning dastlabki ikki oyida", "2025-01/2025-02", True),
      ("жорий йилнинг иккинчи ярмида", "2025-07/2025-12", True),
      ("ағымдағы жылдың алғашқы екі айында", "2025-01/2025-02", True)]),
]

# "половина" names a half of a year only with a year after it.
PERIOD_TRAPS: list[Case] = [
    ("во второй половине XX века; первая половина дня", 2025, []),
    ("the first half of the match", 2025, []),
]

MONTHS_AFTER_A_PREPOSITION: list[Case] = [
    ("The ministers will meet in April.", 2025, [("April", "2025-04", True)]),
    ("Trade grew in 2023. In September the sides met again.", 2025,
     [("2023", "2023", False), ("September", "2023-09", True)]),
    ("The treaty was signed last October and ratified this March.", 2025,
     [("last October", "2024-10", True), ("this March", "2025-03", True)]),
    ("Work continues from January to March, since early June and until mid-November.", 2024,
     [("January to March", "2024-01/2024-03", True), ("June", "2024-06", True),
      ("November", "2024-11", True)]),
    ("between February and May; next December", 2024,
     [("February and May", "2024-02/2024-05", True), ("next December", "2025-12", True)]),
    ("The plan was approved in April of 2022.", 2025, [("April of 2022", "2022-04", False)]),
    ("Товарооборот в январе–феврале вырос, а в апреле ожидается визит.", 2025,
     [("январе–феврале", "2025-01/2025-02", True), ("апреле", "2025-04", True)]),
    ("С марта по май идут работы; до декабря завершат; в мае и в июне.", 2024,
     [("марта по май", "2024-03/2024-05", True), ("декабря", "2024-12", True),
      ("мае", "2024-05", True), ("июне", "2024-06", True)]),
    ("В 2022 году начали строительство, в октябре открыли движение.", 2025,
     [("2022 году", "2022", False), ("октябре", "2022-10", True)]),
    ("Товарооборот в январе–феврале 1,2 млрд долларов.", 2025,
     [("январе–феврале", "2025-01/2025-02", True)]),
    ("in April; в апреле", None, []),
]

# English needs its capital; two months joined by "and" without "between" are two months;
# a number like a year after the month belongs to other rules.
MONTH_TRAPS: list[Case] = [
    ("the guests in may leave early; in march we walked", 2025, []),
    ("in May and July", 2025, [("May", "2025-05", True)]),
    ("В марте 2000 человек вышли на работу", 2025, []),
    ("Ukrainian Mart and April Street", 2025, []),
]

RELATIVE_MONTH_RANGES: list[Case] = [
    ("В 2024 году рост. В январе–марте текущего года и в апреле–мае прошлого года.", 2025,
     [("2024 году", "2024", False), ("январе–марте текущего года", "2025-01/2025-03", True),
      ("апреле–мае прошлого года", "2024-04/2024-05", True)]),
    ("January–March this year", 2025, [("January–March this year", "2025-01/2025-03", True)]),
    ("в январе нынешнего года, в минувшем году, в будущем году", 2025,
     [("январе нынешнего года", "2025-01", True), ("в минувшем году", "2024", True),
      ("в будущем году", "2026", True)]),
    ("В 2023 году спад; в январе–феврале т.г. рост, 15 марта с.г. подписали.", 2025,
     [("2023 году", "2023", False), ("январе–феврале т.г.", "2025-01/2025-02", True),
      ("15 марта с.г.", "2025-03-15", True)]),
]

ENGLISH_MONTH_DAYS: list[Case] = [
    ("The presidents met on April 16 in Samarkand.", 2025, [("April 16", "2025-04-16", True)]),
    ("In 2019 the forum ran on May 9–10.", 2025,
     [("2019", "2019", False), ("May 9–10", "2019-05-09/2019-05-10", True)]),
    ("The summit opened on March 16th.", 2024, [("March 16th", "2024-03-16", True)]),
]

ENGLISH_MONTH_DAY_TRAPS: list[Case] = [
    ("the march 16 kilometres long; May 5 million tonnes", 2025, []),
]

BARE_YEAR_RANGES: list[Case] = [
    ("The programme for 2024–2034 sets new targets.", 2025,
     [("2024–2034", "2024/2034", False)]),
    ("The 2019-2020 elections and the 2021 — 2022 season.", 2025,
     [("2019-2020", "2019/2020", False), ("2021 — 2022", "2021/2022", False)]),
    ("Strategiya 2022–2026 qabul qilindi.", 2025, [("2022–2026", "2022/2026", False)]),
    ("Программа 2025–2030 утверждена.", 2025, [("2025–2030", "2025/2030", False)]),
    ("Posts held: 1993 – 17.04.2000, then 17.04.2000 – 2008.", 2025,
     [("1993 – 17.04.2000", "1993/2000-04-17", False),
      ("17.04.2000 – 2008", "2000-04-17/2008", False)]),
    ("Rahbar (1995 – 12.2001).", 2025, [("1995 – 12.2001", "1995/2001-12", False)]),
]

# Pages, volumes, citations, reversed or equal years, implausible years, counts, ISBNs.
BARE_YEAR_RANGE_TRAPS: list[Case] = [
    ("Journal of History, 2019, pp. 2021–2025.", 2025, []),
    ("as argued before [2018–2020] and (Smith, 2019–2021)", 2025, []),
    ("Bulletin 12, 2017-2018 issue", 2025, []),
    ("2024–2019; 2020–2020; 1850–1860; 2150–2200", 2025, []),
    ("2000–2050 km of road; ISBN 978-5-2024-2030-1; тел. 8 (71) 2000-2024", 2025, []),
    ("2019–2020–2021", 2025, []),
]

RUSSIAN_BARE_YEARS: list[Case] = [
    ("С 2022 действует новый режим, а до 2030 осталось немного.", 2025,
     [("2022", "2022", False), ("2030", "2030", False)]),
    ("в 2019–2020 рост замедлился; с 2016 по 2018 и между 2011 и 2013", 2025,
     [("2019–2020", "2019/2020", False), ("2016 по 2018", "2016/2018", False),
      ("2011 и 2013", "2011/2013", False)]),
    ("К 2030 Узбекистан планирует; после 2015, в 2021 и 2022 …", 2025,
     [("2030", "2030", False), ("2015", "2015", False), ("2021", "2021", False)]),
]

# A count after the number, a year word (other rules), a decade or "2024-м".
RUSSIAN_BARE_YEAR_TRAPS: list[Case] = [
    ("с 2022 участниками, в 2000 раз, до 2000 лет, в 2000 домах, до 2000 человек", 2025, []),
    ("между 2000 рублей", 2025, []),
    ("в 1850 и в 2150", 2025, []),
    ("с 2022 года; в 1990-х; в 2024-м году", 2025,
     [("2022 года", "2022", False), ("1990-х", "1990/1999", False),
      ("2024-м году", "2024", False)]),
]

YEARS_THEN_MONTHS: list[Case] = [
    ("В 2023 г. (апрель–сентябрь) проводился мониторинг.", 2024,
     [("2023 г. (апрель–сентябрь)", "2023-04/2023-09", False)]),
    ("2024 yil (yanvar–mart) natijalari; 2022 йил (май) ҳисоботи", 2025,
     [("2024 yil (yanvar–mart)", "2024-01/2024-03", False),
      ("2022 йил (май)", "2022-05", False)]),
    ("2024 жылы (наурыз–мамыр) өткізілді.", 2025,
     [("2024 жылы (наурыз–мамыр)", "2024-03/2024-05", False)]),
    ("Fieldwork in 2021 (March–June) and 2022 (October).", 2025,
     [("2021 (March–June)", "2021-03/2021-06", False), ("2022 (October)", "2022-10", False)]),
]

YEARS_THEN_MONTHS_TRAPS: list[Case] = [
    ("2023–2025-yillar (yanvar–mart)", 2025, [("2023–2025-yillar", "2023/2025", False)]),
    ("2500 (mart) va 2023 (qarang)", 2025, []),
]

WEAK_MONTH_WORDS: list[Case] = [
    ("АСТАНА, 14 марта — Президенты двух стран обсудили сотрудничество.", 2025,
     [("14 марта", "2025-03-14", True)]),
    ("ASTANA, 5 қазан. Келіссөздер өтті.", 2024, [("5 қазан", "2024-10-05", True)]),
    ("Соглашение подписано 3 марта в Ташкенте.", 2025, [("3 марта", "2025-03-03", True)]),
    ("Министры встретились 14–15 марта.", 2025, [("14–15 марта", "2025-03-14/2025-03-15", True)]),
    ("The leaders met on 9 May in Tashkent.", 2024, [("9 May", "2024-05-09", True)]),
]

# "марта" is Uzbek "times": around Uzbek letters, or with nothing Russian, it is no month.
WEAK_MONTH_TRAPS: list[Case] = [
    ("Экспорт 3 марта кўпайди.", 2025, []),
    ("Савдо ҳажми 2 марта ошди, бу 5 марта кўп.", 2025, []),
    ("Tashkent, 3 марта ошди", 2025, []),
    ("Figure 2 may show that 10 may be true", 2025, []),
    ("Samovarda 5 қазан бар", 2025, []),
]

# Which earlier year a day or a month with no year takes.
YEARS_FROM_CONTEXT: list[Case] = [
    ("Президентлар 9 август куни учрашди.", 2024, [("9 август куни", "2024-08-09", True)]),
    ("2019 йилда шартнома имзоланган. Президентлар 9 август куни учрашди.", 2024,
     [("2019 йилда", "2019", False), ("9 август куни", "2019-08-09", True)]),
    # A year counted from the year of writing, in an earlier sentence: the year of writing.
    ("Ўтган йили савдо ўсди. Президентлар 9 август куни учрашди.", 2024,
     [("Ўтган йили", "2023", True), ("9 август куни", "2024-08-09", True)]),
    ("В прошлом году товарооборот вырос. В январе–феврале рост продолжился.", 2025,
     [("В прошлом году", "2024", True), ("январе–феврале", "2025-01/2025-02", True)]),
    # In its own sentence it is that year.
    ("O‘tgan yili 15-martda uchrashdi, 20-aprelda esa shartnoma imzolandi.", 2025,
     [("O‘tgan yili 15-martda", "2024-03-15", True), ("20-aprelda", "2024-04-20", True)]),
    # A deadline is not the year the text goes on in.
    ("2030 йилгача савдони ошириш кўзда тутилган. 9 август куни учрашув бўлди.", 2024,
     [("2030 йилгача", "2030", False), ("9 август куни", "2024-08-09", True)]),
    ("2030 yilga qadar; 15-noyabrda; до 2030 года; 5 мая; by 2030, on 9 May", 2025,
     [("2030 yilga", "2030", False), ("15-noyabrda", "2025-11-15", True),
      ("2030 года", "2030", False), ("5 мая", "2025-05-05", True), ("2030", "2030", False),
      ("9 May", "2025-05-09", True)]),
    ("The centre opened in 2019, and in April the first trains ran.", 2025,
     [("2019", "2019", False), ("April", "2019-04", True)]),
]
# fmt: on

CASES = [
    *PERIODS_OF_RELATIVE_YEARS,
    *PERIOD_TRAPS,
    *MONTHS_AFTER_A_PREPOSITION,
    *MONTH_TRAPS,
    *RELATIVE_MONTH_RANGES,
    *ENGLISH_MONTH_DAYS,
    *ENGLISH_MONTH_DAY_TRAPS,
    *BARE_YEAR_RANGES,
    *BARE_YEAR_RANGE_TRAPS,
    *RUSSIAN_BARE_YEARS,
    *RUSSIAN_BARE_YEAR_TRAPS,
    *YEARS_THEN_MONTHS,
    *YEARS_THEN_MONTHS_TRAPS,
    *WEAK_MONTH_WORDS,
    *WEAK_MONTH_TRAPS,
    *YEARS_FROM_CONTEXT,
]


@pytest.mark.parametrize(("text", "document_year", "expected"), CASES)
def test_found(text: str, document_year: int | None, expected: Found) -> None:
    assert found(text, document_year) == expected


@pytest.mark.parametrize(
    ("text", "kind", "precision", "end_precision"),
    [
        ("the first two months of this year", "relative", "month", None),
        ("last October", "relative", "month", None),
        ("in April", "date", "month", None),
        ("в январе–феврале", "range", "month", None),
        ("The programme for 2024–2034", "range", "year", None),
        ("1993 – 17.04.2000", "range", "year", "day"),
        ("С 2022 действует", "date", "year", None),
        ("2023 г. (апрель–сентябрь)", "range", "month", None),
        ("АСТАНА, 14 марта", "date", "day", None),
    ],
)
def test_kind_and_precision(text: str, kind: str, precision: str, end_precision: str) -> None:
    (mention,) = find_dates(text, document_year=2025)
    assert (mention.kind, mention.span.precision, mention.span.end_precision) == (
        kind,
        precision,
        end_precision,
    )


def test_include_bare_years_false_keeps_months_without_a_written_year() -> None:
    text = "С 2022 действует; 2024–2034; в апреле; 2023 г. (апрель–сентябрь); last October"
    found = find_dates(text, document_year=2025, include_bare_years=False)
    assert [m.text for m in found] == ["апреле", "2023 г. (апрель–сентябрь)", "last October"]


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("1993 – 17.04.2000", "1993/2000-04-17"),
        ("2023 г. (апрель–сентябрь)", "2023-04/2023-09"),
        ("с 2022", "2022"),
    ],
)
def test_typed(typed: str, edtf: str) -> None:
    span = parse_date(typed)
    assert span is not None
    assert span.edtf == edtf


def test_a_month_typed_alone_needs_the_year_of_writing() -> None:
    assert parse_date("in April") is None
    span = parse_date("in April", document_year=2025)
    assert span is not None
    assert span.edtf == "2025-04"
