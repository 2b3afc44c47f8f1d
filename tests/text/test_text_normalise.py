import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from text_corpus import corpus_file

from uzkz_desktop.text import (
    canonical,
    canonical_with_offsets,
    fold_apostrophes,
    loose_fold,
    original_span,
    search_fold,
)
from uzkz_desktop.text._patterns import APOSTROPHE_MARKS

# Text made of what the corpus is made of: Uzbek/English Latin, Cyrillic, every apostrophe
# glyph, quotes, digits, punctuation and assorted whitespace.
# Combining marks, Hangul jamo and the Angstrom sign exercise every path of NFC.
_CORPUS_LIKE = st.lists(
    st.sampled_from(
        list("aeiougoOgGszhtnAEIOUSZ ўқғҳЎҚҒҲабвгдеёжзийклмнопрстуфхцчшъьэюя")
        + list(APOSTROPHE_MARKS)
        + list("“”«»-.,;:!?0123456789")
        + ["  ", "\n", "\n\n", "\t", "\u00a0", "\u00ad", "\u200b", "e\u0301", "İ"]
        + ["\u0301", "\u0323", "\u0308", "\u1100", "\u1161", "\u11a8", "\uac00", "\u212b"]
    ),
    max_size=40,
).map("".join)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("O‘zbekiston", "Oʻzbekiston"),  # U+2018, the common PDF form
        ("O’zbekiston", "Oʻzbekiston"),  # U+2019
        ("O'zbekiston", "Oʻzbekiston"),  # U+0027
        ("O„zbekiston", "Oʻzbekiston"),  # U+201E, file 002
        ("o‟rtasida", "oʻrtasida"),  # U+201F after o: the letter sign
        ("Oʻzbekiston", "Oʻzbekiston"),  # already official
        ("Qozog‘iston", "Qozogʻiston"),
        ("so`z", "soʻz"),
        ("o′quv", "oʻquv"),
        ("Gʹarb", "Gʻarb"),
        ("oʽzaro", "oʻzaro"),
        ("o‛sish", "oʻsish"),
        ("g‚oya", "gʻoya"),
        ("tog‘-kon", "togʻ-kon"),  # before a hyphen
        ("O’ZBEKISTON-QOZOG‘ISTON", "OʻZBEKISTON-QOZOGʻISTON"),
        ("ta’lim", "taʼlim"),  # between two letters: tutuq
        ("ta'kidlaydi", "taʼkidlaydi"),
        ("e‟lon", "eʼlon"),  # U+201F after e: tutuq, not the letter sign
        ("ya‟ni", "yaʼni"),
        ("mo‟ljallangan", "moʻljallangan"),
        ("sa’y-harakat", "saʼy-harakat"),
        ("ma´lumot", "maʼlumot"),
        ("taʻlim", "taʼlim"),  # a misused U+02BB is put right by its context
    ],
)
def test_fold_apostrophes_variants(raw: str, folded: str) -> None:
    assert fold_apostrophes(raw) == folded


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Uzbekistan’s trade", "Uzbekistan’s trade"),
        ("Kazakhstan's third largest", "Kazakhstan's third largest"),
        ("Tokyo’s role", "Tokyo’s role"),
        ("it’s done, don’t wait, we’ll see", "it’s done, don’t wait, we’ll see"),
        ("o‘s va to‘s", "oʻs va toʻs"),  # short Uzbek words are not possessives
        ("‘Yo‘l xaritasi’ imzolandi", "‘Yoʻl xaritasi’ imzolandi"),  # quotes stay
        ("'big' dog", "'big' dog"),
        ("“Navoiy” – “Qoplonbek”", "“Navoiy” – “Qoplonbek”"),
        ("5' 3", "5' 3"),
        ("tog‘ va bog‘.", "togʻ va bogʻ."),  # word-final gʻ after a vowel
    ],
)
def test_fold_apostrophes_leaves_english_and_quotes(raw: str, folded: str) -> None:
    assert fold_apostrophes(raw) == folded


def test_fold_apostrophes_on_the_corpus_matches_the_research_counts() -> None:
    folded = [fold_apostrophes(corpus_file(number)) for number in range(5)]
    assert [text.count("ʻ") for text in folded] == [270, 140, 107, 98, 0]
    assert [text.count("ʼ") for text in folded] == [40, 13, 7, 9, 0]
    assert folded[1].count("Uzbekistan’s") == 2


