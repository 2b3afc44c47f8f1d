"""Event categories (labels, colours) and a keyword classifier for event sentences.

The data is `resources/categories.toml`; its header states the scoring rule and the
keyword syntax. In short: keywords are weighted stems in five languages, matched at word
starts in the folded sentence (the gazetteer's fold, so Cyrillic, Latin and every
apostrophe glyph meet); each category's sum is multiplied by its specificity (subjects
1.0, law 0.8, diplomacy 0.5), and the highest wins. A sentence with no keyword is
"diplomacy" with confidence FALLBACK_CONFIDENCE.

`categories()` reads only the `[[category]]` tables (ids, labels, colours: a fraction of a
millisecond); the keyword classifier (~100 ms to build) is made on the first `classify`
or `classify_scores`.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from uzkz_desktop.core.errors import UzkzError
from uzkz_desktop.core.paths import resources_dir

CATEGORIES_FILE = "categories.toml"
LANGUAGES = ("uz-Latn", "uz-Cyrl", "ru", "en", "kk")
FALLBACK = "diplomacy"
FALLBACK_CONFIDENCE = 0.05
# Confidence grows with evidence: one decisive keyword (weight 3) gives at most 0.63,
# two give 0.86 — times the winner's share of all the evidence.
_EVIDENCE_SCALE = 3.0


class CategoryError(UzkzError):
    """The categories file is malformed."""


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label_en: str
    label_uz: str
    label_ru: str
    color: str


def categories() -> list[Category]:
    """All categories in display order (without building the classifier)."""
    return list(_category_table())


def classify(sentence: str) -> tuple[str, float]:
    """The best category id for `sentence` and a confidence in 0..1."""
    classifier = _classifier()
    scores = classifier.effective_scores(sentence)
    total = sum(scores)
    if total <= 0:
        return FALLBACK, FALLBACK_CONFIDENCE
    # Ties: the more specific category, then the one listed first.
    best = max(range(len(scores)), key=lambda i: (scores[i], classifier.specificity[i], -i))
    strength = 1.0 - math.exp(-scores[best] / _EVIDENCE_SCALE)
    return classifier.categories[best].id, scores[best] / total * strength


def classify_scores(sentence: str) -> dict[str, float]:
    """Each category's share of the (specificity-weighted) evidence; all 0.0 if none."""
    classifier = _classifier()
    scores = classifier.effective_scores(sentence)
    total = sum(scores)
    return {
        category.id: (score / total if total > 0 else 0.0)
        for category, score in zip(classifier.categories, scores, strict=True)
    }


def _fold(text: str) -> str:
    # The one fold of the project lives in entities.py (it becomes text.normalise.search_fold),
    # imported on first use: listing the categories needs neither it nor its tables.
    from uzkz_desktop.ingest.entities import _fold as fold

    return fold(text)


# ---------------------------------------------------------------------------
# Keywords → one trie-shaped regular expression
# ---------------------------------------------------------------------------

_APOSTROPHES = "ʻʼ"  # what folded text holds where any apostrophe glyph stood
_LETTER = f"[^\\W_{_APOSTROPHES}]"
# A keyword starts a word: no letter before it, nor a letter and an apostrophe (o‘zaro).
_WORD_START = f"(?<!{_LETTER})(?<!{_LETTER}[{_APOSTROPHES}])"
# "=" and "+" keywords end a word: no letter after, nor an apostrophe and a letter.
_WORD_END = f"(?![{_APOSTROPHES}]?{_LETTER})"
_REST_OF_WORD = f"(?:{_LETTER}|[{_APOSTROPHES}]{_LETTER})*"
_BETWEEN_WORDS = '[\\s"“”«»\\-‐‑‒–—]+'
_KEY_WORDS = re.compile(r"[^\s\-‐‑‒–—]+")


def _letter_units(word: str) -> list[str]:
    return [f"[{_APOSTROPHES}]?" if c in _APOSTROPHES else re.escape(c) for c in _fold(word)]


def _keyword_units(key: str, endings: str) -> tuple[str, ...]:
    """Regex pieces of one keyword (see the syntax in categories.toml), a trie path."""
    mode = key[-1] if key[-1] in "=+" else ""
    words = _KEY_WORDS.findall(key.rstrip("=+"))
    if not words:
        raise CategoryError(f"keyword {key!r} has no letters")
    units: list[str] = []
    for word in words[:-1]:
        units += [*_letter_units(word), _REST_OF_WORD, _BETWEEN_WORDS]
    units += _letter_units(words[-1])
    if mode == "+":
        units.append(f"(?:{endings})?")
    if mode:
        units.append(_WORD_END)
    return tuple(units)


@dataclass(slots=True)
class _Branch:
    children: dict[str, _Branch] = field(default_factory=dict)
    keyword: int | None = None  # index of the keyword whose path ends here


def _render(branch: _Branch) -> str:
    """Regex for a trie: continuations before the keyword ending here (the longest wins)."""
    options = [unit + _render(child) for unit, child in branch.children.items()]
    if branch.keyword is not None:
        options.append(f"(?P<k{branch.keyword}>)")  # which keyword matched: m.lastgroup
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


@dataclass(frozen=True, slots=True)
class _Classifier:
    categories: tuple[Category, ...]
    specificity: tuple[float, ...]
    pattern: re.Pattern[str]
    # For keyword k (group k<k>): the (category index, weight) pairs it scores.
    weights: tuple[tuple[tuple[int, float], ...], ...]

    def effective_scores(self, sentence: str) -> list[float]:
        raw = [0.0] * len(self.categories)
        for match in self.pattern.finditer(_fold(sentence)):
            for category, weight in self.weights[int((match.lastgroup or "k0")[1:])]:
                raw[category] += weight
        return [score * factor for score, factor in zip(raw, self.specificity, strict=True)]


