"""The events table as columns in memory, and windows onto it that build rows on demand.

Archive.events_between() must answer a one-year window in milliseconds, also at 100k and 1M
events; SQLite plus building one Python row per event takes ~100 ms at 100k. So an Archive
keeps a snapshot of the events that are not in the trash, as numpy columns sorted in timeline
order (start_day, end_day, id):

- a window is two binary searches and a few masks (sub-millisecond), and comes back as an
  EventWindow: a Sequence[EventRow] holding positions into the snapshot, which builds rows
  only when they are asked for (a list view builds only what it shows);
- titles and EDTF strings stay in three UTF-8 blobs with offsets (about a third of the memory
  of 1M str objects), cut out when a row is built; built rows are kept (up to a limit) so a
  window that overlaps the last one costs little;
- the snapshot is loaded with one scan of the covering index events_timeline, aggregated in
  SQLite (group_concat) so that Python sees a handful of values instead of a million rows;
- it follows `generation`: after a commit (here or in another process) the events named by
  the audit rows of the new batches are fetched and patched in (milliseconds), and anything
  the audit log cannot vouch for (a bulk fill, a write that bypassed Transaction) reloads all.

A snapshot never changes once built (patching makes a new one that shares the append-only
text store), so an EventWindow stays a consistent picture of the moment it was made, like the
list it replaces, and may be read from another thread.
"""

from __future__ import annotations

import ctypes
import gc
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, overload

import numpy as np
import numpy.typing as npt

from .models import PRECISION_CODES, STATUS_CODES, EventRow, EventStatus, TimelineArrays
from .queries import LONG_SPAN_DAYS, _day_to_date

Ints = npt.NDArray[np.int64]
Column = npt.NDArray[Any]  # one of _DTYPES
Bools = npt.NDArray[np.bool_]

# The arrays of a snapshot (see Columns.__init__ for their types: 23 bytes an event).
_ARRAYS: Final = ("ids", "start", "end", "status", "precision", "verified", "category", "slot")

# start_day * _DAY_SHIFT + end_day sorts like (start_day, end_day): days are below 2**22.
_DAY_SHIFT: Final = 1 << 22

# Rows kept built across windows; about 0.6 kB each. Only windows of up to a quarter of
# that keep their rows (a list model's pages, a year at 100k events: 12k at most): a bigger
# one (a busy year at 1M events: up to 120k) would only push out everything else.
MEMO_ROWS: Final = 100_000

# More changed events than this (or than a tenth of the snapshot) and reloading everything
# is about as fast as patching, and simpler.
PATCH_LIMIT: Final = 20_000

# Loads of at least this many events give their transient memory back (see _trim_heap).
TRIM_AFTER: Final = 50_000

_SEP: Final = "\x1f"  # joins strings in group_concat; a string containing it takes a slow path
_SQLITE_TOOBIG: Final = 18

_PRECISION_OF: Final = {code: p for p, code in PRECISION_CODES.items()}
_STATUS_OF: Final = {code: s for s, code in STATUS_CODES.items()}
_PRECISION_BY_CODE: Final = [_PRECISION_OF[i] for i in range(len(_PRECISION_OF))]
_STATUS_BY_CODE: Final = [_STATUS_OF[i] for i in range(len(_STATUS_OF))]
_PRECISION_CODE: Final = {p.value: code for p, code in PRECISION_CODES.items()}
_STATUS_CODE: Final = {s.value: code for s, code in STATUS_CODES.items()}
ACCEPTED: Final = STATUS_CODES[EventStatus.ACCEPTED]
CANDIDATE: Final = STATUS_CODES[EventStatus.CANDIDATE]

_new = object.__new__
_set_attribute = object.__setattr__

# The columns a snapshot is made of, in the order row tuples carry them.
ROW_COLUMNS: Final = (
    "id, start_day, end_day, status, precision, verified, category, edtf, title_en, title_uz"
)


def _code_sql(column: str, codes: dict[str, int]) -> str:
    """Arithmetic mapping a text column to its code: cheaper in SQLite than CASE."""
    return " + ".join(f"({column} = '{text}') * {code}" for text, code in codes.items() if code)