@given(_CORPUS_LIKE)
def test_fold_apostrophes_is_length_preserving_and_only_touches_marks(text: str) -> None:
    folded = fold_apostrophes(text)
    assert len(folded) == len(text)
    for before, after in zip(text, folded, strict=True):
        assert before == after or (before in APOSTROPHE_MARKS and after in "ʻʼ")


@given(_CORPUS_LIKE)
def test_fold_apostrophes_is_idempotent(text: str) -> None:
    assert fold_apostrophes(fold_apostrophes(text)) == fold_apostrophes(text)


def test_canonical_collapses_whitespace_and_folds() -> None:
    raw = "  O‘zbekiston\u00a0va\tQozog‘iston\n\n ta’lim  "
    assert canonical(raw) == "Oʻzbekiston va Qozogʻiston taʼlim"


def test_canonical_composes_and_drops_invisible_characters() -> None:
    assert canonical("Cafe\u0301 ta\u00ad’lim\u200b\ufeff") == "Café taʼlim"
    assert canonical("") == ""
    assert canonical(" \n\t ") == ""


def test_canonical_of_a_corpus_line() -> None:
    assert canonical(corpus_file(2).splitlines()[0]) == (
        "Annotatsiya: Ushbu maqolada Oʻzbekiston va Qozogʻiston Respublikasining 1991-"
    )


@given(_CORPUS_LIKE)
def test_canonical_is_idempotent(text: str) -> None:
    assert canonical(canonical(text)) == canonical(text)


def test_canonical_with_offsets_maps_each_character_back() -> None:
    text, offsets = canonical_with_offsets("  Cafe\u0301  O‘zbek\u00ad\n\tta’lim  ")
    assert text == "Café Oʻzbek taʼlim"
    assert offsets == [2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 16, 18, 19, 20, 21, 22, 23]


def test_original_span_covers_composed_characters_and_trailing_text() -> None:
    original = "Cafe\u0301  bar\n"
    text, offsets = canonical_with_offsets(original)
    assert text == "Café bar"
    assert original_span(original, offsets, 0, 4) == (0, 5)
    assert original_span(original, offsets, 5, 8) == (7, 10)
    assert original_span(original, offsets, 4, 4) == (5, 5)


def test_original_span_finds_a_word_of_the_corpus() -> None:
    original = corpus_file(0)
    text, offsets = canonical_with_offsets(original)
    start = text.index("Qozogʻistonda Oʻzbekistonning")
    begin, end = original_span(original, offsets, start, start + len("Qozogʻistonda"))
    assert original[begin:end] == "Qozog‘istonda"
    sentence_start = text.index("Dolzarbligi.")
    begin, end = original_span(original, offsets, sentence_start, sentence_start + 40)
    assert original[begin:end] == "Dolzarbligi. O‘zbekiston va Qozog‘iston "


@given(_CORPUS_LIKE)
def test_canonical_with_offsets_agrees_with_canonical(text: str) -> None:
    result, offsets = canonical_with_offsets(text)
    assert result == canonical(text)
    assert len(offsets) == len(result)
    assert offsets == sorted(offsets)
    assert all(0 <= offset < len(text) for offset in offsets)


@given(_CORPUS_LIKE)
def test_canonical_with_offsets_points_at_the_source_character(text: str) -> None:
    result, offsets = canonical_with_offsets(text)
    for char, offset in zip(result, offsets, strict=True):
        source = text[offset]
        if char == " ":
            assert source.isspace()
        elif char in "ʻʼ":
            assert source in APOSTROPHE_MARKS
        else:  # the start of what NFC composed (and maybe reordered) into `char`
            nearby = unicodedata.normalize("NFD", text[offset : offset + 8])
            assert unicodedata.normalize("NFD", char)[0] in nearby


