"""Curation writes: tag shortcuts, merging and splitting events, review, entities, tag filters.

Every write is checked for its audit trail by undoing it: the archive must come back as it
was (the property test in test_undo.py mixes them with the other edits).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from archive_helpers import add_sample_source, clock

from uzkz_desktop.archive import Archive, EntityKind, EventStatus, TagRow, migrations
from uzkz_desktop.archive.undo import undo_batch
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError


def _undo_last(archive: Archive) -> None:
    batch = archive.history(1)[0]
    with archive.transaction(actor="curator", action=f"undo: {batch.action}") as tx:
        undo_batch(tx, batch.batch_id)


def _shortcuts(archive: Archive) -> dict[str, int | None]:
    return {t.name: t.shortcut for t in archive.tags_with_counts()}


# --- tag shortcuts ---------------------------------------------------------------------------


@pytest.fixture
def tagged(archive: Archive) -> int:
    with archive.transaction(actor="curator", action="tag") as tx:
        event_id = tx.add_event(title_en="e", span=DateSpan.year(2001))
        tx.add_tags([event_id], ["energy", "water", "trade"])
    return event_id


def test_a_shortcut_is_stored_and_listed(archive: Archive, tagged: int) -> None:
    with archive.transaction(actor="curator", action="key") as tx:
        assert tx.set_tag_shortcut("Energy", 3) is True
        assert tx.set_tag_shortcut("energy", 3) is False  # had it already
    assert _shortcuts(archive) == {"energy": 3, "trade": None, "water": None}
    assert archive.tags_with_counts()[0] == TagRow(1, "energy", None, None, 1, 0, 3)


def test_giving_a_held_key_takes_it_from_the_other_tag(archive: Archive, tagged: int) -> None:
    with archive.transaction(actor="curator", action="key 3 energy") as tx:
        tx.set_tag_shortcut("energy", 3)
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="key 3 water") as tx:
        tx.set_tag_shortcut("water", 3)
    assert _shortcuts(archive) == {"energy": None, "trade": None, "water": 3}
    changes = [row for row in _audit_of_last_batch(archive) if row[1] == "tags"]
    assert changes == [
        ("update", "tags", {"shortcut": 3}, {"shortcut": None}),
        ("update", "tags", {"shortcut": None}, {"shortcut": 3}),
    ]
    _undo_last(archive)
    assert archive.canonical_dump() == before
    assert _shortcuts(archive)["energy"] == 3


def _audit_of_last_batch(archive: Archive) -> list[tuple[str, str, Any, Any]]:
    """(op, table, before, after) of every audit row of the newest batch, in order."""
    batch = archive.history(1)[0].batch_id
    rows = archive._conn.execute(
        "SELECT op, table_name, before, after FROM audit_log WHERE batch_id = ? ORDER BY id",
        (batch,),
    ).fetchall()
    return [
        (op, table, json.loads(b) if b else None, json.loads(a) if a else None)
        for op, table, b, a in rows
    ]


def test_removing_a_shortcut_and_refusing_bad_keys(archive: Archive, tagged: int) -> None:
    with archive.transaction(actor="curator", action="key") as tx:
        tx.set_tag_shortcut("trade", 9)
        assert tx.set_tag_shortcut("trade", None) is True
    assert _shortcuts(archive)["trade"] is None
    for bad in (0, 10, -1, True):
        with (
            pytest.raises(ValueError, match="a tag shortcut is a key from 1 to 9"),
            archive.transaction(actor="curator", action="key") as tx,
        ):
            tx.set_tag_shortcut("trade", bad)
    with (
        pytest.raises(ArchiveError, match="there is no tag 'nothing'"),
        archive.transaction(actor="curator", action="key") as tx,
    ):
        tx.set_tag_shortcut("nothing", 1)


def test_the_schema_itself_keeps_keys_unique_and_in_range(path: Path, tagged: int) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE tags SET shortcut = 4 WHERE name = 'energy'")
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            conn.execute("UPDATE tags SET shortcut = 4 WHERE name = 'water'")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE tags SET shortcut = 10 WHERE name = 'water'")
        conn.execute("UPDATE tags SET shortcut = NULL")  # any number of tags without a key


def test_merging_tags_carries_the_key_and_undo_gives_it_back(archive: Archive, tagged: int) -> None:
    with archive.transaction(actor="curator", action="key") as tx:
        tx.set_tag_shortcut("water", 5)
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="merge water into trade") as tx:
        tx.rename_tag("water", "trade")
    assert _shortcuts(archive) == {"energy": None, "trade": 5}
    _undo_last(archive)
    assert archive.canonical_dump() == before


def test_deleting_a_keyed_tag_and_undoing_it_restores_the_key(
    archive: Archive, tagged: int
) -> None:
    with archive.transaction(actor="curator", action="key") as tx:
        tx.set_tag_shortcut("water", 2)
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="delete water") as tx:
        tx.delete_tag("water")
    assert "water" not in _shortcuts(archive)
    _undo_last(archive)
    assert archive.canonical_dump() == before
    assert _shortcuts(archive)["water"] == 2


def test_an_archive_of_the_first_schema_gains_shortcuts(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        with Archive.open(path, create=True, clock=clock) as archive:
            with archive.transaction(actor="curator", action="tag") as tx:
                event_id = tx.add_event(title_en="e", span=DateSpan.year(2001))
                tx.add_tags([event_id], ["energy", "water"])
            assert archive.schema_version() == 1
    with Archive.open(path, clock=clock) as archive:
        assert archive.schema_version() == 2
        assert _shortcuts(archive) == {"energy": None, "water": None}
        with archive.transaction(actor="curator", action="key") as tx:
            tx.set_tag_shortcut("energy", 1)
        assert _shortcuts(archive) == {"energy": 1, "water": None}


def test_undo_of_a_deletion_recorded_before_shortcuts_existed(
    archive: Archive, tagged: int
) -> None:
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="delete") as tx:
        tx.delete_tag("water")
    # What an uzkz of the first schema wrote: the deleted row without the column.
    archive._conn.execute(
        "UPDATE audit_log SET before = json_remove(before, '$.shortcut')"
        " WHERE table_name = 'tags' AND op = 'delete'"
    )
    _undo_last(archive)
    assert archive.canonical_dump() == before


# --- merging and splitting events ------------------------------------------------------------


@pytest.fixture
def pair(archive: Archive) -> dict[str, int]:
    """Two events about one treaty: `keep` from source 002, `other` from 005 and 002."""
    with archive.transaction(actor="import", action="import") as tx:
        s002 = add_sample_source(tx, key="002")
        s005 = add_sample_source(tx, key="005", original="Shartnoma 1992-yilda imzolandi.")
        first = tx.add_excerpt(s002, 20, 80)
        second = tx.add_excerpt(s005, 0, 30)
        third = tx.add_excerpt(s002, 81, 129)
        keep = tx.add_event(
            title_en="Treaty signed", span=DateSpan.year(1992), excerpt_ids=[first],
            status="accepted", notes="checked",
        )  # fmt: skip
        other = tx.add_event(
            title_en="Treaty (second source)", span=DateSpan.year(1992), excerpt_ids=[first],
            notes="from 005",
        )  # fmt: skip
        tx.link_excerpt(other, second)
        tx.add_tags([keep], ["diplomacy"])
        tx.add_tags([other], ["diplomacy", "treaty"])
        kazakhstan = tx.add_entity("Kazakhstan", EntityKind.PLACE, ["Qozogʻiston"])
        tashkent = tx.add_entity("Tashkent", EntityKind.PLACE, ["Toshkent"])
        tx.link_entity(keep, kazakhstan)
        tx.link_entity(other, kazakhstan)
        tx.link_entity(other, tashkent)
        figure = tx.add_figure(
            what="treaties", value=1, unit="", period=DateSpan.year(1992), excerpt_id=second,
            event_id=other,
        )  # fmt: skip
        lone = tx.add_figure(
            what="trade", value=4.3, unit="bn USD", period=DateSpan.year(2021), excerpt_id=third,
            event_id=keep,
        )  # fmt: skip
    return {
        "keep": keep, "other": other, "first": first, "second": second, "third": third,
        "figure": figure, "lone": lone, "tashkent": tashkent, "kazakhstan": kazakhstan,
    }  # fmt: skip


def test_merging_moves_everything_onto_the_kept_event(
    archive: Archive, pair: dict[str, int]
) -> None:
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="merge") as tx:
        tx.merge_events(pair["keep"], pair["other"])
    kept = archive.event(pair["keep"])
    assert sorted(x.id for x in kept.excerpts) == [pair["first"], pair["second"]]  # no double
    assert kept.tags == ("diplomacy", "treaty")
    assert [e.name for e in kept.entities] == ["Kazakhstan", "Tashkent"]
    assert sorted(f.id for f in kept.figures) == [pair["figure"], pair["lone"]]
    assert kept.notes == (
        f"checked\nmerged from event {pair['other']}: Treaty (second source) (1992);"
        " its notes: from 005"
    )
    merged = archive.event(pair["other"])
    assert merged.deleted_at is not None
    assert merged.notes == f"from 005\nmerged into event {pair['keep']}: Treaty signed (1992)"
    assert len(merged.excerpts) == 2  # the trashed event keeps its own links
    assert [r.id for r in archive.trashed_events()] == [pair["other"]]
    _undo_last(archive)
    assert archive.canonical_dump() == before


def test_merging_is_refused_into_itself_or_with_the_trash(
    archive: Archive, pair: dict[str, int]
) -> None:
    keep, other = pair["keep"], pair["other"]
    with (
        pytest.raises(ArchiveError, match=f"event {keep} cannot be merged into itself"),
        archive.transaction(actor="curator", action="merge") as tx,
    ):
        tx.merge_events(keep, keep)
    with archive.transaction(actor="curator", action="trash") as tx:
        tx.trash_event(other)
    for args in ((keep, other), (other, keep)):
        with (
            pytest.raises(
                ArchiveError, match=f"event {other} is in the trash; restore it before you merge"
            ),
            archive.transaction(actor="curator", action="merge") as tx,
        ):
            tx.merge_events(*args)
    with (
        pytest.raises(ArchiveError, match="there is no event 999"),
        archive.transaction(actor="curator", action="merge") as tx,
    ):
        tx.merge_events(keep, 999)


def test_splitting_makes_a_copy_attested_by_the_excerpts_taken(
    archive: Archive, pair: dict[str, int]
) -> None:
    before = archive.canonical_dump()
    with archive.transaction(actor="curator", action="split") as tx:
        new = tx.split_event(pair["other"], [pair["second"]], title_en="Treaty, as 005 tells it")
    original, split = archive.event(pair["other"]), archive.event(new)
    assert [x.id for x in original.excerpts] == [pair["first"]]
    assert [x.id for x in split.excerpts] == [pair["second"]]
    assert (split.span, split.date_text, split.event.category, split.event.status) == (
        original.span, original.date_text, original.event.category, original.event.status,
    )  # fmt: skip
    assert split.event.title_en == "Treaty, as 005 tells it"
    assert split.tags == original.tags == ("diplomacy", "treaty")
    assert [e.id for e in split.entities] == [e.id for e in original.entities]
    assert [f.id for f in split.figures] == [pair["figure"]]  # the moved excerpt states it
    assert original.figures == ()
    assert split.notes == f"split from event {pair['other']}"
    assert original.notes == f"from 005\nsplit into event {new}"
    _undo_last(archive)
    assert archive.canonical_dump() == before


def test_splitting_keeps_the_title_when_none_is_given(
    archive: Archive, pair: dict[str, int]
) -> None:
    with archive.transaction(actor="curator", action="split") as tx:
        new = tx.split_event(pair["other"], [pair["first"]])
    assert archive.event(new).event.title_en == "Treaty (second source)"


def test_splitting_is_refused_for_foreign_or_all_excerpts(
    archive: Archive, pair: dict[str, int]
) -> None:
    other = pair["other"]
    cases = [
        ([pair["third"]], f"event {other} is not attested by excerpt {pair['third']}"),
        ([pair["first"], pair["second"]], "would leave event .* with none"),
        ([], "name the excerpts to split"),
    ]
    for excerpts, message in cases:
        with (
            pytest.raises(ArchiveError, match=message),
            archive.transaction(actor="curator", action="split") as tx,
        ):
            tx.split_event(other, excerpts)
    with (
        pytest.raises(ValueError, match="an event needs a title"),
        archive.transaction(actor="curator", action="split") as tx,
    ):
        tx.split_event(other, [pair["second"]], title_en="  ")


def test_entities_are_unlinked_and_set(archive: Archive, pair: dict[str, int]) -> None:
    other, tashkent, kazakhstan = pair["other"], pair["tashkent"], pair["kazakhstan"]
    with archive.transaction(actor="curator", action="entities") as tx:
        assert tx.unlink_entity(other, tashkent) is True
        assert tx.unlink_entity(other, tashkent) is False
    assert [e.name for e in archive.event(other).entities] == ["Kazakhstan"]
    with archive.transaction(actor="curator", action="entities") as tx:
        assert tx.set_event_entities(other, [tashkent]) is True
        assert tx.set_event_entities(other, [tashkent]) is False
    assert [e.id for e in archive.event(other).entities] == [tashkent]
    assert [e.name for e in archive.entities()] == ["Kazakhstan", "Tashkent"]
    assert archive.entity_event_counts(["Kazakhstan", "Tashkent", "Nowhere"]) == {
        "Kazakhstan": 1, "Tashkent": 1, "Nowhere": 0,
    }  # fmt: skip
    with archive.transaction(actor="curator", action="entities") as tx:
        assert tx.set_event_entities(other, [kazakhstan, tashkent]) is True
    assert archive.entity_event_counts(["Kazakhstan"]) == {"Kazakhstan": 2}


# --- review --------------------------------------------------------------------------------


def test_review_moves_only_candidates(archive: Archive) -> None:
    with archive.transaction(actor="import", action="add") as tx:
        ids = [
            tx.add_event(title_en=f"e{i}", span=DateSpan.year(2000 + i), status=status)
            for i, status in enumerate(["candidate", "candidate", "accepted", "rejected"])
        ]
    with archive.transaction(actor="curator", action="accept") as tx:
        assert tx.review([ids[0], ids[2], ids[3], ids[0]], "accepted") == [ids[0]]
    with archive.transaction(actor="curator", action="reject") as tx:
        assert tx.review(ids, EventStatus.REJECTED) == [ids[1]]
    statuses = [archive.event(i).event.status for i in ids]
    assert statuses == ["accepted", "rejected", "accepted", "rejected"]
    with archive.transaction(actor="curator", action="verify") as tx:
        assert tx.set_verified(ids[:2], True) == ids[:2]
        assert tx.set_verified(ids[:3], True) == [ids[2]]
    assert [archive.event(i).event.verified for i in ids] == [True, True, True, False]
    with (
        pytest.raises(ArchiveError, match="there is no event 999"),
        archive.transaction(actor="curator", action="accept") as tx,
    ):
        tx.review([999], "accepted")


def test_candidates_come_in_their_sources_order(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        s002 = add_sample_source(tx, key="002")
        s005 = add_sample_source(tx, key="005", original="Shartnoma 1992-yilda imzolandi.")
        late_in_002 = tx.add_excerpt(s002, 81, 129)
        early_in_002 = tx.add_excerpt(s002, 0, 19)
        in_005 = tx.add_excerpt(s005, 0, 30)
        made = {
            "005": tx.add_event(title_en="a", span=DateSpan.year(1990), excerpt_ids=[in_005]),
            "002 late": tx.add_event(
                title_en="b", span=DateSpan.year(1980), excerpt_ids=[late_in_002]
            ),
            "none": tx.add_event(title_en="c", span=DateSpan.year(1970)),
            "002 early": tx.add_event(
                title_en="d", span=DateSpan.year(2020), excerpt_ids=[early_in_002, in_005]
            ),
            "accepted": tx.add_event(
                title_en="e",
                span=DateSpan.year(1960),
                excerpt_ids=[early_in_002],
                status="accepted",
            ),
            "trashed": tx.add_event(title_en="f", span=DateSpan.year(1960)),
        }
        tx.trash_event(made["trashed"])
    order = [made[name] for name in ("002 early", "002 late", "005", "none")]
    assert [row.id for row in archive.candidates()] == order


# --- tag filters for the timeline ----------------------------------------------------------


def test_tag_filter_ids(archive: Archive) -> None:
    with archive.transaction(actor="curator", action="add") as tx:
        made = {
            name: tx.add_event(title_en=name, span=DateSpan.year(2000 + i))
            for i, name in enumerate(["power", "oil", "both", "water", "none", "binned"])
        }
        tx.add_tags([made["power"]], ["energy/electricity"])
        tx.add_tags([made["oil"]], ["Energy/oil"])
        tx.add_tags([made["both"]], ["energy/electricity", "water"])
        tx.add_tags([made["water"]], ["water"])
        tx.add_tags([made["binned"]], ["water", "energy"])
        tx.add_tags([made["none"]], ["energy-saving"])  # not below "energy"
        tx.trash_event(made["binned"])

    def ids(*names: str) -> list[int]:
        return sorted(made[n] for n in names)

    def passing(include: list[str], exclude: list[str], all_tags: bool = False) -> list[int]:
        found = archive.tag_filter_ids(include, exclude, all_tags)
        assert isinstance(found, np.ndarray)
        assert found.dtype == np.int64
        return found.tolist()

    assert passing(["energy"], []) == ids("power", "oil", "both")
    assert passing(["energy/electricity", "water"], []) == ids("power", "both", "water")
    assert passing(["energy", "water"], [], all_tags=True) == ids("both")
    assert passing(["energy"], ["water"]) == ids("power", "oil")
    assert passing([], ["energy"]) == ids("water", "none")
    assert passing([], []) == ids("power", "oil", "both", "water", "none")
    assert passing(["nothing"], []) == []
    assert passing(["water", "nothing"], [], all_tags=True) == []


def test_the_tags_of_many_events_come_in_one_call(archive: Archive, tagged: int) -> None:
    with archive.transaction(actor="curator", action="more") as tx:
        ids = [tx.add_event(title_en=f"e{i}", span=DateSpan.year(2002)) for i in range(1000)]
        tx.add_tags(ids[::2], ["culture/abay"])
    found = archive.tags_of_events([tagged, *ids])  # more ids than SQLite binds at once
    assert found[tagged] == ["energy", "trade", "water"]
    assert len(found) == 1 + 500
    assert found[ids[998]] == ["culture/abay"]
    assert ids[999] not in found
