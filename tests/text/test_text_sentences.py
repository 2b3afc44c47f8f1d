import pytest
from hypothesis import given
from hypothesis import strategies as st
from text_corpus import corpus_file, corpus_lines

from uzkz_desktop.text import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_uzbek_passage_with_initials_and_a_citation() -> None:
    assert _sentences(corpus_lines(0, 305, 329)) == [
        "rivojlantirishga intilib, mintaqaviy barqarorlik va strategik sheriklikni ta’minlashga "
        "qaratilgan sa’y-harakatlarni amalga oshirdi.",
        "Siyosiy tashriflar va yuqori darajadagi uchrashuvlar ikki davlat o‘rtasidagi ishonch va "
        "ochiqlikni oshirdi.",
        "Masalan, 2023-yil 18- 19 fevral kunlari O‘zbekiston tashqi ishlar vaziri B. Saidov "
        "Ostona shahriga rasmiy javob tashrifi bilan bordi va tashrif doirasida ikki davlat "
        "tashqi ishlar vazirliklari rahbarlari uchrashuv bayonnomasi qabul qilindi.",
        "Shu bilan birga, Oliy davlatlararo kengash qarori loyihasi ham tasdiqlandi [Ministry of "
        "Foreign Affairs of the Republic of Kazakhstan, 2024].",
        "2024-yil 15 aprel va 26 noyabrda Markaziy Osiyo davlatlari tashqi ishlar vazirlari "
        "yig‘ilishlarida ishtirok etish orqali siyosiy hamkorlikning yangi mexanizmlari "
        "mustahkamlandi.",
        "Qonun chiqaruvchi organlar darajasida ham samarali aloqalar yo‘lga qo‘yildi: O‘zbekiston "
        "Oliy Majlisi Spikeri N. Ismoilov va Qozog‘iston Parlamenti Raisi N. Nigmatulin rasmiy "
        "tashriflar bilan almashildi.",
        "2023-yil 25-26 oktabrda Parlamentlararo",
    ]


def test_uzbek_passage_with_a_spaced_footnote_number() -> None:
    assert _sentences(corpus_lines(1, 51, 57)) == [
        "do’stona hamkorlik aloqalari 1998 - yilda imzolangan “O’zbekiston – Qozog’ton Do’stlik "
        "va hamkorlik shartnomasi” bilan mustahkam institutsional  asosga ega bo‘lgan va "
        "keyinchalik 2013-yilda yangilangan “Strategik sheriklik shartnomasi” bilan yanada "
        "chuqurlashgan 14.",
        "2016 yil Markaziy Osiyo siyosatida muhim burilish nuqtasi bo‘ldi; aynan shu yildan "
        "boshlab",
    ]


def test_cleaned_footnote_markers_stay_with_their_sentence() -> None:
    text = (
        "bilan yanada chuqurlashgan[^14]. 2016 yil muhim burilish nuqtasi bo‘ldi; aynan shu "
        "yildan boshlab yangi strategiyalar qabul qildi.[^15] Bu davr mobaynida savdo o‘sdi."
    )
    assert _sentences(text) == [
        "bilan yanada chuqurlashgan[^14].",
        "2016 yil muhim burilish nuqtasi bo‘ldi; aynan shu yildan boshlab yangi strategiyalar "
        "qabul qildi.[^15]",
        "Bu davr mobaynida savdo o‘sdi.",
    ]


def test_glued_footnote_numbers_lists_and_initials_without_space() -> None:
    text = "\n".join(corpus_file(3).splitlines()[83:100:2])
    assert _sentences(text) == [
        "bayonot imzolandi1.",
        "ADABIYOTLAR TAHLILI \nTaniqli nemis olimi Karl Doytch mintaqani turli yo‘nalishda "
        "bog‘lanadigan \nhududiy birlik sifatida talqin qilib, uchta asosiy belgisini qayd etadi.",
        "1. Umumiy geografik yaqinlik.",
        "2. Hamkorlikning doimiyligi va intensivligi.",
        "3. Mintaqa tizimi haqidagi umumiy yondashuv2.",
        "Shvetsiyalik professor B.Xettne mintaqani ushbu jihatlari mavjudligini \nta'kidlaydi:",
    ]


def test_double_initials_and_glued_markers() -> None:
    assert _sentences(corpus_lines(3, 114, 128)) == [
        "- xalqaro munosabatlarda alohida maqomga egaligi va tan olishi3.",
        "Rossiyalik tadqiqotchilar A.A. Sergunin va L.Remkeldalar talqiniga muvofiq, mintaqa "
        "superatama bo‘lib, aholi, hudud, umumiy tarix, tabiiy sharoit va muammolarni echish "
        "xarakterini o‘z ichiga oladi4.",
        "“Mintaqaviy hamkorlik” tushunchasi haqida ham turli qarashlar mavjud.",
        "Rossiyalik tadqiqotchi Olga Butorina mintaqaviy hamkorlik to‘grisida “globallashuv "
        "sharoitida dunyo stratifikatsiyasi jarayoniga bir guruh davlatlarning anglangan faol "
        "ishtiroki modelini o‘zida aks ettiradi, degan kontseptsiyani ilgari suradi5.",
    ]


