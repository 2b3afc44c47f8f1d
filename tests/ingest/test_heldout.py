"""Held-out documents, written and annotated by someone who never saw the date grammar.

They estimate how extraction does on articles it was not tuned on (the issue asks for
recall ≥ 80 % and precision ≥ 90 % there), in every language the archive takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from uzkz_desktop.ingest.curation import Curation, load_curation
from uzkz_desktop.ingest.evaluate import Score, score
from uzkz_desktop.ingest.extract import Candidate, extract_file
from uzkz_desktop.ingest.readers import read_document

HELDOUT = Path(__file__).parent / "data" / "heldout"


@pytest.fixture(scope="module")
def curation() -> Curation:
    return load_curation(
        HELDOUT / "curation", HELDOUT, read_text=lambda path: read_document(path).text
    )


@pytest.fixture(scope="module")
def result(curation: Curation) -> Score:
    candidates: list[Candidate] = []
    texts: dict[str, str] = {}
    for source in sorted(curation.document_years):
        year = curation.document_years[source]
        extraction = extract_file(HELDOUT / source, document_year=year)
        candidates += extraction.candidates
        texts[source] = extraction.document.text
    scored = score(candidates, curation.statements(), texts, curation.figures)
    print(f"\nheld-out: {scored.summary()}")
    for statement in scored.missed:
        print(f"  missed  {statement.source:<24} {statement.span.edtf:<22} {statement.date_text!r}")
    for candidate in scored.spurious:
        print(f"  extra   {candidate.source:<24} {candidate.edtf:<22} {candidate.date_text!r}")
    return scored


def test_every_document_is_annotated(curation: Curation) -> None:
    documents = {p.name for p in HELDOUT.iterdir() if p.is_file()}
    assert documents == set(curation.document_years)
    assert len(documents) >= 10


def test_recall_on_unseen_documents(result: Score) -> None:
    assert result.recall >= 0.80


def test_precision_on_unseen_documents(result: Score) -> None:
    assert result.precision >= 0.90
