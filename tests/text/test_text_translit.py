import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from text_corpus import corpus_file, corpus_lines

from uzkz_desktop.text import canonical, cyrillic_to_latin, latin_to_cyrillic
from uzkz_desktop.text.translit import LATIN_EXCEPTIONS

# Section 2.2 of the research note, Cyrillic → Latin (every row).
CYRILLIC_TO_LATIN = [
    ("Қозоғистон", "Qozogʻiston"),
    ("ўзбек", "oʻzbek"),
    ("Ўзбекистон", "Oʻzbekiston"),
    ("ЎЗБЕКИСТОН", "OʻZBEKISTON"),
    ("ҚОЗОҒИСТОН", "QOZOGʻISTON"),
    ("Европа", "Yevropa"),
    ("ЕВРОПА", "YEVROPA"),
    ("ер", "yer"),
    ("етакчи", "yetakchi"),
    ("шериклик", "sheriklik"),
    ("Шавкат", "Shavkat"),
    ("ШАВКАТ", "SHAVKAT"),
    ("ЯНГИ", "YANGI"),
    ("Мирзиёев", "Mirziyoyev"),
    ("Тоқаев", "Toqayev"),
    ("Ёқубов", "Yoqubov"),
    ("ёш", "yosh"),
    ("Илёмжон", "Ilyomjon"),
    ("юқори", "yuqori"),
    ("яқин", "yaqin"),
    ("кооперацияси", "kooperatsiyasi"),
    ("цирк", "sirk"),
    ("цех", "sex"),
    ("функция", "funksiya"),
    ("эътибор", "eʼtibor"),
    ("маълумот", "maʼlumot"),
    ("саъй-ҳаракат", "saʼy-harakat"),
    ("Исҳоқ", "Isʼhoq"),
    ("асҳоб", "asʼhob"),
    ("энг", "eng"),
    ("октябрь", "oktabr"),
    ("сентябрь", "sentabr"),
    ("декабрь", "dekabr"),
    ("объект", "obyekt"),
    ("батальон", "batalyon"),
    ("Оқўрда", "Oqoʻrda"),
    ("ўғли", "oʻgʻli"),
    ("ҳамкорлик", "hamkorlik"),
]
# Section 2.2 of the research note, Latin → Cyrillic (every row).
LATIN_TO_CYRILLIC = [
    ("Qozog‘iston", "Қозоғистон"),
    ("O‘zbekiston", "Ўзбекистон"),
    ("O'zbekiston", "Ўзбекистон"),
    ("Oʻzbekiston", "Ўзбекистон"),
    ("O’zbekiston", "Ўзбекистон"),
    ("O„zbekiston", "Ўзбекистон"),
    ("o‟rtasida", "ўртасида"),
    ("O‘ZBEKISTON", "ЎЗБЕКИСТОН"),
    ("qo‘shma", "қўшма"),
    ("yo‘l", "йўл"),
    ("yo‘nalishlari", "йўналишлари"),
    ("ekanini", "эканини"),
    ("ega", "эга"),
    ("yetakchi", "етакчи"),
    ("Yevropa", "Европа"),
    ("Mirziyoyev", "Мирзиёев"),
    ("Toqayev", "Тоқаев"),
    ("poyezd", "поезд"),
    ("obyekt", "объект"),
    ("integratsiya", "интеграция"),
    ("kooperatsiyasi", "кооперацияси"),
    ("funksiya", "функция"),
    ("ta’lim", "таълим"),
    ("ta'lim", "таълим"),
    ("e‟tibor", "эътибор"),
    ("ma’lumotlar", "маълумотлар"),
    ("sa’y-harakatlar", "саъй-ҳаракатлар"),
    ("Is’hoq", "Исҳоқ"),
    ("sheriklik", "шериклик"),
    ("ayirboshlash", "айирбошлаш"),
    ("yangi", "янги"),
    ("kelayotgan", "келаётган"),
    ("yuqori", "юқори"),
    ("Yoqubov", "Ёқубов"),
    ("SHAVKAT", "ШАВКАТ"),
    ("Shavkat", "Шавкат"),
    ("oktabr", "октябрь"),
    ("fevral", "февраль"),
    ("mo‘ljallangan", "мўлжалланган"),
    ("solinmagan", "солинмаган"),
    ("beradi", "беради"),
    ("mintaqaviy", "минтақавий"),
    ("https://dunyo.uz/news/cooperation", "https://dunyo.uz/news/cooperation"),
    ("ikrom08@gmail.com", "ikrom08@gmail.com"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), CYRILLIC_TO_LATIN)
def test_cyrillic_to_latin_tricky_cases(cyrillic: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic) == latin
    assert cyrillic_to_latin(f"ва {cyrillic}") == f"va {latin}"


