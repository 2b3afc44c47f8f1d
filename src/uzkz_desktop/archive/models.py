"""Rows the archive hands out. Frozen: a row is a snapshot, changes go through a transaction."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from uzkz_desktop.core.dates import DateSpan, Precision

from .offsets import OffsetMap


class EventStatus(StrEnum):
    CANDIDATE = "candidate"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class EntityKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"


def normalize_tag(name: str) -> str:
    """'Energy / Electricity ' -> 'Energy/Electricity'; a '/' separates levels."""
    parts = [" ".join(part.split()) for part in name.split("/")]
    if not all(parts):
        raise ValueError(f"not a tag name: {name!r} (empty level)")
    return "/".join(parts)


# Small integer codes for the timeline arrays: the painter compares ints, not strings.
PRECISION_CODES: dict[Precision, int] = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
STATUS_CODES: dict[EventStatus, int] = {
    EventStatus.ACCEPTED: 0,
    EventStatus.CANDIDATE: 1,
    EventStatus.REJECTED: 2,
}


@dataclass(frozen=True)  # not slots: queries.event_row sets __dict__ in one step
class EventRow:
    """One event as the timeline and lists show it; EventDetail has the rest."""

    id: int
    title_en: str
    title_uz: str | None
    start: date
    end: date
    precision: Precision
    edtf: str  # the date for display: '2023-02-18', '2025-11', '2024~', '2024/2034'
    category: str
    status: EventStatus
    verified: bool

    @property
    def start_day(self) -> int:
        """Days since 0001-01-01 (date.toordinal()): what the timeline computes with."""
        return self.start.toordinal()

    @property
    def end_day(self) -> int:
        return self.end.toordinal()


@dataclass(frozen=True, slots=True)
class ExcerptRow:
    """A sentence of a source, with everything needed to cite it."""

    id: int
    source_id: int
    source_key: str
    source_title: str
    author: str | None
    publication: str | None
    issued: str | None
    page: str | None
    text: str
    language: str | None
    date_text: str | None
    char_start: int  # offsets into the source's ORIGINAL text
    char_end: int
    clean_start: int  # offsets into the source's cleaned text
    clean_end: int


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    key: str
    file_name: str
    title: str
    title_en: str | None
    author: str | None
    publication: str | None
    issued: str | None
    year: int | None
    languages: tuple[str, ...]
    format: str
    sha256: str
    imported_at: str
    excerpt_count: int


@dataclass(frozen=True, slots=True)
class SourceDetail:
    row: SourceRow
    original_text: str
    cleaned_text: str
    page_map: tuple[tuple[int, str], ...]
    offset_map: OffsetMap
    notes: Any  # the footnotes exactly as ingest gave them (JSON)


@dataclass(frozen=True, slots=True)
class TagRow:
    id: int
    name: str
    color: str | None
    parent_id: int | None
    event_count: int  # events not in the trash
    excerpt_count: int
    shortcut: int | None = None  # the key 1..9 that applies it, if any


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureRow:
    """A number a source states, with its citation; conflicting claims are separate rows."""

    id: int
    what: str
    value: float
    unit: str
    period: str  # EDTF
    period_start: date
    period_end: date
    excerpt_id: int
    event_id: int | None
    source_key: str
    page: str | None
    text: str  # the excerpt sentence that states the figure


@dataclass(frozen=True, slots=True)
class FigureConflict:
    what: str
    period: str
    figures: tuple[FigureRow, ...]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    batch_id: int
    at: str
    actor: str
    action: str
    op: str  # insert | update | delete
    table_name: str
    row_id: int
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: EventRow
    span: DateSpan
    slug: str | None
    date_text: str | None  # the date as the source writes it
    summary: str | None
    notes: str | None
    created_at: str
    updated_at: str
    deleted_at: str | None
    excerpts: tuple[ExcerptRow, ...]
    tags: tuple[str, ...]
    entities: tuple[EntityRow, ...]
    figures: tuple[FigureRow, ...]
    history: tuple[AuditEntry, ...]


@dataclass(frozen=True, slots=True)
class TimelineArrays:
    """Columns for the timeline painter, all the same length, ordered by start_day.

    `precision` holds PRECISION_CODES values, `status` STATUS_CODES values and `category`
    indexes into `categories`.
    """

    ids: array[int]
    start_day: array[int]
    end_day: array[int]
    precision: array[int]
    category: array[int]
    status: array[int]
    categories: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    schema_version: int
    generation: int
    sources: int
    excerpts: int
    events: int  # not in the trash, any status
    accepted: int
    candidates: int
    rejected: int
    trashed: int
    tags: int
    entities: int
    figures: int
    first_day: date | None  # earliest start among events not in the trash
    last_day: date | None


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """An event with its excerpts, tags and entities, as the search index takes it.

    `excerpts` holds (excerpt_id, text, language, source_key, page) tuples.
    """

    event_id: int
    title_en: str
    title_uz: str | None
    category: str
    start_day: int
    end_day: int
    start: date
    end: date
    status: str
    excerpts: tuple[tuple[int, str, str | None, str, str | None], ...]
    tags: tuple[str, ...]
    entities: tuple[str, ...]
