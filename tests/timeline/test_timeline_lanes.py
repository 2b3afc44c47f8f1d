import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from timeline_helpers import CATEGORIES, day, events_of, layout_of

from uzkz_desktop.timeline import BoxStyle, EventArrays, LanesLayout
from uzkz_desktop.timeline import lanes as lanes_module
from uzkz_desktop.timeline.events import MONTH, YEAR
from uzkz_desktop.timeline.lanes import OVERFLOW, UNIT, first_fit, greedy_row


def reference_first_fit(lo: list[float], hi: list[float], max_rows: int) -> list[int]:
    """The plain loop: each interval takes the lowest row whose last interval has ended."""
    row_end: list[float] = []
    rows = []
    for a, b in zip(lo, hi, strict=True):
        free = [r for r, end in enumerate(row_end) if end <= a]
        if free:
            rows.append(free[0])
            row_end[free[0]] = b
        elif len(row_end) < max_rows:
            rows.append(len(row_end))
            row_end.append(b)
        else:
            rows.append(OVERFLOW)
    return rows


def test_first_fit_alternates_overlapping_pairs() -> None:
    lo = np.array([0.0, 1.0, 2.0, 3.0])
    assert first_fit(lo, lo + 2, 4).tolist() == [0, 1, 0, 1]


def test_first_fit_overflows_past_max_rows() -> None:
    lo = np.zeros(3)
    assert first_fit(lo, lo + 1, 2).tolist() == [0, 1, OVERFLOW]


def test_greedy_row_follows_chains_through_clusters() -> None:
    lo = np.array([0.0, 1.0, 5.0, 10.0, 11.0, 12.0])
    hi = np.array([5.0, 2.0, 6.0, 11.5, 12.0, 13.0])
    assert greedy_row(lo, hi).tolist() == [True, False, True, True, False, True]


intervals = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40)), min_size=0, max_size=120
).map(sorted)


@given(intervals, st.integers(1, 5))
def test_first_fit_matches_the_plain_loop(pairs: list[tuple[int, int]], max_rows: int) -> None:
    lo = [float(a) for a, _ in pairs]
    hi = [float(a + length) for a, length in pairs]
    got = first_fit(np.array(lo), np.array(hi), max_rows).tolist()
    assert got == reference_first_fit(lo, hi, max_rows)


@given(intervals)
def test_rows_never_overlap(pairs: list[tuple[int, int]]) -> None:
    lo = np.array([a for a, _ in pairs], dtype=float)
    hi = lo + np.array([n for _, n in pairs], dtype=float)
    rows = first_fit(lo, hi, 3)
    for row in range(3):
        a, b = lo[rows == row], hi[rows == row]
        assert np.all(a[1:] >= b[:-1])


def test_bands_are_the_present_categories_in_order() -> None:
    events = events_of(
        [(1, "2024-01-05", "2024-01-05", 0, 2), (2, "2024-02-01", "2024-02-01", 0, 0)]
    )
    assert layout_of(events).categories == (0, 2)
    assert layout_of(events).labels == ("diplomacy", "energy")
    every = LanesLayout(events, CATEGORIES, order=[3, 2, 1, 0], only_present=False)
    assert (every.categories, every.band_of.tolist()) == ((3, 2, 1, 0), [1, 3])


def test_categories_left_out_have_no_band() -> None:
    events = events_of(
        [(1, "2024-01-05", "2024-01-05", 0, 2), (2, "2024-02-01", "2024-02-01", 0, 0)]
    )
    lanes = LanesLayout(events, CATEGORIES, order=[2])
    assert lanes.band_of.tolist() == [0, -1]
    assert lanes.packing(0).rows.tolist() == [0, OVERFLOW]


def test_packing_is_cached_per_octave() -> None:
    events = events_of([(1, "2024-01-05", "2024-01-05", 0, 0)])
    lanes = layout_of(events)
    assert [LanesLayout.bucket_for(d) for d in (0.7, 0.5, 3.9)] == [-1, -1, 1]
    assert lanes.packing(-1) is lanes.packing(-1)
    # 9 px diamonds and 3 px gaps fit in half a day from 1/16 day per px: rows stop changing.
    assert lanes.finest_bucket == -5
    assert lanes.packing(-9) is lanes.packing(-5)


def test_a_year_of_imprecise_events_does_not_push_out_the_points() -> None:
    rows = [(i, "2024-01-01", "2024-12-31", 2, 0) for i in range(1, 11)]
    rows.append((99, "2024-06-01", "2024-06-01", 0, 0))
    lanes = layout_of(events_of(rows))
    # Zoomed out (years 45 px and less): the years are packed, and overflow past 8 rows.
    packed = dict(zip(lanes.events.ids.tolist(), lanes.packing(2).rows.tolist(), strict=True))
    # Points and bars have tracks of their own: the point keeps row 0.
    assert packed == {**{i: i - 1 for i in range(1, 9)}, 9: OVERFLOW, 10: OVERFLOW, 99: 0}


