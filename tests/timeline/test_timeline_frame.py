from functools import cache
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from timeline_helpers import CATEGORIES, day, events_of, layout_of

from uzkz_desktop.timeline import (
    BoxStyle,
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
        3: ("point", 661.5, 670.5, 0, 34.0),  # a 9 px diamond on the middle of 15 June
        4: ("span", 124.0, 164.0, 1, 48.0),  # 1-10 February, in the bar row
        2: ("fuzzy-span", 240.0, 364.0, 1, 48.0),  # March, beside it
        1: ("fuzzy-span", 0.0, 1464.0, 2, 62.0),  # the whole year, in the row of years
    }
    # The band has the three rows its events need, no more: 24 + 3 + 3 * 14 + 3.
    band = frame.bands[0]
    assert (band.point_rows, band.span_rows, band.unit_rows) == (1, 1, 1)
    assert (frame.row_height, band.y0, band.y1) == (14.0, 24.0, 72.0)
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
    # 20 diamonds on one day: 8 rows at most, and 12 hidden outnumber them.
    busy = events_of([(i, "2024-06-15", "2024-06-15", 0, 0) for i in range(20)])
    view = Viewport(day("2024-06-14"), day("2024-06-16"), 1600)  # a day is 800 px
    frame = frame_of(busy, view)
    hit = frame.density_at(1200.0, frame.density[0].y0 + 1)
    assert hit == DensityHit(0, 0, "points", day("2024-06-15"), day("2024-06-15"), 20)
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
    assert frame.hit_test(900.0, 62.0) == 1  # inside the year bar
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
    rows = BoxStyle().point_rows  # the most rows of diamonds a band shows
    some = events_of([(i, "2024-06-15", "2024-06-15", 0, 0) for i in range(rows + 1)])
    frame = frame_of(some, YEAR_2024)
    assert (len(frame.items), frame.density, frame.bands[0].point_rows) == (rows, [], rows)
    assert [(m.band, m.track, m.hidden) for m in frame.overflow] == [(0, "points", 1)]
    many = events_of([(i, "2024-06-15", "2024-06-15", 0, 0) for i in range(2 * rows + 1)])
    frame = frame_of(many, YEAR_2024)
    assert (frame.items, frame.overflow) == ([], [])
    assert [(s.track, s.max) for s in frame.density] == [("points", 2 * rows + 1)]


def test_rows_shrink_with_the_window(precise: EventArrays) -> None:
    # Room for 3 rows of 8 px only: each kind of row keeps one, at the smallest height.
    frame = frame_of(precise, YEAR_2024, height=24 + 40 + 6 + 3 * 8)
    band = frame.bands[0]
    assert (band.point_rows, band.span_rows, band.unit_rows, frame.row_height) == (1, 1, 1, 8.0)
    assert {i.event_id for i in frame.items} == {1, 2, 3, 4}


def busy_bands(per_band: int, bands: int = 2) -> EventArrays:
    """`per_band` diamonds on each of `per_band` consecutive days in each band: a band
    needs all 8 rows of diamonds."""
    rows = [
        (b * 1000 + d * 50 + k, f"2024-06-{10 + d:02d}", f"2024-06-{10 + d:02d}", 0, b)
        for b in range(bands) for d in range(per_band) for k in range(per_band)
    ]  # fmt: skip
    return events_of(rows)


