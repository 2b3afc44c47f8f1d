"""Frame-building speed on synthetic history, printed as JSON.

    python -m uzkz_desktop.timeline.bench            # 100k and 1M events
    bench_frames(100_000) -> {"whole_mean_ms": ..., "zoom_seq_cold_max_ms": ..., ...}

Frames are built the way a widget builds them: 1600 x 900, labels from cached callables,
packing computed lazily. `<level>_first_ms` and the `cold` sequences include packing a
zoom bucket the first time it is entered; `warm` sequences run with every bucket packed;
`pack_ms_*` time the packing alone (every bucket a 1600 px frame can reach).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial

import numpy as np

from .events import DAY, MONTH, YEAR, EventArrays
from .frame import build_frame
from .lanes import LanesLayout
from .viewport import ViewLimits, Viewport

FIRST_YEAR, LAST_YEAR = 1991, 2027
# The 13 category ids of resources/categories.toml, in its order.
CATEGORIES = ("diplomacy", "economy", "investment", "transport", "energy", "culture",
              "education", "tourism", "ecology", "security", "law", "parliament",
              "health")  # fmt: skip
# Burst centres standing in for summits: test data shaped like history, not a record of it.
SUMMITS = ("1992-11-23", "1998-10-31", "2001-09-12", "2002-11-16", "2013-09-06", "2016-12-14",
           "2017-03-22", "2017-09-16", "2018-03-15", "2018-11-29", "2019-04-15", "2020-09-23",
           "2021-04-15", "2021-12-06", "2022-07-21", "2022-12-22", "2023-03-16", "2024-08-09",
           "2024-12-06", "2025-02-14", "2025-11-12", "2026-04-20", "2027-05-18")  # fmt: skip
SIZE = (1600, 900)
ZOOMS = {"whole": None, "5y": 5 * 365.25, "1y": 365.25, "1m": 30.4, "1w": 7.0}


def synthetic_events(n: int, seed: int = 1991) -> EventArrays:
    """History-shaped events: growing after 1991, surging after 2016, bursts at summits;
    65% single days, 15% months, 8% years, 10% periods of days to years, 2% programmes."""
    rng = np.random.default_rng(seed)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    weight = (1 + 0.15 * (years - FIRST_YEAR)) * np.where(years >= 2017, 3.0, 1.0)
    year = rng.choice(years, size=n, p=weight / weight.sum())
    start = (year - 1) * 365.2425 + 1 + rng.random(n) * 365
    summit_days = np.array([date.fromisoformat(s).toordinal() for s in SUMMITS])
    burst = rng.random(n) < 0.25
    start[burst] = rng.choice(summit_days, size=int(burst.sum())) + rng.normal(
        0, 2.5, int(burst.sum())
    )
    first, last = date(FIRST_YEAR, 1, 1).toordinal(), date(LAST_YEAR, 12, 31).toordinal()
    start_day = np.clip(start, first, last).astype(np.int32)
    roll = rng.random(n)
    precision = np.select([roll < 0.65, roll < 0.80, roll < 0.88], [DAY, MONTH, YEAR], DAY)
    precision = np.where(roll >= 0.98, YEAR, precision).astype(np.int8)
    length = np.where((roll >= 0.88) & (roll < 0.98), rng.lognormal(3.0, 1.6, n), 0) + np.where(
        roll >= 0.98, rng.integers(1, 11, n) * 365.25, 0
    )
    end_day = (start_day + np.minimum(length, 12 * 365)).astype(np.int32)
    zipf = 1 / np.arange(1, len(CATEGORIES) + 1) ** 0.8
    category = rng.choice(len(CATEGORIES), size=n, p=zipf / zipf.sum()).astype(np.int16)
    # from_columns widens month and year dates to the whole month or year.
    return EventArrays.from_columns(np.arange(1, n + 1), start_day, end_day, precision, category)


def _ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench_frames(n_events: int, repeats: int = 12) -> dict[str, float]:
    """Mean and max ms per frame at five zoom levels, then 50 zoom and 50 pan steps."""
    events = synthetic_events(n_events)
    limits = ViewLimits.around(events.first_day, events.last_day)
    whole = Viewport(limits.first, limits.last, SIZE[0])
    titles = _titles()
    today = date(2026, 3, 1).toordinal()

    def frame(view: Viewport, lanes: LanesLayout) -> float:
        return _ms(lambda: build_frame(
            events, view, SIZE, lanes_layout=lanes, label_width=_label_width,
            titles=titles, today=today, limits=limits, hover_x=800.0,
        ))  # fmt: skip

    figures: dict[str, float] = {"events": float(n_events)}
    lanes = LanesLayout(events, CATEGORIES)
    centre = date(2024, 6, 15).toordinal()
    for name, span in ZOOMS.items():
        view = whole if span is None else Viewport(centre - span / 2, centre + span / 2, SIZE[0])
        times = [frame(view.pan(40.0 * k).clamped(limits), lanes) for k in range(repeats)]
        figures[f"{name}_first_ms"] = times[0]  # includes packing this zoom bucket
        figures[f"{name}_mean_ms"] = statistics.fmean(times[1:])
        figures[f"{name}_p50_ms"] = statistics.median(times[1:])
        figures[f"{name}_max_ms"] = max(times[1:])
    # A fresh layout packs each bucket as the zoom enters it; the same path again is warm.
    fresh = partial(frame, lanes=LanesLayout(events, CATEGORIES))
    _sequences(figures, "cold", whole, limits, fresh)
    _sequences(figures, "warm", whole, limits, fresh)
    _packing(figures, events)
    return {k: round(v, 2) for k, v in figures.items()}


def _sequences(
    figures: dict[str, float],
    name: str,
    whole: Viewport,
    limits: ViewLimits,
    frame: Callable[[Viewport], float],
) -> None:
    # 50 wheel notches of 1.2x anchored at x = 1200, from the whole range down to the
    # 2-day limit; then 50 drags of 25 px at the 1-year level.
    view, zoom_ms = whole, []
    for _ in range(50):
        view = view.zoom_at(1200.0, 1.2).clamped(limits, anchor_x=1200.0)
        zoom_ms.append(frame(view))
    year = Viewport(whole.centre - 182.6, whole.centre + 182.6, SIZE[0])
    pan_ms = []
    for _ in range(50):
        year = year.pan(-25.0).clamped(limits)
        pan_ms.append(frame(year))
    figures[f"zoom_seq_{name}_mean_ms"] = statistics.fmean(zoom_ms)
    figures[f"zoom_seq_{name}_p50_ms"] = statistics.median(zoom_ms)
    figures[f"zoom_seq_{name}_max_ms"] = max(zoom_ms)
    figures[f"pan_seq_{name}_mean_ms"] = statistics.fmean(pan_ms)
    figures[f"pan_seq_{name}_p50_ms"] = statistics.median(pan_ms)
    figures[f"pan_seq_{name}_max_ms"] = max(pan_ms)


def _packing(figures: dict[str, float], events: EventArrays) -> None:
    # Every bucket a 1600 px frame can reach, from the 2-day limit to the whole archive.
    fresh = LanesLayout(events, CATEGORIES)
    buckets = range(fresh.finest_bucket, LanesLayout.bucket_for(14_000 / SIZE[0]) + 1)
    times = [_ms(partial(fresh.packing, bucket)) for bucket in buckets]
    figures["pack_ms_max"] = max(times)
    figures["pack_ms_mean"] = statistics.fmean(times)
    figures["pack_ms_all_buckets"] = sum(times)


def _titles() -> Callable[[int], str]:
    cache: dict[int, str] = {}

    def title(event_id: int) -> str:
        found = cache.get(event_id)
        if found is None:
            found = cache[event_id] = f"Event {event_id}: intergovernmental meeting"
        return found

    return title


def _label_width(text: str) -> float:
    return 6.0 * len(text)  # stands in for a cached QFontMetrics.horizontalAdvance


def main(argv: list[str] | None = None) -> None:
    sizes = [int(a) for a in (argv or sys.argv[1:])] or [100_000, 1_000_000]
    print(json.dumps({str(n): bench_frames(n) for n in sizes}, indent=2))


if __name__ == "__main__":
    main()
