"""Decoding the bytes of a text file: UTF-8, UTF-16, Windows-1251, or a clear refusal."""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["NotTextError", "binary_kind", "decode_text"]

_SAMPLE = 64 * 1024
# Magic numbers of formats someone may save under a .txt name by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word .docx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)


class NotTextError(Exception):
    """The bytes are not text in an encoding we read; the message says why, for a person."""


def binary_kind(data: bytes) -> str | None:
    """What a known binary format the bytes start with is ("a PDF file"), or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # `MZ` and `{\rtf` are short: only trust them when binary bytes follow.
            if magic == b"MZ" and b"\x00" not in data[:256]:
                continue
            return kind
    return None


_UNREADABLE = "not a text file we can read: it is not valid UTF-8, UTF-16 or Windows-1251 text"
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises NotTextError with a reason a person understands."""
    try:
        return _decode(data)
    except _UndecodableError as error:
        raise NotTextError(_UNREADABLE) from error


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:], "utf-8", label="utf-8-sig")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _checked(data, "utf-32", label="utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16", label="utf-16")
    if b"\x00" in data[:_SAMPLE]:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise NotTextError("this is not a text file (it contains binary data)")
        return _checked(data, guess, label=guess)
    kind = binary_kind(data)
    if kind is not None:
        raise NotTextError(f"this is {kind}, not a text file; give it its proper file extension")
    try:
        return _checked(data, "utf-8", label="utf-8")
    except _UndecodableError:
        pass
    try:
        text, _ = _checked(data, "cp1251", label="cp1251")
    except _UndecodableError:
        text = ""
    if text and _looks_cyrillic(text):
        return text, "cp1251"
    raise NotTextError(_UNREADABLE)


class _UndecodableError(NotTextError):
    pass


def _checked(data: bytes, codec: str, *, label: str) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise _UndecodableError(f"not valid {codec}") from error
    if _too_many_controls(text):
        raise NotTextError("this is not a text file (it contains binary data)")
    return text, label


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: every character's high byte is NUL for ASCII spaces, digits and
    punctuation, and takes only a few values for one or two scripts (04 for Cyrillic), while
    the low bytes are almost never NUL. Which half holds the NULs tells the byte order."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    half = len(sample) // 2
    if half == 0:
        return None
    for codec, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if high.count(0) >= 0.05 * half and low.count(0) <= 0.01 * half and len(set(high)) <= 24:
            try:
                text = data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec if not _too_many_controls(text) else None
    return None


def _too_many_controls(text: str) -> bool:
    """NULs, or more than 1% control characters: binary data that happened to decode."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    return len(_CONTROL_RE.findall(sample)) > 0.01 * max(len(sample), 1)


def _looks_cyrillic(text: str) -> bool:
    """Windows-1251 decodes any byte; accept it only when the result reads as Cyrillic text:
    mostly letters, spaces and punctuation, and a good share of the letters Cyrillic."""
    sample = text[:_SAMPLE]
    letters = cyrillic = ordinary = 0
    for c in sample:
        if c.isalpha():
            letters += 1
            ordinary += 1
            if "\u0400" <= c <= "\u04ff":
                cyrillic += 1
        elif c.isspace() or c.isdigit() or unicodedata.category(c).startswith("P"):
            ordinary += 1
    return letters > 0 and cyrillic >= 0.3 * letters and ordinary >= 0.9 * max(len(sample), 1)
