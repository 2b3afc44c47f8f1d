"""Figures: numbers sources state. Disagreeing sources are both kept, side by side."""

from __future__ import annotations

from datetime import date

from archive_helpers import add_sample_source

from uzkz_desktop.archive import Archive, FigureConflict, FigureRow
from uzkz_desktop.core.dates import DateSpan

TURNOVER = "trade_turnover_uz_kz"


def test_conflicting_figures_sit_side_by_side(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        first = tx.add_excerpt(add_sample_source(tx, key="002"), 81, 129)
        second = tx.add_excerpt(add_sample_source(tx, key="005", original="Savdo 4 mlrd."), 0, 13)
        for value, excerpt in ((4.3, first), (4.0, second)):
            tx.add_figure(
                what=TURNOVER, value=value, unit="bn USD", period=DateSpan.year(2021),
                excerpt_id=excerpt,
            )  # fmt: skip
        tx.add_figure(
            what=TURNOVER, value=3.0, unit="bn USD", period=DateSpan.year(2019), excerpt_id=second
        )
    expected = (
        FigureRow(
            2, TURNOVER, 4.0, "bn USD", "2021", date(2021, 1, 1), date(2021, 12, 31), 2, None,
            "005", "1", "Savdo 4 mlrd.",
        ),
        FigureRow(
            1, TURNOVER, 4.3, "bn USD", "2021", date(2021, 1, 1), date(2021, 12, 31), 1, None,
            "002", "2", "2021-yilda savdo 4,3 mlrd dollarni tashkil etdi.",
        ),
    )  # fmt: skip
    assert archive.conflicting_figures() == [FigureConflict(TURNOVER, "2021", expected)]
    assert tuple(archive.figures_for(TURNOVER, DateSpan.year(2021))) == expected
    assert [f.value for f in archive.figures_for(TURNOVER, "2019")] == [3.0]
    assert [f.period for f in archive.figures_for(TURNOVER)] == ["2019", "2021", "2021"]


def test_agreeing_figures_are_no_conflict(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        first = tx.add_excerpt(add_sample_source(tx, key="002"), 81, 129)
        second = tx.add_excerpt(add_sample_source(tx, key="005", original="Savdo 4,3 mlrd."), 0, 15)
        for excerpt in (first, second):
            tx.add_figure(
                what=TURNOVER, value=4.3, unit="bn USD", period=DateSpan.year(2021),
                excerpt_id=excerpt,
            )  # fmt: skip
    assert archive.conflicting_figures() == []
    assert len(archive.figures_for(TURNOVER, "2021")) == 2
