"""Word tables of the date grammar: months, numerals, year words, deictics.

Data only. `lexicon.py` turns these into regex fragments and lookups; nothing here matches text.
Every entry is lower case. In Uzbek Latin words, "'" stands for any of the o‘/g‘ apostrophe
variants the sources use (‘ ’ ' ʻ ʼ „ ‟ `), and the apostrophe may also be missing.
"""

from __future__ import annotations

# The tables are laid out for reading, several entries a line.
# fmt: off

# Characters PDF extractions and keyboards use for the o‘/g‘ apostrophe and the tutuq belgisi.
APOSTROPHES = "'‘’ʻʼ„‟`´"

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign, soft hyphen.
DASHES = "-‐‑‒–—−\u00ad"

# Month stems. A stem matches followed by one of its script's *_MONTH_SUFFIXES (or none).
UZ_LATIN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("yanvar",),
    2: ("fevral",),
    3: ("mart",),
    4: ("aprel",),
    5: ("may",),
    6: ("iyun",),
    7: ("iyul",),
    8: ("avgust",),
    9: ("sentabr", "sentyabr"),
    10: ("oktabr", "oktyabr"),
    11: ("noyabr",),
    12: ("dekabr",),
}

# Uzbek Cyrillic and Russian share these stems ("ноябр" + ь/я/е or + да/даги/ида).
CYRILLIC_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("январ",),
    2: ("феврал",),
    3: ("март",),
    4: ("апрел",),
    5: ("май",),
    6: ("июн",),
    7: ("июл",),
    8: ("август",),
    9: ("сентябр", "сентабр"),
    10: ("октябр", "октабр"),
    11: ("ноябр",),
    12: ("декабр",),
}

# Russian "май" changes its stem when declined, so its forms are listed whole.
RUSSIAN_MAY_FORMS = ("мая", "мае", "маю", "маем")

KAZAKH_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("қаңтар",),
    2: ("ақпан",),
    3: ("наурыз",),
    4: ("сәуір",),
    5: ("мамыр",),
    6: ("маусым",),
    7: ("шілде",),
    8: ("тамыз",),
    9: ("қыркүйек",),
    10: ("қазан",),
    11: ("қараша",),
    12: ("желтоқсан",),
}

ENGLISH_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january",),
    2: ("february",),
    3: ("march",),
    4: ("april",),
    5: ("may",),
    6: ("june",),
    7: ("july",),
    8: ("august",),
    9: ("september",),
    10: ("october",),
    11: ("november",),
    12: ("december",),
}

# Abbreviations are accepted only next to a year: "Mar", "Jun", "дек" are too short to trust alone.
ENGLISH_ABBREVIATIONS: dict[int, tuple[str, ...]] = {
    1: ("jan",),
    2: ("feb",),
    3: ("mar",),
    4: ("apr",),
    6: ("jun",),
    7: ("jul",),
    8: ("aug",),
    9: ("sep", "sept"),
    10: ("oct",),
    11: ("nov",),
    12: ("dec",),
}

# Russian abbreviations are written with a dot ("15 нояб. 2024 г."); the dot is required.
RUSSIAN_ABBREVIATIONS: dict[int, tuple[str, ...]] = {
    1: ("янв",),
    2: ("фев", "февр"),
    3: ("мар",),
    4: ("апр",),
    6: ("июн",),
    7: ("июл",),
    8: ("авг",),
    9: ("сен", "сент"),
    10: ("окт",),
    11: ("ноя", "нояб"),
    12: ("дек",),
}

# Case endings a month stem may carry, per script (in any order: `lexicon.words` builds a trie).
UZ_LATIN_MONTH_SUFFIXES = ("idagi", "dagi", "idan", "dan", "ida", "da", "igacha", "gacha",
                           "ining", "ning", "iga", "ga", "ini", "ni", "i")
