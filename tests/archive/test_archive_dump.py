"""canonical_dump: equal content gives equal text, whatever the order or time of writing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from archive_helpers import add_sample_source

from uzkz_desktop.archive import Archive, Transaction
from uzkz_desktop.core.dates import DateSpan


def build(path: Path, *, reverse: bool, hour: int) -> str:
    """The same content, written in a different order at a different time."""

    def add_events(tx: Transaction) -> None:
        excerpt = tx.add_excerpt(1, 0, 19)
        specs = [
            ("Treaty", DateSpan.year(1998), ["diplomacy"]),
            ("Visit", DateSpan.day(2017, 9, 6), ["visits", "diplomacy"]),
        ]
        for title, span, tags in reversed(specs) if reverse else specs:
            event_id = tx.add_event(
                title_en=title, span=span, status="accepted", excerpt_ids=[excerpt]
            )
            tx.add_tags([event_id], tags)

    with Archive.open(
        path, create=True, clock=lambda: datetime(2026, 5, 1, hour, tzinfo=UTC)
    ) as archive:
        with archive.transaction(actor="build", action="import") as tx:
            add_sample_source(tx)
        with archive.transaction(actor="build", action="events") as tx:
            add_events(tx)
        if reverse:  # an extra no-op round trip: generation and audit differ, content not
            with archive.transaction(actor="build", action="touch") as tx:
                tx.set_meta("note", "x")
            with archive.transaction(actor="build", action="untouch") as tx:
                tx.set_meta("note", "y")
        else:
            with archive.transaction(actor="build", action="note") as tx:
                tx.set_meta("note", "y")
        return archive.canonical_dump()


def test_two_builds_of_the_same_content_dump_identically(tmp_path: Path) -> None:
    first = build(tmp_path / "a.uzkz", reverse=False, hour=1)
    second = build(tmp_path / "b.uzkz", reverse=True, hour=9)
    assert first == second


def test_the_dump_shows_content_not_ids_or_times(tmp_path: Path) -> None:
    lines = build(tmp_path / "a.uzkz", reverse=False, hour=1).splitlines()
    events = lines[lines.index("## events") + 1 : lines.index("## tags")]
    assert events == [
        '{"approximate":0,"category":"","date_text":null,"edtf":"1998","end_date":"1998-12-31",'
        '"end_day":729754,"end_precision":null,"entities":[],"excerpts":["002:0-19"],'
        '"notes":null,"precision":"year","slug":null,"start_date":"1998-01-01",'
        '"start_day":729390,"status":"accepted","summary":null,"tags":["diplomacy"],'
        '"title_en":"Treaty","title_uz":null,"trashed":false,"uncertain":0,"verified":0}',
        '{"approximate":0,"category":"","date_text":null,"edtf":"2017-09-06",'
        '"end_date":"2017-09-06","end_day":736578,"end_precision":null,"entities":[],'
        '"excerpts":["002:0-19"],"notes":null,"precision":"day","slug":null,'
        '"start_date":"2017-09-06","start_day":736578,"status":"accepted","summary":null,'
        '"tags":["diplomacy","visits"],"title_en":"Visit","title_uz":null,"trashed":false,'
        '"uncertain":0,"verified":0}',
    ]
    assert lines[:3] == ["# uzkz archive canonical dump", "## meta", '{"key":"note","value":"y"}']
    assert "2026-05-01" not in "\n".join(lines)


def test_any_change_of_content_changes_the_dump(archive: Archive) -> None:
    with archive.transaction(actor="build", action="add") as tx:
        event_id = tx.add_event(title_en="Treaty", span=DateSpan.year(1998))
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="trash") as tx:
        tx.trash_event(event_id)
    assert archive.canonical_dump() != before
