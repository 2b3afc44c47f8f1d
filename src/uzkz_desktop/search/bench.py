"""Speed of the search core: reindex, one-event update, whole searches (p50/p95).

    python -m uzkz_desktop.search.bench 10000 100000

A "whole search" is what the UI waits for: parse + expansion + execution over all matches
+ facet counts + 20 hits with highlighted snippets. Snippet texts come through the `texts`
callback from an SQLite table of excerpts (as the archive will give them); the callback's
own cost is reported too. Each query runs once to warm up the process, then
`repeats` times with the postings cache emptied before every run ("cold": the figure to
trust) and `repeats` times with it kept ("warm": a teacher refining a query).

Timings are wall-clock on whatever else the machine is doing; run it on an idle machine.
CPU figures (`*_cpu_*`) are given too: on a busy machine they are the fairer estimate of
what an idle one would show. `resource` is POSIX-only: run the bench on Linux or macOS.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from uzkz_desktop.search.engine import Executor
from uzkz_desktop.search.index import SearchIndex
from uzkz_desktop.search.model import IndexDoc
from uzkz_desktop.search.synthetic import synthetic_docs

__all__ = ["QUERY_MIX", "bench_search"]

# (kind, query): one-word, two-word, phrase, prefix, fielded, cross-language, fuzzy.
QUERY_MIX: tuple[tuple[str, str], ...] = (
    ("one-word", "hamkorlik"),
    ("one-word", "Qozog'iston"),
    ("one-word", "savdo"),
    ("one-word", "chegara"),
    ("one-word", "сотрудничество"),
    ("one-word", "Toshkent"),
    ("one-word", "tourism"),
    ("one-word", "mintaqaviy"),
    ("two-word", "iqtisodiy hamkorlik"),
    ("two-word", "madaniy aloqalar"),
    ("two-word", "Tokayev Mirziyoyev"),
    ("two-word", "strategik sheriklik"),
    ("two-word", "transport loyihalar"),
    ("two-word", "Kazakhstan cooperation"),
    ("phrase", '"Markaziy Osiyo"'),
    ("phrase", '"ikki davlat"'),
    ("phrase", '"savdo aylanmasi"'),
    ("phrase", '"strategik sheriklik"'),
    ("phrase", '"ikki tomonlama hamkorlik"'),
    ("prefix", "hamkor*"),
    ("prefix", "iqtisod*"),
    ("prefix", "madan*"),
    ("prefix", "сотрудн*"),
    ("prefix", "investits*"),
    ("fielded", "category:energy elektr"),
    ("fielded", "tag:culture hamkorlik"),
    ("fielded", "date:2010..2015 savdo"),
    ("fielded", "lang:ru сотрудничество"),
    ("fielded", "year:2023 category:diplomacy"),
    ("fielded", "category:diplomacy Tokayev"),
    ("cross-language", "railway"),
    ("cross-language", "посол"),
    ("cross-language", "Қозоғистон"),
    ("cross-language", "trade turnover"),
    ("cross-language", "железная дорога"),
    ("cross-language", "culture days"),
    ("cross-language", "state visit"),
    ("cross-language", "water"),
    ("fuzzy", "hamkorlk~"),
    ("fuzzy", "Tokaev~"),
    ("fuzzy", "iqtisodyi~"),
)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _sqlite_texts(docs: Iterable[IndexDoc], folder: Path) -> Callable[[int], IndexDoc]:
    """The archive's side of snippets: events and excerpts in SQLite, one query per event."""
    connection = sqlite3.connect(folder / "texts.sqlite", check_same_thread=False)
    connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)")
    connection.execute(
        "CREATE TABLE excerpts (id INTEGER PRIMARY KEY, event_id INTEGER, text TEXT, "
        "language TEXT, source_key TEXT, page TEXT)"
    )
    connection.execute("CREATE INDEX excerpts_event ON excerpts (event_id)")
    shells: dict[int, IndexDoc] = {}
    for doc in docs:
        connection.execute("INSERT INTO events VALUES (?, ?)", (doc.event_id, doc.title))
        connection.executemany(
            "INSERT INTO excerpts VALUES (?, ?, ?, ?, ?, ?)",
            [(e, doc.event_id, text, lang, src, page) for e, text, lang, src, page in doc.texts],
        )
        shells[doc.event_id] = replace(doc, title="", texts=())
    connection.commit()

    def texts(event_id: int) -> IndexDoc:
        title = connection.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()
        rows = connection.execute(
            "SELECT id, text, language, source_key, page FROM "
            "excerpts WHERE event_id = ? ORDER BY id",
            (event_id,),
        ).fetchall()
        return replace(shells[event_id], title=title[0], texts=tuple(rows))

    return texts


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its finished children (the indexing workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def bench_search(
    folder: Path,
    docs_factory: Callable[[int], Iterable[IndexDoc]] = synthetic_docs,
    n_events: int = 10_000,
    *,
    repeats: int = 3,
    procs: int = 2,
    compare_stored_texts: bool = False,
) -> dict[str, float]:
    """Build an index of `n_events` in `folder` and time reindex, update and searches."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    docs = list(docs_factory(n_events))
    by_id = {doc.event_id: doc for doc in docs}
    figures: dict[str, float] = {
        "events": len(docs),
        "excerpts": sum(len(doc.texts) for doc in docs),
    }
    index_folder = folder / "index"
    own_before, children_before = _cpu()
    started = time.perf_counter()
    index = SearchIndex.rebuild(index_folder, docs, stamp="bench-1", total=len(docs), procs=procs)
    figures["reindex_s"] = round(time.perf_counter() - started, 2)
    own_after, children_after = _cpu()
    figures["reindex_cpu_s_parent"] = round(own_after - own_before, 2)
    figures["reindex_cpu_s_workers"] = round(children_after - children_before, 2)
    figures["index_mb"] = round(_folder_mb(index_folder), 1)
    index.close()
    started = time.perf_counter()
    index = SearchIndex.open(index_folder, stamp="bench-1")
    figures["open_ms"] = round((time.perf_counter() - started) * 1000, 1)

    texts = _sqlite_texts(docs, folder)
    fetch = []
    for event_id in random.Random(7).sample(sorted(by_id), min(200, len(by_id))):
        started = time.perf_counter()
        texts(event_id)
        fetch.append(time.perf_counter() - started)
    figures["texts_callback_ms_per_event"] = round(statistics.median(fetch) * 1000, 3)

    def executor_of() -> Executor | None:
        return index._executor  # the bench empties the postings cache on purpose

    cold: dict[str, list[float]] = {}
    cold_cpu: list[float] = []
    warm: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for kind, query in QUERY_MIX:
        totals[query] = index.search(query, texts=texts).total  # warm-up of the process
        for _ in range(repeats):
            executor = executor_of()
            assert executor is not None
            executor.clear_cache()
            cpu = time.thread_time()
            started = time.perf_counter()
            index.search(query, texts=texts)
            cold.setdefault(kind, []).append(time.perf_counter() - started)
            cold_cpu.append(time.thread_time() - cpu)
        for _ in range(repeats):
            started = time.perf_counter()
            index.search(query, texts=texts)
            warm.setdefault(kind, []).append(time.perf_counter() - started)
    every_cold = [value for values in cold.values() for value in values]
    every_warm = [value for values in warm.values() for value in values]
    figures["search_ms_p50"] = round(_percentile(every_cold, 0.5) * 1000, 1)
    figures["search_ms_p95"] = round(_percentile(every_cold, 0.95) * 1000, 1)
    figures["search_ms_max"] = round(max(every_cold) * 1000, 1)
    figures["search_cpu_ms_p50"] = round(_percentile(cold_cpu, 0.5) * 1000, 1)
    figures["search_cpu_ms_p95"] = round(_percentile(cold_cpu, 0.95) * 1000, 1)
    figures["search_warm_ms_p50"] = round(_percentile(every_warm, 0.5) * 1000, 1)
    figures["search_warm_ms_p95"] = round(_percentile(every_warm, 0.95) * 1000, 1)
    for kind, values in cold.items():
        figures[f"search_ms_p95_{kind}"] = round(_percentile(values, 0.95) * 1000, 1)
    figures["mean_hits_per_query"] = round(statistics.mean(totals.values()), 1)

    updates = []
    updates_cpu = []
    rng = random.Random(11)
    for number, event_id in enumerate(rng.sample(sorted(by_id), min(20, len(by_id)))):
        changed = replace(by_id[event_id], title=by_id[event_id].title + " (tahrir)")
        cpu = time.thread_time()
        started = time.perf_counter()
        index.update([changed], stamp=f"bench-update-{number}")
        updates.append(time.perf_counter() - started)
        updates_cpu.append(time.thread_time() - cpu)
    figures["update_one_ms_p50"] = round(_percentile(updates, 0.5) * 1000, 1)
    figures["update_one_ms_p95"] = round(_percentile(updates, 0.95) * 1000, 1)
    figures["update_one_cpu_ms_p50"] = round(_percentile(updates_cpu, 0.5) * 1000, 1)
    figures["update_one_cpu_ms_p95"] = round(_percentile(updates_cpu, 0.95) * 1000, 1)
    cpu = time.thread_time()
    started = time.perf_counter()
    index.search("hamkorlik", texts=texts)
    figures["search_after_update_ms"] = round((time.perf_counter() - started) * 1000, 1)
    figures["search_after_update_cpu_ms"] = round((time.thread_time() - cpu) * 1000, 1)
    index.close()

    if compare_stored_texts:
        stored_folder = folder / "index-stored"
        started = time.perf_counter()
        stored = SearchIndex.rebuild(
            stored_folder, docs, stamp="bench-1", total=len(docs), procs=procs, store_texts=True
        )
        figures["reindex_stored_texts_s"] = round(time.perf_counter() - started, 2)
        figures["index_stored_texts_mb"] = round(_folder_mb(stored_folder), 1)
        runs = []
        for _kind, query in QUERY_MIX:
            stored.search(query)
            started = time.perf_counter()
            stored.search(query)
            runs.append(time.perf_counter() - started)
        figures["search_stored_texts_warm_ms_p95"] = round(_percentile(runs, 0.95) * 1000, 1)
        stored.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    sizes = [int(arg) for arg in (argv if argv is not None else sys.argv[1:])] or [10_000]
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="uzkz-search-bench-") as work:
            results[str(size)] = bench_search(
                Path(work), synthetic_docs, size, compare_stored_texts=size <= 20_000
            )
        print(json.dumps({str(size): results[str(size)]}, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