@pytest.mark.parametrize(("latin", "cyrillic"), LATIN_TO_CYRILLIC)
def test_latin_to_cyrillic_tricky_cases(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic
    assert latin_to_cyrillic(f"va {latin}") == f"ва {cyrillic}"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("маъюс", "maʼyus"),  # ъ after a vowel stays, even before ю
        ("адъютант", "adyutant"),
        ("съезд", "syezd"),
        ("Васильев", "Vasilyev"),
        ("ОБЪЕКТ", "OBYEKT"),
        ("ЦИРК Цирк", "SIRK Sirk"),
        ("ОКТЯБРЬ Октябрьда октябрда", "OKTABR Oktabrda oktabrda"),
        ("ШҲТ, МДХ, ЁШ, Ё", "SHHT, MDX, YOSH, Yo"),
        ("йўл Йўл ЙЎЛ", "yoʻl Yoʻl YOʻL"),
        ("Ўзбекистон-Қозоғистон", "Oʻzbekiston-Qozogʻiston"),
        ("экстремизм, ижтимоий-енгил", "ekstremizm, ijtimoiy-yengil"),
        ("президент.уз ва https://uza.uz/uz", "prezident.uz va https://uza.uz/uz"),
        ("шакллариغا", "shakllariغا"),  # the Arabic-letter token of 004: letters kept
        ("Қазақстан және Өзбекстан", "Qazaqstan jәne Өzbekstan"),  # Kazakh letters pass
    ],
)
def test_cyrillic_to_latin_more_cases(cyrillic: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("oktabrda 15-noyabr kuni", "октябрда 15-ноябрь куни"),
        ("Oktabr OKTABR sentabrda iyuldan", "Октябрь ОКТЯБРЬ сентябрда июлдан"),
        ("sentyabrda", "сентябрда"),  # the common misspelling with ya
        ("modelini, rolini, filmlar", "моделини, ролини, фильмлар"),
        ("Vasilyev, syezd, subyekt", "Васильев, съезд, субъект"),
        ("hayotsiz, otsiz", "ҳаётсиз, отсиз"),  # t + s is not ц
        ("konstitutsiyaviy, ratsional", "конституциявий, рационал"),
        ("Ofitserlar, litseyda", "Офицерлар, лицейда"),
        ("YOʻL Yoʻl", "ЙЎЛ Йўл"),
        ("SHHT, AQSh, Sh. Mirziyoyev", "ШҲТ, АҚШ, Ш. Мирзиёев"),
        ("maʼyus, taʼe", "маъюс, таъэ"),
        ("MAʼLUMOT, Maʼlumot", "МАЪЛУМОТ, Маълумот"),
        ("XXI asr, II bob, VII", "XXI аср, II боб, VII"),  # Roman numerals stay Latin
        ("I. Karimov", "И. Каримов"),  # a one-letter initial is not a numeral
        ("kun.uz saytida, UzDaily.com/news", "kun.uz сайтида, UzDaily.com/news"),
        (
            "[ikrom08@gmail.com](mailto:ikrom08@gmail.com)",
            "[ikrom08@gmail.com](mailto:ikrom08@gmail.com)",
        ),
        (
            "<https://mfa.uz/uz/pages/vneshnaya-politika>",
            "<https://mfa.uz/uz/pages/vneshnaya-politika>",
        ),
        ("Ўзбекистон va Qozog‘iston", "Ўзбекистон ва Қозоғистон"),  # Cyrillic passes
    ],
)
def test_latin_to_cyrillic_more_cases(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize("latin", sorted(LATIN_EXCEPTIONS))
def test_every_exception_word_round_trips(latin: str) -> None:
    official = latin.replace("tyabr", "tabr")  # sentyabr, oktyabr → sentabr, oktabr
    cyrillic = LATIN_EXCEPTIONS[latin]
    assert latin_to_cyrillic(latin) == cyrillic
    assert cyrillic_to_latin(cyrillic) == official
    assert cyrillic_to_latin(latin_to_cyrillic(f"{official}lari")) == f"{official}lari"


def test_document_004_heading_and_byline_in_latin() -> None:
    lines = cyrillic_to_latin(corpus_file(4)).splitlines()
    assert lines[2] == (
        "## OʻZBEKISTON VA QOZOGʻISTON: HAMKORLIK VA YANGI IMKONIYATLAR YANADA MUSTAHKAMLANMOQDA"
    )
    assert lines[4] == "*Xayrullayev Ikrom Ilyomjon oʻgʻli*"
    assert lines[6] == "[ikromxayrullayev08@gmail.com](mailto:ikromxayrullayev08@gmail.com)"
    assert lines[10] == (
        "**Kalit soʻzlar:** Markaziy Osiyo, ijtimoiy-siyosiy, savdo-iqtisodiy va "
        "madaniy-gumanitar aloqalar, Ittifoqchilik munosabatlari, BMT, SHHT, MDX, "
        "xalqaro munosabatlar."
    )


def test_document_004_round_trips_through_latin() -> None:
    """Every line comes back, the source's х/ҳ slips and the Arabic-letter token included.

    The one exception is the Russian reference (line 56): Russian ц at a word start has no
    Latin spelling that the way back can tell from с.
    """
    original = corpus_file(4).splitlines()
    back = latin_to_cyrillic(cyrillic_to_latin(corpus_file(4))).splitlines()
    differing = [
        (number, line) for number, line in enumerate(back, 1) if line != original[number - 1]
    ]
    assert differing == [
        (56, "2. “Сентралная Азия – приоритет внешней политики Узбекистана”, 15 июль 2020 й.")
    ]
    assert original[55] == (
        "2. “Центральная Азия – приоритет внешней политики Узбекистана”, 15 июль 2020 й."
    )


def test_dolzarbligi_paragraph_of_000_in_cyrillic() -> None:
    paragraph = canonical(corpus_lines(0, 58, 88))
    cyrillic = latin_to_cyrillic(paragraph)
    assert cyrillic.startswith(
        "Долзарблиги. Ўзбекистон ва Қозоғистон ўртасидаги муносабатлар бугунги кунда Марказий "
        "Осиё минтақасида барқарорлик ва тараққиётни таъминловчи муҳим омиллардан бири "
        "ҳисобланади. Қозоғистон Ўзбекистоннинг асосий савдо ҳамкорларидан бири бўлиб, минтақа "
        "давлатлари ўртасидаги товар айирбошлаш жараёнида етакчи ўрин эгаллайди."
    )
    assert cyrillic_to_latin(cyrillic) == paragraph


@pytest.mark.parametrize(
    ("number", "first", "last"),
    [
        (0, 3, 21),  # ANNOTATSIYA
        (0, 90, 120),  # Ilmiy va amaliy ahamiyati
        (0, 487, 520),  # XULOSA
        (1, 1, 32),  # ANNOTATSIYA: mixed ‘ and ’, O’zbekistan
        (2, 1, 13),  # „ and ‟
        (2, 77, 118),
        (3, 17, 24),
    ],
)
def test_latin_paragraphs_round_trip_through_cyrillic(number: int, first: int, last: int) -> None:
    paragraph = canonical(corpus_lines(number, first, last))
    assert cyrillic_to_latin(latin_to_cyrillic(paragraph)) == paragraph


def test_latin_round_trip_exceptions_are_only_non_standard_spellings() -> None:
    """What does not come back: sentyabr (official sentabr) and Title-case digraphs in
    acronyms (YaIM, AQSh), which Cyrillic writes in capitals (ЯИМ, АҚШ)."""
    text = "2024-yil 11-12 sentyabrda. YaIM va AQSh."
    assert cyrillic_to_latin(latin_to_cyrillic(text)) == "2024-yil 11-12 sentabrda. YAIM va AQSH."


# --- properties ---------------------------------------------------------------------------

# Syllables of the official alphabet. Left out, because Cyrillic cannot tell them apart:
# * a tutuq after a consonant before y + vowel (obʼyekt): Cyrillic drops ъ there (объект);
# * a tutuq after o or oʻ: `fold_apostrophes` reads o + mark as the letter oʻ;
# * sentyabr/oktyabr: the official spellings are sentabr/oktabr;
# * all-caps words of one syllable: ЁЛ could be YOL or Yol in an all-caps context;
# * c and w, which are not in the alphabet (loanwords only).
_ONSETS = [""] * 4 + list("bdfghjklmnpqrstvxyz") + ["sh", "ch", "gʻ", "ng", "sʼh"]
_VOWELS = ["a", "e", "i", "o", "u", "oʻ"]
_CODAS = ["", "", "", *"bdfgklmnpqrstxyz", "sh", "ch", "ng", "gʻ"]


@st.composite
def _syllable(draw: st.DrawFn) -> str:
    vowel = draw(st.sampled_from(_VOWELS))
    coda = draw(st.sampled_from([*_CODAS, "ʼ"] if vowel in "aeiu" else _CODAS))
    return draw(st.sampled_from(_ONSETS)) + vowel + coda


@st.composite
def _uzbek_word(draw: st.DrawFn) -> str:
    syllables = draw(st.lists(_syllable(), min_size=1, max_size=4))
    word = "".join(syllables)
    assume(not word.startswith(("oktyabr", "sentyabr")))
    case = draw(
        st.sampled_from(["lower", "title", "upper"] if len(syllables) > 1 else ["lower", "title"])
    )
    if case == "upper":
        return word.upper()
    return word[0].upper() + word[1:] if case == "title" else word


_UZBEK_LATIN_TEXT = st.lists(
    st.tuples(_uzbek_word(), st.sampled_from([" ", ", ", "-", ". ", " 2024-"])), max_size=8
).map(lambda pairs: "".join(word + separator for word, separator in pairs).strip(" -"))


@given(_UZBEK_LATIN_TEXT)
def test_uzbek_latin_round_trips_through_cyrillic(text: str) -> None:
    assert cyrillic_to_latin(latin_to_cyrillic(text)) == text


@given(st.text(max_size=80))
def test_transliteration_never_raises(text: str) -> None:
    assert isinstance(cyrillic_to_latin(text), str)
    assert isinstance(latin_to_cyrillic(text), str)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАЕЁЮЯЦЪЬЎҚҒҲ .-", max_size=40))
def test_cyrillic_to_latin_leaves_no_uzbek_cyrillic_letter(text: str) -> None:
    latin = cyrillic_to_latin(text)
    assert not set(latin) & set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАЕЁЮЯЦЪЬЎҚҒҲ")
