"""The seed corpus, read the way the text tests need it."""

from __future__ import annotations

from functools import cache

from uzkz_desktop.core.paths import resources_dir


@cache
def corpus_file(number: int) -> str:
    """The full text of corpus file 00`number`."""
    (path,) = (resources_dir() / "corpus").glob(f"00{number}_*.txt")
    return path.read_text(encoding="utf-8")


def corpus_lines(number: int, first: int, last: int) -> str:
    """Lines `first`..`last` (1-based, as in an editor) joined by single spaces.

    The raw extractions put a blank line after every line; joining the non-blank lines gives
    the paragraph a reader sees.
    """
    lines = corpus_file(number).splitlines()[first - 1 : last]
    return " ".join(line.strip() for line in lines if line.strip())
