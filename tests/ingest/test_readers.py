"""Document readers: encodings, formats and every way a file can fail to be read."""

import hashlib
import io
import logging
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from uzkz_desktop.core.errors import InputFileError
from uzkz_desktop.ingest.clean import clean_text
from uzkz_desktop.ingest.readers import read_document

RUSSIAN = "Узбекистан и Казахстан подписали договор о стратегическом партнёрстве.\n"
UZBEK = "O‘zbekiston va Qozog‘iston o‘rtasidagi hamkorlik — 2024 yil.\n"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one page per list item, each string one line in Helvetica."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * k) for k in range(len(pages))), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for k, lines in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * k)
        )
        shown = [b"(%s) Tj T*" % line.encode("latin-1") for line in lines]
        stream = b"\n".join([b"BT /F1 12 Tf 14 TL 72 770 Td", *shown, b"ET"])
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _reason(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputFileError) as caught:
        read_document(path, **kwargs)
    assert caught.value.path == str(path)
    return caught.value.reason


# --- plain text and its encodings -----------------------------------------------------


def test_utf8_text(tmp_path: Path) -> None:
    data = UZBEK.encode("utf-8")
    document = read_document(_write(tmp_path, "a.txt", data))
    assert document.text == UZBEK
    assert (document.format, document.encoding, document.page_starts) == ("txt", "utf-8", None)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.path == tmp_path / "a.txt"


def test_utf8_with_bom(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "a.txt", b"\xef\xbb\xbf" + UZBEK.encode()))
    assert document.text == UZBEK  # the BOM is not part of the text
    assert document.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("codec", "bom", "encoding"),
    [("utf-16-le", b"\xff\xfe", "utf-16"), ("utf-16-be", b"\xfe\xff", "utf-16")],
)
def test_utf16_with_bom(tmp_path: Path, codec: str, bom: bytes, encoding: str) -> None:
    document = read_document(_write(tmp_path, "a.txt", bom + RUSSIAN.encode(codec)))
    assert document.text == RUSSIAN
    assert document.encoding == encoding


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [UZBEK + RUSSIAN, RUSSIAN * 3])
def test_utf16_without_bom(tmp_path: Path, codec: str, text: str) -> None:
    document = read_document(_write(tmp_path, "a.txt", text.encode(codec)))
    assert document.text == text
    assert document.encoding == codec


def test_windows_1251_russian(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "ru.txt", (RUSSIAN * 3).encode("cp1251")))
    assert document.text == RUSSIAN * 3
    assert document.encoding == "cp1251"


def test_windows_1252_french_is_refused_rather_than_garbled(tmp_path: Path) -> None:
    path = _write(tmp_path, "fr.txt", "Un été à Tachkent, très agréable.\n".encode("cp1252"))
    assert _reason(path) == (
        "not a text file we can read: it is not valid UTF-8, UTF-16 or Windows-1251 text"
    )


def test_binary_junk(tmp_path: Path) -> None:
    data = bytes(range(256)) * 20
    assert _reason(_write(tmp_path, "junk.txt", data)) == (
        "this is not a text file (it contains binary data)"
    )


def test_control_characters_without_nuls(tmp_path: Path) -> None:
    data = b"text\x01\x02\x03\x04\x05\x06 more\x07\x08\x0e\x0f\x10" * 20
    assert _reason(_write(tmp_path, "ctl.txt", data)) == (
        "this is not a text file (it contains binary data)"
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [(make_pdf([["Hello"]]), "a PDF file"), (b"PK\x03\x04" + b"rest", "a ZIP archive")],
)
def test_pdf_or_zip_under_a_txt_name(tmp_path: Path, data: bytes, kind: str) -> None:
    reason = _reason(_write(tmp_path, "named.txt", data))
    assert reason.startswith(f"this is {kind}")
    assert reason.endswith("not a text file; give it its proper file extension")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert _reason(_write(tmp_path, "empty.txt", data)) == "the file is empty"


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nowhere.txt") == "the file does not exist"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert _reason(tmp_path / "folder.txt") == "this is a folder, not a file"


def test_no_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.txt", b"text")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # chmod does not stop root
    assert _reason(path) == "uzkz is not allowed to read this file"