def test_russian_abstract() -> None:
    assert _sentences(corpus_lines(2, 23, 45)) == [
        "Абстракт: В работе изучаются политические, экономические, культурные и дипломатические "
        "отношения между Узбекистаном и Республикой Казахстан в период после 1991 года.",
        "После того, как обе страны провозгласили свою независимость, они стали придавать "
        "большое значение развитию взаимного сотрудничества.",
        "Основными направлениями считаются общие интересы во внешней политике, демаркации "
        "границ, торгово-экономическом сотрудничестве, а также совместные проекты в "
        "транспортной и энергетической сферах.",
        "Также будет проанализировано сотрудничество в рамках региональных организаций (таких "
        "как СНГ, ШОС, ОЭСР) и укрепление братских отношений между двумя странами.",
        "Ключевые слова: взаимоотношения, добрососедские отношения, встречи глав государств, "
        "Н. Назарбаев, А. Акаев, И. Каримов, «Год Узбекистана», «Казинформ», Октов, «Навои» – "
        "«Коплонбек».",
    ]


def test_english_abstract() -> None:
    assert _sentences(corpus_lines(2, 48, 69)) == [
        "Abstract: This work studies the political, economic, cultural and diplomatic relations "
        "between Uzbekistan and the Republic of Kazakhstan since 1991.",
        "After the declaration of independence, both countries began to attach great importance "
        "to the development of mutual cooperation.",
        "Common interests in foreign policy, border demarcation, trade and economic cooperation, "
        "joint projects in the transport and energy sectors are considered as the main "
        "directions.",
        "Cooperation within regional organizations (such as the CIS, SCO, SCO) and the "
        "strengthening of fraternal relations between the two countries are also analyzed.",
        "Keywords: mutual relations, neighborly relations, meetings of heads of state, N. "
        "Nazarbayev, A. Akayev, I. Karimov, “Year of Uzbekistan”, “Kazinform”, Oqtov, “Navoi” – "
        "“Koplonbek”",
    ]


def test_list_of_dates_one_item_per_line() -> None:
    text = "\n".join(corpus_file(2).splitlines()[134:144:2])
    assert _sentences(text) == [
        "1. Nosir Yoqubov (1993 – 2000).",
        "2. Butayarov Turdiqul Suvanovich (17.04.2000 – 2008).",
        "3. Tursunov Farrux Islamdjanovich (12.2008 – 12.2011).",
        "4. Salahitdinov Alisher Alahitdinovich (11.2012 – 12.2015).",
        "5. Nazarov Ikrom Oʻktamovich (06.01.2016 – 10.02.2018).",
    ]


def test_uzbek_cyrillic_paragraph() -> None:
    assert _sentences(corpus_file(4).splitlines()[24]) == [
        "Ўзбекистон Президенти Шавкат Мирзиёевнинг 2017 йил 22-23 март ва 2021 йил 5-6 декабрь "
        "кунлари Қозоғистонга давлат ташрифлари, шунингдек, Қозоғистон Президенти Қасим-Жомарт "
        "Тоқаевнинг 2019 йил 14-15 апрель ва 2022 йил 21-22 декабрь кунлари Ўзбекистонга амалга "
        "оширган давлат ташрифлари янги босқичдаги ўзаро ҳамкорлик учун кучли туртки бўлди.",
        "Ушбу ташрифлар натижасида бир қатор ҳукуматлараро ва идоралараро ҳужжатлар, шунингдек, "
        "савдо-иқтисодий ҳамкорлик соҳасидаги келишувлар тўплами имзоланди.",
        "Давлатларимиз ўртасида Иттифоқчилик муносабатлари тўғрисидаги шартноманинг имзоланиши "
        "икки томонлама муносабатларни мисли кўрилмаган юқори даражага кўтарган чинакам тарихий "
        "воқеа бўлди.",
    ]


def test_markdown_heading_and_reference_list_of_004() -> None:
    text = "\n".join(corpus_file(4).splitlines()[52:])
    assert _sentences(text) == [
        "### **Фойдаланилган адабиётлар рўйхати**",
        "1. ““Замонавий дунёда Ўзбекистон ташқи сиёсатининг кун тартиби”",
        "2. “Центральная Азия – приоритет внешней политики Узбекистана”, 15 июль 2020 й.",
        "3. Ўзбекистон Республикаси Ташқи ишлар вазирлиги.",
        "“Ўзбекистон Республикаси ташқи сиёсати”, <https://mfa.uz/uz/pages/vneshnaya-politika>",
        "4. <https://uza.uz/uz/posts>",
        "5. <https://president.uz/uz/lists/view/7448>",
    ]


