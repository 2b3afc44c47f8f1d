"""Extraction measured against annotations: the corpus curation and our own regression set.

The corpus annotation (`resources/curation/`) is the human-reviewed list of every dated
statement of the five articles; the regression documents (`data/regression/`) are ours,
in styles the corpus lacks: Russian and English news, Kazakh, Uzbek Cyrillic, HTML, lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from uzkz_desktop.core.paths import resources_dir
from uzkz_desktop.ingest.curation import Curation, load_curation
from uzkz_desktop.ingest.evaluate import Score, score
from uzkz_desktop.ingest.extract import Candidate, extract_file
from uzkz_desktop.ingest.readers import read_document

REGRESSION = Path(__file__).parent / "data" / "regression"


def _original_text(path: Path) -> str:
    return read_document(path).text


def _extract_all(curation: Curation, folder: Path) -> tuple[list[Candidate], dict[str, str]]:
    candidates: list[Candidate] = []
    texts: dict[str, str] = {}
    sources = {s.source for s in curation.statements()} | set(curation.document_years)
    for source in sorted(sources):
        extraction = extract_file(
            folder / source, document_year=curation.document_years.get(source)
        )
        candidates += extraction.candidates
        texts[source] = extraction.document.text
    return candidates, texts


def _report(label: str, result: Score) -> None:
    print(f"\n{label}: {result.summary()}")
    for statement in result.missed:
        print(f"  missed  {statement.source} {statement.span.edtf:<22} {statement.date_text!r}")
    for candidate in result.spurious:
        print(f"  extra   {candidate.source} {candidate.edtf:<22} {candidate.date_text!r}")


@pytest.fixture(scope="module")
def corpus_curation() -> Curation:
    return load_curation(resources_dir() / "curation", resources_dir() / "corpus")


@pytest.fixture(scope="module")
def regression_curation() -> Curation:
    return load_curation(REGRESSION / "curation", REGRESSION, read_text=_original_text)


def test_corpus_recall_and_precision(corpus_curation: Curation) -> None:
    candidates, texts = _extract_all(corpus_curation, resources_dir() / "corpus")
    result = score(candidates, corpus_curation.statements(), texts, corpus_curation.figures)
    _report("corpus", result)
    assert result.recall >= 0.90
    assert result.precision >= 0.90


@pytest.mark.parametrize("source", sorted(p.name for p in REGRESSION.glob("*.*")))
def test_regression_document(regression_curation: Curation, source: str) -> None:
    year = regression_curation.document_years.get(source)
    extraction = extract_file(REGRESSION / source, document_year=year)
    statements = regression_curation.statements(source)
    result = score(extraction.candidates, statements, {source: extraction.document.text})
    _report(source, result)
    assert (result.missed, result.spurious) == ((), ())