# status, precision, verified and "title_uz is NULL" packed in one small int per event.
_PACKED_SQL: Final = (
    f"{_code_sql('status', _STATUS_CODE)} + 4 * ({_code_sql('precision', _PRECISION_CODE)})"
    " + 16 * verified + 32 * (title_uz IS NULL)"
)

_SCAN_SQL: Final = f"""
    SELECT count(*), group_concat(id), group_concat(start_day * {_DAY_SHIFT} + end_day),
           group_concat({_PACKED_SQL}), CAST(group_concat(category, char(31)) AS BLOB),
           CAST(group_concat(edtf, char(31)) AS BLOB),
           CAST(group_concat(title_en, char(31)) AS BLOB),
           CAST(group_concat(ifnull(title_uz, ''), char(31)) AS BLOB)
    FROM events INDEXED BY events_timeline
    WHERE deleted_at IS NULL AND start_day BETWEEN ? AND ?
"""

_TEXT_COLUMNS: Final = ("edtf", "title_en", "title_uz")


class _Text:
    """One text column by slot: slots below n_base are cut from `data` (a str when all ASCII,
    else UTF-8 bytes) at `starts` (one separator byte between strings); later slots, and all
    of them when the strings could not be joined safely, are in `extra`."""

    __slots__ = ("data", "extra", "n_base", "nulls", "starts")

    def __init__(
        self,
        data: str | bytes = "",
        starts: Column | None = None,
        nulls: Bools | None = None,
        extra: list[str | None] | None = None,
    ) -> None:
        self.data = data
        self.starts: Column = np.zeros(1, np.int64) if starts is None else starts
        self.n_base = len(self.starts) - 1
        self.nulls = nulls  # base slots whose value is NULL (the blob holds '' for them)
        self.extra: list[str | None] = [] if extra is None else extra

    @classmethod
    def from_blob(cls, blob: bytes, n: int, nulls: Bools | None) -> _Text | None:
        """The column from n > 0 strings joined by _SEP; None when one of them holds _SEP."""
        starts = _starts(blob, n)
        if starts is None:
            return None
        data: str | bytes = blob.decode("ascii") if blob.isascii() else blob
        return cls(data, starts, nulls)

    def take(self, slots: Column) -> list[str | None]:
        if not len(slots):
            return []
        if int(slots.max()) >= self.n_base:
            return [self.get(s) for s in slots.tolist()]
        firsts = self.starts[slots].tolist()
        ends = (self.starts[slots + 1] - 1).tolist()
        data = self.data
        if isinstance(data, str):
            out: list[str | None] = [data[a:b] for a, b in zip(firsts, ends, strict=True)]
        else:
            out = [data[a:b].decode() for a, b in zip(firsts, ends, strict=True)]
        if self.nulls is not None:
            for k in np.flatnonzero(self.nulls[slots]).tolist():
                out[k] = None
        return out

    def get(self, slot: int) -> str | None:
        if slot >= self.n_base:
            return self.extra[slot - self.n_base]
        if self.nulls is not None and self.nulls[slot]:
            return None
        a, b = int(self.starts[slot]), int(self.starts[slot + 1]) - 1
        piece = self.data[a:b]
        return piece if isinstance(piece, str) else piece.decode()


