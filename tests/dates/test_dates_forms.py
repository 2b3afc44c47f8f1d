"""Written forms per language, including the held-out forms of uz_text_eval.md §4.3.

Each case is a sentence and the (expression, EDTF) pairs `find_dates` must return for it, in
order. The year of writing is 2025 unless a case says otherwise.
"""

import pytest

from uzkz_desktop.dates import find_dates

Case = tuple[str, list[tuple[str, str]]]

# fmt: off
UZ_LATIN: list[Case] = [
    ("Ikki davlat o‘rtasida 1992-yil 23-noyabrda diplomatik aloqalar o‘rnatildi.",
     [("1992-yil 23-noyabrda", "1992-11-23")]),
    ("Prezidentning 2017 yil 7 fevraldagi farmoni bilan",
     [("2017 yil 7 fevraldagi", "2017-02-07")]),
    ("Mehmonlar 2020-yilda keldi va 28-yanvarda qaytdi.",
     [("2020-yilda", "2020"), ("28-yanvarda", "2020-01-28")]),
    ("2023-yil 15-16 sentabr kunlari forum bo‘ldi",
     [("2023-yil 15-16 sentabr", "2023-09-15/2023-09-16")]),
    ("Qonun 2024-yilda qabul qilindi va 1-apreldan kuchga kirdi.",
     [("2024-yilda", "2024"), ("1-apreldan", "2024-04-01")]),
    ("2022-yilning noyabrida post yopildi", [("2022-yilning noyabrida", "2022-11")]),
    ("2023-yil 18-19 fevral kunlari", [("2023-yil 18-19 fevral", "2023-02-18/2023-02-19")]),
    ("2016 - yildan keyingi davrda, 2030-yilgacha, 1991-yildan buyon",
     [("2016 - yildan", "2016"), ("2030-yilgacha", "2030"), ("1991-yildan", "1991")]),
    ("2023–2025-yillarda, 2025–2026 yillarga, 2026-2027-yillarga, 1993-2000-yillar",
     [("2023–2025-yillarda", "2023/2025"), ("2025–2026 yillarga", "2025/2026"),
      ("2026-2027-yillarga", "2026/2027"), ("1993-2000-yillar", "1993/2000")]),
    ("2016-yildan 2024-yilgacha savdo o‘sdi", [("2016-yildan 2024-yilgacha", "2016/2024")]),
    ("1990-yillarda mintaqa o‘zgardi", [("1990-yillarda", "1990/1999")]),
    ("2023-2024 o‘quv yilida talabalar almashildi",
     [("2023-2024 o‘quv yilida", "2023/2024")]),
    ("2025-yilning birinchi yarmida va 2024-yilning II choragida",
     [("2025-yilning birinchi yarmida", "2025-01/2025-06"),
      ("2024-yilning II choragida", "2024-04/2024-06")]),
    ("2025-yilda savdo o‘sdi; dastlabki olti oyda 2 milliard dollar",
     [("2025-yilda", "2025"), ("dastlabki olti oyda", "2025-01/2025-06")]),
    ("Bu yil va o‘tgan yil, kelgusi yil", [("Bu yil", "2025"), ("o‘tgan yil", "2024"),
                                           ("kelgusi yil", "2026")]),
    ("O‘tgan yilning may oyida shartnoma imzolandi", [("O‘tgan yilning may oyida", "2024-05")]),
    ("O'tgan yilning 5-mayida, to„rt oy o'tib", [("O'tgan yilning 5-mayida", "2024-05-05")]),
    ("2025 yilda. Keyin noyabr oyida yana uchrashdilar.",
     [("2025 yilda", "2025"), ("noyabr oyida", "2025-11")]),
    ("Sana: 15.03.2024, ISO: 2025-03-16", [("15.03.2024", "2024-03-15"),
                                          ("2025-03-16", "2025-03-16")]),
]

