"""Every change to an archive: methods of a Transaction, which only Archive.transaction() makes.

One transaction is one user action: one BEGIN IMMEDIATE ... COMMIT, one audit batch (its
batch_id is the generation the commit produces) and one generation bump. Each row written
also writes an audit_log row with its before/after state, so history and undo need nothing
else. Any exception rolls the whole transaction back.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError

from .models import EntityKind, EventStatus, normalize_tag
from .offsets import OffsetMap, check_page_map, page_label

_SHA256 = re.compile(r"[0-9a-f]{64}")
_COLOR = re.compile(r"#[0-9a-f]{6}")

_SINGULAR = {
    "sources": "source",
    "excerpts": "excerpt",
    "events": "event",
    "tags": "tag",
    "entities": "entity",
    "figures": "figure",
}

# Columns update_event accepts, besides `span` (which sets all the date columns).
_EVENT_TEXT_FIELDS = ("title_en", "title_uz", "summary", "date_text", "category", "notes", "slug")


# What a split-off event copies from the event it leaves (the date columns as stored, so
# that the copy's span is the original's to the character).
_SPLIT_COPIES = (
    "title_en", "title_uz", "date_text", "start_date", "end_date", "precision",
    "end_precision", "approximate", "uncertain", "edtf", "category", "status",
)  # fmt: skip


# An event's link tables and the column naming what it is linked to.
_EVENT_LINKS = {
    "event_excerpts": "excerpt_id",
    "event_tags": "tag_id",
    "event_entities": "entity_id",
}


def _appended(notes: str | None, line: str) -> str:
    """Notes with one more line: a curator's earlier notes are never overwritten."""
    return f"{notes}\n{line}" if notes else line


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span_columns(span: DateSpan) -> dict[str, Any]:
    """The events columns that store a DateSpan (start_day/end_day are generated from them)."""
    return {
        "start_date": span.start.isoformat(),
        "end_date": span.end.isoformat(),
        "precision": span.precision.value,
        "end_precision": span.end_precision.value if span.end_precision else None,
        "approximate": int(span.approximate),
        "uncertain": int(span.uncertain),
        "edtf": span.edtf,
    }


@dataclass(slots=True)
class _SourceText:
    cleaned: str
    offsets: OffsetMap
    pages: list[tuple[int, str]]


