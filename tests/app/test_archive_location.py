"""The bundled archive is never written by use: the first run works on a copy."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from uzkz_desktop.app import resolve_archive
from uzkz_desktop.cli import cli
from uzkz_desktop.core.paths import bundled_archive, resources_dir


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("UZKZ_DATA_DIR", str(folder))
    monkeypatch.delenv("UZKZ_ARCHIVE", raising=False)
    return folder


def test_first_run_copies_the_bundled_archive(data_dir: Path) -> None:
    path = resolve_archive()
    assert path == data_dir / "archive.db"
    assert _sha(path) == _sha(bundled_archive())


def test_importing_changes_the_copy_never_the_bundled_file(data_dir: Path) -> None:
    before = _sha(bundled_archive())
    new_document = data_dir.parent / "visit.txt"
    new_document.write_text(
        "Prezidentlar 2026-yil 3-mart kuni Samarqandda uchrashdi.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["ingest", str(new_document)])
    assert result.exit_code == 0, result.stderr
    assert _sha(bundled_archive()) == before
    listed = CliRunner().invoke(cli, ["events", "--candidates", "--from", "2026", "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    candidates = [(r["start"], r["precision"]) for r in rows if r["status"] == "candidate"]
    assert candidates == [("2026-03-03", "day")]


def test_an_explicit_archive_path_is_used_as_given(data_dir: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "mine.db"
    assert resolve_archive(chosen) == chosen
    assert not (data_dir / "archive.db").exists()


def test_events_json_lists_events_overlapping_the_window(data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--from", "1992", "--to", "1992", "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # Karimov's visits (1991/2016) overlap 1992 as much as the day relations were set up.
    assert [r["edtf"] for r in rows] == ["1991/2016", "1991/2016", "1992-11-23"]
    assert rows[0].keys() >= {"id", "title", "start", "end", "precision", "status"}


def test_show_json_has_excerpts_with_source_and_page(data_dir: Path) -> None:
    listed = CliRunner().invoke(cli, ["events", "--from", "2023-02", "--to", "2023-02", "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    visit = next(r for r in rows if "Saidov" in r["title"])
    result = CliRunner().invoke(cli, ["show", str(visit["id"]), "--json"])
    shown = json.loads(result.stdout)
    excerpt = shown["excerpts"][0]
    assert excerpt["source_key"] == "000"
    assert excerpt["page"] in {"414", "416"}
    assert "2023-yil 18" in excerpt["text"]


def test_show_unknown_event_says_so(data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "999999"])
    assert result.exit_code == 1
    assert "999999" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_date_option_is_explained(data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--from", "someday"])
    assert result.exit_code == 2
    assert "not a date" in result.stderr


def test_a_corrupt_archive_is_reported_and_left_alone(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    before = _sha(broken)
    result = CliRunner().invoke(cli, ["events", "--archive", str(broken)])
    assert result.exit_code == 1
    assert "broken.db" in result.stderr
    assert "Traceback" not in result.stderr
    assert _sha(broken) == before


def test_resources_hold_the_corpus_and_curation() -> None:
    assert len(list((resources_dir() / "corpus").glob("*.txt"))) == 5
    assert len(list((resources_dir() / "curation").glob("*.toml"))) == 5
