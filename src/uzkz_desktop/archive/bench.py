"""Speed figures for the archive's reading API, on a realistic synthetic archive.

    bench_archive(100_000, Path("/tmp")) -> {"window_resolve_p50_ms": ..., ...}
    python -m uzkz_desktop.archive.bench 100000 1000000 --source /tmp/s100k.db --source /tmp/s1m.db

The archive comes from synth.synthesize (dates clustered like the real relations: 2024
alone holds ~12% of the events), or is copied from `source`, an archive synthesize made
earlier (building 1M events takes minutes). Times are wall-clock milliseconds (seconds
for *_s); *_cpu_* figures are this process's CPU time, which other processes on a busy
machine do not inflate. p50/p95/max are over 60 random one-year windows.

The window figures: `resolve` is events_between + len + ids (what a painter or a list
model needs first); `rows_cold` builds every row of the window with no row built before;
`rows_warm` builds every row with the rows of the windows before kept (as when panning);
`sql` is the query the snapshot replaced (queries.events_between, rows included), timed on
the first 15 windows for reference. `first_window_read_ms` is a window read on a fresh
Archive, which asks SQLite (see archive.py: the snapshot loads on the second).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from uzkz_desktop.core.dates import DateSpan

from . import queries
from .archive import Archive
from .synth import FIRST_YEAR, LAST_YEAR, synthesize

N_WINDOWS = 60
N_SQL_WINDOWS = 15


def _clock_ms(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _times_ms(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm the statement cache and the page cache
    return [_clock_ms(fn)[0] for _ in range(runs)]


def _p95(times: Sequence[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def _spread(name: str, times: Sequence[float]) -> dict[str, float]:
    return {
        f"{name}_p50_ms": statistics.median(times),
        f"{name}_p95_ms": _p95(times),
        f"{name}_max_ms": max(times),
    }


def _cpu(name: str, times: Sequence[float]) -> dict[str, float]:
    return {f"{name}_cpu_p50_ms": statistics.median(times), f"{name}_cpu_p95_ms": _p95(times)}


def _row_mb(rows: Sequence[object]) -> float:
    """Memory of built rows (object, dict, strings; dates and enums are shared)."""
    size = 0
    for row in rows:
        fields = vars(row)
        size += sys.getsizeof(row) + sys.getsizeof(fields)
        size += sum(sys.getsizeof(fields[f]) for f in ("title_en", "title_uz", "edtf"))
    return size / 1e6


def _copy(source: Path, path: Path) -> None:
    for suffix in ("", "-wal"):
        if source.with_name(source.name + suffix).exists():
            shutil.copyfile(
                source.with_name(source.name + suffix), path.with_name(path.name + suffix)
            )


def bench_archive(n_events: int, tmp_dir: Path, *, source: Path | None = None) -> dict[str, float]:
    """Build (or copy from `source`) an archive of n synthetic events in tmp_dir, time the
    reading API on it, and remove it."""
    path = tmp_dir / f"bench-{n_events}-{time.monotonic_ns()}.uzkz"
    t0 = time.perf_counter()
    if source is None:
        synthesize(path, n_events)
    else:
        _copy(source, path)
    build_s = time.perf_counter() - t0
    try:
        figures = {"events": float(n_events), "build_or_copy_s": build_s}
        figures |= _bench(path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    return figures


def _bench(path: Path) -> dict[str, float]:
    figures: dict[str, float] = {"db_mb": path.stat().st_size / 1e6}
    t0 = time.perf_counter()
    Archive.open(path, readonly=True).close()  # includes PRAGMA quick_check
    figures["open_readonly_with_quick_check_s"] = time.perf_counter() - t0
    rng = random.Random(2027)
    first_day = date(FIRST_YEAR, 1, 1).toordinal()
    span_days = date(LAST_YEAR, 12, 31).toordinal() - first_day - 364
    windows = [
        (start := date.fromordinal(first_day + rng.randrange(span_days)), start + timedelta(364))
        for _ in range(N_WINDOWS)
    ]
    with Archive.open(path, readonly=True, check="none") as archive:

        def resolve(w: tuple[date, date]) -> object:
            window = archive.events_between(*w)
            return len(window), window.ids

        def rows(w: tuple[date, date]) -> object:
            return list(archive.events_between(*w))

        # A first window read is one query; the snapshot is loaded by the first read of
        # the whole table (here timeline_arrays, as the app's timeline does) or the second
        # window read. Its memory is measured on a second Archive.
        figures["first_window_read_ms"] = _clock_ms(partial(resolve, windows[0]))[0]
        wall, cpu = _clock_ms(archive.timeline_arrays)
        figures["snapshot_load_s"], figures["snapshot_load_cpu_s"] = wall / 1000, cpu / 1000
        events = archive._events
        assert events is not None
        figures["snapshot_mb"] = events.nbytes() / 1e6
        with Archive.open(path, readonly=True, check="none") as again:
            tracemalloc.start()
            again.timeline_arrays()
            figures["snapshot_load_peak_python_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()

        # One-year windows.
        sizes = [len(archive.events_between(*w)) for w in windows]
        figures["window_rows_avg"] = statistics.mean(sizes)
        figures["window_rows_max"] = float(max(sizes))

        resolved = [_clock_ms(partial(resolve, w)) for w in windows]
        figures |= _spread("window_resolve", [wall for wall, _ in resolved])
        figures |= _cpu("window_resolve", [cpu for _, cpu in resolved])
        cold = []
        for w in windows:
            window = archive.events_between(*w)
            events.store.forget_rows()
            cold.append(_clock_ms(partial(list, window)))
        figures |= _spread("window_rows_cold", [wall for wall, _ in cold])
        figures |= _cpu("window_rows_cold", [cpu for _, cpu in cold])
        events.store.forget_rows()
        warm = [_clock_ms(partial(rows, w)) for w in windows]
        figures |= _spread("window_rows_warm", [wall for wall, _ in warm])
        figures["built_rows_kept"] = float(events.store.rows_kept())
        figures["built_rows_kept_mb"] = _row_mb(events.store.kept_rows())
        sql = [
            _clock_ms(partial(queries.events_between, archive._conn, *w))
            for w in windows[:N_SQL_WINDOWS]
        ]
        figures["window_sql_p50_ms"] = statistics.median(wall for wall, _ in sql)
        figures["window_sql_max_ms"] = max(wall for wall, _ in sql)

        tag = [t.name for t in archive.tags_with_counts() if "/" not in t.name][:1] or ["-"]
        year = (date(2020, 1, 1), date(2020, 12, 31))
        figures["window_tag_filter_first_ms"] = _clock_ms(
            lambda: archive.events_between(*year, tags=tag)
        )[0]
        tagged = _times_ms(lambda: archive.events_between(*year, tags=tag), 20)
        figures["window_tag_filter_p50_ms"] = statistics.median(tagged)

        full_range = (date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))
        months = _times_ms(lambda: archive.month_counts(*full_range), 20)
        figures["month_counts_full_range_ms"] = statistics.median(months)
        ids = iter([rng.randrange(1, len(events) + 1) for _ in range(60)])
        detail = _times_ms(lambda: archive.event(next(ids)), 50)
        figures["event_detail_p50_ms"] = statistics.median(detail)
        arrays = _times_ms(lambda: archive.timeline_arrays(include_candidates=True), 5)
        figures["timeline_arrays_ms"] = statistics.median(arrays)
        figures["timeline_arrays_sql_ms"] = _clock_ms(
            lambda: queries.timeline_arrays(archive._conn, include_candidates=True)
        )[0]
        titles = _times_ms(archive.event_titles, 3)
        figures["event_titles_ms"] = statistics.median(titles)
        figures["tags_with_counts_ms"] = statistics.median(_times_ms(archive.tags_with_counts, 3))

        # An edit by another connection: the next read patches the snapshot.
        first = archive.events_between(*windows[0])[0]
        with (
            Archive.open(path, check="none") as writer,
            writer.transaction(actor="bench", action="edit two events") as tx,
        ):
            tx.update_event(first.id, title_en=first.title_en + " (edited)")
            tx.add_event(title_en="Bench event", span=DateSpan.day(2024, 5, 5))
        figures["window_after_edit_ms"] = _clock_ms(partial(resolve, windows[0]))[0]
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("events", type=int, nargs="+", help="archive sizes to measure")
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        help="an archive `uzkz synth` made, one per size, copied instead of built",
    )
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="where to put it")
    args = parser.parse_args(argv)
    sources = args.source or [None] * len(args.events)
    if len(sources) != len(args.events):
        parser.error("give one --source per size, or none")
    for n_events, source in zip(args.events, sources, strict=True):
        figures = bench_archive(n_events, args.tmp, source=source)
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}, indent=1), flush=True)


if __name__ == "__main__":
    main()
