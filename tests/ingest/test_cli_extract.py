"""`uzkz extract`: the JSON contract, and bad input that never ends in a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from uzkz_desktop.cli import cli
from uzkz_desktop.core.paths import resources_dir

CONTRACT = {
    "source", "start", "end", "precision", "date_text", "char_start", "char_end",
    "page", "sentence", "category", "title",
}  # fmt: skip
GOOD_TEXT = "Prezidentlar 2024-yil 22-avgust kuni Toshkentda uchrashdi.\n"


def _run(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["extract", *args])
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, rows, result.stderr


def test_json_lines_carry_the_contract_fields(tmp_path: Path) -> None:
    source = tmp_path / "visit.txt"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    code, rows, _ = _run(str(source), "--json")
    assert code == 0
    assert len(rows) == 1
    assert rows[0].keys() >= CONTRACT
    assert (rows[0]["start"], rows[0]["precision"], rows[0]["date_text"]) == (
        "2024-08-22",
        "day",
        "2024-yil 22-avgust kuni",
    )


def test_offsets_point_into_the_original_file(tmp_path: Path) -> None:
    corpus_file = next((resources_dir() / "corpus").glob("002_*.txt"))
    original = corpus_file.read_text(encoding="utf-8")
    _, rows, _ = _run(str(corpus_file), "--json")
    first = next(r for r in rows if r["date_text"] == "1992-yil 23-noyabrda")
    start, end = int(str(first["char_start"])), int(str(first["char_end"]))
    assert "1992-yil 23-noyabrda" in original[start:end]


def test_corpus_article_pages_are_reported() -> None:
    corpus_file = next((resources_dir() / "corpus").glob("000_*.txt"))
    _, rows, _ = _run(str(corpus_file), "--json")
    pages = {r["page"] for r in rows}
    assert pages <= {str(p) for p in range(410, 420)}
    assert len(pages) >= 3


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "not a text file"),
        ("latin.txt", b"\xff\xfe\xfa\x81 caf\xe9 \x90\x9d\xad", "not a text file"),
        ("zip.docx", b"PK\x03\x04 broken", "docx"),
        ("broken.pdf", b"%PDF-1.4 nothing else", "PDF"),
    ],
)
def test_bad_file_is_reported_and_the_others_still_processed(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    code, rows, err = _run(str(bad), str(good), "--json")
    assert code == 1
    assert [r["date_text"] for r in rows] == ["2024-yil 22-avgust kuni"]
    assert name in err
    assert reason.lower() in err.lower()
    assert "Traceback" not in err


def test_missing_file_is_reported(tmp_path: Path) -> None:
    code, rows, err = _run(str(tmp_path / "nowhere.txt"), "--json")
    assert (code, rows) == (1, [])
    assert "nowhere.txt" in err


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("cp1251", b"")]
)
def test_other_encodings_are_read(tmp_path: Path, encoding: str, bom: bytes) -> None:
    source = tmp_path / f"{encoding}.txt"
    source.write_bytes(bom + "Визит состоялся 15 марта 2024 года в Ташкенте.\n".encode(encoding))
    code, rows, _ = _run(str(source), "--json")
    assert code == 0
    assert [(r["start"], r["precision"]) for r in rows] == [("2024-03-15", "day")]


@pytest.mark.slow
def test_a_50_megabyte_text_gets_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    line = "Savdo aylanmasi 2023-yilda 4,4 milliard dollarni tashkil etdi. " * 20 + "\n"
    with huge.open("w", encoding="utf-8") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    uzkz = shutil.which("uzkz", path=str(Path(sys.executable).parent))
    assert uzkz is not None
    done = subprocess.run(
        [uzkz, "extract", str(huge), "--json"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    assert "huge.txt" in done.stderr
    assert "too large" in done.stderr
    assert "Traceback" not in done.stderr
