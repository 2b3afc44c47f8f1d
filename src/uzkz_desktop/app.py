"""Composition root: where the user's archive lives, and opening it for the CLI and window.

The bundled `archive.db` is never modified by use: the first run copies it into the user's
data folder (platformdirs), and every later run works on that copy. `--archive PATH`
(or UZKZ_ARCHIVE) chooses another archive file; UZKZ_DATA_DIR moves the data folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

from uzkz_desktop.core.errors import ArchiveError
from uzkz_desktop.core.paths import bundled_archive

APP_NAME = "uzkz-desktop"


def data_dir() -> Path:
    override = os.environ.get("UZKZ_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_archive_path() -> Path:
    return data_dir() / "archive.db"


def resolve_archive(explicit: Path | None = None) -> Path:
    """The archive to work on: the one asked for, or the user's copy of the bundled one."""
    chosen = explicit or _from_environment()
    if chosen is not None:
        return chosen
    target = default_archive_path()
    if not target.exists():
        copy_bundled_archive(target)
    return target


def _from_environment() -> Path | None:
    value = os.environ.get("UZKZ_ARCHIVE")
    return Path(value) if value else None


def copy_bundled_archive(target: Path) -> None:
    """Copy the shipped archive to `target` whole, or not at all (temp file, then rename)."""
    source = bundled_archive()
    if source.resolve() == target.resolve():
        raise ArchiveError(f"{target} is the bundled archive: uzkz never works on it directly")
    if not source.is_file():
        raise ArchiveError(
            f"the bundled archive {source} is missing; run `uzkz build-archive` to make it"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".archive-", suffix=".db", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def index_dir(archive_path: Path) -> Path:
    """The search index is derived data kept beside the archive it was built from."""
    return archive_path.with_name(archive_path.stem + ".index")
