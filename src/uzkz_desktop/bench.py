"""`uzkz bench`: the speed figures, measured here and now, printed as JSON.

Benchmarks report; they never pass or fail. Every figure names what it measured.
CPU time is reported beside wall time: on a shared machine the wall clock also counts
the other processes.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.ingest.extract import extract_document
from uzkz_desktop.ingest.readers import RawDocument, read_document


def _timed(action: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    started = clock()
    action()
    return clock() - started


def scaled_corpus(target_bytes: int) -> list[RawDocument]:
    """The five articles, each repeated whole (headers, footnotes and all) to size."""
    documents = [read_document(p) for p in sorted((resources_dir() / "corpus").glob("*.txt"))]
    share = target_bytes // max(len(documents), 1)
    scaled = []
    for document in documents:
        times = max(1, share // len(document.text.encode("utf-8")))
        text = "\n\n".join([document.text] * times)
        scaled.append(replace(document, text=text, page_starts=None))
    return scaled


def bench_extraction(target_bytes: int = 2_000_000, repeats: int = 3) -> dict[str, float]:
    """Clean-up + extraction throughput on the corpus scaled to about `target_bytes`."""
    documents = scaled_corpus(target_bytes)
    size_mb = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    extract_document(documents[-1])  # warm up: the gazetteer and classifier compile once

    def run_all(clock: Callable[[], float]) -> float:
        return sum(_timed(partial(extract_document, d), clock) for d in documents)

    wall = [run_all(time.perf_counter) for _ in range(repeats)]
    cpu = [run_all(time.process_time) for _ in range(repeats)]
    return {
        "extract_input_mb": round(size_mb, 3),
        "extract_wall_s_best": round(min(wall), 3),
        "extract_wall_s_median": round(statistics.median(wall), 3),
        "extract_mb_per_s_wall": round(size_mb / min(wall), 2),
        "extract_mb_per_s_cpu": round(size_mb / min(cpu), 2),
    }