def test_rows_are_shared_evenly_when_the_window_is_short() -> None:
    events = busy_bands(8)  # two bands, each wanting 8 rows of diamonds
    view = Viewport(day("2024-06-01"), day("2024-07-01"), 1200)
    tall = frame_of(events, view, height=24 + 40 + 2 * (6 + 8 * 14))
    assert [b.point_rows for b in tall.bands] == [8, 8]
    short = frame_of(events, view, height=24 + 40 + 2 * 6 + 11 * 14)
    assert [b.point_rows for b in short.bands] == [6, 5]  # 11 rows: 6 and 5, not 8 and 3
    assert short.row_height == 14.0
    assert short.bands[1].y1 <= short.overview.y0


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
    for item in [*frame.items, *frame.clusters]:
        rows_seen.setdefault((item.band, item.row), []).append(
            (item.x0, item.x1, item.label_x, item.label_w)
        )
    for (band, row), boxes in rows_seen.items():
        b = frame.bands[band]
        stacked = row >= b.point_rows + b.span_rows  # months (or years) side by side
        boxes.sort()
        for (_, x1, _, _), (nx0, _, _, _) in pairwise(boxes):
            assert nx0 - x1 >= (-1e-6 if stacked else gap - 1e-6)  # boxes keep the gap
        # A label meets no other box or label of its row, and stays inside the frame.
        for k, (_, _, lx, lw) in enumerate(boxes):
            if not lw:
                continue
            assert lx >= -1e-6
            assert lx + lw <= frame.width + 1e-6
            for j, (ox0, ox1, olx, olw) in enumerate(boxes):
                if j != k:
                    assert lx + lw <= ox0 + 1e-6 or lx >= ox1 - 1e-6
                    assert not olw or lx + lw <= olx + 1e-6 or lx >= olx + olw - 1e-6
    for item in frame.items:
        for strip in frame.density:
            if item.label and strip.band == item.band:
                dense_x = strip.x0 + np.flatnonzero(strip.dense) * strip.bin_px
                hit = (dense_x + strip.bin_px > item.label_x) & (
                    dense_x < item.label_x + item.label_w
                )
                assert not (hit.any() and strip.y0 <= item.y <= strip.y1)


@settings(max_examples=60, deadline=None)
@given(event_rows, st.floats(0, 500), st.floats(2.0, 900.0), st.integers(300, 1800),
       st.integers(120, 400))  # fmt: skip
def test_no_event_in_view_goes_missing(
    rows: list[tuple[int, tuple[int, int], int, int]],
    offset: float,
    span: float,
    px: int,
    height: int,
) -> None:
    """Each event in view is a box, or counted in a cluster, in density or under a '+n'
    mark; and a cluster counts exactly the events of its unit that are not boxes."""
    events, _ = random_events(rows)
    view = Viewport(day("2023-09-01") + offset, day("2023-09-01") + offset + span, px)
    frame = frame_of(events, view, height=height)
    boxed = {i.event_id for i in frame.items}
    clustered: set[int] = set()
    for c in frame.clusters:
        category = frame.bands[c.band].category
        unit = {
            int(events.ids[k]) for k in range(len(events))
            if events.start_day[k] == c.first_day and events.end_day[k] == c.last_day
            and events.category[k] == category and events.precision[k] == c.precision
        }  # fmt: skip
        assert len(unit - boxed) == c.size >= 2
        clustered |= unit - boxed
    boxed |= clustered
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


# -- rows by content, stacks per unit, clusters ---------------------------------------------------


def test_a_band_with_nothing_near_the_view_is_a_thin_strip() -> None:
    events = events_of([
        (1, "2024-06-15", "2024-06-15", 0, 0),
        (2, "2019-01-10", "2019-01-10", 0, 1),  # years away from the view
        (3, "2024-06-20", "2024-08-20", 0, 2),
    ])  # fmt: skip
    view = Viewport(day("2024-06-01"), day("2024-07-01"), 1200)
    frame = frame_of(events, view)
    rows = [(b.point_rows, b.span_rows, b.unit_rows, b.collapsed) for b in frame.bands]
    assert rows == [(1, 0, 0, False), (0, 0, 0, True), (0, 1, 0, False)]
    heights = [b.y1 - b.y0 for b in frame.bands]
    assert heights == [6 + 14, 12, 6 + 14]  # one row each, and a 12 px strip
    assert [b.y0 for b in frame.bands] == [24, 44, 56]  # stacked without gaps


