"""Events: the timeline queries, details, updates with history, the trash."""

from __future__ import annotations

from datetime import date

import pytest
from archive_helpers import add_sample_source

from uzkz_desktop.archive import SCHEMA_VERSION, Archive, EntityKind, EventStatus
from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.core.errors import ArchiveError

YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))


@pytest.fixture
def ids(archive: Archive) -> dict[str, int]:
    """Eight events around 2023, by one-letter name."""
    decade = DateSpan(date(2020, 1, 1), date(2030, 12, 31), Precision.YEAR)
    spec = [
        ("D", decade, "energy", "accepted", []),
        ("C", DateSpan.year(2022), "trade", "accepted", []),
        ("A", DateSpan.day(2023, 2, 18), "diplomacy", "accepted", ["energy/electricity"]),
        ("B", DateSpan.month(2023, 3), "trade", "accepted", ["trade"]),
        ("E", DateSpan.day(2023, 12, 31), "diplomacy", "accepted", ["energy"]),
        ("F", DateSpan.day(2023, 5, 5), "energy", "candidate", ["energy/oil"]),
        ("G", DateSpan.day(2023, 6, 6), "energy", "rejected", []),
        ("H", DateSpan.day(2023, 7, 7), "trade", "accepted", []),
    ]
    made = {}
    with archive.transaction(actor="curator", action="add events") as tx:
        for title, span, category, status, tags in spec:
            made[title] = tx.add_event(title_en=title, span=span, category=category, status=status)
            tx.add_tags([made[title]], tags)
    with archive.transaction(actor="curator", action="trash H") as tx:
        tx.trash_event(made["H"])
    return made


def titles(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [row.title_en for row in rows]


def test_events_between_returns_overlapping_accepted_events_in_order(
    archive: Archive, ids: dict[str, int]
) -> None:
    assert titles(archive.events_between(*YEAR_2023)) == ["D", "A", "B", "E"]
    assert list(archive.event_ids_between(*YEAR_2023)) == [ids[t] for t in "DABE"]
    with_candidates = archive.events_between(*YEAR_2023, include_candidates=True)
    assert titles(with_candidates) == ["D", "A", "B", "F", "E"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 12, 31), date(2022, 12, 31), ["D", "C"]),  # touching the last day of C
        (date(2023, 3, 31), date(2023, 3, 31), ["D", "B"]),
        (date(2023, 12, 31), date(2024, 6, 1), ["D", "E"]),
        (date(2031, 1, 1), date(2040, 1, 1), []),  # after the decade ends
        (date(2019, 1, 1), date(2019, 12, 31), []),
        (date(1900, 1, 1), date(2100, 1, 1), ["D", "C", "A", "B", "E"]),
    ],
)
def test_events_between_edges(
    archive: Archive, ids: dict[str, int], start: date, end: date, expected: list[str]
) -> None:
    assert titles(archive.events_between(start, end)) == expected


def test_events_between_filters(archive: Archive, ids: dict[str, int]) -> None:
    assert titles(archive.events_between(*YEAR_2023, categories=["trade"])) == ["B"]
    assert titles(archive.events_between(*YEAR_2023, categories=[])) == []
    assert list(archive.event_ids_between(*YEAR_2023, categories=[])) == []
    assert list(archive.event_ids_between(*YEAR_2023, tags=["energy"])) == [ids["A"], ids["E"]]
    # A tag takes the tags below it: 'energy' matches 'energy/electricity' and 'energy/oil'.
    assert titles(archive.events_between(*YEAR_2023, tags=["energy"])) == ["A", "E"]
    assert titles(archive.events_between(*YEAR_2023, tags=["Energy/Electricity"])) == ["A"]
    assert titles(archive.events_between(*YEAR_2023, tags=["energy"], include_candidates=True)) == [
        "A", "F", "E",
    ]  # fmt: skip
    assert titles(archive.events_between(*YEAR_2023, tags=["no such tag"])) == []
    both = archive.events_between(*YEAR_2023, tags=["energy"], categories=["diplomacy"])
    assert titles(both) == ["A", "E"]


def test_events_between_refuses_a_backwards_window(archive: Archive) -> None:
    with pytest.raises(ValueError, match="window ends before it starts"):
        archive.events_between(date(2023, 2, 1), date(2023, 1, 1))


def test_event_rows_carry_the_date_as_stored(archive: Archive, ids: dict[str, int]) -> None:
    row = archive.events_by_id([ids["B"]])[0]
    assert (row.start, row.end, row.precision, row.edtf) == (
        date(2023, 3, 1), date(2023, 3, 31), Precision.MONTH, "2023-03",
    )  # fmt: skip
    assert (row.start_day, row.end_day) == (date(2023, 3, 1).toordinal(), 738610)
    assert (row.status, row.category, row.verified) == (EventStatus.ACCEPTED, "trade", False)


