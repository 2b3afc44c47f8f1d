"""Highlights drawn on the original text with the analyser's own token offsets.

A token is highlighted when its key is one the query looked for (a word, a variant, an
expansion, a prefix or fuzzy match), or when it is part of an occurrence of a query phrase.
Offsets slice the original text (no HTML), so the UI decides how to show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from uzkz_desktop.search.analysis import Token, analyse

__all__ = ["HighlightSpec", "highlight"]


@dataclass(frozen=True)
class HighlightSpec:
    keys: frozenset[str]  # highlighted wherever they occur
    phrases: tuple[tuple[frozenset[str], ...], ...]  # highlighted where they occur in order
    exacts: frozenset[str]  # folded forms typed by the user (exact-form matches)


@dataclass(frozen=True)
class Highlighted:
    spans: tuple[tuple[int, int], ...]
    exact_matches: int  # highlighted tokens whose folded form is one the user typed


def highlight(text: str, language: str | None, spec: HighlightSpec) -> Highlighted:
    tokens = analyse(text, language)
    marked = _marked(tokens, spec)
    spans = tuple((tokens[i].start, tokens[i].end) for i in sorted(marked))
    exact = sum(1 for i in marked if tokens[i].exact in spec.exacts)
    return Highlighted(spans, exact)


def _marked(tokens: Sequence[Token], spec: HighlightSpec) -> set[int]:
    keys = spec.keys
    terms = [token.term for token in tokens]
    marked = {i for i, term in enumerate(terms) if term in keys}
    for phrase in spec.phrases:
        first, length = phrase[0], len(phrase)
        for i in range(len(terms) - length + 1):
            if terms[i] in first and all(terms[i + j] in phrase[j] for j in range(1, length)):
                marked.update(range(i, i + length))
    return marked


def make_spec(
    keys: Iterable[str], phrases: Iterable[Sequence[Sequence[str]]], exacts: Iterable[str]
) -> HighlightSpec:
    return HighlightSpec(
        keys=frozenset(keys),
        phrases=tuple(tuple(frozenset(position) for position in phrase) for phrase in phrases),
        exacts=frozenset(exacts),
    )
