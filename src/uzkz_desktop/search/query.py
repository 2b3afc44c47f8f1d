"""The query language, and its translation into an execution plan.

    hamkorlik Toshkent          both words (any form, any script: Ҳамкорлик, hamkorligi…)
    "temir yoʻl"                a phrase («…» and “…” work too)
    посол OR elchi              either; AND is the default; NOT посол, -посол exclude
    (savdo OR investitsiya) -neft
    hamkor*                     prefix;   Tokaev~  Tokaev~2   fuzzy (1 or 2 edits)
    category:energy  tag:culture/abay  source:000_975e9db2f550021b  lang:ru
    year:2024  year:2020..2024  date:2023..2024  date:2023-05  date:2023-05-17  date:..2000
                                date filters keep events whose span overlaps the range
    Field names also in Uzbek and Russian: teg/тег, kategoriya/категория, manba/источник,
    til/язык, yil/год, sana/дата.

Plain words are expanded through the thesaurus (ambassador → посол, elchi, …): expansions
rank below the words typed. Names of people and places match in every script and spelling.

A query that cannot be parsed (unbalanced quotes or brackets, a lone operator, control
characters) is searched as plain words, and `Compiled.notice` says so; nothing here raises.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from uzkz_desktop.search.analysis import QueryWord, entity_prefix_keys, query_variants
from uzkz_desktop.search.engine import (
    AllOf,
    Alt,
    AnyOf,
    DateFilter,
    Everything,
    FacetFilter,
    Group,
    Node,
    Not,
    Phrase,
    Term,
    TermSet,
)
from uzkz_desktop.search.thesaurus import Thesaurus, thesaurus
from uzkz_desktop.text.translit import cyrillic_to_latin

__all__ = ["Compiled", "compile_query", "parse"]

MAX_QUERY_CHARS = 1000
MAX_WORDS = 32
EXPANSION_BOOST = 0.6  # an expansion's score relative to the word typed (tiers rank first)

FIELD_NAMES = {
    "tag": "tag", "tags": "tag", "teg": "tag", "тег": "tag", "теги": "tag",
    "category": "category", "cat": "category", "kategoriya": "category",
    "категория": "category", "turkum": "category",
    "source": "source", "src": "source", "manba": "source", "источник": "source",
    "lang": "language", "language": "language", "til": "language", "язык": "language",
    "year": "year", "yil": "year", "год": "year",
    "date": "date", "sana": "date", "дата": "date",
    "entity": "entity", "shaxs": "entity", "joy": "entity",
}  # fmt: skip

# Function words dropped from plain-word queries (never from phrases or thesaurus spans).
_STOPWORD_TEXT = """
va bilan uchun ham hamda bu shu u esa bir ikki yil yilda da ga ni ning dan edi emas yoki
lekin ammo biroq har barcha deb kabi orqali boʻyicha oʻrtasida oʻrtasidagi и в во на с со
по что не как для от к о об из за это также между после при или но а же его ее её их они
он она до под над без через the and of in to a an is are was were be been for on with as
by that this these from between which its it at or not their also into және мен бен пен
бұл осы үшін
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_OPEN_QUOTES = '"“«„'
_CLOSE_QUOTES = '"”»“'
_FIELD_RE = re.compile(r"^(?P<name>[^\W\d_]+):(?P<value>.*)$", re.DOTALL)
_FUZZY_RE = re.compile(r"^(?P<word>.+?)~(?P<distance>[12])?$")
_YEAR_RE = re.compile(r"^\d{4}$")
_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")
_DOTTED_DATE_RE = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$")


class QuerySyntaxError(ValueError):
    """The query does not follow the grammar (it is then searched as plain words)."""


# --- syntax tree ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WordNode:
    text: str
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class PhraseNode:
    text: str


@dataclass(frozen=True)
class FieldNode:
    name: str  # canonical: tag, category, source, language, year, date, entity
    value: str


@dataclass(frozen=True)
class NotNode:
    child: QueryNode


@dataclass(frozen=True)
class AndNode:
    children: tuple[QueryNode, ...]


@dataclass(frozen=True)
class OrNode:
    children: tuple[QueryNode, ...]


QueryNode = WordNode | PhraseNode | FieldNode | NotNode | AndNode | OrNode


