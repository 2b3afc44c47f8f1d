"""Query execution on numpy arrays read from Whoosh segments.

A query plan is a small tree (below). For each segment, every node evaluates to the sorted
document numbers it matches, their BM25 score and their "tier": how many of the query's
own words (not thesaurus expansions) matched. Results rank by tier first, then score, so
an event with the word the user typed always ranks above one found only through a
translation or synonym.

Scoring is BM25 (k1 = 1.2, b = 0.75) with statistics over all segments; a phrase scores
like one term with the phrase frequency and the sum of its words' idf; a group of
alternatives (a word's variants and expansions, a prefix's or a fuzzy word's terms) scores
its best alternative (dismax).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from uzkz_desktop.search import _whoosh as wh
from uzkz_desktop.search.facets import FacetStore

__all__ = [
    "AllOf",
    "Alt",
    "AnyOf",
    "DateFilter",
    "Everything",
    "FacetFilter",
    "Group",
    "Node",
    "Not",
    "Phrase",
    "Term",
    "TermSet",
]

K1 = 1.2
B = 0.75
# Postings kept between queries (a posting with positions costs more): about 60 MB.
_CACHE_BUDGET = 3_000_000


def _cost(postings: wh.Postings) -> int:
    if postings.positions is None:
        return len(postings.ids)
    return len(postings.ids) + len(postings.positions)


_MAX_EXPANSION_TERMS = 128  # prefix and fuzzy keep their most frequent terms


# --- plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    key: str


@dataclass(frozen=True)
class Phrase:
    """Consecutive positions; each position accepts any of its keys."""

    positions: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TermSet:
    """Terms from the index's dictionary: `prefix` of, or within `distance` edits of, `texts`."""

    kind: str  # "prefix" | "fuzzy"
    texts: tuple[str, ...]
    distance: int = 0


@dataclass(frozen=True)
class Alt:
    node: Node
    boost: float
    original: bool


@dataclass(frozen=True)
class Group:
    """Alternatives for one query word or span; `weight` tier points if an original matches."""

    alts: tuple[Alt, ...]
    weight: int


@dataclass(frozen=True)
class AllOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class FacetFilter:
    facet: str  # category | tag | source | language | entity
    values: tuple[str, ...]


@dataclass(frozen=True)
class DateFilter:
    first_day: int | None
    last_day: int | None


@dataclass(frozen=True)
class Everything:
    pass


Node = Term | Phrase | TermSet | Group | AllOf | AnyOf | Not | FacetFilter | DateFilter | Everything


def walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Group):
        for alt in node.alts:
            yield from walk(alt.node)
    elif isinstance(node, AllOf | AnyOf):
        for child in node.children:
            yield from walk(child)
    elif isinstance(node, Not):
        yield from walk(node.child)


def is_scoring(node: Node) -> bool:
    """True when the plan ranks by text (otherwise results come in date order)."""
    return any(isinstance(found, Term | Phrase | TermSet) for found in walk(node))


# --- per-segment data -------------------------------------------------------------------------


