"""A light Uzbek suffix stripper for search keys (pure Python, no word list beyond guards).

Input: one canonical Uzbek Latin word, lower case, with oʻ/gʻ written U+02BB and the tutuq
U+02BC (what `search_fold` gives); other apostrophe glyphs are tolerated. Output: the key the
index compares. The aim is conflation of the forms people search (names, institutions,
topics), not a linguistic lemma.

Stages, each applied at most once, from the end of the word:

1. finite verb forms first (`imzolandi` → `imzola`, `oshiradi` → `oshir`, `oʻsmoqda` → `oʻs`),
   because their `-di`/`-adi` would otherwise be read as a possessive `-i`;
2. case: `-ning -ni -ga/-ka/-qa -da -dan -dagi -gacha -cha`;
3. possessive: `-imiz/-miz -ingiz/-ngiz -lari -si -i` (1st and 2nd person singular are rare in
   this archive and too ambiguous: `taʼlim`, `muhim`);
4. plural `-lar`;
5. `-lig` → `-lik` (`hamkorligi` → `hamkorlik`), and other k/q softening before a vowel;
6. non-finite verb forms: `-gan -yotgan -ish -ib -moq`, then passive `-il/-in/-n`.

Derivational suffixes stay (`hamkor` ≠ `hamkorlik`, `sherik` ≠ `sheriklik`). Guard lists keep
words whose ending only looks like a suffix (`chekka`, `mazmun`, `turli`, `boshqa`, `dollar`).
A stem keeps at least three letters (oʻ and gʻ count as one).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["stem_uz"]

_SIGN = "ʻ"  # U+02BB
_TUTUQ = "ʼ"  # U+02BC
# Other glyphs that may still stand for the sign in a word that skipped `fold_apostrophes`.
_LOOSE_MARKS = str.maketrans(dict.fromkeys("'‘’`´", _SIGN))

_VOWELS = frozenset("aeiou")
_MIN_LETTERS = 3

# Whole words that must come out as given (pronoun datives, words whose ending is not a
# suffix). Checked before each stage, so `asosida` → `asosi` → `asos`.
_GUARDS: dict[str, str] = {
    # pronouns and their case forms
    "bunga": "bu", "shunga": "shu", "unga": "u", "menga": "men", "senga": "sen",
    "bunda": "bu", "shunda": "shu", "unda": "u", "bundan": "bu", "shundan": "shu",
    "undan": "u", "buning": "bu", "shuning": "shu", "uning": "u", "buni": "bu",
    "shuni": "shu", "uni": "u", "ularning": "ular", "ularga": "ular", "ularni": "ular",
    # endings that are not suffixes
    "chekka": "chekka", "mazmun": "mazmun", "mazmuni": "mazmun", "turli": "turli",
    "boshqa": "boshqa", "dollar": "dollar", "qoida": "qoida", "qoidalar": "qoida",
    "qancha": "qancha", "boʻyicha": "boʻyicha", "koʻcha": "koʻcha", "ancha": "ancha",
    "bilan": "bilan", "uchun": "uchun", "hamda": "hamda", "ayni": "ayni", "kuni": "kun",
    "asosi": "asos", "qiyosi": "qiyos", "kuchi": "kuch", "ichi": "ich", "uchi": "uch",
    "endi": "endi", "edi": "edi", "emas": "emas", "keyingi": "keyingi", "organ": "organ",
    "tartib": "tartib", "tarkib": "tarkib", "raqib": "raqib", "adib": "adib",
    "tabib": "tabib", "gʻarib": "gʻarib", "ajib": "ajib", "nasib": "nasib",
    "farzandi": "farzand", "samarqandi": "samarqand", "taʼlim": "taʼlim",
    "muhim": "muhim", "tahlil": "tahlil", "tashkil": "tashkil", "kelishuv": "kelishuv",
    "qishloq": "qishloq", "bogʻliq": "bogʻliq", "koʻrgazma": "koʻrgazma",
    "iqtisodiy": "iqtisodiy", "siyosiy": "siyosiy", "milliy": "milliy",
    "ikki": "ikki", "besh": "besh", "toʻrt": "toʻrt", "ming": "ming", "yigirma": "yigirma",
    "dunyoni": "dunyo", "savdoni": "savdo", "mavzuni": "mavzu", "binoni": "bino",
    "obroʻni": "obroʻ", "loyihani": "loyiha", "foyda": "foyda", "kabi": "kabi",
    "yoki": "yoki", "hali": "hali", "tarmoq": "tarmoq", "ravish": "ravish", "saiga": "saiga",
    "raisi": "rais", "qoʻshni": "qoʻshni", "qoʻshnilar": "qoʻshni", "qadir": "qadir",
}  # fmt: skip

# Stems ending in o/u that take the accusative -ni (the default reading of -oni/-uni is a
# stem in -n plus the possessive -i: tomoni, mazmuni, qonuni, imkoni).
_VOWEL_FINAL_BEFORE_NI = frozenset({"savdo", "dunyo", "mavzu", "bino", "obroʻ", "radio"})
# Stems ending in -s before the possessive -i (the default reading of V+si is a possessive -si).
_S_FINAL_BEFORE_I = frozenset({"asos", "qiyos", "rais", "epos", "kurs", "press"})


def _letters(word: str) -> int:
    return len(word) - word.count(_SIGN) - word.count(_TUTUQ)


def _ends_with_vowel(stem: str) -> bool:
    if stem.endswith("o" + _SIGN):
        return True
    return stem[-1:] in _VOWELS


def _ends_with_consonant(stem: str) -> bool:
    return bool(stem) and not _ends_with_vowel(stem) and stem[-1] != _TUTUQ


def _long_enough(stem: str, minimum: int = _MIN_LETTERS) -> bool:
    return _letters(stem) >= minimum


# --- stage 1: finite verbs ----------------------------------------------------------------

_FINITE_RE = re.compile(
    r"(?P<stem>.+?)(?:"
    r"(?P<progressive>moqdalar|moqda|yapti|yaptilar)"
    r"|(?P<present>aydilar|aydi|ydilar|ydi|adilar|adi)"
    r"|(?P<past>dilar|di)"
    r")$"
)
# Past -di after these letters is a verb (keldi, imzolandi, oshirdi, ketdi, yozdi, chiqdi).
_PAST_AFTER = frozenset("lnrtzqksdh")


def _strip_finite(word: str) -> str | None:
    match = _FINITE_RE.match(word)
    if match is None:
        return None
    stem = match.group("stem")
    if match.group("progressive"):
        return _strip_passive(stem) if _long_enough(stem, 2) else None
    if match.group("present"):
        ending = match.group("present")
        if ending.startswith("a"):
            return _strip_present_a(word, stem)
        # -ydi after a vowel stem: ishlaydi → ishla
        return _strip_passive(stem) if _ends_with_vowel(stem) and _long_enough(stem) else None
    # past -di
    if _ends_with_vowel(stem):
        # ishladi, boshladi, imzoladi: a -la verb; others (iqtisodi) are nouns
        if stem.endswith("la") and _long_enough(stem, 4):
            return stem
        return None
    if stem[-1] in _PAST_AFTER and _long_enough(stem, 2):
        return _strip_passive(stem)
    return None


def _strip_present_a(word: str, stem: str) -> str | None:
    """`-adi` after a consonant stem (oshiradi) or `-di` after a `-la` stem (ishladi)."""
    if not _ends_with_consonant(stem) or not _long_enough(stem, 2):
        return None
    if stem.endswith("l") and _letters(word) > 6 and not stem.endswith(("il", "in")):
        # boshladi, ishladi, imzoladi: the stem is the -la verb (but qiladi, keladi)
        return stem + "a"
    return _strip_passive(stem)


def _strip_passive(stem: str) -> str:
    """Passive -il/-in after a consonant stem, -n after a vowel (after a verb suffix only)."""
    if stem.endswith(("il", "in")) and _long_enough(stem[:-2], 2):
        base = stem[:-2]
        if _ends_with_consonant(base):
            return base
    if stem.endswith("n") and _ends_with_vowel(stem[:-1]) and _long_enough(stem[:-1]):
        return stem[:-1]
    return stem


# --- stages 2-5: nominal suffixes ---------------------------------------------------------


def _strip_case(word: str) -> str:
    for suffix in (
        "gacha",
        "qacha",
        "kacha",
        "dagi",
        "ning",
        "dir",
        "dan",
        "cha",
        "ni",
        "ga",
        "da",
    ):
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        minimum = 4 if suffix == "cha" else _MIN_LETTERS
        if not _long_enough(stem, minimum):
            return word
        if suffix == "ni":
            return _strip_accusative(word, stem)
        return stem
    for suffix, final in (("qa", "q"), ("ka", "k")):
        # dative after a final q/k: qishloqqa, tilakka (but boshqa, chekka are guarded)
        if word.endswith(suffix) and word[: -len(suffix)].endswith(final):
            stem = word[: -len(suffix)]
            if _long_enough(stem):
                return stem
    return word


def _strip_accusative(word: str, stem: str) -> str:
    """-ni, or a stem in -n plus the possessive -i (tomoni, mazmuni, qonuni)."""
    if stem.endswith(("o", "u")) and stem not in _VOWEL_FINAL_BEFORE_NI:
        return word[:-1]  # tomoni → tomon (the possessive stage sees no more -i)
    return stem


_POSSESSIVES = ("ingiz", "ngiz", "imiz", "miz", "lari", "si", "i")


def _strip_possessive(word: str) -> str:
    for suffix in _POSSESSIVES:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if not _long_enough(stem):
            return word
        if suffix in ("ngiz", "miz", "si"):
            if not _ends_with_vowel(stem):
                continue  # -si only after a vowel (shartnomasi); try -i
            if suffix == "si" and stem + "s" in _S_FINAL_BEFORE_I:
                return stem + "s"
            return stem
        if suffix == "i":
            if not _ends_with_consonant(stem) or stem.endswith("ch"):
                return word  # elchi, ishchi: the agent suffix -chi
            return stem
        if suffix == "lari":
            return stem + "lar"  # the plural stage takes -lar
        return stem
    return word


def _strip_plural(word: str) -> str:
    if word.endswith("lar") and _long_enough(word[:-3]):
        return word[:-3]
    return word


def _soften_back(stem: str, stripped_vowel_suffix: bool) -> str:
    """k/q written g/gʻ before a vowel suffix: hamkorligi → hamkorlik, qishlogʻi → qishloq."""
    if stem.endswith("lig"):
        return stem[:-1] + "k"
    if not stripped_vowel_suffix:
        return stem
    if stem.endswith("g" + _SIGN) and _letters(stem) >= 5 and stem[-3:-2] in _VOWELS:
        return stem[:-2] + "q"
    if stem.endswith("g") and _letters(stem) >= 5 and stem[-2:-1] in _VOWELS:
        return stem[:-1] + "k"
    return stem


# --- stage 6: non-finite verb forms -------------------------------------------------------

_NON_FINITE = ("ayotgan", "yotgan", "ganlik", "gan", "moqchi", "moq", "ish", "ash", "ib")


def _strip_non_finite(word: str) -> str:
    for suffix in _NON_FINITE:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if suffix == "ash":
            # after a vowel the verbal noun is -sh: imzolash → imzola (not tomosha, oʻxshash)
            return stem + "a" if stem.endswith("l") and _long_enough(stem, 4) else word
        if suffix in ("ish", "ib") and not _ends_with_consonant(stem):
            return word
        if not _long_enough(stem, 2) or (suffix == "gan" and not _long_enough(stem)):
            return word
        return _strip_passive(stem)
    return word


@lru_cache(maxsize=1 << 16)
def stem_uz(word: str) -> str:
    """The search key of one Uzbek Latin word: suffixes stripped, `-lig` → `-lik`.

    >>> stem_uz("hamkorligini"), stem_uz("munosabatlarning"), stem_uz("Qozogʻistonga")
    ('hamkorlik', 'munosabat', 'qozogʻiston')
    """
    word = word.lower().translate(_LOOSE_MARKS)
    if word in _GUARDS:
        return _GUARDS[word]
    if not word.isalpha() and not _is_word_with_signs(word):
        return word
    if _letters(word) <= _MIN_LETTERS:
        return word
    finite = _strip_finite(word)
    if finite is not None:
        return finite
    return _strip_nominal(word)


def _is_word_with_signs(word: str) -> bool:
    return word.replace(_SIGN, "").replace(_TUTUQ, "").isalpha()


def _strip_nominal(word: str) -> str:
    form = word
    for stage in (_strip_case, _strip_possessive, _strip_plural):
        if form in _GUARDS:
            return _GUARDS[form]
        form = stage(form)
    if form in _GUARDS:
        return _GUARDS[form]
    stripped_vowel_suffix = form != word and word[len(form) : len(form) + 1] in _VOWELS
    form = _soften_back(form, stripped_vowel_suffix)
    if form != word and form in _GUARDS:
        return _GUARDS[form]
    return _strip_non_finite(form)
