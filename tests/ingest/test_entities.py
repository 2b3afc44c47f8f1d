"""The gazetteer: aliases in every script, inflected forms, spans into the original text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.ingest.entities import (
    KINDS,
    EntityMention,
    Gazetteer,
    GazetteerError,
    _fold,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _corpus(prefix: str) -> str:
    (path,) = (resources_dir() / "corpus").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.entity_id, m.text) for m in gazetteer.find(text)]


# -- the data ---------------------------------------------------------------------------


def test_the_bundled_gazetteer_loads_once_and_is_well_formed(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load() is gazetteer
    entities = gazetteer.entities()
    assert len(entities) >= 100
    assert len({e.id for e in entities}) == len(entities)
    assert {e.kind for e in entities} == set(KINDS)
    assert all(e.name and e.aliases for e in entities)
    assert sum(len(e.aliases) for e in entities) >= 800


@pytest.mark.parametrize(
    "entity_id",
    [
        "shavkat_mirziyoyev", "kassym_jomart_tokayev", "nursultan_nazarbayev", "islam_karimov",
        "abai_qunanbaiuly", "alisher_navoi", "nosir_yakubov", "saidikram_niyazkhodjaev",
        "uzbekistan", "kazakhstan", "tashkent", "astana", "almaty", "shymkent", "turkistan",
        "samarkand", "bukhara", "khiva", "navoi", "termez", "nukus", "karakalpakstan",
        "maktaaral", "saryagash", "zhibek_zholy", "aral_sea", "syr_darya", "amu_darya",
        "central_asia", "fergana_valley", "mangystau_region", "turkistan_region", "jizzakh",
        "kyrgyzstan", "tajikistan", "turkmenistan", "russia", "china", "afghanistan",
        "un", "sco", "cis", "csto", "eaeu", "ots", "cica", "eu", "world_bank", "adb",
        "supreme_interstate_council", "industrial_cooperation_centre", "oliy_majlis",
        "uz_senate", "kz_senate", "kz_mazhilis", "ktz", "uzbekistan_railways", "tsue",
    ],
)  # fmt: skip
def test_the_domain_is_covered(gazetteer: Gazetteer, entity_id: str) -> None:
    assert gazetteer.get(entity_id) is not None


def test_thesaurus_aliases_are_display_forms(gazetteer: Gazetteer) -> None:
    central_asia = gazetteer.get("central_asia")
    assert central_asia is not None
    assert central_asia.name == "Central Asia"
    assert central_asia.kind == "place"
    assert "Центральная Азия" in central_asia.aliases  # written "Центральн|ая Ази|я"
    assert not any("|" in a for e in gazetteer.entities() for a in e.aliases)


# -- mentions in the corpus, every script ------------------------------------------------


def test_uzbek_latin_article_000(gazetteer: Gazetteer) -> None:
    text = _corpus("000")
    found = _found(gazetteer, text)
    for mention in [
        ("kassym_jomart_tokayev", "Qosim-Jomart Tokayev"),
        ("shavkat_mirziyoyev", "Shavkat Mirziyoyev"),
        ("astana", "Ostona"),
        ("astana_think_tank_forum", "Astana Think Tank Forumida"),
        ("almaty", "Olmaotada"),
        ("nurlan_nigmatulin", "N. \n\nNigmatulin"),
        ("oliy_majlis", "Oliy Majlisi"),
        ("kz_senate", "Qozog‘iston Senati"),
        ("abai_qunanbaiuly", "Abay Qo‘nonboev"),
        ("great_silk_road", "Buyuk Ipak yo‘li"),
        ("kyrgyzstan", "Qirg‘izistonga"),
        ("central_asia", "Markaziy \n\nOsiyo"),
    ]:
        assert mention in found
    start = text.index("Qosim-Jomart Tokayev")
    (tokayev,) = [m for m in gazetteer.find(text) if m.start == start]
    assert tokayev == EntityMention(
        "kassym_jomart_tokayev", "Kassym-Jomart Tokayev", "person", start, start + 20,
        "Qosim-Jomart Tokayev",
    )  # fmt: skip


def test_uzbek_latin_with_curly_and_low_quotes_002(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, _corpus("002"))
    for mention in [
        ("kazakhstan", "Qozogʻistonga"),
        ("kazakhstan", "Qozog„iston Respublikasining"),
        ("uzbekistan", "O„zbekistondan"),
        ("islam_karimov", "Islom Karimovning"),
        ("nursultan_nazarbayev", "N. Nazarboyev"),
        ("nursultan_nazarbayev", "Н. Назарбаев"),
        ("askar_akayev", "А. Акаев"),
        ("cis", "MDH"),
        ("sco", "SHHT"),
        ("cis", "СНГ"),
        ("sco", "ШОС"),
        ("uzbekistan", "Узбекистаном"),
        ("kazakhstan", "Республикой Казахстан"),
        ("navoi", "Navoiy"),
        ("kaplanbek", "Qoplonbek"),
        ("kaplanbek", "Коплонбек"),
        ("saidikram_niyazkhodjaev", "Niyazxodjaev Saidikram Parhatovich"),
        ("darbaza", "Darbaza"),
        ("maktaaral", "Maqtaaral"),
        ("saryagash", "Sariag„ash"),
        ("turkistan_region", "Turkiston viloyatining"),
        ("soviet_union", "Sovet ittifoqining"),
        ("uzbek_kazakh_border", "O„zbek-qozoq chegarasidagi"),
    ]:
        assert mention in found


def test_uzbek_latin_names_across_line_breaks_003(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, _corpus("003"))
    for mention in [
        ("shavkat_mirziyoyev", "Shavkat \n\nMirziyoyev"),
        ("kassym_jomart_tokayev", "Qasim-Jomart Toqayev"),
        ("kazakhstan", "QOZOG‘ISTON"),
        ("uzbekistan", "O’ZBEKISTON"),
        ("uzbekistan", "O'zbekiston"),
        ("tashkent_hokimiyat", "Toshkent shahar hokimligi"),
        ("astana_akimat", "Ostona \n\nshahar hokimligi"),
        ("uzbekneftegaz", "O‘zbekneftgaz"),
        ("kazmunaygas", "Kazmunaygaz"),
        ("tsue", "Toshkent davlat iqtisodiyot universiteti"),
        (
            "industrial_cooperation_centre",
            "Markaziy Osiyo” xalqaro sanoat kooperatsiyasi \n\nmarkazi",
        ),
    ]:
        assert mention in found


def test_uzbek_cyrillic_article_004(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, _corpus("004"))
    for mention in [
        ("shavkat_mirziyoyev", "Шавкат Мирзиёев"),
        ("shavkat_mirziyoyev", "Шавкат Мирзиёевнинг"),
        ("kassym_jomart_tokayev", "Қосим-Жомарт Тоқаев"),
        ("kassym_jomart_tokayev", "Қасим-Жомарт Тоқаевнинг"),
        ("kazakhstan", "Қозоғистонга"),
        ("kazakhstan", "ҚОЗОҒИСТОН"),
        ("uzbekistan", "Ўзбекистоннинг"),
        ("un", "БМТ"),
        ("sco", "ШҲТ"),
        ("sco", "ШХТ"),
        ("cis", "МДХ"),
        ("supreme_interstate_council", "Олий давлатлараро кенгашнинг"),
        ("akorda", "Оқўрда"),
        ("ifas", "Оролни қутқариш халқаро жамғармаси"),
        ("central_asia", "Центральная Азия"),
    ]:
        assert mention in found


def test_spans_point_into_the_original_cyrillic_text(gazetteer: Gazetteer) -> None:
    # Folding turns Ш into "sh" and ё into "yo": the spans must not drift.
    text = "Шавкат Мирзиёев ва Қосим-Жомарт Тоқаев Тошкентда учрашди."
    assert [(m.start, m.end, m.text) for m in gazetteer.find(text)] == [
        (0, 15, "Шавкат Мирзиёев"),
        (19, 38, "Қосим-Жомарт Тоқаев"),
        (39, 48, "Тошкентда"),
    ]


# -- inflection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity_id", "mention"),
    [
        ("Qozog‘istonga tashrif", "kazakhstan", "Qozog‘istonga"),
        ("Qozog'istonlik sarmoyadorlar", "kazakhstan", "Qozog'istonlik"),
        ("O‘zbekistondagi korxonalar", "uzbekistan", "O‘zbekistondagi"),
        ("Mirziyoyevning tashrifi", "shavkat_mirziyoyev", "Mirziyoyevning"),
        ("Toshkentdan Olmaotaga", "tashkent", "Toshkentdan"),
        ("Ўзбекистонда ва Қозоғистоннинг", "uzbekistan", "Ўзбекистонда"),
        ("Қозоғистоннинг иқтисодиёти", "kazakhstan", "Қозоғистоннинг"),
        ("переговоры с Казахстаном", "kazakhstan", "Казахстаном"),
        ("встреча с Токаевым", "kassym_jomart_tokayev", "Токаевым"),
        ("саммит в Астане", "astana", "Астане"),
        ("в Центральной Азии", "central_asia", "Центральной Азии"),
        ("заседание Высшего межгосударственного совета", "supreme_interstate_council",
         "Высшего межгосударственного совета"),
        ("Шанхайской организации сотрудничества", "sco", "Шанхайской организации сотрудничества"),
        ("отношения с Россией", "russia", "Россией"),
        ("Қазақстанның Президенті", "kazakhstan", "Қазақстанның"),
        ("Өзбекстанға сапар", "uzbekistan", "Өзбекстанға"),
        ("Астанада өтті", "astana", "Астанада"),
        ("Мирзиёевпен сөйлесті", "shavkat_mirziyoyev", "Мирзиёевпен"),
        ("Uzbekistan’s exports", "uzbekistan", "Uzbekistan’s"),
        ("the Central Asian states", "central_asia", "Central Asian"),
        ("BMTning sessiyasi", "un", "BMTning"),
        ("ШҲТга аъзо", "sco", "ШҲТга"),
    ],
)  # fmt: skip
def test_inflected_forms_are_one_mention(
    gazetteer: Gazetteer, text: str, entity_id: str, mention: str
) -> None:
    assert (entity_id, mention) in _found(gazetteer, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tokayev, Toqayev, Тоқаев, Токаев", ["kassym_jomart_tokayev"] * 4),
        ("Astana, Ostona, Остона, Nur-Sultan, Нур-Султан", ["astana"] * 5),
        ("Sh.Mirziyoyev, Mirziyoyev Sh.M. va Q.-J. Tokayev",
         ["shavkat_mirziyoyev", "shavkat_mirziyoyev", "kassym_jomart_tokayev"]),
        ("Тоқаев Қ.-Ж. ва Мирзиёев Ш.", ["kassym_jomart_tokayev", "shavkat_mirziyoyev"]),
        ("Nazarboyev, Назарбоев, Назарбаев", ["nursultan_nazarbayev"] * 3),
        ("Ислом Каримов ва Ислам Каримов", ["islam_karimov"] * 2),
        ("Tashkent, Toshkent, Тошкент, Ташкент", ["tashkent"] * 4),
        ("Orol dengizi, Орол денгизи, Аральское море, Aral Sea", ["aral_sea"] * 4),
        ("Sirdaryo, Сирдарё, Сырдарья", ["syr_darya"] * 3),
        ("Chimkent, Чимкент, Шымкент", ["shymkent"] * 3),
        ("Мақтаарал, Мактаарал, Maqtaaral", ["maktaaral"] * 3),
    ],
)  # fmt: skip
def test_one_entity_in_every_script(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert [m.entity_id for m in gazetteer.find(text)] == expected


def test_the_longest_alias_wins(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "Qozog‘iston Respublikasi Prezidenti Qasim-Jomart Toqayev") == [
        ("kazakhstan", "Qozog‘iston Respublikasi"),
        ("kassym_jomart_tokayev", "Qasim-Jomart Toqayev"),
    ]
    assert _found(gazetteer, "Oliy Majlis Senati va Oliy Majlis") == [
        ("uz_senate", "Oliy Majlis Senati"),
        ("oliy_majlis", "Oliy Majlis"),
    ]
    assert _found(gazetteer, "Alisher Navoiy va Navoiy viloyati") == [
        ("alisher_navoi", "Alisher Navoiy"),
        ("navoi", "Navoiy"),
    ]


# -- no false hits ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Janubi-sharqiy osiyo davlatlari va osiyolik mehmonlar; Osiyo qit’asi.",
        "submt bmt Bmt; Shhtning emas shht",
        "2017 yil 22-23 mart kunlari",
        "Uyning ostonasida; астана қаласы",
        "Rossiya, Islom mamlakatlari va G‘arb",
        "Олий кенгашнинг биринчи мажлиси; yig‘ilish majlisi",
        "абай бол, дарбаза ашық",
        "uza.uz, https://www.gov.kz/memleket/entities/mfa-\n\ntashkent/activities, kisi.kz",
        "ikromxayrullayev08@gmail.com",
    ],
)
def test_ordinary_words_urls_and_lower_case_acronyms_are_no_mentions(
    gazetteer: Gazetteer, text: str
) -> None:
    found = _found(gazetteer, text)
    assert all(entity_id == "russia" for entity_id, _ in found)


def test_lower_case_words_that_are_names_elsewhere(gazetteer: Gazetteer) -> None:
    # Cased aliases need a capital; ordinary aliases do not.
    assert _found(gazetteer, "orol va Orol") == [("aral_sea", "Orol")]
    assert _found(gazetteer, "qozog‘istonlik sarmoyadorlar") == [("kazakhstan", "qozog‘istonlik")]


# -- robustness and speed -----------------------------------------------------------------

_PIECES = st.one_of(
    st.sampled_from(
        ["Qozog‘iston", "Ўзбекистон", "Тоқаев", "Sh. Mirziyoyev", "ШҲТга", "BMT", "Ostona",
         " ", "\n", "-", "’", "„", "ʻ", "“", ".", "https://x.uz/", "Ш", "ё", "İ", "ß", "ﬁ"]
    ),
    st.text(max_size=6),
)  # fmt: skip


@given(st.lists(_PIECES, max_size=20).map("".join))
@settings(max_examples=400, deadline=None)
def test_find_never_fails_and_spans_are_exact(text: str) -> None:
    mentions = Gazetteer.load().find(text)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        previous_end = mention.end


def test_fold_is_one_spelling_for_every_apostrophe_and_script() -> None:
    spellings = ["O‘zbekiston", "Oʻzbekiston", "O'zbekiston", "O’zbekiston", "O„zbekiston"]
    assert len({_fold(s) for s in [*spellings, "Ўзбекистон", "OʻZBEKISTON"]}) == 1
    assert _fold("Қозоғистон") == _fold("Qozogʻiston")


@pytest.mark.slow
def test_find_runs_at_two_megabytes_a_second_or_more(gazetteer: Gazetteer) -> None:
    corpus = "\n".join(_corpus(f"{i:03}") for i in range(5))
    gazetteer.find(corpus)  # warm the word cache, as on any real archive
    best = min(_cpu_seconds(gazetteer, corpus) for _ in range(5))
    assert len(corpus.encode()) / best >= 2_000_000


def _cpu_seconds(gazetteer: Gazetteer, text: str) -> float:
    start = time.process_time()
    gazetteer.find(text)
    return max(time.process_time() - start, 1e-9)


# -- broken files say what is wrong --------------------------------------------------------

_ENTITY = '[[entity]]\nid = "{id}"\nname = "X"\nkind = "{kind}"\naliases = {aliases}\n'


def _write(tmp_path: Path, *entities: str) -> Path:
    path = tmp_path / "gazetteer.toml"
    path.write_text('[inflection]\nuz = ["ga"]\n' + "".join(entities), encoding="utf-8")
    return path


def test_one_alias_for_two_entities_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _ENTITY.format(id="a", kind="place", aliases='["Oʻzbekiston"]'),
        _ENTITY.format(id="b", kind="place", aliases='["Ўзбекистон"]'),
    )
    with pytest.raises(GazetteerError, match="'Ўзбекистон' of 'b' folds to the same"):
        Gazetteer.load(path)


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, _ENTITY.format(id="a", kind="river", aliases='["Amu"]'))
    with pytest.raises(GazetteerError, match="kind must be one of"):
        Gazetteer.load(path)


def test_a_small_gazetteer_file_works(tmp_path: Path) -> None:
    path = _write(tmp_path, _ENTITY.format(id="a", kind="place", aliases='["Xiva"]'))
    assert [(m.entity_id, m.text) for m in Gazetteer.load(path).find("Xivaga bordik")] == [
        ("a", "Xivaga")
    ]