class _Store:
    """What rows are built from, by slot: a slot is one version of one event and never
    changes, so the store only grows (patches append) and snapshots share it. Built rows
    are kept by slot, up to MEMO_ROWS of them."""

    def __init__(self, texts: dict[str, _Text], categories: list[str], n_slots: int) -> None:
        self.texts = texts
        self.categories = categories  # category code -> name (append-only)
        self.category_code = {name: code for code, name in enumerate(categories)}
        self.n_slots = n_slots
        self._memo: dict[int, EventRow] = {}

    def code_of(self, category: str) -> int:
        code = self.category_code.get(category)
        if code is None:
            code = self.category_code[category] = len(self.categories)
            self.categories.append(category)
        return code

    def append(self, values: dict[str, list[str | None]]) -> Ints:
        """Slots for new rows whose texts are given (edtf, title_en, title_uz lists)."""
        for name in _TEXT_COLUMNS:
            self.texts[name].extra.extend(values[name])
        count = len(values["title_en"])
        slots = np.arange(self.n_slots, self.n_slots + count, dtype=np.int64)
        self.n_slots += count
        return slots

    def forget_rows(self) -> None:
        """Drop the built rows (benchmarks time building them)."""
        self._memo = {}

    def rows_kept(self) -> int:
        return len(self._memo)

    def kept_rows(self) -> list[EventRow]:
        return list(self._memo.values())

    def rows(self, columns: Columns, positions: Ints, *, keep: bool) -> list[EventRow]:
        """The rows at these positions of a snapshot built on this store; `keep` them
        (and reuse those kept) or build them afresh."""
        slots = columns.slot[positions]
        if not keep or len(slots) > MEMO_ROWS:
            return _build_rows(columns, positions, slots)
        memo = self._memo  # the same dict throughout, even if another thread drops it
        wanted = slots.tolist()
        have = np.fromiter(map(memo.__contains__, wanted), np.bool_, len(wanted))
        missing = np.flatnonzero(~have)
        if len(missing):
            if len(memo) + len(missing) > MEMO_ROWS:
                self._memo = memo = {}
                missing = np.arange(len(wanted))
            fresh = _build_rows(columns, positions[missing], slots[missing])
            memo.update(zip(slots[missing].tolist(), fresh, strict=True))
        return list(map(memo.__getitem__, wanted))


def _build_rows(columns: Columns, positions: Ints, slots: Ints) -> list[EventRow]:
    # The rows hold no cycles; a collection every few thousand of them (each row and its
    # dict are tracked) costs a fifth of the time when many rows are kept.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _make_rows(columns, positions, slots)
    finally:
        if paused:
            gc.enable()


def _make_rows(columns: Columns, positions: Ints, slots: Ints) -> list[EventRow]:
    # A frozen dataclass's __init__ pays one object.__setattr__ per field; setting the
    # instance dict in one step builds the same frozen row 3x faster. Every column is
    # turned into a list first, so the loop below only makes dicts.
    store = columns.store
    edtf = store.texts["edtf"].take(slots)
    title_en = store.texts["title_en"].take(slots)
    title_uz = store.texts["title_uz"].take(slots)
    rows: list[EventRow] = []
    append = rows.append
    for event_id, en, uz, start, end, precision, edtf_, category, status, verified in zip(
        columns.ids[positions].tolist(),
        title_en,
        title_uz,
        map(_day_to_date, columns.start[positions].tolist()),
        map(_day_to_date, columns.end[positions].tolist()),
        map(_PRECISION_BY_CODE.__getitem__, columns.precision[positions].tolist()),
        edtf,
        map(store.categories.__getitem__, columns.category[positions].tolist()),
        map(_STATUS_BY_CODE.__getitem__, columns.status[positions].tolist()),
        columns.verified[positions].tolist(),
        strict=True,
    ):
        row = _new(EventRow)
        _set_attribute(
            row,
            "__dict__",
            {
                "id": event_id, "title_en": en, "title_uz": uz, "start": start, "end": end,
                "precision": precision, "edtf": edtf_, "category": category, "status": status,
                "verified": verified,
            },
        )  # fmt: skip
        append(row)
    return rows


