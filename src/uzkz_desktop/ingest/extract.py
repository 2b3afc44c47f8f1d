"""From a document to candidate events: one per dated statement, anchored in the original text.

The pipeline is read → clean → find dates (on the whole cleaned text, so that "shu yil" can
lean on the year stated a sentence earlier) → split sentences → one candidate per date
mention in a body sentence. Reference lists, headings, footnote bodies and running headers
never produce candidates: clean-up has already taken them out of the body or marked them.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.dates.grammar import DateMention, find_dates
from uzkz_desktop.ingest.categories import classify
from uzkz_desktop.ingest.clean import CleanedText, Paragraph, clean_text
from uzkz_desktop.ingest.entities import Gazetteer
from uzkz_desktop.ingest.readers import RawDocument, read_document
from uzkz_desktop.text.language import detect_language
from uzkz_desktop.text.sentences import split_sentences

# Paragraph kinds that state things about the world; the rest (reference lists, headings,
# captions of missing figures) cite or label and produce no events.
EVENT_PARAGRAPH_KINDS = frozenset({"body", "abstract"})
TITLE_MAX = 80


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dated statement found in a document: what `uzkz extract --json` prints, one per line."""

    source: str
    start: str
    end: str
    precision: str
    date_text: str
    char_start: int
    char_end: int
    page: str | None
    sentence: str
    category: str
    title: str
    edtf: str
    end_precision: str | None
    date_char_start: int
    date_char_end: int
    language: str
    resolved_by_context: bool
    kind: str
    category_confidence: float
    entities: tuple[EntityRef, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction learnt about one document; ingest stores it."""

    document: RawDocument
    cleaned: CleanedText
    document_year: int | None
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: Paragraph


def extract_file(path: Path, *, document_year: int | None = None) -> Extraction:
    """Read, clean and extract one file. Raises InputFileError for unreadable input."""
    document = read_document(path)
    return extract_document(document, document_year=document_year)


def extract_document(document: RawDocument, *, document_year: int | None = None) -> Extraction:
    cleaned = clean_text(document.text, fmt=document.format, page_starts=document.page_starts)
    year = document_year or known_document_year(document) or latest_plausible_year(cleaned.text)
    candidates = tuple(_candidates(document, cleaned, year))
    return Extraction(document, cleaned, year, candidates)


def known_document_year(document: RawDocument) -> int | None:
    """The year of writing from the bundled corpus metadata, matched by file name."""
    entry = corpus_metadata().get(document.path.name)
    if entry is None:
        return None
    issued = str(entry.get("issued") or "")
    return int(issued[:4]) if issued[:4].isdigit() else None


@cache
def corpus_metadata() -> dict[str, dict[str, object]]:
    path = resources_dir() / "corpus" / "sources.json"
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {str(e["file"]): e for e in entries}


_YEAR = re.compile(r"(?<![\d.,/-])(19[5-9]\d|20[0-4]\d)(?![\d.,/])")


def latest_plausible_year(text: str) -> int | None:
    """With no metadata, an article is taken to be written in the latest year it mentions.

    It is a guess, and every date resolved through it is marked as resolved by context.
    """
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    return max(years) if years else None


def _candidates(document: RawDocument, cleaned: CleanedText, year: int | None) -> Iterator[Candidate]:
    mentions = find_dates(cleaned.text, document_year=year)
    if not mentions:
        return
    sentences = list(_event_sentences(cleaned))
    starts = [s.start for s in sentences]
    gazetteer = Gazetteer.load()
    for mention in mentions:
        sentence = _sentence_of(mention, sentences, starts)
        if sentence is not None:
            yield _candidate(document, cleaned, mention, sentence, gazetteer)


def _event_sentences(cleaned: CleanedText) -> Iterator[_Sentence]:
    for paragraph in cleaned.paragraphs:
        if paragraph.kind not in EVENT_PARAGRAPH_KINDS:
            continue
        body = cleaned.text[paragraph.start : paragraph.end]
        for start, end in split_sentences(body):
            yield _Sentence(paragraph.start + start, paragraph.start + end, paragraph)


def _sentence_of(
    mention: DateMention, sentences: Sequence[_Sentence], starts: Sequence[int]
) -> _Sentence | None:
    index = bisect.bisect_right(starts, mention.start) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if mention.end <= sentence.end else None


def _candidate(
    document: RawDocument,
    cleaned: CleanedText,
    mention: DateMention,
    sentence: _Sentence,
    gazetteer: Gazetteer,
) -> Candidate:
    text = cleaned.text[sentence.start : sentence.end]
    char_start, char_end = cleaned.to_original(sentence.start, sentence.end)
    date_start, date_end = cleaned.to_original(mention.start, mention.end)
    category, confidence = classify(text)
    span = mention.span
    entities = tuple(
        dict.fromkeys(EntityRef(m.entity_id, m.name, m.kind) for m in gazetteer.find(text))
    )
    return Candidate(
        source=document.path.name,
        start=span.start.isoformat(),
        end=span.end.isoformat(),
        precision=str(span.precision),
        date_text=mention.text,
        char_start=char_start,
        char_end=char_end,
        page=cleaned.page_at(mention.start),
        sentence=text,
        category=category,
        title=make_title(text, mention.start - sentence.start, mention.end - sentence.start),
        edtf=span.edtf,
        end_precision=str(span.end_precision) if span.end_precision else None,
        date_char_start=date_start,
        date_char_end=date_end,
        language=detect_language(text),
        resolved_by_context=mention.resolved_by_context,
        kind=mention.kind,
        category_confidence=round(confidence, 3),
        entities=entities,
    )


_CLAUSE_BREAK = re.compile(r"[;:]\s+|,\s+(?=\S)|\s+[–—]\s+")
_LEADING_FILLER = re.compile(
    r"^(?:va|hamda|shuningdek|xususan|masalan|and|also|и|а также|ва|ҳамда|шунингдек)\b[\s,]*",
    re.IGNORECASE,
)


def make_title(sentence: str, date_start: int, date_end: int) -> str:
    """A short headline for a candidate: the clause that holds the date, without the date.

    Curators rewrite titles; this one only has to tell candidates apart at a glance.
    """
    clause_start, clause_end = _clause_around(sentence, date_start, date_end)
    clause = sentence[clause_start:date_start] + sentence[date_end:clause_end]
    clause = _LEADING_FILLER.sub("", clause.strip(" ,.;:–—-"))
    clause = re.sub(r"\s{2,}", " ", clause).strip(" ,.;:–—-")
    if len(clause) < 12:
        clause = re.sub(r"\s{2,}", " ", sentence).strip(" .")
    return _shorten(clause[:1].upper() + clause[1:])


def _clause_around(sentence: str, date_start: int, date_end: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= date_start:
            start = match.end()
        elif match.start() >= date_end:
            end = match.start()
            break
    # A clause that is only the date and a word or two says nothing: take the sentence.
    if end - start - (date_end - date_start) < 25:
        return 0, len(sentence)
    return start, end


def _shorten(text: str) -> str:
    if len(text) <= TITLE_MAX:
        return text
    cut = text.rfind(" ", 0, TITLE_MAX - 1)
    return text[: cut if cut > 40 else TITLE_MAX - 1].rstrip(" ,;:") + "…"