CYRILLIC_MONTH_SUFFIXES = (
    # Uzbek Cyrillic, with or without the soft sign: декабрдаги, ноябрида, ноябрьда
    "идаги", "даги", "идан", "дан", "ида", "да", "игача", "гача", "ининг", "нинг", "ига", "га",
    "ини", "ни", "и",
    # Russian declension: января, январе, январю, январём; марта, марте, мартом
    "ём", "ем", "ом", "я", "е", "ю", "а", "у",
)
KAZAKH_MONTH_SUFFIXES = (
    "ындағы", "індегі", "ында", "інде", "дағы", "дегі", "тағы", "тегі", "ынан", "інен",
    "нан", "нен", "дан", "ден", "тан", "тен", "да", "де", "та", "те", "ына", "іне",
    "ға", "ге", "қа", "ке", "ның", "нің", "дың", "дің", "тың", "тің", "ы", "і",
)

# Month forms that are also ordinary words. They count as a month only next to a year, after a
# hyphenated day ("2-may") or before a day/month word ("may oyida", "2 may kuni"):
# "may" (English modal), "mayda"/"майда" (Uzbek "small"), "марта" (Uzbek "times"),
# "қазан" (Kazakh "cauldron", the city of Kazan).
WEAK_MONTH_WORDS = frozenset({"may", "mayda", "майда", "марта", "қазан", "қазанда", "қазаны"})

# "oy/ой/ай" (month) and "kun/кун" (day) words that confirm a month name next to them.
MONTH_WORD_STEMS = ("oy", "ой", "ай")
DAY_WORDS = ("kuni", "куни")

# Year words after a number: 2023-yilda, 2017 йилдан, 2024 жылғы; Russian and abbreviations.
YEAR_WORD_STEMS = ("yil", "йил", "жыл")
RUSSIAN_YEAR_WORDS = ("годами", "годах", "годам", "годов", "годом", "года", "году", "годы", "год")
YEAR_ABBREVIATIONS = ("гг.", "г.", "й.", "y.", "ж.")  # "2020 й.", "1 января 2025 г.", "2024 ж."
# "2016-yildan 2024-yilgacha": the year words of a from–to range of years.
YEAR_FROM_WORDS = ("yildan", "йилдан", "жылдан")
YEAR_TO_WORDS = ("yilgacha", "йилгача", "жылға дейін", "жылға шейін")
# "2000 yillik tarix" is "a 2000-year history", "2750 yilligi" an anniversary: not years.
YEAR_WORD_BLOCKERS = ("lik", "lig", "лик", "лиг", "дық", "дығ")
PLURAL_MARKERS = ("lar", "лар", "дар", "тар")
RUSSIAN_PLURAL_YEAR_WORDS = frozenset({"годы", "годов", "годах", "годам", "годами", "гг."})
# After "2000 yil" / "1000 yildan" written with a space, these make the number a count of
# years: "2000 yil oldin" (2000 years ago), "1000 yildan ortiq" (more than 1000 years).
# Keys carry no apostrophes.
YEAR_COUNT_FOLLOWERS = frozenset({
    "oldin", "avval", "ilgari", "muqaddam", "ortiq", "koproq", "ziyod",
    "олдин", "аввал", "илгари", "муқаддам", "ортиқ", "кўпроқ", "зиёд",
    "бұрын", "астам", "артық", "көп",
})
# "2023-2024 o‘quv yili", "2024/2025 ўқув йилида": an academic year before the year word.
ACADEMIC_WORDS = ("o'quv", "ўқув", "оқу")

