import numpy as np

from uzkz_desktop.timeline.bench import bench_frames, synthetic_events


def test_synthetic_events_look_like_history() -> None:
    events = synthetic_events(20_000)
    years = (events.start_day - 726_833) / 365.25 + 1991
    assert (np.diff(events.start_day) >= 0).all()
    assert (years >= 2017).mean() > 0.5  # the recent years are denser
    assert set(np.unique(events.precision).tolist()) == {0, 1, 2}
    assert len(np.unique(events.category)) == 13


def test_bench_reports_every_zoom_level() -> None:
    figures = bench_frames(2_000, repeats=2)
    for level in ("whole", "5y", "1y", "1m", "1w"):
        assert figures[f"{level}_mean_ms"] > 0
    assert {"zoom_seq_cold_max_ms", "pan_seq_warm_mean_ms", "pack_ms_max"} <= figures.keys()
