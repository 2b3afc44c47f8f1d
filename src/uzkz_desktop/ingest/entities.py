"""The gazetteer: people, places and organisations of Uzbek–Kazakh relations, in any script.

Aliases live in `resources/gazetteer.toml` (its header explains how to write them). Text
is matched in a folded copy — case, apostrophe glyphs and Cyrillic letters folded to one
Latin form — so one alias covers `O‘zbekiston`, `O„zbekiston`, `OʻZBEKISTON` and the
Cyrillic `Ўзбекистон`. Mentions are reported as spans of the text given, not of the copy.

Aliases are compiled into regular expressions shaped as tries (aliases sharing a prefix
share a branch), one per first letter. Names start only where words do, so `find` looks
at each word once: its first two letters pick a pattern or rule the word out. Inflection
is a suffix grammar after the alias stem, not a list of inflected forms.
"""

from __future__ import annotations

import bisect
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, compress
from operator import ne
from pathlib import Path
from typing import Any

from uzkz_desktop.core.errors import UzkzError
from uzkz_desktop.core.paths import resources_dir

KINDS = ("person", "place", "organisation")
GAZETTEER_FILE = "gazetteer.toml"


class GazetteerError(UzkzError):
    """The gazetteer file is malformed or contradicts itself (one alias, two entities)."""


# ---------------------------------------------------------------------------
# Folding. TEMPORARY: `_fold` is the ONE place that decides how text is compared; the
# classifier (categories.py) uses it too. Replace its body with
#     return search_fold(text)          # uzkz_desktop.text.normalise
# when the lead switches. Nothing else assumes how folding works: words are folded one
# at a time and offsets mapped back per word, aliases and suffixes are folded the same
# way (Cyrillic aliases also casefolded only: see `_alias_folds`). Checked: with
# search_fold in its place every test in tests/ingest/test_entities.py and
# test_categories.py passes and the mentions found in the corpus are the same.
# ---------------------------------------------------------------------------

# Every glyph sources use for the o‘/g‘ letter or the tutuq belgisi.
APOSTROPHES = "'‘’ʻʼ„‟`´′ʹ‛‚ʽ"
# What folded text may hold where an apostrophe stood: ours folds all to ʻ, search_fold
# keeps ʻ (o‘, g‘) and ʼ (tutuq) apart. Patterns accept both.
_FOLDED_APOSTROPHES = "ʻʼ"
_APOSTROPHE_SET = frozenset(_FOLDED_APOSTROPHES)

# fmt: off
_LETTERS = {
    # Russian / Uzbek Cyrillic. Context-free on purpose: е is always e (never ye), so the
    # Cyrillic and Latin spellings of a name meet only when they spell alike; the
    # gazetteer lists the rest.
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ʻ", "ы": "i", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Uzbek Cyrillic letters.
    "ў": "oʻ", "қ": "q", "ғ": "gʻ", "ҳ": "h",
    # Kazakh Cyrillic letters.
    "ә": "a", "ө": "o", "ұ": "u", "ү": "u", "і": "i", "ң": "ng", "һ": "h",
} | dict.fromkeys(APOSTROPHES, "ʻ")
# fmt: on