# --- lexer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # word | phrase | field | and | or | not | minus | open | close
    text: str = ""
    value: str = ""


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
            continue
        if char in "()":
            tokens.append(_Token("open" if char == "(" else "close"))
            i += 1
            continue
        if char in _OPEN_QUOTES:
            end = _closing_quote(query, i + 1)
            tokens.append(_Token("phrase", query[i + 1 : end]))
            i = end + 1
            continue
        if char in "-!" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] not in "-!":
            tokens.append(_Token("minus"))
            i += 1
            continue
        if char == "+" and i + 1 < n and not query[i + 1].isspace():
            i += 1
            continue
        start = i
        while i < n and not query[i].isspace() and query[i] not in "()" + _OPEN_QUOTES:
            i += 1
        chunk = query[start:i]
        field_match = _FIELD_RE.match(chunk)
        if field_match and field_match.group("name").casefold() in FIELD_NAMES:
            value = field_match.group("value")
            if not value and i < n and query[i] in _OPEN_QUOTES:
                end = _closing_quote(query, i + 1)
                value = query[i + 1 : end]
                i = end + 1
            if not value.strip():
                raise QuerySyntaxError(f"“{chunk}” has no value")
            name = FIELD_NAMES[field_match.group("name").casefold()]
            tokens.append(_Token("field", name, value.strip()))
        elif chunk in ("AND", "&&"):
            tokens.append(_Token("and"))
        elif chunk in ("OR", "||"):
            tokens.append(_Token("or"))
        elif chunk == "NOT":
            tokens.append(_Token("not"))
        else:
            tokens.append(_Token("word", chunk))
    return tokens


def _closing_quote(query: str, start: int) -> int:
    for index in range(start, len(query)):
        if query[index] in _CLOSE_QUOTES:
            return index
    raise QuerySyntaxError("a quotation mark is not closed")


# --- parser ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> QueryNode:
        if not self.tokens:
            raise QuerySyntaxError("empty query")
        node = self.or_expr()
        if self.peek() is not None:
            raise QuerySyntaxError("a closing bracket has no opening one")
        return node

    def or_expr(self) -> QueryNode:
        children = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else OrNode(tuple(children))

    def and_expr(self) -> QueryNode:
        children = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("or", "close"):
            if token.kind == "and":
                self.take()
            children.append(self.unary())
        return children[0] if len(children) == 1 else AndNode(tuple(children))

    def unary(self) -> QueryNode:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("an operator has nothing after it")
        if token.kind in ("not", "minus"):
            self.take()
            return NotNode(self.unary())
        return self.atom()

    def atom(self) -> QueryNode:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("an operator has nothing after it")
        if token.kind == "open":
            self.take()
            node = self.or_expr()
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise QuerySyntaxError("a bracket is not closed")
            self.take()
            return node
        if token.kind in ("and", "or", "close"):
            raise QuerySyntaxError("an operator is missing a word")
        self.take()
        if token.kind == "phrase":
            return PhraseNode(token.text)
        if token.kind == "field":
            return FieldNode(token.text, token.value)
        return _word_node(token.text)


def _word_node(chunk: str) -> WordNode:
    if chunk.endswith("*") and len(chunk.rstrip("*")) >= 2:
        return WordNode(chunk.rstrip("*"), prefix=True)
    fuzzy = _FUZZY_RE.match(chunk)
    if fuzzy:
        return WordNode(fuzzy.group("word"), fuzzy=int(fuzzy.group("distance") or 1))
    return WordNode(chunk)


def parse(query: str) -> QueryNode:
    """The syntax tree of `query`; raises QuerySyntaxError when it is malformed."""
    return _Parser(_lex(query)).parse()


def _has_operator(node: QueryNode) -> bool:
    return isinstance(node, OrNode | NotNode) or (
        isinstance(node, AndNode) and any(_has_operator(child) for child in node.children)
    )


# --- compiling ------------------------------------------------------------------------------


@dataclass
class Compiled:
    plan: Node | None  # None: nothing to search for
    notice: str | None
    source: str = ""  # the query as searched (control characters removed, cut to length)
    words: list[QueryWord] = field(default_factory=list)  # plain words (for "did you mean")
    plain_and: bool = False  # only words and phrases, combined with AND (may relax to OR)
    relaxed: Node | None = None  # the OR version of a plain AND query


