"""One analysis for indexing, querying and highlighting: keys, offsets, names, thesaurus."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.search import analyse, expand
from uzkz_desktop.search._whoosh import UzkzAnalyzer, encode_parts
from uzkz_desktop.search.analysis import entity_key, query_variants

KAZAKHSTAN = [
    ("Qozog‘iston", "uz-Latn"),  # U+2018
    ("Qozog'iston", "uz-Latn"),  # ASCII
    ("Qozogʻiston", "uz-Latn"),  # U+02BB
    ("Qozog’iston", "uz-Latn"),  # U+2019
    ("Qozog„iston", "uz-Latn"),  # U+201E
    ("QOZOG‘ISTON", "uz-Latn"),
    ("Qozogiston", "uz-Latn"),  # typed without the sign
    ("Qozog‘istonga", "uz-Latn"),
    ("Qozogʻistonning", "uz-Latn"),
    ("Қозоғистон", "uz-Cyrl"),
    ("Қозоғистондан", "uz-Cyrl"),
    ("Казахстан", "ru"),
    ("Казахстана", "ru"),
    ("Казахстаном", "ru"),
    ("Казахстане", "ru"),
    ("Қазақстан", "kk"),
    ("Қазақстанның", "kk"),
    ("Kazakhstan", "en"),
    ("Kazakhstan’s", "en"),
    ("Kazakhstan's", "en"),
    ("Qazaqstan", None),
]


@pytest.mark.parametrize(("word", "language"), KAZAKHSTAN)
def test_every_spelling_of_kazakhstan_is_one_key(word: str, language: str | None) -> None:
    (token,) = analyse(word, language)
    assert token.term == "kazakhstan"


@pytest.mark.parametrize(
    "words",
    [
        "Узбекистан Узбекистаном Узбекистане Узбекистану Ўзбекистон Oʻzbekiston Uzbekistan",
        "Токаев Токаева Токаевым Тоқаев Тоқаевнинг Tokayev Toqayev Tokaev",
        "Ташкент Ташкенте Тошкент Тошкентда Toshkent Tashkent",
        "Астана Астаны Астане Остона Ostona Ostonada Astana",
        "Мактаарал Мақтаарал Maktaaral Maqtaaral",
        "Навои Навоий Navoi Navoiy",
        "Абай Абая Abay Abai",
    ],
)
def test_protected_names_share_a_key_in_every_script_and_case(words: str) -> None:
    keys = {entity_key(word) for word in words.split()}
    assert len(keys) == 1
    assert None not in keys


def test_offsets_slice_the_original_text() -> None:
    text = "Qozog‘iston va O„zbekiston, Kazakhstan’s ta’lim; Ўзбекистоннинг — посла."
    tokens = analyse(text, "uz-Latn")
    assert [text[t.start : t.end] for t in tokens] == [
        "Qozog‘iston", "va", "O„zbekiston", "Kazakhstan", "ta’lim", "Ўзбекистоннинг", "посла",
    ]  # fmt: skip


def test_offsets_survive_nfd_and_soft_hyphens() -> None:
    text = "so\u00adzlar e\u0301lon Qozog\u2018iston"
    tokens = analyse(text, "uz-Latn")
    assert [text[t.start : t.end] for t in tokens] == ["so\u00adzlar", "e\u0301lon", "Qozog‘iston"]
    assert tokens[0].term == "soz"


def test_exact_keeps_the_folded_unstemmed_word() -> None:
    (token,) = analyse("Hamkorligini", "uz-Latn")
    assert token.term == "hamkorlik"
    assert token.exact == "hamkorligini"


def test_uzbek_cyrillic_meets_latin() -> None:
    assert [t.term for t in analyse("Ҳамкорлик алоқалари", "uz-Cyrl")] == [
        t.term for t in analyse("hamkorlik aloqalari", "uz-Latn")
    ]


def test_russian_forms_of_ambassador_share_a_key_but_after_does_not() -> None:
    keys = {analyse(word, "ru")[0].term for word in ("посол", "посла", "послом", "послы")}
    assert len(keys) == 1
    assert analyse("после", "ru")[0].term not in keys


def test_english_is_stemmed_and_clitics_dropped() -> None:
    tokens = analyse("The railways and the ambassador’s visits", "en")
    assert [t.term for t in tokens] == ["the", "railway", "and", "the", "ambassador", "visit"]


def test_a_cyrillic_word_in_an_uzbek_latin_text_is_russian() -> None:
    tokens = analyse("Mazkur maqolada «сотрудничество» soʻzi", "uz-Latn")
    assert tokens[2].term == analyse("сотрудничества", "ru")[0].term


def test_query_words_carry_every_plausible_language() -> None:
    (word,) = query_variants("посол")
    assert analyse("посол", "ru")[0].term in word.terms
    (word,) = query_variants("Qozog'iston")
    assert word.terms == ("kazakhstan",)
    assert word.entity == "kazakhstan"


def test_whoosh_adapter_gives_the_same_keys_and_positions() -> None:
    value = encode_parts([("uz-Latn", "Qozog‘iston bilan"), ("ru", "посла Казахстана")])
    tokens = [(t.text, t.pos) for t in UzkzAnalyzer()(value, positions=True)]
    assert [text for text, _ in tokens] == ["kazakhstan", "bilan", "посол", "kazakhstan"]
    assert tokens[2][1] - tokens[1][1] > 1  # a gap between parts: no phrase across excerpts


def test_thesaurus_crosses_languages() -> None:
    (found,) = expand([query_variants("посол")[0].terms])
    assert ("elchi",) in found.alternatives
    assert ("ambassador",) in found.alternatives
    words = [w.terms for w in query_variants("железная дорога")]
    (found,) = expand(words)
    assert (found.start, found.end) == (0, 2)
    assert ("railway",) in found.alternatives
    assert ("temir", "yol") in found.alternatives


def test_thesaurus_multi_word_names_are_phrases() -> None:
    (found,) = expand([w.terms for w in query_variants("Nur-Sultan")])
    assert ("astana",) in found.alternatives


_TEXTS = st.lists(
    st.sampled_from(
        [
            *list("aoOgGqQsh ўқғҳйЎ'‘’ʻʼ„‟`-.,«»\xad\u200b\n"),
            "é",
            "İ",
            "ß",
            "Kazakhstan’s",
            "посла",
            "123",
            "ﬁ",
        ]
    ),
    max_size=30,
).map("".join)


@settings(deadline=None)
@given(_TEXTS, st.sampled_from([None, "uz-Latn", "uz-Cyrl", "ru", "en", "kk", "und"]))
def test_analyse_never_raises_and_offsets_are_in_bounds(text: str, language: str | None) -> None:
    for token in analyse(text, language):
        assert 0 <= token.start < token.end <= len(text)
        assert token.term
        assert unicodedata.is_normalized("NFC", token.term)
