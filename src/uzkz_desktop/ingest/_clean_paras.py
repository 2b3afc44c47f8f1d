"""Paragraphs: what each body line is, where paragraphs break, and what each paragraph is.

In the double-spaced PDF extractions the blank lines carry no information, so paragraph ends
are inferred: a heading, list item or caption starts a new paragraph, and so does a line after
a short line that ends a sentence (research note §5.1 row 10). A line that ends with a letter
followed by one that starts in lower case always continues the paragraph (the Markdown export
splits sentences that way: `узвий` ⏎⏎ `боғлиқлигига`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uzkz_desktop.ingest._clean_lines import Layout, Line, Profile

__all__ = ["BodyLine", "assign_roles", "breaks_paragraph", "paragraph_kinds", "strong_gap"]

_CLOSERS = "\"”»’')]"
_LIST_RE = re.compile(r"(?:\d{1,2}[.)]|[a-zа-я][.)]|[-•▪●◦∙·*–—])\s+\S")
_DASHES = "–—"
# A word (not a number, URL or e-mail address) at the start of a line.
_WORD_START_RE = re.compile(r"[^\W\d_]+(?:[-’'‘ʻʼ][^\W\d_]+)*(?:[\s.,;:!?)”»]|$)")
_NUMBERED_TITLE_RE = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+[^\W\d_]")
_CAPTION_RE = re.compile(
    r"(?i)(?:\d{1,3}\s*[-–]\s*(?:rasm|jadval|chizma|diagramma|расм|жадвал|чизма|диаграмма)"
    r"|(?:rasm|jadval|расм|жадвал|рис\.?|рисунок|таблица|диаграмма|figure|fig\.|table)"
    r"\s*№?\s*\d{1,3})(?![\w-])"
)
_CAPTION_INITIALS = "RrJjFfTtРрЖжТтДд"
_NEW_START = "“\"«„‘'([–—-•"

_REFERENCE_RE = re.compile(
    r"(?:foydalanilgan\s+)?(?:adabiyotlar|manbalar)(?:\s+ro\S?yxati)?"
    r"|(?:фойдаланилган\s+)?(?:адабиётлар|манбалар)(?:\s+рўйхати)?"
    r"|references?|bibliography|works\s+cited|literature(?:\s+cited)?|sources"
    r"|(?:список\s+)?(?:использованной\s+|использованных\s+)?(?:литературы|источников)"
    r"|(?:использованная\s+)?литература|библиография|источники"
)
_ABSTRACT_RE = re.compile(
    r"(?:annotatsiya|аннотация|annotation|abstract|абстракт|kalit\s+so\S?zlar|калит\s+сўзлар"
    r"|keywords|key\s+words|ключевые\s+слова|tayanch\s+so\S?zlar|таянч\s+сўзлар|резюме|rezyume"
    r")(?!\w)"
)


@dataclass(slots=True)
class BodyLine:
    line: Line
    start: int  # raw offset of the first character kept
    end: int  # raw offset after the last character kept
    text: str  # the line as it will read
    # None: the whole line, unchanged (the common case). Otherwise raw spans kept, (s, e, ""),
    # and insertions, (position, position, string).
    pieces: list[tuple[int, int, str]] | None = None
    role: str = "text"  # "heading" | "list" | "caption" | "text"
    caps: bool = False
    level: int = 0  # Markdown heading level
    markdown: bool = False  # role decided by Markdown syntax
    gap: int = 0  # blank lines before; -1 when removed material lies in between
    soft_hyphen: bool = False  # the line ended with U+00AD


def assign_roles(body: list[BodyLine], prof: Profile) -> None:
    # A short line without final punctuation is a heading in a PDF extraction (`Metodologiya`);
    # in a Word or web document it is just as likely a short paragraph, so there only capitals
    # and the document's first line (its title) count.
    titles = prof.layout in (Layout.DOUBLE, Layout.FLOW)
    for k, b in enumerate(body):
        if b.markdown and b.role != "text":
            continue
        t = b.text
        first = t[0]
        if first.islower() and not (len(t) > 1 and t[1] in ".)"):
            continue  # a continuation line: none of the roles below starts in lower case
        if (first.isdigit() or first in _CAPTION_INITIALS) and _CAPTION_RE.match(t):
            b.role = "caption"
        elif _is_caps(t):
            b.role, b.caps = "heading", True
        elif (titles or k == 0) and _is_title(
            t, body[k - 1] if k else None, body[k + 1] if k + 1 < len(body) else None
        ):
            b.role = "heading"
        elif _LIST_RE.match(t):
            b.role = "list"


def _is_caps(text: str) -> bool:
    if text[-1].islower():
        return False
    return len(text) <= 100 and text == text.upper() and sum(c.isalpha() for c in text) >= 3


def _is_title(text: str, before: BodyLine | None, after: BodyLine | None) -> bool:
    """A short stand-alone line such as `Metodologiya`, `1. Tadqiqot usuli`, `Xulosa:`."""
    if len(text) > 60 or text[-1] in ".,;-–—‐" or len(text.split()) > 6:
        return False
    if not (text[0].isupper() or _NUMBERED_TITLE_RE.match(text)):
        return False
    if before is not None and before.role != "heading" and not is_terminal(before.text):
        return False
    return after is None or _starts_new(after.text)


def _starts_new(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in _NEW_START


def is_terminal(text: str) -> bool:
    """Ends a sentence or clause: . ! ? : ; … (before closing quotes), or » )."""
    if text[-1] in "»)":
        return True
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?:;…"


def _ends_sentence(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?…"


def breaks_paragraph(a: BodyLine, b: BodyLine, prof: Profile, current: str) -> bool:
    """Whether b starts a new paragraph after a (they are not glued without a space).

    `current` is the role of the first line of a's paragraph.
    """
    if (a.markdown and a.role == "heading") or (b.markdown and b.role in ("heading", "list")):
        return True
    # A sentence running on. In Markdown not out of a list item, nor across removed lines
    # (a code fence or a rule); in PDF text a removed header or footnote block is no break.
    markdown_stop = a.markdown and (a.role == "list" or b.gap < 0)
    if (
        not markdown_stop
        and a.text[-1].isalpha()
        and b.text[0].islower()
        and _WORD_START_RE.match(b.text)
    ):
        return False
    if strong_gap(b, prof):
        return True
    if a.role == "heading":
        # A title set on two lines is one heading.
        return not (a.caps and b.caps and not is_terminal(a.text))
    if b.role in ("heading", "caption"):
        return True
    if b.role == "list":
        # A dash may also start a continuation line (`– [Electronic resource]. – URL:`), so
        # a dash item needs a list-introducing `:` or `;` before it.
        if b.text[0] in _DASHES:
            return a.text[-1] in ":;"
        return is_terminal(a.text)
    if current == "caption" and _starts_new(b.text):
        return True
    if current == "list" and _ends_sentence(a.text) and _starts_new(b.text):
        return True  # the text after a list item
    return (
        prof.layout in (Layout.DOUBLE, Layout.FLOW)
        and is_terminal(a.text)
        and len(a.line.text) < 0.8 * prof.line_width
        and _starts_new(b.text)
    )


def strong_gap(b: BodyLine, prof: Profile) -> bool:
    """The blank lines (or layout) before b mark a paragraph break by themselves."""
    if prof.layout is Layout.LINES:
        return True
    if prof.layout is Layout.BLANK:
        return b.gap != 0
    if prof.layout is Layout.DOUBLE:
        return b.gap >= 2  # a wider gap than the usual one blank line
    return False


def paragraph_kinds(texts: list[str], roles: list[tuple[str, bool, int]]) -> list[str]:
    """Kind of each paragraph from its text and its first line's (role, caps, level).

    The reference list runs from its heading to the next heading of the same rank (capitals
    or a Markdown heading no deeper than its own); sub-headings such as `Kitoblar` stay inside.
    Paragraphs under an abstract heading, or starting `Annotatsiya:`, are the abstract.
    """
    kinds: list[str] = []
    reference: tuple[bool, int] | None = None  # (caps, level) of the reference heading
    in_abstract = False
    for text, (role, caps, level) in zip(texts, roles, strict=True):
        label = _heading_text(text)
        if role == "heading":
            if reference is not None and _same_rank(caps, level, reference):
                reference = None
            if _REFERENCE_RE.fullmatch(label):
                reference = (caps, level)
                kinds.append("heading")
                continue
            in_abstract = _ABSTRACT_RE.fullmatch(label) is not None
            kinds.append("reference" if reference else "heading")
            continue
        if reference is None and len(label) <= 60 and _REFERENCE_RE.fullmatch(label):
            reference = (caps, level)
            kinds.append("heading")
            continue
        if reference is not None:
            kinds.append("reference")
        elif role == "caption":
            kinds.append("caption")
        elif in_abstract or _ABSTRACT_RE.match(label):
            kinds.append("abstract")
        else:
            kinds.append("body")
    return kinds


def _heading_text(text: str) -> str:
    return text.strip().rstrip(":.").strip().casefold()


def _same_rank(caps: bool, level: int, reference: tuple[bool, int]) -> bool:
    """Does a heading end the reference section? A Markdown heading no deeper than the
    reference heading does; without Markdown levels, any heading in capitals does."""
    ref_level = reference[1]
    if ref_level:
        return 0 < level <= ref_level
    return caps or level > 0
