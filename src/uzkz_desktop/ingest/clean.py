"""Clean-up of text extracted from PDFs (and of plain text, Markdown, HTML and DOCX text).

`clean_text(raw)` returns the readable body of a document together with everything needed to
cite it: a map from every cleaned character back to the raw text (which is stored verbatim;
excerpts are stored as raw offsets), the page each character is on, the paragraphs and their
kinds (so the reference list can be skipped), and the footnotes that were taken out of the
body with the place their markers stood.

The rules come from the artefact inventory of the seed corpus (research note
`uz_text_eval.md` §5). They are conservative where a wrong guess would change the text:
line-final hyphens are kept, words are re-joined only when the document itself vouches for
the joined form, and a number is a footnote marker only if that footnote exists. Plain text
that is not a PDF extraction comes out with its paragraphs as they were. Running headers and
footers, and the page breaks they mark, are also found where no page break is given, by the
page number that grows from page to page (`_clean_running`); tests/ingest/data/clean/ holds
documents in every language that the rules were not fitted to.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from uzkz_desktop.ingest._clean_glue import (
    CLOSERS,
    HYPHENS,
    normalise_spaces,
    space_edits,
    tight_join,
)
from uzkz_desktop.ingest._clean_lines import Layout, Line, Profile, profile, split_lines
from uzkz_desktop.ingest._clean_map import MapBuilder, OffsetMap, apply_edits
from uzkz_desktop.ingest._clean_markdown import looks_like_markdown, markdown_line
from uzkz_desktop.ingest._clean_notes import Notes, find_notes
from uzkz_desktop.ingest._clean_pages import Pages, find_pages
from uzkz_desktop.ingest._clean_paras import (
    BodyLine,
    assign_roles,
    breaks_paragraph,
    paragraph_kinds,
    strong_gap,
)
from uzkz_desktop.ingest._clean_words import Vocabulary, find_splits, locate_splits

__all__ = ["CleanedText", "Footnote", "Marker", "OffsetMap", "Paragraph", "WordJoin", "clean_text"]

PARAGRAPH_BREAK = "\n\n"
_SOFT_HYPHEN = "\u00ad"
_KIND_PREFIX = 120


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int  # offset in CleanedText.text
    end: int  # exclusive
    page: str | None  # label of the page the paragraph starts on
    kind: str  # "body" | "heading" | "caption" | "reference" | "abstract"


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    text: str  # the body, lines joined
    raw_start: int  # span of the raw text the footnote came from (number included)
    raw_end: int
    page: str | None
    anchor: int | None  # offset in CleanedText.text where its marker stood; None if not found


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote marker taken out of the body (`imzolandi1.` -> `imzolandi.`)."""

    number: int
    anchor: int  # offset in CleanedText.text where it stood
    raw_start: int  # the raw characters removed (the number, and spaces before a spaced one)
    raw_end: int


@dataclass(frozen=True, slots=True)
class WordJoin:
    """A word the extraction had split with a space, and which the clean-up re-joined."""

    split: str  # as it was, e.g. "sifa tida"
    joined: str  # e.g. "sifatida"
    offset: int | None  # where the joined word starts in CleanedText.text (None: in a footnote)