class Columns:
    """A snapshot of the events not in the trash (any status), in timeline order.

    The arrays are read-only by convention (a patch makes a new snapshot). `slot` is
    where the row's texts are in the store. `generation` and `max_id` are the archive's
    when it was read; `long` holds the
    positions of events longer than LONG_SPAN_DAYS; `tag_events` caches, per tuple of tag
    ids, the sorted ids of the events carrying them (as of `generation`).
    """

    __slots__ = (
        "category", "end", "generation", "ids", "long", "max_id", "precision", "slot", "start",
        "status", "store", "tag_events", "verified",
    )  # fmt: skip

    def __init__(
        self,
        store: _Store,
        *,
        ids: Column,
        start: Column,
        end: Column,
        status: Column,
        precision: Column,
        verified: Column,
        category: Column,
        slot: Column,
        generation: int,
        max_id: int,
    ) -> None:
        self.store = store
        self.ids: Ints = ids.astype(np.int64, copy=False)
        self.start: Column = start.astype(np.int32, copy=False)
        self.end: Column = end.astype(np.int32, copy=False)
        self.status: Column = status.astype(np.int8, copy=False)
        self.precision: Column = precision.astype(np.int8, copy=False)
        self.verified: Bools = verified.astype(np.bool_, copy=False)
        self.category: Column = category.astype(np.int32, copy=False)
        self.slot: Column = slot.astype(np.int32, copy=False)
        self.generation = generation
        self.max_id = max_id
        self.long: Ints = np.flatnonzero(end - start > LONG_SPAN_DAYS).astype(np.int64)
        self.tag_events: dict[tuple[int, ...], Ints] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def nbytes(self) -> int:
        """Memory held by the snapshot and its store (built rows not counted)."""
        arrays = sum(getattr(self, name).nbytes for name in _ARRAYS) + self.long.nbytes
        texts = sum(
            sys.getsizeof(t.data) + t.starts.nbytes + sum(map(sys.getsizeof, t.extra))
            for t in self.store.texts.values()
        )
        tags = sum(ids.nbytes for ids in self.tag_events.values())
        return int(arrays + texts + tags)

    # -- windows -------------------------------------------------------------------------

    def window(
        self,
        q_start: int,
        q_end: int,
        *,
        include_candidates: bool,
        categories: Iterable[str] | None = None,
        tag_events: Ints | None = None,
    ) -> EventWindow:
        """Events overlapping [q_start, q_end] (day numbers), as the SQL of queries._window
        selects them; `tag_events` (sorted ids) keeps only those events."""
        status_ok = np.zeros(3, np.bool_)
        status_ok[ACCEPTED] = True
        status_ok[CANDIDATE] = include_candidates
        # Short events start in [q_start - LONG_SPAN_DAYS, q_end]: positions [lo, hi).
        # (Keys of the array's own type: a Python int would convert the whole array.)
        day = np.int32
        lo = int(np.searchsorted(self.start, day(q_start - LONG_SPAN_DAYS), "left"))
        hi = int(np.searchsorted(self.start, day(q_end), "right"))
        keep = (self.end[lo:hi] >= q_start) & status_ok[self.status[lo:hi]]
        short = np.flatnonzero(keep) + lo
        # Anything overlapping that starts before lo is long; its start is before q_end.
        long = self.long[: int(np.searchsorted(self.long, lo))]
        long = long[(self.end[long] >= q_start) & status_ok[self.status[long]]]
        positions = np.concatenate([long, short])  # both ascending, long < lo <= short
        if categories is not None:
            allowed = np.zeros(len(self.store.categories) + 1, np.bool_)
            for name in categories:
                code = self.store.category_code.get(name)
                if code is not None:
                    allowed[code] = True
            positions = positions[allowed[self.category[positions]]]
        if tag_events is not None:
            positions = positions[_isin_sorted(self.ids[positions], tag_events)]
        return EventWindow(self, positions)

    def everything(self) -> EventWindow:
        return EventWindow(self, np.arange(len(self), dtype=np.int64))

    def timeline_arrays(self, *, include_candidates: bool) -> TimelineArrays:
        keep = self.status == ACCEPTED
        if include_candidates:
            keep |= self.status == CANDIDATE
        category = self.category[keep]
        present = np.flatnonzero(np.bincount(category, minlength=len(self.store.categories)))
        names = sorted((self.store.categories[c], c) for c in present.tolist())
        remap = np.zeros(len(self.store.categories) + 1, np.int64)
        remap[[c for _, c in names]] = np.arange(len(names))
        return TimelineArrays(
            ids=_int_array(self.ids[keep]),
            start_day=_int_array(self.start[keep]),
            end_day=_int_array(self.end[keep]),
            precision=_int_array(self.precision[keep]),
            category=_int_array(remap[category]),
            status=_int_array(self.status[keep]),
            categories=tuple(name for name, _ in names),
        )

    def titles(self) -> dict[int, str]:
        """id -> English title of every event in the snapshot, in id order."""
        order = np.argsort(self.ids)
        titles = self.store.texts["title_en"].take(self.slot[order])
        return dict(zip(self.ids[order].tolist(), titles, strict=True))

    # -- following the archive -------------------------------------------------------------

    def patched(
        self, rows: Sequence[Sequence[Any]], changed: Ints, generation: int, max_id: int
    ) -> Columns:
        """A new snapshot with the events `changed` replaced by `rows` (the current rows of
        those of them that are not in the trash, as ROW_COLUMNS)."""
        keep = ~np.isin(self.ids, changed)
        fresh = _decoded(rows, self.store)
        columns = {name: getattr(self, name)[keep] for name in _ARRAYS}
        if len(rows):
            key = columns["start"].astype(np.int64) * _DAY_SHIFT + columns["end"]
            new_key = fresh["start"].astype(np.int64) * _DAY_SHIFT + fresh["end"]
            order = np.lexsort((fresh["ids"], new_key))
            new_key = new_key[order]
            at = np.searchsorted(key, new_key, "left")
            last = np.searchsorted(key, new_key, "right")
            # Among equal (start_day, end_day) the ids ascend.
            for k in np.flatnonzero(last > at).tolist():
                first, new_id = int(at[k]), fresh["ids"][order[k]]
                at[k] = first + int(np.searchsorted(columns["ids"][first : last[k]], new_id))
            for name in columns:
                columns[name] = np.insert(columns[name], at, fresh[name][order])
        return Columns(self.store, generation=generation, max_id=max_id, **columns)


