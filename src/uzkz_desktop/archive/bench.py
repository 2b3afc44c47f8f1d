"""Speed figures for the archive: fill a file with synthetic events, time the timeline queries.

    bench_archive(100_000, Path("/tmp")) -> {"window_p50_ms": ..., ...}

The fill bypasses the Transaction API (no audit rows, one executemany per table inside a
single transaction): it is a fixture generator, not a way to import real data. Triggers,
generated columns and indexes are the real ones, so the query figures are honest.
"""

from __future__ import annotations

import calendar
import random
import statistics
import time
from collections.abc import Callable, Iterator, Sized
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .archive import Archive

FIRST_YEAR, LAST_YEAR = 1991, 2027
CATEGORIES = (
    "diplomacy", "trade", "energy", "water", "transport", "security", "culture", "border",
)  # fmt: skip
_NOW = "2026-01-01T00:00:00Z"


def _year_weights() -> list[float]:
    # Few events in the 1990s, steady growth, and a surge after 2016 (the thaw in relations).
    return [
        (1 + 0.15 * (y - FIRST_YEAR)) * (3 if y >= 2017 else 1)
        for y in range(FIRST_YEAR, LAST_YEAR + 1)
    ]


def _synthetic_events(n: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    years = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights=_year_weights(), k=n)
    for i, year in enumerate(years):
        roll = rng.random()
        if roll < 0.02:  # multi-year programme: "2024/2034"
            last = min(year + rng.randint(1, 10), LAST_YEAR + 10)
            start, end, precision, edtf = (
                date(year, 1, 1),
                date(last, 12, 31),
                "year",
                f"{year}/{last}",
            )
        elif roll < 0.12:
            start, end, precision, edtf = date(year, 1, 1), date(year, 12, 31), "year", str(year)
        elif roll < 0.32:
            month = rng.randint(1, 12)
            last_day = calendar.monthrange(year, month)[1]
            start, end = date(year, month, 1), date(year, month, last_day)
            precision, edtf = "month", f"{year}-{month:02d}"
        else:
            start = end = date.fromordinal(date(year, 1, 1).toordinal() + rng.randrange(365))
            precision, edtf = "day", start.isoformat()
        status = rng.choices(("accepted", "candidate", "rejected"), weights=(80, 15, 5))[0]
        yield (
            f"Synthetic event {i}", edtf, start.isoformat(), end.isoformat(), precision, edtf,
            rng.choice(CATEGORIES), status, _NOW, _NOW,
        )  # fmt: skip