def test_heights_stay_put_while_panning_past_a_busy_week() -> None:
    """With each frame's rows handed to the next, heights do not flicker: rows grow when
    busy days come near the view and shrink only once they are well away."""
    events = busy_bands(6, bands=1)  # 6 rows of diamonds needed on 10-15 June 2024
    lanes = layout_of(events)
    span, rows, hint = 20.0, [], None
    for step in range(0, 120, 2):  # from April, past June, and on to the end of July
        start = day("2024-04-01") + step
        view = Viewport(start, start + span, 1000)
        frame = build_frame(events, view, (1000, 600), lanes_layout=lanes, rows_hint=hint)
        hint = frame.rows
        rows.append(frame.bands[0].point_rows)
    changes = [k for k in range(1, len(rows)) if rows[k] != rows[k - 1]]
    assert (rows[0], max(rows), rows[-1]) == (0, 6, 0)
    assert len(changes) == 2  # up once before the busy week, down once after it
    grow, shrink = (day("2024-04-01") + 2 * k for k in changes)
    assert grow + span <= day("2024-06-10")  # grown before the busy days came into view
    assert shrink >= day("2024-06-16") + span  # shrunk only a whole span after they left
    # Without the hint a frame measures afresh, a tenth of the span (2 days) around it.
    fresh = [
        build_frame(events, Viewport(s, s + span, 1000), (1000, 600), lanes_layout=lanes)
        .bands[0].point_rows
        for s in (day("2024-06-18"), day("2024-06-17"))
    ]  # fmt: skip
    assert fresh == [0, 6]


def month_of(
    count: int, category: int = 0, month: str = "2023-03"
) -> list[tuple[int, str, str, int, int]]:
    return [(1000 * category + k, f"{month}-01", f"{month}-01", 1, category) for k in range(count)]


MARCH_2023 = Viewport(day("2023-03-01"), day("2023-04-01"), 1240)  # 40 px a day


def test_events_known_to_the_month_are_stacked_and_labelled_in_a_month_view() -> None:
    events = events_of([*month_of(5), (99, "2023-03-08", "2023-03-08", 0, 0)])
    frame = frame_of(events, MARCH_2023, titles=title, label_width=width)
    months = [i for i in frame.items if i.kind == "fuzzy-span"]
    assert sorted(i.event_id for i in months) == [0, 1, 2, 3, 4]
    assert {(i.x0, i.x1) for i in months} == {(0.0, 1240.0)}  # the whole month, not a day
    assert sorted(i.row for i in months) == [1, 2, 3, 4, 5]  # below the row of diamonds
    assert all(i.label == title(i.event_id) for i in months)
    assert (frame.bands[0].unit_rows, frame.density, frame.clusters) == (5, [], [])


def test_a_busy_month_becomes_a_labelled_cluster_when_rows_run_out() -> None:
    events = events_of(month_of(12) + month_of(3, category=1))
    height = 24 + 40 + 2 * 6 + 4 * 14  # room for four rows in all
    frame = frame_of(events, MARCH_2023, height=height, titles=title, label_width=width)
    assert [b.unit_rows for b in frame.bands] == [2, 2]
    cluster, other = frame.clusters  # band 0: one event drawn, eleven in the cluster
    shown = [i for i in frame.items if i.band == 0]
    assert (len(shown), cluster.size, cluster.band, cluster.row) == (1, 11, 0, 1)
    assert cluster.label == "11 more in Mar 2023"
    assert (other.band, other.size, other.label) == (1, 2, "2 more in Mar 2023")
    assert (cluster.first_day, cluster.last_day) == (day("2023-03-01"), day("2023-03-31"))
    assert frame.cluster_at((cluster.x0 + cluster.x1) / 2, cluster.y) == cluster
    assert frame.hit_test((cluster.x0 + cluster.x1) / 2, cluster.y) is None
    # With one row each, the clusters hold every event of the month.
    one_row = frame_of(events, MARCH_2023, height=24 + 40 + 2 * 6 + 2 * 14, titles=title,
                       label_width=width)  # fmt: skip
    assert [(c.band, c.size, c.label) for c in one_row.clusters] == [
        (0, 12, "12 events in Mar 2023"), (1, 3, "3 events in Mar 2023"),
    ]  # fmt: skip