# Deictic and anaphoric year phrases, by the kind of year they name:
# "this" is the year of writing; "last"/"next" one less/more; "same" the latest year named
# earlier in the text (falling back to the year of writing).
# Uzbek and Kazakh: the word comes before yil/йил/жыл ("joriy yilning", "o‘tgan yili").
RELATIVE_BEFORE_YEAR: dict[str, str] = {
    "joriy": "this", "bu": "this", "ushbu": "this", "жорий": "this", "бу": "this", "ушбу": "this",
    "shu": "same", "o'sha": "same", "шу": "same", "ўша": "same",
    "o'tgan": "last", "ўтган": "last",
    "kelgusi": "next", "kelasi": "next", "келгуси": "next", "келаси": "next",
    "ағымдағы": "this", "осы": "same", "өткен": "last", "келесі": "next",
}
# Endings of yil/йил/жыл after such a word; no plural (shu yillarda is "in those years").
RELATIVE_YEAR_SUFFIXES = (
    "ining", "ning", "idan", "idagi", "dagi", "ida", "dan", "da", "gacha", "ga", "gi", "ni", "i",
    "ининг", "нинг", "идан", "идаги", "даги", "ида", "дан", "да", "гача", "га", "ги", "ни", "и",
    "ының", "ында", "ынан", "дың", "ғы", "ға", "ы",
)
# Kazakh one-word forms: биыл "this year", былтыр "last year".
RELATIVE_ONE_WORD: dict[str, str] = {
    "биыл": "this", "биылғы": "this", "былтыр": "last", "былтырғы": "last",
}
# Russian: the word comes before год/года/году ("в прошлом году", "марта текущего года").
RELATIVE_RUSSIAN: dict[str, str] = {
    "этом": "this", "этого": "this", "этот": "this",
    "текущем": "this", "текущего": "this", "текущий": "this",
    "нынешнем": "this", "нынешнего": "this", "нынешний": "this", "сего": "this",
    "прошлом": "last", "прошлого": "last", "прошлый": "last",
    "минувшем": "last", "минувшего": "last", "минувший": "last",
    "следующем": "next", "следующего": "next", "следующий": "next",
    "будущем": "next", "будущего": "next", "будущий": "next",
    "том же": "same", "того же": "same",
}
# Russian abbreviations of "текущего/сего года": "в январе–феврале т.г.", "15 марта с.г.".
RELATIVE_RUSSIAN_ABBREVIATIONS: dict[str, str] = {"т.г.": "this", "т. г.": "this", "с.г.": "this"}
# English: "this year", "last year", "the same year".
RELATIVE_ENGLISH: dict[str, str] = {
    "this": "this", "current": "this", "last": "last", "next": "next",
    "that": "same", "same": "same",
}
RELATIVE_OFFSETS: dict[str, int] = {"this": 0, "same": 0, "last": -1, "next": 1}

# Number words for "the first four months" (birinchi to‘rt oyida) and "the last ten years"
# (so‘nggi o‘n yilda); readers check the range they accept (1–12 for months).
NUMERALS: dict[str, int] = {
    # Uzbek Latin
    "bir": 1, "ikki": 2, "uch": 3, "to'rt": 4, "besh": 5, "olti": 6, "yetti": 7, "sakkiz": 8,
    "to'qqiz": 9, "o'n": 10, "o'n bir": 11, "o'n ikki": 12, "yigirma": 20, "o'ttiz": 30,
    # Uzbek Cyrillic
    "бир": 1, "икки": 2, "уч": 3, "тўрт": 4, "беш": 5, "олти": 6, "етти": 7, "саккиз": 8,
    "тўққиз": 9, "ўн": 10, "ўн бир": 11, "ўн икки": 12, "йигирма": 20, "ўттиз": 30,
    # Kazakh
    "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9,
    "он": 10, "он бір": 11, "жиырма": 20, "отыз": 30,
    # Russian
    "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двадцать": 20, "тридцать": 30,
    # English
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twenty": 20, "thirty": 30,
}

# "first" as in "the first N months of the year".
FIRST_WORDS = ("birinchi", "dastlabki", "ilk", "биринчи", "дастлабки", "илк", "алғашқы",
               "бірінші", "первые", "first")

# Ordinals for halves and quarters of a year.
ORDINALS: dict[str, int] = {
    "birinchi": 1, "ikkinchi": 2, "uchinchi": 3, "to'rtinchi": 4,
    "биринчи": 1, "иккинчи": 2, "учинчи": 3, "тўртинчи": 4,
    "бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4,
    "первом": 1, "первое": 1, "первого": 1, "первый": 1,
    "втором": 2, "второе": 2, "второго": 2, "второй": 2,
    "первой": 1, "первую": 1, "первая": 1,
    "вторую": 2, "вторая": 2,
    "третьем": 3, "третий": 3, "третьего": 3,
    "четвертом": 4, "четвёртом": 4, "четвертый": 4, "четвёртый": 4, "четвертого": 4,
    "i": 1, "ii": 2, "iii": 3, "iv": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4,
}

