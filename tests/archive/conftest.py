"""Fixtures for the archive tests: a real archive file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_helpers import clock

from uzkz_desktop.archive import Archive


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "archive.uzkz"


@pytest.fixture
def archive(path: Path) -> Iterator[Archive]:
    with Archive.open(path, create=True, clock=clock) as opened:
        yield opened
