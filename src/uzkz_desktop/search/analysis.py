"""The one analysis used for indexing, querying and highlighting.

`analyse(text, language)` cuts the ORIGINAL text into tokens and gives each a search key:

1. the text is folded without changing its length where possible (apostrophes → ʻ/ʼ by
   context); when it is not NFC or carries zero-width characters, `canonical_with_offsets`
   maps every folded character back, so offsets always point into the original text;
2. a token is a run of letters and digits; ʻ and ʼ are letters, a hyphen splits, an English
   clitic (`’s`, `’ll`, `n’t`) is cut off and left out of the token's span;
3. each token gets a language from the excerpt's language and its own script (a Cyrillic
   word in an Uzbek Latin text is Russian unless it has ў қ ғ ҳ; a Latin word in a Russian
   text is English unless it has oʻ/gʻ/ʼ or a q);
4. the key: case-folded; Uzbek Cyrillic → Latin; a protected name (an entity of the
   thesaurus in any script, spelling or grammatical case) → the entity's fixed key;
   otherwise Uzbek → `stem_uz`, Russian → Snowball (+ a few fleeting-vowel nouns),
   English → Snowball, Kazakh → as it is; finally the Uzbek ʻ and ʼ are dropped, so the
   key is "loose" and `qozogiston` (typed without apostrophe) finds `Qozogʻiston`.
   `exact` keeps the folded, unstemmed word (with ʻ/ʼ) for exact-match boosting.

Queries do not know their language: `query_variants` gives each query word's keys under
every language its script allows, and a document matches any of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from uzkz_desktop.search._lexicon import load_lexicon
from uzkz_desktop.text import canonical_with_offsets, detect_language, original_span
from uzkz_desktop.text.normalise import fold_apostrophes
from uzkz_desktop.text.stem import stem_uz
from uzkz_desktop.text.translit import cyrillic_to_latin

__all__ = [
    "ANALYSIS_VERSION",
    "Token",
    "analyse",
    "analysis_fingerprint",
    "entity_key",
    "entity_prefix_keys",
    "query_variants",
]

# Bump when anything below changes what is indexed: the index is then stale and rebuilt.
ANALYSIS_VERSION = "uzkz-analysis-4"

SIGN = "ʻ"  # U+02BB: oʻ, gʻ
TUTUQ = "ʼ"  # U+02BC


class Token(NamedTuple):
    """One word: its key, its span in the original text, its folded unstemmed form."""

    term: str
    start: int
    end: int
    exact: str


# --- tokenising ---------------------------------------------------------------------------

# Letters and digits (ʻ and ʼ are letters, category Lm); inner apostrophes that folding left
# alone (English clitics, foreign names) join pieces and are sorted out per token.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*")
_INNER_MARKS_RE = re.compile(r"['’‘`´]")
_CLITICS = frozenset({"s", "ll", "re", "ve", "d", "m", "t"})
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_UZBEK_CYRILLIC = frozenset("ўқғҳЎҚҒҲ")
_UZBEK_ONLY_CYRILLIC = frozenset("ўҳЎҲ")
_KAZAKH_CYRILLIC = frozenset("әңөұүһіӘҢӨҰҮҺІ")
_UZBEK_LATIN_SIGNS_RE = re.compile(rf"[{SIGN}{TUTUQ}]|q(?!u)|x")
_LOOSE_TABLE = str.maketrans({SIGN: None, TUTUQ: None})
_EDGE_MARKS = frozenset((SIGN, TUTUQ))


def _fold(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, when folding changed lengths, the original index of each character."""
    if _INVISIBLE_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
        return fold_apostrophes(text), None
    folded, offsets = canonical_with_offsets(text)
    return folded, offsets


def _clean_token(word: str, start: int, end: int, folded: str) -> tuple[str, int, int] | None:
    """A token with marks in it: clitics cut off, stray signs at its edges dropped."""
    if _INNER_MARKS_RE.search(word):
        pieces = _INNER_MARKS_RE.split(word)
        if pieces[-1].lower() in _CLITICS:
            end -= len(pieces[-1]) + 1
            pieces.pop()
        word = folded[start:end] if len(pieces) == 1 else "".join(pieces)
    # a sign or tutuq opening a word is a quotation mark; one closing it is kept only for
    # gʻ/oʻ (bogʻ), never for the tutuq
    while word and word[0] in _EDGE_MARKS:
        word, start = word[1:], start + 1
    while word and (word[-1] == TUTUQ or (word[-1] == SIGN and word[-2:-1] not in "oOgG")):
        word, end = word[:-1], end - 1
    return (word, start, end) if word else None


