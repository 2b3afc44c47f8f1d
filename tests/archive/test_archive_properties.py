"""Properties: the indexed queries agree with the plain definitions on random data."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.archive import Archive, OffsetMap
from uzkz_desktop.core.dates import DateSpan, Precision

FIRST = date(1985, 1, 1).toordinal()
LAST = date(2035, 12, 31).toordinal()

spans = st.tuples(
    st.integers(FIRST, LAST),
    # Mostly short spans, some far longer than a year (the events_long index).
    st.one_of(st.integers(0, 400), st.integers(0, 6000)),
).map(lambda s: (date.fromordinal(s[0]), date.fromordinal(min(s[0] + s[1], LAST))))

events = st.lists(
    st.tuples(spans, st.sampled_from(["accepted", "candidate", "rejected"]), st.booleans()),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(events=events, window=spans, include_candidates=st.booleans())
def test_events_between_is_the_overlap_of_spans(
    events: list[tuple[tuple[date, date], str, bool]],
    window: tuple[date, date],
    include_candidates: bool,
) -> None:
    statuses = {"accepted", "candidate"} if include_candidates else {"accepted"}
    with Archive.memory() as archive:
        with archive.transaction(actor="test", action="fill") as tx:
            for i, ((start, end), status, trashed) in enumerate(events):
                event_id = tx.add_event(
                    title_en=str(i), span=DateSpan(start, end, Precision.DAY), status=status
                )
                if trashed:
                    tx.trash_event(event_id)
        found = archive.events_between(*window, include_candidates=include_candidates)
        found_ids = archive.event_ids_between(*window, include_candidates=include_candidates)
        counts = archive.month_counts(*window, include_candidates=include_candidates)
    visible = [
        (start, end, i)
        for i, ((start, end), status, trashed) in enumerate(events)
        if status in statuses and not trashed
    ]
    expected = sorted(s for s in visible if s[0] <= window[1] and s[1] >= window[0])
    assert [r.title_en for r in found] == [str(i) for *_, i in expected]
    assert list(found_ids) == [r.id for r in found]
    for month, count in counts:
        first = date.fromisoformat(month + "-01")
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        assert count == sum(1 for start, end, _ in visible if start <= last and end >= first)


@given(st.lists(st.integers(0, 5), max_size=300))
def test_offset_runs_round_trip(steps: list[int]) -> None:
    offsets, position = [], 0
    for step in steps:  # non-decreasing, as cleaned-to-original maps are
        position += step
        offsets.append(position)
    compact = OffsetMap.from_offsets(offsets)
    assert compact.expand() == offsets
    assert OffsetMap.from_json(compact.to_json()) == compact
