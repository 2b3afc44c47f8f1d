import numpy as np
from timeline_helpers import day, events_of

from uzkz_desktop.timeline import ViewLimits, Viewport, viewport_from_overview_drag
from uzkz_desktop.timeline.overview import (
    build_overview,
    resample,
    viewport_from_overview_click,
    window_in_strip,
)

FIRST = day("2020-01-01")
LIMITS = ViewLimits(FIRST, FIRST + 1000.0)
STRIP = Viewport(FIRST, FIRST + 1000.0, 500)  # 2 days per strip px


def test_month_counts_hold_events_active_in_each_month() -> None:
    events = events_of([
        (1, "2024-01-10", "2024-01-10", 0, 0),
        (2, "2024-01-20", "2024-03-05", 0, 0),
        (3, "2024-03-01", "2024-03-01", 1, 0),
    ])  # fmt: skip
    months = events.month_counts
    assert (months.first_month, months.counts.tolist()) == ((2024 - 1970) * 12, [2, 1, 2])


def test_window_in_strip_coordinates() -> None:
    view = Viewport(FIRST + 100.0, FIRST + 300.0, 1600)
    assert window_in_strip(view, STRIP) == (50.0, 150.0)


def test_a_tiny_window_stays_grabbable() -> None:
    view = Viewport(FIRST + 500.0, FIRST + 502.0, 1600)
    assert window_in_strip(view, STRIP) == (247.5, 253.5)


def test_dragging_the_window_moves_the_view() -> None:
    view = Viewport(FIRST + 100.0, FIRST + 300.0, 1600)
    moved = viewport_from_overview_drag(view, STRIP, 60.0, 110.0)
    assert moved == Viewport(FIRST + 200.0, FIRST + 400.0, 1600)
    stopped = viewport_from_overview_drag(view, STRIP, 60.0, 1000.0, LIMITS)
    assert stopped == Viewport(FIRST + 800.0, FIRST + 1000.0, 1600)


def test_a_click_centres_the_view() -> None:
    view = Viewport(FIRST + 100.0, FIRST + 300.0, 1600)
    assert viewport_from_overview_click(view, STRIP, 250.0) == Viewport(
        FIRST + 400.0, FIRST + 600.0, 1600
    )


def test_resample_takes_the_busiest_month_of_each_column() -> None:
    events = events_of([(i, "2020-03-15", "2020-03-15", 0, 0) for i in range(3)]
                       + [(9, "2020-01-02", "2020-06-30", 0, 0)])  # fmt: skip
    months = events.month_counts  # Jan..Jun 2020: 1, 1, 4, 1, 1, 1
    strip = Viewport(FIRST, FIRST + 182.0, 3)  # about two months a column
    assert resample(months, strip).tolist() == [1, 4, 1]
    wide = Viewport(FIRST, FIRST + 100.0, 100)  # a day a column: each shows its month
    got = resample(months, wide)
    assert (got[0], got[59], got[60], got[90], got[91]) == (1, 1, 4, 4, 1)  # 1 Mar .. 31 Mar


def test_build_overview_places_the_strip_and_window() -> None:
    events = events_of([(1, "2020-06-01", "2020-06-01", 0, 0)])
    view = Viewport(FIRST + 100.0, FIRST + 300.0, 1600)
    got = build_overview(events, LIMITS, view, (100.0, 860.0, 600.0, 900.0))
    assert (got.window_x0, got.window_x1, got.y0, got.y1, got.max) == (
        150.0,
        250.0,
        860.0,
        900.0,
        1,
    )
    assert len(got.counts) == 500
    assert int(np.argmax(got.counts)) == (day("2020-06-01") - FIRST) // 2