def _isin_sorted(values: Ints, sorted_set: Ints) -> Bools:
    if not len(sorted_set):
        return np.zeros(len(values), np.bool_)
    at = np.searchsorted(sorted_set, values)
    at[at == len(sorted_set)] = 0
    found: Bools = sorted_set[at] == values
    return found


def _int_array(values: npt.NDArray[Any]) -> array[int]:
    """array('i') of the values, raising OverflowError (as array() does) rather than wrap."""
    limits = np.iinfo(np.intc)
    if len(values) and (values.max() > limits.max or values.min() < limits.min):
        raise OverflowError("a value does not fit array('i')")
    return array("i", np.ascontiguousarray(values, dtype=np.intc).tobytes())


def _decoded(rows: Sequence[Sequence[Any]], store: _Store) -> dict[str, Any]:
    """Row tuples (ROW_COLUMNS) as columns, their texts appended to the store as new slots."""
    if not rows:
        empty = np.zeros(0, np.int64)
        return {
            "ids": empty, "start": empty, "end": empty, "status": empty, "precision": empty,
            "verified": np.zeros(0, np.bool_), "category": empty, "slot": empty,
        }  # fmt: skip
    ids, starts, ends, status, precision, verified, category, edtf, en, uz = zip(*rows, strict=True)
    return {
        "ids": np.array(ids, np.int64),
        "start": np.array(starts, np.int64),
        "end": np.array(ends, np.int64),
        "status": np.array([_STATUS_CODE[s] for s in status], np.int64),
        "precision": np.array([_PRECISION_CODE[p] for p in precision], np.int64),
        "verified": np.array(verified, np.int64) == 1,
        "category": np.array([store.code_of(c) for c in category], np.int64),
        "slot": store.append({"edtf": list(edtf), "title_en": list(en), "title_uz": list(uz)}),
    }


def from_rows(rows: Sequence[Sequence[Any]], *, generation: int = -1, max_id: int = 0) -> Columns:
    """A snapshot of these rows (ROW_COLUMNS) in the order given (not sorted)."""
    store = _Store({name: _Text() for name in _TEXT_COLUMNS}, [], 0)
    return Columns(store, generation=generation, max_id=max_id, **_decoded(rows, store))


# -- loading -----------------------------------------------------------------------------------


