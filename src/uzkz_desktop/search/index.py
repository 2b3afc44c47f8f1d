"""The search index of the archive: build, update, search.

One Whoosh document per EVENT (title, excerpts and entity names in one positional field, a
gap between parts), so hits are grouped by event for free. Whoosh stores no text and no
metadata by default: only the analysed keys and the event id. Category, tags, sources,
languages, entities and dates live in a `FacetStore` beside the index (numpy arrays), which
filters and counts facets without touching Whoosh documents. Queries run in `engine` on
posting arrays read in bulk from the segments, not through Whoosh's per-document matchers.

Snippet text comes from the `texts` callback (the archive), unless the index was built with
`store_texts=True`; see `bench.py` for the measurement behind that default.

Files in the folder, beside Whoosh's own:

* `uzkz-search.json`: format version and analysis fingerprint (a mismatch → IndexStale);
* `facets.pickle`: the facet store at a Whoosh generation, with the caller's stamp;
* `facets.journal`: a write-ahead log of updates after that snapshot. Each record carries
  the Whoosh generation its commit creates and is written before the commit, so a crash
  between the two leaves a record that `open` recognises as never committed.

`rebuild` builds in a temporary folder beside `folder` and swaps it in with renames: a
failure leaves the old index (or none), never a half-built one.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import shutil
import struct
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index

from uzkz_desktop.search import _whoosh as wh
from uzkz_desktop.search._build import index_in_parallel, index_serially
from uzkz_desktop.search.analysis import QueryWord, analysis_fingerprint, query_variants
from uzkz_desktop.search.engine import (
    AllOf,
    AnyOf,
    DateFilter,
    Executor,
    FacetFilter,
    Group,
    Node,
    Not,
    Outcome,
    Phrase,
    PostingsCache,
    Segment,
    Term,
    TermSet,
    is_scoring,
)
from uzkz_desktop.search.facets import EventFacts, FacetStore
from uzkz_desktop.search.highlight import HighlightSpec, highlight, make_spec
from uzkz_desktop.search.model import (
    Hit,
    IndexDamaged,
    IndexDoc,
    IndexStale,
    SearchFilters,
    SearchResult,
    Snippet,
)
from uzkz_desktop.search.query import STOPWORDS, Compiled, compile_query
from uzkz_desktop.search.thesaurus import thesaurus

__all__ = [
    "FORMAT_VERSION",
    "Hit",
    "IndexDamaged",
    "IndexDoc",
    "IndexStale",
    "SearchFilters",
    "SearchIndex",
    "SearchResult",
    "Snippet",
    "index_version",
]

FORMAT_VERSION = "uzkz-search-2"
_META = "uzkz-search.json"
_SNAPSHOT = "facets.pickle"
_JOURNAL = "facets.journal"
_JOURNAL_LIMIT = 8 << 20  # bytes; a bigger journal is folded into the snapshot
_FEW_HITS = 3  # below this, "did you mean" is offered
_PARALLEL_FROM = 2000  # documents; fewer are indexed in one process
# Merging: an update merges the segments of at most _TINY_SEGMENT documents (those of single
# updates) once there are _TINY_MERGE_COUNT of them (tens of ms, every eighth update);
# close() and merge_small_segments() merge everything up to _MEDIUM_SEGMENT documents, and
# an update does that too when there are _MAX_SEGMENTS segments (rarely).
_TINY_SEGMENT = 4
_TINY_MERGE_COUNT = 8
_MEDIUM_SEGMENT = 20_000
_MAX_SEGMENTS = 24
_MERGE_AT_CLOSE = 4  # close() merges when there are more segments than this
_WRITE_TIMEOUT = 10.0  # seconds to wait for Whoosh's write lock
_TIER = 1000.0  # a hit's score is tier x 1000 + BM25 (see engine)
_EXACT_BONUS = 0.5


def index_version() -> str:
    """What the index format depends on besides the archive: part of the caller's stamp."""
    return f"{FORMAT_VERSION}:{analysis_fingerprint()}"


