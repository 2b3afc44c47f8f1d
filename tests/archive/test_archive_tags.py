"""Tags: hierarchical names, counts, colours, rename and merge, excerpt tags."""

from __future__ import annotations

import pytest
from archive_helpers import add_sample_source

from uzkz_desktop.archive import Archive, TagRow
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError


@pytest.fixture
def events(archive: Archive) -> list[int]:
    with archive.transaction(actor="curator", action="add") as tx:
        return [tx.add_event(title_en=f"e{i}", span=DateSpan.year(2000 + i)) for i in range(3)]


def counts(archive: Archive) -> list[tuple[str, int, str | None]]:
    return [(t.name, t.event_count, t.color) for t in archive.tags_with_counts()]


def test_tagging_creates_parent_tags_and_counts(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        added = tx.add_tags(events, [" Energy / electricity ", "water"])
        again = tx.add_tags(events[:1], ["Energy/Electricity"])  # same tag, other case
    assert (added, again) == (6, 0)
    assert archive.tags_with_counts() == [
        TagRow(1, "Energy", None, None, 0, 0),
        TagRow(2, "Energy/electricity", None, 1, 3, 0),
        TagRow(3, "water", None, None, 3, 0),
    ]


def test_removing_tags(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events, ["water"])
    with archive.transaction(actor="curator", action="untag") as tx:
        assert tx.remove_tags(events[:2], ["water", "unknown"]) == 2
    assert counts(archive) == [("water", 1, None)]


def test_counts_leave_out_the_trash(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events, ["water"])
        tx.trash_event(events[0])
    assert counts(archive) == [("water", 2, None)]


def test_tag_colours(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="colour") as tx:
        tx.add_tags(events[:1], ["water"])
        assert tx.set_tag_color("water", "#1F77B4") is True
    assert counts(archive) == [("water", 1, "#1f77b4")]
    with (
        pytest.raises(ValueError, match=r"a tag colour is written '#rrggbb', not 'blue'"),
        archive.transaction(actor="curator", action="colour") as tx,
    ):
        tx.set_tag_color("water", "blue")
    with (
        pytest.raises(ArchiveError, match="there is no tag 'fire'"),
        archive.transaction(actor="curator", action="colour") as tx,
    ):
        tx.set_tag_color("fire", None)


def test_rename_moves_the_tags_below(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events[:1], ["energy/oil"])
        tx.add_tags(events[1:], ["energy"])
    ids_before = [t.id for t in archive.tags_with_counts()]
    with archive.transaction(actor="curator", action="rename") as tx:
        assert tx.rename_tag("energy", "power") == ids_before[0]
    assert counts(archive) == [("power", 2, None), ("power/oil", 1, None)]
    assert [t.id for t in archive.tags_with_counts()] == ids_before  # renamed in place
    assert archive.event(events[0]).tags == ("power/oil",)


def test_rename_onto_an_existing_tag_merges(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events[:2], ["electricity"])
        tx.add_tags(events[1:], ["energy/electricity"])
        tx.set_tag_color("electricity", "#ff0000")
    with archive.transaction(actor="curator", action="merge") as tx:
        merged_into = tx.rename_tag("electricity", "energy/electricity")
    assert counts(archive) == [("energy", 0, None), ("energy/electricity", 3, "#ff0000")]
    assert merged_into == 3  # electricity 1, energy 2, energy/electricity 3
    # The merge shows in each event's history as one tag removed and the other added.
    history = archive.event(events[0]).history
    assert [(h.op, h.action, (h.after or h.before)["tag"]) for h in history[-2:]] == [
        ("insert", "merge", "energy/electricity"),
        ("delete", "merge", "electricity"),
    ]


def test_rename_merges_trees(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events[:1], ["power/oil", "power/gas"])
        tx.add_tags(events[1:], ["energy/oil"])
    with archive.transaction(actor="curator", action="merge") as tx:
        tx.rename_tag("power", "energy")
    assert counts(archive) == [
        ("energy", 0, None),
        ("energy/gas", 1, None),
        ("energy/oil", 3, None),
    ]


def test_rename_changing_only_the_case(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events[:1], ["water"])
    with archive.transaction(actor="curator", action="rename") as tx:
        tx.rename_tag("water", "Water")
    assert counts(archive) == [("Water", 1, None)]


def test_rename_refusals(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events[:1], ["energy"])
    with (
        pytest.raises(ArchiveError, match=r"cannot move the tag 'energy' under itself"),
        archive.transaction(actor="curator", action="rename") as tx,
    ):
        tx.rename_tag("energy", "energy/all")
    with (
        pytest.raises(ArchiveError, match="there is no tag 'fire'"),
        archive.transaction(actor="curator", action="rename") as tx,
    ):
        tx.rename_tag("fire", "water")
    with (
        pytest.raises(ValueError, match="not a tag name: 'a//b'"),
        archive.transaction(actor="curator", action="rename") as tx,
    ):
        tx.rename_tag("energy", "a//b")


def test_delete_tag(archive: Archive, events: list[int]) -> None:
    with archive.transaction(actor="curator", action="tag") as tx:
        tx.add_tags(events, ["energy/oil"])
    with (
        pytest.raises(ArchiveError, match="the tag 'energy' has tags below it"),
        archive.transaction(actor="curator", action="delete") as tx,
    ):
        tx.delete_tag("energy")
    with archive.transaction(actor="curator", action="delete") as tx:
        assert tx.delete_tag("energy/oil") == 3
        assert tx.delete_tag("energy") == 0
    assert archive.tags_with_counts() == []
    assert archive.event(events[0]).tags == ()


def test_excerpt_tags(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        source_id = add_sample_source(tx)
        excerpt_id = tx.add_excerpt(source_id, 0, 19)
        assert tx.add_excerpt_tags([excerpt_id], ["place/Tashkent"]) == 1
    assert [(t.name, t.excerpt_count) for t in archive.tags_with_counts()] == [
        ("place", 0),
        ("place/Tashkent", 1),
    ]
    with archive.transaction(actor="curator", action="untag") as tx:
        assert tx.remove_excerpt_tags([excerpt_id], ["place/Tashkent"]) == 1


def test_tagging_a_missing_event_is_refused(archive: Archive) -> None:
    with (
        pytest.raises(ArchiveError, match="there is no event 42"),
        archive.transaction(actor="curator", action="tag") as tx,
    ):
        tx.add_tags([42], ["water"])
    assert archive.tags_with_counts() == []