def test_expanding_a_band_gives_it_the_rows_it_wants() -> None:
    events = events_of(month_of(12) + month_of(3, category=1))
    height = 24 + 40 + 2 * 6 + 10 * 14
    plain = frame_of(events, MARCH_2023, height=height)
    expanded = frame_of(events, MARCH_2023, height=height, expand=0)
    assert [b.unit_rows for b in plain.bands] == [7, 3]
    assert [b.unit_rows for b in expanded.bands] == [9, 1]
    assert max(c.size for c in expanded.clusters) == 12 - 8


def test_cluster_hits_count_the_search_hits_hidden_in_it() -> None:
    events = events_of(month_of(12))
    frame = frame_of(events, MARCH_2023, height=24 + 40 + 6 + 2 * 14, highlighted={1, 5, 7})
    (cluster,) = frame.clusters
    assert (cluster.size, cluster.hits) == (11, 3)  # event 0 is drawn; 1, 5, 7 are in it


def test_density_leaves_out_events_stacked_per_unit() -> None:
    """At a zoom where months are stacked, a month's events are not density as well."""
    rows = month_of(30) + [(500 + k, "2023-03-15", "2023-03-15", 0, 0) for k in range(30)]
    frame = frame_of(events_of(rows), MARCH_2023, height=300)
    strips = [s for s in frame.density if s.dense.any()]
    assert strips
    assert all(s.track == "points" for s in strips)
    assert max(s.max for s in strips) == 30  # the busy day, without the month's 30
    assert (
        sum(c.size for c in frame.clusters) + sum(1 for i in frame.items if i.kind == "fuzzy-span")
        == 30
    )


# -- labels at the right edge ----------------------------------------------------------------------


def test_labels_at_the_right_edge_move_left_instead_of_running_off() -> None:
    rows = [(1, "2024-12-28", "2024-12-28", 0, 0), (2, "2024-12-20", "2024-12-31", 0, 1)]
    titles = {1: "Event 1", 2: "Event 2 in Astana"}  # 42 and 102 px
    frame = frame_of(events_of(rows), YEAR_2024, titles=titles.__getitem__, label_width=width)
    point, bar = (next(i for i in frame.items if i.event_id == k) for k in (1, 2))
    assert point.label == "Event 1"
    assert point.label_left
    assert point.label_x + point.label_w == point.x0 - 4  # ends beside the diamond
    # The bar runs to the edge: its label does not fit inside, so it ends where it begins.
    assert (bar.x0, bar.x1) == (1416.0, 1464.0)
    assert bar.label == "Event 2 in Astana"
    assert bar.label_left
    assert bar.label_x + bar.label_w == bar.x0 - 4
    # A label that fits at the edge stays where it is.
    short = frame_of(events_of(rows), YEAR_2024, titles=title, label_width=width)
    bar = next(i for i in short.items if i.event_id == 2)
    assert (bar.label_x, bar.label_w, bar.label_left) == (1420.0, 42.0, False)


def test_a_label_moved_left_keeps_off_density() -> None:
    busy = [(100 + k, "2024-11-20", "2024-11-20", 0, 0) for k in range(30)]  # dense
    rows = [*busy, (1, "2024-12-30", "2024-12-30", 0, 0)]
    long = "An agreement on something"  # 150 px: left of 30 Dec it reaches back to 22 Nov
    frame = frame_of(events_of(rows), YEAR_2024, titles=lambda i: long, label_width=width)
    item = next(i for i in frame.items if i.event_id == 1)
    (strip,) = [s for s in frame.density if s.dense.any()]
    dense_end = strip.x0 + (np.flatnonzero(strip.dense)[-1] + 1) * strip.bin_px
    assert dense_end > item.x0 - 4 - width(long)  # the whole title would reach into it
    assert item.label == long
    assert item.label_left
    assert item.label_x >= dense_end  # cut after the density, not drawn over it
    assert item.label_x + item.label_w == item.x0 - 4


