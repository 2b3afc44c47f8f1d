"""`uzkz bench`: the speed figures, measured here and now, printed as JSON.

Benchmarks report; they never pass or fail. Every figure names what it measured. The
archive, search and startup figures run on a synthetic archive made by `uzkz synth`
(dates clustered as real history is), through the same Session the window uses. CPU time
is reported beside wall time where a shared machine would blur the wall clock.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.ingest.extract import extract_document
from uzkz_desktop.ingest.readers import RawDocument, read_document

# A teacher's and an archivist's mix: one word, two words, a phrase, a prefix, fields,
# other scripts and other languages than the excerpts'.
SEARCH_MIX = (
    "savdo",
    "Qozog'iston",
    "temir yo'l",
    '"strategik sheriklik"',
    "hamkor*",
    "category:energy",
    "year:2024 savdo",
    "date:2019..2021 tashrif",
    "railway",
    "посол",
    "Қозоғистон",
    "Tokaev~",
)


def _timed(action: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    started = clock()
    action()
    return clock() - started


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _percentiles(prefix: str, seconds: Sequence[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        f"{prefix}_p50_ms": _ms(statistics.median(ordered)),
        f"{prefix}_p95_ms": _ms(p95),
        f"{prefix}_max_ms": _ms(ordered[-1]),
    }


# --- extraction -------------------------------------------------------------------------


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
        "extract_mb_per_s_wall": round(size_mb / min(wall), 2),
        "extract_mb_per_s_cpu": round(size_mb / min(cpu), 2),
    }


def bench_import(work: Path) -> dict[str, float]:
    """Importing the five corpus articles into a new archive (read, clean, extract, store)."""
    from uzkz_desktop.archive.archive import Archive
    from uzkz_desktop.ingest.pipeline import ingest_files

    corpus = sorted((resources_dir() / "corpus").glob("*.txt"))
    path = work / "import.db"
    with Archive.open(path, create=True) as archive:
        seconds = _timed(lambda: ingest_files(archive, corpus))
    return {"import_five_articles_s": round(seconds, 3)}


# --- archive, search, timeline on a synthetic archive -----------------------------------


def bench_archive(path: Path, n_events: int) -> dict[str, float]:
    from uzkz_desktop.archive.archive import Archive

    figures: dict[str, float] = {}
    with Archive.open(path, readonly=True) as archive:
        archive.timeline_arrays()  # loads the in-memory snapshot once, as the window does
        rng = random.Random(n_events)
        windows = []
        for _ in range(60):
            year = rng.randint(1992, 2026)
            first = date(year, rng.randint(1, 12), 1)
            windows.append((first, first.replace(year=year + 1)))

        def resolve_window(first: date, last: date) -> int:
            return len(archive.events_between(first, last))

        def build_rows(first: date, last: date) -> list[object]:
            return list(archive.events_between(first, last))

        resolve = [_timed(partial(resolve_window, *w)) for w in windows]
        rows = [_timed(partial(build_rows, *w)) for w in windows]
        figures |= _percentiles("year_window_resolve", resolve)
        figures |= _percentiles("year_window_rows", rows)
        stats = archive.stats()  # the density strip spans the archive, first to last day
        span = (stats.first_day or date(1991, 1, 1), stats.last_day or date(2027, 12, 31))
        figures["month_counts_all_ms"] = _ms(_timed(lambda: archive.month_counts(*span)))
        figures["timeline_arrays_ms"] = _ms(_timed(archive.timeline_arrays))
        some = archive.events_between(date(2024, 1, 1), date(2024, 12, 31))
        if len(some):
            figures["event_detail_ms"] = _ms(_timed(lambda: archive.event(some[0].id)))
    return figures


def bench_search(path: Path) -> dict[str, float]:
    from uzkz_desktop.app import Session

    figures: dict[str, float] = {}
    with Session.open(path) as session:
        figures["reindex_s"] = round(_timed(session.reindex), 2)
        for query in SEARCH_MIX:  # warm: first use of each term list
            session.search(query, limit=20)
        runs = [_timed(partial(session.search, q, limit=20)) for q in SEARCH_MIX * 5]
        figures |= _percentiles("search_20_snippets", runs)
        some = session.archive.events_between(date(2024, 1, 1), date(2024, 12, 31))
        event_id = some[0].id
        title = some[0].title_en

        def edit_one() -> None:
            with session.archive.transaction(actor="bench", action="edit one") as tx:
                tx.update_event(event_id, title_en=title + " ·")
            session.refresh_index([event_id])

        figures["edit_one_event_and_update_index_ms"] = _ms(_timed(edit_one))
    return figures


def bench_tagging(path: Path, n_tagged: int = 1000) -> dict[str, float]:
    """Tagging 1,000 events in one action, search index update included; then undoing it."""
    from uzkz_desktop.app import Session

    with Session.open(path) as session:
        session.index()  # current before the edit, as in the window: updated, not rebuilt
        ids = list(session.archive.timeline_arrays(include_candidates=True).ids)
        chosen = random.Random(n_tagged).sample(ids, min(n_tagged, len(ids)))
        tag = _timed(lambda: session.tag(chosen, ["bench/tagged"]))
        undo = _timed(session.undo)
        # the review queue asks for likely duplicates each time it moves to a candidate
        sample = random.Random(7).sample(ids, min(50, len(ids)))
        session.duplicates(sample[0])  # warm: the index's word frequencies
        times = sorted(_timed(partial(session.duplicates, e)) for e in sample)
    return {
        "tag_1000_events_with_index_s": round(tag, 3),
        "undo_tag_1000_events_with_index_s": round(undo, 3),
        "duplicates_median_ms": _ms(times[len(times) // 2]),
        "duplicates_max_ms": _ms(times[-1]),
    }


def bench_timeline(n_events: int) -> dict[str, float]:
    from uzkz_desktop.ui.bench import bench_timeline_paint

    return bench_timeline_paint(n_events)


def bench_startup(path: Path, repeats: int = 5) -> dict[str, float]:
    """Start-up against an empty PySide6 window, measured in the same run: to the main
    window's first paint (`startup_main_window_ms`, `startup_ratio`), and until its
    timeline shows the archive's events (`startup_data_shown_ms`, `startup_data_ratio`).

    Each main-window run follows an empty-window run; the ratios are the medians of these
    pairs' ratios, so that a change in the machine's speed during the benchmark (frequency
    scaling, other processes) moves both sides of a ratio alike.
    """

    def spawn(*args: str) -> dict[str, float]:
        """Seconds from spawning the probe to each line it prints ("painted", and for the
        main window "loaded")."""
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "uzkz_desktop.ui.startup_probe", *args],
            stdout=subprocess.PIPE,
            text=True,
            env={**_environment(), "QT_QPA_PLATFORM": "offscreen"},
        )
        assert child.stdout is not None
        expected = ("painted",) if args[0] == "empty" else ("painted", "loaded")
        seen: dict[str, float] = {}
        for line in child.stdout:
            seen.setdefault(line.strip(), time.perf_counter() - started)
            if all(name in seen for name in expected):
                break
        child.stdout.close()
        code = child.wait(timeout=120)
        if code != 0 or not all(name in seen for name in expected):
            raise RuntimeError(f"the start-up probe failed: {args} (exit {code}, saw {seen})")
        return seen

    spawn("empty")  # warm the page cache for both
    spawn("app", str(path))
    pairs = [(spawn("empty")["painted"], spawn("app", str(path))) for _ in range(repeats)]
    empty = statistics.median(e for e, _ in pairs)
    return {
        "startup_empty_window_ms": _ms(empty),
        "startup_main_window_ms": _ms(statistics.median(a["painted"] for _, a in pairs)),
        "startup_ratio": round(statistics.median(a["painted"] / e for e, a in pairs), 2),
        "startup_data_shown_ms": _ms(statistics.median(a["loaded"] for _, a in pairs)),
        "startup_data_ratio": round(statistics.median(a["loaded"] / e for e, a in pairs), 2),
    }


def _environment() -> dict[str, str]:
    import os

    return dict(os.environ)


def run(events: Sequence[int], work: Path, *, log: Callable[[str], None]) -> dict[str, object]:
    """Every figure, for each archive size in `events`."""
    from uzkz_desktop.archive.synth import synthesize

    figures: dict[str, object] = {}
    log("extraction")
    figures["extraction"] = bench_extraction()
    figures["import"] = bench_import(work)
    for n in events:
        log(f"synthetic archive of {n} events")
        path = work / f"synth-{n}.db"
        report = synthesize(path, n, overwrite=True)
        per_size: dict[str, object] = {"synth_s": round(report.seconds, 2)}
        log(f"archive queries at {n}")
        per_size["archive"] = bench_archive(path, n)
        log(f"search at {n}")
        per_size["search"] = bench_search(path)
        per_size["tagging"] = bench_tagging(path)
        log(f"timeline frames at {n}")
        per_size["timeline"] = bench_timeline(n)
        figures[f"events_{n}"] = per_size
    first = work / f"synth-{events[0]}.db"
    log("start-up")
    figures["startup"] = bench_startup(first)
    return figures


def fresh_work_dir() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="uzkz-bench-"))


def remove_work_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
