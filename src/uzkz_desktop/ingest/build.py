"""`uzkz build-archive`: the bundled archive, made from `resources/` and nothing else.

The five articles are stored as sources (cleaned, with page maps); the human-reviewed
curation (`resources/curation/*.toml`) gives the events, their excerpts (quotes located
in the articles: a missing quote fails the build), tags, entities and figures. A fixed
clock makes the same inputs give the same archive, and the file appears whole or not at
all (built beside the target, then renamed).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from uzkz_desktop.archive.archive import Archive
from uzkz_desktop.archive.transaction import Transaction
from uzkz_desktop.core.dates import Precision
from uzkz_desktop.core.errors import UzkzError
from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.dates.grammar import parse_date
from uzkz_desktop.ingest.categories import categories
from uzkz_desktop.ingest.curation import CuratedEvent, CuratedFigure, Curation, load_curation
from uzkz_desktop.ingest.entities import Entity, Gazetteer
from uzkz_desktop.ingest.extract import Extraction, extract_document
from uzkz_desktop.ingest.pipeline import add_source_of
from uzkz_desktop.ingest.readers import read_document
from uzkz_desktop.text.language import detect_language

BUILD_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


class BuildError(UzkzError):
    """The curated data cannot be built into an archive (bad quote, unknown source...)."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    path: Path
    sources: int
    events: int
    excerpts: int
    figures: int
    inputs_sha256: str


@dataclass(frozen=True, slots=True)
class _Source:
    source_id: int
    offsets: Sequence[int]
    cleaned: str


