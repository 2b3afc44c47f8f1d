# ruff: noqa: E501  (the labelled sentences are data: one per line, verbatim)
"""The event-category classifier: labels, colours, and labelled sentences in five languages.

The labelled sentences follow the rule stated in resources/categories.toml: a category
says what an event is about (subject > law/treaty > diplomatic format). Labels were set by
hand before the classifier was run on them. The first run got 93 of 103 right; fixing
keyword weights that were wrong in general (generic "economic" stems, boilerplate sphere
compounds such as savdo-iqtisodiy, treaty words weaker than in English, no "transboundary
water") brought it to 99. The four it still gets wrong stay in the list, marked xfail.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.ingest.categories import (
    FALLBACK_CONFIDENCE,
    categories,
    classify,
    classify_scores,
)

IDS = [
    "diplomacy", "economy", "investment", "transport", "energy", "culture", "education",
    "tourism", "ecology", "security", "law", "parliament", "health",
]  # fmt: skip

# (source, sentence, category). Source: corpus file number, or "ru"/"en"/"kk"/"uz" for
# sentences written for this test. Corpus sentences are verbatim (line breaks joined,
# footnote markers left out); some are one clause of a longer sentence, such as the
# documents listed in 003.
CORPUS: list[tuple[str, str, str]] = [
    ("000", "Qozog‘iston O‘zbekistonning asosiy savdo hamkorlaridan biri bo‘lib, mintaqa davlatlari o‘rtasidagi tovar ayirboshlash jarayonida yetakchi o‘rin egallaydi.", "economy"),
    ("000", "Mustaqillikdan keyingi davrda tomonlar o‘rtasida yuzlab muhim hujjatlar imzolangan bo‘lib, bu munosabatlarning huquqiy asoslarini mustahkamladi.", "law"),
    ("000", "Davlat rahbarlarining muntazam o‘zaro tashriflari esa siyosiy muloqotning yuqori darajada ekanidan dalolat beradi.", "diplomacy"),
    ("000", "So‘nggi yillarda o‘tkazilayotgan madaniyat va kino kunlari, sport musobaqalari hamda ma’naviy-ma’rifiy tadbirlar ikki tomonlama hamkorlikning amaliy natijalarini namoyon etadi.", "culture"),
    ("000", "Masalan, 2022 yilda O‘zbekistonda qozoq xalqining buyuk mutafakkiri Abay Qo‘nonboev hayoti va ijodiga bag‘ishlangan tadbirlarning o‘tkazilishi ikki xalq o‘rtasidagi ma’naviy yaqinlikni mustahkamladi.", "culture"),
    ("000", "2023-yilda Samarqand va Buxoroda Qozog‘iston madaniyati kunlari, 2024-yilda esa Ostona va Olmaotada O‘zbekiston madaniyati kunlari o‘tkazilib, madaniy almashinuvni yanada faollashtirdi.", "culture"),
    ("000", "2021 yilda imzolangan “Yo‘l xaritasi” natijasida o‘zaro sayyohlik oqimi sezilarli darajada oshib, Qozog‘istondan O‘zbekistonga kelayotgan", "tourism"),
    ("000", "Diniy va ziyorat turizmi yo‘nalishlari rivojlanib, qo‘shma sayohat paketlari tashkil etilmoqda.", "tourism"),
    ("000", "Ta’lim va ilm-fan sohasidagi hamkorlik, jumladan akademik almashinuv va ikki darajali dasturlar, gumanitar aloqalarni mustahkamlashda muhim rol o‘ynaydi.", "education"),
    ("000", "Transport va logistika tizimlarida yangi yo‘nalishlarning ochilishi tovar va yuk almashinuvini samarali qilishga imkon berdi [Shokh, 2023].", "transport"),
    ("000", "Ta’lim va ilmiy sohada universitetlararo akademik almashinuv va konferensiyalar ikki mamlakatning ilmiy va texnologik salohiyatini oshirishga xizmat qilmoqda.", "education"),
    ("000", "Masalan, 2023-yil 18-19 fevral kunlari O‘zbekiston tashqi ishlar vaziri B. Saidov Ostona shahriga rasmiy javob tashrifi bilan bordi va tashrif doirasida ikki davlat tashqi ishlar vazirliklari rahbarlari uchrashuv bayonnomasi qabul qilindi.", "diplomacy"),
    ("000", "Shu bilan birga, Oliy davlatlararo kengash qarori loyihasi ham tasdiqlandi [Ministry of Foreign Affairs of the Republic of Kazakhstan, 2024].", "diplomacy"),
    ("000", "Qonun chiqaruvchi organlar darajasida ham samarali aloqalar yo‘lga qo‘yildi: O‘zbekiston Oliy Majlisi Spikeri N. Ismoilov va Qozog‘iston Parlamenti Raisi N. Nigmatulin rasmiy tashriflar bilan almashildi.", "parliament"),
    ("000", "2023-yil 25-26 oktabrda Parlamentlararo hamkorlik kengashining birinchi yig‘ilishi bo‘lib o‘tdi, 2024-yil 11-12 sentyabrda esa Ikkinchi Markaziy Osiyo parlamentlararo forumida yuqori darajadagi uchrashuvlar amalga oshirildi.", "parliament"),
    ("000", "Mintaqaviy ilmiy va tahliliy sohada qo‘shma loyihalar amalga oshirildi; Qozog‘iston Prezidenti huzuridagi Strategik Tadqiqotlar Instituti va O‘zbekiston Prezident huzuridagi Strategik va Mintaqalararo Tadqiqotlar Instituti bir qator akademik va ilmiy loyihalarni kelishib, Astana Think Tank Forumida hamkorlikni kuchaytirdi [kisi.kz, 2025].", "education"),
    ("000", "Shu yilning noyabrida prezidentlar videokonferensiyada ishtirok etib, sanoat, qurilish, moliya, logistika va turizm sohalarini qamrab olgan $1,2 milliardlik yetti qo‘shma loyihani ishga tushirdi[qazinform.com, 2025].", "investment"),
    ("000", "Parlamentlararo hamkorlik sohasida 2025-yilda O‘zbekiston Oliy Majlisi va Qozog‘iston Senati o‘rtasida 2025–2026 yillarga mo‘ljallangan hamkorlik yo‘l xaritasi imzolandi [uzdaily.uz, 2025].", "parliament"),
    ("000", "Shu bilan birga, transchegaraviy ekologik hamkorlikda saiga anteloplarini himoya qilish bo‘yicha memorandum tayyorlandi, bu biologik xilma-xillikni saqlash va ekologik muammolarni birgalikda hal etishga xizmat qiladi.", "ecology"),
    ("000", "Energetika sohasida 2025-yilda Qozog‘iston, O‘zbekiston va Qirg‘iziston o‘rtasida qish mavsumida elektr energiyasi yetkazib berish bo‘yicha trilateral kelishuvga erishildi, bu mintaqaviy energiya xavfsizligini ta’minlashga xizmat qilmoqda.", "energy"),
    ("001", "O’zbekiston va Qozog’iston o’ratsidagi rasmiy do’stona hamkorlik aloqalari 1998 - yilda imzolangan “O’zbekiston – Qozog’ton Do’stlik va hamkorlik shartnomasi” bilan mustahkam institutsional asosga ega bo‘lgan va keyinchalik 2013-yilda yangilangan “Strategik sheriklik shartnomasi” bilan yanada chuqurlashgan", "law"),
    ("001", "Bu davr mobaynida O‘zbekiston va Qozog‘iston o‘rtasidagi tovar ayirboshlash hajmi sezilarli darajada o’sdi: 2020-yilda taxminan 2.9 milliard AQsh dollarini tashkil etib, keyingi yillarda izchil o’sish ko’rsatdi", "economy"),
    ("001", "O‘zbekiston va Qozog‘iston hukumatlari bir qator yuqori darajadagi uchrashuvlar va hukumatlararo komissiya yig‘ilishlari orqali ikki tomonlama siyosiy dialogni davom ettirmoqda.", "diplomacy"),
    ("001", "Masalan, 2024 yilda Qozog‘iston bosh vaziri Alihan Smaiylovning Tashkentga rasmiy tashrif chog‘ida savdo, investitsiyalar va transport sohalaridagi hamkorlik rejalari muhokama qilingan", "diplomacy"),
    ("001", "Ikki davlatning temir yo‘l va avtomobil yo‘llari tarmoqlari integratsiyalashgani nafaqat savdo, balki mintaqaviy tranzit va iqtisodiy bog‘liqlikni yanada mustahkamlashga xizmat qilmoqda.", "transport"),
    ("001", "Masalan, 2024-yilning yanvar–noyabr oylarida savdo aylanmasi 3,8 milliard AQSh dollarini tashkil etdi, buning 1,3 milliard dollari eksport, 2,5 milliard dollari esa import edi", "economy"),
    ("001", "2025 yil ma’lumotlariga ko‘ra, ikki davlat orasida 6,5 mingdan ortiq qo‘shma korxona faoliyat yuritmoqda", "investment"),
    ("001", "Transport infratuzilmasining integratsiyasi, jumladan temir yo‘l va avtomobil yo‘llari tarmoqlari, savdo samaradorligini oshirdi, tranzit va logistikani optimallashtirdi.", "transport"),
    ("001", "2025- yil noyabr oyida rahbarlar uchrashuvi bo‘lib o‘tdi, unda savdo hajmini 10 milliard dollarga yetkazish bo‘yicha strategik maqsadlar belgilandi", "economy"),
    ("001", "Oliy ta’lim sohasidagi almashinuvlar, qo‘shma ilmiy dasturlar va madaniy loyihalar 2023–2024 yillarda jadal rivojlandi.", "education"),
    ("001", "Uzbekistan’s trade turnover with Kazakhstan over past 4 years revealed", "economy"),
    ("001", "Kazakhstan and Uzbekistan develop 78 joint projects worth USD 1.7 bln", "investment"),
    ("002", "Ikki davlat o‟rtasida 1992-yil 23-noyabrda diplomatik aloqalar o„rnatildi.", "diplomacy"),
    ("002", "Rahbarlik faoliyati davomida ya‟ni 1991-yildan buyon Oʻzbekiston Respublikasi birinchi Prezidenti Islom Karimovning Qozogʻistonga 25 ta tashrifi amalga oshirilgan va Qozogʻiston Prezidenti Oʻzbekistonga 7 marotaba tashrif buyurgan.", "diplomacy"),
    ("002", "Qozog„istonning Oqtov shahrida O„zbekiston mahsulotlarining distribyutorlik markazi ochildi.", "economy"),
    ("002", "Mazkur markazi orqali O„zbekistondan Qozog„iston bozoriga qishloq xo„jaligi tovarlari, jumladan, oziq-ovqat mahsulotlarini eksport qilinmoqda.", "economy"),
    ("002", "O„zbek-qozoq chegarasidagi “Navoiy” – “Qoplonbek” chegara bojxona posti qayta qurilishdan so„ng ochildi.", "transport"),
    ("002", "Qozog„iston va O„zbekiston o„rtasidagi yangi temir yo„lni 2027-yilda ishga tushirish rejalashtirilgan “Darbaza-Maqtaaral” liniyasining foydalanishga topshirilishi mamlakatlar o„rtasidagi yuk tashishni kengaytirish imkonini beradi.", "transport"),
    ("002", "Shuningdek, mamlakatlar o„rtasida yo„lovchi poyezdlari qatnovi ham kengaytiriladi", "transport"),
    ("002", "2022-yilda davlat chegarasini demarkatsiya qilish va ittifoqchilik munosabatlari bo„yicha muhim shartnomalar imzolanishi aloqalarning mustahkamlanishida asosiy omil bo„ldi.", "law"),
    ("002", "Savdo hajmi oshib, 2021-yilda 4 milliard dollarga yetgan bo„lsa, 2022-yilda 5 milliard dollarga, uzoq muddatda esa 10 milliard dollarga yetkazish rejalashtirilmoqda.", "economy"),
    ("002", "Transchegaraviy resurslardan oqilona foydalanish va ularni muhofaza qilish, shuningdek, atrof-muhit va oziq-ovqat xavfsizligi masalalari ham har ikki davlat uchun juda muhim.", "ecology"),
    ("002", "После того, как обе страны провозгласили свою независимость, они стали придавать большое значение развитию взаимного сотрудничества.", "diplomacy"),
    ("003", "Bunga misol qilib, joriy yilning 15-noyabr kuni O‘zbekiston Respublikasi Prezidenti Shavkat Mirziyoyev va Qozog‘iston Respublikasi Prezidenti Qasim-Jomart Toqayev bilan birgalikda mamlakatlar iqtisodiyoti, rivoji yo‘lida mintaqaviy hamkorlikni rivojlantirish maqsadida uchrashuv o‘tkazildi.", "diplomacy"),
    ("003", "transchegaraviy suv obyektlarini birgalikda boshqarish va ulardan oqilona foydalanish to‘g‘risidagi bitim", "ecology"),
    ("003", "qo‘shma harbiy o‘quvlarni o‘tkazish to‘g‘risidagi bitim", "security"),
    ("003", "qo‘shma investitsiya platformasini yaratish to‘g‘risidagi hadli bitim", "investment"),
    ("003", "2026-2027-yillarga mo‘ljallangan turizm sohasida hamkorlik bo‘yicha qo‘shma harakatlar rejasi", "tourism"),
    ("003", "adliya vazirliklari o‘rtasida 2025-2026-yillarga mo‘ljallangan hamkorlik dasturi", "law"),
    ("003", "sog‘liqni saqlash vazirliklari o‘rtasida ixtisoslashtirilgan tibbiy yordam ko‘rsatish sohasida o‘zaro anglashuv memorandumi", "health"),
    ("003", "“O‘zbekneftgaz” va “Kazmunaygaz” aksiyadorlik jamiyatlari o‘rtasida hamkorlik bitimi", "energy"),
    ("003", "O‘zbekiston va Qozog‘iston Respublikalari o‘rtasidagi mintaqaviy hamkorlik aloqalari natijasida yil boshidan buyon tovar ayirboshlash 4 milliard dollarga yetgani mamnuniyat bilan qayd etildi.", "economy"),
    ("003", "2025-yilda O'zbekiston YaIM o'rtacha 7,2% dan 7,6% gacha o'sdi, bu o‘sishga xizmatlar va sanoat sohalari sezilarli hissa qo'shdi.", "economy"),
    ("003", "Investitsiyalarni jalb qilish orqali esa bozorlarga kengroq kirish ta’minlanadi va iqtisodiy samaradorlik oshishiga ijobiy ta’sir ko‘rsatadi.", "investment"),
    ("004", "1992 йил ноябрь ойида дипломатик муносабатлар ўрнатилганидан буён Ўзбекистон ва Қозоғистон ижтимоий-сиёсий, савдо-иқтисодий ва маданий-гуманитар соҳаларда икки томонлама ҳамда кўп томонлама ҳамкорликнинг динамик моделини намойиш этди.", "diplomacy"),
    ("004", "Ўзбекистон Президенти Шавкат Мирзиёевнинг 2017 йил 22-23 март ва 2021 йил 5-6 декабрь кунлари Қозоғистонга давлат ташрифлари, шунингдек, Қозоғистон Президенти Қасим-Жомарт Тоқаевнинг 2019 йил 14-15 апрель ва 2022 йил 21-22 декабрь кунлари Ўзбекистонга амалга оширган давлат ташрифлари янги босқичдаги ўзаро ҳамкорлик учун кучли туртки бўлди.", "diplomacy"),
    ("004", "Давлатларимиз ўртасида Иттифоқчилик муносабатлари тўғрисидаги шартноманинг имзоланиши икки томонлама муносабатларни мисли кўрилмаган юқори даражага кўтарган чинакам тарихий воқеа бўлди.", "law"),
    ("004", "Маълумки, Қосим-Жомарт Тоқаев Қозоғистон ва Ўзбекистоннинг иттифоқчилик муносабатлари тўғрисидаги шартномани ратификация қилиш тўғрисидаги қонунни имзолади.", "law"),
    ("004", "Шунингдек, халқаро терроризм, диний экстремизм ва сепаратизм, трансмиллий уюшган жиноятчилик, кибержиноятчилик, ноқонуний миграция, одам савдоси, ноқонуний савдо, шу жумладан, хавфсизликка оид янги чақирик ва таҳдидларга қарши курашиш масалаларида ташқи сиёсат, муҳофаа, хавфсизлик соҳалари, қурол, гиёҳвандлик воситалари, психотроп моддалар ва уларнинг прекурсорларида яқиндан ҳамкорлик қилиш назарда тутилган.", "security"),
    ("004", "Жорий йил август ойида Ўзбекистон ва Қозоғистон Президентлари Олий давлатлараро кенгашнинг биринчи мажлисини ўтказдилар.", "diplomacy"),
    ("004", "Ташриф доирасида Ҳукуматлараро комиссия ва Ишбилармонлар кенгаши йиғилишлари, бизнес форуми, сиёсий маслаҳатлашувлар, таҳлилий марказлар форуми, интеллектуал ўйинлар муваффақиятли ўтказилди.", "diplomacy"),
    ("004", "Халқаро саноат кооперацияси марказини ишга туширишни жадаллаштириш ва истиқболли лойиҳаларни молиявий қўллаб-қувватлаш учун қўшма жамғарма ташкил этиш масаласини ўрганишга келишиб олинди.", "investment"),
    ("004", "Хусусан, сўнгги йилларда қозоғистонлик сармоядорларнинг Ўзбекистонга бўлган қизиқиши сезиларли даражада ортди.", "investment"),
    ("004", "2017 йилдан бошлаб Қозоғистондан мамлакатимизга киритилган инвестициялар ҳажми 23 баробар, яъни 10 миллион доллардан 2023 йилда 230 миллион долларгача ошди.", "investment"),
    ("004", "“Центральная Азия – приоритет внешней политики Узбекистана”", "diplomacy"),
]  # fmt: skip

WRITTEN: list[tuple[str, str, str]] = [
    ("ru", "Президенты Узбекистана и Казахстана провели переговоры в узком формате в Акорде.", "diplomacy"),
    ("ru", "Товарооборот между странами по итогам 2024 года превысил 4 млрд долларов.", "economy"),
    ("ru", "Стороны подписали соглашение о строительстве новой железной дороги Дарбаза – Мактаарал.", "transport"),
    ("ru", "Казахстан и Узбекистан договорились о совместном управлении водными ресурсами Сырдарьи.", "ecology"),
    ("ru", "В Ташкенте открылся филиал Казахского национального университета.", "education"),
    ("ru", "Минздравы двух стран обменялись опытом в борьбе с пандемией коронавируса.", "health"),
    ("ru", "Депутаты Мажилиса встретились с сенаторами Олий Мажлиса.", "parliament"),
    ("ru", "Министры обороны обсудили проведение совместных военных учений.", "security"),
    ("ru", "Узбекистан посетили более миллиона казахстанских туристов.", "tourism"),
    ("ru", "Казахстан будет поставлять в Узбекистан электроэнергию и природный газ.", "energy"),
    ("ru", "Казахстанские инвесторы вложили в экономику Узбекистана 1,5 млрд долларов.", "investment"),
    ("ru", "В Алматы прошли Дни культуры Узбекистана с концертами и выставками.", "culture"),
    ("ru", "Договор о союзнических отношениях вступил в силу.", "law"),
    ("en", "Tokayev and Mirziyoyev held talks during the state visit to Tashkent.", "diplomacy"),
    ("en", "A treaty on the demarcation of the state border was signed during the state visit.", "law"),
    ("en", "Bilateral trade reached $4.4 billion, with exports of grain and metals growing.", "economy"),
    ("en", "The two countries agreed to build a new railway and expand cargo transit to Afghanistan.", "transport"),
    ("en", "An agreement on transboundary water management in the Syr Darya basin was signed.", "ecology"),
    ("en", "Uzbekistan and Kazakhstan launched joint projects worth $1.7 billion and opened a joint investment fund.", "investment"),
    ("en", "The Kambarata-1 hydropower plant project will supply electricity to both countries.", "energy"),
    ("en", "Nazarbayev University and Tashkent universities will exchange students and researchers.", "education"),
    ("en", "The Senate of Kazakhstan and the Oliy Majlis signed an inter-parliamentary cooperation plan.", "parliament"),
    ("en", "Visa-free travel boosted tourist flows between Almaty and Samarkand.", "tourism"),
    ("en", "Security services agreed to cooperate against terrorism and drug trafficking.", "security"),
    ("en", "Health ministries signed a memorandum on specialised medical care.", "health"),
    ("en", "Days of Uzbek cinema were held in Astana.", "culture"),
    ("kk", "Қасым-Жомарт Тоқаев Шавкат Мирзиёевпен телефон арқылы сөйлесті.", "diplomacy"),
    ("kk", "Екі ел арасындағы тауар айналымы 5 миллиард долларға жетті.", "economy"),
    ("kk", "Мақтаарал – Дарбаза темір жолының құрылысы басталды.", "transport"),
    ("kk", "Сырдария өзенінің су ресурстарын бірлесіп басқару туралы келісімге қол қойылды.", "ecology"),
    ("kk", "Алматыда Өзбекстан мәдениеті күндері өтті.", "culture"),
    ("kk", "Қазақстан Өзбекстанға электр энергиясын жеткізеді.", "energy"),
    ("kk", "Екі елдің университеттері студент алмасу бағдарламасын бастады.", "education"),
    ("kk", "Мәжіліс депутаттары Олий Мажлис сенаторларымен кездесті.", "parliament"),
    ("kk", "Шекарадағы терроризм мен есірткі саудасына қарсы бірлескен әскери жаттығулар өтті.", "security"),
    ("kk", "Өзбекстанға келген қазақстандық туристер саны артты.", "tourism"),
    ("kk", "Денсаулық сақтау министрліктері медициналық көмек көрсету туралы меморандумға қол қойды.", "health"),
    ("kk", "Қазақстандық инвесторлар Өзбекстанда бірлескен кәсіпорындар ашты.", "investment"),
]  # fmt: skip

LABELLED = CORPUS + WRITTEN
# Sentences the classifier gets wrong (by their opening words), and why. They stay in
# the labelled set and in the accuracy count.
KNOWN_MISSES: dict[str, str] = {
    "Shu yilning noyabrida prezidentlar videokonferensiyada": "the sectors of the $1.2bn "
    "projects (industry, finance, logistics, tourism) outweigh 'qo‘shma loyiha'",
    "Masalan, 2024 yilda Qozog‘iston bosh vaziri": "a visit that discussed trade, investment "
    "and transport: the sectors outweigh the visit",
    "Ташриф доирасида Ҳукуматлараро комиссия": "a visit programme listing business and "
    "think-tank forums: economy ties diplomacy and wins the tie",
    "Халқаро саноат кооперацияси марказини": "an industrial cooperation centre (economy) and "
    "a joint fund for projects (investment) in one sentence",
}


def _known_miss(sentence: str) -> str | None:
    return next((why for start, why in KNOWN_MISSES.items() if sentence.startswith(start)), None)


def _params() -> list[object]:
    params: list[object] = []
    for source, sentence, expected in LABELLED:
        why = _known_miss(sentence)
        marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
        params.append(pytest.param(sentence, expected, id=f"{source}-{expected}", marks=marks))
    return params


@pytest.mark.parametrize(("sentence", "expected"), _params())
def test_labelled_sentence(sentence: str, expected: str) -> None:
    assert classify(sentence)[0] == expected


def test_accuracy_on_the_labelled_sentences() -> None:
    right = sum(classify(sentence)[0] == expected for _, sentence, expected in LABELLED)
    assert (right, len(LABELLED)) == (99, 103)


def test_the_labelled_set_covers_every_category_file_and_language() -> None:
    assert {expected for _, _, expected in CORPUS} == set(IDS)
    assert {source for source, _, _ in CORPUS} == {"000", "001", "002", "003", "004"}
    assert {source for source, _, _ in WRITTEN} == {"ru", "en", "kk"}
    assert {expected for _, _, expected in WRITTEN} == set(IDS)


def test_each_known_miss_names_one_labelled_sentence() -> None:
    for start in KNOWN_MISSES:
        assert sum(sentence.startswith(start) for _, sentence, _ in LABELLED) == 1


# -- the rule: subject > law (the instrument) > diplomacy (the format) -------------------


def test_a_treaty_signed_during_a_state_visit_is_law() -> None:
    assert classify("A treaty was signed during the state visit.")[0] == "law"


def test_an_agreement_on_water_signed_during_a_visit_is_ecology() -> None:
    sentence = "An agreement on transboundary water was signed during the official visit."
    assert classify(sentence)[0] == "ecology"


def test_talks_without_a_subject_are_diplomacy() -> None:
    assert classify("Президенты провели переговоры в Астане.")[0] == "diplomacy"


def test_no_keyword_falls_back_to_diplomacy_with_low_confidence() -> None:
    assert classify("Bu haqda ko‘p yozilgan.") == ("diplomacy", FALLBACK_CONFIDENCE)
    assert classify("") == ("diplomacy", FALLBACK_CONFIDENCE)
    assert set(classify_scores("")) == set(IDS)
    assert set(classify_scores("").values()) == {0.0}


def test_confidence_grows_with_evidence() -> None:
    one = classify("Savdo o‘sdi.")
    many = classify("Savdo aylanmasi o‘sdi, eksport va import ham oshdi.")
    assert one[0] == many[0] == "economy"
    assert FALLBACK_CONFIDENCE < one[1] < many[1] < 1


def test_scores_are_shares_of_the_evidence() -> None:
    scores = classify_scores("Temir yo‘l va energetika loyihalari.")
    assert list(scores) == IDS
    assert math.isclose(sum(scores.values()), 1.0)
    assert scores["transport"] == scores["energy"] > scores["investment"] > 0


# -- matching -------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["ta’lim", "taʻlim", "ta'lim", "talim", "ТАЪЛИМ", "таълим"])
def test_apostrophes_and_scripts_fold_to_one_keyword(spelling: str) -> None:
    assert classify(f"{spelling} sohasidagi hamkorlik")[0] == "education"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Транспорт ва логистика тизими", "transport"),
        ("Қазақстан мен Өзбекстан арасындағы сауда", "economy"),
        ("Kazakhstan’s exports grew", "economy"),
        ("Казахстанские туристы", "tourism"),
    ],
)
def test_inflected_forms_match_the_stem(sentence: str, category: str) -> None:
    assert classify(sentence)[0] == category


@pytest.mark.parametrize(
    "sentence",
    [
        "An important day.",  # import+ is not a prefix of important
        "Gazeta.uz yozdi.",  # gaz+ is not a prefix of gazeta
        "Institutsional yondashuv.",  # institut+ is not a prefix of institutsional
        "Новые вызовы.",  # виза+ does not meet вызов
        "Sun’iy yo‘ldosh.",  # су= (Kazakh water) does not meet sun’iy
        "Hamkorlik rivojlanmoqda.",  # cooperation alone is no topic
    ],
)
def test_words_that_merely_start_like_a_keyword_do_not_count(sentence: str) -> None:
    assert classify(sentence) == ("diplomacy", FALLBACK_CONFIDENCE)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_classify_never_fails_and_stays_in_range(sentence: str) -> None:
    category, confidence = classify(sentence)
    assert category in IDS
    assert 0.0 <= confidence <= 1.0


# -- categories and colours -----------------------------------------------------------


def test_categories_in_display_order_with_three_labels() -> None:
    found = categories()
    assert [c.id for c in found] == IDS
    assert all(c.label_en and c.label_uz and c.label_ru for c in found)
    assert found[0].label_en == "Diplomacy & politics"
    assert found[-1].label_ru == "Здравоохранение"


def test_colours_stay_apart_for_colour_blind_readers() -> None:
    colours = [c.color for c in categories()]
    assert len(set(colours)) == len(colours)
    for vision in _CVD:
        labs = [_lab(_simulate(colour, vision)) for colour in colours]
        closest = min(math.dist(a, b) for a, b in itertools.combinations(labs, 2))
        assert closest >= 15, vision


# Machado, Oliveira & Fernandes (2009) matrices at full severity, on linear sRGB.
_CVD: dict[str, tuple[tuple[float, float, float], ...]] = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


def _simulate(colour: str, vision: str) -> list[float]:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return [min(max(sum(m * c for m, c in zip(row, linear, strict=True)), 0.0), 1.0)
            for row in _CVD[vision]]  # fmt: skip


def _lab(linear: list[float]) -> tuple[float, float, float]:
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