class _FoldTable(dict[int, str]):
    """str.translate table that folds any character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = "".join(_LETTERS.get(c, c) for c in chr(code).casefold())
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
_UNIFY_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES, "ʻ"))


def _fold(text: str) -> str:
    """Casefold, one apostrophe, Cyrillic → Latin. Stand-in for `search_fold` (see above)."""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


_DASHES = "-‐‑‒–—"
# Between words the folded copy holds only spaces and "-": line breaks, quote marks and
# dashes are replaced one for one (offsets stay put) and name patterns stay short. So a
# name may run over a line break or have part of it in quotes (“Markaziy Osiyo” xalqaro).
# ʻ and ʼ are not replaced: they are letters and only occur inside (folded) words.
_QUOTE_MARKS = '"“”«»' + APOSTROPHES.replace("ʻ", "").replace("ʼ", "")
_GAP_SPACES = "\t\n\r\v\f\u00a0\u2009\u202f" + _QUOTE_MARKS
_GAP_TABLE = str.maketrans(dict.fromkeys(_GAP_SPACES, " ") | dict.fromkeys(_DASHES, "-"))


# ---------------------------------------------------------------------------
# Folded text with a way back to the original offsets
# ---------------------------------------------------------------------------

_WORD_CHAR = r"[\w\u0300-\u036f]"
_APOS_CLASS = "[" + re.escape(APOSTROPHES) + "]"
# A word with its inner apostrophes (O„zbekiston, ta’lim) and one trailing (tog‘): the unit
# folded at once, so a context-aware fold sees whole words. The gaps between words are
# only normalised char for char (_GAP_TABLE).
_WORD = re.compile(f"{_WORD_CHAR}+(?:{_APOS_CLASS}{_WORD_CHAR}+)*{_APOS_CLASS}?")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_WORD_CACHE_LIMIT = 200_000
_word_cache: dict[str, str] = {}
_gap_cache: dict[str, str] = {}


def _fold_gap(gap: str) -> str:
    # Gaps are normalised char for char (see _GAP_TABLE); "" stays "" uncached.
    folded = gap.translate(_GAP_TABLE)
    if gap:
        if len(_gap_cache) >= _WORD_CACHE_LIMIT:
            _gap_cache.clear()
        _gap_cache[gap] = folded
    return folded


def _fold_word(word: str) -> str:
    folded = _word_cache.get(word)
    if folded is None:
        if len(_word_cache) >= _WORD_CACHE_LIMIT:
            _word_cache.clear()
        folded = _word_cache[word] = _fold(word)
    return folded


@dataclass(slots=True)
class _FoldedText:
    """The folded copy of a text, where its words start, and how to map offsets back.

    Only words whose folded length differs get an anchor: between two anchors the copy
    and the original differ by a constant shift.
    """

    original: str
    folded: str
    word_starts: list[int]  # folded offset of every word: names start only there
    # (folded start, folded end, original start, original end) of each resized word.
    anchors: list[tuple[int, int, int, int]] = field(default_factory=list)
    _anchor_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _FoldedText:
        parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, …, gap
        words = parts[1::2]
        word_get, gap_get = _word_cache.get, _gap_cache.get
        folded_words = [word_get(w) or _fold_word(w) for w in words]
        out = parts[:]
        out[1::2] = folded_words
        out[0::2] = [gap_get(g) or _fold_gap(g) for g in parts[0::2]]
        offsets = list(accumulate(map(len, out), initial=0))
        result = cls(text, "".join(out), offsets[1 : len(out) : 2])
        word_lengths, folded_lengths = list(map(len, words)), list(map(len, folded_words))
        if word_lengths != folded_lengths:
            resized = compress(range(1, len(parts), 2), map(ne, word_lengths, folded_lengths))
            result._anchor(resized, list(accumulate(map(len, parts), initial=0)), offsets)
        return result

    def _anchor(self, resized: Iterable[int], original: list[int], offsets: list[int]) -> None:
        self.anchors = [(offsets[i], offsets[i + 1], original[i], original[i + 1]) for i in resized]
        self._anchor_starts = [a[0] for a in self.anchors]

    def to_original(self, pos: int, *, is_end: bool) -> int:
        """The original offset of folded offset `pos` (a start or an end of a span)."""
        index = bisect.bisect_right(self._anchor_starts, pos) - 1
        if index < 0:
            return pos
        f_start, f_end, o_start, o_end = self.anchors[index]
        if pos >= f_end:
            return o_end + (pos - f_end)
        if pos == f_start:
            return o_start
        return o_start + _offset_in_word(self.original[o_start:o_end], pos - f_start, is_end)


def _offset_in_word(word: str, folded_offset: int, is_end: bool) -> int:
    """Map an offset inside a resized word through the folds of the word's prefixes.

    With a letter-by-letter fold every prefix folds to a prefix of the folded word. A
    context-aware fold (search_fold) may not; prefixes that disagree are skipped, and
    with none left the span snaps outwards to the word's edge (inside the text, covering).
    """
    folded = _fold_word(word)
    best = 0
    for length in range(1, len(word) + 1):
        prefix = _fold(word[:length])
        if not folded.startswith(prefix):
            continue
        if is_end and len(prefix) >= folded_offset:
            return length
        if not is_end and len(prefix) <= folded_offset:
            best = length
    return len(word) if is_end else best


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]  # as displayed: the "|" inflection marks removed
    note: str | None = None


@dataclass(frozen=True, slots=True)
class EntityMention:
    entity_id: str
    name: str
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Alias:
    entity: int  # index into the entity list
    spelling: str  # as written in the file, "|" marks included
    cased: bool


# ---------------------------------------------------------------------------
# Alias → regex units → trie-shaped regexes
# ---------------------------------------------------------------------------

_SPACE_UNIT = " +"
_HYPHEN_UNIT = "(?: *- *| +)"
_AFTER_DOT_SPACE_UNIT = " *"
_AFTER_DOT_HYPHEN_UNIT = " *-? *"
_DOT_UNIT = r"\."
_APOSTROPHE_UNIT = f"[{_FOLDED_APOSTROPHES}]?"
# A name ends where letters do; apostrophes are not letters here, so a name in ‘single
# quotes’ is found. (It starts where a word does: see `find`.)
_LETTER = f"[^\\W_{_FOLDED_APOSTROPHES}]"
_NOT_BEFORE_LETTER = f"(?!{_LETTER})"
_ALIAS_TOKEN = re.compile(
    rf"(?P<word>[^\s.{re.escape(_DASHES)}]+)|(?P<dot>\.)"
    rf"|(?P<hyphen>\s*[{re.escape(_DASHES)}]\s*)|(?P<space>\s+)"
)
_ACRONYM_MAX = 6
# The ending of an inner word marked "|" (Центральн|ой Ази|и): any few letters will do,
# as the next word must follow; the full suffix grammar is kept for the last word.
_INNER_ENDING_UNIT = f"(?:{_LETTER}|[{_FOLDED_APOSTROPHES}]){{0,5}}"


def _letter_units(folded: str) -> list[str]:
    return [_APOSTROPHE_UNIT if c in _FOLDED_APOSTROPHES else re.escape(c) for c in folded]


def _alias_units(spelling: str, fold: Callable[[str], str]) -> tuple[list[str], bool]:
    """Regex units of one alias, and whether it ends in a letter (so it may inflect)."""
    tokens = [(m.lastgroup or "", m.group()) for m in _ALIAS_TOKEN.finditer(spelling.strip())]
    words = [i for i, (kind, _) in enumerate(tokens) if kind == "word"]
    units: list[str] = []
    previous = ""
    for index, (kind, value) in enumerate(tokens):
        if kind == "word":
            stem, marked, _ending = value.partition("|")
            units += _letter_units(fold(stem))
            if marked and index != words[-1]:
                units.append(_INNER_ENDING_UNIT)
        elif kind == "dot":
            units.append(_DOT_UNIT)
        elif kind == "hyphen":
            units.append(_AFTER_DOT_HYPHEN_UNIT if previous == "dot" else _HYPHEN_UNIT)
        else:
            units.append(_AFTER_DOT_SPACE_UNIT if previous == "dot" else _SPACE_UNIT)
        previous = kind
    return units, bool(tokens) and tokens[-1][0] == "word"


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _alias_folds(spelling: str) -> list[Callable[[str], str]]:
    """How an alias is spelt in folded text: folded, and (Cyrillic) also just casefolded.

    A fold that decides per word whether Cyrillic is Uzbek (search_fold does) may leave an
    inflected form in Cyrillic (Қазақстанның has the Kazakh ң) while its stem (Қазақстан)
    goes Latin. The casefolded spelling catches that form; with a fold that transliterates
    every Cyrillic letter (`_fold` today) it never matches and costs nothing but size.
    """
    if _CYRILLIC.search(spelling):
        return [_fold_word, _casefold_word]
    return [_fold_word]


def _casefold_word(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _display(spelling: str) -> str:
    return spelling.replace("|", "")


def _is_acronym(spelling: str) -> bool:
    letters = _display(spelling).translate(_UNIFY_APOSTROPHES).replace("ʻ", "")
    capitals = sum(c.isupper() for c in letters)
    return letters.isalpha() and 2 <= len(letters) <= _ACRONYM_MAX and capitals >= 2


@dataclass(slots=True)
class _Terminal:
    """What a path through the trie finds, and what the original text must look like."""

    index: int  # its marker group is named t<index>
    entity: int
    cased: bool = False
    acronym_forms: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: _Terminal | None = None
    _depth: int = 0

    def depth(self) -> int:
        if not self._depth:
            self._depth = 1 + max((c.depth() for c in self.children.values()), default=0)
        return self._depth


def _trie_alternation(strings: Iterable[str]) -> str:
    """A compact regex matching exactly the given folded strings (apostrophes optional)."""
    root = _Node()
    for text in strings:
        node = root
        for unit in _letter_units(text):
            node = node.children.setdefault(unit, _Node())
        node.terminal = _Terminal(index=-1, entity=-1)
    return _render(root, lambda _node: "")


def _second_chars(node: _Node) -> set[str] | None:
    """What the folded text may hold right after a name's first letter; None: anything."""
    if node.terminal is not None:
        return None
    chars: set[str] = set()
    for unit, child in node.children.items():
        if unit == _APOSTROPHE_UNIT:
            after = _second_chars(child)
            if after is None:
                return None
            chars |= set(_FOLDED_APOSTROPHES) | after
        elif unit in (_SPACE_UNIT, _HYPHEN_UNIT):
            chars |= {" ", "-"}
        elif len(unit.replace("\\", "")) == 1:
            chars.add(unit.replace("\\", ""))
        else:
            return None
    return chars