def fill(archive: Archive, n_events: int, *, seed: int = 1991) -> None:
    """Add n synthetic events, with sources, excerpts and tags linked to them."""
    rng = random.Random(seed)
    n_sources, n_excerpts = 20, max(1, n_events // 10)
    sentence = "Oʻzbekiston va Qozogʻiston oʻrtasida hamkorlik toʻgʻrisida kelishuv imzolandi. "
    text = sentence * (n_excerpts // n_sources + 1)
    conn = archive._db.conn
    with archive.transaction(actor="bench", action="synthetic fill"):
        conn.executemany(
            "INSERT INTO sources (id, key, file_name, title, format, sha256, original_text,"
            " cleaned_text, offset_map, imported_at) VALUES (?, ?, ?, ?, 'txt', ?, ?, ?, ?, ?)",
            (
                (s, f"{s:03d}", f"{s:03d}.txt", f"Source {s}", f"{s:064x}", text, text,
                 f'{{"length":{len(text) + 1},"runs":[[0,0]]}}', _NOW)
                for s in range(1, n_sources + 1)
            ),
        )  # fmt: skip
        step = len(sentence)
        conn.executemany(
            "INSERT INTO excerpts (id, source_id, char_start, char_end, clean_start, clean_end,"
            " page, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (x, x % n_sources + 1, (x // n_sources) * step, (x // n_sources + 1) * step - 1,
                 (x // n_sources) * step, (x // n_sources + 1) * step - 1,
                 str(x // n_sources // 40 + 1), sentence.strip(), _NOW)
                for x in range(1, n_excerpts + 1)
            ),
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO events (title_en, date_text, start_date, end_date, precision, edtf,"
            " category, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _synthetic_events(n_events, rng),
        )
        conn.executemany(
            "INSERT INTO event_excerpts (event_id, excerpt_id) VALUES (?, ?)",
            ((e, e % n_excerpts + 1) for e in range(1, n_events + 1)),
        )
        tags = [f"{c}/{sub}" for c in CATEGORIES for sub in ("policy", "projects", "people")]
        conn.executemany(
            "INSERT INTO tags (id, name, parent_id) VALUES (?, ?, NULL)",
            enumerate(CATEGORIES, start=1),
        )
        conn.executemany(
            "INSERT INTO tags (id, name, parent_id) VALUES (?, ?, ?)",
            ((len(CATEGORIES) + 1 + i, t, i // 3 + 1) for i, t in enumerate(tags)),
        )
        n_tags = len(CATEGORIES) + len(tags)
        conn.executemany(
            "INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES (?, ?)",
            (
                (e, rng.randint(1, n_tags))
                for e in range(1, n_events + 1)
                for _ in range(1 + (e % 2))
            ),
        )
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'generation'")
    conn.execute("ANALYZE")


def _times_ms(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm the statement cache and the page cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def bench_archive(n_events: int, tmp_dir: Path) -> dict[str, float]:
    """Build an archive of n synthetic events in tmp_dir and time the reading API.

    Times are wall-clock milliseconds (seconds for *_s), medians unless named p95.
    """
    path = tmp_dir / f"bench-{n_events}-{time.monotonic_ns()}.uzkz"
    t0 = time.perf_counter()
    with Archive.open(path, create=True) as archive:
        fill(archive, n_events)
    fill_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    archive = Archive.open(path, readonly=True)  # includes PRAGMA quick_check
    open_s = time.perf_counter() - t0
    rng = random.Random(2027)
    try:
        windows = [
            date.fromordinal(date(FIRST_YEAR, 1, 1).toordinal() + rng.randrange(365 * 36))
            for _ in range(60)
        ]
        one_year = timedelta(days=364)

        def timed_windows(query: Callable[[date, date], Sized]) -> list[float]:
            starts = iter(windows * 2)
            return _times_ms(lambda: query(start := next(starts), start + one_year), 59)

        rows = statistics.mean(len(archive.events_between(s, s + one_year)) for s in windows)
        window_ms = timed_windows(archive.events_between)
        window_ids_ms = timed_windows(archive.event_ids_between)
        window_tag_ms = _times_ms(
            lambda: archive.events_between(date(2020, 1, 1), date(2020, 12, 31), tags=["energy"]),
            20,
        )
        full_range = (date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))
        months_ms = _times_ms(lambda: archive.month_counts(*full_range), 20)
        ids = iter(rng.randrange(1, n_events + 1) for _ in range(100))
        detail_ms = _times_ms(lambda: archive.event(next(ids)), 50)
        arrays_ms = _times_ms(lambda: archive.timeline_arrays(include_candidates=True), 3)
        tags_ms = _times_ms(archive.tags_with_counts, 3)
    finally:
        archive.close()
    size_mb = path.stat().st_size / 1e6
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return {
        "events": float(n_events),
        "fill_s": fill_s,
        "open_readonly_with_quick_check_s": open_s,
        "db_mb": size_mb,
        "window_rows_avg": float(rows),
        "window_p50_ms": statistics.median(window_ms),
        "window_p95_ms": _p95(window_ms),
        "window_ids_only_p50_ms": statistics.median(window_ids_ms),
        "window_tag_filter_p50_ms": statistics.median(window_tag_ms),
        "month_counts_full_range_ms": statistics.median(months_ms),
        "event_detail_p50_ms": statistics.median(detail_ms),
        "timeline_arrays_ms": statistics.median(arrays_ms),
        "tags_with_counts_ms": statistics.median(tags_ms),
    }