def load(conn: sqlite3.Connection, generation: int) -> Columns:
    """Read every event not in the trash into a new snapshot. Run it inside a read
    transaction together with the query that gave `generation`."""
    max_id = int(conn.execute("SELECT ifnull(max(id), 0) FROM events").fetchone()[0])
    first, last = conn.execute(
        "SELECT min(start_day), max(start_day) FROM events INDEXED BY events_timeline"
        " WHERE deleted_at IS NULL"
    ).fetchone()
    if first is None:
        return from_rows([], generation=generation, max_id=max_id)
    chunks = _scan(conn, int(first), int(last))
    n = sum(chunk[0] for chunk in chunks)
    parts = [chunk for chunk in chunks if chunk[0]]
    ids, days, packed = (
        np.concatenate([np.fromstring(c[i], dtype=np.int64, sep=",") for c in parts])
        for i in (1, 2, 3)
    )
    if not len(ids) == len(days) == len(packed) == n:
        raise AssertionError("the events scan returned columns of different lengths")
    start, end = days // _DAY_SHIFT, days % _DAY_SHIFT
    uz_null = (packed & 32) != 0
    texts: dict[str, _Text] = {}
    for i, name in enumerate(_TEXT_COLUMNS, start=5):
        blob = _SEP.encode().join(c[i] for c in parts)
        text = _Text.from_blob(blob, n, uz_null if name == "title_uz" else None)
        if text is None:  # a string holds the separator: read this column row by row
            text = _Text(extra=_column(conn, name, first, last))
        texts[name] = text
    coded = _category_codes(_SEP.encode().join(c[4] for c in parts), n)
    if coded is None:  # a category holds the separator
        codes = _Codes()
        names = _column(conn, "category", first, last)
        coded = np.fromiter(map(codes.__getitem__, names), np.int32, n), list(codes)
    category, categories = coded
    order = _timeline_order(ids, days)
    columns = Columns(
        _Store(texts, categories, n),
        ids=ids[order],
        start=start[order],
        end=end[order],
        status=(packed & 3)[order],
        precision=((packed >> 2) & 3)[order],
        verified=((packed & 16) != 0)[order],
        category=category[order],
        slot=order,
        generation=generation,
        max_id=max_id,
    )
    if n >= TRIM_AFTER:
        del ids, days, packed, start, end, uz_null, category, order, chunks, parts
        # The scan filled this connection's page cache with index pages the snapshot
        # now answers for; other queries read their few pages again.
        conn.execute("PRAGMA shrink_memory")
        _trim_heap()
    return columns


def _trim_heap() -> None:
    """Hand the memory a load used for a moment back to the system. glibc keeps freed heap
    memory for reuse: after loading 1M events the process would stay ~170 MB larger than
    the snapshot it holds. Elsewhere (macOS, Windows, musl) this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        malloc_trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    malloc_trim(0)


def _separators(blob: bytes) -> Ints:
    """Positions of the _SEP bytes, looked for 16 MB at a time (a bool per byte)."""
    data, step, sep = np.frombuffer(blob, np.uint8), 1 << 24, ord(_SEP)
    found = [np.flatnonzero(data[i : i + step] == sep) + i for i in range(0, len(data), step)]
    return np.concatenate(found) if found else np.zeros(0, np.int64)


def _starts(blob: bytes, n: int) -> Column | None:
    """Where each of n strings joined by _SEP starts, and len + 1 last; None if a string
    holds _SEP (the count is off)."""
    seps = _separators(blob)
    if len(seps) != n - 1:
        return None
    starts = np.empty(n + 1, np.uint32 if len(blob) < 2**32 - 1 else np.int64)
    starts[0], starts[1:n], starts[n] = 0, seps + 1, len(blob) + 1
    return starts


class _Codes(dict[str, int]):
    """Codes handed out in order of first sight."""

    def __missing__(self, key: str) -> int:
        self[key] = code = len(self)
        return code


def _category_codes(blob: bytes, n: int) -> tuple[Column, list[str]] | None:
    """The n categories joined in `blob` as codes, and the names of the codes; None if a
    category holds _SEP. Split 64k at a time: a million str at once take 60 MB."""
    starts = _starts(blob, n)
    if starts is None:
        return None
    codes, out, step = _Codes(), np.empty(n, np.int32), 1 << 16
    for i in range(0, n, step):
        j = min(i + step, n)
        names = blob[int(starts[i]) : int(starts[j]) - 1].decode().split(_SEP)
        out[i:j] = np.fromiter(map(codes.__getitem__, names), np.int32, j - i)
    return out, list(codes)


def _scan(conn: sqlite3.Connection, first: int, last: int) -> list[tuple[Any, ...]]:
    """The aggregated columns of events starting in [first, last]; split in halves when a
    value would pass SQLite's length limit (a billion bytes by default)."""
    try:
        return [tuple(conn.execute(_SCAN_SQL, (first, last)).fetchone())]
    except sqlite3.Error as exc:
        too_big = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_TOOBIG
        if not too_big or first == last:
            raise
    middle = (first + last) // 2
    return _scan(conn, first, middle) + _scan(conn, middle + 1, last)


