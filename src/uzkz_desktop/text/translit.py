"""Uzbek Cyrillic ↔ Latin, following the official 1995 Latin orthography.

Cyrillic → Latin (per word; a hyphen starts a new word):

* е → ye at word start, after a vowel, after ъ/ь; otherwise e;
* ц → ts after a vowel; s at word start or after a consonant (цирк → sirk, функция → funksiya);
* ё ю я → yo yu ya; ў ғ → oʻ gʻ (U+02BB); қ ҳ х ш ч щ э ы → q h x sh ch sh e i;
* ъ → ʼ (U+02BC), but dropped between a consonant and е ё ю я (объект → obyekt; after a
  vowel it stays: маъюс → maʼyus);
* ь dropped, or → y before а/о (батальон → batalyon);
* сҳ → sʼh, to keep it apart from ш (Исҳоқ → Isʼhoq);
* сентябр-/октябр- at word start → sentabr-/oktabr-.

Latin → Cyrillic (after `fold_apostrophes`, so any apostrophe glyph is accepted):

* yoʻ → йў; sʼh → сҳ; oʻ gʻ sh ch yo yu ya → ў ғ ш ч ё ю я; ʼ → ъ (Ъ in an all-caps word);
* e → э at word start, after a vowel or after ʼ; otherwise е;
* ye → е at word start, after a vowel or after ʼ; after a consonant ъе behind a Russian
  prefix (obyekt → объект, syezd → съезд), else ье (Vasilyev → Васильев);
* ts → ц between a vowel and i + vowel, or after a vowel at word end (integratsiya →
  интеграция); otherwise тс (hayotsiz → ҳаётсиз);
* c → ц, w → в (loanwords only);
* a word list for what the rules cannot know, `LATIN_EXCEPTIONS`: the months with ь
  (yanvar → январь …) and loanwords with ц or ь (funksiya → функция, film → фильм).
  An exception word followed by common suffixes keeps the stem and drops a final ь
  (oktabrda → октябрда, modelini → моделини), as in the seed document 004.

Case: a digraph takes the case of its first letter (Sh, SH → Ш); a Cyrillic capital becomes an
all-caps digraph when a neighbouring letter is a capital (ШАВКАТ → SHAVKAT, Шавкат → Shavkat).
URLs, e-mail addresses, bare domains (`kun.uz`) and Roman numerals (`XXI`) are never touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from uzkz_desktop.text._apostrophes import fold_apostrophes
from uzkz_desktop.text._patterns import APOSTROPHE, TURNED_COMMA, map_unprotected

__all__ = ["LATIN_EXCEPTIONS", "cyrillic_to_latin", "latin_to_cyrillic"]

_WORD_START = r"(?<![^\W\d_])"
_WORD_END = r"(?![^\W\d_])"
# Every rule looks only inside a word (a hyphen starts a new one), so each distinct word is
# converted once and cached: prose repeats its words, and the cache turns the per-letter work
# into one dictionary lookup per word.
_WORD_RE = re.compile(r"[^\W\d_]+")
_CACHED_WORDS = 1 << 16


def _with_case_of(source: str, target: str) -> str:
    """`target` in the case pattern of `source`: UPPER, Title or lower."""
    if len(source) > 1 and source.isupper():
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


# --- Cyrillic → Latin ---------------------------------------------------------------------

_CYR_VOWELS = "аеёиоуўэюяыАЕЁИОУЎЭЮЯЫ"
_CYR_CONSONANTS = "бвгджзйклмнпрстфхцчшщқғҳБВГДЖЗЙКЛМНПРСТФХЦЧШЩҚҒҲ"
_CYR_UPPER = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЎҚҒҲ"

_CYR_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch",
    "ш": "sh", "щ": "sh", "ы": "i", "э": "e", "ю": "yu", "я": "ya", "ў": "o" + TURNED_COMMA,
    "қ": "q", "ғ": "g" + TURNED_COMMA, "ҳ": "h",
}  # fmt: skip
_CYR_TABLE = str.maketrans(
    {
        **_CYR_LETTERS,
        **{cyr.upper(): lat[:1].upper() + lat[1:] for cyr, lat in _CYR_LETTERS.items()},
    }
)
_HAS_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_CYR_MONTH_STEMS = {"октябр": "oktabr", "сентябр": "sentabr"}

# Only the letters whose Latin form depends on their neighbours go through a callback;
# everything else is a str.translate.
_CYR_CONTEXT_RE = re.compile(
    rf"(?P<month>{_WORD_START}(?i:октябр|сентябр))"
    r"|(?P<s_h>[сС][ҳҲ])"
    rf"|(?P<ye>(?:{_WORD_START}|(?<=[{_CYR_VOWELS}ъьЪЬ]))[еЕ])"
    r"|(?P<ts>[цЦ])"
    r"|(?P<hard>[ъЪ])"
    r"|(?P<soft>[ьЬ])"
    rf"|(?P<caps>(?<=[{_CYR_UPPER}])[ШЧЁЮЯЎҒЩ]|[ШЧЁЮЯЎҒЩ](?=[{_CYR_UPPER}]))"
)


def _cyr_digraph(text: str, index: int, latin: str) -> str:
    """Case of a Latin digraph: all caps when a neighbouring letter is a capital too."""
    if not text[index].isupper():
        return latin
    if text[index - 1 : index].isupper() or text[index + 1 : index + 2].isupper():
        return latin.upper()
    return latin[:1].upper() + latin[1:]


def _lower_or_upper(source: str, latin: str) -> str:
    return latin.upper() if source.isupper() else latin


def _cyr_month(word: str) -> str:
    latin = _CYR_MONTH_STEMS[word.lower()]
    return "".join(map(_lower_or_upper, word, latin))


def _cyr_hard_sign(text: str, start: int) -> str:
    after_consonant = start > 0 and text[start - 1] in _CYR_CONSONANTS
    before_iotated = start + 1 < len(text) and text[start + 1] in "еёюяЕЁЮЯ"
    return "" if after_consonant and before_iotated else APOSTROPHE


def _cyr_context(match: re.Match[str]) -> str:
    text, start, kind = match.string, match.start(), match.lastgroup
    if kind == "month":
        return _cyr_month(match.group())
    if kind == "s_h":
        found = match.group()
        return _lower_or_upper(found[0], "s") + APOSTROPHE + _lower_or_upper(found[1], "h")
    if kind == "ye":
        return _cyr_digraph(text, start, "ye")
    if kind == "ts":
        after_vowel = start > 0 and text[start - 1] in _CYR_VOWELS
        return _cyr_digraph(text, start, "ts" if after_vowel else "s")
    if kind == "hard":
        return _cyr_hard_sign(text, start)
    if kind == "soft":
        before_a_or_o = start + 1 < len(text) and text[start + 1] in "аоАО"
        return _cyr_digraph(text, start, "y") if before_a_or_o else ""
    return _cyr_digraph(text, start, _CYR_LETTERS[match.group().lower()])


@lru_cache(maxsize=_CACHED_WORDS)
def _cyrillic_word_to_latin(word: str) -> str:
    if not _HAS_CYRILLIC_RE.search(word):
        return word
    return _CYR_CONTEXT_RE.sub(_cyr_context, word).translate(_CYR_TABLE)


def _cyrillic_to_latin_plain(text: str) -> str:
    return _WORD_RE.sub(lambda word: _cyrillic_word_to_latin(word.group()), text)


def cyrillic_to_latin(text: str) -> str:
    """Uzbek Cyrillic → Uzbek Latin (1995 orthography, oʻ/gʻ with U+02BB, tutuq U+02BC).

    Latin text, digits and punctuation pass through; Kazakh-only letters are left as they are.
    """
    text = unicodedata.normalize("NFC", text)
    return map_unprotected(text, _cyrillic_to_latin_plain)


# --- Latin → Cyrillic ---------------------------------------------------------------------

LATIN_EXCEPTIONS: dict[str, str] = {
    # months: the rules cannot know the soft sign (and sentabr/oktabr have я)
    "yanvar": "январь", "fevral": "февраль", "aprel": "апрель", "iyun": "июнь",
    "iyul": "июль", "sentabr": "сентябрь", "sentyabr": "сентябрь", "oktabr": "октябрь",
    "oktyabr": "октябрь", "noyabr": "ноябрь", "dekabr": "декабрь",
    # ц written s (word start or after a consonant)
    "funksiya": "функция", "stansiya": "станция", "konferensiya": "конференция",
    "tendensiya": "тенденция", "distansiya": "дистанция", "kompetensiya": "компетенция",
    "rezidensiya": "резиденция", "provinsiya": "провинция", "potensial": "потенциал",
    "prinsip": "принцип", "konsert": "концерт", "sirk": "цирк", "sex": "цех",
    "sentr": "центр", "sement": "цемент", "sivilizatsiya": "цивилизация",
    # ц written ts before e (the rule only knows ts + i + vowel)
    "litsey": "лицей", "ofitser": "офицер",
    # soft sign
    "film": "фильм", "rol": "роль", "model": "модель", "avtomobil": "автомобиль",
    "portfel": "портфель", "detal": "деталь", "medal": "медаль", "mebel": "мебель",
    "parallel": "параллель", "alkogol": "алкоголь",
}  # fmt: skip

# Suffix chains after an exception stem (oktabrda, funksiyalari, rolini).
_SUFFIX_CHAIN = (
    r"(?:lar|lari|larni|larning|i|si|ni|ini|ning|ining|ga|ka|da|dan|dagi|dagina|gacha"
    r"|imiz|ingiz|mi|dir|dek|day|ham|gi|ki|cha|lik|ligi|siz)*"
)
_EXCEPTION_RE = re.compile(
    rf"(?P<stem>(?i:{'|'.join(sorted(LATIN_EXCEPTIONS, key=len, reverse=True))}))"
    rf"(?P<suffix>(?i:{_SUFFIX_CHAIN}))"
)
_ROMAN_NUMERAL_RE = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")

_LAT_VOWELS = "aeiouAEIOU"
# Prefixes after which Russian loanwords write ъ before е: объект, субъект, подъезд, съезд.
_HARD_SIGN_PREFIXES = frozenset({"ob", "sub", "pod", "s", "ad", "in", "kon", "diz", "ot", "raz"})

_LAT_CONTEXT_RE = re.compile(
    r"(?P<yo_sign>[Yy][Oo]" + TURNED_COMMA + ")"
    r"|(?P<s_h>[Ss]" + APOSTROPHE + "[Hh])"
    r"|(?P<ye>[Yy][Ee])"
    rf"|(?P<e>(?:{_WORD_START}|(?<=[{_LAT_VOWELS}{APOSTROPHE}])|(?<=[oO]{TURNED_COMMA}))[Ee])"
    rf"|(?P<ts>(?<=[{_LAT_VOWELS}])[Tt][Ss](?=[Ii][Yy]?[{_LAT_VOWELS}]|{_WORD_END}))"
    rf"|(?P<hard>{APOSTROPHE})"
)

_LAT_DIGRAPHS = {
    "o" + TURNED_COMMA: "ў", "g" + TURNED_COMMA: "ғ", "sh": "ш", "ch": "ч",
    "yo": "ё", "yu": "ю", "ya": "я",
}  # fmt: skip
_LAT_LETTERS = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х", "y": "й", "z": "з",
}  # fmt: skip
_LAT_TABLE = str.maketrans(
    {**_LAT_LETTERS, **{lat.upper(): cyr.upper() for lat, cyr in _LAT_LETTERS.items()}}
)


def _case_like(source: str, cyrillic: str) -> str:
    return cyrillic.upper() if source[:1].isupper() else cyrillic


def _lat_exception(match: re.Match[str]) -> str:
    stem, suffix = match.group("stem"), match.group("suffix")
    cyrillic = LATIN_EXCEPTIONS[stem.lower()]
    if not suffix:
        return _with_case_of(stem, cyrillic)
    # Before a suffix the soft sign goes, as in the seed document 004 (моделини): октябрда.
    return _with_case_of(stem, cyrillic.removesuffix("ь")) + _latin_word_to_cyrillic(suffix)


def _ye_after_consonant(text: str, start: int, y: str, e: str) -> str:
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    sign = "ъ" if text[word_start:start].lower() in _HARD_SIGN_PREFIXES else "ь"
    return _case_like(y, sign) + _case_like(e, "е")


def _is_after_vowel(text: str, start: int) -> bool:
    """After a, e, i, o, u, oʻ or the tutuq (whose Cyrillic ъ keeps a following э or е)."""
    if start == 0:
        return False
    before = text[start - 1]
    if before == TURNED_COMMA:
        return text[start - 2 : start - 1] in ("o", "O")
    return before in _LAT_VOWELS or before == APOSTROPHE


def _lat_context(match: re.Match[str]) -> str:
    text, start, found, kind = match.string, match.start(), match.group(), match.lastgroup
    if kind == "yo_sign":
        return _case_like(found[0], "й") + _case_like(found[1], "ў")
    if kind == "s_h":
        return _case_like(found[0], "с") + _case_like(found[2], "ҳ")
    if kind == "ye":
        at_start = start == 0 or not text[start - 1].isalpha()
        if at_start or _is_after_vowel(text, start):
            return _case_like(found, "е")
        return _ye_after_consonant(text, start, found[0], found[1])
    if kind == "e":
        return _case_like(found, "э")
    if kind == "hard":
        return "Ъ" if _inside_capitals(text, start) else "ъ"
    return _case_like(found, "ц")


def _inside_capitals(text: str, index: int) -> bool:
    """The tutuq of an all-caps word (MAʼLUMOT → МАЪЛУМОТ): a capital before it, and a
    capital or the end of the word after it."""
    after = text[index + 1 : index + 2]
    return text[index - 1 : index].isupper() and (after.isupper() or not after.isalpha())


def _replace_digraphs(text: str) -> str:
    """sh/Sh/SH/sH → ш/Ш/Ш/ш and so on: the first letter decides the case."""
    for latin, cyrillic in _LAT_DIGRAPHS.items():
        first, second = latin[0], latin[1]
        text = text.replace(first + second, cyrillic).replace(first + second.upper(), cyrillic)
        capital = cyrillic.upper()
        text = text.replace(first.upper() + second, capital)
        text = text.replace(first.upper() + second.upper(), capital)
    return text


@lru_cache(maxsize=_CACHED_WORDS)
def _latin_word_to_cyrillic(word: str) -> str:
    if _ROMAN_NUMERAL_RE.fullmatch(word):
        return word
    exception = _EXCEPTION_RE.fullmatch(word)
    if exception:
        return _lat_exception(exception)
    word = _LAT_CONTEXT_RE.sub(_lat_context, word)
    return _replace_digraphs(word).translate(_LAT_TABLE)


def _latin_to_cyrillic_plain(text: str) -> str:
    return _WORD_RE.sub(lambda word: _latin_word_to_cyrillic(word.group()), text)


def latin_to_cyrillic(text: str) -> str:
    """Uzbek Latin → Uzbek Cyrillic. Accepts any apostrophe glyph for oʻ, gʻ and the tutuq.

    Every Latin letter is converted (English words included); Cyrillic passes through.
    """
    text = fold_apostrophes(unicodedata.normalize("NFC", text))
    return map_unprotected(text, _latin_to_cyrillic_plain)