# A half and a quarter of a year, as inflected forms (not stems: "yarm" also begins
# "yarmarka", a fair).
HALF_WORDS = (
    "yarmi", "yarmida", "yarmidagi", "yarmidan", "yarmiga", "yarmining", "yarmini",
    "yarim yillik", "yarim yillikda", "yarim yilligida", "yarim yilligi",
    "ярми", "ярмида", "ярмидаги", "ярмидан", "ярмига", "ярмининг",
    "ярим йиллик", "ярим йилликда", "ярим йиллигида",
    "жартысы", "жартысында", "жартысындағы", "жартыжылдық", "жартыжылдығы",
    "жартыжылдығында", "жартыжылдықта",
    "полугодие", "полугодии", "полугодия", "полугодием",
)
# Russian "half" of a year, only with a year (or "текущего года") after it: "во второй
# половине XX века", "половина дня" name no half of a year.
RUSSIAN_HALF_WORDS = ("половина", "половине", "половину", "половины", "половиной")
QUARTER_WORDS = (
    "choragi", "choragida", "choragidagi", "choragidan", "chorakda",
    "чораги", "чорагида", "чорагидаги", "чорагидан", "чоракда",
    "тоқсаны", "тоқсанында", "тоқсанындағы",
    "квартал", "квартале", "квартала", "кварталом",
)

# English prepositions that make a bare 4-digit number a year ("in 2024", "since 1991").
ENGLISH_YEAR_PREPOSITIONS = ("in", "since", "by", "until", "till", "from", "during", "before",
                             "after", "through", "throughout", "between", "circa", "ca.", "c.")
ENGLISH_APPROXIMATE = frozenset({"circa", "ca.", "c."})
# These also precede counts ("in 2000 households", "by 2030 tons"); the others do not.
ENGLISH_WEAK_PREPOSITIONS = frozenset({"in", "by", "from", "through"})

# After an English "in 2024", these words keep the number a year even though they may end in
# "s"; another lower-case plural ("in 2000 households") makes the number a count.
ENGLISH_FOLLOWERS = frozenset({
    "and", "or", "to", "the", "a", "an", "it", "its", "their", "his", "her", "when", "as",
    "with", "for", "was", "were", "had", "has", "have", "is", "are", "which", "that", "after",
    "before", "in", "on", "at", "by", "from", "compared", "alone", "only", "while", "until",
    "through", "but", "both", "there", "this", "these", "those", "they", "we", "he", "she",
    "onwards", "onward", "respectively", "amounted", "reached", "rose", "grew",
})

# "2030-yilgacha", "2030 йилгача" (until 2030); "2030 йилга қадар", "2030 жылға дейін".
DEADLINE_SUFFIXES = ("gacha", "гача")
DEADLINE_POSTPOSITIONS = frozenset({"qadar", "қадар", "дейін", "шейін"})
# After "by 2030" or "until 2030" the text does not go on in that year: a deadline year
# does not become the year of the days and months that follow it.
ENGLISH_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before"})

# --- Russian years after a preposition: "с 2022 действует", "до 2030", "в 2019–2020" -------
RUSSIAN_YEAR_PREPOSITIONS = ("в", "во", "с", "со", "до", "к", "после", "между")
RUSSIAN_DEADLINE_PREPOSITIONS = frozenset({"до", "к"})
# A lower-case word after the year keeps it a year only if it is one of these or looks like a
# verb ("действует", "осталось", "выросли"): "с 2022 участниками", "в 2000 домах",
# "в 2000 раз" count things.
RUSSIAN_FOLLOWERS = frozenset({
    "и", "а", "но", "или", "по", "до", "в", "во", "на", "с", "со", "к", "от", "из", "за",
    "для", "при", "после", "через", "уже", "ещё", "еще", "также", "тоже", "же", "лишь",
    "только", "он", "она", "оно", "они", "мы", "это", "этот", "эта", "эти", "как", "когда",
    "что", "где", "включительно", "не", "ни",
})
RUSSIAN_VERB_ENDINGS = (
    "ет", "ит", "ут", "ют", "ат", "ят", "ется", "ится", "ются", "утся", "ятся", "атся",
    "л", "ла", "ло", "ли", "лся", "лась", "лось", "лись", "ем", "им", "ено", "ена", "ано",
)
# Words that end like a verb but count years or things: "до 2000 лет".
RUSSIAN_VERB_LOOKALIKES = frozenset({"лет", "мет", "ракет", "монет", "единиц"})

