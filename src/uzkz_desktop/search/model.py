"""What goes into the search index and what comes out of a search (no Whoosh types here)."""

from __future__ import annotations

from dataclasses import dataclass

from uzkz_desktop.core.errors import SearchIndexError

__all__ = [
    "ExcerptText",
    "Hit",
    "IndexDamaged",
    "IndexDoc",
    "IndexStale",
    "SearchFilters",
    "SearchResult",
    "Snippet",
]

# (excerpt_id, text, language tag or None, source_key, page or None)
ExcerptText = tuple[int, str, str | None, str, str | None]


class IndexStale(SearchIndexError):  # noqa: N818 - the name the app uses
    """The index is missing or was built from another archive generation or analyser."""


class IndexDamaged(SearchIndexError):  # noqa: N818 - the name the app uses
    """The index folder exists but cannot be read: rebuild it."""


@dataclass(frozen=True)
class IndexDoc:
    """One event as the search index sees it (the archive adapter builds these).

    `start_day`/`end_day` are `date.toordinal()` of the event's first and last day.
    `languages` are BCP 47 tags (`uz-Latn`, `uz-Cyrl`, `ru`, `en`, `kk`); an excerpt whose
    language is None is detected from its text.
    """

    event_id: int
    title: str
    texts: tuple[ExcerptText, ...]
    category: str
    tags: tuple[str, ...]
    start_day: int
    end_day: int
    year_start: int
    year_end: int
    source_keys: tuple[str, ...]
    languages: tuple[str, ...]
    entities: tuple[str, ...]


@dataclass(frozen=True)
class Snippet:
    """One matching excerpt: its full original text and the spans of the matched words."""

    excerpt_id: int
    text: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) into `text`; never HTML
    source_key: str
    page: str | None


@dataclass(frozen=True)
class Hit:
    """One event, with a snippet per matching excerpt (or its first excerpt if none match).

    `score` orders the hits: its thousands count the query's own words (not thesaurus
    expansions) the event matched, the rest is BM25; 0 for filter-only queries (date order).
    """

    event_id: int
    score: float
    snippets: tuple[Snippet, ...]
    title_highlights: tuple[tuple[int, int], ...] = ()  # spans into IndexDoc.title


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]
    total: int
    # facet name (category, decade, year, source, tag, language, entity) → value → events
    facets: dict[str, dict[str, int]]
    did_you_mean: str | None
    notice: str | None  # a message for the user when the query had to be read differently
    query_terms: tuple[str, ...]  # the index keys searched (for display and debugging)


@dataclass(frozen=True)
class SearchFilters:
    """Filters from the UI, combined (AND) with whatever the query text says.

    Each tuple is OR within itself, except `tags` with `all_tags` (every tag is required);
    events carrying any of `exclude_tags` are left out. A tag stands for the tags below it
    too (`energy` for `energy/electricity`). Days are `date.toordinal()`, overlapping
    semantics.
    """

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    start_day: int | None = None
    end_day: int | None = None
    exclude_tags: tuple[str, ...] = ()
    all_tags: bool = False
