"""PDF (pypdf) and Word .docx (python-docx) to plain text, with clear failures.

The libraries raise many different exceptions on damaged files (their own, zipfile's, lxml's,
struct's, even KeyError); every one is turned into a message a person can act on. pypdf also
logs and warns about recoverable problems: both are silenced while we read.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

__all__ = ["PAGE_SEPARATOR", "ReadError", "docx_text", "pdf_text"]

# Pages are joined with a form feed on a line of its own: the clean-up sees a page break,
# not a paragraph gap.
PAGE_SEPARATOR = "\n\f\n"
_MIN_CHARACTERS_PER_PAGE = 10


class ReadError(Exception):
    """Reading failed; the message is for a person."""


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def pdf_text(data: bytes) -> tuple[str, tuple[int, ...]]:
    """(text, offset where each page starts in it). Raises ReadError."""
    from pypdf import PdfReader  # imported here: only PDF reading pays for it
    from pypdf.errors import DependencyError, FileNotDecryptedError, WrongPasswordError

    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReadError("this PDF is protected by a password; uzkz cannot open it")
            pages = list(reader.pages)
        except ReadError:
            raise
        except (DependencyError, FileNotDecryptedError, WrongPasswordError) as error:
            raise ReadError("this PDF is encrypted; uzkz cannot open it") from error
        except Exception as error:  # pypdf, zlib, struct...: the file is damaged
            raise ReadError("this PDF is damaged and cannot be read") from error
        if not pages:
            raise ReadError("this PDF is damaged or has no pages")
        texts = []
        failed = 0
        for page in pages:
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # one bad page should not lose the others
                texts.append("")
                failed += 1
    if failed == len(pages):
        raise ReadError("this PDF is damaged and cannot be read")
    characters = sum(len("".join(text.split())) for text in texts)
    if characters < _MIN_CHARACTERS_PER_PAGE * len(pages):
        raise ReadError("this PDF has no text layer (it is probably scanned); uzkz cannot read it")
    starts = []
    position = 0
    for k, text in enumerate(texts):
        if k:
            position += len(PAGE_SEPARATOR)
        starts.append(position)
        position += len(text)
    return PAGE_SEPARATOR.join(texts), tuple(starts)


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells, in document order, separated by blank lines."""
    import docx  # imported here: only Word reading pays for it
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for element in document.element.body.iterchildren():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "p":
                blocks.append(Paragraph(element, document).text)
            elif tag == "tbl":
                blocks.extend(_table_cells(Table(element, document)))
            elif tag == "sdt":  # a content control: its paragraphs are nested inside
                blocks.extend(Paragraph(p, document).text for p in element.iter(qn("w:p")))
    except Exception as error:  # zipfile, lxml, KeyError...: not a readable .docx
        raise ReadError("this Word file is damaged or is not a .docx file") from error
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _table_cells(table: Any) -> list[str]:
    """Text of each cell once (python-docx repeats a merged cell in every grid position)."""
    cells: list[str] = []
    seen: set[Any] = set()  # the cells' XML elements; lxml hashes them by identity
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = "\n".join(p.text for p in cell.paragraphs).strip()
            if text:
                cells.append(text)
    return cells
