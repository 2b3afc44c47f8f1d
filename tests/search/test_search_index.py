"""The search index end to end, on a real Whoosh index of the test archive."""

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from search_fixture import EVENTS, all_docs, event_doc

from conftest import STAMP
from uzkz_desktop.core.errors import SearchIndexError
from uzkz_desktop.search import (
    IndexDamaged,
    IndexDoc,
    IndexStale,
    SearchFilters,
    SearchIndex,
    SearchResult,
)


def events(result: SearchResult) -> list[int]:
    return [hit.event_id for hit in result.hits]


def found(index: SearchIndex, query: str, limit: int = 50) -> set[int]:
    return set(events(index.search(query, limit=limit, texts=event_doc)))


def words_of(result: SearchResult, event_id: int) -> list[str]:
    hit = next(hit for hit in result.hits if hit.event_id == event_id)
    return [s.text[a:b] for s in hit.snippets for a, b in s.highlights]


def overlapping(first: str, last: str) -> set[int]:
    low, high = date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal()
    return {
        event_id
        for event_id, (_, _, _, (start, end), _, _) in EVENTS.items()
        if date.fromisoformat(start).toordinal() <= high
        and date.fromisoformat(end).toordinal() >= low
    }


# --- scripts, spellings, inflection ---------------------------------------------------------

KAZAKHSTAN_EVENTS = {101, 102, 103, 104, 105, 108, 110, 112, 113, 114, 116, 118, 119, 120, 121,
                     122, 124, 125, 126, 129, 131, 134, 136, 137}  # fmt: skip


@pytest.mark.parametrize(
    "spelling",
    ["Qozog'iston", "Qozog‘iston", "Qozogʻiston", "Qozog’iston", "Qozog„iston", "qozogiston",
     "Қозоғистон", "Казахстан", "Казахстане", "Қазақстан", "Kazakhstan", "Kazakhstan's"],
)  # fmt: skip
def test_every_spelling_of_kazakhstan_finds_the_same_events(
    fixture_index: SearchIndex, spelling: str
) -> None:
    assert found(fixture_index, spelling) == KAZAKHSTAN_EVENTS


