import pytest
from timeline_helpers import day, events_of

from uzkz_desktop.timeline import (
    EventArrays,
    event_days,
    events_in,
    next_event,
    prev_event,
    step_event,
)


@pytest.fixture(scope="module")
def events() -> EventArrays:
    return events_of([
        (30, "2024-03-01", "2024-03-01", 0, 0),
        (10, "2024-01-15", "2024-01-15", 0, 1),
        (11, "2024-01-15", "2024-01-20", 0, 2),  # same start, ends later: after 10
        (20, "2024-02-01", "2024-02-29", 1, 0),
    ])  # fmt: skip


def test_arrays_are_in_time_order(events: EventArrays) -> None:
    assert events.ids.tolist() == [10, 11, 20, 30]


def test_next_and_previous_by_day(events: EventArrays) -> None:
    assert next_event(events, day("2024-01-15")) == 20  # strictly after the day
    assert next_event(events, day("2024-01-14") + 0.5) == 10
    assert prev_event(events, day("2024-02-01")) == 11
    assert prev_event(events, day("2024-01-15")) is None
    assert next_event(events, day("2024-03-01")) is None


def test_stepping_visits_every_event_of_a_busy_day(events: EventArrays) -> None:
    assert [step_event(events, i) for i in (10, 11, 20, 30)] == [11, 20, 30, None]
    assert [step_event(events, i, -1) for i in (10, 11, 20, 30)] == [None, 10, 11, 20]
    assert step_event(events, 999) is None


def test_stepping_through_search_hits(events: EventArrays) -> None:
    hits = events.mask_of([10, 30])
    assert step_event(events, 10, 1, hits) == 30
    assert step_event(events, 20, -1, hits) == 10  # from a non-hit: the nearest hit before
    assert next_event(events, day("2024-01-16"), 1, hits) == 30


def test_event_days_for_focusing(events: EventArrays) -> None:
    assert event_days(events, 20) == (day("2024-02-01"), day("2024-03-01"))
    assert event_days(events, 999) is None


def test_events_in_a_density_bin() -> None:
    events = events_of([
        (1, "2010-01-01", "2030-12-31", 0, 0),  # began long before
        (2, "2023-01-01", "2023-12-31", 2, 0),  # "2023": over before the bin
        (3, "2024-06-10", "2024-06-10", 0, 0),
        (4, "2024-06-11", "2024-06-11", 0, 1),
        (5, "2024-06-12", "2024-06-12", 0, 0),  # after the bin
    ])  # fmt: skip
    first, last = day("2024-06-09"), day("2024-06-11")
    assert events_in(events, first, last).tolist() == [1, 3, 4]
    assert events_in(events, first, last, category=0).tolist() == [1, 3]
    assert events_in(events, first, last, category=0, points=True).tolist() == [3]
