from functools import cache
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from timeline_helpers import CATEGORIES, day, events_of, layout_of

from uzkz_desktop.timeline import (
    DensityHit,
    EventArrays,
    Frame,
    LanesLayout,
    ViewLimits,
    Viewport,
    build_frame,
    events_in,
)
from uzkz_desktop.timeline.bench import CATEGORIES as BENCH_CATEGORIES
from uzkz_desktop.timeline.bench import synthetic_events

JAN_1 = day("2024-01-01")
YEAR_2024 = Viewport(JAN_1, JAN_1 + 366, 1464)  # 4 px per day


def title(event_id: int) -> str:
    return f"Event {event_id}"


def width(text: str) -> float:
    return 6.0 * len(text)


def frame_of(events: EventArrays, view: Viewport, height: int = 600, **kwargs: object) -> Frame:
    return build_frame(
        events,
        view,
        (view.width_px, height),
        lanes_layout=layout_of(events),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def precise() -> EventArrays:
    return events_of([
        (1, "2024-01-01", "2024-01-01", 2, 0),  # "2024": widened to the whole year
        (2, "2024-03-10", "2024-03-10", 1, 0),  # "March 2024"
        (3, "2024-06-15", "2024-06-15", 0, 0),  # a known day
        (4, "2024-02-01", "2024-02-10", 0, 0),  # a ten-day period
    ])  # fmt: skip


@cache
def synthetic() -> tuple[EventArrays, LanesLayout]:
    events = synthetic_events(100_000)
    return events, LanesLayout(events, BENCH_CATEGORIES)


def whole_frame(**kwargs: object) -> Frame:
    events, lanes = synthetic()
    limits = ViewLimits.around(events.first_day, events.last_day)
    view = Viewport(limits.first, limits.last, 1600)
    return build_frame(events, view, (1600, 900), lanes_layout=lanes, **kwargs)  # type: ignore[arg-type]


def test_precision_is_drawn_honestly(precise: EventArrays) -> None:
    frame = frame_of(precise, YEAR_2024)
    got = {i.event_id: (i.kind, i.x0, i.x1, i.row, i.y) for i in frame.items}
    assert got == {
        1: ("fuzzy-span", 0.0, 1464.0, 3, 76.0),  # the whole year, first bar row
        2: ("fuzzy-span", 240.0, 364.0, 4, 90.0),  # March
        3: ("point", 661.5, 670.5, 0, 34.0),  # a 9 px diamond on the middle of 15 June
        4: ("span", 124.0, 164.0, 4, 90.0),  # 1-10 February
    }
    assert (frame.row_height, frame.bands[0].y0, frame.bands[0].y1) == (14.0, 24.0, 100.0)
    assert frame.in_view == 4


def test_labels_go_where_there_is_room(precise: EventArrays) -> None:
    frame = frame_of(precise, YEAR_2024, titles=title, label_width=width)
    got = {i.event_id: (i.label, i.label_x, i.label_w) for i in frame.items}
    assert got == {
        1: ("Event 1", 4.0, 42.0),
        2: ("Event 2", 244.0, 42.0),
        3: ("Event 3", 674.5, 42.0),
        4: ("Event 4", 128.0, 42.0),  # ends at 170, before March starts at 240
    }


def test_a_label_that_does_not_fit_is_dropped(precise: EventArrays) -> None:
    long = "Agreement on the joint use of water"  # 210 px; March starts 108 px further
    frame = frame_of(precise, YEAR_2024, titles=lambda i: long, label_width=width)
    assert {i.event_id: i.label for i in frame.items} == {1: long, 2: long, 3: long, 4: None}


def test_few_events_are_labelled_boxes() -> None:
    # Five a category, two months apart: 240 px for a 42 px label.
    dates = [f"2024-{1 + i // 2:02d}-{'05' if i % 2 else '20'}" for i in range(20)]
    rows = [(i, dates[i], dates[i], 0, i % 4) for i in range(20)]
    frame = frame_of(events_of(rows), YEAR_2024, titles=title, label_width=width)
    assert (len(frame.items), frame.density, frame.overflow) == (20, [], [])
    assert all(i.label == title(i.event_id) for i in frame.items)


def test_100k_events_zoomed_out_are_density() -> None:
    frame = whole_frame()
    assert len(frame.density) == 26  # both tracks of all 13 bands
    assert sum(int(s.dense.sum()) for s in frame.density) > 0.9 * 26 * 1600 / 4
    assert len(frame.items) <= 100
    assert frame.density_max == max(int(s.counts[s.dense].max()) for s in frame.density)


def test_density_counts_every_event_active_in_a_bin() -> None:
    events, _ = synthetic()
    frame = whole_frame()
    strip = frame.density[0]
    i = int(np.argmax(strip.counts))
    a, b = strip.first_day + i * strip.bin_days, strip.first_day + (i + 1) * strip.bin_days
    band = frame.bands[strip.band].category
    active = (events.start_day < np.ceil(b)) & (events.end_day + 1 > a)
    point = events.kinds == 0
    in_track = point if strip.track == "points" else ~point
    assert strip.counts[i] == int((active & in_track & (events.category == band)).sum())
    hit = frame.density_at(strip.x0 + (i + 0.5) * strip.bin_px, strip.y0 + 1)
    assert hit is not None
    assert (hit.band, hit.track, hit.events) == (strip.band, strip.track, strip.counts[i])
    listed = events_in(events, hit.first_day, hit.last_day, band, strip.track == "points")
    assert len(listed) == hit.events


def test_a_busy_day_at_most_zoom_lists_its_events() -> None:
    busy = events_of([(i, "2024-06-15", "2024-06-15", 0, 0) for i in range(9)])
    view = Viewport(day("2024-06-14"), day("2024-06-16"), 1600)  # a day is 800 px
    frame = frame_of(busy, view)
    hit = frame.density_at(1200.0, frame.density[0].y0 + 1)
    assert hit == DensityHit(0, 0, "points", day("2024-06-15"), day("2024-06-15"), 9)
    assert frame.density_at(200.0, frame.density[0].y0 + 1) is None  # the 14th: no density


def test_a_long_period_begun_before_the_view_is_found() -> None:
    rows = [(1, "2010-01-01", "2030-12-31", 0, 0)]
    rows += [(i, f"20{11 + i % 4}-05-0{1 + i % 9}", f"20{11 + i % 4}-05-0{1 + i % 9}", 0, 0)
             for i in range(2, 60)]  # fmt: skip
    view = Viewport(day("2024-06-01"), day("2024-07-01"), 1200)
    frame = frame_of(events_of(rows), view, titles=title, label_width=width)
    assert [(i.event_id, i.kind, i.x0 < 0, i.x1 > 1200, i.label_x) for i in frame.items] == [
        (1, "span", True, True, 4.0),  # its label stays on screen
    ]


def test_hit_test_finds_boxes_and_labels(precise: EventArrays) -> None:
    frame = frame_of(precise, YEAR_2024, titles=title, label_width=width)
    assert frame.hit_test(666.0, 34.0) == 3  # the diamond
    assert frame.hit_test(700.0, 36.0) == 3  # its label
    assert frame.hit_test(673.0, 40.5) == 3  # 2.5 px below the row, 2.5 px right
    assert frame.hit_test(900.0, 76.0) == 1  # inside the year bar
    assert frame.hit_test(666.0, 300.0) is None
    assert frame.hit_test(900.0, 34.0) is None


def test_search_hits_dim_the_others(precise: EventArrays) -> None:
    by_ids = frame_of(precise, YEAR_2024, highlighted=np.array([2, 3]), selected=1)
    by_mask = frame_of(precise, YEAR_2024, highlighted=precise.mask_of([2, 3]), selected=1)
    by_set = frame_of(precise, YEAR_2024, highlighted=frozenset({2, 3}), selected=1)
    dimmed = {i.event_id: i.dimmed for i in by_ids.items}
    assert dimmed == {1: False, 2: False, 3: False, 4: True}  # the selection is never dimmed
    assert by_mask.items == by_ids.items == by_set.items
    assert (by_ids.items[-1].event_id, by_ids.items[-1].selected) == (1, True)  # drawn last


def test_hits_are_counted_in_density() -> None:
    events, _ = synthetic()
    frame = whole_frame(highlighted=events.ids % 10 == 0)
    strip = frame.density[0]
    assert strip.hits is not None
    assert 0 < int(strip.hits.sum()) < int(strip.counts.sum()) / 5


def test_a_selected_event_inside_density_is_still_drawn() -> None:
    events, _ = synthetic()
    chosen = int(events.ids[len(events) // 2])
    frame = whole_frame(selected=chosen)
    assert (frame.items[-1].event_id, frame.items[-1].selected) == (chosen, True)


def test_a_few_hidden_events_are_marked_many_become_density() -> None:
    four = events_of([(i, "2024-06-15", "2024-06-15", 0, 0) for i in range(4)])
    frame = frame_of(four, YEAR_2024)
    assert (len(frame.items), frame.density) == (3, [])
    assert [(m.band, m.track, m.hidden) for m in frame.overflow] == [(0, "points", 1)]
    seven = events_of([(i, "2024-06-15", "2024-06-15", 0, 0) for i in range(7)])
    frame = frame_of(seven, YEAR_2024)
    assert (frame.items, frame.overflow) == ([], [])
    assert [(s.track, s.max) for s in frame.density] == [("points", 7)]


def test_rows_shrink_with_the_window(precise: EventArrays) -> None:
    frame = frame_of(precise, YEAR_2024, height=24 + 40 + 6 + 3 * 8)
    assert (frame.bands[0].point_rows, frame.bands[0].span_rows, frame.row_height) == (2, 1, 8.0)


def test_today_hover_ticks_and_overview(precise: EventArrays) -> None:
    frame = frame_of(precise, YEAR_2024, today=day("2024-06-15"), hover_x=666.0)
    assert frame.today_x == 666.0
    assert frame.hover is not None
    assert (frame.hover.label, frame.ticks.major[0].label) == ("Jun 2024", "Jan 2024")
    assert (frame.overview.y0, frame.overview.y1) == (560.0, 600.0)


def test_mismatched_inputs_are_refused(precise: EventArrays) -> None:
    with pytest.raises(ValueError, match="1464 px wide"):
        build_frame(precise, YEAR_2024, (1000, 600), lanes_layout=layout_of(precise))
    other = events_of([(1, "2024-01-01", "2024-01-01", 0, 0)])
    with pytest.raises(ValueError, match="other events"):
        build_frame(precise, YEAR_2024, (1464, 600), lanes_layout=layout_of(other))


kinds = st.sampled_from([(0, 0), (0, 3), (0, 40), (1, 0), (2, 0), (0, 400)])
event_rows = st.lists(
    st.tuples(st.integers(0, 500), kinds, st.integers(0, 3), st.integers(1, 40)),
    min_size=1, max_size=80,
)  # fmt: skip


def random_events(
    rows: list[tuple[int, tuple[int, int], int, int]],
) -> tuple[EventArrays, dict[int, str]]:
    start = day("2023-09-01")
    events = EventArrays.from_columns(
        range(1, len(rows) + 1),
        [start + offset for offset, _, _, _ in rows],
        [start + offset + length for offset, (_, length), _, _ in rows],
        [precision for _, (precision, _), _, _ in rows],
        [category for _, _, category, _ in rows],
    )
    titles = {i: "x" * size for i, (_, _, _, size) in enumerate(rows, start=1)}
    return events, titles


@settings(max_examples=60, deadline=None)
@given(event_rows, st.floats(0, 500), st.floats(2.0, 900.0), st.integers(300, 1800))
def test_boxes_and_labels_never_overlap(
    rows: list[tuple[int, tuple[int, int], int, int]], offset: float, span: float, px: int
) -> None:
    events, titles = random_events(rows)
    view = Viewport(day("2023-09-01") + offset, day("2023-09-01") + offset + span, px)
    frame = frame_of(events, view, titles=titles.__getitem__, label_width=lambda s: 7.0 * len(s))
    gap = LanesLayout(events, CATEGORIES).style.gap_px
    rows_seen: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for item in frame.items:
        rows_seen.setdefault((item.band, item.row), []).append(
            (item.x0, item.x1, item.label_x, item.label_w)
        )
    for boxes in rows_seen.values():
        boxes.sort()
        for (_, x1, lx, lw), (nx0, _, nlx, _) in pairwise(boxes):
            assert nx0 - x1 >= gap - 1e-6  # boxes keep the gap
            if lw:
                assert lx + lw <= nx0  # a label ends before the next box ...
                assert lx + lw <= nlx  # ... and before the next label
    for item in frame.items:
        for strip in frame.density:
            if item.label and strip.band == item.band:
                dense_x = strip.x0 + np.flatnonzero(strip.dense) * strip.bin_px
                hit = (dense_x + strip.bin_px > item.label_x) & (
                    dense_x < item.label_x + item.label_w
                )
                assert not (hit.any() and strip.y0 <= item.y <= strip.y1)


@settings(max_examples=60, deadline=None)
@given(event_rows, st.floats(0, 500), st.floats(2.0, 900.0), st.integers(300, 1800))
def test_no_event_in_view_goes_missing(
    rows: list[tuple[int, tuple[int, int], int, int]], offset: float, span: float, px: int
) -> None:
    """Each event in view is a box, or counted in density, or under a '+n' mark."""
    events, _ = random_events(rows)
    view = Viewport(day("2023-09-01") + offset, day("2023-09-01") + offset + span, px)
    frame = frame_of(events, view, height=300)
    boxed = {i.event_id for i in frame.items}
    margin = 5 * view.days_per_px  # diamonds half off the edge are left out of the check
    for k in range(len(events)):
        first, last = int(events.start_day[k]), int(events.end_day[k]) + 1
        event_id = int(events.ids[k])
        if event_id in boxed or not (first < view.end - margin and last > view.start + margin):
            continue
        band = frame.bands.index(next(b for b in frame.bands if b.category == events.category[k]))
        track = "points" if events.kinds[k] == 0 else "spans"
        x0, x1 = view.x_for(first), view.x_for(last)
        counted = any(
            s.band == band and s.track == track
            and any(s.dense[i] and s.x0 + i * s.bin_px < x1 and s.x0 + (i + 1) * s.bin_px > x0
                    for i in range(len(s.counts)))
            for s in frame.density
        )  # fmt: skip
        marked = any(
            m.band == band and m.track == track and m.x0 < x1 and m.x1 > x0 for m in frame.overflow
        )
        assert counted or marked, event_id
