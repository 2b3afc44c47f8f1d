"""`find_dates` on the five seed articles, whole, with their years of writing (sources.json).

The expected lists were checked line by line against the files: citation years
("[Mandelbaum, 1994]", "(2025).", "– 2023. –", "media»,2017."), volume/page numbers and
everything inside URLs are absent on purpose.
"""

import json
import re
from itertools import pairwise

import pytest

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.dates import DateMention, find_dates

CORPUS = resources_dir() / "corpus"
YEARS_OF_WRITING = {"000": 2025, "001": 2025, "002": 2025, "003": 2025, "004": 2024}

CORPUS_000: list[tuple[str, str]] = [
    ("2023–2025-yillarda", "2023/2025"),
    ("2023–2025", "2023/2025"),
    ("2022 yilda", "2022"),
    ("Shu yil \n\ndekabr oyida", "2022-12"),
    ("2021 yilda", "2021"),
    ("Dekabr-2025", "2025-12"),
    ("2023-yilda", "2023"),
    ("2024-yilda", "2024"),
    ("1991-yilda", "1991"),
    ("2025-yilda", "2025"),
    ("Dekabr-2025", "2025-12"),
    ("2023-yilda", "2023"),
    ("2024-yilda", "2024"),
    ("1991-yildan", "1991"),
    ("2023-yil 18-\n\n19 fevral", "2023-02-18/2023-02-19"),
    ("2024-yil 15 aprel", "2024-04-15"),
    ("26 noyabrda", "2024-11-26"),
    ("2023-yil 25-26 oktabrda", "2023-10-25/2023-10-26"),
    ("2024-yil 11-12 sentyabrda", "2024-09-11/2024-09-12"),
    ("2025-yilda", "2025"),
    ("Shu yilning \n\nnoyabrida", "2025-11"),
    ("2025-yilda", "2025"),
    ("2025–2026 yillarga", "2025/2026"),
    ("Shu \n\nyil", "2025"),
    ("2023-yilda", "2023"),
    ("2024-yilda", "2024"),
    ("2025-yilda", "2025"),
    ("2025-yilda", "2025"),
    ("2025–2026-yillarga", "2025/2026"),
    ("2025-yilda", "2025"),
    ("2025-yilda", "2025"),
    ("1991-yildan", "1991"),
    ("2023-yil 18–19 fevral", "2023-02-18/2023-02-19"),
    ("Dekabr-2025", "2025-12"),
    ("2024-yilda", "2024"),
    ("2023–2025-yillarda", "2023/2025"),
    ("27.12.2025", "2025-12-27"),
    ("27.12.2025", "2025-12-27"),
    ("27.12.2025", "2025-12-27"),
    ("27.12.2025", "2025-12-27"),
    ("Dekabr-2025", "2025-12"),
    ("27 Dec. 2025", "2025-12-27"),
    ("27.12.2025", "2025-12-27"),
    ("27.12.2025", "2025-12-27"),
]
CORPUS_001: list[tuple[str, str]] = [
    ("2016 - yildan", "2016"),
    ("2016 - yil", "2016"),
    ("so‘nggi o‘n yillikda", "2015/2025"),
    ("1998 - yilda", "1998"),
    ("2013-yilda", "2013"),
    ("2016 yil", "2016"),
    ("shu yildan", "2016"),
    ("2020-yilda", "2020"),
    ("2022-yilda", "2022"),
    ("2023-yilda", "2023"),
    ("2021- yilda", "2021"),
    ("2025- yilda", "2025"),
    ("2030-yilga", "2030"),
    ("2024 yilda", "2024"),
    ("7 Apr 2024", "2024-04-07"),
    ("2016-\n\nyildan", "2016"),
    ("2016-yildan", "2016"),
    ("2024-yilning yanvar–noyabr oylarida", "2024-01/2024-11"),
    ("2025- yilning birinchi to‘rt oyida", "2025-01/2025-04"),
    ("o‘tgan yilga", "2024"),
    ("2025 yil", "2025"),
    ("2025- yil noyabr oyida", "2025-11"),
    ("2023–2024 yillarda", "2023/2024"),
    ("2024", "2024"),
    ("26 Dec 2024", "2024-12-26"),
    ("24 May 2025", "2025-05-24"),
    ("14 Nov 2025", "2025-11-14"),
    ("16 Mar 2025", "2025-03-16"),
    ("2016-yildan", "2016"),
    ("2024 yil", "2024"),
    ("2025-yil noyabr oyidagi", "2025-11"),
]
CORPUS_002: list[tuple[str, str]] = [
    ("1991-\n\nyildan", "1991"),
    ("1991 года", "1991"),
    ("1991", "1991"),
    ("1991-yil", "1991"),
    ("1992-yil 23-noyabrda", "1992-11-23"),
    ("1991-yildan", "1991"),
    ("1993 – 2000", "1993/2000"),
    ("17.04.2000 – 2008", "2000-04-17/2008"),
    ("12.2008 – 12.2011", "2008-12/2011-12"),
    ("11.2012 – 12.2015", "2012-11/2015-12"),
    ("06.01.2016 – 10.02.2018", "2016-01-06/2018-02-10"),
    ("12.03.2018", "2018-03-12"),
    ("2022-\n\nyilning noyabrida", "2022-11"),
    ("2027-yilda", "2027"),
    ("2027-yilga", "2027"),
    ("2023-yilning noyabr oyida", "2023-11"),
    ("2022-yilda", "2022"),
    ("2021-yilda", "2021"),
    ("2022-yilda", "2022"),
]
CORPUS_003: list[tuple[str, str]] = [
    ("joriy yilning 15-noyabr kuni", "2025-11-15"),
    ("2026-2027-yillarga", "2026/2027"),
    ("2025-2026-yillarga", "2025/2026"),
    ("yil boshidan buyon", "2025"),
    ("2030-yilgacha", "2030"),
    ("2025-yilda", "2025"),
    ("Yil boshidan hozirgacha", "2025"),
    ("yanvar-\n\nsentabr oylarida", "2025-01/2025-09"),
]
CORPUS_004: list[tuple[str, str]] = [
    ("1992 йил ноябрь ойида", "1992-11"),
    ("2017 йил 22-23 март", "2017-03-22/2017-03-23"),
    ("2021 йил 5-6 декабрь", "2021-12-05/2021-12-06"),
    ("2019 йил 14-15 апрель", "2019-04-14/2019-04-15"),
    ("2022 йил 21-22 декабрь", "2022-12-21/2022-12-22"),
    ("Жорий йил август ойида", "2024-08"),
    ("2024-2034 йилларга", "2024/2034"),
    ("2017 йилдан", "2017"),
    ("2023 йилда", "2023"),
    ("2016 йилга", "2016"),
    ("15 июль 2020 й.", "2020-07-15"),
]