def _render(node: _Node, terminal_tail: Callable[[_Node], str]) -> str:
    """Regex for the trie below `node`; longer continuations are tried first."""
    children = sorted(node.children.items(), key=lambda item: -item[1].depth())
    options = [unit + _render(child, terminal_tail) for unit, child in children]
    if node.terminal is not None:
        options.append(terminal_tail(node))
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


# ---------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------

# Where a URL, a bare domain or an e-mail address may be: their words are not mentions.
_URL_HINT = re.compile(
    r"://|www\.|WWW\.|@|\.(?i:com|org|net|info|gov|edu|int|uz|kz|ru|ua|az|kg|tj|media)\b"
)
_NON_SPACE = re.compile(r"\S*")
_SPACE = re.compile(r"\s*")


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for hint in _URL_HINT.finditer(text):
        if spans and hint.start() < spans[-1][1]:
            continue
        start = hint.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = _run_end(_NON_SPACE, text, hint.end())
        # PDF extraction breaks a long URL after "-" or "/"; the next line goes on with it.
        while hint.group() in ("://", "www.", "WWW.") and text[end - 1] in "-/":
            after = _run_end(_NON_SPACE, text, _run_end(_SPACE, text, end))
            if after == _run_end(_SPACE, text, end):
                break
            end = after
        spans.append((start, end))
    return spans


