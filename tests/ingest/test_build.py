"""The bundled archive: built from resources/ alone, reproducibly, and kept up to date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from uzkz_desktop.archive.archive import Archive
from uzkz_desktop.core.paths import bundled_archive
from uzkz_desktop.ingest.build import build_archive
from uzkz_desktop.ingest.quotes import squeeze


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("build") / "archive.db"
    build_archive(path)
    return path


def _dump(path: Path) -> str:
    with Archive.open(path, readonly=True) as archive:
        return archive.canonical_dump()


def test_two_builds_have_the_same_content(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build_archive(again)
    assert _dump(again) == _dump(built)


def test_the_committed_archive_is_not_stale(built: Path) -> None:
    assert bundled_archive().is_file(), "archive.db is missing: run `uzkz build-archive`"
    assert _dump(bundled_archive()) == _dump(built), "archive.db is stale: `uzkz build-archive`"


def test_every_event_is_anchored_in_its_sources_words(built: Path) -> None:
    with Archive.open(built, readonly=True) as archive:
        rows = archive.events_between(date(1, 1, 1), date(9999, 12, 31))
        assert len(rows) > 70
        for row in rows:
            detail = archive.event(row.id)
            assert detail.excerpts, row.title_en
            texts = [squeeze(e.text) for e in detail.excerpts]
            if detail.date_text and detail.date_text[0].isdigit():
                assert any(squeeze(detail.date_text) in t for t in texts), row.title_en


def test_one_event_told_by_two_sources_has_both_excerpts(built: Path) -> None:
    with Archive.open(built, readonly=True) as archive:
        row = next(
            r
            for r in archive.events_between(date(1992, 11, 1), date(1992, 11, 30))
            if "diplomatic relations" in r.title_en
        )
        detail = archive.event(row.id)
    assert detail.span.edtf == "1992-11-23"
    assert sorted(e.source_key for e in detail.excerpts) == ["002", "004"]
    cyrillic = next(e for e in detail.excerpts if e.source_key == "004")
    assert "1992 йил ноябрь" in cyrillic.text


def test_conflicting_trade_figures_are_kept_side_by_side(built: Path) -> None:
    with Archive.open(built, readonly=True) as archive:
        conflicts = {(c.what, c.period): c for c in archive.conflicting_figures()}
    trade_2021 = conflicts[("trade turnover", "2021")]
    assert sorted((f.value, f.source_key) for f in trade_2021.figures) == [
        (4.0, "002"),
        (4.3, "001"),
    ]


def test_paginated_source_cites_its_pages(built: Path) -> None:
    with Archive.open(built, readonly=True) as archive:
        source = next(s for s in archive.sources() if s.key == "000")
        pages = {e.page for e in archive.source_excerpts(source.id)}
    assert None not in pages
    numbers = {int(part) for label in pages if label for part in label.split("–")}
    assert numbers <= set(range(410, 420))
    assert "415–416" in pages  # a sentence across a page break cites both pages


def test_reading_the_bundled_archive_leaves_no_companion_files(tmp_path: Path) -> None:
    shipped = tmp_path / "archive.db"
    shipped.write_bytes(bundled_archive().read_bytes())
    with Archive.open(shipped, readonly=True) as archive:
        assert archive.stats().events > 70
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db"]
