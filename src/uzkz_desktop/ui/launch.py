"""Starting the window: `uzkz` / `uzkz gui [--archive PATH]` call `run_gui`.

This module is on the way to the window's first frame (see `main_window`): it imports
what that frame needs and nothing more.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from .main_window import APPLICATION, ORGANISATION, MainWindow

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QWidget


def application() -> QApplication:
    """The QApplication (made if there is none), named for QSettings."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(
        QCoreApplication.translate("Launch", "Uzbekistan–Kazakhstan archive")
    )
    return app


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own catalogue and ours (`resources/translations/uzkz_<locale>.qm`) for the
    locale, where they exist; none ship yet, and then nothing is installed."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from uzkz_desktop.core.paths import resources_dir

    locale = locale or QLocale.system()
    installed = []
    places = [
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("uzkz", str(resources_dir() / "translations")),
    ]
    for name, folder in places:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def open_window(archive: Path | None = None) -> MainWindow:
    """The main window on the archive (the user's copy of the bundled one by default), not
    shown yet: it opens the archive right after its first paint (`MainWindow.opening`)."""
    return MainWindow.opening(archive)


def run_gui(archive: Path | None = None) -> int:
    """Open the archive (the user's copy of the bundled one by default) in the window."""
    app = application()
    install_translators(app)
    window = open_window(archive)
    failed: list[str] = []

    def on_failure(message: str) -> None:
        failed.append(message)
        _cannot_open(window, message)
        window.close()

    window.open_failed.connect(on_failure)
    window.show()
    code = app.exec()
    return 1 if failed else code


def _cannot_open(parent: QWidget | None, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        parent, QCoreApplication.translate("Launch", "The archive cannot be opened"), message
    )