def _run_end(run: re.Pattern[str], text: str, pos: int) -> int:
    match = run.match(text, pos)
    return match.end() if match else pos


class Gazetteer:
    """Entities and a matcher over their aliases. Build with `Gazetteer.load()`."""

    def __init__(
        self,
        entities: Sequence[Entity],
        aliases: Sequence[_Alias],
        suffixes: Iterable[str],
    ) -> None:
        self._entities = tuple(entities)
        self._by_id = {e.id: e for e in self._entities}
        # Suffixes both folded and casefolded, for the reason given at `_alias_folds`.
        forms = {form for s in suffixes if s for form in (_fold(s), _casefold_word(s))}
        suffix = "(?:" + _trie_alternation(forms) + ")"
        self._terminals: list[_Terminal] = []
        # Names that may inflect share one suffix grammar; names ending in an initial
        # ("Mirziyoyev Sh.") take none and are tried first, being the longer spelling
        # where the two overlap. One pattern per first letter: `find` picks it by the
        # word's first two letters, so a word costs a dict lookup and one short match.
        inflecting, fixed = self._build_tries(aliases)
        branches: dict[str, list[str]] = {}
        follow: dict[str, set[str] | None] = {}
        for tree, tail in ((fixed, ""), (inflecting, f"{suffix}{{0,3}}")):
            for unit, child in tree.children.items():
                branches.setdefault(unit, []).append(unit + _render(child, self._marker) + tail)
                seconds, known = _second_chars(child), follow.get(unit, set())
                follow[unit] = None if seconds is None or known is None else known | seconds
        # Most words are no name: the first two letters rule them out with a dict lookup.
        self._by_prefix: dict[str, re.Pattern[str]] = {}
        self._by_first: dict[str, re.Pattern[str]] = {}
        for unit, options in branches.items():
            first = unit.replace("\\", "")
            pattern = re.compile(f"(?:{'|'.join(options)}){_NOT_BEFORE_LETTER}")
            seconds = follow[unit]
            if seconds is None:
                self._by_first[first] = pattern
            else:
                self._by_prefix.update(dict.fromkeys((first + c for c in seconds), pattern))

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """The gazetteer in `path`, or the bundled one (built once, then shared)."""
        if path is None:
            return _default_gazetteer()
        return _parse(path)

    def entities(self) -> list[Entity]:
        return list(self._entities)

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def find(self, text: str) -> list[EntityMention]:
        """Mentions in `text`, left to right, non-overlapping, the longest alias winning.

        Spans are offsets into `text`; an inflected form is one mention (Qozog‘istonga).
        Names start where words start. Mentions inside URLs, bare domains (kisi.kz) and
        e-mail addresses are skipped.
        """
        folded = _FoldedText.of(text)
        skip = _url_spans(text)
        copy, by_prefix, by_first = folded.folded, self._by_prefix, self._by_first
        mentions: list[EntityMention] = []
        resume = 0
        for start in folded.word_starts:
            if copy[start : start + 1] in _APOSTROPHE_SET:
                start += 1  # a word opened by a modifier-letter quote: ʻAstanaʼ
            head = copy[start : start + 2]
            pattern = by_prefix.get(head) or by_first.get(head[:1])
            if pattern is None or start < resume:
                continue
            match = pattern.match(copy, start)
            if match is None:
                continue
            mention = self._mention(match, folded)
            if mention is not None and not _inside_any(mention.start, skip):
                mentions.append(mention)
                resume = match.end()
        return mentions

    # -- building --------------------------------------------------------------

    def _build_tries(self, aliases: Sequence[_Alias]) -> tuple[_Node, _Node]:
        inflecting, fixed = _Node(), _Node()
        for alias in aliases:
            for fold in _alias_folds(alias.spelling):
                units, inflects = _alias_units(alias.spelling, fold)
                node = inflecting if inflects else fixed
                for unit in units:
                    node = node.children.setdefault(unit, _Node())
                node.terminal = self._merge(node.terminal, alias)
        return inflecting, fixed

    def _merge(self, terminal: _Terminal | None, alias: _Alias) -> _Terminal:
        """One trie end per folded spelling; two entities there is a data error."""
        if terminal is None:
            terminal = _Terminal(len(self._terminals), alias.entity)
            self._terminals.append(terminal)
        elif terminal.entity != alias.entity:
            first, second = self._entities[terminal.entity], self._entities[alias.entity]
            raise GazetteerError(
                f"alias {_display(alias.spelling)!r} of {second.id!r} folds to the same "
                f"spelling as an alias of {first.id!r}"
            )
        terminal.cased = terminal.cased or alias.cased
        if _is_acronym(alias.spelling):
            terminal.acronym_forms.add(_display(alias.spelling).translate(_UNIFY_APOSTROPHES))
        return terminal

    @staticmethod
    def _marker(node: _Node) -> str:
        # An empty named group marks where the stem ended and which entity it names.
        assert node.terminal is not None
        return f"(?P<t{node.terminal.index}>)"

    # -- matching --------------------------------------------------------------

    def _mention(self, match: re.Match[str], folded: _FoldedText) -> EntityMention | None:
        name = match.lastgroup
        if name is None:
            return None
        terminal = self._terminals[int(name[1:])]
        start = folded.to_original(match.start(), is_end=False)
        end = folded.to_original(match.end(), is_end=True)
        if terminal.acronym_forms:
            stem_end = folded.to_original(match.start(name), is_end=True)
            if not _acronym_written_so(folded.original[start:stem_end], terminal.acronym_forms):
                return None
        elif terminal.cased and not folded.original[start : start + 1].isupper():
            return None
        entity = self._entities[terminal.entity]
        text = folded.original[start:end]
        return EntityMention(entity.id, entity.name, entity.kind, start, end, text)


