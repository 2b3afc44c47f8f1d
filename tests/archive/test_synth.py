"""The synthetic archive: a valid archive, shaped like the real data, and reproducible."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from uzkz_desktop.archive import MIGRATIONS, Archive, OffsetMap
from uzkz_desktop.archive.offsets import page_label
from uzkz_desktop.archive.synth import SynthReport, synthesize
from uzkz_desktop.core.dates import DateSpan, Precision
from uzkz_desktop.core.errors import ArchiveError

N = 1500


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthReport]:
    path = tmp_path_factory.mktemp("synth") / "synth.uzkz"
    return path, synthesize(path, N, seed=11)


@pytest.fixture
def archive(built: tuple[Path, SynthReport]) -> Iterator[Archive]:
    with Archive.open(built[0], readonly=True, check="none") as opened:
        yield opened


def rows(archive: Archive, sql: str) -> list[tuple[Any, ...]]:
    return archive._conn.execute(sql).fetchall()


def one(archive: Archive, sql: str) -> Any:
    return rows(archive, sql)[0][0]


def test_opens_with_a_full_integrity_check_in_wal_mode(built: tuple[Path, SynthReport]) -> None:
    with Archive.open(built[0], check="full") as archive:
        assert archive.schema_version() == len(MIGRATIONS)
        assert archive.generation() == 1
        assert one(archive, "PRAGMA journal_mode") == "wal"
        assert json.loads(archive.meta("synthetic") or "") == {
            "events": N, "generator": 1, "seed": 11,
        }  # fmt: skip
        assert rows(archive, "PRAGMA foreign_key_check") == []
        # One audit row stands for the whole build.
        assert rows(archive, "SELECT batch_id, actor, table_name FROM audit_log") == [
            (1, "synth", "meta")
        ]


def test_a_real_transaction_works_on_it_afterwards(tmp_path: Path) -> None:
    path = tmp_path / "a.uzkz"
    synthesize(path, 300)
    with Archive.open(path) as archive:
        with archive.transaction(actor="test", action="tag") as tx:
            tx.add_tags([1, 2], ["energy/electricity"])
            tx.trash_event(3)
        assert archive.generation() == 2
        assert "energy/electricity" in archive.event(1).tags
        archive.check_integrity()


def test_counts_are_in_the_expected_ranges(
    built: tuple[Path, SynthReport], archive: Archive
) -> None:
    report = built[1]
    stats = archive.stats()
    assert stats.sources == max(20, N // 50) == report.counts["sources"]
    assert stats.events + stats.trashed == N == report.counts["events"]
    assert 1 <= stats.trashed <= 10
    assert N * 1.1 < stats.excerpts < N * 1.35
    assert stats.figures == N // 20
    assert 55 <= stats.tags <= 70
    assert stats.entities >= 100
    assert 0.02 < stats.candidates / N < 0.09
    assert stats.rejected / N < 0.03
    assert 0.8 * N < report.counts["event_tags"] < 1.6 * N
    assert report.counts["event_entities"] > N
    assert 0.02 < report.counts["excerpt_tags"] / stats.excerpts < 0.09
    for table, count in report.counts.items():
        assert one(archive, f"SELECT count(*) FROM {table}") == count
    assert report.size_bytes == built[0].stat().st_size
    assert report.seconds > 0


def test_every_event_has_excerpts_from_one_to_three_distinct_sources(archive: Archive) -> None:
    per_event = rows(
        archive,
        "SELECT e.id, count(ee.excerpt_id), count(DISTINCT x.source_id) FROM events e"
        " LEFT JOIN event_excerpts ee ON ee.event_id = e.id"
        " LEFT JOIN excerpts x ON x.id = ee.excerpt_id GROUP BY e.id",
    )
    assert len(per_event) == N
    assert all(1 <= n == sources <= 3 for _, n, sources in per_event)
    attested_more = sum(n > 1 for _, n, _ in per_event) / N
    assert 0.1 < attested_more < 0.2


def test_excerpts_are_spans_of_their_sources_with_pages(archive: Archive) -> None:
    checked = 0
    for source in archive.sources():
        detail = archive.source(source.id)
        cleaned, original = detail.cleaned_text, detail.original_text
        assert detail.offset_map == OffsetMap(len(cleaned), (0,), (0,))
        assert len(original) == len(cleaned)
        assert detail.page_map[0] == (0, detail.page_map[0][1])
        assert len(detail.page_map) >= len(cleaned) // 4000
        for x in archive.source_excerpts(source.id):
            assert cleaned[x.clean_start : x.clean_end] == x.text
            assert (x.char_start, x.char_end) == (x.clean_start, x.clean_end)
            # The original differs only by line and page breaks where the cleaned has spaces.
            assert re.sub(r"[\n\f]", " ", original[x.char_start : x.char_end]) == x.text
            assert x.page == page_label(detail.page_map, x.clean_start, x.clean_end)
            assert x.language
            assert x.date_text
            checked += 1
    assert checked == archive.stats().excerpts


def test_some_excerpts_cross_a_page(archive: Archive) -> None:
    pages = [p for (p,) in rows(archive, "SELECT page FROM excerpts")]
    assert any("–" in p for p in pages)


def test_dates_lie_in_1991_to_2027_and_cluster_like_history(archive: Archive) -> None:
    first, last = rows(archive, "SELECT min(start_date), max(end_date) FROM events")[0]
    assert str(first) >= "1991-01-01"
    assert str(last) <= "2027-12-31"
    per_year = Counter(
        int(y) for (y,) in rows(archive, "SELECT substr(start_date, 1, 4) FROM events")
    )
    nineties = sum(per_year[y] for y in range(1991, 2000)) / 9
    recent = sum(per_year[y] for y in range(2017, 2026)) / 9
    assert recent > 3 * nineties
    # Bursts: summit days draw many more events than an average day.
    summit = one(archive, "SELECT count(*) FROM events WHERE start_date = '2022-12-21'")
    assert summit >= 5


def test_precision_mix_and_periods(archive: Archive) -> None:
    mix = dict(rows(archive, "SELECT precision, count(*) FROM events GROUP BY precision"))
    assert 0.6 < mix["day"] / N < 0.8
    assert 0.13 < mix["month"] / N < 0.27
    assert 0.05 < mix["year"] / N < 0.17
    periods = rows(
        archive,
        "SELECT edtf, start_date, end_date FROM events WHERE edtf LIKE '%/%'",
    )
    assert 0.015 < len(periods) / N < 0.05
    for edtf, start, end in periods:
        years = date.fromisoformat(str(end)).year - date.fromisoformat(str(start)).year
        assert 1 <= years <= 10, edtf


def test_edtf_and_spans_agree_with_datespan(archive: Archive) -> None:
    for start, end, precision, approximate, edtf, day0, day1 in rows(
        archive,
        "SELECT start_date, end_date, precision, approximate, edtf, start_day, end_day FROM events",
    ):
        span = DateSpan(
            date.fromisoformat(str(start)),
            date.fromisoformat(str(end)),
            Precision(str(precision)),
            approximate=approximate == 1,
        )
        assert span.edtf == edtf
        assert (day0, day1) == (span.start.toordinal(), span.end.toordinal())


def test_categories_are_the_thirteen_and_skewed(archive: Archive) -> None:
    counts = dict(rows(archive, "SELECT category, count(*) FROM events GROUP BY category"))
    assert set(counts) == {
        "diplomacy", "economy", "investment", "transport", "energy", "culture", "education",
        "tourism", "ecology", "security", "law", "parliament", "health",
    }  # fmt: skip
    top_two = sorted(counts, key=counts.__getitem__, reverse=True)[:2]
    assert set(top_two) == {"diplomacy", "economy"}


def test_titles_in_english_and_uzbek(archive: Archive) -> None:
    titles = rows(archive, "SELECT title_en, title_uz FROM events")
    assert all(en and uz for en, uz in titles)
    assert len({en for en, _ in titles}) > N / 5
    assert any("‘" in str(uz) for _, uz in titles)


def test_figures_include_conflicts_from_different_sources(archive: Archive) -> None:
    conflicts = archive.conflicting_figures()
    assert conflicts
    for group in conflicts:
        assert len({f.value for f in group.figures}) > 1
    assert any(len({f.source_key for f in g.figures}) > 1 for g in conflicts)
    figure = conflicts[0].figures[0]
    assert figure.text
    assert figure.source_key.startswith("syn-")
    linked = one(archive, "SELECT count(*) FROM figures WHERE event_id IS NOT NULL")
    assert 0 < linked < N // 20


def test_excerpts_are_multilingual(archive: Archive) -> None:
    languages = dict(rows(archive, "SELECT language, count(*) FROM excerpts GROUP BY language"))
    assert set(languages) == {"uz-Latn", "uz-Cyrl", "ru", "en"}
    assert max(languages, key=languages.__getitem__) == "uz-Latn"
    texts = " ".join(str(t) for (t,) in rows(archive, "SELECT text FROM excerpts"))
    assert re.search("[ЎўҚқҒғҲҳ]", texts)  # Uzbek Cyrillic
    assert re.search("[А-Яа-я]", texts)
    assert re.search("[A-Za-z]", texts)
    # The corpus's apostrophe variety survives.
    assert sum(mark in texts for mark in "‘’'„") >= 3
    # Dates are written in each language.
    assert "-yil " in texts
    assert " йил " in texts
    assert " года" in texts
    assert "On " in texts


def test_tags_are_hierarchical_and_applied(archive: Archive) -> None:
    tags = archive.tags_with_counts()
    by_id = {t.id: t for t in tags}
    for tag in tags:
        if "/" in tag.name:
            assert tag.parent_id is not None
            assert by_id[tag.parent_id].name == tag.name.rpartition("/")[0]
        else:
            assert tag.parent_id is None
    assert sum(t.color is not None for t in tags) >= 5
    assert sum(t.event_count for t in tags) > N / 2
    assert any(t.excerpt_count for t in tags)
    energy = archive.events_between(date(1991, 1, 1), date(2027, 12, 31), tags=["energy"])
    assert energy
    assert all(e.category for e in energy)


def test_entities_come_from_the_gazetteer_and_are_linked(archive: Archive) -> None:
    names = {str(n) for (n,) in rows(archive, "SELECT name FROM entities")}
    assert {"Shavkat Mirziyoyev", "Kazakhstan", "Tashkent"} <= names
    aliases = json.loads(str(one(archive, "SELECT aliases FROM entities WHERE name = 'Astana'")))
    assert not any("|" in a for a in aliases)
    event_id = int(one(archive, "SELECT min(event_id) FROM event_entities"))
    detail = archive.event(event_id)
    assert detail.entities
    assert detail.excerpts


def test_window_and_month_counts_match_a_brute_force_count(archive: Archive) -> None:
    start, end = date(2019, 1, 1), date(2019, 12, 31)
    expected = one(
        archive,
        "SELECT count(*) FROM events WHERE deleted_at IS NULL AND status = 'accepted'"
        " AND start_date <= '2019-12-31' AND end_date >= '2019-01-01'",
    )
    window = archive.events_between(start, end)
    assert len(window) == expected
    assert len(archive.event_ids_between(start, end, include_candidates=True)) >= len(window)
    for month, count in archive.month_counts(date(1991, 1, 1), date(2027, 12, 31)):
        first = f"{month}-01"
        assert count == one(
            archive,
            "SELECT count(*) FROM events WHERE deleted_at IS NULL AND status = 'accepted'"
            f" AND start_date <= date('{first}', '+1 month', '-1 day') AND end_date >= '{first}'",
        ), month


def test_the_same_seed_gives_the_same_archive(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        synthesize(tmp_path / f"{name}.uzkz", 300, seed=seed)
        with Archive.open(tmp_path / f"{name}.uzkz", readonly=True) as archive:
            dumps.append(archive.canonical_dump())
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


def test_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "exists.uzkz"
    path.write_bytes(b"precious")
    with pytest.raises(ArchiveError, match="already exists"):
        synthesize(path, 300)
    assert path.read_bytes() == b"precious"
    report = synthesize(path, 300, overwrite=True)
    assert report.events == 300
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exists.uzkz"]
    with Archive.open(path, readonly=True) as archive:
        assert archive.stats().sources == 20


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    synthesize(tmp_path / "p.uzkz", 300, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 3
    totals = {total for _, total in calls}
    assert len(totals) == 1
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert done[-1] == calls[-1][1]


def test_a_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    def fail(done: int, total: int) -> None:
        if done > 300:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        synthesize(tmp_path / "x.uzkz", 300, progress=fail)
    assert list(tmp_path.iterdir()) == []


def test_rejects_a_missing_folder_and_no_events(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        synthesize(tmp_path / "nowhere" / "x.uzkz", 300)
    with pytest.raises(ValueError, match="at least 1"):
        synthesize(tmp_path / "x.uzkz", 0)