UZ_CYRILLIC: list[Case] = [
    ("1992 йил ноябрь ойида дипломатик муносабатлар ўрнатилди",
     [("1992 йил ноябрь ойида", "1992-11")]),
    ("2019 йил 28 декабрдаги қарор, 2 май куни", [("2019 йил 28 декабрдаги", "2019-12-28"),
                                                  ("2 май куни", "2019-05-02")]),
    ("2023 йилда қабул қилинган, 28 декабрдаги қарор",
     [("2023 йилда", "2023"), ("28 декабрдаги", "2023-12-28")]),
    ("2017 йилдан бошлаб инвестициялар 2023 йилда ошди",
     [("2017 йилдан", "2017"), ("2023 йилда", "2023")]),
    ("2024-2034 йилларга мўлжалланган дастур", [("2024-2034 йилларга", "2024/2034")]),
    ("2022 йилнинг ноябрида ва 2023 йилнинг ноябрь ойида",
     [("2022 йилнинг ноябрида", "2022-11"), ("2023 йилнинг ноябрь ойида", "2023-11")]),
    ("2021 йил 5-6 декабрь кунлари", [("2021 йил 5-6 декабрь", "2021-12-05/2021-12-06")]),
    ("Жорий йилнинг 15 ноябрида учрашув бўлди", [("Жорий йилнинг 15 ноябрида", "2025-11-15")]),
    ("Ўтган йили савдо ўсди, келгуси йилда ҳам ўсади",
     [("Ўтган йили", "2024"), ("келгуси йилда", "2026")]),
    ("2020 йилда келишилди. Март ойида келишув имзоланди",
     [("2020 йилда", "2020"), ("Март ойида", "2020-03")]),
    ("15 июль 2020 й. эълон қилинган", [("15 июль 2020 й.", "2020-07-15")]),
    ("2024/2025 ўқув йилида", [("2024/2025 ўқув йилида", "2024/2025")]),
    ("2025 йилнинг дастлабки тўрт ойида", [("2025 йилнинг дастлабки тўрт ойида",
                                             "2025-01/2025-04")]),
]

RUSSIAN: list[Case] = [
    ("Закон от 15 марта 2024 года вступил в силу.", [("15 марта 2024 года", "2024-03-15")]),
    ("В декабре 2022 года стороны подписали соглашение.", [("декабре 2022 года", "2022-12")]),
    ("С 1 января 2025 г. действует новый режим.", [("1 января 2025 г.", "2025-01-01")]),
    ("в период после 1991 года", [("1991 года", "1991")]),
    ("в 2024 году и в 2024-м году", [("2024 году", "2024"), ("2024-м году", "2024")]),
    ("Товарооборот в первом полугодии 2024 года вырос.",
     [("первом полугодии 2024 года", "2024-01/2024-06")]),
    ("За 9 месяцев 2024 года объём вырос.", [("За 9 месяцев 2024 года", "2024-01/2024-09")]),
    ("в прошлом году вырос, а в этом году ещё больше",
     [("в прошлом году", "2024"), ("в этом году", "2025")]),
    ("15 марта текущего года; в марте прошлого года",
     [("15 марта текущего года", "2025-03-15"), ("марте прошлого года", "2024-03")]),
    ("в 1990-х годах; 2019–2021 гг.; с 2016 по 2024 год",
     [("1990-х годах", "1990/1999"), ("2019–2021 гг.", "2019/2021"),
      ("2016 по 2024 год", "2016/2024")]),
    ("15 нояб. 2024 г.; 3 дек. 2023 г.; 5 февр. 2021 г.; 7 сент. 2022 г.; 1 янв. 2020 г.",
     [("15 нояб. 2024 г.", "2024-11-15"), ("3 дек. 2023 г.", "2023-12-03"),
      ("5 февр. 2021 г.", "2021-02-05"), ("7 сент. 2022 г.", "2022-09-07"),
      ("1 янв. 2020 г.", "2020-01-01")]),
    ("за январь–сентябрь 2024 года", [("январь–сентябрь 2024 года", "2024-01/2024-09")]),
    ("до конца текущего года", [("текущего года", "2025")]),
]

