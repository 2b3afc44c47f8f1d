"""Time to a first painted window, run in a fresh interpreter by `uzkz bench`.

`python -m uzkz_desktop.ui.startup_probe empty` shows an empty QWidget; `... app ARCHIVE`
shows the main window on an archive. Each prints "painted" once its window has been
painted; the parent process measures from spawning the interpreter to that line, so both
figures include interpreter start-up and imports, as a user waits for them.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _painted(widget: object) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    widget.show()
    QApplication.processEvents()
    widget.repaint()  # paints synchronously, so "painted" means a frame exists
    print("painted", flush=True)


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication([])
    if argv[:1] == ["empty"]:
        window = QWidget()
        window.resize(1600, 1000)
        _painted(window)
        return 0
    from uzkz_desktop.app import Session
    from uzkz_desktop.ui.main_window import MainWindow

    session = Session.open(Path(argv[1]))
    main_window = MainWindow(session)
    main_window.resize(1600, 1000)
    _painted(main_window)
    main_window.close()
    session.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