def _build(
    entries: list[tuple[Category, float, dict[str, float]]], endings: list[str]
) -> _Classifier:
    ending_units = ("".join(_letter_units(e)) for e in {e for e in endings if e})
    ending_pattern = "|".join(sorted(ending_units, key=len, reverse=True))
    scored: dict[tuple[str, ...], dict[int, float]] = {}
    for index, (_category, _specificity, keywords) in enumerate(entries):
        for key, weight in keywords.items():
            # Stems that fold alike (кино, kino) are one path: it counts once per category.
            slot = scored.setdefault(_keyword_units(key, ending_pattern), {})
            slot[index] = max(weight, slot.get(index, 0.0))
    root = _Branch()
    for number, units in enumerate(scored):
        branch = root
        for unit in units:
            branch = branch.children.setdefault(unit, _Branch())
        branch.keyword = number
    return _Classifier(
        categories=tuple(category for category, _, _ in entries),
        specificity=tuple(specificity for _, specificity, _ in entries),
        pattern=re.compile(f"{_WORD_START}{_render(root)}"),
        weights=tuple(tuple(slot.items()) for slot in scored.values()),
    )


# ---------------------------------------------------------------------------
# Reading the TOML file
# ---------------------------------------------------------------------------

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@cache
def _classifier() -> _Classifier:
    return _load_classifier(resources_dir() / CATEGORIES_FILE)


@cache
def _category_table() -> tuple[Category, ...]:
    return _load_category_table(resources_dir() / CATEGORIES_FILE)


# A table header starts its line: "[endings]", "[[category]]", "[category.keywords.ru]".
_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _load_category_table(path: Path) -> tuple[Category, ...]:
    """The categories of a categories file, in order, checked as `_load_classifier` checks
    them, but read from the `[[category]]` tables alone: the keyword tables (nine tenths
    of the file) are neither parsed nor compiled."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CategoryError(f"{path}: {error}") from error
    starts = [m.start() for m in _HEADER.finditer(text)] + [len(text)]
    sections = [text[a:b] for a, b in itertools.pairwise(starts)]
    own = "".join(s for s in sections if s.lstrip().startswith("[[category]]"))
    try:
        data = tomllib.loads(own)
    except tomllib.TOMLDecodeError:
        # Not cut cleanly (e.g. a multi-line value with a line starting "["): read it all.
        return _load_classifier(path).categories
    found = [_category(raw, path, keywords=False)[0] for raw in _raw_categories(data, path)]
    _check_ids(found, path)
    return tuple(found)


def _load_classifier(path: Path) -> _Classifier:
    """Read and check a categories file (the default one is read once, on first use)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CategoryError(f"{path}: {error}") from error
    entries = [_category(raw, path) for raw in _raw_categories(data, path)]
    _check_ids([category for category, _, _ in entries], path)
    return _build(entries, _endings(data.get("endings", {}), path))


def _raw_categories(data: dict[str, Any], path: Path) -> list[object]:
    raw_categories = data.get("category")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise CategoryError(f"{path}: needs [[category]] tables")
    return raw_categories


def _check_ids(found: list[Category], path: Path) -> None:
    ids = [category.id for category in found]
    if len(set(ids)) != len(ids) or FALLBACK not in ids:
        raise CategoryError(f"{path}: category ids must be unique and include {FALLBACK!r}")


def _category(
    raw: object, path: Path, *, keywords: bool = True
) -> tuple[Category, float, dict[str, float]]:
    if not isinstance(raw, dict):
        raise CategoryError(f"{path}: a [[category]] must be a table")
    where = f"{path}: category {raw.get('id')!r}"
    texts = {key: raw.get(key) for key in ("id", "label_en", "label_uz", "label_ru", "color")}
    if not all(isinstance(value, str) and value.strip() for value in texts.values()):
        raise CategoryError(f"{where}: needs id, label_en, label_uz, label_ru and color")
    category = Category(**{key: str(value) for key, value in texts.items()})
    if not _COLOUR.fullmatch(category.color):
        raise CategoryError(f"{where}: color must be #RRGGBB")
    specificity = raw.get("specificity", 1.0)
    if not isinstance(specificity, int | float) or not 0 < specificity <= 1:
        raise CategoryError(f"{where}: specificity must be a number in (0, 1]")
    found = _keywords(raw.get("keywords", {}), where) if keywords else {}
    return category, float(specificity), found


def _keywords(raw: object, where: str) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise CategoryError(f"{where}: keywords must be tables per language")
    keywords: dict[str, float] = {}
    for language, table in raw.items():
        if language not in LANGUAGES or not isinstance(table, dict):
            raise CategoryError(f"{where}: keywords.{language} is not one of {LANGUAGES}")
        for key, weight in _weights(table, f"{where}: keywords.{language}").items():
            # A stem listed for two languages (кино in uz-Cyrl and ru) keeps its top weight.
            keywords[key] = max(weight, keywords.get(key, 0.0))
    return keywords


def _weights(table: Mapping[str, Any], where: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for key, weight in table.items():
        if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
            raise CategoryError(f"{where}: weight of {key!r} must be a positive number")
        if not key.strip("=+ "):
            raise CategoryError(f"{where}: empty keyword")
        weights[key] = float(weight)
    return weights


def _endings(raw: object, path: Path) -> list[str]:
    if not isinstance(raw, dict):
        raise CategoryError(f"{path}: [endings] must be a table of lists")
    endings: list[str] = []
    for language, values in raw.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise CategoryError(f"{path}: endings.{language} must be a list of strings")
        endings += values
    return endings