EXPECTED = {
    "000": CORPUS_000,
    "001": CORPUS_001,
    "002": CORPUS_002,
    "003": CORPUS_003,
    "004": CORPUS_004,
}
# The 45 inventory rows, in text order: row 2 (Dekabr-2025) is written four times, and rows
# 28/29, 30/31, 32/33 are the ends of three written ranges.
# fmt: off
MONTH_AND_DAY_EDTF = [
    "2022-12", "2025-12", "2025-12", "2023-02-18/2023-02-19", "2024-04-15", "2024-11-26",
    "2023-10-25/2023-10-26", "2024-09-11/2024-09-12", "2025-11", "2023-02-18/2023-02-19",
    "2025-12", "2025-12-27", "2025-12-27", "2025-12-27", "2025-12-27", "2025-12",
    "2025-12-27", "2025-12-27", "2025-12-27",
    "2024-04-07", "2024-01/2024-11", "2025-01/2025-04", "2025-11", "2024-12-26",
    "2025-05-24", "2025-11-14", "2025-03-16", "2025-11",
    "1992-11-23", "2000-04-17/2008", "2008-12/2011-12", "2012-11/2015-12",
    "2016-01-06/2018-02-10", "2018-03-12", "2022-11", "2023-11",
    "2025-11-15", "2025-01/2025-09",
    "1992-11", "2017-03-22/2017-03-23", "2021-12-05/2021-12-06", "2019-04-14/2019-04-15",
    "2022-12-21/2022-12-22", "2024-08", "2020-07-15",
]
# fmt: on

# A URL as written; the wrapped second lines of long URLs hold nothing date-like.
URL = re.compile(r"(?:https?://|www\.)\S+")


def _source(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _mentions(prefix: str) -> list[DateMention]:
    return find_dates(_source(prefix), document_year=YEARS_OF_WRITING[prefix])


def test_years_of_writing_come_from_sources_json() -> None:
    sources = json.loads((CORPUS / "sources.json").read_text(encoding="utf-8"))
    assert {source["file"][:3]: int(source["issued"][:4]) for source in sources} == (
        YEARS_OF_WRITING
    )


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_whole_file(prefix: str) -> None:
    assert [(m.text, m.span.edtf) for m in _mentions(prefix)] == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_mentions_are_sorted_disjoint_and_quote_the_text(prefix: str) -> None:
    text = _source(prefix)
    mentions = _mentions(prefix)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in pairwise(mentions))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_mention_inside_a_url(prefix: str) -> None:
    text = _source(prefix)
    urls = [(url.start(), url.end()) for url in URL.finditer(text)]
    assert urls
    for mention in _mentions(prefix):
        assert not any(start < mention.end and mention.start < end for start, end in urls)


def test_month_and_day_mentions_of_the_corpus() -> None:
    found = [
        m.span.edtf
        for prefix in sorted(EXPECTED)
        for m in find_dates(
            _source(prefix), document_year=YEARS_OF_WRITING[prefix], include_bare_years=False
        )
    ]
    assert found == MONTH_AND_DAY_EDTF