# --- a month with a preposition and no year: "in April", "в апреле", "с марта по май" -------
# The year is the latest one named before it in the text, else the year of writing.
ENGLISH_MONTH_PREPOSITIONS = frozenset({
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "through",
    "throughout", "between", "early", "late", "mid",
})
# "last October" is the October before the year of writing (only its year is known),
# "next March" the one after it, "this April" the one in it.
ENGLISH_MONTH_RELATIVES: dict[str, int] = {"last": -1, "next": 1, "this": 0}
RUSSIAN_MONTH_PREPOSITIONS = frozenset({"в", "во", "с", "со", "до", "к", "ко", "после"})
# Russian endings of a month stem (январе, января, январю, январь; марте, марта, март).
RUSSIAN_MONTH_ENDINGS = ("ь", "я", "е", "ю", "ём", "ем", "а", "у", "ом")

# --- a bare range of years: "2024–2034", "1993 – 17.04.2000" ---------------------------------
# Before the range, these make it pages or a volume, not years: "pp. 2021–2025".
PAGE_WORDS = frozenset({
    "p", "pp", "page", "pages", "с", "c", "s", "стр", "b", "bet", "betlar", "бет", "бетлар",
    "vol", "т", "том", "no", "№", "nr", "isbn", "issn", "б", "бб", "беттер",
})

# --- weak month words after a day, confirmed by their surroundings ---------------------------
# Letters of Uzbek and Kazakh Cyrillic that Russian lacks: "3 марта кўпайди" is "3 times".
NOT_RUSSIAN_LETTERS = frozenset("ўқғҳәңөұүһі")
# Words only Russian writes among the archive's languages; one of them, or "ы"/"щ", with
# none of NOT_RUSSIAN_LETTERS, makes the line Russian.
RUSSIAN_WORDS = frozenset({
    "и", "в", "во", "на", "с", "со", "по", "к", "от", "до", "из", "за", "что", "года",
    "году", "г", "для", "при", "был", "была", "были", "было", "это", "также", "состоялся",
    "состоялась", "не", "как",
})
RUSSIAN_LETTERS = frozenset("ыщ")

# --- the end or the beginning of a year: still that year, at year precision ---------------
# After a year and its year word: "2024-yil oxirida", "2025 йил охирига қадар",
# "2024 жылдың соңында", "2023 yil boshida".
YEAR_EDGE_WORDS = (
    "oxiri", "oxirida", "oxiridagi", "oxiriga", "oxirigacha", "oxiridan", "oxirlarida",
    "boshi", "boshida", "boshidagi", "boshiga", "boshidan", "boshlarida",
    "охири", "охирида", "охиридаги", "охирига", "охиригача", "охиридан", "охирларида",
    "боши", "бошида", "бошидаги", "бошига", "бошидан", "бошларида",
    "соңы", "соңында", "соңындағы", "соңына", "соңынан", "аяғы", "аяғында", "аяғына",
    "басы", "басында", "басындағы", "басына", "басынан",
)
# A postposition that may close such a phrase ("охирига қадар", "соңына дейін").
EDGE_TAILS = ("qadar", "buyon", "beri", "қадар", "буён", "бери", "дейін", "шейін", "бері")
# Russian, before the year: "в конце 2024 года", "к концу 2025 года", "в начале 2023 года".
RUSSIAN_EDGE_WORDS = ("конце", "конца", "концу", "начале", "начала", "началу")
# English, before "of" and the year: "by the end of 2025", "at the beginning of 2023".
ENGLISH_EDGE_WORDS = ("end", "beginning", "start", "close")
# English, right before the year: "early 2024", "late 2024".
ENGLISH_EDGE_ADJECTIVES = ("early", "late")

