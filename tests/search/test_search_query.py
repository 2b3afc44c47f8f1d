"""The query language: syntax, fields, dates, and malformed input that never raises."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uzkz_desktop.search.engine import AllOf, AnyOf, DateFilter, FacetFilter, Group, Not, TermSet
from uzkz_desktop.search.query import (
    AndNode,
    FieldNode,
    NotNode,
    OrNode,
    PhraseNode,
    QuerySyntaxError,
    WordNode,
    compile_query,
    parse,
)


def test_default_is_and_with_or_and_not() -> None:
    tree = parse("savdo (investitsiya OR sarmoya) NOT neft -gaz")
    assert isinstance(tree, AndNode)
    assert tree.children[0] == WordNode("savdo")
    assert isinstance(tree.children[1], OrNode)
    assert tree.children[2] == NotNode(WordNode("neft"))
    assert tree.children[3] == NotNode(WordNode("gaz"))


def test_phrases_prefixes_fuzzy_and_fields() -> None:
    tree = parse('"temir yo‘l" hamkor* Tokaev~ Tokaev~2 tag:culture/abay sana:2023..2024')
    assert isinstance(tree, AndNode)
    assert tree.children == (
        PhraseNode("temir yo‘l"),
        WordNode("hamkor", prefix=True),
        WordNode("Tokaev", fuzzy=1),
        WordNode("Tokaev", fuzzy=2),
        FieldNode("tag", "culture/abay"),
        FieldNode("date", "2023..2024"),
    )


def test_guillemets_and_field_phrases() -> None:
    assert parse("«железная дорога»") == PhraseNode("железная дорога")
    assert parse('source:"000 file"') == FieldNode("source", "000 file")


def test_unknown_field_is_a_word() -> None:
    assert parse("http:example") == WordNode("http:example")


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("date:2023..2024", date(2023, 1, 1), date(2024, 12, 31)),
        ("date:2023-05", date(2023, 5, 1), date(2023, 5, 31)),
        ("date:2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("date:2023-05-17", date(2023, 5, 17), date(2023, 5, 17)),
        ("date:17.05.2023", date(2023, 5, 17), date(2023, 5, 17)),
        ("year:2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("year:2020..2022", date(2020, 1, 1), date(2022, 12, 31)),
        ("yil:2020-2022", date(2020, 1, 1), date(2022, 12, 31)),
        ("date:2024..2023", date(2023, 1, 1), date(2024, 12, 31)),
    ],
)
def test_dates(query: str, first: date, last: date) -> None:
    compiled = compile_query(query)
    assert compiled.plan == DateFilter(first.toordinal(), last.toordinal())
    assert compiled.notice is None


def test_open_date_ranges() -> None:
    assert compile_query("date:..2000").plan == DateFilter(None, date(2000, 12, 31).toordinal())
    assert compile_query("date:2020..").plan == DateFilter(date(2020, 1, 1).toordinal(), None)


def test_bad_date_is_ignored_with_a_notice() -> None:
    compiled = compile_query("year:abc savdo")
    assert isinstance(compiled.plan, Group)
    assert compiled.notice
    assert "year:abc" in compiled.notice


def test_facet_filters_and_negation_compile() -> None:
    plan = compile_query("category:energy,transport -savdo").plan
    assert isinstance(plan, AllOf)
    assert plan.children[0] == FacetFilter("category", ("energy", "transport"))
    assert isinstance(plan.children[1], Not)


def test_prefix_and_fuzzy_become_term_sets() -> None:
    plan = compile_query("hamkor*").plan
    assert isinstance(plan, Group)
    assert plan.alts[0].node == TermSet("prefix", ("hamkor",))
    plan = compile_query("Tokaev~").plan
    assert isinstance(plan, Group)
    assert any(isinstance(alt.node, TermSet) and alt.node.distance == 1 for alt in plan.alts)


def test_expansions_rank_below_the_typed_word() -> None:
    plan = compile_query("посол").plan
    assert isinstance(plan, Group)
    originals = [alt for alt in plan.alts if alt.original]
    expansions = [alt for alt in plan.alts if not alt.original]
    assert originals
    assert expansions
    assert all(alt.boost < 1 for alt in expansions)


def test_plain_and_queries_can_relax_to_or() -> None:
    compiled = compile_query("savdo aylanmasi Maqtaaral")
    assert compiled.plain_and
    assert isinstance(compiled.relaxed, AnyOf)


def test_stopwords_are_dropped_but_not_alone() -> None:
    plan = compile_query("va savdo").plan
    assert isinstance(plan, Group)  # only 'savdo'
    assert compile_query("va").plan is not None


@pytest.mark.parametrize(
    "query",
    ['"temir yo‘l', "AND", "(((", "savdo )", "OR savdo", "NOT", '"', "x" * 10_000,
     "savdo\x00\x07 aylanma", "!!! ??? ...", "-", "tag:", "((savdo) OR", "date:..", "~~~", "***"],
)  # fmt: skip
def test_malformed_queries_never_raise(query: str) -> None:
    compiled = compile_query(query)
    assert compiled.notice


def test_malformed_query_is_searched_as_plain_words() -> None:
    compiled = compile_query('"temir yo‘l')
    assert compiled.notice
    assert "plain words" in compiled.notice
    assert compiled.plan is not None
    assert compiled.plain_and


def test_strict_parser_raises() -> None:
    with pytest.raises(QuerySyntaxError):
        parse('"unclosed')


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_compiles(query: str) -> None:
    compile_query(query)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["savdo", "посол", "Qozog'iston", "AND", "OR", "NOT", "(", ")", '"', "-", "*", "~",
             "tag:", "date:2023..", "year:", "«", "»", ":", " ", "\x00"]
        ),
        max_size=12,
    ).map("".join)
)  # fmt: skip
def test_operator_soup_compiles(query: str) -> None:
    compile_query(query)
