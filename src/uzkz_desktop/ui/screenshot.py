"""`uzkz screenshot`: the main window rendered offscreen to a PNG.

The window is shown on the offscreen platform (when no QApplication exists yet) with fresh
settings, so the picture does not depend on how the user left their window. The query, the
selection and the date range are applied, the search is waited for, and the window is
painted and grabbed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import UzkzError

from .main_window import MainWindow

TIMEOUT_S = 180.0  # building the search index of a big archive may take a while


class ScreenshotError(UzkzError):
    """The screenshot could not be made (bad date, bad path)."""


def _days(date_from: str | None, date_to: str | None) -> tuple[int, int] | None:
    from uzkz_desktop.dates.grammar import parse_date

    if date_from is None and date_to is None:
        return None
    spans: list[DateSpan | None] = []
    for text in (date_from, date_to):
        if text is None:
            spans.append(None)
            continue
        span = parse_date(text)
        if span is None:
            raise ScreenshotError(f"not a date: {text!r} (try 2024, 2024-08 or 2024-08-15)")
        spans.append(span)
    first, last = spans[0] or spans[1], spans[1] or spans[0]
    if first is None or last is None:
        return None
    return first.start.toordinal(), last.end.toordinal()


# --tool: the Curate menu's windows, by the controller method that opens each.
TOOLS = {
    "review": "review",
    "tags": "manage_tags",
    "editor": "edit_event",
    "tag-editor": "edit_tags",
    "history": "show_history",
    "trash": "show_trash",
}


def _wait(app: QCoreApplication, done: object, timeout: float = TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not done():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise ScreenshotError("the window did not get ready in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def render_screenshot(
    out: Path,
    *,
    archive: Path | None = None,
    query: str | None = None,
    select: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    tool: str | None = None,
) -> Path:
    """Render the main window to `out` (PNG) and return the path. With `tool` (one of
    TOOLS: a Curate menu window), that window is rendered instead, over the selection."""
    if tool is not None and tool not in TOOLS:
        raise ScreenshotError(f"no such tool {tool!r}: choose one of {', '.join(TOOLS)}")
    from uzkz_desktop.app import Session

    days = _days(date_from, date_to)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        qInstallMessageHandler(_quiet_offscreen)
        app = QApplication(["uzkz-screenshot"])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="uzkz-screenshot-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        session = Session.open(archive)
        window = MainWindow(session, settings=settings)
        try:
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # never on a screen
            window.resize(*size)
            window.show()
            _wait(app, lambda: window.isVisible() and window.job is None)
            if days is not None:
                window.show_range(*days)
            if query:
                window.search_panel.set_query(query)
                _wait(app, lambda: not window.search_panel.searching)
            if select is not None:
                window.select_event(select, centre=days is None)
            _settle(app)
            image = window.grab()
            if tool is not None:
                shown = getattr(window.curation, TOOLS[tool])()
                if shown is None:
                    raise ScreenshotError(f"the {tool} cannot be shown: select an event first")
                shown.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
                _settle(app)
                image = shown.grab()
            if not image.save(str(out), "PNG"):
                raise ScreenshotError(f"could not write {out}")
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            session.close()
    return out


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform complains about every window with a minimum size; the
    command line has no use for that. Everything else is printed as Qt would."""
    if "does not support propagateSizeHints" in message or "does not support raise" in message:
        return
    sys.stderr.write(message + "\n")


def _settle(app: QCoreApplication) -> None:
    """Let queued layout, timers at 0 ms and paints run."""
    deadline = time.monotonic() + 0.3
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)