def _plain(word: str) -> bool:
    return word.isalnum() and word[0] not in _EDGE_MARKS and word[-1] not in _EDGE_MARKS


def _word_spans(folded: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) in the folded text, clitics and stray edge marks cut off."""
    for match in _TOKEN_RE.finditer(folded):
        word = match.group()
        if _plain(word):
            yield word, match.start(), match.end()
            continue
        cleaned = _clean_token(word, match.start(), match.end(), folded)
        if cleaned is not None:
            yield cleaned


# What makes a token need `_clean_token`: a quote-like mark left by folding (a clitic, a
# quotation mark), or a sign/tutuq with no letter after it or none before it.
_QUOTE_LIKE_RE = re.compile("['’‘`´]")
_EDGE_SIGN_RE = re.compile(r"[ʻʼ](?:(?![^\W_])|(?<![^\W_][ʻʼ]))")


def _words(folded: str) -> list[str]:
    """The words of `_word_spans`, without their offsets (the indexing fast path)."""
    if _QUOTE_LIKE_RE.search(folded) is None and _EDGE_SIGN_RE.search(folded) is None:
        return _TOKEN_RE.findall(folded)
    return [word for word, _, _ in _word_spans(folded)]


# --- languages -------------------------------------------------------------------------

UZ, RU, KK, EN, NUM = "uz", "ru", "kk", "en", "num"


_UZ_LATIN = "uz-latn"  # an Uzbek text known to be in Latin script: its Cyrillic words are Russian


def _base_language(language: str | None) -> str:
    if not language:
        return "und"
    lowered = language.lower()
    if lowered.startswith("uz"):
        return _UZ_LATIN if lowered == _UZ_LATIN else UZ
    return lowered.split("-")[0]


def _word_language(word: str, base: str) -> str:
    """The analysis a word gets, from the text's language and the word's own script."""
    if word.isdigit():
        return NUM
    if _CYRILLIC_RE.search(word):
        letters = set(word)
        if letters & _KAZAKH_CYRILLIC:
            return KK
        if base == KK:
            return UZ if letters & _UZBEK_ONLY_CYRILLIC else KK
        if base == UZ or letters & _UZBEK_CYRILLIC:
            return UZ
        return RU  # also in an Uzbek Latin text: a quotation, a Russian title
    if base in (UZ, _UZ_LATIN):
        return UZ
    if base == EN:
        return EN
    return UZ if _UZBEK_LATIN_SIGNS_RE.search(word.lower()) else EN


# --- keys -----------------------------------------------------------------------------------

_RUSSIAN = Stemmer.Stemmer("russian")
_ENGLISH = Stemmer.Stemmer("english")

# Russian nouns whose Snowball stems differ between the nominative and the other cases
# (fleeting vowel, or a final -ит read as a verb ending), mapped to one key.
_RUSSIAN_KEYS: dict[str, str] = {
    **dict.fromkeys(
        ["посол", "посла", "послу", "послом", "послы", "послов", "послам", "послами", "послах"],
        "посол",
    ),
    **dict.fromkeys(
        ["день", "дня", "дню", "днем", "днём", "дни", "дней", "дням", "днями", "днях"], "день"
    ),
    **{
        word: word
        for word in ["визит", "саммит", "транзит", "кредит", "депозит", "лимит", "дефицит"]
    },
}
_RUSSIAN_NAME_ENDINGS = (
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ом", "ем", "ой", "ей", "ою",
    "ею", "ам", "ям", "ах", "ях", "ым", "им", "а", "я", "у", "ю", "е", "ы", "и",
)  # fmt: skip
_KAZAKH_NAME_ENDINGS = (
    "ның", "нің", "дың", "дің", "тың", "тің", "дағы", "дегі", "тағы", "тегі", "дан", "ден",
    "тан", "тен", "нан", "нен", "мен", "бен", "пен", "ға", "ге", "қа", "ке", "на", "не",
    "да", "де", "та", "те", "ды", "ді", "ты", "ті", "ны", "ні", "ын", "ін", "сы", "сі", "ы",
    "і", "а", "е",
)  # fmt: skip
_UZBEK_NAME_SUFFIXES: tuple[str, ...] = (
    "liklarning",
    "liklar",
    "likning",
    "likka",
    "likni",
    "lik",
    "dagi",
    "ning",
    "dan",
    "gacha",
    "ni",
    "ga",
    "da",
    "ka",
    "qa",
    "i",
    "si",
)
_ENGLISH_NAME_SUFFIXES: tuple[str, ...] = ("s", "es", "i", "an", "ian")
_CYRILLIC_FINAL_VOWELS = frozenset("аяйьоеыиуюё")


def _loose(word: str) -> str:
    return word.translate(_LOOSE_TABLE)


def _cyrillic_name_form(word: str) -> str:
    """Russian/Kazakh name form: ё → е and one final vowel, й or ь dropped (Астана → астан)."""
    word = word.replace("ё", "е")
    if len(word) > 3 and word[-1] in _CYRILLIC_FINAL_VOWELS:
        return word[:-1]
    return word


@dataclass(frozen=True)
class _NameTables:
    latin: dict[str, str]  # loose Latin form → entity key
    cyrillic: dict[str, str]  # Cyrillic name form → entity key


def _name_word(name: str) -> str | None:
    """The single folded word of a name, or None when the name has several words."""
    words = [
        word for word, _, _ in _word_spans(fold_apostrophes(unicodedata.normalize("NFC", name)))
    ]
    return words[0].casefold() if len(words) == 1 else None


@lru_cache(maxsize=1)
def _name_tables() -> _NameTables:
    latin: dict[str, str] = {}
    cyrillic: dict[str, str] = {}
    for entity in load_lexicon().entities:
        for name in entity.names:
            word = _name_word(name)
            if word is None:
                continue
            if _CYRILLIC_RE.search(word):
                cyrillic.setdefault(_cyrillic_name_form(word), entity.key)
                if not set(word) & _KAZAKH_CYRILLIC:
                    latin.setdefault(_loose(cyrillic_to_latin(word).casefold()), entity.key)
            else:
                latin.setdefault(_loose(word), entity.key)
        if entity.names:
            latin.setdefault(_loose(entity.key.replace("-", "")), entity.key)
    return _NameTables(latin=latin, cyrillic=cyrillic)


def analysis_fingerprint() -> str:
    """Changes whenever indexing would produce other keys: version + protected names."""
    return f"{ANALYSIS_VERSION}:{load_lexicon().fingerprint}"


def _latin_name(word: str, language: str) -> str | None:
    table = _name_tables().latin
    loose = _loose(word)
    key = table.get(loose)
    if key is not None:
        return key
    if language == UZ:
        key = table.get(_loose(stem_uz(word)))
        if key is not None:
            return key
        suffixes = _UZBEK_NAME_SUFFIXES
    else:
        suffixes = _ENGLISH_NAME_SUFFIXES
    for suffix in suffixes:
        if loose.endswith(suffix) and len(loose) - len(suffix) >= 3:
            key = table.get(loose[: -len(suffix)])
            if key is not None:
                return key
    return None


def _cyrillic_name(word: str, language: str) -> str | None:
    table = _name_tables().cyrillic
    key = table.get(_cyrillic_name_form(word))
    if key is not None:
        return key
    endings = _KAZAKH_NAME_ENDINGS if language == KK else _RUSSIAN_NAME_ENDINGS
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            key = table.get(_cyrillic_name_form(word[: -len(ending)]))
            if key is not None:
                return key
    return None


def entity_prefix_keys(prefix: str) -> tuple[str, ...]:
    """Entity keys with a name that starts with `prefix` (`Toshk` → tashkent)."""
    folded = fold_apostrophes(unicodedata.normalize("NFC", prefix)).casefold()
    if len(folded) < 3:
        return ()
    tables = _name_tables()
    found: dict[str, None] = {}
    if _CYRILLIC_RE.search(folded):
        cyrillic = folded.replace("ё", "е")
        found.update(dict.fromkeys(v for k, v in tables.cyrillic.items() if k.startswith(cyrillic)))
        if not set(folded) & _KAZAKH_CYRILLIC:
            latin = _loose(cyrillic_to_latin(folded).casefold())
            found.update(dict.fromkeys(v for k, v in tables.latin.items() if k.startswith(latin)))
    else:
        latin = _loose(folded)
        found.update(dict.fromkeys(v for k, v in tables.latin.items() if k.startswith(latin)))
    return tuple(found)


def entity_key(word: str, language: str | None = None) -> str | None:
    """The entity key a single word stands for (any script, spelling or case), if any."""
    spans = list(_word_spans(fold_apostrophes(unicodedata.normalize("NFC", word))))
    if len(spans) != 1:
        return None
    folded = spans[0][0]
    if language is not None:
        return _key(folded, _word_language(folded, _base_language(language)))[2]
    for candidate in _plausible_languages(folded):
        name = _key(folded, candidate)[2]
        if name is not None:
            return name
    return None


@lru_cache(maxsize=1 << 18)
def _key(word: str, language: str) -> tuple[str, str, str | None]:
    """(term, exact, entity key or None) of one folded word analysed as `language`."""
    lower = word.casefold()
    if "İ" in word or not lower.isascii():
        lower = unicodedata.normalize("NFC", lower)
    if language == NUM:
        return lower, lower, None
    if language == UZ:
        latin = cyrillic_to_latin(lower) if _CYRILLIC_RE.search(lower) else lower
        name = _latin_name(latin, UZ)
        if name is not None:
            return name, latin, name
        return _loose(stem_uz(latin)), latin, None
    if language == EN:
        name = _latin_name(lower, EN)
        if name is not None:
            return name, lower, name
        if not lower.isalnum():
            return _loose(lower), lower, None
        return _ENGLISH.stemWord(lower), lower, None
    if language == RU:
        lower = lower.replace("ё", "е")
        name = _cyrillic_name(lower, RU)
        if name is not None:
            return name, lower, name
        fixed = _RUSSIAN_KEYS.get(lower)
        if fixed is not None:
            return fixed, lower, None
        if not _CYRILLIC_RE.search(lower):
            return lower, lower, None
        return _RUSSIAN.stemWord(lower), lower, None
    # Kazakh: no stemmer; names are still protected
    name = _cyrillic_name(lower, KK)
    if name is not None:
        return name, lower, name
    return lower, lower, None


@lru_cache(maxsize=1 << 17)
def _key_in(word: str, base: str) -> tuple[str, str, str | None]:
    """`_key` of a word found in a text whose base language is `base`."""
    return _key(word, _word_language(word, base))


def analyse(text: str, language: str | None = None) -> list[Token]:
    """Tokens of `text` with offsets into `text` itself.

    `language` is a tag from `detect_language` (`uz-Latn`, `uz-Cyrl`, `ru`, `en`, `kk`,
    `und`); None detects it from the text.
    """
    if not text:
        return []
    if language is None:
        language = detect_language(text)
    base = _base_language(language)
    folded, offsets = _fold(text)
    tokens: list[Token] = []
    for word, start, end in _word_spans(folded):
        term, exact, _ = _key_in(word, base)
        if offsets is not None:
            start, end = original_span(text, offsets, start, end)
        tokens.append(Token(term, start, end, exact))
    return tokens


_TERM_CACHES: dict[str, dict[str, str]] = {}
_TERM_CACHE_LIMIT = 1 << 17  # words per language; the cache starts over beyond


def analyse_terms(text: str, language: str | None = None) -> list[str]:
    """Only the keys of `analyse(text, language)`, in order (the indexing fast path)."""
    if not text:
        return []
    if language is None:
        language = detect_language(text)
    base = _base_language(language)
    cache = _TERM_CACHES.get(base)
    if cache is None or len(cache) > _TERM_CACHE_LIMIT:
        cache = _TERM_CACHES[base] = {}
    terms = []
    for word in _words(_fold(text)[0]):
        term = cache.get(word)
        if term is None:
            term = cache[word] = _key_in(word, base)[0]
        terms.append(term)
    return terms


def _plausible_languages(word: str) -> tuple[str, ...]:
    if word.isdigit():
        return (NUM,)
    if _CYRILLIC_RE.search(word):
        if set(word) & _KAZAKH_CYRILLIC:
            return (KK,)
        if set(word) & _UZBEK_CYRILLIC:
            return (UZ,)
        return (RU, UZ, KK)
    if SIGN in word or TUTUQ in word:
        return (UZ,)
    if _UZBEK_LATIN_SIGNS_RE.search(word.lower()):
        return (UZ, EN)
    return (EN, UZ)


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One query word: its span in the query and its keys under every plausible language."""

    start: int
    end: int
    terms: tuple[str, ...]  # distinct keys, the most likely language first
    exacts: tuple[str, ...]
    entity: str | None
    text: str  # the folded word as typed (for prefix and fuzzy matching)
    raw: str  # the word exactly as it stands in the query


def query_variants(text: str) -> list[QueryWord]:
    """The words of a query string, each with its keys in every language its script allows."""
    folded, offsets = _fold(text)
    words: list[QueryWord] = []
    for word, start, end in _word_spans(folded):
        terms: list[str] = []
        exacts: list[str] = []
        entity = None
        for language in _plausible_languages(word):
            term, exact, name = _key(word, language)
            if name is not None:
                entity = entity or name
            if term not in terms:
                terms.append(term)
            if exact not in exacts:
                exacts.append(exact)
        if entity is not None:
            terms = [entity]  # a name is a name in every language
        if offsets is not None:
            start, end = original_span(text, offsets, start, end)
        words.append(
            QueryWord(start, end, tuple(terms), tuple(exacts), entity, word, text[start:end])
        )
    return words
