"""What the search panel asks of the archive, run in a background thread.

`SessionBackend.run` is called in a worker thread: it searches, then looks up the rows the
result list shows (titles, dates) in one query. The session's search index is not meant to
be used by two threads at once, so every use of it — searches here, reindexing and index
refreshes in `main_window` jobs — holds `SessionBackend.lock`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from uzkz_desktop.app import Session
    from uzkz_desktop.archive.models import EventRow
    from uzkz_desktop.search.model import SearchFilters, SearchResult

SearchFunction = Callable[..., "SearchResult"]  # (query, *, limit, filters) -> SearchResult

# Every hit's id is fetched (for the timeline's highlight) up to this many.
MAX_HIGHLIGHTED = 100_000


@dataclass(frozen=True)
class SearchRequest:
    query: str
    filters: SearchFilters | None = None
    limit: int = 50
    serial: int = 0  # which request of the panel this is (newer ones win)


@dataclass(frozen=True)
class SearchOutcome:
    request: SearchRequest
    result: SearchResult
    events: dict[int, EventRow] = field(default_factory=dict)  # the hits' rows
    all_ids: tuple[int, ...] = ()  # every matching event (up to MAX_HIGHLIGHTED)


class SearchBackend(Protocol):
    def run(self, request: SearchRequest) -> SearchOutcome: ...


class SessionBackend:
    """The search panel's backend over an open Session (or any search function)."""

    def __init__(
        self,
        session: Session,
        *,
        search: SearchFunction | None = None,
        lock: threading.RLock | None = None,
    ) -> None:
        self.session = session
        self.lock = lock or threading.RLock()
        self._custom = search

    def search(
        self, query: str, *, limit: int, filters: SearchFilters | None = None
    ) -> SearchResult:
        if self._custom is not None:
            return self._custom(query, limit=limit, filters=filters)
        return self.session.search(query, limit=limit, filters=filters)

    def run(self, request: SearchRequest) -> SearchOutcome:
        with self.lock:
            result = self.search(request.query, limit=request.limit, filters=request.filters)
            ids = [hit.event_id for hit in result.hits]
            all_ids = tuple(ids)
            if result.total > len(ids):
                all_ids = self._all_ids(request, min(result.total, MAX_HIGHLIGHTED))
            rows = self.session.archive.events_by_id(ids)
        return SearchOutcome(request, result, {row.id: row for row in rows}, all_ids)

    def _all_ids(self, request: SearchRequest, limit: int) -> tuple[int, ...]:
        """Every hit's id, without building snippets (they are the expensive part)."""
        if self._custom is not None:
            found = self._custom(request.query, limit=limit, filters=request.filters)
        else:
            index = self.session.index()
            found = index.search(request.query, limit=limit, texts=None, filters=request.filters)
        return tuple(hit.event_id for hit in found.hits)
