import pytest
from hypothesis import given
from hypothesis import strategies as st
from timeline_helpers import day

from uzkz_desktop.timeline import ViewLimits, Viewport

views = st.builds(
    lambda start, span, width: Viewport(start, start + span, width),
    st.floats(700_000, 750_000),
    st.floats(2.0, 20_000.0),
    st.integers(100, 4000),
)


def test_day_and_x_are_inverse() -> None:
    view = Viewport(1000.0, 1100.0, 200)
    assert (view.x_for(1050.0), view.day_at(50.0), view.days_per_px) == (100.0, 1025.0, 0.5)


def test_zoom_at_keeps_the_day_under_the_cursor() -> None:
    view = Viewport(1000.0, 1100.0, 100).zoom_at(25.0, 2.0)
    assert (view.start, view.end) == (1012.5, 1062.5)


@given(views, st.floats(0, 1.0), st.floats(0.05, 20.0))
def test_zoom_anchor_property(view: Viewport, at: float, factor: float) -> None:
    x = at * view.width_px
    zoomed = view.zoom_at(x, factor)
    assert zoomed.day_at(x) == pytest.approx(view.day_at(x), abs=1e-6)
    assert zoomed.span == pytest.approx(view.span / factor)


@given(views, st.floats(-3000, 3000))
def test_pan_moves_by_pixels(view: Viewport, dx: float) -> None:
    panned = view.pan(dx)
    # The day that was at x is now at x + dx: dragging carries the content.
    assert panned.x_for(view.day_at(10.0)) == pytest.approx(10.0 + dx, abs=1e-6)


def test_pan_right_shows_earlier_days() -> None:
    assert Viewport(1000.0, 1100.0, 100).pan(10.0) == Viewport(990.0, 1090.0, 100)


def test_fit_leaves_the_margin_free() -> None:
    assert Viewport(0.0, 1.0, 500).fit(1000.0, 1094.0) == Viewport(997.0, 1097.0, 500)


def test_zoom_in_and_out_keep_the_centre() -> None:
    view = Viewport(1000.0, 1300.0, 600)
    assert view.zoom_in() == Viewport(1050.0, 1250.0, 600)
    assert view.zoom_in().zoom_out() == view


def test_centre_on_and_resize() -> None:
    view = Viewport(1000.0, 1100.0, 100)
    assert view.centre_on(2000.0) == Viewport(1950.0, 2050.0, 100)
    assert view.resized(200) == Viewport(1000.0, 1200.0, 200)


def test_limits_around_the_archive() -> None:
    limits = ViewLimits.around(day("1991-01-01"), day("2027-12-31"))
    span = day("2028-01-01") - day("1991-01-01")  # 13,514 days
    assert limits.max_span == pytest.approx(span * 1.06)
    assert (limits.first + limits.last) / 2 == pytest.approx(day("1991-01-01") + span / 2)


def test_limits_of_an_empty_archive_are_sixty_years() -> None:
    limits = ViewLimits.around(None, None)
    assert limits.max_span == pytest.approx(60 * 365.2425)


def test_clamp_zoomed_out_too_far() -> None:
    limits = ViewLimits(10_000.0, 20_000.0)
    assert Viewport(0.0, 50_000.0, 1000).clamped(limits) == Viewport(10_000.0, 20_000.0, 1000)


def test_clamp_zoomed_in_too_far_keeps_the_anchor() -> None:
    limits = ViewLimits(10_000.0, 20_000.0)
    view = Viewport(15_000.0, 15_000.5, 1000).clamped(limits, anchor_x=250.0)
    assert (view.span, view.day_at(250.0)) == (2.0, 15_000.125)


def test_clamp_slides_back_inside() -> None:
    limits = ViewLimits(10_000.0, 20_000.0)
    assert Viewport(9_900.0, 10_100.0, 100).clamped(limits) == Viewport(10_000.0, 10_200.0, 100)
    assert Viewport(19_950.0, 20_050.0, 100).clamped(limits) == Viewport(19_900.0, 20_000.0, 100)


@given(views, st.floats(0.001, 1000.0), st.floats(-1e6, 1e6))
def test_clamped_is_always_within_limits(view: Viewport, factor: float, dx: float) -> None:
    limits = ViewLimits(day("1989-11-30"), day("2029-02-01"))
    clamped = view.zoom_at(0.0, factor).pan(dx).clamped(limits)
    assert limits.first - 1e-6 <= clamped.start < clamped.end <= limits.last + 1e-6
    assert limits.min_span - 1e-6 <= clamped.span <= limits.max_span + 1e-6


def test_a_single_day_fills_half_the_width_at_most_zoom() -> None:
    limits = ViewLimits(day("1991-01-01"), day("2028-01-01"))
    view = Viewport(day("2024-03-01"), day("2024-03-02"), 1600).zoom_in(100.0).clamped(limits)
    assert view.px_per_day == 800.0


def test_bad_viewports_are_refused() -> None:
    with pytest.raises(ValueError, match="empty viewport"):
        Viewport(10.0, 10.0, 100)
    with pytest.raises(ValueError, match="empty viewport"):
        Viewport(10.0, 20.0, 0)
    with pytest.raises(ValueError, match="positive"):
        Viewport(10.0, 20.0, 100).zoom_at(5.0, 0.0)