def test_ascii_apostrophe_finds_curly_and_cyrillic(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("Qozog'iston", limit=50, texts=event_doc)
    assert "Qozog‘istondan" in words_of(result, 108)
    assert "Қозоғистонга" in words_of(result, 101)
    assert "Qozog„iston" in words_of(result, 116)


def test_inflected_forms_are_found(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("hamkorlik", limit=50, texts=event_doc)
    assert "hamkorlikni" in words_of(result, 138)
    result = fixture_index.search("O‘zbekiston", limit=50, texts=event_doc)
    assert "O‘zbekistonning" in words_of(result, 113)


def test_russian_ambassador_finds_inflections_and_translations(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("посол", limit=50, texts=event_doc)
    assert {129, 130} <= set(events(result))
    assert {"посла", "послом"} <= set(words_of(result, 130))
    assert {121, 131, 136} <= set(events(result))  # elchilari, элчиси, ambassador
    assert "элчиси" in words_of(result, 131)


def test_exact_matches_rank_above_expansions(fixture_index: SearchIndex) -> None:
    ranked = events(fixture_index.search("посол", limit=50, texts=event_doc))
    assert set(ranked[:2]) == {129, 130}
    ranked = events(fixture_index.search("elchi", limit=50, texts=event_doc))
    assert set(ranked[:2]) == {121, 131}
    assert {129, 130, 136} <= set(ranked[2:])


def test_railway_crosses_languages(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("railway", limit=50, texts=event_doc)
    assert {115, 116, 130, 131, 132} <= set(events(result))
    assert events(result)[0] == 132  # the English word itself first
    assert {"temir", "yo‘l"} <= set(words_of(result, 115))
    assert {"железной", "дороги"} <= set(words_of(result, 130))


def test_cyrillic_query_finds_latin_and_russian(fixture_index: SearchIndex) -> None:
    assert {115, 116, 130, 131, 132} <= found(fixture_index, "темир йўл")
    assert {115, 116, 130, 131, 132} <= found(fixture_index, "железная дорога")


# --- phrases, prefixes, fuzzy ------------------------------------------------------------------


def test_phrases(fixture_index: SearchIndex) -> None:
    assert found(fixture_index, '"savdo aylanmasi"') >= {114}
    assert 115 in found(fixture_index, '"temir yo‘l"')
    # both words, but not next to each other: no phrase
    assert 126 not in found(fixture_index, '"integratsiya mintaqaviy"')
    assert 126 in found(fixture_index, '"mintaqaviy integratsiya"')


def test_phrase_never_spans_two_excerpts(fixture_index: SearchIndex) -> None:
    # event 114: excerpt 1 ends with "... import edi 18." and excerpt 2 starts "Kazakhstan"
    assert 114 not in found(fixture_index, '"edi 18 kazakhstan"')


def test_prefix(fixture_index: SearchIndex) -> None:
    assert {110, 128, 138} <= found(fixture_index, "hamkor*")
    assert 131 in found(fixture_index, "Toshk*")  # Тошкент, through the name


def test_fuzzy(fixture_index: SearchIndex) -> None:
    assert {101, 102, 103, 113, 119, 130} <= found(fixture_index, "Tokaev~")
    assert 138 in found(fixture_index, "hamkorlk~")


# --- fields ---------------------------------------------------------------------------------


def test_category_tag_and_language_fields(fixture_index: SearchIndex) -> None:
    assert found(fixture_index, "category:energy") == {112}
    assert found(fixture_index, "tag:culture/abay") == {106, 107}
    assert found(fixture_index, "tag:culture") == {105, 106, 107, 136}
    assert found(fixture_index, "lang:ru") == {122, 123, 129, 130, 135, 137}
    assert found(fixture_index, "lang:uz") >= {101, 105, 131}
    assert found(fixture_index, "source:004") == {101, 102, 103, 104}


def test_year_and_date_ranges_overlap(fixture_index: SearchIndex) -> None:
    assert found(fixture_index, "year:2024") == overlapping("2024-01-01", "2024-12-31")
    in_range = found(fixture_index, "date:2023..2024")
    assert in_range == overlapping("2023-01-01", "2024-12-31")
    assert 102 in in_range
    assert 123 in in_range
    assert 116 not in in_range
    assert 118 not in in_range
    assert found(fixture_index, "date:2023-05") == overlapping("2023-05-01", "2023-05-31")


def test_fields_combine_with_words(fixture_index: SearchIndex) -> None:
    assert found(fixture_index, "category:transport temir") == {115, 116, 131}
    assert found(fixture_index, "Tokayev -category:diplomacy") == {102, 113}


def test_ui_filters(fixture_index: SearchIndex) -> None:
    filters = SearchFilters(categories=("culture",), start_day=date(2023, 1, 1).toordinal())
    result = fixture_index.search("madaniyat", texts=event_doc, filters=filters)
    assert set(events(result)) == {105, 136}  # 136 through the thesaurus (culture)


def _filtered(index: SearchIndex, query: str, **filters: object) -> set[int]:
    result = index.search(query, limit=100, texts=event_doc, filters=SearchFilters(**filters))  # type: ignore[arg-type]
    return set(events(result))


def _tagged(*wanted: str) -> set[int]:
    """Events of the fixture carrying any of `wanted` or a tag below it."""
    return {
        event_id
        for event_id, event in EVENTS.items()
        if any(tag == w or tag.startswith(w + "/") for tag in event[2] for w in wanted)
    }


def test_excluded_tags_leave_events_out_with_the_tags_below(fixture_index: SearchIndex) -> None:
    left = _filtered(fixture_index, "", exclude_tags=("transport", "ambassadors"))
    assert left == set(EVENTS) - _tagged("transport", "ambassadors")
    assert {115, 121} & left == set()  # transport/railway is below transport
    railway = _filtered(fixture_index, "temir yo‘l")
    assert 130 in railway
    assert _filtered(fixture_index, "temir yo‘l", exclude_tags=("ambassadors",)) == railway - {
        129, 130, 131, 136,
    }  # fmt: skip


def test_all_tags_requires_every_tag(fixture_index: SearchIndex) -> None:
    tags = ("ambassadors", "transport")
    assert _filtered(fixture_index, "", tags=tags) == _tagged("ambassadors", "transport")
    assert _filtered(fixture_index, "", tags=tags, all_tags=True) == {130, 131}
    assert (
        _filtered(fixture_index, "", tags=tags, all_tags=True, exclude_tags=("transport/railway",))
        == set()
    )
    assert _filtered(fixture_index, "", tags=("transport",), exclude_tags=("maktaaral",)) == (
        _tagged("transport") - {116, 132}
    )


def test_document_frequencies_follow_updates(tmp_path: Path) -> None:
    from uzkz_desktop.search.analysis import analyse

    (tokayev,) = (token.term for token in analyse("Tokayev", "en"))
    docs = [event_doc(101), event_doc(102)]
    with SearchIndex.rebuild(tmp_path / "index", docs, stamp=STAMP, procs=1) as index:
        assert index.document_frequencies([tokayev, "no-such-word"]) == {
            tokayev: 2, "no-such-word": 0,
        }  # fmt: skip
        index.update([event_doc(103)], stamp="next")
        assert index.document_frequencies(iter([tokayev])) == {tokayev: 3}


def test_a_tag_filter_is_split_at_slashes_only(tmp_path: Path) -> None:
    docs = [
        replace(event_doc(101), tags=("energy-saving",)),
        replace(event_doc(102), tags=("energy/oil",)),
    ]
    with SearchIndex.rebuild(tmp_path / "index", docs, stamp=STAMP, procs=1) as index:
        assert _filtered(index, "", tags=("energy",)) == {102}
        assert _filtered(index, "", exclude_tags=("energy",)) == {101}
        assert _filtered(index, "", languages=("uz",)) == {101, 102}  # uz-Cyrl: below uz


# --- malformed queries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expect_hits"),
    [('"temir yo‘l', True), ("AND", False), ("(((", False), ("x y " * 2500, False),
     ("savdo\x00\x07aylanmasi", True), ("!!!...", False), ("savdo )", True)],
)  # fmt: skip
def test_malformed_queries_return_results_with_a_notice(
    fixture_index: SearchIndex, query: str, expect_hits: bool
) -> None:
    result = fixture_index.search(query, texts=event_doc)
    assert isinstance(result, SearchResult)
    assert result.notice
    assert bool(result.hits) == expect_hits


# --- hits, snippets, facets, suggestions --------------------------------------------------------


def test_one_hit_per_event_with_a_snippet_per_matching_excerpt(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("madaniyati kunlari", texts=event_doc)
    assert len(events(result)) == len(set(events(result)))
    hit = next(hit for hit in result.hits if hit.event_id == 105)
    assert [snippet.excerpt_id for snippet in hit.snippets] == [1051, 1052]
    for snippet in hit.snippets:
        assert {snippet.text[a:b] for a, b in snippet.highlights} == {"madaniyati", "kunlari"}
        assert snippet.source_key == "000"


def test_highlights_slice_the_original_text(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("Qozog'iston hamkorlik", limit=50, texts=event_doc)
    for hit in result.hits:
        doc = event_doc(hit.event_id)
        texts = {excerpt_id: text for excerpt_id, text, *_ in doc.texts}
        for snippet in hit.snippets:
            assert snippet.text == texts[snippet.excerpt_id]
            for start, end in snippet.highlights:
                word = snippet.text[start:end]
                assert word
                assert word.strip() == word
                assert "<" not in word


def test_title_highlights(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("railway", texts=event_doc)
    hit = next(hit for hit in result.hits if hit.event_id == 132)
    title = event_doc(132).title
    assert [title[a:b] for a, b in hit.title_highlights] == ["railway"]


def test_without_texts_the_hits_have_no_snippets(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("railway")
    assert result.hits
    assert all(hit.snippets == () for hit in result.hits)


def test_facet_counts(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("tag:culture", texts=event_doc)
    assert result.total == 4
    assert result.facets["category"] == {"culture": 4}
    assert result.facets["tag"]["culture"] == 4
    assert result.facets["tag"]["culture/abay"] == 2
    assert result.facets["tag"]["culture/culture-days"] == 2
    assert result.facets["year"] == {"2022": 2, "2023": 2, "2024": 1}  # 105 spans 2023–2024
    assert result.facets["decade"] == {"2020s": 4}
    assert result.facets["language"] == {"uz-Latn": 3, "en": 1}
    assert result.facets["source"] == {"000": 3, "authored": 1}


def test_filter_only_queries_come_in_date_order(fixture_index: SearchIndex) -> None:
    ranked = events(fixture_index.search("tag:culture", texts=event_doc))
    assert ranked == [106, 107, 105, 136]


def test_total_counts_all_matches_beyond_the_limit(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("Kazakhstan", limit=3, texts=event_doc)
    assert len(result.hits) == 3
    assert result.total == len(KAZAKHSTAN_EVENTS)


def test_did_you_mean(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("hamkorlk", texts=event_doc)
    assert result.did_you_mean == "hamkorlik"
    assert "hamkorlik" in fixture_index.suggest("hamkorlk")
    assert fixture_index.search("hamkorlik", texts=event_doc).did_you_mean is None


def test_no_whoosh_type_leaks(fixture_index: SearchIndex) -> None:
    result = fixture_index.search("Kazakhstan railway", texts=event_doc)
    values: list[object] = [result, *result.hits, *result.query_terms]
    for hit in result.hits:
        values.extend(hit.snippets)
    assert not any(type(value).__module__.startswith("whoosh") for value in values)


# --- lifecycle: stamps, damage, atomic rebuild, updates ------------------------------------------


@pytest.fixture
def small_index(tmp_path: Path) -> Iterator[tuple[Path, SearchIndex]]:
    folder = tmp_path / "small.index"
    index = SearchIndex.rebuild(folder, [event_doc(i) for i in (105, 115, 129, 130)], stamp="a")
    yield folder, index
    index.close()


def test_stale_stamp_and_missing_index(
    small_index: tuple[Path, SearchIndex], tmp_path: Path
) -> None:
    folder, index = small_index
    index.close()
    with pytest.raises(IndexStale):
        SearchIndex.open(folder, stamp="b")
    with pytest.raises(IndexStale):
        SearchIndex.open(tmp_path / "nothing-here", stamp="a")
    assert issubclass(IndexStale, SearchIndexError)
    assert issubclass(IndexDamaged, SearchIndexError)
    SearchIndex.open(folder, stamp="a").close()


def test_corrupted_index_is_damaged(small_index: tuple[Path, SearchIndex]) -> None:
    folder, index = small_index
    index.close()
    for path in folder.iterdir():
        if path.is_file() and path.name != "uzkz-search.json":
            path.write_bytes(os.urandom(64))
    with pytest.raises(IndexDamaged):
        SearchIndex.open(folder, stamp="a")


def test_garbled_description_is_damaged(small_index: tuple[Path, SearchIndex]) -> None:
    folder, index = small_index
    index.close()
    (folder / "uzkz-search.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexDamaged):
        SearchIndex.open(folder, stamp="a")


def test_rebuild_is_atomic(small_index: tuple[Path, SearchIndex]) -> None:
    folder, index = small_index
    index.close()

    def failing() -> Iterator[IndexDoc]:
        yield event_doc(101)
        yield event_doc(102)
        raise RuntimeError("the archive went away")

    with pytest.raises(RuntimeError, match="went away"):
        SearchIndex.rebuild(folder, failing(), stamp="b", procs=1)
    assert sorted(path.name for path in folder.parent.iterdir()) == ["small.index"]
    with SearchIndex.open(folder, stamp="a") as reopened:
        assert found(reopened, "temir") == {115}
        assert found(reopened, "Tokayev") == {130}


def test_rebuild_replaces_the_old_index(small_index: tuple[Path, SearchIndex]) -> None:
    folder, index = small_index
    index.close()
    with SearchIndex.rebuild(folder, [event_doc(132)], stamp="b") as rebuilt:
        assert found(rebuilt, "railway") == {132}
        assert rebuilt.event_count == 1


def test_update_and_delete(small_index: tuple[Path, SearchIndex]) -> None:
    folder, index = small_index
    changed = replace(
        event_doc(129),
        title="Посол вручил грамоты",
        texts=((1291, "Elchi Ostonada.", "uz-Latn", "x", None),),
        category="culture",
    )
    index.update([changed, event_doc(133)], stamp="b")
    assert index.stamp == "b"
    assert 129 in found(index, "Ostona")
    assert 129 not in found(index, "верительные")
    assert found(index, "category:culture") == {105, 129}
    assert found(index, "water") == {133}
    index.delete([133, 999], stamp="c")
    assert found(index, "water") == set()
    assert index.event_count == 4
    index.close()
    with pytest.raises(IndexStale):
        SearchIndex.open(folder, stamp="b")
    with SearchIndex.open(folder, stamp="c") as reopened:
        assert 129 in found(reopened, "Ostona")
        assert found(reopened, "category:culture") == {105, 129}
        assert found(reopened, "water") == set()


def test_updates_survive_without_a_clean_close(small_index: tuple[Path, SearchIndex]) -> None:
    folder, index = small_index
    index.update([event_doc(133)], stamp="b")
    copy = folder.with_name("copy.index")
    shutil.copytree(folder, copy)  # as if the process had died here (no snapshot at close)
    with SearchIndex.open(copy, stamp="b") as reopened:
        assert found(reopened, "water") == {133}


def test_parallel_build_matches_serial(tmp_path: Path, fixture_index: SearchIndex) -> None:
    # an iterator of unknown length: indexed by two worker processes
    docs = iter(all_docs())
    parallel = SearchIndex.rebuild(tmp_path / "parallel.index", docs, stamp=STAMP, procs=2)
    with parallel:
        for query in ("Qozog'iston", "посол", '"temir yo‘l"', "hamkor*", "tag:culture"):
            assert found(parallel, query) == found(fixture_index, query)


def test_duplicate_event_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="twice"):
        SearchIndex.rebuild(tmp_path / "dup.index", [event_doc(101), event_doc(101)], stamp="a")
    assert not (tmp_path / "dup.index").exists()


def test_many_updates_merge_segments_and_stay_correct(
    small_index: tuple[Path, SearchIndex],
) -> None:
    folder, index = small_index
    stamp = "a"
    for number in range(12):  # enough single updates for the small segments to be merged
        event_id = (129, 130, 133, 134)[number % 4]
        doc = replace(event_doc(event_id), title=f"tahrir {number}")
        stamp = f"edit-{number}"
        index.update([doc], stamp=stamp)
    assert found(index, "tahrir") == {129, 130, 133, 134}
    assert found(index, "water") == {133, 134}  # suv → water through the thesaurus
    assert found(index, "category:ecology") == {133, 134}
    assert index.event_count == 6
    index.merge_small_segments()
    assert found(index, "Посол") == {129, 130}
    index.close()
    with SearchIndex.open(folder, stamp=stamp) as reopened:
        assert found(reopened, "tahrir") == {129, 130, 133, 134}
        result = reopened.search("tahrir", texts=event_doc)
        assert result.facets["category"] == {"diplomacy": 2, "ecology": 2}
