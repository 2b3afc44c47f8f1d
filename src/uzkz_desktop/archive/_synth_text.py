"""Text for the synthetic archive: real corpus sentences, date phrases in four languages.

Sentences come from `resources/corpus/*.txt`: lines are joined into one text per file
(headings, page footers, links and the reference list dropped), split with
`split_sentences`, and kept when they look like prose in Uzbek (Latin or Cyrillic),
Russian or English. Their apostrophes are left as the files have them (‘ ’ ' „ ‟ ʻ).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from uzkz_desktop.text import detect_language, latin_to_cyrillic, split_sentences

LANGUAGES = ("uz-Latn", "uz-Cyrl", "ru", "en")

_END_OF_BODY = re.compile(r"ADABIYOTLAR RO.YXATI|адабиётлар рўйхати|^references\b", re.I)
_JUNK_LINE = re.compile(r"https?:|www\.|@|pedagoglar\.org|Sahifa:|^\s*#|^\s*\d+\s*$|\]\(")
_LABEL = re.compile(
    r"^(?:ANNOTATSIYA|Annotatsiya|Аннотация|Abstract|ABSTRACT|Абстракт|KIRISH)\s*:?\s*"
)
_NOT_PROSE = re.compile(
    r"^(?:Kalit|Keywords|Ключевые|Калит|[–—-]|\d)|https?:|URL|\[|Electronic|Available at"
    r"|\(\d{4}\)"
)
_YEAR = re.compile(r"(?<![\d.])(?:199\d|20[0-3]\d)(?!\d)")
# The year with the words that make it a date phrase: "2019-yilda", "2019 йил", "2019 года".
_YEAR_PHRASE = re.compile(
    r"(?<![\d.])(?:199\d|20[0-3]\d)(?!\d)"
    r"(?:\s?-\s?yil\w*|\s+yil\w*|-йил\w*|\s+йил\w*|\s+год\w*|\s+г\.)?"
)
_WORD = re.compile(r"[^\W\d_][\w‘’'ʻʼ„‟-]*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A corpus sentence ready to be dated: `head` is the text with its first letter
    lowered when that letter starts an ordinary word (so a date phrase can go before it).
    When the sentence names exactly one year, `before`/`after` surround that year's
    phrase and `year_tail` is what follows the digits in it ("-yilda", " года")."""

    text: str
    head: str
    language: str
    category: str
    before: str | None = None
    year_tail: str = ""
    after: str = ""