def _facts(doc: IndexDoc) -> EventFacts:
    return EventFacts(
        category=doc.category,
        tags=tuple(doc.tags),
        sources=tuple(doc.source_keys),
        languages=tuple(doc.languages),
        entities=tuple(doc.entities),
        start_day=doc.start_day,
        end_day=doc.end_day,
        year_start=doc.year_start,
        year_end=doc.year_end,
    )


_TITLE_SEPARATOR = " · "  # a title may hold one version per language: "Road map · Yoʻl xaritasi"


def _title_parts(title: str) -> list[tuple[int, str]]:
    """(offset, piece) of a title's language versions, each analysed in its own language."""
    parts: list[tuple[int, str]] = []
    offset = 0
    for piece in title.split(_TITLE_SEPARATOR):
        parts.append((offset, piece))
        offset += len(piece) + len(_TITLE_SEPARATOR)
    return parts


def _fields(doc: IndexDoc, store_texts: bool) -> dict[str, Any]:
    parts: list[tuple[str | None, str]] = [(None, piece) for _, piece in _title_parts(doc.title)]
    parts.extend((language, text) for _, text, language, _, _ in doc.texts)
    if doc.entities:
        parts.append(("und", " ; ".join(doc.entities)))  # names: protected in any language
    fields: dict[str, Any] = {
        wh.BODY: wh.encode_parts(parts),
        wh.EVENT: str(doc.event_id),
        wh.EVENT_COLUMN: doc.event_id,
    }
    if store_texts:
        fields[wh.TEXTS] = (doc.title, tuple(doc.texts))
    return fields


# --- journal ------------------------------------------------------------------------------

_LENGTH = struct.Struct("<I")


@dataclass(frozen=True)
class _Record:
    generation: int
    stamp: str
    puts: tuple[tuple[int, EventFacts], ...]
    deletes: tuple[int, ...]


def _read_journal(path: Path) -> list[_Record]:
    records: list[_Record] = []
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return records
    position = 0
    while position + _LENGTH.size <= len(data):
        (length,) = _LENGTH.unpack_from(data, position)
        start = position + _LENGTH.size
        if start + length > len(data):
            break  # a record cut short by a crash: never committed
        try:
            record = pickle.loads(data[start : start + length])
        except Exception:
            break
        if isinstance(record, _Record):
            records.append(record)
        position = start + length
    return records


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


# --- the index ----------------------------------------------------------------------------