@given(_CORPUS_LIKE, st.data())
def test_original_span_of_a_word_gives_back_that_word(text: str, data: st.DataObject) -> None:
    result, offsets = canonical_with_offsets(text)
    words = [word for word in result.split(" ") if word]
    if not words:
        return
    index = data.draw(st.integers(0, len(words) - 1))
    start = sum(len(word) + 1 for word in result.split(" ")[:index])
    word = result.split(" ")[index]
    begin, end = original_span(text, offsets, start, start + len(word))
    unify = str.maketrans(dict.fromkeys(APOSTROPHE_MARKS, "'") | dict.fromkeys("\u00ad\u200b"))
    recovered = unicodedata.normalize("NFC", text[begin:end].translate(unify))
    assert recovered == word.translate(unify)


def test_composition_table_lists_every_starter_that_composes_with_its_predecessor() -> None:
    from uzkz_desktop.text.normalise import _COMPOSES_WITH_PREVIOUS

    second_halves = set()
    for code in range(0x110000):
        char = chr(code)
        decomposition = unicodedata.decomposition(char).split()
        if len(decomposition) != 2 or decomposition[0].startswith("<"):
            continue
        if unicodedata.normalize("NFC", char) != char:
            continue  # excluded from composition
        second = chr(int(decomposition[1], 16))
        if not unicodedata.combining(second):
            second_halves.add(second)
    hangul_vowels_and_finals = {chr(c) for c in range(0x1161, 0x1176)} | {
        chr(c) for c in range(0x11A8, 0x11C3)
    }
    assert second_halves | hangul_vowels_and_finals == set(_COMPOSES_WITH_PREVIOUS)


@pytest.mark.parametrize(
    "spelling",
    ["O‘zbekiston", "O'zbekiston", "Oʻzbekiston", "O’zbekiston", "O„zbekiston", "Ўзбекистон"],
)
def test_search_fold_gives_one_key_for_every_spelling(spelling: str) -> None:
    assert search_fold(spelling) == "oʻzbekiston"


def test_search_fold_transliterates_uzbek_cyrillic_by_language_tag() -> None:
    assert search_fold("ЎЗБЕКИСТОН ВА ҚОЗОҒИСТОН", "uz-Cyrl") == "oʻzbekiston va qozogʻiston"
    assert search_fold("Ўзбекистон ва Қозоғистон", "uz") == "oʻzbekiston va qozogʻiston"
    assert search_fold("Узбекистан и Казахстан", "ru") == "узбекистан и казахстан"
    assert search_fold("Қазақстан және Өзбекстан", "kk") == "қазақстан және өзбекстан"


def test_search_fold_without_a_tag_decides_per_word() -> None:
    # ва has none of ў қ ғ ҳ, so on its own it cannot be told from Russian
    assert search_fold("Ўзбекистон ва Қозоғистон") == "oʻzbekiston ва qozogʻiston"
    assert search_fold("саъй-ҳаракатлар натижасида") == "saʼy-harakatlar натижасида"
    assert search_fold("Узбекистан и Казахстан") == "узбекистан и казахстан"
    # a Kazakh-only letter keeps a word out of the Uzbek transliteration
    assert search_fold("Өзбекстан және Қазақстан") == "өзбекстан және qazaqstan"


def test_search_fold_casefolds_without_a_turkish_dotted_i() -> None:
    key = search_fold("İstanbul ISTANBUL Ташкент ТОШКЕНТ", "kk")
    assert key == "istanbul istanbul ташкент тошкент"
    assert "\u0307" not in search_fold("İİ")


def test_search_fold_unifies_the_marks_it_does_not_fold() -> None:
    assert search_fold("Uzbekistan’s ‘Yo‘l xaritasi’") == "uzbekistan's 'yoʻl xaritasi'"
    assert search_fold("TA’LIM va e‟lon") == "taʼlim va eʼlon"


def test_loose_fold_drops_the_apostrophe_letters() -> None:
    assert loose_fold("Qozog‘iston") == loose_fold("Qozogiston") == "qozogiston"
    assert loose_fold("so‘zlar") == loose_fold("sozlar") == "sozlar"
    assert loose_fold("ma’lumot") == "malumot"
    assert loose_fold("Ўзбекистон") == "ozbekiston"


@given(_CORPUS_LIKE)
def test_search_fold_is_idempotent(text: str) -> None:
    assert search_fold(search_fold(text)) == search_fold(text)
