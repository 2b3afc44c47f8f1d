"""Transactions: all or nothing, one audit batch, one generation bump."""

from __future__ import annotations

from datetime import date

import pytest

from uzkz_desktop.archive import Archive, AuditEntry, Transaction
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError


def audit(archive: Archive) -> list[tuple[int, str, str, str, int]]:
    rows = archive._db.execute(
        "SELECT batch_id, action, op, table_name, row_id FROM audit_log ORDER BY id"
    ).fetchall()
    return [tuple(r) for r in rows]


def add_then_fail(tx: Transaction) -> None:
    tx.add_event(title_en="one", span=DateSpan.year(2001))
    tx.add_tags([1], ["water"])
    raise RuntimeError("changed my mind")


def test_an_exception_rolls_back_everything(archive: Archive) -> None:
    with (
        pytest.raises(RuntimeError, match="changed my mind"),
        archive.transaction(actor="curator", action="add two") as tx,
    ):
        add_then_fail(tx)
    assert (archive.stats().events, archive.stats().tags, archive.generation()) == (0, 0, 0)
    assert audit(archive) == []


def test_one_transaction_is_one_batch_and_one_generation(archive: Archive) -> None:
    with archive.transaction(actor="curator", action="add") as tx:
        event_id = tx.add_event(title_en="one", span=DateSpan.year(2001))
        tx.add_tags([event_id], ["water"])
    with archive.transaction(actor="curator", action="look only"):
        pass
    with archive.transaction(actor="curator", action="retitle") as tx:
        tx.update_event(event_id, title_en="One")
    assert archive.generation() == 2
    assert audit(archive) == [
        (1, "add", "insert", "events", 1),
        (1, "add", "insert", "tags", 1),
        (1, "add", "insert", "event_tags", 1),
        (2, "retitle", "update", "events", 1),
    ]


def test_history_entries_are_complete(archive: Archive) -> None:
    with archive.transaction(actor="curator", action="add") as tx:
        event_id = tx.add_event(title_en="one", span=DateSpan.year(2001))
        tx.trash_event(event_id)
    assert archive.event(event_id).history[-1] == AuditEntry(
        id=2, batch_id=1, at="2026-01-02T03:04:05Z", actor="curator", action="add",
        op="update", table_name="events", row_id=1,
        before={"deleted_at": None}, after={"deleted_at": "2026-01-02T03:04:05Z"},
    )  # fmt: skip


def test_transactions_do_not_nest(archive: Archive) -> None:
    with archive.transaction(actor="curator", action="outer") as tx:
        tx.add_event(title_en="kept", span=DateSpan.year(2001))
        with (
            pytest.raises(ArchiveError, match="already open on this archive"),
            archive.transaction(actor="curator", action="inner"),
        ):
            pass  # pragma: no cover
    assert archive.stats().events == 1


def test_a_finished_transaction_cannot_write(archive: Archive) -> None:
    with archive.transaction(actor="curator", action="add") as tx:
        pass
    with pytest.raises(ArchiveError, match="this transaction has ended"):
        tx.add_event(title_en="late", span=DateSpan.year(2001))


def test_entities_are_found_again_and_gain_aliases(archive: Archive) -> None:
    with archive.transaction(actor="curator", action="entities") as tx:
        first = tx.add_entity("Nursulton Nazarboyev", "person", ["Nazarbayev"])
        again = tx.add_entity("Nursulton Nazarboyev", "person", ["Назарбаев", "Nazarbayev"])
        event_id = tx.add_event(title_en="visit", span=DateSpan.day(1998, 10, 31))
        assert tx.link_entity(event_id, first) is True
    assert first == again
    assert archive.event(event_id).entities[0].aliases == ("Nazarbayev", "Назарбаев")
    with (
        pytest.raises(ValueError, match="'country' is not a valid EntityKind"),
        archive.transaction(actor="curator", action="entities") as tx,
    ):
        tx.add_entity("Kazakhstan", "country")


def test_meta_values(archive: Archive) -> None:
    with archive.transaction(actor="build", action="build") as tx:
        tx.set_meta("build_inputs_sha256", "ab" * 32)
        tx.set_meta("build_inputs_sha256", "ab" * 32)
    assert archive.meta("build_inputs_sha256") == "ab" * 32
    assert archive.generation() == 1
    with (
        pytest.raises(ValueError, match="generation counter is kept by the archive"),
        archive.transaction(actor="build", action="build") as tx,
    ):
        tx.set_meta("generation", "7")


def test_an_event_needs_a_title_and_a_valid_date(archive: Archive) -> None:
    with (
        pytest.raises(ValueError, match="an event needs a title"),
        archive.transaction(actor="curator", action="add") as tx,
    ):
        tx.add_event(title_en="  ", span=DateSpan.year(2001))
    # Whatever code writes, SQLite itself refuses an impossible day or a backwards span.
    for start, end in (("2021-02-29", "2021-03-01"), ("2021-03-02", "2021-03-01")):
        with (
            pytest.raises(ArchiveError, match="CHECK constraint failed"),
            archive.transaction(actor="curator", action="raw") as tx,
        ):
            tx._db.execute(
                "INSERT INTO events (title_en, start_date, end_date, precision, edtf,"
                " created_at, updated_at) VALUES ('x', ?, ?, 'day', 'x', 'now', 'now')",
                (start, end),
            )
    assert archive.events_between(date(2021, 1, 1), date(2021, 12, 31)) == []
