"""Plain text out of HTML with the standard library's parser (never rendered, never run)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["charset_of", "html_to_text"]

# Elements whose end (and start) is a paragraph break.
_BLOCK_TAGS = """
    address article aside blockquote caption dd div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul
"""
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_CELLS = frozenset(("td", "th"))
_SKIPPED = frozenset(("script", "style", "noscript", "template", "head", "svg", "math"))
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SPACES_RE = re.compile(r"[^\S\n]+")
_BREAKS_RE = re.compile(r"\n\s*\n\s*")


def charset_of(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, if any."""
    m = _CHARSET_RE.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def html_to_text(markup: str) -> str:
    """Block elements become paragraphs, <br> a line break; scripts and styles are dropped;
    entities are decoded. Inside a paragraph, whitespace collapses as a browser would."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _CELLS:
            self._parts.append("\t")  # cells of a row stay on one line
        elif tag in _BLOCKS:
            self._parts.append("\n\n")
            if tag == "pre":
                self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS and tag not in _CELLS:
            self._parts.append("\n\n")
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._pre_depth:
            self._parts.append(data)
        else:
            self._parts.append(_SPACES_RE.sub(" ", data.replace("\n", " ")))

    def text(self) -> str:
        joined = "".join(self._parts)
        lines = [line.strip() for line in joined.split("\n")]
        return _BREAKS_RE.sub("\n\n", "\n".join(lines)).strip()