def test_a_label_with_no_room_on_the_left_is_cut_at_the_edge() -> None:
    # Ten days apart at 4 px a day: one row, the first diamond 40 px left of the second.
    rows = [(1, "2024-12-05", "2024-12-05", 0, 0), (2, "2024-12-15", "2024-12-15", 0, 0)]
    long = "A very long title indeed"  # 144 px
    frame = frame_of(events_of(rows), YEAR_2024, titles=lambda i: long, label_width=width)
    first, last = (next(i for i in frame.items if i.event_id == k) for k in (1, 2))
    assert first.row == last.row == 0
    assert first.label is None  # ran into the next diamond
    assert last.label == long
    assert not last.label_left
    assert last.label_x == last.x1 + 4
    assert last.label_x + last.label_w == 1464 - 2  # cut there: the painter elides it
    assert last.label_w < width(long)


# -- selection, marks ------------------------------------------------------------------------------


def test_every_selected_event_is_drawn_selected_and_the_current_one_last(
    precise: EventArrays,
) -> None:
    frame = frame_of(precise, YEAR_2024, selection=[2, 3, 4], selected=3)
    flags = {i.event_id: (i.selected, i.current) for i in frame.items}
    assert flags == {1: (False, False), 2: (True, False), 3: (True, True), 4: (True, False)}
    assert frame.items[-1].event_id == 3


def test_selected_events_hidden_in_density_are_drawn_on_their_own() -> None:
    events, _ = synthetic()
    chosen = events.ids[(events.start_day > day("2018-01-01")) & (events.kinds == 0)][:5]
    frame = whole_frame(selection=chosen, selected=int(chosen[0]))
    drawn = {i.event_id for i in frame.items if i.selected}
    assert drawn == set(chosen.tolist())
    assert frame.items[-1].event_id == int(chosen[0])


def test_marks_come_before_the_label_and_are_capped_at_three(precise: EventArrays) -> None:
    marks = np.zeros(len(precise), dtype=np.int8)
    marks[precise.index_of(3)] = 2
    marks[precise.index_of(4)] = 5
    frame = frame_of(precise, YEAR_2024, titles=title, label_width=width, marks=marks)
    got = {i.event_id: (i.marks, i.label_x, i.label_w) for i in frame.items}
    assert got[3] == (2, 674.5, 2 * 6 + 42.0)  # two 6 px marks, then the title
    assert got[1] == (0, 4.0, 42.0)
    assert got[4] == (3, 128.0, 3 * 6 + 42.0)  # five asked for, three drawn
    assert frame.mark_step == 6.0
    # A title that does not fit before March is dropped; the marks stay.
    long = "Agreement on the joint use of water"  # 210 px
    frame = frame_of(precise, YEAR_2024, titles=lambda i: long, label_width=width, marks=marks)
    item = next(i for i in frame.items if i.event_id == 4)
    assert (item.label, item.marks, item.label_w) == (None, 3, 18.0)


# -- what "fit all" frames -------------------------------------------------------------------------


def test_fit_days_leave_out_the_far_end_of_long_periods() -> None:
    events = events_of([
        (1, "1992-11-23", "1992-11-23", 0, 0),
        (2, "1991-01-01", "1991-12-31", 2, 0),  # a year: it counts where events are
        (3, "2025-11-15", "2025-11-15", 0, 1),
        (4, "2024-01-01", "2034-12-31", 0, 1),  # the 2024-2034 programme
        (5, "1900-01-01", "1995-12-31", 0, 2),  # a period begun long before
    ])  # fmt: skip
    first, last = events.fit_days() or (0, 0)
    margin = round(0.05 * (day("2025-11-15") - day("1991-01-01")))  # 5% of the span
    assert margin > 365
    assert first == day("1991-01-01") - margin  # the 1900 period is cut there
    assert last == day("2025-11-15") + margin  # the programme too: not 2034
    assert events.last_day == day("2034-12-31")
    assert EventArrays.empty().fit_days() is None
    only_periods = events_of([(1, "2000-01-01", "2010-12-31", 0, 0)])
    assert only_periods.fit_days() == (day("2000-01-01"), day("2010-12-31"))