ENGLISH: list[Case] = [
    ("The visit took place on March 16, 2025 in Tashkent.", [("March 16, 2025", "2025-03-16")]),
    ("The forum was held on 5 September 2023.", [("5 September 2023", "2023-09-05")]),
    ("The report, dated 2025-03-16, says so.", [("2025-03-16", "2025-03-16")]),
    ("Trend.Az, 7 Apr 2024. (Accessed: 27 Dec. 2025).",
     [("7 Apr 2024", "2024-04-07"), ("27 Dec. 2025", "2025-12-27")]),
    ("relations since 1991. In 2024 trade grew.", [("1991", "1991"), ("2024", "2024")]),
    ("joint projects implemented during 2023–2025.", [("2023–2025", "2023/2025")]),
    ("from 2016 to 2024 and between 2017 and 2019",
     [("2016 to 2024", "2016/2024"), ("2017 and 2019", "2017/2019")]),
    ("in the first half of 2024 and the first four months of 2025",
     [("the first half of 2024", "2024-01/2024-06"),
      ("the first four months of 2025", "2025-01/2025-04")]),
    ("Q1 2024 and H2 2023", [("Q1 2024", "2024-01/2024-03"), ("H2 2023", "2023-07/2023-12")]),
    ("This year and last year, in March this year",
     [("This year", "2025"), ("last year", "2024"), ("March this year", "2025-03")]),
    ("Jan 2024, Sept. 2023, Feb. 10, 2023, 16th of March 2025",
     [("Jan 2024", "2024-01"), ("Sept. 2023", "2023-09"), ("Feb. 10, 2023", "2023-02-10"),
      ("16th of March 2025", "2025-03-16")]),
    ("in the 1990s, circa 1995", [("1990s", "1990/1999"), ("1995", "1995~")]),
    ("January–September 2024 figures", [("January–September 2024", "2024-01/2024-09")]),
]

KAZAKH: list[Case] = [
    ("2024 жылғы 15 наурызда келісім жасалды", [("2024 жылғы 15 наурызда", "2024-03-15")]),
    ("2023 жылдың қазан айында кездесу өтті", [("2023 жылдың қазан айында", "2023-10")]),
    ("2024 жылы сауда өсті", [("2024 жылы", "2024")]),
    ("2023 жылдан бастап", [("2023 жылдан", "2023")]),
    ("2024-2034 жылдарға арналған бағдарлама", [("2024-2034 жылдарға", "2024/2034")]),
    ("2025 жылғы 3 сәуірде және 2022 жылдың қаңтар айында",
     [("2025 жылғы 3 сәуірде", "2025-04-03"), ("2022 жылдың қаңтар айында", "2022-01")]),
    ("2024 жылдың бірінші жартысында", [("2024 жылдың бірінші жартысында", "2024-01/2024-06")]),
    ("2024 жылдың алғашқы төрт айында", [("2024 жылдың алғашқы төрт айында",
                                          "2024-01/2024-04")]),
    ("2023 жылғы 5-6 қазанда", [("2023 жылғы 5-6 қазанда", "2023-10-05/2023-10-06")]),
    ("Биыл наурызда және былтыр 5 мамырда",
     [("Биыл наурызда", "2025-03"), ("былтыр 5 мамырда", "2024-05-05")]),
    ("өткен жылы және келесі жылы", [("өткен жылы", "2024"), ("келесі жылы", "2026")]),
    ("2016 жылдан 2024 жылға дейін", [("2016 жылдан 2024 жылға дейін", "2016/2024")]),
    ("2024 ж. 15 желтоқсан", [("2024 ж. 15 желтоқсан", "2024-12-15")]),
]
# fmt: on


def _found(text: str, document_year: int | None = 2025) -> list[tuple[str, str]]:
    return [(m.text, m.span.edtf) for m in find_dates(text, document_year=document_year)]


@pytest.mark.parametrize(("text", "expected"), UZ_LATIN)
def test_uzbek_latin(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), UZ_CYRILLIC)
def test_uzbek_cyrillic(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), RUSSIAN)
def test_russian(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), KAZAKH)
def test_kazakh(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "noyabrda, noyabrida, oktabrda, sentyabrda, sentabrda",
            ["2024-11-05", "2024-11-06", "2024-10-07", "2024-09-08", "2024-09-09"],
        ),
        (
            "декабрда, декабрдаги, мартда, наурызда, қыркүйекте",
            ["2024-12-05", "2024-12-06", "2024-03-07", "2024-03-08", "2024-09-09"],
        ),
    ],
)
def test_inflected_month_names(text: str, expected: list[str]) -> None:
    # Each inflected name after a day of its own, in one 2024 text.
    days = iter(range(5, 10))
    sentence = "2024 yilda. " + ", ".join(f"{next(days)} {word}" for word in text.split(", "))
    assert [m.span.edtf for m in find_dates(sentence)][1:] == expected


