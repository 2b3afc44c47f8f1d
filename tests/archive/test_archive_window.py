"""The in-memory events snapshot behind events_between: same answers as the SQL, kept current.

Every answer is checked against two references: a brute-force filter of what the test wrote,
and queries.events_between (the SQL the snapshot replaces), which reads the tables.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uzkz_desktop.archive import Archive, EventRow, EventStatus, Transaction, _window, queries
from uzkz_desktop.archive._window import EventWindow
from uzkz_desktop.core.dates import DateSpan, Precision

FIRST = date(1985, 1, 1).toordinal()
LAST = date(2035, 12, 31).toordinal()
ALL_TIME = (date(1, 1, 1), date(9999, 12, 31))
CATEGORIES = ["diplomacy", "trade", "energy", "", "a\x1fb"]  # '' is the default category
TAGS = ["energy", "energy/oil", "energy/Electricity", "water", "trade/rail"]
TAG_QUERIES = [*TAGS, "Energy", "ENERGY/OIL", "trade", "nothing", "energ"]

spans = st.tuples(
    st.integers(FIRST, LAST),
    # Mostly short spans, some longer than a year (LONG_SPAN_DAYS), ties on the same days.
    st.one_of(st.integers(0, 3), st.integers(0, 400), st.integers(0, 6000)),
).map(lambda s: (date.fromordinal(s[0]), date.fromordinal(min(s[0] + s[1], LAST))))
# Titles with non-ASCII letters, and now and then the separator the loader joins them with.
titles = st.text(alphabet="abcʻ–é \x1f", min_size=1, max_size=6).filter(str.strip)


@dataclass
class Spec:
    """What the test wrote about one event, for the brute-force reference."""

    start: date
    end: date
    status: str
    category: str
    title: str
    title_uz: str | None
    tags: set[str] = field(default_factory=set)
    trashed: bool = False
    verified: bool = False


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    start, end = draw(spans)
    return Spec(
        start,
        end,
        status=draw(st.sampled_from(["accepted", "candidate", "rejected"])),
        category=draw(st.sampled_from(CATEGORIES)),
        title=draw(titles),
        title_uz=draw(st.one_of(st.none(), titles)),
        tags=draw(st.sets(st.sampled_from(TAGS), max_size=2)),
        trashed=draw(st.booleans()),
        verified=draw(st.booleans()),
    )


events = st.lists(specs(), max_size=30)

windows = st.tuples(
    spans,
    st.booleans(),
    st.one_of(st.none(), st.lists(st.sampled_from([*CATEGORIES, "unknown"]), max_size=3)),
    st.one_of(st.none(), st.lists(st.sampled_from(TAG_QUERIES), max_size=2)),
)


def add(tx: Transaction, spec: Spec) -> int:
    event_id = tx.add_event(
        title_en=spec.title,
        title_uz=spec.title_uz,
        span=DateSpan(spec.start, spec.end, Precision.DAY),
        status=spec.status,
        category=spec.category,
        verified=spec.verified,
    )
    tx.add_tags([event_id], spec.tags)
    if spec.trashed:
        tx.trash_event(event_id)
    return event_id


def fill(archive: Archive, specs: list[Spec]) -> dict[int, Spec]:
    with archive.transaction(actor="test", action="fill") as tx:
        return {add(tx, spec): spec for spec in specs}


def tag_matches(tags: set[str], wanted: list[str]) -> bool:
    return any(
        t.lower() == w.lower() or t.lower().startswith(w.lower() + "/")
        for t in tags
        for w in wanted
    )


def expected_ids(
    made: dict[int, Spec],
    window: tuple[date, date],
    include_candidates: bool,
    categories: list[str] | None,
    tags: list[str] | None,
) -> list[int]:
    statuses = {"accepted", "candidate"} if include_candidates else {"accepted"}
    found = [
        (s.start, s.end, i)
        for i, s in made.items()
        if s.status in statuses
        and not s.trashed
        and s.start <= window[1]
        and s.end >= window[0]
        and (categories is None or s.category in categories)
        and (tags is None or tag_matches(s.tags, tags))
    ]
    return [i for *_, i in sorted(found)]


def check_window(
    archive: Archive,
    window: tuple[date, date],
    include_candidates: bool = True,
    categories: list[str] | None = None,
    tags: list[str] | None = None,
) -> EventWindow:
    """The window equals the SQL's answer, row for row, and its ids agree."""
    found = archive.events_between(
        *window, include_candidates=include_candidates, categories=categories, tags=tags
    )
    sql = queries.events_between(
        archive._conn,
        *window,
        include_candidates=include_candidates,
        categories=categories,
        tags=tags,
    )
    assert list(found) == sql
    assert found == sql
    assert list(found.ids) == [row.id for row in sql]
    ids = archive.event_ids_between(
        *window, include_candidates=include_candidates, categories=categories, tags=tags
    )
    assert list(ids) == [row.id for row in sql]
    return found