def _column(conn: sqlite3.Connection, name: str, first: int, last: int) -> list[Any]:
    """One column in the order of _SCAN_SQL (the same index scan), a row at a time."""
    rows = conn.execute(
        f"SELECT {name} FROM events INDEXED BY events_timeline"
        " WHERE deleted_at IS NULL AND start_day BETWEEN ? AND ?",
        (first, last),
    )
    return [row[0] for row in rows]


def _timeline_order(ids: Ints, days: Ints) -> Ints:
    """The permutation sorting by (start_day, end_day, id). The scan gives (start_day,
    end_day) order already, so sort runs of equal days by id with one int64 argsort."""
    n = len(ids)
    if n and bool(np.all(days[1:] >= days[:-1])) and int(ids.min()) >= 0 and ids.max() < 2**32:
        group = np.zeros(n, np.int64)
        np.cumsum(days[1:] != days[:-1], out=group[1:])
        order: Ints = np.argsort((group << 32) | ids)
        return order
    return np.lexsort((ids, days)).astype(np.int64)


# -- windows -------------------------------------------------------------------------------------


class EventWindow(Sequence[EventRow]):
    """Events in timeline order, as Archive.events_between() returns them.

    A read-only sequence of EventRow that builds rows only when they are read: indexing,
    slicing (another EventWindow), iterating; it equals a list of the same rows. `ids` has
    the event ids as a numpy array without building anything. The window is a snapshot:
    later changes to the archive do not show in it.
    """

    __slots__ = ("_columns", "_positions")

    _CHUNK: Final = 4096  # rows built at a time when iterating

    def __init__(self, columns: Columns, positions: Ints) -> None:
        self._columns = columns
        self._positions = positions

    @property
    def ids(self) -> Ints:
        ids: Ints = self._columns.ids[self._positions]
        return ids

    @property
    def start_days(self) -> Ints:
        days: Ints = self._columns.start[self._positions]
        return days

    @property
    def end_days(self) -> Ints:
        days: Ints = self._columns.end[self._positions]
        return days

    def ids_array(self) -> array[int]:
        """The ids as array('i'), what Archive.event_ids_between() returns."""
        return _int_array(self.ids)

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> EventRow: ...

    @overload
    def __getitem__(self, index: slice) -> EventWindow: ...

    def __getitem__(self, index: int | slice) -> EventRow | EventWindow:
        if isinstance(index, slice):
            return EventWindow(self._columns, self._positions[index])
        position = self._positions[index]  # an IndexError like a list's
        return self._columns.store.rows(self._columns, np.array([position]), keep=True)[0]

    def __iter__(self) -> Iterator[EventRow]:
        for i in range(0, len(self._positions), self._CHUNK):
            yield from self._rows(self._positions[i : i + self._CHUNK])

    def __reversed__(self) -> Iterator[EventRow]:
        return reversed(self.to_list())

    def to_list(self) -> list[EventRow]:
        """Every row, built at once (the fastest way to get them all)."""
        return self._rows(self._positions)

    def _rows(self, positions: Ints) -> list[EventRow]:
        keep = len(self._positions) <= MEMO_ROWS // 4
        return self._columns.store.rows(self._columns, positions, keep=keep)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventWindow):
            if other._columns is self._columns:
                return bool(np.array_equal(self._positions, other._positions))
            return len(self) == len(other) and self.to_list() == other.to_list()
        if isinstance(other, list):  # like a list, not equal to a tuple
            return len(self) == len(other) and self.to_list() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking like a list: unhashable

    def __repr__(self) -> str:
        shown = ", ".join(f"{row.id}: {row.edtf} {row.title_en!r}" for row in self[:3])
        more = ", ..." if len(self) > 3 else ""
        return f"<EventWindow of {len(self)} events [{shown}{more}]>"
