"""Helpers for the archive tests: a fixed clock and a small two-page source."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from uzkz_desktop.archive import Transaction

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

# Two pages; the extraction split "hamkorlik" at a line end and doubled some spaces.
ORIGINAL = (
    "Toshkent,  1992-yil.\n"
    "O‘zbekiston va Qozog‘iston ham-\nkorlik shartnomasini imzoladi.\n"
    "\f"
    "2021-yilda savdo 4,3 mlrd dollarni tashkil etdi."
)


def clock() -> datetime:
    return NOW


def clean(original: str) -> tuple[str, list[int], list[tuple[int, str]]]:
    """A tiny stand-in for ingest's clean-up: folds whitespace, joins 'ham-\\nkorlik', and
    starts page 2 at the form feed. Returns (cleaned, offset map, page map)."""
    text = original.replace("-\n", "\x00\x00")  # the two dropped characters
    cleaned: list[str] = []
    offsets: list[int] = []
    pages = [(0, "1")]
    space_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\x00":
            continue
        if ch == "\f":
            pages.append((len(cleaned) + (1 if cleaned else 0), "2"))
        if ch.isspace():
            if cleaned and space_at is None:
                space_at = i
            continue
        if space_at is not None:
            cleaned.append(" ")
            offsets.append(space_at)
            space_at = None
        cleaned.append(ch)
        offsets.append(i)
    return "".join(cleaned), offsets, pages


def add_sample_source(tx: Transaction, *, key: str = "002", original: str = ORIGINAL) -> int:
    cleaned, offsets, pages = clean(original)
    return tx.add_source(
        key=key,
        file_name=f"{key}.pdf",
        title="O‘zbekiston–Qozog‘iston munosabatlari",
        title_en="Uzbekistan–Kazakhstan relations",
        author="A. Karimov",
        publication="Xalqaro munosabatlar",
        issued="2022",
        year=2022,
        languages=["uz"],
        format="pdf",
        sha256=hashlib.sha256(original.encode()).hexdigest(),
        original_text=original,
        cleaned_text=cleaned,
        offset_map=offsets,
        page_map=pages,
        notes=[{"number": 1, "text": "Izoh."}],
    )
