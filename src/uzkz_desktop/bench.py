"""`uzkz bench`: the speed figures, measured here and now, printed as JSON.

Benchmarks report; they never pass or fail. Every figure names what it measured.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.ingest.extract import extract_document
from uzkz_desktop.ingest.readers import read_document


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bench_extraction(target_bytes: int = 2_000_000, repeats: int = 3) -> dict[str, float]:
    """Clean-up + extraction throughput on the corpus, each article repeated to size.

    Each article is repeated whole (headers, footnotes and all) until the five together
    weigh about `target_bytes` of UTF-8, then cleaned and extracted as five documents.
    """
    corpus = sorted((resources_dir() / "corpus").glob("*.txt"))
    documents = [read_document(path) for path in corpus]
    share = target_bytes // max(len(documents), 1)
    scaled = []
    for document in documents:
        times = max(1, share // len(document.text.encode("utf-8")))
        text = "\n\n".join([document.text] * times)
        scaled.append(_replace_text(document, text))
    size = sum(len(d.text.encode("utf-8")) for d in scaled)
    seconds = [
        sum(_timed(lambda d=d: extract_document(d)) for d in scaled) for _ in range(repeats)
    ]
    best = min(seconds)
    return {
        "extract_input_mb": round(size / 1e6, 3),
        "extract_seconds_best": round(best, 3),
        "extract_seconds_median": round(statistics.median(seconds), 3),
        "extract_mb_per_s": round(size / 1e6 / best, 2),
    }


def _replace_text(document: object, text: str) -> object:
    from dataclasses import replace

    return replace(document, text=text, page_starts=None)  # type: ignore[type-var]


def run_all(events: list[int], work_dir: Path) -> dict[str, object]:
    figures: dict[str, object] = {"extraction": bench_extraction()}
    return figures