def check_everything(archive: Archive) -> None:
    check_window(archive, ALL_TIME)
    for include_candidates in (False, True):
        arrays = archive.timeline_arrays(include_candidates=include_candidates)
        sql = queries.timeline_arrays(archive._conn, include_candidates=include_candidates)
        for name in ("ids", "start_day", "end_day", "precision", "category", "status"):
            assert list(getattr(arrays, name)) == list(getattr(sql, name)), name
        assert arrays.categories == sql.categories
    rows = archive._conn.execute("SELECT id, title_en FROM events WHERE deleted_at IS NULL")
    assert archive.event_titles() == dict(rows.fetchall())


def snapshot_store(archive: Archive) -> object:
    assert archive._events is not None
    return archive._events.store


# -- the same answers ----------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(specs=events, queries_=st.lists(windows, min_size=1, max_size=4))
def test_windows_are_the_overlapping_events_the_sql_finds(
    specs: list[Spec],
    queries_: list[tuple[tuple[date, date], bool, list[str] | None, list[str] | None]],
) -> None:
    with Archive.memory() as archive:
        made = fill(archive, specs)
        for window, include_candidates, categories, tags in queries_:
            found = check_window(archive, window, include_candidates, categories, tags)
            expected = expected_ids(made, window, include_candidates, categories, tags)
            assert list(found.ids) == expected
        check_everything(archive)


edits = st.lists(
    st.one_of(
        st.tuples(st.just("add"), events.filter(bool)),
        st.tuples(st.just("span"), st.integers(0, 10**6), spans),
        st.tuples(st.just("status"), st.integers(0, 10**6), st.sampled_from(list(EventStatus))),
        st.tuples(st.just("category"), st.integers(0, 10**6), st.sampled_from(CATEGORIES)),
        st.tuples(st.just("title"), st.integers(0, 10**6), titles, st.booleans()),
        st.tuples(st.just("trash"), st.integers(0, 10**6)),
        st.tuples(st.just("restore"), st.integers(0, 10**6)),
        st.tuples(st.just("tag"), st.integers(0, 10**6), st.sampled_from(TAGS)),
        st.tuples(st.just("untag"), st.integers(0, 10**6), st.sampled_from(TAGS)),
        st.tuples(st.just("rename"), st.sampled_from(TAGS), st.sampled_from(["power", "x/y"])),
    ),
    min_size=1,
    max_size=8,
)


def apply(archive: Archive, made: dict[int, Spec], edit: tuple) -> None:  # type: ignore[type-arg]
    kind, *args = edit
    ids = sorted(made)
    with archive.transaction(actor="test", action=kind) as tx:
        if kind == "add":
            made.update({add(tx, spec): spec for spec in args[0]})
            return
        if kind == "rename":
            if tx._tag(args[0]) and not tx._tag(args[1]):
                tx.rename_tag(args[0], args[1])
                for spec in made.values():
                    spec.tags = {
                        args[1] + t[len(args[0]) :] if tag_matches({t}, [args[0]]) else t
                        for t in spec.tags
                    }
            return
        if not ids:
            return
        event_id = ids[args[0] % len(ids)]
        spec = made[event_id]
        if kind == "span":
            tx.update_event(event_id, span=DateSpan(args[1][0], args[1][1], Precision.DAY))
            spec.start, spec.end = args[1]
        elif kind == "status":
            tx.update_event(event_id, status=args[1])
            spec.status = args[1].value
        elif kind == "category":
            tx.update_event(event_id, category=args[1])
            spec.category = args[1]
        elif kind == "title":
            tx.update_event(event_id, title_en=args[1], verified=args[2])
            spec.title, spec.verified = args[1], args[2]
        elif kind == "trash":
            tx.trash_event(event_id)
            spec.trashed = True
        elif kind == "restore":
            tx.restore_event(event_id)
            spec.trashed = False
        elif kind == "tag":
            tx.add_tags([event_id], [args[1]])
            spec.tags.add(args[1])
        elif kind == "untag":
            tx.remove_tags([event_id], [args[1]])
            spec.tags = {t for t in spec.tags if t.lower() != args[1].lower()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=events.filter(bool), edits=edits, window=windows)
