"""Realistic synthetic events for benchmarks: real corpus sentences, varied metadata.

Sentences come from `resources/corpus/*.txt` (Uzbek Latin with every apostrophe glyph, Uzbek
Cyrillic, the Russian and English abstracts), cut with `split_sentences`. The corpus has
little Russian and English, so a small pool of domain sentences in those languages (written
for this generator, marked `_EXTRA_SENTENCES`) is mixed in. Deterministic for a seed.

Each event: 1–3 excerpts (60/30/10 %) of 1–3 contiguous sentences; half of the excerpts end
with a made-up "(Surname, year)" so the vocabulary keeps growing with N as in a real archive;
dates 1991–2027 (70 % one day, 20 % up to a month, 8 % up to a year, 2 % up to ten years);
one of 13 categories, 0–3 Zipf-weighted tags of 60, 1 of 200 sources per excerpt.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.search.model import ExcerptText, IndexDoc
from uzkz_desktop.text import detect_language, split_sentences

__all__ = ["CATEGORIES", "TAGS", "corpus_sentences", "synthetic_docs"]

CATEGORIES = (
    "diplomacy", "economy", "investment", "culture", "parliament", "education", "tourism",
    "transport", "energy", "ecology", "health", "security", "law",
)  # fmt: skip
TAGS = (
    "trade/turnover", "trade/exports", "trade/imports", "agreement", "treaty",
    "treaty/friendship", "treaty/strategic-partnership", "strategic-partnership",
    "culture/abay", "culture/culture-days", "culture/navoi", "exhibition", "heads-of-state",
    "visit", "visit/state", "visit/ministerial", "foreign-ministers", "parliament/forum",
    "parliament/speakers", "parliament/road-map", "central-asia/multilateral", "sco", "cis",
    "investment/joint-projects", "investment/joint-ventures", "energy/electricity",
    "energy/gas", "water/syrdarya", "water/aral", "ecology/saiga", "transport/railway",
    "transport/border-crossing", "border/delimitation", "tourism/arrivals",
    "tourism/silk-road", "tourism/road-map", "education/universities", "science/think-tanks",
    "health/cooperation", "security/terrorism", "law/visa", "memorandum", "trilateral",
    "videoconference", "regional-cooperation", "foreign-policy", "industrial-cooperation",
    "agriculture", "cotton", "logistics", "customs", "migration", "media", "sports",
    "youth", "women", "archives", "history/soviet", "history/independence", "maktaaral",
)  # fmt: skip

_EXTRA_SENTENCES = (
    ("ru", "Посол Казахстана в Узбекистане вручил верительные грамоты президенту Мирзиёеву."),
    ("ru", "Товарооборот между Узбекистаном и Казахстаном в 2023 году превысил 4 млрд долларов."),
    ("ru", "Стороны обсудили строительство новой железной дороги и открытие пунктов пропуска."),
    ("ru", "Государственный визит Токаева в Ташкент завершился "
        "подписанием договора о союзничестве."),
    ("ru", "В Туркестане прошли дни культуры Узбекистана, посвящённые наследию Абая и Навои."),
    ("ru", "Соглашение о совместном использовании водных ресурсов Сырдарьи подписано в Астане."),
    ("ru", "Министры иностранных дел провели встречу на полях саммита ШОС в Самарканде."),
    ("ru", "Поставки электроэнергии из Казахстана выросли благодаря новой линии электропередачи."),
    ("ru", "Международный центр промышленной кооперации строится на границе двух стран."),
    ("ru", "Инвестиции казахстанских компаний в экономику Узбекистана достигли рекордного уровня."),
    ("ru", "Туристический поток между странами вырос после отмены визовых требований."),
    ("ru", "Парламентарии двух стран обсудили дорожную карту межпарламентского сотрудничества."),
    ("ru", "Сотрудничество в сфере образования включает открытие филиалов университетов."),
    ("ru", "Защита сайгаков стала темой меморандума между министерствами экологии."),
    ("en", "The ambassador of Uzbekistan presented his credentials "
        "to President Tokayev in Astana."),
    ("en", "Bilateral trade turnover reached a record level after the new railway opened."),
    ("en", "The state visit ended with a treaty on allied relations and a joint statement."),
    ("en", "Culture days of Kazakhstan were held in Tashkent, Samarkand and Bukhara."),
    ("en", "The two presidents discussed water sharing on the Syr Darya and the Aral Sea."),
    ("en", "A new border crossing point opened near Maktaaral to ease freight traffic."),
    ("en", "Kazakhstan's electricity exports to Uzbekistan grew under a trilateral agreement."),
    ("en", "Investors from both countries signed agreements on joint ventures worth billions."),
    ("en", "The foreign ministers met on the sidelines of the Central Asian summit."),
    ("en", "Tourism between the two countries grew after the Silk Road visa was introduced."),
    ("en", "Parliament speakers agreed on a road map for inter-parliamentary cooperation."),
    ("en", "Mirziyoyev and Tokayev opened the International Centre for Industrial Cooperation."),
    ("en", "Uzbekistan's universities opened branches in Almaty and Shymkent."),
    ("en", "A memorandum on saiga protection was signed by the environment ministries."),
)  # fmt: skip

_SYLLABLES = ("ka", "ri", "mo", "va", "tu", "sha", "be", "ko", "zi", "lo", "nu", "da", "yor")
_FIRST_DAY = date(1991, 1, 1).toordinal()
_LAST_DAY = date(2027, 12, 31).toordinal()
_MIN_CHARS, _MAX_CHARS = 40, 420
_TAG_WEIGHTS = [1.0 / (rank + 1) for rank in range(len(TAGS))]


@lru_cache(maxsize=1)
def corpus_sentences() -> tuple[tuple[str, str, str], ...]:
    """(sentence, language, source file stem) from the corpus, in document order."""
    found: list[tuple[str, str, str]] = []
    for path in sorted((resources_dir() / "corpus").glob("*.txt")):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        text = re.sub(r"[*#_]+", "", text)
        for start, end in split_sentences(text):
            sentence = text[start:end].strip()
            letters = sum(char.isalpha() for char in sentence)
            if _MIN_CHARS <= len(sentence) <= _MAX_CHARS and letters > len(sentence) // 2:
                found.append((sentence, detect_language(sentence), path.stem))
    for language, sentence in _EXTRA_SENTENCES:
        found.append((sentence, language, "extra"))
    return tuple(found)


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() + "ov"


def _span(rng: random.Random) -> tuple[int, int]:
    start = rng.randint(_FIRST_DAY, _LAST_DAY)
    roll = rng.random()
    if roll < 0.70:
        length = 0
    elif roll < 0.90:
        length = rng.randint(1, 30)
    elif roll < 0.98:
        length = rng.randint(31, 365)
    else:
        length = rng.randint(366, 3650)
    return start, min(start + length, _LAST_DAY)


def synthetic_docs(n_events: int, seed: int = 42) -> Iterator[IndexDoc]:
    """`n_events` events with ids 1..n_events (deterministic for `seed`)."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    entity_pool = ("uzbekistan", "kazakhstan", "tokayev", "mirziyoyev", "tashkent", "astana")
    excerpt_id = 0
    for event_id in range(1, n_events + 1):
        texts: list[ExcerptText] = []
        languages: list[str] = []
        sources: list[str] = []
        for _ in range(rng.choices((1, 2, 3), weights=(60, 30, 10))[0]):
            first = rng.randrange(len(sentences))
            count = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
            chosen = [s for s in sentences[first : first + count] if s[2] == sentences[first][2]]
            text = " ".join(sentence for sentence, _, _ in chosen)
            if rng.random() < 0.5:
                text += f" ({_surname(rng)}, {rng.randint(1991, 2027)})."
            language = chosen[0][1]
            source = f"src-{rng.randrange(200):03d}"
            excerpt_id += 1
            page = str(rng.randint(1, 400)) if rng.random() < 0.7 else None
            texts.append((excerpt_id, text, language, source, page))
            languages.append(language)
            sources.append(source)
        start, end = _span(rng)
        first_text = texts[0][1]
        title = " ".join(first_text.split()[: rng.randint(5, 10)]).rstrip(",.;:")
        yield IndexDoc(
            event_id=event_id,
            title=title,
            texts=tuple(texts),
            category=rng.choice(CATEGORIES),
            tags=tuple(sorted(set(rng.choices(TAGS, weights=_TAG_WEIGHTS, k=rng.randint(0, 3))))),
            start_day=start,
            end_day=end,
            year_start=date.fromordinal(start).year,
            year_end=date.fromordinal(end).year,
            source_keys=tuple(dict.fromkeys(sources)),
            languages=tuple(dict.fromkeys(languages)),
            entities=tuple(sorted(set(rng.sample(entity_pool, rng.randint(0, 2))))),
        )