class Transaction:
    """The write API. Use it only inside its `with archive.transaction(...)` block."""

    def __init__(
        self, db: Database, *, path: Path, actor: str, action: str, batch_id: int, now: str
    ) -> None:
        self._db = db
        self._path = path
        self.actor = actor
        self.action = action
        self.batch_id = batch_id
        self.now = now  # one timestamp for everything the action wrote
        self.wrote = False
        self.closed = False
        self._texts: dict[int, _SourceText] = {}

    # -- bookkeeping -----------------------------------------------------------------------

    def _sql(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._check_open()
        return self._db.execute(sql, params).fetchall()

    def _check_open(self) -> None:
        if self.closed:
            raise ArchiveError("this transaction has ended; start a new one to change the archive")

    def _audit(
        self, op: str, table: str, row_id: int, before: Any = None, after: Any = None
    ) -> None:
        self._db.execute(
            "INSERT INTO audit_log (batch_id, at, actor, action, op, table_name, row_id,"
            " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.batch_id, self.now, self.actor, self.action, op, table, row_id,
                None if before is None else _json(before),
                None if after is None else _json(after),
            ),
        )  # fmt: skip
        self.wrote = True

    def _insert(self, table: str, row: dict[str, Any], audit: dict[str, Any] | None = None) -> int:
        self._check_open()
        inserted = self._db.table(table).insert(row).last_rowid
        assert inserted is not None
        row_id = int(inserted)
        self._audit("insert", table, row_id, after={"id": row_id, **(audit or row)})
        return row_id

    def _update(self, table: str, row_id: int, changes: dict[str, Any]) -> bool:
        """Apply the changes that differ from the stored row; audit exactly those."""
        columns = ", ".join(changes)
        stored = self._sql(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,))
        if not stored:
            raise ArchiveError(f"there is no {_SINGULAR[table]} {row_id} in {self._path}")
        before = dict(zip(changes, stored[0], strict=True))
        after = {k: v for k, v in changes.items() if before[k] != v}
        if not after:
            return False
        extra = {"updated_at": self.now} if table == "events" else {}
        self._db.table(table).update(row_id, {**after, **extra})
        self._audit("update", table, row_id, {k: before[k] for k in after}, after)
        return True

    def _link(self, table: str, row: dict[str, int], subject_id: int, info: dict[str, Any]) -> bool:
        self._check_open()
        columns = ", ".join(row)
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        if cursor.rowcount != 1:
            return False
        self._audit("insert", table, subject_id, after={**row, **info})
        return True

    def _unlink(
        self, table: str, row: dict[str, int], subject_id: int, info: dict[str, Any]
    ) -> bool:
        self._check_open()
        where = " AND ".join(f"{column} = ?" for column in row)
        cursor = self._db.execute(f"DELETE FROM {table} WHERE {where}", list(row.values()))
        if cursor.rowcount != 1:
            return False
        self._audit("delete", table, subject_id, before={**row, **info})
        return True

    def _require(self, table: str, row_id: int) -> None:
        if not self._sql(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)):
            raise ArchiveError(f"there is no {_SINGULAR[table]} {row_id} in {self._path}")

    def _finish(self) -> None:
        """Called by Archive.transaction() just before COMMIT: bump the generation once."""
        if self.wrote:
            self._db.execute(
                "UPDATE meta SET value = ? WHERE key = 'generation'", (str(self.batch_id),)
            )
        self.closed = True

    # -- sources and excerpts ----------------------------------------------------------------

    def add_source(
        self,
        *,
        key: str,
        file_name: str,
        title: str,
        format: str,
        sha256: str,
        original_text: str,
        cleaned_text: str,
        offset_map: Sequence[int] | OffsetMap,
        page_map: Sequence[tuple[int, str]] = (),
        title_en: str | None = None,
        author: str | None = None,
        publication: str | None = None,
        issued: str | None = None,
        year: int | None = None,
        languages: Sequence[str] = (),
        notes: Any = (),
    ) -> int:
        """Store a source document; returns its id.

        `sha256` is the digest of the imported file's bytes: the same file is refused a
        second time. `offset_map` gives for each cleaned character the offset of the
        original character it came from (len(cleaned_text) entries; ingest's
        `OffsetMap.as_array()`, or an archive OffsetMap built with from_segments()).
        `page_map` lists (cleaned offset where a page starts, page label), as
        `zip(cleaned.page_starts, cleaned.page_labels)`.
        """
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"sha256 must be 64 lowercase hex digits, not {sha256!r}")
        earlier = self._sql(
            "SELECT key, file_name, imported_at FROM sources WHERE sha256 = ?", (sha256,)
        )
        if earlier:
            old_key, old_file, imported_at = earlier[0]
            raise ArchiveError(
                f"{file_name} was already imported on {imported_at[:10]} as source '{old_key}'"
                f" ({old_file}); it was not imported again"
            )
        if self._sql("SELECT 1 FROM sources WHERE key = ?", (key,)):
            raise ArchiveError(f"the source key '{key}' is already used by another source")
        offsets = self._checked_offsets(offset_map, original_text, cleaned_text)
        check_page_map(page_map, len(cleaned_text))
        pages = [[offset, label] for offset, label in page_map]
        meta = {
            "key": key, "file_name": file_name, "title": title, "title_en": title_en,
            "author": author, "publication": publication, "issued": issued, "year": year,
            "languages": _json(list(languages)), "format": format, "sha256": sha256,
            "notes": _json(notes), "imported_at": self.now,
        }  # fmt: skip
        texts = {
            "original_text": original_text,
            "cleaned_text": cleaned_text,
            "page_map": _json(pages),
            "offset_map": offsets.to_json(),
        }
        # The audit row names the texts by digest: copying megabytes into history buys nothing.
        audit = {**meta, **{f"{k}_sha256": _digest(v) for k, v in texts.items()}}
        source_id = self._insert("sources", {**meta, **texts}, audit)
        self._texts[source_id] = _SourceText(cleaned_text, offsets, list(page_map))
        return source_id

    @staticmethod
    def _checked_offsets(
        offset_map: Sequence[int] | OffsetMap, original: str, cleaned: str
    ) -> OffsetMap:
        if isinstance(offset_map, OffsetMap):
            offsets = offset_map
        else:
            offsets = OffsetMap.from_offsets(offset_map)
        if offsets.length != len(cleaned):
            raise ValueError(
                f"the offset map covers {offsets.length} characters;"
                f" the cleaned text has {len(cleaned)}"
            )
        if offsets.length and not (
            offsets.original(0) >= 0 and offsets.original(offsets.length - 1) < len(original)
        ):
            raise ValueError(
                f"the offset map points outside the original text (0..{len(original)})"
            )
        return offsets

    def _source_text(self, source_id: int) -> _SourceText:
        if source_id not in self._texts:
            rows = self._sql(
                "SELECT cleaned_text, offset_map, page_map FROM sources WHERE id = ?", (source_id,)
            )
            if not rows:
                raise ArchiveError(f"there is no source {source_id} in {self._path}")
            cleaned, offsets, pages = rows[0]
            self._texts[source_id] = _SourceText(
                cleaned,
                OffsetMap.from_json(offsets),
                [(o, label) for o, label in json.loads(pages)],
            )
        return self._texts[source_id]

    def add_excerpt(
        self,
        source_id: int,
        clean_start: int,
        clean_end: int,
        *,
        language: str | None = None,
        date_text: str | None = None,
    ) -> int:
        """Mark cleaned_text[clean_start:clean_end] of a source as an excerpt; returns its id.

        The text, the original offsets and the page all come from the stored source, so an
        excerpt can never disagree with its source. The same span twice gives the same id.
        """
        source = self._source_text(source_id)
        if not 0 <= clean_start < clean_end <= len(source.cleaned):
            raise ValueError(
                f"excerpt [{clean_start}, {clean_end}) is not inside source {source_id}"
                f" (0..{len(source.cleaned)})"
            )
        existing = self._sql(
            "SELECT id FROM excerpts WHERE source_id = ? AND clean_start = ? AND clean_end = ?",
            (source_id, clean_start, clean_end),
        )
        if existing:
            return int(existing[0][0])
        char_start, char_end = source.offsets.original_span(clean_start, clean_end)
        return self._insert(
            "excerpts",
            {
                "source_id": source_id,
                "char_start": char_start,
                "char_end": char_end,
                "clean_start": clean_start,
                "clean_end": clean_end,
                "page": page_label(source.pages, clean_start, clean_end),
                "text": source.cleaned[clean_start:clean_end],
                "language": language,
                "date_text": date_text,
                "created_at": self.now,
            },
        )

    # -- events --------------------------------------------------------------------------------

    def add_event(
        self,
        *,
        title_en: str,
        span: DateSpan,
        date_text: str | None = None,
        category: str = "",
        status: EventStatus | str = EventStatus.CANDIDATE,
        title_uz: str | None = None,
        summary: str | None = None,
        notes: str | None = None,
        slug: str | None = None,
        verified: bool = False,
        excerpt_ids: Iterable[int] = (),
    ) -> int:
        """Store an event; returns its id. `date_text` is the date as the source writes it."""
        if not title_en.strip():
            raise ValueError("an event needs a title")
        self._check_slug(slug, None)
        event_id = self._insert(
            "events",
            {
                "slug": slug, "title_en": title_en, "title_uz": title_uz, "summary": summary,
                "date_text": date_text, **span_columns(span), "category": category,
                "status": EventStatus(status).value, "verified": int(verified), "notes": notes,
                "created_at": self.now, "updated_at": self.now,
            },
        )  # fmt: skip
        for excerpt_id in excerpt_ids:
            self.link_excerpt(event_id, excerpt_id)
        return event_id

    def _check_slug(self, slug: str | None, event_id: int | None) -> None:
        if slug is None:
            return
        taken = self._sql("SELECT id FROM events WHERE slug = ? AND id IS NOT ?", (slug, event_id))
        if taken:
            raise ArchiveError(f"the slug '{slug}' is already used by event {taken[0][0]}")

    def update_event(self, event_id: int, **fields: Any) -> bool:
        """Change an event's fields: any of title_en, title_uz, summary, date_text, category,
        notes, slug, status, verified, span (a DateSpan). Returns False when nothing changed."""
        changes: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "span":
                changes.update(span_columns(value))
            elif name == "status":
                changes["status"] = EventStatus(value).value
            elif name == "verified":
                changes["verified"] = int(bool(value))
            elif name in _EVENT_TEXT_FIELDS:
                changes[name] = value
            else:
                raise TypeError(f"update_event() got an unknown field {name!r}")
        if "title_en" in changes and not str(changes["title_en"] or "").strip():
            raise ValueError("an event needs a title")
        self._check_slug(changes.get("slug"), event_id)
        return self._update("events", event_id, changes)

    def trash_event(self, event_id: int) -> bool:
        """Move an event to the trash (it keeps its links); False if it already was there."""
        rows = self._sql("SELECT deleted_at FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise ArchiveError(f"there is no event {event_id} in {self._path}")
        return rows[0][0] is None and self._update("events", event_id, {"deleted_at": self.now})

    def restore_event(self, event_id: int) -> bool:
        return self._update("events", event_id, {"deleted_at": None})

    def review(self, event_ids: Iterable[int], status: EventStatus | str) -> list[int]:
        """Move the candidates among `event_ids` to `status`; the ids of those that moved.

        Events already reviewed keep their status: accepting a page of the queue twice, or
        with an event someone rejected meanwhile, must not overturn a decision.
        """
        wanted = EventStatus(status)
        moved = []
        for event_id in dict.fromkeys(event_ids):
            rows = self._sql("SELECT status FROM events WHERE id = ?", (event_id,))
            if not rows:
                raise ArchiveError(f"there is no event {event_id} in {self._path}")
            if rows[0][0] == EventStatus.CANDIDATE and self.update_event(event_id, status=wanted):
                moved.append(event_id)
        return moved

    def set_verified(self, event_ids: Iterable[int], verified: bool) -> list[int]:
        """Mark events as checked against their sources (or not); the ids that changed."""
        return [i for i in dict.fromkeys(event_ids) if self.update_event(i, verified=verified)]

    def merge_events(self, keep_id: int, other_id: int) -> None:
        """Make `other_id` part of `keep_id`: the same happening, extracted twice.

        `keep_id` gains every excerpt, tag and entity of `other_id` (links it has already
        are not doubled) and its figures; both events' notes say what happened. `other_id`
        goes to the trash with its own links intact, so restoring it (or undo) gives back
        exactly the event that was merged.
        """
        if keep_id == other_id:
            raise ArchiveError(f"event {keep_id} cannot be merged into itself")
        keep, other = self._live_event(keep_id, "merge"), self._live_event(other_id, "merge")
        self._copy_links(other_id, keep_id, ("event_excerpts", "event_tags", "event_entities"))
        for (figure_id,) in self._sql(
            "SELECT id FROM figures WHERE event_id = ? ORDER BY id", (other_id,)
        ):
            self._update("figures", int(figure_id), {"event_id": keep_id})
        merged = f"merged from event {other_id}: {other['title_en']} ({other['edtf']})"
        if other["notes"]:
            merged += f"; its notes: {other['notes']}"
        self._update("events", keep_id, {"notes": _appended(keep["notes"], merged)})
        into = f"merged into event {keep_id}: {keep['title_en']} ({keep['edtf']})"
        self._update(
            "events", other_id, {"notes": _appended(other["notes"], into), "deleted_at": self.now}
        )

    def split_event(
        self, event_id: int, excerpt_ids: Iterable[int], *, title_en: str | None = None
    ) -> int:
        """Make a new event of what `excerpt_ids` attest, taking them from `event_id`.

        For an extraction that ran two happenings together: the new event starts as a copy
        (span, date as written, category, status, tags, entities) that the curator then
        corrects; the figures the moved excerpts state move with them. Returns its id.
        """
        moving = list(dict.fromkeys(excerpt_ids))
        original = self._live_event(event_id, "split")
        if not moving:
            raise ArchiveError(f"name the excerpts to split from event {event_id}")
        linked = {
            int(r[0])
            for r in self._sql(
                "SELECT excerpt_id FROM event_excerpts WHERE event_id = ?", (event_id,)
            )
        }
        strangers = [i for i in moving if i not in linked]
        if strangers:
            raise ArchiveError(
                f"event {event_id} is not attested by excerpt"
                f" {', '.join(map(str, strangers))}; only its own excerpts can be split off"
            )
        if linked <= set(moving):
            raise ArchiveError(
                f"splitting off every excerpt would leave event {event_id} with none;"
                " keep at least one"
            )
        if title_en is not None and not title_en.strip():
            raise ValueError("an event needs a title")
        copied = {k: original[k] for k in _SPLIT_COPIES}
        if title_en is not None:
            copied.update(title_en=title_en, title_uz=None)
        new_id = self._insert(
            "events",
            {
                **copied, "slug": None, "summary": None, "verified": 0,
                "notes": f"split from event {event_id}", "deleted_at": None,
                "created_at": self.now, "updated_at": self.now,
            },
        )  # fmt: skip
        for excerpt_id in moving:
            self.link_excerpt(new_id, excerpt_id)
            self.unlink_excerpt(event_id, excerpt_id)
        self._copy_links(event_id, new_id, ("event_tags", "event_entities"))
        marks = ", ".join("?" * len(moving))
        for (figure_id,) in self._sql(
            f"SELECT id FROM figures WHERE event_id = ? AND excerpt_id IN ({marks}) ORDER BY id",
            (event_id, *moving),
        ):
            self._update("figures", int(figure_id), {"event_id": new_id})
        note = _appended(original["notes"], f"split into event {new_id}")
        self._update("events", event_id, {"notes": note})
        return new_id

    def _copy_links(self, source_id: int, target_id: int, tables: Sequence[str]) -> None:
        """Link `target_id` to what `source_id` is linked to in these tables (a link the
        target has already is not doubled)."""
        for table in tables:
            column = _EVENT_LINKS[table]
            if table == "event_tags":
                rows = self._sql(
                    "SELECT t.id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id"
                    " WHERE et.event_id = ? ORDER BY t.id",
                    (source_id,),
                )
            else:
                sql = f"SELECT {column}, NULL FROM {table} WHERE event_id = ? ORDER BY {column}"
                rows = self._sql(sql, (source_id,))
            for linked, tag in rows:
                info = {} if tag is None else {"tag": tag}
                self._link(table, {"event_id": target_id, column: linked}, target_id, info)

    def _live_event(self, event_id: int, doing: str) -> dict[str, Any]:
        """The stored columns of an event that is not in the trash (to merge or split)."""
        columns = ("title_en", "edtf", "notes", "deleted_at", *_SPLIT_COPIES)
        names = list(dict.fromkeys(columns))
        rows = self._sql(f"SELECT {', '.join(names)} FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise ArchiveError(f"there is no event {event_id} in {self._path}")
        row = dict(zip(names, rows[0], strict=True))
        if row["deleted_at"] is not None:
            raise ArchiveError(
                f"event {event_id} is in the trash; restore it before you {doing} it"
            )
        return row

    def link_excerpt(self, event_id: int, excerpt_id: int) -> bool:
        """Attest an event by an excerpt. Several excerpts (sources) may attest one event."""
        self._require("events", event_id)
        self._require("excerpts", excerpt_id)
        row = {"event_id": event_id, "excerpt_id": excerpt_id}
        return self._link("event_excerpts", row, event_id, {})

    def unlink_excerpt(self, event_id: int, excerpt_id: int) -> bool:
        row = {"event_id": event_id, "excerpt_id": excerpt_id}
        return self._unlink("event_excerpts", row, event_id, {})

    # -- tags ----------------------------------------------------------------------------------

    def _tag(self, name: str) -> tuple[int, str] | None:
        rows = self._sql("SELECT id, name FROM tags WHERE name = ?", (normalize_tag(name),))
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def ensure_tag(self, name: str) -> int:
        """The id of tag `name`, created (with its parents) when missing."""
        name = normalize_tag(name)
        found = self._tag(name)
        if found:
            return found[0]
        parent = name.rpartition("/")[0]
        parent_id = self.ensure_tag(parent) if parent else None
        return self._insert("tags", {"name": name, "color": None, "parent_id": parent_id})

    def add_tags(self, event_ids: Iterable[int], names: Iterable[str]) -> int:
        """Tag events; returns how many new (event, tag) pairs were made."""
        return self._tag_links("event_tags", "event_id", "events", event_ids, names, add=True)

    def remove_tags(self, event_ids: Iterable[int], names: Iterable[str]) -> int:
        return self._tag_links("event_tags", "event_id", "events", event_ids, names, add=False)

    def add_excerpt_tags(self, excerpt_ids: Iterable[int], names: Iterable[str]) -> int:
        return self._tag_links(
            "excerpt_tags", "excerpt_id", "excerpts", excerpt_ids, names, add=True
        )

    def remove_excerpt_tags(self, excerpt_ids: Iterable[int], names: Iterable[str]) -> int:
        return self._tag_links(
            "excerpt_tags", "excerpt_id", "excerpts", excerpt_ids, names, add=False
        )

    def _tag_links(
        self,
        table: str,
        column: str,
        owner: str,
        owner_ids: Iterable[int],
        names: Iterable[str],
        *,
        add: bool,
    ) -> int:
        owner_ids = list(owner_ids)
        for owner_id in owner_ids:
            self._require(owner, owner_id)
        changed = 0
        for name in names:
            if add:
                tag = (self.ensure_tag(name), normalize_tag(name))
            elif (found := self._tag(name)) is not None:
                tag = found
            else:
                continue
            for owner_id in owner_ids:
                row = {column: owner_id, "tag_id": tag[0]}
                change = self._link if add else self._unlink
                changed += change(table, row, owner_id, {"tag": tag[1]})
        return changed

    def set_tag_color(self, name: str, color: str | None) -> bool:
        """color: '#rrggbb' or None."""
        if color is not None:
            color = color.lower()
            if not _COLOR.fullmatch(color):
                raise ValueError(f"a tag colour is written '#rrggbb', not {color!r}")
        tag = self._tag(name)
        if tag is None:
            raise ArchiveError(f"there is no tag '{name}'")
        return self._update("tags", tag[0], {"color": color})

    def set_tag_shortcut(self, name: str, key: int | None) -> bool:
        """Give tag `name` the key `key` (1..9), or None for none; False if it had it.

        A key held by another tag is taken from it: the curator presses the key for what
        they tag now, and last week's meaning of "3" should not stand in the way.
        """
        if key is not None and (isinstance(key, bool) or key not in range(1, 10)):
            raise ValueError(f"a tag shortcut is a key from 1 to 9, not {key!r}")
        tag = self._tag(name)
        if tag is None:
            raise ArchiveError(f"there is no tag '{name}'")
        if key is not None:
            holder = self._sql("SELECT id FROM tags WHERE shortcut = ? AND id != ?", (key, tag[0]))
            if holder:
                self._update("tags", int(holder[0][0]), {"shortcut": None})
        return self._update("tags", tag[0], {"shortcut": key})

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag and everything below it; onto an existing name, the two merge.

        Returns the id of the tag now called `new`.
        """
        tag = self._tag(old)
        if tag is None:
            raise ArchiveError(f"there is no tag '{old}'")
        tag_id, old_name = tag
        new = normalize_tag(new)
        if new.lower().startswith(old_name.lower() + "/"):
            raise ArchiveError(f"cannot move the tag '{old_name}' under itself ('{new}')")
        below = self._sql(
            "SELECT id, name FROM tags WHERE substr(name, 1, ?) = ? COLLATE NOCASE",
            (len(old_name) + 1, old_name + "/"),
        )
        moves = [(tag_id, new)] + [(int(i), new + name[len(old_name) :]) for i, name in below]
        # Parents first, so that a plain rename keeps every tag's id; a tag merged into
        # another is deleted only once its children have moved away.
        merged = [
            moved_id
            for moved_id, target in sorted(moves, key=lambda m: m[1].count("/"))
            if self._move_tag(moved_id, target)
        ]
        for merged_id in reversed(merged):
            self._delete_tag_row(merged_id)
        found = self._tag(new)
        assert found is not None
        return found[0]

    def _move_tag(self, tag_id: int, target: str) -> bool:
        """Rename one tag, or merge its links into the tag called `target` (returns True)."""
        existing = self._tag(target)
        if existing is None or existing[0] == tag_id:
            parent = target.rpartition("/")[0]
            parent_id = self.ensure_tag(parent) if parent else None
            self._update("tags", tag_id, {"name": target, "parent_id": parent_id})
            return False
        into, into_name = existing
        name, color, shortcut = self._sql(
            "SELECT name, color, shortcut FROM tags WHERE id = ?", (tag_id,)
        )[0]
        for table, column in (("event_tags", "event_id"), ("excerpt_tags", "excerpt_id")):
            owners = self._sql(f"SELECT {column} FROM {table} WHERE tag_id = ?", (tag_id,))
            for (owner_id,) in owners:
                self._link(table, {column: owner_id, "tag_id": into}, owner_id, {"tag": into_name})
                self._unlink(table, {column: owner_id, "tag_id": tag_id}, owner_id, {"tag": name})
        into_color, into_shortcut = self._sql(
            "SELECT color, shortcut FROM tags WHERE id = ?", (into,)
        )[0]
        if color is not None and into_color is None:
            self._update("tags", into, {"color": color})
        if shortcut is not None and into_shortcut is None:
            # Released first: the unique index allows a key on one tag at a time.
            self._update("tags", tag_id, {"shortcut": None})
            self._update("tags", into, {"shortcut": shortcut})
        return True

    def _delete_tag_row(self, tag_id: int) -> None:
        columns = ("id", "name", "color", "parent_id", "shortcut")
        row = self._sql(f"SELECT {', '.join(columns)} FROM tags WHERE id = ?", (tag_id,))[0]
        self._db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
        self._audit("delete", "tags", tag_id, before=dict(zip(columns, row, strict=True)))

    def delete_tag(self, name: str) -> int:
        """Remove a tag from everything and delete it; returns how many links went with it."""
        tag = self._tag(name)
        if tag is None:
            raise ArchiveError(f"there is no tag '{name}'")
        tag_id, tag_name = tag
        if self._sql("SELECT 1 FROM tags WHERE parent_id = ?", (tag_id,)):
            raise ArchiveError(
                f"the tag '{tag_name}' has tags below it; rename or delete them first"
            )
        removed = 0
        for table, column in (("event_tags", "event_id"), ("excerpt_tags", "excerpt_id")):
            owners = self._sql(f"SELECT {column} FROM {table} WHERE tag_id = ?", (tag_id,))
            for (owner_id,) in owners:
                removed += self._unlink(
                    table, {column: owner_id, "tag_id": tag_id}, owner_id, {"tag": tag_name}
                )
        self._delete_tag_row(tag_id)
        return removed

    # -- entities and figures ---------------------------------------------------------------

    def add_entity(self, name: str, kind: EntityKind | str, aliases: Iterable[str] = ()) -> int:
        """The id of the (kind, name) entity, created when missing; new aliases are added."""
        kind = EntityKind(kind).value
        rows = self._sql(
            "SELECT id, aliases FROM entities WHERE kind = ? AND name = ?", (kind, name)
        )
        if not rows:
            return self._insert(
                "entities",
                {"name": name, "kind": kind, "aliases": _json(list(dict.fromkeys(aliases)))},
            )
        entity_id, stored = int(rows[0][0]), json.loads(rows[0][1])
        merged = list(dict.fromkeys([*stored, *aliases]))
        if merged != stored:
            self._update("entities", entity_id, {"aliases": _json(merged)})
        return entity_id

    def link_entity(self, event_id: int, entity_id: int) -> bool:
        self._require("events", event_id)
        self._require("entities", entity_id)
        row = {"event_id": event_id, "entity_id": entity_id}
        return self._link("event_entities", row, event_id, {})

    def unlink_entity(self, event_id: int, entity_id: int) -> bool:
        """The event no longer names the entity; False if it did not."""
        row = {"event_id": event_id, "entity_id": entity_id}
        return self._unlink("event_entities", row, event_id, {})

    def set_event_entities(self, event_id: int, entity_ids: Iterable[int]) -> bool:
        """Make the event name exactly these entities; False if it already did."""
        self._require("events", event_id)
        wanted = list(dict.fromkeys(entity_ids))
        linked = [
            int(r[0])
            for r in self._sql(
                "SELECT entity_id FROM event_entities WHERE event_id = ? ORDER BY entity_id",
                (event_id,),
            )
        ]
        changed = False
        for entity_id in linked:
            if entity_id not in wanted:
                changed |= self.unlink_entity(event_id, entity_id)
        for entity_id in wanted:
            changed |= self.link_entity(event_id, entity_id)
        return changed

    def add_figure(
        self,
        *,
        what: str,
        value: float,
        unit: str,
        period: DateSpan,
        excerpt_id: int,
        event_id: int | None = None,
    ) -> int:
        """Record a number a source states ("trade turnover 2021: 4.3 bn USD").

        Figures are never merged: a second source giving another value for the same `what`
        and period is a second row, and conflicting_figures() shows them side by side.
        """
        self._require("excerpts", excerpt_id)
        if event_id is not None:
            self._require("events", event_id)
        return self._insert(
            "figures",
            {
                "what": what, "value": float(value), "unit": unit, "period": period.edtf,
                "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
                "excerpt_id": excerpt_id, "event_id": event_id, "created_at": self.now,
            },
        )  # fmt: skip

    # -- meta --------------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        """Store a build fact such as build_inputs_sha256. `generation` is the archive's own."""
        if key == "generation":
            raise ValueError("the generation counter is kept by the archive itself")
        rows = self._sql("SELECT value FROM meta WHERE key = ?", (key,))
        before = rows[0][0] if rows else None
        if before == value:
            return
        self._db.table("meta").upsert({"key": key, "value": value}, pk="key")
        self._audit(
            "update" if rows else "insert", "meta", 0,
            None if before is None else {"key": key, "value": before}, {"key": key, "value": value},
        )  # fmt: skip
