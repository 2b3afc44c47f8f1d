"""Where the project's own data files live, in a checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: corpus, curation, gazetteer, thesaurus.

    `UZKZ_RESOURCES` overrides it; an installed wheel carries a copy inside the package;
    a checkout (editable install) uses the folder at the repository root.
    """
    override = os.environ.get("UZKZ_RESOURCES")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_resources"
    if bundled.is_dir():
        return bundled
    return package.parent.parent / "resources"


def bundled_archive() -> Path:
    """The curated `archive.db` shipped with uzkz: never written by use."""
    override = os.environ.get("UZKZ_BUNDLED_ARCHIVE")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_resources" / "archive.db"
    if bundled.is_file():
        return bundled
    return package.parent.parent / "archive.db"
