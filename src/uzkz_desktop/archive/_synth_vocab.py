"""Vocabulary of the synthetic archive: categories, tags, title templates, entities, figures.

Plain data; synth.py draws from it. Uzbek is written with ‘ (U+2018) in o‘/g‘, as most of
the corpus writes it.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# The 13 category ids, skewed as the corpus is (diplomacy and the economy lead).
CATEGORY_WEIGHTS: dict[str, float] = {
    "diplomacy": 24, "economy": 19, "investment": 7, "transport": 8, "energy": 7,
    "culture": 8, "education": 5, "tourism": 4, "ecology": 5, "security": 4, "law": 5,
    "parliament": 2, "health": 2,
}  # fmt: skip
CATEGORIES = tuple(CATEGORY_WEIGHTS)

# Dates that draw many events around them (summits, treaties, state visits).
SUMMITS = (
    (date(1992, 11, 23), 1.0), (date(1998, 10, 31), 1.5), (date(2017, 3, 22), 3.0),
    (date(2019, 4, 14), 3.0), (date(2021, 12, 5), 3.5), (date(2022, 12, 21), 4.0),
    (date(2024, 8, 8), 4.0), (date(2025, 11, 15), 3.5),
)  # fmt: skip


def year_weight(year: int) -> float:
    """Events per year, relatively: sparse in the 1990s, a surge from 2017 (the thaw),
    a dip in 2020, and only plans in the years still to come."""
    if year < 2000:
        return 1.0 + 0.1 * (year - 1991)
    if year < 2017:
        return 2.0 + 0.12 * (year - 2000)
    return {2017: 9.0, 2018: 11.0, 2019: 13.0, 2020: 9.0, 2021: 13.0, 2022: 15.0,
            2023: 16.0, 2024: 17.0, 2025: 17.0, 2026: 7.0}.get(year, 2.0)  # fmt: skip


# Tags: (name, colour). Parents come before their children.
TAGS: tuple[tuple[str, str | None], ...] = (
    ("diplomacy", "#332288"),
    ("diplomacy/state-visit", None),
    ("diplomacy/summit", None),
    ("diplomacy/ambassador", None),
    ("diplomacy/consultations", None),
    ("diplomacy/multilateral", None),
    ("diplomacy/telephone-talks", None),
    ("trade", "#e69f00"),
    ("trade/turnover", None),
    ("trade/customs", None),
    ("trade/exports", None),
    ("trade/agriculture", None),
    ("trade/fairs", None),
    ("investment", "#f0e442"),
    ("investment/joint-venture", None),
    ("investment/industrial-zone", None),
    ("investment/fund", None),
    ("transport", "#5289c7"),
    ("transport/rail", None),
    ("transport/road", None),
    ("transport/aviation", None),
    ("transport/logistics", None),
    ("energy", "#d55e00"),
    ("energy/electricity", None),
    ("energy/gas", None),
    ("energy/oil", None),
    ("energy/hydro", None),
    ("energy/renewables", None),
    ("culture", "#aa4499"),
    ("culture/abay", None),
    ("culture/navoi", None),
    ("culture/days-of-culture", None),
    ("culture/cinema", None),
    ("culture/heritage", None),
    ("education", "#99ddff"),
    ("education/universities", None),
    ("education/scholarships", None),
    ("education/science", None),
    ("tourism", "#cc79a7"),
    ("tourism/silk-visa", None),
    ("tourism/pilgrimage", None),
    ("tourism/cross-border", None),
    ("ecology", "#117733"),
    ("ecology/aral-sea", None),
    ("ecology/climate", None),
    ("water", None),
    ("water/syr-darya", None),
    ("water/shardara", None),
    ("security", "#882255"),
    ("security/border", None),
    ("security/counter-terrorism", None),
    ("security/military-exercises", None),
    ("law", None),
    ("law/treaty", None),
    ("law/ratification", None),
    ("law/memorandum", None),
    ("parliament", "#cc6677"),
    ("parliament/interparliamentary", None),
    ("health", "#90c987"),
    ("health/pandemic", None),
    ("health/medicine", None),
    ("border", None),
    ("border/demarcation", None),
    ("border/checkpoints", None),
)

# The tags an event of a category usually gets.
CATEGORY_TAGS: dict[str, tuple[str, ...]] = {
    "diplomacy": ("diplomacy", "diplomacy/state-visit", "diplomacy/summit",
                  "diplomacy/ambassador", "diplomacy/consultations", "diplomacy/multilateral",
                  "diplomacy/telephone-talks"),
    "economy": ("trade", "trade/turnover", "trade/customs", "trade/exports",
                "trade/agriculture", "trade/fairs", "border/checkpoints"),
    "investment": ("investment", "investment/joint-venture", "investment/industrial-zone",
                   "investment/fund", "trade"),
    "transport": ("transport", "transport/rail", "transport/road", "transport/aviation",
                  "transport/logistics", "border/checkpoints"),
    "energy": ("energy", "energy/electricity", "energy/gas", "energy/oil", "energy/hydro",
               "energy/renewables"),
    "culture": ("culture", "culture/abay", "culture/navoi", "culture/days-of-culture",
                "culture/cinema", "culture/heritage"),
    "education": ("education", "education/universities", "education/scholarships",
                  "education/science"),
    "tourism": ("tourism", "tourism/silk-visa", "tourism/pilgrimage", "tourism/cross-border"),
    "ecology": ("ecology", "ecology/aral-sea", "ecology/climate", "water", "water/syr-darya",
                "water/shardara"),
    "security": ("security", "security/border", "security/counter-terrorism",
                 "security/military-exercises", "border/demarcation"),
    "law": ("law", "law/treaty", "law/ratification", "law/memorandum", "border/demarcation"),
    "parliament": ("parliament", "parliament/interparliamentary", "law/ratification"),
    "health": ("health", "health/pandemic", "health/medicine"),
}  # fmt: skip


# -- entities ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    key: str  # the gazetteer id
    name: str
    kind: str
    aliases: tuple[str, ...]


# Used when resources/gazetteer.toml is missing, and for any of these it lacks: the title
# templates refer to them.
FALLBACK_ENTITIES: tuple[tuple[str, str, str], ...] = (
    ("islam_karimov", "Islam Karimov", "person"),
    ("shavkat_mirziyoyev", "Shavkat Mirziyoyev", "person"),
    ("nursultan_nazarbayev", "Nursultan Nazarbayev", "person"),
    ("kassym_jomart_tokayev", "Kassym-Jomart Tokayev", "person"),
    ("abai_qunanbaiuly", "Abai Qunanbaiuly", "person"),
    ("alisher_navoi", "Alisher Navoi", "person"),
    ("uzbekistan", "Uzbekistan", "place"), ("kazakhstan", "Kazakhstan", "place"),
    ("kyrgyzstan", "Kyrgyzstan", "place"), ("tashkent", "Tashkent", "place"),
    ("astana", "Astana", "place"), ("almaty", "Almaty", "place"),
    ("samarkand", "Samarkand", "place"), ("shymkent", "Shymkent", "place"),
    ("turkistan", "Turkistan", "place"), ("bukhara", "Bukhara", "place"),
    ("khiva", "Khiva", "place"), ("aktau", "Aktau", "place"), ("termez", "Termez", "place"),
    ("darbaza", "Darbaza", "place"), ("maktaaral", "Maktaaral", "place"),
    ("zhibek_zholy", "Zhibek Zholy", "place"), ("kaplanbek", "Kaplanbek", "place"),
    ("saryagash", "Saryagash", "place"), ("aral_sea", "Aral Sea", "place"),
    ("syr_darya", "Syr Darya", "place"), ("shardara_reservoir", "Shardara Reservoir", "place"),
    ("kambarata_hpp", "Kambarata-1 HPP", "place"),
    ("great_silk_road", "Great Silk Road", "place"),
    ("uzbek_kazakh_border", "Uzbekistan–Kazakhstan border", "place"),
    ("sco", "Shanghai Cooperation Organisation", "organisation"),
    ("cis", "Commonwealth of Independent States", "organisation"),
    ("ots", "Organization of Turkic States", "organisation"),
    ("un", "United Nations", "organisation"),
    ("ifas", "International Fund for Saving the Aral Sea", "organisation"),
    ("central_asia_consultative_meeting",
     "Consultative Meeting of the Heads of State of Central Asia", "organisation"),
    ("supreme_interstate_council", "Supreme Interstate Council", "organisation"),
    ("intergovernmental_commission", "Intergovernmental Commission", "organisation"),
    ("business_council", "Business Council", "organisation"),
    ("interparliamentary_council", "Inter-Parliamentary Cooperation Council", "organisation"),
    ("industrial_cooperation_centre",
     "Central Asia International Industrial Cooperation Centre", "organisation"),
    ("mfa_uzbekistan", "Ministry of Foreign Affairs of Uzbekistan", "organisation"),
    ("mfa_kazakhstan", "Ministry of Foreign Affairs of Kazakhstan", "organisation"),
    ("kz_senate", "Senate of Kazakhstan", "organisation"),
    ("uz_legislative_chamber", "Legislative Chamber of the Oliy Majlis", "organisation"),
    ("ktz", "Kazakhstan Temir Zholy", "organisation"),
    ("uzbekistan_railways", "Uzbekistan Railways", "organisation"),
    ("uzbekneftegaz", "Uzbekneftegaz", "organisation"),
    ("kazmunaygas", "KazMunayGas", "organisation"),
    ("uzkaztrade", "UzKazTrade", "organisation"),
    ("kisi", "Kazakhstan Institute for Strategic Studies", "organisation"),
    ("isrs", "Institute for Strategic and Regional Studies", "organisation"),
    ("nuuz", "National University of Uzbekistan", "organisation"),
    ("kaznu", "Al-Farabi Kazakh National University", "organisation"),
    ("nazarbayev_university", "Nazarbayev University", "organisation"),
    ("tsue", "Tashkent State University of Economics", "organisation"),
)  # fmt: skip


def load_entities(resources: Path) -> list[Entity]:
    """The gazetteer's entities (aliases as displayed: '|' marks removed), then any
    fallback entity it lacks; unique by (kind, name)."""
    entities: list[Entity] = []
    path = resources / "gazetteer.toml"
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("entity", []):
            aliases = tuple(dict.fromkeys(a.replace("|", "") for a in raw.get("aliases", [])))
            entities.append(Entity(raw["id"], raw["name"], raw["kind"], aliases))
    keys = {e.key for e in entities}
    names = {(e.kind, e.name) for e in entities}
    for key, name, kind in FALLBACK_ENTITIES:
        if key not in keys and (kind, name) not in names:
            entities.append(Entity(key, name, kind, (name,)))
            names.add((kind, name))
    return entities


# -- event titles --------------------------------------------------------------------------------

# Slot values: (English, Uzbek, entity key or None).
Slot = tuple[str, str, str | None]

CITIES: tuple[tuple[Slot, float], ...] = (
    (("Tashkent", "Toshkent", "tashkent"), 30), (("Astana", "Astana", "astana"), 25),
    (("Almaty", "Olmaota", "almaty"), 10), (("Samarkand", "Samarqand", "samarkand"), 10),
    (("Shymkent", "Chimkent", "shymkent"), 6), (("Turkistan", "Turkiston", "turkistan"), 6),
    (("Bukhara", "Buxoro", "bukhara"), 4), (("Khiva", "Xiva", "khiva"), 3),
    (("Aktau", "Oqtov", "aktau"), 3), (("Termez", "Termiz", "termez"), 2),
)  # fmt: skip
UZ_CITIES = tuple(c for c in CITIES if c[0][2] in {"tashkent", "samarkand", "bukhara", "khiva",
                                                     "termez"})  # fmt: skip
KZ_CITIES = tuple(c for c in CITIES if c[0][2] in {"astana", "almaty", "shymkent", "turkistan",
                                                     "aktau"})  # fmt: skip

ORGS: tuple[Slot, ...] = (
    ("SCO", "ShHT", "sco"), ("CIS", "MDH", "cis"),
    ("Organization of Turkic States", "Turkiy davlatlar tashkiloti", "ots"),
    ("UN", "BMT", "un"),
    ("Central Asian Consultative Meeting",
     "Markaziy Osiyo davlat rahbarlari Maslahat uchrashuvi", "central_asia_consultative_meeting"),
)  # fmt: skip
UNIVERSITIES: tuple[Slot, ...] = (
    ("National University of Uzbekistan", "O‘zbekiston Milliy universiteti", "nuuz"),
    ("Al-Farabi Kazakh National University", "Al-Forobiy nomidagi Qozoq milliy universiteti",
     "kaznu"),
    ("Nazarbayev University", "Nazarboyev universiteti", "nazarbayev_university"),
    ("Tashkent State University of Economics", "Toshkent davlat iqtisodiyot universiteti",
     "tsue"),
)  # fmt: skip
TOPICS: tuple[Slot, ...] = (
    ("customs cooperation", "bojxona hamkorligi", None),
    ("mutual legal assistance", "o‘zaro huquqiy yordam", None),
    ("labour migration", "mehnat migratsiyasi", None),
    ("investment protection", "investitsiyalarni himoya qilish", None),
    ("transboundary waters", "transchegaraviy suvlar", "syr_darya"),
    ("tourism", "turizm", None), ("the fight against crime", "jinoyatchilikka qarshi kurash", None),
    ("veterinary control", "veterinariya nazorati", None),
    ("plant quarantine", "o‘simliklar karantini", None),
    ("road transport", "avtomobil transporti", None),
    ("the border regime", "chegara rejimi", "uzbek_kazakh_border"),
    ("education", "ta’lim", None), ("healthcare", "sog‘liqni saqlash", None),
)  # fmt: skip
PRODUCTS: tuple[Slot, ...] = (
    ("wheat", "bug‘doy", None), ("flour", "un", None), ("fruit and vegetables", "meva-sabzavot",
    None), ("textiles", "to‘qimachilik mahsulotlari", None), ("cars", "avtomobillar", None),
    ("cement", "sement", None), ("rolled steel", "prokat", None), ("fertiliser", "o‘g‘it", None),
)  # fmt: skip

# Presidents in office on a day (date.toordinal()): Uzbekistan, Kazakhstan.
_KARIMOV_UNTIL = date(2016, 9, 2).toordinal()
_NAZARBAYEV_UNTIL = date(2019, 3, 19).toordinal()


def uz_president(day: int) -> Slot:
    if day <= _KARIMOV_UNTIL:
        return ("Islam Karimov", "Islom Karimov", "islam_karimov")
    return ("Shavkat Mirziyoyev", "Shavkat Mirziyoyev", "shavkat_mirziyoyev")


def kz_president(day: int) -> Slot:
    if day <= _NAZARBAYEV_UNTIL:
        return ("Nursultan Nazarbayev", "Nursulton Nazarboyev", "nursultan_nazarbayev")
    return ("Kassym-Jomart Tokayev", "Qasim-Jomart Toqayev", "kassym_jomart_tokayev")


@dataclass(frozen=True, slots=True)
class Template:
    en: str
    uz: str
    entities: tuple[str, ...]  # entity keys always linked
    slots: tuple[str, ...]  # slot names used (filled in both languages)


def _template(en: str, uz: str, *entities: str) -> Template:
    slots = tuple(
        dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(en + uz) if name)
    )
    return Template(en, uz, entities, slots)


T = _template
TITLES: dict[str, tuple[Template, ...]] = {
    "diplomacy": (
        T("{uzp} and {kzp} hold talks in {city}", "{uzp} va {kzp} {city}da muzokaralar o‘tkazdi"),
        T("State visit of {uzp} to Kazakhstan", "{uzp}ning Qozog‘istonga davlat tashrifi",
          "kazakhstan"),
        T("State visit of {kzp} to Uzbekistan", "{kzp}ning O‘zbekistonga davlat tashrifi",
          "uzbekistan"),
        T("Telephone conversation between {uzp} and {kzp}",
          "{uzp} va {kzp} telefon orqali muloqot qildi"),
        T("Political consultations of the foreign ministries in {city}",
          "Tashqi ishlar vazirliklari {city}da siyosiy maslahatlashuvlar o‘tkazdi",
          "mfa_uzbekistan", "mfa_kazakhstan"),
        T("{uzp} and {kzp} meet at the {org} summit",
          "{uzp} va {kzp} {org} sammitida uchrashdi"),
        T("New ambassador of Kazakhstan presents credentials in Tashkent",
          "Qozog‘istonning yangi elchisi Toshkentda ishonch yorliqlarini topshirdi",
          "tashkent"),
        T("New ambassador of Uzbekistan presents credentials in Astana",
          "O‘zbekistonning yangi elchisi Astanada ishonch yorliqlarini topshirdi", "astana"),
        T("{n} meeting of the Supreme Interstate Council in {city}",
          "Oliy davlatlararo kengashning {n}-majlisi {city}da bo‘lib o‘tdi",
          "supreme_interstate_council"),
        T("Foreign ministers of Uzbekistan and Kazakhstan meet in {city}",
          "O‘zbekiston va Qozog‘iston tashqi ishlar vazirlari {city}da uchrashdi",
          "mfa_uzbekistan", "mfa_kazakhstan"),
    ),
    "economy": (
        T("Trade turnover between Uzbekistan and Kazakhstan reviewed in {city}",
          "{city}da O‘zbekiston–Qozog‘iston savdo aylanmasi muhokama qilindi"),
        T("{n} meeting of the Intergovernmental Commission in {city}",
          "Hukumatlararo komissiyaning {n}-yig‘ilishi {city}da o‘tkazildi",
          "intergovernmental_commission"),
        T("Uzbek–Kazakh business forum in {city}", "{city}da O‘zbekiston–Qozog‘iston biznes forumi",
          "business_council"),
        T("Agreement on supplies of {product} signed",
          "{product} yetkazib berish bo‘yicha kelishuv imzolandi"),
        T("Export and import fair opens in {city}", "{city}da eksport-import yarmarkasi ochildi"),
        T("UzKazTrade trading house opens an office in {city}",
          "UzKazTrade savdo uyi {city}da vakolatxona ochdi", "uzkaztrade"),
        T("Plan to raise trade turnover to {amount} adopted",
          "Savdo aylanmasini {amount}ga yetkazish rejasi qabul qilindi"),
    ),
    "investment": (
        T("{k} joint projects worth {amount} agreed in {city}",
          "{city}da {amount}lik {k} ta qo‘shma loyiha kelishildi"),
        T("Joint investment fund of Uzbekistan and Kazakhstan set up",
          "O‘zbekiston va Qozog‘iston qo‘shma investitsiya jamg‘armasi tashkil etildi"),
        T("Industrial Cooperation Centre: construction stage {k} begins",
          "Xalqaro sanoat kooperatsiyasi markazi: qurilishning {k}-bosqichi boshlandi",
          "industrial_cooperation_centre"),
        T("Kazakh company opens a plant in {city}", "Qozog‘iston kompaniyasi {city}da zavod ochdi"),
        T("Joint venture for {product} launched in {city}",
          "{city}da {product} ishlab chiqaruvchi qo‘shma korxona ishga tushdi"),
    ),
    "transport": (
        T("Passenger train {city} – {city2} launched",
          "{city} – {city2} yo‘lovchi poyezdi yo‘lga qo‘yildi", "ktz", "uzbekistan_railways"),
        T("Darbaza–Maktaaral railway: agreement signed",
          "Darbaza–Maktaaral temir yo‘li bo‘yicha bitim imzolandi", "darbaza", "maktaaral"),
        T("Flights between {city} and {city2} resume",
          "{city} – {city2} aviaqatnovlari qayta tiklandi"),
        T("Border checkpoint {checkpoint} reopens after reconstruction",
          "“{checkpoint}” chegara posti rekonstruksiyadan so‘ng qayta ochildi"),
        T("Freight transit via {city} discussed", "{city} orqali yuk tranziti muhokama qilindi"),
    ),
    "energy": (
        T("Agreement on electricity supplies for {year}",
          "{year}-yil uchun elektr energiyasi yetkazib berish bo‘yicha kelishuv"),
        T("Kambarata-1 HPP: trilateral agreement with Kyrgyzstan",
          "Qambarota-1 GES: Qirg‘iziston bilan uch tomonlama kelishuv",
          "kambarata_hpp", "kyrgyzstan"),
        T("Gas transit through Uzbekistan extended", "O‘zbekiston orqali gaz tranziti uzaytirildi",
          "uzbekneftegaz", "kazmunaygas"),
        T("Joint solar power plant project near {city}",
          "{city} yaqinida qo‘shma quyosh elektr stansiyasi loyihasi"),
        T("Oil products supply contract for {year} signed",
          "{year}-yil uchun neft mahsulotlari yetkazib berish shartnomasi imzolandi"),
    ),
    "culture": (
        T("Days of Uzbek culture in {kzcity}", "{kzcity}da O‘zbekiston madaniyati kunlari"),
        T("Days of Kazakh culture in {uzcity}", "{uzcity}da Qozog‘iston madaniyati kunlari"),
        T("Abai monument unveiled in {uzcity}", "{uzcity}da Abay haykali ochildi",
          "abai_qunanbaiuly"),
        T("Alisher Navoi anniversary celebrated in {kzcity}",
          "{kzcity}da Alisher Navoiy yubileyi nishonlandi", "alisher_navoi"),
        T("Year of Uzbekistan in Kazakhstan opens", "Qozog‘istonda “O‘zbekiston yili” ochildi"),
        T("Joint film festival in {city}", "{city}da qo‘shma kinofestival"),
    ),
    "education": (
        T("{uni} opens a branch in {city}", "{uni} {city}da filial ochdi"),
        T("Student exchange agreement signed with {uni}",
          "{uni} bilan talabalar almashinuvi bo‘yicha kelishuv imzolandi"),
        T("Joint conference of KISI and ISRS in {city}",
          "KISI va SMTI {city}da qo‘shma konferensiya o‘tkazdi", "kisi", "isrs"),
        T("{k} scholarships offered to students from the neighbouring country",
          "Qo‘shni davlat talabalariga {k} ta grant ajratildi"),
    ),
    "tourism": (
        T("Silk Visa: joint tourist visa agreed", "“Ipak yo‘li vizasi”: yagona turistik viza "
          "kelishildi", "great_silk_road"),
        T("Tourist flow from Kazakhstan to {uzcity} grows",
          "Qozog‘istondan {uzcity}ga sayyohlar oqimi o‘sdi"),
        T("Joint tourist route {uzcity} – {kzcity} presented",
          "{uzcity} – {kzcity} qo‘shma sayyohlik yo‘nalishi taqdim etildi"),
        T("Tourism fair in {city}", "{city}da turizm yarmarkasi"),
    ),
    "ecology": (
        T("Meeting on the Aral Sea crisis in {city}", "{city}da Orol inqirozi bo‘yicha uchrashuv",
          "aral_sea", "ifas"),
        T("Agreement on joint management of transboundary waters",
          "Transchegaraviy suv obyektlarini birgalikda boshqarish to‘g‘risidagi bitim",
          "syr_darya"),
        T("Water releases from the Shardara reservoir agreed",
          "Chordara suv omboridan suv tashlash kelishildi", "shardara_reservoir"),
        T("Joint tree planting on the dried bed of the Aral Sea",
          "Orol dengizining qurigan tubida birgalikda daraxt ekildi", "aral_sea"),
    ),
    "security": (
        T("Joint military exercises near {city}", "{city} yaqinida qo‘shma harbiy o‘quvlar"),
        T("Border delimitation commission meets in {city}",
          "Chegara delimitatsiyasi komissiyasi {city}da yig‘ildi", "uzbek_kazakh_border"),
        T("Security council secretaries hold consultations in {city}",
          "Xavfsizlik kengashlari kotiblari {city}da maslahatlashdi"),
        T("Joint operation against drug trafficking", "Giyohvand moddalar savdosiga qarshi "
          "qo‘shma operatsiya"),
    ),
    "law": (
        T("Treaty on Allied Relations signed", "Ittifoqchilik munosabatlari to‘g‘risidagi "
          "shartnoma imzolandi"),
        T("Agreement on {topic} ratified", "{topic} to‘g‘risidagi bitim ratifikatsiya qilindi"),
        T("Memorandum of understanding on {topic}",
          "{topic} bo‘yicha o‘zaro anglashuv memorandumi"),
        T("Agreement on {topic} signed in {city}",
          "{city}da {topic} to‘g‘risidagi bitim imzolandi"),
        T("Treaty on the demarcation of the state border",
          "Davlat chegarasini demarkatsiya qilish to‘g‘risidagi shartnoma", "uzbek_kazakh_border"),
    ),
    "parliament": (
        T("Inter-Parliamentary Cooperation Council meets in {city}",
          "Parlamentlararo hamkorlik kengashi {city}da yig‘ildi", "interparliamentary_council"),
        T("Senate delegation of Kazakhstan visits Tashkent",
          "Qozog‘iston Senati delegatsiyasi Toshkentga tashrif buyurdi", "kz_senate", "tashkent"),
        T("Legislative Chamber delegation visits Astana",
          "Qonunchilik palatasi delegatsiyasi Astanaga tashrif buyurdi",
          "uz_legislative_chamber", "astana"),
    ),
    "health": (
        T("Humanitarian aid during the pandemic", "Pandemiya davrida insonparvarlik yordami"),
        T("Agreement on cooperation in healthcare",
          "Sog‘liqni saqlash sohasida hamkorlik to‘g‘risidagi bitim"),
        T("Joint medical centre opens in {city}", "{city}da qo‘shma tibbiyot markazi ochildi"),
    ),
}  # fmt: skip
del T

CHECKPOINTS: tuple[Slot, ...] = (
    ("Zhibek Zholy", "Jibek Joli", "zhibek_zholy"), ("Kaplanbek", "Qoplonbek", "kaplanbek"),
    ("Saryagash", "Sariog‘och", "saryagash"),
)  # fmt: skip


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- figures -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measure:
    what: str
    unit: str
    base: float  # value in 1992
    growth: float  # yearly factor
    decimals: int
    months: bool  # also stated per month and per half-year
    first_year: int
    # Sentences: {date} is the date phrase, {value} the number (with its words for the unit).
    uz: str
    uzc: str
    ru: str
    en: str


def _exports(product: Slot, ru: str, uzc: str, kz_to_uz: bool) -> Measure:
    what = (
        f"exports of {product[0]} from Kazakhstan to Uzbekistan"
        if kz_to_uz
        else f"exports of {product[0]} from Uzbekistan to Kazakhstan"
    )
    frm, to = (
        ("Qozog‘istondan O‘zbekistonga", "Қозоғистондан Ўзбекистонга")
        if kz_to_uz
        else ("O‘zbekistondan Qozog‘istonga", "Ўзбекистондан Қозоғистонга")
    )
    ru_dir = "из Казахстана в Узбекистан" if kz_to_uz else "из Узбекистана в Казахстан"
    en_dir = "from Kazakhstan to Uzbekistan" if kz_to_uz else "from Uzbekistan to Kazakhstan"
    return Measure(
        what, "thousand t", 40.0, 1.07, 1, False, 1995,
        f"{{date}} {frm} {{value}} ming tonna {product[1]} eksport qilindi.",
        f"{{date}} {to} {{value}} минг тонна {uzc} экспорт қилинди.",
        f"{{date}} экспорт ({ru}) {ru_dir} составил {{value}} тыс. тонн.",
        f"{{date}}, exports of {product[0]} {en_dir} reached {{value}} thousand tonnes.",
    )  # fmt: skip


MEASURES: tuple[tuple[Measure, float], ...] = (
    (Measure(
        "trade turnover", "bn USD", 0.45, 1.075, 2, True, 1992,
        "{date} O‘zbekiston va Qozog‘iston o‘rtasidagi savdo aylanmasi {value} mlrd dollarni "
        "tashkil etdi.",
        "{date} Ўзбекистон ва Қозоғистон ўртасидаги савдо айланмаси {value} млрд долларни "
        "ташкил этди.",
        "{date} товарооборот между Узбекистаном и Казахстаном составил {value} млрд долларов.",
        "{date}, trade turnover between Uzbekistan and Kazakhstan amounted to {value} billion "
        "US dollars.",
    ), 6.0),
    (Measure(
        "Kazakh investment in Uzbekistan", "mln USD", 8.0, 1.12, 1, False, 1995,
        "{date} Qozog‘iston O‘zbekiston iqtisodiyotiga {value} mln dollar investitsiya kiritdi.",
        "{date} Қозоғистон Ўзбекистон иқтисодиётига {value} млн доллар инвестиция киритди.",
        "{date} казахстанские инвестиции в экономику Узбекистана составили {value} млн долларов.",
        "{date}, Kazakh investment in Uzbekistan totalled {value} million US dollars.",
    ), 2.0),
    (Measure(
        "Uzbek investment in Kazakhstan", "mln USD", 3.0, 1.12, 1, False, 1997,
        "{date} O‘zbekiston Qozog‘istonga {value} mln dollar investitsiya kiritdi.",
        "{date} Ўзбекистон Қозоғистонга {value} млн доллар инвестиция киритди.",
        "{date} узбекские инвестиции в Казахстан составили {value} млн долларов.",
        "{date}, Uzbek investment in Kazakhstan reached {value} million US dollars.",
    ), 1.0),
    (Measure(
        "joint ventures", "companies", 40.0, 1.1, 0, False, 1994,
        "{date} O‘zbekistonda Qozog‘iston kapitali ishtirokidagi korxonalar soni {value} taga "
        "yetdi.",
        "{date} Ўзбекистонда Қозоғистон капитали иштирокидаги корхоналар сони {value} тага "
        "етди.",
        "{date} число предприятий с казахстанским капиталом в Узбекистане достигло {value}.",
        "{date}, the number of companies with Kazakh capital in Uzbekistan reached {value}.",
    ), 1.5),
    (Measure(
        "visits from Kazakhstan to Uzbekistan", "thousand people", 120.0, 1.08, 0, True, 1995,
        "{date} Qozog‘istondan O‘zbekistonga {value} ming kishi tashrif buyurdi.",
        "{date} Қозоғистондан Ўзбекистонга {value} минг киши ташриф буюрди.",
        "{date} Узбекистан посетили {value} тыс. граждан Казахстана.",
        "{date}, {value} thousand visitors from Kazakhstan came to Uzbekistan.",
    ), 2.0),
    (Measure(
        "visits from Uzbekistan to Kazakhstan", "thousand people", 200.0, 1.08, 0, True, 1995,
        "{date} O‘zbekistondan Qozog‘istonga {value} ming kishi tashrif buyurdi.",
        "{date} Ўзбекистондан Қозоғистонга {value} минг киши ташриф буюрди.",
        "{date} Казахстан посетили {value} тыс. граждан Узбекистана.",
        "{date}, {value} thousand visitors from Uzbekistan came to Kazakhstan.",
    ), 1.5),
    (Measure(
        "rail freight across the border", "mln t", 6.0, 1.05, 1, True, 1993,
        "{date} chegara orqali temir yo‘lda {value} mln tonna yuk tashildi.",
        "{date} чегара орқали темир йўлда {value} млн тонна юк ташилди.",
        "{date} объём железнодорожных перевозок через границу составил {value} млн тонн.",
        "{date}, {value} million tonnes of freight crossed the border by rail.",
    ), 1.0),
    (Measure(
        "electricity supplied by Kazakhstan to Uzbekistan", "GWh", 300.0, 1.04, 0, False, 1993,
        "{date} Qozog‘iston O‘zbekistonga {value} mln kVt·soat elektr energiyasi yetkazib berdi.",
        "{date} Қозоғистон Ўзбекистонга {value} млн кВт·соат электр энергияси етказиб берди.",
        "{date} Казахстан поставил в Узбекистан {value} млн кВт·ч электроэнергии.",
        "{date}, Kazakhstan supplied {value} GWh of electricity to Uzbekistan.",
    ), 1.0),
    (Measure(
        "Uzbek students in Kazakhstan", "students", 900.0, 1.06, 0, False, 1996,
        "{date} Qozog‘iston oliy ta’lim muassasalarida {value} nafar o‘zbekistonlik talaba "
        "tahsil oldi.",
        "{date} Қозоғистон олий таълим муассасаларида {value} нафар ўзбекистонлик талаба "
        "таҳсил олди.",
        "{date} в вузах Казахстана обучались {value} студентов из Узбекистана.",
        "{date}, {value} students from Uzbekistan studied at Kazakh universities.",
    ), 0.7),
    (_exports(PRODUCTS[0], "пшеницы", "буғдой", True), 0.8),
    (_exports(PRODUCTS[1], "муки", "ун", True), 0.5),
    (_exports(PRODUCTS[6], "проката", "прокат", True), 0.4),
    (_exports(PRODUCTS[2], "плодоовощной продукции", "мева-сабзавот", False), 0.8),
    (_exports(PRODUCTS[3], "текстиля", "тўқимачилик маҳсулотлари", False), 0.5),
    (_exports(PRODUCTS[5], "цемента", "цемент", False), 0.3),
)  # fmt: skip


# -- source metadata -----------------------------------------------------------------------------

SURNAMES = (
    "Karimov",
    "Xolmatov",
    "Rashidova",
    "Yusupov",
    "Abdullayeva",
    "Qodirov",
    "Nazarov",
    "Ergasheva",
    "Tursunov",
    "Saidova",
    "Mirzayev",
    "Islomova",
    "Nurpeisov",
    "Abenova",
    "Zhaksybekov",
    "Serikbayeva",
    "Omarov",
    "Tulegenova",
    "Xayrullayev",
    "Qudratillayeva",
)
INITIALS = "ABDEGIKLMNOQRSTUXZ"
PUBLICATIONS: dict[str, tuple[str | None, ...]] = {
    "uz-Latn": ("Xalqaro munosabatlar", "Iqtisodiyot va ta’lim", "Ustozlar uchun",
                "O‘zbekiston tarixi", "Dunyo axborot agentligi", None),
    "uz-Cyrl": ("Халқаро муносабатлар", "Жамият ва бошқарув", "Ўзбекистон тарихи", None),
    "ru": ("Вестник КазНУ", "Центральная Азия и Кавказ", "Казинформ", None),
    "en": ("Central Asian Affairs", "Journal of Eurasian Studies", "The Diplomat", None),
}  # fmt: skip
SOURCE_TITLES: dict[str, tuple[str, ...]] = {
    "uz-Latn": (
        "O‘zbekiston–Qozog‘iston munosabatlari: {topic} ({years})",
        "{topic}: O‘zbekiston va Qozog‘iston hamkorligi tajribasi",
        "Qozog‘iston bilan hamkorlikning yangi bosqichi ({year})",
        "Mustaqillik yillarida O‘zbekiston va Qozog‘iston: {topic}",
    ),
    "uz-Cyrl": (
        "Ўзбекистон ва Қозоғистон: {topic} ({years})",
        "{topic}: Ўзбекистон–Қозоғистон ҳамкорлиги",
        "Қозоғистон билан ҳамкорликнинг янги босқичи ({year})",
    ),
    "ru": (
        "Узбекско-казахстанские отношения: {topic} ({years})",
        "{topic}: сотрудничество Узбекистана и Казахстана",
        "Узбекистан и Казахстан: новый этап ({year})",
    ),
    "en": (
        "Uzbekistan–Kazakhstan relations: {topic}, {years}",
        "{topic}: Uzbekistan and Kazakhstan",
        "A new stage in Uzbek–Kazakh cooperation ({year})",
    ),
}
FORMATS = (("pdf", 0.6), ("docx", 0.2), ("html", 0.15), ("txt", 0.05))
