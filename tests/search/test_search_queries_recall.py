"""Teachers' and archivists' queries against the test archive: recall@10 of what must be found.

Four languages, two Uzbek scripts, every apostrophe, cross-language and misspelled queries.
The expected events were chosen by reading the fixture texts, not by running the search.
"""

import pytest
from search_fixture import event_doc

from uzkz_desktop.search import SearchIndex

QUERIES: list[tuple[str, set[int]]] = [
    # Uzbek Latin, with and without apostrophes
    ("Qozog'iston madaniyati kunlari", {105}),
    ("Qozogiston elchilari", {121, 129, 131, 136}),
    ("Ostona", {105, 109, 131}),
    ("Toshkent", {131, 133}),
    ("savdo aylanmasi", {114, 137}),
    ("temir yo'l", {115, 116, 130, 131, 132}),
    ("suv", {133, 134, 135}),
    ("chegara", {117, 123, 128}),
    ("Oliy Majlis Senat", {110}),
    ("1998 shartnoma", {118}),
    ("Ittifoqchilik munosabatlari to‘g‘risidagi shartnoma", {102}),
    ("Mirziyoyev Tokayev uchrashuv", {119}),
    # Uzbek Cyrillic
    ("Қозоғистон маданият кунлари", {105}),
    ("Тоқаев ташриф", {101}),
    ("Мақтаарал", {116, 132}),
    ("элчи", {121, 129, 130, 131, 136}),
    # Russian
    ("посол Казахстана", {121, 129, 131, 136}),
    ("железная дорога", {115, 116, 130, 131, 132}),
    ("дни культуры", {105}),
    ("товарооборот", {114, 137}),
    ("вода", {133, 134, 135}),
    ("электроэнергия", {112}),
    ("Абая", {106, 107}),
    ("сайгак", {111}),
    # English
    ("railway", {115, 116, 130, 131, 132}),
    ("ambassador", {121, 129, 130, 131, 136}),
    ("culture days Samarkand", {105, 136}),
    ("trade turnover 2024", {114}),
    ("water", {133, 134, 135}),
    ("parliament", {110}),
    ("demarcation", {123}),
    ("joint projects", {113, 123, 128}),
    ("treaty of friendship", {118}),
    ("visit Islom Karimov", {120}),
    ("Nur-Sultan", {105, 109, 131}),
    ("Darbaza Maktaaral", {116, 132}),
    ("investitsiya", {104}),
    # other spellings and typos
    ("Tokaev", {101, 102, 103, 113, 119, 130}),
    ("Mirziyoev", {101, 103, 113, 119, 129}),
    ("strategk~", {118, 124, 126}),
    ("hamkorlk~", {101, 107, 110, 111, 118, 119, 128, 138}),
]


def _recall(index: SearchIndex, query: str, expected: set[int]) -> float:
    result = index.search(query, limit=10, texts=event_doc)
    top = {hit.event_id for hit in result.hits}
    return len(top & expected) / len(expected)


def test_there_are_enough_queries() -> None:
    assert len(QUERIES) >= 30


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_its_events(fixture_index: SearchIndex, query: str, expected: set[int]) -> None:
    assert _recall(fixture_index, query, expected) == 1.0


def test_recall_at_10(fixture_index: SearchIndex) -> None:
    scores = {query: _recall(fixture_index, query, expected) for query, expected in QUERIES}
    recall = sum(scores.values()) / len(scores)
    print(f"\nrecall@10 over {len(scores)} queries: {recall:.3f}")
    assert recall >= 0.95, {query: score for query, score in scores.items() if score < 1}