def build_archive(
    out: Path,
    resources: Path | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    folder = resources or resources_dir()
    report = progress or (lambda message: None)
    corpus = folder / "corpus"
    curation = load_curation(folder / "curation", corpus)
    temp = out.with_name(out.name + ".building")
    temp.unlink(missing_ok=True)
    try:
        with Archive.open(temp, create=True, clock=lambda: BUILD_TIME) as archive:
            counts = _fill(archive, corpus, curation, _inputs_digest(folder), report)
        _seal(temp)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return BuildReport(out, *counts, _inputs_digest(folder))


def _seal(path: Path) -> None:
    """Make the shipped file self-contained: one file, no WAL, compacted.

    In WAL mode even a read-only open leaves -wal/-shm files beside the database; the
    bundled archive must never grow companions. The user's copy switches back to WAL when
    it is first opened for writing.
    """
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("VACUUM")
    finally:
        connection.close()


def _fill(
    archive: Archive,
    corpus: Path,
    curation: Curation,
    digest: str,
    report: Callable[[str], None],
) -> tuple[int, int, int, int]:
    with archive.transaction(actor="build-archive", action="build the bundled archive") as tx:
        sources = {}
        for name in _corpus_files(corpus):
            report(f"source {name}")
            extraction = extract_document(read_document(corpus / name))
            sources[name] = _store_source(tx, name, extraction)
        _colour_categories(tx)
        report(f"{len(curation.events)} curated events")
        excerpts: set[int] = set()
        slugs = {}
        for event in curation.events:
            event_id, ids = _store_event(tx, event, sources)
            slugs[event.id] = event_id
            excerpts.update(ids)
        for figure in curation.figures:
            excerpts.add(_store_figure(tx, figure, sources, slugs))
        tx.set_meta("build_inputs_sha256", digest)
    return len(sources), len(curation.events), len(excerpts), len(curation.figures)


def _corpus_files(corpus: Path) -> list[str]:
    entries = json.loads((corpus / "sources.json").read_text(encoding="utf-8"))
    return [str(entry["file"]) for entry in entries]


def _store_source(tx: Transaction, name: str, extraction: Extraction) -> _Source:
    key = name.split("_", 1)[0]
    source_id = add_source_of(tx, key, extraction)
    return _Source(source_id, extraction.cleaned.offsets.as_array(), extraction.cleaned.text)


def _colour_categories(tx: Transaction) -> None:
    """Category ids double as top-level tags, coloured like their timeline lanes."""
    for category in categories():
        tx.ensure_tag(category.id)
        tx.set_tag_color(category.id, category.color)


def _store_event(
    tx: Transaction, event: CuratedEvent, sources: dict[str, _Source]
) -> tuple[int, list[int]]:
    excerpt_ids = [
        _excerpt(tx, sources, s.source, s.char_start, s.char_end, s.date_text)
        for s in event.excerpts
    ]
    finest = min(event.excerpts, key=lambda s: _PRECISION_RANK[s.span.precision])
    event_id = tx.add_event(
        title_en=event.title_en,
        title_uz=event.title_uz or None,
        summary=event.summary_en or None,
        span=finest.span,
        date_text=finest.date_text,
        category=event.category,
        status="accepted",
        verified=True,
        slug=event.id,
        notes=_notes(event),
        excerpt_ids=excerpt_ids,
    )
    if event.tags:
        tx.add_tags([event_id], event.tags)
    for name in event.entities:
        tx.link_entity(event_id, _entity(tx, name))
    return event_id, excerpt_ids


def _notes(event: CuratedEvent) -> str | None:
    notes = [s.note for s in event.excerpts if s.note]
    return "\n".join(dict.fromkeys(notes)) or None


def _store_figure(
    tx: Transaction, figure: CuratedFigure, sources: dict[str, _Source], slugs: dict[str, int]
) -> int:
    period = parse_date(figure.period)
    if period is None:
        raise BuildError(f"figure {figure.what!r}: period {figure.period!r} is not a date")
    excerpt_id = _excerpt(tx, sources, figure.source, figure.char_start, figure.char_end, None)
    event_id = slugs.get(figure.event) if figure.event else None
    if figure.event and event_id is None:
        raise BuildError(f"figure {figure.what!r} names an unknown event {figure.event!r}")
    tx.add_figure(
        what=figure.what,
        value=figure.value,
        unit=figure.unit,
        period=period,
        excerpt_id=excerpt_id,
        event_id=event_id,
    )
    return excerpt_id


def _excerpt(
    tx: Transaction,
    sources: dict[str, _Source],
    source: str,
    char_start: int,
    char_end: int,
    date_text: str | None,
) -> int:
    """The excerpt of the cleaned text that the quote's original span became."""
    stored = sources[source]
    clean_start = bisect_left(stored.offsets, char_start)
    clean_end = bisect_left(stored.offsets, char_end)
    if clean_end <= clean_start:
        raise BuildError(f"{source}: the quote at {char_start}..{char_end} was cleaned away")
    language = detect_language(stored.cleaned[clean_start:clean_end])
    return tx.add_excerpt(
        stored.source_id, clean_start, clean_end, language=language, date_text=date_text
    )


def _entity(tx: Transaction, name: str) -> int:
    known = _gazetteer_entity(name)
    if known is None:
        return tx.add_entity(name, _guess_kind(name))
    return tx.add_entity(known.name, known.kind, known.aliases)


def _gazetteer_entity(name: str) -> Entity | None:
    gazetteer = Gazetteer.load()
    mentions = gazetteer.find(name)
    whole = [m for m in mentions if m.start == 0 and m.end == len(name)]
    return gazetteer.get(whole[0].entity_id) if whole else None


def _guess_kind(name: str) -> str:
    words = name.split()
    organisation_words = {"council", "ministry", "university", "institute", "bank", "forum"}
    if any(w.lower().strip(",.") in organisation_words for w in words):
        return "organisation"
    return "person" if len(words) >= 2 and all(w[:1].isupper() for w in words) else "place"


# What the build reads: the archive records their digest as its own provenance.
BUILD_INPUTS = ("corpus", "curation", "gazetteer.toml", "categories.toml")


def _inputs_digest(folder: Path) -> str:
    """A digest of every input file: the archive's own record of what it was built from."""
    digest = hashlib.sha256()
    files = [p for name in BUILD_INPUTS for p in [folder / name, *(folder / name).rglob("*")]]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
