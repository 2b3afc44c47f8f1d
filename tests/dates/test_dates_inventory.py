"""The 45 month- and day-level expressions of the research inventory (uz_text_eval.md §4.1).

Each sits in a sentence taken from its seed file, line breaks as the PDF extraction left
them. The year of writing comes from sources.json (2025 for 000–003, 2024 for 004).
Inventory rows 28/29, 30/31 and 32/33 are the two ends of one written range
("12.2008 – 12.2011"): the grammar returns the range, whose start and end are those rows.
"""

from datetime import date

import pytest

from uzkz_desktop.core.dates import Precision
from uzkz_desktop.dates import DateMention, find_dates

DAY, MONTH = Precision.DAY, Precision.MONTH

S_000_DEC = (
    "Masalan, 2022 yilda O‘zbekistonda qozoq xalqining buyuk mutafakkiri Abay Qo‘nonboev "
    "hayoti va ijodiga bag‘ishlangan tadbirlarning o‘tkazilishi ikki xalq o‘rtasidagi "
    "ma’naviy yaqinlikni mustahkamladi. Shu yil \n\ndekabr oyida ikki davlat rahbarlarining "
    "Abay merosiga bag‘ishlangan ko‘rgazmani birgalikda tomosha qilishi"
)
S_000_HEADER = (
    "   Ustozlar uchun      pedagoglar.org \n\n86-son  5–to’plam  Dekabr-2025     Sahifa:  412 "
)
S_000_FEB = (
    "Masalan, 2023-yil 18-\n\n19 fevral kunlari O‘zbekiston tashqi ishlar vaziri B. Saidov "
    "Ostona shahriga rasmiy javob tashrifi bilan bordi."
)
S_000_LIST = (
    "2024-yil 15 aprel va 26 noyabrda Markaziy Osiyo davlatlari tashqi ishlar vazirlari "
    "yig‘ilishlarida ishtirok etish orqali siyosiy hamkorlikning yangi mexanizmlari "
    "mustahkamlandi."
)
S_000_OCT_SEP = (
    "2023-yil 25-26 oktabrda Parlamentlararo hamkorlik kengashining birinchi yig‘ilishi "
    "bo‘lib o‘tdi, 2024-yil 11-12 sentyabrda esa ikkinchi yig‘ilishi bo‘lib o‘tdi."
)
S_000_NOV = (
    "2025-yilda O‘zbekiston va Qozog‘iston o‘rtasidagi hamkorlik yanada kengayib, Astana "
    "Think Tank Forumida hamkorlikni kuchaytirdi [kisi.kz, 2025]. Shu yilning \n\nnoyabrida "
    "prezidentlar videokonferensiyada ishtirok etib"
)
S_000_FEB_DASH = "2023-yil 18–19 fevral kunlari O‘zbekiston tashqi ishlar vaziri Ostona shahriga"
S_000_ACCESSED = (
    "https://www.wosjournals.com/index.php/shokh/article/view/2388/3001 (accessed: \n\n"
    "27.12.2025). "
)
S_000_DEC_EN = (
    "Available at: https://qazinform.com/news/kazakhstan-\n\n"
    "uzbekistan-strengthen-ties-through-new-joint-projects-5aafa0 (Accessed: 27 Dec. 2025). "
)
S_001_JAN_NOV = (
    "Masalan, 2024-yilning yanvar–noyabr oylarida savdo aylanmasi 3,8 milliard dollarni "
    "tashkil etdi."
)
S_001_FOUR = (
    "Shu tariqa, iqtisodiy raqamlar aylanadi. 2025- yilning birinchi to‘rt oyida \n\no‘zaro "
    "savdo 1,4 milliard dollarga yetib, o‘tgan yilga nisbatan 5% ga oshgani qayd etildi 19."
)
S_001_NOV_SPACE = (
    "Siyosiy hamkorlik mustahkamlandi. 2025- yil noyabr oyida rahbarlar \n\nuchrashuvi"
)
S_001_NOV_DAGI = "2025-yil noyabr oyidagi muzokaralarda savdo hajmini 10 milliard dollarga"
S_001_APR = (
    "15Uzbekistan’s trade turnover with Kazakhstan over past 4 years revealed, Trend.Az, "
    "7 Apr 2024. \nhttps://www.trend.az/casia/uzbekistan/3882828.html? "
)
S_001_DEC = (
    "18 Kazakhstan–Uzbekistan trade turnover tops $3.8 billion in 2024, Caspian Post, 26 Dec 2024. "
)
S_001_MAY = (
    "19 Trade turnover between Uzbekistan and Kazakhstan approaches $1.4 b illion, "
    "UzA / Kazinform, 24 May 2025. "
)
S_001_NOV14 = (
    "20 Kazakhstan and Uzbekistan develop 78 joint projects worth USD 1.7 bln, Kazinform, "
    "14 Nov 2025 . "
)
S_001_MAR = (
    "21 Uzbekistan and Kazakhstan set $10 bn trade turnover target, Kursiv Media Uzbekistan, "
    "16 Mar 2025 . \n\nhttps://uz.kursiv.media/en/2025-03-16/uzbekistan-and-kazakhstan-set/? "
)
S_002_NOV23 = "Ikki davlat o‟rtasida 1992-yil 23-noyabrda diplomatik aloqalar o„rnatildi. Shu "
S_002_AMBASSADOR_2 = "2. Butayarov Turdiqul Suvanovich (17.04.2000 – 2008). "
S_002_AMBASSADOR_3 = "3. Tursunov Farrux Islamdjanovich (12.2008 – 12.2011). "
S_002_AMBASSADOR_4 = "4. Salahitdinov Alisher Alahitdinovich (11.2012 – 12.2015). "
S_002_AMBASSADOR_5 = "5. Nazarov Ikrom Oʻktamovich (06.01.2016 – 10.02.2018). "
S_002_AMBASSADOR_6 = "6. Niyazxodjaev Saidikram Parhatovich (12.03.2018 – )\n2\n. "
S_002_NOV_2022 = (
    "“Navoiy” – “Qoplonbek” chegara bojxona posti qayta qurilishdan so„ng ochildi. U 2022-"
    "\n\nyilning noyabrida modernizatsiya ishlari sabab yopilgandi."
)
S_002_NOV_2023 = "Tarmoq qurilishi 2023-yilning noyabr oyida boshlangan. O„shanda yangi liniya "
S_003_NOV15 = (
    "Bunga \n\nmisol qilib, joriy yilning 15-noyabr kuni O‘zbekiston Respublikasi Prezidenti "
    "Shavkat \n\nMirziyoyev va Qozog‘iston Respublikasi Prezidenti Qasim-Jomart Toqayev"
)
S_003_JAN_SEP = (
    "2025-yilda O'zbekiston YaIM o'rtacha 7,2% dan 7,6% gacha o'sdi, bu o‘sishga \n\n"
    "xizmatlar va sanoat sohalari sezilarli hissa qo'shdi. Yil boshidan hozirgacha, yanvar-"
    "\n\nsentabr oylarida YaIM 1 303 702,1 mlrd so‘mni tashkil etdi7."
)
S_004_NOV = (
    "1992 йил ноябрь ойида дипломатик муносабатлар ўрнатилганидан буён Ўзбекистон ва "
    "Қозоғистон ижтимоий-сиёсий соҳаларда ҳамкорликнинг динамик моделини намойиш этди."
)
S_004_VISITS = (
    "Ўзбекистон Президенти Шавкат Мирзиёевнинг 2017 йил 22-23 март ва 2021 йил 5-6 декабрь "
    "кунлари Қозоғистонга давлат ташрифлари, шунингдек, Қозоғистон Президенти Қасим-Жомарт "
    "Тоқаевнинг 2019 йил 14-15 апрель ва 2022 йил 21-22 декабрь кунлари Ўзбекистонга амалга "
    "оширган давлат ташрифлари янги босқичдаги ўзаро ҳамкорлик учун кучли туртки бўлди."
)
S_004_AUG = (
    "Жорий йил август ойида Ўзбекистон ва Қозоғистон Президентлари Олий давлатлараро "
    "кенгашнинг биринчи мажлисини ўтказдилар."
)
S_004_REF = "2. “Центральная Азия – приоритет внешней политики Узбекистана”, 15 июль 2020 й.\n"

