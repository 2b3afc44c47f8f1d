"""Event metadata for filters and facet counts, in numpy arrays indexed by a stable row.

Whoosh only indexes text. Category, tags, sources, languages, entities and the date span of
every event live here, one row per event id (a row never changes for an event, so the
docnum → row map of a segment stays valid for the segment's life). Counting facets over
30,000 matches is a few `bincount`s instead of 30,000 Python calls.

Multi-valued facets are flat (row, code) entry arrays; replacing an event invalidates its old
entries and appends new ones, and the arrays are compacted when half of them are stale.
Tags count with their ancestors: an event tagged `culture/abay` also counts for `culture`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["MULTI_FACETS", "EventFacts", "FacetStore"]

MULTI_FACETS = ("tag", "source", "language", "entity")
_MAX_SPAN_YEARS = 200  # a longer span counts in its first 200 years only


@dataclass(frozen=True)
class EventFacts:
    category: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    languages: tuple[str, ...]
    entities: tuple[str, ...]
    start_day: int
    end_day: int
    year_start: int
    year_end: int

    def values(self, facet: str) -> tuple[str, ...]:
        if facet == "tag":
            return _with_ancestors(self.tags)
        if facet == "source":
            return self.sources
        if facet == "language":
            return self.languages
        return self.entities


def _with_ancestors(tags: Sequence[str]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for tag in tags:
        parts = tag.split("/")
        for depth in range(1, len(parts) + 1):
            found["/".join(parts[:depth])] = None
    return tuple(found)


def matches_value(name: str, wanted: str, separators: str = "/-") -> bool:
    """`wanted` names `name` itself or an ancestor of it (tags: a/b, languages: uz-Latn)."""
    name, wanted = name.casefold(), wanted.casefold()
    return name == wanted or name.startswith(tuple(wanted + s for s in separators))


# A tag's levels are separated by "/" only: excluding `energy` must keep `energy-saving`.
_SEPARATORS = {"tag": "/"}


class _Grow:
    """A numpy array that doubles when it fills."""

    def __init__(self, dtype: Any, fill: int = 0, capacity: int = 1024) -> None:
        self.fill = fill
        self.data: NDArray[Any] = np.full(capacity, fill, dtype=dtype)

    def ensure(self, size: int) -> None:
        if size > len(self.data):
            bigger = np.full(max(size, 2 * len(self.data)), self.fill, dtype=self.data.dtype)
            bigger[: len(self.data)] = self.data
            self.data = bigger


class _Entries:
    """(row, code) pairs of one multi-valued facet, with a validity flag.

    A row's entries are contiguous: [first[row], end[row]) (first = -1: none).
    """

    def __init__(self) -> None:
        self.rows = _Grow(np.int32)
        self.codes = _Grow(np.int32)
        self.valid = _Grow(np.bool_)
        self.first = _Grow(np.int64, fill=-1)
        self.end = _Grow(np.int64, fill=-1)
        self.used = 0
        self.stale = 0
        self._live: tuple[NDArray[np.int32], NDArray[np.int32]] | None = None

    def span(self, row: int) -> tuple[int, int]:
        if row >= len(self.first.data) or self.first.data[row] < 0:
            return 0, 0
        return int(self.first.data[row]), int(self.end.data[row])

    def put(self, row: int, codes: Sequence[int]) -> None:
        self.drop(row)
        start, end = self.used, self.used + len(codes)
        for grow in (self.rows, self.codes, self.valid):
            grow.ensure(end)
        self.rows.data[start:end] = row
        self.codes.data[start:end] = codes
        self.valid.data[start:end] = True
        self.used = end
        self.first.ensure(row + 1)
        self.end.ensure(row + 1)
        self.first.data[row], self.end.data[row] = start, end
        if self.stale > 4096 and self.stale * 2 > self.used:
            self.compact()

    def drop(self, row: int) -> None:
        self._live = None
        start, end = self.span(row)
        if end > start:
            self.valid.data[start:end] = False
            self.stale += end - start
        if row < len(self.first.data):
            self.first.data[row] = -1

    def compact(self) -> None:
        self._live = None
        keep = np.flatnonzero(self.valid.data[: self.used])
        rows = self.rows.data[keep]
        codes = self.codes.data[keep]
        order = np.argsort(rows, kind="stable")
        rows, codes = rows[order], codes[order]
        self.rows.data[: len(rows)] = rows
        self.codes.data[: len(rows)] = codes
        self.valid.data[: self.used] = False
        self.valid.data[: len(rows)] = True
        self.used, self.stale = len(rows), 0
        self.first.data[:] = -1
        if len(rows):
            starts = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
            ends = np.append(starts[1:], len(rows))
            owners = rows[starts]
            self.first.ensure(int(owners.max()) + 1)
            self.end.ensure(int(owners.max()) + 1)
            self.first.data[owners] = starts
            self.end.data[owners] = ends

    def live(self) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        """The valid (row, code) entries (cached until the next change)."""
        if self._live is None:
            valid = self.valid.data[: self.used]
            self._live = (self.rows.data[: self.used][valid], self.codes.data[: self.used][valid])
        return self._live


class FacetStore:
    """Per-event metadata by stable row; see the module docstring."""

    def __init__(self) -> None:
        self.row_of: dict[int, int] = {}
        self.event_of = _Grow(np.int64, fill=-1)
        self.alive = _Grow(np.bool_)
        self.category = _Grow(np.int32, fill=-1)
        self.start_day = _Grow(np.int64)
        self.end_day = _Grow(np.int64)
        self.year_start = _Grow(np.int32)
        self.year_end = _Grow(np.int32)
        self.names: dict[str, list[str]] = {facet: [] for facet in ("category", *MULTI_FACETS)}
        self.codes: dict[str, dict[str, int]] = {facet: {} for facet in self.names}
        self.entries = {facet: _Entries() for facet in MULTI_FACETS}

    # --- writing --------------------------------------------------------------------------

    def _code(self, facet: str, value: str) -> int:
        codes = self.codes[facet]
        code = codes.get(value)
        if code is None:
            code = codes[value] = len(self.names[facet])
            self.names[facet].append(value)
        return code

    def _columns(self) -> tuple[_Grow, ...]:
        return (
            self.event_of, self.alive, self.category, self.start_day, self.end_day,
            self.year_start, self.year_end,
        )  # fmt: skip

    def put(self, event_id: int, facts: EventFacts) -> int:
        row = self.row_of.get(event_id)
        if row is None:
            row = self.row_of[event_id] = len(self.row_of)
            for column in self._columns():
                column.ensure(row + 1)
            self.event_of.data[row] = event_id
        self.alive.data[row] = True
        self.category.data[row] = self._code("category", facts.category)
        self.start_day.data[row] = facts.start_day
        self.end_day.data[row] = max(facts.end_day, facts.start_day)
        self.year_start.data[row] = facts.year_start
        self.year_end.data[row] = max(facts.year_end, facts.year_start)
        for facet in MULTI_FACETS:
            values = facts.values(facet)
            self.entries[facet].put(row, [self._code(facet, value) for value in values])
        return row

    def delete(self, event_id: int) -> None:
        row = self.row_of.get(event_id)
        if row is not None:
            self.alive.data[row] = False
            for entries in self.entries.values():
                entries.drop(row)

    # --- reading --------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return len(self.row_of)

    def rows_for(self, event_ids: NDArray[np.int64]) -> NDArray[np.int64]:
        """The row of each event id (-1 for ids the store does not know)."""
        known = self.event_of.data[: self.size]
        if not len(known) or not len(event_ids):
            return np.full(len(event_ids), -1, dtype=np.int64)
        order = np.argsort(known, kind="stable")
        ordered = known[order]
        where = np.minimum(np.searchsorted(ordered, event_ids), len(ordered) - 1)
        return np.where(ordered[where] == event_ids, order[where], -1).astype(np.int64)

    def live_count(self) -> int:
        return int(self.alive.data[: self.size].sum())

    def facts(self, event_id: int) -> EventFacts | None:
        row = self.row_of.get(event_id)
        if row is None or not self.alive.data[row]:
            return None
        values: dict[str, tuple[str, ...]] = {}
        for facet, entries in self.entries.items():
            start, end = entries.span(row)
            codes = entries.codes.data[start:end].tolist()
            values[facet] = tuple(self.names[facet][code] for code in codes)
        return EventFacts(
            category=self.names["category"][int(self.category.data[row])],
            tags=tuple(tag for tag in values["tag"]),
            sources=values["source"],
            languages=values["language"],
            entities=values["entity"],
            start_day=int(self.start_day.data[row]),
            end_day=int(self.end_day.data[row]),
            year_start=int(self.year_start.data[row]),
            year_end=int(self.year_end.data[row]),
        )

    def value_mask(self, facet: str, wanted: Iterable[str]) -> NDArray[np.bool_]:
        """Rows whose `facet` has a value named by any of `wanted` (see `matches_value`)."""
        wanted = list(wanted)
        codes = [
            code
            for code, name in enumerate(self.names[facet])
            if any(matches_value(name, value, _SEPARATORS.get(facet, "/-")) for value in wanted)
        ]
        mask = np.zeros(self.size + 1, dtype=bool)
        if not codes:
            return mask
        if facet == "category":
            mask[: self.size] = np.isin(self.category.data[: self.size], codes)
            return mask
        rows, entry_codes = self.entries[facet].live()
        mask[rows[np.isin(entry_codes, codes)]] = True
        return mask

    def overlap_mask(self, first_day: int | None, last_day: int | None) -> NDArray[np.bool_]:
        """Rows whose [start_day, end_day] overlaps [first_day, last_day] (None: open)."""
        mask = np.ones(self.size + 1, dtype=bool)
        mask[self.size] = False
        if last_day is not None:
            mask[: self.size] &= self.start_day.data[: self.size] <= last_day
        if first_day is not None:
            mask[: self.size] &= self.end_day.data[: self.size] >= first_day
        return mask

    def start_days(self, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        safe = np.where(rows >= 0, rows, 0)
        return np.where(rows >= 0, self.start_day.data[safe], 0)

    def counts(self, rows: NDArray[np.int64]) -> dict[str, dict[str, int]]:
        """Facet counts over `rows` (distinct rows of the matching events)."""
        rows = rows[rows >= 0]
        facets: dict[str, dict[str, int]] = {}
        names = self.names["category"]
        categories = self.category.data[rows]
        categories = categories[categories >= 0]
        facets["category"] = _named(np.bincount(categories, minlength=len(names)), names)
        facets["year"], facets["decade"] = self._year_counts(rows)
        selected = np.zeros(self.size + 1, dtype=bool)
        selected[rows] = True
        for facet in MULTI_FACETS:
            entry_rows, codes = self.entries[facet].live()
            hit = codes[selected[entry_rows]]
            facets[facet] = _named(
                np.bincount(hit, minlength=len(self.names[facet])), self.names[facet]
            )
        return facets

    def _year_counts(self, rows: NDArray[np.int64]) -> tuple[dict[str, int], dict[str, int]]:
        if not len(rows):
            return {}, {}
        first = self.year_start.data[rows].astype(np.int64)
        last = np.minimum(self.year_end.data[rows].astype(np.int64), first + _MAX_SPAN_YEARS - 1)
        return _span_counts(first, last, 1), _span_counts(first // 10, last // 10, 10)

    # --- persistence ----------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        size = self.size
        state: dict[str, Any] = {
            "names": self.names,
            "event_of": self.event_of.data[:size].copy(),
            "alive": self.alive.data[:size].copy(),
            "category": self.category.data[:size].copy(),
            "start_day": self.start_day.data[:size].copy(),
            "end_day": self.end_day.data[:size].copy(),
            "year_start": self.year_start.data[:size].copy(),
            "year_end": self.year_end.data[:size].copy(),
        }
        for facet, entries in self.entries.items():
            rows, codes = entries.live()
            order = np.argsort(rows, kind="stable")
            state[f"entries:{facet}"] = (rows[order].copy(), codes[order].copy())
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> FacetStore:
        store = cls()
        store.names = {facet: list(values) for facet, values in state["names"].items()}
        store.codes = {
            facet: {value: code for code, value in enumerate(values)}
            for facet, values in store.names.items()
        }
        event_of = np.asarray(state["event_of"], dtype=np.int64)
        size = len(event_of)
        for name in (
            "event_of",
            "alive",
            "category",
            "start_day",
            "end_day",
            "year_start",
            "year_end",
        ):
            column: _Grow = getattr(store, name)
            column.ensure(size)
            column.data[:size] = state[name]
        store.row_of = {int(event): row for row, event in enumerate(event_of.tolist())}
        for facet, entries in store.entries.items():
            rows, codes = state[f"entries:{facet}"]
            for grow in (entries.rows, entries.codes, entries.valid):
                grow.ensure(len(rows))
            entries.rows.data[: len(rows)] = rows
            entries.codes.data[: len(rows)] = codes
            entries.valid.data[: len(rows)] = True
            entries.used = len(rows)
            entries.compact()
        return store


def _named(counts: NDArray[np.int64], names: Sequence[str]) -> dict[str, int]:
    nonzero = np.flatnonzero(counts)
    order = nonzero[np.argsort(-counts[nonzero], kind="stable")]
    return {names[code]: int(counts[code]) for code in order.tolist()}


def _span_counts(first: NDArray[np.int64], last: NDArray[np.int64], unit: int) -> dict[str, int]:
    """Each [first, last] span counts once in every unit it covers (difference array)."""
    low = int(first.min())
    size = int(last.max()) - low + 2
    delta = np.bincount(first - low, minlength=size) - np.bincount(last - low + 1, minlength=size)
    counts = np.cumsum(delta)[: size - 1]
    return {
        str((low + offset) * unit) + ("s" if unit == 10 else ""): int(count)
        for offset, count in enumerate(counts.tolist())
        if count
    }
