"""The benchmark runs end to end on a small archive (its times are not asserted)."""

from __future__ import annotations

from pathlib import Path

from uzkz_desktop.archive.bench import bench_archive


def test_bench_archive_reports_every_figure_and_cleans_up(tmp_path: Path) -> None:
    figures = bench_archive(500, tmp_path)
    assert sorted(figures) == [
        "db_mb",
        "event_detail_p50_ms",
        "events",
        "fill_s",
        "month_counts_full_range_ms",
        "open_readonly_with_quick_check_s",
        "tags_with_counts_ms",
        "timeline_arrays_ms",
        "window_ids_only_p50_ms",
        "window_p50_ms",
        "window_p95_ms",
        "window_rows_avg",
        "window_tag_filter_p50_ms",
    ]
    assert figures["events"] == 500.0
    assert all(value >= 0 for value in figures.values())
    assert list(tmp_path.iterdir()) == []
