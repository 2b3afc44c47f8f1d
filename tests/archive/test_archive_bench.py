"""The benchmark runs end to end on a small archive (its times are not asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from uzkz_desktop.archive.bench import bench_archive, main
from uzkz_desktop.archive.synth import synthesize


def test_bench_archive_reports_every_figure_and_cleans_up(tmp_path: Path) -> None:
    figures = bench_archive(500, tmp_path)
    windows = [
        f"window_{what}_{stat}_ms"
        for what in ("resolve", "rows_cold", "rows_warm")
        for stat in ("p50", "p95", "max")
    ]
    assert sorted(figures) == sorted(
        [
            *windows,
            "build_or_copy_s",
            "built_rows_kept",
            "built_rows_kept_mb",
            "db_mb",
            "event_detail_p50_ms",
            "event_titles_ms",
            "events",
            "first_window_read_ms",
            "month_counts_full_range_ms",
            "open_readonly_with_quick_check_s",
            "snapshot_load_cpu_s",
            "snapshot_load_peak_python_mb",
            "snapshot_load_s",
            "snapshot_mb",
            "tags_with_counts_ms",
            "timeline_arrays_ms",
            "timeline_arrays_sql_ms",
            "window_after_edit_ms",
            "window_resolve_cpu_p50_ms",
            "window_resolve_cpu_p95_ms",
            "window_rows_avg",
            "window_rows_cold_cpu_p50_ms",
            "window_rows_cold_cpu_p95_ms",
            "window_rows_max",
            "window_sql_max_ms",
            "window_sql_p50_ms",
            "window_tag_filter_first_ms",
            "window_tag_filter_p50_ms",
        ]
    )
    assert figures["events"] == 500.0
    assert figures["window_rows_max"] > 0
    assert all(value >= 0 for value in figures.values())
    assert list(tmp_path.iterdir()) == []


def test_bench_main_copies_a_synthetic_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "made.uzkz"
    synthesize(source, 300)
    work = tmp_path / "work"
    work.mkdir()
    main(["300", "--source", str(source), "--tmp", str(work)])
    assert '"window_resolve_p95_ms"' in capsys.readouterr().out
    assert list(work.iterdir()) == []
