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
from datetime import date
from functools import cache
from pathlib import Path

from uzkz_desktop.core.dates import DateSpan
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
# A paragraph's first few hundred characters tell its language as well as all of it.
LANGUAGE_SAMPLE = 600


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
class Found:
    """A candidate with what storing it needs: its date span and its sentence in cleaned text."""

    candidate: Candidate
    span: DateSpan
    clean_start: int
    clean_end: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction learnt about one document; ingest stores it."""

    document: RawDocument
    cleaned: CleanedText
    document_year: int | None
    found: tuple[Found, ...]

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        return tuple(f.candidate for f in self.found)


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
    return Extraction(document, cleaned, year, tuple(_candidates(document, cleaned, year)))


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


def latest_plausible_year(text: str, *, this_year: int | None = None) -> int | None:
    """With no metadata, an article is taken to be written in the latest year it mentions
    that is not after this year: "к 2030 году" is a target, not when the text was written.

    It is a guess, and every date resolved through it is marked as resolved by context.
    """
    limit = this_year if this_year is not None else date.today().year
    years = [y for y in (int(m.group(1)) for m in _YEAR.finditer(text)) if y <= limit]
    return max(years) if years else None


def _candidates(document: RawDocument, cleaned: CleanedText, year: int | None) -> Iterator[Found]:
    mentions = find_dates(cleaned.text, document_year=year)
    if not mentions:
        return
    locate = _SentenceLocator(cleaned)
    facts = _Facts(cleaned, Gazetteer.load())
    placed = [(m, locate(m)) for m in mentions]
    dates_in: dict[int, list[tuple[int, int]]] = {}
    for mention, sentence in placed:
        if sentence is not None:
            dates_in.setdefault(sentence.start, []).append((mention.start, mention.end))
    seen: set[tuple[int, DateSpan]] = set()
    for mention, sentence in placed:
        if sentence is None:
            continue
        # "2016 yil … aynan shu yildan boshlab": the same date told twice in one sentence
        # is one dated statement, not two candidates for the curator to reject.
        key = (sentence.start, mention.span)
        if key not in seen:
            seen.add(key)
            others = dates_in[sentence.start]
            candidate = _candidate(document, cleaned, mention, sentence, facts.of(sentence), others)
            yield Found(candidate, mention.span, sentence.start, sentence.end)


class _SentenceLocator:
    """The event-bearing sentence around a date mention, or None.

    Only paragraphs that hold a date are split into sentences: most of a long document
    never needs it.
    """

    def __init__(self, cleaned: CleanedText) -> None:
        self._text = cleaned.text
        self._paragraphs = [p for p in cleaned.paragraphs if p.kind in EVENT_PARAGRAPH_KINDS]
        self._starts = [p.start for p in self._paragraphs]
        self._split: dict[int, tuple[list[int], list[_Sentence]]] = {}

    def __call__(self, mention: DateMention) -> _Sentence | None:
        index = bisect.bisect_right(self._starts, mention.start) - 1
        if index < 0 or mention.end > self._paragraphs[index].end:
            return None
        starts, sentences = self._sentences(index)
        at = bisect.bisect_right(starts, mention.start) - 1
        if at < 0 or mention.end > sentences[at].end:
            return None
        return sentences[at]

    def _sentences(self, index: int) -> tuple[list[int], list[_Sentence]]:
        if index not in self._split:
            paragraph = self._paragraphs[index]
            body = self._text[paragraph.start : paragraph.end]
            sentences = [
                _Sentence(paragraph.start + start, paragraph.start + end, paragraph)
                for start, end in split_sentences(body)
            ]
            self._split[index] = ([s.start for s in sentences], sentences)
        return self._split[index]


@dataclass(frozen=True, slots=True)
class _SentenceFacts:
    """What is learnt once per sentence, however many dates it holds."""

    text: str
    char_start: int
    char_end: int
    category: str
    confidence: float
    entities: tuple[EntityRef, ...]
    language: str


class _Facts:
    def __init__(self, cleaned: CleanedText, gazetteer: Gazetteer) -> None:
        self._cleaned = cleaned
        self._gazetteer = gazetteer
        self._sentences: dict[int, _SentenceFacts] = {}
        self._languages: dict[int, str] = {}

    def of(self, sentence: _Sentence) -> _SentenceFacts:
        facts = self._sentences.get(sentence.start)
        if facts is None:
            facts = self._sentences[sentence.start] = self._learn(sentence)
        return facts

    def _learn(self, sentence: _Sentence) -> _SentenceFacts:
        text = self._cleaned.text[sentence.start : sentence.end]
        char_start, char_end = self._cleaned.to_original(sentence.start, sentence.end)
        category, confidence = classify(text)
        found = self._gazetteer.find(text)
        entities = tuple(dict.fromkeys(EntityRef(m.entity_id, m.name, m.kind) for m in found))
        return _SentenceFacts(
            text, char_start, char_end, category, confidence, entities, self._language(sentence)
        )

    def _language(self, sentence: _Sentence) -> str:
        # A paragraph is one language in these sources, and says more than a short sentence.
        paragraph = sentence.paragraph
        if paragraph.start not in self._languages:
            end = min(paragraph.end, paragraph.start + LANGUAGE_SAMPLE)
            body = self._cleaned.text[paragraph.start : end]
            self._languages[paragraph.start] = detect_language(body)
        return self._languages[paragraph.start]


def _candidate(
    document: RawDocument,
    cleaned: CleanedText,
    mention: DateMention,
    sentence: _Sentence,
    facts: _SentenceFacts,
    dates_in_sentence: Sequence[tuple[int, int]],
) -> Candidate:
    here = sentence.start
    others = [(start - here, end - here) for start, end in dates_in_sentence]
    date_start, date_end = cleaned.to_original(mention.start, mention.end)
    span = mention.span
    return Candidate(
        source=document.path.name,
        start=span.start.isoformat(),
        end=span.end.isoformat(),
        precision=str(span.precision),
        date_text=mention.text,
        char_start=facts.char_start,
        char_end=facts.char_end,
        page=cleaned.page_at(mention.start),
        sentence=facts.text,
        category=facts.category,
        title=make_title(facts.text, (mention.start - here, mention.end - here), others),
        edtf=span.edtf,
        end_precision=str(span.end_precision) if span.end_precision else None,
        date_char_start=date_start,
        date_char_end=date_end,
        language=facts.language,
        resolved_by_context=mention.resolved_by_context,
        kind=mention.kind,
        category_confidence=round(facts.confidence, 3),
        entities=facts.entities,
    )


_CLAUSE_BREAK = re.compile(r"[;:]\s+|,\s+(?=\S)|\s+[–—]\s+")
# Words that hang off a date once it is cut out ("2023-yil 18-19 fevral kunlari …",
# "2024-yildan boshlab …", "в 2022 году …") and connectives that open a clause.
_FILLER = (
    r"kunlari|kuni|kunida|oyida|oylarida|yilda|yillarda|esa|boshlab|beri|buyon|ichida|"
    r"davomida|mobaynida|oxirida|boshida|va|hamda|shuningdek|xususan|masalan|jumladan|"
    r"куни|кунлари|ойида|йилда|эса|бошлаб|бери|буён|давомида|ва|ҳамда|шунингдек|"
    r"года|году|г\.|гг\.|в|во|с|по|и|а|также|"
    r"on|in|at|during|since|from|by|of|and|also|the"
)
_LEADING_FILLER = re.compile(rf"^(?:(?:{_FILLER})(?=[\s,.;:]|$)[\s,.;:–—-]*)+", re.IGNORECASE)
_TRAILING_FILLER = re.compile(rf"(?:[\s,;:–—-]+(?:{_FILLER}))+$", re.IGNORECASE)


def make_title(sentence: str, date: tuple[int, int], others: Sequence[tuple[int, int]] = ()) -> str:
    """A short headline for a candidate: the clause that holds the date, without dates.

    Curators rewrite titles; this one only has to tell candidates apart at a glance.
    """
    clause_start, clause_end = _clause_around(sentence, *date)
    dates = sorted({date, *others})
    kept, at = [], clause_start
    for start, end in dates:
        if start >= at and end <= clause_end:
            kept.append(sentence[at:start])
            at = end
    kept.append(sentence[at:clause_end])
    clause = _tidy(" ".join(kept))
    if len(clause) < 12:
        clause = _tidy(sentence)
    return _shorten(clause[:1].upper() + clause[1:])


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(' ,.;:–—-«»“”"')
    text = _LEADING_FILLER.sub("", text)
    text = _TRAILING_FILLER.sub("", text)
    return text.strip(' ,.;:–—-«»“”"')


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
