"""Drawing the timeline: what paint_frame asks of a QPainter, and approved renders.

Approved images live in tests/ui/images/timeline_{overview,year,month}.png (1200 x 500,
DejaVu Sans). They are compared in grayscale with a small per-pixel tolerance; on a
mismatch the actual image, the expected one and a diff are written to tmp_path. To
(re)approve after an intended change, look at the new images, then run

    UZKZ_APPROVE_IMAGES=1 .venv/bin/pytest tests/ui/test_timeline_painter.py
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from unittest.mock import MagicMock, call

import numpy as np
import numpy.typing as npt
import pytest
from PySide6.QtCore import QLocale, QSize
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from pytestqt.qtbot import QtBot
from ui_helpers import categories_by_id

from uzkz_desktop.app import TimelineData
from uzkz_desktop.timeline import EventArrays, Frame, LanesLayout, Viewport, build_frame
from uzkz_desktop.ui import timeline_painter
from uzkz_desktop.ui.timeline_painter import (
    NORMAL,
    SELECTED,
    TimelineStyle,
    paint_frame,
    prepare_pixmaps,
    queue_texts,
)
from uzkz_desktop.ui.timeline_widget import TimelineWidget

IMAGES = Path(__file__).parent / "images"
APPROVE = os.environ.get("UZKZ_APPROVE_IMAGES") == "1"
GRAY_TOLERANCE = 24  # levels of 255 a pixel may differ by (antialiasing, font hinting)
MAX_DIFFERING = 0.005  # share of pixels allowed beyond the tolerance
DAY, MONTH, YEAR = 0, 1, 2


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


# -- what the painter is asked to do --------------------------------------------------------------


def small_frame(style: TimelineStyle) -> Frame:
    """Two bands: diplomacy has two diamonds (1 selected, 2 a candidate) and a day-precise
    period (3, a candidate); economy has a month (4) and a year (5) known only as such."""
    rows = [
        (1, "2024-03-10", "2024-03-10", DAY, 0),
        (2, "2024-06-01", "2024-06-01", DAY, 0),
        (3, "2024-04-01", "2024-05-15", DAY, 0),
        (4, "2024-08-01", "2024-08-31", MONTH, 1),
        (5, "2024-01-01", "2024-12-31", YEAR, 1),
    ]
    ids, first, last, precision, category = zip(*rows, strict=True)
    events = EventArrays.from_columns(
        ids, [day(d) for d in first], [day(d) for d in last], precision, category
    )
    titles = {1: "Ministers meet", 2: "Trade mission", 3: "Joint survey", 4: "Fair", 5: "Report"}
    lanes = LanesLayout(events, ["Diplomacy", "Economy"])
    style.fit_gutter(lanes.labels)
    view = Viewport(day("2023-12-01"), day("2025-02-01"), 800)
    return build_frame(
        events,
        view,
        (800, 300),
        lanes_layout=lanes,
        selected=1,
        titles=titles.__getitem__,
        label_width=style.label_width,
        today=day("2024-09-15"),
    )


@pytest.fixture
def style(qtbot: QtBot) -> TimelineStyle:
    return TimelineStyle(["#332288", "#E69F00"], QFont("DejaVu Sans"), candidates={2, 3})


def texts_drawn(painter: MagicMock) -> list[str]:
    return [c.args[1] for c in painter.drawText.call_args_list]


def test_paint_frame_batches_bars_and_draws_each_label_once(style: TimelineStyle) -> None:
    frame = small_frame(style)
    kinds = Counter(i.kind for i in frame.items)
    assert kinds == {"point": 2, "span": 1, "fuzzy-span": 2}
    assert not frame.density
    assert not frame.overflow
    labels = [i.label for i in frame.items if i.label]
    assert len(labels) >= 3

    painter = MagicMock(spec=QPainter)
    paint_frame(painter, frame, style)

    # Bars, one drawRects per (category, part): diplomacy's period has a body, day-precise
    # caps and (a candidate) a dashed outline; economy's month and year have faint bodies
    # and fades at both ends.
    assert painter.drawRects.call_count == 3 + 3
    drawn_rects = sum(len(c.args[0]) for c in painter.drawRects.call_args_list)
    assert drawn_rects == (1 + 2 + 1) + (2 + 2 + 2)
    # One pixmap per diamond, the legend column (chips and labels of every band), the
    # overview strip.
    assert painter.drawPixmap.call_count == 2 + 1 + 1
    selected_pixmap = style.diamond(0, SELECTED, 9.0 + 6)
    assert any(c.args[-1] is selected_pixmap for c in painter.drawPixmap.call_args_list)
    # Text: each label once, each major tick label once, nothing else.
    texts = texts_drawn(painter)
    assert Counter(texts) == Counter(labels + [t.label for t in frame.ticks.major])
    painter.save.assert_called_once()
    painter.restore.assert_called_once()
    assert painter.translate.call_args == call(style.gutter, 0.0)


def test_texts_drawn_are_queued_and_blitted_once_made(style: TimelineStyle) -> None:
    frame = small_frame(style)
    labels = [i.label for i in frame.items if i.label]
    ticks = [t.label for t in frame.ticks.major]
    first, second, third = (MagicMock(spec=QPainter) for _ in range(3))
    paint_frame(first, frame, style)
    paint_frame(second, frame, style)  # nothing made yet: drawn as text again, queued once
    assert len(texts_drawn(first)) == len(texts_drawn(second)) == len(labels) + len(ticks)
    assert style.pending_texts() == len(set(labels + ticks))
    assert style.make_pending_texts(1) == len(set(labels + ticks)) - 1  # a budget per call
    assert style.make_pending_texts(1000) == 0
    paint_frame(third, frame, style)
    assert texts_drawn(third) == []
    assert third.drawPixmap.call_count == 2 + 1 + 1 + len(labels) + len(ticks)


def test_a_frame_expected_next_gets_its_labels_made_before_it_is_painted(
    style: TimelineStyle,
) -> None:
    frame = small_frame(style)
    labels = [i.label for i in frame.items if i.label]
    ticks = [t.label for t in frame.ticks.major]
    queue_texts(frame, style)  # no painter involved
    assert style.pending_texts() == len(set(labels))
    style.make_pending_texts(1000)
    painter = MagicMock(spec=QPainter)
    paint_frame(painter, frame, style)
    assert Counter(texts_drawn(painter)) == Counter(ticks)  # the labels are blitted


def test_pixmaps_a_frame_blits_can_be_made_beforehand(
    style: TimelineStyle, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = small_frame(style)
    style.fit_gutter([b.label for b in frame.bands])
    assert prepare_pixmaps(frame, style)
    assert not prepare_pixmaps(frame, style)  # made once per rows and bands
    made: list[str] = []
    for name in ("_diamond_pixmap", "_glyph_pixmap", "_legend_pixmap"):
        monkeypatch.setattr(timeline_painter, name, lambda *a, n=name: made.append(n))
    paint_frame(MagicMock(spec=QPainter), frame, style)
    assert made == []  # diamonds (selected and candidate too) and chips were ready


def test_text_from_a_pixmap_looks_as_drawn(style: TimelineStyle) -> None:
    frame = small_frame(style)
    size = (800 + round(style.gutter), 300)
    drawn, blitted = (QImage(*size, QImage.Format.Format_ARGB32_Premultiplied) for _ in "ab")
    for image in (drawn, blitted):
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        paint_frame(painter, frame, style)
        painter.end()
        style.make_pending_texts(1000)
    assert style.pending_texts() == 0
    a, b = (np.frombuffer(i.constBits(), np.uint8).astype(int) for i in (drawn, blitted))
    assert np.abs(a - b).max() <= 1  # the same text, at most one level of rounding apart


def test_a_real_paint_shows_the_colours_where_the_frame_says(style: TimelineStyle) -> None:
    frame = small_frame(style)
    image = QImage(800 + round(style.gutter), 300, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    paint_frame(painter, frame, style)
    painter.end()
    candidate = next(i for i in frame.items if i.event_id == 2)
    point = next(i for i in frame.items if i.event_id == 1)
    x = round(style.gutter + (point.x0 + point.x1) / 2)
    centre = image.pixelColor(x, round(point.y))
    assert centre == QColor("#332288")  # a solid diamond in its category colour
    x = round(style.gutter + (candidate.x0 + candidate.x1) / 2)
    hollow = image.pixelColor(x, round(candidate.y))
    assert hollow.lightness() > 200  # a candidate is drawn hollow
    assert frame.today_x is not None
    today = image.pixelColor(round(style.gutter + frame.today_x), round(frame.height * 0.6))
    assert today.red() > 150 > today.green()  # the today line


def test_the_legend_column_is_drawn_once_per_band_layout(style: TimelineStyle) -> None:
    frame = small_frame(style)
    column = style.legend_column(frame)
    painter = MagicMock(spec=QPainter)
    paint_frame(painter, frame, style)
    assert any(c.args[-1] is column for c in painter.drawPixmap.call_args_list)
    panned = dataclasses.replace(frame, viewport=frame.viewport.pan(30.0))
    assert style.legend_column(panned) is column  # same bands: the same pixmap
    moved = [b._replace(y1=b.y1 + 14) for b in frame.bands]
    assert style.legend_column(dataclasses.replace(frame, bands=moved)) is not column
    image = QImage(800 + round(style.gutter), 300, QImage.Format.Format_ARGB32_Premultiplied)
    real = QPainter(image)
    paint_frame(real, frame, style)
    real.end()
    # The chip of the first band, in its category's colour, inside the column.
    band = frame.bands[0]
    chip = image.pixelColor(round(6 + 4.5 + 0.5), round(band.y0 + 6 + 7))
    assert chip == QColor("#332288")


def test_every_selected_item_is_ringed_the_current_one_on_top(style: TimelineStyle) -> None:
    rows = [
        (1, "2024-03-10", "2024-03-10", DAY, 0),
        (4, "2024-06-01", "2024-06-01", DAY, 0),
        (6, "2024-09-01", "2024-09-01", DAY, 0),
    ]
    ids, first, last, precision, category = zip(*rows, strict=True)
    events = EventArrays.from_columns(
        ids, [day(d) for d in first], [day(d) for d in last], precision, category
    )
    lanes = LanesLayout(events, ["Diplomacy"])
    view = Viewport(day("2023-12-01"), day("2025-02-01"), 800)
    frame = build_frame(events, view, (800, 300), lanes_layout=lanes, selection=[6, 1], selected=1)
    painter = MagicMock(spec=QPainter)
    paint_frame(painter, frame, style)
    pixmaps = [c.args[-1] for c in painter.drawPixmap.call_args_list]
    ringed, plain = style.diamond(0, SELECTED, 9.0 + 6), style.diamond(0, NORMAL, 9.0)
    assert pixmaps.count(ringed) == 2
    assert pixmaps.count(plain) == 1  # event 4
    assert pixmaps.index(plain) < pixmaps.index(ringed)
    last = max(k for k, p in enumerate(pixmaps) if p is ringed)
    x = painter.drawPixmap.call_args_list[last].args[0].x()
    assert x == pytest.approx((frame.items[-1].x0 + frame.items[-1].x1) / 2 - 7.5)
    assert frame.items[-1].event_id == 1


def test_a_cluster_is_a_rail_with_a_stack_glyph_and_one_label(style: TimelineStyle) -> None:
    rows = [(k, "2024-03-01", "2024-03-31", MONTH, 0) for k in range(1, 13)]
    ids, first, last, precision, category = zip(*rows, strict=True)
    events = EventArrays.from_columns(
        ids, [day(d) for d in first], [day(d) for d in last], precision, category
    )
    lanes = LanesLayout(events, ["Diplomacy"])
    view = Viewport(day("2024-03-01"), day("2024-04-01"), 800)
    frame = build_frame(
        events, view, (800, 24 + 40 + 6 + 2 * 14), lanes_layout=lanes,
        titles=lambda i: f"Meeting {i}", label_width=style.label_width,
    )  # fmt: skip
    (cluster,) = frame.clusters
    assert (cluster.size, cluster.label) == (11, "11 more in Mar 2024")
    painter = MagicMock(spec=QPainter)
    paint_frame(painter, frame, style)
    texts = texts_drawn(painter)
    assert texts.count("11 more in Mar 2024") == 1
    assert [t for t in texts if t.startswith("Meeting")] == ["Meeting 1"]
    rects = [c.args[0] for c in painter.drawRects.call_args_list]
    rails = [r for group in rects for r in group if r.height() == 4.0]
    assert len(rails) == 1
    assert rails[0].width() == pytest.approx(800 - 2, abs=3)
    glyph = style.cluster_glyph(0, False, 14.0 - 3)  # three bars, as tall as a bar
    (at,) = [c.args[:2] for c in painter.drawPixmap.call_args_list if c.args[-1] is glyph]
    assert at == (round(max(cluster.x0, 0) + 1 + 1), round(cluster.y - (14.0 - 3) / 2))


def test_overview_tick_labels_stay_inside_the_strip() -> None:
    from uzkz_desktop.timeline import Overview, Tick, Ticks, TickUnit
    from uzkz_desktop.ui.timeline_painter import _strip_labels

    ticks = Ticks([Tick(0.0, 10.0, "1990"), Tick(0.0, 300.0, "2000"), Tick(0.0, 390.0, "2010"),
                   Tick(0.0, 396.0, "2020")], [], TickUnit.DECADE)  # fmt: skip
    overview = Overview(
        0.0, 400.0, 0.0, 40.0, np.zeros(400, np.int32), 0, 0.0, 1.0,
        Viewport(0.0, 1.0, 400), ticks,
    )  # fmt: skip
    placed = _strip_labels(overview, lambda text: 24.0, 400.0)
    # "2010" moves left to end 2 px inside; "2020" would then overlap it: left out.
    assert placed == [(13.0, "1990"), (303.0, "2000"), (374.0, "2010")]
    assert all(x + 24.0 <= 398.0 for x, _ in placed)


# -- approved renders -----------------------------------------------------------------------------

# The archive's own categories (labels and colours from resources/categories.toml).
IMAGE_CATEGORIES = categories_by_id("diplomacy", "economy", "transport", "energy", "ecology", "law")
DIP, ECO, TRA, ENE, ECL, LAW = range(6)
# Made-up events shaped like the archive's (titles are not historical claims).
HAND_MADE = [
    (1, "2024-11-04", "2024-11-04", DAY, DIP, "Foreign ministers' consultations"),
    (2, "2024-11-05", "2024-11-05", DAY, ECO, "Business forum opens"),
    (3, "2024-11-05", "2024-11-07", DAY, ECO, "Industrial fair in Samarkand"),
    (4, "2024-11-06", "2024-11-06", DAY, TRA, "Rail freight agreement"),
    (5, "2024-11-11", "2024-11-11", DAY, ENE, "Gas transit talks"),
    (6, "2024-11-12", "2024-11-12", DAY, DIP, "Presidents meet at the border"),
    (7, "2024-11-12", "2024-11-12", DAY, ECL, "Joint water commission"),
    (8, "2024-11-01", "2024-11-30", MONTH, LAW, "Agreement on border checkpoints"),
    (9, "2024-11-18", "2024-11-18", DAY, TRA, "New bus route Shymkent–Tashkent"),
    (10, "2024-11-20", "2024-11-20", DAY, DIP, "Parliamentary delegation"),
    (11, "2024-11-21", "2024-11-29", DAY, ECL, "Aral Sea restoration workshop"),
    (12, "2024-11-25", "2024-11-25", DAY, ECO, "Textile exporters meet"),
    (13, "2024-11-27", "2024-11-27", DAY, ENE, "Hydropower memorandum"),
    (14, "2024-11-01", "2025-03-31", DAY, LAW, "Customs harmonisation period"),
    (15, "2025-01-20", "2025-01-20", DAY, DIP, "Reception of ambassadors"),
    (16, "2025-02-01", "2025-02-28", MONTH, ECO, "Trade turnover report"),
    (17, "2025-03-04", "2025-03-04", DAY, TRA, "Freight corridor pilot"),
    (18, "2025-03-15", "2025-05-15", DAY, ECL, "Spring irrigation schedule"),
    (19, "2025-04-09", "2025-04-09", DAY, ENE, "Power grid synchronisation test"),
    (20, "2025-05-12", "2025-05-12", DAY, DIP, "State visit to Astana"),
    (21, "2025-06-01", "2025-06-30", MONTH, LAW, "Demarcation protocol ratified"),
    (22, "2025-06-16", "2025-06-16", DAY, DIP, "Intergovernmental council"),
    (23, "2025-07-01", "2025-12-31", DAY, ECO, "Joint investment programme"),
    (24, "2025-01-01", "2025-12-31", YEAR, ECL, "Annual water allocation"),
    (25, "2025-09-09", "2025-09-09", DAY, TRA, "More Tashkent–Almaty flights"),
    (26, "2025-10-02", "2025-10-02", DAY, ENE, "Energy ministers' meeting"),
    (27, "2025-11-11", "2025-11-11", DAY, DIP, "Consultative meeting"),
    (28, "2025-12-05", "2025-12-05", DAY, LAW, "Visa facilitation protocol"),
    (29, "1992-11-23", "1992-11-23", DAY, DIP, "Early bilateral consultations"),
    (30, "1998-01-01", "1998-12-31", YEAR, LAW, "Friendship treaty drafted"),
    (31, "2001-04-01", "2006-09-30", DAY, TRA, "Border crossings modernised"),
    (32, "2003-05-01", "2003-05-31", MONTH, ECO, "Trade fair"),
    (33, "2008-10-10", "2008-10-10", DAY, ENE, "Pipeline section commissioned"),
    (34, "2010-01-01", "2014-12-31", YEAR, ECL, "Water monitoring programme"),
    (35, "2013-09-06", "2013-09-06", DAY, DIP, "Official visit"),
    (36, "2016-12-14", "2016-12-14", DAY, ECO, "Intergovernmental commission"),
    (37, "2017-03-22", "2017-03-22", DAY, DIP, "State visit"),
    (38, "2018-03-15", "2019-03-14", DAY, ECO, "Regional trade programme"),
    (39, "2020-09-23", "2020-09-23", DAY, TRA, "Logistics centre opens"),
    (40, "2022-12-22", "2022-12-22", DAY, LAW, "Bilateral treaty signed"),
]
HAND_CANDIDATES = {10, 13, 21, 28, 39}
TODAY = date(2025, 6, 15).toordinal()
_WHAT = (
    "Working group",
    "Commission session",
    "Business mission",
    "Joint statement",
    "Round table",
    "Ministerial call",
    "Expert meeting",
    "Cultural days",
    "Forum",
)
_WHERE = ("in Tashkent", "in Astana", "in Almaty", "in Samarkand", "in Shymkent", "on the border")


def image_data() -> TimelineData:
    """The 40 events above and 2,000 seeded synthetic ones, 1992–2026."""
    rng = np.random.default_rng(20_240_611)
    n = 2_000
    years = np.arange(1992, 2027)
    weight = (1 + 0.12 * (years - 1992)) * np.where(years >= 2017, 2.5, 1.0)
    year = rng.choice(years, size=n, p=weight / weight.sum())
    start = np.array([date(int(y), 1, 1).toordinal() for y in year]) + rng.integers(0, 365, n)
    roll = rng.random(n)
    precision = np.select([roll < 0.7, roll < 0.85, roll < 0.92], [DAY, MONTH, YEAR], DAY)
    length = np.where(roll >= 0.92, rng.lognormal(3.0, 1.4, n).astype(np.int64), 0)
    end = start + np.minimum(length, 3 * 365)
    category = rng.choice(6, size=n, p=[0.3, 0.22, 0.14, 0.12, 0.12, 0.1])
    ids = np.arange(1001, 1001 + n)
    what, where = rng.integers(0, len(_WHAT), n), rng.integers(0, len(_WHERE), n)
    titles = {int(i): f"{_WHAT[a]} {_WHERE[b]}" for i, a, b in zip(ids, what, where, strict=True)}
    hand = list(zip(*HAND_MADE, strict=True))
    events = EventArrays.from_columns(
        np.concatenate([hand[0], ids]),
        np.concatenate([[day(d) for d in hand[1]], start]),
        np.concatenate([[day(d) for d in hand[2]], end]),
        np.concatenate([hand[3], precision]),
        np.concatenate([hand[4], category]),
    )
    titles.update({row[0]: row[5] for row in HAND_MADE})
    candidates = HAND_CANDIDATES | set(ids[rng.random(n) < 0.08].tolist())
    return TimelineData(events, IMAGE_CATEGORIES, titles, frozenset(candidates))


@pytest.fixture(scope="module")
def data() -> TimelineData:
    return image_data()


VIEWS = {
    "overview": (None, None),
    "year": (("2025-01-01", "2025-12-31"), 20),
    "month": (("2024-11-01", "2024-11-30"), 6),
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_approved_render(name: str, data: TimelineData, qtbot: QtBot, tmp_path: Path) -> None:
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    widget.setFont(QFont("DejaVu Sans"))
    widget.resize(1200, 500)
    widget.set_data(data)
    widget.set_today(TODAY)
    days, selected = VIEWS[name]
    if days is not None:
        widget.show_range(day(days[0]), day(days[1]))
    widget.select(selected)
    image = widget.render_to_image(QSize(1200, 500))
    expected_path = IMAGES / f"timeline_{name}.png"
    if APPROVE:
        IMAGES.mkdir(exist_ok=True)
        assert image.save(str(expected_path))
        return
    assert expected_path.is_file(), f"no approved {expected_path}: run with UZKZ_APPROVE_IMAGES=1"
    expected = QImage(str(expected_path))
    differing, diff = compare(image, expected)
    if differing > MAX_DIFFERING:
        actual_path = tmp_path / f"timeline_{name}.actual.png"
        image.save(str(actual_path))
        shutil.copyfile(expected_path, tmp_path / f"timeline_{name}.expected.png")
        diff.save(str(tmp_path / f"timeline_{name}.diff.png"))
        pytest.fail(
            f"{name}: {differing:.2%} of pixels differ from {expected_path} (allowed "
            f"{MAX_DIFFERING:.1%}); the actual render, the expected one and a diff are in "
            f"{tmp_path}. If the change is intended, look at them and re-approve with "
            f"UZKZ_APPROVE_IMAGES=1."
        )


def compare(actual: QImage, expected: QImage) -> tuple[float, QImage]:
    """Share of pixels whose gray levels differ by more than GRAY_TOLERANCE, and a diff
    image (differing pixels white)."""
    if actual.size() != expected.size():
        return 1.0, QPixmap(actual.size()).toImage()
    a, b = gray(actual), gray(expected)
    bad = np.abs(a.astype(np.int16) - b.astype(np.int16)) > GRAY_TOLERANCE
    mask = np.ascontiguousarray(np.where(bad, 255, 0).astype(np.uint8))
    h, w = mask.shape
    diff = QImage(mask.tobytes(), w, h, w, QImage.Format.Format_Grayscale8).copy()
    return float(bad.mean()), diff


def gray(image: QImage) -> npt.NDArray[np.uint8]:
    g = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(g.constBits(), dtype=np.uint8).reshape(g.height(), g.bytesPerLine())
    return rows[:, : g.width()].copy()  # constBits does not keep `g` alive


def test_the_comparison_sees_a_changed_render(qtbot: QtBot) -> None:
    image = QImage(200, 100, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#fbfbf9"))
    changed = image.copy()
    painter = QPainter(changed)
    painter.fillRect(0, 0, 20, 10, QColor("#202020"))  # 1% of the pixels
    painter.end()
    assert compare(image, image.copy())[0] == 0.0
    assert compare(image, changed)[0] == pytest.approx(0.01)
    assert compare(image, image.scaled(100, 100))[0] == 1.0