def test_events_by_id_keeps_the_order_given_and_skips_the_trash(
    archive: Archive, ids: dict[str, int]
) -> None:
    order = [ids["E"], ids["H"], 999, ids["A"], ids["G"]]
    assert titles(archive.events_by_id(order)) == ["E", "A", "G"]


def test_trash_and_restore(archive: Archive, ids: dict[str, int]) -> None:
    assert titles(archive.trashed_events()) == ["H"]
    with archive.transaction(actor="curator", action="restore H") as tx:
        assert tx.restore_event(ids["H"]) is True
        assert tx.restore_event(ids["H"]) is False
    assert titles(archive.events_between(*YEAR_2023)) == ["D", "A", "B", "H", "E"]
    assert archive.trashed_events() == []
    with archive.transaction(actor="curator", action="trash A") as tx:
        assert tx.trash_event(ids["A"]) is True
        assert tx.trash_event(ids["A"]) is False
    assert archive.event(ids["A"]).deleted_at == "2026-01-02T03:04:05Z"


def test_month_counts_follow_spans_status_and_trash(archive: Archive, ids: dict[str, int]) -> None:
    window = (date(2023, 1, 15), date(2023, 4, 1))
    # D (all decade) and A, B in their months; E, F, G, H fall outside or do not count.
    assert archive.month_counts(*window) == [
        ("2023-01", 1), ("2023-02", 2), ("2023-03", 2), ("2023-04", 1),
    ]  # fmt: skip
    assert archive.month_counts(date(2023, 5, 1), date(2023, 7, 31), include_candidates=True) == [
        ("2023-05", 2), ("2023-06", 1), ("2023-07", 1),
    ]  # fmt: skip
    with archive.transaction(actor="curator", action="edit") as tx:
        tx.update_event(
            ids["B"], span=DateSpan(date(2023, 2, 1), date(2023, 4, 30), Precision.MONTH)
        )
        tx.update_event(ids["F"], status="accepted")
        tx.trash_event(ids["A"])
    assert archive.month_counts(*window) == [
        ("2023-01", 1), ("2023-02", 2), ("2023-03", 2), ("2023-04", 2),
    ]  # fmt: skip
    assert archive.month_counts(date(2023, 5, 1), date(2023, 5, 31)) == [("2023-05", 2)]


def test_timeline_arrays(archive: Archive, ids: dict[str, int]) -> None:
    arrays = archive.timeline_arrays()
    assert list(arrays.ids) == [ids[t] for t in ("D", "C", "A", "B", "E")]
    assert list(arrays.start_day) == [
        date(2020, 1, 1).toordinal(), date(2022, 1, 1).toordinal(), date(2023, 2, 18).toordinal(),
        date(2023, 3, 1).toordinal(), date(2023, 12, 31).toordinal(),
    ]  # fmt: skip
    assert list(arrays.end_day)[:2] == [
        date(2030, 12, 31).toordinal(),
        date(2022, 12, 31).toordinal(),
    ]
    assert list(arrays.precision) == [2, 2, 0, 1, 0]
    assert arrays.categories == ("diplomacy", "energy", "trade")
    assert list(arrays.category) == [1, 2, 0, 2, 0]
    assert list(arrays.status) == [0, 0, 0, 0, 0]
    with_candidates = archive.timeline_arrays(include_candidates=True)
    assert (len(with_candidates), list(with_candidates.status)) == (6, [0, 0, 0, 0, 1, 0])


def test_timeline_arrays_of_an_empty_archive(archive: Archive) -> None:
    arrays = archive.timeline_arrays()
    assert (len(arrays), arrays.categories) == (0, ())


