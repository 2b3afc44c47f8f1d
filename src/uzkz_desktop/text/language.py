"""Which language a paragraph is in: Uzbek (Latin or Cyrillic), Russian, Kazakh or English.

A small scorer, not a statistical model: the script with more letters decides the branch,
then each language collects points from its function words, its own letters and its
typical word endings. Tags are BCP 47: `uz-Latn`, `uz-Cyrl`, `ru`, `kk`, `en`; `und` when
there is nothing to go on (no letters, or no evidence at all).

Evidence, per word:

* Cyrillic: ў and ҳ are Uzbek; ә ң ө ұ ү һ і are Kazakh; қ and ғ count for both; щ, ы and ь
  lean Russian; function words (ва, билан, ҳамда, учун / и, в, на, что, года / және, мен,
  жылы) and endings (-лар, -нинг, -ган / -ого, -ых, -ться) do the rest, which is how Uzbek
  Cyrillic written without ў қ ғ ҳ is still recognised.
* Latin: oʻ/gʻ, the tutuq and a q not followed by u are Uzbek; c (not in ch), w and th are
  English; function words (va, bilan, uchun / the, and, of) and endings (-lar, -ning, -dagi /
  -tion, -ing) do the rest.

URLs, e-mail addresses and domains are ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from uzkz_desktop.text._apostrophes import fold_apostrophes
from uzkz_desktop.text._patterns import APOSTROPHE, TURNED_COMMA, blank_protected

__all__ = ["LANGUAGES", "detect_language", "paragraph_languages"]

LANGUAGES = ("uz-Latn", "uz-Cyrl", "ru", "en", "kk", "und")

_WORD_RE = re.compile(r"[^\W\d_]+")  # ʻ and ʼ are letters (Lm), so oʻzbek is one word
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")

_FUNCTION_WORD_POINTS = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UZBEK_CYRILLIC_WORDS = _words(
    """ва билан учун ҳамда ҳам бу эса бир икки йил йилда йилдан каби орқали бўйича ўртасидаги
    ўртасида мазкур ушбу шу деб эди эмас ёки лекин аммо бироқ ҳар барча бўлиб бўлди бўлган
    қилиш этиш этди керак мумкин ўзаро томонидан асосида ҳақида кейин сўнг янги катта муҳим
    қилиб қилади этади уларнинг унинг биз улар нафақат балки шунингдек хусусан жумладан
    масалан яъни бошқа доирасида сифатида халқаро иқтисодий сиёсий ва ҳамкорлик борди
    бўйича ташриф"""
)
_RUSSIAN_WORDS = _words(
    """и в на с по что не как для от к о об из за это года году год также между после при
    был была были является который которая которые или но а же так его ее её их они он она
    мы все уже только будет стали во со до под над без через том этом этого того время
    отношения отношений сотрудничества страны странами развития рамках таких ключевые
    слова работе"""
)
_KAZAKH_WORDS = _words(
    """және мен бен пен бұл осы үшін деп жылы жылғы бойынша арасындағы арасында туралы
    болды болып екі бір сондай-ақ қазақстан өзбекстан республикасы президенті ел елдер
    елдің кездесу кездесті ынтымақтастық ынтымақтастығы мемлекет мемлекеттер олар ол біз
    сол тағы қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша
    желтоқсан"""
)
_UZBEK_LATIN_WORDS = _words(
    f"""va bilan uchun hamda ham bu esa bir ikki yil yilda yildan kabi orqali boʻyicha
    oʻrtasidagi oʻrtasida mazkur ushbu shu deb edi emas yoki lekin ammo biroq har barcha
    boʻlib boʻldi boʻlgan qilish etish etdi kerak mumkin oʻzaro tomonidan asosida haqida
    keyin soʻng yangi katta muhim qilib qiladi etadi ularning uning biz ular nafaqat balki
    shuningdek xususan jumladan masalan ya{APOSTROPHE}ni boshqa doirasida sifatida xalqaro
    iqtisodiy siyosiy hamkorlik kirish xulosa annotatsiya natijalar muhokama adabiyotlar
    metodologiya tahlil kalit"""
)
_ENGLISH_WORDS = _words(
    """the and of in to a an is are was were be been for on with as by that this these from
    between which its it has have had at or not their both also such than into through
    during after over about will can may more other abstract keywords introduction
    conclusion references results discussion accessed available"""
)

_UZBEK_CYRILLIC_ENDING = re.compile(
    r"(?:лар|ларни|лари|нинг|даги|ган|моқда|лик|лиги|ликни|миз|ингиз|ади|ди|ида|идан|ига|ини"
    r"|га|да|дан)$"
)
_RUSSIAN_ENDING = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ых|ая|яя|ое|ее|ые|ие|ться|тся|ение|ения|ений|ости|ость|ует"
    r"|уют|ают|ются|ции|ция)$"
)
_KAZAKH_ENDING = re.compile(r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ды|ді|ты|ті|сы|сі)$")
_UZBEK_LATIN_ENDING = re.compile(
    r"(?:lar|larni|lari|ning|dagi|gan|moqda|lik|ligi|likni|miz|ingiz|di|adi|ni|ga|da|dan"
    r"|sini|siga|sida|iy)$"
)
_ENGLISH_ENDING = re.compile(r"(?:tion|tions|sion|ing|ings|ed|ly|ity|ness)$")

_KAZAKH_LETTERS = frozenset("әңөұүһі")
_UZBEK_LETTERS = frozenset("ўҳ")
_SHARED_LETTERS = frozenset("қғ")
_UZBEK_LATIN_SIGN_RE = re.compile(rf"[og]{TURNED_COMMA}|[^\W\d_]{APOSTROPHE}[^\W\d_]|q(?!u)")
_ENGLISH_LETTERS_RE = re.compile(r"c(?!h)|w|th")


# A word's evidence: points for uz-Cyrl, ru, kk, uz-Latn, en, then its Cyrillic and Latin
# letter counts. Cached, because prose repeats its words.
_WordEvidence = tuple[int, int, int, int, int, int, int]
_CYRILLIC_LANGUAGES = ("uz-Cyrl", "ru", "kk")
_LATIN_LANGUAGES = ("uz-Latn", "en")


def _cyrillic_evidence(word: str) -> tuple[int, int, int]:
    letters = set(word)
    kazakh = bool(letters & _KAZAKH_LETTERS)
    shared = bool(letters & _SHARED_LETTERS)
    uzbek = (
        _FUNCTION_WORD_POINTS * (word in _UZBEK_CYRILLIC_WORDS)
        + 2 * bool(letters & _UZBEK_LETTERS)
        + (shared and not kazakh)
        + bool(_UZBEK_CYRILLIC_ENDING.search(word))
    )
    russian = (
        _FUNCTION_WORD_POINTS * (word in _RUSSIAN_WORDS)
        + 2 * ("щ" in letters)
        + ("ы" in letters)
        + ("ь" in letters)
        + bool(_RUSSIAN_ENDING.search(word))
    )
    kazakh_points = (
        _FUNCTION_WORD_POINTS * (word in _KAZAKH_WORDS)
        + 3 * kazakh
        + shared
        + bool(_KAZAKH_ENDING.search(word))
    )
    return uzbek, russian, kazakh_points


def _latin_evidence(word: str) -> tuple[int, int]:
    uzbek = (
        _FUNCTION_WORD_POINTS * (word in _UZBEK_LATIN_WORDS)
        + 2 * bool(_UZBEK_LATIN_SIGN_RE.search(word))
        + bool(_UZBEK_LATIN_ENDING.search(word))
    )
    english = (
        _FUNCTION_WORD_POINTS * (word in _ENGLISH_WORDS)
        + 2 * bool(_ENGLISH_LETTERS_RE.search(word))
        + (bool(_ENGLISH_ENDING.search(word)) and not word.endswith("ning"))
    )
    return uzbek, english


@lru_cache(maxsize=1 << 16)
def _word_evidence(word: str) -> _WordEvidence:
    if _CYRILLIC_RE.match(word):
        return (*_cyrillic_evidence(word), 0, 0, len(word), 0)
    if _LATIN_RE.match(word):
        return (0, 0, 0, *_latin_evidence(word), 0, len(word))
    return (0, 0, 0, 0, 0, 0, 0)


def _best(languages: tuple[str, ...], points: list[int]) -> str:
    """Most points; ties go to the earlier language (Uzbek first). No points at all → und."""
    best = max(range(len(languages)), key=points.__getitem__)
    return languages[best] if points[best] > 0 else "und"


def detect_language(text: str) -> str:
    """One of `LANGUAGES` for `text` (best on a paragraph; a few words are enough)."""
    words = _WORD_RE.findall(fold_apostrophes(blank_protected(text)).lower())
    if not words:
        return "und"
    totals = [sum(column) for column in zip(*map(_word_evidence, words), strict=True)]
    cyrillic_letters, latin_letters = totals[5], totals[6]
    if not cyrillic_letters and not latin_letters:
        return "und"
    if cyrillic_letters > latin_letters:
        return _best(_CYRILLIC_LANGUAGES, totals[0:3])
    return _best(_LATIN_LANGUAGES, totals[3:5])


_LINE_RE = re.compile(r"[^\n]+")


def paragraph_languages(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, language)` for each paragraph of `text`.

    A paragraph is one line: every newline ends one, and blank lines are skipped. This suits
    both the cleaned-up text (one paragraph per line) and raw PDF text, where a block of
    lines can switch language (an abstract, a footnote). Spans exclude the surrounding
    whitespace; `end` is exclusive.
    """
    spans: list[tuple[int, int, str]] = []
    for line in _LINE_RE.finditer(text):
        content = line.group()
        stripped = content.strip()
        if not stripped:
            continue
        start = line.start() + len(content) - len(content.lstrip())
        spans.append((start, start + len(stripped), detect_language(stripped)))
    return spans
