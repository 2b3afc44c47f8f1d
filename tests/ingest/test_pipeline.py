"""Importing documents: whole or not at all, never twice, and survivable by kill -9."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from uzkz_desktop.archive.archive import Archive
from uzkz_desktop.core.errors import ArchiveError
from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.ingest.pipeline import Failed, Imported, ingest_file, ingest_files

CORPUS = resources_dir() / "corpus"


def _corpus(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    opened = Archive.open(tmp_path / "archive.db", create=True)
    yield opened
    opened.close()


def test_a_document_becomes_a_source_with_candidate_events(archive: Archive) -> None:
    imported = ingest_file(archive, _corpus("002"))
    assert imported.events >= 15
    detail = archive.event(imported.event_ids[0])
    assert detail.event.status == "candidate"
    assert detail.excerpts[0].source_key == "002_a1668f757bad9d7c"
    details = [archive.event(i) for i in imported.event_ids]
    day = next(d for d in details if d.date_text == "1992-yil 23-noyabrda")
    assert day.span.edtf == "1992-11-23"
    assert day.excerpts[0].text == (
        "Ikki davlat o‟rtasida 1992-yil 23-noyabrda diplomatik aloqalar o„rnatildi."
    )


def test_the_same_file_twice_is_refused_and_nothing_changes(archive: Archive) -> None:
    ingest_file(archive, _corpus("003"))
    before = archive.canonical_dump()
    with pytest.raises(ArchiveError, match="already imported"):
        ingest_file(archive, _corpus("003"))
    assert archive.canonical_dump() == before


def test_a_bad_file_is_reported_and_the_next_one_imported(archive: Archive, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    outcomes = ingest_files(archive, [bad, _corpus("004")])
    assert isinstance(outcomes[0], Failed)
    assert "scan.pdf" in outcomes[0].message
    assert isinstance(outcomes[1], Imported)
    assert [s.file_name for s in archive.sources()] == [_corpus("004").name]


def test_progress_is_reported_up_to_the_total(archive: Archive) -> None:
    seen: list[tuple[int, int]] = []
    ingest_file(archive, _corpus("004"), progress=lambda m, done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1]
    assert len(seen) > 3


def test_pages_of_the_paginated_article_reach_the_excerpts(archive: Archive) -> None:
    imported = ingest_file(archive, _corpus("000"))
    pages = {archive.event(i).excerpts[0].page for i in imported.event_ids}
    assert _page_numbers(pages) <= set(range(410, 420))
    assert len(pages) >= 4


def _page_numbers(labels: set[str | None]) -> set[int]:
    """Page labels are '412', or '415–416' for a sentence across a page break."""
    assert None not in labels
    return {int(part) for label in labels if label for part in label.split("–")}


_SLOW_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from uzkz_desktop.archive.archive import Archive
    from uzkz_desktop.ingest.pipeline import ingest_file

    def stall(message, done, total):
        if done == 5:
            print("started", flush=True)
            time.sleep(120)

    with Archive.open(Path(sys.argv[1])) as archive:
        ingest_file(archive, Path(sys.argv[2]), progress=stall)
    """
)


def test_kill_9_in_the_middle_of_an_import_leaves_the_archive_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive.open(path, create=True) as archive:
        ingest_file(archive, _corpus("004"))
        before = archive.canonical_dump()
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_IMPORT, str(path), str(_corpus("000"))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "started"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with Archive.open(path, check="full") as archive:
        assert archive.canonical_dump() == before
        assert [s.file_name for s in archive.sources()] == [_corpus("004").name]


def test_a_document_is_not_dated_by_a_target_year_in_its_future() -> None:
    from uzkz_desktop.ingest.extract import latest_plausible_year

    text = "Товарооборот вырос по сравнению с 2023 годом; цель — 10 млрд к 2030 году."
    assert latest_plausible_year(text, this_year=2026) == 2023
    assert latest_plausible_year(text, this_year=2031) == 2030
    assert latest_plausible_year("к 2030 году", this_year=2026) is None