# fmt: off
# (inventory no., sentence, year of writing, expression, start, end, precision,
#  end precision, kind, resolved by context)
INVENTORY = [
    (1, S_000_DEC, 2025, "Shu yil \n\ndekabr oyida",
     date(2022, 12, 1), date(2022, 12, 31), MONTH, None, "relative", True),
    (2, S_000_HEADER, 2025, "Dekabr-2025",
     date(2025, 12, 1), date(2025, 12, 31), MONTH, None, "date", False),
    (3, S_000_FEB, 2025, "2023-yil 18-\n\n19 fevral",
     date(2023, 2, 18), date(2023, 2, 19), DAY, None, "range", False),
    (4, S_000_LIST, 2025, "2024-yil 15 aprel",
     date(2024, 4, 15), date(2024, 4, 15), DAY, None, "date", False),
    (5, S_000_LIST, 2025, "26 noyabrda",
     date(2024, 11, 26), date(2024, 11, 26), DAY, None, "date", True),
    (6, S_000_OCT_SEP, 2025, "2023-yil 25-26 oktabrda",
     date(2023, 10, 25), date(2023, 10, 26), DAY, None, "range", False),
    (7, S_000_OCT_SEP, 2025, "2024-yil 11-12 sentyabrda",
     date(2024, 9, 11), date(2024, 9, 12), DAY, None, "range", False),
    (8, S_000_NOV, 2025, "Shu yilning \n\nnoyabrida",
     date(2025, 11, 1), date(2025, 11, 30), MONTH, None, "relative", True),
    (9, S_000_FEB_DASH, 2025, "2023-yil 18–19 fevral",
     date(2023, 2, 18), date(2023, 2, 19), DAY, None, "range", False),
    *[
        (number, S_000_ACCESSED, 2025, "27.12.2025",
         date(2025, 12, 27), date(2025, 12, 27), DAY, None, "date", False)
        for number in range(10, 16)
    ],
    (16, S_000_DEC_EN, 2025, "27 Dec. 2025",
     date(2025, 12, 27), date(2025, 12, 27), DAY, None, "date", False),
    (17, S_001_JAN_NOV, 2025, "2024-yilning yanvar–noyabr oylarida",
     date(2024, 1, 1), date(2024, 11, 30), MONTH, None, "range", False),
    (18, S_001_FOUR, 2025, "2025- yilning birinchi to‘rt oyida",
     date(2025, 1, 1), date(2025, 4, 30), MONTH, None, "period", False),
    (19, S_001_NOV_SPACE, 2025, "2025- yil noyabr oyida",
     date(2025, 11, 1), date(2025, 11, 30), MONTH, None, "date", False),
    (20, S_001_NOV_DAGI, 2025, "2025-yil noyabr oyidagi",
     date(2025, 11, 1), date(2025, 11, 30), MONTH, None, "date", False),
    (21, S_001_APR, 2025, "7 Apr 2024",
     date(2024, 4, 7), date(2024, 4, 7), DAY, None, "date", False),
    (22, S_001_DEC, 2025, "26 Dec 2024",
     date(2024, 12, 26), date(2024, 12, 26), DAY, None, "date", False),
    (23, S_001_MAY, 2025, "24 May 2025",
     date(2025, 5, 24), date(2025, 5, 24), DAY, None, "date", False),
    (24, S_001_NOV14, 2025, "14 Nov 2025",
     date(2025, 11, 14), date(2025, 11, 14), DAY, None, "date", False),
    (25, S_001_MAR, 2025, "16 Mar 2025",
     date(2025, 3, 16), date(2025, 3, 16), DAY, None, "date", False),
    (26, S_002_NOV23, 2025, "1992-yil 23-noyabrda",
     date(1992, 11, 23), date(1992, 11, 23), DAY, None, "date", False),
    (27, S_002_AMBASSADOR_2, 2025, "17.04.2000 – 2008",
     date(2000, 4, 17), date(2008, 12, 31), DAY, Precision.YEAR, "range", False),
    (28, S_002_AMBASSADOR_3, 2025, "12.2008 – 12.2011",
     date(2008, 12, 1), date(2011, 12, 31), MONTH, None, "range", False),
    (29, S_002_AMBASSADOR_3, 2025, "12.2008 – 12.2011",
     date(2008, 12, 1), date(2011, 12, 31), MONTH, None, "range", False),
    (30, S_002_AMBASSADOR_4, 2025, "11.2012 – 12.2015",
     date(2012, 11, 1), date(2015, 12, 31), MONTH, None, "range", False),
    (31, S_002_AMBASSADOR_4, 2025, "11.2012 – 12.2015",
     date(2012, 11, 1), date(2015, 12, 31), MONTH, None, "range", False),
    (32, S_002_AMBASSADOR_5, 2025, "06.01.2016 – 10.02.2018",
     date(2016, 1, 6), date(2018, 2, 10), DAY, None, "range", False),
    (33, S_002_AMBASSADOR_5, 2025, "06.01.2016 – 10.02.2018",
     date(2016, 1, 6), date(2018, 2, 10), DAY, None, "range", False),
    (34, S_002_AMBASSADOR_6, 2025, "12.03.2018",
     date(2018, 3, 12), date(2018, 3, 12), DAY, None, "date", False),
    (35, S_002_NOV_2022, 2025, "2022-\n\nyilning noyabrida",
     date(2022, 11, 1), date(2022, 11, 30), MONTH, None, "date", False),
    (36, S_002_NOV_2023, 2025, "2023-yilning noyabr oyida",
     date(2023, 11, 1), date(2023, 11, 30), MONTH, None, "date", False),
    (37, S_003_NOV15, 2025, "joriy yilning 15-noyabr kuni",
     date(2025, 11, 15), date(2025, 11, 15), DAY, None, "relative", True),
    (38, S_003_JAN_SEP, 2025, "yanvar-\n\nsentabr oylarida",
     date(2025, 1, 1), date(2025, 9, 30), MONTH, None, "range", True),
    (39, S_004_NOV, 2024, "1992 йил ноябрь ойида",
     date(1992, 11, 1), date(1992, 11, 30), MONTH, None, "date", False),
    (40, S_004_VISITS, 2024, "2017 йил 22-23 март",
     date(2017, 3, 22), date(2017, 3, 23), DAY, None, "range", False),
    (41, S_004_VISITS, 2024, "2021 йил 5-6 декабрь",
     date(2021, 12, 5), date(2021, 12, 6), DAY, None, "range", False),
    (42, S_004_VISITS, 2024, "2019 йил 14-15 апрель",
     date(2019, 4, 14), date(2019, 4, 15), DAY, None, "range", False),
    (43, S_004_VISITS, 2024, "2022 йил 21-22 декабрь",
     date(2022, 12, 21), date(2022, 12, 22), DAY, None, "range", False),
    (44, S_004_AUG, 2024, "Жорий йил август ойида",
     date(2024, 8, 1), date(2024, 8, 31), MONTH, None, "relative", True),
    (45, S_004_REF, 2024, "15 июль 2020 й.",
     date(2020, 7, 15), date(2020, 7, 15), DAY, None, "date", False),
]


