"""Reading `resources/thesaurus.toml` (and, for query expansion only, `gazetteer.toml`).

Raw data only: analysis of the names and terms happens in `analysis` and `thesaurus`.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from uzkz_desktop.core.paths import resources_dir

__all__ = ["Concept", "Entity", "Lexicon", "load_lexicon"]

# Language keys of a concept and the language tag its terms are analysed with; `uz` terms
# are analysed as Uzbek in whichever script they are written.
CONCEPT_LANGUAGES = {"en": "en", "ru": "ru", "uz": "uz", "kk": "kk"}


@dataclass(frozen=True)
class Entity:
    key: str
    kind: str
    names: tuple[str, ...]  # single words: each becomes the index key `key`
    phrases: tuple[str, ...]  # several words: searched as phrases


@dataclass(frozen=True)
class Concept:
    id: str
    terms: tuple[tuple[str, str], ...]  # (language key, term)


@dataclass(frozen=True)
class Lexicon:
    entities: tuple[Entity, ...]
    concepts: tuple[Concept, ...]
    # Aliases from the gazetteer: expansion only, never index keys (see module docstring).
    gazetteer: tuple[tuple[str, ...], ...]
    fingerprint: str  # of what changes indexing: the entity names


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str) and item.strip())
    return ()


def _alias_strings(value: object) -> tuple[str, ...]:
    """Gazetteer aliases without its inflection marks (`Центральн|ая` → `Центральная`)."""
    return tuple(alias.replace("|", "") for alias in _strings(value))


def _entities(data: dict[str, Any]) -> tuple[Entity, ...]:
    entities = []
    for table in data.get("entity", []):
        if not isinstance(table, dict) or not isinstance(table.get("key"), str):
            continue
        entities.append(
            Entity(
                key=table["key"],
                kind=str(table.get("kind", "")),
                names=_strings(table.get("names")),
                phrases=_strings(table.get("phrases")),
            )
        )
    return tuple(entities)


def _concepts(data: dict[str, Any]) -> tuple[Concept, ...]:
    concepts = []
    for table in data.get("concept", []):
        if not isinstance(table, dict):
            continue
        terms = tuple(
            (language, term)
            for language in CONCEPT_LANGUAGES
            for term in _strings(table.get(language))
        )
        if terms:
            concepts.append(Concept(id=str(table.get("id", terms[0][1])), terms=terms))
    return tuple(concepts)


def _gazetteer_groups(data: object) -> list[tuple[str, ...]]:
    """Alias groups from any table that has a name and a list of aliases (format-tolerant)."""
    groups: list[tuple[str, ...]] = []
    if isinstance(data, dict):
        names = _alias_strings(data.get("aliases")) + _alias_strings(data.get("names"))
        label = data.get("name") or data.get("label") or data.get("canonical")
        if names:
            group = tuple(dict.fromkeys((*_alias_strings(label), *names)))
            if len(group) > 1:
                groups.append(group)
        for value in data.values():
            if isinstance(value, dict | list):
                groups.extend(_gazetteer_groups(value))
    elif isinstance(data, list):
        for item in data:
            groups.extend(_gazetteer_groups(item))
    return groups


def _read_toml(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


@lru_cache(maxsize=4)
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """The thesaurus (and gazetteer aliases) from `folder` (default: the resources folder)."""
    folder = folder or resources_dir()
    thesaurus = _read_toml(folder / "thesaurus.toml") or {}
    entities = _entities(thesaurus)
    gazetteer_data = _read_toml(folder / "gazetteer.toml")
    gazetteer = tuple(_gazetteer_groups(gazetteer_data)) if gazetteer_data else ()
    digest = hashlib.sha256()
    for entity in entities:
        digest.update(repr((entity.key, entity.names)).encode())
    return Lexicon(
        entities=entities,
        concepts=_concepts(thesaurus),
        gazetteer=gazetteer,
        fingerprint=digest.hexdigest()[:16],
    )