def test_where_a_year_is_wide_its_one_year_events_are_left_to_the_stack() -> None:
    rows = [(i, "2024-01-01", "2024-12-31", 2, 0) for i in range(1, 4)]
    rows += [(5, "2024-03-01", "2024-03-31", 1, 0), (6, "2023-01-01", "2024-12-31", 2, 0)]
    lanes = layout_of(events_of(rows))
    assert lanes.style.unit_px == 200
    # Bucket 0 (1-2 days a px): a year is 182 px at the least, too narrow to stack on.
    assert lanes.unit_precisions(0) == ()
    # Bucket -1: years are at least 365 px; months (28-56 px) are not.
    assert lanes.unit_precisions(-1) == (YEAR,)
    assert lanes.unit_precisions(-4) == (YEAR, MONTH)  # months of 224 px and more
    packed = dict(zip(lanes.events.ids.tolist(), lanes.packing(-1).rows.tolist(), strict=True))
    # The years wait for their stack; "2023/2024" (two years) and March are packed.
    assert packed == {1: UNIT, 2: UNIT, 3: UNIT, 6: 0, 5: 1}
    year = lanes.units(YEAR)
    lo, hi = year.runs(np.array([1]), np.array([day("2024-01-01")]))
    assert sorted(lanes.events.ids[year.order[lo[0] : hi[0]]].tolist()) == [1, 2, 3]
    # Density at that zoom counts the years once only: in their stack, not in the bins.
    plain, without = lanes.days, lanes.density_days((YEAR,))
    june = np.array([float(day("2024-06-01"))])
    assert plain.active(np.array([1]), june, june + 1).tolist() == [4]  # March is over
    assert without.active(np.array([1]), june, june + 1).tolist() == [1]


def test_a_visibility_mask_keeps_only_those_events() -> None:
    rows = [(1, "2024-01-05", "2024-01-05", 0, 0), (2, "2024-02-01", "2024-02-01", 0, 1),
            (3, "2024-02-03", "2024-02-03", 0, 0)]  # fmt: skip
    events = events_of(rows)
    lanes = LanesLayout(events, CATEGORIES, visible=events.mask_of([1, 3]))
    assert lanes.categories == (0,)  # category 1 has no visible event: no band
    assert lanes.lane_of.tolist() == [0, -1, 0]
    assert lanes.packing(0).rows.tolist() == [0, OVERFLOW, 0]
    every = LanesLayout(events, CATEGORIES, visible=events.mask_of([1, 3]), only_present=False)
    assert every.categories == (0, 1, 2, 3)
    with pytest.raises(ValueError, match="one entry per event"):
        LanesLayout(events, CATEGORIES, visible=np.ones(2, dtype=np.bool_))


def test_points_a_day_apart_share_a_row_only_when_zoomed_in() -> None:
    events = events_of(
        [(1, "2024-06-01", "2024-06-01", 0, 0), (2, "2024-06-02", "2024-06-02", 0, 0)]
    )
    lanes = layout_of(events)
    # Box 9 px + gap 3 px: at up to 1/16 day per px that is under a day, at 1 day per px 12.
    assert lanes.packing(-5).rows.tolist() == [0, 0]
    assert lanes.packing(0).rows.tolist() == [0, 1]


def test_row_count_follows_the_style() -> None:
    rows = [(i, "2024-06-01", "2024-06-01", 0, 1) for i in range(1, 6)]
    lanes = LanesLayout(events_of(rows), CATEGORIES, style=BoxStyle(point_rows=4))
    assert lanes.packing(0).rows.tolist() == [0, 1, 2, 3, OVERFLOW]


@pytest.mark.parametrize("bucket", [-9, 0, 4])
def test_packing_keys_are_sorted(bucket: int) -> None:
    rows = [(i, f"2024-0{1 + i % 9}-1{i % 10}", f"2024-0{1 + i % 9}-2{i % 8}", i % 3, i % 4)
            for i in range(1, 60)]  # fmt: skip
    packing = layout_of(events_of(rows)).packing(bucket)
    assert np.all(np.diff(packing.start_keys) >= 0)
    assert np.all(np.diff(packing.end_keys) >= 0)


@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from([0, 0, 1, 5]), st.integers(0, 3))))
def test_finer_buckets_would_pack_the_same(rows: list[tuple[int, int, int]]) -> None:
    start = 738_000
    events = EventArrays.from_columns(
        range(len(rows)),
        [start + offset for offset, _, _ in rows],
        [start + offset + length for offset, length, _ in rows],
        [0] * len(rows),
        [category for _, _, category in rows],
    )
    lanes = layout_of(events)
    finest = lanes.packing(lanes.finest_bucket).rows
    for bucket in (-12, -8, lanes.finest_bucket - 1):
        assert lanes._pack(bucket).rows.tolist() == finest.tolist()


def test_long_spans_of_days_fall_back_to_binary_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lanes_module, "MAX_TABLE_CELLS", 10_000)  # 2 lanes x 5,000 days
    events = events_of([
        (1, "1501-05-01", "1501-05-01", 0, 0),
        (2, "2024-01-01", "2024-12-31", 0, 0),
        (3, "2024-03-01", "2024-03-01", 0, 0),
    ])  # fmt: skip
    wide = layout_of(events).days
    narrow = layout_of(events_of([(2, "2024-01-01", "2024-12-31", 0, 0),
                                  (3, "2024-03-01", "2024-03-01", 0, 0)])).days  # fmt: skip
    assert (type(wide).__name__, type(narrow).__name__) == ("KeyTable", "DayTable")
    lanes = np.array([0, 0, 1, 1])
    left = np.array(
        [day("2024-02-10"), day("1501-05-01"), day("2024-02-10"), day("2024-03-01")], float
    )
    right = left + 30
    assert wide.active(lanes, left, right).tolist() == [1, 1, 1, 1]
    assert narrow.active(lanes, left, right).tolist() == [1, 0, 1, 1]
