"""Document readers: a file on disk -> its original text, whatever the format.

`read_document(path)` returns a RawDocument whose `text` is the *original text*: the string
that is stored verbatim and that every offset (excerpts, pages, clean-up maps) refers to. For
plain text and Markdown it is the decoded file; for HTML, PDF and Word files it is the text
extracted from them. Every failure is an InputFileError with a reason a person can act on;
no traceback from a parsing library ever reaches the user.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from uzkz_desktop.core.errors import InputFileError
from uzkz_desktop.ingest._read_html import charset_of, html_to_text
from uzkz_desktop.ingest._read_office import ReadError, docx_text, pdf_text
from uzkz_desktop.ingest._read_text import NotTextError, binary_kind, decode_text

__all__ = ["FORMATS", "RawDocument", "read_document"]

FORMATS = ("txt", "md", "html", "pdf", "docx")
_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawDocument:
    path: Path
    format: str  # "txt" | "md" | "html" | "pdf" | "docx"
    text: str  # the original text: stored verbatim; all offsets refer to it
    encoding: str | None  # of a text/Markdown/HTML file; None for PDF and Word
    page_starts: tuple[int, ...] | None  # PDF: offset in `text` where each page starts
    sha256: str  # of the file's bytes


def read_document(path: Path, *, max_bytes: int = 20 * _MB) -> RawDocument:
    """Read one document. Raises InputFileError when it cannot be read, saying why."""
    path = Path(path)  # a str from a caller that did not convert is harmless
    data = _read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    fmt = _format_of(path, data)
    try:
        if fmt == "pdf":
            text, starts = pdf_text(data)
            text = _non_empty(text, "this PDF contains no text")
            return RawDocument(path, fmt, text, None, starts, digest)
        if fmt == "docx":
            text = _non_empty(docx_text(data), "the document contains no text")
            return RawDocument(path, fmt, text, None, None, digest)
        text, encoding = _decode(data, fmt)
        return RawDocument(path, fmt, _non_empty(text), encoding, None, digest)
    except (NotTextError, ReadError) as error:
        raise InputFileError(str(path), str(error)) from error


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise InputFileError(str(path), "this is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputFileError(
                str(path), f"too large ({size / _MB:.1f} MB; the limit is {_megabytes(max_bytes)})"
            )
        if size == 0:
            raise InputFileError(str(path), "the file is empty")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise InputFileError(str(path), "the file does not exist") from error
    except PermissionError as error:
        raise InputFileError(str(path), "uzkz is not allowed to read this file") from error
    except IsADirectoryError as error:
        raise InputFileError(str(path), "this is a folder, not a file") from error
    except OSError as error:
        reason = error.strerror or "an error of the operating system"
        raise InputFileError(str(path), f"the file could not be read ({reason})") from error
    if len(data) > max_bytes:  # it grew while we looked
        raise InputFileError(str(path), f"too large (the limit is {_megabytes(max_bytes)})")
    return data


def _megabytes(limit: int) -> str:
    value = limit / _MB
    return f"{value:g} MB" if value >= 1 else f"{limit} bytes"


def _format_of(path: Path, data: bytes) -> str:
    """By extension; for other names by content (PDF, Word, HTML, else text)."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:4096].lower():
        return "html"
    return "txt"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _decode(data: bytes, fmt: str) -> tuple[str, str]:
    if fmt != "html":
        return decode_text(data)
    kind = binary_kind(data)
    if kind is not None:
        raise NotTextError(f"this is {kind}, not a web page; give it its proper file extension")
    declared = charset_of(data)
    text = encoding = None
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            text = None  # a wrong declaration: fall back to detection
    if text is None or encoding is None:
        text, encoding = decode_text(data)
    try:
        return html_to_text(text), encoding
    except Exception as error:  # html.parser is lenient; this is a last resort
        raise NotTextError("this web page could not be read") from error


def _non_empty(text: str, reason: str = "the file is empty") -> str:
    if not text.strip():
        raise NotTextError(reason)
    return text