def test_event_detail_has_citations_tags_entities_figures_and_history(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import 002.pdf") as tx:
        source_id = add_sample_source(tx)
        first = tx.add_excerpt(source_id, 20, 80)
        second = tx.add_excerpt(source_id, 81, 129)
        event_id = tx.add_event(
            title_en="Cooperation treaty signed",
            title_uz="Hamkorlik shartnomasi imzolandi",
            span=DateSpan.year(1992),
            date_text="1992-yil",
            category="diplomacy",
            slug="1992-cooperation-treaty",
            summary="Signed in Tashkent.",
            excerpt_ids=[second, first],
        )
        tashkent = tx.add_entity("Toshkent", "place", ["Tashkent"])
        tx.link_entity(event_id, tashkent)
        tx.add_tags([event_id], ["diplomacy/treaties"])
        tx.add_figure(
            what="trade_turnover", value=4.3, unit="bn USD", period=DateSpan.year(2021),
            excerpt_id=second, event_id=event_id,
        )  # fmt: skip
    detail = archive.event(event_id)
    assert detail.event.title_uz == "Hamkorlik shartnomasi imzolandi"
    assert (detail.slug, detail.date_text, detail.summary) == (
        "1992-cooperation-treaty", "1992-yil", "Signed in Tashkent.",
    )  # fmt: skip
    assert detail.span == DateSpan.year(1992)
    assert [(e.source_key, e.page, e.char_start) for e in detail.excerpts] == [
        ("002", "1", 21), ("002", "2", 85),
    ]  # fmt: skip
    assert detail.tags == ("diplomacy/treaties",)
    assert [(e.name, e.kind, e.aliases) for e in detail.entities] == [
        ("Toshkent", EntityKind.PLACE, ("Tashkent",))
    ]
    assert [(f.what, f.value, f.page) for f in detail.figures] == [("trade_turnover", 4.3, "2")]
    assert [(h.op, h.table_name, h.batch_id) for h in detail.history] == [
        ("insert", "events", 1),
        ("insert", "event_excerpts", 1),
        ("insert", "event_excerpts", 1),
        ("insert", "event_entities", 1),
        ("insert", "event_tags", 1),
    ]


def test_update_event_records_before_and_after(archive: Archive, ids: dict[str, int]) -> None:
    with archive.transaction(actor="curator", action="fix A") as tx:
        changed = tx.update_event(
            ids["A"], title_en="A (fixed)", verified=True, span=DateSpan.day(2023, 2, 19),
            category="diplomacy",
        )  # fmt: skip
        unchanged = tx.update_event(ids["A"], title_en="A (fixed)")
    assert (changed, unchanged) == (True, False)
    detail = archive.event(ids["A"])
    assert (detail.event.title_en, detail.event.verified, detail.event.edtf) == (
        "A (fixed)", True, "2023-02-19",
    )  # fmt: skip
    last = detail.history[-1]
    assert (last.actor, last.action, last.op, last.batch_id) == ("curator", "fix A", "update", 3)
    assert last.before == {
        "end_date": "2023-02-18", "edtf": "2023-02-18", "start_date": "2023-02-18",
        "title_en": "A", "verified": 0,
    }  # fmt: skip
    assert last.after == {
        "end_date": "2023-02-19", "edtf": "2023-02-19", "start_date": "2023-02-19",
        "title_en": "A (fixed)", "verified": 1,
    }  # fmt: skip


def test_update_event_refuses_unknown_fields_and_taken_slugs(
    archive: Archive, ids: dict[str, int]
) -> None:
    with archive.transaction(actor="curator", action="slug") as tx:
        tx.update_event(ids["A"], slug="a")
    with (
        pytest.raises(TypeError, match="unknown field 'colour'"),
        archive.transaction(actor="curator", action="bad") as tx,
    ):
        tx.update_event(ids["B"], colour="red")
    with (
        pytest.raises(ArchiveError, match="the slug 'a' is already used by event 3"),
        archive.transaction(actor="curator", action="bad") as tx,
    ):
        tx.update_event(ids["B"], slug="a")
    with (
        pytest.raises(ValueError, match="'maybe' is not a valid EventStatus"),
        archive.transaction(actor="curator", action="bad") as tx,
    ):
        tx.update_event(ids["B"], status="maybe")
    with (
        pytest.raises(ArchiveError, match="there is no event 99"),
        archive.transaction(actor="curator", action="bad") as tx,
    ):
        tx.update_event(99, title_en="x")


def test_event_detail_of_a_missing_event(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="there is no event 5 in "):
        archive.event(5)


def test_one_event_attested_by_several_sources(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        first = tx.add_excerpt(add_sample_source(tx, key="002"), 0, 19)
        second = tx.add_excerpt(add_sample_source(tx, key="005", original="Toshkent, 1992."), 0, 15)
        event_id = tx.add_event(title_en="x", span=DateSpan.year(1992), excerpt_ids=[first])
        assert tx.link_excerpt(event_id, second) is True
        assert tx.link_excerpt(event_id, second) is False
    assert [e.source_key for e in archive.event(event_id).excerpts] == ["002", "005"]
    with archive.transaction(actor="curator", action="unlink") as tx:
        assert tx.unlink_excerpt(event_id, first) is True
    assert [e.source_key for e in archive.event(event_id).excerpts] == ["005"]


def test_stats(archive: Archive, ids: dict[str, int]) -> None:
    stats = archive.stats()
    assert (stats.events, stats.accepted, stats.candidates, stats.rejected) == (7, 5, 1, 1)
    assert (stats.trashed, stats.tags, stats.generation) == (1, 4, 2)
    assert stats.schema_version == SCHEMA_VERSION
    assert (stats.first_day, stats.last_day) == (date(2020, 1, 1), date(2030, 12, 31))
