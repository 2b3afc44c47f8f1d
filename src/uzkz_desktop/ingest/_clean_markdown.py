"""Markdown markup to strip: which characters of a line are markup, and what the line is.

Only the markup is deleted; the words stay where they are in the raw text, so the offset map
needs no special case. Heading text is kept as its own paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MarkdownLine", "looks_like_markdown", "markdown_line"]

_HEADING_RE = re.compile(r"(#{1,6})[ \t]+(?=\S)")
_HEADING_TAIL_RE = re.compile(r"[ \t]+#+[ \t]*$")
_RULE_RE = re.compile(r"(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$")
_FENCE_RE = re.compile(r"(?:`{3,}|~{3,})")
_QUOTE_RE = re.compile(r"(?:>[ \t]?)+")
_BULLET_RE = re.compile(r"[-*+][ \t]+(?=\S)")
_NUMBERED_RE = re.compile(r"\d{1,3}[.)][ \t]+(?=\S)")

# Inline markup. Each pattern names the groups that are markup (to delete).
_LINK_RE = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\))")
_AUTOLINK_RE = re.compile(r"(<)((?:https?://|mailto:|www\.)[^>\s]+|[^@\s<>]+@[^@\s<>]+)(>)")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)(\1)")
_EMPHASIS_RE = re.compile(r"(?<![\w*\\])(\*)(?=[^\s*])(.+?)(?<=[^\s*\\])(\*)(?![\w*])")
_UNDERSCORE_RE = re.compile(r"(?<![\w_\\])(_)(?=[^\s_])(.+?)(?<=[^\s_\\])(_)(?![\w_])")
_STRIKE_RE = re.compile(r"(~~)(?=\S)(.+?)(?<=\S)(~~)")
_CODE_RE = re.compile(r"(`+)([^`\n]+?)(\1)")
_ESCAPE_RE = re.compile(r"(\\)(?=[\\`*_{}\[\]()#+\-.!>|])")

_SIGNALS = (
    re.compile(r"(?m)^#{1,6}[ \t]+\S"),
    re.compile(r"\*\*\S[^*\n]*\*\*"),
    re.compile(r"\]\((?:https?://|mailto:|#|/)"),
    re.compile(r"<https?://[^>\s]+>"),
)


def looks_like_markdown(text: str) -> bool:
    """At least two different kinds of Markdown markup (a .txt export of a Markdown file)."""
    sample = text[:200_000]
    return sum(1 for signal in _SIGNALS if signal.search(sample)) >= 2


@dataclass(frozen=True, slots=True)
class MarkdownLine:
    role: str  # "heading" | "list" | "rule" | "fence" | "text"
    level: int  # heading level, 0 otherwise
    deletions: list[tuple[int, int]]  # spans of the line (relative offsets) that are markup


_BLOCK_STARTS = "#>`~-*_+0123456789"
_INLINE_CHARS = "*_[<~`\\"
_PLAIN = MarkdownLine("text", 0, [])


def markdown_line(text: str) -> MarkdownLine:
    """Classify one stripped line and find its markup."""
    if text[0] not in _BLOCK_STARTS and not any(c in text for c in _INLINE_CHARS):
        return _PLAIN
    if _FENCE_RE.match(text):
        return MarkdownLine("fence", 0, [(0, len(text))])
    if _RULE_RE.match(text):
        return MarkdownLine("rule", 0, [(0, len(text))])
    deletions: list[tuple[int, int]] = []
    role, level, body = "text", 0, 0
    quote = _QUOTE_RE.match(text)
    if quote:
        deletions.append((0, quote.end()))
        body = quote.end()
    heading = _HEADING_RE.match(text, body)
    if heading:
        role, level = "heading", len(heading.group(1))
        deletions.append((body, heading.end()))
        tail = _HEADING_TAIL_RE.search(text)
        if tail:
            deletions.append((tail.start(), tail.end()))
    elif bullet := _BULLET_RE.match(text, body):
        role = "list"
        deletions.append((body, bullet.end()))
    elif _NUMBERED_RE.match(text, body):
        role = "list"
    deletions.extend(_inline_markup(text))
    return MarkdownLine(role, level, _merge(deletions))


def _inline_markup(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "[" in text:
        for m in _LINK_RE.finditer(text):
            spans.append(m.span(1))
            spans.append(m.span(3))
    if "<" in text:
        for m in _AUTOLINK_RE.finditer(text):
            spans.append(m.span(1))
            spans.append(m.span(3))
    # Each pattern with the character it needs: no need to run it on lines without one.
    for pattern, needed in (
        (_STRONG_RE, "*_"),
        (_EMPHASIS_RE, "*"),
        (_UNDERSCORE_RE, "_"),
        (_STRIKE_RE, "~"),
        (_CODE_RE, "`"),
        (_ESCAPE_RE, "\\"),
    ):
        if not any(c in text for c in needed):
            continue
        for m in pattern.finditer(text):
            spans.append(m.span(1))
            if m.lastindex and m.lastindex >= 3:
                spans.append(m.span(3))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-empty spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