@dataclass(frozen=True, slots=True)
class CleanedText:
    text: str
    offsets: OffsetMap  # cleaned offset -> raw offset; see to_original()
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Footnote, ...]
    # Every footnote marker taken out of the body, including those whose footnote body is
    # missing from the extraction (003: markers 6 and 7).
    markers: tuple[Marker, ...]
    removed: tuple[tuple[int, int], ...]  # raw spans dropped: running headers/footers, repeats
    joins: tuple[WordJoin, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    page_starts: tuple[int, ...] = ()  # offset in text where each page starts
    page_labels: tuple[str, ...] = ()  # label of each of those pages

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the cleaned span text[start:end] came from."""
        return self.offsets.to_original(start, end)

    def page_at(self, offset: int) -> str | None:
        """Label of the page that character `offset` of text is on (None: no page info)."""
        if not self.page_starts:
            return None
        k = bisect_right(self.page_starts, offset) - 1
        return self.page_labels[max(k, 0)]


def clean_text(
    raw: str, *, fmt: str = "txt", page_starts: Sequence[int] | None = None
) -> CleanedText:
    """Clean `raw` (the original text of a document); see the module docstring.

    `fmt` is the reader's format ("txt", "md", "html", "pdf", "docx"); a .txt file that is
    really a Markdown export is recognised. `page_starts` are raw offsets of physical pages
    (from the PDF reader). Never raises on any input text.
    """
    markdown = fmt == "md" or (fmt == "txt" and looks_like_markdown(raw))
    lines = split_lines(raw)
    prof = profile(lines, markdown=markdown)
    pages = find_pages(lines, prof, page_starts, len(raw))
    notes = find_notes(raw, lines, pages, prof)
    # Split words are a PDF-extraction artefact: plain text, Markdown and Word files keep theirs.
    pdf_like = fmt == "pdf" or pages.real or prof.layout in (Layout.DOUBLE, Layout.FLOW)
    splits = find_splits(Vocabulary(raw)) if pdf_like else set()
    located = locate_splits(raw, splits)
    edits = _line_edits(raw, lines, notes, located)
    body = _body_lines(raw, lines, pages, notes, edits, markdown)
    assign_roles(body, prof)
    text, offsets, paragraph_starts = _assemble(raw, body, prof)
    if notes.inline or markdown or located:
        # Cutting markup, markers or split-word spaces can leave whitespace to tidy.
        tidy = space_edits(text)
        if tidy:
            text, offsets = apply_edits(text, offsets, tidy)
    paragraphs = _paragraphs(text, offsets, paragraph_starts)
    page_offsets, labels = _page_offsets(pages, offsets)
    footnotes, markers, note_joins = _footnotes(notes, pages, offsets, splits)
    removed = sorted([(lines[i].start, lines[i].end) for i in pages.removed] + notes.dropped)
    return CleanedText(
        text=text,
        offsets=offsets,
        paragraphs=tuple(
            Paragraph(start, end, _label_at(page_offsets, labels, start), kind)
            for start, end, kind in paragraphs
        ),
        notes=footnotes,
        markers=markers,
        removed=tuple(removed),
        joins=tuple(_body_joins(located, lines, body, offsets) + note_joins),
        metadata=dict(pages.metadata),
        page_starts=page_offsets,
        page_labels=labels,
    )


def _label_at(starts: tuple[int, ...], labels: tuple[str, ...], offset: int) -> str | None:
    if not starts:
        return None
    return labels[max(0, bisect_right(starts, offset) - 1)]


# An edit of one raw line: replace raw[start:end] by the string ("" deletes). Edits that come
# first in a line's list win when they overlap (markers before whitespace).
_Edit = tuple[int, int, str]


def _line_edits(
    raw: str, lines: list[Line], notes: Notes, located: list[tuple[int, str, str]]
) -> dict[int, list[_Edit]]:
    """Raw-level edits inside lines: footnote markers, split words, inline whitespace."""
    edits: dict[int, list[_Edit]] = {}
    for index, spans in notes.inline.items():
        edits.setdefault(index, []).extend((s, e, "") for s, e in spans)
    starts = [line.start for line in lines]

    def add(start: int, end: int, replacement: str) -> None:
        k = bisect_right(starts, start) - 1
        if k >= 0 and lines[k].start <= start and end <= lines[k].end:
            edits.setdefault(k, []).append((start, end, replacement))

    for space, _, _ in located:
        add(space, space + 1, "")
    for start, end, replacement in space_edits(raw):
        add(start, end, replacement)
    return edits


def _body_lines(
    raw: str,
    lines: list[Line],
    pages: Pages,
    notes: Notes,
    edits: dict[int, list[_Edit]],
    markdown: bool,
) -> list[BodyLine]:
    """The lines that stay in the body, with markup, markers and extra spaces cut out."""
    skip = pages.removed | notes.block_lines | notes.marker_lines
    body: list[BodyLine] = []
    previous_index = -1
    for line in lines:
        if line.index in skip:
            continue
        line_edits = edits.get(line.index)
        if line_edits is None and not markdown:
            # The common case: the whole line, unchanged.
            text = line.text
            if text[-1] != _SOFT_HYPHEN:
                gap = line.blanks_before if line.index == previous_index + 1 else -1
                body.append(BodyLine(line, line.start, line.end, text, gap=gap))
                previous_index = line.index
                continue
        line_edits = line_edits or []
        role, level = "text", 0
        if markdown:
            md = markdown_line(line.text)
            if md.role in ("rule", "fence"):
                continue
            role, level = md.role, md.level
            line_edits = [(line.start + s, line.start + e, "") for s, e in md.deletions] + [
                edit for edit in line_edits if not _overlaps(edit, md.deletions, line.start)
            ]
        pieces = _pieces(raw, line, line_edits) if line_edits else [(line.start, line.end, "")]
        soft = bool(pieces) and not pieces[-1][2] and raw[pieces[-1][1] - 1] == _SOFT_HYPHEN
        if soft:
            # A soft hyphen at the end of a line: the word goes on, the hyphen is invisible.
            last = pieces.pop()
            pieces = _trim(raw, [*pieces, (last[0], last[1] - 1, "")])
        if not pieces:
            continue
        adjacent = line.index == previous_index + 1
        body.append(
            BodyLine(
                line=line,
                start=pieces[0][0],
                end=pieces[-1][1],
                text=_piece_text(raw, pieces),
                pieces=pieces,
                role=role,
                level=level,
                markdown=markdown,
                gap=line.blanks_before if adjacent else -1,
                soft_hyphen=soft,
            )
        )
        previous_index = line.index
    return body


def _overlaps(edit: _Edit, spans: list[tuple[int, int]], offset: int) -> bool:
    return any(edit[0] < offset + e and offset + s < edit[1] for s, e in spans)


# A piece of a body line: (start, end, "") copies raw[start:end]; (position, position, string)
# inserts `string`, mapped to `position`.
_Piece = tuple[int, int, str]


def _pieces(raw: str, line: Line, edits: list[_Edit]) -> list[_Piece]:
    pieces: list[_Piece] = []
    position = line.start
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0]):
        if end <= position:
            continue  # overlapped by an earlier edit
        start = max(start, position)
        if start > position:
            pieces.append((position, start, ""))
        if replacement:
            pieces.append((start, start, replacement))
        position = end
    if position < line.end:
        pieces.append((position, line.end, ""))
    return _trim(raw, pieces)


def _trim(raw: str, pieces: list[_Piece]) -> list[_Piece]:
    """Drop empty pieces and whitespace at both ends of a line."""
    pieces = [p for p in pieces if p[1] > p[0] or p[2]]
    while pieces:
        s, e, insert = pieces[0]
        if insert:
            if insert.strip():
                break
            pieces.pop(0)
            continue
        while s < e and raw[s].isspace():
            s += 1
        if s < e:
            pieces[0] = (s, e, "")
            break
        pieces.pop(0)
    while pieces:
        s, e, insert = pieces[-1]
        if insert:
            if insert.strip():
                break
            pieces.pop()
            continue
        while e > s and raw[e - 1].isspace():
            e -= 1
        if e > s:
            pieces[-1] = (s, e, "")
            break
        pieces.pop()
    return pieces


def _piece_text(raw: str, pieces: list[_Piece]) -> str:
    if len(pieces) == 1 and not pieces[0][2]:
        return raw[pieces[0][0] : pieces[0][1]]
    return "".join(insert or raw[s:e] for s, e, insert in pieces)


def _assemble(
    raw: str, body: list[BodyLine], prof: Profile
) -> tuple[str, OffsetMap, list[tuple[int, tuple[str, bool, int]]]]:
    """Join the body lines into paragraphs. Returns the text, its map, and for each paragraph
    the raw offset of its first character with its first line's (role, caps, level)."""
    builder = MapBuilder(len(raw))
    starts: list[tuple[int, tuple[str, bool, int]]] = []
    current = "text"  # role of the first line of the paragraph being built
    previous: BodyLine | None = None
    for b in body:
        if previous is None or _tight(previous, b, prof):
            separator = ""
        elif breaks_paragraph(previous, b, prof, current):
            separator = PARAGRAPH_BREAK
        else:
            separator = " "
        if previous is None or separator == PARAGRAPH_BREAK:
            starts.append((b.start, (b.role, b.caps, b.level)))
            current = b.role
        at = previous.end if previous is not None else 0
        if b.pieces is None:
            builder.join(separator, at, b.text, b.start)  # the whole line, unchanged
        else:
            builder.insert(separator, at)
            for s, e, string in b.pieces:
                if string:
                    builder.insert(string, s)
                else:
                    builder.copy(raw[s:e], s)
        previous = b
    text, offsets = builder.build()
    return text, offsets, starts


def _tight(a: BodyLine, b: BodyLine, prof: Profile) -> bool:
    """b continues a's last word with no space (hard hyphen, URL, closing punctuation)."""
    if a.soft_hyphen and b.text[0].isalnum():
        return True
    if strong_gap(b, prof):
        return False  # a real paragraph break (blank lines that mean something)
    last, first = a.text[-1], b.text[0]
    if (
        first not in CLOSERS
        and last not in HYPHENS
        and "://" not in a.text
        and "www." not in a.text
    ):
        return False  # the common case, decided without a call
    return tight_join(a.text, b.text, left_continues=_continues(a, prof))


def _continues(line: BodyLine, prof: Profile) -> bool:
    """The raw line ended without its usual trailing space: the word goes on (URLs)."""
    return prof.trailing_space_style and not line.line.trailing_ws and line.end == line.line.end


def _body_joins(
    located: list[tuple[int, str, str]], lines: list[Line], body: list[BodyLine], offsets: OffsetMap
) -> list[WordJoin]:
    """The split words re-joined in the body (not those in dropped lines or footnotes)."""
    kept = {b.line.index for b in body}
    starts = [line.start for line in lines]
    joins = []
    for space, left, right in located:
        if bisect_right(starts, space) - 1 in kept:
            first = offsets.from_original(space - len(left))
            joins.append(WordJoin(f"{left} {right}", left + right, first))
    return joins


def _paragraphs(
    text: str, offsets: OffsetMap, starts: list[tuple[int, tuple[str, bool, int]]]
) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        end = text.find(PARAGRAPH_BREAK, position)
        if end < 0:
            end = len(text)
        if end > position:
            spans.append((position, end))
        position = end + len(PARAGRAPH_BREAK)
    raw_starts = [s for s, _ in starts]
    roles = []
    for start, _ in spans:
        k = max(0, bisect_right(raw_starts, offsets.original_index(start)) - 1)
        roles.append(starts[k][1] if starts else ("text", False, 0))
    # Kinds are decided on the first words (and on the whole only for short paragraphs).
    kinds = paragraph_kinds([text[s : min(e, s + _KIND_PREFIX)] for s, e in spans], roles)
    return [(s, e, kind) for (s, e), kind in zip(spans, kinds, strict=True)]


def _page_offsets(pages: Pages, offsets: OffsetMap) -> tuple[tuple[int, ...], tuple[str, ...]]:
    if not pages.starts or pages.labels is None:
        return (), ()
    return tuple(offsets.from_original(s) for s in pages.starts), tuple(pages.labels)


def _footnotes(
    notes: Notes, pages: Pages, offsets: OffsetMap, splits: set[tuple[str, str]]
) -> tuple[tuple[Footnote, ...], tuple[Marker, ...], list[WordJoin]]:
    anchors: dict[int, int] = {}
    markers = []
    for candidate, note in notes.markers:
        anchor = offsets.from_original(candidate.start)
        markers.append(Marker(candidate.number, anchor, candidate.start, candidate.end))
        if note is not None:
            anchors[id(note)] = anchor
    footnotes = []
    joins: list[WordJoin] = []
    for note in notes.notes:
        text = note.text
        located = locate_splits(text, splits)
        for space, _, _ in reversed(located):  # from the end, so the offsets stay valid
            text = text[:space] + text[space + 1 :]
        joins.extend(WordJoin(f"{left} {right}", left + right, None) for _, left, right in located)
        label = pages.labels[pages.page_of(note.raw_start)] if pages.labels else None
        footnotes.append(
            Footnote(
                note.number,
                normalise_spaces(text),
                note.raw_start,
                note.raw_end,
                label,
                anchors.get(id(note)),
            )
        )
    return tuple(footnotes), tuple(markers), joins
