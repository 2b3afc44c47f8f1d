"""The human-reviewed curation of the bundled corpus (`resources/curation/*.toml`).

One file per source article lists its events (each with the exact quotes that anchor
them), its quantitative claims (figures) and the other dated statements it makes
(mentions). Events told by several sources share an id and become one archive event.
Quotes are located in the original text here; a quote that is not found is an error,
so the bundled archive can never cite words its source does not contain.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import UzkzError
from uzkz_desktop.dates.grammar import parse_date
from uzkz_desktop.ingest.clean import CleanedText, clean_text
from uzkz_desktop.ingest.quotes import QuoteIndex, squeeze


class CurationError(UzkzError):
    """The curation files contradict the corpus (a quote not found, a bad date...)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A dated statement of one source: an event's excerpt, a figure or a mention."""

    source: str
    quote: str
    date_text: str
    span: DateSpan
    char_start: int
    char_end: int
    resolved_by_context: bool
    note: str = ""
    # Dated only by reference to an event told elsewhere ("at these talks"): an event of
    # the archive, but no date expression of its own for extraction to find.
    anaphora: bool = False


@dataclass(frozen=True, slots=True)
class CuratedEvent:
    id: str
    title_en: str
    title_uz: str
    summary_en: str
    category: str
    tags: tuple[str, ...]
    entities: tuple[str, ...]
    excerpts: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class CuratedFigure:
    source: str
    what: str
    value: float
    unit: str
    period: str
    quote: str
    char_start: int
    char_end: int
    event: str | None


@dataclass(frozen=True, slots=True)
class Curation:
    events: tuple[CuratedEvent, ...]
    figures: tuple[CuratedFigure, ...]
    mentions: tuple[Statement, ...]
    document_years: dict[str, int] = field(default_factory=dict)

    def statements(self, source: str | None = None) -> list[Statement]:
        """Every statement with a date expression of its own, optionally of one source."""
        found = [x for e in self.events for x in e.excerpts] + list(self.mentions)
        return [s for s in found if not s.anaphora and (source is None or s.source == source)]


def load_curation(
    curation_dir: Path,
    corpus_dir: Path,
    *,
    read_text: Callable[[Path], str] | None = None,
) -> Curation:
    """Read every `*.toml` of `curation_dir`, locating quotes in `corpus_dir`'s files.

    `read_text` gives a source's original text (default: the file read as UTF-8); for
    HTML or DOCX sources it is the text the reader extracts, which offsets refer to.
    """
    events: dict[str, CuratedEvent] = {}
    figures: list[CuratedFigure] = []
    mentions: list[Statement] = []
    years: dict[str, int] = {}
    for path in sorted(curation_dir.glob("*.toml")):
        data = _read_toml(path)
        source = str(data.get("source", ""))
        text = _read_source(corpus_dir, source, path, read_text)
        if isinstance(data.get("document_year"), int):
            years[source] = int(str(data["document_year"]))
        index = _SourceQuotes(text, _format_of(source))
        where = f"{path.name}"
        for raw in _dicts(data, "event"):
            event = _event(raw, source, index, where)
            events[event.id] = _merge(events.get(event.id), event)
        figures += [_figure(raw, source, index, where) for raw in _dicts(data, "figure")]
        mentions += [_statement(raw, source, index, where) for raw in _dicts(data, "mention")]
    ordered = sorted(events.values(), key=lambda e: (e.excerpts[0].span.start, e.id))
    return Curation(tuple(ordered), tuple(figures), tuple(mentions), years)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CurationError(f"{path.name}: not valid TOML ({error})") from error


def _read_source(
    corpus_dir: Path, source: str, curation: Path, read_text: Callable[[Path], str] | None
) -> str:
    path = corpus_dir / source
    if not source or not path.is_file():
        raise CurationError(f"{curation.name}: source file {source!r} is not in {corpus_dir}")
    return read_text(path) if read_text else path.read_text(encoding="utf-8")


def _event(raw: dict[str, object], source: str, index: _SourceQuotes, where: str) -> CuratedEvent:
    event_id = str(raw["id"])
    excerpts = [_statement(x, source, index, f"{where} {event_id}") for x in _dicts(raw, "excerpt")]
    if not excerpts:
        raise CurationError(f"{where}: event {event_id} has no excerpt")
    return CuratedEvent(
        id=event_id,
        title_en=str(raw.get("title_en", "")),
        title_uz=str(raw.get("title_uz", "")),
        summary_en=str(raw.get("summary_en", "")),
        category=str(raw.get("category", "diplomacy")),
        tags=_strings(raw, "tags"),
        entities=_strings(raw, "entities"),
        excerpts=tuple(excerpts),
    )


