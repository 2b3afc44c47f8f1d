"""How alike two texts are across scripts and languages: for finding duplicate events.

Two extractions of one happening rarely share a wording: one source writes Uzbek in Latin
letters, another in Cyrillic, a third in Russian. Compared as the search index's keys
(`analysis`: folded, Uzbek Cyrillic transliterated, stemmed, a name one key in any script)
the two Uzbek scripts meet word for word; thesaurus concepts bridge the languages
(`elchi`, `посол` and `ambassador` are one concept). Numbers are left out, dates are
compared as dates, and function words carry no weight.

    a = weighed(text_terms(latin_excerpt, "uz-Latn"), weight)
    b = weighed(text_terms(cyrillic_excerpt, "uz-Cyrl"), weight)
    found = likeness(a, b)      # 0..1, and the words they share
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from uzkz_desktop.search.analysis import analyse
from uzkz_desktop.search.query import STOPWORDS
from uzkz_desktop.search.thesaurus import thesaurus

__all__ = ["Likeness", "Term", "Weighed", "likeness", "text_terms", "weighed"]


@dataclass(frozen=True, slots=True)
class Term:
    """One distinct word of a text: its index key, what it matches, and how it was written."""

    key: str
    matches: frozenset[str]  # the key and the thesaurus concepts it belongs to
    word: str  # the folded word as the text has it (to tell the curator what matched)


@lru_cache(maxsize=1)
def _concepts() -> dict[str, frozenset[str]]:
    """Index key -> the thesaurus groups (concepts, entities) having it as a one-word alias."""
    found: dict[str, set[str]] = {}
    for name, aliases in thesaurus().groups:
        for alias in aliases:
            if len(alias) == 1:
                found.setdefault(alias[0], set()).add("~" + name)
    return {key: frozenset(groups) for key, groups in found.items()}


@lru_cache(maxsize=8192)
def text_terms(text: str, language: str | None = None) -> tuple[Term, ...]:
    """The distinct content words of `text`, in order: numbers and function words left out.

    Cached: the curator steps through neighbouring events, whose texts recur."""
    concepts = _concepts()
    terms: dict[str, Term] = {}
    for token in analyse(text, language):
        if token.term in terms or token.term.isdigit() or len(token.term) < 2:
            continue
        if token.exact in STOPWORDS or token.exact.replace("ʻ", "'") in STOPWORDS:
            continue
        matches = concepts.get(token.term, frozenset()) | {token.term}
        terms[token.term] = Term(token.term, matches, token.exact)
    return tuple(terms.values())


@dataclass(frozen=True, slots=True)
class Weighed:
    """A text's terms with their weights, ready to be compared with many others."""

    terms: tuple[Term, ...]
    weights: tuple[float, ...]
    total: float
    matches: frozenset[str]  # everything any of its terms matches


def weighed(terms: Sequence[Term], weight: Callable[[str], float]) -> Weighed:
    """`terms` weighted by `weight` (of the index key: rare words count, common ones hardly)."""
    weights = tuple(weight(term.key) for term in terms)
    matches = frozenset().union(*(term.matches for term in terms))
    return Weighed(tuple(terms), weights, sum(weights), matches)


@dataclass(frozen=True, slots=True)
class Likeness:
    """`score` in 0..1: the geometric mean of how much of each text's weight the other
    covers; `shared` the words of the first text found in the second, weightiest first."""

    score: float
    shared: tuple[str, ...]


def likeness(first: Weighed, second: Weighed) -> Likeness:
    """How much of `first` and of `second` the other one says."""
    if first.total <= 0 or second.total <= 0 or first.matches.isdisjoint(second.matches):
        return Likeness(0.0, ())
    covered = [
        (weight, term.word)
        for term, weight in zip(first.terms, first.weights, strict=True)
        if not term.matches.isdisjoint(second.matches)
    ]
    share_first = sum(weight for weight, _ in covered) / first.total
    share_second = (
        sum(
            weight
            for term, weight in zip(second.terms, second.weights, strict=True)
            if not term.matches.isdisjoint(first.matches)
        )
        / second.total
    )
    shared = tuple(word for _, word in sorted(covered, key=lambda item: -item[0]))
    return Likeness((share_first * share_second) ** 0.5, shared)