class SearchIndex:
    """An open search index. Not thread-safe by itself: calls are serialised with a lock."""

    def __init__(
        self, folder: Path, ix: Any, store: FacetStore, stamp: str, meta: dict[str, Any]
    ) -> None:
        self.folder = folder
        self._ix = ix
        self._store = store
        self._stamp = stamp
        self._store_texts = bool(meta.get("store_texts", False))
        self._lock = threading.RLock()
        self._readers: list[tuple[Any, int]] = []
        self._postings = PostingsCache()
        self._executor: Executor | None = None
        self._segment_cache: dict[str, tuple[Any, ...]] = {}
        self._frequencies: dict[str, int] = {}  # document_frequencies of this generation
        self._closed = False

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, *, stamp: str) -> SearchIndex:
        """Open the index in `folder`; IndexStale if missing or built for another `stamp`
        (or another analyser version), IndexDamaged if it cannot be read."""
        folder = Path(folder)
        meta_path = folder / _META
        if not meta_path.exists():
            if folder.is_dir() and any(folder.iterdir()):
                raise IndexDamaged(f"{folder}: the search index is incomplete")
            raise IndexStale(f"{folder}: there is no search index yet")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("not an object")
        except (OSError, ValueError) as problem:
            raise IndexDamaged(f"{folder}: the search index description is unreadable") from problem
        if meta.get("format") != FORMAT_VERSION or meta.get("analysis") != analysis_fingerprint():
            raise IndexStale(f"{folder}: the search index was built by another version")
        failure = None
        with warnings.catch_warnings():
            # Whoosh leaves a file open when it fails on a damaged table of contents
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = whoosh_index.open_dir(str(folder))
                generation = ix.latest_generation()
                store, stored_stamp = cls._load_store(folder, generation)
            except (IndexStale, IndexDamaged):
                raise
            except Exception as problem:
                failure = f"{type(problem).__name__}: {problem}"
            gc.collect()
        if failure is not None:
            raise IndexDamaged(f"{folder}: the search index cannot be read ({failure})")
        if stored_stamp != stamp:
            ix.close()
            raise IndexStale(f"{folder}: the search index is older than the archive")
        index = cls(folder, ix, store, stamp, meta)
        try:
            index._prepare()
        except Exception as problem:
            index.close()
            raise IndexDamaged(
                f"{folder}: the search index cannot be read ({problem})"
            ) from problem
        return index

    @staticmethod
    def _load_store(folder: Path, generation: int) -> tuple[FacetStore, str]:
        try:
            snapshot = pickle.loads((folder / _SNAPSHOT).read_bytes())
            base_generation = int(snapshot["generation"])
            stamp = str(snapshot["stamp"])
            store = FacetStore.from_state(snapshot["state"])
        except Exception as problem:
            raise IndexDamaged(f"{folder}: the search facets are unreadable") from problem
        reached = base_generation
        for record in _read_journal(folder / _JOURNAL):
            if record.generation <= base_generation or record.generation > generation:
                continue  # already in the snapshot, or written before a commit that failed
            for event_id, facts in record.puts:
                store.put(event_id, facts)
            for event_id in record.deletes:
                store.delete(event_id)
            stamp = record.stamp
            reached = record.generation
        if reached != generation:
            raise IndexStale(f"{folder}: the search facets lag behind the index")
        return store, stamp

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def rebuild(
        cls,
        folder: Path,
        docs: Iterable[IndexDoc],
        *,
        stamp: str,
        total: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        procs: int = 2,
        store_texts: bool = False,
    ) -> SearchIndex:
        """Index `docs` from scratch into `folder`, replacing what is there atomically."""
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        building = folder.with_name(f".{folder.name}.building-{uuid.uuid4().hex[:8]}")
        building.mkdir()
        try:
            cls._build(building, docs, stamp, total, progress, procs, store_texts)
            cls._swap(building, folder)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        return cls.open(folder, stamp=stamp)

    @staticmethod
    def _build(
        building: Path,
        docs: Iterable[IndexDoc],
        stamp: str,
        total: int | None,
        progress: Callable[[int, int], None] | None,
        procs: int,
        store_texts: bool,
    ) -> None:
        ix = whoosh_index.create_in(str(building), wh.make_schema(store_texts=store_texts))
        if total is None and isinstance(docs, Sized):
            total = len(docs)
        parallel = procs > 1 and (total is None or total >= _PARALLEL_FROM)
        store = FacetStore()
        counter = [0]

        def documents() -> Iterator[dict[str, Any]]:
            for doc in docs:
                if doc.event_id in store.row_of:
                    raise ValueError(f"event {doc.event_id} is given twice")
                store.put(doc.event_id, _facts(doc))
                yield _fields(doc, store_texts)

        def step() -> None:
            counter[0] += 1
            if progress is not None and counter[0] % 500 == 0:
                progress(counter[0], total or 0)

        if parallel:
            index_in_parallel(ix, str(building), documents(), procs, step)
        else:
            index_serially(ix, documents(), step)
        added = counter[0]
        ix = whoosh_index.open_dir(str(building))
        if ix.doc_count() != added:
            raise IndexDamaged(f"indexing lost documents: {ix.doc_count()} of {added} indexed")
        snapshot = {"generation": ix.latest_generation(), "stamp": stamp, "state": store.state()}
        _write_atomically(
            building / _SNAPSHOT, pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        )
        meta = {
            "format": FORMAT_VERSION,
            "analysis": analysis_fingerprint(),
            "store_texts": store_texts,
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "events": added,
        }
        _write_atomically(building / _META, json.dumps(meta, indent=1).encode("utf-8"))
        ix.close()
        if progress is not None:
            progress(added, total or added)

    @staticmethod
    def _swap(building: Path, folder: Path) -> None:
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
            os.replace(folder, old)
        os.replace(building, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    # --- updating -----------------------------------------------------------------------------

    def update(self, docs: Iterable[IndexDoc], *, stamp: str) -> None:
        """Replace (or add) these events' documents; `stamp` is the archive's new stamp."""
        docs = list(docs)
        self._write([(doc.event_id, doc) for doc in docs], [], stamp)

    def delete(self, event_ids: Iterable[int], *, stamp: str) -> None:
        """Remove these events (unknown ids are ignored)."""
        self._write([], list(event_ids), stamp)

    def merge_small_segments(self) -> None:
        """Merge the small segments that updates leave behind (Whoosh's MERGE_SMALL policy).

        Updates do not merge (a merge would make one of them take much longer than the
        rest); this runs when they have left many segments, at `close`, or when the caller
        has a quiet moment.
        """
        with self._lock:
            self._check_open()
            self._write([], [], self._stamp, merge=wh.merge_segments_up_to(_MEDIUM_SEGMENT, 2))

    def _write(
        self,
        puts: Sequence[tuple[int, IndexDoc]],
        deletes: Sequence[int],
        stamp: str,
        *,
        merge: Callable[[Any, list[Any]], list[Any]] | None = None,
    ) -> None:
        with self._lock:
            self._check_open()
            if merge is None:
                segments = len(self._executor.segments) if self._executor else 0
                if segments >= _MAX_SEGMENTS:
                    merge = wh.merge_segments_up_to(_MEDIUM_SEGMENT, 2)
                else:
                    merge = wh.merge_segments_up_to(_TINY_SEGMENT, _TINY_MERGE_COUNT)
            writer = wh.FastSegmentWriter(self._ix, timeout=_WRITE_TIMEOUT, codec=wh.codec())
            try:
                record = _Record(
                    generation=writer.generation,
                    stamp=stamp,
                    puts=tuple((event_id, _facts(doc)) for event_id, doc in puts),
                    deletes=tuple(deletes),
                )
                self._append(record)
                # The writer's docnums are those of the current generation (we hold the
                # lock and no one else writes), so deletions come from our own arrays
                # instead of a Whoosh searcher over every segment.
                replaced = [event_id for event_id, _ in puts]
                for docnum in self._docnums_of([*deletes, *replaced]):
                    writer.delete_document(docnum)
                for _, doc in puts:
                    writer.add_document(**_fields(doc, self._store_texts))
                writer.commit(mergetype=merge)
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.cancel()
                raise
            for event_id, facts in record.puts:
                self._store.put(event_id, facts)
            for event_id in record.deletes:
                self._store.delete(event_id)
            self._stamp = stamp
            self._refresh()
            if (self.folder / _JOURNAL).stat().st_size > _JOURNAL_LIMIT:
                self._snapshot()

    def _append(self, record: _Record) -> None:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        # No fsync: Whoosh does not sync its commits either. After a power loss the two may
        # disagree, which `open` detects (IndexStale: rebuild); a crashed process loses nothing.
        with (self.folder / _JOURNAL).open("ab") as handle:
            handle.write(_LENGTH.pack(len(data)) + data)

    def _snapshot(self) -> None:
        snapshot = {
            "generation": self._ix.latest_generation(),
            "stamp": self._stamp,
            "state": self._store.state(),
        }
        _write_atomically(
            self.folder / _SNAPSHOT, pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        )
        with contextlib.suppress(FileNotFoundError):
            (self.folder / _JOURNAL).unlink()

    # --- searching ------------------------------------------------------------------------------

    @property
    def stamp(self) -> str:
        return self._stamp

    @property
    def event_count(self) -> int:
        return int(self._store.live_count())

    def document_frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        """How many events' documents hold each index key (a word's rarity, for weighting
        it outside a search: duplicates). Replaced documents count until segments merge."""
        with self._lock:
            self._check_open()
            executor = self._executor
            assert executor is not None
            known, wanted = self._frequencies, set(keys)
            for key in wanted - known.keys():
                known[key] = executor.document_frequency(key)
            return {key: known[key] for key in wanted}

    def _check_open(self) -> None:
        if self._closed:
            raise IndexDamaged(f"{self.folder}: the search index is closed")

    def _prepare(self) -> None:
        self._executor = self._make_executor()
        thesaurus()  # built here rather than during the first search

    def _refresh(self) -> None:
        self._executor = self._make_executor()
        self._frequencies.clear()

    def _open_readers(self) -> list[tuple[Any, int]]:
        """(segment reader, first docnum) of the latest generation.

        A reader of a segment whose id and deletions are unchanged is kept (Whoosh's own
        refresh means to do that but keys its cache wrongly and reopens everything); the
        readers of segments that are gone or changed are closed.
        """
        previous = {wh.reader_key(reader): reader for reader, _ in self._readers}
        readers: list[tuple[Any, int]] = []
        offset = 0
        for segment in wh.latest_segments(self._ix):
            reader = previous.pop(wh.segment_key(segment), None)
            if reader is None:
                reader = wh.open_segment(self._ix, segment)
            readers.append((reader, offset))
            offset += segment.doc_count_all()
        for unused in previous.values():
            with contextlib.suppress(Exception):
                unused.close()
        self._readers = readers
        return readers

    def _make_executor(self) -> Executor:
        segments: list[Segment] = []
        live_ids: set[str] = set()
        for leaf, offset in self._open_readers():
            segment_id = wh.segment_id(leaf)
            live_ids.add(segment_id)
            cached = self._segment_cache.get(segment_id)
            if cached is None or cached[0] != leaf.doc_count_all():
                event_ids = wh.read_event_ids(leaf)
                cached = (
                    leaf.doc_count_all(),
                    event_ids,
                    self._store.rows_for(event_ids),
                    wh.read_lengths(leaf, wh.BODY),
                )
                self._segment_cache[segment_id] = cached
            _, event_ids, rows, lengths = cached
            segments.append(
                Segment(
                    reader=leaf,
                    offset=offset,
                    size=leaf.doc_count_all(),
                    deleted=wh.deleted_mask(leaf),
                    lengths=lengths,
                    event_ids=event_ids,
                    rows=rows,
                    key=wh.reader_key(leaf),
                )
            )
        for stale in set(self._segment_cache) - live_ids:
            del self._segment_cache[stale]
        self._postings.keep_only({segment.key for segment in segments})
        return Executor(segments, self._store, self._postings)

    def _docnums_of(self, event_ids: Iterable[int]) -> list[int]:
        """Live documents of these events, as global docnums of the current generation."""
        assert self._executor is not None
        wanted = np.fromiter(event_ids, dtype=np.int64)
        found: list[int] = []
        for segment in self._executor.segments:
            hits = np.flatnonzero(np.isin(segment.event_ids, wanted) & ~segment.deleted)
            found.extend((hits + segment.offset).tolist())
        return found

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        texts: Callable[[int], IndexDoc] | None = None,
        filters: SearchFilters | None = None,
    ) -> SearchResult:
        """Search; never raises for a malformed query (see `SearchResult.notice`).

        `texts(event_id)` gives the event's texts for snippets (the archive); without it the
        snippets come from the index if it stores texts, else snippets are empty.
        """
        with self._lock:
            self._check_open()
            compiled = compile_query(query)
            plan = _with_filters(compiled.plan, filters)
            if plan is None:
                return SearchResult((), 0, {}, None, compiled.notice, ())
            try:
                return self._search(compiled, plan, max(0, limit), texts, filters)
            except (IndexStale, IndexDamaged):
                raise
            except Exception as problem:
                raise IndexDamaged(f"{self.folder}: searching failed ({problem})") from problem

    def _search(
        self,
        compiled: Compiled,
        plan: Node,
        limit: int,
        texts: Callable[[int], IndexDoc] | None,
        filters: SearchFilters | None,
    ) -> SearchResult:
        executor = self._executor
        assert executor is not None
        scoring = is_scoring(plan)
        notices = [compiled.notice] if compiled.notice else []
        outcome = executor.run(plan, limit, scoring)
        if outcome.total == 0 and compiled.relaxed is not None:
            relaxed = _with_filters(compiled.relaxed, filters)
            assert relaxed is not None
            outcome = executor.run(relaxed, limit, scoring)
            if outcome.total:
                notices.append("No event has all the words: showing events with some of them.")
                plan = relaxed
        facets = self._store.counts(outcome.rows)
        spec = self._highlight_spec(executor, plan, compiled.words)
        hits = self._hits(outcome, spec, texts)
        did_you_mean = None
        if outcome.total < _FEW_HITS and compiled.words:
            did_you_mean = self._did_you_mean(compiled.source, compiled.words)
        return SearchResult(
            hits=hits,
            total=outcome.total,
            facets=facets,
            did_you_mean=did_you_mean,
            notice=" ".join(notices) or None,
            query_terms=tuple(sorted(spec.keys)),
        )

    def _highlight_spec(
        self, executor: Executor, plan: Node, words: Sequence[QueryWord]
    ) -> HighlightSpec:
        keys: dict[str, None] = {}
        phrases: list[tuple[tuple[str, ...], ...]] = []
        for node in _positive_nodes(plan):
            if isinstance(node, Term):
                keys[node.key] = None
            elif isinstance(node, Phrase):
                if len(node.positions) == 1:
                    keys.update(dict.fromkeys(node.positions[0]))
                else:
                    phrases.append(node.positions)
            elif isinstance(node, TermSet):
                keys.update(dict.fromkeys(executor.expand(node)))
        exacts = [exact for word in words for exact in word.exacts]
        return make_spec(keys, phrases, exacts)

    def _hits(
        self, outcome: Outcome, spec: HighlightSpec, texts: Callable[[int], IndexDoc] | None
    ) -> tuple[Hit, ...]:
        hits: list[tuple[tuple[float, float, int], Hit]] = []
        for rank, (docnum, event_id, score) in enumerate(
            zip(
                outcome.top_docnums.tolist(),
                outcome.top_event_ids.tolist(),
                outcome.top_scores.tolist(),
                strict=True,
            )
        ):
            tier = float(score // _TIER)
            doc = self._texts_of(int(docnum), int(event_id), texts)
            if doc is None:
                hits.append(((-tier, -(score - tier * _TIER), rank), Hit(int(event_id), score, ())))
                continue
            snippets, title_spans, exact = _snippets(doc, spec)
            # within a tier of the page, exact forms of the typed words count a little
            order = (-tier, -(score - tier * _TIER + _EXACT_BONUS * exact), rank)
            hits.append((order, Hit(int(event_id), score, snippets, title_spans)))
        hits.sort(key=lambda item: item[0])
        return tuple(hit for _, hit in hits)

    def _stored_fields(self, docnum: int) -> dict[str, Any]:
        for reader, offset in reversed(self._readers):
            if docnum >= offset:
                fields: dict[str, Any] = reader.stored_fields(docnum - offset)
                return fields
        return {}

    def _texts_of(
        self, docnum: int, event_id: int, texts: Callable[[int], IndexDoc] | None
    ) -> IndexDoc | None:
        if texts is not None:
            try:
                return texts(event_id)
            except (KeyError, LookupError):
                return None
        if not self._store_texts:
            return None
        stored = self._stored_fields(docnum).get(wh.TEXTS)
        if not stored:
            return None
        title, excerpt_texts = stored
        facts = self._store.facts(event_id)
        return IndexDoc(
            event_id=event_id,
            title=title,
            texts=tuple(excerpt_texts),
            category=facts.category if facts else "",
            tags=(),
            start_day=facts.start_day if facts else 0,
            end_day=facts.end_day if facts else 0,
            year_start=facts.year_start if facts else 0,
            year_end=facts.year_end if facts else 0,
            source_keys=(),
            languages=(),
            entities=(),
        )

    # --- suggestions ----------------------------------------------------------------------------

    def suggest(self, word: str, *, limit: int = 5) -> list[str]:
        """Index words close to `word` (1–2 edits), most frequent first: "did you mean"."""
        with self._lock:
            self._check_open()
            executor = self._executor
            assert executor is not None
            variants = query_variants(word)
            if len(variants) != 1 or variants[0].entity:
                return []  # several words, or a known name
            typed = variants[0]
            own = set(typed.terms)
            form = typed.text.casefold().replace("ʻ", "").replace("ʼ", "")
            candidates: dict[str, int] = {}
            for distance in (1, 2):
                if len(form) < 4 * distance:
                    break
                for text in {form, *typed.terms}:
                    for term in executor.terms_within(text, distance):
                        if term not in own and term not in candidates:
                            candidates[term] = distance
                if candidates:
                    break
            ranked = sorted(
                candidates,
                key=lambda term: (candidates[term], -executor.document_frequency(term), term),
            )
            return ranked[:limit]

    def _did_you_mean(self, query: str, words: Sequence[QueryWord]) -> str | None:
        assert self._executor is not None
        changed = query
        replaced = False
        for word in words:
            if word.entity or word.text.casefold() in STOPWORDS:
                continue
            frequency = max(self._executor.document_frequency(term) for term in word.terms)
            if frequency >= _FEW_HITS:
                continue
            options = self.suggest(word.raw, limit=1)
            at = changed.find(word.raw)
            if options and at >= 0 and self._executor.document_frequency(options[0]) > frequency:
                changed = changed[:at] + options[0] + changed[at + len(word.raw) :]
                replaced = True
        return changed if replaced and changed != query else None

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            if self._executor is not None and len(self._executor.segments) > _MERGE_AT_CLOSE:
                with contextlib.suppress(Exception):
                    self.merge_small_segments()
            self._closed = True
            for reader, _ in self._readers:
                with contextlib.suppress(Exception):
                    reader.close()
            self._readers = []
            with contextlib.suppress(Exception):
                if (self.folder / _JOURNAL).exists():
                    self._snapshot()
            with contextlib.suppress(Exception):
                self._ix.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _positive_nodes(plan: Node) -> Iterator[Node]:
    if isinstance(plan, Not):
        return
    yield plan
    if isinstance(plan, Group):
        for alt in plan.alts:
            yield from _positive_nodes(alt.node)
    elif isinstance(plan, AllOf | AnyOf):
        for child in plan.children:
            yield from _positive_nodes(child)


def _snippets(
    doc: IndexDoc, spec: HighlightSpec
) -> tuple[tuple[Snippet, ...], tuple[tuple[int, int], ...], float]:
    snippets: list[Snippet] = []
    exact = 0
    for excerpt_id, text, language, source_key, page in doc.texts:
        found = highlight(text, language, spec)
        if found.spans:
            snippets.append(Snippet(excerpt_id, text, found.spans, source_key, page))
            exact += found.exact_matches
    if not snippets and doc.texts:
        excerpt_id, text, _, source_key, page = doc.texts[0]
        snippets.append(Snippet(excerpt_id, text, (), source_key, page))
    title_spans = [
        (offset + start, offset + end)
        for offset, piece in _title_parts(doc.title)
        for start, end in highlight(piece, None, spec).spans
    ]
    return tuple(snippets), tuple(title_spans), float(min(exact, 5))


def _with_filters(plan: Node | None, filters: SearchFilters | None) -> Node | None:
    if filters is None:
        return plan
    extra: list[Node] = []
    for facet, values in (
        ("category", filters.categories),
        ("source", filters.sources),
        ("language", filters.languages),
        ("entity", filters.entities),
    ):
        if values:
            extra.append(FacetFilter(facet, tuple(values)))
    if filters.all_tags:
        extra.extend(FacetFilter("tag", (tag,)) for tag in dict.fromkeys(filters.tags))
    elif filters.tags:
        extra.append(FacetFilter("tag", tuple(filters.tags)))
    if filters.exclude_tags:
        extra.append(Not(FacetFilter("tag", tuple(filters.exclude_tags))))
    if filters.start_day is not None or filters.end_day is not None:
        extra.append(DateFilter(filters.start_day, filters.end_day))
    if not extra:
        return plan
    if plan is None:
        return extra[0] if len(extra) == 1 else AllOf(tuple(extra))
    return AllOf((*extra, plan))
