"""Everything that touches Whoosh: schema, posting format, analyzer adapter, bulk readers.

Whoosh is the segment store here (writer, segments, merges, term dictionary, deletions,
locking). Queries are executed by `engine` on numpy arrays read straight from Whoosh's
posting blocks and columns, because Whoosh's own matchers and collectors run per document in
Python and cannot meet the latency targets with facets (see `index` docstring).

Whoosh 2.7.4 is pinned (<2.8), so the private structures read here do not move; the tests
build real indexes and cover every reader below.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from whoosh import analysis as whoosh_analysis
from whoosh import columns, fields, formats
from whoosh.codec import whoosh3
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from uzkz_desktop.search.analysis import analyse, analyse_terms

# The text of one event goes to Whoosh as one string: its parts (title, excerpts) each with
# their language, separated by control characters that never survive `analyse`.
PART_SEP = "\x1e"
LANG_SEP = "\x1f"
# Positions skipped between parts, so that a phrase never spans two excerpts.
PART_GAP = 8

BODY = "body"  # analysed keys with positions
EVENT = "eid"  # the event id as a unique term (update/delete)
EVENT_COLUMN = "eidn"  # the event id as a fixed-width column (bulk docnum → event id)
TEXTS = "texts"  # stored: title and excerpts (only when the index stores texts)

BLOCK_LIMIT = 1024  # postings per block: fewer, larger blocks read faster with numpy

_LENGTH_OF_BYTE = np.array([byte_to_length(code) for code in range(256)], dtype=np.float32)


def encode_parts(parts: Iterable[tuple[str | None, str]]) -> str:
    """One field value from (language, text) parts."""
    return PART_SEP.join(f"{language or ''}{LANG_SEP}{text}" for language, text in parts)


def decode_parts(value: str) -> Iterator[tuple[str | None, str]]:
    for part in value.split(PART_SEP):
        language, _, text = part.partition(LANG_SEP)
        yield language or None, text


def _analyse_value(value: str) -> dict[str, list[int]]:
    """Positions of each key in a field value (parts separated by PART_GAP positions)."""
    positions: dict[str, list[int]] = defaultdict(list)
    position = 0
    for language, text in decode_parts(value):
        terms = analyse_terms(text, language)
        for at, term in enumerate(terms, position):
            positions[term].append(at)
        position += len(terms) + PART_GAP
    return positions


class PackedPositions(formats.Format):  # type: ignore[misc]
    """Positions as a native uint32 array per posting (decoded in bulk by `_read_blocks`)."""

    posting_size = -1
    textual = True
    __inittypes__: ClassVar[dict[str, type]] = {"field_boost": float}

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        positions = _analyse_value(value)
        boost = self.field_boost
        for term, where in positions.items():
            yield term, len(where), boost * len(where), array("I", where).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(array("I", valuestring))

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return self.field_boost * (len(valuestring) // 4)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        return [(position, 0, 0) for position in array("I", valuestring)]

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, float]]:
        return [(position, 1.0) for position in array("I", valuestring)]

    def supports(self, name: str) -> bool:
        return name in ("frequency", "weight", "positions", "position_boosts")


class UzkzTokenizer(whoosh_analysis.Tokenizer):  # type: ignore[misc]
    """Whoosh adapter around `analyse`: one Whoosh token per analysed word.

    The value may be a plain text (language detected) or an `encode_parts` value. Positions
    and character offsets are those of `analyse` (offsets into each part's original text,
    shifted by the part's place in the value).
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UzkzTokenizer)

    def __hash__(self) -> int:
        return hash(UzkzTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        token = whoosh_analysis.Token(positions, chars, removestops=removestops, mode=mode)
        position = start_pos
        offset = start_char
        parts = decode_parts(value) if PART_SEP in value or LANG_SEP in value else [(None, value)]
        for language, text in parts:
            for found in analyse(text, language):
                token.text = found.term
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = text[found.start : found.end]
                if positions:
                    token.pos = position
                if chars:
                    token.startchar = offset + found.start
                    token.endchar = offset + found.end
                position += 1
                yield token
            position += PART_GAP
            offset += len(language or "") + len(text) + 2


def UzkzAnalyzer() -> Any:  # noqa: N802 - a Whoosh-style analyzer factory
    """The Whoosh analyzer of the body field (a tokenizer is a complete analyzer)."""
    return UzkzTokenizer()


def make_schema(*, store_texts: bool) -> Any:
    body = fields.FieldType(
        format=PackedPositions(), analyzer=UzkzAnalyzer(), scorable=True, stored=False
    )
    spec: dict[str, Any] = {
        BODY: body,
        EVENT: fields.ID(unique=True),
        EVENT_COLUMN: fields.COLUMN(columns.NumericColumn("q", default=-1)),
    }
    if store_texts:
        spec[TEXTS] = fields.STORED()
    return fields.Schema(**spec)


# --- a codec whose blocks unpickle fast ------------------------------------------------------
#
# Whoosh's W3 codec pickles each block of postings as tuples of Python ints, floats and one
# bytes object per posting (its positions), with pickle protocol 2, where every bytes object
# costs a function call to load: ~0.9 ms per block of 1,024 postings. Here a block is a
# handful of byte strings (delta-coded ids, float32 weights, position counts, positions),
# pickled with the highest protocol: it loads in microseconds and decodes with numpy.
# Whoosh's own matchers (used when segments merge) read it through `PackedLeafMatcher`.

_PACKED = "uzkz-packed-1"
_COMPRESS_FROM = 64  # postings; smaller blocks are stored as they are


@dataclass(frozen=True)
class _Joined:
    """The values of a block given in bulk: their byte lengths and their concatenation."""

    lengths: bytes
    data: bytes

    def __len__(self) -> int:
        return len(self.lengths) // 4


class PackedPostingsWriter(whoosh3.W3PostingsWriter):  # type: ignore[misc]
    def _write_block(self, last: bool = False) -> None:
        if self._byteids:
            whoosh3.W3PostingsWriter._write_block(self, last)
            return
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        if len(ids) > 16:
            numbers = np.frombuffer(ids, dtype=np.uint32)
            deltas = numbers.copy()
            deltas[1:] -= numbers[:-1]
            delta_bytes = deltas.tobytes()
        else:
            delta_bytes = array(
                "I", [b - a for a, b in zip([0, *ids[:-1]], ids, strict=True)]
            ).tobytes()
        weights = self._weights
        first_weight = weights[0]
        packed_weights: bytes | float | None
        if all(weight == first_weight for weight in weights):
            packed_weights = None if first_weight == 1.0 else float(first_weight)
        else:
            packed_weights = weights.tobytes()
        values: Any = self._values
        lengths: bytes | None = None
        joined: bytes | None = None
        if isinstance(values, _Joined):
            lengths, joined = values.lengths, values.data
        elif values:
            lengths = array("I", map(len, values)).tobytes()
            joined = b"".join(values)
        data = (_PACKED, delta_bytes, packed_weights, lengths, joined)
        databytes = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
        compression = self._compression
        if compression and len(ids) >= _COMPRESS_FROM:
            databytes = zlib.compress(databytes, compression)
        else:
            compression = 0
        infobytes = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                compression,
                whoosh3.length_to_byte(self._minlength),
                whoosh3.length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        if last:
            blocklength *= -1
        self._postfile.write_int(blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def add_many(
        self,
        ids: array[int],
        weights: array[float],
        value_lengths: array[int],
        values: bytes,
        doc_lengths: list[int],
    ) -> None:
        """All postings of a term at once (ascending ids), instead of `add_posting` calls.

        Full blocks are written; the last (partial or full) block stays buffered for
        `finish_postings`, as with `add_posting`.
        """
        count = len(ids)
        limit: int = self._blocklimit
        offset = 0
        self._ids: array[int]
        for first in range(0, count, limit):
            last = min(count, first + limit)
            if self._ids:
                self._write_block()
            chunk_lengths = value_lengths[first:last]
            size = sum(chunk_lengths)
            self._ids = ids[first:last]
            self._weights = weights[first:last]
            self._values = _Joined(chunk_lengths.tobytes(), values[offset : offset + size])
            offset += size
            lengths = [doc_lengths[docnum] for docnum in self._ids]
            self._minlength = min(lengths)
            self._maxlength = max(lengths)
            self._maxweight = max(self._weights)


class PackedLeafMatcher(whoosh3.W3LeafMatcher):  # type: ignore[misc]
    def _packed(self) -> tuple[Any, ...] | None:
        if self._data is None:
            self._read_data()
        data = self._data
        return data if data and data[0] == _PACKED else None

    def _read_ids(self) -> None:
        data = self._packed()
        if data is None:
            whoosh3.W3LeafMatcher._read_ids(self)
            return
        ids = np.cumsum(np.frombuffer(data[1], dtype=np.uint32), dtype=np.int64)
        self._ids = tuple(ids.tolist())

    def _read_weights(self) -> None:
        data = self._packed()
        if data is None:
            whoosh3.W3LeafMatcher._read_weights(self)
            return
        weights = data[2]
        if weights is None:
            self._weights = array("f", [1.0] * self._blocklength)
        elif isinstance(weights, float):
            self._weights = array("f", [weights] * self._blocklength)
        else:
            self._weights = array("f", weights)

    def _read_values(self) -> None:
        data = self._packed()
        if data is None:
            whoosh3.W3LeafMatcher._read_values(self)
            return
        if data[3] is None:
            self._values = (b"",) * self._blocklength
            return
        joined = data[4]
        ends = np.cumsum(np.frombuffer(data[3], dtype=np.uint32), dtype=np.int64).tolist()
        starts = [0, *ends[:-1]]
        self._values = tuple(joined[a:b] for a, b in zip(starts, ends, strict=True))


_Entry = tuple["array[int]", "array[float]", "array[int]", bytearray]


class FastPool:
    """The postings of a new segment grouped by term in compact arrays, in memory.

    Replaces Whoosh's PostingPool (one tuple per posting, sorted in runs pickled to disk):
    postings are appended to their term's arrays; `FastFieldWriter` writes each term in
    one go. Terms are kept as str (UTF-8 byte order is code point order).
    """

    def __init__(self) -> None:
        self.fields: dict[str, dict[str, _Entry]] = {}
        self.postings = 0

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def _entry(self, fieldname: str, term: str) -> _Entry:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        entry = terms.get(term)
        if entry is None:
            entry = terms[term] = (array("I"), array("f"), array("I"), bytearray())
        return entry

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Whoosh's interface (merges, ordinary fields): one posting."""
        fieldname, text, docnum, weight, value = item
        entry = self._entry(fieldname, text.decode("utf-8"))
        entry[0].append(docnum)
        entry[1].append(weight)
        value = value or b""
        entry[2].append(len(value))
        entry[3].extend(value)
        self.postings += 1

    def add_positions(self, fieldname: str, docnum: int, positions: dict[str, list[int]]) -> int:
        """All postings of one document's positional field; returns its token count."""
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        total = 0
        for term, where in positions.items():
            entry = terms.get(term)
            if entry is None:
                entry = terms[term] = (array("I"), array("f"), array("I"), bytearray())
            count = len(where)
            total += count
            entry[0].append(docnum)
            entry[1].append(count)
            entry[2].append(4 * count)
            entry[3].extend(array("I", where).tobytes())
        self.postings += len(positions)
        return total

    def add_bulk(
        self,
        fieldname: str,
        term: str,
        ids: NDArray[np.int64],
        weights: NDArray[np.float32],
        value_lengths: NDArray[np.int64],
        values: bytes,
    ) -> None:
        """Many postings of one term at once (a merged segment's), ids ascending."""
        entry = self._entry(fieldname, term)
        entry[0].frombytes(ids.astype(np.uint32).tobytes())
        entry[1].frombytes(weights.astype(np.float32).tobytes())
        entry[2].frombytes(value_lengths.astype(np.uint32).tobytes())
        entry[3].extend(values)
        self.postings += len(ids)

    def iter_postings(self) -> _PoolPostings:
        return _PoolPostings(self)

    def cleanup(self) -> None:
        self.fields.clear()


class _PoolPostings:
    """`FastPool.iter_postings()`: `FastFieldWriter` reads the pool in bulk; anything else
    gets Whoosh's (fieldname, text, docnum, weight, value) tuples in order."""

    def __init__(self, pool: FastPool) -> None:
        self.pool = pool

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname in sorted(self.pool.fields):
            terms = self.pool.fields[fieldname]
            for term in sorted(terms):
                ids, weights, lengths, data = terms[term]
                text = term.encode("utf-8")
                offset = 0
                for docnum, weight, length in zip(ids, weights, lengths, strict=True):
                    yield fieldname, text, docnum, weight, bytes(data[offset : offset + length])
                    offset += length


class FastFieldWriter(whoosh3.W3FieldWriter):  # type: ignore[misc]
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        if not isinstance(items, _PoolPostings):
            whoosh3.W3FieldWriter.add_postings(self, schema, lengths, items)
            return
        for fieldname in sorted(items.pool.fields):
            terms = items.pool.fields[fieldname]
            fieldobj = schema[fieldname]
            self.start_field(fieldname, fieldobj)
            doc_lengths = _bulk_lengths(lengths, fieldname, fieldobj)
            for term in sorted(terms):
                ids, weights, value_lengths, data = terms[term]
                self.start_term(term.encode("utf-8"))
                if len(doc_lengths) <= ids[-1]:
                    doc_lengths = doc_lengths + [0] * (ids[-1] + 1 - len(doc_lengths))
                self._postwriter.add_many(ids, weights, value_lengths, bytes(data), doc_lengths)
                self.finish_term()
            self.finish_field()


def _bulk_lengths(perdoc: Any, fieldname: str, fieldobj: Any) -> list[int]:
    """The field length of every document of the segment being written (0 if unscored)."""
    if perdoc is None or not fieldobj.scorable:
        return []
    column_reader = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if column_reader is None:
        return []
    doccount = perdoc.doc_count_all()
    stored = min(column_reader._count, doccount)
    raw = column_reader._dbfile.get(column_reader._basepos, stored * column_reader._fixedlen)
    codes = np.zeros(doccount, dtype=np.int64)
    codes[:stored] = np.frombuffer(raw, dtype=np.uint8)
    lengths: list[int] = _LENGTH_OF_BYTE[codes].astype(np.int64).tolist()
    return lengths


class FastSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's SegmentWriter with the in-memory `FastPool` and a direct path for the
    positional field (no per-posting tuples). Field boosts, spelling and vectors, which
    this schema does not use, are not supported."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        SegmentWriter.__init__(self, ix, **kwargs)
        self.pool = FastPool()

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """A merged segment's postings, read in bulk (Whoosh reads them one by one)."""
        if docmap is None and not reader.has_deletions() and self._append_segment(reader, startdoc):
            return
        mapping = None
        if docmap is not None:
            mapping = np.full(reader.doc_count_all(), -1, dtype=np.int64)
            if docmap:
                old = np.fromiter(docmap.keys(), dtype=np.int64, count=len(docmap))
                mapping[old] = np.fromiter(docmap.values(), dtype=np.int64, count=len(docmap))
        deleted = deleted_mask(reader)
        for fieldname in reader.indexed_field_names():
            if fieldname not in self.schema:
                continue
            for text in reader.lexicon(fieldname):
                postings = read_postings(reader, fieldname, text, positions=True)
                keep = ~deleted[postings.ids]
                if mapping is not None:
                    keep &= mapping[postings.ids] >= 0
                if not keep.any():
                    continue
                kept = np.flatnonzero(keep)
                _, positions = postings.positions_of(kept)
                ids = postings.ids[kept]
                new_ids = mapping[ids] if mapping is not None else ids + startdoc
                assert postings.counts is not None
                self.pool.add_bulk(
                    fieldname,
                    text.decode("utf-8") if isinstance(text, bytes) else text,
                    new_ids,
                    postings.weights[kept],
                    postings.counts[kept] * 4,
                    positions.astype(np.uint32).tobytes(),
                )

    def _append_segment(self, reader: Any, startdoc: int) -> bool:
        """Copy a segment without deletions block by block, without decoding it.

        Returns False (having added nothing) unless every term is in packed blocks: the
        common case of merging the small segments single updates leave behind.
        """
        terms_reader = reader._terms
        schema = self.schema
        copied: list[tuple[str, str, list[tuple[Any, ...]]]] = []
        for (fieldname, text), terminfo in terms_reader.items():
            if fieldname not in schema:
                continue
            matcher = reader._codec.postings_reader(
                terms_reader._postfile, terminfo, schema[fieldname].format
            )
            if not isinstance(matcher, PackedLeafMatcher):
                return False
            blocks = list(_raw_blocks(matcher))
            if any(block[0] != _PACKED for block, _ in blocks):
                return False
            copied.append((fieldname, text.decode("utf-8"), blocks))
        pool = self.pool
        for fieldname, term, blocks in copied:
            entry = pool._entry(fieldname, term)
            for (_, deltas, weights, lengths, values), count in blocks:
                docnum = startdoc
                ids = entry[0]
                for delta in array("I", deltas):
                    docnum += delta
                    ids.append(docnum)
                if weights is None or isinstance(weights, float):
                    entry[1].extend([1.0 if weights is None else weights] * count)
                else:
                    entry[1].frombytes(weights)
                if lengths is None:
                    entry[2].extend([0] * count)
                else:
                    entry[2].frombytes(lengths)
                    entry[3].extend(values)
                pool.postings += count
        return True

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                if isinstance(field.format, PackedPositions):
                    length = pool.add_positions(fieldname, docnum, _analyse_value(value))
                else:
                    for text, frequency, weight, encoded in field.index(value):
                        if field.scorable:
                            length += frequency
                        pool.add((fieldname, text, docnum, weight, encoded))
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdocwriter.add_column_value(
                    fieldname, field.column_type, field.to_column_value(value)
                )
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1


class PackedCodec(whoosh3.W3Codec):  # type: ignore[misc]
    """W3 with `PackedPostingsWriter` blocks (each segment remembers its codec)."""

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return FastFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            return whoosh3.W3Codec.postings_reader(self, dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def codec() -> Any:
    return PackedCodec(blocklimit=BLOCK_LIMIT)


# --- bulk readers ---------------------------------------------------------------------------


@dataclass
class Postings:
    ids: NDArray[np.int64]  # segment-local document numbers, ascending
    weights: NDArray[np.float32]  # term frequency x boost
    # positions, when asked for: all of them concatenated, and each posting's first index
    # into that array and count (its term frequency)
    positions: NDArray[np.uint32] | None = None
    starts: NDArray[np.int64] | None = None
    counts: NDArray[np.int64] | None = None

    @property
    def has_positions(self) -> bool:
        return self.positions is not None

    def keep(self, mask: NDArray[np.bool_]) -> Postings:
        if self.starts is None or self.counts is None:
            return Postings(self.ids[mask], self.weights[mask])
        return Postings(
            self.ids[mask], self.weights[mask], self.positions, self.starts[mask], self.counts[mask]
        )

    def positions_of(
        self, selected: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(document, position) pairs of the postings at indexes `selected`."""
        assert self.positions is not None
        assert self.starts is not None
        assert self.counts is not None
        counts = self.counts[selected]
        total = int(counts.sum())
        if not total:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        firsts = np.repeat(self.starts[selected], counts)
        within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        positions = self.positions[firsts + within].astype(np.int64)
        return np.repeat(self.ids[selected], counts), positions


_EMPTY_IDS: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS: NDArray[np.float32] = np.zeros(0, dtype=np.float32)


def _empty_postings(positions: bool) -> Postings:
    if not positions:
        return Postings(_EMPTY_IDS, _EMPTY_WEIGHTS)
    return Postings(_EMPTY_IDS, _EMPTY_WEIGHTS, np.zeros(0, np.uint32), _EMPTY_IDS, _EMPTY_IDS)


def _raw_matcher(reader: Any, field: str, term: str) -> Any:
    try:
        matcher = reader.postings(field, term)
    except TermNotFound:
        return None
    while isinstance(matcher, FilterMatcher):  # deleted documents are masked by the engine
        matcher = matcher.child
    return matcher


def read_postings(reader: Any, field: str, term: str, *, positions: bool = False) -> Postings:
    """All postings of `term` in one segment, deleted documents included."""
    matcher = _raw_matcher(reader, field, term)
    if matcher is None:
        return _empty_postings(positions)
    if isinstance(matcher, whoosh3.W3LeafMatcher):
        return _read_blocks(matcher, positions)
    return _read_generic(matcher, positions)


def _weights(weights: Any, count: int) -> NDArray[np.float32]:
    if weights is None:
        return np.ones(count, dtype=np.float32)
    if isinstance(weights, float):
        return np.full(count, weights, dtype=np.float32)
    if isinstance(weights, bytes):
        return np.frombuffer(weights, dtype=np.float32)
    return np.asarray(weights, dtype=np.float32)


def _raw_blocks(matcher: Any) -> Iterator[tuple[tuple[Any, ...], int]]:
    """The unpickled data of each block of a posting list, and its posting count."""
    postfile = matcher._postfile
    while True:
        raw = postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
        if matcher._compression:
            raw = zlib.decompress(raw)
        yield pickle.loads(raw), matcher._blocklength
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)


def _read_blocks(matcher: Any, want_positions: bool) -> Postings:
    id_parts: list[NDArray[np.int64]] = []
    weight_parts: list[NDArray[np.float32]] = []
    count_parts: list[NDArray[np.int64]] = []
    position_parts: list[NDArray[np.uint32]] = []
    postfile = matcher._postfile
    while True:
        count = matcher._blocklength
        raw = postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
        if matcher._compression:
            raw = zlib.decompress(raw)
        data = pickle.loads(raw)
        if data[0] == _PACKED:
            id_parts.append(np.cumsum(np.frombuffer(data[1], dtype=np.uint32), dtype=np.int64))
            weight_parts.append(_weights(data[2], count))
            if want_positions:
                lengths = np.frombuffer(data[3] or b"", dtype=np.uint32).astype(np.int64)
                count_parts.append(lengths // 4 if len(lengths) else np.zeros(count, np.int64))
                position_parts.append(np.frombuffer(data[4] or b"", dtype=np.uint32))
        else:  # a block written by the plain W3 codec
            ids, weights, block_values = data
            id_parts.append(np.cumsum(np.asarray(ids, dtype=np.int64)))
            weight_parts.append(_weights(weights, count))
            if want_positions:
                values = list(block_values or [b""] * count)
                count_parts.append(np.fromiter(map(len, values), np.int64, count=count) // 4)
                position_parts.append(np.frombuffer(b"".join(values), dtype=np.uint32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    ids_all = id_parts[0] if len(id_parts) == 1 else np.concatenate(id_parts)
    weights_all = weight_parts[0] if len(weight_parts) == 1 else np.concatenate(weight_parts)
    if not want_positions:
        return Postings(ids_all, weights_all)
    counts = np.concatenate(count_parts)
    positions = np.concatenate(position_parts)
    return Postings(ids_all, weights_all, positions, np.cumsum(counts) - counts, counts)


def _read_generic(matcher: Any, want_positions: bool) -> Postings:
    ids: list[int] = []
    weights: list[float] = []
    found: list[bytes] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if want_positions:
            found.append(matcher.value() or b"")
        matcher.next()
    postings = Postings(np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32))
    if want_positions:
        counts = np.fromiter((len(value) // 4 for value in found), np.int64, count=len(found))
        postings.positions = np.frombuffer(b"".join(found), dtype=np.uint32)
        postings.counts = counts
        postings.starts = np.cumsum(counts) - counts
    return postings


def _fixed_column(reader: Any, column_reader: Any, dtype: str, default: int) -> NDArray[np.int64]:
    doccount = reader.doc_count_all()
    stored = min(column_reader._count, doccount)
    raw = column_reader._dbfile.get(column_reader._basepos, stored * column_reader._fixedlen)
    values = np.frombuffer(raw, dtype=dtype).astype(np.int64)
    if stored < doccount:
        values = np.concatenate([values, np.full(doccount - stored, default, dtype=np.int64)])
    return values


def read_lengths(reader: Any, field: str) -> NDArray[np.float32]:
    """The token count of `field` (Whoosh's one-byte approximation) in each document."""
    column_reader = reader._perdoc._cached_reader(whoosh3._lenfield(field), whoosh3.LENGTHS_COLUMN)
    if column_reader is None:
        return np.zeros(reader.doc_count_all(), dtype=np.float32)
    codes = _fixed_column(reader, column_reader, "u1", 0)
    return _LENGTH_OF_BYTE[codes]


def read_event_ids(reader: Any) -> NDArray[np.int64]:
    """The event id of every document of a segment (-1 where there is none)."""
    perdoc = reader._perdoc
    if not perdoc.has_column(EVENT_COLUMN):
        return np.full(reader.doc_count_all(), -1, dtype=np.int64)
    column_reader = perdoc.column_reader(EVENT_COLUMN, columns.NumericColumn("q", default=-1))
    return _fixed_column(reader, column_reader, ">i8", -1)


def deleted_mask(reader: Any) -> NDArray[np.bool_]:
    mask = np.zeros(reader.doc_count_all(), dtype=bool)
    if reader.has_deletions():
        deleted = np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)
        mask[deleted[deleted < len(mask)]] = True
    return mask


def segment_id(reader: Any) -> str:
    return str(reader._segment.segment_id())


def segment_key(segment: Any) -> tuple[str, int]:
    """A segment's identity including its deletions (a reader is valid for one key)."""
    return str(segment.segment_id()), segment.deleted_count()


def reader_key(reader: Any) -> tuple[str, int]:
    return segment_key(reader._segment)


def latest_segments(ix: Any) -> list[Any]:
    """The segments of the index's latest generation (its table of contents)."""
    segments: list[Any] = ix._segments()
    return segments


def open_segment(ix: Any, segment: Any) -> Any:
    return SegmentReader(ix.storage, ix.schema, segment, generation=ix.latest_generation())


def merge_segments_up_to(documents: int, at_least: int) -> Callable[[Any, list[Any]], list[Any]]:
    """A Whoosh merge policy: merge the segments of at most `documents` documents into the
    new one, when there are at least `at_least` of them; keep the others as they are."""

    def policy(writer: Any, segments: list[Any]) -> list[Any]:
        small = [segment for segment in segments if segment.doc_count_all() <= documents]
        if len(small) < at_least:
            return list(segments)
        for segment in small:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        return [segment for segment in segments if segment not in small]

    return policy
