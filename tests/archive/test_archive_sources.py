"""Sources and excerpts: every excerpt is traceable to the words and page of its source."""

from __future__ import annotations

import hashlib

import pytest
from archive_helpers import ORIGINAL, add_sample_source, clean

from uzkz_desktop.archive import Archive, OffsetMap, Transaction
from uzkz_desktop.core.dates import DateSpan
from uzkz_desktop.core.errors import ArchiveError

SHA = hashlib.sha256(ORIGINAL.encode()).hexdigest()


def test_a_source_is_stored_with_its_texts_and_maps(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import 002.pdf") as tx:
        source_id = tx.add_source(
            key="002",
            file_name="002.pdf",
            title="Munosabatlar",
            format="pdf",
            sha256=SHA,
            original_text="ab  cd",
            cleaned_text="ab cd",
            offset_map=[0, 1, 2, 4, 5],
            page_map=[(0, "7")],
            languages=["uz", "ru"],
            notes=[{"number": 1, "text": "Izoh."}],
        )
    detail = archive.source(source_id)
    assert (detail.row.key, detail.row.languages, detail.row.sha256) == ("002", ("uz", "ru"), SHA)
    assert (detail.row.imported_at, detail.row.excerpt_count) == ("2026-01-02T03:04:05Z", 0)
    assert (detail.original_text, detail.cleaned_text) == ("ab  cd", "ab cd")
    assert detail.page_map == ((0, "7"),)
    assert detail.offset_map == OffsetMap(5, (0, 3), (0, 4))
    assert detail.notes == [{"number": 1, "text": "Izoh."}]
    assert [s.key for s in archive.sources()] == ["002"]
    assert archive.source_by_sha256(SHA) == detail.row
    assert archive.source_by_sha256("0" * 64) is None


def test_excerpt_offsets_text_and_page_come_from_the_source(archive: Archive) -> None:
    cleaned = clean(ORIGINAL)[0]
    start = cleaned.index("O‘zbekiston")
    end = cleaned.index("imzoladi.") + len("imzoladi.")
    with archive.transaction(actor="import", action="import") as tx:
        source_id = add_sample_source(tx)
        excerpt_id = tx.add_excerpt(source_id, start, end, language="uz", date_text="1992-yil")
    excerpt = archive.excerpt(excerpt_id)
    assert (excerpt.clean_start, excerpt.clean_end, excerpt.page) == (20, 80, "1")
    assert (excerpt.char_start, excerpt.char_end) == (21, 83)
    assert excerpt.text == "O‘zbekiston va Qozog‘iston hamkorlik shartnomasini imzoladi."
    # The original span is the text as printed, hyphenation and line break included.
    assert ORIGINAL[excerpt.char_start : excerpt.char_end] == (
        "O‘zbekiston va Qozog‘iston ham-\nkorlik shartnomasini imzoladi."
    )
    assert (excerpt.source_key, excerpt.author, excerpt.issued) == ("002", "A. Karimov", "2022")
    assert (excerpt.language, excerpt.date_text) == ("uz", "1992-yil")


def test_excerpt_pages(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        source_id = add_sample_source(tx)
        second_page = tx.add_excerpt(source_id, 81, 129)
        across = tx.add_excerpt(source_id, 20, 129)
    assert archive.excerpt(second_page).page == "2"
    assert archive.excerpt(second_page).text == "2021-yilda savdo 4,3 mlrd dollarni tashkil etdi."
    assert archive.excerpt(across).page == "1–2"
    assert [e.id for e in archive.source_excerpts(source_id)] == [across, second_page]


def test_the_same_span_is_one_excerpt(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        source_id = add_sample_source(tx)
        first = tx.add_excerpt(source_id, 0, 19)
        again = tx.add_excerpt(source_id, 0, 19)
    assert first == again
    assert archive.sources()[0].excerpt_count == 1


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (7, 3), (100, 130)])
def test_an_excerpt_outside_its_source_is_refused(archive: Archive, start: int, end: int) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        source_id = add_sample_source(tx)
    with (
        pytest.raises(ValueError, match=r"is not inside source 1 \(0\.\.129\)"),
        archive.transaction(actor="import", action="bad excerpt") as tx,
    ):
        tx.add_excerpt(source_id, start, end)
    assert archive.stats().excerpts == 0


def test_an_excerpt_of_a_missing_source_is_refused(archive: Archive) -> None:
    with (
        pytest.raises(ArchiveError, match=r"there is no source 9 in "),
        archive.transaction(actor="import", action="bad excerpt") as tx,
    ):
        tx.add_excerpt(9, 0, 1)


def test_the_same_file_twice_is_refused_naming_the_first_import(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import 002.pdf") as tx:
        add_sample_source(tx)

    def import_copy(tx: Transaction) -> None:
        tx.add_event(title_en="written before the refusal", span=DateSpan.year(2000))
        add_sample_source(tx, key="009")

    with pytest.raises(ArchiveError) as error, archive.transaction(actor="i", action="i") as tx:
        import_copy(tx)
    assert str(error.value) == (
        "009.pdf was already imported on 2026-01-02 as source '002' (002.pdf);"
        " it was not imported again"
    )
    assert [s.key for s in archive.sources()] == ["002"]
    assert archive.stats().events == 0  # the whole action was rolled back


def test_a_used_source_key_is_refused(archive: Archive) -> None:
    with archive.transaction(actor="import", action="import") as tx:
        add_sample_source(tx)
    with (
        pytest.raises(ArchiveError, match="the source key '002' is already used"),
        archive.transaction(actor="import", action="import") as tx,
    ):
        add_sample_source(tx, original=ORIGINAL + " Yana.")


@pytest.mark.parametrize(
    ("offsets", "message"),
    [
        ([0, 1, 2], "the offset map covers 3 characters; the cleaned text has 5"),
        ([0, 1, 2, 4, 9], r"the offset map points outside the original text \(0\.\.6\)"),
        ([0, 1, 3, 2, 5], "offset map decreases at cleaned offset 3: 3 > 2"),
    ],
)
def test_a_bad_offset_map_is_refused(archive: Archive, offsets: list[int], message: str) -> None:
    with (
        pytest.raises(ValueError, match=message),
        archive.transaction(actor="import", action="import") as tx,
    ):
        tx.add_source(
            key="002", file_name="a.txt", title="A", format="txt", sha256=SHA,
            original_text="ab  cd", cleaned_text="ab cd", offset_map=offsets,
        )  # fmt: skip
    assert archive.sources() == []


def test_a_bad_page_map_is_refused(archive: Archive) -> None:
    with (
        pytest.raises(ValueError, match="page map offsets must increase"),
        archive.transaction(actor="import", action="import") as tx,
    ):
        tx.add_source(
            key="002", file_name="a.txt", title="A", format="txt", sha256=SHA,
            original_text="abc", cleaned_text="abc", offset_map=[0, 1, 2],
            page_map=[(0, "1"), (0, "2")],
        )  # fmt: skip


def test_a_malformed_digest_is_refused(archive: Archive) -> None:
    with (
        pytest.raises(ValueError, match="sha256 must be 64 lowercase hex digits"),
        archive.transaction(actor="import", action="import") as tx,
    ):
        tx.add_source(
            key="002", file_name="a.txt", title="A", format="txt", sha256=SHA.upper(),
            original_text="a", cleaned_text="a", offset_map=[0],
        )  # fmt: skip


def test_offset_map_from_ingest_segments() -> None:
    # 'ab' copied from 0, one inserted space standing for original 2, 'cd' copied from 4.
    offsets = OffsetMap.from_segments([0, 2, 3], [0, 2, 4], [0, 1, 0], 5)
    assert offsets.expand() == [0, 1, 2, 4, 5]
    assert offsets.original_span(3, 5) == (4, 6)
    assert OffsetMap.from_json(offsets.to_json()) == offsets
    assert offsets.to_json() == '{"length":5,"runs":[[0,0],[3,4]]}'
