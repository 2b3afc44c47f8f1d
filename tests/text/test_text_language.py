import pytest
from hypothesis import given
from hypothesis import strategies as st
from text_corpus import corpus_file

from uzkz_desktop.text import detect_language, paragraph_languages
from uzkz_desktop.text.language import LANGUAGES


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Russian, short and without щ/ы/ь in most words
        ("Он приехал в Ташкент вчера.", "ru"),
        ("Стороны подписали соглашение о сотрудничестве.", "ru"),
        ("Это было важное решение сторон.", "ru"),
        ("В 2024 году товарооборот вырос.", "ru"),
        ("Центральная Азия – приоритет внешней политики Узбекистана", "ru"),
        # Kazakh, with dates and with the letters it shares with Uzbek
        ("2024 жылғы 15 наурызда Астанада екі ел басшылары кездесті.", "kk"),
        ("Қазақстан мен Өзбекстан арасындағы сауда өсті.", "kk"),
        ("Сыртқы істер министрлігі", "kk"),
        # Uzbek Cyrillic, also without ў қ ғ ҳ
        ("Президент Мирзиёев Астанага ташриф буюрди ва музокаралар олиб борди.", "uz-Cyrl"),
        ("Улар бир неча марта учрашдилар.", "uz-Cyrl"),
        ("Тошкент ва Остона", "uz-Cyrl"),
        ("Жорий йил август ойида", "uz-Cyrl"),
        ("Икки давлат раҳбарлари учрашди.", "uz-Cyrl"),
        ("Мамлакатлар ўртасидаги савдо ҳажми ошди", "uz-Cyrl"),
        # Uzbek Latin, with and without oʻ/gʻ
        ("Ikki davlat rahbarlari uchrashdi.", "uz-Latn"),
        ("Shartnoma Toshkentda imzolandi.", "uz-Latn"),
        ("Savdo hajmi 2024-yilda oshdi.", "uz-Latn"),
        ("O‘zbekiston va Qozog‘iston", "uz-Latn"),
        ("O„zbekiston va Qozog„iston o‟rtasidagi", "uz-Latn"),
        ("KIRISH", "uz-Latn"),
        # English
        ("The two presidents met in Tashkent.", "en"),
        ("Trade grew by 5% in 2024.", "en"),
        ("Uzbekistan and Kazakhstan signed an agreement.", "en"),
        ("Keywords: strategic partnership", "en"),
        # nothing to go on
        ("", "und"),
        ("   \n ", "und"),
        ("2024-2025", "und"),
        ("https://kun.uz/news/2025/03/26/ozbekiston-va-qozogiston", "und"),
        ("4. <https://uza.uz/uz/posts>", "und"),
        ("Казахстан", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def _lines_not_in(number: int, usual: str) -> list[tuple[int, str]]:
    """(line number, language) of each paragraph of a corpus file not tagged `usual`."""
    text = corpus_file(number)
    return [
        (text.count("\n", 0, start) + 1, language)
        for start, _, language in paragraph_languages(text)
        if language != usual
    ]


def test_paragraph_languages_of_000_find_the_english_abstract_and_references() -> None:
    others = _lines_not_in(0, "uz-Latn")
    abstract = [line for line in others if line[0] < 56]
    assert abstract == [(line, "en") for line in (27, 31, 33, 35, 37, 39, 41, 43, 45, 47, 48)] + [
        (50, "en"),
        (52, "en"),
        (54, "en"),
    ]
    body = [line for line in others if 56 <= line[0] < 566]
    # citations in the Uzbek text: mostly English words, or only a year
    assert body == [(229, "en"), (253, "und"), (317, "en"), (319, "und"), (473, "en"), (475, "und")]
    # in the reference list (from line 566) only the headings, the page footer and a
    # broken URL line are not English or undetermined
    text = corpus_file(0)
    uzbek_in_references = [
        text[start:end].split()[0]
        for start, end, language in paragraph_languages(text)
        if language == "uz-Latn" and text.count("\n", 0, start) >= 565
    ]
    assert uzbek_in_references == [
        "ADABIYOTLAR",
        "Kitoblar",
        "Jurnallar",
        "Ustozlar",
        "86-son",
        "tarix-va-umumiy-farovonlikka-sodiqlik-namunasi.html",
    ]


def test_paragraph_languages_of_001_find_the_english_footnotes() -> None:
    assert _lines_not_in(1, "uz-Latn") == [
        (105, "en"), (106, "en"), (107, "en"), (109, "und"), (110, "en"), (112, "und"),
        (113, "en"), (114, "en"), (116, "en"), (117, "und"), (119, "en"),
        (181, "en"), (183, "und"), (184, "en"), (186, "und"), (187, "en"), (189, "und"),
        (190, "en"), (192, "und"),
    ]  # fmt: skip


def test_paragraph_languages_of_002_find_the_russian_and_english_abstracts() -> None:
    others = _lines_not_in(2, "uz-Latn")
    assert others[:23] == [
        (23, "ru"), (25, "ru"), (27, "ru"), (29, "ru"), (31, "ru"), (33, "ru"), (35, "ru"),
        (36, "ru"), (38, "ru"), (40, "ru"), (42, "ru"),
        (44, "und"),  # «Казинформ», Октов, «Навои» – «Коплонбек».
        (48, "en"), (50, "en"), (52, "en"), (54, "en"), (56, "en"), (58, "en"), (60, "en"),
        (62, "en"), (64, "en"), (66, "en"),
        (68, "und"),  # – “Koplonbek”
    ]  # fmt: skip
    # the rest: footnote numbers, URLs and the list of ambassadors' names
    assert {language for _, language in others[23:]} == {"und", "en"}
    assert [line for line in others[23:] if line[1] == "en"] == [(190, "en")]  # "plexity"


def test_paragraph_languages_of_003_and_004() -> None:
    assert _lines_not_in(3, "uz-Latn") == [
        (27, "en"), (29, "en"), (31, "en"), (33, "en"), (35, "en"), (37, "en"),
        (149, "und"), (150, "en"), (153, "und"),
    ]  # fmt: skip
    # the e-mail line, the Russian reference and two URL-only references
    assert _lines_not_in(4, "uz-Cyrl") == [(7, "und"), (56, "ru"), (58, "und"), (59, "und")]


def test_paragraph_languages_spans_are_the_stripped_lines() -> None:
    text = " Ikki davlat uchrashdi. \n\n\tThe two presidents met.\nОн приехал в Ташкент вчера.\n"
    assert [(text[start:end], language) for start, end, language in paragraph_languages(text)] == [
        ("Ikki davlat uchrashdi.", "uz-Latn"),
        ("The two presidents met.", "en"),
        ("Он приехал в Ташкент вчера.", "ru"),
    ]


@given(st.text(max_size=200))
def test_detect_language_always_answers_with_a_known_tag(text: str) -> None:
    assert detect_language(text) in LANGUAGES


@given(st.text(alphabet=st.sampled_from(list("ab вг\n\t .,ʻ’")), max_size=120))
def test_paragraph_spans_are_ordered_stripped_lines(text: str) -> None:
    previous_end = 0
    for start, end, language in paragraph_languages(text):
        paragraph = text[start:end]
        assert previous_end <= start < end <= len(text)
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph
        assert language in LANGUAGES
        previous_end = end