# --- an English year as the subject of a sentence: "2018 was declared the Year of …" ------
# Only right after the year, at the start of a sentence, line or list item. Not "were":
# a year is singular, so "2000 were evacuated" counts people.
YEAR_SUBJECT_VERBS = ("was", "is", "saw", "marked", "became", "brought", "began", "ended",
                      "has", "had", "will")

# --- since the start of the year: the year of writing, so far ------------------------------
# Uzbek "yil boshidan" alone also means "from the start of a (school, new) year": it needs
# "joriy" before it or "buyon"/"beri" after it. A tail from YEAR_TO_DATE_TAILS may follow.
YEAR_TO_DATE = (
    "yil boshidan buyon", "yil boshidan beri", "yil boshidan hozirgacha",
    "yilning boshidan buyon", "yilning boshidan beri",
    "joriy yil boshidan", "joriy yilning boshidan",
    "йил бошидан буён", "йил бошидан бери", "йил бошидан ҳозиргача",
    "йилнинг бошидан буён", "йилнинг бошидан бери",
    "жорий йил бошидан", "жорий йилнинг бошидан",
    "жыл басынан бері", "жылдың басынан бері", "ағымдағы жылдың басынан",
    "биылғы жылдың басынан",
    "с начала года", "с начала этого года", "с начала текущего года",
    "since the beginning of the year", "since the start of the year",
    "since the beginning of this year", "since the start of this year",
    "year to date", "year-to-date",
)
YEAR_TO_DATE_TAILS = ("buyon", "beri", "hozirgacha", "буён", "бери", "ҳозиргача", "бері")
# Before a bare "yil boshidan", these name another year: "har yil boshidan" (every year),
# "yangi o‘quv yili boshidan" (the school year). RELATIVE_BEFORE_YEAR words other than "this"
# ones ("o‘tgan yil boshidan") block it too.
YEAR_TO_DATE_BLOCKERS = frozenset({
    "har", "yangi", "o'quv", "ҳар", "янги", "ўқув", "әр", "жаңа", "оқу",
})
# Year words a phrase in YEAR_TO_DATE may start with (the blockers are checked before them).
YEAR_NOUNS = frozenset({"yil", "yilning", "йил", "йилнинг", "жыл", "жылдың"})

# --- the last N years, counted back from the year of writing --------------------------------
# "so‘nggi o‘n yillikda", "за последние 10 лет", "over the past decade". Without a number
# ("so‘nggi yillarda") the span is unknown: nothing is found.
LAST_WORDS = ("so'nggi", "oxirgi", "сўнгги", "охирги", "соңғы", "последние", "последних",
              "последнее", "last", "past")
# English "last"/"past" count back from now only after "the": "his last ten years" are
# another life's, "over past 4 years" a headline of its own date.
LAST_WORDS_AFTER_THE = frozenset({"last", "past"})
# The counted noun after the number, besides yil/йил/жыл and their endings (yilda, yillikda).
COUNTED_YEARS = ("лет", "года", "years")
# A decade, with no number: "за последнее десятилетие", "the past decade".
DECADE_WORDS = ("decade", "десятилетие", "десятилетия", "онжылдық", "онжылдықта")
DECADE_YEARS = 10

# Words a person may type before a date that the grammar leaves out of the mention.
TYPED_LEAD_WORDS = frozenset({
    "in", "since", "from", "until", "by", "during", "before", "after", "the", "circa",
    "в", "во", "с", "со", "от", "до", "после", "к",
})

# Words that make a preceding number a quantity, never a year or day: "1100 дан", "3 400 ta".
QUANTITY_WORDS = (
    "ta", "tadan", "nafar", "foiz", "mln", "mlrd", "million", "milliard", "ming", "trln",
    "km", "kg", "tonna", "dollar", "so'm", "som", "tenge", "kishi",
    "percent", "per", "billion", "bn", "thousand", "people", "households", "units", "tons",
    "млн", "млрд", "миллион", "миллиард", "тыс", "тысяч", "км", "кг", "тонн", "доллар",
    "сўм", "сум", "теңге", "тенге", "киши", "нафар", "фоиз", "человек", "дан", "дона", "та",
)
# fmt: on