def _body_lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip().replace("**", "").replace("*", "")
        if _END_OF_BODY.search(line):
            break
        if not line or _JUNK_LINE.search(line):
            continue
        letters = [c for c in line if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            continue  # a heading
        lines.append(line)
    return lines


def _join_lines(lines: list[str]) -> str:
    """Join PDF lines: 'ham-' + 'korlik' -> 'hamkorlik', '1991-' + 'yildan' -> '1991-yildan'."""
    parts: list[str] = []
    for line in lines:
        if parts and parts[-1].endswith("-") and line[:1].islower():
            previous = parts.pop()
            parts.append((previous if previous[-2:-1].isdigit() else previous[:-1]) + line)
        else:
            parts.append(line)
    return re.sub(r"\s+", " ", " ".join(parts))


def _prose(sentence: str) -> bool:
    words = sentence.split()
    return (
        50 <= len(sentence) <= 420
        and len(words) >= 7
        and sentence[-1] in ".!?…"
        and not _NOT_PROSE.search(sentence)
        and sum(w[:1].isupper() for w in words) * 2 < len(words)  # not a title
    )


@dataclass(frozen=True, slots=True)
class _Keyword:
    stem: str
    weight: float


def _fold(text: str) -> str:
    return re.sub(r"[‘’'ʻʼ„‟`´]", "", text.lower())


def _category_keywords(resources: Path) -> dict[str, tuple[float, dict[str, list[_Keyword]]]]:
    path = resources / "categories.toml"
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table: dict[str, tuple[float, dict[str, list[_Keyword]]]] = {}
    for category in data.get("category", []):
        keywords = {
            language: [
                _Keyword(_fold(key.rstrip("+=")), float(weight)) for key, weight in words.items()
            ]
            for language, words in category.get("keywords", {}).items()
        }
        table[category["id"]] = (float(category.get("specificity", 1.0)), keywords)
    return table


def _classify(
    sentence: str, language: str, keywords: dict[str, tuple[float, dict[str, list[_Keyword]]]]
) -> str:
    """A crude keyword score (substring stems); 'diplomacy' when nothing matches."""
    folded = _fold(sentence)
    best, best_score = "diplomacy", 0.0
    for category, (specificity, by_language) in keywords.items():
        score = specificity * sum(
            k.weight for k in by_language.get(language, []) if k.stem and k.stem in folded
        )
        if score > best_score:
            best, best_score = category, score
    return best


def _proper_words(texts: list[str]) -> frozenset[str]:
    """Capitalised words the corpus writes after a small letter or a comma: names."""
    proper: set[str] = set()
    for text in texts:
        for word in _WORD.finditer(text):
            before = text[max(word.start() - 2, 0) : word.start()]
            if (
                word.group()[0].isupper()
                and len(before) == 2
                and before[1] == " "
                and (before[0].islower() or before[0] == ",")
            ):
                proper.add(word.group())
    return frozenset(proper)


def _head(sentence: str, proper: frozenset[str], ordinary: frozenset[str]) -> str:
    """The sentence with its first letter lowered (a date phrase goes before it), unless
    the first word is an acronym, a name, or the start of one (`Markaziy Osiyo`)."""
    first = _WORD.match(sentence)
    if first is None:
        return sentence
    word = first.group()
    lowered = word[0].lower() + word[1:]
    following = _WORD.match(sentence, first.end() + 1)
    if (
        word[0].isupper()
        and word[1:] == word[1:].lower()
        and (word not in proper or lowered in ordinary)
        and not (following and following.group()[0].isupper())
    ):
        return lowered + sentence[len(word) :]
    return sentence


def load_sentences(resources: Path) -> list[Sentence]:
    """The corpus sentences, in file order (deterministic)."""
    keywords = _category_keywords(resources)
    texts = [
        _join_lines(_body_lines(path.read_text(encoding="utf-8")))
        for path in sorted((resources / "corpus").glob("*.txt"))
    ]
    proper = _proper_words(texts)
    ordinary = frozenset(w for text in texts for w in _WORD.findall(text) if w[0].islower())
    found: list[Sentence] = []
    seen: set[str] = set()
    for text in texts:
        for start, end in split_sentences(text):
            sentence = _LABEL.sub("", text[start:end]).strip()
            if not _prose(sentence) or sentence in seen:
                continue
            language = detect_language(sentence)
            if language not in LANGUAGES:
                continue
            seen.add(sentence)
            head = _head(sentence, proper, ordinary)
            category = _classify(sentence, language, keywords)
            years = set(_YEAR.findall(head))
            phrase = _YEAR_PHRASE.search(head) if len(years) == 1 else None
            if phrase is None:
                found.append(Sentence(sentence, head, language, category))
            else:
                found.append(
                    Sentence(
                        sentence, head, language, category,
                        before=head[: phrase.start()],
                        year_tail=phrase.group()[4:],
                        after=head[phrase.end() :],
                    )
                )  # fmt: skip
    return found


def category_labels(resources: Path) -> dict[str, dict[str, str]]:
    """{category: {language: label}} from categories.toml (Cyrillic made from the Latin)."""
    path = resources / "categories.toml"
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    labels: dict[str, dict[str, str]] = {}
    for category in data.get("category", []):
        uz = category.get("label_uz", category["id"])
        labels[category["id"]] = {
            "uz-Latn": uz,
            "uz-Cyrl": latin_to_cyrillic(uz),
            "ru": category.get("label_ru", category["id"]),
            "en": category.get("label_en", category["id"]),
        }
    return labels


# -- date phrases ------------------------------------------------------------------------------

_UZ_MONTHS = [
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avgust",
    "sentabr",
    "oktabr",
    "noyabr",
    "dekabr",
]
_UZC_MONTHS = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
_RU_GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
_RU_PREPOSITIONAL = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
]
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Phrase kinds.
DAY, MONTH, YEAR, APPROX_YEAR, DAY_PERIOD, YEAR_PERIOD, HALF_YEAR = range(7)