def test_the_snapshot_follows_every_kind_of_edit_by_patching(
    specs: list[Spec],
    edits: list[tuple],  # type: ignore[type-arg]
    window: tuple[tuple[date, date], bool, list[str] | None, list[str] | None],
) -> None:
    with Archive.memory() as archive:
        made = fill(archive, specs)
        check_everything(archive)
        store = snapshot_store(archive)
        for edit in edits:
            before = archive.events_between(*ALL_TIME, include_candidates=True)
            rows_before = list(before)
            apply(archive, made, edit)
            check_everything(archive)
            found = check_window(archive, *window)
            assert list(found.ids) == expected_ids(made, *window)
            assert list(before) == rows_before  # a window is a snapshot: it does not change
            assert snapshot_store(archive) is store  # patched from the audit log, not reloaded


# -- following the archive -----------------------------------------------------------------------


def day(year: int, month: int = 1, day_: int = 1) -> DateSpan:
    return DateSpan.day(year, month, day_)


@pytest.fixture
def filled(archive: Archive) -> Archive:
    """Twenty events in 2000-2002, the snapshot loaded."""
    with archive.transaction(actor="test", action="fill") as tx:
        for i in range(20):
            tx.add_event(title_en=f"e{i}", span=day(2000 + i % 3, 1 + i % 12), status="accepted")
    archive.timeline_arrays()
    return archive


def test_one_window_read_asks_sqlite_and_a_second_loads_the_snapshot(archive: Archive) -> None:
    with archive.transaction(actor="test", action="fill") as tx:
        tx.add_event(title_en="a", span=day(2000), status="accepted")
    first = check_window(archive, ALL_TIME)  # check_window reads the window twice
    assert first._columns.generation == -1  # made from the rows the query gave
    assert archive._events is not None
    assert archive.events_between(*ALL_TIME)._columns is archive._events


def titles_in(window: EventWindow) -> list[str]:
    return [row.title_en for row in window]


def test_a_write_in_the_same_archive_shows_at_once(filled: Archive) -> None:
    year = (date(2001, 1, 1), date(2001, 12, 31))
    assert len(filled.events_between(*year)) == 7
    store = snapshot_store(filled)
    with filled.transaction(actor="test", action="add") as tx:
        new = tx.add_event(title_en="new", span=day(2001, 6, 6), status="accepted")
    assert "new" in titles_in(check_window(filled, year, include_candidates=False))
    with filled.transaction(actor="test", action="trash") as tx:
        tx.trash_event(new)
    assert "new" not in titles_in(check_window(filled, year, include_candidates=False))
    assert snapshot_store(filled) is store
    with filled.transaction(actor="test", action="restore") as tx:
        tx.restore_event(new)
    restored = filled.events_between(*year)
    assert restored == queries.events_between(filled._conn, *year)
    with filled.transaction(actor="test", action="add elsewhere") as tx:
        tx.add_event(title_en="1980", span=day(1980), status="accepted")
    again = filled.events_between(*year)
    assert again._columns is not restored._columns  # another snapshot, the same rows
    assert again == restored
    assert again[1:] != restored[:-1]


def test_a_failed_read_ends_its_read_transaction(filled: Archive) -> None:
    with pytest.raises(ValueError, match="not a tag name"):
        filled.events_between(*ALL_TIME, tags=["energy//oil"])
    assert not filled._conn.in_transaction
    assert len(check_window(filled, ALL_TIME)) == 20


def test_a_write_by_another_connection_shows(filled: Archive, path: Path) -> None:
    year = (date(2002, 1, 1), date(2002, 12, 31))
    before = filled.events_between(*year)
    store = snapshot_store(filled)
    with Archive.open(path, check="none") as other, other.transaction(actor="o", action="x") as tx:
        tx.add_event(title_en="other", span=day(2002, 3, 3), status="accepted")
        tx.update_event(before[0].id, title_en="renamed")
    after = check_window(filled, year)
    assert titles_in(after)[:1] == ["renamed"]
    assert "other" in titles_in(after)
    assert titles_in(before)[0] == "e2"  # the old window still shows what it showed
    assert snapshot_store(filled) is store


