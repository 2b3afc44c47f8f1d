"""The two entry points the command line calls: `render_screenshot` and `run_gui`."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from uzkz_desktop.ui import launch
from uzkz_desktop.ui.launch import run_gui
from uzkz_desktop.ui.main_window import MainWindow
from uzkz_desktop.ui.screenshot import ScreenshotError, render_screenshot


@pytest.mark.slow
def test_screenshot_writes_a_png_of_the_size_asked(
    qapp: object, archive_path: Path, tmp_path: Path
) -> None:
    out = render_screenshot(
        tmp_path / "shots" / "window.png",
        archive=archive_path,
        select=33,
        date_from="2023",
        date_to="2024-08",
        size=(1200, 800),
    )
    image = QImage(str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (image.width(), image.height()) == (1200, 800)


def test_screenshot_of_a_curate_window(qapp: object, archive_path: Path, tmp_path: Path) -> None:
    out = render_screenshot(
        tmp_path / "editor.png", archive=archive_path, select=1, tool="editor", size=(900, 600)
    )
    image = QImage(str(out))
    assert image.width() < 900  # the editor, not the window
    assert image.height() > 300
    with pytest.raises(ScreenshotError, match="select an event first"):
        render_screenshot(tmp_path / "x.png", archive=archive_path, tool="editor")
    with pytest.raises(ScreenshotError, match="no such tool"):
        render_screenshot(tmp_path / "y.png", archive=archive_path, tool="nothing")


@pytest.mark.slow
def test_screenshot_with_a_query(
    qapp: object, real_search: None, archive_path: Path, tmp_path: Path
) -> None:
    out = render_screenshot(tmp_path / "q.png", archive=archive_path, query="Abay", size=(900, 600))
    assert QImage(str(out)).width() == 900


def test_a_bad_date_is_refused_before_anything_opens(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(ScreenshotError, match="not a date"):
        render_screenshot(tmp_path / "x.png", date_from="someday")


def test_run_gui_shows_the_window_until_it_is_closed(
    qapp: QApplication, archive_path: Path, tmp_path: Path
) -> None:
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    seen: list[str] = []

    def close_when_ready() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].loaded or windows[0].job is not None:
            QTimer.singleShot(50, close_when_ready)
            return
        seen.append(windows[0].counts_label.text())
        windows[0].close()

    QTimer.singleShot(50, close_when_ready)
    assert run_gui(archive_path) == 0
    assert seen == ["81 events · 5 sources"]


def test_run_gui_reports_an_archive_it_cannot_open(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    bogus = tmp_path / "notes.db"
    bogus.write_text("not an archive", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(launch, "_cannot_open", lambda parent, message: told.append(message))
    assert run_gui(bogus) == 1
    assert len(told) == 1
    assert str(bogus) in told[0]