class _Compiler:
    def __init__(self, query: str, source: Thesaurus) -> None:
        self.query = query
        self.thesaurus = source
        self.notices: list[str] = []
        self.words: list[QueryWord] = []

    def note(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def compile(self, node: QueryNode, negated: bool = False) -> Node | None:
        if isinstance(node, AndNode):
            return self._and(node.children, negated)
        if isinstance(node, OrNode):
            children = [self.compile(child, negated) for child in node.children]
            kept = tuple(child for child in children if child is not None)
            if not kept:
                return None
            return kept[0] if len(kept) == 1 else AnyOf(kept)
        if isinstance(node, NotNode):
            inner = self.compile(node.child, negated=True)
            return Not(inner) if inner is not None else None
        return self._and((node,), negated)

    def _and(self, children: Sequence[QueryNode], negated: bool) -> Node | None:
        parts: list[Node] = []
        run: list[WordNode | PhraseNode] = []

        def flush() -> None:
            if run:
                parts.extend(self._words(run, negated))
                run.clear()

        for child in children:
            if isinstance(child, WordNode) and not child.prefix and not child.fuzzy:
                run.append(child)
                continue
            flush()
            if isinstance(child, PhraseNode):
                compiled = self._phrase(child.text, negated)
            elif isinstance(child, WordNode):
                compiled = self._special_word(child, negated)
            elif isinstance(child, FieldNode):
                compiled = self._field(child)
            else:
                compiled = self.compile(child, negated)
            if compiled is not None:
                parts.append(compiled)
        flush()
        if not parts:
            return None
        if all(isinstance(part, Not) for part in parts):
            parts.insert(0, Everything())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    # words ------------------------------------------------------------------------------

    def _words(self, run: Sequence[WordNode | PhraseNode], negated: bool) -> list[Node]:
        """Plain words: thesaurus spans, then one group per remaining non-stop word."""
        words: list[QueryWord] = []
        for node in run:
            words.extend(query_variants(node.text))
        if len(words) > MAX_WORDS:
            self.note(f"Only the first {MAX_WORDS} words were searched.")
            words = words[:MAX_WORDS]
        if not negated:
            self.words.extend(words)
        expansions = (
            {} if negated else {e.start: e for e in self.thesaurus.expand([w.terms for w in words])}
        )
        groups: list[Node] = []
        position = 0
        while position < len(words):
            expansion = expansions.get(position)
            if expansion is not None:
                span = words[position : expansion.end]
                groups.append(self._span_group(span, expansion.alternatives))
                position = expansion.end
                continue
            word = words[position]
            position += 1
            if word.text.casefold() in STOPWORDS and not word.entity:
                continue
            groups.append(self._word_group(word, ()))
        if not groups and words:
            # only function words: search them after all
            groups = [self._word_group(word, ()) for word in words]
        return groups

    def _alternatives(self, alternatives: Sequence[tuple[str, ...]]) -> list[Alt]:
        alts = []
        for keys in alternatives:
            node: Node = Term(keys[0]) if len(keys) == 1 else Phrase(tuple((key,) for key in keys))
            alts.append(Alt(node, EXPANSION_BOOST, original=False))
        return alts

    def _word_group(self, word: QueryWord, alternatives: Sequence[tuple[str, ...]]) -> Group:
        alts = [Alt(Term(key), 1.0, original=True) for key in word.terms]
        # a phrase that contains the word itself finds nothing the word does not
        own = set(word.terms)
        useful = [keys for keys in alternatives if not own.intersection(keys)]
        return Group(tuple(alts + self._alternatives(useful)), weight=1)

    def _span_group(
        self, span: Sequence[QueryWord], alternatives: Sequence[tuple[str, ...]]
    ) -> Group:
        if len(span) == 1:
            return self._word_group(span[0], alternatives)
        originals: list[Node] = []
        for word in span:
            if word.text.casefold() in STOPWORDS and not word.entity:
                continue
            originals.append(Group(tuple(Alt(Term(key), 1.0, True) for key in word.terms), 1))
        original: Node = originals[0] if len(originals) == 1 else AllOf(tuple(originals))
        alts = [Alt(original, 1.0, original=True), *self._alternatives(alternatives)]
        return Group(tuple(alts), weight=len(originals))

    def _phrase(self, text: str, negated: bool) -> Node | None:
        words = query_variants(text)
        if not words:
            return None
        if len(words) > MAX_WORDS:
            self.note(f"Only the first {MAX_WORDS} words of a phrase were searched.")
            words = words[:MAX_WORDS]
        positions = tuple(word.terms for word in words)
        if not negated:
            self.words.extend(words)
        phrase = Phrase(positions)
        alternatives: list[tuple[str, ...]] = []
        if not negated:
            for expansion in self.thesaurus.expand(positions):
                if expansion.start == 0 and expansion.end == len(words):
                    alternatives = list(expansion.alternatives)
        return Group((Alt(phrase, 1.0, True), *self._alternatives(alternatives)), weight=len(words))

    def _special_word(self, node: WordNode, negated: bool) -> Node | None:
        words = query_variants(node.text)
        if len(words) != 1:
            if node.prefix or node.fuzzy:
                self.note(f"“{node.text}” is not one word: searched as a phrase.")
            return self._phrase(node.text, negated)
        word = words[0]
        folded = word.text.casefold()
        texts = _dictionary_forms(folded)
        if node.prefix:
            alts = [Alt(TermSet("prefix", texts), 1.0, True)]
            alts += [Alt(Term(key), 1.0, True) for key in entity_prefix_keys(folded)]
            return Group(tuple(alts), weight=1)
        texts = tuple(dict.fromkeys(texts + word.terms))
        alts = [Alt(Term(key), 1.0, True) for key in word.terms]
        alts.append(Alt(TermSet("fuzzy", texts, node.fuzzy), 0.9, True))
        return Group(tuple(alts), weight=1)

    # fields -----------------------------------------------------------------------------

    def _field(self, node: FieldNode) -> Node | None:
        if node.name in ("year", "date"):
            span = _date_range(node.value, node.name == "year")
            if span is None:
                self.note(f"“{node.name}:{node.value}” is not a date or a range of dates: ignored.")
                return None
            return DateFilter(*span)
        values = tuple(value.strip() for value in node.value.split(",") if value.strip())
        return FacetFilter(node.name, values) if values else None


def _dictionary_forms(folded: str) -> tuple[str, ...]:
    """What a prefix or fuzzy word is compared with: the typed word, loose, and Latin."""
    forms = [folded.replace("ʻ", "").replace("ʼ", "")]
    if re.search("[\u0400-\u04ff]", folded):
        forms.append(cyrillic_to_latin(folded).casefold().replace("ʻ", "").replace("ʼ", ""))
        forms.append(folded.replace("ё", "е"))
    return tuple(dict.fromkeys(forms))


def _day(text: str, last: bool) -> int | None:
    match = _DATE_RE.match(text) or _DOTTED_DATE_RE.match(text)
    if match is None:
        return None
    year = int(match.group("year"))
    month = int(match.group("month")) if match.group("month") else None
    day = int(match.group("day")) if match.group("day") else None
    try:
        if month is None:
            return date(year, 12, 31).toordinal() if last else date(year, 1, 1).toordinal()
        if day is None:
            first = date(year, month, 1)
            if not last:
                return first.toordinal()
            following = date(year + (month == 12), month % 12 + 1, 1)
            return following.toordinal() - 1
        return date(year, month, day).toordinal()
    except ValueError:
        return None


def _date_range(value: str, year_only: bool) -> tuple[int | None, int | None] | None:
    value = value.strip()
    if ".." in value:
        low, _, high = value.partition("..")
    elif year_only and re.match(r"^\d{4}-\d{4}$", value):
        low, _, high = value.partition("-")
    else:
        low = high = value
    low, high = low.strip(), high.strip()
    if year_only and ((low and not _YEAR_RE.match(low)) or (high and not _YEAR_RE.match(high))):
        return None
    first = _day(low, last=False) if low else None
    last = _day(high, last=True) if high else None
    if (low and first is None) or (high and last is None) or (first is None and last is None):
        return None
    if first is not None and last is not None and first > last:  # written backwards
        first, last = _day(high, last=False), _day(low, last=True)
    return first, last


def _clean(query: str, notices: list[str]) -> str:
    query = unicodedata.normalize("NFC", query)
    if _CONTROL_RE.search(query):
        query = _CONTROL_RE.sub(" ", query)
        notices.append("Control characters in the query were ignored.")
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        notices.append(
            f"The query is very long: only its first {MAX_QUERY_CHARS} characters were used."
        )
    return query


def compile_query(query: str, source: Thesaurus | None = None) -> Compiled:
    """Parse and translate a query; malformed queries become plain words. Never raises."""
    notices: list[str] = []
    cleaned = _clean(query, notices)
    compiler = _Compiler(cleaned, source or thesaurus())
    try:
        tree: QueryNode | None = parse(cleaned) if cleaned.strip() else None
    except QuerySyntaxError as problem:
        notices.append(
            f"The query could not be read as written ({problem}): searched as plain words."
        )
        tree = _plain_words(cleaned)
    if tree is None:
        notices.append("There is nothing to search for in this query.")
        return Compiled(plan=None, notice=" ".join(notices), source=cleaned)
    plan = compiler.compile(tree)
    notices.extend(compiler.notices)
    if plan is None:
        notices.append("There is nothing to search for in this query.")
    plain = not _has_operator(tree) and _only_words(tree)
    relaxed = None
    if plain and isinstance(plan, AllOf) and all(isinstance(c, Group) for c in plan.children):
        relaxed = AnyOf(plan.children)
    return Compiled(
        plan=plan,
        notice=" ".join(notices) or None,
        source=cleaned,
        words=compiler.words,
        plain_and=plain,
        relaxed=relaxed,
    )


def _only_words(node: QueryNode) -> bool:
    if isinstance(node, WordNode | PhraseNode):
        return True
    if isinstance(node, AndNode):
        return all(_only_words(child) for child in node.children)
    return False


_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT"})


def _plain_words(query: str) -> QueryNode | None:
    words = [
        word.text
        for word in query_variants(query)
        if query[word.start : word.end] not in _OPERATOR_WORDS
    ]
    if not words:
        return None
    nodes = tuple(WordNode(word) for word in words[:MAX_WORDS])
    return nodes[0] if len(nodes) == 1 else AndNode(nodes)
