"""Time to a first painted window, run in a fresh interpreter by `uzkz bench`.

`python -m uzkz_desktop.ui.startup_probe empty` shows an empty QWidget; `... app ARCHIVE`
shows the main window on an archive, the way `uzkz gui` does (`launch.open_window`). Each
prints "painted" once its window has been painted; the main window then prints "loaded"
once its timeline has been painted with the archive's events. The parent process measures
from spawning the interpreter to each line, so the figures include interpreter start-up
and imports, as a user waits for them.
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
    from PySide6.QtCore import QTimer

    from uzkz_desktop.ui.launch import open_window

    main_window = open_window(Path(argv[1]))
    main_window.resize(1600, 1000)
    outcome: list[str] = []

    def loaded() -> None:
        main_window.repaint()  # the timeline with its events, painted now
        print("loaded", flush=True)
        finish("loaded")

    def finish(how: str) -> None:
        if not outcome:
            outcome.append(how)
            main_window.close()
            app.quit()

    main_window.data_loaded.connect(loaded)
    main_window.open_failed.connect(lambda message: finish(f"failed: {message}"))
    QTimer.singleShot(120_000, lambda: finish("timed out"))
    _painted(main_window)
    app.exec()
    if outcome != ["loaded"]:
        print(outcome[0] if outcome else "no outcome", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
