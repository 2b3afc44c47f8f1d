"""A stand-in for `Session.search` while the real index is being finished.

It uses the search package's own analyser (so a query typed in any script finds the same
words, and `query_terms` are real index keys) but no index: every document is scanned.
Every query term must occur in the event (title or excerpts); highlights are the analyser's
token spans. Facets, "did you mean" (the closest archive word when nothing matches) and a
notice for an unclosed quote mimic what the real search returns.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session, index_document
from uzkz_desktop.ingest.categories import Category, categories
from uzkz_desktop.search.analysis import analyse
from uzkz_desktop.search.model import Hit, IndexDoc, SearchFilters, SearchResult, Snippet


class FakeSearch:
    def __init__(self, session: Session) -> None:
        self.calls: list[tuple[str, int, SearchFilters | None]] = []
        self.docs = [index_document(d) for d in session.archive.search_documents()]
        self.tokens: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
        words: set[str] = set()
        for doc in self.docs:
            for excerpt_id, text, language, _source, _page in doc.texts:
                found = [(t.term, t.start, t.end) for t in analyse(text, language)]
                self.tokens[(doc.event_id, excerpt_id)] = found
                words.update(text[s:e].lower() for _, s, e in found)
            self.tokens[(doc.event_id, -1)] = [
                (t.term, t.start, t.end) for t in analyse(doc.title, None)
            ]
        self.vocabulary = sorted(words)

    def __call__(
        self, query: str, *, limit: int = 20, filters: SearchFilters | None = None
    ) -> SearchResult:
        self.calls.append((query, limit, filters))
        notice = None
        if query.count('"') % 2:
            notice = "The quotes were not closed: the query was read as plain words."
            query = query.replace('"', " ")
        keys = {t.term for t in analyse(query, None)}
        if not keys and filters is None:
            return SearchResult((), 0, {}, None, notice, ())
        scored: list[tuple[int, IndexDoc, list[Snippet]]] = []
        for doc in self.docs:
            if not self._passes(doc, filters):
                continue
            present = {term for term, _, _ in self.tokens[(doc.event_id, -1)]} & keys
            snippets, score = [], 0
            for excerpt_id, text, _language, source, page in doc.texts:
                tokens = self.tokens[(doc.event_id, excerpt_id)]
                spans = tuple((s, e) for term, s, e in tokens if term in keys)
                present.update(term for term, _, _ in tokens if term in keys)
                if spans:
                    snippets.append(Snippet(excerpt_id, text, spans, source, page))
                    score += len(spans)
            if present == keys:
                if not snippets and doc.texts:
                    first = doc.texts[0]
                    snippets.append(Snippet(first[0], first[1], (), first[3], first[4]))
                scored.append((score, doc, snippets))
        scored.sort(key=lambda item: (-item[0], item[1].event_id))
        hits = tuple(
            Hit(doc.event_id, float(score), tuple(snippets), ())
            for score, doc, snippets in scored[:limit]
        )
        did_you_mean = None
        if not scored and keys:
            guesses = [
                difflib.get_close_matches(w.lower(), self.vocabulary, n=1, cutoff=0.75)
                for w in query.split()
            ]
            if guesses and all(guesses):
                did_you_mean = " ".join(g[0] for g in guesses)
        return SearchResult(
            hits, len(scored), self._facets([d for _, d, _ in scored]), did_you_mean, notice,
            tuple(sorted(keys)),
        )  # fmt: skip

    @staticmethod
    def _passes(doc: IndexDoc, filters: SearchFilters | None) -> bool:
        if filters is None:
            return True
        checks = [
            not filters.categories or doc.category in filters.categories,
            not filters.tags or bool(set(filters.tags) & set(doc.tags)),
            not filters.sources or bool(set(filters.sources) & set(doc.source_keys)),
            not filters.languages or bool(set(filters.languages) & set(doc.languages)),
            filters.start_day is None or doc.end_day >= filters.start_day,
            filters.end_day is None or doc.start_day <= filters.end_day,
        ]
        return all(checks)

    @staticmethod
    def _facets(docs: list[IndexDoc]) -> dict[str, dict[str, int]]:
        facets: dict[str, Counter[str]] = {
            name: Counter() for name in ("category", "decade", "year", "source", "tag", "language")
        }
        for doc in docs:
            facets["category"][doc.category] += 1
            facets["tag"].update(set(doc.tags))
            facets["source"].update(set(doc.source_keys))
            facets["language"].update(set(doc.languages))
            years = range(doc.year_start, min(doc.year_end, doc.year_start + 199) + 1)
            facets["year"].update(str(y) for y in years)
            facets["decade"].update({f"{y // 10 * 10}s" for y in years})
        return {name: dict(counter.most_common()) for name, counter in facets.items()}


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type text key by key, also letters QTest cannot name (Cyrillic, ʻ)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


class CountingBackend:
    """Wraps a search backend and remembers the queries it ran (in the search thread)."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.queries: list[str] = []

    def run(self, request: Any) -> Any:
        self.queries.append(request.query)
        return self.backend.run(request)


def categories_by_id(*ids: str) -> tuple[Category, ...]:
    """The archive's categories with these ids, in this order (lanes follow it)."""
    known = {c.id: c for c in categories()}
    return tuple(known[i] for i in ids)
