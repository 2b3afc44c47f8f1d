"""Text likeness for duplicates: the same happening told in two scripts or two languages."""

from __future__ import annotations

import pytest

from uzkz_desktop.search.similar import likeness, text_terms, weighed


def _alike(first: tuple[str, str], second: tuple[str, str]) -> float:
    return likeness(
        weighed(text_terms(*first), lambda key: 1.0), weighed(text_terms(*second), lambda key: 1.0)
    ).score


LATIN = ("Ikki davlat o‟rtasida 1992-yil 23-noyabrda diplomatik aloqalar o„rnatildi.", "uz-Latn")
CYRILLIC = ("1992 йил ноябрь ойида дипломатик муносабатлар ўрнатилди.", "uz-Cyrl")
RAILWAY = ("Toshkent–Turkiston temir yo‘li qurilishi boshlandi.", "uz-Latn")


def test_uzbek_in_two_scripts_shares_its_words() -> None:
    found = likeness(
        weighed(text_terms(*LATIN), lambda key: 1.0),
        weighed(text_terms(*CYRILLIC), lambda key: 1.0),
    )
    assert found.shared == ("noyabrda", "diplomatik", "oʻrnatildi")
    assert found.score == pytest.approx(0.6)
    assert _alike(LATIN, RAILWAY) == 0.0


@pytest.mark.parametrize(
    "other",
    [
        ("Посол Узбекистана в Казахстане вручил верительные грамоты.", "ru"),
        ("Oʻzbekistonning Qozogʻistondagi elchisi ishonch yorliqlarini topshirdi.", "uz-Latn"),
    ],
    ids=["russian", "uzbek"],
)
def test_languages_meet_through_the_thesaurus(other: tuple[str, str]) -> None:
    english = ("The ambassador of Uzbekistan to Kazakhstan presented his credentials.", "en")
    assert _alike(english, other) >= 0.5  # ambassador = посол = elchi, and the two countries


def test_numbers_and_function_words_are_left_out() -> None:
    terms = text_terms("Ikki davlat 1992 va 2024 davlatlar chegarasi", "uz-Latn")
    assert [term.key for term in terms] == ["davlat", "chegara"]  # each word once
    assert [term.word for term in terms] == ["davlat", "chegarasi"]


def test_rare_words_weigh_more() -> None:
    first = text_terms("diplomatik aloqalar o‘rnatildi", "uz-Latn")
    second = text_terms("savdo aloqalar kengaydi", "uz-Latn")

    def rare(key: str) -> float:
        return 0.1 if key == "aloqa" else 1.0

    flat = likeness(weighed(first, lambda key: 1.0), weighed(second, lambda key: 1.0))
    weighted = likeness(weighed(first, rare), weighed(second, rare))
    assert weighted.shared == flat.shared == ("aloqalar",)
    assert weighted.score < flat.score / 5