def test_other_os_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "a.txt", b"text")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", fail)
    assert _reason(path) == "the file could not be read (Input/output error)"


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: takes no disk space
    assert _reason(path) == "too large (50.0 MB; the limit is 20 MB)"


def test_custom_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"x" * 3 * 1024 * 1024)
    assert _reason(path, max_bytes=2 * 1024 * 1024) == "too large (3.0 MB; the limit is 2 MB)"


def test_the_corpus_reads_as_utf8() -> None:
    from uzkz_desktop.core.paths import resources_dir

    for path in sorted((resources_dir() / "corpus").glob("00*.txt")):
        document = read_document(path)
        assert document.format == "txt"
        assert document.encoding == "utf-8"
        assert document.text == path.read_text(encoding="utf-8")


# --- Markdown and HTML ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_markdown_is_read_as_text(tmp_path: Path, suffix: str) -> None:
    data = b"## Sarlavha\n\n**Qalin** matn.\n"
    document = read_document(_write(tmp_path, "a" + suffix, data))
    assert (document.format, document.text) == ("md", "## Sarlavha\n\n**Qalin** matn.\n")


def test_html_becomes_plain_text(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Sarlavha</title><style>p {color: red}</style>"
        '<meta charset="utf-8"></head><body><h1>Ikki davlat</h1>'
        "<p>O‘zbekiston &amp; Qozog‘iston<br>hamkorligi &mdash; 2024.</p>"
        "<script>alert('x')</script><ul><li>Birinchi</li><li>Ikkinchi</li></ul>"
        "<table><tr><td>A</td><td>B</td></tr></table></body></html>"
    )
    document = read_document(_write(tmp_path, "page.html", page.encode()))
    assert document.format == "html"
    assert document.encoding == "utf-8"
    assert document.text == (
        "Ikki davlat\n\nO‘zbekiston & Qozog‘iston\nhamkorligi — 2024.\n\nBirinchi\n\n"
        "Ikkinchi\n\nA\tB"
    )


def test_html_declared_windows_1251(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>'
    document = read_document(_write(tmp_path, "ru.htm", page.encode("cp1251")))
    assert (document.text, document.encoding) == ("Привет, мир", "windows-1251")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    assert read_document(_write(tmp_path, "a.dat", make_pdf([["PDF text here"]]))).format == "pdf"
    assert read_document(_write(tmp_path, "b", b"<html><body>Hi</body></html>")).format == "html"
    assert read_document(_write(tmp_path, "c.log", b"plain words")).format == "txt"
    docx_path = tmp_path / "d.docx"
    _docx(docx_path, ["Word text"])
    sniffed = _write(tmp_path, "d.bin", docx_path.read_bytes())
    assert read_document(sniffed).format == "docx"


# --- Word -----------------------------------------------------------------------------


def _docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> None:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.add_paragraph("Oxirgi xatboshi.")
    document.save(str(path))


def test_docx_paragraphs_and_table_cells(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    _docx(path, ["Birinchi xatboshi.", "", "Ikkinchi xatboshi."], [["2024", "Tashrif"]])
    document = read_document(path)
    assert (document.format, document.encoding, document.page_starts) == ("docx", None, None)
    assert document.text == (
        "Birinchi xatboshi.\n\nIkkinchi xatboshi.\n\n2024\n\nTashrif\n\nOxirgi xatboshi."
    )
    assert clean_text(document.text, fmt="docx").text == document.text


def test_docx_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Birlashgan"
    table.cell(0, 2).text = "Alohida"
    document.save(str(tmp_path / "m.docx"))
    assert read_document(tmp_path / "m.docx").text == "Birlashgan\n\nAlohida"


def test_corrupt_docx(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.docx", b"PK\x03\x04 this is not really a zip")
    assert _reason(path) == "this Word file is damaged or is not a .docx file"


def test_zip_that_is_not_a_word_file(tmp_path: Path) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = _write(tmp_path, "notword.docx", buffer.getvalue())
    assert _reason(path) == "this Word file is damaged or is not a .docx file"


def test_docx_without_text(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "blank.docx"))
    assert _reason(tmp_path / "blank.docx") == "the document contains no text"


# --- PDF ------------------------------------------------------------------------------


def test_pdf_pages_and_page_starts(tmp_path: Path) -> None:
    pages = [["First page, line one.", "First page, line two."], ["Second page starts here."]]
    document = read_document(_write(tmp_path, "a.pdf", make_pdf(pages)))
    assert (document.format, document.encoding) == ("pdf", None)
    assert document.page_starts is not None
    assert len(document.page_starts) == 2
    first, second = document.page_starts
    assert first == 0
    assert document.text[first:].startswith("First page, line one.\nFirst page, line two.")
    assert document.text[second:].startswith("Second page starts here.")
    assert document.text[second - 3 : second] == "\n\f\n"


def test_pdf_text_cleans_with_its_pages(tmp_path: Path) -> None:
    pages = [["Alpha line of the first page."], ["Beta line of the second page."]]
    document = read_document(_write(tmp_path, "a.pdf", make_pdf(pages)))
    cleaned = clean_text(document.text, fmt=document.format, page_starts=document.page_starts)
    assert cleaned.page_at(cleaned.text.index("Alpha")) == "1"
    assert cleaned.page_at(cleaned.text.index("Beta")) == "2"


def test_scanned_pdf_without_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "scan.pdf", make_pdf([[], []]))
    assert _reason(path) == (
        "this PDF has no text layer (it is probably scanned); uzkz cannot read it"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not a PDF body at all\n",
        make_pdf([["Some text that will be cut off."]])[:180],
    ],
)
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    assert _reason(_write(tmp_path, "bad.pdf", data)) == "this PDF is damaged and cannot be read"


