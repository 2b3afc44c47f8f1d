"""The curation tests' Curator: the window's one writer, over the test's session (a copy
of the bundled archive). `qtbot` first: a QObject needs the QApplication."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from uzkz_desktop.app import Session
from uzkz_desktop.ui.curation.curator import Curator


@pytest.fixture
def curator(qtbot: QtBot, session: Session) -> Curator:
    return Curator(session)