def test_a_write_by_another_process_shows(filled: Archive, path: Path) -> None:
    year = (date(2000, 1, 1), date(2000, 12, 31))
    first = filled.events_between(*year)[0]
    script = textwrap.dedent(
        f"""
        from uzkz_desktop.archive import Archive
        from uzkz_desktop.core.dates import DateSpan
        with Archive.open({str(path)!r}, check="none") as archive:
            with archive.transaction(actor="other process", action="edit") as tx:
                tx.update_event({first.id}, span=DateSpan.year(1999), status="candidate")
                tx.add_event(title_en="from afar", span=DateSpan.day(2000, 5, 5), status="accepted")
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    found = check_window(filled, year, include_candidates=False)
    assert first.id not in list(found.ids)
    assert "from afar" in titles_in(found)
    assert (
        filled.events_between(date(1999, 6, 1), date(1999, 6, 1), include_candidates=True)[0].status
        == EventStatus.CANDIDATE
    )


def test_inserts_without_audit_rows_reload_everything(filled: Archive, path: Path) -> None:
    """A bulk fill bypasses the audit log; max(id) gives it away and the snapshot reloads."""
    filled.events_between(*ALL_TIME)
    store = snapshot_store(filled)
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO events (title_en, start_date, end_date, precision, edtf, status,"
            " created_at, updated_at) VALUES ('bulk', '2001-02-03', '2001-02-03', 'day',"
            " '2001-02-03', 'accepted', 'now', 'now')"
        )
        raw.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
        raw.execute("COMMIT")
    assert "bulk" in titles_in(check_window(filled, ALL_TIME))
    assert snapshot_store(filled) is not store


def test_a_lower_generation_reloads_everything(filled: Archive, path: Path) -> None:
    filled.events_between(*ALL_TIME)
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("UPDATE events SET title_en = 'changed' WHERE id = 1")
        raw.execute("UPDATE meta SET value = 0 WHERE key = 'generation'")
    assert "changed" in titles_in(check_window(filled, ALL_TIME))


def test_a_raw_write_on_the_same_connection_reloads_everything(filled: Archive) -> None:
    filled.events_between(*ALL_TIME)
    filled._conn.execute("UPDATE events SET title_en = 'raw' WHERE id = 2")  # no generation
    assert "raw" in titles_in(check_window(filled, ALL_TIME))


def test_many_changes_reload_instead_of_patching(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_window, "PATCH_LIMIT", 3)
    filled.events_between(*ALL_TIME)
    store = snapshot_store(filled)
    with filled.transaction(actor="test", action="verify") as tx:
        for event_id in (1, 2):
            tx.update_event(event_id, verified=True)
    check_window(filled, ALL_TIME)
    assert snapshot_store(filled) is store
    with filled.transaction(actor="test", action="verify") as tx:
        for event_id in (3, 4, 5, 6):
            tx.update_event(event_id, verified=True)
    check_window(filled, ALL_TIME)
    assert snapshot_store(filled) is not store


def test_a_transaction_reads_its_own_changes_and_a_rollback_leaves_no_trace(
    filled: Archive,
) -> None:
    year = (date(2001, 1, 1), date(2001, 12, 31))
    before = list(filled.events_between(*year))

    def read_then_fail() -> None:
        with filled.transaction(actor="test", action="oops") as tx:
            new = tx.add_event(title_en="uncommitted", span=day(2001, 2, 2), status="accepted")
            inside = filled.events_between(*year)
            assert "uncommitted" in titles_in(inside)
            assert list(filled.event_ids_between(*year)) == list(inside.ids)
            assert new in list(filled.timeline_arrays().ids)
            assert filled.event_titles()[new] == "uncommitted"
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError, match="roll back"):
        read_then_fail()
    assert list(check_window(filled, year, include_candidates=False)) == before


def test_trash_candidates_tags_and_categories(archive: Archive) -> None:
    with archive.transaction(actor="test", action="fill") as tx:
        a = tx.add_event(title_en="a", span=day(2020), category="trade", status="accepted")
        b = tx.add_event(title_en="b", span=day(2020), category="water", status="candidate")
        c = tx.add_event(title_en="c", span=day(2020), category="trade", status="rejected")
        d = tx.add_event(title_en="d", span=day(2020), category="trade", status="accepted")
        tx.add_tags([a, b, c], ["energy/oil"])
        tx.trash_event(d)
    year = (date(2020, 1, 1), date(2020, 12, 31))
    assert titles_in(check_window(archive, year, include_candidates=False)) == ["a"]
    assert titles_in(check_window(archive, year)) == ["a", "b"]
    assert titles_in(check_window(archive, year, categories=["water", "x"])) == ["b"]
    assert titles_in(check_window(archive, year, categories=[])) == []
    assert titles_in(check_window(archive, year, tags=["ENERGY"])) == ["a", "b"]
    assert titles_in(check_window(archive, year, tags=["energy/oil"], categories=["trade"])) == [
        "a"
    ]
    assert titles_in(check_window(archive, year, tags=[])) == []
    assert titles_in(check_window(archive, year, tags=["energy/o"])) == []


# -- the window -----------------------------------------------------------------------------------


def test_the_window_is_a_sequence_of_rows(filled: Archive) -> None:
    window = filled.events_between(*ALL_TIME)
    rows = queries.events_between(filled._conn, *ALL_TIME)
    assert len(window) == len(rows) == 20
    assert window[0] == rows[0]
    assert window[-1] == rows[-1]
    assert isinstance(window[3], EventRow)
    with pytest.raises(IndexError):
        window[20]
    part = window[2:9:3]
    assert isinstance(part, EventWindow)
    assert part == rows[2:9:3]
    assert rows[2:9:3] == part
    assert list(part.ids) == [row.id for row in rows[2:9:3]]
    assert list(reversed(window)) == rows[::-1]
    assert window.index(rows[4]) == 4
    assert rows[5] in window
    assert window != rows[:-1]
    assert window != "not rows"
    assert window != tuple(rows)  # like a list
    assert window[:0] == []
    assert window == filled.events_between(*ALL_TIME)  # another window, the same rows
    assert list(window.start_days) == [row.start_day for row in rows]
    assert list(window.end_days) == [row.end_day for row in rows]
    assert repr(window).startswith("<EventWindow of 20 events [")
    with pytest.raises(TypeError):
        hash(window)


def test_rows_are_built_once_and_the_memo_is_bounded(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_window, "MEMO_ROWS", 12)  # windows of up to 3 rows keep theirs
    window = filled.events_between(*ALL_TIME)
    sql = queries.events_between(filled._conn, *ALL_TIME)
    store = window._columns.store
    assert window[5] is window[5]
    assert list(window[3:6])[2] is window[5] is window[5:6][0]
    assert list(window) == sql  # a big window builds its rows and does not keep them
    assert list(window)[5] is not window[5]
    for _ in range(2):
        for i in range(0, 20, 3):  # past 12 rows kept, the memo starts again
            assert list(window[i : i + 3]) == sql[i : i + 3]
            assert 0 < store.rows_kept() <= 12


def test_rows_carry_everything_the_sql_gives(archive: Archive) -> None:
    with archive.transaction(actor="test", action="fill") as tx:
        tx.add_event(
            title_en="Gas – pipeline", title_uz="Gaz quvuri ʻ", span=DateSpan.month(2021, 3),
            category="energy", status="accepted", verified=True,
        )  # fmt: skip
        tx.add_event(title_en="Treaty", span=DateSpan.year(2021), status="candidate")
    other, row = archive.events_between(date(2021, 3, 5), date(2021, 3, 5), include_candidates=True)
    assert (row.start, row.end, row.precision, row.edtf, row.title_uz, row.verified) == (
        date(2021, 3, 1), date(2021, 3, 31), Precision.MONTH, "2021-03", "Gaz quvuri ʻ", True,
    )  # fmt: skip
    assert (other.title_uz, other.status, other.category) == (None, EventStatus.CANDIDATE, "")


def test_an_empty_archive(archive: Archive) -> None:
    assert check_window(archive, ALL_TIME) == []
    assert len(archive.timeline_arrays()) == 0
    assert archive.event_titles() == {}


def test_a_value_too_long_for_sqlite_is_read_in_parts(archive: Archive) -> None:
    with archive.transaction(actor="test", action="fill") as tx:
        for i in range(60):
            span = day(1990 + i % 20, 1 + i % 12, 1 + i % 3)  # up to 3 events on a day
            tx.add_event(title_en=f"event number {i:03d} " * 3, span=span, status="accepted")
    archive._conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1000)  # the titles come to ~3600
    check_everything(archive)


def test_ids_too_big_for_array_i_are_refused_not_wrapped() -> None:
    assert list(_window._int_array(np.array([1, 2**31 - 1]))) == [1, 2**31 - 1]
    with pytest.raises(OverflowError):
        _window._int_array(np.array([1, 2**31]))


def test_the_order_of_ties_with_huge_ids() -> None:
    days = np.array([5, 5, 5, 7], np.int64)
    ids = np.array([2**40, 3, 2**33, 1], np.int64)
    assert list(_window._timeline_order(ids, days)) == [1, 2, 0, 3]
    assert list(_window._timeline_order(ids[:3] % 7, days[:3])) == [2, 0, 1]
