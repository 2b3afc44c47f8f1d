"""A small archive for search tests: events made of real corpus sentences (ids assigned here).

Most excerpts are copied verbatim from `resources/corpus/*.txt` (file number in `source`),
with their original apostrophe glyphs: U+2018 (000), U+2019 (001), U+201E/U+201F (002),
U+02BB (002), ASCII (003), Uzbek Cyrillic (004). The corpus has almost no Russian or English
news prose about ambassadors, railways or water, so a few excerpts are written for these
tests; their source is "authored".
"""

from __future__ import annotations

from datetime import date

from uzkz_desktop.search import IndexDoc

# event id: (title, category, tags, (first day, last day), entities,
#            ((excerpt id, text, language, source, page), ...))
_Event = tuple[
    str,
    str,
    tuple[str, ...],
    tuple[str, str],
    tuple[str, ...],
    tuple[tuple[int, str, str | None, str, str | None], ...],
]

EVENTS: dict[int, _Event] = {
    101: (
        "Mirziyoyev and Tokayev exchange state visits",
        "diplomacy",
        ("visit/state", "heads-of-state"),
        ("2017-03-22", "2022-12-22"),
        ("Shavkat Mirziyoyev", "Kassym-Jomart Tokayev"),
        (
            (
                1011,
                "Ўзбекистон Президенти Шавкат Мирзиёевнинг 2017 йил 22-23 март ва 2021 йил 5-6 "
                "декабрь кунлари Қозоғистонга давлат ташрифлари, шунингдек, Қозоғистон Президенти "
                "Қасим-Жомарт Тоқаевнинг 2019 йил 14-15 апрель ва 2022 йил 21-22 декабрь кунлари "
                "Ўзбекистонга амалга оширган давлат ташрифлари "
                "янги босқичдаги ўзаро ҳамкорлик учун "
                "кучли туртки бўлди.",
                "uz-Cyrl",
                "004",
                None,
            ),
        ),
    ),
    102: (
        "Tokayev signs the law ratifying the treaty on allied relations",
        "law",
        ("treaty", "treaty/alliance"),
        ("2022-12-01", "2023-04-30"),
        (),
        (
            (
                1021,
                "Маълумки, Қосим-Жомарт Тоқаев Қозоғистон ва Ўзбекистоннинг иттифоқчилик "
                "муносабатлари тўғрисидаги шартномани ратификация қилиш тўғрисидаги қонунни "
                "имзолади.",
                "uz-Cyrl",
                "004",
                None,
            ),
        ),
    ),
    103: (
        "First meeting of the Supreme Interstate Council in Akorda",
        "diplomacy",
        ("supreme-interstate-council", "heads-of-state"),
        ("2024-08-01", "2024-08-31"),
        (),
        (
            (
                1031,
                "Оқўрда қароргоҳида Ўзбекистон Республикаси Президенти Шавкат Мирзиёев ва "
                "Қозоғистон Республикаси Президенти Қасим-Жомарт Тоқаев раислигида Олий "
                "давлатлараро кенгашнинг биринчи мажлиси бўлиб ўтди.",
                "uz-Cyrl",
                "004",
                None,
            ),
        ),
    ),
    104: (
        "Kazakh investment in Uzbekistan grows 23-fold",
        "investment",
        ("investment",),
        ("2017-01-01", "2023-12-31"),
        (),
        (
            (
                1041,
                "2017 йилдан бошлаб Қозоғистондан мамлакатимизга киритилган инвестициялар "
                "ҳажми 23 баробар, яъни 10 миллион доллардан 2023 йилда 230 миллион долларгача "
                "ошди.",
                "uz-Cyrl",
                "004",
                None,
            ),
        ),
    ),
    105: (
        "Days of culture in Samarkand, Bukhara, Astana and Almaty",
        "culture",
        ("culture/culture-days",),
        ("2023-01-01", "2024-12-31"),
        (),
        (
            (
                1051,
                "2023-yilda Samarqand va Buxoroda Qozog‘iston madaniyati kunlari, 2024-yilda "
                "esa Ostona va Olmaotada O‘zbekiston madaniyati kunlari o‘tkazilib, madaniy "
                "almashinuvni yanada faollashtirdi.",
                "uz-Latn",
                "000",
                "413",
            ),
            (
                1052,
                "Samarqand va Buxoroda Qozog‘iston madaniyati kunlari, Ostona va Olmaotada "
                "O‘zbekiston madaniyati kunlari bu jarayonning amaliy namunalari bo‘ldi.",
                "uz-Latn",
                "000",
                "418",
            ),
        ),
    ),
    106: (
        "Events on the life and work of Abai held in Uzbekistan",
        "culture",
        ("culture/abay",),
        ("2022-01-01", "2022-12-31"),
        ("Abai Qunanbaiuly",),
        (
            (
                1061,
                "Masalan, 2022 yilda O‘zbekistonda qozoq xalqining buyuk mutafakkiri Abay "
                "Qo‘nonboev hayoti va ijodiga bag‘ishlangan tadbirlarning o‘tkazilishi ikki xalq "
                "o‘rtasidagi ma’naviy yaqinlikni mustahkamladi.",
                "uz-Latn",
                "000",
                "412",
            ),
        ),
    ),
    107: (
        "Heads of state view an exhibition on Abai's legacy",
        "culture",
        ("culture/abay", "exhibition"),
        ("2022-12-01", "2022-12-31"),
        (),
        (
            (
                1071,
                "Shu yil dekabr oyida ikki davlat rahbarlarining Abay merosiga bag‘ishlangan "
                "ko‘rgazmani birgalikda tomosha qilishi madaniy hamkorlikka berilayotgan yuksak "
                "e’tiborni ko‘rsatdi.",
                "uz-Latn",
                "000",
                "412",
            ),
        ),
    ),
    108: (
        "“Yo‘l xaritasi” imzolandi, o‘zaro sayyohlik oqimi oshdi",
        "tourism",
        ("tourism/road-map",),
        ("2021-01-01", "2021-12-31"),
        (),
        (
            (
                1081,
                "2021 yilda imzolangan “Yo‘l xaritasi” natijasida o‘zaro sayyohlik oqimi "
                "sezilarli darajada oshib, Qozog‘istondan O‘zbekistonga kelayotgan turistlar soni "
                "1,3 millionga yetdi.",
                "uz-Latn",
                "000",
                "412",
            ),
        ),
    ),
    109: (
        "Foreign minister Saidov's return visit to Astana",
        "diplomacy",
        ("visit/ministerial", "foreign-ministers"),
        ("2023-02-18", "2023-02-19"),
        (),
        (
            (
                1091,
                "Masalan, 2023-yil 18- 19 fevral kunlari O‘zbekiston tashqi ishlar vaziri B. "
                "Saidov Ostona shahriga rasmiy javob tashrifi "
                "bilan bordi va tashrif doirasida ikki "
                "davlat tashqi ishlar vazirliklari rahbarlari uchrashuv bayonnomasi qabul qilindi.",
                "uz-Latn",
                "000",
                "416",
            ),
        ),
    ),
    110: (
        "Oliy Majlis and the Senate of Kazakhstan sign a road map",
        "parliament",
        ("parliament/road-map",),
        ("2025-01-01", "2025-12-31"),
        (),
        (
            (
                1101,
                "Parlamentlararo hamkorlik sohasida 2025-yilda O‘zbekiston Oliy Majlisi va "
                "Qozog‘iston Senati o‘rtasida 2025–2026 yillarga mo‘ljallangan hamkorlik yo‘l "
                "xaritasi imzolandi [uzdaily.uz, 2025].",
                "uz-Latn",
                "000",
                "416",
            ),
        ),
    ),
    111: (
        "Memorandum on saiga protection prepared",
        "ecology",
        ("ecology/saiga", "memorandum"),
        ("2025-01-01", "2025-12-31"),
        (),
        (
            (
                1111,
                "Shu bilan birga, transchegaraviy ekologik hamkorlikda saiga anteloplarini "
                "himoya qilish bo‘yicha memorandum tayyorlandi, "
                "bu biologik xilma-xillikni saqlash va "
                "ekologik muammolarni birgalikda hal etishga xizmat qiladi.",
                "uz-Latn",
                "000",
                "416",
            ),
        ),
    ),
    112: (
        "Trilateral agreement on winter electricity supply to Kyrgyzstan",
        "energy",
        ("energy/electricity", "trilateral"),
        ("2025-01-01", "2025-12-31"),
        (),
        (
            (
                1121,
                "Energetika sohasida 2025-yilda Qozog‘iston, O‘zbekiston va Qirg‘iziston "
                "o‘rtasida qish mavsumida elektr energiyasi yetkazib berish bo‘yicha trilateral "
                "kelishuvga erishildi, bu mintaqaviy energiya xavfsizligini ta’minlashga xizmat "
                "qilmoqda.",
                "uz-Latn",
                "000",
                "417",
            ),
        ),
    ),
    113: (
        "Presidents launch joint projects by videoconference",
        "investment",
        ("investment/joint-projects", "videoconference"),
        ("2025-11-01", "2025-11-30"),
        (),
        (
            (
                1131,
                "Qosim-Jomart Tokayev va Shavkat Mirziyoyev videokonferensaloqa orqali "
                "Qozog‘iston va O‘zbekistonning qo‘shma loyihalarini ishga tushirish marosimida "
                "ishtirok etdi Bu loyihalar ikki davlat iqtisodiyotini mustahkamlash va yangi ish "
                "o‘rinlarini yaratishga xizmat qilmoqda.",
                "uz-Latn",
                "000",
                "415",
            ),
        ),
    ),
    114: (
        "Trade turnover reaches $3.8 billion in January–November 2024",
        "economy",
        ("trade/turnover",),
        ("2024-01-01", "2024-11-30"),
        (),
        (
            (
                1141,
                "Masalan, 2024-yilning yanvar–noyabr oylarida savdo aylanmasi 3,8 milliard "
                "AQSh dollarini tashkil etdi, buning 1,3 milliard dollari eksport, 2,5 milliard "
                "dollari esa import edi 18.",
                "uz-Latn",
                "001",
                None,
            ),
            (
                1142,
                "Kazakhstan–Uzbekistan trade turnover tops $3.8 billion in 2024, Caspian Post, "
                "26 Dec 2024.",
                "en",
                "001",
                None,
            ),
        ),
    ),
    115: (
        "Railway and road networks integrated",
        "transport",
        ("transport/railway",),
        ("2016-01-01", "2025-12-31"),
        (),
        (
            (
                1151,
                "Ikki davlatning temir yo‘l va avtomobil yo‘llari tarmoqlari "
                "integratsiyalashgani nafaqat savdo, balki mintaqaviy tranzit va iqtisodiy "
                "bog‘liqlikni yanada mustahkamlashga xizmat qilmoqda.",
                "uz-Latn",
                "001",
                None,
            ),
        ),
    ),
    116: (
        "Darbaza–Maqtaaral railway line planned for 2027",
        "transport",
        ("transport/railway", "maktaaral"),
        ("2027-01-01", "2027-12-31"),
        (),
        (
            (
                1161,
                "Qozog„iston va O„zbekiston o„rtasidagi yangi temir yo„lni 2027-yilda ishga "
                "tushirish rejalashtirilgan “Darbaza-Maqtaaral” liniyasining foydalanishga "
                "topshirilishi mamlakatlar o„rtasidagi yuk tashishni kengaytirish imkonini beradi.",
                "uz-Latn",
                "002",
                None,
            ),
            (
                1162,
                "Shuningdek, tarmoq Turkiston viloyatining chekka hududlarini Qozog„istonning "
                "boshqa hududlari bilan bog„lash imkonini beradi.",
                "uz-Latn",
                "002",
                None,
            ),
        ),
    ),
    117: (
        "Navoiy–Qoplonbek border customs post reopened",
        "transport",
        ("transport/border-crossing",),
        ("2022-11-01", "2023-12-31"),
        (),
        (
            (
                1171,
                "O„zbek-qozoq chegarasidagi “Navoiy” – “Qoplonbek” chegara bojxona posti qayta "
                "qurilishdan so„ng ochildi.",
                "uz-Latn",
                "002",
                None,
            ),
        ),
    ),
    118: (
        "Treaties of friendship (1998) and strategic partnership (2013)",
        "law",
        ("treaty/friendship", "treaty/strategic-partnership"),
        ("1998-01-01", "2013-12-31"),
        (),
        (
            (
                1181,
                "O’zbekiston va Qozog’iston o’ratsidagi rasmiy do’stona hamkorlik aloqalari 1998 - "
                "yilda imzolangan “O’zbekiston – Qozog’ton "
                "Do’stlik va hamkorlik shartnomasi” bilan "
                "mustahkam institutsional asosga ega bo‘lgan va keyinchalik 2013-yilda yangilangan "
                "“Strategik sheriklik shartnomasi” bilan yanada chuqurlashgan 14.",
                "uz-Latn",
                "001",
                None,
            ),
        ),
    ),
    119: (
        "Mirziyoyev and Toqayev meet on regional cooperation",
        "diplomacy",
        ("heads-of-state",),
        ("2025-11-15", "2025-11-15"),
        (),
        (
            (
                1191,
                "Bunga misol qilib, joriy yilning 15-noyabr kuni O‘zbekiston Respublikasi "
                "Prezidenti Shavkat Mirziyoyev va Qozog‘iston Respublikasi Prezidenti Qasim-Jomart "
                "Toqayev bilan birgalikda mamlakatlar iqtisodiyoti, rivoji yo‘lida mintaqaviy "
                "hamkorlikni rivojlantirish maqsadida uchrashuv o‘tkazildi.",
                "uz-Latn",
                "003",
                None,
            ),
        ),
    ),
    120: (
        "Islom Karimov visited Kazakhstan 25 times",
        "diplomacy",
        ("visit", "heads-of-state"),
        ("1991-01-01", "2016-09-02"),
        (),
        (
            (
                1201,
                "Rahbarlik faoliyati davomida ya‟ni 1991-yildan buyon Oʻzbekiston Respublikasi "
                "birinchi Prezidenti Islom Karimovning Qozogʻistonga 25 ta tashrifi amalga "
                "oshirilgan va Qozogʻiston Prezidenti Oʻzbekistonga 7 marotaba tashrif buyurgan.",
                "uz-Latn",
                "002",
                None,
            ),
        ),
    ),
    121: (
        "Uzbekistan's ambassadors to Kazakhstan",
        "diplomacy",
        ("ambassadors",),
        ("1993-01-01", "2011-12-31"),
        (),
        (
            (
                1211,
                "Oʻzbekistonning Qozogʻistondagi elchilari: 1. Nosir Yoqubov (1993 – 2000).",
                "uz-Latn",
                "002",
                None,
            ),
        ),
    ),
    122: (
        "Relations since 1991 (abstract)",
        "diplomacy",
        ("history/independence",),
        ("1991-01-01", "2025-12-31"),
        (),
        (
            (
                1221,
                "Абстракт: В работе изучаются политические, экономические, культурные и "
                "дипломатические отношения между Узбекистаном "
                "и Республикой Казахстан в период после "
                "1991 года.",
                "ru",
                "002",
                None,
            ),
        ),
    ),
    123: (
        "Border demarcation, trade and joint transport and energy projects",
        "diplomacy",
        ("border/delimitation",),
        ("1991-01-01", "2025-12-31"),
        (),
        (
            (
                1231,
                "Основными направлениями считаются общие интересы во внешней политике, "
                "демаркации границ, торгово-экономическом сотрудничестве, а также совместные "
                "проекты в транспортной и энергетической сферах.",
                "ru",
                "002",
                None,
            ),
            (
                1232,
                "Common interests in foreign policy, border demarcation, trade and economic "
                "cooperation, joint projects in the transport and energy sectors are considered as "
                "the main directions.",
                "en",
                "002",
                None,
            ),
        ),
    ),
    124: (
        "Strategic partnership after independence",
        "diplomacy",
        ("strategic-partnership",),
        ("1991-01-01", "2025-12-31"),
        (),
        (
            (
                1241,
                "The research highlights the main directions of the strategic partnership "
                "formed between Uzbekistan and Kazakhstan in the post-independence period.",
                "en",
                "000",
                "410",
            ),
        ),
    ),
    125: (
        "Kazakhstan becomes Uzbekistan's third largest trade partner",
        "economy",
        ("trade/turnover",),
        ("2024-01-01", "2024-12-31"),
        (),
        (
            (
                1251,
                "Kazakhstan becomes Uzbekistan’s third largest trade partner with $3.8 billion "
                "in trade.",
                "en",
                "001",
                None,
            ),
        ),
    ),
    126: (
        "Transformation of the strategic partnership after 2016",
        "diplomacy",
        ("strategic-partnership",),
        ("2016-01-01", "2025-12-31"),
        (),
        (
            (
                1261,
                "ANNOTATSIYA: Mazkur maqolada 2016 - yildan keyingi davrda O’zbekistan va "
                "Qozog’iston o‘rtasidagi strategik sheriklikning transformatsiyasi mintaqaviy "
                "integratsiya va o‘zaro bog‘liqlik nazariyalari "
                "doirasida kompleks tahlil qilinadi.",
                "uz-Latn",
                "001",
                None,
            ),
        ),
    ),
    127: (
        "Uzbekistan's GDP growth in 2025",
        "economy",
        ("gdp",),
        ("2025-01-01", "2025-12-31"),
        (),
        (
            (
                1271,
                "2025-yilda O'zbekiston YaIM o'rtacha 7,2% dan 7,6% gacha o'sdi, bu o‘sishga "
                "xizmatlar va sanoat sohalari sezilarli hissa qo'shdi.",
                "uz-Latn",
                "003",
                None,
            ),
        ),
    ),
    128: (
        "Joint projects in transport and energy",
        "economy",
        ("investment/joint-projects",),
        ("1991-01-01", "2025-12-31"),
        (),
        (
            (
                1281,
                "Ikkala qardosh davlat o‟rtasidagi o„zaro hamkorlik aloqalari, tashqi "
                "siyosatdagi umumiy manfaatlar, chegaralarni aniqlash, savdo-iqtisodiy hamkorlik, "
                "transport va energetika sohalaridagi qo„shma "
                "loyihalar asosiy yo„nalishlar sifatida "
                "ko„rib chiqiladi.",
                "uz-Latn",
                "002",
                None,
            ),
        ),
    ),
    # --- authored for these tests ---------------------------------------------------------
    129: (
        "Kazakh ambassador presents credentials",
        "diplomacy",
        ("ambassadors",),
        ("2019-02-14", "2019-02-14"),
        (),
        (
            (
                1291,
                "Посол Казахстана в Узбекистане вручил верительные грамоты президенту Мирзиёеву.",
                "ru",
                "authored",
                None,
            ),
        ),
    ),
    130: (
        "Tokayev receives the Uzbek ambassador",
        "diplomacy",
        ("ambassadors", "transport/railway"),
        ("2021-06-10", "2021-06-10"),
        (),
        (
            (
                1301,
                "Президент Токаев принял посла Узбекистана; беседа с послом касалась "
                "строительства новой железной дороги.",
                "ru",
                "authored",
                None,
            ),
        ),
    ),
    131: (
        "Ambassador discusses the Tashkent–Astana railway",
        "transport",
        ("ambassadors", "transport/railway"),
        ("2022-03-01", "2022-03-01"),
        (),
        (
            (
                1311,
                "Ўзбекистоннинг Қозоғистондаги элчиси Тошкент ва Остона ўртасидаги темир йўл "
                "лойиҳасини муҳокама қилди.",
                "uz-Cyrl",
                "authored",
                None,
            ),
        ),
    ),
    132: (
        "Darbaza–Maktaaral railway to double freight",
        "transport",
        ("transport/railway", "maktaaral"),
        ("2024-05-01", "2024-05-31"),
        (),
        (
            (
                1321,
                "The new railway between Darbaza and Maktaaral will double freight traffic to "
                "Uzbekistan.",
                "en",
                "authored",
                None,
            ),
        ),
    ),
    133: (
        "Water sharing on the Syr Darya discussed in Tashkent",
        "ecology",
        ("water/syrdarya", "summit"),
        ("2023-09-14", "2023-09-15"),
        (),
        (
            (
                1331,
                "Water sharing on the Syr Darya was the main topic of the Tashkent summit.",
                "en",
                "authored",
                None,
            ),
        ),
    ),
    134: (
        "Suv resurslari bo'yicha bitim",
        "ecology",
        ("water/syrdarya", "agreement"),
        ("2024-03-01", "2024-03-01"),
        (),
        (
            (
                1341,
                "Qozog'iston va O'zbekiston o'rtasidagi suv resurslaridan foydalanish bo'yicha "
                "bitim imzolandi.",
                "uz-Latn",
                "authored",
                None,
            ),
        ),
    ),
    135: (
        "Соглашение о водных ресурсах Сырдарьи",
        "ecology",
        ("water/syrdarya", "agreement"),
        ("2018-01-01", "2018-12-31"),
        (),
        (
            (
                1351,
                "Стороны подписали соглашение о совместном использовании водных ресурсов Сырдарьи.",
                "ru",
                "authored",
                None,
            ),
        ),
    ),
    136: (
        "Kazakhstan's ambassador opens days of Kazakh culture",
        "culture",
        ("culture/culture-days", "ambassadors"),
        ("2023-10-01", "2023-10-07"),
        (),
        (
            (
                1361,
                "Kazakhstan's ambassador opened the days of Kazakh culture in Samarkand.",
                "en",
                "authored",
                None,
            ),
        ),
    ),
    137: (
        "Товарооборот превысил 4 млрд долларов",
        "economy",
        ("trade/turnover",),
        ("2023-01-01", "2023-12-31"),
        (),
        (
            (
                1371,
                "Товарооборот между Узбекистаном и Казахстаном в 2023 году превысил 4 млрд "
                "долларов.",
                "ru",
                "authored",
                None,
            ),
        ),
    ),
    138: (
        "Hamkorlikni kengaytirish bo'yicha uchrashuv",
        "diplomacy",
        ("heads-of-state",),
        ("2024-10-01", "2024-10-01"),
        (),
        (
            (
                1381,
                "O‘rganilgan natijalar asosida ikki davlat o‘rtasidagi hamkorlikni yanada "
                "mustahkamlash bo‘yicha tavsiyalar ishlab chiqish.",
                "uz-Latn",
                "000",
                "414",
            ),
        ),
    ),
}


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def event_doc(event_id: int) -> IndexDoc:
    title, category, tags, (first, last), entities, texts = EVENTS[event_id]
    languages = tuple(dict.fromkeys(language for _, _, language, _, _ in texts if language))
    sources = tuple(dict.fromkeys(source for _, _, _, source, _ in texts))
    return IndexDoc(
        event_id=event_id,
        title=title,
        texts=texts,
        category=category,
        tags=tags,
        start_day=_day(first),
        end_day=_day(last),
        year_start=int(first[:4]),
        year_end=int(last[:4]),
        source_keys=sources,
        languages=languages,
        entities=entities,
    )


def all_docs() -> list[IndexDoc]:
    return [event_doc(event_id) for event_id in sorted(EVENTS)]