def test_password_protected_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret text here."]]))))
    writer.encrypt(user_password="parol", owner_password="egasi", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = _write(tmp_path, "locked.pdf", buffer.getvalue())
    assert _reason(path) == "this PDF is protected by a password; uzkz cannot open it"


def test_pdf_with_an_empty_user_password_opens(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Readable text here."]]))))
    writer.encrypt(user_password="", owner_password="egasi", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    document = read_document(_write(tmp_path, "open.pdf", buffer.getvalue()))
    assert document.text.startswith("Readable text here.")


def test_a_repairable_pdf_reads_quietly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = make_pdf([["Recovered text on page one."]])
    broken = data[: data.rindex(b"startxref")] + b"startxref\n12\n%%EOF\n"  # wrong pointer
    with caplog.at_level(logging.DEBUG):
        document = read_document(_write(tmp_path, "repaired.pdf", broken))
    assert document.text.startswith("Recovered text on page one.")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == logging.NOTSET  # restored afterwards


def test_pdf_running_footers_and_footnotes_end_to_end(tmp_path: Path) -> None:
    page_one = [
        "The presidents of Uzbekistan and Kazakhstan met in Tashkent on 22 August 2024",
        "and signed a treaty on allied relations, which deepens the strategic",
        "partnership1. The meeting was the first of the Supreme Interstate Council.",
        "1 Official website of the President, 2024.",
        "Journal of Central Asia, 2025 Page 12",
    ]
    page_two = [
        "The second page continues the discussion of transport links and border",
        "crossings between the two countries.",
        "Journal of Central Asia, 2025 Page 13",
    ]
    document = read_document(_write(tmp_path, "r.pdf", make_pdf([page_one, page_two])))
    cleaned = clean_text(document.text, fmt=document.format, page_starts=document.page_starts)
    assert cleaned.text == (
        "The presidents of Uzbekistan and Kazakhstan met in Tashkent on 22 August 2024 and "
        "signed a treaty on allied relations, which deepens the strategic partnership. The "
        "meeting was the first of the Supreme Interstate Council.\n\n"
        "The second page continues the discussion of transport links and border crossings "
        "between the two countries."
    )
    assert cleaned.page_labels == ("12", "13")
    assert [p.page for p in cleaned.paragraphs] == ["12", "13"]
    assert [(n.number, n.text, n.page) for n in cleaned.notes] == [
        (1, "Official website of the President, 2024.", "12")
    ]
    anchor = cleaned.notes[0].anchor
    assert anchor is not None
    assert cleaned.text[anchor - 11 : anchor + 1] == "partnership."
    raw_footers = [document.text[a:b] for a, b in cleaned.removed]
    assert raw_footers == [
        "Journal of Central Asia, 2025 Page 12",
        "Journal of Central Asia, 2025 Page 13",
    ]
