"""Curation from the command line: tag, untag, tags, undo, redo — search follows at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from uzkz_desktop.app import Session, resolve_archive
from uzkz_desktop.cli import cli


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("UZKZ_DATA_DIR", str(folder))
    monkeypatch.delenv("UZKZ_ARCHIVE", raising=False)
    return folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _tags_of(event_id: int) -> list[str]:
    result = _run("show", str(event_id), "--json")
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["tags"])


def _found(query: str) -> list[int]:
    result = _run("search", query, "--json", "--limit", "100")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line)["event_id"] for line in result.stdout.splitlines()]


def _tag_counts() -> dict[str, dict[str, object]]:
    result = _run("tags", "--json")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return {row["name"]: row for row in rows}


def test_tagging_shows_in_the_event_and_in_search_at_once(data_dir: Path) -> None:
    assert _found("tag:curated") == []  # builds the index before the edit
    result = _run("tag", "5", "curated", "curated/by-hand")
    assert result.exit_code == 0, result.stderr
    assert {"curated", "curated/by-hand"} <= set(_tags_of(5))
    assert _found("tag:curated/by-hand") == [5]
    counts = _tag_counts()
    assert counts["curated"] == {
        "name": "curated",
        "count": 1,
        "color": None,
        "parent": None,
        "shortcut": None,
        "excerpts": 0,
    }
    assert counts["curated/by-hand"]["parent"] == "curated"

    result = _run("untag", "5", "curated/by-hand")
    assert result.exit_code == 0, result.stderr
    assert "curated/by-hand" not in _tags_of(5)
    assert _found("tag:curated/by-hand") == []
    assert _tag_counts()["curated/by-hand"]["count"] == 0


def test_tags_json_counts_events(data_dir: Path) -> None:
    before = _tag_counts()
    assert all(
        set(row) == {"name", "count", "color", "parent", "shortcut", "excerpts"}
        for row in before.values()
    )
    for event_id in ("5", "6", "5"):  # tagging twice counts once
        assert _run("tag", event_id, "counted").exit_code == 0
    assert _tag_counts()["counted"]["count"] == 2
    assert {k: v for k, v in _tag_counts().items() if k != "counted"} == before


def test_undo_and_redo_from_the_command_line(data_dir: Path) -> None:
    before = _tags_of(7)
    assert _run("tag", "7", "undo-me").exit_code == 0
    result = _run("undo")
    assert result.exit_code == 0, result.stderr
    assert "undone: tag 1 event undo-me" in result.stderr
    assert _tags_of(7) == before
    assert _found("tag:undo-me") == []
    result = _run("redo")
    assert "redone: tag 1 event undo-me" in result.stderr
    assert "undo-me" in _tags_of(7)
    assert _found("tag:undo-me") == [7]
    _run("undo")
    assert "nothing to undo" in _run("undo").stderr


def test_unknown_event_and_empty_tag_are_errors(data_dir: Path) -> None:
    result = _run("tag", "999999", "x")
    assert result.exit_code == 1
    assert "there is no event 999999" in result.stderr
    result = _run("tag", "5", " / ")
    assert result.exit_code == 1
    assert "not a tag name" in result.stderr
    assert _run("untag", "999999", "x").exit_code == 1


def test_session_edits_keep_the_index_current(data_dir: Path) -> None:
    with Session.open() as session:
        session.search("tag:merged")  # the index exists and is current
        session.tag([5], ["to-merge"])
        session.tag([6], ["merged"])
        session.rename_tag("to-merge", "merged")
        index = session._index
        assert index is not None
        assert index.stamp == session.stamp()  # updated, not left to rebuild
        assert sorted(h.event_id for h in session.search("tag:merged").hits) == [5, 6]
        assert "to-merge" not in {t.name for t in session.archive.tags_with_counts()}
        session.trash(6)
        assert [h.event_id for h in session.search("tag:merged").hits] == [5]
        assert session.undo() == "trash event 6"
        assert session.undo() == "rename tag to-merge to merged"
        assert [h.event_id for h in session.search("tag:to-merge").hits] == [5]
    assert resolve_archive().exists()


def _show(event_id: int) -> dict[str, object]:
    result = _run("show", str(event_id), "--json")
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_edit_reads_a_date_as_people_write_it_and_undo_restores(data_dir: Path) -> None:
    before = _show(5)
    result = _run("edit", "5", "--date", "18 февраля 2023 г.", "--title", "Renamed")
    assert result.exit_code == 0, result.stderr
    after = _show(5)
    assert (after["start"], after["end"], after["precision"]) == (
        "2023-02-18", "2023-02-18", "day",
    )  # fmt: skip
    assert after["title"] == "Renamed"
    assert _run("undo").exit_code == 0
    assert _show(5)["start"] == before["start"]


def test_edit_refuses_what_is_not_a_date_and_writes_nothing(data_dir: Path) -> None:
    _run("tags")  # the user's copy exists
    dump = _dump()
    result = _run("edit", "5", "--date", "next blue moon")
    assert result.exit_code == 2
    assert "not a date" in result.stderr
    assert _dump() == dump


def test_trash_restore_and_merge(data_dir: Path) -> None:
    assert _run("trash", "5", "6").exit_code == 0
    assert _show(5)["deleted_at"] is not None
    assert _run("restore", "5", "6").exit_code == 0
    assert _show(6)["deleted_at"] is None
    excerpts = len(_show(5)["excerpts"]) + len(_show(6)["excerpts"])  # type: ignore[arg-type]
    result = _run("merge", "5", "6")
    assert result.exit_code == 0, result.stderr
    assert len(_show(5)["excerpts"]) == excerpts  # type: ignore[arg-type]
    assert _show(6)["deleted_at"] is not None
    assert _run("merge", "5", "5").exit_code == 1


def _dump() -> str:
    with Session.open(resolve_archive(None), readonly=True) as session:
        return session.archive.canonical_dump()
