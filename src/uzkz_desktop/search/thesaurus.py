"""Multilingual thesaurus: cross-language and synonym expansion of query terms.

`resources/thesaurus.toml` lists concepts (ambassador / посол / elchi / элчи …) and entities
(Kazakhstan / Qozogʻiston / Қозоғистон / Казахстан …). Every term is analysed with the same
`analyse` as the documents, so a concept matches whatever inflection or script the query
and the documents use. Entities' single-word names are already one index key (see
`analysis`); their multi-word names (Nur-Sultan, Alma-Ata) are expansions here.

Gazetteer aliases (`resources/gazetteer.toml`, if present) are added as expansion groups.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from uzkz_desktop.search._lexicon import Lexicon, load_lexicon
from uzkz_desktop.search.analysis import analyse

__all__ = ["Expansion", "Thesaurus", "expand", "thesaurus"]

_CYRILLIC = frozenset(chr(code) for code in range(0x0400, 0x0500))

# Longest alias a query span is compared against, in words.
_LONGEST_ALIAS = 6


@dataclass(frozen=True)
class Expansion:
    """Query words [start, end) matched a thesaurus entry; `alternatives` are the others."""

    start: int
    end: int
    matched: tuple[str, ...]  # the alias the query words matched (analysed keys)
    alternatives: tuple[tuple[str, ...], ...]  # other aliases; several keys = a phrase
    concept: str


def _language_of(language_key: str, term: str) -> str:
    if language_key == "uz":
        return "uz-Cyrl" if set(term) & _CYRILLIC else "uz-Latn"
    return language_key


def _keys(term: str, language: str | None) -> tuple[str, ...]:
    return tuple(token.term for token in analyse(term, language))


def _keys_any_language(term: str) -> list[tuple[str, ...]]:
    """A name of unknown language: its keys under every language its script allows."""
    languages = ("ru", "uz-Cyrl", "kk") if set(term) & _CYRILLIC else ("uz-Latn", "en")
    return [_keys(term, language) for language in languages]


def _useful(aliases: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Distinct, non-empty aliases; a phrase made of one repeated key is no phrase."""
    kept = (alias for alias in aliases if alias and (len(alias) == 1 or len(set(alias)) > 1))
    return tuple(dict.fromkeys(kept))


class Thesaurus:
    """Alias groups indexed by their first analysed key."""

    def __init__(self, lexicon: Lexicon) -> None:
        groups: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
        aliases: list[tuple[str, ...]]
        for concept in lexicon.concepts:
            aliases = [_keys(term, _language_of(lang, term)) for lang, term in concept.terms]
            groups.append((concept.id, _useful(aliases)))
        for entity in lexicon.entities:
            aliases = [(entity.key,)] if entity.names else []
            for phrase in entity.phrases:
                aliases += _keys_any_language(phrase)
            groups.append((entity.key, _useful(aliases)))
        for number, names in enumerate(lexicon.gazetteer):
            aliases = [keys for name in names for keys in _keys_any_language(name)]
            groups.append((f"gazetteer:{number}", _useful(aliases)))
        self.groups = tuple((name, aliases) for name, aliases in groups if len(aliases) > 1)
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for index, (_, members) in enumerate(self.groups):
            for alias in members:
                self._by_first.setdefault(alias[0], []).append((alias, index))

    def expand(self, words: Sequence[Collection[str]]) -> list[Expansion]:
        """Expansions of a run of query words, each given as its set of candidate keys.

        Spans do not overlap; at each position the longest matching alias wins.
        """
        found: list[Expansion] = []
        position = 0
        while position < len(words):
            best = self._longest_at(words, position)
            if best is None:
                position += 1
                continue
            alias, group = best
            name, aliases = self.groups[group]
            others = tuple(other for other in aliases if other != alias)
            end = position + len(alias)
            found.append(Expansion(position, end, alias, others, name))
            position = end
        return found

    def _longest_at(
        self, words: Sequence[Collection[str]], position: int
    ) -> tuple[tuple[str, ...], int] | None:
        best: tuple[tuple[str, ...], int] | None = None
        for key in words[position]:
            for alias, group in self._by_first.get(key, ()):
                if len(alias) > min(_LONGEST_ALIAS, len(words) - position):
                    continue
                if best is not None and len(alias) <= len(best[0]):
                    continue
                if all(alias[i] in words[position + i] for i in range(1, len(alias))):
                    best = (alias, group)
        return best

    def alternatives_of(self, keys: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """Every alias of the groups that contain exactly the alias `keys`."""
        found: dict[tuple[str, ...], None] = {}
        for alias, group in self._by_first.get(keys[0], ()) if keys else ():
            if alias == tuple(keys):
                found.update(dict.fromkeys(self.groups[group][1]))
        found.pop(tuple(keys), None)
        return tuple(found)


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    """The thesaurus of the resources folder (built once)."""
    return Thesaurus(load_lexicon())


def expand(term_tokens: Sequence[Collection[str]]) -> list[Expansion]:
    """`Thesaurus.expand` with the bundled thesaurus."""
    return thesaurus().expand(term_tokens)