def _acronym_written_so(stem: str, forms: set[str]) -> bool:
    """Acronyms count in capitals (BMT, ШҲТ) or as listed (ShHT), never as a lower-case word."""
    return stem.isupper() or stem.translate(_UNIFY_APOSTROPHES) in forms


def _inside_any(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of `spans` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


# ---------------------------------------------------------------------------
# Reading the TOML file
# ---------------------------------------------------------------------------


@cache
def _default_gazetteer() -> Gazetteer:
    return _parse(resources_dir() / GAZETTEER_FILE)


def _parse(path: Path) -> Gazetteer:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise GazetteerError(f"{path}: {error}") from error
    entities: list[Entity] = []
    aliases: list[_Alias] = []
    seen: set[str] = set()
    for index, raw in enumerate(_list_of_tables(data.get("entity"), "entity")):
        entity, spellings, cased = _entity(raw, path)
        if entity.id in seen:
            raise GazetteerError(f"{path}: entity id {entity.id!r} is used twice")
        seen.add(entity.id)
        entities.append(entity)
        aliases += [_Alias(index, s, _display(s) in cased) for s in spellings]
    return Gazetteer(entities, aliases, _suffixes(data.get("inflection", {}), path))


def _entity(raw: Mapping[str, Any], path: Path) -> tuple[Entity, list[str], set[str]]:
    where = f"{path}: entity {raw.get('id')!r}"
    entity_id, name, kind = (raw.get(key) for key in ("id", "name", "kind"))
    if not (isinstance(entity_id, str) and entity_id and isinstance(name, str) and name):
        raise GazetteerError(f"{where}: needs a non-empty id and name")
    if kind not in KINDS:
        raise GazetteerError(f"{where}: kind must be one of {', '.join(KINDS)}")
    spellings = _strings(raw.get("aliases"), f"{where}: aliases")
    if not spellings:
        raise GazetteerError(f"{where}: has no aliases")
    cased = set(_strings(raw.get("cased", []), f"{where}: cased"))
    unknown = cased - {_display(s) for s in spellings}
    if unknown:
        raise GazetteerError(f"{where}: cased {sorted(unknown)} are not among its aliases")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise GazetteerError(f"{where}: note must be text")
    display = tuple(dict.fromkeys(_display(s) for s in spellings))
    return Entity(entity_id, name, str(kind), display, note), spellings, cased


def _suffixes(raw: object, path: Path) -> list[str]:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{path}: [inflection] must be a table of lists")
    suffixes: list[str] = []
    for language, values in raw.items():
        suffixes += _strings(values, f"{path}: inflection.{language}")
    return suffixes


def _list_of_tables(raw: object, what: str) -> list[Mapping[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise GazetteerError(f"the gazetteer needs [[{what}]] tables")
    return raw


def _strings(raw: object, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        raise GazetteerError(f"{where} must be a list of non-empty strings")
    return [s.strip() for s in raw]
