"""The SQLite archive (sqlite-utils): schema, migrations, queries, the single writer."""

from .archive import Archive
from .lock import ArchiveLock
from .migrations import MIGRATIONS, migrate
from .models import (
    PRECISION_CODES,
    STATUS_CODES,
    ArchiveStats,
    AuditEntry,
    EntityKind,
    EntityRow,
    EventDetail,
    EventRow,
    EventStatus,
    ExcerptRow,
    FigureConflict,
    FigureRow,
    SourceDetail,
    SourceRow,
    TagRow,
    TimelineArrays,
)
from .offsets import OffsetMap
from .transaction import Transaction
from .writer import Readers, Writer

SCHEMA_VERSION = len(MIGRATIONS)

__all__ = [
    "PRECISION_CODES",
    "SCHEMA_VERSION",
    "STATUS_CODES",
    "Archive",
    "ArchiveLock",
    "ArchiveStats",
    "AuditEntry",
    "EntityKind",
    "EntityRow",
    "EventDetail",
    "EventRow",
    "EventStatus",
    "ExcerptRow",
    "FigureConflict",
    "FigureRow",
    "OffsetMap",
    "Readers",
    "SourceDetail",
    "SourceRow",
    "TagRow",
    "TimelineArrays",
    "Transaction",
    "Writer",
    "migrate",
]