@pytest.mark.parametrize("apostrophe", ["‘", "’", "'", "ʻ", "ʼ", "„", "‟", "`", ""])
def test_any_apostrophe_in_uzbek_words(apostrophe: str) -> None:
    text = f"2025- yilning birinchi to{apostrophe}rt oyida; o{apostrophe}tgan yilning may oyida"
    assert _found(text) == [
        (f"2025- yilning birinchi to{apostrophe}rt oyida", "2025-01/2025-04"),
        (f"o{apostrophe}tgan yilning may oyida", "2024-05"),
    ]


def test_a_list_of_two_days_shares_the_year() -> None:
    first, second = find_dates("2024-yil 15 aprel va 26 noyabrda vazirlar uchrashdi")
    assert (first.text, first.span.edtf, first.resolved_by_context) == (
        "2024-yil 15 aprel",
        "2024-04-15",
        False,
    )
    assert (second.text, second.span.edtf, second.resolved_by_context) == (
        "26 noyabrda",
        "2024-11-26",
        True,
    )


def test_shu_yil_takes_the_latest_year_named_before_it() -> None:
    text = "2021 yilda yo‘l xaritasi, 2022 yilda Abay kunlari o‘tdi. Shu yil dekabr oyida"
    assert _found(text, None)[-1] == ("Shu yil dekabr oyida", "2022-12")


def test_shu_yil_without_an_earlier_year_is_the_year_of_writing() -> None:
    assert _found("Shu yilning noyabrida", 2025) == [("Shu yilning noyabrida", "2025-11")]
    assert _found("Shu yilning noyabrida", None) == []


def test_relative_expressions_need_the_year_of_writing() -> None:
    text = "joriy yilning 15-noyabr kuni; o‘tgan yil; this year; в прошлом году; биыл"
    assert _found(text, None) == []
    assert _found(text, 2024) == [
        ("joriy yilning 15-noyabr kuni", "2024-11-15"),
        ("o‘tgan yil", "2023"),
        ("this year", "2024"),
        ("в прошлом году", "2023"),
        ("биыл", "2024"),
    ]


def test_relative_expressions_are_marked() -> None:
    (mention,) = find_dates("Жорий йил август ойида", document_year=2024)
    assert (mention.kind, mention.resolved_by_context, mention.span.edtf) == (
        "relative",
        True,
        "2024-08",
    )


def test_a_bare_month_without_an_earlier_year_is_dropped() -> None:
    assert _found("Март ойида келишув имзоланди; noyabr oyida", 2025) == []


def test_a_day_without_an_earlier_year_is_in_the_year_of_writing() -> None:
    assert _found("Март ойида келишув имзоланди; noyabr oyida; 28-yanvarda", 2025) == [
        ("28-yanvarda", "2025-01-28")
    ]
    assert _found("28-yanvarda", None) == []


def test_a_range_does_not_become_the_context_year() -> None:
    text = "2022 yilda boshlandi. 2023–2025-yillarda davom etdi. Shu yilning noyabrida"
    assert _found(text, None)[-1] == ("Shu yilning noyabrida", "2022-11")


def test_kinds() -> None:
    text = (
        "2023-yilda; 2023-yil 18-19 fevral; 2025- yilning birinchi to‘rt oyida; "
        "joriy yil; 17.04.2000 – 2008"
    )
    assert [m.kind for m in find_dates(text, document_year=2025)] == [
        "date",
        "range",
        "period",
        "relative",
        "range",
    ]


def test_include_bare_years_false_keeps_only_months_and_days() -> None:
    text = "2023-yilda, in 2024, (1993 – 2000), bu yil, 2023-yil noyabr oyida, 17.04.2000 – 2008"
    assert [m.text for m in find_dates(text, document_year=2025, include_bare_years=False)] == [
        "2023-yil noyabr oyida",
        "17.04.2000 – 2008",
    ]


def test_mixed_precision_range() -> None:
    (mention,) = find_dates("Butayarov Turdiqul Suvanovich (17.04.2000 – 2008).")
    assert (mention.span.edtf, mention.span.precision, mention.span.end_precision) == (
        "2000-04-17/2008",
        "day",
        "year",
    )
