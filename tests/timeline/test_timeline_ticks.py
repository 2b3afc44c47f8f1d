from itertools import pairwise

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from timeline_helpers import day

from uzkz_desktop.timeline import TickUnit, Viewport, format_day, ticks
from uzkz_desktop.timeline.ticks import choose_unit, unit_starts

UZBEK = ("yan", "fev", "mar", "apr", "may", "iyn", "iyl", "avg", "sen", "okt", "noy", "dek")


def labels(view: Viewport, **kwargs: object) -> list[str]:
    return [t.label for t in ticks(view, **kwargs).major]  # type: ignore[arg-type]


def test_a_year_shows_months_with_the_year_first() -> None:
    view = Viewport(day("2024-01-01"), day("2025-01-01"), 1600)
    got = ticks(view)
    assert got.unit is TickUnit.MONTH
    assert [t.label for t in got.major] == [
        "Jan 2024", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]  # fmt: skip
    assert (got.major[0].x, got.major[1].day) == (0.0, day("2024-02-01"))


def test_month_names_come_from_the_caller() -> None:
    view = Viewport(day("2024-11-01"), day("2025-03-01"), 600)
    assert labels(view, month_names=UZBEK) == ["noy 2024", "dek", "yan 2025", "fev"]


def test_whole_archive_shows_every_other_year() -> None:
    view = Viewport(day("1991-01-01"), day("2028-01-01"), 1600)
    got = ticks(view)
    assert got.unit is TickUnit.YEARS_2
    assert [t.label for t in got.major] == [str(y) for y in range(1992, 2028, 2)]
    # Quarters are still 10 px apart: 148 of them, less the 18 on a major tick.
    assert (len(got.minor), got.minor[1].day) == (130, day("1991-04-01"))


def test_sixty_years_in_800_px_show_decades() -> None:
    view = Viewport(day("1970-01-01"), day("2030-01-01"), 800)
    assert ticks(view).unit is TickUnit.DECADE
    assert labels(view) == ["1970", "1980", "1990", "2000", "2010", "2020"]


def test_two_years_show_quarters() -> None:
    view = Viewport(day("2024-01-01"), day("2026-01-01"), 1600)
    assert ticks(view).unit is TickUnit.QUARTER
    assert labels(view) == ["Jan 2024", "Apr", "Jul", "Oct", "Jan 2025", "Apr", "Jul", "Oct"]


def test_eight_weeks_show_mondays() -> None:
    view = Viewport(day("2024-03-01"), day("2024-04-26"), 1600)
    got = ticks(view)
    assert got.unit is TickUnit.WEEK
    assert [t.label for t in got.major] == [
        "4 Mar 2024", "11", "18", "25", "1 Apr", "8", "15", "22",
    ]  # fmt: skip
    assert len(got.minor) == 56 - 8  # days, none on a Monday tick


def test_a_week_shows_days() -> None:
    view = Viewport(day("2024-03-11"), day("2024-03-18"), 1600)
    assert ticks(view).unit is TickUnit.DAY
    assert labels(view) == ["11 Mar 2024", "12", "13", "14", "15", "16", "17"]


def test_day_labels_name_the_new_month_and_year() -> None:
    assert labels(Viewport(day("2024-02-27"), day("2024-03-04"), 1600)) == [
        "27 Feb 2024", "28", "29", "1 Mar", "2", "3",
    ]  # fmt: skip
    assert labels(Viewport(day("2024-12-30"), day("2025-01-02"), 1600)) == [
        "30 Dec 2024", "31", "1 Jan 2025",
    ]  # fmt: skip


def test_ticks_start_inside_the_view() -> None:
    # The view starts mid-day: the first whole day is the 12th.
    assert labels(Viewport(day("2024-03-11") + 0.5, day("2024-03-14"), 1600)) == [
        "12 Mar 2024", "13",
    ]  # fmt: skip


def test_unit_starts() -> None:
    assert unit_starts(TickUnit.QUARTER, day("2024-02-15"), day("2024-12-31")) == [
        day("2024-04-01"), day("2024-07-01"), day("2024-10-01"),
    ]  # fmt: skip
    assert unit_starts(TickUnit.DECADE, day("1991-01-01"), day("2027-12-31")) == [
        day("2000-01-01"), day("2010-01-01"), day("2020-01-01"),
    ]  # fmt: skip


def test_format_day_follows_the_axis() -> None:
    d = day("2024-03-14") + 0.7
    assert format_day(d, TickUnit.DAY) == "14 Mar 2024"
    assert format_day(d, TickUnit.QUARTER, UZBEK) == "mar 2024"
    assert format_day(d, TickUnit.DECADE) == "2024"


def test_twelve_month_names_are_required() -> None:
    with pytest.raises(ValueError, match="12 month names"):
        ticks(Viewport(day("2024-01-01"), day("2025-01-01"), 1600), month_names=("Jan",))


@example(726_646.0, 40_000.0, 200, 183.0)  # centuries are 182.6 px apart there: every 2nd
@given(
    st.floats(700_000, 745_000), st.floats(1.0, 40_000.0), st.integers(200, 3000),
    st.floats(40.0, 200.0),
)  # fmt: skip
def test_labels_never_crowd(start: float, span: float, width: int, spacing: float) -> None:
    got = ticks(Viewport(start, start + span, width), spacing)
    xs = [t.x for t in got.major]
    assert all(b - a >= spacing - 1e-6 for a, b in pairwise(xs))
    assert all(0 <= x < width for x in xs)
    assert not {t.day for t in got.minor} & {t.day for t in got.major}
    assert got.unit is choose_unit(span / width, spacing)