def _merge(earlier: CuratedEvent | None, later: CuratedEvent) -> CuratedEvent:
    """One real-world event told by several sources: keep the first's words, all excerpts."""
    if earlier is None:
        return later
    tags = tuple(dict.fromkeys(earlier.tags + later.tags))
    entities = tuple(dict.fromkeys(earlier.entities + later.entities))
    return CuratedEvent(
        earlier.id,
        earlier.title_en,
        earlier.title_uz,
        earlier.summary_en,
        earlier.category,
        tags,
        entities,
        earlier.excerpts + later.excerpts,
    )


def _statement(raw: dict[str, object], source: str, index: _SourceQuotes, where: str) -> Statement:
    quote = str(raw.get("quote", ""))
    start, end = _locate(index, quote, raw, where)
    date_text = str(raw.get("date_text", ""))
    span = _span(str(raw.get("date", "")), where)
    if date_text and squeeze(date_text) not in squeeze(quote):
        raise CurationError(f"{where}: date_text {date_text!r} is not inside its quote")
    return Statement(
        source=source,
        quote=quote,
        date_text=date_text,
        span=span,
        char_start=start,
        char_end=end,
        resolved_by_context=bool(raw.get("resolved_by_context", False)),
        note=str(raw.get("note", "")),
        anaphora=bool(raw.get("anaphora", False)),
    )


def _figure(raw: dict[str, object], source: str, index: _SourceQuotes, where: str) -> CuratedFigure:
    quote = str(raw.get("quote", ""))
    start, end = _locate(index, quote, raw, where)
    value = raw.get("value")
    if not isinstance(value, int | float):
        raise CurationError(f"{where}: figure {raw.get('what')!r} has no numeric value")
    event = raw.get("event")
    return CuratedFigure(
        source=source,
        what=str(raw.get("what", "")),
        value=float(value),
        unit=str(raw.get("unit", "")),
        period=str(raw.get("period", "")),
        quote=quote,
        char_start=start,
        char_end=end,
        event=str(event) if event else None,
    )


class _SourceQuotes:
    """Finds quotes in a source: in its original text, or else in its cleaned text.

    A sentence that a PDF page break cut in two has a running footer or a footnote block
    in the middle of it; curators quote the sentence without them, which only the cleaned
    text still holds. The span found there is mapped back to the original.
    """

    def __init__(self, text: str, fmt: str) -> None:
        self._raw = QuoteIndex.of(text)
        self._text = text
        self._fmt = fmt
        self._cleaned: tuple[QuoteIndex, CleanedText] | None = None

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        spans = self._raw.find_all(quote)
        if spans:
            return spans
        if self._cleaned is None:
            cleaned = clean_text(self._text, fmt=self._fmt)
            self._cleaned = (QuoteIndex.of(cleaned.text), cleaned)
        index, cleaned = self._cleaned
        return [cleaned.to_original(start, end) for start, end in index.find_all(quote)]


def _locate(
    index: _SourceQuotes, quote: str, raw: dict[str, object], where: str
) -> tuple[int, int]:
    spans = index.find_all(quote)
    if not spans:
        raise CurationError(f"{where}: quote not found in the source: {quote[:80]!r}…")
    occurrence = raw.get("occurrence", 1)
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(spans):
        raise CurationError(f"{where}: occurrence {occurrence} of {len(spans)} for {quote[:60]!r}")
    return spans[occurrence - 1]


def _format_of(source: str) -> str:
    suffix = Path(source).suffix.lower().lstrip(".")
    return {"markdown": "md", "htm": "html", "text": "txt"}.get(suffix, suffix or "txt")


def _span(edtf: str, where: str) -> DateSpan:
    span = parse_date(edtf)
    if span is None:
        raise CurationError(f"{where}: {edtf!r} is not a date uzkz understands")
    return span


def _dicts(raw: dict[str, object], key: str) -> list[dict[str, object]]:
    value = raw.get(key, [])
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strings(raw: dict[str, object], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
