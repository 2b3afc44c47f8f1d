"""What frames keep between them (LanesLayout.memo, the counts on each zoom bucket's grid)
must give the frames built without it."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import pytest

from uzkz_desktop.timeline import EventArrays, Frame, LanesLayout, Viewport, _lod, build_frame
from uzkz_desktop.timeline.bench import CATEGORIES, synthetic_events
from uzkz_desktop.timeline.events import unit_days
from uzkz_desktop.timeline.frame import MEMO_SIZE, STACKS_KEPT

CENTRE = date(2024, 6, 15).toordinal()
WIDTH = 1200


@cache
def synthetic() -> tuple[EventArrays, LanesLayout]:
    events = synthetic_events(20_000, seed=5)
    return events, LanesLayout(events, CATEGORIES)


def title(event_id: int) -> str:
    return f"Event {event_id}"


def width(text: str) -> float:
    return 6.0 * len(text)


def view(span: float, centre: float = CENTRE) -> Viewport:
    return Viewport(centre - span / 2, centre + span / 2, WIDTH)


def flat(value: Any) -> Iterator[Any]:
    """Every leaf of a frame part: arrays as (dtype, shape, bytes), the rest as is."""
    if isinstance(value, np.ndarray):
        yield (value.dtype.str, value.shape, value.tobytes())
    elif isinstance(value, LanesLayout):
        yield id(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield field.name
            yield from flat(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        yield type(value).__name__, len(value)
        for item in value:
            yield from flat(item)
    else:
        yield value


def assert_same(warm: Frame, cold: Frame) -> None:
    assert list(flat(warm)) == list(flat(cold))
    assert warm.items == cold.items
    assert warm.clusters == cold.clusters


def build(lanes: LanesLayout, viewport: Viewport, **kwargs: Any) -> tuple[Frame, Frame]:
    """The frame with what earlier frames kept, and the same frame built afresh."""
    events = lanes.events
    args: dict[str, Any] = {"titles": title, "label_width": width, "height": 1600, **kwargs}
    size = (viewport.width_px, args.pop("height"))
    warm = build_frame(events, viewport, size, lanes_layout=lanes, **args)
    kept, lanes.memo = lanes.memo, {}
    unit_days.cache_clear()
    try:
        cold = build_frame(events, viewport, size, lanes_layout=lanes, **args)
    finally:
        lanes.memo = kept
    return warm, cold


def test_kept_results_follow_the_view_height_and_search() -> None:
    events, lanes = synthetic()
    rng = np.random.default_rng(3)
    hits_a = set(events.ids[rng.random(len(events)) < 0.05].tolist())
    hits_b = set(events.ids[rng.random(len(events)) < 0.2].tolist())
    expand = lanes.categories[1]
    steps: list[tuple[Viewport, dict[str, Any]]] = []
    for span, step in ((365.25, 40.0), (30.4, 300.0), (5 * 365.25, 25.0)):
        start = view(span)
        steps += [(start.pan(step * k), {}) for k in range(8)]
        steps += [(start.pan(-step * k), {}) for k in range(8)]
        steps.append((start.pan(50 * WIDTH), {}))  # far away, then back
        steps.append((start.pan(3.0), {}))
    year, month = view(365.25), view(30.4)
    steps += [
        # Other rows: another layout, stacks and tile counts.
        (year, {"height": 700}),
        (year, {"height": 2400}),
        (year, {}),
        (month, {"height": 900}),
        (month, {"height": 2400}),
        (month.pan(20.0), {}),
        (year, {"highlighted": hits_a}),
        (year.pan(30.0), {"highlighted": hits_b}),  # other hits, same bins
        (year.pan(30.0), {"highlighted": hits_a}),
        (year.pan(30.0), {}),
        (year, {"expand": expand}),
        (year, {"expand": expand, "selection": sorted(hits_a)[:50], "selected": min(hits_a)}),
        (month, {"highlighted": hits_b, "expand": expand}),
    ]
    zoom = view(20 * 365.25)
    for _ in range(25):
        zoom = zoom.zoom_at(900.0, 1.25)
        steps.append((zoom, {}))
    for _ in range(12):
        zoom = zoom.zoom_at(200.0, 1 / 1.5)
        steps.append((zoom, {"highlighted": hits_a}))
    hint = None
    for viewport, kwargs in steps:
        warm, cold = build(lanes, viewport, rows_hint=hint, **kwargs)
        assert_same(warm, cold)
        hint = warm.rows


def test_kept_layouts_and_stacks_stay_with_their_lanes() -> None:
    events, lanes = synthetic()
    other = LanesLayout(events, CATEGORIES, order=[2, 0, 5])
    for lanes_layout in (lanes, other, lanes, other):
        warm, cold = build(lanes_layout, view(30.4))
        assert_same(warm, cold)
        assert len(warm.bands) == lanes_layout.band_count


def test_kept_results_are_bounded() -> None:
    _, lanes = synthetic()
    zoom = view(30 * 365.25)
    for _ in range(40):
        zoom = zoom.zoom_at(600.0, 1.3)
        build_frame(lanes.events, zoom, (WIDTH, 1600), lanes_layout=lanes)
    assert lanes.memo
    assert all(len(kept) <= MEMO_SIZE for kept in lanes.memo.values())
    assert all(len(stacks) <= STACKS_KEPT for stacks in lanes.memo["stacks"].values())


@pytest.mark.parametrize("seed", range(5))
def test_grid_counts_are_those_computed_for_each_view_alone(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lanes = 6

    def compute(which: np.ndarray[Any, Any], first: int, stop: int) -> np.ndarray[Any, Any]:
        column = np.arange(first, stop)
        return (which[:, None] * 1000 + column[None, :]) * 7 % 101

    counts = _lod.GridCounts(lanes, compute, np.int64)
    first = 0
    for _ in range(300):
        first += int(rng.choice([1, -1, 3, -5, 40, -200, 10_000]))
        size = int(rng.integers(1, 30))
        which = np.flatnonzero(rng.random(lanes) < 0.6)
        found = counts.get(which, first, first + size, size)
        assert np.array_equal(found, compute(which, first, first + size))
        found[:] = -1  # a copy: the kept counts stay as they are


@pytest.mark.parametrize("column_days", [0.37, 1.0, 3.0, 16.0, 365.25 * 4])
def test_columns_beyond_the_events_are_left_empty_not_counted(column_days: float) -> None:
    events, lanes = synthetic()
    packing = lanes.packing(LanesLayout.bucket_for(column_days / 4))
    days = lanes.density_days(packing.units)
    span = (int(events.start_day.min()), int(events.end_day.max()))
    counters = [_lod.bin_counter(days, lanes.lanes, column_days, s) for s in (None, span)]
    every, counted = np.arange(lanes.lanes), 0
    for edge in span:  # views across the first and the last day, and well beyond them
        centre = math.floor(edge / column_days)
        for first in (centre - 3, centre - 40, centre - 20, centre + 2, centre + 500):
            exact, clipped = (c.get(every, first, first + 30, 30) for c in counters)
            assert np.array_equal(exact, clipped)
            counted += int(exact.sum())
    assert counted  # the views near the edges hold events
