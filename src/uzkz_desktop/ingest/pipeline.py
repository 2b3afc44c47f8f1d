"""Importing documents into the archive: read → clean → store the source → extract → candidates.

One file is one transaction: a document is in the archive whole, with its candidate events
and excerpts, or not at all. A file already imported (same sha256) is refused before any
work is done. Progress goes to a callback so the window and the command line can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from uzkz_desktop.archive.archive import Archive
from uzkz_desktop.archive.transaction import Transaction
from uzkz_desktop.core.errors import ArchiveError, UzkzError
from uzkz_desktop.ingest.entities import Gazetteer
from uzkz_desktop.ingest.extract import (
    EntityRef,
    Extraction,
    Found,
    corpus_metadata,
    extract_document,
)
from uzkz_desktop.ingest.readers import read_document

# (what is happening, steps done, steps in all) — steps are events stored, plus reading.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Imported:
    path: Path
    source_id: int
    source_key: str
    events: int
    excerpts: int
    event_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Failed:
    path: Path
    message: str


def ingest_files(
    archive: Archive,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    document_year: int | None = None,
) -> list[Imported | Failed]:
    """Import each file on its own: a failure is reported and the next file still imported."""
    outcomes: list[Imported | Failed] = []
    for path in paths:
        try:
            outcomes.append(ingest_file(archive, path, progress=progress, year=document_year))
        except UzkzError as error:
            outcomes.append(Failed(path, str(error)))
    return outcomes


def ingest_file(
    archive: Archive,
    path: Path,
    *,
    progress: Progress | None = None,
    year: int | None = None,
) -> Imported:
    report = progress or _silent
    report(f"reading {path.name}", 0, 1)
    document = read_document(path)
    earlier = archive.source_by_sha256(document.sha256)
    if earlier is not None:
        raise ArchiveError(
            f"{path.name} was already imported as source '{earlier.key}' ({earlier.file_name}); "
            "it was not imported again"
        )
    extraction = extract_document(document, document_year=year)
    return store_extraction(archive, extraction, progress=report)


def store_extraction(
    archive: Archive, extraction: Extraction, *, progress: Progress | None = None
) -> Imported:
    """Write one extracted document, its excerpts and candidate events, in one transaction."""
    report = progress or _silent
    document = extraction.document
    total = len(extraction.found) + 1
    with archive.transaction(actor="ingest", action=f"import {document.path.name}") as tx:
        key = _unique_key(archive, document.path)
        source_id = add_source_of(tx, key, extraction)
        report(f"storing {document.path.name}", 1, total)
        excerpt_ids: set[int] = set()
        event_ids = []
        entities: dict[EntityRef, int] = {}
        for done, found in enumerate(extraction.found, start=2):
            excerpt_id, event_id = _add_candidate(tx, source_id, found, entities)
            excerpt_ids.add(excerpt_id)
            event_ids.append(event_id)
            report(f"storing {document.path.name}", done, total)
    return Imported(
        document.path, source_id, key, len(event_ids), len(excerpt_ids), tuple(event_ids)
    )


def add_source_of(tx: Transaction, key: str, extraction: Extraction) -> int:
    document, cleaned = extraction.document, extraction.cleaned
    known = corpus_metadata().get(document.path.name, {})
    title = str(known.get("title") or known.get("title_en") or _first_line(cleaned.text))
    return tx.add_source(
        key=key,
        file_name=document.path.name,
        title=title,
        title_en=_optional(known.get("title_en")),
        author=_optional(known.get("author")),
        publication=_optional(known.get("publication")),
        issued=_optional(known.get("issued")) or _optional(extraction.document_year),
        year=extraction.document_year,
        format=document.format,
        sha256=document.sha256,
        original_text=document.text,
        cleaned_text=cleaned.text,
        offset_map=cleaned.offsets.as_array(),
        page_map=list(zip(cleaned.page_starts, cleaned.page_labels, strict=True)),
        languages=_languages(extraction),
        notes=[
            {"number": n.number, "text": n.text, "page": n.page, "anchor": n.anchor}
            for n in cleaned.notes
        ],
    )


def _add_candidate(
    tx: Transaction, source_id: int, found: Found, entities: dict[EntityRef, int]
) -> tuple[int, int]:
    candidate = found.candidate
    excerpt_id = tx.add_excerpt(
        source_id,
        found.clean_start,
        found.clean_end,
        language=candidate.language,
        date_text=candidate.date_text,
    )
    # A candidate's headline is in its source's language; curators write the English
    # and Uzbek titles when they accept it.
    event_id = tx.add_event(
        title_en=candidate.title,
        title_uz=candidate.title if candidate.language.startswith("uz") else None,
        span=found.span,
        date_text=candidate.date_text,
        category=candidate.category,
        status="candidate",
        excerpt_ids=[excerpt_id],
    )
    for entity in candidate.entities:
        if entity not in entities:
            entities[entity] = tx.add_entity(entity.name, entity.kind, _aliases(entity))
        tx.link_entity(event_id, entities[entity])
    return excerpt_id, event_id


def _aliases(entity: EntityRef) -> Sequence[str]:
    known = Gazetteer.load().get(entity.id)
    return known.aliases if known is not None else ()


def _unique_key(archive: Archive, path: Path) -> str:
    """A short stable key for citations: the file's stem, made unique in this archive."""
    stem = re.sub(r"[^\w-]+", "-", path.stem).strip("-")[:40] or "source"
    taken = {s.key for s in archive.sources()}
    key, n = stem, 2
    while key in taken:
        key, n = f"{stem}-{n}", n + 1
    return key


def _languages(extraction: Extraction) -> list[str]:
    counts: dict[str, int] = {}
    for found in extraction.found:
        language = found.candidate.language
        counts[language] = counts.get(language, 0) + 1
    return sorted(counts, key=lambda lang: (-counts[lang], lang))


def _first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "untitled")
    return line if len(line) <= 160 else line[:159] + "…"


def _optional(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _silent(message: str, done: int, total: int) -> None:
    return None
