"""Starting the window: `uzkz` / `uzkz gui [--archive PATH]` call `run_gui`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from uzkz_desktop.core.errors import UzkzError
from uzkz_desktop.core.paths import resources_dir

from .main_window import APPLICATION, ORGANISATION, MainWindow


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


def run_gui(archive: Path | None = None) -> int:
    """Open the archive (the user's copy of the bundled one by default) in the window."""
    from uzkz_desktop.app import Session

    app = application()
    install_translators(app)
    try:
        session = Session.open(archive)
    except UzkzError as error:
        QMessageBox.critical(
            None, QCoreApplication.translate("Launch", "The archive cannot be opened"), str(error)
        )
        return 1
    try:
        window = MainWindow(session)
        window.show()
        return app.exec()
    finally:
        session.close()
