"""Sentences that hold numbers, but no date: figures, citations, links, pages, phone numbers."""

import pytest

from uzkz_desktop.dates import find_dates

FIGURES = [
    "turistlar soni 1,3 millionga yetdi",
    "1,3 million kishi",
    "$1,2 milliardlik yetti qo‘shma loyiha",
    "YaIM 286 mlrd so‘m",
    "Qurilish davomida jami 3 400 ta ish o‘rni yaratiladi",
    "jami 3 400ta ish o„rni",
    "YaIM o'rtacha 7,2% dan 7,6% gacha o'sdi",
    "savdo 15% ga oshdi",
    "Uzbekistan and Kazakhstan set $10 bn trade turnover target",
    "o‘zaro savdo 4,3 mlrd. dollarga yetdi",
    "корхоналари сони (1100 дан ортиқ)",
    "36,8 mln dollar",
    "5,2 foizga o‘sdi",
    "masofa 1 100 km",
    "100 km ga yaqin",
    "YaIM 1 303 702,1 mlrd so‘mni tashkil etdi",
    "4.9 milliard dollarga yetdi, 2.9 milliard AQSh dollari",
    "1,5 mlrd, 4,4 milliard, 6,5 mingdan ortiq qo‘shma korxona",
    "in 2000 households and in 2100 people",
    "В марте 2000 человек вышли на работу",
]

CITATIONS = [
    "Mandelbaum [1994] ta’kidlashicha, mintaqa",
    "tahlil qilindi [Mandelbaum, \n\n1994].",
    "[Dunyo News Agency, 2025; Mirkomilov & \n\nTangirova, 2024; Shokh, 2023].",
    "6. Kazinform News Agency. (2025). Kazakhstan, Uzbekistan strengthen ties",
    "Shokh, A. Uzbekistan–Kazakhstan economic and cultural cooperation. – 2023. – World of",
    "Council on Foreign Relations Press, 1994.",
    "T.:-«Barkamol fayz media»,2017. - 292 бет.",
    "third-largest trade partner with $3.8 billion in \n\ntrade.2024.https://caspianpost.com/x",
    "Deutsch, K. W. (1957). Political Community and the North Atlantic Area.",
    "Embassy of Kazakhstan in Tashkent, 2024.",
]

VOLUMES_AND_PAGES = [
    "International Journal of History and Political Sciences, 05(03), 20–24.",
    "Vol. 12, No. 3, 2019, pp. 2021–2025",
    "86-son  5–to’plam  Sahifa:  412",
    "Sahifa: 419; 411-419 betlar",
    "ISBN 978-5-2024-1234-5",
    "№ 3 (2024), С. 15–27",
]

LINKS = [
    "https://kun.uz/news/2025/03/26/ozbekiston-va-qozogiston-poytaxtida",
    "https://www.gazeta.uz/oz/2025/01/27/zangiota/?utm_source=perplexity",
    "https://scientific-jl.org/index.php/newVolume–67_Issue-5_December-2024 (accessed:",
    "https://uz.kursiv.media/en/2025-03-16/uzbekistan-and-kazakhstan-set-10-bn-trade/?",
    "www.spot.uz/oz/2025/01/06/kz-rail/",
    "https://caspianpost.com/economics/uzbekistan-kazakhstan-tops-3-8-billion-in-2024?",
    "<https://president.uz/uz/lists/view/7448>",
    "[ikromxayrullayev08@gmail.com](mailto:ikromxayrullayev08@gmail.com)",
]

PHONES = [
    "Tel.: +998 71 202 20 25",
    "+7 (727) 2024-15-11",
    "тел. 8 (71) 2000 11 22",
    "Phone: +998 (90) 123-20-24",
]

NOT_DATES = [
    # impossible dates
    "31.02.2024 va 30.02.2023 va 32.01.2020",
    "2024-13-01 va 13.2024",
    # decimals are never day.month
    "1.5 mart, 2,5 marta oshdi",
    # "марта" is Uzbek "times", "may" an English modal, "mayda" Uzbek "small"
    "3 марта ошди",
    "Figure 2 may show, 2 may be true",
    "10 mayda korxona",
    # years outside 1000–2200, anniversaries, "years ago", "a 2000-year history"
    "Xivaning 2500 yilligi, 1000 yilligi",
    "2000 yil oldin, 2000 yillik tarix",
    "1000 yildan ortiq tarix, 1500 йилдан зиёд, 2000 жылдан астам",
    "0999-yilda va 2300-yilda",
    # "shu yillarda" is "in those years": not one year
    "so‘nggi yillarda, shu yillarda, o‘tgan yillar davomida",
    "asrning birinchi yarmida; loyihaning dastlabki olti oyida",
    "XXI asrning o‘rtalarida, yil sayin, yildan-yilga",
]


@pytest.mark.parametrize(
    "text", [*FIGURES, *CITATIONS, *VOLUMES_AND_PAGES, *LINKS, *PHONES, *NOT_DATES]
)
def test_no_date(text: str) -> None:
    assert find_dates(text, document_year=2025) == []


def test_a_date_next_to_a_link_is_found_but_not_the_link() -> None:
    text = (
        "https://www.wosjournals.com/index.php/shokh/article/view/2388/3001 (accessed: "
        "27.12.2025). https://kun.uz/news/2025/03/26/x"
    )
    assert [m.text for m in find_dates(text)] == ["27.12.2025"]


def test_an_impossible_day_is_dropped_but_its_written_year_stays() -> None:
    assert [(m.text, m.span.edtf) for m in find_dates("2023-yil 30-fevral kuni")] == [
        ("2023-yil", "2023"),
    ]
