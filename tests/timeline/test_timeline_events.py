from array import array

import numpy as np
import pytest
from timeline_helpers import day

from uzkz_desktop.timeline import EventArrays


def test_columns_are_sorted_by_start_then_end_then_id() -> None:
    events = EventArrays.from_columns(
        [7, 5, 6], [day("2024-03-01"), day("2024-01-01"), day("2024-01-01")],
        [day("2024-03-01"), day("2024-01-09"), day("2024-01-02")], [0, 0, 0], [1, 2, 3],
    )  # fmt: skip
    assert (events.ids.tolist(), events.category.tolist()) == ([6, 5, 7], [3, 2, 1])


def test_imprecise_dates_cover_their_month_or_year() -> None:
    events = EventArrays.from_columns(
        [1, 2], [day("2024-02-10"), day("2024-06-01")], [day("2024-02-10"), day("2024-06-01")],
        [1, 2], [0, 0],
    )  # fmt: skip
    assert events.start_day.tolist() == [day("2024-01-01"), day("2024-02-01")]
    assert events.end_day.tolist() == [day("2024-12-31"), day("2024-02-29")]
    assert events.kinds.tolist() == [2, 2]  # both fuzzy spans


def test_mixed_precision_range() -> None:
    # "17.04.2000 – 2008": a known first day, an end known to the year.
    events = EventArrays.from_columns(
        [1], [day("2000-04-17")], [day("2008-01-01")], [0], [0], end_precision=[2]
    )
    assert (events.start_day[0], events.end_day[0]) == (day("2000-04-17"), day("2008-12-31"))
    assert events.kinds.tolist() == [1]  # a period


def test_kinds_of_points_periods_and_imprecise_periods() -> None:
    events = EventArrays.from_columns(
        [1, 2, 3], [day("2024-05-05"), day("2024-05-06"), day("2024-01-01")],
        [day("2024-05-05"), day("2024-05-08"), day("2034-01-01")], [0, 0, 2], [0, 0, 0],
    )  # fmt: skip
    assert events.kinds.tolist() == [1, 0, 1]  # "2024/2034" is a period with fuzzy ends


def test_archive_columns_are_accepted() -> None:
    events = EventArrays.from_columns(
        array("i", [1]), array("i", [day("2024-01-01")]), array("i", [day("2024-01-01")]),
        array("i", [0]), array("i", [4]),
    )  # fmt: skip
    dtypes = (events.ids.dtype, events.start_day.dtype, events.category.dtype)
    assert [d.name for d in dtypes] == ["int64", "int32", "int16"]


def test_ids_to_rows() -> None:
    events = EventArrays.from_columns([30, 10, 20], [3, 1, 2], [3, 1, 2], [0, 0, 0], [0, 0, 0])
    assert (events.index_of(20), events.index_of(99)) == (1, None)
    assert events.indices_of([30, 99, 10]).tolist() == [0, 2]
    assert events.mask_of([30]).tolist() == [False, False, True]


def test_bad_columns_are_refused() -> None:
    one = np.ones(1, dtype=np.int32)
    with pytest.raises(ValueError, match="differ in length"):
        EventArrays(np.ones(2, dtype=np.int64), one, one, one.astype(np.int8), one.astype(np.int16))
    two = np.array([5, 4], dtype=np.int32)
    with pytest.raises(ValueError, match="sorted by start_day"):
        EventArrays(np.arange(2), two, two, np.zeros(2, np.int8), np.zeros(2, np.int16))
    with pytest.raises(ValueError, match="ends before"):
        EventArrays.from_columns([1], [10], [9], [0], [0])


def test_empty_archive() -> None:
    events = EventArrays.empty()
    assert (len(events), events.first_day, events.last_day) == (0, None, None)