def _uz_day(d: date) -> str:
    return f"{d.year}-yil {d.day}-{_UZ_MONTHS[d.month - 1]}"


def _uzc_day(d: date) -> str:
    return f"{d.year} йил {d.day} {_UZC_MONTHS[d.month - 1]}"


def _ru_day(d: date) -> str:
    return f"{d.day} {_RU_GENITIVE[d.month - 1]} {d.year} года"


def _en_day(d: date) -> str:
    return f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"


@lru_cache(maxsize=200_000)
def date_phrase(language: str, kind: int, start_day: int, end_day: int) -> str:
    """How a source in `language` dates something: '2019-yil 14-aprel kuni', 'В 2019 году'.

    Days are date.toordinal() numbers. Russian and English phrases open a sentence (a
    comma follows them); Uzbek ones are followed by the sentence directly.
    """
    start, end = date.fromordinal(start_day), date.fromordinal(end_day)
    y, m = start.year, start.month - 1
    if language == "uz-Latn":
        return (
            f"{_uz_day(start)} kuni",
            f"{y}-yil {_UZ_MONTHS[m]} oyida",
            f"{y}-yilda",
            f"taxminan {y}-yilda",
            f"{_uz_day(start)}dan {_uz_day(end)}gacha",
            f"{y}–{end.year}-yillarda",
            f"{y}-yil yanvar–iyun oylarida",
        )[kind]
    if language == "uz-Cyrl":
        return (
            f"{_uzc_day(start)} куни",
            f"{y} йил {_UZC_MONTHS[m]} ойида",
            f"{y} йилда",
            f"тахминан {y} йилда",
            f"{_uzc_day(start).rstrip('ь')}дан {_uzc_day(end).rstrip('ь')}гача",
            f"{y}–{end.year} йилларда",
            f"{y} йил январь–июнь ойларида",
        )[kind]
    if language == "ru":
        return (
            _ru_day(start),
            f"В {_RU_PREPOSITIONAL[m]} {y} года",
            f"В {y} году",
            f"Около {y} года",
            f"С {_ru_day(start)} по {_ru_day(end)}",
            f"В {y}–{end.year} годах",
            f"В январе–июне {y} года",
        )[kind]
    return (
        f"On {_en_day(start)}",
        f"In {_EN_MONTHS[m]} {y}",
        f"In {y}",
        f"Around {y}",
        f"From {_en_day(start)} to {_en_day(end)}",
        f"In {y}–{end.year}",
        f"In January–June {y}",
    )[kind]


def dated(sentence: Sentence, phrase: str, year: int, *, replace_only: bool) -> tuple[str, str]:
    """(text, date_text): the sentence dated to the event.

    A sentence naming exactly one year gets the event's year instead; with `replace_only`
    (a year-precision event) that is the whole dating, otherwise the date phrase is put
    in front as well.
    """
    head = sentence.head
    if sentence.before is not None:
        head = f"{sentence.before}{year}{sentence.year_tail}{sentence.after}"
        if replace_only:
            return head[:1].upper() + head[1:], f"{year}{sentence.year_tail}"
    separator = " " if sentence.language.startswith("uz") else ", "
    return f"{phrase}{separator}{head}", phrase


def number_text(value: float, decimals: int, language: str) -> str:
    """'3,4' / '3.4'; thousands grouped ('12 500', '12,500')."""
    text = f"{value:,.{decimals}f}"
    if language == "en":
        return text
    return text.replace(",", " ").replace(".", ",")
