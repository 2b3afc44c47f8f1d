"""Start-up: the window paints before it opens the archive, then shows the events; closing
at any moment neither hangs nor leaves the archive open; the default dock proportions."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import FakeSearch, type_text

from uzkz_desktop.app import Session
from uzkz_desktop.ui.main_window import MainWindow
from uzkz_desktop.ui.placeholders import (
    ExcerptEmptyPage,
    SearchHead,
    TimelinePlaceholder,
    excerpt_empty_text,
)
from uzkz_desktop.ui.timeline_widget import TimelineWidget


def _opening(qtbot: QtBot, path: Path, settings: QSettings) -> MainWindow:
    window = MainWindow.opening(path, settings=settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def _ready(window: MainWindow) -> bool:
    """Opened, complete, and the search index prepared."""
    return window.loaded and window.search_panel is not None and window.job is None


def test_the_first_frame_comes_before_the_archive_is_opened(
    qtbot: QtBot, archive_path: Path, settings: QSettings
) -> None:
    window = MainWindow.opening(archive_path, settings=settings)
    qtbot.addWidget(window)
    assert window.session is None
    assert window.timeline is None
    assert window.windowTitle().endswith("archive.db")
    assert isinstance(window.centralWidget(), TimelinePlaceholder)
    assert window.placeholder is not None
    assert window.placeholder.message() == "Opening the archive…"
    assert isinstance(window.search_dock.widget(), SearchHead)
    excerpt = window.excerpt_dock.widget()
    assert isinstance(excerpt, ExcerptEmptyPage)
    assert excerpt.hint.text() == excerpt_empty_text()
    window.close()


def test_opening_shows_the_events_then_completes_the_window(
    qtbot: QtBot, archive_path: Path, settings: QSettings, session: Session
) -> None:
    window = _opening(qtbot, archive_path, settings)
    with qtbot.waitSignal(window.data_loaded, timeout=60000):
        pass
    assert isinstance(window.centralWidget(), TimelineWidget)
    assert window.centralWidget() is window.timeline
    assert window.placeholder is None
    assert window.timeline_data is not None
    assert len(window.timeline_data.events) == len(session.timeline_data().events)
    assert window.counts_label.text() == "81 events · 5 sources"
    qtbot.waitUntil(lambda: _ready(window), timeout=60000)
    assert window.search_dock.widget() is window.search_panel
    assert window.excerpt_dock.widget() is window.excerpt_panel
    assert window.import_action.isEnabled()
    assert window.fit_action in window.timeline.actions()
    window.close()
    assert window.session is not None  # closed with the window, which opened it
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        window.session.archive.stats()


def test_a_query_typed_before_the_panel_exists_is_kept_and_searched(
    qtbot: QtBot, archive_path: Path, settings: QSettings, real_search: None
) -> None:
    window = _opening(qtbot, archive_path, settings)
    head = window.search_dock.widget()
    assert isinstance(head, SearchHead)
    head.query_box.setFocus()
    type_text(qtbot, head.query_box, "Abay")
    qtbot.waitUntil(lambda: _ready(window), timeout=60000)
    panel = window.search_panel
    assert panel is not None
    assert panel.query_box is head.query_box
    assert panel.query() == "Abay"
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and not panel.searching, timeout=30000)
    assert 22 in panel.model.event_ids()
    window.close()


def test_an_archive_that_cannot_be_opened_is_reported(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not an archive", encoding="utf-8")
    window = _opening(qtbot, bogus, settings)
    with qtbot.waitSignal(window.open_failed, timeout=60000) as failed:
        pass
    assert str(bogus) in failed.args[0]
    assert window.session is None
    assert window.placeholder is not None
    assert window.placeholder.message() == "The archive cannot be opened."
    window.close()


@pytest.mark.parametrize("moment", ["at once", "while opening", "while indexing"])
def test_closing_at_any_moment_is_prompt(
    qtbot: QtBot, archive_path: Path, settings: QSettings, moment: str
) -> None:
    index = archive_path.with_name("archive.index")
    if index.exists():  # no index: the window has to build one
        shutil.rmtree(index)
    window = _opening(qtbot, archive_path, settings)
    if moment == "while opening":
        qtbot.waitUntil(lambda: window.job is not None, timeout=10000)
    elif moment == "while indexing":
        qtbot.waitUntil(lambda: window.loaded and window.job is not None, timeout=60000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 10.0  # a step of the work, not all of it
    assert window.job is None or window.job.cancelling


def test_default_dock_widths_leave_the_timeline_the_most_room(
    qtbot: QtBot, session: Session, settings: QSettings, fake_search: FakeSearch
) -> None:
    window = MainWindow(session, settings=settings, search=fake_search)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    assert window.default_dock_widths(1600) == (360, 440)
    qtbot.waitUntil(lambda: abs(window.search_dock.width() - 360) <= 8)
    assert abs(window.excerpt_dock.width() - 440) <= 8
    assert window.timeline.width() >= 1600 - 360 - 440 - 20
    assert window.default_dock_widths(1024) == (300, 340)  # not narrower than their texts need
    window.close()


def test_saved_dock_widths_win_over_the_defaults(
    qtbot: QtBot, session: Session, settings: QSettings, fake_search: FakeSearch
) -> None:
    first = MainWindow(session, settings=settings, search=fake_search)
    qtbot.addWidget(first)
    first.resize(760, 560)  # the offscreen screen is 800×600
    first.show()
    qtbot.wait(20)
    first.resizeDocks([first.search_dock], [150], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(first.search_dock.width() - 150) <= 8)
    width = first.search_dock.width()
    first.close()
    second = MainWindow(session, settings=settings, search=fake_search)
    qtbot.addWidget(second)
    second.show()
    qtbot.wait(20)
    assert second.search_dock.width() == width
    second.close()


@pytest.mark.slow
def test_the_startup_probe_reports_the_first_paint_then_the_events(
    archive_path: Path, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the probe's settings, not the user's
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "uzkz_desktop.ui.startup_probe", "app", str(archive_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["painted", "loaded"]


def test_the_placeholders_match_what_replaces_them() -> None:
    """The first frame's stand-ins repeat a few of the real widgets' sizes (to stay light):
    the same, so that nothing jumps when the real ones take their place."""
    from uzkz_desktop.ui import placeholders, timeline_painter, timeline_widget

    assert timeline_widget.GEOMETRY.axis_height == placeholders.AXIS_HEIGHT
    assert timeline_widget.GEOMETRY.overview_height == placeholders.OVERVIEW_HEIGHT
    assert placeholders.MESSAGE_PX == timeline_painter.LABEL_PX
