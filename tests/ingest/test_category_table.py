"""`categories()` reads the category table alone: the window lists categories at start-up
without building the keyword classifier (which `classify` builds when first needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from uzkz_desktop.ingest.categories import (
    CategoryError,
    _classifier,
    _load_category_table,
    categories,
)

GOOD = """
[endings]
uz = ["ni"]

[[category]]
id = "diplomacy"
label_en = "Diplomacy"
label_uz = "Diplomatiya"
label_ru = "Дипломатия"
color = "#332288"
specificity = 0.5

[category.keywords.uz-Latn]
"tashrif" = 2

[[category]]
id = "economy"
label_en = "Economy"
label_uz = "Iqtisod"
label_ru = "Экономика"
color = "#E69F00"

[category.keywords.en]
"trade" = 2
"""


def test_categories_do_not_build_the_classifier() -> None:
    probe = (
        "from uzkz_desktop.ingest import categories as c; import sys; "
        "found = c.categories(); "
        "print(len(found), c._classifier.cache_info().currsize, "
        "'uzkz_desktop.ingest.entities' in sys.modules); "
        "c.classify('savdo aylanmasi'); "
        "print(c._classifier.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "13 0 False"  # 13 categories; no classifier, not even the fold's tables
    assert out[1] == "1"  # classify builds it


def test_the_table_says_what_the_classifier_says() -> None:
    assert tuple(categories()) == _classifier().categories
    assert categories() is not categories()  # a fresh list each time: callers may change it


def test_a_table_read_alone_is_checked_like_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "categories.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert [c.id for c in _load_category_table(path)] == ["diplomacy", "economy"]
    for broken, message in [
        (GOOD.replace('color = "#E69F00"', 'color = "orange"'), "color must be #RRGGBB"),
        (GOOD.replace('id = "economy"', 'id = "diplomacy"'), "must be unique"),
        (GOOD.replace('label_ru = "Экономика"\n', ""), "needs id, label_en"),
        (GOOD.replace("specificity = 0.5", "specificity = 2"), "specificity"),
        ("[endings]\nuz = []\n", "needs \\[\\[category\\]\\] tables"),
    ]:
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(CategoryError, match=message):
            _load_category_table(path)


def test_a_file_that_cannot_be_cut_into_tables_is_read_whole(tmp_path: Path) -> None:
    # A multi-line array with a line starting "[" inside the category table: cutting at
    # that line would break the TOML, so the whole file is read instead.
    tricky = GOOD.replace("specificity = 0.5\n", 'specificity = 0.5\nnotes = [\n["a", "b"],\n]\n')
    path = tmp_path / "categories.toml"
    path.write_text(tricky, encoding="utf-8")
    assert [c.id for c in _load_category_table(path)] == ["diplomacy", "economy"]
    path.write_text(tricky.replace('id = "diplomacy"', 'id = "economy"'), encoding="utf-8")
    with pytest.raises(CategoryError, match="must be unique"):
        _load_category_table(path)
    with pytest.raises(CategoryError, match=r"missing\.toml: .*No such file"):
        _load_category_table(tmp_path / "missing.toml")