class PostingsCache:
    """Recently read postings, kept between queries and across updates.

    Keyed by segment identity (id and deletion count), so entries of segments an update did
    not touch stay valid; about `_CACHE_BUDGET` postings are kept (least recently used go).
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[tuple[str, int], str, bool], wh.Postings] = OrderedDict()
        self._size = 0

    def get(self, segment: tuple[str, int], key: str, positions: bool) -> wh.Postings | None:
        found = self._entries.get((segment, key, True))
        if found is not None:
            self._entries.move_to_end((segment, key, True))
            return found
        if positions:
            return None
        found = self._entries.get((segment, key, False))
        if found is not None:
            self._entries.move_to_end((segment, key, False))
        return found

    def put(self, segment: tuple[str, int], key: str, positions: bool, found: wh.Postings) -> None:
        self._entries[(segment, key, positions)] = found
        self._size += _cost(found)
        while self._size > _CACHE_BUDGET and len(self._entries) > 1:
            _, evicted = self._entries.popitem(last=False)
            self._size -= _cost(evicted)

    def keep_only(self, segments: set[tuple[str, int]]) -> None:
        """Forget the postings of segments that are gone or changed."""
        for entry in [entry for entry in self._entries if entry[0] not in segments]:
            self._size -= _cost(self._entries.pop(entry))

    def clear(self) -> None:
        self._entries.clear()
        self._size = 0


@dataclass
class Segment:
    reader: Any
    offset: int  # global docnum of the segment's first document
    size: int
    deleted: NDArray[np.bool_]
    lengths: NDArray[np.float32]
    event_ids: NDArray[np.int64]
    rows: NDArray[np.int64]  # facet-store row of each document
    key: tuple[str, int] = ("", 0)  # segment id and deletion count


@dataclass
class Matches:
    ids: NDArray[np.int64]  # sorted, unique, segment-local
    scores: NDArray[np.float64]
    tiers: NDArray[np.float64]


def _empty() -> Matches:
    return Matches(np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.float64))


@dataclass
class Stats:
    documents: int
    average_length: float
    idf: dict[str, float] = field(default_factory=dict)


@dataclass
class Outcome:
    """All matches of a query over all segments, best first up to `limit`."""

    total: int
    top_docnums: NDArray[np.int64]  # global
    top_event_ids: NDArray[np.int64]
    top_scores: NDArray[np.float64]
    rows: NDArray[np.int64]  # facet-store rows of every match


def _union(parts: Sequence[Matches], combine: str) -> Matches:
    parts = [part for part in parts if len(part.ids)]
    if not parts:
        return _empty()
    if len(parts) == 1:
        return parts[0]
    ids = np.concatenate([part.ids for part in parts])
    scores = np.concatenate([part.scores for part in parts])
    tiers = np.concatenate([part.tiers for part in parts])
    order = np.argsort(ids, kind="stable")
    ids, scores, tiers = ids[order], scores[order], tiers[order]
    starts = np.flatnonzero(np.concatenate([[True], ids[1:] != ids[:-1]]))
    if combine == "max":
        return Matches(
            ids[starts], np.maximum.reduceat(scores, starts), np.maximum.reduceat(tiers, starts)
        )
    return Matches(ids[starts], np.add.reduceat(scores, starts), np.add.reduceat(tiers, starts))


def _member(values: NDArray[np.int64], sorted_set: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which of `values` are in the ascending array `sorted_set` (binary search, no sort)."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    where = np.searchsorted(sorted_set, values)
    where[where == len(sorted_set)] = 0
    found: NDArray[np.bool_] = sorted_set[where] == values
    return found


def _sorted_unique(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """The distinct values of an array (sorted first unless it already is)."""
    if len(values) < 2:
        return values
    if not (values[1:] >= values[:-1]).all():
        values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _intersect(left: Matches, right: Matches) -> Matches:
    if len(left.ids) > len(right.ids):
        left, right = right, left
    in_left = _member(left.ids, right.ids)
    ids = left.ids[in_left]
    in_right = np.searchsorted(right.ids, ids)
    return Matches(
        ids,
        left.scores[in_left] + right.scores[in_right],
        left.tiers[in_left] + right.tiers[in_right],
    )


def _subtract(left: Matches, right_ids: NDArray[np.int64]) -> Matches:
    keep = ~_member(left.ids, right_ids)
    return Matches(left.ids[keep], left.scores[keep], left.tiers[keep])


class Executor:
    """Runs plans against one searcher generation (segments and facet store)."""

    def __init__(
        self, segments: list[Segment], store: FacetStore, cache: PostingsCache | None = None
    ) -> None:
        self.segments = segments
        self.store = store
        documents = sum(int((~segment.deleted).sum()) for segment in segments)
        total_length = sum(float(segment.lengths[~segment.deleted].sum()) for segment in segments)
        self.documents = documents
        self.average_length = total_length / documents if documents else 1.0
        self._cache = cache if cache is not None else PostingsCache()
        self._norms: list[NDArray[np.float64]] = [
            K1 * (1 - B + B * segment.lengths.astype(np.float64) / self.average_length)
            for segment in segments
        ]
        self._expansions: dict[TermSet, tuple[str, ...]] = {}

    # --- dictionary -----------------------------------------------------------------------

    def expand(self, term_set: TermSet) -> tuple[str, ...]:
        """The index terms a prefix or fuzzy word stands for (most frequent first)."""
        cached = self._expansions.get(term_set)
        if cached is not None:
            return cached
        found: set[str] = set()
        for text in term_set.texts:
            if not text:
                continue
            if term_set.kind == "prefix":
                for segment in self.segments:
                    for term in segment.reader.expand_prefix(wh.BODY, text):
                        found.add(term.decode("utf-8") if isinstance(term, bytes) else term)
                        if len(found) > 20 * _MAX_EXPANSION_TERMS:
                            break
            else:
                found.update(self.terms_within(text, term_set.distance))
        ranked = sorted(found, key=lambda term: (-self.document_frequency(term), term))
        result = tuple(ranked[:_MAX_EXPANSION_TERMS])
        self._expansions[term_set] = result
        return result

    def terms_within(self, text: str, distance: int) -> set[str]:
        """Index terms within `distance` edits of `text` (same first letter if it is long).

        Asked of each segment: a segment's reader walks its term list with a Levenshtein
        automaton, where Whoosh's multi-segment reader would compare every term in Python.
        """
        prefix = 1 if len(text) > 3 else 0
        found: set[str] = set()
        for segment in self.segments:
            found.update(segment.reader.terms_within(wh.BODY, text, distance, prefix))
        return found

    def document_frequency(self, key: str) -> int:
        return sum(int(segment.reader.doc_frequency(wh.BODY, key)) for segment in self.segments)

    # --- postings -------------------------------------------------------------------------

    def postings(self, index: int, key: str, positions: bool = False) -> wh.Postings:
        """A term's live postings in one segment (cached across queries and updates)."""
        segment = self.segments[index]
        found = self._cache.get(segment.key, key, positions)
        if found is None:
            found = wh.read_postings(segment.reader, wh.BODY, key, positions=positions)
            if len(found.ids) and segment.deleted[found.ids].any():
                found = found.keep(~segment.deleted[found.ids])
            self._cache.put(segment.key, key, positions, found)
        return found

    def clear_cache(self) -> None:
        self._cache.clear()
        self._expansions.clear()

    def idf(self, key: str) -> float:
        df = sum(len(self.postings(i, key).ids) for i in range(len(self.segments)))
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))

    # --- evaluation -----------------------------------------------------------------------

    def run(self, plan: Node, limit: int, scoring: bool) -> Outcome:
        self._idf: dict[str, float] = {}
        docnums: list[NDArray[np.int64]] = []
        ranks: list[NDArray[np.float64]] = []
        rows: list[NDArray[np.int64]] = []
        event_ids: list[NDArray[np.int64]] = []
        for index, segment in enumerate(self.segments):
            found = self._eval(plan, index)
            if not len(found.ids):
                continue
            live = ~segment.deleted[found.ids]
            ids = found.ids[live]
            docnums.append(ids + segment.offset)
            if scoring:
                ranks.append(found.tiers[live] * 1000.0 + found.scores[live])
            else:
                # date order: earlier first (negated so that "highest rank" is earliest)
                days = self.store.start_days(segment.rows[ids]).astype(np.float64)
                ranks.append(-days)
            rows.append(segment.rows[ids])
            event_ids.append(segment.event_ids[ids])
        if not docnums:
            empty = np.zeros(0, np.int64)
            return Outcome(0, empty, empty, np.zeros(0), empty)
        all_docnums = np.concatenate(docnums)
        all_ranks = np.concatenate(ranks)
        all_events = np.concatenate(event_ids)
        total = len(all_docnums)
        top = np.argpartition(-all_ranks, limit)[:limit] if limit < total else np.arange(total)
        # best first; ties: lower event id first (stable, reproducible)
        top = top[np.lexsort((all_events[top], -all_ranks[top]))]
        scores = all_ranks[top] if scoring else np.zeros(len(top))
        return Outcome(
            total=total,
            top_docnums=all_docnums[top],
            top_event_ids=all_events[top],
            top_scores=scores,
            rows=np.concatenate(rows),
        )

    def _key_idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = self.idf(key)
        return value

    def _bm25(
        self, index: int, ids: NDArray[np.int64], tf: NDArray[Any], idf: float
    ) -> NDArray[np.float64]:
        tf64 = tf.astype(np.float64)
        return idf * tf64 * (K1 + 1) / (tf64 + self._norms[index][ids])

    def _eval(self, node: Node, index: int) -> Matches:
        if isinstance(node, Term):
            return self._term(node.key, index)
        if isinstance(node, Phrase):
            return self._phrase(node, index)
        if isinstance(node, TermSet):
            return _union([self._term(key, index) for key in self.expand(node)], "max")
        if isinstance(node, Group):
            return self._group(node, index)
        if isinstance(node, AllOf):
            return self._all_of(node, index)
        if isinstance(node, AnyOf):
            return _union([self._eval(child, index) for child in node.children], "sum")
        if isinstance(node, Not):
            everything = self._everything(index)
            return _subtract(everything, self._eval(node.child, index).ids)
        if isinstance(node, FacetFilter | DateFilter | Everything):
            ids = self._filter_ids(node, index)
            return Matches(ids, np.zeros(len(ids)), np.zeros(len(ids)))
        raise TypeError(node)

    def _term(self, key: str, index: int) -> Matches:
        found = self.postings(index, key)
        if not len(found.ids):
            return _empty()
        scores = self._bm25(index, found.ids, found.weights, self._key_idf(key))
        return Matches(found.ids, scores, np.zeros(len(found.ids)))

    def _group(self, node: Group, index: int) -> Matches:
        parts: list[Matches] = []
        for alt in node.alts:
            found = self._eval(alt.node, index)
            if not len(found.ids):
                continue
            tier = float(node.weight) if alt.original else 0.0
            parts.append(
                Matches(found.ids, found.scores * alt.boost, np.full(len(found.ids), tier))
            )
        return _union(parts, "max")

    def _all_of(self, node: AllOf, index: int) -> Matches:
        positive = [child for child in node.children if not isinstance(child, Not)]
        negative = [child.child for child in node.children if isinstance(child, Not)]
        # filters first (cheap, and they shrink the rest)
        positive.sort(key=lambda child: 0 if isinstance(child, FacetFilter | DateFilter) else 1)
        result: Matches | None = None
        for child in positive:
            found = self._eval(child, index)
            result = found if result is None else _intersect(result, found)
            if not len(result.ids):
                return _empty()
        if result is None:
            result = self._everything(index)
        for excluded in negative:
            result = _subtract(result, self._eval(excluded, index).ids)
        return result

    def _everything(self, index: int) -> Matches:
        ids = self._filter_ids(Everything(), index)
        return Matches(ids, np.zeros(len(ids)), np.zeros(len(ids)))

    def _filter_ids(self, node: Node, index: int) -> NDArray[np.int64]:
        segment = self.segments[index]
        alive = ~segment.deleted & (segment.rows >= 0)
        if isinstance(node, FacetFilter):
            mask = self.store.value_mask(node.facet, node.values)
            alive &= mask[segment.rows]
        elif isinstance(node, DateFilter):
            mask = self.store.overlap_mask(node.first_day, node.last_day)
            alive &= mask[segment.rows]
        return np.flatnonzero(alive).astype(np.int64)

    def _phrase(self, node: Phrase, index: int) -> Matches:
        if len(node.positions) == 1:
            return _union([self._term(key, index) for key in node.positions[0]], "max")
        # documents that have a key of every position
        lists: list[list[wh.Postings]] = []
        candidates: NDArray[np.int64] | None = None
        for keys in node.positions:
            found = [self.postings(index, key, positions=True) for key in keys]
            ids = (
                found[0].ids
                if len(found) == 1
                else _sorted_unique(np.concatenate([p.ids for p in found]))
            )
            candidates = ids if candidates is None else candidates[_member(candidates, ids)]
            if not len(candidates):
                return _empty()
            lists.append(found)
        assert candidates is not None
        # (document << 32 | phrase start) for every position; a phrase is in all of them
        starts: NDArray[np.int64] | None = None
        for offset, found in enumerate(lists):
            here: list[NDArray[np.int64]] = []
            for postings in found:
                selected = np.flatnonzero(_member(postings.ids, candidates))
                if not len(selected):
                    continue
                docs, positions = postings.positions_of(selected)
                usable = positions >= offset
                here.append((docs[usable] << 32) | (positions[usable] - offset))
            if not here:
                return _empty()
            keys_here = here[0] if len(here) == 1 else _sorted_unique(np.concatenate(here))
            starts = keys_here if starts is None else starts[_member(starts, keys_here)]
            if not len(starts):
                return _empty()
        assert starts is not None
        documents = starts >> 32  # ascending
        first = np.flatnonzero(np.concatenate([[True], documents[1:] != documents[:-1]]))
        docs = documents[first]
        frequency = np.diff(np.append(first, len(documents)))
        idf = sum(max(self._key_idf(key) for key in keys) for keys in node.positions)
        return Matches(docs, self._bm25(index, docs, frequency, idf), np.zeros(len(docs)))