def test_a_blank_line_always_ends_a_sentence() -> None:
    text = (
        "KIRISH\n\nDolzarbligi. O‘zbekiston va\nQozog‘iston o‘rtasidagi munosabatlar\n\n \nMaqsad"
    )
    assert _sentences(text) == [
        "KIRISH",
        "Dolzarbligi.",
        "O‘zbekiston va\nQozog‘iston o‘rtasidagi munosabatlar",
        "Maqsad",
    ]
    assert split_sentences(text) == [(0, 6), (8, 20), (21, 72), (76, 82)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Prezident Sh. Mirziyoyev va Q.-J. Tokayev uchrashdi. Keyin",
            ["Prezident Sh. Mirziyoyev va Q.-J. Tokayev uchrashdi.", "Keyin"],
        ),
        (
            "Loyiha 286 mlrd. so‘mga baholandi. Keyin",
            ["Loyiha 286 mlrd. so‘mga baholandi.", "Keyin"],
        ),
        (
            "Eksport 1,3 mln. AQSh dollari bo‘ldi. Keyin",
            ["Eksport 1,3 mln. AQSh dollari bo‘ldi.", "Keyin"],
        ),
        (
            "Yuk 5 t. Ko‘mir emas, 7 t. don edi. Keyin",
            ["Yuk 5 t. Ko‘mir emas, 7 t. don edi.", "Keyin"],
        ),
        (
            "1991 y. Mustaqillik e’lon qilindi. Keyin",
            ["1991 y. Mustaqillik e’lon qilindi.", "Keyin"],
        ),
        ("Ta’lim, fan va b. Keyingi gap.", ["Ta’lim, fan va b.", "Keyingi gap."]),
        ("Ta’lim, fan va b. sohalar rivojlandi.", ["Ta’lim, fan va b. sohalar rivojlandi."]),
        ("2020 й. Тошкентда учрашув бўлди.", ["2020 й. Тошкентда учрашув бўлди."]),
        (
            "В 1991 г. Узбекистан стал независимым. Далее",
            ["В 1991 г. Узбекистан стал независимым.", "Далее"],
        ),
        ("В 2000–2005 гг. Казахстан рос. Далее", ["В 2000–2005 гг. Казахстан рос.", "Далее"]),
        ("Торговля, транспорт и т.д. Далее", ["Торговля, транспорт и т.д.", "Далее"]),
        ("Торговля и т.д. и т.п. росли.", ["Торговля и т.д. и т.п. росли."]),
        (
            "Some states, e.g. Kazakhstan, grew. Next",
            ["Some states, e.g. Kazakhstan, grew.", "Next"],
        ),
        ("The U.S. Congress voted. Next", ["The U.S. Congress voted.", "Next"]),
        (
            "See No. 5, p. 12, pp. 10–12, vol. 3. Next",
            ["See No. 5, p. 12, pp. 10–12, vol. 3.", "Next"],
        ),
        ("Qaror № 5. Unga ko‘ra", ["Qaror № 5.", "Unga ko‘ra"]),
        ("Savdo 1,3 va 4.3 milliard bo‘ldi. Keyin", ["Savdo 1,3 va 4.3 milliard bo‘ldi.", "Keyin"]),
        ("Sana 17.04.2000 edi. Keyin", ["Sana 17.04.2000 edi.", "Keyin"]),
        ("Kutilmoqda... va yana... Oxiri… Keyin", ["Kutilmoqda... va yana...", "Oxiri…", "Keyin"]),
        ("U “Yo‘l xaritasi”. Keyin", ["U “Yo‘l xaritasi”.", "Keyin"]),
        ("U «Yo‘l xaritasi». Keyin", ["U «Yo‘l xaritasi».", "Keyin"]),
        ("U dedi: “Boraman.” Keyin", ["U dedi: “Boraman.”", "Keyin"]),
        ("Nima bo‘ldi? Hech narsa! Keyin", ["Nima bo‘ldi?", "Hech narsa!", "Keyin"]),
        ("Birinchi; ikkinchi; uchinchi.", ["Birinchi; ikkinchi; uchinchi."]),
        ("Ishonch oshdi.15 Keyingi yillarda", ["Ishonch oshdi.15", "Keyingi yillarda"]),
        ("yordam beradi . 1991-yildan beri", ["yordam beradi .", "1991-yildan beri"]),
        (
            "Vazifalari: 1. Tahlil qilish. 2. Baholash.",
            ["Vazifalari: 1. Tahlil qilish.", "2. Baholash."],
        ),
        ("XXI asr. II. Natijalar", ["XXI asr.", "II. Natijalar"]),
        ("Saytda kun.uz. Keyin", ["Saytda kun.uz.", "Keyin"]),
    ],
)
def test_abbreviations_numbers_and_punctuation(text: str, sentences: list[str]) -> None:
    assert _sentences(text) == sentences


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []


@given(st.text(alphabet=st.sampled_from(list('aB Ўё.!?…;:,\n"”»)(1[]^-')), max_size=120))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text: str) -> None:
    spans = split_sentences(text)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        covered.update(range(start, end))
        previous_end = end
    assert {index for index, char in enumerate(text) if not char.isspace()} <= covered