def _mention(text: str, written: str, document_year: int) -> DateMention:
    found = [m for m in find_dates(text, document_year=document_year) if m.text == written]
    assert len(found) == 1, [m.text for m in find_dates(text, document_year=document_year)]
    return found[0]


def test_the_inventory_has_45_rows() -> None:
    assert [row[0] for row in INVENTORY] == list(range(1, 46))


@pytest.mark.parametrize(
    ("number", "text", "document_year", "written", "start", "end", "precision",
     "end_precision", "kind", "resolved_by_context"),
    INVENTORY,
    ids=[f"{row[0]:02d}" for row in INVENTORY],
)
def test_inventory_expression(
    number: int,
    text: str,
    document_year: int,
    written: str,
    start: date,
    end: date,
    precision: Precision,
    end_precision: Precision | None,
    kind: str,
    resolved_by_context: bool,
) -> None:
    mention = _mention(text, written, document_year)
    assert text[mention.start : mention.end] == written
    span = mention.span
    assert (span.start, span.end, span.precision, span.end_precision) == (
        start, end, precision, end_precision,
    )
    assert (mention.kind, mention.resolved_by_context) == (kind, resolved_by_context)


def test_inventory_sentences_give_these_mentions_in_order() -> None:
    assert [(m.text, m.span.edtf) for m in find_dates(S_000_LIST)] == [
        ("2024-yil 15 aprel", "2024-04-15"),
        ("26 noyabrda", "2024-11-26"),
    ]
    assert [(m.text, m.span.edtf) for m in find_dates(S_004_VISITS)] == [
        ("2017 йил 22-23 март", "2017-03-22/2017-03-23"),
        ("2021 йил 5-6 декабрь", "2021-12-05/2021-12-06"),
        ("2019 йил 14-15 апрель", "2019-04-14/2019-04-15"),
        ("2022 йил 21-22 декабрь", "2022-12-21/2022-12-22"),
    ]


def test_each_end_of_an_ambassador_range_alone() -> None:
    # Rows 28-33 as single expressions, the way a shorter list would write them.
    found = find_dates("12.2008 yilda, 12.2011; 11.2012 va 12.2015; 06.01.2016, 10.02.2018")
    assert [(m.text, m.span.edtf) for m in found] == [
        ("12.2008", "2008-12"),
        ("12.2011", "2011-12"),
        ("11.2012", "2012-11"),
        ("12.2015", "2015-12"),
        ("06.01.2016", "2016-01-06"),
        ("10.02.2018", "2018-02-10"),
    ]
