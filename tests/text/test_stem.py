"""The light Uzbek stemmer: the research note's lexeme groups, distinct pairs and word list."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.text import search_fold
from uzkz_desktop.text.stem import stem_uz

# 14 lexemes × their forms: every form must give the same key.
GROUPS = {
    "oʻzbekiston": "Oʻzbekiston Oʻzbekistonning Oʻzbekistonga Oʻzbekistonda Oʻzbekistondan "
    "Oʻzbekistondagi",
    "qozogʻiston": "Qozogʻiston Qozogʻistonning Qozogʻistonga Qozogʻistondan Qozogʻistonda "
    "Qozogʻistondagi",
    "hamkorlik": "hamkorlik hamkorlikni hamkorligi hamkorlikning hamkorlikda hamkorligini "
    "hamkorligida",
    "munosabat": "munosabat munosabatlar munosabatlarning munosabatlari munosabatlarni munosabatda",
    "tashrif": "tashrif tashriflar tashriflari tashrifi tashrifida tashrifini",
    "shartnoma": "shartnoma shartnomasi shartnomani shartnomalar shartnomaga shartnomalari",
    "loyiha": "loyiha loyihalar loyihasi loyihalarni loyihalari loyihani",
    "uchrashuv": "uchrashuv uchrashuvda uchrashuvlar uchrashuvi uchrashuvlarida uchrashuvni",
    "davlat": "davlat davlatlar davlatlari davlatning davlatga davlatimiz",
    "sheriklik": "sheriklik sherikligi sheriklikni sheriklikning sherikligini",
    "vazirlik": "vazirlik vazirligi vazirliklari vazirlikda vazirligining",
    "savdo": "savdo savdoni savdosi savdoda savdoning",
    "chegara": "chegara chegaralar chegarasi chegaralarini chegarada",
    "elchi": "elchi elchisi elchilar elchiga elchining elchilari",
}

# Distinct lexemes that must stay apart.
PAIRS = [
    ("hamkor", "hamkorlik"),
    ("sherik", "sheriklik"),
    ("vazir", "vazirlik"),
    ("qish", "qishloq"),
    ("bosh", "boshqa"),
    ("bogʻ", "bogʻliq"),
    ("koʻr", "koʻrgazma"),
    ("tash", "tashrif"),
]

# The words listed in the research note, as they come out of `search_fold`.
LISTED = [
    ("O‘zbekistonning", "oʻzbekiston"),
    ("Qozog‘istonga", "qozogʻiston"),
    ("Qozog‘istondan", "qozogʻiston"),
    ("hamkorlikni", "hamkorlik"),
    ("hamkorligi", "hamkorlik"),
    ("munosabatlarning", "munosabat"),
    ("tashriflari", "tashrif"),
    ("shartnomasi", "shartnoma"),
    ("loyihalar", "loyiha"),
    ("uchrashuvda", "uchrashuv"),
]


@pytest.mark.parametrize(("lemma", "forms"), GROUPS.items())
def test_group_conflates(lemma: str, forms: str) -> None:
    keys = {stem_uz(search_fold(form)) for form in forms.split()}
    assert keys == {lemma}


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_pairs_stay_apart(first: str, second: str) -> None:
    assert stem_uz(first) != stem_uz(second)


@pytest.mark.parametrize(("word", "key"), LISTED)
def test_listed_words(word: str, key: str) -> None:
    assert stem_uz(search_fold(word)) == key


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("chekka", "chekka"),  # not chek + -ka
        ("mazmuni", "mazmun"),  # mazmun + -i, not mazmu + -ni
        ("mazmunini", "mazmun"),
        ("turli", "turli"),
        ("bunga", "bu"),
        ("boshqa", "boshqa"),
        ("taʼlim", "taʼlim"),  # not taʼl + -im
        ("tomonidan", "tomon"),
        ("asosida", "asos"),
        ("qishloqqa", "qishloq"),
        ("qishlogʻi", "qishloq"),
        ("davlatlardir", "davlat"),
        ("dollar", "dollar"),
    ],
)
def test_guarded_and_tricky_words(word: str, key: str) -> None:
    assert stem_uz(word) == key


@pytest.mark.parametrize(
    ("forms", "key"),
    [
        ("imzolandi imzolangan imzoladi imzolash imzolaydi imzolanganidan", "imzola"),
        ("oshirdi oshiradi oshirish oshirishga oshirib oshirildi oshirilgan", "oshir"),
        ("boʻladi boʻldi boʻlib boʻlgan boʻlmoqda", "boʻl"),
        ("qiladi qildi qilib qilingan qilindi", "qil"),
    ],
)
def test_verb_forms(forms: str, key: str) -> None:
    assert {stem_uz(form) for form in forms.split()} == {key}


def test_every_apostrophe_glyph_gives_the_same_key() -> None:
    glyphs = ["‘", "'", "ʻ", "’", "„", "‟"]
    keys = {stem_uz(search_fold(f"O{glyph}zbekistonning")) for glyph in glyphs}
    assert keys == {"oʻzbekiston"}


def test_cyrillic_after_transliteration() -> None:
    assert stem_uz(search_fold("Ўзбекистоннинг")) == "oʻzbekiston"
    assert stem_uz(search_fold("ҳамкорлиги")) == "hamkorlik"
    assert stem_uz(search_fold("ташрифлари", "uz-Cyrl")) == "tashrif"


@settings(deadline=None)
@given(st.text(alphabet="abdeghiklmnoqrstuvxyzʻʼ'‘", max_size=20))
def test_never_longer_and_never_raises(word: str) -> None:
    assert len(stem_uz(word)) <= len(word)
